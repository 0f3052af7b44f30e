#!/usr/bin/env bash
# Runs the whole JMH table with fixed, short settings meant for a small (2-core) machine, keeps JMH's CSV in
# benchmarks/target/jmh-result.csv and its log in benchmarks/target/jmh-output.txt, and prints the results as a
# markdown table for RESULTS.md. Builds benchmarks/target/benchmarks.jar first when it is missing or older than the
# sources.
#
#   benchmarks/jmh.sh                        # every benchmark
#   benchmarks/jmh.sh 'Rtp.*Benchmark'       # extra arguments go to JMH (a filter, -prof gc, ...)
#   MVN_FLAGS=-o benchmarks/jmh.sh           # build offline
#   JMH_SETTINGS='-f 3 -wi 5 -i 10' benchmarks/jmh.sh   # other settings (for an idle machine)
#   benchmarks/jmh.sh --table FILE.csv       # only print the table of an earlier run
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar=$here/target/benchmarks.jar
csv=$here/target/jmh-result.csv
log=$here/target/jmh-output.txt
settings=${JMH_SETTINGS:--f 1 -wi 3 -w 1s -i 5 -r 1s}

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit", then "Param: name" columns.
table() {
  awk -F',' '
    function unquote(s) { gsub(/^"|"$/, "", s); return s }
    function fmt(x) {
      if (x == "" || x == "NaN") return "–"
      a = x < 0 ? -x : x
      return sprintf(a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g", x)
    }
    { sub(/\r$/, "") }
    NR == 1 {
      for (i = 8; i <= NF; i++) { name[i] = unquote($i); sub(/^Param: /, "", name[i]) }
      print "| benchmark | params | score | error (99.9 %) | unit |"
      print "|---|---|---:|---:|---|"
      next
    }
    {
      bench = unquote($1); sub(/^dev\.voiceengine\.bench\./, "", bench)
      params = ""
      for (i = 8; i <= NF; i++) {
        v = unquote($i)
        if (v != "") params = params (params == "" ? "" : ", ") name[i] "=" v
      }
      unit = unquote($7); sub(/^us\//, "µs/", unit)
      printf "| %s | %s | %s | ± %s | %s |\n", bench, (params == "" ? "–" : params), fmt($5), fmt($6), unit
    }' "$1"
}

if [[ ${1:-} == --table ]]; then
  table "${2:?usage: jmh.sh --table FILE.csv}"
  exit
fi

if [[ ! -f $jar ]] || [[ -n "$(find "$root" -path "$root/*/src/main/*" -newer "$jar" -type f -print -quit)" ]]; then
  echo "jmh.sh: building $jar (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests)
fi

# shellcheck disable=SC2086 # the settings are words on purpose
rm -f "$csv"
status=0
java -Duser.language=en -Duser.country=US -jar "$jar" $settings -rf csv -rff "$csv" "$@" | tee "$log" >&2 || status=$?
echo >&2
if [[ ! -s $csv ]]; then
  echo "JMH wrote no results (exit status $status); see $log" >&2
  exit $(( status == 0 ? 1 : status ))
fi
echo "JMH $settings $*   (CSV: ${csv#"$root"/}, log: ${log#"$root"/})"
echo
table "$csv"
exit $status
