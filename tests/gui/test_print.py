"""The print layout as a user gets it: `geo-explorer snapshot` writes PNG, PDF, SVG and GIF files that are
opened and checked here (pixels, pages, text), the labels on pins, and File -> Export map…."""
from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from explorer.cli import main
from explorer.gui.print_layout import measure
from explorer.mapdoc import layout as L
from explorer.mapdoc.document import ACLED_COLOURS, KIND_COLOURS

LAND = (0xF3, 0xEF, 0xE4)
WATER = (0xB9, 0xD3, 0xE6)
ATTRIBUTION = "Natural Earth; GeoNames (CC BY 4.0); Leaflet"

# Three short articles written for these tests: dated events on three days in two weeks.
ARTICLES = {
    "a.txt": "Blast in Quetta\n\nA roadside bomb exploded in Quetta on 3 May 2023, killing two people. "
             "Police said the device was planted near a market.\n",
    "b.txt": "Clashes near Turbat\n\nSoldiers clashed with militants near Turbat on 5 May 2023. "
             "Officials said three soldiers were wounded.\n",
    "c.txt": "Protest in Karachi\n\nHundreds of traders protested in Karachi on 12 May 2023 against power cuts.\n",
}


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _near(rgb, ref, tol) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, ref))


def _count(image: QImage, box: L.Box, refs, tol: int = 12, step: int = 2) -> int:
    n = 0
    for y in range(int(box.y) + 2, int(box.bottom) - 2, step):
        for x in range(int(box.x) + 2, int(box.right) - 2, step):
            px = image.pixel(x, y)
            rgb = ((px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF)
            if any(_near(rgb, r, tol) for r in refs):
                n += 1
    return n


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project of the articles above, on disk (the command reads it like any user's)."""
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path_factory.mktemp("project") / "may.gpkg"
    assert main(["ingest", str(folder), "--project", str(path), "--workers", "1"]) == 0
    return path


def _event_days(path) -> list[date]:
    with sqlite3.connect(path) as conn:
        return sorted(date.fromordinal(d) for (d,) in conn.execute(
            "SELECT DISTINCT day_first FROM events WHERE day_first IS NOT NULL"))


def _plan(path, page, **kw):
    from explorer.core.store.project import Project

    with Project(path, readonly=True) as pr:
        plan = L.print_plan(pr.conn, name=Path(path).stem, **kw)
    return plan, L.plan(page, plan.title, plan.subtitle, measure, plan.notes)


def test_png_shows_title_band_legend_land_sea_and_pins(qapp, project, tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--width", "1280", "--height", "800",
                 "--fit", "all"]) == 0
    summary = capsys.readouterr().out
    assert str(out) in summary and "outside" not in summary
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    plan, lay = _plan(project, L.page_for(1280, 800), fit="all")
    ink = [_hex(L.INK)]
    band = L.Box(0, 0, image.width(), lay.map.y - 4)
    assert _count(image, band, ink, tol=40, step=1) > 150          # title and subtitle are written
    assert _count(image, lay.legend, ink, tol=40, step=1) > 100     # the legend's text
    symbols = [_hex(c) for c in (*ACLED_COLOURS.values(), *KIND_COLOURS.values())]
    assert _count(image, lay.legend, symbols, tol=20, step=1) > 20  # and its symbols
    total = (lay.map.w // 2) * (lay.map.h // 2)
    assert _count(image, lay.map, [LAND], tol=4) > 0.05 * total
    assert _count(image, lay.map, [WATER], tol=4) > 0.002 * total
    assert _count(image, lay.map, [_hex(c) for c in ACLED_COLOURS.values()], tol=20, step=1) > 30  # event pins
    foot = L.Box(0, lay.footer[0].y - 2, image.width(), image.height() - lay.footer[0].y)
    assert _count(image, foot, [_hex(L.MUTED)], tol=40, step=1) > 50


def test_pdf_is_one_page_of_its_paper_with_real_text(qapp, project, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "map.pdf"
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--paper", "A4", "--dpi", "150",
                 "--title", "Strikes in Balochistan", "--notes", "2"]) == 0
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Strikes in Balochistan" in text
    assert ATTRIBUTION in text
    assert "1. " in text and "2. " in text  # the numbered source notes


def test_svg_parses_and_holds_text(qapp, project, tmp_path):
    out = tmp_path / "map.svg"
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--width", "900", "--height", "700",
                 "--title", "Southwest Pakistan, May 2023"]) == 0
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    texts = [" ".join("".join(t.itertext()).split()) for t in root.iter() if t.tag.endswith("text")]
    assert len(texts) >= 5
    joined = " ".join(texts)
    assert "Southwest Pakistan, May 2023" in joined and "GeoNames (CC BY 4.0)" in joined
    assert any(t.tag.endswith("image") for t in root.iter())  # the map


