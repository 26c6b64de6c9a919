// Synthetic fleets derived from the default one: `factor` copies of every worker and of
// every builder definition, with unique names, so the builder count is factor x 162.
//
// Copy 0 keeps the original names (1x is exactly the default fleet). Copy i > 0 renames
//   worker   `<owner>-<suffix>`  -> `<owner>-<suffix>-c<i>`   (same owner, still valid, <= 50 chars)
//   builder  `<name>`            -> `<name>-c<i>`             (so "<name>-c<i> <branch>", and
//                                                               `bolen-dmg-c<i>-<branch>` for name_format "{name}-{branch}")
// Builder directories stay unique because they contain the (unique) worker name, or the
// (unique) builder name for `dir_format: "{builder}"`.
//
// The files are written as YAML block sequences of flow mappings (JSON syntax, one item
// per line): valid YAML 1.2 that keeps the 1000x fleet under the loader's 10 MiB limit.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = new URL('../', import.meta.url);

export function readDefaultFleet(root = ROOT) {
  const workers = parse(readFileSync(new URL('workers.yaml', root), 'utf8'));
  const builders = parse(readFileSync(new URL('builders.yaml', root), 'utf8'));
  return { workers, builders };
}

const workerName = (name, i) => (i === 0 ? name : `${name}-c${i}`);
const builderName = (name, i) => (i === 0 ? name : `${name}-c${i}`);

/** The data of the fleet `factor` times the default one. */
export function scaleFleet(base, factor) {
  const workers = [];
  const defs = [];
  for (let i = 0; i < factor; i++) {
    for (const w of base.workers.workers) {
      const name = workerName(w.name, i);
      if (name.length > 50) throw new Error(`worker name too long: ${name}`);
      workers.push({ ...w, name });
    }
    for (const d of base.builders.builders) defs.push({ ...d, name: builderName(d.name, i), worker: workerName(d.worker, i) });
  }
  const { builders: _b, ...rest } = base.builders;
  return { workers: { workers }, builders: { ...rest, builders: defs } };
}

const seq = (key, items) => `${key}:\n${items.map((x) => `  - ${JSON.stringify(x)}\n`).join('')}`;

/** Write workers.yaml and builders.yaml of the scaled fleet into `dir`; returns their paths and sizes. */
export function writeFleet(dir, factor, base = readDefaultFleet()) {
  const f = scaleFleet(base, factor);
  mkdirSync(dir, { recursive: true });
  const workersText = `# synthetic fleet: ${factor}x the default one (bench/fleet.mjs)\n${seq('workers', f.workers.workers)}`;
  const { builders: defs, ...rest } = f.builders;
  const head = Object.entries(rest)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`)
    .join('');
  const buildersText = `# synthetic fleet: ${factor}x the default one (bench/fleet.mjs)\n${head}${seq('builders', defs)}`;
  const workers = join(dir, 'workers.yaml');
  const builders = join(dir, 'builders.yaml');
  writeFileSync(workers, workersText);
  writeFileSync(builders, buildersText);
  return { workers, builders, bytes: Buffer.byteLength(workersText) + Buffer.byteLength(buildersText), workerCount: f.workers.workers.length, defCount: defs.length };
}
