// Today's cross-build families: WASI (the 3.11/3.12 cross build and the preview1 script),
// the iOS simulator, Android and Emscripten. Paths and quirks are the real config's.
import { ruleExcludes } from '../model/branch-rules.js';
import type { Step } from '../model/types.js';
import { baseTimeout, env, JUNIT_FILE, makeJobs, type StepContext, testJobs, uploadStep } from './context.js';

const mkdir = (what: string, dir: string): Step => ({
  name: `mkdir ${what} out-of-tree directory`,
  kind: 'ShellCommand',
  command: ['mkdir', '-p', dir],
  description: `Create ${what} out-of-tree directory`,
  flags: { warnOnFailure: true },
});

const regrtest = (ctx: StepContext, opts: string, workdir: string): Step => {
  const t = baseTimeout(ctx);
  return {
    name: 'test',
    kind: 'Test',
    command: ['make', 'buildbottest', `TESTOPTS=${opts} \${BUILDBOT_TESTOPTS}`, 'TESTPYTHONOPTS=', `TESTTIMEOUT=${t}`],
    timeout: t + 600,
    pty: false,
    env: {},
    workdir,
  };
};

/** A build Python, then a host Python configured with the kind's flags (wasm32-wasi on 3.11/3.12). */
export function wasiCross(ctx: StepContext): Step[] {
  const { variant } = ctx;
  const build = 'build/build_oot/build';
  const host = 'build/build_oot/host';
  const hostEnv = { env: { ...variant.host_env } };
  return [
    { name: 'Gather build triple from worker', kind: 'SetPropertyFromCommand', command: './config.guess', description: 'Get the build triple config.guess', property: 'build_triple', flags: { warnOnFailure: true } },
    // These two run in the default workdir `build` (so they make build/build/...); the worker creates the real ones.
    mkdir('build', build),
    mkdir('host', host),
    { name: 'Configure build Python', kind: 'Configure', command: ['../../configure'], workdir: build },
    { name: 'Compile build Python', kind: 'Compile', command: ['make', ...makeJobs(ctx)], workdir: build },
    {
      name: 'Configure host Python',
      kind: 'Configure',
      command: [
        '../../Tools/wasm/wasi-env',
        '../../configure',
        '--prefix',
        '$(PWD)/target/host',
        ...variant.configure_flags,
        { interpolate: '--build=%(prop:build_triple)s' },
        `--host=${variant.host ?? 'wasm32-unknown-wasi'}`,
        '--with-build-python=../build/python',
      ],
      ...hostEnv,
      workdir: host,
    },
    { name: 'Compile host Python', kind: 'Compile', command: ['make', ...makeJobs(ctx), 'all'], ...hostEnv, workdir: host },
    { name: 'pythoninfo', kind: 'PythonInfo', command: ['make', 'pythoninfo'], env: {}, workdir: host },
    // The real config joins `-jN`, " --junit-xml" and the file name: two spaces.
    regrtest(ctx, [...variant.test_flags, testJobs(ctx), ` --junit-xml`, JUNIT_FILE].join(' '), host),
    ...uploadStep(ctx, `${host}/${JUNIT_FILE}`),
    { name: 'Clean build Python', kind: 'Clean', workdir: build },
    { name: 'Clean host Python', kind: 'Clean', workdir: host },
  ];
}

/** Tools/wasm/wasi.py builds both Pythons (3.13+). */
export function wasiPreview1(ctx: StepContext): Step[] {
  const { variant } = ctx;
  const w = ['python3', 'Tools/wasm/wasi.py'];
  const hostDir = 'build/cross-build/wasm32-wasip1';
  return [
    { name: 'Configure build Python', kind: 'Configure', command: [...w, 'configure-build-python', '--', ...variant.configure_flags] },
    { name: 'Compile build Python', kind: 'Compile', command: [...w, 'make-build-python'] },
    { name: 'Display build info of the build Python', kind: 'PythonInfo', command: [...w, 'pythoninfo-build'] },
    { name: 'Configure host Python', kind: 'Configure', command: [...w, 'configure-host'] },
    { name: 'Compile host Python', kind: 'Compile', command: [...w, 'make-host'] },
    { name: 'Display build info of the host/WASI Python', kind: 'PythonInfo', command: [...w, 'pythoninfo-host'] },
    regrtest(ctx, [...variant.test_flags, testJobs(ctx), '--junit-xml', JUNIT_FILE].join(' '), hostDir),
    ...uploadStep(ctx, `${hostDir}/${JUNIT_FILE}`),
    { name: 'Clean the builds', kind: 'Clean', command: [...w, 'clean'] },
  ];
}

const symlink = (command: string): Step => ({ name: 'Set up compatibility symlink', kind: 'ShellCommand', command });

