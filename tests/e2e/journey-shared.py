#!/usr/bin/python3
# journey-shared.py – issue 17's journey: two people on one shared library
#
#   journey-shared.py MALBILD
#
# Runs beside a PostgreSQL server of its own (tests/with-postgresql): makes a
# library there with the command line, fills it with the shipped example and
# gives it two editors, anna and bo. Then two real app processes, anna's and
# bo's, each on "RUS del 2", are driven through AT-SPI as people would:
# anna renames the long-term goal in its details (selected on the canvas,
# the title typed, the field left with Tab); bo's window shows the new name,
# a toast naming anna, and "Changed by anna" in its details. Anna closes
# her window. Bo begins typing a new title for a priority; meanwhile anna
# changes the same title from psql, and bo's window shows her change while
# his field keeps his text; when he leaves the field he is asked
# ("Changed Meanwhile", anna and both values) and uses his own, which the
# server then holds. Last, the server drops bo's connection and refuses him
# for a while: the window says the library cannot be reached, and the strip
# goes once he is let in again.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

import pyatspi
from dogtail import rawinput

from journey_util import EXAMPLE, RUS_DEL_2, Journey, click_on, find, has_label, press

GOAL = "Utvecklingskraft med stärkt lokal och regional konkurrenskraft för en hållbar " \
       "utveckling i alla delar av länet"
NEW_GOAL = "Utvecklingskraft i hela länet"
PRIORITY = "Förutsättningar för utvecklingskraft i hela länet"
ANNAS_PRIORITY = "Goda förutsättningar i hela länet"
BOS_PRIORITY = "Förutsättningar för utveckling i varje kommun"
OFFLINE = "The shared library cannot be reached"
# The machine running the suites is shared: conditions get time.
PATIENCE = 120

HOST = os.environ.get("MB_TEST_PG_HOST")
if not HOST:
    sys.exit("journey-shared: needs a server (run it under tests/with-postgresql)")
DATABASE = "journey_shared"


def uri(user):
    return "postgresql:///%s?host=%s&user=%s" % (DATABASE, HOST, user)


def psql(sql, user="malbild_test", database=DATABASE):
    """@sql's rows as psql prints them unaligned, run as @user."""
    done = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                           "-h", HOST, "-U", user, "-d", database, "-c", sql],
                          capture_output=True, text=True,
                          env=dict(os.environ, PGOPTIONS="-c search_path=malbild"))
    if done.returncode != 0:
        raise AssertionError("psql as %s: %s: %s" % (user, sql, done.stderr.strip()))
    return done.stdout.strip()


def cli(*args):
    subprocess.run([os.path.abspath(sys.argv[1])] + list(args), check=True,
                   stdout=subprocess.DEVNULL, env=dict(os.environ, GSETTINGS_BACKEND="memory"))


anna = Journey(sys.argv[1], "shared-anna")
bo = Journey(sys.argv[1], "shared-bo")
step = anna.step

step("a shared library with the example, and two editors")
psql("CREATE DATABASE %s" % DATABASE, database="postgres")
cli("--database", uri("malbild_test"), "--init")
cli("--database", uri("malbild_test"), "--import", EXAMPLE)
psql("CREATE ROLE anna LOGIN IN ROLE malbild_editor; CREATE ROLE bo LOGIN IN ROLE malbild_editor")
goal_id = psql("SELECT id FROM nodes WHERE strategy_id = '%s' AND title = '%s'"
               % (RUS_DEL_2, GOAL))
priority_id = psql("SELECT id FROM nodes WHERE strategy_id = '%s' AND title = '%s'"
                   % (RUS_DEL_2, PRIORITY))
assert goal_id and priority_id, (goal_id, priority_id)


def title_on_server(node_id):
    return psql("SELECT title FROM nodes WHERE id = '%s'" % node_id)


def card(app, title):
    """The canvas's accessible child of a card: a button named by its title."""
    return app.findChild(lambda n: n.roleName == "push button" and n.name == title and
                         "links in" in (n.description or ""), retry=True, requireResult=True)


def has_card(app, title):
    return app.findChild(lambda n: n.roleName == "push button" and n.name == title and
                         "links in" in (n.description or ""),
                         retry=False, requireResult=False) is not None


def label_starting(app, text):
    """A label reading @text at its start, if one is shown."""
    node = app.findChild(lambda n: n.roleName == "label" and (n.name or "").startswith(text),
                         retry=False, requireResult=False)
    if node is None or not node.getState().contains(pyatspi.STATE_VISIBLE):
        return None
    return node


def details(app):
    return app.findChild(lambda n: n.roleName == "filler" and n.name == "Details",
                         retry=True, requireResult=True)


def title_field(app):
    """The details panel's title: an entry row named "Title" in its form
    (the canvas has a "Title" of its own while a card is edited)."""
    form = details(app).findChild(lambda n: n.name == "MbForm", retry=True,
                                  requireResult=True)
    return find(form, "text", "Title", exact=True)


def details_show(app, title):
    """Whether the details panel's header names @title (GTK 4.8 gives no
    entry row's text to AT-SPI, so the header is read)."""
    return has_label(details(app), title)


def pressed(node):
    """A toggle button's state: GTK 4 reports it as pressed (ARIA), not checked."""
    states = node.getState()
    return states.contains(pyatspi.STATE_PRESSED) or states.contains(pyatspi.STATE_CHECKED)


def show_canvas(person, app):
    """The canvas, with the details beside it (the button toggles: it is
    pressed only when they are hidden)."""
    press(find(app, "page tab", "Canvas", exact=True))
    button = find(app, "push button", "Show Details")
    if not pressed(button):
        press(button)
    person.wait_for("the details shown", lambda: pressed(button), PATIENCE)


