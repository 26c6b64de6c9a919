// Schema validation with ajv, turning ajv's errors into located, human messages.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCached } from './cached-script.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { SourceFile } from '../load/load.js';
import { walkText } from '../model/walk-text.js';
import { readAs, type KeyNotText } from '../load/key-text.js';
import { didYouMean, type Problem } from '../model/problems.js';
import type { RuleId } from '../model/problem-rules.js';
import * as S from './schemas.js';
import { patternWords } from './pattern-words.js';

type Validators = { workers: ValidateFunction; builders: ValidateFunction };
let compiled: Validators | undefined;
let verdicts: Validators | null | undefined;

// `../validate/`: the same files from dist/cli/main.cjs, the bundle (scripts/bundle.mjs).
export const VALIDATORS_FILE = fileURLToPath(new URL('../validate/schema-validators.cjs', import.meta.url));
export const VERDICT_FILE = fileURLToPath(new URL('../validate/schema-verdict.cjs', import.meta.url));

/** What the build's precompiled validators must have been made from: these very schemas.
 *  Each file carries the hash (scripts/precompile.mjs); a stale or missing file is not used. */
let schemasHash: string | undefined;
const currentSchemas = () => (schemasHash ??= createHash('sha256').update(JSON.stringify([S.workersSchema, S.buildersSchema])).digest('hex'));

/** The validators of `file` (precompiled, with V8's code cache), when made from these schemas. */
function precompiledFrom(file: string): Validators | undefined {
  const pre = loadCached(file)?.exports as (Validators & { schemasSha256: string }) | undefined;
  return pre?.schemasSha256 === currentSchemas() ? { workers: pre.workers, builders: pre.builders } : undefined;
}

/** The build's validators that only say valid or not (verdict-code.ts); null when stale or
 *  missing, and every file goes to the full validators. */
function verdict(): Validators | null {
  if (verdicts === undefined) verdicts = precompiledFrom(VERDICT_FILE) ?? null;
  return verdicts;
}

function validators() {
  if (!compiled) {
    // Compiling the schemas costs more than the rest of a run on the default fleet: use the
    // build's precompiled code, and load ajv itself only when it is missing or stale.
    compiled = precompiledFrom(VALIDATORS_FILE);
    if (!compiled) {
      const require = createRequire(import.meta.url);
      const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
      const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
      compiled = { workers: ajv.compile(S.workersSchema), builders: ajv.compile(S.buildersSchema) };
    }
  }
  return compiled;
}

/** What a pattern means, said for a person. */
const PATTERN_HELP: Record<string, string> = {
  [S.WORKER_NAME]: 'worker names are `<owner>-<suffix>`: lower-case letters and digits in parts joined by `-`, starting with a letter (e.g. `koobs-freebsd10`)',
  [S.OWNER_NAME]: 'owner names are lower-case letters and digits, starting with a letter (the part of the worker name before the first `-`)',
  [S.BRANCH_NAME]: 'branch names are letters, digits, `.`, `_` and `-`, starting with a letter or digit, without `..` (e.g. `3.x`, `custom`)',
  [S.GIT_BRANCH]: 'git branch names here are letters, digits, `.`, `_` and `-`, starting with a letter or digit, without `..` or `/`, not ending in `.` or `.lock` (e.g. `main`, `3.7`)',
  [S.DIR_SUFFIX]: 'a directory suffix starts with `.`, then letters, digits, `.`, `_` and `-`, without `..` or `/`, not ending in `.` (e.g. `.nondebug`); to keep an existing directory whose suffix has no `.`, give `dir_format` instead (e.g. `dir_format: "{branch}.{worker}vs9"`)',
  [S.TAG]: 'tags are lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit',
  [S.KEY]: 'names of variants and schedulers are lower-case letters, digits and `-`',
  [S.PRINTABLE_LINE]: 'this text must be printable on one line: no control characters, newlines or unpaired surrogates',
  [S.PRINTABLE_TEXT]: 'this text must be printable: no control characters other than tab and newline, and no unpaired surrogates',
};

const SECRET_KEY = /^(?:.*[_-])?(?:password|passwd|pass|secret|token|api[_-]?key|credentials?|private[_-]?key)(?:[_-].*)?$/i;
export const SECRET_HINT =
  'secrets never go in the YAML (it is public): remove it, and send it to a maintainer privately; it goes in the master\'s settings file ($PYBUILDBOT_SETTINGS_PATH), a worker password as `workers.<worker>.password` or `owners.<owner>.password` (see "Settings" in the README)';

