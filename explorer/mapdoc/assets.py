"""Leaflet from an installed Python package, and the map runtime's own scripts (with the vendored
Supercluster, see static/vendor/README.md), never a CDN.

The map document is written to a folder with its scripts and styles copied
beside it under ``lib/``, so the page loads with no network and can be
opened in any browser as it is. The basemap cells go to ``lib/basemap/``
(see ``basemap.install``).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet

LIB = "lib"


@dataclass(frozen=True)
class Asset:
    name: str  # folium's resource name
    source: Path  # file on disk
    target: str  # path relative to the document

    @property
    def is_js(self) -> bool:
        return self.target.endswith(".js")


def _static(name: str) -> Path:
    return Path(str(resources.files("explorer.mapdoc") / "static" / name))


def assets() -> list[Asset]:
    leaflet = Path(xs_leaflet.BASE_DIR)
    return [
        Asset("leaflet", leaflet / "leaflet.js", f"{LIB}/leaflet/leaflet.js"),
        Asset("leaflet_css", leaflet / "leaflet.css", f"{LIB}/leaflet/leaflet.css"),
        Asset("supercluster", _static("vendor/supercluster.min.js"), f"{LIB}/supercluster/supercluster.min.js"),
        Asset("geo_explorer", _static("geo_explorer.js"), f"{LIB}/geo_explorer.js"),
        Asset("geo_pins", _static("geo_pins.js"), f"{LIB}/geo_pins.js"),
        Asset("geo_basemap", _static("geo_basemap.js"), f"{LIB}/geo_basemap.js"),
        Asset("geo_tools", _static("geo_tools.js"), f"{LIB}/geo_tools.js"),
        Asset("geo_explorer_css", _static("geo_explorer.css"), f"{LIB}/geo_explorer.css"),
        Asset("geo_basemap_css", _static("geo_basemap.css"), f"{LIB}/geo_basemap.css"),
    ]


def default_js() -> list[tuple[str, str]]:
    return [(a.name, a.target) for a in assets() if a.is_js]


def default_css() -> list[tuple[str, str]]:
    return [(a.name, a.target) for a in assets() if not a.is_js]


def page_files() -> dict[str, Path]:
    """Every local file the map page may load: path under the document (``lib/...``) -> file.

    The scripts and styles, Leaflet's marker images and the basemap cells.
    ``copy_assets`` and ``basemap.install`` put the same files beside a
    document written to a folder; a host that serves the page from its own
    URL scheme can serve them from here instead.
    """
    from explorer.mapdoc import basemap  # imports this module

    out = {a.target: a.source for a in assets()}
    images = Path(xs_leaflet.BASE_DIR) / "images"
    if images.is_dir():
        for f in sorted(images.iterdir()):
            out[f"{LIB}/leaflet/images/{f.name}"] = f
    out.update(basemap.files())
    return out


def copy_assets(folder: Path) -> None:
    """Copy every asset (and Leaflet's marker images) under ``folder``."""
    for a in assets():
        dest = folder / a.target
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists() or dest.stat().st_size != a.source.stat().st_size:
            shutil.copyfile(a.source, dest)
    images = Path(xs_leaflet.BASE_DIR) / "images"
    if images.is_dir():
        shutil.copytree(images, folder / LIB / "leaflet" / "images", dirs_exist_ok=True)
