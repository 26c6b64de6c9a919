// The domain types, shared by every stage. Everything after `validate/` works on
// these plain, fully-resolved objects; nothing downstream looks at YAML again.

/** OS families and CPU architectures are open vocabularies (metadata); the known ones are in schemas.ts. */
export type OsFamily = string;
export type Arch = string;

/**
 * Which branches something applies to. `only`/`except` name branches (`3.x`, `2.7`, ...);
 * `since`/`until` are Python versions ("3.13"), both ends included. A branch without a
 * version (the pull-request pseudo-branch) counts as newer than every version: `since`
 * keeps it, `until` drops it.
 */
export interface BranchRule {
  only?: string[];
  except?: string[];
  since?: string;
  until?: string;
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
  /** Why the worker has no builder, on purpose (silences `unused-worker`). */
  idle?: string;
  notes?: string;
  branches?: BranchRule;
  /** Informational tags (not given to Buildbot). */
  tags: string[];
  /** What is installed on the machine that kinds, definitions and step changes may depend on. */
  capabilities: string[];
  /** Multiplies the test timeout of the families that honour it (unix-make). */
  timeout_factor: number;
  /** Test resources excluded with `-u-<name>` (unix-make). */
  exclude_test_resources: string[];
  /** Source-step arguments that replace the fleet's defaults on this worker. */
  git?: Record<string, unknown>;
  /** A window in which no build starts (the worker is quarantined until it ends). */
  downtime?: Downtime;
}

export interface Downtime {
  /** `HH:MM`, both ends included; a start later than the end wraps past midnight. */
  start: string;
  end: string;
  /** Only on this weekday (`monday`...); every day when absent. */
  weekday?: string;
  /** IANA time zone; `local` (or absent: warned) is the master's local clock. */
  timezone?: string;
  /** Minutes before the window in which no new build starts either (default 0). */
  drain_minutes?: number;
}

/** A builder's downtime as master.cfg's `downtime(...)` takes it. */
export interface BuilderDowntime {
  start: string;
  end: string;
  weekday?: string;
  /** An IANA name; absent: the master's local clock. */
  timezone?: string;
  /** Seconds before the window in which no new build starts (absent: none). */
  drain?: number;
}

/** A worker owner: the public half of the request form (e-mail and passwords are in the settings file). */
export interface Owner {
  /** The owner user name: the key of the table, the `owner` of their workers. */
  user: string;
  /** GitHub user name; null: not recorded (an owner from before the request form). */
  github: string | null;
  /** The name people call them by; null: not recorded. */
  name: string | null;
}

/** Where workers connect to (builders.yaml `master.worker_address`): public, not in master.cfg. */
export interface WorkerAddress {
  host: string;
  port: number;
}

export interface Branch {
  /** The name shown on buildbot: `3.x`, `3.6`, `custom`, `PR`. */
  name: string;
  /** The git ref pushes come from; absent for the pull-request pseudo-branch. */
  git_branch?: string;
  /** The Python version the branch builds, `X.Y`; absent for the pull-request pseudo-branch. */
  version?: string;
  /** Builder-directory prefix (default: the name). */
  dir: string;
  /** The first tag of its builders (default: the name). */
  tag: string;
  /** Named features (`gil-only`, ...) that build kinds and families depend on. */
  features: string[];
}

/** A branch feature: what it changes in the builders of the branches that have it. */
export interface Feature {
  name: string;
  description?: string;
  /** Builders with any of these tags are not created on the branch. */
  drop_tags: string[];
  /** unix-make: a refleak hunt (`-R` in the test flags) gets this factor on its timeout. */
  refleak_timeout_factor: number;
}

export type Recipe = string;

