#!/usr/bin/env bash
# Inspect a DeskAssistant MSI with msiinfo (Debian package `msitools`) and fail
# unless it is what IT deploys: per-machine, major upgrade with downgrade
# refused, Start-menu shortcut, MODELDIR recorded in HKLM\SOFTWARE\DeskAssistant,
# 64-bit components, every payload file packed and no model inside.
#
#   installer/check_msi.sh [MSI] [PAYLOAD_DIR]
#
# MSI defaults to build/msi/desk_assistant.msi; the expected file count comes from
# PAYLOAD_DIR, else from the file-count that build_msi.sh left beside the MSI.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MSI="${1:-$(dirname "$HERE")/build/msi/desk_assistant.msi}"
PAYLOAD="${2:-}"
# Never change: Windows Installer links versions for upgrade by this code.
UPGRADE_CODE="{2854B673-FD00-41D4-A852-A7FE3D1F054D}"

FAILED=0
fail() {
    echo "check_msi: FAIL: $*" >&2
    FAILED=1
}
ok() { echo "check_msi: ok: $*"; }
die() {
    echo "check_msi: ERROR: $*" >&2
    exit 1
}

command -v msiinfo >/dev/null 2>&1 ||
    die "msiinfo not found (Debian: apt-get install msitools; or run 'make system-tools' as root)"
[ -s "$MSI" ] || die "no MSI at $MSI (run installer/build_msi.sh first)"

# Rows of one table, tab-separated, without msiinfo's 3 header lines and CRs.
# A table the MSI does not have reads as no rows.
table() {
    msiinfo export "$MSI" "$1" 2>/dev/null | tail -n +4 | tr -d '\r' || true
}
# Tables with a given column value (awk exact match on field N).
rows_where() { # table field value
    table "$1" | awk -F '\t' -v f="$2" -v v="$3" '$f == v'
}

# Reads all its input (no early exit, so no SIGPIPE under pipefail); true if any.
has_rows() {
    local rows
    rows="$(cat)"
    [ -n "$rows" ]
}

msiinfo tables "$MSI" >/dev/null 2>&1 || die "$MSI is not a readable MSI"
PROPERTY="$(table Property)"
prop() { printf '%s\n' "$PROPERTY" | awk -F '\t' -v k="$1" '$1 == k { print $2 }'; }

# Per-machine: ALLUSERS=1 (InstallScope="perMachine"), and no per-user switch.
[ "$(prop ALLUSERS)" = "1" ] && ok "Property ALLUSERS=1" ||
    fail "Property ALLUSERS is '$(prop ALLUSERS)', expected 1 (InstallScope=\"perMachine\")"
[ -z "$(prop MSIINSTALLPERUSER)" ] || fail "MSIINSTALLPERUSER is set: the MSI must install per machine"
SUMMARY="$(msiinfo suminfo "$MSI")"
printf '%s\n' "$SUMMARY" | grep '^Template: x64;' | has_rows && ok "64-bit package (Template x64)" ||
    fail "summary Template is not x64 (build with wixl -a x64)"

# Major upgrade: stable UpgradeCode, a row that removes older versions, a row that
# detects newer ones, the launch condition refusing a downgrade, and RemoveExistingProducts.
[ "$(prop UpgradeCode)" = "$UPGRADE_CODE" ] && ok "UpgradeCode $UPGRADE_CODE" ||
    fail "UpgradeCode is '$(prop UpgradeCode)', expected the stable $UPGRADE_CODE"
UPGRADE="$(rows_where Upgrade 1 "$UPGRADE_CODE")"
printf '%s\n' "$UPGRADE" | awk -F '\t' '$7 == "WIX_UPGRADE_DETECTED" && $3 != "" && int($5) % 4 < 2' | has_rows &&
    ok "Upgrade row removes older versions (WIX_UPGRADE_DETECTED)" ||
    fail "no Upgrade row for older versions (MajorUpgrade missing?)"
printf '%s\n' "$UPGRADE" | awk -F '\t' '$7 == "WIX_DOWNGRADE_DETECTED" && $2 != "" && int($5) % 4 >= 2' | has_rows &&
    ok "Upgrade row detects newer versions (WIX_DOWNGRADE_DETECTED)" ||
    fail "no Upgrade row detecting newer versions (MajorUpgrade missing?)"
table LaunchCondition | awk -F '\t' '$1 == "NOT WIX_DOWNGRADE_DETECTED" && $2 != ""' | has_rows &&
    ok "downgrade refused with a message" ||
    fail "no LaunchCondition refusing a downgrade (MajorUpgrade DowngradeErrorMessage)"
