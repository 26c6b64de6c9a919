// Sample builders of the other eight families (§3.3–§3.10), written by hand from
// fleet-2026.md: the worked examples as printed, the others by applying each family's step
// table and the worker knobs of §2.2 by hand.
import { type Builder, type Env, type Step, clean, git, gitG1, lockInstall, pythoninfoWin, uninstall, upload } from './steps.js';

const PY = '$(PWD)/target';
const TO = ' ${BUILDBOT_TESTOPTS}';
const BUILD_BAT = 'Tools\\buildbot\\build.bat';
const TEST_BAT = 'Tools\\buildbot\\test.bat';
const CLEAN_BAT = 'Tools\\buildbot\\clean.bat';

// ---------------------------------------------------------------- §3.3 installed
export const INSTALLED_BUILDERS: Builder[] = [
  // §3.3 worked example (python3.12, N=6).
  {
    name: 'x86 Debian Installed with X 3.12', worker: 'ware-debian-x86',
    builddir: '3.12.ware-debian-x86.installed', tags: ['3.12', 'stable', 'installed'],
    steps: [
      git('3.12'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j6', 'all'] },
      { cls: 'Install', name: 'install', command: ['make', '-j6', 'install'] },
      lockInstall,
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['./target/bin/python3.12', '-m', 'test.pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['./target/bin/python3.12', '-Wdefault', '-bb', '-E', '-m', 'test', '-rwW', '-uall', '--timeout=1200', '-j6'], timeout: 1800, usePTY: false },
      uninstall,
      clean,
    ],
  },
  // §3.3 worked example: PR uses python3; the ppc64le factor 2 is ignored.
  {
    name: 'PPC64LE Fedora Stable Clang Installed PR', worker: 'cstratak-fedora-stable-ppc64le',
    builddir: 'pull_request.cstratak-fedora-stable-ppc64le.clang-installed', tags: ['PullRequest', 'tier-3', 'stable', 'clang', 'installed'],
    steps: [
      git(null),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CC=clang', 'LD=clang'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'Install', name: 'install', command: ['make', '-j10', 'install'] },
      lockInstall,
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['./target/bin/python3', '-m', 'test.pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['./target/bin/python3', '-Wdefault', '-bb', '-E', '-m', 'test', '-rwW', '-uall', '--timeout=1200', '-j10'], timeout: 1800, usePTY: false },
      uninstall,
      clean,
    ],
  },
  // Slow installed (T 2400), python3.11, N=4.
  {
    name: 'riscv64 Ubuntu 3.11', worker: 'onder-riscv64',
    builddir: '3.11.onder-riscv64.installed', tags: ['3.11', 'stable', 'installed'],
    steps: [
      git('3.11'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'Install', name: 'install', command: ['make', '-j4', 'install'] },
      lockInstall,
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['./target/bin/python3.11', '-m', 'test.pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['./target/bin/python3.11', '-Wdefault', '-bb', '-E', '-m', 'test', '-rwW', '-uall', '--timeout=2400', '-j4'], timeout: 3000, usePTY: false },
      uninstall,
      clean,
    ],
  },
  // 3.x installs python3.16.
  {
    name: 's390x CentOS10 Clang Installed 3.x', worker: 'cstratak-c10s-s390x',
    builddir: '3.x.cstratak-c10s-s390x.clang-installed', tags: ['3.x', 'tier-3', 'unstable', 'clang', 'installed'],
    steps: [
      git('main'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CC=clang', 'LD=clang'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'Install', name: 'install', command: ['make', '-j10', 'install'] },
      lockInstall,
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['./target/bin/python3.16', '-m', 'test.pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['./target/bin/python3.16', '-Wdefault', '-bb', '-E', '-m', 'test', '-rwW', '-uall', '--timeout=1200', '-j10'], timeout: 1800, usePTY: false },
      uninstall,
      clean,
    ],
  },
];

// ---------------------------------------------------------------- §3.4 Windows
export const WINDOWS_BUILDERS: Builder[] = [
  // §3.4 worked example (unset N: no -j on clean, -j2 on tests).
  {
    name: 'AMD64 Windows10 3.11', worker: 'bolen-windows10',
    builddir: '3.11.bolen-windows10', tags: ['3.11', 'tier-1', 'stable', 'win64'],
    steps: [
      git('3.11'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '-j2', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      upload('3.11', 'test-results.xml'),
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64'] },
    ],
  },
  // §3.4 worked example: Clang-CL env on compile only.
  {
    name: 'AMD64 Windows Server 2025 Clang 3.14', worker: 'ware-ws2025',
    builddir: '3.14.ware-ws2025', tags: ['3.14', 'tierless', 'unstable', 'win64', 'clang'],
    steps: [
      git('3.14'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64'], env: { PlatformToolset: 'ClangCL' } },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '-j4', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      upload('3.14', 'test-results.xml'),
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64', '-j4'] },
    ],
  },
  // §3.4 worked example: refleak, no JUnit, no upload, T 2700 not doubled on 3.10.
  {
    name: 'AMD64 Windows11 Refleaks 3.10', worker: 'ware-win11',
    builddir: '3.10.ware-win11.refleak', tags: ['3.10', 'tier-1', 'stable', 'win64', 'refleak'],
    steps: [
      git('3.10'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '-R', '3:3', '-u-cpu', '-j2', '--timeout', '2700'], timeout: 3300 },
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64', '-j2'] },
    ],
  },
  // Refleak on PR, N=4.
  {
    name: 'AMD64 Windows Server 2025 Refleaks PR', worker: 'ware-ws2025',
    builddir: 'pull_request.ware-ws2025.refleak', tags: ['PullRequest', 'tier-1', 'stable', 'win64', 'refleak'],
    steps: [
      git(null),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '-R', '3:3', '-u-cpu', '-j4', '--timeout', '2700'], timeout: 3300 },
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64', '-j4'] },
    ],
  },
  // PGO on PR, unset N.
  {
    name: 'AMD64 Windows PGO PR', worker: 'bolen-windows10',
    builddir: 'pull_request.bolen-windows10.pgo', tags: ['PullRequest', 'tier-1', 'stable', 'win64', 'nondebug', 'pgo'],
    steps: [
      git(null),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64', '--pgo'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '+d', '-j2', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64'] },
    ],
  },
  // Release build: clean keeps only -p x64 (no -c Release); N=2.
  {
    name: 'AMD64 Windows11 Non-Debug 3.15', worker: 'ware-win11',
    builddir: '3.15.ware-win11.nondebug', tags: ['3.15', 'tier-1', 'stable', 'win64', 'nondebug'],
    steps: [
      git('3.15'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64', '-c', 'Release'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '+d', '-j2', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      upload('3.15', 'test-results.xml'),
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64', '-j2'] },
    ],
  },
  // Free-threading with the D2 downtime, N=20.
  {
    name: 'AMD64 Windows Server 2022 NoGIL 3.14', worker: 'itamaro-win64-srv-22-aws', canStartBuild: true,
    builddir: '3.14.itamaro-win64-srv-22-aws.x64.nogil', tags: ['3.14', 'tier-1', 'stable', 'win64', 'nogil'],
    steps: [
      git('3.14'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64', '--disable-gil'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '--disable-gil', '-j20', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      upload('3.14', 'test-results.xml'),
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64', '-j20'] },
    ],
  },
  // PGO + free-threading + tail calls, 3.x only (and PR), D2 downtime.
  {
    name: 'AMD64 Windows PGO NoGIL Tailcall 3.x', worker: 'itamaro-win64-srv-22-aws', canStartBuild: true,
    builddir: '3.x.itamaro-win64-srv-22-aws.nogil.tailcall.pgo', tags: ['3.x', 'tier-1', 'stable', 'win64', 'nogil', 'nondebug', 'pgo', 'tailcall'],
    steps: [
      git('main'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'x64', '--pgo', '--disable-gil', '--tail-call-interp'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'x64', '+d', '--disable-gil', '-j20', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      upload('3.x', 'test-results.xml'),
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'x64', '-j20'] },
    ],
  },
  // ARM64 with the G1 git override, on a real branch, N=8.
  {
    name: 'ARM64 Windows 3.13', worker: 'ware-win11-arm64',
    builddir: '3.13.ware-win11-arm64', tags: ['3.13', 'tier-2', 'stable', 'win-arm64'],
    steps: [
      gitG1('3.13'),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'ARM64'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'ARM64', '-j8', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      upload('3.13', 'test-results.xml'),
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'ARM64', '-j8'] },
    ],
  },
  // §3.4 worked example: ARM64 release on PR with the G1 git override.
  {
    name: 'ARM64 Windows Non-Debug PR', worker: 'ware-win11-arm64',
    builddir: 'pull_request.ware-win11-arm64.nondebug', tags: ['PullRequest', 'tier-2', 'stable', 'win-arm64', 'nondebug'],
    steps: [
      gitG1(null),
      { cls: 'Compile', name: 'compile', command: [BUILD_BAT, '-p', 'ARM64', '-c', 'Release'] },
      pythoninfoWin,
      { cls: 'Test', name: 'test', command: [TEST_BAT, '-p', 'ARM64', '+d', '-j8', '--junit-xml', 'test-results.xml', '--timeout', '1200'], timeout: 1800 },
      { cls: 'Clean', name: 'clean', command: [CLEAN_BAT, '-p', 'ARM64', '-j8'] },
    ],
  },
];

// ---------------------------------------------------------------- §3.5 WASI cross build
const WBUILD = 'build/build_oot/build';
const WHOST = 'build/build_oot/host';
const WENV: Env = {
  CONFIG_SITE: { interpolate: '../../%(prop:config_site)s', renders: '../../Tools/wasm/config.site-wasm32-wasi' },
  WASI_SDK_PATH: '/opt/wasi-sdk-21.0',
};
const wasiCrossHead: Step[] = [
  { cls: 'SetPropertyFromCommand', name: 'Find config.site-wasm32-wasi', command: 'find Tools/wasm -name config.site-wasm32-wasi', description: ['Search Tools/wasm for config.site-wasm32-wasi'], property: 'config_site', flags: { warnOnFailure: true } },
  { cls: 'ShellCommand', name: 'Touch srcdir Modules/Setup.local', command: ['touch', 'Modules/Setup.local'], description: ['Hack to work around wasmtime mapdir issue'], flags: { haltOnFailure: true } },
  { cls: 'SetPropertyFromCommand', name: 'Gather build triple from worker', command: './config.guess', description: ['Get the build triple config.guess'], property: 'build_triple', flags: { warnOnFailure: true } },
  { cls: 'ShellCommand', name: 'mkdir build out-of-tree directory', command: ['mkdir', '-p', WBUILD], description: ['Create build out-of-tree directory'], flags: { warnOnFailure: true } },
  { cls: 'ShellCommand', name: 'mkdir host out-of-tree directory', command: ['mkdir', '-p', WHOST], description: ['Create host out-of-tree directory'], flags: { warnOnFailure: true } },
  { cls: 'Configure', name: 'Configure build Python', command: ['../../configure'], workdir: WBUILD },
];
const hostConfigure: Step = {
  cls: 'Configure', name: 'Configure host Python', env: WENV, workdir: WHOST,
  command: ['../../Tools/wasm/wasi-env', '../../configure', '--prefix', '$(PWD)/target/host', '--with-pydebug', '--without-pydebug',
    { interpolate: '--build=%(prop:build_triple)s', renders: '--build=aarch64-unknown-linux-gnu' }, '--host=wasm32-unknown-wasi', '--with-build-python=../build/python'],
};
const wasiCrossTail: Step[] = [
  { cls: 'Clean', name: 'Clean build Python', workdir: WBUILD },
  { cls: 'Clean', name: 'Clean host Python', workdir: WHOST },
];

export const WASI_CROSS_BUILDERS: Builder[] = [
  // §3.5 worked example (N=2; bcannon-wasi's factor 2 ignored; double space before --junit-xml).
  {
    name: 'wasm32-wasi Non-Debug 3.11', worker: 'bcannon-wasi',
    builddir: '3.11.bcannon-wasi.wasi.nondebug', tags: ['3.11', 'tier-2', 'stable', 'wasm', 'wasi', 'nondebug'],
    steps: [
      git('3.11'),
      ...wasiCrossHead,
      { cls: 'Compile', name: 'Compile build Python', command: ['make', '-j2'], workdir: WBUILD },
      hostConfigure,
      { cls: 'Compile', name: 'Compile host Python', command: ['make', '-j2', 'all'], env: WENV, workdir: WHOST },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: WHOST },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2  --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: WHOST },
      upload('3.11', 'build/build_oot/host/test-results.xml'),
      ...wasiCrossTail,
    ],
  },
  // Same kind on kushaldas-wasi (N=4), unstable.
  {
    name: 'wasm32 WASI 8Core 3.12', worker: 'kushaldas-wasi',
    builddir: '3.12.kushaldas-wasi.wasi.nondebug', tags: ['3.12', 'tier-2', 'unstable', 'wasm', 'wasi', 'nondebug'],
    steps: [
      git('3.12'),
      ...wasiCrossHead,
      { cls: 'Compile', name: 'Compile build Python', command: ['make', '-j4'], workdir: WBUILD },
      hostConfigure,
      { cls: 'Compile', name: 'Compile host Python', command: ['make', '-j4', 'all'], env: WENV, workdir: WHOST },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: WHOST },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j4  --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: WHOST },
      upload('3.12', 'build/build_oot/host/test-results.xml'),
      ...wasiCrossTail,
    ],
  },
];

