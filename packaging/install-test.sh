#!/usr/bin/env bash
# Builds the .deb (or the .rpm), installs it as a user would, starts it from the menu entry's command and
# from `mailroom` on PATH (headless, under Xvfb, each taking a screenshot), asks `mailroom` on PATH for a
# command's help, then uninstalls it and checks that what it added is gone and the user's data folder is
# not. Run as root: packaging/install-test.sh [path/to/mailroom.deb]   (Debian-like machine, apt)
#                   packaging/install-test.sh rpm [path/to/mailroom.rpm] (dnf where there is one; on a
#                   Debian-like machine with the `rpm` package, rpm --nodeps, as its database lacks gtk3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kind=deb
if [[ "${1:-}" == rpm ]]; then kind=rpm; shift; fi
pkg="${1:-}"
if [[ -z "$pkg" ]]; then
  "$here/build.sh" "$kind"
  if [[ $kind == deb ]]; then pkg="$(ls "$here"/target/mailroom_*.deb | head -n1)"; else pkg="$(ls "$here"/target/mailroom-*.rpm | head -n1)"; fi
fi
pkg="$(readlink -f "$pkg")"
export DEBIAN_FRONTEND=noninteractive
command -v xvfb-run >/dev/null || apt-get install -y -q xvfb xauth >/dev/null

work="$(mktemp -d)"
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }

echo "== install $(basename "$pkg") ($(du -h "$pkg" | cut -f1))"
if [[ $kind == deb ]]; then
  apt-get install -y -q "$pkg" || fail "apt-get install"
  dpkg -s mailroom | grep -q '^Status: install ok installed' || fail "package not fully configured"
elif command -v dnf >/dev/null; then
  dnf install -y -q "$pkg" || fail "dnf install"
else
  rpm -i --nodeps "$pkg" || fail "rpm -i"
fi
[[ "$(readlink /usr/bin/mailroom)" == /opt/mailroom/bin/Mailroom ]] || fail "mailroom is not on PATH"

exec_line="$(grep '^Exec=' /opt/mailroom/lib/mailroom-Mailroom.desktop | cut -d= -f2-)"
echo "== start from the menu entry's command: $exec_line"
xvfb-run -a -s "-screen 0 1440x900x24" $exec_line --demo --data-dir "$work/menu" --screenshot "$work/menu.png" \
  || fail "the menu entry's command did not start"
[[ -s "$work/menu.png" ]] || fail "no screenshot from the menu entry's command"

echo "== start from PATH: $(command -v mailroom)"
xvfb-run -a -s "-screen 0 1440x900x24" mailroom --demo --data-dir "$work/path" --screenshot "$work/path.png" \
  || fail "mailroom on PATH did not start"
[[ -s "$work/path.png" ]] || fail "no screenshot from mailroom on PATH"

echo "== a command's help from PATH"
mailroom tenants --help | grep -q "list, add, archive" || fail "mailroom tenants --help"

echo "== uninstall"
if [[ $kind == deb ]]; then apt-get remove -y -q mailroom || fail "apt-get remove"
elif command -v dnf >/dev/null; then dnf remove -y -q mailroom || fail "dnf remove"
else rpm -e --nodeps mailroom || fail "rpm -e"; fi
[[ ! -e /opt/mailroom ]] || fail "/opt/mailroom is still there"
[[ ! -e /usr/bin/mailroom ]] || fail "/usr/bin/mailroom is still there"
[[ -d "$work/path" && -n "$(ls -A "$work/path")" ]] || fail "the user's data folder was removed"
echo "install-test: OK (screenshots in $work)"
