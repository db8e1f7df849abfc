"""Qt offscreen with QtWebEngine: configured before the QApplication exists."""
from explorer.gui import webenv

webenv.configure(headless=True)
