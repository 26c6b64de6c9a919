// A bug is not bad input: it is reported as an internal error, with the stack, exit 3.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../src/pipeline.js', async (original) => ({
  ...(await original<typeof import('../src/pipeline.js')>()),
  loadFleet: () => {
    throw new TypeError('boom: a stage broke');
  },
}));

const { main } = await import('../src/cli/main.js');

describe('internal error', () => {
  it('exits 3 with the stack and says it is a bug', async () => {
    let out = '';
    let err = '';
    const code = await main(['validate'], { out: (s) => void (out += s), err: (s) => void (err += s), env: {}, cwd: join(import.meta.dirname, '..') });
    expect(code).toBe(3);
    expect(err).toContain('internal error (a bug in buildmaster-gen');
    expect(err).toContain('TypeError: boom: a stage broke');
    expect(err).toMatch(/\n\s+at /);
    expect(out).toBe('');
  });
});
