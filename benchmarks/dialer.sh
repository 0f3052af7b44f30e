#!/usr/bin/env bash
# The dialer benchmark (issue 11: >= 50 outbound setups/s, no call dialled twice): the engine's jar with one outbound
# trunk to a sipp far end that answers and hangs up, batches posted through the REST API at each rate; prints the
# achieved setups per second and checks every number reached sipp once. Builds what it needs first.
#   benchmarks/dialer.sh [--calls 600] [--rates 100,0] [--trunk-cps 200] [--max-concurrent 500] [--out DIR]
#   benchmarks/dialer.sh --help
# Needs: sipp (apt-get install sip-tester); jstack (the JDK) for the dialer thread's samples.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -f server/target/voice-engine.jar ] || [ ! -f benchmarks/target/benchmarks.jar ] \
    || [ -n "$(find . -path './*/src/main/*' -newer benchmarks/target/benchmarks.jar -type f -print -quit)" ]; then
  echo "dialer.sh: building (mvn package, tests skipped) ..." >&2
  mvn -B -q ${MVN_FLAGS:-} -DskipTests -pl server,benchmarks -am package >&2
fi
exec java -cp benchmarks/target/benchmarks.jar dev.voiceengine.bench.dialer.DialerBench "$@"
