// Step changes (`steps:`) and conditional extras (`extras:`) of families, kinds and
// definitions: read them typed, each with the YAML path it is written at, and say what is
// malformed in ways a schema cannot (one operation per entry, `with` only for `replace`).
import type { Path } from '../../load/load.js';
import { didYouMean } from '../../model/problems.js';
import type { Condition, Extra, StepDecl, StepOp, StepPatch, StepValue } from '../../model/types.js';
import { type CheckRule, type Checker, isObj, items, type Obj, str, strs } from './context.js';

const RESULT_FLAGS = ['haltOnFailure', 'flunkOnFailure', 'warnOnFailure'] as const;
const OPS = ['add', 'drop', 'rename', 'replace'] as const;
const BRANCH_KEYS = ['only', 'except', 'since', 'until'] as const;

function flagsOf(raw: Obj): StepDecl['flags'] {
  const flags: StepDecl['flags'] = {};
  for (const f of RESULT_FLAGS) if (typeof raw[f] === 'boolean') flags[f] = raw[f] as boolean;
  return flags;
}

/** The optional fields a declared step and a `replace` share. */
function options(raw: Obj): Omit<StepPatch, 'step' | 'command' | 'flags'> {
  return {
    ...(isObj(raw.env) ? { env: raw.env as Record<string, StepValue> } : {}),
    ...(typeof raw.workdir === 'string' ? { workdir: raw.workdir } : {}),
    ...(typeof raw.timeout === 'number' ? { timeout: raw.timeout } : {}),
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    ...(typeof raw.property === 'string' ? { property: raw.property } : {}),
  };
}

/** A step written in builders.yaml (`steps_before`, `add:`). */
export function stepDecl(raw: Obj): StepDecl {
  const { env, workdir, timeout, description, property } = options(raw);
  return {
    step: String(raw.step),
    name: String(raw.name),
    command: raw.command as StepDecl['command'],
    ...(description !== undefined ? { description } : {}),
    ...(property !== undefined ? { property } : {}),
    flags: flagsOf(raw),
    ...(env !== undefined ? { env } : {}),
    ...(workdir !== undefined ? { workdir } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
  };
}

export interface ChangeReader {
  ops(path: Path, raw: unknown): StepOp[];
  extras(path: Path, raw: unknown): Extra[];
  /** Every capability a condition names, with where (for the unused/unknown capability checks). */
  readonly capabilitiesRead: Map<string, Path[]>;
}

/** Reads step changes and extras of builders.yaml; problems go to `c`. */
export function changeReader(c: Checker, checkRule: CheckRule, featureNames: readonly string[]): ChangeReader {
  const { b } = c;
  const capabilitiesRead = new Map<string, Path[]>();
  const condition = (path: Path, raw: unknown): Condition | undefined => {
    if (!isObj(raw)) return undefined;
    const when: Condition = {};
    if (BRANCH_KEYS.some((k) => raw[k] !== undefined)) {
      const rule = checkRule(b, path, Object.fromEntries(BRANCH_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])));
      if (rule) when.branches = rule;
    }
    const feature = str(raw.feature);
    if (feature !== undefined) {
      if (!featureNames.includes(feature)) c.report(b, [...path, 'feature'], `unknown feature \`${feature}\`${didYouMean(feature, featureNames)} (declare it under \`features\`)`, 'unknown-feature');
      when.feature = feature;
    }
    const capability = str(raw.capability);
    if (capability !== undefined) {
      when.capability = capability;
      capabilitiesRead.set(capability, [...(capabilitiesRead.get(capability) ?? []), [...path, 'capability']]);
    }
    return when;
  };
  const op = (path: Path, raw: Obj): StepOp | undefined => {
    const given = OPS.filter((k) => raw[k] !== undefined);
    if (given.length !== 1) {
      c.report(b, path, given.length ? `one step change per entry: this one has ${given.map((k) => `\`${k}\``).join(' and ')}; write each as its own \`- ${given[0]}: ...\`` : `a step change needs one of ${OPS.map((k) => `\`${k}\``).join(', ')}`, 'bad-step-change');
      return undefined;
    }
    const kind = given[0]!;
    const misplaced = (key: string, owner: string) => raw[key] !== undefined && kind !== owner && c.report(b, [...path, key], `\`${key}\` belongs to \`${owner}\`, not to \`${kind}\``, 'bad-step-change', { key: true });
    misplaced('before', 'add');
    misplaced('after', 'add');
    misplaced('like', 'add');
    misplaced('with', 'replace');
    const when = raw.when !== undefined ? condition([...path, 'when'], raw.when) : undefined;
    const common = { ...(when ? { when } : {}), at: path };
    switch (kind) {
      case 'add': {
        if (raw.before !== undefined && raw.after !== undefined) c.report(b, [...path, 'after'], '`add` takes `before` or `after`, not both', 'bad-step-change', { key: true });
        if (!isObj(raw.add)) return undefined;
        const before = str(raw.before);
        const after = str(raw.after);
        const like = str(raw.like);
        return { op: 'add', step: stepDecl(raw.add), ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), ...(like !== undefined ? { like } : {}), ...common };
      }
      case 'drop':
        return typeof raw.drop === 'string' ? { op: 'drop', name: raw.drop, ...common } : undefined;
      case 'rename':
        return isObj(raw.rename) && typeof raw.rename.from === 'string' && typeof raw.rename.to === 'string' ? { op: 'rename', from: raw.rename.from, to: raw.rename.to, ...common } : undefined;
      case 'replace': {
        if (!isObj(raw.with)) {
          if (raw.with === undefined) c.report(b, [...path, 'replace'], '`replace` needs `with: {...}`: the fields of the step that change', 'bad-step-change', { key: true });
          return undefined;
        }
        if (typeof raw.replace !== 'string') return undefined;
        const w = raw.with;
        const flags = flagsOf(w);
        const patch: StepPatch = {
          ...(typeof w.step === 'string' ? { step: w.step } : {}),
          ...(w.command !== undefined ? { command: w.command as StepPatch['command'] } : {}),
          ...options(w),
          ...(Object.keys(flags).length ? { flags } : {}),
        };
        return { op: 'replace', name: raw.replace, with: patch, ...common };
      }
    }
  };
  return {
    capabilitiesRead,
    ops: (path, raw) => items(raw).flatMap(([i, x]) => op([...path, i], x) ?? []),
    extras: (path, raw) =>
      items(raw).map(([i, x]) => {
        const when = condition([...path, i, 'when'], x.when);
        const e: Extra = { ...(when ? { when } : {}), at: [...path, i] };
        for (const k of ['configure_flags', 'test_flags', 'interpreter_flags', 'build_flags', 'clean_flags'] as const) if (Array.isArray(x[k])) e[k] = strs(x[k]);
        for (const k of ['compile_env', 'test_env'] as const) if (isObj(x[k])) e[k] = x[k] as Record<string, string>;
        return e;
      }),
  };
}
