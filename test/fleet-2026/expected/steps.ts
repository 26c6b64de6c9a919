// The shape of a hand-written step expectation, the class-level facts of §3.1.2 that every
// step of a class shares, and shorthands for the two steps that are the same in every family
// (the source step of §3.1.1 and the upload step of §3.1.5). Everything here is literal data
// copied from fleet-2026.md.

/** A step's command as Buildbot holds it: a list (items may be renderables) or one shell string. */
export type Command = string | (string | Renderable)[];
/**
 * A renderable, checked by what it renders to with the dumper's probe properties
 * (build_triple=aarch64-unknown-linux-gnu, config_site=Tools/wasm/config.site-wasm32-wasi,
 * builddir=/probe/builddir, buildername=PROBE, buildnumber=7); `interpolate`, when given, is
 * the exact util.Interpolate format string the document shows.
 */
export interface Renderable { renders: string; interpolate?: string }
export type Env = Record<string, string | Renderable>;

export type StepClass = 'GitHub' | 'Configure' | 'Compile' | 'ShellCommand' | 'SetPropertyFromCommand' | 'Test'
  | 'PythonInfo' | 'Clean' | 'Install' | 'LockInstall' | 'Uninstall' | 'UploadTestResults';

export interface Flags { haltOnFailure: boolean; flunkOnFailure: boolean; warnOnFailure: boolean; alwaysRun: boolean }

export interface Step {
  cls: StepClass;
  name: string;
  /** Omitted: the class default of CLASS_DEFAULTS (it must exist). */
  command?: Command;
  /** Omitted: {} (Buildbot's default; the document says an empty env may be omitted). Source steps: none (null). */
  env?: Env;
  /** Omitted: no workdir argument (null: Buildbot's default `build`). */
  workdir?: string;
  /** Omitted: the class default of CLASS_DEFAULTS (1200 = Buildbot's default silence timeout). */
  timeout?: number;
  /** Omitted: the class default (null = the worker's default). */
  usePTY?: boolean;
  /** Checked only when given here or in CLASS_DEFAULTS. Buildbot turns a string into a one-item list. */
  description?: string[];
  /** Step-level flag arguments, over the class flags of CLASS_DEFAULTS. */
  flags?: Partial<Flags>;
  /** SetPropertyFromCommand: the property it sets. */
  property?: string;
  /** GitHub: the source-step arguments (§3.1.1). */
  source?: Source;
  /** UploadTestResults: the upload arguments (§3.1.5). */
  upload?: Upload;
}

export interface Source {
  /** null: no branch argument at all (PR builders). */
  branch: string | null;
  mode: string; method: string; filters: string[] | null; clobberOnFailure: boolean; shallow: boolean;
}
export interface Upload { workersrc: string; masterdest: Renderable; mode: number }

interface ClassDefaults {
  flags: Flags;
  name: string;
  command?: Command;
  timeout?: number;
  usePTY: boolean | null;
  description?: string[];
  descriptionDone?: string[];
}

const F = (haltOnFailure: boolean, flunkOnFailure: boolean, warnOnFailure: boolean, alwaysRun: boolean): Flags =>
  ({ haltOnFailure, flunkOnFailure, warnOnFailure, alwaysRun });

/** §3.1.2, one row per step class: default name, command, flags and other class-level settings. */
export const CLASS_DEFAULTS: Record<StepClass, ClassDefaults> = {
  GitHub: { name: 'git', flags: F(true, false, true, false), usePTY: null },
  Configure: { name: 'configure', flags: F(true, true, false, false), timeout: 1200, usePTY: null },
  Compile: { name: 'compile', flags: F(true, true, false, false), timeout: 1200, usePTY: null },
  ShellCommand: { name: 'shell', flags: F(false, true, false, false), timeout: 1200, usePTY: null },
  SetPropertyFromCommand: { name: 'setproperty', flags: F(false, true, false, false), timeout: 1200, usePTY: null },
  Test: { name: 'test', flags: F(false, true, true, false), timeout: 1200, usePTY: null },
  PythonInfo: { name: 'pythoninfo', flags: F(false, true, true, false), timeout: 1200, usePTY: null, description: ['Display build information'] },
  Clean: { name: 'clean', command: ['make', 'distclean'], flags: F(false, false, true, true), timeout: 1200, usePTY: null, description: ['cleaning'], descriptionDone: ['clean'] },
  Install: { name: 'install', command: ['make', 'install'], flags: F(true, true, false, false), timeout: 1200, usePTY: null, description: ['installing'], descriptionDone: ['Installed'] },
  LockInstall: { name: 'chmod', command: ['chmod', '-R', '-w', 'target/'], flags: F(false, true, false, false), timeout: 1200, usePTY: null, description: ['changing permissions'], descriptionDone: ['made install dir unwritable'] },
  Uninstall: { name: 'uninstall', command: 'chmod -R +w target/ &&  rm -rf target/', flags: F(false, true, true, true), timeout: 1200, usePTY: false, description: ['uninstalling'], descriptionDone: ['Uninstalled'] },
  // §3.1.2 says haltOnFailure False; note that Buildbot's FileUpload itself defaults to True.
  UploadTestResults: { name: 'upload', flags: F(false, false, true, true), usePTY: null },
};

