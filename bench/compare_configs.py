"""Load master.cfg files with Buildbot's own loader: time it, and check that two configs
give Buildbot the same workers, builders (with their steps), locks, schedulers and reporters.

  /usr/bin/python3 bench/compare_configs.py time RUNS FILE...   -> JSON {file: [seconds...]}
  /usr/bin/python3 bench/compare_configs.py same A B            -> exit 0 when equivalent

`time` loads each file RUNS times in this one process after one warm-up load, so it
measures the config itself (Python compiling and running master.cfg, Buildbot checking
the result), not Python start-up or importing Buildbot.
"""
import json
import os
import re
import sys
import time
from contextlib import redirect_stderr

from buildbot.config.master import FileLoader

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test"))
from buildbot_compat import config_arg, force_parameters  # noqa: E402  (3.7 and 4.3 keep arguments differently)


def load(path):
    path = os.path.abspath(path)
    with open(os.devnull, "w") as null, redirect_stderr(null):
        return FileLoader(os.path.dirname(path), os.path.basename(path)).loadConfig()


TRANSFORM_PROBES = ["x86_64-pc-linux-gnu", "aarch64-unknown-linux-gnu", "arm64-apple-darwin", "", "a-b-c-d", 0, None]


def plain(v):
    """A comparable form of a step argument."""
    if isinstance(v, re.Pattern):
        return ("re", v.pattern)
    if type(v).__name__ == "Transform":
        # No equality of its own: equal arguments, and the same results on probe values
        # (two hand-written functions that compute the same thing are the same).
        fn = v._function
        results = []
        for probe in TRANSFORM_PROBES:
            try:
                results.append(repr(fn(*[probe] * len(v._args), **{k: probe for k in v._kwargs})))
            except Exception as e:  # noqa: BLE001 - a failure is a result too
                results.append(type(e).__name__)
        return ("Transform", results, plain(list(v._args)), plain(v._kwargs))
    if callable(v) and hasattr(v, "key") and not hasattr(v, "__code__"):
        # A callable object compared by its data (the package's Downtime): its class and data.
        return ("callable", type(v).__name__, plain(list(v.key)))
    if callable(v) and hasattr(v, "__code__"):
        # A function given to Buildbot (canStartBuild, doStepIf, ...): its code and captured values.
        cells = [plain(c.cell_contents) for c in (v.__closure__ or ())]
        return ("function", v.__qualname__, v.__code__.co_code, plain(v.__defaults__), cells)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in sorted(v.items())}
    return v


def step(s):
    cls = getattr(s, "step_class", None) or s.factory  # 4.3 renamed `factory`
    return (cls.__name__, [plain(a) for a in s.args], plain(s.kwargs))


class FakeChange:
    def __init__(self, files):
        self.files = files


# Files of a change: does the scheduler count it (fileIsImportant)? Prefixes, suffixes, a
# leading slash, a change with no files.
FILE_PROBES = [
    ["Lib/os.py"], ["Doc/index.rst"], ["Misc/NEWS"], ["Demo/x"], ["Doc/a", "Lib/b"], [],
    ["/Doc/x.py"], ["\\Doc\\x.py"], [".github/workflows/build.yml"], [".github/CODEOWNERS"],
    [".devcontainer/devcontainer.json"], ["Lib/test/README"], ["README.rst"], ["pyproject.toml"],
    ["LICENSE.txt"], [".ruff.toml"], ["Lib/.gitignore"], [".gitignore"], ["Misc/NEWS.d/next/x.rst", "Lib/x.py"],
    ["InternalDocs/README.md"], [".azure-pipelines/ci.yml"], ["Tools/msi/README.txt"],
    ["README.md"], ["Lib/test/notes.md"], ["Tools/build/x.yaml"], [".pre-commit-config.yaml"], ["Lib/x.yml"],
    ["Lib/test/test_x/README"], ["Tools/ruff.toml"], ["Lib/x.rst"], ["Lib/x.rst", "Lib/y.md"],
]


