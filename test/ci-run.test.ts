// .ci/run: the shell script parses, and its summary reads vitest's JSON report into one
// line per Buildbot and the final `N passed, N failed` line CI reads (exit 1 on failure).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function summary(report: object) {
  const file = join(mkdtempSync(join(tmpdir(), 'ci-summary-')), 'vitest.json');
  writeFileSync(file, JSON.stringify(report));
  return spawnSync(process.execPath, [join(ROOT, '.ci/summary.mjs'), file], { encoding: 'utf8' });
}

const test = (ancestorTitles: string[], status: string, duration = 1000) => ({ ancestorTitles, title: 't', status, duration });

describe('.ci/run', () => {
  it('is a valid bash script', () => {
    const r = spawnSync('bash', ['-n', join(ROOT, '.ci/run')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('counts per Buildbot and ends with `N passed, N failed`', () => {
    const r = summary({
      numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 1, numTotalTests: 4, success: true,
      testResults: [{ assertionResults: [test(["on Buildbot '3.7'"], 'passed'), test(['on Buildbot 4.3'], 'passed'), test(['lint'], 'passed'), test(['x'], 'todo', 0)] }],
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'ci: Buildbot 3.7: 1 passed, 0 failed (tests 1 s)',
      'ci: Buildbot 4.3: 1 passed, 0 failed (tests 1 s)',
      'ci: not Buildbot-dependent: 1 passed, 0 failed (tests 1 s)',
      '3 passed, 0 failed, 1 skipped',
      '',
    ]);
  });

  it('exits 1 when a test failed or none ran', () => {
    const failed = summary({ numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTotalTests: 1, success: false, testResults: [{ assertionResults: [test(['on Buildbot 4.3'], 'failed')] }] });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^0 passed, 1 failed$/m);
    const none = summary({ numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTests: 0, success: true, testResults: [] });
    expect(none.status).toBe(1);
  });
});
