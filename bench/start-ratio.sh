#!/usr/bin/env bash
# Issue 19: the time from a process's start to its first window, Mailroom's sign-in window against an
# empty AtlantaFX window of the same size, on the same java with the same options: the console started by
# ./mailroom as a person starts it (with its class-data sharing archive), the empty window by java on the
# same class path. N runs each, interleaved so the machine's load falls on both. Prints each run, the
# medians and the ratio.
# Usage: bench/start-ratio.sh [runs, default 9]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-9}"
cd "$root"
./mvnw -q -B -o -Pclasspath -DskipTests package >&2
cp="$root/app/target/classes:$(cat "$root/app/target/mailroom.classpath"):$root/bench/target/classes"
# The options ./mailroom starts the console with, and the console's "print and close once shown".
opts=(-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -Xms32m -Xss512k -Dmailroom.exitWhenShown=true)
export MAILROOM_JAVA_OPTS="${opts[*]}" MAILROOM_NO_XVFB=1
display=()
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  display=(xvfb-run -a -s "-screen 0 1280x800x24")
fi
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
# A store with an agency, so the console opens on its sign-in window.
MAILROOM_PASSWORD=start-ratio-password java -cp "$cp" dev.mailroom.app.cli.MailroomCli --data-dir "$data" \
  setup --agency "Start Ratio" --owner "Bench Owner" --email owner@start-ratio.example >/dev/null

empty_window() { "${display[@]}" java "${opts[@]}" -cp "$cp" dev.mailroom.bench.start.EmptyWindow 2>/dev/null | awk '/^shown-ms /{print $2}'; }
console() { "${display[@]}" "$root/mailroom" --data-dir "$data" 2>/dev/null | awk '/^shown-ms /{print $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# One of each first, not counted: the disk cache warms up, and ./mailroom makes its class-data archive
# when it has none for this build.
empty_window >/dev/null
console >/dev/null
empty=(); console=()
for ((i = 1; i <= runs; i++)); do
  e="$(empty_window)"
  c="$(console)"
  echo "run $i: empty window ${e} ms, Mailroom sign-in ${c} ms"
  empty+=("$e"); console+=("$c")
done
me="$(printf '%s\n' "${empty[@]}" | median)"
mc="$(printf '%s\n' "${console[@]}" | median)"
awk -v e="$me" -v c="$mc" -v n="$runs" \
  'BEGIN {printf "median of %d: empty AtlantaFX window %d ms, Mailroom sign-in %d ms: ratio %.2f (target <= 1.3)\n", n, e, c, c / e}'
