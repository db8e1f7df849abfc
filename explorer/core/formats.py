"""Moved to :mod:`explorer.core.text.readers`; this name stays an alias of it for code not yet updated."""
import importlib
import sys

sys.modules[__name__] = importlib.import_module("explorer.core.text.readers")
