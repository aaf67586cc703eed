#!/usr/bin/python3
# journey-keyboard.py – the example library with the keyboard alone
#
#   journey-keyboard.py MALBILD
#
# Starts the real binary on a library filled with the shipped example and,
# with keys only (no clicks, no AT-SPI actions): tabs into the strategies
# list and walks it with Down and Up, the focus staying in the list; opens
# "RUS del 2" with Enter, the focus on a card; adds a node under it with
# Insert and types its title; finds "Bredband" with Ctrl+F, reaches the
# hit with Down and opens it with Enter; renames it with F2; closes a second
# search with Escape, the focus back on the canvas; undoes the rename with
# Ctrl+Z; quits with Ctrl+Q. Each step is
# checked in the library file, as another program reads it, and where the
# focus is, as a screen reader hears it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

from dogtail import rawinput
from gi.repository import GLib

from journey_util import APP_DEFAULT_SIZE, Journey, focused_below

STRATEGY = "RUS del 2"
NEW_NODE = "Tangentbordets insats"
RENAMED = "Bredband i hela länet"

journey = Journey(sys.argv[1], "keyboard")
step, query, wait_for = journey.step, journey.query, journey.wait_for


def focus(*names):
    """The (role, name) of the focused accessible, as a screen reader has it.
    Only the places this journey goes are searched (the whole window would
    take seconds a look); anywhere else reads as (None, "")."""
    for name in names or PLACES:
        root = place(name)
        if root is None:
            continue
        try:
            hit = focused_below(root, 12)
        except GLib.Error:
            continue
        if hit is not None:
            return (hit.getRoleName(), hit.name or "")
    return (None, "")


def wait_focus(what, check, *names):
    """Waits until the focus in @names satisfies @check (role, name)."""
    wait_for(what, lambda: check(*focus(*names)))
    return focus(*names)


def key(name, combo=False):
    if combo:
        rawinput.keyCombo(name)
    else:
        rawinput.pressKey(name)


PLACES = ("Strategies", "Strategy diagram", "Search the Library", "Search Results")
found_places = {}


def place(name):
    """One of the PLACES, found once it exists (the canvas comes with a strategy)."""
    if name not in found_places:
        node = app.findChild(lambda n: n.name == name and n.roleName != "label", retry=False,
                             requireResult=False)
        if node is None:
            return None
        found_places[name] = node
    return found_places[name]


def hits():
    """The names in the search results (a row that went as the list was
    read is left out)."""
    return [n.name or "" for n in place("Search Results") if n is not None]


def strategy_row(role, name):
    return role in ("panel", "list item") and any(name.startswith(t) for t in strategy_titles)


def card(role, name):
    return role == "push button" and name in node_titles


def press_and_move(name, *names):
    """Presses @name and gives the focus a moment to move on from where it
    was; some places the focus passes are not reported, so a press that
    seems to lead nowhere is not an error."""
    before = focus(*names)
    key(name)
    journey.poll(lambda: focus(*names) != before, 2)


def tab_until(check, presses=80):
    """Tabs as a keyboard user does, until the focus satisfies @check."""
    for _ in range(presses):
        press_and_move("Tab", "Strategies")
        if check(*focus("Strategies")):
            return focus("Strategies")
    raise AssertionError("Tab never got there")


journey.import_example()
(strategy_id,), = query("SELECT id FROM strategies WHERE short_name = ?", STRATEGY)
node_titles = {t for t, in query("SELECT title FROM nodes")}
strategy_titles = [t for t, in query("SELECT title FROM strategies")]

