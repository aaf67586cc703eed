#!/bin/sh
# The build tree's binary speaks Swedish uninstalled: under LANGUAGE=sv and
# LANG=sv_SE.UTF-8 (compiled for the test if the machine lacks it) its --help
# and its errors are the Swedish ones from po/sv.po.
set -u

exe=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

locpath=$("$root/build-aux/ensure-locale.sh" sv_SE.UTF-8 "$tmp/locale") || {
  echo "1..0 # SKIP sv_SE.UTF-8 is neither installed nor compilable"
  exit 0
}
[ -n "$locpath" ] && export LOCPATH="$locpath"
unset LC_ALL LC_MESSAGES
export LANGUAGE=sv LANG=sv_SE.UTF-8

echo "1..2"
help=$("$exe" --help 2>&1)
if printf '%s\n' "$help" | grep -q 'Planera och följ upp regionala utvecklingsstrategier'; then
  echo "ok 1 --help is in Swedish"
else
  echo "not ok 1 --help is in Swedish"
  printf '%s\n' "$help" | sed 's/^/# /'
  failed=1
fi

err=$("$exe" --review "$tmp/missing.malbild" 2>&1)
if printf '%s\n' "$err" | grep -q 'missing.malbild: filen finns inte'; then
  echo "ok 2 an error is in Swedish"
else
  echo "not ok 2 an error is in Swedish"
  printf '%s\n' "$err" | sed 's/^/# /'
  failed=1
fi
exit $failed
