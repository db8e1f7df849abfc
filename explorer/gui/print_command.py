"""``geo-explorer snapshot``: the print layout and the timeline animation, from the command line, offscreen."""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from explorer.core.export.filters import parse_filters
from explorer.mapdoc import layout as L


def err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def options(args):
    """(page, format, filters, bbox) from the command line, or LayoutError."""
    fmt = (args.format or "").lower() or None
    out = Path(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if fmt is None:
        fmt = suffix if suffix in ("png", "pdf", "svg", "gif", "mp4") else "png"
    if args.animate and fmt not in ("gif", "mp4"):
        raise L.LayoutError("--animate writes .gif or .mp4 (give --out NAME.gif, or --format gif)")
    if fmt in ("gif", "mp4") and not args.animate:
        raise L.LayoutError(f"{fmt.upper()} is for animations: add --animate day|week")
    if args.paper:
        page = L.page_for(paper=args.paper, orientation=args.orientation, dpi=args.dpi) if not (
            args.width or args.height) else L.page_for(args.width, args.height, paper=args.paper)
    else:
        if args.orientation:
            raise L.LayoutError("--orientation goes with --paper")
        default = (1280, 720) if args.animate else (1920, 1080)
        page = L.page_for(args.width or default[0], args.height or default[1], dpi=args.dpi)
    bbox = L.parse_bbox(args.bbox) if args.bbox else None
    if args.max_frames < 1 or args.max_frames > 2000:
        raise L.LayoutError("--max-frames must be between 1 and 2000")
    if args.frame_ms < 20 or args.frame_ms > 60000:
        raise L.LayoutError("--frame-ms must be between 20 and 60000")
    return page, fmt, parse_filters(args), bbox


def open_project(args, sources):
    """(project, name, errors) for the command: --project (read only; PATHs added in memory), PATHs read now,
    or the bundled seeds (the cached seeds project, read only)."""
    from explorer.core.store.project import Project

    if sources:
        from explorer.core.store.ingest import ingest
    if args.project:
        project = Project(args.project, readonly=True)
        name = Path(args.project).stem
        if sources:
            project.close()
            project = Project.copy_in_memory(args.project)
            return project, name, ingest(sources, project=project).errors
        return project, name, []
    if sources:
        result = ingest(sources)
        return result.project, "Geo Explorer map", result.errors
    from explorer.core.store.seeds import built_seeds

    try:
        return Project(built_seeds(), readonly=True), L.SEEDS_TITLE, []
    except OSError:
        # no cached seeds project can be made here (a frozen build ships the gazetteer's index, not the
        # sources its key is made of): read the seeds into memory, as before
        from explorer.core.store.ingest import ingest

        result = ingest(None)
        return result.project, L.SEEDS_TITLE, result.errors


def run(args, sources) -> int:
    t0 = time.perf_counter()
    try:
        page, fmt, filters, bbox = options(args)
    except L.LayoutError as exc:
        err(str(exc))
        return 2
    from explorer.core.export.output import ExportError, check_target

    try:  # a device, FIFO or folder, the project or an input file, a read-only disk: before any drawing
        check_target(args.out, project=args.project, inputs=sources or ())
    except ExportError as exc:
        err(f"{exc}; nothing was written")
        return 1
    from explorer.gui import webenv

    webenv.configure(headless=True)
    from PySide6.QtWidgets import QApplication

    from explorer.core.store.project import ProjectError

    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 (kept alive for the run)
    from explorer.gui.print_layout import MapPrinter

    # the web engine starts its processes while the project is opened and the print planned
    printer = MapPrinter()
    try:
        project, name, errors = open_project(args, sources)
    except ProjectError as exc:
        err(str(exc))
        printer.close()
        return 2
    for e in errors:
        print(f"{'warning' if getattr(e, 'warning', False) else 'skipped'}: {e}", file=sys.stderr)
    try:
        if args.animate:
            return _animate(args, printer, project, name, page, fmt, filters, bbox, t0)
        return _print(args, printer, project, name, page, fmt, filters, bbox, t0)
    except L.LayoutError as exc:
        err(str(exc))
        return 2
    finally:
        printer.dispose()
        project.close()


def _describe_page(page: L.Page) -> str:
    if page.paper:
        return f"{page.paper} {page.orientation}, {page.dpi:g} dpi, {page.width}x{page.height} px"
    return f"{page.width}x{page.height} px"


def _load(printer, lay: L.Layout, plan: L.PrintPlan, style: str):
    printer.load(plan.data, round(lay.map.w), round(lay.map.h), lay.unit, style)
    return printer


def _outside(plan: L.PrintPlan, bounds) -> list:
    return [p for p in plan.pins if not L.inside(bounds, p.lat, p.lon)]


def _print(args, printer, project, name, page, fmt, filters, bbox, t0) -> int:
    from explorer.gui.print_layout import avoid_boxes, measure, write_page
    from explorer.gui.snapshot import SnapshotError

    plan = L.print_plan(project.conn, filters, title=args.title, subtitle_text=args.subtitle, fit=args.fit,
                        bbox=bbox, notes=args.notes, labels=args.labels, name=name)
    lay = L.plan(page, plan.title, plan.subtitle, measure, plan.notes)
    _load(printer, lay, plan, args.style)
    try:
        printer.wait_loaded()
        printer.render(plan.fit.bounds, plan.labels, plan.numbers, padding=14, avoid=avoid_boxes(lay))
        rendered = printer.wait(printer.rendered)
    except SnapshotError as exc:
        err(f"the map was not drawn ({exc}); nothing was written")
        printer.dispose()
        return 1
    legend = L.legend_rows(rendered.info.get("drawn") or {}, notes=len(plan.notes))
    lay = L.plan(page, plan.title, plan.subtitle, measure, plan.notes, legend)
    from explorer.core.export.output import ExportError

    try:
        path = write_page(lay, rendered, args.out, fmt, plan.title)
    except (ExportError, OSError, ValueError) as exc:
        err(f"{exc}; nothing was written")
        printer.dispose()
        return 1
    printer.dispose()
    fit = replace(plan.fit, outside=_outside(plan, rendered.info.get("bounds") or plan.fit.bounds))
    labelled = len(rendered.info.get("labelled") or [])
    print(f"{path} ({fmt.upper()}, {_describe_page(page)}; {len(plan.pins) - len(fit.outside)} of {len(plan.pins)} "
          f"places shown, {plan.events} events, {labelled} pins labelled; {time.perf_counter() - t0:.2f} s)")
    if fit.outside:
        print(fit.outside_text(), file=sys.stderr)
    return 0


def animation_steps(conn, filters, step: str) -> list[tuple[date, date]]:
    """The steps with events (their first day) under ``filters``, within its date window."""
    from explorer.core.store import views

    days, _ = views.histogram(conn, replace(filters, include_undated=False), "day")
    lo, hi = filters.date_from, filters.date_to
    keep = [d for d in days if (lo is None or d >= lo) and (hi is None or d <= hi)]
    return L.steps(keep, step)


def _animate(args, printer, project, name, page, fmt, filters, bbox, t0) -> int:
    from explorer.core.store import views
    from explorer.gui.print_layout import avoid_boxes, measure, page_image, qimage_to_pil
    from explorer.gui.snapshot import SnapshotError
    from explorer.mapdoc.document import MapData, counts_json

    if fmt == "mp4":
        try:
            import imageio.v2 as imageio  # noqa: F401
            import imageio_ffmpeg  # noqa: F401
        except ImportError:
            err("MP4 needs the optional video encoder: pip install 'geo-explorer[video]' (imageio and "
                "imageio-ffmpeg); or write a .gif")
            return 2
    else:
        try:
            import PIL  # noqa: F401
        except ImportError:
            err("GIF needs Pillow (pip install pillow)")
            return 2
    all_steps = animation_steps(project.conn, filters, args.animate)
    if not all_steps:
        err("no dated events in the range: no frame to draw (nothing was written)")
        return 1
    chosen, sampled = L.sample_steps(all_steps, args.max_frames)
    if sampled:
        print(f"{len(all_steps)} steps with events; {len(chosen)} frames drawn, spread over the range "
              f"(--max-frames)", file=sys.stderr)
    first = filters.date_from or all_steps[0][0]
    cumulative = not args.window
    whole = L.frame_filters(filters, (all_steps[0][0], all_steps[-1][1]), first, True)
    plan = L.print_plan(project.conn, whole, title=args.title, subtitle_text=args.subtitle, fit=args.fit, bbox=bbox,
                        notes=args.notes, labels=args.labels, name=name)
    lay0 = L.plan(page, plan.title, plan.subtitle, measure, plan.notes)
    _load(printer, lay0, plan, args.style)
    table = plan.data.table
    frames_written = 0
    out = Path(args.out)
    images = []
    subtitles = []
    from explorer.core.export.output import ExportError, atomic_output, check_written
    from explorer.gui.print_layout import ENDINGS

    try:
        # written as exports are: a device, FIFO or folder refused, a link written through, the file checked
        # whole before it replaces OUT, and no temporary file left on any failure (a read-only disk too)
        with atomic_output(out, suffix=f".part.{fmt}") as tmp:
            writer = None
            try:
                printer.wait_loaded()
                for k, step in enumerate(chosen):
                    ff = L.frame_filters(filters, step, first, cumulative)
                    counts = views.pin_counts(project.conn, table, ff)
                    data = MapData(table, counts, ff.hidden)
                    events = views.counts(project.conn, ff)["events"]
                    sub = args.subtitle or L.subtitle(ff, None, events, counts.places)
                    if cumulative and args.animate == "week":
                        sub = f"Week of {L.format_day(step[0])} · " + sub
                    if k == 0:
                        printer.render(plan.fit.bounds, plan.labels, plan.numbers, padding=14,
                                       avoid=avoid_boxes(lay0))
                        printer.wait(printer.rendered)  # the print's fit; the frame itself follows
                    printer.frame(counts_json(data.counts, data.hidden))
                    rendered = printer.wait(printer.rendered)
                    legend = L.legend_rows(rendered.info.get("drawn") or {}, notes=len(plan.notes))
                    lay = L.plan(page, plan.title, sub, measure, plan.notes, legend)
                    image = qimage_to_pil(page_image(lay, rendered))
                    subtitles.append(sub)
                    if fmt == "mp4":
                        if writer is None:
                            import imageio.v2 as imageio

                            writer = imageio.get_writer(str(tmp), format="FFMPEG", fps=1000.0 / args.frame_ms,
                                                        codec="libx264", quality=8, macro_block_size=2,
                                                        pixelformat="yuv420p")
                        writer.append_data(__import__("numpy").asarray(image))
                    else:
                        from PIL import Image

                        images.append(image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                     dither=Image.Dither.NONE))
                    frames_written += 1
                if fmt == "mp4":
                    writer.close()
                    writer = None
                    check_written(out, tmp, "MP4")
                else:
                    durations = [args.frame_ms] * len(images)
                    durations[-1] = max(args.frame_ms, 2500)  # hold the last frame
                    images[0].save(str(tmp), format="GIF", save_all=True, append_images=images[1:],
                                   duration=durations, loop=0, disposal=1)
                    check_written(out, tmp, "GIF", True, ENDINGS["gif"])
            finally:
                if writer is not None:
                    try:
                        writer.close()
                    except Exception:  # noqa: BLE001 - the first error is the one to tell
                        pass
    except SnapshotError as exc:
        err(f"frame {frames_written + 1} was not drawn ({exc}); nothing was written")
        return 1
    except ExportError as exc:
        err(f"{exc}; nothing was written")
        return 1
    except OSError as exc:
        from explorer.core.export.output import describe_os_error

        err(f"cannot write {out}: {describe_os_error(exc)}; nothing was written")
        return 1
    finally:
        printer.dispose()
    print(f"{out} ({fmt.upper()}, {_describe_page(page)}; {frames_written} frames, one per {args.animate} with "
          f"events, {'cumulative' if cumulative else 'each step alone'}; {time.perf_counter() - t0:.2f} s)")
    return 0
