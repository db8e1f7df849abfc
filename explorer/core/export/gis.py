"""GIS exports of a corpus: events, mentions or places as GeoJSON, GeoPackage, KML or CSV.

One Point feature per row, in WGS 84 (EPSG:4326), lon/lat in decimal degrees.

Properties
----------
mentions  place_name, place_id, place_kind, country_code, article_id, start,
          end, surface, excerpt (the contract of :mod:`explorer.core.export.geojson`),
          corrected (a user's correction placed it)
events    one feature per happening (the project's event ledger):
          event_type, acled_type, sub_event_type, date, date_end,
          date_precision, time_precision (ACLED: 1 day, 2 week, 3 month),
          date_inferred, geo_precision (ACLED: 1 town, 2 near it, 3
          province or country), actors, place_name, place_id, place_kind,
          country_code, sources (how many reports), article_id (the first
          source's), article_ids (every source's), disputed (the fields the
          sources disagree on), start, end, excerpt and trigger (the first
          source's), corrected (its place came from a corrected mention)
places    place_id, place_name, place_kind, country_code, admin1,
          population, mentions, articles, events, corrected (a correction
          placed one of its mentions)

Under filters (a :class:`explorer.core.viewstate.Filters`: area, dates,
categories, types, actors, countries, outlets, undated), each layer holds
what the map shows: events the filters keep, the places whose pins show
(``events`` then counts only their kept events) and the mentions of those
places; the queries are those of the map (:func:`explorer.core.store.views.event_where`
and :func:`~explorer.core.store.views.place_where`). ``filters=None``, or
filters that narrow nothing: everything.

``corrected`` (see :mod:`explorer.core.store.corrections`) is true/false in
GeoJSON and 1/0 in CSV, KML and GeoPackage.

``start``/``end`` are offsets into the article's raw text; ``excerpt`` is
the sentence (mentions) or the event's span (events). ``actors``,
``article_ids`` and ``disputed`` are JSON lists in GeoJSON and "; "-joined
strings in CSV, KML and GeoPackage.

A GeoPackage of events also holds ``event_sources``, every report of every
event (event_fid = the events row; article_id, outlet, its own type, date,
place, offsets and excerpt), related to the events layer by the
GeoPackage Related Tables extension (``gpkgext_relations``), as QGIS reads it.

An event with no place has a null geometry in GeoJSON and GeoPackage and
empty lon/lat in CSV; KML (a map format) leaves it out.

Every writer writes a temporary file beside the target and renames it over
the target when complete (see :mod:`explorer.core.export.output`): a failed
export never leaves half a file, nor a temporary file, and never replaces a
device, FIFO or folder; a symbolic link is written through. Failures are
:class:`~explorer.core.export.output.ExportError` with a message in words.

Text is written as text: XML is escaped in KML; nothing in an article is
ever interpreted. Unpaired surrogates (which no UTF-8 file can hold) are
written as U+FFFD.

CSV and spreadsheets. A text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is written with a leading ``'`` (as the
OWASP advice on CSV injection says), so that a spreadsheet shows it as text
instead of running it as a formula: an excerpt ``=HYPERLINK(…)`` is written
``'=HYPERLINK(…)``. Numeric columns (``lon``, ``lat``, ``start``, ``end``,
counts, population) are written as plain numbers, negative ones included.
"""
from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from xml.etree import ElementTree as ET

from explorer.core.export.geojson import mention_rows
from explorer.core.export.output import (ExportError, atomic_output, check_target, database_file, describe_os_error,
                                         refuse_sources)
from explorer.core.export.registry import FORMATS, LAYERS, SUFFIXES, format_for  # noqa: F401
from explorer.core.text.decode import scrub_surrogates
from explorer.core.viewstate import Filters

