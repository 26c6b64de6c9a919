// .github/workflows/check.yml, run step by step as the runner would (bash -eo pipefail, the
// runner's environment: GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_WORKSPACE,
// RUNNER_TEMP, GITHUB_BASE_REF), on a fleet repository with a base branch and a pull request:
// its annotations, its exit codes and the job summary it leaves. The repository holds the
// top-level fleet and, where a test says so, fleets/cpython-2026 and others: the workflow
// finds every fleet itself.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILDBOTS, type Buildbot } from './buildbots.js';

const ROOT = join(import.meta.dirname, '..');
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'check.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs)[0]!.steps;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

/** A fleet repository (the default fleet on `main`, with the live fleets/cpython-2026 when
 *  `with2026`, pushed to a bare `origin`), checked out on a pull-request branch whose change
 *  `edit` makes. `npx buildmaster-gen` is this package, as after `npm ci` in a repository
 *  that depends on it. */
function pullRequest(edit: (dir: string) => void, { with2026 = false } = {}): { work: string; temp: string } {
  const base = mkdtempSync(join(tmpdir(), 'workflow-'));
  dirs.push(base);
  const origin = join(base, 'origin.git');
  const work = join(base, 'work');
  const temp = join(base, 'runner-temp');
  mkdirSync(temp);
  mkdirSync(work);
  for (const f of ['workers.yaml', 'builders.yaml', '.gitattributes']) copyFileSync(join(ROOT, f), join(work, f));
  cpSync(join(ROOT, 'out'), join(work, 'out'), { recursive: true });
  if (with2026) cpSync(join(ROOT, 'fleets', 'cpython-2026'), join(work, 'fleets', 'cpython-2026'), { recursive: true });
  writeFileSync(join(work, '.gitignore'), 'node_modules/\n');
  mkdirSync(join(work, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'dist', 'cli', 'main.js'), join(work, 'node_modules', '.bin', 'buildmaster-gen'));
  git(work, 'init', '-q');
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'the fleet');
  git(base, 'clone', '-q', '--bare', work, origin);
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'checkout', '-qb', 'pr');
  edit(work);
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'the pull request');
  return { work, temp };
}

interface StepRun {
  name: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the workflow's `run:` steps: the setup steps (`uses:`, npm ci, apt-get) are what the
 *  fixture already did; `if:` is read for success(), always() and the event name. */
function runWorkflow(work: string, temp: string, bb: Buildbot = BUILDBOTS[0]!): { runs: StepRun[]; summary: string } {
  const runs: StepRun[] = [];
  let failed = false;
  let summary = '';
  // What steps wrote to $GITHUB_ENV (KEY=VALUE lines): the environment of the steps after them.
  const stepEnv: Record<string, string> = {};
  for (const step of steps) {
    if (!step.run) continue;
    if (/^npm ci\b/.test(step.run) || /apt-get/.test(step.run)) continue;
    // The fixture is a pull request: `github.event_name == 'pull_request'` holds.
    const cond = step.if ?? 'success()';
    if (!/always\(\)/.test(cond) && failed) continue;
    // Each step has its own summary file; the runner appends them to the job summary.
    const stepSummary = join(temp, `summary-${runs.length}.md`);
    writeFileSync(stepSummary, '');
    const envFile = join(temp, `env-${runs.length}`);
    writeFileSync(envFile, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: work,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...stepEnv,
        // The one expression a `run:` step's env reads: the upload step's output.
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace('${{ steps.report.outputs.artifact-url }}', ARTIFACT_URL)])),
        // `buildbot` is the Buildbot under test's.
        PATH: `${bb.binDir}:${process.env.PATH}`,
        NO_COLOR: '1',
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_BASE_REF: 'main',
        GITHUB_HEAD_REF: 'pr',
        GITHUB_WORKSPACE: work,
        GITHUB_STEP_SUMMARY: stepSummary,
        GITHUB_ENV: envFile,
        RUNNER_TEMP: temp,
      },
    });
    for (const line of readFileSync(envFile, 'utf8').split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) stepEnv[line.slice(0, at)] = line.slice(at + 1);
    }
    runs.push({ name: step.name ?? step.run, status: r.status, stdout: r.stdout, stderr: r.stderr });
    summary += readFileSync(stepSummary, 'utf8');
    if (r.status !== 0) failed = true;
  }
  return { runs, summary };
}