try:
    app = journey.start(size=APP_DEFAULT_SIZE, log=True)
    wait_for("the main window", lambda: any(w.name == "Målbild" for w in app.children))
    # No window manager runs under Xvfb: the keyboard goes where the pointer
    # is, so it rests on the window's title bar (the window is at 0,0).
    rawinput.absoluteMotion(400, 12)

    step("Tab reaches the strategies list; Down and Up walk it, the focus staying there")
    role, first = tab_until(strategy_row)
    seen = [first]
    for press in ("Down", "Down", "Up"):
        previous = focus("Strategies")[1]
        key(press)
        role, name = wait_focus("a strategy after %s" % press,
                                lambda r, n: strategy_row(r, n) and n != previous, "Strategies")
        seen.append(name)
    # Where Undo had the focus, Enter would now undo: it must open instead.
    for _ in range(12):
        if STRATEGY in focus("Strategies")[1]:
            break
        press_and_move("Down", "Strategies")
        assert strategy_row(*focus("Strategies")), focus("Strategies")
    assert STRATEGY in focus("Strategies")[1], (focus("Strategies"), seen)

    step("Enter opens the strategy with the focus on one of its cards")
    nodes_before = query("SELECT count(*) FROM nodes")
    key("Return")
    role, name = wait_focus("a card of %s" % STRATEGY, card)
    # Nothing undone where Undo had the focus: that would be the whole import.
    assert query("SELECT count(*) FROM nodes") == nodes_before

    step("Down moves to a card below and selects it")
    opened = name
    key("Down")
    role, name = wait_focus("another card", lambda r, n: card(r, n) and n != opened)
    (focused_id, focused_parent, level), = query(
        "SELECT n.id, n.parent_id, l.position FROM nodes n JOIN levels l ON l.id = n.level_id"
        " WHERE n.title = ? AND n.strategy_id = ?", name, strategy_id)
    (last_level,), = query("SELECT max(position) FROM levels WHERE strategy_id = ?", strategy_id)
    # A child one level down; at the last level, a sibling.
    parent_id = focused_id if level < last_level else focused_parent

    step("Insert adds a node under the focused card; its title is typed in place")
    key("Insert")
    wait_for("the new node in the library",
             lambda: query("SELECT parent_id FROM nodes WHERE strategy_id = ? AND title = ?",
                           strategy_id, "New node") == [(parent_id,)])
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(NEW_NODE)
    key("Return")
    wait_for("its title in the library",
             lambda: query("SELECT parent_id, strategy_id FROM nodes WHERE title = ?",
                           NEW_NODE) == [(parent_id, strategy_id)])
    node_titles.add(NEW_NODE)
    wait_focus("the new card", lambda r, n: r == "push button" and n == NEW_NODE)

    step("Ctrl+F finds Bredband; Down reaches the hits, Enter opens one, focused")
    key("<Control>f", combo=True)
    wait_focus("the search entry", lambda r, n: r == "entry")
    rawinput.typeText("Bredband")
    wait_for("the hits", lambda: "Bredband" in hits())
    key("Down")
    wait_focus("a hit", lambda r, n: r == "list item")
    for _ in range(10):
        if focus()[1] == "Bredband":
            break
        press_and_move("Down")
    assert focus() == ("list item", "Bredband"), focus()
    key("Return")
    wait_focus("the Bredband card", lambda r, n: r == "push button" and n == "Bredband")
    (bredband_id,), = query("SELECT id FROM nodes WHERE title = 'Bredband'")

    step("F2 renames it")
    key("F2")
    wait_focus("the title entry", lambda r, n: r in ("entry", "text"))
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(RENAMED)
    key("Return")
    wait_for("the new title in the library",
             lambda: query("SELECT title FROM nodes WHERE id = ?", bredband_id) == [(RENAMED,)])
    node_titles.add(RENAMED)

    step("Escape closes a search; the focus is on the canvas again, not behind it")
    nodes_before = query("SELECT count(*) FROM nodes")
    key("<Control>f", combo=True)
    wait_focus("the search entry", lambda r, n: r == "entry")
    rawinput.typeText("utveckling")
    wait_for("the new hits", lambda: any("tveckling" in name for name in hits()))
    key("Down")
    wait_focus("a hit", lambda r, n: r == "list item")
    key("Escape")
    wait_focus("a card again", card)
    # Enter on the card selects or edits it; it never adds a node.
    key("Return")
    key("Escape")
    assert query("SELECT count(*) FROM nodes") == nodes_before

    step("Ctrl+Z undoes the rename")
    key("<Control>z", combo=True)
    wait_for("the old title in the library",
             lambda: query("SELECT title FROM nodes WHERE id = ?", bredband_id)
             == [("Bredband",)])
    assert query("SELECT count(*) FROM nodes WHERE title = ?", NEW_NODE) == [(1,)]

    step("Ctrl+Q quits; the library holds what was done")
    key("<Control>q", combo=True)
    journey.process.wait(timeout=30)
    assert query("PRAGMA integrity_check") == [("ok",)]
    assert query("SELECT parent_id FROM nodes WHERE title = ?", NEW_NODE) == [(parent_id,)]
    assert query("SELECT title FROM nodes WHERE id = ?", bredband_id) == [("Bredband",)]
    step("journey done")
finally:
    journey.stop()
    sys.stdout.write(journey.output())