// ---------------------------------------------------------------- §3.6 WASI preview1
const W = ['python3', 'Tools/wasm/wasi.py'];
const HOSTDIR = 'build/cross-build/wasm32-wasip1';
const preview1Head: Step[] = [
  { cls: 'Configure', name: 'Configure build Python', command: [...W, 'configure-build-python', '--', '--with-pydebug'] },
  { cls: 'Compile', name: 'Compile build Python', command: [...W, 'make-build-python'] },
  { cls: 'PythonInfo', name: 'Display build info of the build Python', command: [...W, 'pythoninfo-build'] },
  { cls: 'Configure', name: 'Configure host Python', command: [...W, 'configure-host'] },
  { cls: 'Compile', name: 'Compile host Python', command: [...W, 'make-host'] },
  { cls: 'PythonInfo', name: 'Display build info of the host/WASI Python', command: [...W, 'pythoninfo-host'] },
  { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u-cpu -j2 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: HOSTDIR },
];
const preview1Clean: Step = { cls: 'Clean', name: 'Clean the builds', command: [...W, 'clean'] };

export const WASI_PREVIEW1_BUILDERS: Builder[] = [
  // §3.6 worked example.
  {
    name: 'wasm32-wasi 3.13', worker: 'bcannon-wasi',
    builddir: '3.13.bcannon-wasi.wasi.debug', tags: ['3.13', 'tier-2', 'stable', 'wasm', 'wasi'],
    steps: [git('3.13'), ...preview1Head, upload('3.13', 'build/cross-build/wasm32-wasip1/test-results.xml'), preview1Clean],
  },
  // §4.4 worked example on PR: no upload.
  {
    name: 'wasm32-wasi PR', worker: 'bcannon-wasi',
    builddir: 'pull_request.bcannon-wasi.wasi.debug', tags: ['PullRequest', 'tier-2', 'stable', 'wasm', 'wasi'],
    steps: [git(null), ...preview1Head, preview1Clean],
  },
];