/** Secrets recognisable by their shape, wherever they are pasted (notes, flags, ...). */
const SECRET_VALUES: [RegExp, string][] = [
  [/\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/, 'a GitHub token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
];
/** Any of them: one test per value (they share no flags). */
const ANY_SECRET_VALUE = new RegExp(SECRET_VALUES.map(([re]) => `(?:${re.source})`).join('|'));

/** Words people use for the allowed values, and what we call them. */
const ENUM_SYNONYMS: Record<string, string> = {
  amd64: 'x86-64', x86_64: 'x86-64', x64: 'x86-64', intel64: 'x86-64',
  i386: 'x86', i486: 'x86', i586: 'x86', i686: 'x86', x86_32: 'x86', ia32: 'x86',
  arm: 'armv7', armhf: 'armv7', armv7l: 'armv7', armv7hl: 'armv7',
  ppc64el: 'ppc64le', powerpc64le: 'ppc64le', powerpc64: 'ppc64', ppc: 'ppc64', s390: 's390x',
  darwin: 'macos', osx: 'macos', mac: 'macos', macosx: 'macos', win: 'windows', win32: 'windows', win64: 'windows',
  solaris: 'openindiana', illumos: 'openindiana', sunos: 'openindiana',
  debian: 'linux', ubuntu: 'linux', fedora: 'linux', rhel: 'linux', centos: 'linux', sles: 'linux', gentoo: 'linux', arch: 'linux',
};
const LINUX_DISTRIBUTIONS = new Set(['debian', 'ubuntu', 'fedora', 'rhel', 'centos', 'sles', 'gentoo', 'arch']);

function enumHint(value: string, allowed: string[]): string {
  const synonym = ENUM_SYNONYMS[value.toLowerCase()];
  if (synonym !== undefined && allowed.includes(synonym)) {
    const distro = LINUX_DISTRIBUTIONS.has(value.toLowerCase()) ? ` (and \`distribution: ${value.toLowerCase()}\`)` : '';
    return `; did you mean \`${synonym}\`?${distro}`;
  }
  return didYouMean(value, allowed);
}

/** Why YAML read a value as the wrong type, when that is the likely story. */
function typeHint(want: string, value: unknown, asWritten: string | undefined): string {
  if (want.includes('boolean') && typeof value === 'string') return ': write true or false, without quotes (YAML 1.2 reads yes/no/on/off as text)';
  if (want.includes('integer') && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return ': remove the quotes';
  // `3.10` reads as the number 3.1: quote what was written, not what YAML made of it.
  if (want === 'string' && typeof value === 'number') return `: put it in quotes ("${asWritten ?? String(value)}"); unquoted, YAML reads it as a number`;
  if (want === 'string' && typeof value === 'boolean') return `: put it in quotes (${JSON.stringify(asWritten ?? String(value))}); unquoted, YAML reads it as ${String(value)}`;
  if (want === 'array' && typeof value === 'string') return `: write a list, e.g. [${show(value)}]`;
  if (value === null) {
    if (!asWritten) return ': give it a value (or remove the line)';
    return want.includes('string') ? `: put it in quotes (${JSON.stringify(asWritten)}) if you mean the text; unquoted, YAML reads \`${asWritten}\` as nothing` : `: give it a value; unquoted, YAML reads \`${asWritten}\` as nothing`;
  }
  return '';
}

/** The scalar as typed in the file (before YAML turned it into a number or boolean). */
function written(src: SourceFile, path: string[]): string | undefined {
  const { line, col } = src.locate(path);
  return /^[^\s,#{}[\]]+/.exec(src.lines[line - 1]?.slice(col - 1) ?? '')?.[0];
}

/** A pattern's rule in words, never the regular expression: the words written for the
 *  pattern, or read from it, or else the field's own description. */
export function patternRule(pattern: string, schema: Record<string, unknown> | undefined): string {
  const description = typeof schema?.description === 'string' ? schema.description : undefined;
  const example = description && /\(e\.g\. [^)]+\)/.exec(description)?.[0];
  const words = PATTERN_HELP[pattern] ?? formatHelp(pattern) ?? (patternWords(pattern) && `${patternWords(pattern)}${example ? ` ${example}` : ''}`);
  if (words) return words;
  return description ? `see what it takes: ${description}` : 'it is not in the form this field takes (its description is in schema/)';
}

/** What a format pattern (`name_format`, `dir_format`) allows, from the pattern itself. */
function formatHelp(pattern: string): string | undefined {
  const m = /\\\{\(\?:([a-z|]+)\)\\\}/.exec(pattern);
  return m ? `a format is letters, digits, spaces, \`.\`, \`_\`, \`-\` and the placeholders ${m[1]!.split('|').map((p) => `\`{${p}}\``).join(', ')}` : undefined;
}

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

const SINGULAR: Record<string, string> = { workers: 'worker', builders: 'builder', variants: 'variant', schedulers: 'scheduler', branches: 'branch' };

/** Where a value is, for a person: "`os.family` of worker `koobs-freebsd10`", "builder 3",
 *  "`hour` of scheduler `dmg-nightly`", "`defaults.schedule`", "the top level". */
export function describePath(data: unknown, path: string[]): string {
  if (!path.length) return 'the top level';
  const [section, entry, ...rest] = path;
  const kind = SINGULAR[section!];
  if (kind === undefined || entry === undefined) return `\`${path.join('.')}\``;
  const item = valueAt(data, [section!, entry]);
  const name = (item as Record<string, unknown> | undefined)?.name;
  // List entries are known by their name (or their position, counting from 1); map entries by their key.
  const label = /^\d+$/.test(entry) && Array.isArray(valueAt(data, [section!])) ? (typeof name === 'string' ? `${kind} \`${show(name)}\`` : `${kind} ${Number(entry) + 1}`) : `${kind} \`${entry}\``;
  return rest.length ? `\`${rest.join('.')}\` of ${label}` : label;
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
  return [...src.keysNotText.map((k) => keyNotText(src, k)), ...ajvProblems(src, which)];
}

