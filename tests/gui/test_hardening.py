"""Issue 11 in the GUI: a sealed map page, a narrow bridge, failed opens in words, snapshots never blank, a log."""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import QMessageBox

from explorer import applog
from explorer.core.store import ingest as ingest_mod
from tests.contents import map_data
from explorer.gui.mapview import MapView
from explorer.gui.snapshot import check_image, grab_checked
from tests.core.faults import CLI_WITH_FAKE_GEOPARSER, ROOT
from tests.fakes import FakeGeoparser


def _shown_map(qtbot, data, size=(900, 600)) -> MapView:
    view = MapView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.show_map(data)
    assert view.wait_ready(60000)
    return view


class Listener:
    """A TCP and a UDP socket on 127.0.0.1 that record whatever reaches them."""

    def __init__(self):
        self.hits: list[str] = []
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.tcp.settimeout(0.2)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.settimeout(0.2)
        self.port, self.uport = self.tcp.getsockname()[1], self.udp.getsockname()[1]
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._accept, daemon=True),
                         threading.Thread(target=self._receive, daemon=True)]
        for t in self._threads:
            t.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.tcp.accept()
            except OSError:
                continue
            self.hits.append("tcp")
            conn.close()

    def _receive(self):
        while not self._stop.is_set():
            try:
                self.udp.recvfrom(4096)
            except OSError:
                continue
            self.hits.append("udp")

    def close(self):
        self._stop.set()
        for t in self._threads:
            t.join(2)
        self.tcp.close()
        self.udp.close()


PROBE = """
(function (port, uport) {
  var r = window.__probe = {};
  function done(key, value) { r[key] = value; }
  function attempt(key, fn) { try { fn(); } catch (e) { done(key, "threw " + e.name); } }
  var base = "http://127.0.0.1:" + port;
  attempt("fetch", function () { fetch(base + "/fetch").then(function () { done("fetch", "ok"); },
                                                             function () { done("fetch", "failed"); }); });
  attempt("xhr", function () {
    var x = new XMLHttpRequest(); x.open("GET", base + "/xhr");
    x.onload = function () { done("xhr", "ok"); }; x.onerror = function () { done("xhr", "failed"); }; x.send();
  });
  attempt("websocket", function () {
    var w = new WebSocket("ws://127.0.0.1:" + port + "/ws");
    w.onopen = function () { done("websocket", "ok"); }; w.onerror = function () { done("websocket", "failed"); };
  });
  attempt("file_fetch", function () {
    fetch("file:///etc/passwd").then(function (res) { return res.text(); })
      .then(function (t) { done("file_fetch", "read " + t.length); }, function () { done("file_fetch", "failed"); });
  });
  attempt("file_xhr", function () {
    var x = new XMLHttpRequest(); x.open("GET", "file:///etc/passwd");
    x.onload = function () { done("file_xhr", "read " + (x.responseText || "").length); };
    x.onerror = function () { done("file_xhr", "failed"); }; x.send();
  });
  attempt("file_img", function () {
    var i = new Image(); i.onload = function () { done("file_img", "ok"); };
    i.onerror = function () { done("file_img", "failed"); }; i.src = "file:///usr/share/pixmaps/debian-logo.png";
  });
  ["preconnect", "dns-prefetch", "prefetch", "preload"].forEach(function (rel) {
    var l = document.createElement("link"); l.rel = rel; l.href = base + "/" + rel;
    if (rel === "preload") l.as = "fetch";
    document.head.appendChild(l);
  });
  attempt("webrtc", function () {
    var pc = new RTCPeerConnection({iceServers: [{urls: "stun:127.0.0.1:" + uport},
      {urls: "turn:127.0.0.1:" + port + "?transport=tcp", username: "u", credential: "c"},
      {urls: "turn:127.0.0.1:" + uport + "?transport=udp", username: "u", credential: "c"}]});
    var candidates = 0;
    pc.onicecandidate = function (e) { if (e.candidate) candidates++; else done("webrtc", "candidates " + candidates); };
    pc.createDataChannel("x");
    pc.createOffer().then(function (o) { return pc.setLocalDescription(o); });
    setTimeout(function () { if (!("webrtc" in r)) done("webrtc", "candidates " + candidates); }, 4000);
  });
})(%d, %d)
"""


