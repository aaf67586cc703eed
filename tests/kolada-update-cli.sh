#!/bin/sh
# kolada-update-cli.sh MALBILD SOURCE_ROOT – `malbild --update-kolada --strategy S`
# against a local replay of Kolada's v3 answers: preview lines, one undo step,
# nothing written on failure, the contract's exit codes.
set -u
malbild=$1
src=$2
tmp=$(mktemp -d)
fifo=$tmp/stdin
mkfifo "$fifo"
failures=0

/usr/bin/python3 "$src/tests/kolada-replay.py" "$src/tests/fixtures/kolada-v3" <"$fifo" >"$tmp/port" &
server=$!
exec 3>"$fifo"
trap 'exec 3>&-; wait "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
# Until the server says its port (polled), or it has died.
while [ ! -s "$tmp/port" ]; do
  kill -0 "$server" 2>/dev/null || { echo "kolada-replay.py ended before giving its port" >&2; exit 1; }
  sleep 0.05
done
port=$(head -n 1 "$tmp/port")

lib=$tmp/lib.malbild
# A library with a strategy whose goal targets Jämtland (0023) and measures
# population (kolada:N01951), built through the exchange format.
cat >"$tmp/lib.json" <<JSON
{"format": "malbild", "version": 1,
 "strategies": [{"id": "0b000000-0000-4000-8000-000000000001", "title": "RUS del 2",
   "short_name": "RUS 2", "created": "2026-01-01T00:00:00.000Z",
   "modified": "2026-01-01T00:00:00.000Z"}],
 "levels": [{"id": "0c000000-0000-4000-8000-000000000001",
   "strategy_id": "0b000000-0000-4000-8000-000000000001", "position": 0, "name": "Goal",
   "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z"}],
 "nodes": [{"id": "0d000000-0000-4000-8000-000000000001",
   "strategy_id": "0b000000-0000-4000-8000-000000000001",
   "level_id": "0c000000-0000-4000-8000-000000000001", "title": "Befolkning",
   "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z"}],
 "node_territories": [{"node_id": "0d000000-0000-4000-8000-000000000001",
   "territory_code": "0023"}],
 "indicators": [{"id": "0e000000-0000-4000-8000-000000000001", "title": "Invånare totalt",
   "reference": "kolada:N01951", "created": "2026-01-01T00:00:00.000Z",
   "modified": "2026-01-01T00:00:00.000Z"}],
 "node_indicators": [{"node_id": "0d000000-0000-4000-8000-000000000001",
   "indicator_id": "0e000000-0000-4000-8000-000000000001"}]}
JSON
"$malbild" --database "$lib" --import "$tmp/lib.json" >/dev/null || { echo "not ok: import"; exit 1; }

expect () {
  want=$1; what=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "not ok: $what: exit $got, wanted $want"; cat "$tmp/out" "$tmp/err"
    failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}

values () { sqlite3 "$lib" 'SELECT count(*) FROM measurements'; }

expect 2 "--update-kolada without --strategy" "$malbild" --database "$lib" --update-kolada
expect 1 "an unknown strategy" "$malbild" --database "$lib" --update-kolada --strategy "Ingen"
grep -q "Ingen" "$tmp/err" || { echo "not ok: the error names the strategy"; failures=$((failures + 1)); }

MALBILD_KOLADA_URL=http://127.0.0.1:$port/nothing-here/ \
  expect 1 "a server that knows no such route" "$malbild" --database "$lib" --update-kolada --strategy "RUS 2"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || { echo "not ok: one line of error"; failures=$((failures + 1)); }
grep -q "404" "$tmp/err" || { echo "not ok: the error says 404"; failures=$((failures + 1)); }
[ "$(values)" -eq 0 ] || { echo "not ok: a failed update wrote values"; failures=$((failures + 1)); }

MALBILD_KOLADA_URL=http://127.0.0.1:$port/v3/ \
  expect 0 "an update" "$malbild" --database "$lib" --update-kolada --strategy "RUS 2"
grep -q "Invånare totalt (N01951): 16 new, 0 changed, 0 unchanged" "$tmp/out" ||
  { echo "not ok: the preview line"; cat "$tmp/out"; failures=$((failures + 1)); }
[ "$(values)" -eq 16 ] || { echo "not ok: 16 values recorded"; failures=$((failures + 1)); }
[ "$(sqlite3 "$lib" "SELECT label FROM mb_undo_steps WHERE stack = 0 ORDER BY id DESC LIMIT 1")" = "Update from Kolada" ] ||
  { echo "not ok: one undo step"; failures=$((failures + 1)); }

MALBILD_KOLADA_URL=http://127.0.0.1:$port/v3/ \
  expect 0 "an update with nothing new" "$malbild" --database "$lib" --update-kolada --strategy "RUS 2"
grep -q "up to date" "$tmp/out" || { echo "not ok: says nothing changed"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ]
