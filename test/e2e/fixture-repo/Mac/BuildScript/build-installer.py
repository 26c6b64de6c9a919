"""Fixture stand-in for CPython's Mac/BuildScript/build-installer.py.

Writes a "disk image" under <build-dir>/diskimage/, recording the interpreter
that ran it (sys.executable and the FIXTURE_INTERPRETER marker a wrapper may
set), so the test can check what arrived in the master's upload directory.
"""
import argparse
import json
import os
import sys

VERSION = "@FIXTURE_VERSION@"

parser = argparse.ArgumentParser()
parser.add_argument("--build-dir", required=True)
args, _ = parser.parse_known_args()

image_dir = os.path.join(args.build_dir, "diskimage")
os.makedirs(image_dir, exist_ok=True)
image = os.path.join(image_dir, "python-%s-macosx10.6.dmg" % VERSION)
with open(image, "w") as f:
    json.dump({
        "executable": sys.executable,
        "interpreter": os.environ.get("FIXTURE_INTERPRETER"),
        "argv": sys.argv,
        "cwd": os.getcwd(),
    }, f)
print("fixture: build-installer wrote %s" % os.path.abspath(image))