/** A value master.cfg computes: from its settings file, or from build properties at build time. */
export type Renderable =
  | SettingRef
  | { interpolate: string }
  /** The `index`th `separator`-separated field of a property, then `suffix`. */
  | { property: string; separator: string; index: number; suffix: string };

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
  /** Builder-directory suffix of its builders (a definition's own `suffix` wins). */
  suffix?: string;
  /** Base test timeout in seconds (default: `defaults.test_timeout`). */
  test_timeout?: number;
  /** Environment of the compile steps, and of the test steps (pythoninfo included). */
  compile_env: Record<string, string>;
  test_env: Record<string, string>;
  /** unix-make: build in `build_oot/` (out of tree). */
  out_of_tree: boolean;
  /** windows-bat: arguments of build.bat and clean.bat. */
  build_flags: string[];
  clean_flags: string[];
  /** ios-simulator: the CPU, and the branches that use the make-based (legacy) steps. */
  arch?: string;
  legacy_branches?: BranchRule;
  /** wasi-cross: the host triple and the environment of the host build. */
  host?: string;
  host_env: Record<string, StepValue>;
  /** Steps this kind adds right after the checkout (before its family's steps). */
  steps_before: StepDecl[];
  /** Changes to the family's steps, applied in order: the family's (`families:`), the
   *  parent kind's, then this kind's. */
  steps: StepOp[];
  /** Flags and environments added where a condition holds (a worker capability, a branch range). */
  extras: Extra[];
  /** Minutes before a worker's downtime in which no build of this kind starts (wins over the worker's). */
  downtime_drain_minutes?: number;
}

/** When a step change or an extra applies: every part given must hold. */
export interface Condition {
  /** A branch range (only/except/since/until). */
  branches?: BranchRule;
  /** The branch has this feature. */
  feature?: string;
  /** The worker has this capability (a pool: every worker of it). */
  capability?: string;
}

/** Where something is written in builders.yaml (its YAML path), to report problems there. */
export type YamlPath = readonly (string | number)[];

/** One change to a family's steps (`steps:` of a family, kind or definition). */
export type StepOp = (
  /** `like`: the new step takes the `env` and `workdir` of that step unless it gives its own. */
  | { op: 'add'; step: StepDecl; before?: string; after?: string; like?: string }
  | { op: 'drop'; name: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'replace'; name: string; with: StepPatch }
) & { when?: Condition; at: YamlPath };

/** What `replace` sets on a step: only the fields given change (flags are merged). */
export interface StepPatch {
  step?: string;
  command?: StepValue[] | string;
  env?: Record<string, StepValue>;
  workdir?: string;
  timeout?: number;
  description?: string;
  property?: string;
  flags?: Partial<Record<ResultFlag, boolean>>;
}

/** Fields of a kind added (lists appended, environments merged) where `when` holds. */
export interface Extra {
  when?: Condition;
  configure_flags?: string[];
  test_flags?: string[];
  interpreter_flags?: string[];
  build_flags?: string[];
  clean_flags?: string[];
  compile_env?: Record<string, string>;
  test_env?: Record<string, string>;
  at: YamlPath;
}

/** What `families:` of builders.yaml adds to every kind of one family. */
export interface FamilyOverlay {
  steps: StepOp[];
  extras: Extra[];
}

/** A step written in builders.yaml (a kind's `steps_before`, or `add:` of a step change). */
export interface StepDecl {
  step: string;
  name: string;
  command: StepValue[] | string;
  description?: string;
  property?: string;
  flags: Partial<Record<ResultFlag, boolean>>;
  env?: Record<string, StepValue>;
  workdir?: string;
  timeout?: number;
}

export type ResultFlag = 'haltOnFailure' | 'flunkOnFailure' | 'warnOnFailure' | 'alwaysRun';

export type Scheduler =
  | {
      name: string;
      on: 'push';
      ignore_paths: string[];
      /** Files ending so do not count either. */
      ignore_suffixes: string[];
      /** A push of only unimportant files starts nothing by itself (Buildbot's onlyImportant). */
      only_important: boolean;
      /** Seconds without new changes before the build starts (default: the settings' `tree_stable_timer`). */
      tree_stable_timer?: number;
      /** The Buildbot scheduler name; `{branch}` and `{key}` are filled in. */
      name_format: string;
    }
  | {
      name: string;
      on: 'pull_request';
      tree_stable_timer: number;
      /** The Buildbot scheduler name. */
      name_format: string;
      /** Members are grouped by the schedule they have on real branches, in this order. */
      group_order: string[];
    }
  | {
      name: string;
      on: 'nightly';
      /** One hour for every branch, or an hour per branch name. */
      hour: number | Record<string, number>;
      minute: number;
      /** Branches where these builders run on every push instead (the default scheduler). */
      on_push_for: string[];
      name_format: string;
    };

