"""Places: the gazetteer's places as the user looks for them (search), beside the geoparser that finds them."""
