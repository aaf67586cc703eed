#!/usr/bin/python3
# revision-cli.py – revisions on the command line, as a script uses them
#
#   revision-cli.py MALBILD SOURCE_ROOT
#
# On the example library: `--snapshot` takes a revision, `--revisions`
# lists it, a change made by importing an edited export (a goal renamed, an
# indicator given a baseline) is what `--compare` finds, in JSON valid by
# data/malbild-compare.schema.json (checked with ajv), in CSV and in text;
# two revisions with nothing between them compare empty; an unknown
# strategy or revision is exit 1 with one line on stderr, a misuse exit 2.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

malbild, source_root = sys.argv[1], sys.argv[2]
example = os.path.join(source_root, "data", "examples", "jamtland-harjedalen.json")
schema = os.path.join(source_root, "data", "malbild-compare.schema.json")
ajv = os.path.join(source_root, "node_modules", ".bin", "ajv")
STRATEGY = "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"

work = tempfile.mkdtemp(prefix="malbild-revision-cli-")
library = os.path.join(work, "library.malbild")
env = dict(os.environ, GSETTINGS_BACKEND="memory")
failures = []


def check(what, ok):
    print(("ok - " if ok else "not ok - ") + what, flush=True)
    if not ok:
        failures.append(what)


def run(*args):
    return subprocess.run([malbild, "--database", library] + list(args), env=env,
                          capture_output=True, text=True, timeout=120)


try:
    r = run("--import", example)
    check("the example imports", r.returncode == 0)

    r = run("--snapshot", "Antagen 2021", "--strategy", STRATEGY)
    first = r.stdout.strip()
    check("--snapshot prints the new revision's id", r.returncode == 0 and len(first) == 36)

    r = run("--revisions", "--strategy", STRATEGY)
    lines = r.stdout.splitlines()
    check("--revisions lists it: name, date, id",
          r.returncode == 0 and len(lines) == 1 and lines[0].split("\t")[0] == "Antagen 2021"
          and lines[0].split("\t")[2] == first and len(lines[0].split("\t")[1]) == 10)

    r = run("--compare", "Antagen 2021", "--strategy", STRATEGY, "--format", "json")
    check("nothing changed since: no changes",
          r.returncode == 0 and json.loads(r.stdout)["changes"] == [])

    # A change as another organisation's file brings it: an edited export.
    db = sqlite3.connect(library)
    goal, old_title = db.execute(
        "SELECT id, title FROM nodes WHERE strategy_id = ? AND parent_id IS NOT NULL"
        " ORDER BY id LIMIT 1", (STRATEGY,)).fetchone()
    indicator, indicator_title = db.execute(
        "SELECT id, title FROM indicators WHERE strategy_id = ? AND baseline_value IS NULL"
        " ORDER BY id LIMIT 1", (STRATEGY,)).fetchone()
    db.close()
    exported = os.path.join(work, "export.json")
    r = run("--export", exported)
    with open(exported, encoding="utf-8") as f:
        data = json.load(f)
    for node in data["nodes"]:
        if node["id"] == goal:
            node["title"] = old_title + " (reviderad)"
            node["modified"] = "2100-01-01T00:00:00.000Z"
    for i in data["indicators"]:
        if i["id"] == indicator:
            i["baseline_value"] = 42.5
            i["modified"] = "2100-01-01T00:00:00.000Z"
    edited = os.path.join(work, "edited.json")
    with open(edited, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    r = run("--import", edited)
    check("the edited file imports", r.returncode == 0)

    r = run("--compare", "Antagen 2021", "--strategy", STRATEGY, "--format", "json")
    result = json.loads(r.stdout) if r.returncode == 0 else {"changes": []}
    out_json = os.path.join(work, "compare.json")
    with open(out_json, "w", encoding="utf-8") as f:
        f.write(r.stdout)
    check("the JSON names the strategy and both sides",
          result.get("strategy") == STRATEGY and result.get("from") == "Antagen 2021"
          and result.get("to") == "now")
    by_id = {(c["entity"], c["id"]): c for c in result["changes"]}
    check("exactly the two changes", len(result["changes"]) == 2)
    node = by_id.get(("node", goal), {})
    check("the renamed goal, field by field",
          node.get("change") == "changed"
          and node.get("fields") == {"title": {"old": old_title,
                                               "new": old_title + " (reviderad)"}})
    ichange = by_id.get(("indicator", indicator), {})
    check("the indicator's new baseline, a number where there was none",
          ichange.get("change") == "changed"
          and ichange.get("fields") == {"baseline_value": {"old": None, "new": 42.5}}
          and ichange.get("title") == indicator_title)
    if os.access(ajv, os.X_OK):
        v = subprocess.run([ajv, "validate", "--spec=draft2020", "--strict=true", "-c",
                            "ajv-formats", "-s", schema, "-d", out_json],
                           cwd=source_root, capture_output=True, text=True)
        check("ajv finds it valid by data/malbild-compare.schema.json", v.returncode == 0)
    else:
        check("node_modules/.bin/ajv is installed (npm ci)", False)

    r = run("--compare", first, "--to", "now", "--strategy", STRATEGY, "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout, newline="")))
    check("CSV: a header and a row per changed field",
          r.returncode == 0 and rows[0] == ["entity", "id", "change", "title", "field", "old", "new"]
          and len(rows) == 3 and ["node", goal, "changed", old_title + " (reviderad)", "title",
                                  old_title, old_title + " (reviderad)"] in rows)

    r = run("--compare", "Antagen 2021", "--strategy", STRATEGY)
    check("text for people by default",
          r.returncode == 0 and ("title: %s → %s (reviderad)" % (old_title, old_title)) in r.stdout)

    r = run("--snapshot", "Efter", "--strategy", STRATEGY)
    r = run("--compare", "Efter", "--strategy", STRATEGY, "--format", "json")
    check("a revision taken now compares empty with now",
          r.returncode == 0 and json.loads(r.stdout)["changes"] == [])
    r = run("--compare", "Antagen 2021", "--to", "Efter", "--strategy", STRATEGY, "--format",
            "json")
    check("two revisions compare as the first with now did",
          r.returncode == 0 and len(json.loads(r.stdout)["changes"]) == 2)

    r = run("--compare", "Nej", "--strategy", STRATEGY)
    check("an unknown revision: exit 1, one line naming it",
          r.returncode == 1 and r.stdout == "" and len(r.stderr.splitlines()) == 1
          and "Nej" in r.stderr)
    r = run("--revisions", "--strategy", "No such strategy")
    check("an unknown strategy: exit 1, one line",
          r.returncode == 1 and len(r.stderr.splitlines()) == 1)
    r = run("--snapshot", "Antagen 2021", "--strategy", STRATEGY)
    check("a name taken: exit 1, one line",
          r.returncode == 1 and len(r.stderr.splitlines()) == 1)
    r = run("--compare", "Antagen 2021", "--strategy", STRATEGY, "--format", "xml")
    check("an unknown format: exit 2", r.returncode == 2)
    r = run("--snapshot", "X")
    check("--snapshot without --strategy: exit 2", r.returncode == 2)
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    sys.exit(1)
