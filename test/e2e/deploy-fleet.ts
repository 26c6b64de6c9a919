// A reduced copy of the 2026 fleet for the deploy and PostgreSQL end-to-end tests: the same
// workers.yaml, branches, variants and schedulers, and the builder definitions of four Linux
// workers (76 builders instead of 1,037: a master starts in seconds, not 34-49 s). The edits
// the tests make are the ones a maintainer makes, on the YAML text.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { tableRecords } from '../../src/explain/drift.js';

const REPO = resolve(import.meta.dirname, '../..');
const SOURCE = join(REPO, 'fleets/cpython-2026');
export const KEEP_WORKERS = ['angelico-debian-amd64', 'bolen-ubuntu', 'cstratak-fedora-stable-x86_64', 'cstratak-RHEL8-x86_64'];

export class ReducedFleet {
  constructor(readonly dir: string) {}

  static create(dir: string): ReducedFleet {
    mkdirSync(dir, { recursive: true });
    const schema = (t: string) => t.replace('../../schema/', `${REPO}/schema/`);
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
    writeFileSync(path, `${readFileSync(path, 'utf8').trimEnd()}\n${text}`);
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

  /** The builder names of the generated master.cfg. */
  builders(): string[] {
    return tableRecords(readFileSync(this.masterCfg, 'utf8'), 'BUILDERS')
      .map((r) => String(r.name))
      .sort();
  }
}
