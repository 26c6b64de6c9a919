"""Load a generated master.cfg twice with Buildbot's own loader, in one process (as
`buildbot reconfig` does), and say which schedulers, services and workers of the second
load Buildbot would replace: a service is kept when Buildbot can reconfigure it in place
with a sibling that is equivalent (ComparableMixin over its compare_attrs).

  python3 reload_identity.py MASTER_CFG [EDITED_MASTER_CFG]

With a second file, the second load is of that file (a changed config). Prints JSON:
{"replaced": {"schedulers": [...], "services": [...], "workers": [...]},
 "reconfigured": {...: names equal-but-not-identical? no: names whose config differs}}
"""
import json
import os
import sys

from buildbot.config.master import FileLoader
from buildbot.util import ComparableMixin


def load(path):
    return FileLoader(os.path.dirname(os.path.abspath(path)), os.path.basename(path)).loadConfig()


def by_name(items):
    return dict(items) if isinstance(items, dict) else {s.name: s for s in items}


def compare(old, new):
    out = {"replaced": {}, "changed": {}}
    for kind in ("schedulers", "services", "workers"):
        a, b = by_name(getattr(old, kind)), by_name(getattr(new, kind))
        replaced, changed = [], []
        for name in sorted(set(a) | set(b)):
            if name not in a or name not in b or not a[name].canReconfigWithSibling(b[name]):
                replaced.append(name)
            elif not ComparableMixin.isEquivalent(b[name], a[name]):
                changed.append(name)
        out["replaced"][kind] = replaced
        out["changed"][kind] = changed
    return out


if __name__ == "__main__":
    first = load(sys.argv[1])
    second = load(sys.argv[2] if len(sys.argv) > 2 else sys.argv[1])
    print(json.dumps(compare(first, second)))
