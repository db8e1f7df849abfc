"""The side panel: the events at the selected place and every sentence that names it.

It asks the project (``explorer.core.store.views``) for one place at a time:
its events under the current filters, each with every source, and a page
of the sentences that name it (more on request), never the whole project.
All article text is escaped before it becomes HTML, so markup in an article
shows as text. Each sentence links to its whole article, scrolled to it, and has a "Fix…" link
(the correction dialog for that mention, explorer.gui.corrections_ui).
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from explorer.core.events.describe import GEO_PRECISION_WORDS, describe_date, describe_sources
from explorer.core.models import Event, LedgerEvent, Mention
from explorer.core.store import views
from explorer.core.viewstate import Filters
from explorer.mapdoc.document import KIND_LABELS

ARTICLE_SCHEME = "article"
MORE_SCHEME = "more"
FIX_SCHEME = "fix"  # a mention's "Fix…" link: fix:ID?at=START,END
PAGE = 100  # sentences shown at a time


def highlighted_excerpt(sentence: str, m: Mention) -> str:
    """The sentence as escaped HTML with the mention highlighted (offsets relative to the sentence)."""
    a, b = m.start - m.sentence_start, m.end - m.sentence_start
    return (f"{escape(sentence[:a])}<span style='background-color:#ffd60a'><b>{escape(sentence[a:b])}</b></span>"
            f"{escape(sentence[b:])}")


def article_link(article_id: str, start: int, end: int, m_start: int, m_end: int) -> str:
    """A link that opens an article at a span, the mention marked: ``article:ID?at=START,END,M1,M2``.

    The id is percent-encoded (``#``, ``?``, ``&``, spaces, any script) and
    the query has no ``&``, so it survives HTML escaping as it is.
    """
    return f"{ARTICLE_SCHEME}:{quote(article_id, safe='')}?at={start},{end},{m_start},{m_end}"


def mention_link(m: Mention) -> str:
    return article_link(m.article_id, m.sentence_start, m.sentence_end, m.start, m.end)


def source_link(src: Event) -> str:
    """The link that opens an event's source article at its excerpt (the locating mention marked)."""
    ms = src.mention_start if src.mention_start is not None else src.start
    me = src.mention_end if src.mention_end is not None else src.start
    return article_link(src.article_id, src.start, src.end, ms, me)


def parse_article_link(url: QUrl | str) -> tuple[str, int, int, int, int] | None:
    """(article id, start, end, mention start, mention end) of a link made by :func:`article_link`."""
    text = url.toString(QUrl.FullyEncoded) if isinstance(url, QUrl) else str(url)
    text = text.replace("&amp;", "&")  # an escaped link as some widgets hand it back
    if not text.startswith(ARTICLE_SCHEME + ":"):
        return None
    body = text[len(ARTICLE_SCHEME) + 1:]
    aid, _, query = body.partition("?")
    if not query.startswith("at="):
        return None
    try:
        a, b, c, d = (int(x) for x in query[3:].split(","))
    except ValueError:
        return None
    aid = unquote(aid)
    return (aid, a, b, c, d) if aid else None


def fix_link(m: Mention) -> str:
    """The link that opens the correction dialog for one mention: ``fix:ID?at=START,END`` (the id
    percent-encoded as in :func:`article_link`)."""
    return f"{FIX_SCHEME}:{quote(m.article_id, safe='')}?at={m.start},{m.end}"


def parse_fix_link(url: QUrl | str) -> tuple[str, int, int] | None:
    """(article id, start, end) of a link made by :func:`fix_link`."""
    text = url.toString(QUrl.FullyEncoded) if isinstance(url, QUrl) else str(url)
    if not text.startswith(FIX_SCHEME + ":"):
        return None
    aid, _, query = text[len(FIX_SCHEME) + 1:].partition("?")
    if not query.startswith("at="):
        return None
    try:
        a, b = (int(x) for x in query[3:].split(","))
    except ValueError:
        return None
    aid = unquote(aid)
    return (aid, a, b) if aid else None


def event_html(conn, ev: LedgerEvent) -> str:
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
    titles = {r[0]: (r[1], r[2]) for r in conn.execute(
        f"SELECT article_id, title, outlet FROM articles WHERE article_id IN ({','.join('?' * len(ev.article_ids))})",
        ev.article_ids)} if ev.article_ids else {}
    excerpts = {(r[0], r[1]): r[2] for r in conn.execute(
        'SELECT article_id, "start", excerpt FROM event_reports WHERE event_fid = ?', (ev.event_id,))}
    items = []
    for src in ev.sources:
        title, outlet = titles.get(src.article_id, (src.article_id, None))
        where = escape(title or src.article_id) + (f" · {escape(outlet)}" if outlet else "")
        own = []
        if "type" in ev.disputed:
            own.append(src.event_type.replace("_", " "))
        if "date" in ev.disputed:
            own.append(describe_date(src))
        if "place" in ev.disputed and src.place is not None:
            own.append(src.place.name)
        version = f" <span style='color:#b00020'>({escape('; '.join(own))})</span>" if own else ""
        items.append(f"<li><span style='color:#777'>{where}</span>{version}<br>"
                     f"<span style='color:#333'>{escape(excerpts.get((src.article_id, src.start), ''))}</span>"
                     f"<br><a href='{escape(source_link(src), quote=True)}'>Open the article here</a></li>")
    return head + "</p><ul style='margin-top:2px'>" + "".join(items) + "</ul>"


def place_html(conn, place_id: str, filters: Filters | None = None, shown: int = PAGE) -> str:
    """The panel for one place: what it is, its events (under the filters), the first ``shown`` sentences."""
    found = views.place(conn, place_id)
    if found is None:
        return "<p>No mentions of this place.</p>"
    place, counts = found
    filters = filters or Filters()
    kind = KIND_LABELS.get(place.kind, place.kind)
    parts = [
        f"<h2>{escape(place.name)}</h2>",
        f"<p style='color:#555'>{escape(kind)}"
        + (f" · {escape(place.country_code)}" if place.country_code else "")
        + f" · {place.lat:.4f}, {place.lon:.4f} · <code>{escape(place.place_id)}</code></p>",
        f"<p><b>{counts['mentions']}</b> mention{'s' if counts['mentions'] != 1 else ''} in "
        f"{counts['articles']} article(s)</p>",
    ]
    events = views.place_events(conn, place_id, filters)
    if events or counts["events"]:
        hidden = counts["events"] - len(events)
        parts.append(f"<h3>Events here ({len(events)})</h3>")
        if hidden > 0:
            parts.append(f"<p style='color:#777'>{hidden} more hidden by the filters.</p>")
        for ev in events:
            parts.append(event_html(conn, ev))
        parts.append("<h3>Where it is named</h3>")
    page = views.place_mentions(conn, place_id, limit=shown)
    last_article = None
    for x in page:
        m = x.mention
        if m.article_id != last_article:
            parts.append(f"<h3 style='margin-bottom:2px'>{escape(x.title)}</h3>"
                         f"<p style='color:#777;margin-top:0'>{escape(m.article_id)}"
                         + (f" · {escape(x.outlet)}" if x.outlet else "") + "</p>")
            last_article = m.article_id
        parts.append(
            "<blockquote style='margin:4px 0 10px 8px'>"
            + highlighted_excerpt(x.sentence, m)
            + f"<br><a href='{escape(mention_link(m), quote=True)}'>Open the article at this sentence</a>"
            + f" <span style='color:#888'>(characters {m.start}–{m.end}"
            + (", corrected by hand" if m.correction_id is not None else "") + ")</span>"
            + f" · <a href='{escape(fix_link(m), quote=True)}' title='Move this mention to another place, or mark "
              "it as not a place'>Fix…</a>"
            "</blockquote>"
        )
    if counts["mentions"] > shown:
        parts.append(f"<p><a href='{MORE_SCHEME}:{shown + PAGE}'>Show {min(PAGE, counts['mentions'] - shown)} more "
                     f"of {counts['mentions'] - shown} further sentences</a></p>")
    return "\n".join(parts)


class SourcePanel(QWidget):
    """Lists events and sentences for a place; emits ``openArticle(article_id, start, end, m_start, m_end)``."""

    openArticle = Signal(str, int, int, int, int)
    fixMention = Signal(str, int, int)  # article id, start, end: the mention's "Fix…" link

    def __init__(self, parent=None):
        super().__init__(parent)
        self.conn = None
        self.filters = Filters()
        self.place_id: str | None = None
        self.shown = PAGE
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

    def set_source(self, conn, filters: Filters | None = None) -> None:
        """The project to read (a connection) and the filters; the place shown is read again."""
        self.conn = conn
        self.filters = filters or Filters()
        if self.place_id and conn is not None and views.place(conn, self.place_id):
            self.show_place(self.place_id, keep_page=True)
        else:
            self.place_id = None
            self.header.setText("Click a pin to read where its place is named.")
            self.browser.clear()

    def show_unnamed(self, title: str, html: str) -> None:
        """A place no article of the project names (a place search's choice): what it is, no sources."""
        self.place_id = None
        self.header.setText(title)
        self.browser.setHtml(html)

    def show_place(self, place_id: str, keep_page: bool = False) -> None:
        if self.conn is None:
            return
        if not keep_page or place_id != self.place_id:
            self.shown = PAGE
        self.place_id = place_id
        found = views.place(self.conn, place_id)
        self.header.setText(f"Sources for {found[0].name}" if found else "Unknown place")
        self.browser.setHtml(place_html(self.conn, place_id, self.filters, self.shown))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == MORE_SCHEME and self.place_id:
            try:
                self.shown = int(url.path())
            except ValueError:
                return
            bar = self.browser.verticalScrollBar().value()
            self.browser.setHtml(place_html(self.conn, self.place_id, self.filters, self.shown))
            self.browser.verticalScrollBar().setValue(bar)
            return
        if url.scheme() == FIX_SCHEME:
            fix = parse_fix_link(url)
            if fix:
                self.fixMention.emit(*fix)
            return
        parsed = parse_article_link(url)
        if parsed:
            self.openArticle.emit(*parsed)
