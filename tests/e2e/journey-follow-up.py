#!/usr/bin/python3
# journey-follow-up.py – issue 14's journey: a year's follow-up, from the window
#
#   journey-follow-up.py MALBILD
#
# Starts the real binary on a library filled with the shipped example, on
# "RUS del 2", and through AT-SPI as a person with a pointer, a keyboard and
# a screen reader would: starts "Uppföljning 2025" from the Follow-up view's
# menu; assesses two priorities, one confirming the status the indicators
# suggest, one choosing another, which Save refuses until a reason is
# given; logs a workshop with three organisations from two sectors; adds the
# intervention "Extern finansiering 2" under a priority and types its time
# plan "Oktober 2021" in the details panel; finds it on the roadmap, drags
# its bar with the pointer to November 2021 (one step to undo), undoes that
# with Ctrl+Z, and lets a second drag go with Escape, which leaves nothing.
# Every step is checked in the library file, as another program reads it.
#
# The example ships "Extern finansiering" with this time plan already: the
# journey enters one of its own beside it. The round is called "Follow-up
# 2025" here, "Uppföljning 2025" in Swedish: the journey speaks English,
# like the other journeys.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pyatspi
from dogtail import rawinput

from journey_util import EXAMPLE, Journey, click_on, find, find_clickable, focused_below, press

# RUS del 2, "Mål och långsiktiga prioriteringar", of the example.
STRATEGY = "b674895b-0dc6-54b1-b74e-a4332b3e4d1e"
YEAR = 2025
ROUND = "Follow-up 2025"                       # "Uppföljning 2025" in Swedish
CONFIRMED = "1 Förutsättningar för utvecklingskraft i hela länet"
OVERRIDDEN = "2 Hållbar utveckling genom att synliggöra och adressera målkonflikter"
OVERRIDE_STATUS = "↗ Some progress"
REASON = "Målkonflikterna är kartlagda i två styrkeområden; indikatorerna visar det inte än"
WORKSHOP = "Workshop om extern finansiering"
WHEN = ("mars 2025", "2025-03")                # typed, stored
PARTICIPANTS = 18
ORGANISATIONS = ("Mittuniversitetet", "Region Jämtland Härjedalen", "Östersunds kommun")
INTERVENTION = "Extern finansiering 2"
UNDER = "Förutsättningar för utvecklingskraft i hela länet"
TIME_PLAN = ("Oktober 2021", "2021-10")        # typed as the seed writes it, stored
MOVED = "2021-11"

journey = Journey(sys.argv[1], "follow-up")
malbild, workdir, library, example = journey.malbild, journey.workdir, journey.library, EXAMPLE
step, query, wait_for, window = journey.step, journey.query, journey.wait_for, journey.window


def scroll_into_view(node, pane):
    """Turns the mouse wheel over @pane until @node shows whole in it."""
    top, bottom = pane.position[1], pane.position[1] + pane.size[1]
    for _ in range(40):
        y, h = node.position[1], node.size[1]
        if y >= top and y + h <= bottom:
            return
        before = y
        rawinput.click(pane.position[0] + pane.size[0] // 2, (top + bottom) // 2,
                       button=5 if y + h > bottom else 4)
        wait_for("the pane to scroll", lambda: node.position[1] != before)
    raise AssertionError("“%s” never came into view" % node.name)


def label_of(node):
    """What a screen reader says of a list item: its name, or its labels'."""
    if node.name:
        return node.name
    return " ".join(n.name for n in node.findChildren(lambda n: n.roleName == "label"))


def choose_in_popover(popover, wanted):
    """In an open drop-down's list: Down until the focus is on @wanted,
    then Enter, as a keyboard user does."""
    for _ in range(40):
        wait_for("the focus in the list", lambda: focused_below(popover) is not None)
        if label_of(focused_below(popover)) == wanted:
            rawinput.pressKey("Return")
            return
        before = focused_below(popover)
        rawinput.pressKey("Down")
        wait_for("the focus to move on", lambda: focused_below(popover) != before)
    raise AssertionError("“%s” is not in the list" % wanted)


# The screen, as a person sees it: the roadmap's bars are drawn, not
# accessibles, so the pointer finds them where they show.

def screen_row(x, y, width):
    """The colours of @width pixels of the screen from (@x, @y)."""
    raw = subprocess.run(["import", "-window", "root", "-crop", "%dx1+%d+%d" % (width, x, y),
                          "-depth", "8", "rgb:-"], check=True, capture_output=True).stdout
    return [tuple(raw[i:i + 3]) for i in range(0, len(raw) - 2, 3)]


