// Check that the build's precompiled files (scripts/precompile.mjs) behave exactly like
// compiling at run time:
//  - dist/validate/schema-validators.cjs against ajv.compile on the same schemas: same
//    verdict and the same `errors` for the lint corpus (test/lint/cases) and thousands of
//    random mutations of the default fleet;
//  - dist/render/templates.cjs against handlebars.compile: the same master.cfg for the
//    default fleet and a 10x fleet.
// Exit 0 when identical.   node bench/verify-precompiled.mjs
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { scaleFleet, readDefaultFleet } from './fleet.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(join(root, 'dist', 'validate', 'x.js'));
let failures = 0;
const fail = (m) => {
  failures++;
  if (failures <= 10) console.error(m);
};

// ---- validators ----
const S = await import(new URL('../dist/validate/schemas.js', import.meta.url).href);
const { loadCached } = await import(new URL('../dist/validate/cached-script.js', import.meta.url).href);
const pre = loadCached(join(root, 'dist', 'validate', 'schema-validators.cjs')).exports;
const { createHash } = await import('node:crypto');
if (pre.schemasSha256 !== createHash('sha256').update(JSON.stringify([S.workersSchema, S.buildersSchema])).digest('hex')) fail('schema-validators.cjs is stale: run `npm run build`');
const Ajv = require('ajv/dist/2020.js').default;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const rt = { workers: ajv.compile(S.workersSchema), builders: ajv.compile(S.buildersSchema) };
let n = 0;
let errors = 0;
const compare = (which, data, label) => {
  n++;
  const a = pre[which](data);
  const b = rt[which](data);
  errors += (pre[which].errors ?? []).length;
  if (a !== b || !isDeepStrictEqual(pre[which].errors, rt[which].errors)) fail(`validators differ: ${label} (${which})`);
};
const cases = join(root, 'test', 'lint', 'cases');
if (existsSync(cases)) {
  const base = { 'workers.yaml': readFileSync(join(root, 'test/lint/base/workers.yaml'), 'utf8'), 'builders.yaml': readFileSync(join(root, 'test/lint/base/builders.yaml'), 'utf8') };
  for (const f of readdirSync(cases).filter((x) => x.endsWith('.yaml'))) {
    const c = parse(readFileSync(join(cases, f), 'utf8'));
    const files = { ...base, ...(c.write ?? {}) };
    for (const e of c.edits ?? []) files[e.file] = e.find !== undefined ? files[e.file].replace(e.find, e.replace ?? '') : files[e.file] + (e.append ?? '');
    for (const [file, which] of [['workers.yaml', 'workers'], ['builders.yaml', 'builders']]) {
      let data;
      try {
        data = parse(files[file] ?? '');
      } catch {
        continue;
      }
      compare(which, data, f);
    }
  }
}
const fleet = readDefaultFleet();
const junk = [null, 1, -5, 99999, 1.5, 'x', '', 'Bad Name', 'a/../b', [], {}, ['dup', 'dup'], true, '\u0007', 'x'.repeat(300)];
let seed = 1;
const rnd = (k) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % k;
};
const mutate = (o) => {
  if (Array.isArray(o)) {
    if (o.length) {
      const i = rnd(o.length);
      o[i] = rnd(3) ? mutate(o[i]) : junk[rnd(junk.length)];
    }
    return o;
  }
  if (o && typeof o === 'object') {
    const keys = Object.keys(o);
    if (rnd(5) === 0) o[`extra${rnd(3)}`] = junk[rnd(junk.length)];
    else if (keys.length) {
      const k = keys[rnd(keys.length)];
      o[k] = rnd(3) ? mutate(o[k]) : junk[rnd(junk.length)];
    }
    return o;
  }
  return junk[rnd(junk.length)];
};
compare('workers', fleet.workers, 'default fleet');
compare('builders', fleet.builders, 'default fleet');
for (let i = 0; i < 3000; i++) {
  compare('workers', mutate(structuredClone(fleet.workers)), `mutation ${i}`);
  compare('builders', mutate(mutate(structuredClone(fleet.builders))), `mutation ${i}`);
}
console.log(`validators: ${n} validations, ${errors} errors compared`);

// ---- templates ----
const { render } = await import(new URL('../dist/render/render.js', import.meta.url).href);
const { analyse } = await import(new URL('../dist/pipeline.js', import.meta.url).href);
const { parseYaml } = await import(new URL('../dist/load/load.js', import.meta.url).href);
const tmpl = require('../render/templates.cjs');
const dir = join(root, 'templates');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.hbs'))) if (tmpl.sources[f] !== readFileSync(join(dir, f), 'utf8')) fail(`templates.cjs is stale (${f}): run \`npm run build\``);
for (const factor of [1, 10]) {
  const f = scaleFleet(fleet, factor);
  const checked = analyse(parseYaml(JSON.stringify(f.workers), 'workers.yaml'), parseYaml(JSON.stringify(f.builders), 'builders.yaml'));
  if (!checked.matrix) {
    fail(`${factor}x fleet does not validate`);
    continue;
  }
  const input = { matrix: checked.matrix, sources: ['workers.yaml', 'builders.yaml'] };
  // render() with the default directory uses the precompiled templates; a copy of the
  // directory path without the trailing slash (not === TEMPLATES_DIR) makes it compile them with handlebars.
  if (render(input) !== render(input, dir)) fail(`templates differ at ${factor}x`);
}
console.log('templates: compared at 1x and 10x');
if (failures) {
  console.error(`${failures} difference(s)`);
  process.exit(1);
}
console.log('precompiled files: identical to run-time compilation');
