// One case's expectations against the two configs Buildbot loaded: every difference that the
// expectations do not name is a problem, and so is every named difference that is not there.
import { isDeepStrictEqual } from 'node:util';
import type { Dump, DumpBuilder } from '../fleet-2026/dump.js';
import type { Expect, Lone } from './expectations.js';
import { builderDiff, norm, own } from './replay.js';

const show = (v: unknown) => JSON.stringify(v);

function setDiff(what: string, got: string[], want: string[]): string[] {
  const g = new Set(got);
  const w = new Set(want);
  return [
    ...want.filter((x) => !g.has(x)).map((x) => `${what}: expected ${x}, not there`),
    ...got.filter((x) => !w.has(x)).map((x) => `${what}: ${x} unexpected`),
  ];
}

function loneProblems(side: string, l: Lone, b: DumpBuilder | undefined): string[] {
  if (!b) return [`${l.name}: not in the ${side} config`];
  const out: string[] = [];
  const check = (field: string, want: unknown, got: unknown) => {
    if (!isDeepStrictEqual(want, got)) out.push(`${l.name} (${side}): ${field}: expected ${show(want)}, got ${show(got)}`);
  };
  check('workernames', [l.worker], b.workernames);
  check('builddir', l.builddir, b.builddir);
  check('tags', l.tags, b.tags);
  check('steps', l.steps, b.steps.map((s) => s.attrs.name));
  check('canStartBuild', l.canStartBuild ?? false, b.canStartBuild);
  return out;
}

/** The value a spot names on one side: a builder field (step '') or a step attribute; undefined when absent. */
function spotValue(b: DumpBuilder | undefined, step: string, field: string): unknown {
  if (!b) return undefined;
  if (step === '') return (b as unknown as Record<string, unknown>)[field];
  return b.steps.find((s) => s.attrs.name === step)?.attrs[field];
}

export function caseProblems(e: Expect, beforeDump: Dump, afterDump: Dump): string[] {
  const out: string[] = [];
  const before = own(beforeDump);
  const after = own(afterDump);
  const B = new Map(before.builders.map((b) => [b.name, b]));
  const A = new Map(after.builders.map((b) => [b.name, b]));

  // Builders that appear or disappear.
  const addedNames = [...A.keys()].filter((n) => !B.has(n));
  const removedNames = [...B.keys()].filter((n) => !A.has(n));
  out.push(...setDiff('builder added', addedNames, (e.added ?? []).map((l) => l.name)));
  out.push(...setDiff('builder removed', removedNames, (e.removed ?? []).map((l) => l.name)));
  for (const l of e.added ?? []) out.push(...loneProblems('after', l, A.get(l.name)));
  for (const l of e.removed ?? []) out.push(...loneProblems('before', l, B.get(l.name)));

  // Builders on both sides: exactly the rules' changes, nothing else.
  const rules = new Map<string, ((b: ReturnType<typeof norm>, name: string) => ReturnType<typeof norm>)[]>();
  for (const r of e.rules ?? []) {
    for (const n of r.builders) {
      if (!B.has(n) || !A.has(n)) out.push(`rule "${r.what}": ${n} is not on both sides`);
      rules.set(n, [...(rules.get(n) ?? []), r.apply]);
    }
  }
  for (const [name, b] of B) {
    const a = A.get(name);
    if (!a) continue;
    let want = norm(b);
    try {
      for (const f of rules.get(name) ?? []) want = f(want, name);
    } catch (err) {
      out.push(`${name}: the rule does not fit the loaded "before" builder: ${(err as Error).message}`);
      continue;
    }
    for (const p of builderDiff(want, norm(a))) out.push(`${name}: ${p}`);
  }
  // Builder order: the builders on both sides keep their relative order (a moved definition may move its builders, see README).

  // Literal values.
  for (const s of e.spots ?? []) {
    const got = { before: spotValue(B.get(s.builder), s.step, s.field), after: spotValue(A.get(s.builder), s.step, s.field) };
    if (!isDeepStrictEqual(got, { before: s.before, after: s.after })) {
      out.push(`${s.builder}${s.step ? ` step ${s.step}` : ''} ${s.field}: expected ${show({ before: s.before, after: s.after })}, got ${show(got)}`);
    }
  }

  // Workers.
  const wb = new Map(before.workers.map((w) => [w.name, w]));
  const wa = new Map(after.workers.map((w) => [w.name, w]));
  out.push(...setDiff('worker added', [...wa.keys()].filter((n) => !wb.has(n)), e.workers?.added ?? []));
  out.push(...setDiff('worker removed', [...wb.keys()].filter((n) => !wa.has(n)), e.workers?.removed ?? []));
  for (const [name, w] of wb) {
    const a = wa.get(name);
    if (a && !isDeepStrictEqual(w, a)) out.push(`worker ${name}: changed: ${show(w)} -> ${show(a)}`);
  }

  // Schedulers: membership follows the builders added and removed; the PR scheduler's stable list is the stable PR builders.
  const sb = new Map(before.schedulers.map((s) => [s.name, s]));
  const sa = new Map(after.schedulers.map((s) => [s.name, s]));
  out.push(...setDiff('scheduler', [...sa.keys()], [...sb.keys()]));
  const added = new Set(addedNames);
  const removed = new Set(removedNames);
  const scheduled = new Set<string>();
  for (const [name, s] of sb) {
    const a = sa.get(name);
    if (!a) continue;
    const keep = (names: string[], drop: Set<string>) => names.filter((n) => !drop.has(n)).sort();
    if (!isDeepStrictEqual(keep(s.builderNames, removed), keep(a.builderNames, added))) {
      out.push(`scheduler ${name}: membership changed beyond the builders added and removed`);
    }
    if (name !== 'force') for (const n of a.builderNames) scheduled.add(n);
    for (const [side, sched, builders] of [['before', s, before.builders], ['after', a, after.builders]] as const) {
      if (sched.stable_builder_names === undefined) continue;
      const want = builders.filter((b) => b.tags[0] === 'PullRequest' && b.tags.includes('stable')).map((b) => b.name).sort();
      if (!isDeepStrictEqual([...sched.stable_builder_names].sort(), want)) out.push(`scheduler ${name} (${side}): stable_builder_names is not the stable PR builders`);
    }
    const rest = (x: typeof s) => ({ ...x, builderNames: undefined, stable_builder_names: undefined });
    if (!isDeepStrictEqual(rest(s), rest(a))) out.push(`scheduler ${name}: changed besides its builders`);
  }
  for (const n of addedNames) {
    if (!scheduled.has(n)) out.push(`builder ${n} added but no change scheduler starts it`);
    if (!sa.get('force')?.builderNames.includes(n)) out.push(`builder ${n} added but not in the force scheduler`);
  }

  // Everything else master.cfg sets: unchanged, except reporters' builder lists.
  const globals = (d: Dump) => ({ ...d.globals, services: d.globals.services.map((s) => ({ class: s.class, name: s.name })) });
  if (!isDeepStrictEqual(globals(beforeDump), globals(afterDump))) out.push('global settings or services changed');
  return out;
}
