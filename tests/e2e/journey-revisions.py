#!/usr/bin/python3
# journey-revisions.py – issue 16's journey: a revision, three changes, and the comparison
#
#   journey-revisions.py MALBILD
#
# Starts the real binary on a library filled with the shipped example (and a
# 2030 target of 5 for unemployment, an indicator of a priority), on
# "RUS del 2", an adopted strategy, and through AT-SPI as a person with a
# keyboard and a screen reader would: takes a revision from the strategy's
# details (Take Revision…, a name typed over the one offered); renames the
# long-term goal on the canvas; deletes the link from "Extern finansiering"
# to a priority in that intervention's details; changes the target to 4 on
# the indicator's page, whose dialog asks the reason an adopted strategy's
# target needs; then Compare… shows the three changes in the list, grouped
# by kind with their signs and words, marks the goal and the indicator's
# priority on the canvas (their descriptions say "Changed", the priority's
# how its target changed) with a legend; the target's entry takes the user
# to its indicator's card; Escape leaves the comparison
# and the marks go. Each step is checked in the library file, and the
# comparison against the command line's, as another program reads them.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys

from dogtail import rawinput

from journey_util import EXAMPLE, RUS_DEL_2, Journey, click_on, find, press

REVISION = "Antagen RUS del 2"
GOAL = "Utvecklingskraft med stärkt lokal och regional konkurrenskraft för en hållbar " \
       "utveckling i alla delar av länet"
NEW_GOAL = "Utvecklingskraft i hela länet"
FROM = "Extern finansiering"
TO = "Utveckling av styrkeområdena som pekas ut i program för smart specialisering"
INDICATOR = "Arbetslöshet 20-64 år, andel (%)"
PRIORITY = "Förutsättningar för utvecklingskraft i hela länet"   # measured by INDICATOR
TARGET_ID = "5b0c8a36-2a0e-4d0e-9d59-6c1f0e7a2030"
REASON = "Sänkt efter halvtidsöversynen"

journey = Journey(sys.argv[1], "revisions")
step, query, wait_for = journey.step, journey.query, journey.wait_for


def import_example_with_target():
    """The shipped example, with a 2030 target for INDICATOR: what the
    revision keeps, and the journey changes."""
    with open(EXAMPLE, encoding="utf-8") as f:
        data = json.load(f)
    indicator, = [i for i in data["indicators"] if i["title"] == INDICATOR]
    data["indicator_targets"].append({"id": TARGET_ID, "indicator_id": indicator["id"],
                                      "year": 2030, "value": 5, "created": indicator["created"],
                                      "modified": indicator["modified"]})
    path = os.path.join(journey.workdir, "example-with-target.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    subprocess.run([journey.malbild, "--database", journey.library, "--import", path],
                   check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, GSETTINGS_BACKEND="memory"))
    return indicator["id"]


indicator_id = import_example_with_target()
assert query("SELECT status FROM strategies WHERE id = ?", RUS_DEL_2) == [("adopted",)]
assert query("SELECT year, value FROM indicator_targets WHERE id = ?", TARGET_ID) == [(2030, 5)]

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
    journey.let_go(dialog, "“Take a Revision”")
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

    step("the indicator's target changed on its page, with the reason it asks for")
    wait_for("the card focused", lambda: card(FROM).focused)
    rawinput.keyCombo("<Control>f")
    search = find(app, "entry", "Search the Library", anywhere=True)
    wait_for("the search focused", lambda: search.focused)
    rawinput.typeText(INDICATOR)
    results = find(app, "list", "Search Results", anywhere=True)
    wait_for("the indicator among the results",
             lambda: results.findChild(lambda n: n.roleName == "list item" and
                                       n.name == INDICATOR, retry=False,
                                       requireResult=False) is not None)
    rawinput.pressKey("Return")
    page = app.findChild(lambda n: n.name == "MbIndicatorPage", retry=True, requireResult=True)
    # A row's name ends with its button's ("Target 2030: 5 2030").
    find(page, "list item", "Target 2030: 5 ")
    press(find(page, "push button", "Change Target 2030"))
    dialog = window("Change Target 2030")
    # An adopted strategy's target: the dialog says so and asks why.
    value = find(dialog, "text", "Target value", anywhere=True)
    reason = find(dialog, "text", "Reason", anywhere=True)
    journey.type_into(value, "4", enter=False)
    rawinput.keyCombo("<Alt>r")            # the mnemonic of “_Reason”
    journey.type_into(reason, REASON)
    journey.let_go(dialog, "“Change Target 2030”")
    wait_for("the new target and the earlier one, with its reason, in the library",
             lambda: query("SELECT value FROM indicator_targets WHERE id = ?", TARGET_ID) ==
             [(4,)] and query("SELECT year, value, reason, kind FROM target_history"
                              " WHERE indicator_id = ?", indicator_id) ==
             [(2030, 5, REASON, "changed")])
    # The page shows it, the earlier value with its reason under it.
    target_row = find(page, "list item", "Target 2030: 4 ")
    wait_for("the earlier target on the page", lambda: REASON in target_row.description)

    step("back on the canvas, the strategy's details; Compare… compares")
    press(find(app, "page tab", "Canvas", exact=True))
    press(card(FROM))
    wait_for("the card focused", lambda: card(FROM).focused)
    rawinput.pressKey("Escape")
    press(find(app, "push button", "C_ompare…"))
    changes = find(app, "list", "Changes", exact=True)
    pane = changes.parent
    while pane.name != "Comparison":
        pane = pane.parent
    find(pane, "combo box", "From")
    find(pane, "label", "3 changes", exact=True)
    # Grouped by kind, with how many; each entry its sign's word and title.
    find(changes, "panel", "Nodes, 1 change", exact=True)
    find(changes, "panel", "Links, 1 change", exact=True)
    find(changes, "panel", "Targets, 1 change", exact=True)
    changed = find(changes, "panel", "Changed: " + NEW_GOAL, exact=True)
    assert GOAL in changed.description and NEW_GOAL in changed.description, changed.description
    find(changes, "panel", "Removed: %s → %s" % (FROM, TO), exact=True)
    target = find(changes, "panel", "Changed: %s, 2030" % INDICATOR, exact=True)
    assert "5 → 4" in target.description, target.description
    # What the command line says of the same two versions.
    assert compare_cli() == {("node", goal_id): "changed", ("link", link_id): "removed",
                             ("target", TARGET_ID): "changed"}, compare_cli()

    step("the canvas marks the goal and the indicator's priority, says so, with a legend")
    wait_for("the goal's card described as changed",
             lambda: card(NEW_GOAL).description.startswith("Changed, "))
    wait_for("the priority's card described with its target's change",
             lambda: card(PRIORITY).description.startswith(
                 "Changed, Target for 2030 changed from 5 to 4, "))
    assert not card(FROM).description.startswith(("Changed", "Added", "Removed", "Moved"))
    legend = find(app, None, "Legend of the Comparison", exact=True)
    find(legend, None, "Changed: 2 nodes or links", exact=True)
    find(legend, None, "Removed: 1 node or link", exact=True)


    # Entries followed in turn: the second's card is scrolled to and focused
    # after the first's go-to has moved the canvas.
    step("the target's entry takes the user to its indicator's card")
    click_on(target)
    wait_for("the priority's card focused", lambda: card(PRIORITY).focused)
    step("the goal's entry then takes the user to the goal's card")
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
