"""Issue 11, the print writers (``snapshot``, File -> Export map…, the window's PNG snapshot) written as exports
are: never onto the project or an input file, never onto a device, FIFO or folder, through a link, checked whole
(a PDF cut short by a full disk is not "written"), nothing left behind, errors in words.

Each test failed before its fix: the writers had their own ``.part`` + rename (a device or FIFO replaced by a
file, a link replaced, the project replaced, a truncated PDF reported written with exit 0, a traceback on a
read-only disk)."""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from explorer.cli import main
from explorer.core.export.output import ExportError
from explorer.core.store.ingest import ingest_into_project
from explorer.core.store.project import Project
from explorer.gui import print_layout
from explorer.gui.print_layout import measure, write_page
from explorer.mapdoc import layout as L
from tests.core.faults import can_mount_tmpfs, run_on_tmpfs
from tests.fakes import FakeGeoparser

needs_tmpfs = pytest.mark.skipif(not can_mount_tmpfs(), reason="cannot mount a tmpfs here (needs root and unshare)")

ARTICLES = {
    "a.txt": "Blast in Quetta\n\nA roadside bomb exploded in Quetta on 3 May 2023, killing two people.\n",
    "b.txt": "Protest in Karachi\n\nHundreds of traders protested in Karachi on 12 May 2023 against power cuts.\n",
}


def _sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _fake_project(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    path = tmp_path / "r.gpkg"
    with Project(path) as project:
        ingest_into_project([src], project, geoparser=FakeGeoparser())
    return path, src


def _layout():
    return L.plan(L.page_for(400, 300), "A title", "A subtitle", measure, [])


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if ".part" in p.name]


def test_snapshot_refuses_its_project_an_input_and_special_files_before_drawing(qapp, tmp_path, capsys):
    path, src = _fake_project(tmp_path)
    digest, text = _sha(path), (src / "a.txt").read_bytes()
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    (tmp_path / "folder.png").mkdir()
    cases = [
        (["--project", str(path), "--out", str(path), "--format", "png"],
         f"error: cannot write {path}: it is the project being exported (r.gpkg); writing it would replace the "
         "project (give another file name); nothing was written"),
        (["--project", str(path), "--out", str(path), "--format", "pdf"], "it is the project being exported"),
        (["--project", str(path), "--out", f"{path}-wal", "--format", "png"], "it is the project's own wal file"),
        ([str(src / "a.txt"), "--out", str(src / "a.txt"), "--format", "png"], "it is one of the input files"),
        (["--project", str(path), "--out", str(fifo)], "it is a FIFO, not a regular file"),
        (["--project", str(path), "--out", str(tmp_path / "folder.png")], "it is a folder, not a regular file"),
    ]
    if os.geteuid() == 0:  # a copy of /dev/full, made here (the machine's own device is never touched)
        dev = tmp_path / "full.png"
        os.mknod(dev, stat.S_IFCHR | 0o600, os.makedev(1, 7))
        cases.append((["--project", str(path), "--out", str(dev)], "it is a character device, not a regular file"))
    for argv, words in cases:
        assert main(["snapshot", *argv]) == 1, argv
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, (argv, err)
    assert _sha(path) == digest and (src / "a.txt").read_bytes() == text
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and (tmp_path / "folder.png").is_dir()
    if os.geteuid() == 0:
        assert stat.S_ISCHR(os.stat(tmp_path / "full.png").st_mode)
    assert not _leftovers(tmp_path)


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_write_page_writes_through_a_link_and_refuses_special_files(qapp, tmp_path, fmt):
    lay = _layout()
    real = tmp_path / f"real.{fmt}"
    real.write_text("old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(real)
    assert write_page(lay, None, link, fmt, "T") == link
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().rstrip().endswith(print_layout.ENDINGS[fmt])
    fifo = tmp_path / f"pipe.{fmt}"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="it is a FIFO, not a regular file"):
        write_page(lay, None, fifo, fmt)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    dangling = tmp_path / f"dang.{fmt}"
    dangling.symlink_to(tmp_path / "nowhere" / f"x.{fmt}")
    with pytest.raises(ExportError, match="in a folder that does not exist"):
        write_page(lay, None, dangling, fmt)
    assert not (tmp_path / "nowhere").exists()
    assert not _leftovers(tmp_path)


