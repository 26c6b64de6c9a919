// The replay machinery: turn a case's YAML edit into the two fleets around the change,
// generate both, and compare what Buildbot loaded (test/fleet-2026's dumper) builder by
// builder. Nothing here knows what a case should change: that is in expectations.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { applyPatch, parsePatch, reversePatch } from 'diff';
import { ROOT, cli } from '../pipeline/helpers.js';
import type { Dump, DumpBuilder, DumpStep } from '../fleet-2026/dump.js';

export const FIXTURE = join(ROOT, 'test/fixtures/cpython-2026-af48ad7');
export const CASES_DIR = join(ROOT, 'test/replay/cases');
const FILES = ['workers.yaml', 'builders.yaml'] as const;
export type Fleet = Record<(typeof FILES)[number], string>;

/** case.json: the upstream change and the numbers that do not need Buildbot. */
export interface CaseMeta {
  /** The folder name. */
  id: string;
  upstream: { commit: string; pr: number | null; title: string; date: string; pythonLines: number };
  kinds: string[];
  /** reverse: the fixture contains the change (commit before af48ad7), change.patch is fixture-at-parent -> fixture; forward: fixture -> fixture + change. */
  direction: 'reverse' | 'forward';
  /** What the YAML edit does, in a sentence. */
  edit: string;
  /** Builders added + removed + changed, counted by hand from the real diff. */
  buildersAffected: number;
  /** Set on a case whose YAML edit needs a mechanism this branch lacks: change.patch is absent, TODO.md says the edit. */
  pending?: string;
}

export const caseIds = (): string[] => readdirSync(CASES_DIR).filter((d) => /^\d\d-/.test(d)).sort();
export const readMeta = (id: string): CaseMeta => JSON.parse(readFileSync(join(CASES_DIR, id, 'case.json'), 'utf8')) as CaseMeta;
export const readPatch = (id: string): string => readFileSync(join(CASES_DIR, id, 'change.patch'), 'utf8');
export const readFixture = (): Fleet => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(FIXTURE, f), 'utf8')])) as Fleet;

/** Lines the edit adds or removes (a changed line counts twice, as in a diff). */
export function patchLines(patch: string): number {
  return patch.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l)).length;
}

function apply(fleet: Fleet, patch: ReturnType<typeof parsePatch>, what: string): Fleet {
  const out = { ...fleet };
  for (const p of patch) {
    const file = (p.newFileName ?? p.oldFileName ?? '').replace(/^[ab]\//, '') as keyof Fleet;
    if (!(file in out)) throw new Error(`${what}: the patch names ${file}, not workers.yaml or builders.yaml`);
    const next = applyPatch(out[file], p);
    if (next === false) throw new Error(`${what}: the patch does not apply to ${file}`);
    out[file] = next;
  }
  return out;
}

/** The fleets before and after the change: the fixture is one of them (see CaseMeta.direction). */
export function fleets(meta: CaseMeta): { before: Fleet; after: Fleet } {
  const fixture = readFixture();
  const patch = parsePatch(readPatch(meta.id));
  if (meta.direction === 'forward') return { before: fixture, after: apply(fixture, patch, meta.id) };
  const before = apply(fixture, reversePatch(patch), `${meta.id} (reversed)`);
  const after = apply(before, patch, meta.id);
  for (const f of FILES) if (after[f] !== fixture[f]) throw new Error(`${meta.id}: change.patch applied to its own "before" does not give the fixture's ${f} back`);
  return { before, after };
}

export function writeFleet(dir: string, fleet: Fleet): void {
  mkdirSync(dir, { recursive: true });
  for (const f of FILES) writeFileSync(join(dir, f), fleet[f]);
}

/** `generate --fleet dir --out out`; throws with the CLI's output when it fails. */
export function generate(dir: string, out: string): string {
  const r = cli(['generate', '--fleet', dir, '--out', out]);
  if (r.status !== 0) throw new Error(`generate ${dir} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return join(out, 'master.cfg');
}

/** Warnings `validate --strict` may give on the frozen snapshot: rules newer than the
 *  snapshot (its downtime windows name no time zone). Anything else fails a case. */
export const KNOWN_STRICT_WARNINGS: RegExp[] = [/\[downtime-timezone\]$/]; // the snapshot predates this rule: its windows name no zone

/** `validate --strict`: the problems it reports that are not known (an empty list = clean). */
export function strictProblems(dir: string): string[] {
  const r = cli(['validate', '--strict', '--fleet', dir]);
  if (r.status === 0) return [];
  const lines = (r.stdout + r.stderr).split('\n').filter((l) => /: (error|warning): /.test(l));
  const unknown = lines.filter((l) => !KNOWN_STRICT_WARNINGS.some((re) => re.test(l)));
  if (lines.length === 0) return [`validate --strict exited ${r.status} without a problem line:\n${r.stdout}${r.stderr}`];
  return unknown;
}

/** Lines of `b` that differ from `a` (added + removed), by diff(1). */
export function changedLines(a: string, b: string): number {
  const r = spawnSync('diff', ['-U0', a, b], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status === 0) return 0;
  if (r.status !== 1) throw new Error(`diff ${a} ${b} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l)).length;
}

