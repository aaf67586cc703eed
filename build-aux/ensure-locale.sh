#!/bin/sh
# ensure-locale.sh LOCALE DIR – make LOCALE (e.g. sv_SE.UTF-8) usable.
#
# Prints nothing if the system has LOCALE already. Otherwise compiles it from
# the `locales` package's sources into DIR, without root, and prints DIR: set
# LOCPATH to it. Exits 1 if the locale is neither installed nor compilable.
set -eu

want=$1
dir=$2
# glibc lists sv_SE.UTF-8 as sv_SE.utf8.
norm=$(printf '%s' "$want" | sed 's/\.UTF-8$/.utf8/; s/\.utf-8$/.utf8/')
if locale -a 2>/dev/null | grep -qx -e "$want" -e "$norm"; then
  exit 0
fi

name=${want%%.*}
charmap=UTF-8
case "$want" in
  *.*) ;;
  *) charmap=ISO-8859-1 ;;
esac
if [ -f "$dir/$want/LC_CTYPE" ]; then
  echo "$dir"
  exit 0
fi
if ! command -v localedef >/dev/null || [ ! -f "/usr/share/i18n/locales/$name" ]; then
  echo "ensure-locale: $want is not installed and cannot be compiled" \
       "(install the locales package)" >&2
  exit 1
fi
mkdir -p "$dir"
# localedef warns about things in the sources (exit 1) yet writes the locale.
localedef -i "$name" -f "$charmap" "$dir/$want" >/dev/null 2>&1 || true
if [ ! -f "$dir/$want/LC_CTYPE" ]; then
  echo "ensure-locale: localedef could not compile $want into $dir" >&2
  exit 1
fi
echo "$dir"
