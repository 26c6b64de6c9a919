// The hand-written baseline: the master.cfg a person would write for the same fleet, in
// the style of python/buildmaster-config before this generator: compact Python lists of
// workers, branches, variants and builder definitions, and loops that expand them into
// the same workers, builders (names, builddirs, tags, descriptions, steps), locks and
// schedulers. Used by bench/run.mjs to compare start-up cost in `buildbot checkconfig`;
// bench/compare_configs.py checks that both configs give Buildbot the same objects.
//
// The parts that do not depend on the fleet (settings file, downtime windows, web sign-in
// and roles, change source, mail, IRC) are the code the generated file had in master.cfg
// before that code moved to a package beside it (docs/python-module.md): the templates of
// 81cf8c1, kept in bench/baseline-parts/ (NAME.hbs there as NAME.txt), so only the fleet's
// representation differs, as in a hand-written single-file config.
import { readFileSync } from 'node:fs';

const PARTS = new URL('./baseline-parts/', import.meta.url);

/** The text of templates/NAME as of 81cf8c1 (bench/baseline-parts/). */
export const template = (name) => readFileSync(new URL(name.replace(/\.hbs$/, '.txt'), PARTS), 'utf8');

/** A Python literal for plain data (ASCII-safe: JSON string escapes are valid Python). */
export function py(v) {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
  return `{${Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`)
    .join(', ')}}`;
}

const rule = (r) => (r ? { only: r.only, except: r.except } : undefined);

/** master.cfg text for `fleet` (a validated Fleet from dist/pipeline.js loadFleet). */
export function baselineConfig(fleet) {
  const settings = template('settings.hbs');
  const branches = [...fleet.branches].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const workers = fleet.workers.map((w) => {
    const os = [w.os.family, w.os.distribution, w.os.version].filter(Boolean).join(' ');
    const extra = {};
    if (w.parallel) extra.parallel = w.parallel;
    if (w.pty) extra.pty = true;
    if (w.branches) extra.branches = rule(w.branches);
    return `    (${py(w.name)}, ${py(w.owner)}, ${py(os)}, ${py(w.arch)}, ${w.max_builds}, ${py(w.online)}${Object.keys(extra).length ? `, ${py(extra)}` : ''}),`;
  });
  const variants = Object.values(fleet.variants).map((v) => {
    const o = { recipe: v.recipe, description: v.description, tags: v.tags, schedule: v.schedule };
    if (v.configure_flags.length) o.configure_flags = v.configure_flags;
    if (v.test_flags.length) o.test_flags = v.test_flags;
    if (v.interpreter_flags.length) o.interpreter_flags = v.interpreter_flags;
    if (v.platform !== 'win32') o.platform = v.platform;
    if (v.release) o.release = true;
    if (v.timeout_multiplier !== 1) o.timeout_multiplier = v.timeout_multiplier;
    if (v.branches) o.branches = rule(v.branches);
    return `    ${py(v.name)}: ${py(o)},`;
  });
  const scheds = Object.values(fleet.schedulers).map((s) => {
    const o = s.on === 'push' ? { on: 'push', ignore_paths: s.ignore_paths } : { on: 'nightly', hour: s.hour, minute: s.minute, on_push_for: s.on_push_for };
    return `    ${py(s.name)}: ${py(o)},`;
  });
  const defs = fleet.builders.map((d) => {
    const extra = {};
    if (d.suffix) extra.suffix = d.suffix;
    if (d.configure_extra.length) extra.configure_extra = d.configure_extra;
    if (d.test_extra.length) extra.test_extra = d.test_extra;
    if (d.test_timeout !== undefined) extra.test_timeout = d.test_timeout;
    if (d.branches) extra.branches = rule(d.branches);
    if (d.name_format !== '{name} {branch}') extra.name_format = d.name_format;
    if (d.dir_format !== '{dir}.{worker}{suffix}') extra.dir_format = d.dir_format;
    if (!d.branch_tag) extra.branch_tag = false;
    if (d.tags.length) extra.tags = d.tags;
    return `    (${py(d.name)}, ${py(d.worker)}, ${py(d.variant)}, ${py(d.stability ?? null)}${Object.keys(extra).length ? `, ${py(extra)}` : ''}),`;
  });
  const d = fleet.defaults;
  const { test_warning_patterns: _patterns, source: _source, ...master } = fleet.master;
  // The fleet-independent end of the generated config (change source, web sign-in and roles,
  // janitor, mail, IRC), verbatim: its fleet without GitHub services takes the {{else}} side.
  const main = template('master.cfg.hbs');
  let keep = true;
  const tail = main
    .slice(main.indexOf('c["change_source"] = []'))
    .split('\n')
    .filter((line) => {
      if (/^\{\{#if master\.github\}\}$/.test(line)) return (keep = false);
      if (line === '{{else}}') return !(keep = true);
      if (line === '{{/if}}') return !(keep = true);
      if (line.includes('{{')) throw new Error(`baseline: unexpected template text in the tail: ${line}`);
      return keep;
    })
    .join('\n')
    .trimEnd();
  return `# -*- python -*-
