#!/usr/bin/python3
# screenshots.py – take the README's screenshots of every view, light and dark
#
#   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
#     build-aux/screenshots.py [--lang=sv] [--schemes=light,dark] [--only=revisions] \
#       BUILDDIR [OUTDIR]
#
# --lang=sv (or MALBILD_SCREENSHOT_LANG=sv) takes the Swedish set, named
# *-sv-light.png and *-sv-dark.png, with LANGUAGE=sv LANG=sv_SE.UTF-8 (the
# locale compiled by build-aux/ensure-locale.sh if the machine lacks it).
#
# Imports the shipped example library into a scratch library, starts the app
# on it once per colour scheme and, through AT-SPI as a person would, visits
# each view and takes a picture of the screen with ImageMagick's `import`.
# The example holds no baselines or targets; for the pictures a few are set
# (illustrative), as the README says. Needs dogtail, pyatspi and ImageMagick.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

lang = os.environ.get("MALBILD_SCREENSHOT_LANG", "")
for arg in sys.argv[1:]:
    if arg.startswith("--lang="):
        lang = arg[len("--lang="):]
schemes = ("light", "dark")
for arg in sys.argv[1:]:
    if arg.startswith("--schemes="):
        schemes = tuple(arg[len("--schemes="):].split(","))
# --only=revisions: the comparison of revisions alone (revisions-compare-*.png).
only = ""
for arg in sys.argv[1:]:
    if arg.startswith("--only="):
        only = arg[len("--only="):]
positional = [a for a in sys.argv[1:] if not a.startswith("--")]
build = os.path.abspath(positional[0])
outdir = os.path.abspath(positional[1] if len(positional) > 1 else "data/screenshots")
source = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
malbild = os.path.join(build, "src", "malbild")
example = os.path.join(source, "data", "examples", "jamtland-harjedalen.json")

# RUS part 2, "Mål och långsiktiga prioriteringar", of the example.
STRATEGY = "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"

if "--in-bus" not in sys.argv:
    # Start an accessibility bus as a desktop session would, then run
    # this script again inside it with dogtail's expectations met.
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, GTK_A11Y="atspi", GTK_MODULES="gail:atk-bridge")
    env.pop("NO_AT_BRIDGE", None)
    try:
        sys.exit(subprocess.call(["/usr/bin/python3", __file__, build, outdir, "--in-bus",
                                  "--lang=" + lang, "--schemes=" + ",".join(schemes),
                                  "--only=" + only],
                                 env=env))
    finally:
        launcher.terminate()

from dogtail import config, rawinput, tree  # noqa: E402

config.searchShowingOnly = False  # GTK 4.8 does not expose SHOWING
config.defaultDelay = 0.3
config.logDebugToFile = False

work = tempfile.mkdtemp(prefix="malbild-screenshots-")

# The app's language: its own catalogue names the controls to click.
app_env = {}
suffix = ""
if lang and lang != "en":
    catalogue = gettext.translation("malbild", os.path.join(build, "po"), [lang])
    _ = catalogue.gettext
    locale_name = {"sv": "sv_SE.UTF-8"}.get(lang, lang)
    app_env = {"LANGUAGE": lang, "LANG": locale_name, "LC_ALL": ""}
    locpath = subprocess.run([os.path.join(source, "build-aux", "ensure-locale.sh"),
                              locale_name, os.path.join(work, "locale")],
                             check=True, capture_output=True, text=True).stdout.strip()
    if locpath:
        app_env["LOCPATH"] = locpath
    suffix = "-" + lang
else:
    def _(text):
        return text


