#!/usr/bin/python3
# journey-report.py – issue 15's journey: the example's 2025 report, written from the window
#
#   journey-report.py MALBILD
#
# Starts the real binary on a library filled with the shipped example, opens
# "RUS del 2", goes to the Follow-up view (its newest round, 2025), presses
# "Write Report…", waits for the outline of the report to show its Swedish
# sections, turns the annexes off, presses "Write…" and, in the real file
# chooser, types where to save the PDF. The report is then read as another
# program would (poppler's pdftotext): the title and year, every priority of
# the strategy, the assessments' statuses in words, the activity counts,
# and no annex. Then the same for HTML in English.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys

from dogtail import rawinput

from journey_util import RUS_DEL_2, Journey, find, focused_below, press

journey = Journey(sys.argv[1], "report")
step, query, wait_for = journey.step, journey.query, journey.wait_for
workdir = journey.workdir


def write_report(dialog, path):
    """Presses Write… and saves to @path through the real file chooser."""
    press(find(dialog, "push button", "_Write…"))
    # The chooser is titled as the dialog: the one whose name field has
    # the focus, with a proposed name. Replace it by the whole path, as a
    # person may type it.
    wait_for("the file chooser's name field focused",
             lambda: any(focused_text(w) for w in app.children if w.name == "Write Report"))
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    rawinput.pressKey("Return")
    wait_for("the report at " + path, lambda: os.path.getsize(path) > 0)
    wait_for("the dialog to say it is written",
             lambda: find(dialog, None, "Report Written") is not None)


def choose(dialog, name, index):
    """Opens the combo row @name and picks its @index'th choice from the
    first with the keys."""
    combo = find(dialog, "combo box", name)
    (x, y), (w, h) = combo.position, combo.size
    # GTK 4.8 offers no action on a combo row: a click opens it, as a
    # pointer would, and the keys choose.
    rawinput.click(x + w - 20, y + h // 2)
    wait_for("the choices of “%s” focused" % name,
             lambda: getattr(focused_below(dialog), "roleName", None) == "list item")
    rawinput.pressKey("Home")
    for _ in range(index):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    wait_for("the choices of “%s” closed" % name, lambda: combo.focused)


def focused_text(window):
    """Whether a text field in @window has the focus."""
    node = focused_below(window)
    return node is not None and node.roleName == "text"


def text_of(path):
    if path.endswith(".pdf"):
        return subprocess.run(["pdftotext", path, "-"], check=True,
                              capture_output=True, text=True).stdout
    with open(path, encoding="utf-8") as f:
        return re.sub(r"<[^>]+>", " ", f.read())


journey.import_example()
priorities = [t for (t,) in query("SELECT n.title FROM nodes n JOIN levels l ON l.id = n.level_id"
                                  " WHERE n.strategy_id = ? AND l.name = 'Priority'", RUS_DEL_2)]
assert len(priorities) == 3, priorities

try:
    step("the app on the example library, RUS del 2")
    # The report is read here, not in another application.
    app = journey.start(strategy=RUS_DEL_2, env={"MALBILD_NO_LAUNCH": "1"})

    step("RUS del 2, its follow-up of 2025")
    press(find(app, "page tab", "Follow-up"))
    find(app, None, "Uppföljning 2025")

    step("Write Report…: the dialog and the report's outline")
    press(find(app, "push button", "_Write Report…"))
    dialog_frame = app.findChild(lambda n: n.name == "Write Report", recursive=False,
                                 retry=True, requireResult=True)
    dialog = dialog_frame
    for section in ("Det regionala ramverket", "Uppföljning per mål", "Vad är genomfört",
                    "Detta händer framöver", "Bilagor"):
        find(dialog, None, section)

    step("without the annexes")
    find(dialog, "check box", "Annexes").doActionNamed("toggle")
    wait_for("the outline without the annexes",
             lambda: dialog.findChild(lambda n: n.name == "Bilagor", retry=False,
                                      requireResult=False) is None)

    step("Write… to a PDF through the file chooser")
    pdf = os.path.join(workdir, "uppfoljning-2025.pdf")
    write_report(dialog, pdf)
    text = text_of(pdf)
    for needle in ["Uppföljningsrapport 2025", "I fas", "Viss framgång",
                   "Vad är genomfört", "en workshop"] + priorities:
        # pdftotext breaks long titles across lines: compare words alone.
        flat = " ".join(text.split())
        assert " ".join(needle.split()) in flat, "the PDF lacks “%s”" % needle
    assert "Bilagor" not in text, "the annexes were turned off"

    step("Close, and write HTML in English")
    rawinput.pressKey("Escape")
    journey.let_go(dialog, "“Write Report”")
    press(find(app, "push button", "_Write Report…"))
    dialog_frame = app.findChild(lambda n: n.name == "Write Report", recursive=False,
                                 retry=True, requireResult=True)
    dialog = dialog_frame
    find(dialog, None, "Vad är genomfört")
    choose(dialog, "Language", 1)  # Swedish, English
    find(dialog, None, "What was done")
    choose(dialog, "Format", 2)    # PDF, ODT, HTML
    wait_for("HTML chosen", lambda: find(dialog, None, "Web Page (HTML)") is not None)
    html = os.path.join(workdir, "follow-up-2025.html")
    write_report(dialog, html)
    text = text_of(html)
    for needle in ["Follow-up report 2025", "On track", "What was done", "one workshop"]:
        assert needle in text, "the HTML lacks “%s”" % needle

    step("Close and quit")
    rawinput.pressKey("Escape")
    journey.let_go(dialog, "“Write Report”")
    rawinput.keyCombo("<Control>q")
    journey.process.wait(timeout=30)
    step("journey done")
finally:
    journey.stop()
    shutil.rmtree(workdir, ignore_errors=True)

print("1 passed, 0 failed")