# A hand-written style master.cfg (bench/baseline.mjs): compact lists and loops.

import os
import re
import secrets
import sys
from datetime import datetime, timedelta

import yaml

from buildbot.plugins import changes, reporters, schedulers, steps, util, worker

${settings}
# Fleet-wide options (the same as the generated config's).
MASTER = ${py(master)}

${template('downtime.hbs').trimEnd()}

${template('www.hbs').trimEnd()}

TEST_TIMEOUT = ${d.test_timeout}
FAULTHANDLER_MARGIN = ${d.faulthandler_margin}
TEST_JOBS = ${d.test_jobs}
DEFAULT_SCHEDULE = ${py(d.schedule)}

# (name, git branch, Python version, directory prefix)
BRANCHES = [
${branches.map((b) => `    (${py(b.name)}, ${py(b.git_branch)}, ${py(b.version)}, ${py(b.dir)}),`).join('\n')}
]

# (name, owner, os, arch, max_builds, online[, extra])
WORKERS = [
${workers.join('\n')}
]

VARIANTS = {
${variants.join('\n')}
}

SCHEDULES = {
${scheds.join('\n')}
}

# (name, worker, variant, stability[, extra])
BUILDERS = [
${defs.join('\n')}
]

TEST_WARNING_PATTERNS = [
    r"Warning -- ",
    r"Fatal Python error:",
    r"Exception ignored in:",
    r"Windows fatal exception:",
    r"ResourceWarning",
    r"Re-running failed tests in verbose mode",
    r"Re-running test .* in verbose mode",
    r"Unhandled exception in thread started by ",
    r"test_\\S+ leaked ",
]
TEST_WARNINGS = re.compile(".*(?:" + "|".join(TEST_WARNING_PATTERNS) + ")")


def shell(name, command, **kw):
    return steps.ShellCommand(haltOnFailure=True, name=name, command=command, **kw)


def clean(name, command):
    return steps.ShellCommand(alwaysRun=True, flunkOnFailure=False, warnOnFailure=True, name=name, command=command)


def test(name, command, timeout, pty=False):
    kw = {"usePTY": True} if pty else {}
    return steps.WarningCountingShellCommand(warningPattern=TEST_WARNINGS, warnOnWarnings=True, name=name, command=command, timeout=timeout, **kw)


def docs(name, command):
    return steps.WarningCountingShellCommand(warnOnWarnings=True, name=name, command=command)


def unix_steps(w, v, d, version, step, fh):
    jobs = ["-j%d" % w["parallel"]] if w.get("parallel") else []
    testopts = " ".join(v.get("test_flags", []) + d.get("test_extra", []) + ["-j%d" % TEST_JOBS] + jobs)
    return [
        steps.Configure(name="configure", command=["./configure"] + v.get("configure_flags", []) + d.get("configure_extra", [])),
        shell("compile", ["make"] + jobs + ["all"]),
        test("test", ["make", "buildbottest", "TESTOPTS=" + testopts, "TESTPYTHONOPTS=" + " ".join(v.get("interpreter_flags", [])), "TESTTIMEOUT=%d" % fh], step, w.get("pty")),
        clean("clean", ["make", "distclean"]),
    ]


