#!/usr/bin/python3
"""check-mime-type.py MIME_XML MALBILD – application/x-malbild as GIO sees it.

Installs the MIME package into a private data directory, builds its database
with update-mime-database, and asks GIO (in a child, so that it reads only
that database and the system's) what a library, a *.malbild name and a plain
SQLite database are.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile


def guess():
    import gi
    gi.require_version('Gio', '2.0')
    from gi.repository import Gio

    failures = 0
    for name, path, want in (
        ('a library without its extension', sys.argv[1], 'application/x-malbild'),
        ('a *.malbild name alone', None, 'application/x-malbild'),
        ('another SQLite database', sys.argv[2], 'application/vnd.sqlite3'),
    ):
        data = open(path, 'rb').read(4096) if path else None
        filename = 'library.malbild' if path is None else os.path.basename(path)
        got, _ = Gio.content_type_guess(filename, data)
        if got != want:
            print(f'not ok: {name}: {got}, expected {want}')
            failures += 1
    icon = Gio.content_type_get_icon('application/x-malbild')
    if not any(n.endswith('application-x-malbild') for n in icon.get_names()):
        print(f'not ok: icon names {icon.get_names()}')
        failures += 1
    if not Gio.content_type_is_a('application/x-malbild', 'application/vnd.sqlite3'):
        print('not ok: not a kind of SQLite database')
        failures += 1
    return failures


def main():
    if sys.argv[1] == '--guess':
        del sys.argv[1]
        return 1 if guess() else 0

    mime_xml, malbild = sys.argv[1], sys.argv[2]
    example = os.path.join(os.environ['MALBILD_SOURCE_ROOT'], 'data', 'examples',
                           'effect-chain.json')
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, 'data', 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(mime_xml, packages)
        subprocess.run(['update-mime-database', os.path.join(tmp, 'data', 'mime')],
                       check=True, stderr=subprocess.DEVNULL)

        library = os.path.join(tmp, 'lib.malbild')
        subprocess.run([malbild, '--database', library, '--import', example], check=True,
                       stdout=subprocess.DEVNULL)
        no_extension = os.path.join(tmp, 'library-copy')
        shutil.copy(library, no_extension)
        plain = os.path.join(tmp, 'plain')
        db = sqlite3.connect(plain)
        db.execute('CREATE TABLE t (x)')
        db.commit()
        db.close()

        env = dict(os.environ, XDG_DATA_DIRS=os.path.join(tmp, 'data') + ':/usr/share',
                   XDG_DATA_HOME=os.path.join(tmp, 'home'))
        result = subprocess.run([sys.executable, __file__, '--guess', no_extension, plain],
                                env=env)
        return result.returncode


sys.exit(main())
