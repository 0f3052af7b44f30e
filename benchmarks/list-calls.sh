#!/usr/bin/env bash
# Times the call list's queries at a million calls in SQLite: builds a database from the migrations the engine
# ships, seeds N calls (default 1,000,000) with varied agents, directions, statuses, outcomes, numbers, contacts and
# tags, then runs each filtered list the way CallQueries does (COUNT, then the page with one extra row, keyset
# after a position). Not part of CI. Needs the sqlite3 command. Usage: benchmarks/list-calls.sh [N] [db-file]
set -euo pipefail
N=${1:-1000000}
DB=${2:-/tmp/list-calls-bench.db}
MIGRATIONS="$(cd "$(dirname "$0")/.." && pwd)/control-api/src/main/resources/db/migration"
rm -f "$DB" "$DB-wal" "$DB-shm"
for f in $(ls "$MIGRATIONS"/V*.sql | sort -V); do sqlite3 "$DB" < "$f"; done
sqlite3 "$DB" <<SQL
PRAGMA journal_mode=WAL;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1)
INSERT INTO calls (id, direction, from_number, to_number, agent_id, status, outcome, started_at, ended_at,
  duration_seconds, created_at, updated_at, campaign_id, batch_id, contact_id, sentiment, tags, went_to_voicemail)
SELECT printf('%08x-0000-4000-8000-%012x', i, i),
  CASE i % 2 WHEN 0 THEN 'inbound' ELSE 'outbound' END,
  '+1555' || (i % 100000), '+1666' || (i % 1000),
  'agent-' || (i % 50),
  CASE i % 10 WHEN 0 THEN 'failed' ELSE 'completed' END,
  CASE i % 7 WHEN 0 THEN 'voicemail' WHEN 1 THEN 'no_answer' ELSE 'caller_hangup' END,
  strftime('%Y-%m-%dT%H:%M:%S.000Z', 1735689600 + i * 30, 'unixepoch'),
  strftime('%Y-%m-%dT%H:%M:%S.000Z', 1735689600 + i * 30 + 20 + i % 600, 'unixepoch'),
  20 + i % 600,
  strftime('%Y-%m-%dT%H:%M:%S.000Z', 1735689600 + i * 30, 'unixepoch'),
  strftime('%Y-%m-%dT%H:%M:%S.000Z', 1735689600 + i * 30, 'unixepoch'),
  'camp-' || (i % 20), 'batch-' || (i % 2000), 'contact-' || (i % 200000),
  CASE i % 3 WHEN 0 THEN 'positive' WHEN 1 THEN 'neutral' ELSE 'negative' END,
  CASE i % 5 WHEN 0 THEN ',billing,' WHEN 1 THEN ',sales,vip,' ELSE ',support,' END,
  CASE WHEN i % 7 = 0 THEN 1 ELSE 0 END
FROM n;
ANALYZE;
SQL
COLS="id, direction, from_number, to_number, agent_id, status, outcome, started_at, ended_at, duration_seconds"
run() {
  local name=$1 where=$2 order=${3:-"started_at DESC, id DESC"}
  local start end
  start=$(date +%s%N)
  sqlite3 "$DB" "SELECT COUNT(*) FROM calls $where;" > /dev/null
  sqlite3 "$DB" "SELECT $COLS FROM calls $where ORDER BY $order LIMIT 51;" > /dev/null
  end=$(date +%s%N)
  printf '%-46s %8.1f ms\n' "$name" "$(echo "($end - $start) / 1000000" | bc -l)"
}
echo "calls: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM calls;')  sqlite $(sqlite3 --version | cut -d' ' -f1)"
run "no filter (newest 50)" ""
run "agent_id" "WHERE agent_id = 'agent-7'"
run "agent_id + inbound + voicemail + one day" "WHERE agent_id = 'agent-7' AND direction = 'inbound' AND went_to_voicemail = 1 AND started_at >= '2025-06-01T00:00:00.000Z' AND started_at <= '2025-06-01T23:59:59.999Z'"
run "outcome" "WHERE outcome = 'voicemail'"
run "sentiment" "WHERE sentiment = 'negative'"
run "campaign_id" "WHERE campaign_id = 'camp-3'"
run "batch_id" "WHERE batch_id = 'batch-42'"
run "contact_id" "WHERE contact_id = 'contact-4242'"
run "phone_number (from or to)" "WHERE (from_number = '+15554242' OR to_number = '+15554242')"
run "search (number substring)" "WHERE (from_number LIKE '%4242%' ESCAPE '\\' OR to_number LIKE '%4242%' ESCAPE '\\')"
run "tags (any of 2)" "WHERE (tags LIKE '%,vip,%' ESCAPE '\\' OR tags LIKE '%,billing,%' ESCAPE '\\')"
run "one day" "WHERE started_at >= '2025-06-01T00:00:00.000Z' AND started_at <= '2025-06-01T23:59:59.999Z'"
run "order_by=duration asc" "" "COALESCE(duration_seconds, -1) ASC, id ASC"
run "order_by=ended_at desc" "" "COALESCE(ended_at, '') DESC, id DESC"
run "cursor deep in the list (keyset)" "WHERE (started_at, id) < ('2025-03-01T00:00:00.000Z', 'z')"
run "offset 500000 (for comparison)" "" "started_at DESC, id DESC LIMIT 51 OFFSET 500000; SELECT 1"
