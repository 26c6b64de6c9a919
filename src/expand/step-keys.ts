// The key each step of a builder is written under in master.cfg's STEPS table: a function of
// the declarations that make that step and of nothing else (not of which other builders
// share it, nor of where anything is written in the YAML), so that an edit changes only the
// keys of the builders it changes.
//
// A key names the step, then only those of the builder's own inputs it depends on:
//
//   unix-make:clean                    the recipe's (family's) own: no kind, branch or worker in it
//   debug/configure                    depends on the build kind (`debug`): its flags, env...
//   unix-make:git@3.12                 depends on the branch (3.12)
//   debug/test@3.12 parallel=4 timeout_factor=2    and on these worker fields
//   debug/configure def.configure_extra=[--with-gcc=yes]     and on this definition field
//
// Dependence is found by trying: the steps made with the kind, the branch, or one field of the
// worker or definition, set to a fixed neutral value (only the fields the recipe reads are
// tried). The key's inputs (the neutral kind, branch, worker and definition with what the key
// names put back) then make the step again, and must give the same step; if they do not
// (inputs that matter only together), the key names all of them. So one key always means one
// step, and equal keys mean equal steps, whatever the recipes read. A change to a kind (a
// flag) changes its steps, not their keys: one line per step in the diff, no builder row.
import type { Branch, BuilderDef, Step, Variant, Worker } from '../model/types.js';
import { stepsFor, type StepContext } from './steps.js';

// What a field is reset to. Validation's defaults where it has them; a field not here is
// "absent". Any fixed values are correct: these only decide how often keys can be shared.
const NEUTRAL_WORKER: Record<string, unknown> = { name: '', owner: '', os: { family: '' }, arch: '', max_builds: 1, pty: false, online: true, tags: [], timeout_factor: 1, exclude_test_resources: [], capabilities: [] };
const NEUTRAL_DEF: Record<string, unknown> = { name: '', worker: '', variant: '', configure_extra: [], test_extra: [], name_format: '{name} {branch}', dir_format: '{dir}.{worker}{suffix}', branch_tag: true, tags: [], steps: [], extras: [] };
// A build kind with nothing of its own but its recipe (the family of steps it runs).
const NEUTRAL_VARIANT: Variant = {
  name: '', recipe: '', tags: [], configure_flags: [], test_flags: [], interpreter_flags: [], platform: 'x64', release: false, timeout_multiplier: 1,
  schedule: '', compile_env: {}, test_env: {}, out_of_tree: false, build_flags: [], clean_flags: [], host_env: {}, steps_before: [], steps: [], extras: [],
};
const NEUTRAL_BRANCH: Branch = { name: '', dir: '', tag: '', features: [] };

const text = (s: Step) => JSON.stringify(s);

/** Each distinct step (its JSON) as a small number, one table per expand. Runs keep and
 *  compare numbers: of the 10,000 step texts the runs on the 2026 fleet make, 300 are
 *  distinct, and the rest are dropped young instead of kept (with TurboFan off a cold run
 *  spends more on memory than on work: docs/performance.md). */
class StepCodes {
  private readonly codes = new Map<string, number>();

  of(step: Step): number {
    const t = text(step);
    let c = this.codes.get(t);
    if (c === undefined) this.codes.set(t, (c = this.codes.size));
    return c;
  }
}

/** A run's steps as two parallel lists: each step's `name#occurrence` id (a family may run
 *  two steps of one name) and its code. Lists, not Maps: there are 1,500 runs on the 2026
 *  fleet, each of a dozen steps, and with TurboFan off (tiering.ts) every Map, Set and
 *  `for...of` allocates as it goes. */
interface StepRun {
  ids: string[];
  codes: number[];
}

function byId(steps: readonly Step[], codes: StepCodes): StepRun {
  const ids: string[] = [];
  const out: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const name = steps[i]!.name;
    let n = 1;
    for (let j = 0; j < i; j++) if (steps[j]!.name === name) n++;
    let id = n === 1 ? name : `${name}#${n}`;
    // A declared step may be named like that (`test#2`): ids stay distinct all the same.
    while (ids.includes(id)) id += '#';
    ids.push(id);
    out.push(codes.of(steps[i]!));
  }
  return { ids, codes: out };
}

/** The code of step `id` in `run` (its `i`th step when the lists line up, as they mostly do), or undefined. */
function codeOf(run: StepRun, id: string, i: number): number | undefined {
  if (run.ids[i] === id) return run.codes[i];
  const at = run.ids.indexOf(id);
  return at < 0 ? undefined : run.codes[at];
}

