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




# ---------------------------------------------------------------- the R-tree spatial index extension

RTREE_EXTENSION = "gpkg_rtree_index"
RTREE_DEFINITION = "http://www.geopackage.org/spec120/#extension_rtree"
EXTENSIONS_SQL = ("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
                  "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
                  "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))")
_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


def _bounds(blob) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a GeoPackage geometry blob; None when NULL, empty or unreadable."""
    if not blob or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0b1_0000:  # empty geometry
        return None
    little = bool(flags & 1)
    n = _ENVELOPE_DOUBLES.get((flags >> 1) & 0b111)
    if n is None:
        return None
    if n:
        minx, maxx, miny, maxy = struct.unpack_from("<4d" if little else ">4d", blob, 8)
        return minx, maxx, miny, maxy
    wkb = 8
    if len(blob) < wkb + 21:
        return None
    order = "<" if blob[wkb] == 1 else ">"
    (gtype,) = struct.unpack_from(order + "I", blob, wkb + 1)
    if gtype % 1000 != 1:  # only points carry no envelope here
        return None
    x, y = struct.unpack_from(order + "dd", blob, wkb + 5)
    return x, x, y, y


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the R-tree index's triggers call (GDAL registers the same ones for QGIS)."""
    def part(i):
        return lambda blob: (lambda b: None if b is None else b[i])(_bounds(blob))

    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        conn.create_function(name, 1, part(i), deterministic=True)
    conn.create_function("ST_IsEmpty", 1, lambda blob: None if blob is None else int(_bounds(blob) is None),
                         deterministic=True)


def create_rtree(conn: sqlite3.Connection, table: str, column: str = "geom", pk: str = "fid") -> None:
    """Add the R-tree spatial index extension to a feature table: the index, its triggers, its rows.

    Inside the caller's transaction; ``register_functions`` must have been
    called on ``conn``. The triggers do what the standard's (annex F.3) do:
    every insert, geometry update, id change and delete keeps the index in
    step. They delete an index row before inserting it rather than use
    ``INSERT OR REPLACE``, whose conflict clause an outer UPSERT would
    override.
    """
    rt = f"rtree_{table}_{column}"
    t, c, i = f'"{table}"', f'"{column}"', f'"{pk}"'
    env = f"ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c})"
    has = f"(NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))"
    hasnt = f"(NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))"
    statements = [
        EXTENSIONS_SQL,
        f'CREATE VIRTUAL TABLE "{rt}" USING rtree(id, minx, maxx, miny, maxy)',
        f'INSERT OR REPLACE INTO "{rt}" SELECT {i}, ST_MinX({c}), ST_MaxX({c}), ST_MinY({c}), ST_MaxY({c}) '
        f'FROM {t} WHERE {c} NOTNULL AND NOT ST_IsEmpty({c})',
        f'CREATE TRIGGER "{rt}_insert" AFTER INSERT ON {t} WHEN {has} BEGIN '
        f'DELETE FROM "{rt}" WHERE id = NEW.{i}; INSERT INTO "{rt}" VALUES (NEW.{i}, {env}); END',
        f'CREATE TRIGGER "{rt}_update1" AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND {has} BEGIN '
        f'DELETE FROM "{rt}" WHERE id = NEW.{i}; INSERT INTO "{rt}" VALUES (NEW.{i}, {env}); END',
        f'CREATE TRIGGER "{rt}_update2" AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND {hasnt} BEGIN '
        f'DELETE FROM "{rt}" WHERE id = OLD.{i}; END',
        f'CREATE TRIGGER "{rt}_update3" AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND {has} BEGIN '
        f'DELETE FROM "{rt}" WHERE id IN (OLD.{i}, NEW.{i}); INSERT INTO "{rt}" VALUES (NEW.{i}, {env}); END',
        f'CREATE TRIGGER "{rt}_update4" AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND {hasnt} BEGIN '
        f'DELETE FROM "{rt}" WHERE id IN (OLD.{i}, NEW.{i}); END',
        f'CREATE TRIGGER "{rt}_delete" AFTER DELETE ON {t} WHEN OLD.{c} NOT NULL BEGIN '
        f'DELETE FROM "{rt}" WHERE id = OLD.{i}; END',
    ]
    for sql in statements:
        conn.execute(sql)
    conn.execute("INSERT OR REPLACE INTO gpkg_extensions VALUES (?, ?, ?, ?, 'write-only')",
                 (table, column, RTREE_EXTENSION, RTREE_DEFINITION))
