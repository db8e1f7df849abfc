"""Helpers for fault tests: a child process on a tiny tmpfs (real ENOSPC, real read-only file system)."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A child that runs the CLI with the test geoparser (fast, deterministic, no gazetteer).
# Its seeds (a command with no articles draws or exports the bundled seeds) are built into a folder of
# its own: built with the fakes, they must never become the user cache's seeds project, which every
# later test and app start would take as the real one (a CI run's seeds had no events that way).
CLI_WITH_FAKE_GEOPARSER = (
    "import sys, tempfile; from pathlib import Path; from explorer.core.store import ingest as m; "
    "from explorer.core.store import seeds as s; from tests.fakes import FakeGeoparser; "
    "m._default_geoparser = FakeGeoparser; m.find_events = lambda a, t, ms: []; "
    "s.cache_dir = lambda d=tempfile.mkdtemp(prefix='ge-fake-seeds-'): Path(d); "
    "from explorer.cli import main; sys.exit(main(sys.argv[1:]))"
)


@lru_cache(maxsize=1)
def can_mount_tmpfs() -> bool:
    """True when this process may mount a tmpfs in a private mount namespace (root, unshare allowed)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = Path("/tmp") / f"ge-tmpfs-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {probe}"],
                              capture_output=True, timeout=30)
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.rmdir()


def run_on_tmpfs(disk: Path, out: Path, size: str, argv: list[str], *, readonly: bool = False,
                 prepare: str = "", timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``argv`` with a fresh tmpfs of ``size`` mounted on ``disk`` (a private mount namespace).

    ``prepare`` (shell) runs first, on the writable tmpfs; with ``readonly`` the
    tmpfs is then remounted read-only. Whatever is on the tmpfs at the end is
    copied to ``out`` (the mount disappears with the child).
    """
    disk.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    script = f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(disk))} || exit 97\n"
    if prepare:
        script += prepare + "\n"
    if readonly:
        script += f"mount -o remount,ro {shlex.quote(str(disk))} || exit 98\n"
    script += " ".join(shlex.quote(a) for a in argv) + "\nrc=$?\n"
    script += f"cp -a {shlex.quote(str(disk))}/. {shlex.quote(str(out))}/ 2>/dev/null\nexit $rc\n"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout, stdin=subprocess.DEVNULL)
