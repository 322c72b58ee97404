#!/usr/bin/env bash
# Build the DeskAssistant MSI on Linux with wixl (Debian package `wixl`) from
# installer/desk_assistant.wxs plus a file list generated from the payload.
#
#   installer/build_msi.sh [-o OUT.msi] [--payload DIR] [--wxs FILE]
#
# Without --payload the project's own files are staged (desk_assistant/,
# resources/, README, licence files): a check of the .wxs, not a shippable app.
# With --payload DIR (e.g. a PyInstaller onedir built on Windows) DIR is packed as is.
# Any wixl warning fails the build: wixl 0.101 silently drops attributes it does
# not know (Permanent, Secure, AllowSameVersionUpgrades, ...).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
OUT="$REPO/build/msi/desk_assistant.msi"
WXS="$HERE/desk_assistant.wxs"
PAYLOAD=""

die() {
    echo "build_msi: ERROR: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
        -o | --output) OUT="${2:?-o needs a path}"; shift 2 ;;
        --payload) PAYLOAD="${2:?--payload needs a folder}"; shift 2 ;;
        --wxs) WXS="${2:?--wxs needs a file}"; shift 2 ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

for tool in wixl wixl-heat perl; do
    command -v "$tool" >/dev/null 2>&1 ||
        die "$tool not found (Debian: apt-get install wixl; or run 'make system-tools' as root)"
done
[ -f "$WXS" ] || die "no such .wxs: $WXS"

# ProductVersion must be numeric a.b.c (Windows Installer compares only those fields).
VERSION="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$REPO/pyproject.toml" | head -n 1)"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    die "pyproject.toml version '$VERSION' is not a numeric a.b.c MSI ProductVersion"

# wixl 0.101 stores non-ASCII table text as empty strings (a nameless shortcut,
# an empty ProductName) without a warning, so keep MSI text ASCII.
if perl -0777 -ne 's/<!--.*?-->//gs; exit(/[^\x00-\x7f]/ ? 0 : 1)' "$WXS"; then
    die "$WXS has non-ASCII text outside comments; wixl would silently drop it"
fi

OUT="$(realpath -m "$OUT")"
WORK="${OUT%.msi}.work"
rm -rf "$WORK" "$OUT"
mkdir -p "$WORK" "$(dirname "$OUT")"

if [ -z "$PAYLOAD" ]; then
    PAYLOAD="$WORK/payload"
    mkdir -p "$PAYLOAD"
    (
        cd "$REPO"
        find desk_assistant resources -type f \
            -not -path '*/__pycache__/*' -not -name '*.pyc' -not -name '*.gguf' -print0 |
            xargs -0 cp --parents -t "$PAYLOAD"
        cp README.md "$PAYLOAD/README.md"
        cp models/README.md "$PAYLOAD/MODELS-README.md"
        for f in LICENSE* LICENCE* NOTICE* COPYING*; do
            [ -f "$f" ] && cp "$f" "$PAYLOAD/"
        done
        true
    )
fi
[ -d "$PAYLOAD" ] || die "payload folder not found: $PAYLOAD"
PAYLOAD="$(realpath "$PAYLOAD")"

# Models are side-loaded into MODELDIR, never packed (cabinets top out near 2 GB).
# (Command substitution, not `| grep -q`: under pipefail an early grep exit
# would SIGPIPE find and turn a match into "no match".)
if [ -n "$(find "$PAYLOAD" -type f -iname '*.gguf')" ]; then
    die "payload contains .gguf model files; models never go inside the MSI (models/README.md)"
fi
# Same reason as the .wxs check: non-ASCII file names would become empty names.
if [ -n "$(find "$PAYLOAD" | LC_ALL=C grep '[^ -~]')" ]; then
    die "payload has non-ASCII file names; wixl cannot store them"
fi
if [ -n "$(find "$PAYLOAD" -type l)" ]; then
    die "payload has symbolic links; an MSI cannot hold them (copy it with cp -L)"
fi
FILES="$(find "$PAYLOAD" -type f | wc -l)"
[ "$FILES" -gt 0 ] || die "payload is empty: $PAYLOAD"

# File list: one Win64 component per file under INSTALLDIR, ids hashed from the
# path, so they are stable across builds (upgrades keep component GUIDs).
(
    cd "$(dirname "$PAYLOAD")"
    find "$(basename "$PAYLOAD")" -type f | LC_ALL=C sort
) | wixl-heat -p "$(basename "$PAYLOAD")/" --directory-ref INSTALLDIR \
    --component-group PayloadFiles --var var.SourceDir --win64 >"$WORK/payload.wxs" ||
    die "wixl-heat could not list the payload"

# wixl cannot take an absolute SourceDir (GLib asserts), so run it beside the payload.
WXS="$(realpath "$WXS")"
if ! (cd "$(dirname "$PAYLOAD")" && wixl -a x64 -D SourceDir="$(basename "$PAYLOAD")" \
    -D Version="$VERSION" -D Win64=yes -o "$OUT" "$WXS" "$WORK/payload.wxs") 2>"$WORK/wixl.log"; then
    cat "$WORK/wixl.log" >&2
    rm -f "$OUT"
    die "wixl failed"
fi
if [ -s "$WORK/wixl.log" ]; then
    cat "$WORK/wixl.log" >&2
    rm -f "$OUT"
    die "wixl printed warnings (an ignored attribute such as Permanent/Secure?); fix the .wxs"
fi
[ -s "$OUT" ] || die "wixl wrote no MSI"

echo "$FILES" >"$WORK/file-count"
echo "built $OUT (version $VERSION, $FILES payload files from $PAYLOAD)"
