// One cold run of the pipeline inside this process, timing each stage with the stage
// functions imported from dist/. Prints one JSON line. Run by bench/run.mjs in a fresh
// process per sample (so module loading and first-call compilation are counted as the CLI
// pays them), or by hand:
//   node bench/stages.mjs WORKERS.yaml BUILDERS.yaml OUTDIR
//
// Stages: import (loading the modules), load (YAML -> data with positions),
// validate (schema + semantic checks), expand (the builder matrix, as the pipeline makes it
// after validation),
// render (templates -> text),
// write (atomic write), compare (reading the file back and comparing, as `check` does).
import { performance } from 'node:perf_hooks';
import { join, basename } from 'node:path';

const [workersPath, buildersPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/stages.mjs WORKERS.yaml BUILDERS.yaml OUTDIR');
  process.exit(2);
}
const ms = {};
const rss = {};
let t = performance.now();
const lap = (name) => {
  const now = performance.now();
  ms[name] = now - t;
  rss[name] = process.memoryUsage().rss;
  t = performance.now();
};

const dist = new URL('../dist/', import.meta.url);
const [{ loadYaml }, { validate }, { expand }, { render }, { writeAtomic, readIfExists, OUTPUT_FILE }] = await Promise.all([
  import(new URL('load/load.js', dist)),
  import(new URL('validate/validate.js', dist)),
  import(new URL('expand/expand.js', dist)),
  import(new URL('render/render.js', dist)),
  import(new URL('cli/out-dir.js', dist)),
]);
lap('import');

const workers = loadYaml(workersPath, basename(workersPath));
const builders = loadYaml(buildersPath, basename(buildersPath));
lap('load');

const checked = validate(workers, builders);
if (!checked.fleet) {
  console.error(JSON.stringify(checked.problems.slice(0, 5), null, 2));
  process.exit(2);
}
lap('validate');

// validate() checks the declarations; expand makes the builder matrix.
const matrix = expand(checked.fleet);
lap('expand');

const text = render({ matrix, sources: [basename(workersPath), basename(buildersPath)] });
lap('render');

const outFile = join(outDir, OUTPUT_FILE);
writeAtomic(outFile, text);
lap('write');

const same = readIfExists(outFile) === text;
lap('compare');
if (!same) throw new Error('read back a different file');

console.log(JSON.stringify({ ms, rss, maxRssKiB: process.resourceUsage().maxRSS, builders: matrix.builders.length, workers: matrix.workers.length, bytes: Buffer.byteLength(text) }));