// ---------------------------------------------------------------- §3.7 iOS
const SUP = '/Users/buildbot/support/iphonesimulator.arm64';
const IBUILD = 'build/build_oot/build';
const IHOST = 'build/build_oot/host';
/** §3.7 IENV, in the document's key order (checked separately). */
export const IENV: Env = {
  PATH: '../../iOS/Resources/bin:/usr/bin:/bin:/usr/sbin:/sbin:/Library/Apple/usr/bin',
  LIBLZMA_CFLAGS: `-I${SUP}/xz/include`,
  LIBLZMA_LIBS: `-L${SUP}/xz/lib -llzma`,
  BZIP2_CFLAGS: `-I${SUP}/bzip2/include`,
  BZIP2_LIBS: `-L${SUP}/bzip2/lib -lbz2`,
  LIBFFI_CFLAGS: `-I${SUP}/libffi/include`,
  LIBFFI_LIBS: `-L${SUP}/libffi/lib -lffi`,
};
const A = ['python3', 'Platforms/Apple'];
const appleSteps: Step[] = [
  { cls: 'ShellCommand', name: 'Set up compatibility symlink', command: 'if [ ! -e Platforms/Apple ]; then ln -s ../Apple Platforms/Apple; fi' },
  { cls: 'Compile', name: 'Configure and compile build Python', command: [...A, 'build', 'iOS', 'build'] },
  { cls: 'Compile', name: 'Configure and compile host Pythons', command: [...A, 'build', 'iOS', 'hosts'] },
  { cls: 'Compile', name: 'Package XCframework', command: [...A, 'package', 'iOS'] },
  { cls: 'Test', name: 'Run test suite', command: ['python3', 'Platforms/Apple', 'test', 'iOS', '--slow-ci'], timeout: 1800 },
  { cls: 'Clean', name: 'Clean the builds', command: [...A, 'clean', 'iOS'] },
];

