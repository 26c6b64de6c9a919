// The master's settings file holds the private half of the worker request form: each
// worker's password (workers.<worker>.password, or its owner's owners.<owner>.password) and
// each owner's e-mail (owners.<owner>.email). `validate --settings FILE` checks that it
// gives what the declarations need; no value from it is ever printed.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { SourceFile } from '../load/load.js';
import { RULES } from '../model/problem-rules.js';
import { UserError, type Problem } from '../model/problems.js';
import type { Fleet } from '../model/types.js';
import { hasOwn, isObj, type Obj } from './semantic/context.js';

/** The settings file cannot be read or is not a YAML mapping: the user's to fix. */
export class SettingsError extends UserError {}

export interface Settings {
  data: Obj;
  /** As shown in messages. */
  shown: string;
}

export function readSettings(path: string, shown: string): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SettingsError(`cannot read the settings file ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    // Its text may hold secrets: say where, not what.
    throw new SettingsError(`the settings file ${shown} is not valid YAML`);
  }
  if (data === null || data === undefined) data = {};
  if (!isObj(data)) throw new SettingsError(`the settings file ${shown} must be a YAML mapping`);
  return { data, shown };
}

const entry = (table: unknown, key: string): Obj | undefined => (isObj(table) && hasOwn(table, key) && isObj(table[key]) ? (table[key] as Obj) : undefined);
const given = (v: unknown) => (typeof v === 'string' && v !== '') || typeof v === 'number';

/** Whether the settings give `worker` a password, and from where. */
export function passwordSource(s: Settings, worker: string, owner: string): 'worker' | 'owner' | undefined {
  if (given(entry(s.data.workers, worker)?.password)) return 'worker';
  if (given(entry(s.data.owners, owner)?.password)) return 'owner';
  return undefined;
}

export const hasEmail = (s: Settings, owner: string) => given(entry(s.data.owners, owner)?.email);

/** Every worker without a password, every owner without an e-mail, located in workers.yaml. */
export function settingsProblems(s: Settings, fleet: Fleet, workers: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], message: string, rule: 'settings-password' | 'settings-email') =>
    problems.push({ file: workers.file, ...workers.locate(path, { key: path[0] === 'owners' }), message, rule, severity: RULES[rule].severity });
  const raw = isObj(workers.data) && Array.isArray(workers.data.workers) ? (workers.data.workers as unknown[]) : [];
  const index = (name: string) => raw.findIndex((w) => isObj(w) && w.name === name);
  const mailed = new Set<string>();
  for (const w of fleet.workers) {
    const i = index(w.name);
    if (!passwordSource(s, w.name, w.owner)) {
      at(['workers', i, 'name'], `worker \`${w.name}\` has no password in ${s.shown}: the administrator adds \`workers.${w.name}.password\` (or \`owners.${w.owner}.password\` for all of ${w.owner}'s workers); without one it cannot log in`, 'settings-password');
    }
    if (mailed.has(w.owner)) continue;
    mailed.add(w.owner);
    if (!hasEmail(s, w.owner)) {
      const path = hasOwn(fleet.owners, w.owner) ? ['owners', w.owner] : ['workers', i, 'owner'];
      at(path, `owner \`${w.owner}\` has no e-mail in ${s.shown}: add \`owners.${w.owner}.email\` so they hear when a worker of theirs goes missing`, 'settings-email');
    }
  }
  return problems;
}