def scheduler(s):
    kind = type(s).__name__
    out = {"type": kind, "name": s.name, "builderNames": sorted(s.builderNames)}
    if kind in ("SingleBranchScheduler", "AnyBranchScheduler") or config_arg(s, "change_filter") is not None:
        cf = config_arg(s, "change_filter")
        out["filter"] = repr(cf)
        out["treeStableTimer"] = config_arg(s, "treeStableTimer")
        out["onlyImportant"] = config_arg(s, "onlyImportant")
        fii = config_arg(s, "fileIsImportant")
        out["important"] = [bool(fii(FakeChange(p))) for p in FILE_PROBES] if fii else None
    if hasattr(s, "stable_builder_names"):
        out["stable_builder_names"] = sorted(s.stable_builder_names)
    if kind == "Nightly":
        out.update(branch=config_arg(s, "branch"), hour=config_arg(s, "hour"), minute=config_arg(s, "minute"))
    if kind == "ForceScheduler":
        if hasattr(s, "all_fields"):
            out["fields"] = force_fields(s.all_fields)
        else:  # 4.3 builds the form when the scheduler starts: compare what it is built from
            reason, props, button = force_parameters(s)
            out["fields"] = force_fields([reason] + props) + [button]
    return out


def force_fields(fields):
    """The force form: each parameter's type, name, label, default and nested fields."""
    return [
        (type(p).__name__, p.name, getattr(p, "label", None), plain(getattr(p, "default", None)), force_fields(getattr(p, "fields", None) or []))
        for p in fields
    ]


def service(s):
    """A reporter: its type and which builds it reports (each generator's builders, tags, mode)."""
    gens = [
        (type(g).__name__, sorted(getattr(g, "builders", None) or []), sorted(getattr(g, "tags", None) or []), plain(getattr(g, "mode", None)), plain(getattr(g, "branches", None)))
        # (the generators are set up when the service starts: read what it was given)
        for g in getattr(s, "_config_kwargs", {}).get("generators") or getattr(s, "generators", None) or []
    ]
    return {"type": type(s).__name__, "generators": gens}


def summary(cfg):
    # A worker: what it was configured with (every keyword argument; the password is left
    # out, as without a settings file each load makes a random one).
    workers = {
        w.workername: (w.max_builds, plain(w.properties.asDict()), plain({k: v for k, v in getattr(w, "_config_kwargs", {}).items() if k != "password"}))
        for w in cfg.workers
    }
    builders = {}
    for b in cfg.builders:
        locks = [(type(a.lockid).__name__, a.lockid.name, a.mode, getattr(a.lockid, "maxCount", None), plain(getattr(a.lockid, "maxCountForWorker", None))) for a in b.locks]
        builders[b.name] = {
            "workernames": b.workernames,
            "builddir": b.builddir,
            "workerbuilddir": b.workerbuilddir,
            "tags": b.tags,
            "description": b.description,
            "locks": locks,
            "steps": [step(s) for s in b.factory.steps],
            "canStartBuild": plain(b.canStartBuild),
            "other": plain({k: getattr(b, k, None) for k in ("env", "properties", "defaultProperties", "collapseRequests", "nextWorker", "nextBuild", "priority")}),
        }
    scheds = {s.name: scheduler(s) for s in cfg.schedulers.values()}
    # Reporters by type (and rank among those of its type): Buildbot names one after its
    # generators' builder lists in their order, the generator's (sorted) builder order, not
    # the baseline's; what each reports is compared with its builders sorted.
    services = {}
    for s in cfg.services.values():
        key = type(s).__name__
        n = 1
        while (key if n == 1 else f"{key}#{n}") in services:
            n += 1
        services[key if n == 1 else f"{key}#{n}"] = service(s)
    return {"workers": workers, "builders": builders, "schedulers": scheds, "services": services}


def main():
    cmd = sys.argv[1]
    if cmd == "time":
        runs = int(sys.argv[2])
        files = sys.argv[3:]
        out = {f: [] for f in files}
        for f in files:
            load(f)  # warm-up: imports, caches
        for _ in range(runs):  # interleaved, so that other load on the machine hits all alike
            for f in files:
                t = time.perf_counter()
                load(f)
                out[f].append(time.perf_counter() - t)
        print(json.dumps(out))
        return 0
    if cmd == "same":
        a, b = summary(load(sys.argv[2])), summary(load(sys.argv[3]))
        problems = []
        for part in ("workers", "builders", "schedulers", "services"):
            ka, kb = set(a[part]), set(b[part])
            if ka != kb:
                problems.append(f"{part}: only in first {sorted(ka - kb)[:5]}, only in second {sorted(kb - ka)[:5]}")
            for k in sorted(ka & kb):
                if a[part][k] != b[part][k]:
                    problems.append(f"{part} {k!r} differs:\n  {a[part][k]!r}\n  {b[part][k]!r}")
        for p in problems[:10]:
            print(p, file=sys.stderr)
        print(json.dumps({"same": not problems, "workers": len(a["workers"]), "builders": len(a["builders"]), "schedulers": len(a["schedulers"]), "differences": len(problems)}))
        return 0 if not problems else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
