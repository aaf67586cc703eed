#!/usr/bin/python3
# journey-foundation.py – a first session with Målbild, through AT-SPI
#
#   journey-foundation.py MALBILD
#
# Starts the real binary on a new library, then, as a person with a keyboard
# and a screen reader would: creates a strategy from the welcome page, adds
# a node, and undoes it. Every step is checked in the library file itself
# and in `malbild --export -`, not only on screen.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import subprocess
import sys

from journey_util import Journey, find, find_clickable, press

STRATEGY = "Regional utvecklingsstrategi 2030"
NODE = "Utvecklingskraft i hela länet"

journey = Journey(sys.argv[1], "journey")
step, query, wait_for = journey.step, journey.query, journey.wait_for

try:
    step("the app starts on an empty library and shows its welcome page")
    app = journey.start()
    new_strategy = find(app, "push button", "New Strategy", anywhere=True)
    find(app, "push button", "Open the Example", anywhere=True)
    find(app, "push button", "Import", anywhere=True)

    step("New Strategy, type its title, Enter")
    press(new_strategy)
    find(journey.window("New Strategy"), "push button", "Create", anywhere=True)
    journey.ask_title("New Strategy", STRATEGY)
    wait_for("the strategy in the library",
             lambda: query("SELECT title FROM strategies") == [(STRATEGY,)])
    assert query("SELECT scheme FROM strategies") == [("rus",)]
    assert len(query("SELECT id FROM levels")) > 0

    step("the window shows the strategy: undo is offered")
    undo = find(app, "push button", "Undo", anywhere=True)
    wait_for("undo enabled", lambda: undo.sensitive)

    step("the add menu's New Node adds a node to the strategy")
    press(find_clickable(app, "Add"))
    press(find(app, "menu item", "New Node", anywhere=True))
    journey.ask_title("New Node", NODE)
    wait_for("the node in the library",
             lambda: query("SELECT title FROM nodes") == [(NODE,)])
    assert query("SELECT count(*) FROM nodes WHERE parent_id IS NULL") == [(1,)]

    step("Undo takes the node away, and only it")
    press(undo)
    wait_for("the node undone", lambda: query("SELECT count(*) FROM nodes") == [(0,)])
    assert query("SELECT title FROM strategies") == [(STRATEGY,)]
    redo = find(app, "push button", "Redo", anywhere=True)
    wait_for("redo enabled", lambda: redo.sensitive)

    step("the export says the same")
    exported = subprocess.run([journey.malbild, "--database", journey.library, "--export", "-"],
                              check=True, capture_output=True, text=True).stdout
    data = json.loads(exported)
    assert [s["title"] for s in data["strategies"]] == [STRATEGY], data["strategies"]
    assert data.get("nodes", []) == [], data.get("nodes")

    step("journey done")
finally:
    journey.stop()

print("1 passed, 0 failed")
