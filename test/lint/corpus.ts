// The lint corpus: each case in cases/*.yaml breaks the base fleet (base/*.yaml) in one
// place and says what the CLI must answer. See README.md here for the format.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { copyConfig } from '../config-copy.js';

export const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = join(HERE, '..', '..');
const FILES = ['workers.yaml', 'builders.yaml'] as const;
type FileName = (typeof FILES)[number];

export interface Edit {
  file: FileName;
  /** Replace this text (which must occur exactly once) ... */
  find?: string;
  replace?: string;
  /** ... or add this text at the end of the file. */
  append?: string;
}

export interface Case {
  name: string;
  description: string;
  edits?: Edit[];
  /** Replace whole files. */
  write?: Partial<Record<FileName, string>>;
  delete?: FileName[];
  args?: string[];
  expect: {
    exit: number;
    /** `file:line:col`, or `file` for a problem with the whole file (a missing file). */
    at: string;
    rule: string;
    /** Substrings of the message, all required. */
    message: string | string[];
    severity?: 'error' | 'warning';
    /** Other problems that must be reported in the same run (`file:line:col [rule]`). */
    also?: string[];
    /** Text that must appear nowhere in the output (a mangled name, a wrong hint). */
    none?: string[];
  };
}

export function loadCases(): Case[] {
  const dir = join(HERE, 'cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), ...(parse(readFileSync(join(dir, f), 'utf8')) as Omit<Case, 'name'>) }));
}

/** A temporary directory holding the broken fleet and a copy of the committed out/. */
export function materialize(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), `lint-${c.name}-`));
  for (const f of FILES) copyFileSync(join(HERE, 'base', f), join(dir, f));
  for (const e of c.edits ?? []) {
    const path = join(dir, e.file);
    const text = readFileSync(path, 'utf8');
    if (e.append !== undefined) writeFileSync(path, text + e.append);
    else {
      const n = text.split(e.find!).length - 1;
      if (n !== 1) throw new Error(`case ${c.name}: \`${e.find}\` occurs ${n} times in ${e.file}, not once`);
      writeFileSync(path, text.replace(e.find!, () => e.replace ?? ''));
    }
  }
  for (const [f, text] of Object.entries(c.write ?? {})) writeFileSync(join(dir, f), text);
  for (const f of c.delete ?? []) rmSync(join(dir, f));
  mkdirSync(join(dir, 'out'));
  copyConfig(join(ROOT, 'out', 'master.cfg'), join(dir, 'out'));
  return dir;
}

export interface Reported {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
  rule: string;
  /** The two lines printed under it (source line and caret), when present. */
  source?: string;
  caret?: string;
}

/** `file:line:col: ...`, or `file: ...` for a problem with the whole file (line and column 0). */
const HEADER = /^(\S+?)(?::(\d+):(\d+))?: (warning: )?(.*) \[([a-z0-9-]+)\]$/;

/** Every problem the CLI printed, in order. */
export function parseReport(stderr: string): Reported[] {
  const lines = stderr.split('\n');
  const out: Reported[] = [];
  lines.forEach((l, i) => {
    const m = HEADER.exec(l);
    if (!m) return;
    const r: Reported = { file: m[1]!, line: Number(m[2] ?? 0), col: Number(m[3] ?? 0), severity: m[4] ? 'warning' : 'error', message: m[5]!, rule: m[6]! };
    if (lines[i + 1]?.startsWith('  ') && /^ *\^$/.test(lines[i + 2] ?? '')) {
      r.source = lines[i + 1]!.slice(2);
      r.caret = lines[i + 2]!.slice(2);
    }
    out.push(r);
  });
  return out;
}
