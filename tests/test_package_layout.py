"""Every package under explorer/ is a real package, so setup.py's discovery puts it in the wheel.

(CI also builds the wheel, installs it into a fresh venv and runs the CLI on
it: see .ci/run and packaging/wheel_smoke.py.)
"""
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]


def test_every_folder_with_python_code_is_a_discovered_package():
    folders = {p.parent for p in (ROOT / "explorer").rglob("*.py") if "__pycache__" not in p.parts}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file())
    assert missing == [], f"add an __init__.py to {missing}: setup.py would leave them out of the wheel"
    found = set(find_packages(str(ROOT), include=["explorer", "explorer.*"]))
    expected = {".".join(f.relative_to(ROOT).parts) for f in folders}
    assert expected <= found