/** The iOS simulator: Platforms/Apple, or on `legacy_branches` the make-based build. */
export function iosSimulator(ctx: StepContext): Step[] {
  const { variant, branch } = ctx;
  const arch = variant.arch ?? 'arm64';
  const t = baseTimeout(ctx);
  if (variant.legacy_branches && ruleExcludes(variant.legacy_branches, branch) === undefined) {
    const build = 'build/build_oot/build';
    const host = 'build/build_oot/host';
    const sup = `/Users/buildbot/support/iphonesimulator.${arch}`;
    const ienv = {
      env: {
        PATH: ['../../iOS/Resources/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin', '/Library/Apple/usr/bin'].join(':'),
        LIBLZMA_CFLAGS: `-I${sup}/xz/include`,
        LIBLZMA_LIBS: `-L${sup}/xz/lib -llzma`,
        BZIP2_CFLAGS: `-I${sup}/bzip2/include`,
        BZIP2_LIBS: `-L${sup}/bzip2/lib -lbz2`,
        LIBFFI_CFLAGS: `-I${sup}/libffi/include`,
        LIBFFI_LIBS: `-L${sup}/libffi/lib -lffi`,
      },
    };
    return [
      mkdir('build', build),
      mkdir('host', host),
      { name: 'Configure build Python', kind: 'Configure', command: ['../../configure'], workdir: build },
      { name: 'Compile build Python', kind: 'Compile', command: ['make', ...makeJobs(ctx)], workdir: build },
      {
        name: 'Configure host Python',
        kind: 'Configure',
        command: ['../../configure', ...variant.configure_flags, `--with-openssl=${sup}/openssl`, `--build=${arch}-apple-darwin`, `--host=${arch}-apple-ios-simulator`, '--with-build-python=../build/python.exe', '--enable-framework'],
        ...ienv,
        workdir: host,
      },
      { name: 'Compile host Python', kind: 'Compile', command: ['make', ...makeJobs(ctx), 'all'], ...ienv, workdir: host },
      { name: 'Install host Python', kind: 'Compile', command: ['make', ...makeJobs(ctx), 'install'], ...ienv, workdir: host },
      { name: 'test', kind: 'Test', command: ['make', 'testios'], timeout: t + 600, pty: false, env: {}, workdir: host },
      { name: 'Clean build Python', kind: 'Clean', workdir: build },
      { name: 'Clean host Python', kind: 'Clean', workdir: host },
    ];
  }
  const apple = ['python3', 'Platforms/Apple'];
  return [
    // 3.14 keeps the tooling in a top-level Apple/ folder.
    symlink('if [ ! -e Platforms/Apple ]; then ln -s ../Apple Platforms/Apple; fi'),
    { name: 'Configure and compile build Python', kind: 'Compile', command: [...apple, 'build', 'iOS', 'build'] },
    { name: 'Configure and compile host Pythons', kind: 'Compile', command: [...apple, 'build', 'iOS', 'hosts'] },
    { name: 'Package XCframework', kind: 'Compile', command: [...apple, 'package', 'iOS'] },
    { name: 'Run test suite', kind: 'Test', command: [...apple, 'test', 'iOS', '--slow-ci'], timeout: t + 600 },
    { name: 'Clean the builds', kind: 'Clean', command: [...apple, 'clean', 'iOS'] },
  ];
}

export function android(ctx: StepContext): Step[] {
  const ap = ['python3', 'Platforms/Android'];
  // The host triple: the build triple's CPU, then -linux-android.
  const host = { property: 'build_triple', separator: '-', index: 0, suffix: '-linux-android' };
  return [
    symlink('if [ ! -e Platforms/Android ]; then mkdir -p Platforms; ln -s ../Android Platforms/Android; ln -s ./android.py Platforms/Android/__main__.py; fi'),
    { name: 'Get build triple', kind: 'SetPropertyFromCommand', command: ['./config.guess'], property: 'build_triple', flags: { haltOnFailure: true } },
    { name: 'Configure build Python', kind: 'Configure', command: [...ap, 'configure-build'] },
    { name: 'Compile build Python', kind: 'Compile', command: [...ap, 'make-build'] },
    { name: 'Display build info of the build Python', kind: 'PythonInfo', command: [...ap, 'pythoninfo-build'] },
    { name: 'Configure host/Android Python', kind: 'Configure', command: [...ap, 'configure-host', host] },
    { name: 'Compile host/Android Python', kind: 'Compile', command: [...ap, 'make-host', host] },
    { name: 'test', kind: 'Test', command: [...ap, 'test', '--managed', 'maxVersion', '-v', '--slow-ci'], timeout: baseTimeout(ctx) + 600 },
  ];
}

export function emscripten(ctx: StepContext): Step[] {
  const e = ['python3', 'Platforms/emscripten'];
  const t = baseTimeout(ctx);
  const step = (kind: string, name: string, command: string[], extra: Partial<Step> = {}): Step => ({ name, kind, command, ...env(ctx.variant.test_env), ...extra });
  return [
    step('Configure', 'Install emscripten (if needed)', [...e, 'install-emscripten']),
    step('Configure', 'Configure build Python', [...e, 'configure-build-python']),
    step('Compile', 'Compile build Python', [...e, 'make-build-python']),
    step('PythonInfo', 'Display build info of the build Python', [...e, 'pythoninfo-build']),
    step('Compile', 'Compile host dependencies (if needed)', [...e, 'make-dependencies']),
    step('Configure', 'Configure host/Emscripten Python', [...e, 'configure-host']),
    step('Compile', 'Compile host/Emscripten Python', [...e, 'make-host']),
    step('PythonInfo', 'Display build info of the host/Emscripten Python', [...e, 'pythoninfo-host']),
    step('Test', 'Node full test suite', [...e, 'run', '--test'], { timeout: t + 600 }),
    step('Test', 'PyRepl in Chrome smoke test', ['Platforms/emscripten/browser_test/run_test.sh'], { timeout: t + 600 }),
    step('Clean', 'Clean the builds', [...e, 'clean']),
  ];
}
