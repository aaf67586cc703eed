#!/usr/bin/python3
# journey-review.py – linked strategies and review, through AT-SPI
#
#   journey-review.py MALBILD
#
# Imports the example library and, in the real binary: goes to a goal of the
# municipal strategy that hangs under the RUS, follows "What Does This
# Serve?" up to the RUS vision and comes back with Go Back; lists what
# contributes to a RUS priority and checks the summed budget against the
# library; then opens the library with --review, adds a comment to a goal,
# exports the library to JSON, imports the export into another library and
# finds the comment there, with the strategy as it was and the reviewed file
# byte for byte unchanged.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import json
import sqlite3
import subprocess
import sys

import pyatspi
from dogtail import rawinput

from journey_util import APP_DEFAULT_SIZE, Journey, find, find_clickable, focused_below, has_label

MUNICIPAL = "b58beb2e-0a7f-5102-8e02-d62243dac14d"      # Östersund (illustrative)
MUNICIPAL_GOAL = "Fler jobb och företag i hela kommunen"
RUS_VISION = ("Jämtlands län 2050 – En nytänkande och hållbar region att leva, verka och "
              "utvecklas i")
PRIORITY = "Förutsättningar för utvecklingskraft i hela länet"
REVIEWED_GOAL = "Fler besökare året runt"
COMMENT = "Hur mäts besöksnäringens klimatpåverkan?"

journey = Journey(sys.argv[1], "strategist")
malbild, workdir, library = journey.malbild, journey.workdir, journey.library
other = os.path.join(workdir, "returned.malbild")
export_path = os.path.join(workdir, "reviewed.json")
step, wait_for = journey.step, journey.wait_for


def query(path, sql, *args):
    with sqlite3.connect("file:%s?mode=ro" % path, uri=True) as db:
        return db.execute(sql, args).fetchall()


def checksum(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def search_and_go(app, text):
    """Ctrl+F, the text, Enter: the best hit, where it lives."""
    rawinput.keyCombo("<Control>f")
    entry = find(app, "entry", "Search the Library")
    wait_for("focus in the search", lambda: entry.focused)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)
    results = find(app, "list", "Search Results")
    wait_for("“%s” among the results" % text,
             lambda: results.findChild(lambda n: n.roleName == "list item" and
                                       text in (n.name or ""), retry=False,
                                       requireResult=False) is not None)
    rawinput.pressKey("Return")


def details(app):
    return app.findChild(lambda n: n.name == "Details" and n.roleName == "filler",
                         retry=True, requireResult=True)


def pressed(node):
    """A toggle button's state: GTK 4 reports it as pressed (ARIA), not checked."""
    states = node.getState()
    return states.contains(pyatspi.STATE_PRESSED) or states.contains(pyatspi.STATE_CHECKED)


def show_details(app):
    button = find_clickable(app, "Show Details")
    if not pressed(button):
        button.doActionNamed("click")
    wait_for("the details shown", lambda: pressed(button))
    # The flap slides in: until it stands still on the screen.
    panel = details(app)
    journey.wait_steady("the details in place", lambda: (panel.position, panel.size))


def shows(app, title):
    """The details panel's title is @title."""
    wait_for("“%s” in the details" % title, lambda: has_label(details(app), title))


def tab_to(root, predicate, presses=120):
    for _ in range(presses):
        rawinput.pressKey("Tab")
        node = [None]

        def found():
            node[0] = root.findChild(lambda n: n.focused, retry=False, requireResult=False)
            return node[0] is not None
        # Nothing focused for a moment is the focus on its way.
        if journey.poll(found, 2) and predicate(node[0]):
            return node[0]
    raise AssertionError("Tab never reached the control")


def contributions_budget(node_id):
    """What the store should sum: the projects linked to the node, the nodes
    below it and those that contribute to any of them, transitively."""
    (total,), = query(library, """
        WITH RECURSIVE down(id) AS (
          SELECT ?
          UNION
          SELECT n.id FROM nodes n JOIN down d ON n.parent_id = d.id
          UNION
          SELECT l.from_node_id FROM links l JOIN down d ON l.to_node_id = d.id
           WHERE l.kind = 'contributes-to')
        SELECT coalesce(sum(total_budget), 0) FROM projects
         WHERE id IN (SELECT project_id FROM project_nodes WHERE node_id IN down)""", node_id)
    return total


def grouped(amount):
    """An amount as the app writes it under the tests' C locale: "2,500,000 kr"."""
    return "{:,} kr".format(round(amount))


