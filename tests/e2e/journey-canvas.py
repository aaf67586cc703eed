#!/usr/bin/python3
# journey-canvas.py – the canvas through AT-SPI, as a screen reader meets it
#
#   journey-canvas.py MALBILD
#
# Imports the example library, starts the real binary on it and finds the
# strategy's nodes on the canvas as named buttons on the accessibility bus;
# activates one (which selects it), activates it again (which opens its
# title for editing), types a new title and checks it in the library file.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

from dogtail import rawinput

from journey_util import Journey, focused_below

NEW_TITLE = "Fler vägar till utvecklingskraft"

journey = Journey(sys.argv[1], "journey")
step, query, wait_for = journey.step, journey.query, journey.wait_for

step("import the example library")
journey.import_example()
titles = {t for (t,) in query("SELECT title FROM nodes")}
assert titles, "the example has nodes"

try:
    step("the canvas shows the first strategy's nodes as named buttons")
    app = journey.start()
    node = app.findChild(lambda n: n.roleName == "push button" and n.name in titles
                         and "links in" in (n.description or ""),
                         retry=True, requireResult=True)
    title = node.name
    node_id, level = query("SELECT n.id, l.name FROM nodes n JOIN levels l ON l.id = n.level_id"
                           " WHERE n.title = ?", title)[0]
    assert node.description.startswith(level), (node.description, level)
    canvas = app.findChild(lambda n: n.name == "Strategy diagram" and n.roleName != "label",
                           retry=True, requireResult=True)

    step("activating it selects it; again, edits its title")
    node.doActionNamed("click")
    wait_for("the node focused", lambda: node.focused)
    node.doActionNamed("click")

    def editing():
        hit = focused_below(canvas, 12)
        return hit is not None and hit.roleName in ("entry", "text")
    wait_for("its title open for editing", editing)
    rawinput.pressKey("End")
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(NEW_TITLE)
    rawinput.pressKey("Return")
    wait_for("the new title in the library",
             lambda: query("SELECT title FROM nodes WHERE id = ?", node_id) == [(NEW_TITLE,)])

    step("the canvas names the node anew")
    app.findChild(lambda n: n.roleName == "push button" and n.name == NEW_TITLE,
                  retry=True, requireResult=True)

    step("journey done")
finally:
    journey.stop()

print("1 passed, 0 failed")
