// `generate` replaces out/master.cfg whole or not at all: a failure at any stage, or a
// kill at any moment, leaves the old bytes or the complete new ones, and no temporary
// file that a commit could pick up.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/cli/out-dir.js';
import { CLI, cli, ROOT, run, tempDir } from '../pipeline/helpers.js';
// @ts-expect-error: a plain .mjs module of the benchmarks, without types
import { writeFleet } from '../../bench/fleet.mjs';

const OLD = readFileSync(join(ROOT, 'out/master.cfg'));
const TEMP = /^\.master\.cfg\..*\.tmp$/;

/** A copy of the repository's declarations with out/master.cfg holding `old`. */
function project(old: Buffer = Buffer.from('# the previous master.cfg\n')) {
  const dir = tempDir('bmg-atomic-');
  for (const f of ['workers.yaml', 'builders.yaml']) cpSync(join(ROOT, f), join(dir, f));
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out/master.cfg'), old);
  return { dir, old, out: () => readdirSync(join(dir, 'out')), target: () => readFileSync(join(dir, 'out/master.cfg')) };
}

describe('a failing generate leaves out/ as it was', () => {
  it('when the disk fills mid-write (write(2) writes part, then fails): an error, old bytes, no temp file', () => {
    const p = project();
    // A file size limit below the output's size: the first write is cut short, the next fails.
    const r = spawnSync('bash', ['-c', `ulimit -f 64; exec "${process.execPath}" "${CLI}" generate`], { cwd: p.dir, encoding: 'utf8' });
    expect(r.stderr).toMatch(/EFBIG|short write/);
    expect([2, 3]).toContain(r.status);
    expect(p.target().equals(p.old)).toBe(true);
    expect(p.out()).toEqual(['master.cfg']); // and no package directory half made
  });

  it('when a template fails to render: exit 3, old bytes, no temp file', () => {
    // The CLI from a copy of dist/ and templates/, with one template referring to nothing.
    const root = tempDir('bmg-atomic-root-');
    cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'templates/master.cfg.hbs'), `${readFileSync(join(root, 'templates/master.cfg.hbs'), 'utf8')}{{py no_such_value}}\n`);
    const p = project();
    const r = run(process.execPath, [join(root, 'dist/cli/main.cjs'), 'generate'], { cwd: p.dir });
    expect(r.stderr).toContain('missing field');
    expect(r.status).toBe(3);
    expect(p.target().equals(p.old)).toBe(true);
    expect(p.out()).toEqual(['master.cfg']); // and no package directory half made
  });

  it('a symlink in place of out/master.cfg is neither followed nor printed (check would diff a secret)', () => {
    const p = project();
    const secret = join(p.dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-TOKEN\n');
    const link = join(p.dir, 'out/master.cfg');
    spawnSync('rm', [link]);
    symlinkSync(secret, link);
    for (const command of ['check', 'generate']) {
      const r = cli([command], { cwd: p.dir });
      expect(r.stdout + r.stderr).not.toContain('TOP-SECRET-TOKEN');
      expect(r.stderr).toMatch(/master\.cfg: .*is a symbolic link.*; remove it and run `npx buildmaster-gen generate`/);
      expect(r.status).toBe(2);
    }
    expect(readFileSync(secret, 'utf8')).toBe('TOP-SECRET-TOKEN\n');
  });
});

