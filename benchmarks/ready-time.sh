#!/usr/bin/env bash
# Seconds from launching `./voice-engine run` (free ports, a new data folder, embedded defaults) to its ready line.
#   benchmarks/ready-time.sh [REPO_DIR]      (default: this checkout; the first run in a fresh clone includes the build)
set -uo pipefail
repo=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"}; d=$(mktemp -d); end=""
start=$(date +%s.%N)
coproc P { cd "$repo" && exec ./voice-engine run --sip-port 0 --http-port 0 --rtp-ports 40000-40999 --data-dir "$d/data" 2>"$d/err"; }
while IFS= read -r -t 120 line <&"${P[0]}"; do
  case "$line" in *'"ready"'*) end=$(date +%s.%N); break;; esac
done
kill "$P_PID" 2>/dev/null; wait "$P_PID" 2>/dev/null
[ -n "$end" ] || { echo "no ready line within 120 s; stderr:" >&2; tail -20 "$d/err" >&2; rm -rf "$d"; exit 1; }
awk -v a="$start" -v b="$end" 'BEGIN { printf "ready after %.2f s\n", b - a }'
rm -rf "$d"
