#!/bin/sh
# canvas-render-cli.sh – `malbild --render`: headless, three formats, clear errors
#
#   canvas-render-cli.sh MALBILD SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

malbild=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
lib="$tmp/lib.malbild"
n=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
fail () { n=$((n + 1)); echo "not ok $n - $1"; exit 1; }

echo "1..11"
"$malbild" --database "$lib" --import "$root/data/examples/jamtland-harjedalen.json" >/dev/null

# No display: the drawing is cairo and pango only.
for ext in svg png pdf; do
  env -u DISPLAY -u WAYLAND_DISPLAY "$malbild" --database "$lib" \
    --render "$tmp/chart.$ext" --strategy "RUS del 2" || fail "--render .$ext exits 0"
done
head -c 8 "$tmp/chart.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" \
  && ok "the PNG is a PNG" || fail "the PNG is a PNG"
head -c 5 "$tmp/chart.pdf" | grep -q "%PDF-" && ok "the PDF is a PDF" || fail "the PDF is a PDF"
grep -q "<svg" "$tmp/chart.svg" && grep -q "Utvecklingskraft med stärkt lokal" "$tmp/chart.svg" \
  && ok "the SVG holds the node titles" || fail "the SVG holds the node titles"

# By id as well as by short name.
id=$(sqlite3 "$lib" "SELECT id FROM strategies WHERE short_name = 'RUS del 2'" 2>/dev/null || true)
if [ -n "$id" ]; then
  env -u DISPLAY "$malbild" --database "$lib" --render "$tmp/by-id.svg" --strategy "$id" \
    && ok "--strategy takes an id" || fail "--strategy takes an id"
else
  ok "--strategy takes an id # SKIP no sqlite3"
fi

set +e
env -u DISPLAY "$malbild" --database "$lib" --render "$tmp/x.gif" --strategy "RUS del 2" 2>/dev/null
[ $? -eq 2 ] && ok "a .gif is a usage error (2)" || fail "a .gif is a usage error (2)"
env -u DISPLAY "$malbild" --database "$lib" --render "$tmp/x.svg" --strategy "No such" 2>"$tmp/err"
[ $? -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && [ ! -e "$tmp/x.svg" ] \
  && ok "an unknown strategy: exit 1, one line, no file" || fail "an unknown strategy: exit 1"
env -u DISPLAY "$malbild" --database "$lib" --render "$tmp/x.svg" 2>/dev/null
[ $? -eq 2 ] && ok "--render without --strategy: exit 2" || fail "--render without --strategy"

# The roadmap: the strategy's time plans on a line, in the same three formats.
for ext in svg png pdf; do
  env -u DISPLAY -u WAYLAND_DISPLAY "$malbild" --database "$lib" \
    --render "$tmp/roadmap.$ext" --strategy "RUS del 2" --roadmap || fail "--roadmap .$ext exits 0"
done
head -c 5 "$tmp/roadmap.pdf" | grep -q "%PDF-" && head -c 8 "$tmp/roadmap.png" | od -An -tx1 |
  grep -q "89 50 4e 47" && ok "the roadmap as PDF and PNG" || fail "the roadmap as PDF and PNG"
grep -q "Extern finansiering: Planned, done by October 2021; Overdue" "$tmp/roadmap.svg" &&
  grep -q "Kompetensförsörjning: Planned, done by summer 2021" "$tmp/roadmap.svg" &&
  grep -q "Deltagande i forum: Ongoing, done by autumn 2021" "$tmp/roadmap.svg" \
  && ok "the roadmap's SVG says each item's status and time plan" \
  || fail "the roadmap's SVG says each item's status and time plan"
LANGUAGE=sv env -u DISPLAY "$malbild" --database "$lib" --render "$tmp/sv.svg" \
  --strategy "RUS del 2" --roadmap && grep -q "Planerad, klart sommaren 2021" "$tmp/sv.svg" \
  && ok "the roadmap writes periods in Swedish" || fail "the roadmap writes periods in Swedish"
env -u DISPLAY "$malbild" --database "$lib" --roadmap 2>/dev/null
[ $? -eq 2 ] && ok "--roadmap without --render: exit 2" || fail "--roadmap without --render"