def installed_steps(w, v, d, version, step, fh):
    jobs = ["-j%d" % w["parallel"]] if w.get("parallel") else []
    return [
        steps.Configure(name="configure", command=["./configure"] + v.get("configure_flags", []) + d.get("configure_extra", [])),
        shell("compile", ["make"] + jobs + ["all"]),
        shell("install", ["make", "install"]),
        shell("lock-target", ["chmod", "-R", "-w", "target/"]),
        test("test", ["./target/bin/python" + version] + v.get("interpreter_flags", []) + ["-m", "test.regrtest"] + v.get("test_flags", []) + d.get("test_extra", []) + ["-j%d" % TEST_JOBS] + jobs, step, w.get("pty")),
        clean("unlock-target", "chmod -R +w target/ && rm -rf target/"),
        clean("clean", ["make", "distclean"]),
    ]


def windows_steps(w, v, d, version, step, fh):
    x64 = v.get("platform") == "x64"
    platform = ["-p", "x64"] if x64 else []
    release = v.get("release", False)
    command = ["Tools\\\\buildbot\\\\test.bat"] + (["-x64"] if x64 else []) + (["+d"] if release else [])
    command += v.get("test_flags", []) + d.get("test_extra", []) + ["-j%d" % TEST_JOBS]
    command += ["-j%d" % w["parallel"]] if w.get("parallel") else []
    command += ["--timeout", str(fh)] if int(version.split(".")[0]) >= 3 else []
    return [
        shell("compile", ["Tools\\\\buildbot\\\\build.bat"] + platform + (["-c", "Release"] if release else [])),
        test("test", command, step),
        clean("clean", ["Tools\\\\buildbot\\\\clean.bat"] + platform),
    ]


def vs9_steps(w, v, d, version, step, fh):
    x64 = v.get("platform") == "x64"
    platform = ["-p", "x64"] if x64 else []
    return [
        shell("compile", ["PC\\\\VS9.0\\\\build.bat", "-e", "-k", "-d"] + platform),
        test("test", ["PC\\\\VS9.0\\\\rt.bat", "-q", "-d"] + (["-x64"] if x64 else []) + v.get("test_flags", []) + d.get("test_extra", []), step),
        clean("clean", ["PC\\\\VS9.0\\\\build.bat", "-t", "Clean", "-d"] + platform),
    ]


def docs_steps(w, v, d, version, step, fh):
    return [
        docs("docs-check", ["make", "-C", "Doc/", "check"] + (["PYTHON=python3"] if int(version.split(".")[0]) >= 3 else [])),
        docs("docs-suspicious", ["make", "-C", "Doc/", "suspicious"]),
        docs("docs-html", ["make", "-C", "Doc/", "html"]),
        clean("docs-clean", ["make", "-C", "Doc/", "clean"]),
    ]


def dmg_steps(w, v, d, version, step, fh):
    return [
        shell("build-installer", [SETTINGS["dmg_python"], "./build-installer.py", "--build-dir", "../../dmg"], workdir="build/Mac/BuildScript"),
        steps.DirectoryUpload(name="upload", workersrc="dmg/diskimage", masterdest=SETTINGS["dmg_upload_dir"]),
    ]


RECIPES = {"unix": unix_steps, "installed": installed_steps, "windows": windows_steps, "vs9": vs9_steps, "docs": docs_steps, "dmg": dmg_steps}


def allowed(rule, branch):
    if not rule:
        return True
    if rule.get("only") is not None and branch not in rule["only"]:
        return False
    return not (rule.get("except") is not None and branch in rule["except"])


def fill(template, **values):
    return re.sub(r"\\{(\\w+)\\}", lambda m: values.get(m.group(1), m.group(0)), template)


def worker_password(name, owner):
    for section, key in (("workers", name), ("owners", owner)):
        entry = SETTINGS[section].get(key) or {}
        if entry.get("password"):
            return str(entry["password"])
    return None


def is_important(ignore_paths):
    prefixes = tuple(ignore_paths)

    def important(change):
        # Leading slashes do not hide a path (as in the generated config).
        return any(not f.lstrip("/\\\\").startswith(prefixes) for f in change.files)

    return important


c = BuildmasterConfig = {}

