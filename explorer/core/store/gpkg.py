"""The GeoPackage format as Geo Explorer writes it with :mod:`sqlite3`: the core tables, geometry
blobs and the R-tree spatial index extension (``gpkg_rtree_index``).

Shared by the project store and the GeoPackage exports. See the OGC
GeoPackage Encoding Standard 1.3 (core tables, geometry encoding, and
annex F.3 for the R-tree extension).
"""
from __future__ import annotations

import sqlite3
import struct

GPKG_APPLICATION_ID = 0x47504B47  # 'GPKG'
GPKG_USER_VERSION = 10300  # GeoPackage 1.3.0
SRS_ID = 4326

WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

CORE_SQL = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
"""


SRS_ROWS = [
    ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT,
     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
]


def create_core(conn: sqlite3.Connection) -> None:
    """Make ``conn``'s database a GeoPackage: its header fields, core tables and SRS rows (in a transaction)."""
    conn.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
    for statement in CORE_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", SRS_ROWS)


def gpkg_geometry(geom, srs_id: int = SRS_ID) -> bytes:
    """A GeoPackage geometry blob: the 'GP' binary header, then little-endian WKB."""
    import shapely

    empty = geom.is_empty
    if empty or geom.geom_type == "Point":
        flags, envelope = 0b0000_0001 | (0b1_0000 if empty else 0), b""
    else:
        minx, miny, maxx, maxy = geom.bounds
        flags, envelope = 0b0000_0011, struct.pack("<4d", minx, maxx, miny, maxy)
    return b"GP" + bytes((0, flags)) + struct.pack("<i", srs_id) + envelope + shapely.to_wkb(geom, byte_order=1)


_POINT_HEADER = b"GP\x00\x01" + struct.pack("<i", SRS_ID)


def gpkg_point(lon: float, lat: float) -> bytes:
    """The blob of a Point(lon, lat) in EPSG:4326; the same bytes as gpkg_geometry()."""
    return _POINT_HEADER + struct.pack("<BIdd", 1, 1, lon, lat)


def parse_gpkg_geometry(blob: bytes):
    """The shapely geometry in a GeoPackage geometry blob (None for NULL)."""
    import shapely

    if blob is None:
        return None
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    env = (flags >> 1) & 0b111
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    return shapely.from_wkb(blob[8 + size:])


