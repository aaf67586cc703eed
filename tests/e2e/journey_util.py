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

import pyatspi
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
# The main window's size when none was kept (the schema's default).
APP_DEFAULT_SIZE = (1100, 720)
# RUS del 2, "Mål och långsiktiga prioriteringar", of the example.
RUS_DEL_2 = "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"
# Now and then, as a dialog goes away, a GLib assertion fails that the app's
# code does not call: an object path of NULL, which GTK 4.8's AT-SPI bridge
# builds for accessibles. A journey started with tolerate_toolkit=True runs
# the app without fatal criticals and checks its output with criticals().
TOOLKIT_CRITICALS = ("g_variant_is_object_path: assertion 'string != NULL' failed",)
# How long a closed dialog may take to leave the app's windows; beyond it,
# something holds it.
DIALOG_GONE_SECONDS = 30


class Journey:
    """One journey's library, app process and clock."""

    def __init__(self, malbild, name):
        self.malbild = os.path.abspath(malbild)
        self.workdir = tempfile.mkdtemp(prefix="malbild-journey-")
        self.library = os.path.join(self.workdir, name + ".malbild")
        self.process = None
        self.app = None
        self.log = None
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

    def start(self, strategy=None, size=(1280, 900), env=None, args=None, log=False,
              tolerate_toolkit=False):
        """Starts the app on the library (or with @args), on @strategy as if
        it had been shown last, and waits for it on the accessibility bus.
        With @log, its output goes to a file for output() to read; with
        @tolerate_toolkit too, criticals are not fatal (see criticals())."""
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
        if tolerate_toolkit:
            app_env["G_DEBUG"] = ",".join(flag for flag in app_env.get("G_DEBUG", "").split(",")
                                          if flag and flag != "fatal-criticals")
        output = None
        if log:
            self.log = open(os.path.join(self.workdir, "app.log"), "w+", encoding="utf-8",
                            errors="replace")
            output = self.log
        self.process = subprocess.Popen([self.malbild] + (args or ["--database", self.library]),
                                        env=app_env, cwd=self.workdir,
                                        stdout=output, stderr=subprocess.STDOUT if log else None)
        # Its own process's: another journey's app may be on the bus too.
        self.wait_for("the app on the accessibility bus", lambda: self.own_app() is not None)
        self.app = self.own_app()
        return self.app

    def own_app(self):
        """The app this journey started, as the accessibility bus lists it."""
        pid = self.process.pid if self.process is not None else None
        for a in tree.root.applications():
            if a is not None and a.name == "malbild" and a.get_process_id() == pid:
                return a
        return None

    def output(self):
        """What the app wrote, when started with a log."""
        self.log.seek(0)
        return self.log.read()

    def criticals(self):
        """The app's criticals but the toolkit's own (TOOLKIT_CRITICALS)."""
        return [line for line in self.output().splitlines()
                if "CRITICAL" in line and not any(c in line for c in TOOLKIT_CRITICALS)]

    def poll(self, check, seconds):
        """Polls @check until it holds (True) or @seconds have passed (False):
        the app works at its own pace."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError("the app exited (%d)" % self.process.returncode)
            try:
                if check():
                    return True
            except (sqlite3.OperationalError, LookupError, OSError, ValueError, GLib.Error):
                pass  # the app is writing; a node left the changing tree
            time.sleep(0.1)
        return False

    def wait_for(self, what, check, seconds=60):
        """Waits until @check holds; fails, naming @what, if it never does."""
        try:
            if self.poll(check, seconds):
                return
        except AssertionError as e:
            raise AssertionError("%s while waiting for %s" % (e, what))
        # What the screen showed, when asked for (MALBILD_JOURNEY_SCREENSHOT=FILE.png).
        if os.environ.get("MALBILD_JOURNEY_SCREENSHOT"):
            subprocess.run(["import", "-window", "root", os.environ["MALBILD_JOURNEY_SCREENSHOT"]])
        raise AssertionError("never happened: " + what)

    def stop(self):
        """Ends the app if it still runs, and waits until it has left the
        bus, so that the next start finds the new one."""
        if self.process is None:
            return
        pid = self.process.pid
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self.wait_for("the app gone from the bus",
                      lambda: not any(a is not None and a.name == "malbild" and
                                      a.get_process_id() == pid
                                      for a in tree.root.applications()))

    def wait_steady(self, what, measure):
        """Waits until @measure gives one answer twice in a row: a panel
        that slides in, a list that fills, has come to rest."""
        last = [None]

        def steady():
            now, before = measure(), last[0]
            last[0] = now
            return now is not None and now == before
        self.wait_for(what, steady)

    def window(self, name):
        """The open top-level window or dialog called @name."""
        return self.app.findChild(lambda n: n.name == name, recursive=False, retry=True,
                                  requireResult=True)

    def wait_closed(self, node, what):
        """Waits until the window @node has closed. GTK 4.8's
        accessibility bridge can crash the app when the application's
        windows are listed while one is being destroyed (an object path of
        NULL for the dying one): ask the window itself, never the list."""
        self.wait_for(what, lambda: closed(node))

    def let_go(self, dialog=None, what="the dialog", windows=1):
        """Waits until @dialog (if given) has closed and the app shows
        @windows windows (the main one alone, by default): only then may
        its windows be listed. GTK 4.8's bridge lists a window by its
        object path, which a dialog loses while it is destroyed; the count
        is read without paths, so asking for it is safe. (The main
        window's active state does not serve: with no window manager the
        keyboard goes to no window when a dialog closes.)"""
        if dialog is not None:
            self.wait_closed(dialog, "%s closed" % what)
        self.wait_for("the app down to %d window(s) once %s had gone (in %d s)"
                      % (windows, what, DIALOG_GONE_SECONDS),
                      lambda: self.app.childCount == windows, DIALOG_GONE_SECONDS)

    def focused(self, node):
        """@node, once it has the keyboard focus."""
        self.wait_for("focus in “%s”" % node.name, lambda: node.focused)
        return node

    def type_into(self, node, text, enter=True):
        """Types @text into @node once it has the focus, replacing what it holds."""
        self.focused(node)
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(text)
        if enter:
            rawinput.pressKey("Return")

    def ask_title(self, dialog_name, title):
        """Answers one of the app's title dialogs (New Strategy, New Node…):
        the title typed into its focused entry, Enter, the dialog gone."""
        dialog = self.window(dialog_name)
        self.type_into(find(dialog, "text", "Title"), title)
        self.let_go(dialog, "“%s”" % dialog_name)


def find(root, role, name, exact=False, anywhere=False):
    """The first @role (None: any) node named @name, or starting with it:
    buttons with mnemonics are named "_Save Assessment Save Assessment";
    with @anywhere, holding it anywhere in its name."""
    def named(n):
        have = n.name or ""
        if exact:
            return have == name
        return name in have if anywhere else have.startswith(name)
    return root.findChild(lambda n: role in (None, n.roleName) and named(n),
                          retry=True, requireResult=True)


def closed(node):
    """Whether the window @node has been destroyed in the app, or hidden
    (a file chooser is kept for the next time)."""
    try:
        states = node.getState()
    except GLib.Error:
        return True
    return states.contains(pyatspi.STATE_DEFUNCT) or not states.contains(pyatspi.STATE_VISIBLE)


def focused_below(node, max_depth=40):
    """The focused accessible at or below @node, if any, looking at most
    @max_depth levels down (a shallow look is quicker in a big tree)."""
    if node.getState().contains(pyatspi.STATE_FOCUSED):
        return node
    if max_depth == 0:
        return None
    for child in node:
        if child is not None:
            hit = focused_below(child, max_depth - 1)
            if hit is not None:
                return hit
    return None


def has_label(root, text):
    """Whether a label below @root reads @text."""
    return root.findChild(lambda n: n.roleName == "label" and n.name == text,
                          retry=False, requireResult=False) is not None


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
