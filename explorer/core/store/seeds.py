"""The bundled seed corpus as a project: built once per version into the user cache, then copied.

Opening the app on the seeds copies a ready project file instead of
geoparsing the articles at every start (nor loading the gazetteer for them).
The cached file is named by everything its rows depend on: the analysis
(pipeline) version, the schema, the gazetteer's data and the seed files.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from explorer import resources


def cache_key() -> str:
    from explorer.core import PIPELINE_VERSION
    from explorer.core.places.gazetteer import data_version
    from explorer.core.store.schema import SCHEMA_VERSION

    h = hashlib.sha256(f"pipeline={PIPELINE_VERSION};schema={SCHEMA_VERSION};gaz={data_version()}".encode())
    for p in sorted(resources.seed_paths()):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geo-explorer", appauthor=False)) / "seeds"


def built_seeds() -> Path:
    """The cached project of the seeds, built now if missing (about a second, with the gazetteer)."""
    from explorer.core.store.ingest import ingest
    from explorer.core.store.project import Project

    folder = cache_dir()
    path = folder / f"seeds-{cache_key()}.gpkg"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".seeds-{os.getpid()}.gpkg"
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    with Project(tmp) as project:
        ingest(None, project=project)
    os.replace(tmp, path)  # closed: its log is checkpointed into it, one self-contained file
    for old in folder.glob("seeds-*.gpkg"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def seeds_project(target: str | Path) -> Path:
    """Make ``target`` a new project holding the bundled seeds (a copy of the cached one)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    shutil.copyfile(built_seeds(), part)
    os.replace(part, target)
    return target
