// A reference point: import the `yaml` package, parse both declaration files with it, and
// stop: the start-up floor of a tool that reads its files with yaml (as `check` did before
// src/load/simple-yaml.ts, which now reads plain YAML itself and leaves the rest to yaml).
//   node bench/floor.mjs WORKERS.yaml BUILDERS.yaml
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';

for (const f of process.argv.slice(2)) {
  parseDocument(readFileSync(f, 'utf8'), { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' }).toJS({ maxAliasCount: 100 });
}