def test_the_map_page_cannot_reach_anything(qtbot):
    view = _shown_map(qtbot, map_data(None, geoparser=FakeGeoparser()))
    listener = Listener()
    try:
        view.run_js(PROBE % (listener.port, listener.uport))
        keys = {"fetch", "xhr", "websocket", "file_fetch", "file_xhr", "file_img", "webrtc"}
        qtbot.waitUntil(lambda: keys <= set(view.evaluate("Object.keys(window.__probe || {})") or []), timeout=20000)
        time.sleep(1.5)  # anything still on its way reaches the listener by now
        probe = view.evaluate("window.__probe")
    finally:
        listener.close()
    assert listener.hits == [], (listener.hits, probe)
    for key in keys - {"webrtc"}:
        assert probe[key] == "failed" or probe[key].startswith("threw"), (key, probe[key])
    assert probe["webrtc"] in ("candidates 0",) or probe["webrtc"].startswith("threw"), probe["webrtc"]
    assert view.interceptor.blocked == [] or all("127.0.0.1" in u for u in view.interceptor.blocked)
    assert all(u.startswith("geo-explorer://") for u in view.interceptor.allowed)
    view.dispose()


def test_the_page_sees_no_host_object_and_the_bridge_takes_only_place_ids(qtbot):
    import shiboken6

    view = _shown_map(qtbot, map_data(None, geoparser=FakeGeoparser()))
    assert view.evaluate("typeof qt") == "undefined"
    assert view.evaluate("typeof window.geoExplorerBridge") == "undefined"
    assert view.evaluate("typeof QWebChannel") == "undefined"
    clicked = []
    view.placeClicked.connect(clicked.append)
    for detail in ("12", "'x'.repeat(201)", "''", "{toString: function () { return 'gn:1'; }}", "'gn:1167528'"):
        view.run_js(f"document.dispatchEvent(new CustomEvent('geo-explorer:pin', {{detail: {detail}}}))")
    qtbot.waitUntil(lambda: bool(clicked), timeout=5000)
    qtbot.wait(300)
    assert clicked == ["gn:1167528"]
    assert shiboken6.isValid(view.bridge)
    view.dispose()


def test_the_page_has_a_strict_content_security_policy(qtbot):
    view = _shown_map(qtbot, map_data(None, geoparser=FakeGeoparser()))
    view.run_js("window.__evil = 'no'; var s = document.createElement('script');"
                "s.textContent = 'window.__evil = \"ran\"'; document.body.appendChild(s);"
                "try { eval('window.__evil = \"eval\"'); } catch (e) { window.__evalBlocked = e.name; }")
    qtbot.wait(300)
    assert view.evaluate("window.__evil") == "no"  # an injected inline script does not run
    assert view.evaluate("window.__evalBlocked") == "EvalError"
    view.dispose()


# ---------------------------------------------------------------- 13. snapshots

def test_check_image_refuses_blank_and_landless_images():
    white = QImage(400, 300, QImage.Format_RGB32)
    white.fill(QColor("white"))
    assert "one colour" in check_image(white)
    half = QImage(400, 300, QImage.Format_RGB32)
    half.fill(QColor("white"))
    # one fill, not 60,000 setPixelColor calls: PySide 6.12 drops a reference to None on each of those, and
    # Python 3.11's None is not immortal (the test process aborted with "none_dealloc")
    painter = QPainter(half)
    painter.fillRect(0, 0, 400, 150, QColor(0xB9, 0xD3, 0xE6))
    painter.end()
    assert "no land" in check_image(half)