# (name, SQL type) of each layer's columns, in order.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "mentions": [("place_name", "TEXT"), ("place_id", "TEXT"), ("place_kind", "TEXT"), ("country_code", "TEXT"),
                 ("article_id", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"), ("surface", "TEXT"),
                 ("excerpt", "TEXT"), ("corrected", "INTEGER")],
    "events": [("event_type", "TEXT"), ("acled_type", "TEXT"), ("sub_event_type", "TEXT"), ("date", "TEXT"),
               ("date_end", "TEXT"), ("date_precision", "TEXT"), ("time_precision", "INTEGER"),
               ("date_inferred", "INTEGER"), ("geo_precision", "INTEGER"), ("actors", "TEXT"),
               ("place_name", "TEXT"), ("place_id", "TEXT"), ("place_kind", "TEXT"), ("country_code", "TEXT"),
               ("sources", "INTEGER"), ("article_id", "TEXT"), ("article_ids", "TEXT"), ("disputed", "TEXT"),
               ("start", "INTEGER"), ("end", "INTEGER"), ("excerpt", "TEXT"), ("trigger", "TEXT"),
               ("corrected", "INTEGER")],
    "places": [("place_id", "TEXT"), ("place_name", "TEXT"), ("place_kind", "TEXT"), ("country_code", "TEXT"),
               ("admin1", "TEXT"), ("population", "INTEGER"), ("mentions", "INTEGER"), ("articles", "INTEGER"),
               ("events", "INTEGER"), ("corrected", "INTEGER")],
}
# The related table of an events GeoPackage: one row per source (report) of an event.
SOURCE_COLUMNS = [("event_fid", "INTEGER"), ("article_id", "TEXT"), ("outlet", "TEXT"), ("event_type", "TEXT"),
                  ("acled_type", "TEXT"), ("sub_event_type", "TEXT"), ("date", "TEXT"), ("date_end", "TEXT"),
                  ("date_precision", "TEXT"), ("date_inferred", "INTEGER"), ("place_name", "TEXT"),
                  ("place_id", "TEXT"), ("geo_precision", "INTEGER"), ("actors", "TEXT"), ("start", "INTEGER"),
                  ("end", "INTEGER"), ("excerpt", "TEXT"), ("corrected", "INTEGER")]


# ---------------------------------------------------------------- rows

Feature = tuple[tuple[float, float] | None, dict]


def features(project, what: str, filters: Filters | None = None) -> list[Feature]:
    """(lon, lat) or None, and the properties, of each feature of a layer, read from the project
    (under ``filters``: only what the map shows, see the module's docstring)."""
    return list(iter_features(project, what, filters))


def _event_where(conn, filters: Filters | None) -> tuple[str, list]:
    if filters is None or not filters.active:
        return "", []
    from explorer.core.store.views import event_where

    return event_where(filters, "e", conn=conn)


def _place_where(conn, filters: Filters | None) -> tuple[str, list]:
    if filters is None or not filters.active:
        return "", []
    from explorer.core.store.views import place_where

    return place_where(filters, "p", conn=conn)


def iter_features(project, what: str, filters: Filters | None = None) -> Iterator[Feature]:
    """:func:`features`, one at a time (what the writers stream: a large project is never held whole)."""
    conn = project.conn
    if what not in LAYERS:
        raise ValueError(f"unknown layer {what!r} (one of {', '.join(LAYERS)})")
    if what == "mentions":
        yield from mention_rows(conn, *_place_where(conn, filters))
    elif what == "events":
        where, args = _event_where(conn, filters)
        for r in conn.execute(
                "SELECT p.lon, p.lat, e.event_type, e.acled_type, e.sub_event_type, e.date, e.date_end, "
                "e.date_precision, e.time_precision, e.date_inferred, e.geo_precision, e.actors_json, e.place_name, "
                'e.place_id, e.place_kind, e.country_code, e.sources, e.article_id, e.article_ids, e.disputed, '
                'e."start", e."end", e.excerpt, e.trigger, e.corrected FROM events e '
                'LEFT JOIN places p ON p.place_id = e.place_id '
                'LEFT JOIN articles a ON a.article_id = e.article_id'
                + (f" WHERE {where}" if where else "") + ' ORDER BY a.fid, e."start", e.fid', args):
            yield ((round(r[0], 6), round(r[1], 6)) if r[0] is not None else None, {
                "event_type": r[2], "acled_type": r[3], "sub_event_type": r[4], "date": r[5], "date_end": r[6],
                "date_precision": r[7], "time_precision": r[8], "date_inferred": bool(r[9]),
                "geo_precision": r[10], "actors": json.loads(r[11]) if r[11] else [], "place_name": r[12],
                "place_id": r[13], "place_kind": r[14], "country_code": r[15], "sources": r[16],
                "article_id": r[17], "article_ids": json.loads(r[18]) if r[18] else [],
                "disputed": [x for x in (r[19] or "").split("; ") if x], "start": r[20], "end": r[21],
                "excerpt": r[22], "trigger": r[23] or None, "corrected": bool(r[24]),
            })
    else:
        where, args = _place_where(conn, filters)
        events, ev_args = "p.events", []
        if filters is not None and filters.event_filter_active:  # the pin's count: its events the filters keep
            ev_where, ev_args = _event_where(conn, filters)
            events = f"(SELECT count(*) FROM events e WHERE e.place_id = p.place_id AND {ev_where})"
        for r in conn.execute(f"SELECT p.lon, p.lat, p.place_id, p.name, p.kind, p.country_code, p.admin1, "
                              f"p.population, p.mentions, p.articles, {events}, p.corrected FROM places p"
                              + (f" WHERE {where}" if where else "") + " ORDER BY p.mentions DESC, p.name",
                              [*ev_args, *args]):
            yield (round(r[0], 6), round(r[1], 6)), {
                "place_id": r[2], "place_name": r[3], "place_kind": r[4], "country_code": r[5], "admin1": r[6],
                "population": r[7], "mentions": r[8], "articles": r[9], "events": r[10], "corrected": r[11] > 0}


