"""Load a generated master.cfg twice with Buildbot's own loader, in one process (as
`buildbot reconfig` does), and say which schedulers, services and workers of the second
load Buildbot would replace: a service is kept when Buildbot can reconfigure it in place
with a sibling that is equivalent (ComparableMixin over its compare_attrs).

  python3 reload_identity.py MASTER_CFG [EDITED_MASTER_CFG]

With a second file, the second load is of that file (a changed config). Prints JSON:
{"replaced": {"schedulers": [...], "services": [...], "workers": [...]},  (stopped, new one started)
 "changed": {...},  (kept, but reconfigured: not equivalent to the new one)
 "force_parameters": [...]}  (see below)

Buildbot's own ForceScheduler is never equivalent to its sibling: the parameter objects it
makes (CodebaseParameter, FixedParameter) compare by identity. It is reconfigured in place (not replaced)
and subscribes to no changes, so it holds nothing of the previous load; it is listed apart.
"""
import json
import os
import sys

from buildbot.config.master import FileLoader
from buildbot.schedulers.forcesched import BaseParameter, ForceScheduler
from buildbot.util import ComparableMixin
from twisted.python import reflect


def load(path):
    return FileLoader(os.path.dirname(os.path.abspath(path)), os.path.basename(path)).loadConfig()


def by_name(items):
    return dict(items) if isinstance(items, dict) else {s.name: s for s in items}


def differing(a, b):
    attrs = []
    reflect.accumulateClassList(type(a), "compare_attrs", attrs)
    return sorted(n for n in set(attrs) if not ComparableMixin.isEquivalent(getattr(a, n, None), getattr(b, n, None)))


def parameters(value):
    """Whether a value is a force-scheduler parameter, or a list of them."""
    values = value if isinstance(value, (list, tuple)) else [value]
    return bool(values) and all(isinstance(v, BaseParameter) for v in values)


def compare(old, new):
    out = {"replaced": {}, "changed": {}, "force_parameters": []}
    for kind in ("schedulers", "services", "workers"):
        a, b = by_name(getattr(old, kind)), by_name(getattr(new, kind))
        replaced, changed = [], []
        for name in sorted(set(a) | set(b)):
            if name not in a or name not in b or not a[name].canReconfigWithSibling(b[name]):
                replaced.append(name)
            elif not ComparableMixin.isEquivalent(b[name], a[name]):
                if isinstance(a[name], ForceScheduler) and all(parameters(getattr(a[name], n, None)) for n in differing(a[name], b[name])):
                    out["force_parameters"].append(name)
                else:
                    changed.append(name)
        out["replaced"][kind] = replaced
        out["changed"][kind] = changed
    return out


if __name__ == "__main__":
    first = load(sys.argv[1])
    second = load(sys.argv[2] if len(sys.argv) > 2 else sys.argv[1])
    print(json.dumps(compare(first, second)))
