#!/bin/sh
# run-cli-targets.sh MALBILD SOURCE_ROOT – what --export may overwrite and what
# a refused --import leaves: never the library itself (by its path, a
# symlink or a hard link), never another library or database; and a refused
# import into a new path leaves no file behind.
set -u

malbild=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
example=$src/data/examples/effect-chain.json

fail () {
  echo "not ok: $*"
  failures=$((failures + 1))
}

# refused DESCRIPTION FILE COMMAND…: exit 1, one line naming FILE, FILE unchanged.
refused () {
  what=$1 file=$2
  shift 2
  before=$(sha256sum <"$file")
  env -u DISPLAY -u WAYLAND_DISPLAY "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ "$got" -eq 1 ] || { fail "$what: exit $got, expected 1"; cat "$tmp/err"; }
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || { fail "$what: not one line"; cat "$tmp/err"; }
  grep -q -F "$file" "$tmp/err" || { fail "$what: the error does not name $file"; cat "$tmp/err"; }
  [ "$(sha256sum <"$file")" = "$before" ] || fail "$what: $file was changed"
}

lib=$tmp/lib.malbild
"$malbild" --database "$lib" --import "$example" >/dev/null || fail "import"

refused "export onto the library" "$lib" "$malbild" --database "$lib" --export "$lib"
ln -s "$lib" "$tmp/link.json"
refused "export onto a symlink to the library" "$tmp/link.json" \
  "$malbild" --database "$lib" --export "$tmp/link.json"
[ -L "$tmp/link.json" ] || fail "the symlink was replaced"
ln "$lib" "$tmp/hard.json"
refused "export onto a hard link of the library" "$tmp/hard.json" \
  "$malbild" --database "$lib" --export "$tmp/hard.json"
"$malbild" --database "$tmp/other.malbild" --import "$example" >/dev/null || fail "import other"
refused "export onto another library" "$tmp/other.malbild" \
  "$malbild" --database "$lib" --export "$tmp/other.malbild"
printf 'SQLite format 3\000' >"$tmp/any.db"
head -c 4080 /dev/zero >>"$tmp/any.db"
refused "export onto an SQLite file" "$tmp/any.db" "$malbild" --database "$lib" --export "$tmp/any.db"
"$malbild" --database "$lib" --export "$tmp/fine.json" || fail "export to a new file"
cmp -s "$tmp/fine.json" "$example" || fail "the export differs"

# A refused import into a new library path leaves nothing behind.
printf '{"format": "malbild", "version": 1, "nodes": [{"id": 1}]}' >"$tmp/bad.json"
env -u DISPLAY "$malbild" --database "$tmp/new.malbild" --import "$tmp/bad.json" 2>/dev/null
[ $? -eq 1 ] || fail "a bad import succeeded"
for f in "$tmp/new.malbild" "$tmp/new.malbild-wal" "$tmp/new.malbild-shm" \
         "$tmp/new.malbild-journal"; do
  [ ! -e "$f" ] || fail "a refused import left $f"
done
# … but a refused import into an existing library keeps it.
env -u DISPLAY "$malbild" --database "$lib" --import "$tmp/bad.json" 2>/dev/null
[ -e "$lib" ] || fail "a refused import removed an existing library"

[ "$failures" -eq 0 ] || exit 1
echo "ok"
