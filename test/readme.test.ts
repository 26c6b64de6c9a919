// The commands of the README and of docs/commands.md, run as a worker owner would after
// `npm ci`: every command of their shell blocks (with its placeholders filled), on a copy of
// today's fleet where the README's own example (a worker, its owner, a builder) has been
// added. A command added to those files without a case here fails this test. The owners'
// guide (docs/add-your-worker.md) is run by test/onboard.test.ts.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkerText } from '../bench/diff-edits.mjs';

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const COMMANDS = readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The ```sh blocks of a Markdown text. */
const shBlocks = (text: string) => [...text.matchAll(/^( *)```sh\n([\s\S]*?)^\1```/gm)].map((m) => m[2]!);

/** The commands of those blocks, without comments (each once). */
const commands = [...new Set([README, COMMANDS].flatMap(shBlocks).flatMap((block) =>
  block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => l.split(/\s+&&\s+/)),
))];

/** The README's top-level ```yaml blocks: a worker, its owner's entry, a builder definition. */
const [worker, owner, builder] = [...README.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1]!);

/** Today's fleet in `dir` with the README's example added where the README says: the worker
 *  at the end of `workers:` (above the `owners:` table and its comment), its owner at the end
 *  of `owners:` (the end of the file), the builder at the end of `builders:`. */
function withReadmeExample(dir: string) {
  const src = join(ROOT, 'fleets', 'cpython-2026');
  for (const f of ['workers.yaml', 'builders.yaml', 'out']) cpSync(join(src, f), join(dir, f), { recursive: true });
  const workers = readFileSync(join(dir, 'workers.yaml'), 'utf8');
  expect(workers).toMatch(/^owners:/m);
  writeFileSync(join(dir, 'workers.yaml'), addWorkerText(workers, worker!.replace(/^(?=.)/gm, '  '), owner!.replace(/^(?=.)/gm, '  ')));
  appendFileSync(join(dir, 'builders.yaml'), `\n${builder!.replace(/^(?=.)/gm, '  ')}`);
}

const WORKER = /name: (\S+)/.exec(worker ?? '')?.[1];
const BUILDER = /name: ([^,]+),/.exec(builder ?? '')?.[1];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readme-'));
  withReadmeExample(dir);
  // A fleet repository after `npm ci`: node_modules/.bin/buildmaster-gen is this package's CLI.
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'dist', 'cli', 'main.js'), join(dir, 'node_modules', '.bin', 'buildmaster-gen'));
  cpSync(join(ROOT, 'fleets', 'cpython-2026', 'out', 'master.cfg'), join(dir, 'base.cfg'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npx commands in the fleet repository; npm scripts in this one (they are its scripts). */
const run = (line: string) => spawnSync('bash', ['-c', line], { cwd: line.startsWith('npm run') ? ROOT : dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });

/** How each command is run here: the line (placeholders filled), or why it is not run. */
function plan(line: string): { run: string[] } | { skip: string } {
  if (line === 'npm ci') return { skip: 'the fixture is what npm ci leaves (dist/, node_modules/.bin)' };
  if (line === 'npm run setup') return { skip: 'installs system packages (test/setup.test.ts runs it with stand-ins)' };
  if (line === 'npm test' || /vitest run/.test(line)) return { skip: 'the test suite itself' };
  if (line.startsWith('npm run ')) {
    const script = line.split(/\s+/)[2]!;
    expect(pkg.scripts[script], `npm script ${script}`).toBeDefined();
    return { run: [line.replace('-- NAME', '-- koobs-freebsd10')] };
  }
  if (!line.startsWith('npx buildmaster-gen')) throw new Error(`command without a case in test/readme.test.ts: ${line}`);
  return {
    run: [
      line
        .replace(' NAME', ` ${WORKER}`)
        .replace(' BASE', ' base.cfg')
        .replace(' [--json]', '')
        .replace(' [COMMAND]', ''),
      ...(line.includes('[--json]') ? [line.replace(' [--json]', ' --json')] : []),
      ...(line.includes('[COMMAND]') ? [line.replace(' [COMMAND]', ' check')] : []),
    ],
  };
}

describe("the README's commands", () => {
  it('are found (the shell blocks and the example were read)', () => {
    expect(commands).toEqual(expect.arrayContaining(['npx buildmaster-gen validate', 'npx buildmaster-gen explain NAME', 'npm run generate', 'npm ci']));
    expect(worker).toMatch(/^- name: /);
    expect(owner).toMatch(/^\w+: \{ github: /);
    expect(builder).toMatch(/^- \{ name: .*, worker: /);
  });

  it("run, in order, on today's fleet plus the README's example worker", { timeout: 300_000 }, () => {
    // The new worker changes out/: generate first, as the README says.
    expect(run('npx buildmaster-gen generate').status).toBe(0);
    for (const line of commands) {
      const p = plan(line);
      if ('skip' in p) continue;
      for (const cmd of p.run) {
        const r = run(cmd);
        expect(r.status, `${cmd}\n${r.stdout}\n${r.stderr}`).toBe(0);
        expect(r.stderr, cmd).not.toMatch(/internal error|\n\s+at /);
      }
    }
    expect(run(`npx buildmaster-gen explain ${WORKER}`).stdout).toMatch(new RegExp(`^Worker ${WORKER} `));
    expect(run(`npx buildmaster-gen explain "${BUILDER} 3.x"`).stdout).toContain(`${BUILDER} 3.x`);
    expect(run('npx buildmaster-gen changes base.cfg').stdout).toMatch(new RegExp(`builders added \\(\\d+\\):\\n {4}${BUILDER} \\(`));
  });

  it("the README's example passes validate --strict on today's fleet", () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.cjs'), 'validate', '--strict', '--fleet', dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
    expect(r.status, r.stderr).toBe(0);
  });
});
