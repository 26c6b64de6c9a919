// The start-up floor of any tool built on the `yaml` package: import it, parse both
// declaration files as src/load/load.ts does, and stop. `check` cannot be faster than this
// without replacing the YAML parser or caching compiled code (the CLI does: scripts/bundle.mjs).
//   node bench/floor.mjs WORKERS.yaml BUILDERS.yaml
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';

for (const f of process.argv.slice(2)) {
  parseDocument(readFileSync(f, 'utf8'), { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' }).toJS({ maxAliasCount: 100 });
}
