"""Test-wide settings: Qt offscreen with software rendering, no network."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's log goes to a folder of this test session, never the user's.
if "GEO_EXPLORER_LOG_DIR" not in os.environ:
    import tempfile

    os.environ["GEO_EXPLORER_LOG_DIR"] = tempfile.mkdtemp(prefix="geo-explorer-test-log-")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

# Property-based tests (hypothesis): CI runs a fixed, derandomised set of
# examples (the same every run: never flaky); GEO_EXPLORER_FUZZ=N runs N
# random examples per test instead (e.g. GEO_EXPLORER_FUZZ=5000 for a fuzzing session).
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True, database=None,
                          print_blob=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("GEO_EXPLORER_FUZZ") or 1000), deadline=None)
settings.load_profile("fuzz" if os.environ.get("GEO_EXPLORER_FUZZ") else "ci")