/** The steps of `ctx`, or undefined when the recipe cannot make them from a probe's values. */
function tryStepsFor(ctx: StepContext, codes: StepCodes): StepRun | undefined {
  try {
    return byId(stepsFor(ctx), codes);
  } catch {
    return undefined;
  }
}

/** The JSON of objects' fields, and which fields differ from neutral, worked out once per
 *  object: every builder asks the same questions of the same worker and definition objects
 *  (a definition makes one builder per branch, a worker serves many). One per expand, so
 *  plain Maps, dropped with it. */
class FieldTexts {
  private readonly texts = new Map<object, Map<string, string>>();
  private readonly differ = new Map<object, string[]>();

  /** JSON of `obj[field]` ("u" for absent: unlike any JSON text). */
  json(obj: object, field: string): string {
    let m = this.texts.get(obj);
    if (!m) this.texts.set(obj, (m = new Map()));
    let t = m.get(field);
    if (t === undefined) m.set(field, (t = JSON.stringify((obj as Record<string, unknown>)[field]) ?? 'u'));
    return t;
  }

  /** Fields of `obj` whose value is not the neutral one, in name order. */
  differing(obj: object, neutral: Record<string, unknown>): string[] {
    let out = this.differ.get(obj);
    if (!out) {
      const all = new Set([...Object.keys(obj), ...Object.keys(neutral)]);
      this.differ.set(obj, (out = [...all].filter((k) => this.json(obj, k) !== this.json(neutral, k)).sort()));
    }
    return out;
  }
}

/** `base` with `fields` taken from `source` (a field absent there is absent in the result). */
function withFields<T>(base: object, source: object, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...base };
  const o = source as Record<string, unknown>;
  for (const f of fields) {
    if (o[f] === undefined) delete out[f];
    else out[f] = o[f];
  }
  return out as T;
}

/** A field's value in a key: a plain word (no space, comma, bracket or quote) as it is, a
 *  list of them as `[a,b]`, anything else as JSON. */
const WORD = /^[\w.+=/:-]+$/;
const isWord = (v: unknown): v is string => typeof v === 'string' && WORD.test(v);
const value = (v: unknown) => (isWord(v) ? v : Array.isArray(v) && v.every(isWord) ? `[${v.join(',')}]` : JSON.stringify(v ?? null));

/** `obj`, noting in `read` the name of each field read from it (or asked about: `in`, keys). */
function watched<T extends object>(obj: T, read: Set<string>): T {
  return new Proxy(obj, {
    get(target, p, receiver) {
      if (typeof p === 'string') read.add(p);
      return Reflect.get(target, p, receiver) as unknown;
    },
    has(target, p) {
      if (typeof p === 'string') read.add(p);
      return Reflect.has(target, p);
    },
    getOwnPropertyDescriptor(target, p) {
      if (typeof p === 'string') read.add(p);
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
    ownKeys(target) {
      for (const k of Reflect.ownKeys(target)) if (typeof k === 'string') read.add(k);
      return Reflect.ownKeys(target);
    },
  });
}

/** The worker and definition fields a run of a recipe read. */
interface Read {
  worker: Set<string>;
  def: Set<string>;
}

/** A builder's steps, and the worker and definition fields the recipe read to make them:
 *  what the keys are worked out from. */
function stepsReading(ctx: StepContext): { steps: Step[]; read: Read } {
  const read: Read = { worker: new Set(), def: new Set() };
  const steps = stepsFor({ ...ctx, worker: watched(ctx.worker, read.worker), def: watched(ctx.def, read.def) });
  return { steps, read };
}

/** One builder's steps and the key of each. */
export interface KeyedSteps {
  steps: Step[];
  keys: string[];
}

/** The worker and definition fields one run of a recipe read, and what it made for each
 *  set of their values: by the worker's values, then the definition's (JSON texts, one line
 *  each, worked out once per worker and definition object). */
interface Reading {
  worker: string[];
  def: string[];
  workerValues: Map<object, string>;
  defValues: Map<object, string>;
  made: Map<string, Map<string, KeyedSteps>>;
}

/** Whether `fields` (sorted, distinct) are exactly the names in `read`. */
function sameFields(fields: readonly string[], read: ReadonlySet<string>): boolean {
  if (fields.length !== read.size) return false;
  for (let i = 0; i < fields.length; i++) if (!read.has(fields[i]!)) return false;
  return true;
}

/** The reading in `readings` with these fields, or a new one added to them. */
function readingOf(read: Read, readings: Reading[]): Reading {
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    if (sameFields(r.worker, read.worker) && sameFields(r.def, read.def)) return r;
  }
  const r: Reading = { worker: [...read.worker].sort(), def: [...read.def].sort(), workerValues: new Map(), defValues: new Map(), made: new Map() };
  readings.push(r);
  return r;
}

