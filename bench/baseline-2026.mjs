// The hand-written baseline for the 2026 fleet: the master.cfg a person would write, in
// the style of python/buildmaster-config in 2026 (master/master.cfg, custom/builders.py,
// custom/factories.py). The fleet is compact Python data — workers as keyword calls,
// builder definitions as tuples (name, worker, FactoryClass, tier, stable[, branches]) —
// and the build kinds are factory classes written by hand in Python
// (bench/baseline-2026-factories.py): one util.BuildFactory per builder, made by Python
// code at load time, as production does. bench/compare_configs.py checks that it gives
// Buildbot the same workers, builders (with their steps), locks and schedulers as the
// generated fleets/cpython-2026/out/master.cfg; bench/run.mjs times both.
//
// The parts that do not depend on the fleet (settings, the step classes, downtime windows,
// web UI, pull-request machinery, services) are the same code as in the generated file
// (templates/*.hbs), so only the fleet's representation differs.
import { readFileSync } from 'node:fs';

import { py, template } from './baseline.mjs';

const FACTORIES = new URL('./baseline-2026-factories.py', import.meta.url);

/** The text of `text` from the line starting with `from` up to (not including) the line starting with `to`. */
function slice(text, from, to) {
  const lines = text.split('\n');
  const a = lines.findIndex((l) => l.startsWith(from));
  const b = to === undefined ? lines.length : lines.findIndex((l, i) => i > a && l.startsWith(to));
  if (a < 0 || b < 0) throw new Error(`baseline-2026: template part ${JSON.stringify(from)}..${JSON.stringify(to)} not found`);
  return lines.slice(a, b).join('\n').trimEnd();
}

/** A branch rule as production writes it: only_since(3, N), only_until(3, N) or a set of names. */
function branchSet(rule) {
  if (!rule) return undefined;
  const parts = [];
  const version = (v) => v.split('.').map(Number).join(', ');
  if (rule.since !== undefined) parts.push(`only_since(${version(rule.since)})`);
  if (rule.until !== undefined) parts.push(`only_until(${version(rule.until)})`);
  if (rule.only) parts.push(`{${rule.only.map(py).join(', ')}}`);
  let set = parts.length ? parts.join(' & ') : 'ALL_BRANCHES';
  if (rule.except?.length) set = `(${set}) - {${rule.except.map(py).join(', ')}}`;
  return set;
}

// The build kinds of builders.yaml and the factory class (in bench/baseline-2026-factories.py)
// production uses for each; a few classes depend on the worker's distribution.
const rhel8 = (w) => /rhel8/i.test(w);
const CLASSES = {
  debug: 'UnixBuild',
  'trace-refs': 'UnixTraceRefsBuild',
  shared: 'SharedUnixBuild',
  'slow-debug': 'SlowDebugUnixBuild',
  refleak: 'UnixRefleakBuild',
  bigmem: 'UnixBigmemBuild',
  oddballs: 'UnixOddballsBuild',
  nogil: 'UnixNoGilBuild',
  'slow-nogil': 'SlowUnixNoGilBuild',
  'nogil-refleak': 'UnixNoGilRefleakBuild',
  perf: 'UnixPerfBuild',
  nondebug: 'NonDebugUnixBuild',
  'slow-nondebug': 'SlowNonDebugUnixBuild',
  'slow-nondebug-15bit': 'SlowNonDebugUnixBuild15BitDigits',
  lto: 'LTONonDebugUnixBuild',
  'lto-pgo': 'LTOPGONonDebugBuild',
  clang: 'ClangUnixBuild',
  'slow-clang': 'SlowClangUnixBuild',
  'clang-ubsan': 'ClangUbsanLinuxBuild',
  'clang-ubsan-function': 'ClangUbsanFunctionLinuxBuild',
  asan: 'UnixAsanBuild',
  'asan-debug': 'UnixAsanDebugBuild',
  'asan-nogil': 'UnixAsanNoGilBuild',
  'macos-brew': 'MacOSArmWithBrewBuild',
  'macos-brew-nogil': 'MacOSArmWithBrewNoGilBuild',
  'macos-brew-nogil-refleak': 'MacOSArmWithBrewNoGilRefleakBuild',
  'macos-asan-nogil': 'MacOSAsanNoGilBuild',
  rhel: (w) => (rhel8(w) ? 'RHEL8Build' : 'CentOS9Build'),
  fedora: (w) => (/rawhide/.test(w) ? 'FedoraRawhideBuild' : /CentOS10|c10s/.test(w) ? 'CentOS10Build' : 'FedoraStableBuild'),
  'fedora-nogil': 'FedoraRawhideFreedthreadingBuild',
  'no-builtin-hashes-except-blake2': (w) => (rhel8(w) ? 'RHEL8NoBuiltinHashesUnixBuildExceptBlake2' : 'CentOS9NoBuiltinHashesUnixBuildExceptBlake2'),
  'no-builtin-hashes': (w) => (rhel8(w) ? 'RHEL8NoBuiltinHashesUnixBuild' : 'CentOS9NoBuiltinHashesUnixBuild'),
  valgrind: 'ValgrindBuild',
  installed: 'UnixInstalledBuild',
  'slow-installed': 'SlowUnixInstalledBuild',
  'clang-installed': 'ClangUnixInstalledBuild',
  'windows-x64': 'Windows64Build',
  'windows-x64-clang': 'Windows64ClangBuild',
  'windows-x64-refleak': 'Windows64RefleakBuild',
  'windows-x64-nondebug': 'Windows64ReleaseBuild',
  'windows-x64-nogil': 'Windows64NoGilBuild',
  'windows-x64-pgo': 'Windows64PGOBuild',
  'windows-x64-pgo-tailcall': 'Windows64PGOTailcallBuild',
  'windows-x64-pgo-nogil': 'Windows64PGONoGilBuild',
  'windows-x64-pgo-nogil-tailcall': 'Windows64PGONoGilTailcallBuild',
  'windows-arm64': 'WindowsARM64Build',
  'windows-arm64-nondebug': 'WindowsARM64ReleaseBuild',
  'wasi-cross': 'Wasm32WasiCrossBuild',
  'wasi-debug': 'Wasm32WasiPreview1DebugBuild',
  'ios-simulator-arm64': 'IOSARM64SimulatorBuild',
  android: 'AndroidBuild',
  emscripten: 'EmscriptenBuild',
};

