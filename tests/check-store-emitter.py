#!/usr/bin/env python3
# Only the store announces changes of the library (design.md, "Layers"):
# no file under src/ but the store's own emits a signal on a store.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

src = pathlib.Path(sys.argv[1])
# The whole call up to its semicolon, so that calls over several lines count.
call = re.compile(r'g_signal_emit(?:_by_name|v|_valist)?\s*\(([^;]*);', re.S)
owners = {'mb-store.c'}
bad = []

for path in sorted(src.rglob('*.c')):
    if path.name in owners:
        continue
    text = path.read_text(encoding='utf-8')
    for match in call.finditer(text):
        if re.search(r'store', match.group(1), re.I):
            line = text.count('\n', 0, match.start()) + 1
            bad.append(f'{path.relative_to(src.parent)}:{line}: emits a signal of the store')

for message in bad:
    print(message, file=sys.stderr)
sys.exit(1 if bad else 0)
