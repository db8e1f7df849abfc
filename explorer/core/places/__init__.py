"""Places: the gazetteer, the geoparser and the areas of the world (admin-1 provinces, circles, boxes), and the
search for a place as the user types (search.py)."""