def test_gif_has_a_frame_per_day_with_events_each_with_its_own_subtitle(qapp, project, tmp_path, capsys):
    from PIL import Image, ImageSequence

    days = _event_days(project)
    assert len(days) >= 2
    out = tmp_path / "war.gif"
    assert main(["snapshot", "--project", str(project), "--animate", "day", "--out", str(out),
                 "--width", "640", "--height", "400", "--labels", "3"]) == 0
    assert f"{len(days)} frames" in capsys.readouterr().out
    page = L.page_for(640, 400)
    _, lay = _plan(project, page)
    top, bottom = int(lay.subtitle[0].y), int(lay.map.y) - 2
    with Image.open(out) as gif:
        assert gif.n_frames == len(days)
        bands = [frame.convert("RGB").crop((0, top, page.width, bottom)).tobytes()
                 for frame in ImageSequence.Iterator(gif)]
    assert len(set(bands)) == len(bands)  # every frame's subtitle (its dates) differs
    weeks = {d - timedelta(days=d.weekday()) for d in days}
    out2 = tmp_path / "weeks.gif"
    assert main(["snapshot", "--project", str(project), "--animate", "week", "--window", "--out", str(out2),
                 "--width", "640", "--height", "400"]) == 0
    with Image.open(out2) as gif:
        assert gif.n_frames == len(weeks)


def test_bad_options_are_refused_in_words(qapp, project, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--types", "Battles,Dragons"]) == 2
    err = capsys.readouterr().err
    assert "Dragons" in err and "Explosions/Remote violence" in err and "armed_clash" in err
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--from", "2023-13-01"]) == 2
    assert main(["snapshot", "--project", str(project), "--out", str(tmp_path / "x.gif")]) == 2
    assert not out.exists() and not (tmp_path / "x.gif").exists()


def test_filters_and_extent_say_what_is_left_out(qapp, project, tmp_path, capsys):
    out = tmp_path / "far.png"
    # an extent far from every pin: each is named as left out
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--bbox", "-10,40,0,50",
                 "--width", "600", "--height", "400"]) == 0
    err = capsys.readouterr().err
    plan, _ = _plan(project, L.page_for(600, 400))
    assert plan.pins and all(p.name in err for p in plan.pins)
    # one category: the subtitle says so, and only its events count
    assert main(["snapshot", "--project", str(project), "--out", str(out), "--types", "protests",
                 "--width", "600", "--height", "400"]) == 0
    capsys.readouterr()
    plan, _ = _plan(project, L.page_for(600, 400))
    from explorer.core.store.project import Project
    from explorer.core.viewstate import Filters

    with Project(project, readonly=True) as pr:
        only = L.print_plan(pr.conn, Filters(types=L.parse_types("protests")))
    assert "Protests only" in only.subtitle and only.events < plan.events


