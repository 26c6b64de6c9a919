// `try` before any Buildbot starts: which builders the words name, which ref each checks
// out, the restricted master.cfg (the same steps as the fleet's), which Buildbot it runs,
// what it makes of regrtest's report and of the master's event file, and the usage errors
// (exit 2, said before a master is started). The trials themselves: test/e2e/try*.test.ts.
import { appendFileSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { tableRecords } from '../src/explain/drift.js';
import { loadFleet, renderConfig } from '../src/pipeline.js';
import { render } from '../src/render/render.js';
import { findBuildbot } from '../src/try/buildbot.js';
import { chooseBuilder, defaultRef, NothingToTry, workerBuilders } from '../src/try/choose.js';
import { EventFile } from '../src/try/events.js';
import { failedTests } from '../src/try/report.js';
import { restrictMatrix } from '../src/try/restrict.js';
import { tempDir } from './pipeline/helpers.js';

const ROOT = join(import.meta.dirname, '..');
const fleet = (dir: string) => ({ workers: join(ROOT, dir, 'workers.yaml'), builders: join(ROOT, dir, 'builders.yaml') });
const g2017 = loadFleet(fleet('.'));
const g2026 = loadFleet(fleet('fleets/cpython-2026'));
const temp = tempDir('bmg-try-');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1', PATH: process.env.PATH }, cwd: ROOT });
  return { code, out, err };
}

describe('which builder the words name', () => {
  const name = (words: string[], g = g2026) => chooseBuilder(words, g.matrix).builder.name;

  it('a builder, quoted or in words, in any case', () => {
    expect(name(['AMD64 Debian root 3.14'])).toBe('AMD64 Debian root 3.14');
    expect(name(['AMD64', 'Debian', 'root', '3.14'])).toBe('AMD64 Debian root 3.14');
    expect(name(['amd64 debian root pr'])).toBe('AMD64 Debian root PR');
  });

  it('a definition and a branch, by name or by git ref', () => {
    expect(name(['AMD64 Debian root', '3.12'])).toBe('AMD64 Debian root 3.12');
    expect(name(['AMD64 Debian root', 'main'])).toBe('AMD64 Debian root 3.x');
    expect(name(['AMD64 Debian root', 'master'], g2017)).toBe('AMD64 Debian root 3.x');
  });

  it('a definition alone: its first branch, with a note naming the others', () => {
    const c = chooseBuilder(['AMD64 Windows11 Refleaks'], g2026.matrix);
    expect(c.builder.name).toBe('AMD64 Windows11 Refleaks 3.12');
    expect(c.note).toBe('`AMD64 Windows11 Refleaks` builds on 3.12, 3.11, 3.10: trying 3.12 (name another branch after it to try that one)');
  });

  it('says what is wrong: a branch the definition skips, a misspelt name, a worker without builders', () => {
    expect(() => chooseBuilder(['AMD64 Windows11 Refleaks', '3.x'], g2026.matrix)).toThrow(
      'definition `AMD64 Windows11 Refleaks` has no builder on branch 3.x (it builds on 3.12, 3.11, 3.10; `explain "AMD64 Windows11 Refleaks 3.x"` says why)',
    );
    expect(() => chooseBuilder(['AMD64 Debain root 3.x'], g2026.matrix)).toThrow('no builder or builder definition is named `AMD64 Debain root 3.x`; did you mean `AMD64 Debian root 3.x`?');
    expect(() => workerBuilders('pablogsal-rasp', g2026.matrix)).toThrow(NothingToTry);
    expect(() => workerBuilders('angelico-debian-amd46', g2026.matrix)).toThrow('did you mean `angelico-debian-amd64`?');
    expect(workerBuilders('diegorusso-aarch64-bigmem', g2026.matrix).map((b) => b.name)).toEqual(['aarch64 Ubuntu 24.04 BigMem 3.x', 'aarch64 Ubuntu 24.04 BigMem PR']);
  });

  it("checks out the branch's git ref; a pull-request builder the main branch's, saying so", () => {
    const ref = (n: string, g = g2026) => defaultRef(chooseBuilder([n], g.matrix).builder, g.matrix);
    expect(ref('AMD64 Debian root 3.13')).toEqual({ ref: '3.13' });
    expect(ref('AMD64 Debian root 3.x')).toEqual({ ref: 'main' });
    expect(ref('AMD64 Debian root custom', g2017)).toEqual({ ref: 'buildbot-custom' });
    expect(ref('AMD64 Debian root PR').ref).toBe('main');
    expect(ref('AMD64 Debian root PR').note).toContain('give --ref to try another ref (e.g. refs/pull/N/merge)');
  });
});

