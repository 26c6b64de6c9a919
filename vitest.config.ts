import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Two cores: the end-to-end suite and the Buildbot checks are processes of their own.
    maxWorkers: 2,
    // Which Buildbots the run judges with (BUILDBOT=3.7|4.3|all; unset: every one installed).
    globalSetup: ['test/buildbots-setup.ts'],
  },
});
