// The domain types, shared by every stage. Everything after `validate/` works on
// these plain, fully-resolved objects; nothing downstream looks at YAML again.

export type OsFamily = 'linux' | 'windows' | 'macos' | 'freebsd' | 'openbsd' | 'aix' | 'openindiana';
export type Arch = 'x86' | 'x86-64' | 'armv7' | 'ppc64' | 'ppc64le' | 's390x';

/** Which branches something applies to. Both lists name branches (`3.x`, `2.7`, ...). */
export interface BranchRule {
  only?: string[];
  except?: string[];
  /** Where the rule is written (`builders.yaml:12:5`), for `explain`. */
  where?: string;
}

export interface Worker {
  name: string;
  owner: string;
  os: { family: OsFamily; distribution?: string; version?: string };
  arch: Arch;
  /** `-jN` for make and the test runner; undefined = make's default, tests `-j2` only. */
  parallel?: number;
  /** How many builds may run at once (the cpu lock count). */
  max_builds: number;
  /** Run the tests under a pseudo-terminal (e.g. to test curses). */
  pty: boolean;
  online: boolean;
  notes?: string;
  branches?: BranchRule;
}

export interface Branch {
  /** The name shown on buildbot: `3.x`, `3.6`, `custom`. */
  name: string;
  git_branch: string;
  /** The Python version the branch builds, `X.Y`. */
  version: string;
}

export type Recipe = 'unix' | 'installed' | 'windows' | 'vs9' | 'docs' | 'dmg';

export interface Variant {
  name: string;
  recipe: Recipe;
  description?: string;
  tags: string[];
  configure_flags: string[];
  test_flags: string[];
  interpreter_flags: string[];
  /** Windows recipes: 32-bit or 64-bit build. */
  platform: 'win32' | 'x64';
  /** Windows recipes: a Release (non-debug) build. */
  release: boolean;
  timeout_multiplier: number;
  /** Key of `schedulers` in builders.yaml. */
  schedule: string;
  branches?: BranchRule;
}

export type Scheduler =
  | { name: string; on: 'push'; ignore_paths: string[] }
  | {
      name: string;
      on: 'nightly';
      /** One hour for every branch, or an hour per branch name. */
      hour: number | Record<string, number>;
      minute: number;
      /** Branches where these builders run on every push instead (the default scheduler). */
      on_push_for: string[];
    };

export interface BuilderDef {
  name: string;
  worker: string;
  variant: string;
  stability?: 'stable' | 'unstable';
  suffix: string;
  configure_extra: string[];
  test_extra: string[];
  /** Seconds of silence before the test step is killed (before the variant's multiplier). */
  test_timeout?: number;
  branches?: BranchRule;
  name_format: string;
  dir_format: string;
  branch_tag: boolean;
  tags: string[];
  notes?: string;
}

export interface Defaults {
  test_timeout: number;
  /** How much earlier than the step timeout faulthandler dumps the tracebacks. */
  faulthandler_margin: number;
  schedule: string;
  test_jobs: number;
}

export interface Fleet {
  workers: Worker[];
  branches: Branch[];
  variants: Record<string, Variant>;
  schedulers: Record<string, Scheduler>;
  builders: BuilderDef[];
  defaults: Defaults;
}

// ---- the expanded matrix (output of expand/, input of render/) ----

/** A command argument that master.cfg fills in from its settings file at start-up. */
export interface SettingRef {
  setting: 'dmg_python' | 'dmg_upload_dir';
}
export type Arg = string | SettingRef;

export type StepKind = 'git' | 'configure' | 'shell' | 'test' | 'docs' | 'clean' | 'upload';

export interface Step {
  name: string;
  kind: StepKind;
  /** A list runs without a shell; a string runs through the worker's shell. */
  command?: Arg[] | string;
  workdir?: string;
  timeout?: number;
  pty?: boolean;
  /** upload: the worker-side directory and the master-side destination. */
  src?: string;
  dest?: Arg;
}

export interface Builder {
  name: string;
  /** Index of its definition in Fleet.builders (for locating problems; not rendered). */
  source: number;
  /** The definition it was expanded from (its display name). */
  def: string;
  worker: string;
  branch: string;
  variant: string;
  builddir: string;
  tags: string[];
  scheduler: string;
  description: string;
  steps: Step[];
}

export interface SchedulerOut {
  kind: 'change' | 'nightly' | 'force';
  name: string;
  branch?: string;
  git_branch?: string;
  ignore_paths?: string[];
  hour?: number;
  minute?: number;
  builders: string[];
}

export interface WorkerOut {
  name: string;
  owner: string;
  os: string;
  arch: string;
  max_builds: number;
  online: boolean;
  notes: string;
}

/** Why a builder definition produces no builder on a branch. */
export interface Exclusion {
  def: string;
  /** Index of the definition in Fleet.builders (display names need not be unique). */
  source: number;
  branch: string;
  reason: string;
}

export interface BuilderMatrix {
  branches: Branch[];
  workers: WorkerOut[];
  builders: Builder[];
  schedulers: SchedulerOut[];
  exclusions: Exclusion[];
}