step("import the example library")
journey.import_example()
(municipal_parent,), = query(library, "SELECT parent_id FROM strategies WHERE id = ?", MUNICIPAL)
assert municipal_parent is not None, "the municipal strategy hangs under the RUS"
municipal_before = query(library, "SELECT id, title, parent_id, level_id FROM nodes"
                                  " WHERE strategy_id = ? ORDER BY id", MUNICIPAL)
(priority_id,), = query(library, "SELECT id FROM nodes WHERE title = ?", PRIORITY)

app = journey.start(size=APP_DEFAULT_SIZE)
try:
    step("go to a goal of the municipal strategy")
    search_and_go(app, MUNICIPAL_GOAL)
    show_details(app)
    shows(app, MUNICIPAL_GOAL)

    step("follow what it serves up to the RUS vision")
    find(details(app), "list item", "What Does This Serve?", exact=False).click()
    page_title = "What Does “%s” Serve?" % MUNICIPAL_GOAL
    wait_for("the contributions page", lambda: has_label(app, page_title))
    vision = app.findChild(lambda n: n.roleName == "list item" and RUS_VISION in (n.name or ""),
                           retry=True, requireResult=True)
    vision.click()
    shows(app, RUS_VISION)

    step("and back, with Go Back")
    find_clickable(app, "Go Back").doActionNamed("click")
    wait_for("the page again", lambda: has_label(app, page_title))
    find_clickable(app, "Go Back").doActionNamed("click")
    shows(app, MUNICIPAL_GOAL)
    step("and Go Forward returns to the page")
    find_clickable(app, "Go Forward").doActionNamed("click")
    wait_for("the page again", lambda: has_label(app, page_title))

    step("what contributes to a RUS priority, with the summed budget")
    search_and_go(app, PRIORITY)
    show_details(app)   # the page closed it, the window being narrow
    shows(app, PRIORITY)
    find(details(app), "list item", "What Contributes to This?", exact=False).click()
    expected = contributions_budget(priority_id)
    assert expected > 0, "the example funds projects under the priority"
    wait_for("the budget %s on the page" % grouped(expected),
             lambda: has_label(app, grouped(expected)))
finally:
    journey.stop()

step("open the library for review")
before = checksum(library)
app = journey.start(size=APP_DEFAULT_SIZE, args=["--review", library])
try:
    wait_for("the review banner",
             lambda: app.findChild(lambda n: n.roleName == "label" and
                                   (n.name or "").startswith("Review mode"),
                                   retry=False, requireResult=False) is not None)
    search_and_go(app, REVIEWED_GOAL)
    show_details(app)
    shows(app, REVIEWED_GOAL)

    step("add a comment")
    # The form is at the end of the details, out of sight: Tab to it, as a
    # keyboard user does (the read-only form is not in the way).
    tab_to(app, lambda n: n.roleName == "text" and n.name == "Comment")
    rawinput.typeText(COMMENT)
    # A mnemonic button is named "_Add Comment Add Comment" in GTK 4.8.
    details(app).findChild(lambda n: n.roleName == "push button" and
                           "Add Comment" in (n.name or ""),
                           retry=True, requireResult=True).doActionNamed("click")
    wait_for("the comment in the list", lambda: has_label(details(app), COMMENT))

    step("export the library as JSON")
    rawinput.keyCombo("<Control>e")
    # GTK 4.8 shows its file chooser as a "filler" on the bus.
    chooser = app.findChild(lambda n: n.name == "Export" and
                            n.roleName in ("dialog", "file chooser", "frame", "filler"),
                            recursive=False, retry=True, requireResult=True)
    wait_for("the focus in the chooser", lambda: focused_below(chooser) is not None)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(export_path)
    rawinput.pressKey("Return")
    wait_for("the exported file", lambda: json.load(open(export_path))["review_comments"])
finally:
    journey.stop()

step("the reviewed library is untouched")
assert checksum(library) == before
assert query(library, "SELECT count(*) FROM review_comments") == [(0,)]

step("import the export into another library: the comment, and the same strategy")
subprocess.run([malbild, "--database", other, "--import", export_path], check=True,
               capture_output=True)
comments = query(other, "SELECT c.body, c.status, n.title, c.author FROM review_comments c"
                        " JOIN nodes n ON n.id = c.node_id")
assert [c[:3] for c in comments] == [(COMMENT, "open", REVIEWED_GOAL)], comments
assert comments[0][3], "the comment is signed"
assert query(other, "SELECT id, title, parent_id, level_id FROM nodes WHERE strategy_id = ?"
                    " ORDER BY id", MUNICIPAL) == municipal_before
assert query(other, "SELECT parent_id FROM strategies WHERE id = ?", MUNICIPAL) == \
    [(municipal_parent,)]

step("journey done")
print("1 passed, 0 failed")