// ---- what Buildbot loaded, in a form two loads can be compared in ----

/** `partial`: an expected step compared on the attributes it names only. */
export interface NormStep { class: string; attrs: Record<string, unknown>; partial?: boolean }
export interface NormBuilder {
  workernames: string[]; builddir: string; workerbuilddir: unknown; tags: string[]; canStartBuild: boolean;
  locks: string[]; env: unknown; properties: unknown; collapseRequests: unknown; steps: NormStep[];
}

/** A loaded builder without its name and without how master.cfg spelled the arguments (only the resolved step). */
export function norm(b: DumpBuilder): NormBuilder {
  const x = b as DumpBuilder & Record<string, unknown>;
  return {
    workernames: b.workernames, builddir: b.builddir, workerbuilddir: x.workerbuilddir, tags: b.tags,
    canStartBuild: b.canStartBuild, locks: b.locks, env: x.env, properties: x.properties, collapseRequests: x.collapseRequests,
    steps: b.steps.map((s: DumpStep) => ({ class: s.class, attrs: s.attrs })),
  };
}

/** What the config file gave, without what Buildbot's configurators (the janitor) added. */
export function own(d: Dump) {
  const added = d.globals.added_by_configurators;
  return {
    workers: d.workers.filter((w) => !added.workers?.includes(w.name)),
    builders: d.builders.filter((b) => !added.builders?.includes(b.name)),
    schedulers: d.schedulers.filter((s) => !added.schedulers?.includes(s.name)),
  };
}

const show = (v: unknown) => JSON.stringify(v);

/** Every field where two normalized builders differ, as "<field>: expected …, got …". */
export function builderDiff(want: NormBuilder, got: NormBuilder): string[] {
  const out: string[] = [];
  for (const k of Object.keys(want) as (keyof NormBuilder)[]) {
    if (k === 'steps') continue;
    if (!isDeepStrictEqual(want[k], got[k])) out.push(`${k}: expected ${show(want[k])}, got ${show(got[k])}`);
  }
  const names = (b: NormBuilder) => b.steps.map((s) => s.attrs.name);
  if (want.steps.length !== got.steps.length || !isDeepStrictEqual(names(want), names(got))) {
    out.push(`steps: expected ${show(names(want))}, got ${show(names(got))}`);
  }
  want.steps.forEach((w, i) => {
    const g = got.steps[i];
    if (!g) return;
    if (w.class !== g.class) out.push(`step ${i + 1} (${String(w.attrs.name)}): class: expected ${w.class}, got ${g.class}`);
    const keys = w.partial ? Object.keys(w.attrs) : [...new Set([...Object.keys(w.attrs), ...Object.keys(g.attrs)])];
    for (const k of keys) {
      if (!isDeepStrictEqual(w.attrs[k], g.attrs[k])) out.push(`step ${i + 1} (${String(w.attrs.name)}): ${k}: expected ${show(w.attrs[k])}, got ${show(g.attrs[k])}`);
    }
  });
  return out;
}

// ---- small helpers the hand-written rules use ----

/** A copy of `b` with `f` applied to the step named `step` (it must exist once). */
export function onStep(b: NormBuilder, step: string, f: (attrs: Record<string, unknown>) => Record<string, unknown>): NormBuilder {
  const i = b.steps.findIndex((s) => s.attrs.name === step);
  if (i < 0 || b.steps.findIndex((s, j) => j > i && s.attrs.name === step) >= 0) throw new Error(`no single step named ${step} in ${show(b.steps.map((s) => s.attrs.name))}`);
  const steps = b.steps.map((s, j) => (j === i ? { class: s.class, attrs: f({ ...s.attrs }) } : s));
  return { ...b, steps };
}

/** A command list with `items` inserted right after the element `after` (which must be there). */
export function insertAfter(command: unknown, after: string, items: string[]): string[] {
  const c = command as string[];
  const i = c.indexOf(after);
  if (i < 0) throw new Error(`${after} is not in ${show(c)}`);
  return [...c.slice(0, i + 1), ...items, ...c.slice(i + 1)];
}

/** A command list with each element starting with `prefix` passed through `f`. */
export function mapItem(command: unknown, prefix: string, f: (value: string) => string): string[] {
  const c = command as string[];
  if (!c.some((x) => typeof x === 'string' && x.startsWith(prefix))) throw new Error(`no ${prefix}… in ${show(c)}`);
  return c.map((x) => (typeof x === 'string' && x.startsWith(prefix) ? prefix + f(x.slice(prefix.length)) : x));
}
