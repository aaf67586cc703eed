#!/bin/sh
# run-journey.sh – run an end-to-end journey through AT-SPI
#
#   run-journey.sh MALBILD JOURNEY.py
#
# Needs a display and a session bus (the README's test command runs the
# suite under xvfb-run and dbus-run-session). Starts the accessibility bus,
# as a desktop session would, then runs the journey with Debian's Python,
# which has dogtail and pyatspi.
set -eu

malbild=$1
journey=$2

if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "run-journey: needs DISPLAY and a session bus (run under xvfb-run dbus-run-session)" >&2
  exit 1
fi

# Its output goes nowhere: the bus daemons it starts would otherwise hold the
# test's output open, and the test runner would wait for them forever.
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 </dev/null &
launcher=$!
trap 'kill "$launcher" 2>/dev/null || true' EXIT INT TERM

# The app must talk to the accessibility bus, unlike the widget tests.
unset NO_AT_BRIDGE
export GTK_A11Y=atspi

# dogtail refuses to start unless it believes accessibility is on; this is
# how it reads that without a desktop's settings (the app does not see it).
GTK_MODULES=gail:atk-bridge /usr/bin/python3 "$journey" "$malbild"
