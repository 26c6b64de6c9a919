// vitest globalSetup: says which Buildbots the run judges with, and fails the run when one
// is not the version it claims to be. (BUILDBOT asking for a missing one fails in buildbots.ts.)
import { spawnSync } from 'node:child_process';
import { BUILDBOTS, installed } from './buildbots.js';

export default function setup(): void {
  const found = BUILDBOTS.map((bb) => {
    // Only when BUILDBOT is unset and none is installed: its tests fail, saying so.
    if (!installed(bb.id)) return `none installed (the Buildbot tests will fail: run \`npm run setup\`)`;
    const r = spawnSync(bb.python, ['-c', 'import buildbot, buildbot_worker; print(buildbot.version, buildbot_worker.version)'], { encoding: 'utf8' });
    const [master, worker] = r.stdout.trim().split(' ');
    if (r.status !== 0 || !master?.startsWith(`${bb.id}.`) || worker !== master) {
      throw new Error(`Buildbot ${bb.id} (${bb.where}) is not what it should be: ${r.stdout}${r.stderr}`);
    }
    return `${master} (${bb.where})`;
  });
  console.log(`Buildbot under test: ${found.join(', ')}`);
}