def source_rows(project, filters: Filters | None = None) -> list[dict]:
    """Every source (report) of every event, ``event_fid`` numbering the events as :func:`features` lists them
    (under ``filters``: the sources of the events kept)."""
    conn = project.conn
    where, args = _event_where(conn, filters)
    number = {fid: i for i, (fid,) in enumerate(conn.execute(
        'SELECT e.fid FROM events e LEFT JOIN articles a ON a.article_id = e.article_id'
        + (f" WHERE {where}" if where else "") + ' ORDER BY a.fid, e."start", e.fid', args), start=1)}
    rows = []
    for r in conn.execute(
            'SELECT event_fid, article_id, outlet, event_type, acled_type, sub_event_type, date, date_end, '
            'date_precision, date_inferred, place_name, place_id, geo_precision, actors_json, "start", "end", excerpt, '
            'corrected FROM event_reports ORDER BY event_fid, fid'):
        if r[0] not in number:
            continue
        rows.append({  # (all of them: they are numbered and sorted by the events' export order)
            "event_fid": number[r[0]], "article_id": r[1], "outlet": r[2], "event_type": r[3], "acled_type": r[4],
            "sub_event_type": r[5], "date": r[6], "date_end": r[7], "date_precision": r[8],
            "date_inferred": bool(r[9]), "place_name": r[10], "place_id": r[11], "geo_precision": r[12],
            "actors": json.loads(r[13]) if r[13] else [], "start": r[14], "end": r[15], "excerpt": r[16],
            "corrected": bool(r[17]),
        })
    rows.sort(key=lambda x: x["event_fid"])
    return rows


def _flat(props: dict) -> dict:
    return {k: ("; ".join(v) if isinstance(v, list) else int(v) if isinstance(v, bool) else v)
            for k, v in props.items()}



def _clean(value):
    """A property value any UTF-8 file can hold (unpaired surrogates as U+FFFD)."""
    if isinstance(value, str):
        return scrub_surrogates(value)[0]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _cleaned(feats: Iterable[Feature]) -> Iterator[Feature]:
    for xy, props in feats:
        yield xy, {k: _clean(v) for k, v in props.items()}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A CSV cell: numbers as they are; text starting like a formula gets a leading ``'``."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# ---------------------------------------------------------------- writers

def to_geojson(feats: Iterable[Feature]) -> dict:
    return {"type": "FeatureCollection", "features": [_geojson_feature(xy, props) for xy, props in feats]}


def _geojson_feature(xy, props) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(xy)} if xy else None,
            "properties": props}


def write_geojson(feats: Iterable[Feature], out: Path) -> int:
    """A FeatureCollection, written feature by feature. Returns how many."""
    n = 0
    with atomic_output(out) as part:
        with open(part, "w", encoding="utf-8") as f:
            f.write('{"type": "FeatureCollection", "features": [')
            for xy, props in feats:
                f.write(",\n " if n else "\n ")
                f.write(json.dumps(_geojson_feature(xy, props), ensure_ascii=False))
                n += 1
            f.write("\n]}\n")
    return n


