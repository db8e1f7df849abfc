"""A window with one whole article, scrolled to and highlighting a sentence."""
from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QTextBrowser, QVBoxLayout

from explorer.core.models import Article
from explorer.core.store.views import ArticleMention

ANCHOR = "ge-here"
MAX_NAME = 80  # a selection longer than this (or over a line break) is no place name to mark


def raw_span(raw: str, selected: str, near: int) -> tuple[int, int] | None:
    """Where the text ``selected`` in the article's view stands in its raw text: the occurrence nearest
    ``near`` (the view's position of the selection; the view folds runs of white space, so its positions run
    a little behind the raw text's). Spaces in the selection match any white space. None when not found."""
    words = selected.split()
    if not words or len(selected) > MAX_NAME or "\u2029" in selected or "\u2028" in selected:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    spans = [m.span() for m in pattern.finditer(raw)]
    return min(spans, key=lambda sp: abs(sp[0] - near)) if spans else None


MENTION_SCHEME = "mention"  # a mention's link in the view: mention:START,END (raw offsets)


def mention_href(start: int, end: int) -> str:
    return f"{MENTION_SCHEME}:{start},{end}"


def parse_mention_href(href: str) -> tuple[int, int] | None:
    scheme, _, rest = href.partition(":")
    if scheme != MENTION_SCHEME:
        return None
    try:
        start, end = (int(x) for x in rest.split(","))
    except ValueError:
        return None
    return start, end


def _mention_tip(m) -> str:
    where = f"{m.place_name} ({m.country_code})" if m.country_code else m.place_name
    return (f"Read as {where}" + (", corrected by hand" if m.corrected else "")
            + ". Right-click: move it to another place, or say it is not a place.")


def article_html(article: Article, start: int, end: int, m_start: int, m_end: int, mentions=()) -> str:
    """The article as escaped HTML; the sentence [start, end) shaded, the mention [m_start, m_end) marked,
    and each of ``mentions`` (the names read as places: ``start``, ``end``, ``place_name``, ``country_code``,
    ``corrected``) drawn as a link to itself (:func:`mention_href`), so a click on it can be told apart."""
    raw = article.raw_text
    start, end = max(0, start), min(len(raw), end)
    m_start, m_end = max(start, m_start), min(end, m_end)
    names = sorted((m for m in mentions if 0 <= m.start < m.end <= len(raw)), key=lambda m: (m.start, m.end))

    def para(text: str) -> str:
        return escape(text).replace("\n", "<br>")

    cuts = sorted({0, len(raw), start, end, m_start, m_end, *(m.start for m in names), *(m.end for m in names)})
    out = ["<div style='white-space:normal'>"]
    for a, b in zip(cuts, cuts[1:]):
        if a == start:
            out.append(f"<a name='{ANCHOR}'></a>")
        piece = para(raw[a:b])
        if m_start <= a < m_end:
            piece = f"<b style='background:#ffd60a'>{piece}</b>"
        m = next((m for m in names if m.start <= a < m.end), None)
        if m is not None:
            piece = (f"<a href='{mention_href(m.start, m.end)}' title='{escape(_mention_tip(m), quote=True)}' "
                     f"style='color:#0b4f9c'>{piece}</a>")
        if start <= a < end:
            piece = f"<span style='background:#fff3b0'>{piece}</span>"
        out.append(piece)
    if start >= len(raw):
        out.append(f"<a name='{ANCHOR}'></a>")
    out.append("</div>")
    return "".join(out)