/** A key YAML read as a number, boolean or null: keys are names, so it must be text. */
function keyNotText(src: SourceFile, k: KeyNotText): Problem {
  const where = k.parent.length ? ` in ${describePath(src.data, k.parent.map(String))}` : '';
  const message =
    k.written === ''
      ? `a key is missing${where}: YAML reads \`: value\` as a key of nothing (null); write \`name: value\``
      : `the key \`${k.written}\`${where} is read by YAML as ${readAs(k.value)}${String(k.value) === k.written ? '' : `, not as the name \`${k.written}\``}: keys are names, so put it in quotes (${JSON.stringify(k.written)})`;
  return { file: src.file, ...k.at, message, rule: 'non-text-key', severity: 'error' };
}

function ajvProblems(src: SourceFile, which: 'workers' | 'builders'): Problem[] {
  if (verdict()?.[which](src.data)) return [];
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
  const here = describePath(src.data, path);
  const field = path[path.length - 1];
  const value = valueAt(src.data, path);
  const parent = schemaAt(root, e.schemaPath);
  const mk = (message: string, rule: RuleId, at = src.locate(path)): Problem => ({ file: src.file, ...at, message, rule, severity: 'error' });
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const at = src.locate([...path, key], { key: true });
      if (SECRET_KEY.test(key)) return undefined; // reported by secretProblems
      if (key === '') return undefined; // a missing key: reported as non-text-key
      const allowed = Object.keys((parent?.properties as object) ?? {});
      if (key === '<<') return mk(`\`<<\` in ${here} is a merge key only when it is not quoted: write \`<<: *name\` to copy the fields of the mapping anchored \`&name\``, 'unknown-field', at);
      const noSpace = /^([A-Za-z_]\w*):(.+)$/.exec(key);
      if (noSpace && allowed.includes(noSpace[1]!)) return mk(`unknown field \`${key}\` in ${here}: a space is missing after the colon: write \`${noSpace[1]}: ${noSpace[2]}\``, 'unknown-field', at);
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
      return mk(`${here} must be ${want.split(' or ').map(article).join(' or ')}, not ${got}${typeHint(want, value, written(src, path))}`, 'wrong-type');
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      return mk(`\`${show(value)}\` is not a valid ${field ?? 'value'}${typeof value === 'string' ? enumHint(value, allowed) : ''} (allowed: ${allowed.join(', ')})`, 'unknown-value');
    }
    case 'const':
      return mk(`${here} must be \`${String(e.params.allowedValue)}\` here`, 'unknown-value');
    case 'pattern': {
      const rule = patternRule(String(e.params.pattern), parent);
      if (e.propertyName !== undefined) {
        const at = src.locate([...path, e.propertyName], { key: true });
        return mk(`\`${show(e.propertyName)}\` is not a valid ${path.length === 1 && SINGULAR[path[0]!] ? `${SINGULAR[path[0]!]} ` : ''}name: ${rule}`, 'bad-name', at);
      }
      const kind = field === 'name' || field === 'worker' || field === 'owner' ? 'bad-name' : 'bad-format';
      // A name is what identifies its entry: "`Bolen` is not a valid worker name", not "... of worker `Bolen`".
      const what = field === 'name' && path.length === 3 ? `${SINGULAR[path[0]!] ?? 'entry'} name` : here;
      return mk(`${typeof value === 'string' ? `\`${show(value)}\` ` : 'the value '}is not a valid ${what}: ${rule}`, kind);
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
      return mk(`${here} lists \`${show((value as unknown[])[Number(e.params.i)])}\` twice`, 'duplicate-item');
    default:
      return mk(`${here} ${e.message ?? 'is invalid'}`, 'schema');
  }
}

/** What a known kind of secret `v` holds ("a GitHub token"), if any. */
export const knownSecret = (v: string): string | undefined => SECRET_VALUES.find(([re]) => re.test(v))?.[1];

/** A key that names a secret, anywhere in the file: refused whether or not the schema allows the key. */
export function secretProblems(src: SourceFile): Problem[] {
  const problems: Problem[] = [];
  walkText(
    src.data,
    (k, path) => {
      if (!SECRET_KEY.test(k)) return true;
      problems.push({ file: src.file, ...src.locate([...path], { key: true }), message: `\`${k}\` looks like a secret: ${SECRET_HINT}`, rule: 'secret-in-yaml', severity: 'error' });
      return false;
    },
    (v, path) => {
      if (!ANY_SECRET_VALUE.test(v)) return;
      const found = SECRET_VALUES.find(([re]) => re.test(v))!;
      problems.push({ file: src.file, ...src.locate([...path]), message: `this looks like ${found[1]}: ${SECRET_HINT}`, rule: 'secret-in-yaml', severity: 'error' });
    },
  );
  return problems;
}
