"""A window with one whole article, scrolled to and highlighting a sentence."""
from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from explorer.core.models import Article

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


def article_html(article: Article, start: int, end: int, m_start: int, m_end: int) -> str:
    """The article as escaped HTML; the sentence [start, end) shaded, the mention marked."""
    raw = article.raw_text
    start, end = max(0, start), min(len(raw), end)
    m_start, m_end = max(start, m_start), min(end, m_end)

    def para(text: str) -> str:
        return escape(text).replace("\n", "<br>")

    return (
        "<div style='white-space:normal'>"
        + para(raw[:start])
        + f"<a name='{ANCHOR}'></a><span style='background:#fff3b0'>"
        + para(raw[start:m_start])
        + "<b style='background:#ffd60a'>" + para(raw[m_start:m_end]) + "</b>"
        + para(raw[m_end:end])
        + "</span>"
        + para(raw[end:])
        + "</div>"
    )


class ArticleDialog(QDialog):
    """One whole article; its context menu marks a selected name the geoparser missed as a place."""

    markPlace = Signal(str, int, int)  # article id, raw start, raw end of the selected name

    def __init__(self, article: Article, start: int, end: int, m_start: int, m_end: int, parent=None):
        super().__init__(parent)
        self.article_id = article.article_id
        self.raw = article.raw_text
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
        self.browser.setHtml(article_html(article, start, end, m_start, m_end))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browser.scrollToAnchor(ANCHOR)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self.browser.scrollToAnchor(ANCHOR)

    def selected_span(self) -> tuple[int, int] | None:
        """The raw offsets of the selected text, or None."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        return raw_span(self.raw, cursor.selectedText(), cursor.selectionStart())

    def mark_action_text(self) -> str | None:
        span = self.selected_span()
        return f"Mark “{self.raw[span[0]:span[1]]}” as a place…" if span else None

    def _menu(self, pos) -> None:
        menu = self.browser.createStandardContextMenu(pos)
        text = self.mark_action_text()
        if text:
            menu.addSeparator()
            act = menu.addAction(text, self.mark_selection)
            act.setStatusTip("A name the geoparser did not read as a place: choose its place")
        self.last_menu = menu
        menu.popup(self.browser.viewport().mapToGlobal(pos))

    def mark_selection(self) -> bool:
        """Ask the window to mark the selected name as a place (the correction dialog opens)."""
        span = self.selected_span()
        if span is None:
            return False
        self.markPlace.emit(self.article_id, *span)
        return True