class ArticleDialog(QDialog):
    """One whole article, its names read as places marked. Its context menu fixes such a name (moves it to
    another place, or says it is not a place) or marks a selected name the geoparser missed as a place."""

    markPlace = Signal(str, int, int)  # article id, raw start, raw end of the selected name
    fixMention = Signal(str, int, int, str)  # article id, raw start, raw end of a mention, "move" or "drop"

    def __init__(self, article: Article, start: int, end: int, m_start: int, m_end: int, parent=None,
                 mentions=()):
        super().__init__(parent)
        self.article = article
        self.article_id = article.article_id
        self.raw = article.raw_text
        self.focus = (start, end, m_start, m_end)
        self.mentions = list(mentions)
        self.last_menu = None
        self.setWindowTitle(article.title or article.article_id)
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        meta = [article.article_id]
        if article.outlet:
            meta.append(article.outlet)
        if article.path:
            meta.append(article.path)
        title = QLabel(f"<b>{escape(article.title)}</b><br><span style='color:#666'>{escape(' · '.join(meta))}</span>")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setContextMenuPolicy(Qt.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._menu)
        # a mention is a link only to be found under the pointer: no hand, a click does nothing
        self.browser.highlighted.connect(lambda _url: self.browser.viewport().setCursor(Qt.IBeamCursor))
        self.browser.setHtml(article_html(article, *self.focus, self.mentions))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browser.scrollToAnchor(ANCHOR)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self.browser.scrollToAnchor(ANCHOR)

    def set_mentions(self, mentions) -> None:
        """The article's mentions as the project has them now (after a correction, its undo or redo): the
        marks follow; the view stays where it was."""
        mentions = list(mentions)
        if mentions == self.mentions:
            return
        bar = self.browser.verticalScrollBar()
        at = bar.value()
        self.mentions = mentions
        self.browser.setHtml(article_html(self.article, *self.focus, self.mentions))
        bar.setValue(at)

    def mention_at(self, pos) -> ArticleMention | None:
        """The mention under ``pos`` (the view's viewport coordinates), or None."""
        span = parse_mention_href(self.browser.anchorAt(pos))
        return next((m for m in self.mentions if (m.start, m.end) == span), None) if span else None

    def selected_span(self) -> tuple[int, int] | None:
        """The raw offsets of the selected text, or None."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        return raw_span(self.raw, cursor.selectedText(), cursor.selectionStart())

    def selected_mention(self) -> ArticleMention | None:
        """The mention the selection lies in (or is), or None."""
        span = self.selected_span()
        if span is None:
            return None
        return next((m for m in self.mentions if m.start <= span[0] and span[1] <= m.end), None)

    def mark_action_text(self) -> str | None:
        if self.selected_mention() is not None:
            return None  # a name read as a place: the menu fixes it instead
        span = self.selected_span()
        return f"Mark “{self.raw[span[0]:span[1]]}” as a place…" if span else None

    def build_menu(self, pos) -> QMenu:
        """The view's context menu at ``pos``: the standard one (copy, select all), then, for the mention under
        the pointer or the selection, "Move … to another place…" and "… is not a place…"; for a selected
        name that is no mention, "Mark … as a place…"."""
        menu = self.browser.createStandardContextMenu(pos)
        for a in menu.actions():
            if a.objectName() == "link-copy":  # a mention's link is no address to copy
                menu.removeAction(a)
        m = self.mention_at(pos) or self.selected_mention()
        if m is not None:
            menu.addSeparator()
            name = self.raw[m.start:m.end]
            where = f"{m.place_name} ({m.country_code})" if m.country_code else m.place_name
            a = menu.addAction(f"Move “{name}” to another place…", lambda: self.fix(m, "move"))
            a.setStatusTip(f"Read as {where}: choose the right place (this mention, its article or the project)")
            b = menu.addAction(f"“{name}” is not a place…", lambda: self.fix(m, "drop"))
            b.setStatusTip(f"Read as {where}: take it as no place at all")
        text = self.mark_action_text()
        if text:
            menu.addSeparator()
            act = menu.addAction(text, self.mark_selection)
            act.setStatusTip("A name the geoparser did not read as a place: choose its place")
        return menu

    def _menu(self, pos) -> None:
        menu = self.build_menu(pos)
        self.last_menu = menu
        menu.popup(self.browser.viewport().mapToGlobal(pos))

    def fix(self, mention, mode: str) -> None:
        """Ask the window to fix ``mention`` (the correction dialog opens on it, in ``mode``)."""
        self.fixMention.emit(self.article_id, mention.start, mention.end, mode)

    def mark_selection(self) -> bool:
        """Ask the window to mark the selected name as a place (the correction dialog opens)."""
        span = self.selected_span()
        if span is None:
            return False
        self.markPlace.emit(self.article_id, *span)
        return True
