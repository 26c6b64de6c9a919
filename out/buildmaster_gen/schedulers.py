# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/schedulers.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""The SCHEDULERS table as Buildbot schedulers."""
from buildbot.plugins import schedulers, util
from buildbot.util import ComparableMixin


class ImportantFiles(ComparableMixin):
    """A scheduler's fileIsImportant: a change is important when a file it touches is outside
    the ignored paths and suffixes (a change with no files is not). Equal to another with
    the same paths, so a reload with the same data keeps the scheduler (a closure made in
    master.cfg would be new at every load, and Buildbot would replace the scheduler)."""

    compare_attrs = ("prefixes", "suffixes")

    def __init__(self, ignore_paths, ignore_suffixes=()):
        self.prefixes = tuple(ignore_paths)
        self.suffixes = tuple(ignore_suffixes)

    def __call__(self, change):
        return any(not f.lstrip("/\\").startswith(self.prefixes) and not f.endswith(self.suffixes) for f in change.files)


# The name the tests and older configs use.
is_important = ImportantFiles


_FORCE_PARAMETERS = []


def force_parameters():
    """The force scheduler's parameters (nothing to type: a forced build builds the branch's
    tip as its scheduler would). Made once per process: Buildbot compares parameter objects
    by identity, so new ones at each load would make the scheduler differ on every reload."""
    if not _FORCE_PARAMETERS:
        fixed = {key: util.FixedParameter(name=key, default="") for key in ("branch", "revision", "repository", "project")}
        _FORCE_PARAMETERS.extend([
            util.FixedParameter(name="reason", label="reason", default=""),
            [util.CodebaseParameter("", label="CPython repository", **fixed)],
        ])
    return _FORCE_PARAMETERS


def make_scheduler(s, settings, github):
    if s["kind"] == "change":
        important = {}
        if s["ignore_paths"] or s.get("ignore_suffixes"):
            important["fileIsImportant"] = ImportantFiles(s["ignore_paths"], s.get("ignore_suffixes", ()))
            if s.get("only_important", True):
                important["onlyImportant"] = True
        return schedulers.SingleBranchScheduler(
            name=s["name"],
            change_filter=util.ChangeFilter(branch=s["git_branch"]),
            treeStableTimer=s.get("tree_stable_timer", settings["tree_stable_timer"]) * settings["tree_stable_timer_scale"],
            builderNames=s["builders"],
            **important,
        )
    if s["kind"] == "nightly":
        return schedulers.Nightly(
            name=s["name"],
            builderNames=s["builders"],
            branch=s["git_branch"],
            hour=s["hour"],
            minute=s["minute"],
        )
    if github:
        reason, codebases = force_parameters()
        return schedulers.ForceScheduler(name=s["name"], builderNames=s["builders"], reason=reason, codebases=codebases)
    return schedulers.ForceScheduler(name=s["name"], builderNames=s["builders"])