function factoryClass(d) {
  const c = CLASSES[d.variant];
  if (!c) throw new Error(`baseline-2026: no hand-written factory class for build kind ${JSON.stringify(d.variant)} (${d.name})`);
  return typeof c === 'function' ? c(d.worker) : c;
}

/** master.cfg text for the 2026 fleet (a validated Fleet from dist/pipeline.js loadFleet). */
export function baseline2026Config(fleet) {
  const settings = template('settings.hbs');
  const factory = template('factory.hbs');
  const main = template('master.cfg.hbs');
  const { test_warning_patterns: patterns, source, ...master } = fleet.master;

  const branches = fleet.branches.map((b) => {
    const version = b.version ? `(${b.version.split('.').map(Number).join(', ')})` : 'None';
    const features = [];
    if (b.features.includes('gil-only')) features.push('gil_only=True');
    if (b.features.includes('monolithic-test-asyncio')) features.push('monolithic_test_asyncio=True');
    return `    Branch(${py(b.name)}, ${py(b.git_branch ?? null)}, ${version}, ${py(b.dir)}, ${py(b.tag)}${features.map((f) => `, ${f}`).join('')}),`;
  });
  const workers = fleet.workers.map((w) => {
    const kw = [];
    if (w.parallel) kw.push(`parallel_tests=${w.parallel}`);
    if (w.max_builds !== 1) kw.push(`parallel_builders=${w.max_builds}`);
    if (w.timeout_factor !== 1) kw.push(`timeout_factor=${w.timeout_factor}`);
    if (w.branches) kw.push(`branches=${branchSet(w.branches)}`);
    if (w.exclude_test_resources.length) kw.push(`exclude_test_resources=${py(w.exclude_test_resources)}`);
    if (w.downtime) {
      const { start, end, weekday, timezone } = w.downtime;
      kw.push(`downtime=downtime(${[py(start), py(end), weekday && `weekday=${py(weekday)}`, timezone && timezone !== 'local' && `timezone=${py(timezone)}`].filter(Boolean).join(', ')})`);
    }
    if (w.git) kw.push(`git_options=${py(w.git)}`);
    if (w.owner !== w.name.split('-')[0]) kw.push(`owner=${py(w.owner)}`);
    return `    cpw(${[py(w.name), ...kw].join(', ')}),`;
  });
  const defs = fleet.builders.map((d) => {
    if (d.suffix || d.configure_extra.length || d.test_extra.length || d.test_timeout !== undefined || d.tags.length || !d.branch_tag || d.name_format !== '{name} {branch}' || d.dir_format !== '{dir}.{worker}{suffix}') {
      throw new Error(`baseline-2026: builder ${d.name} uses per-definition options the hand-written config has no place for`);
    }
    const limit = branchSet(d.branches);
    return `    (${py(d.name)}, ${py(d.worker)}, ${factoryClass(d)}, ${py(d.tier ?? null)}, ${d.stability === 'stable' ? 'STABLE' : 'UNSTABLE'}${limit ? `, ${limit}` : ''}),`;
  });
  const push = fleet.schedulers.push;
  const refleak = fleet.schedulers.refleak;
  const pr = Object.values(fleet.schedulers).find((s) => s.on === 'pull_request');
  if (!push || !refleak || !pr) throw new Error('baseline-2026: expected the push, refleak and pull-request schedulers of the 2026 fleet');
  const tail = slice(main, 'c["change_source"] = []', '{{else}}')
    .split('\n')
    .filter((l) => !/^\{\{[#/]if/.test(l))
    .join('\n');

  return `# -*- python -*-
# vim: set ft=python:
#
# A hand-written style master.cfg for the 2026 fleet (bench/baseline-2026.mjs): the fleet
# as compact Python tables, and factory classes that build each builder's steps.

import os
import re
import secrets
import sys
from datetime import datetime, timedelta

import yaml

from buildbot.plugins import changes, reporters, schedulers, steps, util, worker

${settings}

# Fleet-wide options (web UI policy, caches, janitor, ...).
MASTER = ${py(master)}

TEST_TIMEOUT = ${fleet.defaults.test_timeout}
TEST_RESULTS_DEST = ${py(master.test_results_dest ?? '/data/www/buildbot/test-results/{branch}')}
JUNIT_FILENAME = "test-results.xml"
TEST_WARNING_PATTERNS = ${py(patterns)}
TEST_WARNINGS = re.compile(".*(?:" + "|".join(TEST_WARNING_PATTERNS) + ")")

${slice(factory, "# Today's step classes", 'STEP_CLASSES = {')}

${template('downtime.hbs').trimEnd()}

${template('www.hbs').trimEnd()}

# Secrets the GitHub services need: unset ones become random (unguessable) strings, so
# nothing is sent with a known value. (Without its secret the change hook is not mounted.)
for key in ("github_status_token", "discord_webhook"):
    if not SETTINGS[key]:
        SETTINGS[key] = secrets.token_hex(20)

${template('pr-testing.hbs').trimEnd()}

# ---------------------------------------------------------------------------
# Branches (custom/branches.py)
# ---------------------------------------------------------------------------


class Branch:
    def __init__(self, name, git_branch, version, builddir, tag, gil_only=False, monolithic_test_asyncio=False):
        self.name = name
        self.git_branch = git_branch
        self.version = version
        self.builddir = builddir
        self.tag = tag
        self.gil_only = gil_only
        self.monolithic_test_asyncio = monolithic_test_asyncio

    @property
    def is_pr(self):
        return self.git_branch is None

    @property
    def version_string(self):
        return "%d.%d" % self.version if self.version else None


BRANCHES = [
${branches.join('\n')}
]
ALL_BRANCHES = frozenset(b.name for b in BRANCHES)


def only_since(major, minor):
    """Branches of version major.minor and later, and pull requests."""
    return frozenset(b.name for b in BRANCHES if b.version is None or b.version >= (major, minor))


def only_until(major, minor):
    """Branches of version major.minor and earlier (not pull requests)."""
    return frozenset(b.name for b in BRANCHES if b.version is not None and b.version <= (major, minor))


${readFileSync(FACTORIES, 'utf8').trimEnd()}


# ---------------------------------------------------------------------------
# Workers (custom/workers.py)
# ---------------------------------------------------------------------------


class cpw:
    """A worker of the fleet and how its builders use it."""

    def __init__(self, name, parallel_tests=None, parallel_builders=1, timeout_factor=1, branches=None, exclude_test_resources=(), downtime=None, git_options=None, owner=None):
        self.name = name
        self.owner = owner or name.split("-")[0]
        self.parallel_tests = parallel_tests
        self.parallel_builders = parallel_builders
        self.timeout_factor = timeout_factor
        self.branches = branches
        self.exclude_test_resources = list(exclude_test_resources)
        self.downtime = downtime
        self.git_options = git_options or {}

    def password(self):
        for section, key in (("workers", self.name), ("owners", self.owner)):
            entry = SETTINGS[section].get(key) or {}
            if entry.get("password"):
                return str(entry["password"])
        return None

    def bb_worker(self):
        owner_email = (SETTINGS["owners"].get(self.owner) or {}).get("email")
        extra = {}
        if SETTINGS["worker_missing_timeout"] is not None:
            extra["missing_timeout"] = int(SETTINGS["worker_missing_timeout"])
        return worker.Worker(
            self.name,
            self.password() or secrets.token_hex(32),
            max_builds=self.parallel_builders,
            notify_on_missing=list(dict.fromkeys(str(a) for a in (owner_email, SETTINGS["status_email"]) if a)),
            keepalive_interval=MASTER["keepalive_interval"],
            **extra,
        )


WORKERS = [
${workers.join('\n')}
]
WORKERS_BY_NAME = {w.name: w for w in WORKERS}

# ---------------------------------------------------------------------------
# Builders (custom/builders.py): (name, worker, factory, tier, stable[, branches])
# ---------------------------------------------------------------------------

STABLE = True
UNSTABLE = False

BUILDERS = [
${defs.join('\n')}
]


def is_important(prefixes, suffixes):
    """A change counts when one of its files is outside the ignored paths and suffixes."""
    prefixes, suffixes = tuple(prefixes), tuple(suffixes)

    def is_important_change(change):
        return any(not f.lstrip("/\\\\").startswith(prefixes) and not f.endswith(suffixes) for f in change.files)

    return is_important_change


def source_step(branch, w):
    kwargs = {"repourl": SETTINGS["git_url"], "timeout": 3600, "mode": "full", "method": "fresh", "filters": ["blob:none"], "clobberOnFailure": True}
    if branch.git_branch is not None:
        kwargs["branch"] = branch.git_branch
    kwargs.update(w.git_options)
    return GitHub(name="git", **kwargs)


# ---------------------------------------------------------------------------
# The configuration Buildbot reads (master.cfg)
# ---------------------------------------------------------------------------

c = BuildmasterConfig = {}

c["title"] = "Python"
c["titleURL"] = "https://www.python.org/"
c["buildbotURL"] = SETTINGS["buildbot_url"]
c["buildbotNetUsageData"] = None
c["db"] = {"db_url": SETTINGS["db_url"]}
c["protocols"] = {"pb": {"port": endpoint(SETTINGS["worker_port"])}}

MISSING_PASSWORDS = [w.name for w in WORKERS if w.password() is None]
if MISSING_PASSWORDS:
    warn(f"no password in the settings for {len(MISSING_PASSWORDS)} worker(s), which cannot log in: {', '.join(MISSING_PASSWORDS)}")
c["workers"] = [w.bb_worker() for w in WORKERS]

c["builders"] = []
c["schedulers"] = []
PR_BUILDERS = []
PR_REFLEAK_BUILDERS = []
STABLE_PR_BUILDERS = []
STABLE_BUILDERS = []
important = is_important(${py(push.ignore_paths)}, ${py(push.ignore_suffixes ?? [])})

for branch in BRANCHES:
    names, refleak_names = [], []
    for name, worker_name, buildfactory, tier, stable, *limit in BUILDERS:
        w = WORKERS_BY_NAME[worker_name]
        if limit and branch.name not in limit[0]:
            continue
        if w.branches is not None and branch.name not in w.branches:
            continue
        if buildfactory.branches is not None and branch.name not in buildfactory.branches:
            continue
        tags = [branch.tag] + ([tier] if tier else []) + ["stable" if stable else "unstable"] + list(buildfactory.factory_tags)
        if branch.gil_only and "nogil" in tags:
            continue
        buildername = f"{name} {branch.name}"
        extra = {"canStartBuild": w.downtime} if w.downtime else {}
        c["builders"].append(util.BuilderConfig(
            name=buildername,
            workernames=[worker_name],
            builddir=f"{branch.builddir}.{worker_name}{buildfactory.buildersuffix}",
            tags=tags,
            factory=buildfactory(source_step(branch, w), branch, w),
            **extra,
        ))
        (refleak_names if "refleak" in tags else names).append(buildername)
        if stable:
            (STABLE_PR_BUILDERS if branch.is_pr else STABLE_BUILDERS).append(buildername)
    if branch.is_pr:
        PR_BUILDERS = refleak_names + names
        continue
    c["schedulers"].append(schedulers.SingleBranchScheduler(
        name=${py(push.name_format ?? '{branch}')}.format(branch=branch.name),
        change_filter=util.ChangeFilter(branch=branch.git_branch),
        treeStableTimer=scaled_timer(${push.tree_stable_timer}),
        builderNames=names,
        fileIsImportant=important,
    ))
    if refleak_names:
        c["schedulers"].append(schedulers.SingleBranchScheduler(
            name=${py(refleak.name_format ?? '{branch}-refleak')}.format(branch=branch.name),
            change_filter=util.ChangeFilter(branch=branch.git_branch),
            treeStableTimer=scaled_timer(${refleak.tree_stable_timer}),
            builderNames=refleak_names,
            fileIsImportant=important,
        ))

c["schedulers"].append(make_pr_scheduler(PR_BUILDERS, STABLE_PR_BUILDERS))
c["schedulers"].append(schedulers.ForceScheduler(
    name="force",
    builderNames=[b.name for b in c["builders"]],
    reason=util.FixedParameter(name="reason", label="reason", default=""),
    codebases=[util.CodebaseParameter("", label="CPython repository", **{key: util.FixedParameter(name=key, default="") for key in ("branch", "revision", "repository", "project")})],
))

${tail}
`;
}