def test_a_pdf_cut_short_is_not_reported_written(qapp, tmp_path, monkeypatch):
    """A full disk's short write, simulated: the PDF writer says nothing, the file ends early."""
    real_write = print_layout._write_pdf

    def cut_short(lay, rendered, tmp, title):
        ok = real_write(lay, rendered, tmp, title)
        data = tmp.read_bytes()
        tmp.write_bytes(data[: len(data) // 2])
        return ok

    lay = _layout()
    out = tmp_path / "s.pdf"
    out.write_text("old")
    monkeypatch.setattr(print_layout, "_write_pdf", cut_short)
    with pytest.raises(ExportError) as info:
        write_page(lay, None, out, "pdf")
    assert str(info.value).startswith(f"cannot write {out}: ")
    assert "the PDF could not be written whole" in str(info.value) and "Errno" not in str(info.value)
    assert out.read_text() == "old" and not _leftovers(tmp_path)
    # and when Qt says the painter could not finish (QPainter.end() is False)
    monkeypatch.setattr(print_layout, "_write_pdf", lambda lay, rendered, tmp, title: real_write(
        lay, rendered, tmp, title) and False)
    with pytest.raises(ExportError, match="the PDF could not be written whole"):
        write_page(lay, None, out, "pdf")
    assert out.read_text() == "old" and not _leftovers(tmp_path)


def test_save_image_writes_through_a_link_and_never_onto_the_project(qapp, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from explorer.gui.snapshot import save_image

    image = QImage(50, 40, QImage.Format_RGB32)
    image.fill(QColor("#336699"))
    real = tmp_path / "real.png"
    link = tmp_path / "link.png"
    link.symlink_to(real)
    assert save_image(image, link) == link and link.is_symlink() and QImage(str(real)).width() == 50
    project = tmp_path / "map.png"  # a project file with an odd name
    project.write_text("project")
    with pytest.raises(ExportError, match="it is the project being exported"):
        save_image(image, project, project=project)
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="it is a FIFO"):
        save_image(image, fifo)
    assert project.read_text() == "project" and not _leftovers(tmp_path)


# ---------------------------------------------------------------- on a real full or read-only disk

PRINT_CHILD = textwrap.dedent("""
    import sys
    from explorer.gui import webenv
    webenv.configure(headless=True)
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    from explorer.core.export.output import ExportError
    from explorer.gui.print_layout import measure, write_page
    from explorer.mapdoc import layout as L
    lay = L.plan(L.page_for(1920, 1080), "A title", "A subtitle", measure, [])
    try:
        write_page(lay, None, sys.argv[1], sys.argv[2], "T")
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
""")


@needs_tmpfs
@pytest.mark.parametrize("fmt", ["pdf", "png", "svg"])
def test_a_page_on_a_really_full_disk_is_an_error_and_leaves_nothing(tmp_path, fmt):
    disk, out = tmp_path / "disk", tmp_path / "out"
    # the empty page is small: the disk is filled to leave it less than it needs
    done = run_on_tmpfs(disk, out, "256k", [sys.executable, "-c", PRINT_CHILD, str(disk / f"s.{fmt}"), fmt],
                        prepare=f"echo old > {disk}/s.{fmt}; head -c 258000 /dev/urandom > {disk}/fill 2>/dev/null")
    assert done.returncode == 1, (done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "Errno" not in done.stderr, done.stderr
    assert f"the disk is full (the {fmt.upper()} could not be written whole)" in done.stderr, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["fill", f"s.{fmt}"]
    assert (out / f"s.{fmt}").read_text() == "old\n"


ANIMATE_CHILD = (
    "import sys; import explorer.core.export.output as o; "
    "o.check_target = lambda out, project=None, inputs=(): o.resolve_target(out); "  # reach the writer itself
    "from explorer.cli import main; sys.exit(main(sys.argv[1:]))"
)


@needs_tmpfs
def test_an_animation_on_a_read_only_disk_says_so_in_words(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    project = tmp_path / "may.gpkg"
    assert main(["ingest", str(src), "--project", str(project), "--workers", "1"]) == 0
    disk, out = tmp_path / "disk", tmp_path / "out"
    argv = ["snapshot", "--project", str(project), "--animate", "day", "--out", str(disk / "a.gif"),
            "--width", "320", "--height", "240"]
    for child in (["-m", "explorer"], ["-c", ANIMATE_CHILD]):  # refused before drawing; and by the writer
        done = run_on_tmpfs(disk, out, "1m", [sys.executable, *child, *argv], readonly=True, timeout=300)
        assert done.returncode == 1, (child, done.stdout[-2000:], done.stderr[-2000:])
        assert "Traceback" not in done.stderr and "Errno" not in done.stderr, done.stderr
        assert f"error: cannot write {disk / 'a.gif'}: it is on a read-only file system; nothing was written" \
            in done.stderr, done.stderr
        assert list(out.iterdir()) == []


# ---------------------------------------------------------------- the window

@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def test_the_window_never_exports_onto_its_open_project(qtbot, tmp_path, settings, monkeypatch):
    from explorer.gui.export_dialog import ExportDialog
    from explorer.gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.project is not None and w.project_path is not None and not w.worker.isRunning(),
                    timeout=90000)
    path = w.project_path
    digest = _sha(path)
    for fmt in ("gpkg", "csv"):  # File -> Export data…
        errors.clear()
        assert w.export_to(path, "mentions", fmt) is None
        assert "it is the project being exported" in errors[0] and "Traceback" not in errors[0], errors
    errors.clear()
    dialog = ExportDialog(w.project.conn, w.state, None, settings, "seeds", w)  # File -> Export map…
    qtbot.addWidget(dialog)
    dialog.export_to(path)
    assert "it is the project being exported" in dialog.last_error
    assert errors and errors[0].startswith("The map was not written: cannot write") and \
        "it is the project being exported" in errors[0], errors
    assert not dialog._writing
    assert _sha(path) == digest
    dialog.close()
    w.close()
