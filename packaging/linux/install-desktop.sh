#!/usr/bin/env bash
# Put Geo Explorer in the user's applications menu (no root needed).
#
#   bash packaging/linux/install-desktop.sh                 # menu entry + icons, run the bundle from dist/
#   bash packaging/linux/install-desktop.sh --copy-bundle   # also copy dist/geo-explorer/ to ~/.local/opt/
#   bash packaging/linux/install-desktop.sh --exec CMD      # launch CMD instead (e.g. a venv's geo-explorer)
#   bash packaging/linux/install-desktop.sh --uninstall     # remove all of the above
#
# Installs, under $XDG_DATA_HOME (default ~/.local/share):
#   applications/geo-explorer.desktop
#   icons/hicolor/<N>x<N>/apps/geo-explorer.png  and  icons/hicolor/scalable/apps/geo-explorer.svg
# With --copy-bundle: ~/.local/opt/geo-explorer/ (the one-folder bundle) and a
# ~/.local/bin/geo-explorer symlink to its executable.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"
opt="$HOME/.local/opt/geo-explorer"
bin="$HOME/.local/bin/geo-explorer"
bundle="$root/dist/geo-explorer"
sizes="16 22 24 32 48 64 128 256 512"

mode=install copy=0 exec_cmd=""
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) mode=uninstall ;;
        --copy-bundle) copy=1 ;;
        --bundle) bundle="$(cd "$2" && pwd)"; shift ;;
        --exec) exec_cmd="$2"; shift ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [ "$mode" = uninstall ]; then
    rm -f "$apps/geo-explorer.desktop" "$icons/scalable/apps/geo-explorer.svg"
    for s in $sizes; do rm -f "$icons/${s}x${s}/apps/geo-explorer.png"; done
    if [ -L "$bin" ] && [ "$(readlink "$bin")" = "$opt/geo-explorer" ]; then rm -f "$bin"; fi
    [ -x "$opt/geo-explorer" ] && rm -rf "$opt"
    refresh
    echo "Geo Explorer removed from $apps and $icons"
    exit 0
fi

if [ -z "$exec_cmd" ]; then
    if [ "$copy" = 1 ]; then
        [ -x "$bundle/geo-explorer" ] || { echo "no bundle at $bundle: run bash packaging/build.sh first" >&2; exit 1; }
        mkdir -p "$(dirname "$opt")" "$(dirname "$bin")"
        rm -rf "$opt.new" && cp -a "$bundle" "$opt.new" && rm -rf "$opt" && mv "$opt.new" "$opt"
        ln -sfn "$opt/geo-explorer" "$bin"
        exec_cmd="$opt/geo-explorer"
    elif [ -x "$bundle/geo-explorer" ]; then
        exec_cmd="$bundle/geo-explorer"
    elif command -v geo-explorer >/dev/null 2>&1; then
        exec_cmd="$(command -v geo-explorer)"
    else
        echo "no Geo Explorer to launch: build the bundle (bash packaging/build.sh)," >&2
        echo "install the project (pip install .), or pass --exec CMD" >&2
        exit 1
    fi
fi

# Desktop Entry spec: an Exec argument with spaces or reserved characters is
# double-quoted; a literal % is written %%. Refuse what would need more.
case "$exec_cmd" in
    *[\"\`\$\\]*) echo "cannot put this command in a desktop entry: $exec_cmd" >&2; exit 1 ;;
esac
quoted="${exec_cmd//%/%%}"
case "$exec_cmd" in
    *[[:space:]\'\>\<\~\|\&\;\*\?\#\(\)]*) quoted="\"$quoted\"" ;;
esac
tryexec="$exec_cmd"

mkdir -p "$apps" "$icons/scalable/apps"
sed -e "s|^Exec=geo-explorer |Exec=$(printf '%s' "$quoted" | sed 's/[|&\\]/\\&/g') |" \
    -e "s|^TryExec=.*|TryExec=$(printf '%s' "$tryexec" | sed 's/[|&\\]/\\&/g')|" \
    "$here/geo-explorer.desktop" > "$apps/geo-explorer.desktop.part"
mv "$apps/geo-explorer.desktop.part" "$apps/geo-explorer.desktop"
install -m 644 "$root/explorer/assets/geo-explorer.svg" "$icons/scalable/apps/geo-explorer.svg"
for s in $sizes; do
    install -D -m 644 "$root/explorer/assets/geo-explorer-$s.png" "$icons/${s}x${s}/apps/geo-explorer.png"
done
refresh
echo "installed $apps/geo-explorer.desktop (Exec: $exec_cmd)"
echo "installed icons under $icons"