/** The values of `fields` of `obj` (JSON texts hold no raw \u0001), remembered in `memo`. */
function valuesOf(texts: FieldTexts, obj: object, fields: readonly string[], memo: Map<object, string>): string {
  let sig = memo.get(obj);
  if (sig === undefined) {
    sig = '';
    for (let i = 0; i < fields.length; i++) sig += `${texts.json(obj, fields[i]!)}\u0001`;
    memo.set(obj, sig);
  }
  return sig;
}

/** A function giving each builder's steps and their keys (one per fleet: each expand).
 *  A recipe is a function of the kind, the branch and the fields it reads, so builders of
 *  one kind and branch whose worker and definition agree on every field that a run read
 *  get what that run made (the same steps, shared, and the same keys): most builders of a
 *  big fleet differ only in fields no recipe reads (names, owners), and are made once. */
export function stepMaker(): (ctx: StepContext) => KeyedSteps {
  const texts = new FieldTexts();
  const keyer = stepKeyer(texts, new StepCodes());
  const runs = new Map<Variant, Map<Branch, Reading[]>>();
  const workerValues = (r: Reading, ctx: StepContext) => valuesOf(texts, ctx.worker, r.worker, r.workerValues);
  const defValues = (r: Reading, ctx: StepContext) => valuesOf(texts, ctx.def, r.def, r.defValues);
  // One object per key (the first made under it, with its code): a step equal to it is that
  // object, so the STEPS table knows equal steps by identity, without their JSON again.
  const byKey = new Map<string, { step: Step; code: number }>();
  const shared = (key: string, step: Step, code: number): Step => {
    const known = byKey.get(key);
    if (!known) byKey.set(key, { step, code });
    return known?.code === code ? known.step : step;
  };
  return (ctx) => {
    let byBranch = runs.get(ctx.variant);
    if (!byBranch) runs.set(ctx.variant, (byBranch = new Map()));
    let readings = byBranch.get(ctx.branch);
    if (!readings) byBranch.set(ctx.branch, (readings = []));
    for (let i = 0; i < readings.length; i++) {
      const r = readings[i]!;
      const known = r.made.get(workerValues(r, ctx))?.get(defValues(r, ctx));
      if (known) return known;
    }
    const made = stepsReading(ctx);
    const { keys, codes, readOnly } = keyer(ctx, made);
    const out = { steps: made.steps.map((s, i) => shared(keys[i]!, s, codes[i]!)), keys };
    // Keys that name a field the recipe did not read (see stepKeyer) are this builder's own.
    if (readOnly) {
      const r = readingOf(made.read, readings);
      const byWorker = workerValues(r, ctx);
      let byDef = r.made.get(byWorker);
      if (!byDef) r.made.set(byWorker, (byDef = new Map()));
      byDef.set(defValues(r, ctx), out);
    }
    return out;
  };
}

/** A function giving the keys of one builder's steps (made by stepsReading), and whether
 *  they name only fields the recipe read; it remembers the probes it made, which builders
 *  of one kind, branch or worker setting share (one per fleet: each expand). */
