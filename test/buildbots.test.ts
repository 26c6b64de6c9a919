// BUILDBOT chooses the Buildbots under test; one asked for but missing is an error, never a skip.
import { describe, expect, it } from 'vitest';
import { ownSteps, selectedIds, buildbot, type BuildbotId } from './buildbots.js';

const only = (...ids: BuildbotId[]) => (id: BuildbotId) => ids.includes(id);

describe('BUILDBOT', () => {
  it('unset: every Buildbot installed, in order; none installed: 3.7, whose tests then fail saying so', () => {
    expect(selectedIds(undefined, only('3.7', '4.3'))).toEqual(['3.7', '4.3']);
    expect(selectedIds('', only('4.3'))).toEqual(['4.3']);
    expect(selectedIds(undefined, only())).toEqual(['3.7']);
  });

  it('3.7, 4.3, all, or a list', () => {
    expect(selectedIds('4.3', only('3.7', '4.3'))).toEqual(['4.3']);
    expect(selectedIds('all', only('3.7', '4.3'))).toEqual(['3.7', '4.3']);
    expect(selectedIds('4.3,3.7', only('3.7', '4.3'))).toEqual(['4.3', '3.7']);
  });

  it('a Buildbot asked for but not installed is an error naming how to install it', () => {
    expect(() => selectedIds('4.3', only('3.7'))).toThrow(/asks for Buildbot 4\.3, which is not installed: run `sh scripts\/buildbot-4\.3\.sh`/);
    expect(() => selectedIds('all', only('3.7'))).toThrow(/not installed/);
    expect(() => selectedIds('3.7', only('4.3'))).toThrow(/asks for Buildbot 3\.7, which is not installed/);
    expect(() => selectedIds('4.2', only('3.7', '4.3'))).toThrow(/unknown Buildbot 4\.2/);
  });
});

describe('ownSteps', () => {
  const [b37, b43] = [buildbot('3.7'), buildbot('4.3')];
  it('drops only the steps Buildbot adds at the start of a build', () => {
    expect(ownSteps(b37, ['worker_preparation', 'git', 'test'])).toEqual(['git', 'test']);
    expect(ownSteps(b43, ['worker_preparation', 'locks_acquire', 'git', 'test'])).toEqual(['git', 'test']);
    expect(ownSteps(b43, ['locks_acquire', 'worker_preparation', 'git'])).toEqual(['git']);
  });
  it('keeps them anywhere else, and 3.7 has no locks_acquire step', () => {
    expect(ownSteps(b43, ['worker_preparation', 'git', 'locks_acquire'])).toEqual(['git', 'locks_acquire']);
    expect(ownSteps(b37, ['worker_preparation', 'locks_acquire', 'git'])).toEqual(['locks_acquire', 'git']);
  });
});
