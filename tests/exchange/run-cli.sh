#!/bin/sh
# run-cli.sh MALBILD SOURCE_ROOT – the exchange's command line, as design.md
# fixes it: exit 0 ok, 1 bad input, 2 usage; errors one line each on stderr;
# no display needed; export atomic, "-" for stdout.
set -u

malbild=$1
src=$2
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT INT TERM
failures=0
example=$src/data/examples/effect-chain.json

# expect STATUS DESCRIPTION COMMAND…: runs it without a display.
expect () {
  want=$1 what=$2
  shift 2
  env -u DISPLAY -u WAYLAND_DISPLAY "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "not ok: $what: exit $got, expected $want"; cat "$tmp/err"
    failures=$((failures + 1))
  fi
}

lib=$tmp/lib.malbild

expect 0 "validate without a library" "$malbild" --validate "$example"
[ ! -e "$lib" ] || { echo "not ok: validate created a library"; failures=$((failures + 1)); }
expect 1 "export of a missing library" "$malbild" --database "$lib" --export "$tmp/x.json"
expect 0 "import" "$malbild" --database "$lib" --import "$example"
grep -q "added" "$tmp/out" || { echo "not ok: import says nothing"; failures=$((failures + 1)); }
expect 0 "export to a file" "$malbild" --database "$lib" --export "$tmp/a.json"
cmp -s "$tmp/a.json" "$example" || { echo "not ok: export differs from the imported file"; failures=$((failures + 1)); }
expect 0 "export to stdout" "$malbild" --database "$lib" --export -
cmp -s "$tmp/out" "$example" || { echo "not ok: export to - differs"; failures=$((failures + 1)); }
expect 0 "import again" "$malbild" --database "$lib" --import "$tmp/a.json"
expect 0 "import again, preferring the file" "$malbild" --database "$lib" --prefer-file --import "$tmp/a.json"
expect 0 "validate against the library" "$malbild" --database "$lib" --validate "$tmp/a.json"

# Bad input: 1, one line per problem, each naming the file.
printf '{"format": "malbild", "version": 1, "nodes": [{"id": 1}]}' >"$tmp/bad.json"
expect 1 "validate a bad file" "$malbild" --validate "$tmp/bad.json"
if grep -v -F "$tmp/bad.json: \$.nodes[0]" "$tmp/err" | grep -q .; then
  echo "not ok: a line does not name the file and path"; cat "$tmp/err"; failures=$((failures + 1))
fi
expect 1 "import a missing file" "$malbild" --database "$lib" --import "$tmp/none.json"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || { echo "not ok: not one line"; failures=$((failures + 1)); }
expect 1 "import a folder" "$malbild" --database "$lib" --import "$tmp"

# A failed export leaves the old file whole (checked when not root).
mkdir "$tmp/ro"
cp "$example" "$tmp/ro/keep.json"
chmod a-w "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
  expect 1 "export into a read-only folder" "$malbild" --database "$lib" --export "$tmp/ro/keep.json"
  cmp -s "$tmp/ro/keep.json" "$example" || { echo "not ok: the old file was touched"; failures=$((failures + 1)); }
fi
expect 1 "export into a missing folder" "$malbild" --database "$lib" --export "$tmp/no/such/dir/x.json"
[ ! -e "$tmp/no" ] || { echo "not ok: export made folders"; failures=$((failures + 1)); }

# Usage: 2.
expect 2 "unknown option" "$malbild" --bogus
expect 2 "missing argument" "$malbild" --import
expect 2 "import and export" "$malbild" --import a.json --export b.json
expect 2 "validate and import" "$malbild" --validate a.json --import b.json
expect 2 "prefer-file alone" "$malbild" --prefer-file
expect 2 "empty file name" "$malbild" --validate ""
[ "$(wc -l <"$tmp/err")" -eq 1 ] || { echo "not ok: usage error not one line"; failures=$((failures + 1)); }

echo "$failures failures"
[ "$failures" -eq 0 ]
