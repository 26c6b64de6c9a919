// What every family of steps gets, and the pieces several families share.
import type { Branch, BuilderDef, Defaults, Feature, MasterOptions, Step, StepValue, Variant, Worker } from '../model/types.js';

export interface StepContext {
  branch: Branch;
  worker: Worker;
  /** The build kind (a variant of builders.yaml), `extends` resolved. */
  variant: Variant;
  def: BuilderDef;
  defaults: Defaults;
  features: Record<string, Feature>;
  master: MasterOptions;
}

/** `-jN` for make (nothing when the worker sets no parallelism). */
export const makeJobs = ({ worker }: StepContext): string[] => (worker.parallel ? [`-j${worker.parallel}`] : []);

/** `-jN` for the test runner: the worker's, else the fleet default. */
export const testJobs = ({ worker, defaults }: StepContext): string => `-j${worker.parallel ?? defaults.test_jobs}`;

/** A refleak hunt: the test flags ask regrtest for `-R`. No JUnit file, no upload then. */
export const huntsRefleaks = ({ variant }: StepContext): boolean => variant.test_flags.join(' ').includes('-R');

/** The kind's base test timeout. */
export const baseTimeout = ({ variant, defaults }: StepContext): number => variant.test_timeout ?? defaults.test_timeout;

export const JUNIT_FILE = 'test-results.xml';

/** The upload of the JUnit file after the tests: real branches only, never for refleak hunts. */
export function uploadStep(ctx: StepContext, workersrc: string): Step[] {
  const { branch, master } = ctx;
  if (branch.git_branch === undefined || huntsRefleaks(ctx) || !master.test_results_dest) return [];
  const dest = `${master.test_results_dest.replace('{branch}', branch.name)}/%(prop:buildername)s/build_%(prop:buildnumber)s.xml`;
  return [{ name: 'upload', kind: 'UploadTestResults', src: workersrc, dest: { interpolate: dest } }];
}

export const env = (e: Record<string, StepValue>) => ({ env: { ...e } });