export interface BuilderDef {
  name: string;
  /** The worker; for a pool, its first worker. */
  worker: string;
  /** A pool (`workers:` in builders.yaml): every worker that may run its builds, in fleet
   *  order; absent for one worker. */
  workers?: string[];
  /** A pool's name: `{worker}` of the name and directory formats (one directory per builder). */
  pool?: string;
  variant: string;
  stability?: 'stable' | 'unstable';
  /** PEP 11 tier tag: `tier-1`..`tier-3`, or the literal `tierless`. */
  tier?: string;
  suffix?: string;
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
  /** Changes to its kind's steps, after the kind's own. */
  steps: StepOp[];
  /** Flags and environments added to its kind's where a condition holds. */
  extras: Extra[];
}

export interface Defaults {
  test_timeout: number;
  /** How much earlier than the step timeout faulthandler dumps the tracebacks. */
  faulthandler_margin: number;
  schedule: string;
  test_jobs: number;
}

/** Fleet-wide settings of the generated master.cfg (what is not a worker, builder or scheduler). */
export interface MasterOptions {
  /** Which steps' results count as orange: regular expressions matched anywhere in a test log line. */
  test_warning_patterns: string[];
  /** The checkout step: `Git` (2017) or `GitHub`, with these arguments (a worker's `git` replaces some). */
  source: { step: 'Git' | 'GitHub'; args: Record<string, unknown> };
  /** Where uploaded JUnit files go on the master (`{branch}` is filled in). */
  test_results_dest?: string;
  /** Give each worker its owner, os, arch and online state as Buildbot properties. */
  worker_properties: boolean;
  keepalive_interval?: number;
  /** One counting lock per worker (max_builds); without it Buildbot's max_builds limits alone. */
  cpu_lock: boolean;
  /** Give each builder its kind's description. */
  builder_descriptions: boolean;
  /** The 2026 services: GitHub statuses, PR comments, Discord, pull-request hook. */
  github: boolean;
  /** With `github`: what asks for a pull-request build, and who may ask. */
  pull_requests?: PullRequestOptions;
  /** With `github`: which builders each reporter reports on. */
  reporters?: ReporterTargets;
  janitor?: { days: number; hour: number; day_of_week: number };
  caches?: Record<string, number>;
  www_plugins: string[];
  /** Who may do what in the web UI once signed in (sign-in is in the settings file). */
  www: WwwPolicy;
}

/** Pull-request testing (builders.yaml `master.pull_requests`). */
export interface PullRequestOptions {
  /** A label that asks for a build -> the builder filter it stands for (a regular expression
   *  searched case-insensitively in the pull-request builders' names; stable builders only). */
  labels: Record<string, string>;
  /** `<command> <regex>` at the start of a comment builds the matching builders; null: no command. */
  command: string | null;
  /** The repository permissions (GitHub's collaborator permission) that may use the command. */
  permissions: string[];
}

/** The builder groups a reporter can report on. */
export const REPORTED_GROUPS = ['stable', 'pull_request'] as const;
export type ReportedGroup = (typeof REPORTED_GROUPS)[number];
export const REPORTERS = ['github_status', 'pull_request_comment', 'discord', 'mail'] as const;

/** Which builders each reporter reports on (builders.yaml `master.reporters`). */
export type ReporterTargets = Record<(typeof REPORTERS)[number], ReportedGroup[]> & {
  /** The commit link of a Discord message (the commit's hash is appended). */
  commit_url: string;
};

