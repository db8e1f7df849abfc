"""A window with one whole article, scrolled to and highlighting a sentence."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from explorer.core.models import Article

ANCHOR = "ge-here"


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
    def __init__(self, article: Article, start: int, end: int, m_start: int, m_end: int, parent=None):
        super().__init__(parent)
        self.article_id = article.article_id
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
        self.browser.setHtml(article_html(article, start, end, m_start, m_end))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.browser.scrollToAnchor(ANCHOR)

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self.browser.scrollToAnchor(ANCHOR)
