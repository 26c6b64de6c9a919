// A reduced copy of the 2026 fleet for the deploy and PostgreSQL end-to-end tests: the same
// workers.yaml, branches, variants and schedulers, and the builder definitions of four Linux
// workers (76 builders instead of 1,037: a master starts in seconds, not 34-49 s). The edits
// the tests make are the ones a maintainer makes, on the YAML text.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { tableRecords } from '../../src/explain/drift.js';
import { sleep } from './api.js';
import { addWorkerText } from '../../bench/diff-edits.mjs';
import type { FixtureRepo } from './fixture.js';
import type { Harness } from './harness.js';
import type { Buildbot } from '../buildbots.js';

const WWW_STUB = join(import.meta.dirname, 'www-stub');

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = join(REPO_ROOT, 'fleets/cpython-2026');
export const KEEP_WORKERS = ['angelico-debian-amd64', 'bolen-ubuntu', 'cstratak-fedora-stable-x86_64', 'cstratak-RHEL8-x86_64'];

export class ReducedFleet {
  constructor(readonly dir: string) {}

  static create(dir: string): ReducedFleet {
    mkdirSync(dir, { recursive: true });
    const schema = (t: string) => t.replace('../../schema/', `${REPO_ROOT}/schema/`);
    writeFileSync(join(dir, 'workers.yaml'), schema(readFileSync(join(SOURCE, 'workers.yaml'), 'utf8')));
    const lines = schema(readFileSync(join(SOURCE, 'builders.yaml'), 'utf8')).split('\n');
    const at = lines.indexOf('builders:');
    const kept = lines.slice(at + 1).filter((l) => !/^ {2}- \{/.test(l) || KEEP_WORKERS.some((w) => l.includes(`worker: ${w},`)));
    writeFileSync(join(dir, 'builders.yaml'), [...lines.slice(0, at + 1), ...kept].join('\n'));
    return new ReducedFleet(dir);
  }

  /** Replace `from` (which must occur exactly once) in workers.yaml or builders.yaml. */
  edit(file: 'workers' | 'builders', from: string, to: string): void {
    const path = join(this.dir, `${file}.yaml`);
    const text = readFileSync(path, 'utf8');
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`${file}.yaml: ${JSON.stringify(from)} occurs ${count} times`);
    writeFileSync(path, text.replace(from, to));
  }

  append(file: 'workers' | 'builders', text: string): void {
    const path = join(this.dir, `${file}.yaml`);
    const yaml = readFileSync(path, 'utf8');
    const owners = /^owners:/m.exec(yaml);
    if (file === 'builders' || !owners) return writeFileSync(path, `${yaml.trimEnd()}\n${text}`);
    // workers.yaml ends with the owners table: the worker goes above it, and its owner, when
    // new, into the table.
    const owner = /owner: (\S+)/.exec(text)?.[1];
    const known = owner !== undefined && new RegExp(`^  ${owner}:`, 'm').test(yaml.slice(owners.index));
    writeFileSync(path, addWorkerText(yaml, text, owner && !known ? `  ${owner}: { github: null, name: null }` : undefined));
  }

  get masterCfg(): string {
    return join(this.dir, 'out/master.cfg');
  }

  /** `generate`, in process; throws on failure. */
  async generate(): Promise<void> {
    let err = '';
    const code = await main(['generate', '--fleet', this.dir], { out: () => {}, err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd: this.dir });
    if (code !== 0) throw new Error(`generate exited ${code}:\n${err}`);
  }

  /** The builder names the generated master.cfg gives a master: its BUILDERS table, and the
   *  janitor's (Buildbot's JanitorConfigurator adds `__Janitor`). */
  builders(): string[] {
    return [...tableRecords(readFileSync(this.masterCfg, 'utf8'), 'BUILDERS').map((r) => String(r.name)), '__Janitor'].sort();
  }
}

export interface Deployed {
  code: number;
  out: string;
  err: string;
}

/** `deploy BASEDIR` in process, with the master's environment (its settings file, the www stand-in). */
export async function deploy(bb: Buildbot, fleet: ReducedFleet, h: Harness, extra: string[] = [], onOut: (s: string) => void = () => {}): Promise<Deployed> {
  let out = '';
  let err = '';
  const env = { ...process.env, NO_COLOR: '1', PYBUILDBOT_SETTINGS_PATH: h.settingsPath, PYTHONPATH: WWW_STUB, PYTHONDONTWRITEBYTECODE: '1' };
  const argv = ['deploy', h.masterDir, '--fleet', fleet.dir, '--buildbot', bb.buildbot, '--python', bb.python, ...extra];
  const code = await main(argv, { out: (s) => void ((out += s), onOut(out)), err: (s) => void (err += s), env, cwd: fleet.dir });
  return { code, out, err };
}

/** From this commit on, the fixture's test step waits until the file `gate` exists (at most
 *  10 min): builds stay in flight for as long as a test needs, on a slow machine too, and end
 *  when it opens the gate (writes the file). */
export function gatedTests(repo: FixtureRepo, gate: string) {
  const script = readFileSync(join(repo.dir, 'Tools/fixture/python.sh'), 'utf8').replace(/^# gate[^\n]*\n[^\n]*\n/m, '');
  const wait = `# gate\ni=0; while [ ! -e '${gate}' ] && [ $i -lt 600 ]; do sleep 1; i=$((i+1)); done\n`;
  return repo.commit('main', { 'Tools/fixture/python.sh': script.replace('echo "Run tests in parallel', `${wait}echo "Run tests in parallel`) }, `tests wait for ${gate}`);
}

export const openGate = (gate: string) => writeFileSync(gate, '');

/** Builders the master runs now (the REST API's builders with a master). */
export async function activeBuilders(h: Harness): Promise<string[]> {
  const { builders } = await h.api.get<{ builders: { name: string; masterids: number[] }[] }>('builders');
  return builders.filter((b) => b.masterids.length > 0).map((b) => b.name).sort();
}

/** Builds not finished, by builder name. */
export async function runningBuilds(h: Harness): Promise<{ builder: string; number: number; buildid: number }[]> {
  const [{ builds }, { builders }] = await Promise.all([
    h.api.get<{ builds: { buildid: number; number: number; builderid: number }[] }>('builds?complete=false'),
    h.api.get<{ builders: { builderid: number; name: string }[] }>('builders'),
  ]);
  const names = new Map(builders.map((b) => [b.builderid, b.name]));
  return builds.map((b) => ({ builder: names.get(b.builderid)!, number: b.number, buildid: b.buildid }));
}

export async function waitFor<T>(what: string, f: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** Force `builders` on main and wait until each has a build running; their build ids. */
export async function startBuilds(h: Harness, builders: string[]): Promise<Map<string, number>> {
  await h.force(builders, 'main');
  const running = await waitFor(`builds of ${builders.join(', ')} to start`, async () => {
    const r = await runningBuilds(h);
    return builders.every((b) => r.some((x) => x.builder === b)) && r;
  });
  return new Map(running.filter((r) => builders.includes(r.builder)).map((r) => [r.builder, r.buildid]));
}

export async function buildResult(h: Harness, buildid: number, timeoutMs = 180_000): Promise<number> {
  return waitFor(`build ${buildid} to finish`, async () => {
    const { builds } = await h.api.get<{ builds: { complete: boolean; results: number }[] }>(`builds/${buildid}`);
    return builds[0]!.complete && { r: builds[0]!.results };
  }, timeoutMs).then((x) => x.r);
}

