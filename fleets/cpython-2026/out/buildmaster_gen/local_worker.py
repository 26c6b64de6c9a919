# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/local_worker.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""The local test mode (settings `use_local_worker: true`), for trying a change to this config:
the whole fleet becomes one "Test Builder <branch>" per branch on `local-worker`, a worker
inside the master process (it builds on this machine). Each runs the steps of the first
builder of build kind `local_worker_buildfactory` (a kind of builders.yaml `variants`) on
its branch, and has that builder's schedulers."""

LOCAL_WORKER = "local-worker"


def local_test_fleet(builders, schedulers, kind):
    """(builders, schedulers) of the local test mode, from the fleet's."""
    kinds = list(dict.fromkeys(b["variant"] for b in builders))
    if kind not in kinds:
        raise ValueError(f"settings local_worker_buildfactory: no builder is of kind {kind!r} (kinds: {', '.join(kinds)})")
    renamed, local = {}, []
    for b in builders:
        if b["variant"] != kind or any(t["branch"] == b["branch"] for t in local):
            continue
        renamed[b["name"]] = name = f"Test Builder {b['branch']}"
        tags = [t for t in b["tags"] if t not in ("stable", "unstable") and not t.startswith("tier")]
        builddir = b["builddir"].replace(b["worker"], LOCAL_WORKER, 1) if b["worker"] in b["builddir"] else f"{b['builddir']}.{LOCAL_WORKER}"
        test = dict(b, name=name, worker=LOCAL_WORKER, builddir=builddir, tags=tags[:1] + ["stable"] + tags[1:])
        test.pop("downtime", None)
        local.append(test)
    kept = []
    for s in schedulers:
        members = [renamed[n] for n in s["builders"] if n in renamed]
        # master.cfg builds the pull-request services from the pull-request scheduler: it stays.
        if members or s["kind"] == "pull_request":
            kept.append(dict(s, builders=members, **({"stable_builders": [renamed[n] for n in s["stable_builders"] if n in renamed]} if "stable_builders" in s else {})))
    return local, kept