/** The actions of the web UI a policy grants, each a Buildbot endpoint matcher. */
export const WWW_ACTIONS = ['control', 'force', 'stop', 'rebuild', 'enable_scheduler'] as const;
export type WwwAction = (typeof WWW_ACTIONS)[number];

export interface WwwPolicy {
  roles: { admins: string; owner?: string; teams_prefix?: string };
  /** Per action, the roles that may take it. */
  allow: Partial<Record<WwwAction, string[]>>;
  /** What happens to a control action no role grants. */
  unmatched_control: 'deny' | 'allow';
}

export interface Fleet {
  workers: Worker[];
  branches: Branch[];
  features: Record<string, Feature>;
  master: MasterOptions;
  variants: Record<string, Variant>;
  schedulers: Record<string, Scheduler>;
  builders: BuilderDef[];
  defaults: Defaults;
  /** workers.yaml `owners`, by owner user name (empty when the file has no table). */
  owners: Record<string, Owner>;
  worker_address?: WorkerAddress;
}

// ---- the expanded matrix (output of expand/, input of render/) ----

/** A command argument that master.cfg fills in from its settings file at start-up. */
export interface SettingRef {
  setting: 'dmg_python' | 'dmg_upload_dir';
}
export type Arg = string | SettingRef;
/** A command argument or env value: text, or something master.cfg renders. */
export type StepValue = string | Renderable;

/**
 * The 2017 step kinds (lower case: git, configure, shell, test, docs, clean, upload) and
 * the step classes of today's buildmaster-config (capitalised: the Buildbot class of that
 * name, stock or defined in master.cfg). See STEP_KINDS in src/recipes/steps.ts.
 */
export type StepKind = string;

export interface Step {
  name: string;
  kind: StepKind;
  /** A list runs without a shell; a string runs through the worker's shell. */
  command?: StepValue[] | string;
  workdir?: string;
  timeout?: number;
  pty?: boolean;
  env?: Record<string, StepValue>;
  description?: string;
  /** SetPropertyFromCommand: the property it sets. */
  property?: string;
  /** Result flags that differ from the step class's own. */
  flags?: Partial<Record<ResultFlag, boolean>>;
  /** upload: the worker-side directory and the master-side destination. */
  src?: string;
  dest?: StepValue;
  /** The source step's arguments (branch, and a worker's overrides). */
  args?: Record<string, unknown>;
}

export interface Builder {
  name: string;
  /** Index of its definition in Fleet.builders (for locating problems; not rendered). */
  source: number;
  /** The definition it was expanded from (its display name). */
  def: string;
  worker: string;
  /** A pool: every worker that may run it (Buildbot's `workernames`); absent for one worker. */
  workers?: string[];
  branch: string;
  variant: string;
  builddir: string;
  tags: string[];
  stability?: 'stable' | 'unstable';
  tier?: string;
  scheduler: string;
  description: string;
  steps: Step[];
  /** Each step's key in master.cfg's STEPS table (expand/step-keys.ts); without them, render
   *  keys each step by its builder directory. */
  step_keys?: string[];
  /** Worker's downtime window, installed as canStartBuild. */
  downtime?: BuilderDowntime;
}

export interface SchedulerOut {
  kind: 'change' | 'nightly' | 'force' | 'pull_request';
  name: string;
  branch?: string;
  git_branch?: string;
  ignore_paths?: string[];
  ignore_suffixes?: string[];
  only_important?: boolean;
  tree_stable_timer?: number;
  hour?: number;
  minute?: number;
  builders: string[];
  /** pull_request: the members that labels may start. */
  stable_builders?: string[];
  /** change and nightly: the schedule key (builders.yaml `schedulers:`) its members run on. */
  key?: string;
  /** pull_request: the pseudo-branches of its members, and their schedule keys' order. */
  branches?: string[];
  group_order?: string[];
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
  master: MasterOptions;
  branches: Branch[];
  workers: WorkerOut[];
  builders: Builder[];
  schedulers: SchedulerOut[];
  exclusions: Exclusion[];
}