/**
 * §3.1.2 and §3.1.6: what every `Test` step has besides its arguments. The warning pattern is
 * `.*(?:A|B|…)` with the alternatives in the document's order, each a regex fragment as written.
 */
export const TEST_CLASS = {
  warnOnWarnings: true,
  maxTime: 14400,
  sigtermTime: 30,
  decodeRC: { '0': 'success', '5': 'warnings' },
  warningPattern: '.*(?:' + [
    'Warning -- ', 'Fatal Python error:', 'Exception ignored in:', 'Windows fatal exception:', 'ResourceWarning',
    'Re-running failed tests in verbose mode', 'Re-running test.* in verbose mode',
    'Unhandled exception in thread started by ', 'test_[^ ]+ leaked ', 'FAIL: ', 'ERROR: ', 'unexpected success',
    'Kill worker process ', 'test .* failed -- multiple errors occurred; run in verbose mode for details',
    'No space left on device',
  ].join('|') + ')',
};

/** §3.1.1: the default repository (settings `git_url`). */
export const DEFAULT_REPOURL = 'https://github.com/python/cpython';
export const SOURCE_TIMEOUT = 3600;

/** §3.1.1: the source step, default arguments. `ref` null = PR (no branch argument). */
export const git = (ref: string | null): Step => ({
  cls: 'GitHub', name: 'git', timeout: SOURCE_TIMEOUT,
  source: { branch: ref, mode: 'full', method: 'fresh', filters: ['blob:none'], clobberOnFailure: true, shallow: false },
});

/** §3.1.1, override G1 (`ware-win11-arm64` only). */
export const gitG1 = (ref: string | null): Step => ({
  cls: 'GitHub', name: 'git', timeout: SOURCE_TIMEOUT,
  source: { branch: ref, mode: 'full', method: 'clobber', filters: null, clobberOnFailure: true, shallow: true },
});

/** §3.1.5: the upload step of a real branch. */
export const upload = (branch: string, workersrc: string): Step => ({
  cls: 'UploadTestResults', name: 'upload',
  upload: {
    workersrc,
    masterdest: {
      interpolate: `/data/www/buildbot/test-results/${branch}/%(prop:buildername)s/build_%(prop:buildnumber)s.xml`,
      renders: `/data/www/buildbot/test-results/${branch}/PROBE/build_7.xml`,
    },
    mode: 0o755,
  },
});

/** §3.2.2 named lists. */
export const RHEL = [
  '--with-pydebug', '--with-platlibdir=lib64', '--enable-ipv6', '--enable-shared', '--with-computed-gotos=yes',
  '--with-dbmliborder=gdbm:ndbm:bdb', '--enable-loadable-sqlite-extensions', '--with-ssl-default-suites=openssl',
  '--without-static-libpython', '--with-lto', '--with-valgrind', '--with-system-libmpdec',
];
export const BREW = [
  '--with-openssl=/opt/homebrew/opt/openssl@3', 'CPPFLAGS=-I/opt/homebrew/include', 'LDFLAGS=-L/opt/homebrew/lib',
  'PKG_CONFIG_PATH=/opt/homebrew/opt/tcl-tk@8/lib/pkgconfig',
];
export const ASAN = { ASAN_OPTIONS: 'detect_leaks=0:allocator_may_return_null=1:handle_segv=0' };

/** §3.2.1 step 2: the out-of-tree directory of the RHEL/CentOS/Fedora classes. */
export const OOT = 'build/build_oot';
export const mkdirOOT: Step = {
  cls: 'ShellCommand', name: 'mkdir out-of-tree directory', command: ['mkdir', '-p', 'build_oot'],
  description: ['Create out-of-tree directory'], flags: { warnOnFailure: true },
};

/** Class-default steps that appear unchanged in many lists. */
export const clean: Step = { cls: 'Clean', name: 'clean' };
export const lockInstall: Step = { cls: 'LockInstall', name: 'chmod' };
export const uninstall: Step = { cls: 'Uninstall', name: 'uninstall' };
export const pythoninfoWin: Step = { cls: 'PythonInfo', name: 'pythoninfo', command: ['python.bat', '-m', 'test.pythoninfo'] };

export interface Builder {
  name: string;
  worker: string;
  builddir: string;
  /** Canonical order (§4.3): branch, tier, stability, class tags. */
  tags: string[];
  /** §2.4: true on the builders of the downtime workers. */
  canStartBuild?: boolean;
  steps: Step[];
}
