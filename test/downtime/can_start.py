"""Load a generated master.cfg with Buildbot's own loader and ask each named builder's
canStartBuild whether a build may start at fixed times.

    python3 can_start.py MASTER_CFG CASES_JSON

CASES_JSON: [{"builder": NAME, "now": "2026-08-05T07:30", "tz": true}, ...]; "tz": the
time is in the window's own zone (what clock_now gets), else naive (the master's clock).
Prints JSON: per case {"allowed": bool, "quarantine": seconds or null, "zone": str or null}.
The clock is the one thing replaced: master.cfg's clock_now, read by canStartBuild at
each call. The worker is a real Buildbot Worker on a fake reactor clock.
"""
import json
import os
import sys
import tempfile
from contextlib import redirect_stdout
from datetime import datetime

from buildbot.config.master import FileLoader
from buildbot.worker import Worker
from twisted.internet import task


def worker(name):
    clock = task.Clock()
    w = Worker(name, "pw")

    class Botmaster:
        def maybeStartBuildsForWorker(self, name):
            pass

    class Parent:  # what Worker.master (and .botmaster) read
        master = type("Master", (), {"reactor": clock, "botmaster": Botmaster()})()

    w.parent = Parent()
    return w


def main(path, cases_path):
    os.environ["PYBUILDBOT_SETTINGS_PATH"] = os.path.join(tempfile.mkdtemp(), "absent.yaml")
    with open(cases_path) as f:
        cases = json.load(f)
    with redirect_stdout(sys.stderr):
        cfg = FileLoader(os.path.dirname(path), os.path.basename(path)).loadConfig()
    builders = {b.name: b for b in cfg.builders}
    out = []
    for case in cases:
        b = builders[case["builder"]]
        fn = b.canStartBuild
        seen = []

        def fixed(tz, at=datetime.fromisoformat(case["now"]), seen=seen):
            seen.append(tz)
            return at.replace(tzinfo=tz)

        # The window's clock: a function of the generated package's downtime module
        # (buildmaster_gen/downtime.py), which the Downtime object calls.
        sys.modules[type(fn).__module__].clock_now = fixed
        w = worker(b.workernames[0])

        class WFB:
            pass

        WFB.worker = w
        allowed = fn(b, WFB(), None)
        timer = w.quarantine_timer
        out.append({"allowed": allowed, "quarantine": timer.getTime() if timer else None, "zone": str(seen[0]) if seen and seen[0] else None})
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]), sys.argv[2])
