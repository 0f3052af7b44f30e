#!/usr/bin/env bash
# The load harness: N concurrent sipp calls into the real engine (Silero VAD, recording and turn-taking on every call,
# fast fake providers), after the same load against sipp's RTP echo as a floor. Builds what it needs first.
#   benchmarks/load.sh --calls 1000 --rate 50 --duration 120 [--vad silero+gate] [--no-baseline] [--out DIR]
#   benchmarks/load.sh --help
# Needs: sipp (apt-get install sip-tester), espeak-ng, sox.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -f server/target/voice-engine.jar ] || [ ! -f benchmarks/target/benchmarks.jar ] \
    || [ -n "$(find . -path './*/src/main/*' -newer benchmarks/target/benchmarks.jar -type f -print -quit)" ]; then
  echo "load.sh: building (mvn package, tests skipped) ..." >&2
  mvn -B -q -DskipTests -pl server,benchmarks -am package >&2
fi
exec java -cp benchmarks/target/benchmarks.jar dev.voiceengine.bench.load.LoadHarness "$@"
