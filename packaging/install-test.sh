#!/usr/bin/env bash
# Builds the .deb, installs it with apt as a user would, starts it from the menu entry's command and
# from `mailroom` on PATH (headless, under Xvfb, each taking a screenshot), then uninstalls it and
# checks that what it added is gone and the user's data folder is not. Run as root on a Debian-like
# machine: packaging/install-test.sh [path/to/mailroom.deb]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
deb="${1:-}"
if [[ -z "$deb" ]]; then
  "$here/build.sh" deb
  deb="$(ls "$here"/target/mailroom_*.deb | head -n1)"
fi
deb="$(readlink -f "$deb")"
export DEBIAN_FRONTEND=noninteractive
command -v xvfb-run >/dev/null || apt-get install -y -q xvfb xauth >/dev/null

work="$(mktemp -d)"
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }

echo "== install $(basename "$deb") ($(du -h "$deb" | cut -f1))"
apt-get install -y -q "$deb" || fail "apt-get install"
dpkg -s mailroom | grep -q '^Status: install ok installed' || fail "package not fully configured"

exec_line="$(grep '^Exec=' /opt/mailroom/lib/mailroom-Mailroom.desktop | cut -d= -f2-)"
echo "== start from the menu entry's command: $exec_line"
xvfb-run -a -s "-screen 0 1440x900x24" $exec_line --demo --data-dir "$work/menu" --screenshot "$work/menu.png" \
  || fail "the menu entry's command did not start"
[[ -s "$work/menu.png" ]] || fail "no screenshot from the menu entry's command"

echo "== start from PATH: $(command -v mailroom)"
xvfb-run -a -s "-screen 0 1440x900x24" mailroom --demo --data-dir "$work/path" --screenshot "$work/path.png" \
  || fail "mailroom on PATH did not start"
[[ -s "$work/path.png" ]] || fail "no screenshot from mailroom on PATH"

echo "== uninstall"
apt-get remove -y -q mailroom || fail "apt-get remove"
[[ ! -e /opt/mailroom ]] || fail "/opt/mailroom is still there"
[[ ! -e /usr/bin/mailroom ]] || fail "/usr/bin/mailroom is still there"
[[ -d "$work/path" && -n "$(ls -A "$work/path")" ]] || fail "the user's data folder was removed"
echo "install-test: OK (screenshots in $work)"
