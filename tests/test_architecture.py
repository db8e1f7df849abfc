"""The package's layers, as pyproject.toml's import-linter contracts state them: gui -> mapdoc -> core,
no Qt below the GUI, no folium in the core. Also: a machine with no display gets one clear line."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> list[str]:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    return [exe, "--config", str(ROOT / "pyproject.toml"), "--no-cache"]


def test_import_contracts_are_kept():
    done = subprocess.run(_lint_imports(), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "3 kept, 0 broken" in done.stdout


def test_the_core_runs_without_qt_or_folium():
    # importing every core module leaves PySide6 and folium unloaded (the CLI and the tests need no display)
    code = ("import pkgutil, importlib, sys, explorer.core as c\n"
            "for m in pkgutil.walk_packages(c.__path__, 'explorer.core.'):\n"
            "    importlib.import_module(m.name)\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'folium', 'branca')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "[]"


def test_the_app_says_so_when_there_is_no_display():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "explorer"], capture_output=True, text=True, timeout=60, env=env)
    if not sys.platform.startswith("linux"):
        return
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "no display" in lines[0] and "geo-explorer snapshot" in lines[0]
    assert done.stdout == ""
