#!/usr/bin/python3
"""The Flatpak manifest parses cleanly, and agrees with the Debian package list.

flatpak-builder --show-manifest must print nothing on stderr, and every library
the Debian build needs (build-aux/debian-packages.txt) must either come with
the GNOME runtime or be built as a module of the manifest.
"""
import json
import os
import shutil
import subprocess
import sys

root = os.environ.get("MALBILD_SOURCE_ROOT",
                      os.path.join(os.path.dirname(__file__), ".."))
manifest = os.path.join(root, "flatpak", "io.github.malbild.Malbild.json")

# -dev packages whose library the GNOME runtime (org.gnome.Platform) ships.
IN_RUNTIME = {
    "libglib2.0-dev", "libgtk-4-dev", "libadwaita-1-dev", "libjson-glib-dev",
    "libsqlite3-dev", "libsoup-3.0-dev", "libpng-dev", "libepoxy-dev",
    "libsecret-1-dev",
}
# Debian -dev package → the Flatpak module that builds the same library.
MODULE_FOR = {
    "libgraphviz-dev": "graphviz",
    "libgsf-1-dev": "libgsf",
    "libpq-dev": "libpq",
}

failed = False

if shutil.which("flatpak-builder") is None:
    print("flatpak-builder is missing; install build-aux/debian-packages.txt")
    sys.exit(1)

proc = subprocess.run(["flatpak-builder", "--show-manifest", manifest],
                      capture_output=True, text=True, cwd=os.path.dirname(manifest))
if proc.returncode != 0 or proc.stderr.strip():
    print(f"flatpak-builder --show-manifest: exit {proc.returncode}: {proc.stderr.strip()}")
    failed = True


def module_names(modules, base):
    for m in modules:
        if isinstance(m, str):
            with open(os.path.join(base, m), encoding="utf-8") as f:
                m = json.load(f)
        yield m["name"]
        yield from module_names(m.get("modules", []), base)


with open(manifest, encoding="utf-8") as f:
    data = json.load(f)
names = set(module_names(data["modules"], os.path.dirname(manifest)))

if data["id"] != "io.github.malbild.Malbild":
    print(f"app id is {data['id']}")
    failed = True
if int(data["runtime-version"]) < 51:
    print(f"runtime-version {data['runtime-version']} is older than 51, "
          "the oldest GNOME runtime still supported")
    failed = True
# The network is for Kolada's open API, the yearly values, and for a library
# shared on PostgreSQL (README).
wanted_args = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
               "--share=network"}
if set(data["finish-args"]) != wanted_args:
    print(f"finish-args differ from the minimal set: {sorted(data['finish-args'])}")
    failed = True

with open(os.path.join(root, "build-aux", "debian-packages.txt"), encoding="utf-8") as f:
    packages = [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith("#")]
for pkg in packages:
    if not (pkg.startswith("lib") and pkg.endswith("-dev")) or pkg.startswith("libclang"):
        continue
    if pkg in IN_RUNTIME:
        continue
    module = MODULE_FOR.get(pkg)
    if module is None or module not in names:
        print(f"{pkg} is needed on Debian but no Flatpak module builds it "
              f"(modules: {', '.join(sorted(names))})")
        failed = True

if "malbild" not in names:
    print("the manifest does not build malbild")
    failed = True

sys.exit(1 if failed else 0)
