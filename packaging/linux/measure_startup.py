"""Time from launch to a painted map, on a real X11 screen (Xvfb), from outside the app.

    python packaging/linux/measure_startup.py dist/geo-explorer/geo-explorer [--runs 3] [--png shot.png]
    python packaging/linux/measure_startup.py .venv/bin/geo-explorer

Starts Xvfb with its framebuffer in a file (``-fbdir``), launches
``EXE run --quit-after 60000`` on it with a clean environment (no
PYTHONPATH, a fresh HOME, so nothing is cached between runs), and reads the
framebuffer every 20 ms: the times at which the window first shows, the
land colour (#f3efe4) first covers a tenth of the screen, and the pin colour
(#d7263d, with the land) reaches its final count are printed. Needs only the
standard library and Xvfb (Debian: ``apt-get install xvfb``); run as any
user. ``--png`` writes the last frame.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

W, H = 1280, 800
LAND = bytes((0xE4, 0xEF, 0xF3))   # BGR order in a little-endian 32-bit framebuffer
PIN = bytes((0x3D, 0x26, 0xD7))
MIN_PIN_PIXELS = 300


def read_xwd(path: Path):
    """(width, height, bytes_per_line, pixel bytes as BGRX) of an XWD file."""
    data = path.read_bytes()
    fields = struct.unpack(">25I", data[:100])
    header_size, width, height = fields[0], fields[4], fields[5]
    bpl, ncolors = fields[12], fields[19]
    off = header_size + 12 * ncolors
    return width, height, bpl, data[off: off + bpl * height]


def write_png(path: Path, width: int, height: int, bpl: int, bgrx: bytes) -> None:
    rows = bytearray()
    for y in range(height):
        row = bgrx[y * bpl: y * bpl + 4 * width]
        rgb = bytearray(3 * width)
        rgb[0::3], rgb[1::3], rgb[2::3] = row[2::4], row[1::4], row[0::4]
        rows += b"\0" + rgb

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))


def one_run(exe: str, display: str, fb: Path, timeout: float, png: Path | None) -> dict:
    home = Path(tempfile.mkdtemp(prefix="ge-measure-home-"))
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "DISPLAY": display,
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_RUNTIME_DIR": str(home)}
    blank = read_xwd(fb)[3]
    log = open(home / "stderr.txt", "w+")
    t0 = time.monotonic()
    proc = subprocess.Popen([exe, "run", "--quit-after", str(int(timeout * 1000))], env=env,
                            stdout=subprocess.DEVNULL, stderr=log)
    seen: dict[str, float] = {}
    last_pins, last_change, shot = -1, t0, None
    try:
        while time.monotonic() - t0 < timeout and proc.poll() is None:
            now = time.monotonic()
            w, h, bpl, frame = shot = read_xwd(fb)
            if "window" not in seen and frame != blank:
                seen["window"] = now - t0
            land = frame.count(LAND)
            pins = frame.count(PIN)
            if "land" not in seen and land > 0.10 * w * h:
                seen["land"] = now - t0
            if pins != last_pins:
                last_pins, last_change = pins, now
            # the legend has one swatch of the pin colour (~80 px); ask for more
            if "land" in seen and pins > MIN_PIN_PIXELS and now - last_change > 3.0:
                seen["pins"] = last_change - t0   # the count has settled since then
                seen["pin_pixels"] = pins
                break
            time.sleep(0.02)
    finally:
        if png is not None and proc.poll() is None:
            time.sleep(0.5)   # let the last frame settle before the shot
            shot = read_xwd(fb)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if png is not None and shot is not None:
            write_png(png, *shot)
        if "pins" not in seen:
            log.seek(0)
            seen["error"] = log.read()[-800:]
        log.close()
        shutil.rmtree(home, ignore_errors=True)
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("exe", help="the geo-explorer executable (frozen or installed)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=90.0)
    ap.add_argument("--png", type=Path, help="write the last frame here")
    args = ap.parse_args()
    exe = str(Path(args.exe).resolve()) if os.sep in args.exe else (shutil.which(args.exe) or args.exe)

    fbdir = Path(tempfile.mkdtemp(prefix="ge-measure-fb-"))
    display = f":{70 + os.getpid() % 200}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{W}x{H}x24", "-fbdir", str(fbdir),
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fb = fbdir / "Xvfb_screen0"
    try:
        for _ in range(100):
            if fb.exists() and Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
                break
            time.sleep(0.05)
        else:
            print("Xvfb did not start", file=sys.stderr)
            return 1
        results = []
        for i in range(args.runs):
            r = one_run(exe, display, fb, args.timeout, args.png if i == args.runs - 1 else None)
            results.append(r)
            print(f"run {i + 1}: " + ", ".join(f"{k} {v:.2f} s" if isinstance(v, float) else f"{k} {v}"
                                               for k, v in r.items()), flush=True)
        ok = [r for r in results if "pins" in r]
        if ok:
            best = min(r["pins"] for r in ok)
            print(f"launch to painted map with pins: first run {ok[0]['pins']:.2f} s, best {best:.2f} s "
                  f"({len(ok)}/{len(results)} runs)")
        return 0 if len(ok) == len(results) else 1
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(fbdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
