#!/usr/bin/python3
# journey-linking.py – a strategy with goals, an indicator, projects and calls,
# built through AT-SPI as a person with a keyboard and a screen reader would
#
#   journey-linking.py MALBILD
#
# Starts the real binary on a new library and, through the UI only (clicks
# on named controls and the keyboard): creates a strategy from the welcome
# page; adds goals at three levels from the add menu; in the details panel
# attaches an indicator created from the Kolada catalogue through the picker;
# finds it with the search and gives it a baseline and a target in its
# editor; on its page adds three measurements; creates a project and a
# funding call in their views and links the project to the call (from the
# call) and to two goals (from the project); undoes twice and redoes once
# from the header bar, whose tooltips name the steps, so that the link to
# the second goal is gone; and exports the library through Export… and its
# file chooser. Every step is checked in the library file as it happens,
# and everything at the end in the exported JSON.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

from dogtail import rawinput

from journey_util import APP_DEFAULT_SIZE, Journey, find, find_clickable, press

STRATEGY = "Regional utvecklingsstrategi 2030"
GOALS = [  # (title, level): each under the one before
    ("Ett län där alla kan leva och verka", "Vision"),
    ("Hållbar tillväxt i hela länet", "Long-term goal"),
    ("Stärkt kompetensförsörjning", "Priority"),
]
KPI = "N02267"
KPI_TITLE = "Sysselsättningsgrad 20-64 år, andel (%)"
BASELINE = ("79,6", 79.6, "2022", 2022)        # typed, stored; year typed, stored
TARGET = ("2030", 2030, "82", 82.0)
MEASUREMENTS = [("2022", "79,6", 79.6), ("2023", "80,1", 80.1), ("2024", "80,4", 80.4)]
PROJECT = "Kompetenslyft Jämtland Härjedalen"
CALL = "Regionalt utvecklingsstöd 2025"

journey = Journey(sys.argv[1], "journey")
workdir = journey.workdir
export_path = os.path.join(workdir, "export.json")
step, query, wait_for = journey.step, journey.query, journey.wait_for
window, focused, type_into, ask_title = \
    journey.window, journey.focused, journey.type_into, journey.ask_title


def editing(panel, kind, title):
    """Whether the details panel's header says it edits @kind @title."""
    labels = [n.name for n in panel.findChildren(lambda n: n.roleName == "label")]
    return any(labels[i:i + 2] == [kind, title] for i in range(len(labels) - 1))


def tab_to(target, presses=200):
    """Tabs as a keyboard user does, until the focus is on @target. (Tab
    goes round the window: a press the app took late only costs a round.
    GTK 4.8 reports no focus on an entry row's text, so callers tab to the
    control before such a row and count on from there.)"""
    for _ in range(presses):
        rawinput.pressKey("Tab")
        if journey.poll(lambda: target.focused, 0.5):
            return target
    raise AssertionError("Tab never reached “%s”" % target.name)


def details():
    return app.findChild(lambda n: n.name == "Details" and n.roleName == "filler",
                         retry=True, requireResult=True)


def pick(picker_name, source, search, expected_title):
    """In the picker: the source's tab, the search, Enter on the one match."""
    picker = window(picker_name)
    if source != "Library":  # the only source has no tab to show
        press(find(picker, "page tab", source, exact=True))
    search_entry = focused(find(picker, "entry", "Search", anywhere=True))
    rawinput.typeText(search)
    results = find(picker, "list", source, exact=True)

    def one_match():
        rows = [c for c in results.children if c.roleName == "list item"]
        return len(rows) == 1 and rows[0].findChild(
            lambda n: n.roleName == "label" and n.name == expected_title,
            retry=False, requireResult=False) is not None
    wait_for("“%s” alone in the picker" % expected_title, one_match)
    assert search_entry.focused
    rawinput.pressKey("Return")
    journey.let_go(picker, "“%s”" % picker_name)