def write_csv(feats: Iterable[Feature], columns: list[str], out: Path) -> int:
    """CSV with lon, lat first; text cells neutralised against formula injection (see the module docstring)."""
    n = 0
    with atomic_output(out) as part:
        with open(part, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["lon", "lat", *columns])
            for xy, props in feats:
                flat = _flat(props)
                w.writerow([*((csv_safe(xy[0]), csv_safe(xy[1])) if xy else ("", "")),
                            *(csv_safe(flat.get(c)) for c in columns)])
                n += 1
    return n


_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# KML colours are aabbggrr. One per ACLED event type; places and mentions blue.
_KML_COLOURS = {
    "Battles": "ff1c1ce3",
    "Explosions/Remote violence": "ff0075ff",
    "Violence against civilians": "ff8e1f9c",
    "Protests": "ff17c8f6",
    "Riots": "ff3b58b0",
    "Strategic developments": "ff8a8a8a",
}


def _x(value) -> str:
    return _XML_BAD.sub("\ufffd", "" if value is None else str(value))


def write_kml(feats: Iterable[Feature], what: str, out: Path) -> int:
    """KML 2.2, written placemark by placemark with ElementTree (every text XML-escaped).

    Returns the placemarks written (features without a place are left out).
    """
    ns = "http://www.opengis.net/kml/2.2"
    ET.register_namespace("", ns)
    styles = dict(_KML_COLOURS) if what == "events" else {}
    styles["default"] = "ffd18f1f"
    n = 0
    with atomic_output(out) as part:
        with open(part, "w", encoding="utf-8") as f:
            f.write(f"<?xml version='1.0' encoding='UTF-8'?>\n<kml xmlns=\"{ns}\">\n<Document>\n")
            f.write(f" <name>{escape(f'Geo Explorer {what}')}</name>\n")
            for key, colour in styles.items():
                f.write(f' <Style id="{_style_id(key)}"><IconStyle><color>{colour}</color></IconStyle></Style>\n')
            for xy, props in feats:
                if xy is None:
                    continue
                flat = _flat(props)
                pm = ET.Element("Placemark")
                if what == "events":
                    name = f"{flat['event_type']} — {flat['place_name']}" + (f" ({flat['date']})" if flat.get("date")
                                                                             else "")
                    style = flat.get("acled_type") if flat.get("acled_type") in _KML_COLOURS else "default"
                else:
                    name, style = flat.get("place_name") or "", "default"
                ET.SubElement(pm, "name").text = _x(name)
                if flat.get("excerpt"):
                    ET.SubElement(pm, "description").text = _x(flat["excerpt"])
                ET.SubElement(pm, "styleUrl").text = "#" + _style_id(style)
                ext = ET.SubElement(pm, "ExtendedData")
                for k, v in flat.items():
                    d = ET.SubElement(ext, "Data", name=k)
                    ET.SubElement(d, "value").text = _x(v)
                pt = ET.SubElement(pm, "Point")
                ET.SubElement(pt, "coordinates").text = f"{xy[0]!r},{xy[1]!r}"
                f.write(" " + ET.tostring(pm, encoding="unicode") + "\n")
                n += 1
            f.write("</Document>\n</kml>\n")
    return n


def _style_id(key: str) -> str:
    return "s-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-").lower()


RTE_URL = "http://docs.opengeospatial.org/is/18-000/18-000.html"


def write_gpkg(feats: Iterable[Feature], what: str, out: Path, sources: list[dict] | None = None) -> int:
    """A GeoPackage with one Point layer named after ``what`` (written with sqlite3).

    With ``sources`` (events only), also the attributes table ``event_sources``
    and its relation to the layer (GeoPackage Related Tables extension: the
    mapping table ``events_event_sources`` pairs each event's fid with its
    sources' fids).
    """
    cols = COLUMNS[what]
    with atomic_output(out) as part:
        part.unlink()  # SQLite makes its own file (and journal) under the temporary name
        conn = sqlite3.connect(str(part), isolation_level=None)
        try:
            return _fill_gpkg(conn, feats, what, cols, sources)
        finally:
            conn.close()
            part.with_name(part.name + "-journal").unlink(missing_ok=True)


