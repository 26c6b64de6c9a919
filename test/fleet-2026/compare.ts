// Compare a hand-written builder expectation with what Buildbot loaded, and say every
// difference as "<builder>: step <n> (<name>): <field>: expected …, got …".
import { isDeepStrictEqual } from 'node:util';
import type { DumpBuilder, DumpStep } from './dump.js';
import { type Builder, CLASS_DEFAULTS, type Command, type Env, type Renderable, type Step, TEST_CLASS } from './expected.js';

/** The Buildbot class each step class must be or derive from (§3.1.2 "Derived from"). */
const BUILDBOT_BASE: Record<Step['cls'], string> = {
  GitHub: 'buildbot.steps.source.github.GitHub',
  Configure: 'buildbot.steps.shell.Configure',
  Compile: 'buildbot.steps.shell.Compile',
  ShellCommand: 'buildbot.steps.shell.ShellCommand',
  SetPropertyFromCommand: 'buildbot.steps.shell.SetPropertyFromCommand',
  Test: 'buildbot.steps.shell.Test',
  PythonInfo: 'buildbot.steps.shell.ShellCommand',
  Clean: 'buildbot.steps.shell.ShellCommand',
  Install: 'buildbot.steps.shell.ShellCommand',
  LockInstall: 'buildbot.steps.shell.ShellCommand',
  Uninstall: 'buildbot.steps.shell.ShellCommand',
  UploadTestResults: 'buildbot.steps.transfer.FileUpload',
};

const show = (v: unknown) => JSON.stringify(v);

/** A renderable as the dumper prints it: {interpolate?, rendered, ...}. */
function renderableMatches(want: Renderable, got: unknown): boolean {
  if (typeof got !== 'object' || got === null || !('rendered' in got)) return false;
  const g = got as { rendered: unknown; interpolate?: unknown };
  return g.rendered === want.renders && (want.interpolate === undefined || g.interpolate === want.interpolate);
}

function valueMatches(want: string | Renderable, got: unknown): boolean {
  return typeof want === 'string' ? got === want : renderableMatches(want, got);
}

function commandMatches(want: Command, got: unknown): boolean {
  if (typeof want === 'string') return got === want;
  return Array.isArray(got) && got.length === want.length && want.every((w, i) => valueMatches(w, got[i]));
}

function envMatches(want: Env, got: unknown): boolean {
  if (typeof got !== 'object' || got === null) return false;
  const g = got as Record<string, unknown>;
  const keys = Object.keys(want);
  return Object.keys(g).length === keys.length && keys.every((k) => k in g && valueMatches(want[k], g[k]));
}