def select_in_details(person, app, title):
    """Selects @title's card on the canvas and clicks into the title field
    of its details, which show that title. (GTK 4.8 reports no focus on an
    entry row's text: the pointer puts it there, and what is typed after it
    is checked by its outcome.)"""
    press(card(app, title))
    person.wait_for("the details of “%s”" % title, lambda: details_show(app, title), PATIENCE)
    field = title_field(app)
    person.wait_steady("the details panel at rest", lambda: (field.position, field.size))
    click_on(field)
    return field


def leave_field(person, what, done):
    """Tabs out of the field being typed in, until @done: the first Tab
    goes to the row's own apply button, the next leaves the row (a Tab the
    app took late costs one more)."""
    for _ in range(6):
        rawinput.pressKey("Tab")
        if person.poll(done, 3):
            return
    person.wait_for(what, done, PATIENCE)


def type_over(person, field, text):
    """Replaces what the focused @field holds with @text, and waits until
    the row has taken the typing: it shows its apply button."""
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)
    person.wait_for("the typing in “%s” (its apply button shown)" % field.name,
                    lambda: field.findChild(lambda n: n.roleName == "push button",
                                            retry=False, requireResult=False) is not None,
                    PATIENCE)


try:
    # Bo's window first: anna's, opened last, lies on top of it (no window
    # manager under Xvfb), and the keyboard goes to the window under the
    # pointer.
    step("bo's window and anna's on the same strategy")
    bo_app = bo.start(strategy=RUS_DEL_2, args=["--database", uri("bo")])
    bo.wait_for("the strategy in bo's window", lambda: has_card(bo_app, GOAL), PATIENCE)
    anna_app = anna.start(strategy=RUS_DEL_2, args=["--database", uri("anna")])
    anna.wait_for("the strategy in anna's window", lambda: has_card(anna_app, GOAL), PATIENCE)
    anna_window = anna_app.findChild(lambda n: n.roleName == "frame", recursive=False,
                                     retry=True, requireResult=True)
    rawinput.absoluteMotion(anna_window.size[0] // 2, 12)

    step("anna renames the goal in its details")
    show_canvas(anna, anna_app)
    field = select_in_details(anna, anna_app, GOAL)
    type_over(anna, field, NEW_GOAL)
    leave_field(anna, "the new title on the server",
                lambda: title_on_server(goal_id) == NEW_GOAL)

    step("bo's window shows it, with a note naming anna")
    bo.wait_for("a toast naming anna in bo's window",
                lambda: label_starting(bo_app, "anna: ") is not None, PATIENCE)
    bo.wait_for("the new name on bo's canvas", lambda: has_card(bo_app, NEW_GOAL), PATIENCE)
    assert not has_card(bo_app, GOAL)

    step("anna closes her window; bo looks at the goal's details")
    anna.stop()
    bo_window = bo_app.findChild(lambda n: n.roleName == "frame", recursive=False,
                                 retry=True, requireResult=True)
    rawinput.absoluteMotion(bo_window.size[0] // 2, 12)
    show_canvas(bo, bo_app)
    press(card(bo_app, NEW_GOAL))
    bo.wait_for("“Changed by anna” in bo's details",
                lambda: label_starting(bo_app, "Changed by anna, ") is not None, PATIENCE)

    step("bo types a new title for the priority while anna changes it from psql")
    field = select_in_details(bo, bo_app, PRIORITY)
    type_over(bo, field, BOS_PRIORITY)
    psql("UPDATE nodes SET title = '%s' WHERE id = '%s'" % (ANNAS_PRIORITY, priority_id),
         user="anna")
    bo.wait_for("anna's title on bo's canvas", lambda: has_card(bo_app, ANNAS_PRIORITY), PATIENCE)

    step("bo leaves the field: he is asked whose title stays")
    leave_field(bo, "the question in a window of its own", lambda: bo_app.childCount == 2)
    dialog = bo.window("Changed Meanwhile")
    body = find(dialog, "label", "anna changed “Title”")
    assert "Your change was not saved" in body.name, body.name
    find(dialog, None, "anna’s Value")
    find(dialog, "label", ANNAS_PRIORITY, exact=True)
    find(dialog, "label", BOS_PRIORITY, exact=True)
    assert title_on_server(priority_id) == ANNAS_PRIORITY
    press(find(dialog, "push button", "_Use Mine"))
    bo.let_go(dialog, "“Changed Meanwhile”")
    bo.wait_for("bo's title on the server",
                lambda: title_on_server(priority_id) == BOS_PRIORITY, PATIENCE)
    bo.wait_for("bo's title on his canvas", lambda: has_card(bo_app, BOS_PRIORITY), PATIENCE)
    assert psql("SELECT count(*) FROM nodes WHERE title IN ('%s', '%s')"
                % (ANNAS_PRIORITY, PRIORITY)) == "0"

    step("the server drops bo's connection and refuses him: the window says so")
    assert label_starting(bo_app, OFFLINE) is None
    psql("ALTER ROLE bo NOLOGIN")
    psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'bo'")
    bo.wait_for("the strip in bo's window", lambda: label_starting(bo_app, OFFLINE) is not None,
                PATIENCE)

    step("let in again, bo's window finds the library and the strip goes")
    psql("ALTER ROLE bo LOGIN")
    bo.wait_for("the strip gone", lambda: label_starting(bo_app, OFFLINE) is None, PATIENCE)
    bo.wait_for("bo connected again",
                lambda: psql("SELECT count(*) > 0 FROM pg_stat_activity WHERE usename = 'bo'")
                == "t", PATIENCE)
    step("journey done")
finally:
    bo.stop()
    anna.stop()

print("1 passed, 0 failed")
