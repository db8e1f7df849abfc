"""The store: the GeoPackage project (the one store), its event ledger, ingest into it, and what the app asks it."""
