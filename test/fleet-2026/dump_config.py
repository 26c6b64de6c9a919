"""Load a master.cfg with Buildbot's own loader and print, as JSON, what Buildbot got.

  /usr/bin/python3 test/fleet-2026/dump_config.py MASTER_CFG [--settings FILE | --no-settings] [--probes FILE]

--settings FILE   sets PYBUILDBOT_SETTINGS_PATH=FILE before loading;
--no-settings     points PYBUILDBOT_SETTINGS_PATH at a file that does not exist;
                  (with neither, the environment is left as it is)
--probes FILE     JSON {"files": [[path, ...], ...], "changes": [{"branch": ..., "properties": {...}}, ...]}:
                  every scheduler reports what its fileIsImportant says of each file list
                  ("important") and what its change filter says of each change ("accepts").

Generic: it reads only the objects Buildbot builds (works on the 2017 and the 2026 config,
and on Buildbot 3.7 and 4.x), never the generator's code. Secrets are not printed: only
whether a password, token or hook secret is set.
Output: {"workers", "builders", "schedulers", "globals"}; see the functions below.
"""
import datetime
import json
import os
import re
import sys
import tempfile
from contextlib import redirect_stdout

from buildbot.config.master import FileLoader
from buildbot.process.results import Results

# What differs between Buildbot 3.7 and 4.3 (scheduler arguments, the db config).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from buildbot_compat import config_arg as cfg_kwarg, db_url, force_parameters  # noqa: E402

# Resolved on every step (after the step is built from its factory), when the step has it.
STEP_ATTRS = [
    "name", "command", "env", "workdir", "timeout", "maxTime", "sigtermTime", "usePTY",
    "decodeRC", "description", "descriptionDone", "haltOnFailure", "flunkOnFailure",
    "warnOnFailure", "warnOnWarnings", "flunkOnWarnings", "alwaysRun", "doStepIf",
    "hideStepIf", "logfiles", "warningPattern",
    # source steps
    "repourl", "branch", "mode", "method", "filters", "clobberOnFailure", "shallow",
    "retryFetch", "submodules",
    # transfers and properties
    "workersrc", "masterdest", "property",
]

FLAGS = {"haltOnFailure", "flunkOnFailure", "warnOnFailure", "warnOnWarnings", "flunkOnWarnings",
         "alwaysRun", "clobberOnFailure", "usePTY"}


def fn_name(f):
    return getattr(f, "__qualname__", None) or getattr(f, "__name__", None) or type(f).__name__


# Build properties that renderables are rendered with, so that a test can check what a
# renderable gives (e.g. the Android host triple) whatever its kind.
PROBE_PROPERTIES = {
    "build_triple": "aarch64-unknown-linux-gnu",
    "config_site": "Tools/wasm/config.site-wasm32-wasi",
    "builddir": "/probe/builddir",
    "buildername": "PROBE",
    "buildnumber": 7,
}


def probe_properties(extra=None):
    from buildbot.process.properties import Properties
    props = Properties()
    for k, v in {**PROBE_PROPERTIES, **(extra or {})}.items():
        props.setProperty(k, v, "probe")
    return props


def settle(d):
    """The result of a Deferred that has already fired (rendering here never waits)."""
    from twisted.internet import defer
    if not isinstance(d, defer.Deferred):
        return d
    out = []
    d.addBoth(out.append)
    if not out:
        return {"error": "deferred did not fire"}
    if hasattr(out[0], "getErrorMessage"):
        return {"error": out[0].getErrorMessage()}
    return out[0]


def rendered(v):
    return plain(settle(probe_properties().render(v)))


class FakeStep:
    """What doStepIf is called with: a step whose build has the given properties."""

    def __init__(self, props):
        self.props = props
        self.build = self

    def getProperties(self):
        return self.props

    def getProperty(self, name, default=None):
        return self.props.getProperty(name, default)

    def render(self, value):
        return self.props.render(value)


def do_step_if(v):
    """What a step's doStepIf decides for a few values of want_xml_upload (as Buildbot runs it:
    render it, then call it with the step unless it is a bool)."""
    out = {}
    for label, extra in (("want_xml_upload=True", {"want_xml_upload": True}),
                         ("want_xml_upload=False", {"want_xml_upload": False}),
                         ("want_xml_upload absent", {})):
        props = probe_properties(extra)
        r = settle(props.render(v))
        if not isinstance(r, bool) and callable(r):
            r = settle(r(FakeStep(props)))
        out[label] = bool(r) if not isinstance(r, dict) else r
    return out