function stepKeyer(texts: FieldTexts, codes: StepCodes): (ctx: StepContext, made: { steps: readonly Step[]; read: Read }) => { keys: string[]; codes: number[]; readOnly: boolean } {
  const memo = new Map<string, StepRun | undefined>();
  /** The steps made from the neutral worker, branch and definition with these fields put back. */
  const make = (ctx: StepContext, useBranch: boolean, useVariant: boolean, wf: readonly string[], df: readonly string[]) => {
    const kind = useVariant ? ctx.variant.name : `:${ctx.variant.recipe}`;
    // One line per input; JSON texts hold no raw control character, so \u0001 cannot occur in them.
    let sig = `${kind}\u0001${useBranch ? ctx.branch.name : '\u0002'}`;
    for (let i = 0; i < wf.length; i++) sig += `\u0001w${wf[i]}\u0001${texts.json(ctx.worker, wf[i]!)}`;
    for (let i = 0; i < df.length; i++) sig += `\u0001d${df[i]}\u0001${texts.json(ctx.def, df[i]!)}`;
    let steps = memo.get(sig);
    if (steps === undefined && !memo.has(sig)) {
      const variant = useVariant ? ctx.variant : { ...NEUTRAL_VARIANT, recipe: ctx.variant.recipe };
      const worker = withFields<Worker>(NEUTRAL_WORKER, ctx.worker, wf);
      const def = withFields<BuilderDef>(NEUTRAL_DEF, ctx.def, df);
      memo.set(sig, (steps = tryStepsFor({ ...ctx, branch: useBranch ? ctx.branch : NEUTRAL_BRANCH, variant, worker, def }, codes)));
    }
    return steps;
  };

  return (ctx, { steps, read }) => {
    const actual = byId(steps, codes);
    const { ids } = actual;
    const n = ids.length;
    const { worker, def, branch, variant } = ctx;
    const workerFields = texts.differing(worker, NEUTRAL_WORKER);
    const defFields = texts.differing(def, NEUTRAL_DEF);

    // Which steps (by index) change when the kind, the branch or one field is put back into the
    // neutral inputs. Only the fields the recipe read are tried (a field it never reads cannot matter).
    const changed = (a: StepRun | undefined, b: StepRun | undefined): boolean[] => {
      const out: boolean[] = [];
      for (let i = 0; i < n; i++) out.push(a === undefined || b === undefined || codeOf(a, ids[i]!, i) !== codeOf(b, ids[i]!, i));
      return out;
    };
    const own = make(ctx, true, true, [], []);
    const branchMatters = changed(make(ctx, false, true, [], []), own);
    const variantMatters = changed(make(ctx, true, false, [], []), own);
    const workerMatters: { field: string; at: boolean[] }[] = [];
    for (let i = 0; i < workerFields.length; i++) {
      const f = workerFields[i]!;
      if (read.worker.has(f)) workerMatters.push({ field: f, at: changed(make(ctx, true, true, [f], []), own) });
    }
    const defMatters: { field: string; at: boolean[] }[] = [];
    for (let i = 0; i < defFields.length; i++) {
      const f = defFields[i]!;
      if (read.def.has(f)) defMatters.push({ field: f, at: changed(make(ctx, true, true, [], [f]), own) });
    }

    const w = worker as unknown as Record<string, unknown>;
    const d = def as unknown as Record<string, unknown>;
    // Most of a builder's steps depend on the same few of its inputs: each combination (one
    // bit per input) is put together and made once per builder, not once per step.
    const probes = new Map<number, { useBranch: boolean; useVariant: boolean; wf: string[]; df: string[]; made: StepRun | undefined }>();
    const probeFor = (i: number) => {
      let mask = (branchMatters[i] ? 2 : 0) + (variantMatters[i] ? 1 : 0);
      for (let j = 0; j < workerMatters.length; j++) mask = mask * 2 + (workerMatters[j]!.at[i] ? 1 : 0);
      for (let j = 0; j < defMatters.length; j++) mask = mask * 2 + (defMatters[j]!.at[i] ? 1 : 0);
      let probe = probes.get(mask);
      if (!probe) {
        const wf: string[] = [];
        const df: string[] = [];
        for (let j = 0; j < workerMatters.length; j++) if (workerMatters[j]!.at[i]) wf.push(workerMatters[j]!.field);
        for (let j = 0; j < defMatters.length; j++) if (defMatters[j]!.at[i]) df.push(defMatters[j]!.field);
        const useBranch = branchMatters[i]!;
        const useVariant = variantMatters[i]!;
        probes.set(mask, (probe = { useBranch, useVariant, wf, df, made: make(ctx, useBranch, useVariant, wf, df) }));
      }
      return probe;
    };
    let readOnly = true;
    const keys: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      const probe = probeFor(i);
      let { useBranch, useVariant, wf, df } = probe;
      // The key's inputs must make the step again, else (inputs that matter only together)
      // the key names all of the builder's inputs.
      if (probe.made === undefined || codeOf(probe.made, id, i) !== actual.codes[i]) {
        useBranch = useVariant = true;
        wf = workerFields;
        df = defFields;
        readOnly &&= wf.every((f) => read.worker.has(f)) && df.every((f) => read.def.has(f));
      }
      let key = `${useVariant ? `${variant.name}/` : `${variant.recipe}:`}${id}${useBranch ? `@${branch.name}` : ''}`;
      for (let j = 0; j < wf.length; j++) key += ` ${wf[j]}=${value(w[wf[j]!])}`;
      for (let j = 0; j < df.length; j++) key += ` def.${df[j]}=${value(d[df[j]!])}`;
      keys.push(key);
    }
    return { keys, codes: actual.codes, readOnly };
  };
}