def _fill_gpkg(c: sqlite3.Connection, feats: Iterable[Feature], what: str, cols: list[tuple[str, str]],
               sources: list[dict] | None) -> int:
    from explorer.core.store.gpkg import SRS_ID, create_core, gpkg_point

    box = [None, None, None, None]  # min x, min y, max x, max y of what is written
    count = [0]

    def rows():
        for xy, props in feats:
            count[0] += 1
            if xy:
                box[0] = xy[0] if box[0] is None else min(box[0], xy[0])
                box[1] = xy[1] if box[1] is None else min(box[1], xy[1])
                box[2] = xy[0] if box[2] is None else max(box[2], xy[0])
                box[3] = xy[1] if box[3] is None else max(box[3], xy[1])
            flat = _flat(props)
            yield (gpkg_point(*xy) if xy else None, *(flat.get(name) for name, _ in cols))

    c.execute("BEGIN")
    try:
        create_core(c)
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                  "VALUES (?, 'features', ?, ?, ?)", (what, what, f"Geo Explorer {what}", SRS_ID))
        c.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (what, SRS_ID))
        _create_table(c, what, cols, geometry=True)
        c.executemany(_insert_sql(what, cols, geometry=True), rows())
        c.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                  (*box, what))
        if sources is not None:
            _write_related_sources(c, what, sources)
        c.execute("COMMIT")
        return count[0]
    except BaseException:
        if c.in_transaction:
            try:
                c.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise


def _create_table(c: sqlite3.Connection, name: str, cols, geometry: bool) -> None:
    coldefs = ", ".join(f'"{n}" {t}' for n, t in cols)
    geom = "geom POINT, " if geometry else ""
    c.execute(f'CREATE TABLE "{name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, {geom}{coldefs})')


def _insert_sql(name: str, cols, geometry: bool) -> str:
    names = (["geom"] if geometry else []) + [f'"{n}"' for n, _ in cols]
    return f'INSERT INTO "{name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'


def _write_related_sources(c: sqlite3.Connection, base: str, sources: list[dict]) -> None:
    related, mapping = "event_sources", f"{base}_event_sources"
    c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
              "VALUES (?, 'attributes', ?, 'Every source (report) of each event')", (related, related))
    _create_table(c, related, SOURCE_COLUMNS, geometry=False)
    c.executemany(_insert_sql(related, SOURCE_COLUMNS, geometry=False),
                  [tuple(_flat(r).get(n) for n, _ in SOURCE_COLUMNS) for r in sources])
    c.execute("CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
              "definition TEXT NOT NULL, scope TEXT NOT NULL, "
              "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))")
    c.execute("CREATE TABLE gpkgext_relations (id INTEGER PRIMARY KEY AUTOINCREMENT, base_table_name TEXT NOT NULL, "
              "base_primary_column TEXT NOT NULL DEFAULT 'id', related_table_name TEXT NOT NULL, "
              "related_primary_column TEXT NOT NULL DEFAULT 'id', relation_name TEXT NOT NULL, "
              "mapping_table_name TEXT NOT NULL UNIQUE)")
    c.execute(f'CREATE TABLE "{mapping}" (base_id INTEGER NOT NULL, related_id INTEGER NOT NULL)')
    c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
              "VALUES (?, 'attributes', ?, 'Which sources each event has (Related Tables mapping)')", (mapping, mapping))
    c.executemany(f'INSERT INTO "{mapping}" (base_id, related_id) VALUES (?, ?)',
                  [(r["event_fid"], i) for i, r in enumerate(sources, start=1)])
    c.executemany("INSERT INTO gpkg_extensions VALUES (?, NULL, 'gpkg_related_tables', ?, 'read-write')",
                  [("gpkgext_relations", RTE_URL), (mapping, RTE_URL)])
    c.execute("INSERT INTO gpkgext_relations (base_table_name, base_primary_column, related_table_name, "
              "related_primary_column, relation_name, mapping_table_name) VALUES (?, 'fid', ?, 'fid', 'attributes', ?)",
              (base, related, mapping))