/** Every difference between one expected step and one loaded step. */
export function stepProblems(want: Step, got: DumpStep, repourl: string): string[] {
  const problems: string[] = [];
  const a = got.attrs;
  const bad = (field: string, expected: unknown, actual: unknown) => problems.push(`${field}: expected ${show(expected)}, got ${show(actual)}`);
  const check = (field: string, expected: unknown, actual: unknown) => {
    if (!isDeepStrictEqual(expected, actual)) bad(field, expected, actual);
  };
  const cls = CLASS_DEFAULTS[want.cls];

  check('class', want.cls, got.class);
  if (!got.mro.includes(BUILDBOT_BASE[want.cls])) bad('class (derives from)', BUILDBOT_BASE[want.cls], got.mro);
  check('name', want.name, a.name);

  const command = want.command ?? cls.command;
  if (command !== undefined && !commandMatches(command, a.command)) bad('command', command, a.command);
  if (command === undefined && want.cls !== 'GitHub' && want.cls !== 'UploadTestResults') bad('command', '(an expectation)', a.command);

  if (want.cls === 'GitHub') check('env', null, a.env ?? null);
  else if (want.cls !== 'UploadTestResults' && !envMatches(want.env ?? {}, a.env)) bad('env', want.env ?? {}, a.env);

  check('workdir', want.workdir ?? null, a.workdir ?? null);
  if (want.cls !== 'UploadTestResults') check('timeout', want.timeout ?? cls.timeout, a.timeout);
  if ('usePTY' in a) check('usePTY', want.usePTY ?? cls.usePTY, a.usePTY);

  const flags = { ...cls.flags, ...want.flags };
  for (const [flag, value] of Object.entries(flags)) check(flag, value, a[flag]);
  check('warnOnWarnings', want.cls === 'Test', a.warnOnWarnings);
  check('flunkOnWarnings', false, a.flunkOnWarnings);

  const description = want.description ?? cls.description;
  if (description !== undefined) check('description', description, a.description);
  if (cls.descriptionDone !== undefined) check('descriptionDone', cls.descriptionDone, a.descriptionDone);

  if (want.cls === 'Test') {
    check('maxTime', TEST_CLASS.maxTime, a.maxTime);
    check('sigtermTime', TEST_CLASS.sigtermTime, a.sigtermTime);
    check('decodeRC', TEST_CLASS.decodeRC, a.decodeRC);
    const pattern = a.warningPattern;
    const text = typeof pattern === 'object' && pattern !== null && 'regex' in pattern ? (pattern as { regex: unknown }).regex : pattern;
    check('warningPattern', TEST_CLASS.warningPattern, text);
  } else if ('maxTime' in a) {
    check('maxTime', null, a.maxTime);
    check('sigtermTime', null, a.sigtermTime);
  }

  if (want.property !== undefined) check('property', want.property, a.property);

  if (want.source) {
    const s = want.source;
    check('repourl', repourl, a.repourl);
    if (s.branch === null) {
      if ('branch' in got.kwargs) bad('branch argument', '(none: PR builders check out the change\'s ref)', got.kwargs.branch);
    } else check('branch', s.branch, a.branch);
    check('mode', s.mode, a.mode);
    check('method', s.method, a.method);
    check('filters', s.filters, a.filters ?? null);
    check('clobberOnFailure', s.clobberOnFailure, a.clobberOnFailure);
    check('shallow', s.shallow, a.shallow);
  }
  if (want.upload) {
    const u = want.upload;
    check('workersrc', u.workersrc, a.workersrc);
    if (!renderableMatches(u.masterdest, a.masterdest)) bad('masterdest', u.masterdest, a.masterdest);
    check('mode', u.mode, a.mode);
    check('doStepIf (runs only when want_xml_upload is truthy)',
      { 'want_xml_upload=True': true, 'want_xml_upload=False': false, 'want_xml_upload absent': false }, a.doStepIf_probe);
  }
  return problems;
}

/** Every difference between one expected builder and the builder Buildbot loaded. */
export function builderProblems(want: Builder, got: DumpBuilder | undefined, repourl: string): string[] {
  if (!got) return [`${want.name}: no such builder`];
  const out: string[] = [];
  const at = (where: string, p: string) => out.push(`${want.name}: ${where}${p}`);
  if (!isDeepStrictEqual(got.workernames, [want.worker])) at('', `workernames: expected ${show([want.worker])}, got ${show(got.workernames)}`);
  if (got.builddir !== want.builddir) at('', `builddir: expected ${show(want.builddir)}, got ${show(got.builddir)}`);
  if (!isDeepStrictEqual(got.tags, want.tags)) at('', `tags: expected ${show(want.tags)}, got ${show(got.tags)}`);
  if (got.canStartBuild !== (want.canStartBuild ?? false)) at('', `canStartBuild: expected ${want.canStartBuild ?? false}, got ${got.canStartBuild}`);
  const names = (steps: { name?: unknown; attrs?: { name?: unknown } }[]) => steps.map((s) => s.name ?? s.attrs?.name);
  if (got.steps.length !== want.steps.length) {
    at('', `${want.steps.length} steps expected, got ${got.steps.length}: expected ${show(names(want.steps))}, got ${show(names(got.steps))}`);
  }
  want.steps.forEach((step, i) => {
    const loaded = got.steps[i];
    if (!loaded) return;
    for (const p of stepProblems(step, loaded, repourl)) at(`step ${i + 1} (${step.name}): `, p);
  });
  return out;
}
