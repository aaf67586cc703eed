#!/bin/sh
# report-odt-libreoffice.sh – the sample report's ODT opened by LibreOffice
#
#   report-odt-libreoffice.sh TEST-REPORT-ODT
#
# Writes the sample report (test-report-odt --write-sample) and has
# LibreOffice convert it as a reader's copy would: to text, where every
# heading must be twice (the contents, the body) with the table's Swedish
# number, the statuses and the note; to PDF, which must hold them too; to
# DOCX, where Word must find heading styles, a TOC field, a repeated table
# header and the chart's text alternative. Then again with a template
# LibreOffice itself saved. Exit 77 (skipped) only without LibreOffice.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

program=$1
office=$(command -v libreoffice || command -v soffice || true)
if [ -z "$office" ]; then
  echo "libreoffice is not installed (Debian: libreoffice-writer-nogui)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail () { echo "FAIL: $*"; exit 1; }

export SOURCE_DATE_EPOCH=1748736000
"$program" --write-sample "$tmp/sample.odt"
"$program" --write-sample "$tmp/again.odt"
cmp "$tmp/sample.odt" "$tmp/again.odt" || fail "two runs give different files"

# convert FILE FORMAT OUTDIR. A private profile: parallel runs must share
# neither one another's nor the user's.
convert () {
  "$office" -env:UserInstallation="file://$tmp/profile" --headless --norestore \
    --convert-to "$2" --outdir "$3" "$1" >"$tmp/convert.log" 2>&1 \
    || { cat "$tmp/convert.log"; fail "libreoffice --convert-to $2 $1"; }
}

# As the builder writes it: a narrow no-break space between the thousands
# (pdftotext gives a plain space).
number=$(printf '1\342\200\257234,5')

check_text () {
  for heading in "Det nya regionala ramverket" "Mål 1: Fler i arbete" \
                 "Delmål 1.1: Kompetensförsörjning" "Mål 2: Hållbar tillväxt" \
                 "Vad är genomfört"; do
    n=$(grep -c -F "$heading" "$1" || true)
    [ "$n" -ge 2 ] || fail "“$heading” is $n times in $1, not in the contents and the body"
  done
  for words in "Region Jämtland Härjedalen" "Uppföljning av RUS och S3 2025" "RUN/12/2022" \
               "Innehåll" "$number" "✓ I fas" "! Risk" "Inga värden ännu." \
               "Senaste värde" "12 workshoppar med 240 deltagare"; do
    grep -q -F "$words" "$1" || fail "“$words” is not in $1"
  done
}

mkdir "$tmp/txt" "$tmp/pdf" "$tmp/docx"
convert "$tmp/sample.odt" 'txt:Text (encoded):UTF8' "$tmp/txt"
check_text "$tmp/txt/sample.txt"

convert "$tmp/sample.odt" pdf "$tmp/pdf"
[ -s "$tmp/pdf/sample.pdf" ] || fail "no PDF from LibreOffice"
if command -v pdfinfo >/dev/null 2>&1; then
  pages=$(pdfinfo "$tmp/pdf/sample.pdf" | sed -n 's/^Pages: *//p')
  # The title page, the contents, the report.
  [ "$pages" -ge 3 ] || fail "the PDF has $pages pages"
fi
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext -layout "$tmp/pdf/sample.pdf" "$tmp/pdf/sample.txt"
  for words in "Mål 1: Fler i arbete" "Delmål 1.1: Kompetensförsörjning" "I fas" "Innehåll"; do
    grep -q -F "$words" "$tmp/pdf/sample.txt" || fail "“$words” is not in the PDF's text"
  done
  grep -q -F -e "$number" -e "1 234,5" "$tmp/pdf/sample.txt" \
    || fail "the table's number is not in the PDF's text"
fi

# What Word will see.
convert "$tmp/sample.odt" docx "$tmp/docx"
/usr/bin/python3 - "$tmp/docx/sample.docx" <<'PY' || fail "Word's view of the report"
import sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
for needle in ('w:val="Heading1"', 'w:val="Heading2"', 'w:val="Heading3"', 'TOC \\',
               '<w:tblHeader', 'descr="Linjediagram: kvinnor'):
    if needle not in xml:
        sys.exit(f"{needle} is not in the DOCX")
PY

# A template as LibreOffice saves one: its styles.xml, every attribute of
# it, under the report.
convert "$tmp/sample.odt" odt "$tmp/docx"
"$program" --write-sample "$tmp/templated.odt" "$tmp/docx/sample.odt"
convert "$tmp/templated.odt" 'txt:Text (encoded):UTF8' "$tmp/txt"
check_text "$tmp/txt/templated.txt"

echo "LibreOffice reads the report: $(wc -c <"$tmp/sample.odt") bytes of ODT"