def bar_in_row(x, y, width):
    """(start, end) on the screen of the widest run of colour at height @y,
    from @x on: an item's bar, beside year lines a pixel wide and a "!"."""
    pixels = screen_row(x, y, width)
    background = max(set(pixels), key=pixels.count)
    best, run_start = (0, 0), None
    for i, p in enumerate(pixels + [background]):
        differs = max(abs(a - b) for a, b in zip(p, background)) > 24
        if differs and run_start is None:
            run_start = i
        elif not differs and run_start is not None:
            if i - run_start > best[1] - best[0]:
                best = (run_start, i)
            run_start = None
    return (x + best[0], x + best[1])


def roadmap_item(canvas, title):
    """The roadmap's button for @title, named "title, status, time plan"."""
    return find(canvas, "push button", title + ",")


def drag(x0, y, x1, cancel=None):
    """Presses at (@x0, @y), moves in steps to @x1 and lets go, as a hand on
    a mouse does; or, when @cancel says the drag is under way, presses
    Escape before letting go."""
    rawinput.press(x0, y)
    for i in range(1, 13):
        rawinput.absoluteMotion(x0 + (x1 - x0) * i // 12, y)
        time.sleep(0.05)  # motion events at a hand's pace, not an outcome
    if cancel:
        wait_for("the drag under way", cancel)
        rawinput.pressKey("Escape")
    rawinput.release(x1, y)


def node_plan(node_id):
    return query("SELECT start_date, end_date, status FROM nodes WHERE id = ?", node_id)


subprocess.run([malbild, "--database", library, "--import", example], check=True,
               stdout=subprocess.DEVNULL, env=dict(os.environ, GSETTINGS_BACKEND="memory"))
# The example ships an illustrative round for 2025; the journey starts that
# year's round itself, as a region does each spring, so it goes first (the
# cascade takes its assessments with it). Only the follow-up's own rows are
# touched: the rest is the example as shipped.
with sqlite3.connect(library) as db:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("DELETE FROM follow_up_rounds WHERE strategy_id = ? AND year = ?",
               (STRATEGY, YEAR))
assert query("SELECT count(*) FROM follow_up_rounds WHERE year = ?", YEAR) == [(0,)]
assert query("SELECT count(*) FROM assessments a JOIN follow_up_rounds r ON r.id = a.round_id"
             " WHERE r.year = ?", YEAR) == [(0,)]

priorities = dict(query("SELECT coalesce(n.code || ' ', '') || n.title, n.id FROM nodes n"
                        " JOIN levels l ON l.id = n.level_id"
                        " WHERE n.strategy_id = ? AND l.name = 'Priority'", STRATEGY))
confirmed_id = next(i for t, i in priorities.items() if t.startswith(CONFIRMED))
overridden_id = next(i for t, i in priorities.items() if t.startswith(OVERRIDDEN))
(under_id,), = query("SELECT id FROM nodes WHERE strategy_id = ? AND title = ?", STRATEGY, UNDER)
sectors = dict(query("SELECT name, sector FROM organisations WHERE name IN (?, ?, ?)",
                     *ORGANISATIONS))
organisation_ids = {i for (i,) in query("SELECT id FROM organisations WHERE name IN (?, ?, ?)",
                                        *ORGANISATIONS)}
assert len(sectors) == 3 and len(set(sectors.values())) == 2, sectors

try:
    # The app opens on the strategy last shown, as it would for its user.
    app = journey.start(strategy=STRATEGY, log=True, tolerate_toolkit=True)
    main_window = window("Målbild")
    # No window manager runs under Xvfb, so once a dialog has closed the
    # keyboard goes where the pointer is: it rests on the window's title
    # bar, as a hand on the mouse would (the window is at 0,0).
    rawinput.absoluteMotion(main_window.size[0] // 2, 12)

    step("the Follow-up view's menu starts a follow-up; the year typed is 2025")
    press(find(app, "page tab", "Follow-up", exact=True))
    year_chooser = find(app, "combo box", "Follow-up Year", exact=True)
    # The example's real round, RUN/12/2022's, is the newest now.
    find(year_chooser, "label", "Uppföljning 2021", exact=True)
    press(find_clickable(year_chooser.parent, "Follow-up Menu"))
    press(find(app, "menu item", "Start a Follow-up"))
    dialog = window("Start a Follow-up?")
    year = find(dialog, "spin button", "Year Followed Up")
    wait_for("the year's field focused", lambda: year.focused)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(str(YEAR))
    rawinput.pressKey("Tab")         # leaving the field takes the year
    wait_for("the year taken", lambda: year.value == YEAR)
    press(find(dialog, "push button", "_Start Follow-up"))
    journey.let_go(dialog, "“Start a Follow-up?”")
    wait_for("the round in the library",
             lambda: query("SELECT title, status FROM follow_up_rounds"
                           " WHERE strategy_id = ? AND year = ?", STRATEGY, YEAR)
             == [(ROUND, "in-progress")])
    (round_id,), = query("SELECT id FROM follow_up_rounds WHERE strategy_id = ? AND year = ?",
                         STRATEGY, YEAR)
    wait_for("the view on the new round",
             lambda: find(year_chooser, "label", ROUND, exact=True) is not None)

    # The goals' list and the assessment editor beside it: looking there
    # alone is quicker than through the whole window.
    goals = find(app, "list", "Goals and Their Assessments", exact=True)
    assessing = goals.parent
    while assessing.name != "GtkPaned":
        assessing = assessing.parent

    def goal_row(title):
        """The row of @title in the goals' list (its box is named for it)."""
        named = find(goals, "panel", title)
        while named.roleName != "list item":
            named = named.parent
        return named

    def editor_on(prefix):
        """Whether the editor's heading is the goal whose title starts so."""
        title = next(t for t in priorities if t.startswith(prefix))
        return assessing.findChild(lambda n: n.roleName == "label" and n.name == title,
                                   retry=False, requireResult=False) is not None

    def status_row():
        return assessing.findChild(lambda n: n.roleName == "combo box" and n.name == "Status",
                                   retry=True, requireResult=True)

    def assessment(node_id):
        return query("SELECT status, suggested_status, override_reason FROM assessments"
                     " WHERE round_id = ? AND node_id = ?", round_id, node_id)

    step("the first priority: its suggested status, confirmed with Save")
    click_on(goal_row(CONFIRMED))
    wait_for("the priority in the assessment editor", lambda: editor_on(CONFIRMED))
    suggestion = find(assessing, "list", "Suggested by the Indicators", exact=True)
    suggested = find(suggestion, "list item", "").name   # "? Cannot be assessed"
    # Not yet assessed, the status shown is the suggestion: Save confirms it.
    wait_for("the suggestion as the status",
             lambda: find(status_row(), "label", suggested, exact=True) is not None)
    save = find(assessing, "push button", "_Save Assessment")
    press(save)
    wait_for("the confirmed assessment in the library",
             lambda: len(assessment(confirmed_id)) == 1)
    (status, suggested_status, reason), = assessment(confirmed_id)
    assert status == suggested_status == "not-assessable" and reason is None, \
        assessment(confirmed_id)

    step("the second priority: another status; Save asks why, the reason is typed")
    click_on(goal_row(OVERRIDDEN))
    wait_for("the priority in the assessment editor", lambda: editor_on(OVERRIDDEN))
    click_on(status_row())
    choose_in_popover(find(status_row(), None, "GtkPopover"), OVERRIDE_STATUS)
    wait_for("the chosen status shown",
             lambda: find(status_row(), "label", OVERRIDE_STATUS, exact=True) is not None)
    # Now that the status differs from the suggestion, the reason's field shows.
    find(assessing, "text", "Reason for Differing from the Suggestion", exact=True)
    press(save)
    wait_for("the editor to ask for a reason",
             lambda: assessing.findChild(lambda n: n.roleName == "label" and
                                         (n.name or "").startswith("Say why the goal is"),
                                         retry=False, requireResult=False) is not None)
    assert assessment(overridden_id) == [], "saved without a reason"
    # Save put the cursor in the reason's field, where the person types.
    rawinput.typeText(REASON)
    press(save)
    wait_for("the overriding assessment in the library",
             lambda: assessment(overridden_id) == [("some-progress", "not-assessable", REASON)])
    assert len(query("SELECT id FROM assessments WHERE round_id = ?", round_id)) == 2

    step("the Activities page's Add Activity logs a workshop with three organisations")
    press(find(app, "page tab", "Activities", exact=True))
    add_activity = find(app, "push button", "_Add Activity")
    # The year's sentence beside it, as the report will say it.
    summary = find(add_activity.parent, "label", "")
    wait_for("the year's sentence", lambda: "workshop" in summary.name)
    sentence = summary.name
    press(add_activity)
    dialog = window("Add Activity")
    # The kind is Workshop unless changed; the year is the round's.
    find(find(dialog, "combo box", "Kind", exact=True), "label", "Workshop", exact=True)
    for field, text in (("Title", WORKSHOP), ("When", WHEN[0]),
                        ("Participants", str(PARTICIPANTS))):
        click_on(find(dialog, "text", field))
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(text)
    # Tab goes on from the last field into the organisations' list; Down
    # walks it, Space ticks the one with the focus.
    click_on(find(dialog, "text", "Description", exact=True))
    rawinput.pressKey("Tab")
    organisations = find(dialog, "list", "Participating Organisations", exact=True)

    def focused_row():
        return next((row for row in organisations if row.focused), None)
    ticked = []
    for _ in range(len(query("SELECT id FROM organisations")) + 1):
        wait_for("the focus in the organisations", lambda: focused_row() is not None)
        row = focused_row()
        if row.name in ORGANISATIONS:
            rawinput.pressKey("space")
            # Named once, by the row's title, as a screen reader says it.
            check = find(row, "check box", row.name, exact=True)
            wait_for("“%s” ticked" % row.name,
                     lambda: check.getState().contains(pyatspi.STATE_CHECKED))
            ticked.append(row.name)
            if len(ticked) == len(ORGANISATIONS):
                break
        rawinput.pressKey("Down")
        wait_for("the focus on the next organisation",
                 lambda: focused_row() not in (None, row))
    assert sorted(ticked) == sorted(ORGANISATIONS), ticked
    press(find(dialog, "push button", "_Add"))
    journey.let_go(dialog, "“Add Activity”")
    wait_for("the workshop in the library",
             lambda: len(query("SELECT id FROM activities WHERE title = ?", WORKSHOP)) == 1)
    (activity_id, kind, start, participants, activity_strategy), = query(
        "SELECT id, kind, start_period, participants, strategy_id FROM activities"
        " WHERE title = ?", WORKSHOP)
    assert (kind, start, participants, activity_strategy) == \
        ("workshop", WHEN[1], PARTICIPANTS, STRATEGY), (kind, start, participants)
    assert {i for (i,) in query("SELECT organisation_id FROM activity_organisations"
                                " WHERE activity_id = ?", activity_id)} == organisation_ids
    assert query("SELECT count(DISTINCT o.sector) FROM activity_organisations ao"
                 " JOIN organisations o ON o.id = ao.organisation_id"
                 " WHERE ao.activity_id = ?", activity_id) == [(2,)]
    logged = find(app, "list", "Activities of the Year", exact=True)
    find(logged, "list item", WORKSHOP)
    wait_for("the sentence to count it", lambda: summary.name != sentence)

    step("on the canvas, New Node adds an intervention under a priority")
    press(find(app, "page tab", "Canvas", exact=True))
    press(find(app, "push button", UNDER, exact=True))   # selects the card
    press(find_clickable(app, "Add"))
    press(find(app, "menu item", "New Node"))
    dialog = window("New Node")
    find(dialog, "label", "The new node goes under “%s”" % UNDER)
    level = find(dialog, "combo box", "Level", exact=True)
    press(find_clickable(level, "GtkToggleButton"))
    choose_in_popover(find(level, None, "GtkPopover"), "Intervention")
    wait_for("the level chosen", lambda: find(level, "label", "Intervention", exact=True))
    title = find(dialog, "text", "Title")
    click_on(title)
    rawinput.typeText(INTERVENTION)
    rawinput.pressKey("Return")
    journey.let_go(dialog, "“New Node”")
    wait_for("the intervention in the library",
             lambda: len(query("SELECT id FROM nodes WHERE title = ?", INTERVENTION)) == 1)
    (node_id, parent_id, level_name, node_strategy), = query(
        "SELECT n.id, n.parent_id, l.name, n.strategy_id FROM nodes n"
        " JOIN levels l ON l.id = n.level_id WHERE n.title = ?", INTERVENTION)
    assert (parent_id, level_name, node_strategy) == (under_id, "Intervention", STRATEGY)

    step("its time plan typed in the details panel as the seed writes it")
    show_details = find(app, "push button", "Show Details", exact=True)
    press(show_details)
    panel = app.findChild(lambda n: n.name == "Details" and n.roleName == "filler",
                          retry=True, requireResult=True)
    # Named once, as a screen reader reads it (it was "End End").
    end = find(panel, "text", "End", exact=True)
    scroll_into_view(end, panel)
    click_on(end)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(TIME_PLAN[0])
    rawinput.pressKey("Return")
    wait_for("the time plan in the library",
             lambda: node_plan(node_id) == [(None, TIME_PLAN[1], None)])
    plan_status = find(panel, "combo box", "Status", exact=True)
    scroll_into_view(plan_status, panel)
    click_on(plan_status)
    choose_in_popover(find(plan_status, None, "GtkPopover"), "Planned")
    wait_for("the status in the library",
             lambda: node_plan(node_id) == [(None, TIME_PLAN[1], "planned")])
    # The panel lies over the views at this width: put it away again.
    press(show_details)
    wait_for("the details panel gone",
             lambda: panel.position[0] >= main_window.size[0])

    step("the roadmap shows it, named for a screen reader")
    press(find(app, "page tab", "Roadmap", exact=True))
    canvas = find(app, "panel", "Roadmap", exact=True)
    item = roadmap_item(canvas, INTERVENTION)
    assert item.name == INTERVENTION + ", Planned, October 2021, overdue", item.name

    step("zoomed in, its bar dragged with the pointer by a month and a half")
    zoom_in = find(app, "push button", "Show Months", exact=True)
    for _ in range(2):
        width = canvas.size[0]
        press(zoom_in)
        wait_for("the roadmap wider", lambda: canvas.size[0] > width)
    item = roadmap_item(canvas, INTERVENTION)
    row_y = item.position[1] + item.size[1] // 2
    line_x = item.position[0] + item.size[0] + 8
    screen_width = main_window.size[0] - 8
    bars = []

    def bar_steady():
        bars.append(bar_in_row(line_x, row_y, screen_width - line_x))
        return len(bars) > 1 and bars[-1] == bars[-2] and bars[-1][1] - bars[-1][0] >= 12
    wait_for("its bar drawn", bar_steady)
    x0, x1 = bars[-1]
    # A month's bar: a move grabs it away from its right end (which
    # lengthens), and goes a month and a half, into November.
    grab = x0 + (x1 - x0) // 4
    drag(grab, row_y, grab + (x1 - x0) * 3 // 2)
    wait_for("the new time plan in the library",
             lambda: node_plan(node_id) == [(None, MOVED, "planned")])
    wait_for("the item renamed for the new month",
             lambda: roadmap_item(canvas, INTERVENTION).name ==
             INTERVENTION + ", Planned, November 2021, overdue")
    undo = find(app, "push button", "Undo", exact=True)
    wait_for("one step to undo", lambda: undo.description ==
             "Undo Reschedule “%s”" % INTERVENTION)

    step("Ctrl+Z undoes the move, in one step")
    rawinput.keyCombo("<Control>z")
    wait_for("the time plan back in the library",
             lambda: node_plan(node_id) == [(None, TIME_PLAN[1], "planned")])
    wait_for("the item named for October again",
             lambda: roadmap_item(canvas, INTERVENTION).name ==
             INTERVENTION + ", Planned, October 2021, overdue")
    redo = find(app, "push button", "Redo", exact=True)
    wait_for("the move to redo", lambda: redo.description ==
             "Redo Reschedule “%s”" % INTERVENTION)

    step("a second drag let go with Escape leaves no trace")
    bars.clear()
    wait_for("its bar back in October", bar_steady)
    assert bars[-1] == (x0, x1), (bars[-1], x0, x1)
    # A drag that took hold gives its item the focus.
    drag(grab, row_y, grab + (x1 - x0) * 3 // 2,
         cancel=lambda: roadmap_item(canvas, INTERVENTION).focused)

    step("Ctrl+Q quits; the library holds the year's follow-up")
    # The app takes the input in order: it has had the drag when it quits.
    rawinput.keyCombo("<Control>q")
    journey.process.wait(timeout=30)
    assert journey.process.returncode == 0, journey.process.returncode
    step("journey done")
finally:
    journey.stop()
    sys.stdout.write(journey.output())

assert not journey.criticals(), journey.criticals()
assert query("PRAGMA integrity_check") == [("ok",)]
assert query("PRAGMA foreign_key_check") == []
# All of it, as the report will read it: the round, its two assessments,
# the workshop, and the intervention's time plan as typed (the drag undone,
# the second let go).
assert query("SELECT year, title, status FROM follow_up_rounds WHERE id = ?", round_id) == \
    [(YEAR, ROUND, "in-progress")]
assert sorted(query("SELECT node_id, status, suggested_status, override_reason FROM assessments"
                    " WHERE round_id = ?", round_id)) == \
    sorted([(confirmed_id, "not-assessable", "not-assessable", None),
            (overridden_id, "some-progress", "not-assessable", REASON)])
assert query("SELECT kind, start_period, participants FROM activities WHERE id = ?",
             activity_id) == [("workshop", WHEN[1], PARTICIPANTS)]
assert {i for (i,) in query("SELECT organisation_id FROM activity_organisations"
                            " WHERE activity_id = ?", activity_id)} == organisation_ids
assert node_plan(node_id) == [(None, TIME_PLAN[1], "planned")], node_plan(node_id)
shutil.rmtree(workdir, ignore_errors=True)

print("1 passed, 0 failed")
