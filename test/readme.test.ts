// The commands of the README and of the guides a newcomer follows (docs/commands.md,
// docs/add-your-worker.md), run as a worker owner would after `npm ci`: every command of
// their shell blocks (with its placeholders filled), on a fleet copy where the guide's own
// "Add your worker" snippets have been added; and their example outputs match what the CLI
// prints. A command added to those files without a case here fails this test. The
// README's own example (a worker and a builder for today's fleet) is checked too.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const GUIDE = readFileSync(join(ROOT, 'docs', 'add-your-worker.md'), 'utf8');
const COMMANDS = readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The ```sh blocks of a Markdown text. */
const shBlocks = (text: string) => [...text.matchAll(/^( *)```sh\n([\s\S]*?)^\1```/gm)].map((m) => m[2]!);

/** The commands of those blocks, without comments (each once). */
const commands = [...new Set([README, COMMANDS, GUIDE].flatMap(shBlocks).flatMap((block) =>
  block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => l.split(/\s+&&\s+/)),
))];

/** The guide's YAML snippets of "Add your worker", indented as in the files. */
const yamlBlocks = [...GUIDE.matchAll(/^ {3}```yaml\n([\s\S]*?)^ {3}```/gm)].map((m) => m[1]!.replace(/^ {3}/gm, ''));
const [workerSnippet, builderSnippet] = yamlBlocks;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readme-'));
  for (const f of ['workers.yaml', 'builders.yaml', 'out']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  // A fleet repository after `npm ci`: node_modules/.bin/buildmaster-gen is this package's CLI.
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'dist', 'cli', 'main.js'), join(dir, 'node_modules', '.bin', 'buildmaster-gen'));
  // Step 1 and 2 of "Add your worker": the README's snippets, at the end of each file.
  // The worker goes at the end of `workers:`, above the `owners:` table, and its owner into
  // that table (docs/add-your-worker.md; README's section moves there).
  const workers = readFileSync(join(dir, 'workers.yaml'), 'utf8');
  const owners = workers.indexOf('\n# The owners of the workers above');
  const worker = `\n${workerSnippet!.replace(/^/gm, '  ').replace(/^ {2}$/gm, '')}`;
  writeFileSync(join(dir, 'workers.yaml'), `${workers.slice(0, owners)}${worker}${workers.slice(owners)}  jdoe: { github: jdoe, name: Jane Doe }\n`);
  appendFileSync(join(dir, 'builders.yaml'), `${builderSnippet!.replace(/^/gm, '  ').replace(/^ {2}$/gm, '')}`);
  cpSync(join(ROOT, 'out', 'master.cfg'), join(dir, 'base.cfg'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npx commands in the fleet repository; npm scripts in this one (they are its scripts). */
const run = (line: string) => spawnSync('bash', ['-c', line], { cwd: line.startsWith('npm run') ? ROOT : dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });

/** How each README command is run here: the line (placeholders filled), or why it is not run. */
function plan(line: string): { run: string[] } | { skip: string } {
  if (line === 'npm ci') return { skip: 'the fixture is what npm ci leaves (dist/, node_modules/.bin)' };
  if (line === 'npm run setup') return { skip: 'installs system packages (test/setup.test.ts runs it with stand-ins)' };
  if (line === 'npm test' || /vitest run/.test(line)) return { skip: 'the test suite itself' };
  if (line.startsWith('npm run ')) {
    const script = line.split(/\s+/)[2]!;
    expect(pkg.scripts[script], `npm script ${script}`).toBeDefined();
    return { run: [line.replace('-- NAME', '-- koobs-freebsd10')] };
  }
  if (!line.startsWith('npx buildmaster-gen')) throw new Error(`README command without a case in test/readme.test.ts: ${line}`);
  return {
    run: [
      line
        .replace(' NAME', ' jdoe-fedora-x86-64')
        .replace(' BASE', ' base.cfg')
        .replace(' [--json]', '')
        .replace(' [COMMAND]', ''),
      ...(line.includes('[--json]') ? [line.replace(' [--json]', ' --json')] : []),
      ...(line.includes('[COMMAND]') ? [line.replace(' [COMMAND]', ' check')] : []),
    ],
  };
}

describe("the README's commands", () => {
  it('are found (the shell blocks were read)', () => {
    expect(commands).toEqual(expect.arrayContaining(['npx buildmaster-gen validate', 'npx buildmaster-gen explain jdoe-fedora-x86-64', 'npm run generate', 'npm ci']));
    expect(workerSnippet).toContain('name: jdoe-fedora-x86-64');
    expect(builderSnippet).toContain('worker: jdoe-fedora-x86-64');
  });

  it('run, in order, on the default fleet plus the README\'s new worker', { timeout: 300_000 }, () => {
    // The new worker changes out/: generate first, as the README's quick start does.
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
    expect(run('npx buildmaster-gen explain jdoe-fedora-x86-64').stdout).toMatch(/^Worker jdoe-fedora-x86-64 /);
    expect(run('npx buildmaster-gen explain "AMD64 Fedora 40 3.x"').stdout).toMatch(/^AMD64 Fedora 40 3\.x\n/);
    expect(run('npx buildmaster-gen changes base.cfg').stdout).toContain('builders added (5):\n    AMD64 Fedora 40 (2.7, 3.5, 3.6, 3.x, custom)');
  });

  it("the README's example of a problem is what validate prints (at that line, for the README's worker)", () => {
    const example = /^ {3}(workers\.yaml:(\d+):(\d+): `amd64` is another name for .*)$/m.exec(GUIDE)!;
    expect(example).not.toBeNull();
    const text = readFileSync(join(dir, 'workers.yaml'), 'utf8');
    writeFileSync(join(dir, 'workers.yaml'), text.replace('arch: x86-64                    # x86', 'arch: amd64                     # x86'));
    try {
      const r = run('npx buildmaster-gen validate');
      expect(r.status).toBe(2);
      const printed = r.stderr.split('\n')[0]!;
      expect(printed.replace(/:\d+:\d+:/, ':L:C:')).toBe(example[1]!.replace(/:\d+:\d+:/, ':L:C:'));
      // The README gives the line where its worker's `arch` lands when appended to workers.yaml.
      expect(printed).toMatch(new RegExp(`^workers\\.yaml:${example[2]}:${example[3]}:`));
    } finally {
      writeFileSync(join(dir, 'workers.yaml'), text);
    }
  });
});

describe("the README's example", () => {
  /** The README's two top-level ```yaml blocks: a worker, then a builder definition. */
  const [worker, builder] = [...README.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1]!);

  it('is a worker and a builder that today\'s fleet accepts with --strict, and explain shows', () => {
    expect(worker).toMatch(/^- name: /);
    expect(builder).toMatch(/^- \{ name: /);
    const fleet = mkdtempSync(join(tmpdir(), 'readme-example-'));
    try {
      const src = join(ROOT, 'fleets', 'cpython-2026');
      for (const f of ['workers.yaml', 'builders.yaml']) cpSync(join(src, f), join(fleet, f));
      // Appended at the end of each file's last list (workers:, builders:), indented as it.
      appendFileSync(join(fleet, 'workers.yaml'), `\n${worker!.replace(/^(?=.)/gm, '  ')}`);
      appendFileSync(join(fleet, 'builders.yaml'), `\n${builder!.replace(/^(?=.)/gm, '  ')}`);
      const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args, '--fleet', fleet], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
      const name = /name: (\S+)/.exec(worker!)![1]!;
      const v = cli('validate', '--strict');
      expect(v.status, v.stderr).toBe(0);
      const e = cli('explain', name);
      expect(e.status, e.stderr).toBe(0);
      expect(e.stdout).toMatch(new RegExp(`^Worker ${name} `));
      expect(e.stdout).toContain(/name: ([^,]+),/.exec(builder!)![1]!);
    } finally {
      rmSync(fleet, { recursive: true, force: true });
    }
  });
});