describe('out/ is written as a set (master.cfg and its package)', () => {
  it('a package file that cannot be replaced (a directory in its place) stops generate before anything is written', () => {
    const p = project();
    mkdirSync(join(p.dir, 'out/buildmaster_gen/config.py'), { recursive: true });
    const r = cli(['generate'], { cwd: p.dir });
    expect(r.stderr).toMatch(/config\.py is not a regular file/);
    expect(r.status).toBe(2);
    expect(p.target().equals(p.old)).toBe(true);
    expect(readdirSync(join(p.dir, 'out/buildmaster_gen'))).toEqual(['config.py']);
  });

  it('generate removes a package file it no longer writes, and check reports missing, stale and extra ones', () => {
    const p = project();
    expect(cli(['generate'], { cwd: p.dir }).status).toBe(0);
    expect(cli(['check'], { cwd: p.dir }).status).toBe(0);
    const pkg = join(p.dir, 'out/buildmaster_gen');
    rmSync(join(pkg, 'steps.py'));
    writeFileSync(join(pkg, 'www.py'), '# edited\n');
    writeFileSync(join(pkg, 'old_module.py'), '# dropped\n');
    const r = cli(['check'], { cwd: p.dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/buildmaster_gen\/steps\.py does not exist/);
    expect(r.stderr).toMatch(/buildmaster_gen\/www\.py is out of date/);
    expect(r.stderr).toMatch(/buildmaster_gen\/old_module\.py is not a file buildmaster-gen writes/);
    expect(r.stdout).not.toMatch(/ok: /);
    expect(cli(['generate'], { cwd: p.dir }).status).toBe(0);
    expect(readdirSync(pkg)).not.toContain('old_module.py');
    expect(cli(['check'], { cwd: p.dir }).status).toBe(0);
  });
});

describe('temporary files', () => {
  it('a dead writer\'s temporary file is removed by the next write; a live writer\'s is kept', () => {
    const dir = tempDir('bmg-atomic-');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = `.master.cfg.${dead}.0123456789ab.tmp`;
    const live = `.master.cfg.${process.ppid}.ba9876543210.tmp`;
    for (const f of [stale, live]) writeFileSync(join(dir, f), 'partial');
    writeAtomic(join(dir, 'master.cfg'), 'new\n');
    expect(readdirSync(dir).sort()).toEqual([live, 'master.cfg'].sort());
    expect(readFileSync(join(dir, 'master.cfg'), 'utf8')).toBe('new\n');
  });

  it('git ignores them, so a killed generate cannot get one committed', () => {
    const r = run('git', ['check-ignore', '--no-index', 'out/.master.cfg.12345.0123456789ab.tmp']);
    expect(r.status).toBe(0);
    expect(run('git', ['check-ignore', '--no-index', 'out/master.cfg']).status).toBe(1);
  });
});

describe('killed mid-generate', () => {
  // About 10,000 builders (an 11 MB master.cfg) by default; SECURITY_KILL_FACTOR=617 for 100k.
  const factor = Number(process.env.SECURITY_KILL_FACTOR ?? 62);

  it(`SIGKILL at several moments (${factor}x fleet): out/master.cfg is the old bytes or the complete new ones`, async () => {
    const fleetDir = tempDir('bmg-kill-fleet-');
    writeFleet(fleetDir, factor);
    const args = (out: string) => [CLI, 'generate', '--workers', join(fleetDir, 'workers.yaml'), '--builders', join(fleetDir, 'builders.yaml'), '--out', out];
    // The new bytes, and how long a whole run takes.
    const fresh = tempDir('bmg-kill-fresh-');
    const t0 = performance.now();
    expect(spawnSync(process.execPath, args(fresh)).status).toBe(0);
    const whole = performance.now() - t0;
    const NEW = readFileSync(join(fresh, 'master.cfg'));

    // Kill at fractions of a whole run (mostly before any write), at moments after the
    // temporary file appears (during the write, the fsync, or the rename), and too late.
    const moments: ({ at: number } | { afterTemp: number })[] = [{ at: 0.5 }, { at: 0.9 }, { afterTemp: 0 }, { afterTemp: 1 }, { afterTemp: 3 }, { afterTemp: 10 }, { afterTemp: 30 }, { afterTemp: 100 }, { afterTemp: 300 }, { at: 3 }];
    const seen = { old: 0, new: 0, partialTemp: 0 };
    const outDir = tempDir('bmg-kill-out-');
    const target = join(outDir, 'master.cfg');
    for (const moment of moments) {
      writeFileSync(target, OLD);
      const child = spawn(process.execPath, args(outDir), { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const start = performance.now();
      const deadline = start + whole * 4;
      if ('at' in moment) {
        while (performance.now() < start + whole * moment.at);
      } else {
        let temp: string | undefined;
        while (!temp && performance.now() < deadline) temp = readdirSync(outDir).find((f) => TEMP.test(f));
        const t = performance.now();
        while (performance.now() < t + moment.afterTemp);
      }
      child.kill('SIGKILL');
      await exited;
      const bytes = readFileSync(target);
      const isOld = bytes.equals(OLD);
      expect(isOld || bytes.equals(NEW), `after kill ${JSON.stringify(moment)}: ${bytes.length} bytes`).toBe(true);
      seen[isOld ? 'old' : 'new']++;
      for (const f of readdirSync(outDir).filter((f) => TEMP.test(f))) {
        if (readFileSync(join(outDir, f)).length < NEW.length) seen.partialTemp++;
      }
    }
    // The next generate completes and leaves nothing behind.
    writeFileSync(target, OLD);
    expect(spawnSync(process.execPath, args(outDir)).status).toBe(0);
    expect(readdirSync(outDir)).toEqual(['buildmaster_gen', 'master.cfg']);
    expect(readFileSync(target).equals(NEW)).toBe(true);
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
    console.log(`kills: ${JSON.stringify(seen)} (whole run ${Math.round(whole)} ms, ${NEW.length} bytes)`);
    for (const d of [fleetDir, fresh, outDir]) rmSync(d, { recursive: true, force: true }); // 10 MB to 100 MB each
  }, 600_000);
});

