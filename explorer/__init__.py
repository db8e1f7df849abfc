"""Geo Explorer: an offline desktop geospatial explorer for news corpora."""

__version__ = "0.1.0"