def plain(v):
    """A JSON form of a value, with renderables spelled out (and rendered with PROBE_PROPERTIES)."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, re.Pattern):
        return {"regex": v.pattern}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted((plain(x) for x in v), key=json.dumps)
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, datetime.timedelta):
        return {"timedelta_seconds": v.total_seconds()}
    cls = type(v).__name__
    if cls == "Interpolate":
        out = {"interpolate": v.fmtstring}
        if v.args:
            out["args"] = plain(v.args)
        if v.kwargs:
            out["kwargs"] = plain(v.kwargs)
    elif cls == "Property":
        out = {"property": v.key, "default": plain(v.default)}
    elif cls == "Transform":
        out = {"transform": fn_name(v._function), "args": plain(v._args), "kwargs": plain(v._kwargs)}
    elif cls == "_Renderer":
        out = {"renderer": fn_name(v.fn)}
    elif cls == "WithProperties":
        out = {"withproperties": v.fmtstring}
    elif callable(v) and not hasattr(v, "getRenderingFor"):
        return {"callable": fn_name(v)}
    elif hasattr(v, "getRenderingFor"):
        out = {"renderable": cls}
    else:
        return {"object": cls}
    out["rendered"] = rendered(v)
    return out


def step_class(factory):
    cls = getattr(factory, "step_class", None) or getattr(factory, "factory")
    return cls


def step(factory):
    cls = step_class(factory)
    out = {
        "class": cls.__name__,
        "mro": [c.__module__ + "." + c.__name__ for c in cls.__mro__ if c is not object],
        "args": plain(list(factory.args)),
        "kwargs": plain(dict(factory.kwargs)),
    }
    s = factory.buildStep()
    attrs = {}
    for a in STEP_ATTRS:
        if hasattr(s, a):
            v = getattr(s, a)
            if a == "decodeRC" and isinstance(v, dict):
                v = {str(k): Results[r] if isinstance(r, int) and 0 <= r < len(Results) else r for k, r in v.items()}
            if a in FLAGS and isinstance(v, int):
                v = bool(v)  # Buildbot's own classes say 1 where we say True
            attrs[a] = plain(v)
    if not isinstance(getattr(s, "doStepIf", True), bool):
        attrs["doStepIf_probe"] = do_step_if(s.doStepIf)
    out["attrs"] = attrs
    return out


def worker(w):
    password = getattr(w, "password", None)
    return {
        "name": w.workername,
        "class": type(w).__name__,
        "max_builds": w.max_builds,
        "keepalive_interval": cfg_kwarg(w, "keepalive_interval", getattr(w, "DEFAULT_KEEPALIVE_INTERVAL", None)),
        "notify_on_missing": plain(w.notify_on_missing),
        "missing_timeout": w.missing_timeout,
        "properties": plain({k: v for k, (v, _src) in w.properties.asDict().items()}),
        "password_set": password is not None and password != "",
        # The keyword arguments the config passed (BuildbotService keeps them), secrets left out.
        "passed_kwargs": sorted(getattr(w, "_config_kwargs", None) or {}),
    }


def builder(b):
    return {
        "name": b.name,
        "workernames": list(b.workernames),
        "builddir": b.builddir,
        "workerbuilddir": b.workerbuilddir,
        "tags": list(b.tags or []),
        "canStartBuild": b.canStartBuild is not None,
        "locks": [type(a.lockid).__name__ + ":" + a.lockid.name for a in (b.locks or [])],
        "env": plain(b.env),
        "properties": plain(b.properties),
        "collapseRequests": plain(b.collapseRequests),
        "steps": [step(f) for f in b.factory.steps],
    }


class FakeChange:
    def __init__(self, files=(), branch=None, properties=None, **other):
        from buildbot.process.properties import Properties
        self.files = list(files)
        self.branch = branch
        self.project = other.get("project", "")
        self.repository = other.get("repository", "")
        self.category = other.get("category")
        self.codebase = other.get("codebase", "")
        self.properties = Properties()
        for k, v in (properties or {}).items():
            self.properties.setProperty(k, v, "Change")
        self.comments = ""


def parameter(p):
    out = {"class": type(p).__name__, "name": p.name, "label": plain(getattr(p, "label", None)),
           "default": plain(getattr(p, "default", None))}
    if hasattr(p, "codebase"):
        out["codebase"] = p.codebase
    fields = getattr(p, "fields", None)
    if fields:
        out["fields"] = [parameter(f) for f in fields]
    return out


def change_filter(cf):
    if cf is None:
        return None
    out = {"repr": repr(cf), "filter_fn": cf.filter_fn is not None, "filters": []}
    for f in getattr(cf, "filters", []):
        values = getattr(f, "values", None) or getattr(f, "regexes", None)
        out["filters"].append({"prop": f.prop, "kind": type(f).__name__, "values": plain(values)})
    return out


def scheduler(s, probes):
    cls = type(s)
    out = {
        "name": s.name,
        "class": cls.__name__,
        "mro": [c.__name__ for c in cls.__mro__ if c is not object],
        "builderNames": list(cfg_kwarg(s, "builderNames") or []),
    }
    for a in ("treeStableTimer", "onlyImportant", "hour", "minute", "dayOfWeek", "branch"):
        v = cfg_kwarg(s, a, "<absent>")
        if v != "<absent>":
            out[a] = plain(v)
    stable = cfg_kwarg(s, "stable_builder_names", None)
    if stable is not None:
        out["stable_builder_names"] = sorted(stable)
    fii = cfg_kwarg(s, "fileIsImportant")
    out["fileIsImportant"] = callable(fii)
    cf = cfg_kwarg(s, "change_filter")
    out["change_filter"] = change_filter(cf)
    if probes.get("files") and callable(fii):
        out["important"] = [bool(fii(FakeChange(files=f))) for f in probes["files"]]
    if probes.get("changes") and cf is not None:
        out["accepts"] = [bool(cf.filter_change(FakeChange(**c))) for c in probes["changes"]]
    if cls.__name__ == "ForceScheduler" or hasattr(s, "forcedProperties"):
        reason, forced, button = force_parameters(s)
        out["reason"] = parameter(reason) if reason is not None else None
        # Buildbot keeps the CodebaseParameters (and any extra properties) here.
        out["forcedProperties"] = [parameter(p) for p in forced]
        out["buttonName"] = plain(button)
    return out


def generator(g):
    out = {"class": type(g).__name__}
    for a in ("builders", "mode", "workers", "tags"):
        if hasattr(g, a):
            out[a] = plain(getattr(g, a))
    return out


def service(svc):
    cls = type(svc)
    out = {"class": cls.__name__, "name": getattr(svc, "name", None),
           "mro": [c.__name__ for c in cls.__mro__ if c is not object]}
    gens = cfg_kwarg(svc, "generators")
    if gens:
        out["generators"] = [generator(g) for g in gens]
    return out


def www(w):
    out = {}
    for k, v in (w or {}).items():
        if k == "change_hook_dialects":
            out[k] = {name: {opt: (fn_name(val) if callable(val)
                                   else bool(val) if opt in ("secret", "token") else plain(val))
                             for opt, val in d.items()} for name, d in v.items()}
        elif k in ("auth", "authz"):
            out[k] = type(v).__name__
        elif k == "avatar_methods":
            out[k] = [type(a).__name__ for a in (v if isinstance(v, list) else [v])]
        elif k == "plugins":
            out[k] = sorted(v)
        else:
            out[k] = plain(v)
    return out


def configurator(c):
    out = {"class": type(c).__name__}
    for a in ("logHorizon", "build_data_horizon", "hour", "kwargs"):
        if hasattr(c, a):
            out[a] = plain(getattr(c, a))
    return out


# What the config file itself gave, before Buildbot ran its configurators (which add their
# own workers, builders and schedulers, e.g. the janitor's), recorded by wrapping
# MasterConfig.run_configurators.
RECORDED = {}


def record_configurators():
    from buildbot.config.master import MasterConfig
    original = getattr(MasterConfig, "run_configurators", None)
    if original is None:
        return

    def names(config_dict):
        return {key: [getattr(x, "workername", None) or getattr(x, "name", None)
                      or (x.get("name") if isinstance(x, dict) else None)
                      for x in config_dict.get(key, [])]
                for key in ("workers", "builders", "schedulers")}

    def run_configurators(self, filename, config_dict):
        before = names(config_dict)
        RECORDED["configurators"] = [configurator(c) for c in config_dict.get("configurators", [])]
        original(self, filename, config_dict)
        after = names(config_dict)
        RECORDED["added"] = {k: [n for n in after[k] if n not in before[k]] for k in after}

    MasterConfig.run_configurators = run_configurators


def items(x):
    """Buildbot keeps some tables as dicts by name, others as lists."""
    return list(x.values()) if isinstance(x, dict) else list(x or [])


def summary(cfg, probes):
    return {
        "workers": [worker(w) for w in cfg.workers],
        "builders": [builder(b) for b in cfg.builders],
        "schedulers": [scheduler(s, probes) for s in items(cfg.schedulers)],
        "globals": {
            "title": cfg.title,
            "titleURL": cfg.titleURL,
            "buildbotURL": cfg.buildbotURL,
            "db_url": db_url(cfg),
            "protocols": plain(cfg.protocols),
            "buildbotNetUsageData": plain(cfg.buildbotNetUsageData),
            "change_sources": [type(c).__name__ for c in items(cfg.change_sources)],
            "www": www(cfg.www),
            "services": [service(s) for s in items(cfg.services)],
            "caches": plain(cfg.caches),
            "configurators": RECORDED.get("configurators", []),
            "added_by_configurators": RECORDED.get("added", {}),
            "collapseRequests": plain(cfg.collapseRequests),
            "prioritizeBuilders": plain(cfg.prioritizeBuilders),
        },
    }


def main(argv):
    args = list(argv)
    if not args or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    path = os.path.abspath(args.pop(0))
    probes = {}
    while args:
        opt = args.pop(0)
        if opt == "--settings":
            os.environ["PYBUILDBOT_SETTINGS_PATH"] = os.path.abspath(args.pop(0))
        elif opt == "--no-settings":
            os.environ["PYBUILDBOT_SETTINGS_PATH"] = os.path.join(tempfile.mkdtemp(), "absent.yaml")
        elif opt == "--probes":
            with open(args.pop(0)) as f:
                probes = json.load(f)
        else:
            print(f"unknown option {opt}\n{__doc__}", file=sys.stderr)
            return 2
    # master.cfg may print warnings; keep stdout for the JSON alone.
    record_configurators()
    with redirect_stdout(sys.stderr):
        cfg = FileLoader(os.path.dirname(path), os.path.basename(path)).loadConfig()
        out = summary(cfg, probes)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
