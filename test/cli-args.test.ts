// The command line people expect: --version, help, COMMAND -h, "did you mean", a short
// usage line on a usage error, options checked per command, and none of parseArgs' text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { COMMANDS, OPTIONS } from '../src/cli/commands.js';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

async function cli(argv: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), env: { NO_COLOR: '1' }, cwd });
  return { code, out, err };
}

/** Text node's parseArgs would print: it must never reach the user. */
const PARSEARGS = /Unknown option '|To specify a positional argument|ERR_PARSE_ARGS|Option '.*' argument missing|argument is ambiguous/;

describe('--version', () => {
  it.each([['--version'], ['-V'], ['validate', '--version'], ['-V', 'frobnicate']])('%j prints the package version', async (...argv) => {
    const r = await cli(argv);
    expect(r).toEqual({ code: 0, out: `buildmaster-gen ${pkg.version}\n`, err: '' });
  });
});

describe('help', () => {
  it.each([['help'], ['--help'], ['-h']])('%j lists every command and exits 0', async (...argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    expect(r.out).toContain('Exit codes: 0 ok, 1 out of date (check), 2 invalid input or usage, 3 internal error');
  });

  it.each(COMMANDS.filter((c) => c.name !== 'help').map((c) => [c.name]))('help %s, %s -h and %s --help are the same page', async (name) => {
    const pages = await Promise.all([cli(['help', name]), cli([name, '-h']), cli([name, '--help']), cli(['-h', name])]);
    for (const p of pages) expect(p).toEqual(pages[0]);
    const page = pages[0]!;
    expect(page.code).toBe(0);
    expect(page.out.split('\n')[0]).toMatch(new RegExp(`^Usage: npx buildmaster-gen ${name}\\b`));
    // Every option the command takes is listed, and no other.
    const spec = COMMANDS.find((c) => c.name === name)!;
    for (const o of Object.keys(OPTIONS)) {
      if (o === 'version') continue;
      const listed = new RegExp(`^  (-\\w, )?--${o}\\b`, 'm').test(page.out);
      expect(listed, `--${o} in help ${name}`).toBe(spec.options.includes(o) || o === 'help');
    }
    expect(page.out).toContain('Examples:');
  });

  it('-h wins over a mistake elsewhere on the line (as git does)', async () => {
    const r = await cli(['generate', '--bogus', '-h']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npx buildmaster-gen generate/);
  });

  it('help of an unknown command is a usage error with a guess', async () => {
    const r = await cli(['help', 'chekc']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command `chekc`; did you mean `check`?');
  });
});

describe('usage errors', () => {
  it.each([
    [['generat'], 'unknown command `generat`; did you mean `generate`?', 'Usage: npx buildmaster-gen <command> [options]'],
    [['vaildate'], 'unknown command `vaildate`; did you mean `validate`?', 'Usage: npx buildmaster-gen <command> [options]'],
    [['explian', 'x'], 'unknown command `explian`; did you mean `explain`?', 'Usage: npx buildmaster-gen <command> [options]'],
    [['validate', '--stirct'], 'unknown option `--stirct` for `validate`; did you mean `--strict`?', 'Usage: npx buildmaster-gen validate '],
    [['generate', '--ouf', 'x'], 'unknown option `--ouf` for `generate`; did you mean `--out`?', 'Usage: npx buildmaster-gen generate '],
    [['check', '--worker', 'w.yaml'], 'unknown option `--worker` for `check`; did you mean `--workers`?', 'Usage: npx buildmaster-gen check '],
    [['validate', '--json'], '`validate` does not take `--json` (it is an option of matrix)', 'Usage: npx buildmaster-gen validate '],
    [['explain', 'x', '--out', 'o'], '`explain` does not take `--out`', 'Usage: npx buildmaster-gen explain NAME'],
    [['matrix', '--strict'], '`matrix` does not take `--strict`', 'Usage: npx buildmaster-gen matrix '],
    [['generate', '--out'], '`--out` needs a value: `--out DIR`', 'Usage: npx buildmaster-gen generate '],
    [['generate', '--out', '--strict'], '`--out` needs a value: `--out DIR`', 'Usage: npx buildmaster-gen generate '],
    [['generate', '--out='], '`--out` needs a value: `--out DIR`, not an empty one', 'Usage: npx buildmaster-gen generate '],
    [['validate', '--strict=yes'], '`--strict` is a flag and takes no value', 'Usage: npx buildmaster-gen validate '],
    [['generate', '--out', 'a', '--out', 'b'], '`--out` is given twice', 'Usage: npx buildmaster-gen generate '],
    [['validate', '-x'], 'unknown option `-x` for `validate`', 'Usage: npx buildmaster-gen validate '],
    [['validate', 'extra'], 'unexpected argument `extra`: `validate` takes no arguments', 'Usage: npx buildmaster-gen validate '],
    [['changes'], '`changes` needs the master.cfg to compare with (BASE)', 'Usage: npx buildmaster-gen changes BASE'],
    [[], 'a command is required', 'Usage: npx buildmaster-gen <command> [options]'],
    [['--strict'], '`--strict` needs a command', 'Usage: npx buildmaster-gen <command> [options]'],
  ])('%j', async (argv, message, usage) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    // One line saying what is wrong, the usage line, and where to read more: not the whole help.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`buildmaster-gen: ${lines[0]!.slice('buildmaster-gen: '.length)}`);
    expect(lines[0]).toContain(message);
    expect(lines[1]!.startsWith(usage)).toBe(true);
    expect(lines[2]).toMatch(/^Run `npx buildmaster-gen help( \w+)?` for more\.$/);
    expect(r.err).not.toMatch(PARSEARGS);
  });

  it('options may come before the command, and `--` ends them', async () => {
    const r = await cli(['--strict', 'validate']);
    expect(r.code).toBe(0);
    const e = await cli(['explain', '--', '--strict']);
    expect(e.code).toBe(2);
    expect(e.err).toContain('no worker, builder or builder definition is named `--strict`');
  });
});
