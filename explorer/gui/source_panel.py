"""The side panel: every excerpt that mentions the selected place.

All article text is escaped before it becomes HTML, so markup in an article
shows as text. Each excerpt links to the whole article, scrolled to it.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from explorer.core.events.describe import GEO_PRECISION_WORDS, describe_date, describe_sources
from explorer.core.models import Event, LedgerEvent, Mention
from explorer.core.store import Corpus
from explorer.mapdoc.document import KIND_LABELS

ARTICLE_SCHEME = "article"


def highlighted_excerpt(raw: str, m: Mention) -> str:
    """The sentence as escaped HTML with the mention highlighted."""
    before = raw[m.sentence_start:m.start]
    word = raw[m.start:m.end]
    after = raw[m.end:m.sentence_end]
    return f"{escape(before)}<span style='background-color:#ffd60a'><b>{escape(word)}</b></span>{escape(after)}"


def article_link(m: Mention) -> str:
    return f"{ARTICLE_SCHEME}:{m.article_id}?start={m.sentence_start}&end={m.sentence_end}&m={m.start}-{m.end}"


def source_link(src: Event) -> str:
    """The link that opens an event's source article at its excerpt (the locating mention highlighted)."""
    ms = src.mention_start if src.mention_start is not None else src.start
    me = src.mention_end if src.mention_end is not None else src.start
    return f"{ARTICLE_SCHEME}:{src.article_id}?start={src.start}&end={src.end}&m={ms}-{me}"


def parse_article_link(url: QUrl) -> tuple[str, int, int, int, int] | None:
    if url.scheme() != ARTICLE_SCHEME:
        return None
    try:
        args = dict(kv.split("=", 1) for kv in url.query().split("&"))
        ms, me = (int(x) for x in args["m"].split("-"))
        return url.path(), int(args["start"]), int(args["end"]), ms, me
    except (KeyError, ValueError):
        return None


def event_html(corpus: Corpus, ev: LedgerEvent) -> str:
    """One ledger event: what, when, who, how sure, and every source with a link to its sentence."""
    sub = f" · {escape(ev.sub_event_type)}" if ev.sub_event_type else ""
    actors = ", ".join(ev.actors) if ev.actors else "actors not named"
    precision = GEO_PRECISION_WORDS.get(ev.geo_precision)
    head = (f"<p style='margin:6px 0 2px 0'><b>{escape(ev.event_type.replace('_', ' '))}</b>"
            f" <span style='color:#666'>({escape(ev.acled_type)}{sub})</span><br>"
            f"<span style='color:#444'>{escape(describe_date(ev))} · {escape(actors)}"
            + (f" · {escape(precision)}" if precision else "")
            + f" · {escape(describe_sources(ev))}</span>")
    if ev.disputed:
        head += (f"<br><span style='color:#b00020'>Sources disagree on {escape(', '.join(ev.disputed))}: "
                 "each source's version is below.</span>")
    items = []
    for src in ev.sources:
        art = corpus.articles.get(src.article_id)
        if art is None:
            continue
        where = escape(art.title or src.article_id) + (f" · {escape(art.outlet)}" if art.outlet else "")
        own = []
        if "type" in ev.disputed:
            own.append(src.event_type.replace("_", " "))
        if "date" in ev.disputed:
            own.append(describe_date(src))
        if "place" in ev.disputed and src.place is not None:
            own.append(src.place.name)
        version = f" <span style='color:#b00020'>({escape('; '.join(own))})</span>" if own else ""
        items.append(f"<li><span style='color:#777'>{where}</span>{version}<br>"
                     f"<span style='color:#333'>{escape(art.raw_text[src.start:src.end])}</span>"
                     f"<br><a href='{escape(source_link(src), quote=True)}'>Open the article here</a></li>")
    return head + "</p><ul style='margin-top:2px'>" + "".join(items) + "</ul>"


def excerpts_html(corpus: Corpus, place_id: str) -> str:
    place = corpus.place(place_id)
    if place is None:
        return "<p>No mentions of this place.</p>"
    mentions = corpus.mentions_of(place_id)
    kind = KIND_LABELS.get(place.kind, place.kind)
    parts = [
        f"<h2>{escape(place.name)}</h2>",
        f"<p style='color:#555'>{escape(kind)}"
        + (f" · {escape(place.country_code)}" if place.country_code else "")
        + f" · {place.lat:.4f}, {place.lon:.4f} · <code>{escape(place.place_id)}</code></p>",
        f"<p><b>{len(mentions)}</b> mention{'s' if len(mentions) != 1 else ''} in "
        f"{len({m.article_id for m in mentions})} article(s)</p>",
    ]
    events = corpus.events_of(place_id)
    if events:
        parts.append(f"<h3>Events here ({len(events)})</h3>")
        for ev in events:
            parts.append(event_html(corpus, ev))
        parts.append("<h3>Where it is named</h3>")
    last_article = None
    for m in mentions:
        art = corpus.articles[m.article_id]
        if m.article_id != last_article:
            parts.append(f"<h3 style='margin-bottom:2px'>{escape(art.title)}</h3>"
                         f"<p style='color:#777;margin-top:0'>{escape(m.article_id)}"
                         + (f" · {escape(art.outlet)}" if art.outlet else "") + "</p>")
            last_article = m.article_id
        parts.append(
            "<blockquote style='margin:4px 0 10px 8px'>"
            + highlighted_excerpt(art.raw_text, m)
            + f"<br><a href='{escape(article_link(m), quote=True)}'>Open the article at this sentence</a>"
            + f" <span style='color:#888'>(characters {m.start}–{m.end})</span>"
            "</blockquote>"
        )
    return "\n".join(parts)


class SourcePanel(QWidget):
    """Lists excerpts for a place; emits ``openArticle(article_id, start, end, m_start, m_end)``."""

    openArticle = Signal(str, int, int, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.corpus: Corpus | None = None
        self.place_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.header = QLabel("Click a pin to read where its place is named.")
        self.header.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        layout.addWidget(self.header)
        layout.addWidget(self.browser, 1)

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        if self.place_id and corpus.place(self.place_id):
            self.show_place(self.place_id)
        else:
            self.place_id = None
            self.browser.clear()

    def show_place(self, place_id: str) -> None:
        if self.corpus is None:
            return
        self.place_id = place_id
        place = self.corpus.place(place_id)
        self.header.setText(f"Sources for {place.name}" if place else "Unknown place")
        self.browser.setHtml(excerpts_html(self.corpus, place_id))

    def _on_link(self, url: QUrl) -> None:
        parsed = parse_article_link(url)
        if parsed:
            self.openArticle.emit(*parsed)