def test_a_map_that_never_paints_gives_an_error_and_no_png(qtbot, tmp_path, monkeypatch, capsys):
    import explorer.gui.mapview as mv
    from explorer.gui.snapshot import snapshot_command

    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    monkeypatch.setattr(mv, "sealed_html", lambda data, style="light": "<html><body>nothing here</body></html>")
    monkeypatch.setattr(mv, "PAINT_TIMEOUT_MS", 2000)
    (tmp_path / "a.txt").write_text("News from Quetta.", encoding="utf-8")
    out = tmp_path / "map.png"
    assert snapshot_command(str(out), 400, 300, [str(tmp_path / "a.txt")]) == 1
    assert not out.exists() and not list(tmp_path.glob("*.png"))
    assert "not painted" in capsys.readouterr().err


def test_snapshots_under_cpu_load_are_never_blank(qtbot, tmp_path):
    """Many snapshots, in the app and from the command line, with two busy processes on the machine."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        seeds = map_data(None, geoparser=FakeGeoparser())
        (tmp_path / "one.txt").write_text("Talks in Lahore and Zahedan.", encoding="utf-8")
        one = map_data([tmp_path / "one.txt"], geoparser=FakeGeoparser())
        view = MapView()
        qtbot.addWidget(view)
        view.resize(800, 500)
        view.show()
        for i in range(6):
            view.show_map(seeds if i % 2 == 0 else one)
            assert view.wait_ready(60000), f"round {i}: not painted"
            image = grab_checked(view)
            assert check_image(image, expect_pins=True) is None
        view.dispose()
        for i in range(2):
            out = tmp_path / f"cli{i}.png"
            done = subprocess.run([sys.executable, "-c", CLI_WITH_FAKE_GEOPARSER, "snapshot", "--out", str(out),
                                   "--width", "640", "--height", "400", "--fit", "all"], cwd=ROOT, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, done.stderr[-2000:]
            # a print layout: its basemap style's colours, land under the border overlay counted as land
            assert check_image(QImage(str(out)), expect_pins=True, style="light") is None
    finally:
        for b in burners:
            b.kill()
            b.wait()


# ---------------------------------------------------------------- 12 and 14: failed opens, the log

@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def _damaged_project(tmp_path):
    from explorer.core.store.project import Project

    path = tmp_path / "damaged.gpkg"
    with Project(path) as project:
        for i in range(30):
            from explorer.core.models import Article

            project.put_article(Article(f"a{i}", "t", "Quetta. " * 400, content_hash=str(i)), [])
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xa5" * 3 * 4096)
    return path


def test_a_failed_project_open_says_why_and_keeps_the_open_project(qtbot, tmp_path, settings, monkeypatch):
    from explorer.gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready, timeout=90000)
    title, articles = w.windowTitle(), w.project.article_ids()
    for target, words in ((tmp_path / "missing.gpkg", "no such project file"),
                          (_damaged_project(tmp_path), "the file is damaged")):
        errors.clear()
        w.open_project(str(target))
        qtbot.waitUntil(lambda: bool(errors) and not w.worker.isRunning(), timeout=20000)
        assert words in errors[0] and "Traceback" not in errors[0], errors[0]
        assert f"Details are in the log: {applog.log_path()}" in errors[0]
        assert w.windowTitle() == title and w.project.article_ids() == articles and w.map.ready
    w.close()


def test_a_broken_last_project_at_start_falls_back_to_the_seeds(qtbot, tmp_path, settings, monkeypatch):
    from explorer.gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    settings.setValue("last_project", str(_damaged_project(tmp_path)))
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready and w.project is not None and len(w.project.article_ids()) == 5,
                    timeout=90000)
    assert errors and "the file is damaged" in errors[0] and "seed corpus is shown instead" in errors[0]
    assert w.untitled  # the seeds, in an untitled project: not the damaged file
    w.close()


def test_help_opens_the_log_folder_and_errors_are_logged(qtbot, tmp_path, settings, monkeypatch):
    from explorer.gui.main_window import MainWindow

    opened, errors = [], []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    assert w.log_action.text() == "Open &log folder"
    w.log_action.trigger()
    assert opened == [str(applog.log_dir())]
    assert w.export_to("/dev/full", "mentions") is None
    assert "a character device, not a regular file" in errors[0]
    assert f"Details are in the log: {applog.log_path()}" in errors[0]
    assert "/dev/full" in applog.log_path().read_text(encoding="utf-8")
    w.close()