def make_library(name, with_example):
    path = os.path.join(work, name)
    if with_example:
        subprocess.run([malbild, "--database", path, "--import", example],
                       check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, GSETTINGS_BACKEND="memory"))
        with sqlite3.connect(path) as db:
            # Baselines from the real series' first value; targets for
            # 2030 made up (illustrative), so progress shows.
            for reference, factor in (("kolada:N01951", 1.04), ("kolada:N02267", 1.03),
                                      ("kolada:N00401", 0.5), ("kolada:N01003", 1.2)):
                row = db.execute("SELECT i.id, m.period, m.value FROM indicators i"
                                 " JOIN measurements m ON m.indicator_id = i.id"
                                 " WHERE i.reference = ? AND m.gender = 'T'"
                                 " AND m.value IS NOT NULL AND length(m.period) = 4"
                                 " ORDER BY m.territory_code, m.period LIMIT 1",
                                 (reference,)).fetchone()
                if row is None:
                    continue
                iid, period, value = row
                db.execute("UPDATE indicators SET baseline_value = ?, baseline_year = ?"
                           " WHERE id = ?", (value, int(period), iid))
                db.execute("INSERT OR IGNORE INTO indicator_targets"
                           " (id, indicator_id, year, value, created, modified)"
                           " VALUES (lower(hex(randomblob(4))) || '-0000-4000-8000-' ||"
                           " lower(hex(randomblob(6))), ?, 2030, ?,"
                           " '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                           (iid, round(value * factor, 1)))
    return path


def add_review_comment(path):
    """A reviewer's comment on the long-term goal, as the review shows it."""
    with sqlite3.connect(path) as db:
        (node,) = db.execute("SELECT id FROM nodes WHERE strategy_id = ? AND parent_id IS NULL",
                             (STRATEGY,)).fetchone()
        db.execute("INSERT INTO review_comments (id, node_id, author, body, status, created,"
                   " modified) VALUES ('5c7e2d1a-0000-4000-8000-000000000001', ?, 'Eva Granskare',"
                   " 'Vilken indikator följer upp utvecklingskraften i hela länet?', 'open',"
                   " '2026-11-20T09:12:00.000Z', '2026-11-20T09:12:00.000Z')", (node,))


def shoot(name):
    # The pointer to a corner, away from what it last clicked: no tooltip
    # in the picture.
    rawinput.absoluteMotion(1279, 799)
    time.sleep(1.5)  # let transitions and the layout worker finish
    view, scheme = name.rsplit("-", 1)
    out = os.path.join(outdir, "%s%s-%s.png" % (view, suffix, scheme))
    subprocess.run(["import", "-window", "root", out], check=True)
    print("wrote " + out, flush=True)


def start(library, scheme, review=False):
    config_home = os.path.join(work, "config-" + scheme)
    os.makedirs(os.path.join(config_home, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/malbild/Malbild]\nlast-strategy='%s'\ncolor-scheme='%s'\n"
                "window-size=(1280, 800)\n" % (STRATEGY, scheme))
    env = dict(os.environ, GSK_RENDERER="cairo", GSETTINGS_BACKEND="keyfile",
               XDG_CONFIG_HOME=config_home,
               GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"), **app_env)
    env.pop("GTK_MODULES", None)
    args = ["--review", library] if review else ["--database", library]
    process = subprocess.Popen([malbild] + args, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return process, tree.root.application("malbild")
        except Exception:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the app never came onto the accessibility bus")


def find(root, role, name):
    """The first node of @role (None: any) whose name starts with @name."""
    return root.findChild(lambda n: role in (None, n.roleName) and
                          (n.name or "").startswith(name),
                          retry=True, requireResult=True)


def show_view(app, title):
    find(app, "page tab", title).doActionNamed("click")


def click(app, role, name):
    find(app, role, name).doActionNamed("click")


GOAL = "Utvecklingskraft med stärkt lokal"
PRIORITY = "Förutsättningar för utvecklingskraft"


def make_revision(path):
    """A revision of the strategy as shipped, then the changes a revised
    plan brings (illustrative): the long-term goal renamed, an intervention
    added, one removed, one moved to another priority, a link removed."""
    subprocess.run([malbild, "--database", path, "--snapshot", REVISION_NAME,
                    "--strategy", STRATEGY], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, GSETTINGS_BACKEND="memory"))
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("UPDATE nodes SET title = ? WHERE strategy_id = ? AND parent_id IS NULL",
                   ("Utvecklingskraft i hela länet", STRATEGY))
        db.execute("DELETE FROM nodes WHERE strategy_id = ? AND title = 'Påverkansarbete'",
                   (STRATEGY,))
        (moved, ) = db.execute("SELECT id FROM nodes WHERE strategy_id = ? AND title = 'Bredband'",
                               (STRATEGY,)).fetchone()
        (to, ) = db.execute("SELECT id FROM nodes WHERE strategy_id = ? AND title LIKE"
                            " 'Hållbar utveckling genom%'", (STRATEGY,)).fetchone()
        db.execute("UPDATE nodes SET parent_id = ? WHERE id = ?", (to, moved))
        db.execute("DELETE FROM links WHERE from_node_id IN (SELECT id FROM nodes WHERE"
                   " strategy_id = ? AND title = 'Extern finansiering')", (STRATEGY,))
        columns = [c[1] for c in db.execute("PRAGMA table_info(nodes)")]
        copied = ", ".join("'5c7e2d1a-0000-4000-8000-000000000002'" if c == "id" else
                           "'Vätgas i industrin'" if c == "title" else
                           "position + 100" if c == "position" else
                           "NULL" if c in ("code", "x", "y") else c for c in columns)
        db.execute("INSERT INTO nodes (%s) SELECT %s FROM nodes WHERE strategy_id = ?"
                   " AND title = 'Kompetensförsörjning'" % (", ".join(columns), copied),
                   (STRATEGY,))


REVISION_NAME = "RUS del 2, antagen 2022"

for scheme in schemes:
    if only:
        break
    empty = make_library("empty-%s.malbild" % scheme, False)
    process, app = start(empty, scheme)
    try:
        find(app, "push button", _("_New Strategy"))
        shoot("welcome-" + scheme)
    finally:
        process.terminate()
        process.wait()

    library = make_library("example-%s.malbild" % scheme, True)
    process, app = start(library, scheme)
    try:
        show_view(app, _("Canvas"))
        shoot("main-" + scheme)

        click(app, "push button", PRIORITY)
        click(app, "push button", _("Show Details"))
        shoot("details-" + scheme)
        click(app, "push button", GOAL)
        find(app, "list item", _("What Contributes to This?")).click()
        shoot("contributions-" + scheme)
        click(app, "push button", _("Go Back"))
        click(app, "push button", _("Show Details"))

        show_view(app, _("Indicators"))
        shoot("indicators-" + scheme)
        # The table's cell, not a label of the same name in the details
        # panel: the leftmost one on screen.
        cells = app.findChildren(lambda n: n.roleName == "label" and
                                 (n.name or "").startswith("Invånare totalt") and
                                 n.position[0] >= 0)
        x, y = min((c.position for c in cells), default=find(app, "label",
                                                                "Invånare totalt").position)
        # A first click dismisses the details panel if it still overlays
        # the table; the double click then opens the indicator.
        rawinput.click(x + 10, y + 5)
        time.sleep(1)
        rawinput.doubleClick(x + 10, y + 5)
        shoot("indicator-page-" + scheme)
        rawinput.keyCombo("<Alt>Left")

        show_view(app, _("Projects"))
        shoot("projects-" + scheme)
        show_view(app, _("Funding Calls"))
        shoot("calls-" + scheme)
        show_view(app, _("Follow-up"))
        shoot("follow-up-" + scheme)
        click(app, "push button", _("_Write Report…"))
        find(app, None, _("Outline of the Report"))
        shoot("report-dialog-" + scheme)
        rawinput.pressKey("Escape")
        time.sleep(1)  # let the dialog go before looking again (GTK 4.8's AT-SPI)
        show_view(app, _("Roadmap"))
        shoot("roadmap-" + scheme)

        rawinput.keyCombo("<Control>f")
        rawinput.typeText("innov")
        shoot("search-" + scheme)
        rawinput.pressKey("Escape")
    finally:
        process.terminate()
        process.wait()

    add_review_comment(library)
    process, app = start(library, scheme, review=True)
    try:
        show_view(app, _("Canvas"))
        click(app, "push button", GOAL)
        click(app, "push button", _("Show Details"))
        find(app, "push button", _("_Add Comment"))
        for _scroll in range(25):  # scroll the details panel down to the comments
            rawinput.click(1110, 500, button=5)
        shoot("review-" + scheme)
    finally:
        process.terminate()
        process.wait()

for scheme in schemes:
    if only not in ("", "revisions"):
        break
    library = make_library("revisions-%s.malbild" % scheme, True)
    make_revision(library)
    process, app = start(library, scheme)
    try:
        show_view(app, _("Canvas"))
        click(app, "push button", _("Show Details"))
        find(app, "push button", _("C_ompare…"))
        for _scroll in range(25):  # scroll the details panel down to the revisions
            rawinput.click(1110, 500, button=5)
        shoot("revisions-" + scheme)
        click(app, "push button", _("C_ompare…"))
        changes = find(app, "list", _("Changes"))
        # The removed intervention's entry shows its ghost.
        removed = find(changes, "panel", _("Removed") + ": Påverkansarbete")
        (x, y), (w, h) = removed.position, removed.size
        rawinput.click(x + w // 2, y + h // 2)
        shoot("revisions-compare-" + scheme)
    finally:
        process.terminate()
        process.wait()
