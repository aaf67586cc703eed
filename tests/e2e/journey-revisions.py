#!/usr/bin/python3
# journey-revisions.py – issue 16's journey: a revision, two changes, and the comparison
#
#   journey-revisions.py MALBILD
#
# Starts the real binary on a library filled with the shipped example, on
# "RUS del 2", and through AT-SPI as a person with a keyboard and a screen
# reader would: takes a revision from the strategy's details (Take
# Revision…, a name typed over the one offered); renames the long-term goal
# on the canvas; deletes the link from "Extern finansiering" to a priority
# in that intervention's details; then Compare… shows both changes in the
# list, grouped by kind with their signs and words, marks the goal on the
# canvas (its description says "Changed") with a legend; an entry takes the
# user to its node; Escape leaves the comparison and the marks go. Each step
# is checked in the library file, and the comparison against the command
# line's, as another program reads them.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys

from dogtail import rawinput

from journey_util import RUS_DEL_2, Journey, click_on, find, press, settle_after_dialog

REVISION = "Antagen RUS del 2"
GOAL = "Utvecklingskraft med stärkt lokal och regional konkurrenskraft för en hållbar " \
       "utveckling i alla delar av länet"
NEW_GOAL = "Utvecklingskraft i hela länet"
FROM = "Extern finansiering"
TO = "Utveckling av styrkeområdena som pekas ut i program för smart specialisering"

journey = Journey(sys.argv[1], "revisions")
step, query, wait_for = journey.step, journey.query, journey.wait_for
journey.import_example()

(goal_id,), = query("SELECT id FROM nodes WHERE strategy_id = ? AND title = ?", RUS_DEL_2, GOAL)
(link_id,), = query("SELECT l.id FROM links l JOIN nodes a ON a.id = l.from_node_id"
                    " JOIN nodes b ON b.id = l.to_node_id WHERE a.title = ? AND b.title = ?"
                    " AND a.strategy_id = ?", FROM, TO, RUS_DEL_2)
assert query("SELECT count(*) FROM revisions") == [(0,)]


def window(name):
    return app.findChild(lambda n: n.name == name, recursive=False, retry=True,
                         requireResult=True)


def card(title):
    """The canvas's accessible child of a card: a button named by its title."""
    return app.findChild(lambda n: n.roleName == "push button" and n.name == title and
                         "links in" in (n.description or ""), retry=True, requireResult=True)


def compare_cli():
    """The comparison as a script reads it: --compare REVISION --format json."""
    out = subprocess.run([journey.malbild, "--database", journey.library, "--compare", REVISION,
                          "--strategy", RUS_DEL_2, "--format", "json"],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, GSETTINGS_BACKEND="memory")).stdout
    return {(c["entity"], c["id"]): c["change"] for c in json.loads(out)["changes"]}


try:
    app = journey.start(strategy=RUS_DEL_2)
    main_window = window("Målbild")
    # No window manager under Xvfb: the keyboard goes where the pointer is,
    # so it rests on the window's title bar (the window is at 0,0).
    rawinput.absoluteMotion(main_window.size[0] // 2, 12)

    step("the strategy's details: Take Revision… asks a name and takes it")
    press(find(app, "page tab", "Canvas", exact=True))
    press(find(app, "push button", "Show Details"))
    revisions = find(app, "label", "Revisions", exact=True)
    press(find(app, "push button", "_Take Revision…"))
    dialog = window("Take a Revision")
    name = find(dialog, "text", "Revision Name", exact=True)
    wait_for("the name's field focused", lambda: name.focused)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(REVISION)
    rawinput.pressKey("Return")
    settle_after_dialog()
    wait_for("the revision in the library",
             lambda: query("SELECT name, automatic FROM revisions WHERE strategy_id = ?",
                           RUS_DEL_2) == [(REVISION, 0)])
    # The section lists it (from the store's notification), with its menu.
    find(app, "label", REVISION, exact=True)
    find(app, None, "Actions for “%s”" % REVISION)

    step("the long-term goal renamed on the canvas")
    goal = card(GOAL)
    press(goal)                   # selects it
    wait_for("the goal selected", lambda: goal.focused)
    press(goal)                   # edits its title
    find(app, "text", "Title", exact=True)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(NEW_GOAL)
    rawinput.pressKey("Return")
    wait_for("the new title in the library",
             lambda: query("SELECT title FROM nodes WHERE id = ?", goal_id) == [(NEW_GOAL,)])

    step("the link from “%s” removed in its details" % FROM)
    press(card(FROM))
    press(find(app, "push button", "Remove “%s”" % TO, exact=True))
    wait_for("the link gone from the library",
             lambda: query("SELECT count(*) FROM links WHERE id = ?", link_id) == [(0,)])

    step("Escape on the canvas shows the strategy's details again; Compare… compares")
    wait_for("the card focused", lambda: card(FROM).focused)
    rawinput.pressKey("Escape")
    press(find(app, "push button", "C_ompare…"))
    changes = find(app, "list", "Changes", exact=True)
    pane = changes.parent
    while pane.name != "Comparison":
        pane = pane.parent
    find(pane, "combo box", "From")
    find(pane, "label", "2 changes", exact=True)
    # Grouped by kind, with how many; each entry its sign's word and title.
    find(changes, "panel", "Nodes, 1 change", exact=True)
    find(changes, "panel", "Links, 1 change", exact=True)
    changed = find(changes, "panel", "Changed: " + NEW_GOAL, exact=True)
    assert GOAL in changed.description and NEW_GOAL in changed.description, changed.description
    find(changes, "panel", "Removed: %s → %s" % (FROM, TO), exact=True)
    # What the command line says of the same two versions.
    assert compare_cli() == {("node", goal_id): "changed", ("link", link_id): "removed"}, \
        compare_cli()

    step("the canvas marks the goal, says so to a screen reader, and has a legend")
    wait_for("the goal's card described as changed",
             lambda: card(NEW_GOAL).description.startswith("Changed, "))
    assert not card(FROM).description.startswith(("Changed", "Added", "Removed", "Moved"))
    legend = find(app, None, "Legend of the Comparison", exact=True)
    find(legend, None, "Changed: 1 node or link", exact=True)
    find(legend, None, "Removed: 1 node or link", exact=True)

    step("the changed goal's entry takes the user to its card")
    click_on(changed)
    wait_for("the goal's card focused", lambda: card(NEW_GOAL).focused)

    step("leaving the comparison clears the marks")
    press(find(pane, "push button", "Leave the Comparison", exact=True))
    wait_for("the marks gone",
             lambda: not card(NEW_GOAL).description.startswith("Changed"))
    wait_for("the comparison gone",
             lambda: app.findChild(lambda n: n.name == "Changes" and n.roleName == "list",
                                   retry=False, requireResult=False) is None)
    # Comparing wrote nothing: the revision and the library are as they were.
    assert query("SELECT name FROM revisions WHERE strategy_id = ?", RUS_DEL_2) == [(REVISION,)]
    step("journey done")
finally:
    journey.stop()

print("1 passed, 0 failed")
