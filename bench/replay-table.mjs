#!/usr/bin/env node
// The replay corpus as a table (issue 17, item 5): for each real upstream change, the lines of
// its YAML edit, the lines of Python it changed upstream, the lines of out/master.cfg the edit
// changes, and the builders it affects (counted by hand, case.json). Generates each case's two
// fleets with the built CLI (run `npm run build` first); needs no Buildbot.
//
//   node bench/replay-table.mjs            Markdown table
//   node bench/replay-table.mjs --json     the rows as JSON
//   node bench/replay-table.mjs --git DIR  also recount the Python lines from a python/buildmaster-config git dir
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatch, parsePatch, reversePatch } from 'diff';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli/main.cjs');
const FIXTURE = join(ROOT, 'test/fixtures/cpython-2026-af48ad7');
const CASES = join(ROOT, 'test/replay/cases');
const FILES = ['workers.yaml', 'builders.yaml'];

const args = process.argv.slice(2);
const json = args.includes('--json');
const gitDir = args.includes('--git') ? args[args.indexOf('--git') + 1] : undefined;

const diffLines = (text) => text.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l)).length;

function apply(fleet, patch) {
  const out = { ...fleet };
  for (const p of patch) {
    const file = (p.newFileName ?? p.oldFileName).replace(/^[ab]\//, '');
    const next = applyPatch(out[file], p);
    if (next === false) throw new Error(`the patch does not apply to ${file}`);
    out[file] = next;
  }
  return out;
}

function generate(dir, fleet, out) {
  for (const f of FILES) writeFileSync(join(dir, f), fleet[f]);
  const r = spawnSync(process.execPath, [CLI, 'generate', '--fleet', dir, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generate failed:\n${r.stdout}${r.stderr}`);
  return join(out, 'master.cfg');
}

function cfgLines(a, b) {
  const r = spawnSync('diff', ['-U0', a, b], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return r.status === 0 ? 0 : diffLines(r.stdout);
}

function pythonLines(commit) {
  const r = spawnSync('git', ['--git-dir', gitDir, 'show', '--numstat', '--format=', commit, '--', 'master/'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git show ${commit}: ${r.stderr}`);
  return r.stdout.trim().split('\n').reduce((n, l) => n + l.split('\t').slice(0, 2).reduce((m, x) => m + (Number(x) || 0), 0), 0);
}

if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run npm run build`);
  process.exit(2);
}
const fixture = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(FIXTURE, f), 'utf8')]));
const rows = [];
for (const id of readdirSync(CASES).filter((d) => /^\d\d-/.test(d)).sort()) {
  const meta = JSON.parse(readFileSync(join(CASES, id, 'case.json'), 'utf8'));
  const row = {
    id, commit: meta.upstream.commit.slice(0, 7), pr: meta.upstream.pr, title: meta.upstream.title, kinds: meta.kinds.join(', '),
    yamlLines: null, pythonLines: meta.upstream.pythonLines, cfgLines: null, builders: meta.buildersAffected, bound: 2 * meta.buildersAffected + 10,
    pending: meta.pending ?? null,
  };
  if (gitDir) {
    const counted = pythonLines(meta.upstream.commit);
    if (counted !== row.pythonLines) console.error(`${id}: case.json says ${row.pythonLines} Python lines, git counts ${counted}`);
    row.pythonLines = counted;
  }
  if (!meta.pending) {
    const patchText = readFileSync(join(CASES, id, 'change.patch'), 'utf8');
    const patch = parsePatch(patchText);
    const [before, after] = meta.direction === 'forward' ? [fixture, apply(fixture, patch)] : [apply(fixture, reversePatch(patch)), fixture];
    const dir = mkdtempSync(join(tmpdir(), 'bmg-replay-table-'));
    try {
      mkdirSync(join(dir, 'fleet'));
      const a = generate(join(dir, 'fleet'), before, join(dir, 'before'));
      const b = generate(join(dir, 'fleet'), after, join(dir, 'after'));
      row.yamlLines = diffLines(patchText);
      row.cfgLines = cfgLines(a, b);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rows.push(row);
}

if (json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const cell = (v) => (v === null ? '—' : String(v));
  console.log('| change | kind | YAML lines | Python lines | out/master.cfg lines | builders affected (k) | 2k+10 |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const name = `${r.commit}${r.pr ? ` (#${r.pr})` : ''} ${r.title.replace(/\|/g, '\\|')}${r.pending ? ' — pending' : ''}`;
    console.log(`| ${name} | ${r.kinds} | ${cell(r.yamlLines)} | ${r.pythonLines} | ${cell(r.cfgLines)} | ${r.builders} | ${r.bound} |`);
  }
  const done = rows.filter((r) => !r.pending);
  const over = done.filter((r) => r.cfgLines > r.bound).length;
  console.log(`\n${done.length} of ${rows.length} cases runnable; out/master.cfg within 2k+10 for ${done.length - over} of ${done.length}.`);
}
