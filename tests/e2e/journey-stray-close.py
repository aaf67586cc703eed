#!/usr/bin/python3
# journey-stray-close.py – issue 11's lost edits, through the real file chooser
#
#   journey-stray-close.py MALBILD
#
# The app on a library in a folder; Import… lists that folder in GTK's file
# chooser, which opens and closes the library to sniff its type (seen here
# with inotify); Cancel. The app's locks are still on the library
# (/proc/locks); `malbild --export` in another process does not take the WAL
# away; an edit after it is in the file after Quit.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import contextlib
import ctypes
import os
import select
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

from dogtail import config, rawinput, tree

config.searchShowingOnly = False  # GTK 4.8 does not expose SHOWING
config.defaultDelay = 0.2
config.searchCutoffCount = 20
config.logDebugToFile = False

malbild = os.path.abspath(sys.argv[1])
workdir = tempfile.mkdtemp(prefix="malbild-journey-")
library = os.path.join(workdir, "lib.malbild")
started = time.monotonic()

IN_CLOSE_NOWRITE = 0x10
libc = ctypes.CDLL("libc.so.6", use_errno=True)


def step(message):
    print("# %5.1f s: %s" % (time.monotonic() - started, message), flush=True)


def query(sql):
    """Read as another program would, and closed at once: a connection left
    open would hold a lock of its own and hide the app's."""
    with contextlib.closing(sqlite3.connect("file:%s?mode=ro" % library, uri=True)) as db:
        return db.execute(sql).fetchall()


def wait_for(what, check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if app_process.poll() is not None:
            raise AssertionError("the app exited (%d) while waiting for %s"
                                 % (app_process.returncode, what))
        try:
            if check():
                return
        except (sqlite3.OperationalError, LookupError, OSError):
            pass
        time.sleep(0.1)
    raise AssertionError("never happened: " + what)


def find(root, role, name):
    return root.findChild(lambda n: n.roleName == role and name in (n.name or ""),
                          retry=True, requireResult=True)


def find_clickable(root, name):
    return root.findChild(lambda n: n.name == name and n.actions and "click" in n.actions,
                          retry=True, requireResult=True)


def press(node):
    node.doActionNamed("click")


def settle_after_dialog():
    """GTK 4.8's accessibility bridge can crash the app when asked for its
    windows while one is being destroyed: let a closing dialog go first."""
    time.sleep(1.0)


def app_locks():
    """The app's locks on the library, as /proc/locks shows them: POSIX ones
    under its pid, open-file-description ones (pid -1 on this kernel) of the
    only process that has the library open."""
    suffix = ":%d" % os.stat(library).st_ino
    with open("/proc/locks") as f:
        return [line for line in f
                if len(line.split()) >= 6 and line.split()[5].endswith(suffix) and
                line.split()[4] in (str(app_process.pid), "-1")]


def new_strategy(title):
    press(find_clickable(app, "Main Menu"))
    press(find(app, "menu item", "New Strategy"))
    find(app, "dialog", "New Strategy")
    time.sleep(0.5)
    rawinput.typeText(title)
    rawinput.pressKey("Return")
    wait_for("“%s” in the library" % title,
             lambda: (title,) in query("SELECT title FROM strategies"))
    settle_after_dialog()


env = dict(os.environ)
env.pop("GTK_MODULES", None)
env.setdefault("GSETTINGS_BACKEND", "memory")
env["XDG_DATA_HOME"] = os.path.join(workdir, "data")
env["XDG_CONFIG_HOME"] = os.path.join(workdir, "config")
app_process = subprocess.Popen([malbild, "--database", library], env=env, cwd=workdir)

try:
    step("the app on a library, with strategy A")
    wait_for("the app on the accessibility bus",
             lambda: any(a.name == "malbild" for a in tree.root.applications()))
    app = tree.root.application("malbild")
    press(find(app, "push button", "New Strategy"))
    find(app, "dialog", "New Strategy")
    time.sleep(0.5)
    rawinput.typeText("A")
    rawinput.pressKey("Return")
    wait_for("A in the library", lambda: query("SELECT title FROM strategies") == [("A",)])
    settle_after_dialog()
    assert app_locks(), "the app holds no lock on its library"

    step("Import… lists the folder; the chooser opens and closes the library")
    inotify = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    assert inotify >= 0
    assert libc.inotify_add_watch(inotify, library.encode(), IN_CLOSE_NOWRITE) >= 0
    press(find_clickable(app, "Main Menu"))
    press(find(app, "menu item", "Import…"))
    app.findChild(lambda n: n.name == "Import", recursive=False, retry=True,
                  requireResult=True)
    time.sleep(0.5)
    # The chooser starts on Recent: go to the library's folder as a person
    # would, by typing its path.
    rawinput.typeText(workdir + "/")

    def sniffed():
        if not select.select([inotify], [], [], 0)[0]:
            return False
        events = os.read(inotify, 4096)
        return any(struct.unpack_from("iIII", events, 0)[1] & IN_CLOSE_NOWRITE
                   for _ in [0])
    wait_for("the chooser to open and close the library", sniffed)
    os.close(inotify)

    step("the app's locks survive the stray close")
    locks = app_locks()
    assert locks, "the stray close took the app's locks"
    print("# " + "# ".join(locks), end="")

    step("Cancel")
    rawinput.pressKey("Escape")
    settle_after_dialog()

    step("malbild --export in another process keeps the WAL")
    wal_inode = os.stat(library + "-wal").st_ino
    subprocess.run([malbild, "--database", library, "--export",
                    os.path.join(workdir, "x.json")], env=env, check=True)
    assert os.stat(library + "-wal").st_ino == wal_inode, "the WAL was replaced"

    step("strategy B, then Quit")
    new_strategy("B")
    rawinput.keyCombo("<Control>q")
    app_process.wait(timeout=30)

    step("both are in the file")
    assert sorted(query("SELECT title FROM strategies")) == [("A",), ("B",)], \
        query("SELECT title FROM strategies")
    step("journey done")
finally:
    if app_process.poll() is None:
        app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
            app_process.wait()

print("1 passed, 0 failed")
