#!/bin/sh
# The Swedish translation is complete: every translatable string of every
# source file is in po/sv.po, translated and not fuzzy, and every file with
# translatable strings is listed in po/POTFILES.in.
set -eu
root=${MALBILD_SOURCE_ROOT:-$(dirname "$0")/..}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Files that hold translatable strings but are not in POTFILES.in.
for f in $(grep -rlE '(^|[^a-z_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(|translatable="yes"' \
             src --include='*.c' --include='*.ui' | sort); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments=Translators: --files-from="$tmp/files" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --output="$tmp/malbild.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }

if ! msgcmp po/sv.po "$tmp/malbild.pot" 2>"$tmp/msgcmp.log"; then
  echo "po/sv.po lacks strings of the sources (update it: meson compile malbild-update-po):"
  sed -n '1,40p' "$tmp/msgcmp.log"
  status=1
fi

stats=$(msgfmt --check --statistics -o /dev/null po/sv.po 2>&1)
case "$stats" in
  *untranslated*|*fuzzy*) echo "po/sv.po: $stats"; status=1 ;;
esac

exit $status
