"""The Qt binding the app runs on keeps Python's reference counts (PySide6 6.12.0 did not)."""
import sys

from PySide6.QtGui import QColor, QImage


def test_calls_that_return_nothing_do_not_drop_references_to_none():
    # PySide6 6.12.0 released a reference to None on every call returning void; on Python 3.11 (None is not
    # immortal there) a process aborted with "none_dealloc" after a few thousand such calls
    image = QImage(4, 4, QImage.Format_RGB32)
    colour = QColor(10, 20, 30)
    before = sys.getrefcount(None)
    for _ in range(500):
        image.setPixelColor(1, 1, colour)
        image.fill(colour)
    assert sys.getrefcount(None) - before > -100