// Every step of the workflow, on one or two fleets (the 2026 one: 1,000 builders validated,
// checked, compared, reported and loaded by Buildbot).
const WORKFLOW_TIMEOUT = 300_000;
const ARTIFACT_URL = 'https://github.invalid/o/r/actions/runs/1/artifacts/2';
const step = (runs: StepRun[], name: RegExp) => runs.find((r) => name.test(r.name))!;
const annotations = (runs: StepRun[]) => runs.flatMap((r) => `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('::')));

const ADD_WORKER = `
  - name: jdoe-fedora-x86-64
    owner: jdoe
    os: { family: linux, distribution: fedora, version: "40" }
    arch: x86-64
    parallel: 4
`;
const ADD_BUILDER = `  - { name: AMD64 Fedora 40, worker: jdoe-fedora-x86-64, variant: debug, stability: unstable }\n`;

function addFedora(dir: string) {
  // At the end of `workers:`, above the `owners:` table, with its owner in that table (docs/add-your-worker.md).
  const workers = readFileSync(join(dir, 'workers.yaml'), 'utf8');
  const owners = workers.indexOf('\n# The owners of the workers above');
  writeFileSync(join(dir, 'workers.yaml'), owners < 0 ? workers + ADD_WORKER : `${workers.slice(0, owners)}${ADD_WORKER}${workers.slice(owners)}  jdoe: { github: jdoe, name: Jane Doe }\n`);
  appendFileSync(join(dir, 'builders.yaml'), ADD_BUILDER);
}

describe('.github/workflows/check.yml', () => {
  it('uses the current Node.js LTS and current major versions of the actions', () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual(['actions/checkout@v7', 'actions/setup-node@v7', 'actions/upload-artifact@v7']);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))).toMatchObject({ with: { 'node-version': 24 } });
  });

  it.each(BUILDBOTS)('a good pull request (a new worker, out/ regenerated): every step passes on both fleets, checkconfig on Buildbot $id too; the job summary is what it adds, per fleet', (bb) => {
    const { work, temp } = pullRequest((dir) => {
      addFedora(dir);
      expect(spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'generate'], { cwd: dir }).status).toBe(0);
    }, { with2026: true });
    const { runs, summary } = runWorkflow(work, temp, bb);
    for (const r of runs) expect(r.status, `${r.name}\n${r.stdout}\n${r.stderr}`).toBe(0);
    expect(step(runs, /^Find the fleets$/).stdout).toBe('Fleets: . fleets/cpython-2026\n');
    expect(summary).toContain('## Fleets checked\n\n- `.`\n- `fleets/cpython-2026`\n');
    expect(step(runs, /^Validate/).stdout).toMatch(/^\.: ok: 167 builders on 30 workers\nfleets\/cpython-2026: ok: \d+ builders on \d+ workers\n$/);
    expect(step(runs, /^out\/master\.cfg is up to date$/).stdout).toMatch(/^\.: ok: out\/master\.cfg is up to date .*\nfleets\/cpython-2026: ok: fleets\/cpython-2026\/out\/master\.cfg is up to date /);
    const checkconfig = step(runs, /^Buildbot accepts the generated configs$/);
    expect(`${checkconfig?.stdout}${checkconfig?.stderr}`.split('Config file is good!').length - 1, 'checkconfig ran on each fleet').toBe(2);
    expect(runs.map((r) => r.name)).toEqual(expect.arrayContaining(['Validate the declarations', 'out/master.cfg is up to date', 'What the pull request changes (job summary)']));
    // Each fleet's section of the summary names it; the unchanged 2026 fleet says so.
    expect(summary).toContain('## What this change does to the fleet (fleets/cpython-2026/out/master.cfg)');
    expect(step(runs, /job summary/).stdout).toContain('== fleets/cpython-2026\nNo builder, worker or scheduler changes.');
    expect(annotations(runs)).toEqual([]);
    // The pull request's drift, in Markdown: not the whole fleet matrix, no workflow commands.
    expect(summary).toContain('## What this change does to the fleet (out/master.cfg)');
    expect(summary).toContain('Builders: 5 added (162 → 167 builders).');
    expect(summary).toContain('- `AMD64 Fedora 40` on `2.7`, `3.5`, `3.6`, `3.x`, `custom`');
    expect(summary).toMatch(/\*\*Workers added \(1\)\*\*\n\n- `jdoe-fedora-x86-64`/);
    expect(summary).not.toMatch(/^::/m);
    expect(summary).not.toContain('angelico-debian-amd64'); // an untouched worker: this is not the matrix
    // The fleet report: written where the upload step looks, marking what the pull request adds; linked.
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))! as Step & { with: { path: string } };
    const reports = join(temp, upload.with.path.replace('${{ runner.temp }}/', ''));
    expect(readdirSync(reports).sort()).toEqual(['report-cpython-2026.html', 'report.html']);
    expect(readFileSync(join(reports, 'report-cpython-2026.html'), 'utf8')).toMatch(/<title>[^<]*against origin\/main[^<]*<\/title>/);
    const html = readFileSync(join(reports, 'report.html'), 'utf8');
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('What the change does to the fleet work (against origin/main)');
    const data = JSON.parse(/<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)![1]!) as { builders: { name: string; change?: string }[] };
    expect(data.builders.filter((b) => b.change).map((b) => `${b.change} ${b.name}`)).toEqual(['2.7', '3.5', '3.6', '3.x', 'custom'].map((br) => `added AMD64 Fedora 40 ${br}`));
    expect(summary).toContain(`[Download them](${ARTIFACT_URL})`);
    expect(summary).toContain('- `.`: report.html\n- `fleets/cpython-2026`: report-cpython-2026.html\n');
  }, WORKFLOW_TIMEOUT);

  it('the trial: a stale out/master.cfg is an ::error on the file naming the builders, and the summary says what is missing', () => {
    const { work, temp } = pullRequest(addFedora); // out/ not regenerated
    const { runs, summary } = runWorkflow(work, temp);
    const check = step(runs, /^out\/master\.cfg is up to date$/);
    expect(check.status).toBe(1);
    const error = check.stdout.split('\n').find((l) => l.startsWith('::error'))!;
    expect(error).toMatch(/^::error file=out\/master\.cfg,line=\d+,col=1,title=out-of-date::out\/master\.cfg is not what the declarations generate: builders added AMD64 Fedora 40 \(2\.7, 3\.5, 3\.6, 3\.x, custom\)\. Run `npx buildmaster-gen generate --fleet \.` and commit the result$/);
    const line = Number(/line=(\d+)/.exec(error)![1]);
    const committed = readFileSync(join(work, 'out', 'master.cfg'), 'utf8').split('\n');
    const generated = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'generate', '--out', join(temp, 'gen')], { cwd: work });
    expect(generated.status).toBe(0);
    const fresh = readFileSync(join(temp, 'gen', 'master.cfg'), 'utf8').split('\n');
    expect(committed.slice(0, line - 1)).toEqual(fresh.slice(0, line - 1));
    expect(committed[line - 1]).not.toBe(fresh[line - 1]);
    // Validation passed (the YAML is fine); the summary step still ran (always()).
    expect(step(runs, /^Validate/).status).toBe(0);
    expect(step(runs, /job summary/).status).toBe(0);
    expect(summary).toContain('## out/master.cfg is out of date: what `npx buildmaster-gen generate --fleet .` would change');
    expect(summary).toContain('## What this change does to the fleet (out/master.cfg)');
    expect(summary).not.toMatch(/^::/m);
    expect(summary).not.toContain('::error');
  }, WORKFLOW_TIMEOUT);

  it('under --strict a warning fails the pull request and is annotated as an error, once', () => {
    const { work, temp } = pullRequest((dir) => {
      const text = readFileSync(join(dir, 'builders.yaml'), 'utf8');
      const edited = text.replace('variant: debug\n    stability: unstable\n    configure_extra: ["CFLAGS=-I/usr/local/include/ncursesw"]', 'variant: debug\n    stability: stable\n    configure_extra: ["CFLAGS=-I/usr/local/include/ncursesw"]');
      expect(edited).not.toBe(text);
      writeFileSync(join(dir, 'builders.yaml'), edited);
    });
    const { runs, summary } = runWorkflow(work, temp);
    expect(step(runs, /^Validate/).status).toBe(2);
    const all = annotations(runs);
    expect(all.filter((l) => l.includes('title=offline-stable'))).toHaveLength(1); // not once per step
    expect(all.find((l) => l.includes('title=offline-stable'))).toMatch(/^::error file=builders\.yaml,line=\d+,col=\d+,title=offline-stable::builder `x86 OpenIndiana` is marked stable/);
    expect(summary).not.toMatch(/^::/m);
  }, WORKFLOW_TIMEOUT);

  it('a file in a subdirectory of the workspace is annotated with its path from the workspace', () => {
    const { work, temp } = pullRequest((dir) => {
      mkdirSync(join(dir, 'fleets', 'small'), { recursive: true });
      for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, 'test', 'lint', 'base', f), join(dir, 'fleets', 'small', f));
      writeFileSync(join(dir, 'fleets', 'small', 'workers.yaml'), readFileSync(join(dir, 'fleets', 'small', 'workers.yaml'), 'utf8').replace('arch: x86-64\n    parallel: 4', 'arch: x86-64\n    parallel: 0'));
    });
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'validate'], { cwd: join(work, 'fleets', 'small'), encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: work, RUNNER_TEMP: temp } });
    expect(r.stdout).toMatch(/^::error file=fleets\/small\/workers\.yaml,line=7,col=15,title=out-of-range::`parallel` of worker/m);
  });
  it('issue 17: a stale fleets/cpython-2026/out/master.cfg fails the check step, named in the annotation, the log and the job summary', () => {
    const { work, temp } = pullRequest((dir) => {
      // A new owner's worker and builder in the 2026 fleet, out/ not regenerated.
      const fleet = join(dir, 'fleets', 'cpython-2026');
      for (const [file, key, text] of [['workers.yaml', 'workers', ADD_WORKER.slice(1)], ['builders.yaml', 'builders', '  - { name: AMD64 Fedora 40, worker: jdoe-fedora-x86-64, variant: fedora, tier: tier-2, stability: unstable }\n']] as const) {
        const yaml = readFileSync(join(fleet, file), 'utf8');
        const at = yaml.indexOf(`\n${key}:\n`) + key.length + 3;
        expect(at).toBeGreaterThan(key.length + 2);
        writeFileSync(join(fleet, file), yaml.slice(0, at) + text + yaml.slice(at));
      }
      // The new owner in the owners table (the end of the file).
      appendFileSync(join(fleet, 'workers.yaml'), '  jdoe: { github: jdoe, name: Jane Doe }\n');
    }, { with2026: true });
    const { runs, summary } = runWorkflow(work, temp);
    expect(step(runs, /^Validate/).status).toBe(0);
    const check = step(runs, /^out\/master\.cfg is up to date$/);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/^\.: ok: out\/master\.cfg is up to date/m); // the other fleet is fine
    expect(check.stderr).toContain('fleets/cpython-2026/out/master.cfg is out of date: run `npx buildmaster-gen generate --fleet fleets/cpython-2026` and commit the result');
    const errors = annotations(runs).filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error file=fleets\/cpython-2026\/out\/master\.cfg,line=\d+,col=1,title=out-of-date::fleets\/cpython-2026\/out\/master\.cfg is not what the declarations generate: builders added AMD64 Fedora 40 \(/);
    expect(summary).toContain('## fleets/cpython-2026/out/master.cfg is out of date: what `npx buildmaster-gen generate --fleet fleets/cpython-2026` would change');
    expect(summary).not.toContain('## out/master.cfg is out of date');
    // What the pull request does, per fleet (always()).
    expect(summary).toContain('## What this change does to the fleet (fleets/cpython-2026/out/master.cfg)');
    expect(summary).toContain('- `AMD64 Fedora 40` on ');
    expect(summary).not.toMatch(/^::/m);
  }, WORKFLOW_TIMEOUT);

  it('finds every fleet: a fleets/<name> added by the pull request is validated, checked and loaded; the summary says it is new; a directory without both files is not a fleet', () => {
    const { work, temp } = pullRequest((dir) => {
      const small = join(dir, 'fleets', 'small');
      mkdirSync(small, { recursive: true });
      for (const f of ['workers.yaml', 'builders.yaml']) copyFileSync(join(ROOT, 'test', 'lint', 'base', f), join(small, f));
      expect(spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'generate', '--fleet', 'fleets/small'], { cwd: dir }).status).toBe(0);
      mkdirSync(join(dir, 'fleets', 'notes'));
      writeFileSync(join(dir, 'fleets', 'notes', 'workers.yaml'), 'workers: []\n');
    });
    const { runs, summary } = runWorkflow(work, temp);
    for (const r of runs) expect(r.status, `${r.name}\n${r.stdout}\n${r.stderr}`).toBe(0);
    expect(step(runs, /^Find the fleets$/).stdout).toBe('Fleets: . fleets/small\n');
    expect(step(runs, /^Validate/).stdout).toMatch(/^fleets\/small: ok: /m);
    expect(step(runs, /^out\/master\.cfg is up to date$/).stdout).toMatch(/^fleets\/small: ok: fleets\/small\/out\/master\.cfg is up to date/m);
    expect(summary).toContain('## fleets/small/out/master.cfg is new\n\nThe base branch has no fleets/small/out/master.cfg: everything in it is new.');
    expect(`${step(runs, /^Buildbot accepts/).stdout}`).toContain('== fleets/small');
    expect(readdirSync(join(temp, 'fleet-report')).sort()).toEqual(['report-small.html', 'report.html']);
  }, WORKFLOW_TIMEOUT);
});
