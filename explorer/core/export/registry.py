"""The declared registry of export formats and layers: the CLI and the GUI both read it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportFormat:
    name: str  # 'geojson', 'gpkg', 'kml', 'csv'
    label: str  # for people: the file dialog, the help
    suffixes: tuple[str, ...]  # the first is the one a new file gets

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("geojson", "GeoJSON", (".geojson", ".json")),
    ExportFormat("gpkg", "GeoPackage", (".gpkg",)),
    ExportFormat("kml", "KML", (".kml",)),
    ExportFormat("csv", "CSV", (".csv",)),
)
FORMATS: tuple[str, ...] = tuple(f.name for f in EXPORT_FORMATS)
BY_NAME = {f.name: f for f in EXPORT_FORMATS}
SUFFIXES = {s: f.name for f in EXPORT_FORMATS for s in f.suffixes}
LAYERS: tuple[str, ...] = ("events", "mentions", "places")
DEFAULT_FORMAT = "geojson"


def format_for(out: str | Path, fmt: str | None = None) -> str:
    """The format asked for, or the one the output file's suffix names (default geojson)."""
    if fmt:
        if fmt not in BY_NAME:
            raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        return fmt
    return SUFFIXES.get(Path(out).suffix.lower(), DEFAULT_FORMAT)


def file_dialog_filters() -> dict[str, str]:
    """Qt file-dialog filter -> format name, in the registry's order."""
    return {f"{f.label} ({' '.join('*' + s for s in f.suffixes)})": f.name for f in EXPORT_FORMATS}


def menu_label() -> str:
    return ", ".join(f.label for f in EXPORT_FORMATS)
