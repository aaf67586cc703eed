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

from dogtail import rawinput

from journey_util import Journey, find, find_clickable, focused_below, press

IN_CLOSE_NOWRITE = 0x10
libc = ctypes.CDLL("libc.so.6", use_errno=True)

journey = Journey(sys.argv[1], "lib")
malbild, workdir, library = journey.malbild, journey.workdir, journey.library
step, wait_for = journey.step, journey.wait_for


def query(sql):
    """Read as another program would, and closed at once: a connection left
    open would hold a lock of its own and hide the app's."""
    with contextlib.closing(sqlite3.connect("file:%s?mode=ro" % library, uri=True)) as db:
        return db.execute(sql).fetchall()


def app_locks():
    """The app's locks on the library, as /proc/locks shows them: POSIX ones
    under its pid, open-file-description ones (pid -1 on this kernel) of the
    only process that has the library open."""
    suffix = ":%d" % os.stat(library).st_ino
    with open("/proc/locks") as f:
        return [line for line in f
                if len(line.split()) >= 6 and line.split()[5].endswith(suffix) and
                line.split()[4] in (str(journey.process.pid), "-1")]


def new_strategy(title, where):
    """New Strategy from @where (the welcome page, or the main menu)."""
    if where == "menu":
        press(find_clickable(app, "Main Menu"))
        press(find(app, "menu item", "New Strategy", anywhere=True))
    else:
        press(find(app, "push button", "New Strategy", anywhere=True))
    journey.ask_title("New Strategy", title)
    wait_for("“%s” in the library" % title,
             lambda: (title,) in query("SELECT title FROM strategies"))


try:
    step("the app on a library, with strategy A")
    app = journey.start()
    new_strategy("A", "welcome")
    assert app_locks(), "the app holds no lock on its library"

    step("Import… lists the folder; the chooser opens and closes the library")
    inotify = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    assert inotify >= 0
    assert libc.inotify_add_watch(inotify, library.encode(), IN_CLOSE_NOWRITE) >= 0
    press(find_clickable(app, "Main Menu"))
    press(find(app, "menu item", "Import…", anywhere=True))
    chooser = journey.window("Import")
    wait_for("the focus in the chooser", lambda: focused_below(chooser) is not None)
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
    press(find(chooser, "push button", "Cancel", anywhere=True))
    journey.let_go(chooser, "the chooser")

    step("malbild --export in another process keeps the WAL")
    wal_inode = os.stat(library + "-wal").st_ino
    subprocess.run([malbild, "--database", library, "--export",
                    os.path.join(workdir, "x.json")], check=True)
    assert os.stat(library + "-wal").st_ino == wal_inode, "the WAL was replaced"

    step("strategy B, then Quit")
    new_strategy("B", "menu")
    rawinput.keyCombo("<Control>q")
    journey.process.wait(timeout=30)

    step("both are in the file")
    assert sorted(query("SELECT title FROM strategies")) == [("A",), ("B",)], \
        query("SELECT title FROM strategies")
    step("journey done")
finally:
    journey.stop()

print("1 passed, 0 failed")