try:
    app = journey.start(size=APP_DEFAULT_SIZE, log=True, tolerate_toolkit=True)
    # No window manager runs under Xvfb, so once a dialog has closed the
    # keyboard goes where the pointer is: it rests on the window, as a hand
    # on the mouse would (the window is at 0,0; its title bar is free).
    main_window = window("Målbild")
    rawinput.absoluteMotion(main_window.size[0] // 2, 12)

    step("the welcome page's New Strategy creates the strategy")
    press(find(app, "push button", "New Strategy", anywhere=True))
    ask_title("New Strategy", STRATEGY)
    wait_for("the strategy in the library",
             lambda: query("SELECT title FROM strategies") == [(STRATEGY,)])
    (strategy_id,), = query("SELECT id FROM strategies")

    step("the add menu's New Node adds goals at three levels, each under the last")
    library_page = find(app, "panel", "Library", exact=True)
    add = find_clickable(library_page, "Add")
    for i, (title, level) in enumerate(GOALS):
        press(add)
        press(find(app, "menu item", "New Node", anywhere=True))
        ask_title("New Node", title)
        wait_for("“%s” in the library" % title,
                 lambda: query("SELECT count(*) FROM nodes") == [(i + 1,)])
    goals = {}
    for title, level in GOALS:
        rows = query("SELECT n.id, l.name, n.parent_id, n.strategy_id FROM nodes n"
                     " JOIN levels l ON l.id = n.level_id WHERE n.title = ?", title)
        assert len(rows) == 1, (title, rows)
        goals[title] = rows[0]
    parent = None
    for title, level in GOALS:
        node_id, stored_level, parent_id, node_strategy = goals[title]
        assert (stored_level, parent_id, node_strategy) == (level, parent, strategy_id), \
            (title, goals[title])
        parent = node_id
    vision_id, goal_id, priority_id = (goals[t][0] for t, _ in GOALS)

    step("the details panel attaches a Kolada indicator to the priority")
    press(find(app, "push button", "Show Details", anywhere=True))
    panel = details()
    wait_for("the priority's editor in the details panel",
             lambda: editing(panel, GOALS[2][1], GOALS[2][0]))
    press(find(panel, "push button", "Attach Indicator", anywhere=True))
    pick("Attach Indicator", "Kolada", KPI, KPI_TITLE)
    wait_for("the indicator in the library",
             lambda: query("SELECT count(*) FROM node_indicators") == [(1,)])
    (indicator_id, title, reference, indicator_strategy), = query(
        "SELECT id, title, reference, strategy_id FROM indicators")
    assert (title, reference, indicator_strategy) == (KPI_TITLE, "kolada:" + KPI, strategy_id)
    assert query("SELECT node_id, indicator_id FROM node_indicators") == \
        [(priority_id, indicator_id)]

    step("the search finds the indicator by its Kolada id; Enter opens it")
    rawinput.keyCombo("<Control>f")
    focused(find(app, "entry", "Search the Library", anywhere=True))
    rawinput.typeText(KPI)
    results = find(app, "list", "Search Results", anywhere=True)
    wait_for("the indicator among the results",
             lambda: results.findChild(lambda n: n.roleName == "list item" and
                                       n.name == KPI_TITLE, retry=False,
                                       requireResult=False) is not None)
    rawinput.pressKey("Return")
    wait_for("the indicator's editor in the details panel",
             lambda: editing(panel, "Indicator", KPI_TITLE))

    step("its editor takes a baseline, typed the Swedish way, and its year")
    tab_to(find(panel, "text", "Description", exact=True))
    rawinput.pressKey("Tab")      # the next rows: baseline value, baseline year
    rawinput.typeText(BASELINE[0])
    rawinput.pressKey("Return")
    wait_for("the baseline value in the library",
             lambda: query("SELECT baseline_value FROM indicators") == [(BASELINE[1],)])
    rawinput.pressKey("Tab")
    rawinput.typeText(BASELINE[2])
    rawinput.pressKey("Return")
    wait_for("the baseline year in the library",
             lambda: query("SELECT baseline_value, baseline_year FROM indicators") ==
             [(BASELINE[1], BASELINE[3])])

    step("Add Target takes a target year and value")
    # By the keyboard: a click on a button scrolled out of sight would open
    # its popover nowhere, and GTK 4.8 complains that there is no monitor.
    tab_to(find_clickable(panel, "Add Target"))
    rawinput.pressKey("space")
    focused(find(app, "text", "Year", anywhere=True))
    rawinput.typeText(TARGET[0])
    rawinput.pressKey("Tab")
    focused(find(app, "text", "Target value", anywhere=True))
    rawinput.typeText(TARGET[2])
    rawinput.pressKey("Return")
    wait_for("the target in the library",
             lambda: query("SELECT indicator_id, year, value FROM indicator_targets") ==
             [(indicator_id, TARGET[1], TARGET[3])])

    step("the indicator page's Add Value enters three measurements")
    page = app.findChild(lambda n: n.name == "MbIndicatorPage", retry=True, requireResult=True)
    for i, (period, typed, value) in enumerate(MEASUREMENTS):
        press(find(page, "push button", "Add Value", exact=True))
        dialog = window("Add Value")
        type_into(find(dialog, "text", "Period", anywhere=True), period, enter=False)
        rawinput.keyCombo("<Alt>v")            # the mnemonic of “_Value”
        type_into(find(dialog, "text", "Value", anywhere=True), typed)
        journey.let_go(dialog, "“Add Value”")
        wait_for("measurement %d in the library" % (i + 1),
                 lambda: query("SELECT count(*) FROM measurements") == [(i + 1,)])
    assert query("SELECT period, territory_code, gender, value FROM measurements"
                 " WHERE indicator_id = ? ORDER BY period", indicator_id) == \
        [(period, "0000", "T", value) for period, _, value in MEASUREMENTS]

    step("the Projects view's New Project adds a project")
    press(find(app, "page tab", "Projects", exact=True))
    press(find(app, "push button", "New Project", exact=True))
    ask_title("New Project", PROJECT)
    wait_for("the project in the library",
             lambda: len(query("SELECT id FROM projects WHERE title = ?", PROJECT)) == 1)
    (project_id,), = query("SELECT id FROM projects")
    wait_for("the project's editor in the details panel",
             lambda: editing(panel, "Project", PROJECT))

    step("the Funding Calls view's New Funding Call adds a call")
    press(find(app, "page tab", "Funding Calls", exact=True))
    press(find(app, "push button", "New Funding Call", exact=True))
    ask_title("New Funding Call", CALL)
    wait_for("the call in the library",
             lambda: len(query("SELECT id FROM funding_calls WHERE title = ?", CALL)) == 1)
    (call_id,), = query("SELECT id FROM funding_calls")
    wait_for("the call's editor in the details panel",
             lambda: editing(panel, "Funding Call", CALL))

    step("the call's Link Project links the project to the call")
    press(find(panel, "push button", "Link Project", exact=True))
    pick("Link Project", "Library", "kompetenslyft", PROJECT)
    wait_for("the project's call in the library",
             lambda: query("SELECT project_id, call_id FROM project_calls") ==
             [(project_id, call_id)])

    step("the project's row in the call's editor goes to the project")
    tab_to(find(find(panel, "list", "Projects", exact=True), "list item", PROJECT, exact=True))
    rawinput.pressKey("Return")
    wait_for("the project's editor in the details panel",
             lambda: editing(panel, "Project", PROJECT))
    find(find(panel, "list", "Funding Calls", exact=True), "list item", CALL, exact=True)

    step("the project's Link Goal links it to the priority, and then to the goal above")
    for title, expected in ((GOALS[2][0], [priority_id]),
                            (GOALS[1][0], sorted([priority_id, goal_id]))):
        press(find(panel, "push button", "Link Goal", exact=True))
        pick("Link Goal", "This Strategy", title.split()[-1], title)
        wait_for("the project's goals in the library",
                 lambda: sorted(n for (n,) in query("SELECT node_id FROM project_nodes"
                                                   " WHERE project_id = ?", project_id))
                 == expected)

    step("Undo twice and Redo once, from the header bar, whose tooltips name the steps")
    undo = find(app, "push button", "Undo", exact=True)
    redo = find(app, "push button", "Redo", exact=True)

    def project_goals():
        return sorted(n for (n,) in query("SELECT node_id FROM project_nodes"
                                         " WHERE project_id = ?", project_id))
    wait_for("undo names the last link", lambda: undo.description == "Undo Link Project")
    press(undo)
    wait_for("the goal above unlinked", lambda: project_goals() == [priority_id])
    wait_for("undo names the link before", lambda: undo.description == "Undo Link Project")
    wait_for("redo names the undone link", lambda: redo.description == "Redo Link Project")
    press(undo)
    wait_for("the priority unlinked", lambda: project_goals() == [])
    wait_for("undo names the call's link",
             lambda: undo.description == "Undo Link Project to Call")
    assert query("SELECT project_id, call_id FROM project_calls") == [(project_id, call_id)]
    press(redo)
    wait_for("the priority linked again", lambda: project_goals() == [priority_id])
    wait_for("undo names the redone link", lambda: undo.description == "Undo Link Project")
    wait_for("redo still offers the goal above",
             lambda: redo.description == "Redo Link Project" and redo.sensitive)
    assert query("SELECT project_id, call_id FROM project_calls") == [(project_id, call_id)]
    assert (goal_id,) not in query("SELECT node_id FROM project_nodes")

    step("Export… in the main menu")
    press(find_clickable(library_page, "Main Menu"))
    press(find(app, "menu item", "Export…", anywhere=True))
    chooser = window("Export")
    # The name field takes a whole path, as it does when a person types one.
    type_into(find(chooser, "text", "Name:", anywhere=True), export_path)
    journey.let_go(chooser, "“Export”")

    def exported():
        with open(export_path, encoding="utf-8") as f:
            return json.load(f)
    wait_for("the export written", lambda: exported() is not None)

    step("the export holds all of it, and not the undone link")
    data = exported()
    assert [(s["id"], s["title"]) for s in data["strategies"]] == [(strategy_id, STRATEGY)]
    levels = {l["id"]: l["name"] for l in data["levels"] if l["strategy_id"] == strategy_id}
    nodes = {n["title"]: n for n in data["nodes"]}
    assert sorted(nodes) == sorted(title for title, _ in GOALS), sorted(nodes)
    parent = None
    for title, level in GOALS:
        node = nodes[title]
        assert (node["strategy_id"], levels[node["level_id"]], node.get("parent_id")) == \
            (strategy_id, level, parent), node
        parent = node["id"]
    indicator, = data["indicators"]
    assert (indicator["id"], indicator["title"], indicator["reference"],
            indicator["strategy_id"], indicator["baseline_value"],
            indicator["baseline_year"]) == \
        (indicator_id, KPI_TITLE, "kolada:" + KPI, strategy_id, BASELINE[1], BASELINE[3]), \
        indicator
    assert [(t["indicator_id"], t["year"], t["value"]) for t in data["indicator_targets"]] == \
        [(indicator_id, TARGET[1], TARGET[3])]
    assert sorted((m["indicator_id"], m["period"], m["territory_code"], m["gender"], m["value"])
                  for m in data["measurements"]) == \
        [(indicator_id, period, "0000", "T", value) for period, _, value in MEASUREMENTS]
    assert data["node_indicators"] == [{"node_id": priority_id, "indicator_id": indicator_id}]
    assert [(p["id"], p["title"]) for p in data["projects"]] == [(project_id, PROJECT)]
    assert [(c["id"], c["title"]) for c in data["funding_calls"]] == [(call_id, CALL)]
    assert data["project_calls"] == [{"project_id": project_id, "call_id": call_id}]
    assert data["project_nodes"] == [{"project_id": project_id, "node_id": priority_id}], \
        data["project_nodes"]  # the link to the goal above was undone and not redone

    step("journey done")
finally:
    journey.stop()
    sys.stdout.write(journey.output())

assert not journey.criticals(), journey.criticals()
assert query("PRAGMA integrity_check") == [("ok",)]
assert query("PRAGMA foreign_key_check") == []

print("1 passed, 0 failed")
