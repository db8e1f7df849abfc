"""The last stage: a corpus out to files for GIS tools and other programs.

- :mod:`.registry` the declared export formats (CLI and GUI both read it)
- :mod:`.geojson`  the mentions GeoJSON contract
- :mod:`.gis`      GeoJSON, GeoPackage, KML and CSV writers of events, mentions, places
- :mod:`.output`   writing a file safely (regular files only, temporary file, cleaned up)
- :mod:`.filters`  the command line's filter options (--types, --from, --to, --bbox) read into Filters
"""
from explorer.core.export.geojson import mentions_geojson

__all__ = ["mentions_geojson"]
