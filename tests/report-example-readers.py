#!/usr/bin/python3
# report-example-readers.py – the example's 2025 report, read by real readers
#
#   report-example-readers.py MALBILD SOURCE_ROOT
#
# Writes the follow-up report of the example library's RUS part 2 for 2025
# with `malbild --report` as ODT, PDF and HTML, twice each with the same
# SOURCE_DATE_EPOCH, and reads them back as their readers do: LibreOffice
# (headless) converts the ODT to text, poppler's pdftotext reads the PDF,
# Python's HTML parser reads the HTML. Each must hold every priority's
# title, every assessment's judgement, the latest value of each indicator
# (written as Swedish writes numbers) and the year's activity counts; the
# ODT and the HTML are byte-identical on the second run. The expected
# figures come from the library file, not from the report.
#
# Exit 77 (skipped) only if LibreOffice or pdftotext is missing, which the
# one package list installs.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import filecmp
import html.parser
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

malbild, source_root = sys.argv[1], sys.argv[2]
example = os.path.join(source_root, "data", "examples", "jamtland-harjedalen.json")
STRATEGY = "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"
YEAR = 2025

if shutil.which("libreoffice") is None or shutil.which("pdftotext") is None:
    print("skipped: needs libreoffice and pdftotext")
    sys.exit(77)

work = tempfile.mkdtemp(prefix="malbild-report-readers-")
library = os.path.join(work, "library.malbild")
env = dict(os.environ, GSETTINGS_BACKEND="memory", SOURCE_DATE_EPOCH="1767225600")
failures = []


def check(what, ok):
    print(("ok - " if ok else "not ok - ") + what, flush=True)
    if not ok:
        failures.append(what)


def swedish_number(value):
    """A value as the report writes it in Swedish (the rule of
    src/core/mb-format.c): whole numbers without decimals, others with two
    (one from 1000), trailing zeros dropped, a decimal comma, thousands
    grouped by a narrow no-break space."""
    if value == math.floor(value):
        text = "%d" % abs(value)
    else:
        digits = 1 if abs(value) >= 1000 else 2 if abs(value) >= 1 else 4
        text = "%.*f" % (digits, abs(value))
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = "\u202f".join(groups) + ("," + fraction if fraction else "")
    return ("\u2212" if value < 0 else "") + out


def flat(text):
    """Text as readers give it back: their spaces (a narrow no-break space
    may come back plain) and line breaks in long titles made one space."""
    text = unicodedata.normalize("NFKC", text).replace("\u202f", " ").replace("\u00a0", " ")
    return " ".join(text.split())


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "svg"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


try:
    subprocess.run([malbild, "--database", library, "--import", example], check=True,
                   stdout=subprocess.DEVNULL, env=env)
    db = sqlite3.connect("file:%s?mode=ro" % library, uri=True)
    priorities = [t for (t,) in db.execute(
        "SELECT n.title FROM nodes n JOIN levels l ON l.id = n.level_id"
        " WHERE n.strategy_id = ? AND l.name = 'Priority'", (STRATEGY,))]
    judgements = [j for (j,) in db.execute(
        "SELECT a.judgement FROM assessments a JOIN follow_up_rounds r ON r.id = a.round_id"
        " WHERE r.strategy_id = ? AND r.year = ?", (STRATEGY, YEAR))]
    # The latest value up to the year of each indicator of the strategy's
    # goals, of the series the app shows (the total, the lowest territory
    # code of the newest period).
    latest = []
    for (indicator,) in db.execute(
            "SELECT DISTINCT ni.indicator_id FROM node_indicators ni"
            " JOIN nodes n ON n.id = ni.node_id WHERE n.strategy_id = ?", (STRATEGY,)):
        row = db.execute(
            "SELECT value, substr(period, 1, 4) FROM measurements WHERE indicator_id = ?"
            " AND gender = 'T' AND value IS NOT NULL ORDER BY period DESC, territory_code"
            " LIMIT 1", (indicator,)).fetchone()
        if row is not None and int(row[1]) <= YEAR:
            latest.append("%s (%s)" % (swedish_number(row[0]), row[1]))
    (n_activities,), = db.execute(
        "SELECT count(*) FROM activities WHERE strategy_id = ?"
        " AND substr(start_period, 1, 4) <= ? AND substr(coalesce(end_period, start_period), 1, 4) >= ?",
        (STRATEGY, str(YEAR), str(YEAR)))
    (participants,), = db.execute(
        "SELECT coalesce(sum(participants), 0) FROM activities WHERE strategy_id = ?"
        " AND substr(start_period, 1, 4) = ?", (STRATEGY, str(YEAR)))
    db.close()
    check("the library has 3 priorities, 3 assessments and values", len(priorities) == 3 and
          len(judgements) == 3 and len(latest) >= 5 and n_activities >= 1)
    needles = (["Uppföljningsrapport %d" % YEAR] + priorities + judgements + latest +
               ["%d deltagare" % participants, "Vad är genomfört", "Detta händer framöver"])

    texts = {}
    for run in (1, 2):
        for ext in ("odt", "pdf", "html"):
            out = os.path.join(work, "run%d.%s" % (run, ext))
            subprocess.run([malbild, "--database", library, "--report", out, "--strategy",
                            STRATEGY, "--year", str(YEAR)], check=True, env=env)
    check("the ODT is byte-identical on a second run",
          filecmp.cmp(os.path.join(work, "run1.odt"), os.path.join(work, "run2.odt"),
                      shallow=False))
    check("the HTML is byte-identical on a second run",
          filecmp.cmp(os.path.join(work, "run1.html"), os.path.join(work, "run2.html"),
                      shallow=False))

    profile = "file://" + os.path.join(work, "lo-profile")
    subprocess.run(["libreoffice", "-env:UserInstallation=" + profile, "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", work,
                    os.path.join(work, "run1.odt")], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=300)
    with open(os.path.join(work, "run1.txt"), encoding="utf-8-sig") as f:
        texts["ODT, as LibreOffice reads it"] = f.read()
    texts["PDF, as pdftotext reads it"] = subprocess.run(
        ["pdftotext", os.path.join(work, "run1.pdf"), "-"], check=True, capture_output=True,
        text=True).stdout
    parser = Text()
    with open(os.path.join(work, "run1.html"), encoding="utf-8") as f:
        parser.feed(f.read())
    texts["HTML, as a parser reads it"] = " ".join(parser.parts)

    for reader, text in texts.items():
        text = flat(text)
        missing = [n for n in needles if flat(n) not in text]
        check("%s holds every priority, assessment, latest value and count%s"
              % (reader, "" if not missing else "; lacks: " + "; ".join(missing[:5])),
              not missing)
finally:
    shutil.rmtree(work, ignore_errors=True)

sys.exit(1 if failures else 0)