def describe_filters(f: Filters) -> str:
    """The filters in words, for an export's message ("the box …; 2024-01-01 to 2024-01-31; 2 event types")."""
    parts = []
    if f.area is not None:
        parts.append(f.area.label or f.area.kind)
    if f.date_from or f.date_to:
        span = f"{f.date_from.isoformat() if f.date_from else '…'} to {f.date_to.isoformat() if f.date_to else '…'}"
        parts.append(span + ("" if f.include_undated else ", undated left out"))
    elif not f.include_undated:
        parts.append("undated left out")
    if f.types:
        parts.append(f"{len(f.types)} event type{'s' if len(f.types) != 1 else ''}")
    hidden = sorted(f.hidden)
    if hidden:
        parts.append("hidden: " + ", ".join(hidden))
    for name, values in (("actors", f.actors), ("countries", f.countries), ("outlets", f.outlets)):
        if values:
            parts.append(f"{len(values)} {name if len(values) != 1 else name[:-1].replace('ie', 'y')}")
    return "; ".join(parts) or "none"


def export(project, what: str, out: str | Path, fmt: str | None = None, filters: Filters | None = None) -> int:
    """Write one layer of ``project`` to ``out``. Returns the number of features written.

    ``filters``: only what the map shows under them (see the module's docstring); None: everything."""
    out = Path(out)
    fmt = format_for(out, fmt)
    if what not in LAYERS:
        raise ValueError(f"unknown layer {what!r} (one of {', '.join(LAYERS)})")
    # a device, FIFO or folder, or the project's own file, is refused before any work
    refuse_sources(out, project=database_file(project.conn))
    try:
        feats = _cleaned(iter_features(project, what, filters))
        if fmt == "geojson":
            return write_geojson(feats, out)
        if fmt == "csv":
            return write_csv(feats, [name for name, _ in COLUMNS[what]], out)
        if fmt == "kml":
            return write_kml(feats, what, out)
        sources = [{k: _clean(v) for k, v in r.items()} for r in source_rows(project, filters)] if what == "events" else None
        return write_gpkg(feats, what, out, sources=sources)
    except OSError as exc:  # anything not already said in words by atomic_output
        raise ExportError(out, describe_os_error(exc)) from None


def export_command(what: str, out: str, fmt: str | None, paths: list[str] | None,
                   project_path: str | None, filters: Filters | None = None) -> int:
    """``geo-explorer export``: a project's contents, or articles read now (default: the seeds).

    Exit status: 0 written; 1 the output could not be written (the message
    says why: not a regular file, disk full, read-only…; an earlier file is
    intact) or nothing could be read; 2 the project cannot be read or the
    geoparser cannot be loaded.
    """
    import sys

    from explorer.core.store.ingest import ingest

    try:
        # refuse a device, FIFO or folder, the project itself or an input file, before any work
        check_target(out, project=project_path, inputs=paths or ())
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if project_path:
        from explorer.core.store.project import Project, ProjectError

        try:
            project = Project.copy_in_memory(project_path) if paths else Project(project_path, readonly=True)
        except ProjectError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    else:
        project = None  # a temporary one in memory
    try:
        # PATHs are added in memory only: export never writes to the project file
        if paths or project is None:
            result = ingest(paths, project=project)
            project, errors = result.project, result.errors
        else:
            errors = []
        fmt = format_for(out, fmt)
        for err in errors:
            print(f"{'warning' if getattr(err, 'warning', False) else 'skipped'}: {err}", file=sys.stderr)
        counts = project.counts()
        if not counts["articles"] and any(not getattr(e, "warning", False) for e in errors):
            print(f"error: no article could be read; nothing was written to {out}", file=sys.stderr)
            return 1
        try:
            n = export(project, what, out, fmt, filters)
        except ExportError as exc:
            print(f"error: {exc}; nothing was written (an earlier file of that name is intact)", file=sys.stderr)
            return 1
    except ImportError as exc:
        print(f"error: the geoparser cannot be loaded ({exc})", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:
        from explorer.core.store.errors import describe_sqlite_error

        print(f"error: {project_path or 'the project'}: cannot be read: {describe_sqlite_error(exc)}", file=sys.stderr)
        return 2
    finally:
        if project is not None:
            project.close()
    print(f"{out}: {n} {what} ({fmt}) from {counts['articles']} articles; "
          f"{counts['mentions']} mentions of {counts['places']} places, {counts['events']} events"
          + (f"; under the filters ({describe_filters(filters)})" if filters is not None and filters.active else ""))
    return 0 if counts["articles"] or not errors else 1
