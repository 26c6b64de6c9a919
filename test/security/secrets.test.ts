// No secret in the repository: the YAML refuses keys that name one, and the committed
// out/master.cfg holds none of the values of a real-shaped settings file (it reads them
// from that file on the master at start-up).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../pipeline/helpers.js';
import { BUILDBOTS } from '../buildbots.js';
import { copyConfig } from '../config-copy.js';
import { FAMILIES } from './fields.js';
import { baseFleet, BUILDERS_FILE, generateFleet, generateText, WORKERS_FILE } from './harness.js';

const SETTINGS = join(import.meta.dirname, 'fixtures/settings.sample.yaml');

/** Every string in the settings file that is a secret (or holds one). */
function secretValues(): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && /password|secret|db_url/.test(key)) out.push(v);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(parse(readFileSync(SETTINGS, 'utf8')));
  return out;
}

describe('secrets in the YAML are refused', () => {
  // Where a secret key could be written, in either file, at any depth.
  const places: [string, (f: ReturnType<typeof baseFleet>, key: string) => void, string][] = [
    ['a worker', (f, k) => ((f.workers.workers[0] as Record<string, unknown>)[k] = 'hunter2'), WORKERS_FILE],
    ['a worker\'s os', (f, k) => ((f.workers.workers[0]!.os as Record<string, unknown>)[k] = 'hunter2'), WORKERS_FILE],
    ['the top of workers.yaml', (f, k) => ((f.workers as Record<string, unknown>)[k] = 'hunter2'), WORKERS_FILE],
    ['a builder', (f, k) => ((f.builders.builders[0] as Record<string, unknown>)[k] = 'hunter2'), BUILDERS_FILE],
    ['a variant', (f, k) => ((f.builders.variants.debug as Record<string, unknown>)[k] = 'hunter2'), BUILDERS_FILE],
    ['a branch', (f, k) => ((f.builders.branches['3.x'] as Record<string, unknown>)[k] = 'hunter2'), BUILDERS_FILE],
    ['a nested mapping', (f, k) => ((f.builders as Record<string, unknown>).extra = { deeper: [{ [k]: 'hunter2' }] }), BUILDERS_FILE],
  ];
  const keys = ['password', 'passwd', 'worker_password', 'Password', 'token', 'api_key', 'apiKey', 'github-token', 'secret', 'client_secret', 'credentials', 'private_key'];

  it.each(places)('in %s, under any secret-looking key, located at the key', (_, put, file) => {
    for (const key of keys) {
      const fleet = baseFleet();
      put(fleet, key);
      const w = stringify(fleet.workers);
      const b = stringify(fleet.builders);
      const out = generateText(w, b);
      expect(out.ok, key).toBe(false);
      if (out.ok) continue;
      const p = out.problems.find((x) => x.rule === 'secret-in-yaml');
      expect(p, `${key}: ${JSON.stringify(out.problems)}`).toBeDefined();
      const lines = (file === WORKERS_FILE ? w : b).split('\n');
      expect(p!.file).toBe(file);
      expect(lines[p!.line - 1]!.slice(p!.col - 1).startsWith(key), key).toBe(true);
    }
  });

  it('but not names that only contain such a word', () => {
    for (const word of ['passenger', 'tokenizer', 'secretary']) {
      const fleet = baseFleet();
      FAMILIES.names!['variant key']!.set(fleet, word);
      expect(generateFleet(fleet).ok, word).toBe(true);
    }
  });
});

describe('the committed files hold no secret', () => {
  const secrets = secretValues();

  it.each(BUILDBOTS)('the sample settings are real-shaped: master.cfg loads them in Buildbot $id (so the check below is not vacuous)', (bb) => {
    const dir = tempDir('bmg-settings-');
    copyConfig(join(ROOT, 'out/master.cfg'), dir);
    const code = 'ns = {"__file__": "master.cfg"}\nexec(compile(open("master.cfg").read(), "master.cfg", "exec"), ns)\nprint(sorted(w.password for w in ns["c"]["workers"] if "Pa55" in w.password))';
    const r = run(bb.python, ['-c', code], { cwd: dir, env: { PYBUILDBOT_SETTINGS_PATH: SETTINGS } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Worker-Pa55-fbsd9-51aa');
    expect(r.stdout).toContain('Owner-Pa55-ware-8e31');
  });

  it.each(['out/master.cfg', 'workers.yaml', 'builders.yaml'])('%s contains no value of the settings file', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(secrets.length).toBeGreaterThan(5);
    for (const s of secrets) expect(text).not.toContain(s);
  });
});
