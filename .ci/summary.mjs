// Reads vitest's JSON report: one line per Buildbot under test (each Buildbot-dependent
// suite runs once per Buildbot and names it in its title), then the line CI reads,
// `N passed, N failed`. Exits 1 on any failure or an empty run.
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const per = {};
for (const file of r.testResults) {
  for (const t of file.assertionResults) {
    const id = /\bBuildbot '?(\d+\.\d+)\b/.exec([...t.ancestorTitles, t.title].join(' > '))?.[1] ?? 'no Buildbot';
    const p = (per[id] ??= { passed: 0, failed: 0, ms: 0 });
    if (t.status === 'passed') p.passed++;
    else if (t.status === 'failed') p.failed++;
    p.ms += t.duration ?? 0;
  }
}
for (const [id, p] of Object.entries(per).sort()) {
  const what = id === 'no Buildbot' ? 'not Buildbot-dependent' : `Buildbot ${id}`;
  console.log(`ci: ${what}: ${p.passed} passed, ${p.failed} failed (tests ${Math.round(p.ms / 1000)} s)`);
}
const skipped = r.numPendingTests + (r.numTodoTests || 0);
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ''));
if (r.numFailedTests > 0 || r.numTotalTests === 0 || !r.success) process.exitCode = 1;
