"""GIS exports of a corpus: events, mentions or places as GeoJSON, GeoPackage, KML or CSV.

One Point feature per row, in WGS 84 (EPSG:4326), lon/lat in decimal degrees.

Properties
----------
mentions  place_name, place_id, place_kind, country_code, article_id, start,
          end, surface, excerpt (the contract of :mod:`explorer.core.export`)
events    event_type, acled_type, date, date_precision, actors, place_name,
          place_id, place_kind, country_code, article_id, start, end,
          excerpt, trigger
places    place_id, place_name, place_kind, country_code, admin1,
          population, mentions, articles, events

``start``/``end`` are offsets into the article's raw text; ``excerpt`` is
the sentence (mentions) or the event's span (events). ``actors`` is a JSON
list in GeoJSON and a "; "-joined string in CSV, KML and GeoPackage.

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
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

from explorer.core.export.geojson import mentions_geojson
from explorer.core.export.output import ExportError, atomic_output, describe_os_error, resolve_target
from explorer.core.export.registry import FORMATS, LAYERS, SUFFIXES, format_for  # noqa: F401
from explorer.core.store import Corpus
from explorer.core.text.decode import scrub_surrogates

# (name, SQL type) of each layer's columns, in order.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "mentions": [("place_name", "TEXT"), ("place_id", "TEXT"), ("place_kind", "TEXT"), ("country_code", "TEXT"),
                 ("article_id", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"), ("surface", "TEXT"),
                 ("excerpt", "TEXT")],
    "events": [("event_type", "TEXT"), ("acled_type", "TEXT"), ("date", "TEXT"), ("date_precision", "TEXT"),
               ("actors", "TEXT"), ("place_name", "TEXT"), ("place_id", "TEXT"), ("place_kind", "TEXT"),
               ("country_code", "TEXT"), ("article_id", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"),
               ("excerpt", "TEXT"), ("trigger", "TEXT")],
    "places": [("place_id", "TEXT"), ("place_name", "TEXT"), ("place_kind", "TEXT"), ("country_code", "TEXT"),
               ("admin1", "TEXT"), ("population", "INTEGER"), ("mentions", "INTEGER"), ("articles", "INTEGER"),
               ("events", "INTEGER")],
}


# ---------------------------------------------------------------- rows

Feature = tuple[tuple[float, float] | None, dict]


def features(corpus: Corpus, what: str) -> list[Feature]:
    """(lon, lat) or None, and the properties, of each feature of a layer."""
    if what == "mentions":
        return [(tuple(f["geometry"]["coordinates"]), {k: f["properties"][k] for k, _ in COLUMNS["mentions"]})
                for f in mentions_geojson(corpus)["features"]]
    if what == "events":
        out = []
        for e in corpus.events:
            p = e.place
            article = corpus.articles.get(e.article_id)
            out.append(((round(p.lon, 6), round(p.lat, 6)) if p else None, {
                "event_type": e.event_type,
                "acled_type": e.acled_type,
                "date": e.date,
                "date_precision": e.date_precision,
                "actors": list(e.actors),
                "place_name": p.name if p else None,
                "place_id": p.place_id if p else None,
                "place_kind": p.kind if p else None,
                "country_code": p.country_code if p else None,
                "article_id": e.article_id,
                "start": e.start,
                "end": e.end,
                "excerpt": article.raw_text[e.start:e.end] if article else None,
                "trigger": e.trigger or None,
            }))
        return out
    if what == "places":
        events = Counter(e.place.place_id for e in corpus.events if e.place is not None)
        seen = set()
        out = []
        for s in corpus.places():
            p = s.place
            seen.add(p.place_id)
            out.append(((round(p.lon, 6), round(p.lat, 6)), {
                "place_id": p.place_id, "place_name": p.name, "place_kind": p.kind,
                "country_code": p.country_code, "admin1": p.admin1, "population": p.population,
                "mentions": s.mentions, "articles": s.articles, "events": events.get(p.place_id, 0),
            }))
        # Places that only events name (no mention of their own).
        for e in corpus.events:
            p = e.place
            if p is not None and p.place_id not in seen:
                seen.add(p.place_id)
                n_articles = len({x.article_id for x in corpus.events if x.place and x.place.place_id == p.place_id})
                out.append(((round(p.lon, 6), round(p.lat, 6)), {
                    "place_id": p.place_id, "place_name": p.name, "place_kind": p.kind,
                    "country_code": p.country_code, "admin1": p.admin1, "population": p.population,
                    "mentions": 0, "articles": n_articles, "events": events[p.place_id],
                }))
        return out
    raise ValueError(f"unknown layer {what!r} (one of {', '.join(LAYERS)})")


def _flat(props: dict) -> dict:
    return {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in props.items()}


def _clean(value):
    """A property value any UTF-8 file can hold (unpaired surrogates as U+FFFD)."""
    if isinstance(value, str):
        return scrub_surrogates(value)[0]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _cleaned(feats: list[Feature]) -> list[Feature]:
    return [(xy, {k: _clean(v) for k, v in props.items()}) for xy, props in feats]


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

def to_geojson(feats: list[Feature]) -> dict:
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": list(xy)} if xy else None,
        "properties": props,
    } for xy, props in feats]}


def write_geojson(feats: list[Feature], out: Path) -> None:
    with atomic_output(out) as part:
        part.write_text(json.dumps(to_geojson(feats), ensure_ascii=False, indent=1), encoding="utf-8")


def write_csv(feats: list[Feature], columns: list[str], out: Path) -> None:
    """CSV with lon, lat first; text cells neutralised against formula injection (see the module docstring)."""
    with atomic_output(out) as part:
        with open(part, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["lon", "lat", *columns])
            for xy, props in feats:
                flat = _flat(props)
                w.writerow([*((csv_safe(xy[0]), csv_safe(xy[1])) if xy else ("", "")),
                            *(csv_safe(flat.get(c)) for c in columns)])


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


def write_kml(feats: list[Feature], what: str, out: Path) -> int:
    """KML 2.2, written with ElementTree (so every text is XML-escaped). Returns placemarks written."""
    ns = "http://www.opengis.net/kml/2.2"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}kml")
    doc = ET.SubElement(root, f"{{{ns}}}Document")
    ET.SubElement(doc, f"{{{ns}}}name").text = f"Geo Explorer {what}"
    styles = dict(_KML_COLOURS) if what == "events" else {}
    styles["default"] = "ffd18f1f"
    for key, colour in styles.items():
        st = ET.SubElement(doc, f"{{{ns}}}Style", id=_style_id(key))
        ET.SubElement(ET.SubElement(st, f"{{{ns}}}IconStyle"), f"{{{ns}}}color").text = colour
    n = 0
    for xy, props in feats:
        if xy is None:
            continue
        flat = _flat(props)
        pm = ET.SubElement(doc, f"{{{ns}}}Placemark")
        if what == "events":
            name = f"{flat['event_type']} — {flat['place_name']}" + (f" ({flat['date']})" if flat.get("date") else "")
            style = flat.get("acled_type") if flat.get("acled_type") in _KML_COLOURS else "default"
        else:
            name, style = flat.get("place_name") or "", "default"
        ET.SubElement(pm, f"{{{ns}}}name").text = _x(name)
        if flat.get("excerpt"):
            ET.SubElement(pm, f"{{{ns}}}description").text = _x(flat["excerpt"])
        ET.SubElement(pm, f"{{{ns}}}styleUrl").text = "#" + _style_id(style)
        ext = ET.SubElement(pm, f"{{{ns}}}ExtendedData")
        for k, v in flat.items():
            d = ET.SubElement(ext, f"{{{ns}}}Data", name=k)
            ET.SubElement(d, f"{{{ns}}}value").text = _x(v)
        pt = ET.SubElement(pm, f"{{{ns}}}Point")
        ET.SubElement(pt, f"{{{ns}}}coordinates").text = f"{xy[0]!r},{xy[1]!r}"
        n += 1
    ET.indent(root, space=" ")
    with atomic_output(out) as part:
        ET.ElementTree(root).write(part, encoding="UTF-8", xml_declaration=True)
    return n


def _style_id(key: str) -> str:
    return "s-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-").lower()


def write_gpkg(feats: list[Feature], what: str, out: Path) -> None:
    """A GeoPackage with one Point layer named after ``what`` (written with sqlite3)."""
    cols = COLUMNS[what]
    with atomic_output(out) as part:
        part.unlink()  # SQLite makes its own file (and journal) under the temporary name
        conn = sqlite3.connect(str(part), isolation_level=None)
        try:
            _fill_gpkg(conn, feats, what, cols)
        finally:
            conn.close()
            part.with_name(part.name + "-journal").unlink(missing_ok=True)


def _fill_gpkg(c: sqlite3.Connection, feats: list[Feature], what: str, cols: list[tuple[str, str]]) -> None:
    from explorer.core.project import _CORE_SQL, GPKG_APPLICATION_ID, GPKG_USER_VERSION, SRS_ID, _WGS84_WKT, gpkg_point

    c.execute("BEGIN")
    try:
        c.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
        c.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
        for statement in _CORE_SQL.split(";"):
            if statement.strip():
                c.execute(statement)
        c.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", [
            ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84_WKT, "longitude/latitude in decimal degrees"),
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ])
        xs = [xy[0] for xy, _ in feats if xy]
        ys = [xy[1] for xy, _ in feats if xy]
        bbox = (min(xs), min(ys), max(xs), max(ys)) if xs else (None, None, None, None)
        c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, "
                  "max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)",
                  (what, what, f"Geo Explorer {what}", *bbox, SRS_ID))
        c.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (what, SRS_ID))
        coldefs = ", ".join(f'"{name}" {sqltype}' for name, sqltype in cols)
        c.execute(f'CREATE TABLE "{what}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {coldefs})')
        names = ", ".join(f'"{name}"' for name, _ in cols)
        marks = ", ".join("?" for _ in range(len(cols) + 1))
        c.executemany(f'INSERT INTO "{what}" (geom, {names}) VALUES ({marks})', [
            (gpkg_point(*xy) if xy else None, *(_flat(props).get(name) for name, _ in cols))
            for xy, props in feats])
        c.execute("COMMIT")
    except BaseException:
        if c.in_transaction:
            try:
                c.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise


def export(corpus: Corpus, what: str, out: str | Path, fmt: str | None = None) -> int:
    """Write one layer of ``corpus`` to ``out``. Returns the number of features written."""
    out = Path(out)
    fmt = format_for(out, fmt)
    if what not in LAYERS:
        raise ValueError(f"unknown layer {what!r} (one of {', '.join(LAYERS)})")
    resolve_target(out)  # a device, FIFO or folder is refused before any work
    try:
        feats = _cleaned(features(corpus, what))
        if fmt == "geojson":
            write_geojson(feats, out)
        elif fmt == "csv":
            write_csv(feats, [name for name, _ in COLUMNS[what]], out)
        elif fmt == "kml":
            return write_kml(feats, what, out)
        else:
            write_gpkg(feats, what, out)
    except OSError as exc:  # anything not already said in words by atomic_output
        raise ExportError(out, describe_os_error(exc)) from None
    return len(feats)


def export_command(what: str, out: str, fmt: str | None, paths: list[str] | None,
                   project_path: str | None) -> int:
    """``geo-explorer export``: a project's contents, or articles read now (default: the seeds).

    Exit status: 0 written; 1 the output could not be written (the message
    says why: not a regular file, disk full, read-only…; an earlier file is
    intact) or nothing could be read; 2 the project cannot be read or the
    geoparser cannot be loaded.
    """
    import sys

    from explorer.core.ingest import ingest

    try:
        resolve_target(out)  # refuse a device, FIFO or folder before any work
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if project_path:
        import sqlite3

        from explorer.core.project import Project, ProjectError, describe_sqlite_error

        try:
            with Project(project_path, readonly=True) as project:
                try:
                    corpus = project.load_corpus()
                except sqlite3.Error as exc:
                    raise ProjectError(project_path, f"cannot be read: {describe_sqlite_error(exc)}") from None
        except ProjectError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if paths:  # added in memory only: export never writes to the project
            try:
                ingest(paths, corpus=corpus)
            except ImportError as exc:
                print(f"error: the geoparser cannot be loaded ({exc})", file=sys.stderr)
                return 2
    else:
        try:
            corpus = ingest(paths)
        except ImportError as exc:
            print(f"error: the geoparser cannot be loaded ({exc})", file=sys.stderr)
            return 2
    for err in corpus.errors:
        print(f"{'warning' if getattr(err, 'warning', False) else 'skipped'}: {err}", file=sys.stderr)
    fmt = format_for(out, fmt)
    try:
        n = export(corpus, what, out, fmt)
    except ExportError as exc:
        print(f"error: {exc}; nothing was written (an earlier file of that name is intact)", file=sys.stderr)
        return 1
    print(f"{out}: {n} {what} ({fmt}) from {len(corpus.articles)} articles; "
          f"{len(corpus.mentions)} mentions of {len(corpus.places())} places, {len(corpus.events)} events")
    return 0 if corpus.articles or not corpus.errors else 1
