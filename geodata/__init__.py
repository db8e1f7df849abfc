"""Bundled Natural Earth layers (data only; see PROVENANCE.md)."""
