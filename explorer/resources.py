"""Where the package's bundled data lives (geodata, seeds, map assets).

Everything goes through importlib.resources so that an installed wheel, an
editable install and a frozen bundle all find the same files.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def _dir(package: str) -> Path:
    # Both data folders are real packages (they hold an __init__.py), so
    # files() is a plain directory on disk in every kind of install.
    return Path(str(resources.files(package)))


def geodata_dir() -> Path:
    return _dir("explorer.geodata")


def seeds_dir() -> Path:
    return _dir("explorer.seeds")


def geodata_path(name: str) -> Path:
    path = geodata_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"bundled geodata file missing: {name} (looked in {path.parent})")
    return path


def seed_paths() -> list[Path]:
    """The bundled seed articles, sorted by file name."""
    return sorted(p for p in seeds_dir().iterdir() if p.suffix == ".txt")
