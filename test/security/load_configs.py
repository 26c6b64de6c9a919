"""Load generated master.cfg texts as the Buildbot master does (exec with real buildbot),
and report whether any of them ran code of its own.

stdin: JSON list of cases {"id", "text", "expect"} (as readback.py). Run in a scratch
directory with `pwnmod` importable: a payload that works imports it or creates `pwned`.
stdout: JSON {"loaded", "failures", "imported", "created"}.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from readback import resolved, walk  # noqa: E402


def main():
    cases = json.load(sys.stdin)
    failures, loaded = [], 0
    for case in cases:
        # What buildbot.config.master.FileLoader gives the config file.
        ns = {"basedir": os.getcwd(), "__file__": os.path.abspath("master.cfg")}
        try:
            exec(compile(case["text"], "master.cfg", "exec"), ns)
            if not isinstance(ns.get("BuildmasterConfig"), dict):
                raise ValueError("no BuildmasterConfig")
            for table, path, want in case["expect"]:
                got = walk(resolved(ns)[table], path)
                if got != want:
                    raise ValueError(f"{table}{path}: got {ascii(got)}, want {ascii(want)}")
            loaded += 1
        except Exception as e:
            failures.append({"id": case["id"], "why": f"{type(e).__name__}: {e}"})
    print(json.dumps({
        "loaded": loaded,
        "failures": failures,
        "imported": sorted(m for m in sys.modules if m.startswith("pwn")),
        # What a payload could have written here (the package master.cfg imports is ours).
        "created": sorted(f for f in os.listdir(".") if f != "buildmaster_gen"),
    }, ensure_ascii=True))


if __name__ == "__main__":
    main()
