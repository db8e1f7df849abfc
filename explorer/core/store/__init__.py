"""The store: the GeoPackage project (the one store), its event ledger, and ingest into it."""
from explorer.core.store.memory import Corpus, PlaceSummary

__all__ = ["Corpus", "PlaceSummary"]
