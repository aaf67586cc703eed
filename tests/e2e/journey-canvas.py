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

NEW_TITLE = "Fler vägar till utvecklingskraft"

malbild = os.path.abspath(sys.argv[1])
source_root = os.environ.get("MALBILD_SOURCE_ROOT",
                             os.path.join(os.path.dirname(__file__), "..", ".."))
example = os.path.join(source_root, "data", "examples", "jamtland-harjedalen.json")
workdir = tempfile.mkdtemp(prefix="malbild-journey-")
library = os.path.join(workdir, "journey.malbild")


def step(message):
    print("# " + message, flush=True)


def query(sql, *args):
    with sqlite3.connect("file:%s?mode=ro" % library, uri=True) as db:
        return db.execute(sql, args).fetchall()


def wait_for(what, check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.2)
    raise AssertionError("never happened: " + what)


env = dict(os.environ)
env.pop("GTK_MODULES", None)  # set for dogtail's own check only
env.setdefault("GSETTINGS_BACKEND", "memory")

step("import the example library")
subprocess.run([malbild, "--database", library, "--import", example], env=env, check=True,
               capture_output=True)
titles = {t for (t,) in query("SELECT title FROM nodes")}
assert titles, "the example has nodes"

app_process = subprocess.Popen([malbild, "--database", library], env=env)

try:
    step("the canvas shows the first strategy's nodes as named buttons")
    wait_for("the app on the accessibility bus",
             lambda: any(a.name == "malbild" for a in tree.root.applications()))
    app = tree.root.application("malbild")
    node = app.findChild(lambda n: n.roleName == "push button" and n.name in titles
                         and "links in" in (n.description or ""),
                         retry=True, requireResult=True)
    title = node.name
    node_id, level = query("SELECT n.id, l.name FROM nodes n JOIN levels l ON l.id = n.level_id"
                           " WHERE n.title = ?", title)[0]
    assert node.description.startswith(level), (node.description, level)

    step("activating it selects it; again, edits its title")
    node.doActionNamed("click")
    time.sleep(0.5)
    node.doActionNamed("click")
    time.sleep(0.8)
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
    app_process.terminate()
    try:
        app_process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app_process.kill()
        app_process.wait()

print("1 passed, 0 failed")
