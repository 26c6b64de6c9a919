// `check` without re-generating, when nothing it depends on changed since a check passed.
//
// Key: sha256 of everything the result of `check` depends on: the command line and working
// directory, the environment variables the CLI reads, both declaration files' bytes, and
// the generator itself (the files of its code by size and modification time, which every
// build and every edit changes; the templates, package.json and the installed yaml, ajv,
// handlebars and diff packages' manifests by content). Value: sha256 of the
// out/ files that passed (master.cfg and its package), and what `check` printed. A hit needs the key to match and the
// output file on disk to hash to the stored value, so an edited output, an edited
// declaration, or a changed generator or template always runs the full check (which then
// fails as before). Only passing checks are stored; under GitHub Actions (annotations, job
// summary) the full check always runs.
//
// This module is the CLI's first import and imports only Node built-ins and our own small
// modules, so a hit exits before yaml, ajv and handlebars are loaded.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_FILE, PACKAGE as PYTHON_PACKAGE } from '../render/out-files.js';
import { fileURLToPath } from 'node:url';
import { openRegular } from '../load/regular-file.js';

const VERSION = 'check-memo 3';
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A declaration or output file's bytes, read as the CLI reads them: a regular file only,
 *  never through a symlink, never blocking on a FIFO (throws otherwise). */
