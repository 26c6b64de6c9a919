// The patterns of fields that become identifiers or paths: what they let through, what
// they stop, and that Buildbot itself accepts every worker name they allow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as S from '../../src/validate/schemas.js';
import { baseFleet, generateFleet } from './harness.js';
import { run } from '../pipeline/helpers.js';
import { BUILDBOTS } from '../buildbots.js';

const re = (p: string) => new RegExp(p, 'u'); // as ajv compiles them

const TABLE: [string, string, string[], string[]][] = [
  ['WORKER_NAME', S.WORKER_NAME, ['koobs-freebsd10', 'a-b', 'ware-win81-release'], ['koobs', 'Koobs-x', 'a--b', '-a-b', 'a-b-', 'a b-c', 'a/b-c', 'a.b-c', 'a_b-c', 'é-x', 'a-b\n', '1a-b']],
  ['OWNER_NAME', S.OWNER_NAME, ['koobs', 'a1'], ['', '1a', 'a-b', 'a b', 'A', 'a\n']],
  ['BRANCH_NAME', S.BRANCH_NAME, ['3.x', '2.7', 'custom', 'a_b-c.d'], ['', '.x', '-x', 'a..b', 'a/b', 'a b', 'a\tb', 'a\n', '..', 'é']],
  ['GIT_BRANCH', S.GIT_BRANCH, ['main', '3.6', 'buildbot-custom', 'v1.2_x'], ['', 'a/b', 'a..b', 'a.', 'a.lock', '-a', '.a', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', 'a@{1}', 'a\x7f']],
  ['DIR_SUFFIX', S.DIR_SUFFIX, ['.nondebug', '.x-1', '._1.2'], ['', '-x', 'vs9', '_1.2', '.', '.x.', '..', '..x', '/x', '.x/..', '. x', '.x\n', '.\\x', '.x:']],
  ['TAG', S.TAG, ['nondebug', 'win64', 'a.b_c-d', 'iOS', 'PullRequest'], ['', '-x', 'a b', 'a/b', 'a\n']],
  ['KEY', S.KEY, ['push', 'win64-debug', '3'], ['', 'a_b', 'a.b', 'A', 'a b', '-a']],
  ['PRINTABLE_LINE', S.PRINTABLE_LINE, ['', 'x "quoted" \\ {{py}}', 'é ü 😀', '\u202e'], ['a\nb', 'a\tb', 'a\rb', 'a\0', 'a\x1b[31m', 'a\x85', '\u2028', '\ud800']],
  ['PRINTABLE_TEXT', S.PRINTABLE_TEXT, ['a\nb\tc', 'é 😀', '"""'], ['a\rb', 'a\0', 'a\x1b', 'a\x7f', 'a\x9f', '\udc00x']],
];

describe('patterns', () => {
  it.each(TABLE)('%s lets through what it should and stops the rest', (_, pattern, good, bad) => {
    for (const v of good) expect(re(pattern).test(v), JSON.stringify(v)).toBe(true);
    for (const v of bad) expect(re(pattern).test(v), JSON.stringify(v)).toBe(false);
  });

  it.each(BUILDBOTS)('every worker name the schema allows is a Buildbot $id worker name (identifiers.isIdentifier(50, ...))', (bb) => {
    const names = fc.sample(fc.stringMatching(re(S.WORKER_NAME)).filter((n) => n.length <= 50), 1000);
    names.push(`a-${'b'.repeat(48)}`);
    const code = 'import json, sys\nfrom buildbot.util.identifiers import isIdentifier\nprint(json.dumps([n for n in json.load(sys.stdin) if not isIdentifier(50, n)]))';
    const r = run(bb.python, ['-c', code], { input: JSON.stringify(names) });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('a worker name longer than 50 characters is refused (Buildbot would refuse it at start-up)', () => {
    const fleet = baseFleet();
    const name = `alice-${'x'.repeat(45)}`;
    Object.assign(fleet.workers.workers[0]!, { name });
    fleet.builders.builders[0]!.worker = name;
    const out = generateFleet(fleet);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => p.rule)).toContain('too-long');
  });

  it.each([
    ['a display name', { name: '_hidden' }],
    ['a name format', { name_format: '_{name}' }],
  ])('a builder name starting with `_` is refused, whether from %s', (_, change) => {
    const fleet = baseFleet();
    Object.assign(fleet.builders.builders[0]!, change);
    const out = generateFleet(fleet);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.filter((p) => p.severity === 'error').map((p) => p.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/bad-(name|format)/)]));
  });
});
