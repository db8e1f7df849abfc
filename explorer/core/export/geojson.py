"""Machine-readable exports of a corpus (GeoJSON)."""
from __future__ import annotations


from explorer.core.store import Corpus


def mentions_geojson(corpus: Corpus) -> dict:
    """One Point Feature per mention, with the excerpt it came from."""
    features = []
    for m in corpus.mentions:
        p = m.place
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
            "properties": {
                "place_name": p.name,
                "place_id": p.place_id,
                "place_kind": p.kind,
                "country_code": p.country_code,
                "article_id": m.article_id,
                "start": m.start,
                "end": m.end,
                "surface": m.surface,
                "excerpt": corpus.excerpt(m),
            },
        })
    return {"type": "FeatureCollection", "features": features}
