#!/bin/sh
# malbild --database SRC --copy-to DST between a file and a server, both ways.
# Run under tests/with-postgresql; $1 is the malbild binary, $2 an example JSON.
#   - a file's library copied to a new database (made a library on the way),
#     and from there to a new file: the three exports are byte-identical
#   - a copy into a library that is not empty, or onto an existing file, is
#     refused with one line naming it, and writes nothing
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
malbild=$1
example=$2
: "${MB_TEST_PG_HOST:?run under tests/with-postgresql}"
db=copy_$$
uri="postgresql:///$db?host=$MB_TEST_PG_HOST&user=malbild_test"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export XDG_CACHE_HOME="$dir/cache"
fail () { echo "not ok: $*" >&2; exit 1; }

createdb "$db"
"$malbild" --database "$dir/a.malbild" --import "$example" >/dev/null || fail "import"
"$malbild" --database "$dir/a.malbild" --copy-to "$uri" || fail "copy to the server"
"$malbild" --database "$uri" --copy-to "$dir/b.malbild" || fail "copy back to a file"

"$malbild" --database "$dir/a.malbild" --export "$dir/a.json" || fail "export a"
"$malbild" --database "$uri" --export "$dir/server.json" || fail "export the server's"
"$malbild" --database "$dir/b.malbild" --export "$dir/b.json" || fail "export b"
cmp "$dir/a.json" "$dir/server.json" || fail "the server's export differs from the file's"
cmp "$dir/a.json" "$dir/b.json" || fail "the copy back differs from the original"
[ "$(psql -At -d "$db" -c 'SELECT count(*) FROM malbild.nodes')" -gt 0 ] ||
  fail "no nodes on the server"

# Not into a library that holds something, not over a file.
if out=$("$malbild" --database "$dir/a.malbild" --copy-to "$uri" 2>&1); then
  fail "copied into a library that is not empty"
fi
case $out in *"is not empty"*) ;; *) fail "unclear refusal: $out" ;; esac
before=$(cksum <"$dir/b.malbild")
if out=$("$malbild" --database "$uri" --copy-to "$dir/b.malbild" 2>&1); then
  fail "copied over an existing file"
fi
case $out in *"b.malbild"*"already exists"*) ;; *) fail "unclear refusal: $out" ;; esac
[ "$before" = "$(cksum <"$dir/b.malbild")" ] || fail "the existing file was changed"
echo "ok"
