"""Load a generated master.cfg with Buildbot's own loader (as `buildbot reconfig` does), drop
the loaded config, and say how much of it reference counting alone frees, with Python's
cycle collector off: what a reconfig replaces should be freed at once. A config that a
reference cycle holds (a function of master.cfg and the namespace it runs in; a configurator
and the dict it configured) waits for the cycle collector instead, which on Python 3.14
(Buildbot 4.3) comes round to it only several reconfigs later: the master's RSS grows by the
config's size at each of them (bench/reconfig-rss.mjs).

  python3 reload_freed.py MASTER_CFG

Prints JSON: {"builders": N, "alive": {"builders": n, "factories": n},
"held_by": [the types holding a builder that is still alive, nearest first]}.
"""
import gc
import json
import os
import sys
import types
import weakref

from buildbot.config.master import FileLoader


def load(path):
    return FileLoader(os.path.dirname(os.path.abspath(path)), os.path.basename(path)).loadConfig()


def holders(obj, depth=6):
    """The types of a chain of referrers of obj (the first one at each step), for the message."""
    out, seen = [], {id(obj)}
    for _ in range(depth):
        refs = [r for r in gc.get_referrers(obj) if id(r) not in seen and not isinstance(r, types.FrameType)]
        if not refs:
            break
        obj = refs[0]
        seen.add(id(obj))
        name = type(obj).__qualname__
        if isinstance(obj, dict):
            name += "(" + ", ".join(repr(k) for k in list(obj)[:4]) + ", ...)"
        out.append(name)
    return out


def main(path):
    load(path)  # the imports and Buildbot's plug-in cache, as on a running master
    gc.collect()
    gc.disable()
    config = load(path)
    builders = [weakref.ref(b) for b in config.builders]
    factories = [weakref.ref(b.factory) for b in config.builders]
    del config
    alive = [r for r in builders if r() is not None]
    result = {
        "builders": len(builders),
        "alive": {"builders": len(alive), "factories": sum(1 for r in factories if r() is not None)},
        "held_by": holders(alive[0]()) if alive else [],
    }
    gc.enable()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
