# journey_util.py – what the end-to-end journeys share
#
# A journey starts the real binary on a library of its own and drives it
# through AT-SPI as a person would; it waits on conditions, never on fixed
# sleeps, and checks outcomes in the library file as another program reads
# it. Import this after run-journey.sh has started the accessibility bus.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sqlite3
import subprocess
import tempfile
import time

from dogtail import config, rawinput, tree
from gi.repository import GLib

config.searchShowingOnly = False  # GTK 4.8 does not expose SHOWING
config.defaultDelay = 0.2
# Every step waits for its outcome, so dogtail's own pauses can be short.
config.actionDelay = 0.3
config.typingDelay = 0.03
config.searchBackoffDuration = 0.2
config.searchCutoffCount = 30
config.logDebugToFile = False
config.childrenLimit = 400

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(SOURCE_ROOT, "data", "examples", "jamtland-harjedalen.json")
# RUS del 2, "Mål och långsiktiga prioriteringar", of the example.
RUS_DEL_2 = "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"


class Journey:
    """One journey's library, app process and clock."""

    def __init__(self, malbild, name):
        self.malbild = os.path.abspath(malbild)
        self.workdir = tempfile.mkdtemp(prefix="malbild-journey-")
        self.library = os.path.join(self.workdir, name + ".malbild")
        self.process = None
        self.app = None
        self.started = time.monotonic()

    def step(self, message):
        print("# %5.1f s: %s" % (time.monotonic() - self.started, message), flush=True)

    def query(self, sql, *args):
        """Rows of @sql in the library, read as another program would."""
        with sqlite3.connect("file:%s?mode=ro" % self.library, uri=True) as db:
            return db.execute(sql, args).fetchall()

    def import_example(self):
        subprocess.run([self.malbild, "--database", self.library, "--import", EXAMPLE],
                       check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, GSETTINGS_BACKEND="memory"))

    def start(self, strategy=None, size=(1280, 900), env=None):
        """Starts the app on the library, on @strategy as if it had been
        shown last, and waits for it on the accessibility bus."""
        config_home = os.path.join(self.workdir, "config")
        os.makedirs(os.path.join(config_home, "glib-2.0", "settings"), exist_ok=True)
        with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("[io/github/malbild/Malbild]\nwindow-size=(%d, %d)\n" % size)
            if strategy is not None:
                f.write("last-strategy='%s'\n" % strategy)
        app_env = dict(os.environ)
        app_env.pop("GTK_MODULES", None)  # set for dogtail's own check only
        app_env.update(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config_home,
                       XDG_DATA_HOME=os.path.join(self.workdir, "data"))
        app_env.update(env or {})
        self.process = subprocess.Popen([self.malbild, "--database", self.library],
                                        env=app_env, cwd=self.workdir)
        self.wait_for("the app on the accessibility bus",
                      lambda: any(a.name == "malbild" for a in tree.root.applications()))
        self.app = tree.root.application("malbild")
        return self.app

    def wait_for(self, what, check, seconds=60):
        """Polls @check until it holds: the app works at its own pace."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError("the app exited (%d) while waiting for %s"
                                     % (self.process.returncode, what))
            try:
                if check():
                    return
            except (sqlite3.OperationalError, LookupError, OSError, ValueError, GLib.Error):
                pass  # the app is writing; a node left the changing tree
            time.sleep(0.1)
        raise AssertionError("never happened: " + what)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def find(root, role, name, exact=False):
    """The first @role (None: any) node named @name, or starting with it:
    buttons with mnemonics are named "_Save Assessment Save Assessment"."""
    return root.findChild(lambda n: role in (None, n.roleName) and
                          (n.name == name if exact else (n.name or "").startswith(name)),
                          retry=True, requireResult=True)


def find_clickable(root, name):
    """A menu button shows as a button in a button; the inner one clicks."""
    return root.findChild(lambda n: n.name == name and n.actions and "click" in n.actions,
                          retry=True, requireResult=True)


def press(node):
    node.doActionNamed("click")


def click_on(node):
    """A click with the pointer in the middle of @node. GTK 4.8 gives
    positions in the window; with no window manager under Xvfb the main
    window and its dialogs sit at the screen's origin."""
    (x, y), (w, h) = node.position, node.size
    assert w > 0 and h > 0, "“%s” is not on the screen" % node.name
    rawinput.click(x + w // 2, y + h // 2)


def settle_after_dialog():
    """GTK 4.8's accessibility bridge can crash the app when asked for its
    windows while one is being destroyed: let a closing dialog go first."""
    time.sleep(1.0)
