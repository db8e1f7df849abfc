"""PyInstaller runtime hook: runs in the frozen app before ``explorer`` is imported.

Points the geoparser at the gazetteer index built at build time and shipped
in the bundle (``geo_explorer_index/``), so the first start does not build
one into the user's cache. An index the user sets in ``GEO_EXPLORER_INDEX``
wins.
"""
import os
import sys

_base = getattr(sys, "_MEIPASS", os.path.dirname(os.path.abspath(sys.executable)))
_index = os.path.join(_base, "geo_explorer_index")
if os.path.isfile(os.path.join(_index, "VERSION")):
    os.environ.setdefault("GEO_EXPLORER_INDEX", _index)
del _base, _index
