// Schema validation with ajv, turning ajv's errors into located, human messages.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { SourceFile } from '../load/load.js';
import { didYouMean, type Problem } from '../problems.js';
import * as S from './schemas.js';

let compiled: { workers: ValidateFunction; builders: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
    compiled = { workers: ajv.compile(S.workersSchema), builders: ajv.compile(S.buildersSchema) };
  }
  return compiled;
}

/** What a pattern means, said for a person. */
const PATTERN_HELP: Record<string, string> = {
  [S.WORKER_NAME]: 'worker names are `<owner>-<suffix>`: lower-case letters and digits in parts joined by `-`, starting with a letter (e.g. `koobs-freebsd10`)',
  [S.OWNER_NAME]: 'owner names are lower-case letters and digits, starting with a letter (the part of the worker name before the first `-`)',
  [S.BRANCH_NAME]: 'branch names are letters, digits, `.`, `_` and `-`, starting with a letter or digit, without `..` (e.g. `3.x`, `custom`)',
  [S.DIR_SUFFIX]: 'a directory suffix is letters, digits, `.`, `_` and `-`, without `..` or `/` (e.g. `.nondebug`)',
  [S.TAG]: 'tags are lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit',
  [S.KEY]: 'names of variants and schedulers are lower-case letters, digits and `-`',
  [S.PRINTABLE_LINE]: 'this text must be printable on one line: no control characters, newlines or unpaired surrogates',
  [S.PRINTABLE_TEXT]: 'this text must be printable: no control characters other than tab and newline, and no unpaired surrogates',
};

const SECRET_KEY = /^(?:.*[_-])?(?:password|passwd|pass|secret|token|api[_-]?key|credentials?|private[_-]?key)(?:[_-].*)?$/i;
export const SECRET_HINT =
  'secrets never go in the YAML (it is public): put the password in the master\'s settings file ($PYBUILDBOT_SETTINGS_PATH) as `owners.<owner>.password` or `workers.<worker>.password`; see "Settings" in the README';

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function schemaAt(root: unknown, schemaPath: string): Record<string, unknown> | undefined {
  // '#/properties/workers/items/properties/os/properties/family/enum' -> the parent schema of the keyword
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const p of parts) node = (node as Record<string, unknown>)?.[p];
  return node as Record<string, unknown> | undefined;
}

function toPath(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(data: unknown, path: string[]): unknown {
  let v = data;
  for (const p of path) v = (v as Record<string, unknown>)?.[p];
  return v;
}

/** Validate one file against its schema; every error, each located and explained. */
export function schemaProblems(src: SourceFile, which: 'workers' | 'builders'): Problem[] {
  const validate = validators()[which];
  const root = which === 'workers' ? S.workersSchema : S.buildersSchema;
  if (validate(src.data)) return [];
  const errors = validate.errors ?? [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const enumPaths = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  for (const e of errors) {
    // `if` only says a `then` failed (that error is reported itself); a `const` under an
    // enum on the same value repeats the enum error.
    if (e.keyword === 'if' || (e.keyword === 'const' && enumPaths.has(e.instancePath))) continue;
    const p = explain(e, src, root);
    if (!p) continue;
    const key = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  return problems;
}

function explain(e: ErrorObject, src: SourceFile, root: unknown): Problem | undefined {
  const path = toPath(e.instancePath);
  const here = path.length ? `\`${path.join('.')}\`` : 'the top level';
  const field = path[path.length - 1];
  const value = valueAt(src.data, path);
  const parent = schemaAt(root, e.schemaPath);
  const mk = (message: string, rule: string, at = src.locate(path)): Problem => ({ file: src.file, ...at, message, rule, severity: 'error' });
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const at = src.locate([...path, key], { key: true });
      if (SECRET_KEY.test(key)) return undefined; // reported by secretProblems
      const allowed = Object.keys((parent?.properties as object) ?? {});
      return mk(`unknown field \`${key}\` in ${here}${didYouMean(key, allowed)}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, 'unknown-field', at);
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return mk(`${here === 'the top level' ? 'the file' : here} is missing the required field \`${missing}\``, 'missing-field');
    }
    case 'type': {
      const want = Array.isArray(e.params.type) ? e.params.type.join(' or ') : String(e.params.type);
      const got = value === null ? 'nothing (null)' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${show(value)}`;
      const article = (w: string) => (w === 'object' ? 'a mapping' : w === 'array' ? 'a list' : w === 'integer' ? 'an integer' : `a ${w}`);
      return mk(`${here} must be ${want.split(' or ').map(article).join(' or ')}, not ${got}`, 'wrong-type');
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      return mk(`\`${show(value)}\` is not a valid ${field ?? 'value'}${typeof value === 'string' ? didYouMean(value, allowed) : ''} (allowed: ${allowed.join(', ')})`, 'unknown-value');
    }
    case 'const':
      return mk(`${here} must be \`${String(e.params.allowedValue)}\` here`, 'unknown-value');
    case 'pattern': {
      if (e.propertyName !== undefined) {
        const at = src.locate([...path, e.propertyName], { key: true });
        return mk(`\`${show(e.propertyName)}\` is not a valid name: ${PATTERN_HELP[String(e.params.pattern)] ?? `it must match ${String(e.params.pattern)}`}`, 'bad-name', at);
      }
      const help = PATTERN_HELP[String(e.params.pattern)];
      const rule = field === 'name' || field === 'worker' || field === 'owner' ? 'bad-name' : 'bad-format';
      return mk(`${here} ${typeof value === 'string' ? `\`${show(value)}\` ` : ''}is not valid: ${help ?? `it must match ${String(e.params.pattern)}`}`, rule);
    }
    case 'propertyNames':
      return undefined; // the nested error names the key
    case 'minimum':
    case 'maximum':
      return mk(`${here} is ${show(value)}; it must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(e.params.limit)}`, 'out-of-range');
    case 'maxLength':
      return mk(`${here} is too long (${typeof value === 'string' ? [...value].length : '?'} characters; at most ${String(e.params.limit)})`, 'too-long');
    case 'minLength':
      return mk(`${here} must not be empty`, 'empty-value');
    case 'minItems':
    case 'minProperties':
      return mk(`${here} must not be empty`, 'empty-value');
    case 'maxItems':
    case 'maxProperties':
      return mk(`${here} has too many entries (at most ${String(e.params.limit)})`, 'too-many');
    case 'uniqueItems':
      return mk(`${here} lists the same value twice (items ${String(e.params.j)} and ${String(e.params.i)})`, 'duplicate-item');
    default:
      return mk(`${here} ${e.message ?? 'is invalid'}`, 'schema');
  }
}

/** A key that names a secret, anywhere in the file: refused whether or not the schema allows the key. */
export function secretProblems(src: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (SECRET_KEY.test(k)) {
          const at = src.locate([...path, k], { key: true });
          problems.push({ file: src.file, ...at, message: `\`${k}\` looks like a secret: ${SECRET_HINT}`, rule: 'secret-in-yaml', severity: 'error' });
        } else walk(x, [...path, k]);
      }
    }
  };
  walk(src.data, []);
  return problems;
}