function bytes(path: string): Buffer {
  const { fd } = openRegular(path);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(PACKAGE, 'dist');
const TEMPLATES = join(PACKAGE, 'templates');
/** Where memos live (git-ignored with node_modules/); overridable for tests. */
export const memoDir = (env: NodeJS.ProcessEnv) => env.BUILDMASTER_GEN_CACHE || join(PACKAGE, 'node_modules', '.cache', 'buildmaster-gen');
const DEPENDENCIES = ['yaml', 'ajv', 'handlebars', 'diff'];
const ENV = ['NO_COLOR', 'FORCE_COLOR', 'GITHUB_ACTIONS', 'GITHUB_WORKSPACE', 'GITHUB_STEP_SUMMARY', 'RUNNER_TEMP'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Where generatorHash keeps its answer: on the global object, because the built CLI holds two
 *  copies of this module (the check gate's, in main.cjs, and the rest's, in cli.cjs). */
const GENERATOR = Symbol.for('buildmaster-gen.generator-hash');
/** True in the bundled CLI: scripts/bundle.mjs defines it (esbuild), tsc's modules lack it. */
declare const BMG_BUNDLED: boolean | undefined;
/** The bundled CLI's code: the entries, the bundle and the files it loads by path (the
 *  precompiled validators and templates), with their code caches. None of tsc's modules runs. */
export const BUNDLE_FILES = ['cli/main.js', 'cli/main.cjs', 'cli/cli.cjs', 'cli/cli.cjs.v8cache', 'validate/schema-validators.cjs', 'validate/schema-validators.cjs.v8cache', 'validate/schema-verdict.cjs', 'validate/schema-verdict.cjs.v8cache', 'render/templates.cjs'];
/** A hash of the generator's code, templates and dependencies (once per process). Its code is
 *  taken by size and modification time, which every build changes: reading its 3 MB (the
 *  bundle, the validators and their code caches) cost a cold `check` 20 ms. The bundled CLI
 *  stats the files it runs; tsc's modules (a bare `tsc`) stat all of dist/, whose walk cost 8 ms. */
function generatorHash(): string {
  const shared = globalThis as { [GENERATOR]?: string };
  if (shared[GENERATOR]) return shared[GENERATOR];
  const h = createHash('sha256');
  const code = typeof BMG_BUNDLED !== 'undefined' && BMG_BUNDLED ? BUNDLE_FILES.map((f) => join(DIST, f)) : files(DIST);
  for (const p of code) {
    const st = statSync(p, { bigint: true, throwIfNoEntry: false });
    h.update(`${p.slice(PACKAGE.length)}\0${st ? `${st.size}\0${st.mtimeNs}` : 'missing'}\0`);
  }
  const paths = [...files(TEMPLATES), join(PACKAGE, 'package.json'), ...DEPENDENCIES.map((d) => join(PACKAGE, 'node_modules', d, 'package.json'))];
  for (const p of paths) h.update(`${p.slice(PACKAGE.length)}\0`).update(readFileSync(p)).update('\0');
  return (shared[GENERATOR] = h.digest('hex'));
}

export interface MemoInput {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (colour). */
  tty: boolean;
  /** Each fleet's declaration files. */
  fleets: { workers: string; builders: string }[];
}

export interface MemoKey {
  /** The invocation (command line, directory, environment): names the memo's file, so each
   *  way of running `check` keeps one memo, replaced when its inputs change. */
  slot: string;
  /** Everything else the result depends on. */
  key: string;
}

/** The memo key, or undefined when `check` must run in full. */
export function memoKey(i: MemoInput): MemoKey | undefined {
  // BUILDMASTER_GEN_NO_MEMO=1: always the full check (the benchmark times both).
  if (i.env.GITHUB_ACTIONS === 'true' || i.env.BUILDMASTER_GEN_NO_MEMO) return undefined;
  try {
    const slot = sha256(`${VERSION}\0${JSON.stringify([i.argv, i.cwd, i.tty, ENV.map((k) => i.env[k] ?? null)])}`);
    const h = createHash('sha256').update(`${slot}\0${process.version}\0`);
    h.update(generatorHash());
    for (const f of i.fleets.flatMap((x) => [x.workers, x.builders])) h.update(`\0${f}\0`).update(bytes(f));
    return { slot, key: h.digest('hex') };
  } catch {
    return undefined; // a file is missing or unreadable: the full check says what is wrong
  }
}

/** What the check printed, in order: [1, text] on stdout, [2, text] on stderr. */
export type Printed = [1 | 2, string][];

interface Memo {
  key: string;
  output: string;
  printed: Printed;
}


/** The files of each out/ directory: master.cfg, then every file now in its package
 *  directory (so a file added there, which `check` reports, changes the hash). */
function outputFiles(outDir: string): string[] {
  const pkg = join(outDir, PYTHON_PACKAGE);
  let names: string[] = [];
  try {
    names = readdirSync(pkg).sort();
  } catch {
    // no package directory: `check` says so
  }
  return [join(outDir, OUTPUT_FILE), ...names.map((n) => join(pkg, n))];
}

/** The output files' hash (names and bytes), when each is a regular file. */
function outputHash(outDirs: string[]): string | undefined {
  const h = createHash('sha256');
  try {
    for (const f of outDirs.flatMap(outputFiles)) h.update(`${f}\0${sha256(bytes(f))}\0`);
  } catch {
    return undefined;
  }
  return h.digest('hex');
}

/** What a passing check printed, when `k` passed before and the output files are unchanged since. */
export function recall(k: MemoKey, outDirs: string[], env: NodeJS.ProcessEnv): Printed | undefined {
  let memo: Memo;
  try {
    memo = JSON.parse(readFileSync(join(memoDir(env), `${k.slot}.json`), 'utf8')) as Memo;
  } catch {
    return undefined;
  }
  if (memo.key !== k.key || !Array.isArray(memo.printed)) return undefined;
  const now = outputHash(outDirs);
  return now !== undefined && now === memo.output ? memo.printed : undefined;
}

/** Remember a passing check (best effort: a read-only cache only costs speed). */
export function remember(k: MemoKey, outDirs: string[], printed: Printed, env: NodeJS.ProcessEnv): void {
  const output = outputHash(outDirs);
  if (output === undefined) return;
  try {
    const dir = memoDir(env);
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${k.slot}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ key: k.key, output, printed } satisfies Memo));
    renameSync(tmp, join(dir, `${k.slot}.json`));
  } catch {
    // not cached
  }
}