describe('the restricted master.cfg', () => {
  for (const [fleetName, g, builder] of [
    ['2017', g2017, 'AMD64 Windows8.1 Refleaks 3.x'],
    ['2026', g2026, 'AMD64 CentOS9 NoGIL Refleaks 3.x'],
  ] as const) {
    it(`${fleetName}: one builder, with exactly the steps, tags and downtime it has in the fleet's master.cfg`, () => {
      const full = tableRecords(renderConfig(g, fleet('.')), 'BUILDERS');
      const restricted = tableRecords(render({ matrix: restrictMatrix(g.matrix, [builder]), sources: ['workers.yaml', 'builders.yaml'] }), 'BUILDERS');
      expect(restricted).toHaveLength(1);
      expect(restricted[0]).toEqual(full.find((b) => b.name === builder));
    });
  }

  it('keeps only its worker, and only its own builders in each scheduler (the pull-request one stays, for the services built from it)', () => {
    const m = restrictMatrix(g2026.matrix, ['AMD64 Debian root 3.x']);
    expect(m.workers.map((w) => w.name)).toEqual(['angelico-debian-amd64']);
    expect(m.schedulers.map((s) => [s.name, s.builders, s.stable_builders])).toEqual([
      ['3.x', ['AMD64 Debian root 3.x'], undefined],
      ['pull-request-scheduler', [], []],
      ['force', ['AMD64 Debian root 3.x'], undefined],
    ]);
  });
});

describe('which Buildbot', () => {
  const bin = join(temp, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const n of ['buildbot', 'buildbot-worker']) {
    writeFileSync(join(bin, n), '#!/bin/sh\n');
    chmodSync(join(bin, n), 0o755);
  }

  it('--buildbot names the command or its directory; $BUILDBOT counts only as a path', () => {
    expect(findBuildbot(bin, {}, ROOT)).toMatchObject({ buildbot: join(bin, 'buildbot'), worker: join(bin, 'buildbot-worker') });
    expect(findBuildbot(join(bin, 'buildbot'), {}, ROOT).worker).toBe(join(bin, 'buildbot-worker'));
    expect(findBuildbot(undefined, { BUILDBOT: bin, PATH: '' }, ROOT).buildbot).toBe(join(bin, 'buildbot'));
    // The test suite's BUILDBOT=3.7 is not a path: PATH decides.
    expect(findBuildbot(undefined, { BUILDBOT: '3.7', PATH: bin }, ROOT).from).toBe('PATH');
    expect(() => findBuildbot(join(temp, 'none'), {}, ROOT)).toThrow(`--buildbot ${join(temp, 'none')}: ${join(temp, 'none')} does not exist`);
    expect(() => findBuildbot(undefined, { PATH: temp }, ROOT)).toThrow('no `buildbot` command on PATH');
  });
});

describe('what the trial reads', () => {
  it("regrtest's failed tests (and those failed again), from a log's last lines", () => {
    expect(failedTests(['== Tests result: FAILURE ==', '', '2 tests failed:', '    test_os test_x', '', '1 test failed again:', '    test_x', '', 'Total duration: 1 sec'])).toEqual(['test_os', 'test_x']);
    expect(failedTests(['All 2 tests OK.'])).toEqual([]);
  });

  it('the event file line by line as it grows, a line cut in a character included', () => {
    const path = join(temp, 'events.jsonl');
    const events = new EventFile(path);
    expect(events.read()).toEqual([]);
    const line = Buffer.from(`${JSON.stringify({ event: 'step-start', buildid: 1, number: 2, name: 'tést' })}\n`);
    const cut = line.indexOf(Buffer.from('é')) + 1; // inside the two bytes of é
    appendFileSync(path, line.subarray(0, cut));
    expect(events.read()).toEqual([]);
    appendFileSync(path, line.subarray(cut));
    expect(events.read()).toEqual([{ event: 'step-start', buildid: 1, number: 2, name: 'tést' }]);
    expect(events.read()).toEqual([]);
  });
});

describe('usage errors (exit 2, before any master starts)', () => {
  it.each([
    [['try'], '`try` needs a builder (or --worker NAME)'],
    [['try', '--once', 'AMD64 Debian root 3.x'], '--once goes with --worker NAME'],
    [['try', '--worker', 'angelico-debian-amd64', 'AMD64 Debian root 3.x'], 'give a builder or --worker NAME, not both'],
    [['try', 'AMD64 Debain root 3.x'], 'did you mean `AMD64 Debian root 3.x`?'],
    [['try', 'AMD64 Debian root 3.x', '--repo', 'no/such/dir'], '--repo no/such/dir: no such directory'],
    [['try', 'AMD64 Debian root 3.x', '--repo', '.', '--ref', 'no-such-ref'], 'has no `no-such-ref` (for AMD64 Debian root 3.x): give a ref it has with --ref'],
    [['try', 'AMD64 Debian root 3.x', '--fleet', '.', '--fleet', 'fleets/cpython-2026'], '`try` works on one fleet'],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });
});
