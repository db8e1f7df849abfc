"""The Qt-free core: text, places, events, the store and exports."""

# The version of the analysis (reading, cleaning, geoparsing, event extraction) that writes an
# article's rows. Stored with each article: a re-ingest of an unchanged file re-analyses it when
# its rows were written by another version. Bump it whenever the analysis gives other results.
PIPELINE_VERSION = "3"
