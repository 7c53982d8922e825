#!/usr/bin/env bash
# Issue 19: how much memory the console holds, started as a person starts it (./mailroom, its default java
# options) on a new demo store, after it has been idle for a while on the overview. Prints the resident set
# (VmRSS) and its peak (VmHWM) from /proc; the target is <= 300 MiB idle on the demo store.
# Usage: bench/idle-memory.sh [seconds idle, default 30]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
idle="${1:-30}"
data="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$data" "$log"' EXIT
"$root/mailroom" --demo --data-dir "$data" >"$log" 2>&1 &
launcher=$!
# The demo store is made in the background after the window shows; wait for it, then for the idle time.
for _ in $(seq 1 300); do
  grep -q "Demo store created" "$data"/logs/*.log 2>/dev/null && break
  sleep 1
done
pid="$(pgrep -f "dev.mailroom.app.Launcher --demo --data-dir $data" | head -n 1 || true)"
if [[ -z "$pid" ]]; then
  echo "the console did not start; its output:" >&2
  cat "$log" >&2
  exit 1
fi
sleep "$idle"
rss="$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")"
hwm="$(awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
echo "idle ${idle} s on the demo store's overview: resident ${rss} MiB (peak ${hwm} MiB); target <= 300 MiB"
kill "$pid" 2>/dev/null || true
wait "$launcher" 2>/dev/null || true