export const IOS_BUILDERS: Builder[] = [
  // §3.7 legacy list, branch 3.13 only (worker N unset: no -j).
  {
    name: 'iOS ARM64 Simulator 3.13', worker: 'rkm-arm64-ios-simulator',
    builddir: '3.13.rkm-arm64-ios-simulator.iOS-simulator.arm64', tags: ['3.13', 'tier-3', 'stable', 'iOS'],
    steps: [
      git('3.13'),
      { cls: 'ShellCommand', name: 'mkdir build out-of-tree directory', command: ['mkdir', '-p', IBUILD], description: ['Create build out-of-tree directory'], flags: { warnOnFailure: true } },
      { cls: 'ShellCommand', name: 'mkdir host out-of-tree directory', command: ['mkdir', '-p', IHOST], description: ['Create host out-of-tree directory'], flags: { warnOnFailure: true } },
      { cls: 'Configure', name: 'Configure build Python', command: ['../../configure'], workdir: IBUILD },
      { cls: 'Compile', name: 'Compile build Python', command: ['make'], workdir: IBUILD },
      { cls: 'Configure', name: 'Configure host Python', env: IENV, workdir: IHOST,
        command: ['../../configure', '--with-pydebug', `--with-openssl=${SUP}/openssl`, '--build=arm64-apple-darwin', '--host=arm64-apple-ios-simulator', '--with-build-python=../build/python.exe', '--enable-framework'] },
      { cls: 'Compile', name: 'Compile host Python', command: ['make', 'all'], env: IENV, workdir: IHOST },
      { cls: 'Compile', name: 'Install host Python', command: ['make', 'install'], env: IENV, workdir: IHOST },
      { cls: 'Test', name: 'test', command: ['make', 'testios'], timeout: 1800, usePTY: false, workdir: IHOST },
      { cls: 'Clean', name: 'Clean build Python', workdir: IBUILD },
      { cls: 'Clean', name: 'Clean host Python', workdir: IHOST },
    ],
  },
  // §3.7 Platforms/Apple list on 3.14 ...
  {
    name: 'iOS ARM64 Simulator 3.14', worker: 'rkm-arm64-ios-simulator',
    builddir: '3.14.rkm-arm64-ios-simulator.iOS-simulator.arm64', tags: ['3.14', 'tier-3', 'stable', 'iOS'],
    steps: [git('3.14'), ...appleSteps],
  },
  // ... and on PR, whatever the base branch.
  {
    name: 'iOS ARM64 Simulator PR', worker: 'rkm-arm64-ios-simulator',
    builddir: 'pull_request.rkm-arm64-ios-simulator.iOS-simulator.arm64', tags: ['PullRequest', 'tier-3', 'stable', 'iOS'],
    steps: [git(null), ...appleSteps],
  },
];

