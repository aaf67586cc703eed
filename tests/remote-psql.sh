#!/bin/sh
# A shared library as psql sees it: the roles hold whatever the client.
# Run under tests/with-postgresql; $1 is the malbild binary.
#   - malbild --database URI --init makes the library; a second --init finds it made
#   - a reviewer connected with psql cannot update nodes, and can comment
#   - an editor's change from psql is an action "Changed outside Målbild" by them
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
malbild=$1
: "${MB_TEST_PG_HOST:?run under tests/with-postgresql}"
db=psql_$$
uri="postgresql:///$db?host=$MB_TEST_PG_HOST&user=malbild_test"
fail () { echo "not ok: $*" >&2; exit 1; }

createdb "$db"
"$malbild" --database "$uri" --init >/dev/null || fail "--init failed"
"$malbild" --database "$uri" --init >/dev/null || fail "a second --init refused its own library"

psql -v ON_ERROR_STOP=1 -q -d "$db" <<SQL
CREATE ROLE anna_$$ LOGIN IN ROLE malbild_reviewer;
CREATE ROLE erik_$$ LOGIN IN ROLE malbild_editor;
BEGIN;
SELECT malbild.mb_begin_action('Add Sample');
INSERT INTO malbild.strategies (id, title, created, modified) VALUES ('s1', 'RUS', 'x', 'x');
INSERT INTO malbild.levels (id, strategy_id, position, name, created, modified)
  VALUES ('l1', 's1', 0, 'Goal', 'x', 'x');
INSERT INTO malbild.nodes (id, strategy_id, level_id, title, created, modified)
  VALUES ('n1', 's1', 'l1', 'Ett starkt näringsliv', 'x', 'x');
COMMIT;
SQL

# The reviewer: no update, whatever the statement says.
if out=$(psql -U "anna_$$" -d "$db" -v ON_ERROR_STOP=1 \
           -c "UPDATE malbild.nodes SET title = 'Ändrad' WHERE id = 'n1'" 2>&1); then
  fail "a reviewer updated nodes with psql: $out"
fi
case $out in
  *"permission denied for table nodes"*) ;;
  *) fail "the reviewer's update failed for another reason: $out" ;;
esac
[ "$(psql -U "anna_$$" -d "$db" -Atc "SELECT title FROM malbild.nodes")" = "Ett starkt näringsliv" ] ||
  fail "the node changed"
psql -U "anna_$$" -d "$db" -v ON_ERROR_STOP=1 -q -c \
  "INSERT INTO malbild.review_comments (id, node_id, author, body, created, modified)
   VALUES ('c1', 'n1', 'Anna', 'Bra', 'x', 'x')" || fail "a reviewer could not comment"

# The editor, outside Målbild.
psql -U "erik_$$" -d "$db" -v ON_ERROR_STOP=1 -q \
  -c "UPDATE malbild.nodes SET title = 'Ett starkare näringsliv' WHERE id = 'n1'" ||
  fail "an editor could not update nodes"
action=$(psql -d "$db" -Atc "SELECT a.label || '|' || a.author FROM malbild.nodes n
                             JOIN malbild.mb_actions a ON a.id = n.mb_rev WHERE n.id = 'n1'")
[ "$action" = "Changed outside Målbild|erik_$$" ] || fail "the editor's change is “$action”"

echo "ok: roles hold in psql"
