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

    snap = sub.add_parser(
        "snapshot", help="write a composed map (PNG, PDF, SVG) or a timeline animation (GIF, MP4), no window",
        description="Write the map as a print layout: title, subtitle (dates and filters), the map with labels on "
                    "its most mentioned pins, a legend of what it draws, scale bar, north arrow, attribution and "
                    "the date of making. With --animate, one frame per day or week that holds events "
                    "(cumulative: each frame shows the events from the first step to its own; --window shows "
                    "each step's events alone).")
    snap.add_argument("--out", required=True, help="file to write (.png, .pdf, .svg; .gif or .mp4 with --animate)")
    snap.add_argument("--format", choices=["png", "pdf", "svg", "gif", "mp4"], default=None,
                      help="output format (default: from the --out suffix, else png)")
    snap.add_argument("--title", help="the title (default: the project's name)")
    snap.add_argument("--subtitle", help="the subtitle (default: the date range, the filters and the counts)")
    snap.add_argument("--width", type=int, default=None, help="page width in pixels (default 1920; 1280 for animations)")
    snap.add_argument("--height", type=int, default=None, help="page height in pixels (default 1080; 720 for animations)")
    snap.add_argument("--paper", choices=["A4", "A3", "letter"], type=lambda s: {"a4": "A4", "a3": "A3"}.get(
        s.lower(), s.lower()), help="a paper page instead of pixels")
    snap.add_argument("--orientation", choices=["portrait", "landscape"], default=None,
                      help="of the paper (default portrait)")
    snap.add_argument("--dpi", type=float, default=None, help="dots per inch (default 300 on paper, 96 in pixels)")
    snap.add_argument("--project", metavar="FILE.gpkg", help="draw this project (read only)")
    where = snap.add_mutually_exclusive_group()
    where.add_argument("--bbox", metavar="W,S,E,N", help="the map's extent in degrees")
    where.add_argument("--fit", choices=["all", "local"], default="local",
                       help="all: every pin; local (default): where most local mentions are (the pins left "
                            "out are named)")
    snap.add_argument("--types", help="ACLED categories or fine event types, comma separated (any case)")
    snap.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="events from this day")
    snap.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="events until this day")
    snap.add_argument("--include-undated", action="store_true",
                      help="with --from/--to: keep the events that have no date")
    snap.add_argument("--notes", type=int, default=0, metavar="N",
                      help="number the N most mentioned pins and list their first source sentence under the map")
    snap.add_argument("--labels", type=int, default=10, metavar="N",
                      help="label the N most mentioned pins in view (default 10; 0: none)")
    snap.add_argument("--style", choices=["light", "dark"], default="light", help="basemap style")
    snap.add_argument("--animate", choices=["day", "week"], help="a timeline animation: one frame per step with events")
    snap.add_argument("--max-frames", type=int, default=120, metavar="N",
                      help="at most N frames (default 120; more steps are sampled evenly, the last one kept)")
    snap.add_argument("--window", action="store_true",
                      help="with --animate: each frame shows its own step's events (default: cumulative)")
    snap.add_argument("--frame-ms", type=int, default=800, metavar="MS", help="with --animate: time per frame")
    snap.add_argument("paths", nargs="*", help="article files or folders (default: the bundled seeds, unless "
                                               "--project is given; with it, added in memory)")

    exp = sub.add_parser("export", help="write events, mentions or places for GIS tools")
    exp.add_argument("--format", choices=list(FORMATS), default=None,
                     help="output format (default: from the --out suffix, else geojson)")
    exp.add_argument("--what", choices=list(LAYERS), default="mentions",
                     help="which layer to write (default: mentions)")
    exp.add_argument("--out", required=True, help="file to write")
    exp.add_argument("--project", metavar="FILE.gpkg", help="export this project's contents (read only)")
    exp.add_argument("--bbox", metavar="W,S,E,N", help="only what lies in this box (degrees), as the map's area filter")
    exp.add_argument("--types", help="only events of these ACLED categories or fine event types, comma separated")
    exp.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="only events from this day")
    exp.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="only events until this day")
    exp.add_argument("--include-undated", action="store_true",
                     help="with --from/--to: keep the events that have no date")
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


def _export_filters(args):
    """The Filters of ``export``'s --bbox, --types, --from, --to, --include-undated (None: none given), or
    the exit status 2 after saying what is wrong."""
    if not (args.bbox or args.types or args.date_from or args.date_to):
        return None
    from dataclasses import replace

    from explorer.core.export.filters import OptionError, parse_bbox, parse_filters
    from explorer.core.viewstate import Area

    try:
        filters = parse_filters(args)
        if args.bbox:
            filters = replace(filters, area=Area.box(*parse_bbox(args.bbox)))
    except OptionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return filters


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # "--bbox -10,40,0,50": a west edge below zero is a value, not an option
    for i in range(len(argv) - 1):
        if argv[i] == "--bbox" and argv[i + 1][:1] == "-" and argv[i + 1][1:2].isdigit():
            argv[i:i + 2] = [f"--bbox={argv[i + 1]}"]
            break
    args = _parser().parse_args(argv)
    paths = getattr(args, "paths", None) or None
    if args.command in ("ingest", "export", "snapshot"):
        from explorer import applog

        applog.setup()
        applog.log.info("geo-explorer %s", " ".join(argv))

    if args.command == "geoparse":
        from explorer.core.places.geoparse_cli import run as geoparse_run

        return geoparse_run(sys.stdin, sys.stdout, sys.stderr)

    if args.command == "export":
        from explorer.core.export.gis import export_command

        filters = _export_filters(args)
        if isinstance(filters, int):
            return filters
        return export_command(args.what, args.out, args.format, paths, args.project, filters)

    if args.command == "ingest":
        from explorer.core.store.ingest import ingest_command

        if args.workers is not None and args.workers < 1:
            print("error: --workers must be 1 or more", file=sys.stderr)
            return 2
        projects = [p for p in args.paths if str(p).lower().endswith(".gpkg")]
        if projects:
            # "geo-explorer ingest p.gpkg story.txt": the project given as an article; nothing is read or written
            hint = f" (did you mean --project {projects[0]}?)" if args.project is None and len(projects) == 1 else ""
            print(f"error: {projects[0]} is a project file, not an article{hint}; nothing was ingested",
                  file=sys.stderr)
            return 2
        return ingest_command(args.paths, args.project, force=args.force, workers=args.workers, dask=args.dask,
                              verbose=args.verbose)

    if args.command == "snapshot":
        from explorer.gui.snapshot import snapshot_command

        return snapshot_command(args, paths)

    from explorer.gui.app import run_app

    return run_app(paths, quit_after_ms=getattr(args, "quit_after", None), project=getattr(args, "project", None))


if __name__ == "__main__":
    sys.exit(main())