c["title"] = "Python"
c["titleURL"] = "https://www.python.org/"
c["buildbotURL"] = SETTINGS["buildbot_url"]
c["buildbotNetUsageData"] = None
c["db"] = {"db_url": SETTINGS["db_url"]}
c["protocols"] = {"pb": {"port": SETTINGS["worker_port"]}}

CPU_LOCK = util.WorkerLock("cpu", maxCount=1, maxCountForWorker={w[0]: w[4] for w in WORKERS})

MISSING_PASSWORDS = sorted(w[0] for w in WORKERS if worker_password(w[0], w[1]) is None)
if MISSING_PASSWORDS:
    warn(f"no password in the settings for {len(MISSING_PASSWORDS)} worker(s), which cannot log in: {', '.join(MISSING_PASSWORDS)}")

c["workers"] = []
WORKER_INFO = {}
for name, owner, os_name, arch, max_builds, online, *extra in WORKERS:
    WORKER_INFO[name] = dict(extra[0] if extra else {}, online=online)
    email = (SETTINGS["owners"].get(owner) or {}).get("email")
    c["workers"].append(worker.Worker(
        name,
        worker_password(name, owner) or secrets.token_hex(32),
        max_builds=max_builds,
        notify_on_missing=[email] if email else [],
        properties={"owner": owner, "os": os_name, "arch": arch, "online": online},
    ))

c["builders"] = []
SCHEDULED = {}
for name, worker_name, variant_name, stability, *extra in BUILDERS:
    d = extra[0] if extra else {}
    w = WORKER_INFO[worker_name]
    v = VARIANTS[variant_name]
    step = d.get("test_timeout", TEST_TIMEOUT) * v.get("timeout_multiplier", 1)
    fh = max(step - FAULTHANDLER_MARGIN, 1)
    description = (v["description"] or variant_name) + ("" if w["online"] else " (worker offline)")
    for branch, git_branch, version, branch_dir in BRANCHES:
        if not (allowed(w.get("branches"), branch) and allowed(v.get("branches"), branch) and allowed(d.get("branches"), branch)):
            continue
        values = {"name": name, "branch": branch, "dir": branch_dir, "worker": worker_name, "suffix": d.get("suffix", "")}
        builder_name = fill(d.get("name_format", "{name} {branch}"), **values)
        builddir = fill(d.get("dir_format", "{dir}.{worker}{suffix}"), builder=builder_name, **values)
        tags = ([branch] if d.get("branch_tag", True) else []) + ([stability] if stability else []) + v["tags"] + d.get("tags", [])
        factory = util.BuildFactory([steps.Git(name="git", repourl=SETTINGS["git_url"], mode="full", method="fresh", timeout=3600)])
        factory.addSteps(RECIPES[v["recipe"]](w, v, d, version, step, fh))
        c["builders"].append(util.BuilderConfig(
            name=builder_name,
            workernames=[worker_name],
            builddir=builddir,
            tags=list(dict.fromkeys(tags)),
            description=description,
            factory=factory,
            locks=[CPU_LOCK.access("counting")],
        ))
        key = v["schedule"]
        if SCHEDULES[key]["on"] == "nightly" and branch in SCHEDULES[key]["on_push_for"]:
            key = DEFAULT_SCHEDULE
        SCHEDULED.setdefault((branch, git_branch, key), []).append(builder_name)

c["schedulers"] = []
for (branch, git_branch, key), names in sorted(SCHEDULED.items()):
    s = SCHEDULES[key]
    if s["on"] == "push":
        c["schedulers"].append(schedulers.SingleBranchScheduler(
            name=f"{branch}-{key}",
            change_filter=util.ChangeFilter(branch=git_branch),
            treeStableTimer=SETTINGS["tree_stable_timer"],
            builderNames=names,
            **({"fileIsImportant": is_important(s["ignore_paths"]), "onlyImportant": True} if s["ignore_paths"] else {}),
        ))
    else:
        hour = s["hour"] if isinstance(s["hour"], int) else s["hour"][branch]
        c["schedulers"].append(schedulers.Nightly(name=f"{branch}-{key}", builderNames=names, branch=git_branch, hour=hour, minute=s["minute"]))
c["schedulers"].append(schedulers.ForceScheduler(name="force", builderNames=[b.name for b in c["builders"]]))

${tail}
`;
}