// ---------------------------------------------------------------- §3.8 Android
const AP = ['python3', 'Platforms/Android'];
/** HT: rendered from build_triple=aarch64-unknown-linux-gnu (the dumper's probe value). */
const HT = { renders: 'aarch64-linux-android' };
const androidSteps: Step[] = [
  { cls: 'ShellCommand', name: 'Set up compatibility symlink', command: 'if [ ! -e Platforms/Android ]; then mkdir -p Platforms; ln -s ../Android Platforms/Android; ln -s ./android.py Platforms/Android/__main__.py; fi' },
  { cls: 'SetPropertyFromCommand', name: 'Get build triple', command: ['./config.guess'], property: 'build_triple', flags: { haltOnFailure: true } },
  { cls: 'Configure', name: 'Configure build Python', command: [...AP, 'configure-build'] },
  { cls: 'Compile', name: 'Compile build Python', command: [...AP, 'make-build'] },
  { cls: 'PythonInfo', name: 'Display build info of the build Python', command: [...AP, 'pythoninfo-build'] },
  { cls: 'Configure', name: 'Configure host/Android Python', command: [...AP, 'configure-host', HT] },
  { cls: 'Compile', name: 'Compile host/Android Python', command: [...AP, 'make-host', HT] },
  { cls: 'Test', name: 'test', command: [...AP, 'test', '--managed', 'maxVersion', '-v', '--slow-ci'], timeout: 1800 },
];

