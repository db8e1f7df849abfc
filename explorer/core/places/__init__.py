"""Places: the gazetteer, the geoparser and the areas of the world (admin-1 provinces, circles, boxes)."""
