"""Bundled seed corpus (data only; see manifest.json)."""