rows_where InstallExecuteSequence 1 RemoveExistingProducts | has_rows &&
    ok "RemoveExistingProducts scheduled" || fail "RemoveExistingProducts is not scheduled"

# Start-menu shortcut to the app.
SHORTCUT="$(rows_where Shortcut 2 ProgramMenuFolder)"
printf '%s\n' "$SHORTCUT" | awk -F '\t' '$3 != "" && $5 ~ /DeskAssistant\.exe$/' | has_rows &&
    ok "Start-menu shortcut to DeskAssistant.exe" ||
    fail "no named Start-menu (ProgramMenuFolder) shortcut to DeskAssistant.exe"

# MODELDIR: public property whose default lies under ProgramData, created by the
# install and written to HKLM\SOFTWARE\DeskAssistant (Root 2 = HKLM).
modeldir_default_ok() {
    local dir=MODELDIR parent hops=0
    while [ -n "$dir" ] && [ $hops -lt 16 ]; do
        [ "$dir" = CommonAppDataFolder ] && return 0
        parent="$(rows_where Directory 1 "$dir" | cut -f 2)"
        dir="$parent"
        hops=$((hops + 1))
    done
    return 1
}
if [ -n "$(prop MODELDIR)" ] || rows_where Directory 1 MODELDIR | has_rows; then
    ok "public property MODELDIR defined"
else
    fail "MODELDIR is neither a Property nor a Directory"
fi
modeldir_default_ok && ok "MODELDIR defaults under CommonAppDataFolder (ProgramData)" ||
    fail "MODELDIR does not default under CommonAppDataFolder"
rows_where CreateFolder 1 MODELDIR | has_rows && ok "MODELDIR folder created" ||
    fail "MODELDIR folder is not created (CreateFolder)"
table Registry | awk -F '\t' '$2 == "2" && $3 == "SOFTWARE\\DeskAssistant" && $4 == "ModelDirectory" && $5 == "[MODELDIR]"' |
    has_rows && ok "Registry HKLM\\SOFTWARE\\DeskAssistant ModelDirectory=[MODELDIR]" ||
    fail "no Registry row HKLM SOFTWARE\\DeskAssistant ModelDirectory=[MODELDIR]"
rows_where AppSearch 1 SAVEDMODELDIR | has_rows &&
    table CustomAction | awk -F '\t' '$3 == "MODELDIR" && $4 == "[SAVEDMODELDIR]"' | has_rows &&
    ok "MODELDIR kept across upgrade and repair (restored from the registry)" ||
    fail "MODELDIR is not restored from HKLM\\SOFTWARE\\DeskAssistant on upgrade"
table Registry | awk -F '\t' 'tolower($3) ~ /policies/' | has_rows &&
    fail "a Registry row writes under Policies (that key belongs to IT's Group Policy)" ||
    ok "nothing written under SOFTWARE\\Policies"
table RemoveFile | has_rows &&
    fail "RemoveFile rows present: uninstall must leave user data and models alone" ||
    ok "no RemoveFile rows (user data and models kept on uninstall)"

# Components: all 64-bit (msidbComponentAttributes64bit = 256).
COMPONENTS="$(table Component)"
printf '%s\n' "$COMPONENTS" | awk 'NF' | has_rows || fail "no components"
NOT64="$(printf '%s\n' "$COMPONENTS" | awk -F '\t' 'NF > 1 && int($4 / 256) % 2 == 0 { print $1 }')"
[ -z "$NOT64" ] && ok "$(printf '%s\n' "$COMPONENTS" | grep -c .) components, all Win64" ||
    fail "components without Win64=\"yes\": $NOT64"

# Files: as many as the payload had, and no model among them.
FILES="$(table File)"
COUNT="$(printf '%s\n' "$FILES" | grep -c . || true)"
if [ -n "$PAYLOAD" ]; then
    EXPECTED="$(find "$PAYLOAD" -type f | wc -l)"
elif [ -f "${MSI%.msi}.work/file-count" ]; then
    EXPECTED="$(cat "${MSI%.msi}.work/file-count")"
else
    die "cannot tell the payload file count: pass PAYLOAD_DIR"
fi
[ "$COUNT" -eq "$EXPECTED" ] && ok "File table has $COUNT files = payload" ||
    fail "File table has $COUNT files, the payload $EXPECTED"
printf '%s\n' "$FILES" | awk -F '\t' 'tolower($3) ~ /\.gguf$/' | has_rows &&
    fail "a .gguf model is packed in the MSI" || ok "no .gguf in the MSI"

if [ "$FAILED" -ne 0 ]; then
    echo "check_msi: $MSI FAILED" >&2
    exit 1
fi
echo "check_msi: $MSI passed"