export const ANDROID_BUILDERS: Builder[] = [
  // §4.4 worked example (no suffix, no class tags, no clean step).
  {
    name: 'aarch64 Android 3.x', worker: 'mhsmith-android-aarch64',
    builddir: '3.x.mhsmith-android-aarch64', tags: ['3.x', 'tier-3', 'stable'],
    steps: [git('main'), ...androidSteps],
  },
  {
    name: 'AMD64 Android PR', worker: 'mhsmith-android-x86_64',
    builddir: 'pull_request.mhsmith-android-x86_64', tags: ['PullRequest', 'tier-3', 'stable'],
    steps: [git(null), ...androidSteps],
  },
];

// ---------------------------------------------------------------- §3.9 Emscripten
const E = ['python3', 'Platforms/emscripten'];
const EENV: Env = { EMSDK_CACHE: '/home/emscripten/emsdk-versions' };

export const EMSCRIPTEN_BUILDERS: Builder[] = [
  {
    name: 'WASM Emscripten 3.15', worker: 'rkm-emscripten',
    builddir: '3.15.rkm-emscripten.emscripten', tags: ['3.15', 'tier-3', 'stable', 'emscripten'],
    steps: [
      git('3.15'),
      { cls: 'Configure', name: 'Install emscripten (if needed)', command: [...E, 'install-emscripten'], env: EENV },
      { cls: 'Configure', name: 'Configure build Python', command: [...E, 'configure-build-python'], env: EENV },
      { cls: 'Compile', name: 'Compile build Python', command: [...E, 'make-build-python'], env: EENV },
      { cls: 'PythonInfo', name: 'Display build info of the build Python', command: [...E, 'pythoninfo-build'], env: EENV },
      { cls: 'Compile', name: 'Compile host dependencies (if needed)', command: [...E, 'make-dependencies'], env: EENV },
      { cls: 'Configure', name: 'Configure host/Emscripten Python', command: [...E, 'configure-host'], env: EENV },
      { cls: 'Compile', name: 'Compile host/Emscripten Python', command: [...E, 'make-host'], env: EENV },
      { cls: 'PythonInfo', name: 'Display build info of the host/Emscripten Python', command: [...E, 'pythoninfo-host'], env: EENV },
      { cls: 'Test', name: 'Node full test suite', command: [...E, 'run', '--test'], env: EENV, timeout: 1800 },
      { cls: 'Test', name: 'PyRepl in Chrome smoke test', command: ['Platforms/emscripten/browser_test/run_test.sh'], env: EENV, timeout: 1800 },
      { cls: 'Clean', name: 'Clean the builds', command: [...E, 'clean'], env: EENV },
    ],
  },
];

// ---------------------------------------------------------------- §3.10 Valgrind
const valgrindSteps: Step[] = [
  { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--with-valgrind', '--without-pymalloc'] },
  { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
  { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
  {
    cls: 'Test', name: 'test', timeout: 6600,
    command: ['valgrind', '--leak-check=full', '--show-leak-kinds=definite', '--error-exitcode=10', '--gen-suppressions=all',
      '--track-origins=yes', '--trace-children=no',
      { interpolate: '--suppressions=%(prop:builddir)s/build/Misc/valgrind-python.supp', renders: '--suppressions=/probe/builddir/build/Misc/valgrind-python.supp' },
      './python', '-m', 'test', 'test_grammar', 'test_syntax', 'test_tokenize', 'test_fstring', 'test_ast', 'test_exceptions', '--timeout=6000'],
  },
  clean,
];

export const VALGRIND_BUILDERS: Builder[] = [
  {
    name: 'AMD64 Arch Linux Valgrind 3.x', worker: 'pablogsal-arch-x86_64',
    builddir: '3.x.pablogsal-arch-x86_64.valgrind', tags: ['3.x', 'tier-1', 'unstable', 'valgrind'],
    steps: [git('main'), ...valgrindSteps],
  },
  {
    name: 'AMD64 Arch Linux Valgrind PR', worker: 'pablogsal-arch-x86_64',
    builddir: 'pull_request.pablogsal-arch-x86_64.valgrind', tags: ['PullRequest', 'tier-1', 'unstable', 'valgrind'],
    steps: [git(null), ...valgrindSteps],
  },
];
