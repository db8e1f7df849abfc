"""Machine-readable exports of a project (GeoJSON of mentions)."""
from __future__ import annotations


def mention_rows(conn, place_where: str = "", args=()):
    """(lon, lat) and the properties of every mention, in article order, then text order.

    ``place_where``: SQL over the mention's place (alias ``p``) that a mention's place must meet, with its
    ``args`` (see :func:`explorer.core.store.views.place_where`)."""
    for r in conn.execute(
            'SELECT p.lon, p.lat, m.place_name, m.place_id, m.place_kind, m.country_code, m.article_id, m."start", '
            'm."end", m.surface, m.excerpt, m.correction_id FROM mentions m '
            'JOIN articles a ON a.article_id = m.article_id '
            'JOIN places p ON p.place_id = m.place_id'
            + (f" WHERE {place_where}" if place_where else "") + ' ORDER BY a.fid, m."start", m.fid', tuple(args)):
        yield (round(r[0], 6), round(r[1], 6)), {
            "place_name": r[2], "place_id": r[3], "place_kind": r[4], "country_code": r[5], "article_id": r[6],
            "start": r[7], "end": r[8], "surface": r[9], "excerpt": r[10], "corrected": r[11] is not None,
        }


def mentions_geojson(project) -> dict:
    """One Point Feature per mention, with the sentence it came from."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(xy)}, "properties": props}
        for xy, props in mention_rows(project.conn)]}
