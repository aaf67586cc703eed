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
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

from dogtail import config, rawinput, tree

config.searchShowingOnly = False  # GTK 4.8 does not expose SHOWING
config.defaultDelay = 0.2
config.searchCutoffCount = 20
config.logDebugToFile = False

STRATEGY = "Regional utvecklingsstrategi 2030"
NODE = "Utvecklingskraft i hela länet"

malbild = os.path.abspath(sys.argv[1])
workdir = tempfile.mkdtemp(prefix="malbild-journey-")
library = os.path.join(workdir, "journey.malbild")


def step(message):
    print("# " + message, flush=True)


def query(sql):
    """Rows of @sql in the library, read as another program would."""
    if not os.path.exists(library):
        return []
    with sqlite3.connect("file:%s?mode=ro" % library, uri=True) as db:
        return db.execute(sql).fetchall()


def wait_for(what, check, seconds=30):
    """Polls @check until it holds: the app works at its own pace."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except sqlite3.OperationalError:
            pass  # the app is creating the file
        time.sleep(0.2)
    raise AssertionError("never happened: " + what)


def find(root, role, name):
    """The first @role node whose name holds @name (mnemonics add noise)."""
    return root.findChild(lambda n: n.roleName == role and name in (n.name or ""),
                          retry=True, requireResult=True)


def settle_after_dialog():
    """Lets a closing dialog go before the next look at the window tree:
    GTK 4.8's accessibility bridge can crash the app when it is asked for
    the app's windows while one is being destroyed (an object path of NULL)."""
    time.sleep(1.0)


def press(button):
    button.doActionNamed("click")


env = dict(os.environ)
env.pop("GTK_MODULES", None)  # set for dogtail's own check only
env.setdefault("GSETTINGS_BACKEND", "memory")
app_process = subprocess.Popen([malbild, "--database", library], env=env)

try:
    step("the app starts on an empty library and shows its welcome page")
    wait_for("the app on the accessibility bus",
             lambda: any(a.name == "malbild" for a in tree.root.applications()))
    app = tree.root.application("malbild")
    new_strategy = find(app, "push button", "New Strategy")
    find(app, "push button", "Open the Example")
    find(app, "push button", "Import")

    step("New Strategy, type its title, Enter")
    press(new_strategy)
    dialog = find(app, "dialog", "New Strategy")
    find(dialog, "push button", "Create")
    time.sleep(0.5)
    rawinput.typeText(STRATEGY)
    rawinput.pressKey("Return")
    wait_for("the strategy in the library",
             lambda: query("SELECT title FROM strategies") == [(STRATEGY,)])
    settle_after_dialog()
    assert query("SELECT scheme FROM strategies") == [("rus",)]
    assert len(query("SELECT id FROM levels")) > 0

    step("the window shows the strategy: undo is offered")
    undo = find(app, "push button", "Undo")
    wait_for("undo enabled", lambda: undo.sensitive)

    step("the add menu's New Node adds a node to the strategy")
    add = app.findChild(lambda n: n.name == "Add" and n.actions and "click" in n.actions,
                        retry=True, requireResult=True)
    press(add)
    press(find(app, "menu item", "New Node"))
    find(app, "dialog", "New Node")
    time.sleep(0.5)
    rawinput.typeText(NODE)
    rawinput.pressKey("Return")
    wait_for("the node in the library",
             lambda: query("SELECT title FROM nodes") == [(NODE,)])
    settle_after_dialog()
    assert query("SELECT count(*) FROM nodes WHERE parent_id IS NULL") == [(1,)]

    step("Undo takes the node away, and only it")
    press(undo)
    wait_for("the node undone", lambda: query("SELECT count(*) FROM nodes") == [(0,)])
    assert query("SELECT title FROM strategies") == [(STRATEGY,)]
    redo = find(app, "push button", "Redo")
    wait_for("redo enabled", lambda: redo.sensitive)

    step("the export says the same")
    exported = subprocess.run([malbild, "--database", library, "--export", "-"],
                              env=env, check=True, capture_output=True, text=True).stdout
    data = json.loads(exported)
    assert [s["title"] for s in data["strategies"]] == [STRATEGY], data["strategies"]
    assert data.get("nodes", []) == [], data.get("nodes")

    step("journey done")
finally:
    app_process.terminate()
    try:
        app_process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app_process.kill()
        app_process.wait()

print("1 passed, 0 failed")
