"""The ``geo-explorer`` command: the app, and its headless subcommands."""
from __future__ import annotations

import argparse
import sys

from explorer.core.export.registry import FORMATS, LAYERS
from explorer.core.text.registry import help_text


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="geo-explorer",
        description="Places named in news articles, on an offline map. "
                    "With no subcommand, opens the app on the bundled seed corpus (or on PATHs).",
    )
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="open the desktop app (the default)")
    run.add_argument("paths", nargs="*", help="article files or folders (default: the bundled seeds)")
    run.add_argument("--project", metavar="FILE.gpkg", help="open this project file")
    run.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)

    snap = sub.add_parser("snapshot", help="write a PNG of the map, with no window on screen")
    snap.add_argument("--out", required=True, help="PNG file to write")
    snap.add_argument("--width", type=int, default=1280)
    snap.add_argument("--height", type=int, default=800)
    snap.add_argument("--project", metavar="FILE.gpkg", help="draw this project (read only)")
    snap.add_argument("paths", nargs="*", help="article files or folders (default: the bundled seeds, unless "
                                               "--project is given; with it, added in memory)")

    exp = sub.add_parser("export", help="write events, mentions or places for GIS tools")
    exp.add_argument("--format", choices=list(FORMATS), default=None,
                     help="output format (default: from the --out suffix, else geojson)")
    exp.add_argument("--what", choices=list(LAYERS), default="mentions",
                     help="which layer to write (default: mentions)")
    exp.add_argument("--out", required=True, help="file to write")
    exp.add_argument("--project", metavar="FILE.gpkg", help="export this project's contents (read only)")
    exp.add_argument("paths", nargs="*", help="article files or folders (default: the bundled seeds, "
                                              "unless --project is given)")

    ing = sub.add_parser("ingest", help="add articles to a project file (GeoPackage)")
    ing.add_argument("paths", nargs="+", help="article files or folders; read: " + help_text())
    ing.add_argument("--project", metavar="FILE.gpkg",
                     help="project file, created if missing (default: the user data folder's default.gpkg)")
    ing.add_argument("--force", action="store_true", help="re-parse articles even when unchanged")
    ing.add_argument("--workers", type=int, default=None, metavar="N",
                     help="processes that analyse the articles (default: one per core; 1: this process)")
    ing.add_argument("--dask", metavar="ADDRESS",
                     help="analyse on a Dask cluster (tcp://HOST:8786, or 'local'); needs geo-explorer[dask]")
    ing.add_argument("-v", "--verbose", action="store_true", help="one line per article, with its warnings")

    sub.add_parser("geoparse", help="JSON Lines in on stdin ({id, text}), toponyms out on stdout")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    paths = getattr(args, "paths", None) or None
    if args.command in ("ingest", "export", "snapshot"):
        from explorer import applog

        applog.setup()
        applog.log.info("geo-explorer %s", " ".join(argv))

    if args.command == "geoparse":
        from explorer.core.geoparse_cli import run as geoparse_run

        return geoparse_run(sys.stdin, sys.stdout, sys.stderr)

    if args.command == "export":
        from explorer.core.export.gis import export_command

        return export_command(args.what, args.out, args.format, paths, args.project)

    if args.command == "ingest":
        from explorer.core.store.ingest import ingest_command

        if args.workers is not None and args.workers < 1:
            print("error: --workers must be 1 or more", file=sys.stderr)
            return 2
        return ingest_command(args.paths, args.project, force=args.force, workers=args.workers, dask=args.dask,
                              verbose=args.verbose)

    if args.command == "snapshot":
        if args.width < 100 or args.height < 100 or args.width > 10000 or args.height > 10000:
            print("error: --width and --height must be between 100 and 10000", file=sys.stderr)
            return 2
        from explorer.gui.snapshot import snapshot_command

        return snapshot_command(args.out, args.width, args.height, paths, args.project)

    from explorer.gui.app import run_app

    return run_app(paths, quit_after_ms=getattr(args, "quit_after", None), project=getattr(args, "project", None))


if __name__ == "__main__":
    sys.exit(main())
