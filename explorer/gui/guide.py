"""Help -> Guide: the short guide (help/guide.md), shown from the installed package, offline."""
from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


def guide_text() -> str:
    return (resources.files("explorer.gui.help") / "guide.md").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Geo Explorer guide")
        self.resize(720, 760)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # the guide links nowhere: nothing leaves the machine
        self.browser.setMarkdown(guide_text())
        lay.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