def test_labels_on_pins_never_cover_a_pin_or_each_other(qapp, tmp_path):
    """Many pins close together: the labels placed keep clear of every pin and label; those that cannot
    are hidden; numbered pins are always labelled."""
    from explorer.core.store.views import PlaceTable
    from explorer.gui.print_layout import MapPrinter
    from explorer.mapdoc.document import MapData

    t = PlaceTable()
    for k in range(60):
        pid = f"p{k}"
        t.index[pid] = k
        t.fid.append(k + 1)
        t.place_id.append(pid)
        t.name.append(f"Place number {k}")
        t.kind.append(1)
        t.country.append("PK")
        t.lat.append(25.0 + (k % 8) * 0.9)
        t.lon.append(62.0 + (k // 8) * 0.9)
        t.mentions.append(100 - k)
        t.articles.append(1)
        t.events.append(0)
        t.top.append(-1)
    printer = MapPrinter()
    try:
        printer.load(MapData(t, labels=25), 700, 500, 1.0)
        printer.wait_loaded()
        printer.render([[24.0, 61.0], [32.5, 69.5]], labels=25, numbers={"p59": 1})
        info = printer.wait(printer.rendered).info
        labelled = info["labelled"]
        boxes = printer.view.evaluate(
            "(function(){var m=geoExplorer.map, out=[]; geoExplorer.pins.layer.eachLayer(function(l){"
            "if(!l._geSize)return; var p=m.latLngToContainerPoint(l.getLatLng()), r=l._geSize/2;"
            "out.push([p.x-r,p.y-r,p.x+r,p.y+r]);}); return out;})()")
        placed = printer.view.evaluate("geoExplorer.basemap.placed")
    finally:
        printer.close()
    assert 3 <= len([x for x in labelled if not x["number"]]) <= 25
    assert any(x["id"] == "p59" and x["number"] == 1 for x in labelled)

    def overlap(a, b):
        return a[0] < b[2] - 0.5 and a[2] > b[0] + 0.5 and a[1] < b[3] - 0.5 and a[3] > b[1] + 0.5

    free = [x for x in labelled if not x["number"]]
    for x in free:
        assert not any(overlap(x["box"], b) for b in boxes), x["name"]
    for i, a in enumerate(labelled):
        for b in labelled[i + 1:]:
            if not (a["number"] or b["number"]):
                assert not overlap(a["box"], b["box"]), (a["name"], b["name"])
    # the basemap's own labels keep clear of the pins' labels
    for lab in placed or []:
        assert not any(overlap(lab["box"], x["box"]) for x in labelled), lab["name"]
    # the most mentioned are the ones labelled first
    assert "p0" in [x["id"] for x in free]


def test_export_dialog_previews_then_writes_without_blocking(qtbot, project, tmp_path):
    from PySide6.QtCore import QSettings, QTimer

    from explorer.core.store.project import Project
    from explorer.core.viewstate import ViewState
    from explorer.gui.export_dialog import ExportDialog
    from explorer.gui.settings import pin_labels

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    with Project(project, readonly=True) as pr:
        state = ViewState()
        state.update(types=L.parse_types("Battles,Protests"))
        dialog = ExportDialog(pr.conn, state, None, settings, "May")
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(dialog.previewed, timeout=60000):
            pass
        assert not dialog.preview.pixmap().isNull()
        dialog.labels.setValue(4)
        assert pin_labels(settings) == 4
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        out = tmp_path / "dialog.pdf"
        dialog.paper.setCurrentText("A4")
        dialog.dpi.setValue(120)
        with qtbot.waitSignal(dialog.written, timeout=60000):
            dialog.export_to(str(out))
        timer.stop()
        assert len(ticks) >= 3  # the event loop ran while the map was drawn and the file written
        assert out.stat().st_size > 1000 and out.read_bytes().startswith(b"%PDF")
        dialog.close()


def test_mp4_when_the_encoder_is_installed(qapp, project, tmp_path):
    pytest.importorskip("imageio_ffmpeg")
    imageio = pytest.importorskip("imageio.v2")
    out = tmp_path / "war.mp4"
    assert main(["snapshot", "--project", str(project), "--animate", "day", "--out", str(out),
                 "--width", "640", "--height", "400"]) == 0
    reader = imageio.get_reader(str(out))
    try:
        assert reader.count_frames() == len(_event_days(project))
    finally:
        reader.close()


def test_a_printer_closed_mid_print_ignores_the_pages_late_answers(qapp):
    """Closing a printer while a print is in progress ends the print: a size the page reports after it
    (its JavaScript answers come late) must not start the poll again on the deleted view."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication

    from explorer.gui.print_layout import MapPrinter

    printer = MapPrinter()
    printer.size_for(300, 200, 1.0)
    printer.render([[24.0, 61.0], [32.5, 69.5]])
    assert printer._busy and printer._poll.isActive()
    printer.close()
    QCoreApplication.sendPostedEvents(None, 0)  # the view's deleteLater
    printer._on_size("[300, 200, true]")  # the page's late answer
    assert not printer._poll.isActive() and not printer._busy
    # a view deleted under a busy printer ends its print at the next poll
    other = MapPrinter()
    other.size_for(300, 200, 1.0)
    other.render([[24.0, 61.0], [32.5, 69.5]])
    shiboken6.delete(other.view)
    other._check()
    assert not other._busy
