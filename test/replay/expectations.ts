// What each replayed change does to the loaded config, written by hand from the upstream
// commit's diff (git show <commit> -- master/) and the rules of ../shared/fleet-2026.md;
// never produced by the generator or read from its YAML. "before"/"after" are the real
// commit's sides: the builder lists, the step edits (as functions of the loaded "before"
// builder) and the literal spot values are what the Python change does.
import { type NormBuilder, type NormStep, insertAfter, mapItem, onStep } from './replay.js';

export type Branch = '3.x' | '3.15' | '3.14' | '3.13' | '3.12' | '3.11' | '3.10' | 'PR';
const ALL: Branch[] = ['3.x', '3.15', '3.14', '3.13', '3.12', '3.11', '3.10', 'PR'];
/** §1.3: only_since includes PR, only_until excludes it. */
const SINCE_312: Branch[] = ['3.x', '3.15', '3.14', '3.13', '3.12', 'PR'];
const SINCE_313: Branch[] = ['3.x', '3.15', '3.14', '3.13', 'PR'];
const SINCE_314: Branch[] = ['3.x', '3.15', '3.14', 'PR'];
const UNTIL_312: Branch[] = ['3.12', '3.11', '3.10'];
/** §1.1: builder-directory prefix and branch tag. */
const DIR = (b: Branch) => (b === 'PR' ? 'pull_request' : b);
const TAG = (b: Branch) => (b === 'PR' ? 'PullRequest' : b);

const on = (definition: string, branches: Branch[]) => branches.map((b) => `${definition} ${b}`);
const onAll = (definitions: string[], branches: Branch[]) => definitions.flatMap((d) => on(d, branches));

/** A builder that exists on one side only: what §4.1 and §3 say it is. */
export interface Lone { name: string; worker: string; builddir: string; tags: string[]; steps: string[]; canStartBuild?: boolean }
/** A change to builders present on both sides: after = apply(before). */
export interface Rule { what: string; builders: string[]; apply: (b: NormBuilder, name: string) => NormBuilder }
/** A literal value on both sides (undefined: the builder or step is absent on that side). */
export interface Spot { builder: string; step: string; field: string; before: unknown; after: unknown }
export interface Expect {
  workers?: { added?: string[]; removed?: string[] };
  added?: Lone[];
  removed?: Lone[];
  rules?: Rule[];
  spots?: Spot[];
}

// §3.2.1 (Unix make family), §3.3 (installed), §3.4 (Windows): step names in order.
const upl = (b: Branch, refleak: boolean) => (b !== 'PR' && !refleak ? ['upload'] : []);
const unixSteps = (b: Branch, o: { oot?: boolean; refleak?: boolean } = {}) =>
  ['git', ...(o.oot ? ['mkdir out-of-tree directory'] : []), 'configure', 'compile', 'pythoninfo', 'test', ...upl(b, !!o.refleak), 'clean'];
const installedSteps = ['git', 'configure', 'compile', 'install', 'chmod', 'pythoninfo', 'test', 'uninstall', 'clean'];
const windowsSteps = (b: Branch, refleak = false) => ['git', 'compile', 'pythoninfo', 'test', ...upl(b, refleak), 'clean'];

/** A builder of `definition` on each branch, for Lone lists. */
function lones(definition: string, branches: Branch[], worker: string, suffix: string, tags: (b: Branch) => string[], steps: (b: Branch) => string[], canStartBuild?: boolean): Lone[] {
  return branches.map((b) => ({ name: `${definition} ${b}`, worker, builddir: `${DIR(b)}.${worker}${suffix}`, tags: [TAG(b), ...tags(b)], steps: steps(b), ...(canStartBuild ? { canStartBuild } : {}) }));
}

const retag = (from: string, to: string) => (b: NormBuilder): NormBuilder => {
  if (!b.tags.includes(from)) throw new Error(`tag ${from} not in ${JSON.stringify(b.tags)}`);
  return { ...b, tags: b.tags.map((t) => (t === from ? to : t)) };
};
const chain = (...fs: ((b: NormBuilder) => NormBuilder)[]) => (b: NormBuilder) => fs.reduce((x, f) => f(x), b);
const configure = (f: (command: unknown) => string[]) => (b: NormBuilder) => onStep(b, 'configure', (a) => ({ ...a, command: f(a.command) }));

/** §3.1.4: the Unix make test step with base timeout T: TESTTIMEOUT=T and step timeout T + 600. */
const testTimeout = (f: (t: number) => number) => (b: NormBuilder) => onStep(b, 'test', (a) => {
  let t = 0;
  const command = mapItem(a.command, 'TESTTIMEOUT=', (v) => String((t = f(Number(v)))));
  return { ...a, command, timeout: t + 600 };
});

/** §3.2.1 OPTS step 4: the resource exclusion rule, applied to TESTOPTS=… ${BUILDBOT_TESTOPTS}. */
const excludeResources = (resources: string[]) => (b: NormBuilder) => onStep(b, 'test', (a) => ({
  ...a,
  command: mapItem(a.command, 'TESTOPTS=', (v) => {
    const tail = ' ${BUILDBOT_TESTOPTS}';
    if (!v.endsWith(tail)) throw new Error(`TESTOPTS without ${tail}: ${v}`);
    const opts = v.slice(0, -tail.length).split(' ');
    const i = opts.findIndex((o) => o.startsWith('-u'));
    const extra = resources.map((r) => `-${r}`).join(',');
    if (i >= 0) opts[i] = `${opts[i]},${extra}`;
    else opts.push(`-uall,${extra}`);
    return opts.join(' ') + tail;
  }),
}));

/** A step to insert, compared on the attributes given only (the rest are the class's, §3.1.2). */
const partialStep = (cls: string, attrs: Record<string, unknown>): NormStep & { partial: true } => ({ class: cls, attrs, partial: true });
const insertStepAfter = (after: string, step: NormStep) => (b: NormBuilder): NormBuilder => {
  const i = b.steps.findIndex((s) => s.attrs.name === after);
  if (i < 0) throw new Error(`no step ${after}`);
  return { ...b, steps: [...b.steps.slice(0, i + 1), step, ...b.steps.slice(i + 1)] };
};
const renameStep = (from: string, to: string) => (b: NormBuilder) => onStep(b, from, (a) => ({ ...a, name: to }));

// §3.2.2: the RHEL option list before #732 (the list of steps.ts without its last two) and the Homebrew flags.
const RHEL_OLD_LAST = '--with-lto';
const BREW_LDFLAGS = 'LDFLAGS=-L/opt/homebrew/lib';
const TCLTK = 'PKG_CONFIG_PATH=/opt/homebrew/opt/tcl-tk@8/lib/pkgconfig';
const RHEL_BEFORE = ['--with-pydebug', '--with-platlibdir=lib64', '--enable-ipv6', '--enable-shared', '--with-computed-gotos=yes',
  '--with-dbmliborder=gdbm:ndbm:bdb', '--enable-loadable-sqlite-extensions', '--with-ssl-default-suites=openssl',
  '--without-static-libpython', '--with-lto'];
const PY = '$(PWD)/target';

const FEDORA = ['AMD64 Fedora Stable', 'PPC64LE Fedora Stable', 'aarch64 Fedora Stable', 'AMD64 Fedora Rawhide', 'PPC64LE Fedora Rawhide', 'aarch64 Fedora Rawhide', 'aarch64 CentOS10', 's390x CentOS10'];
const FEDORA_NOGIL = ['AMD64 Fedora Rawhide NoGIL', 'aarch64 Fedora Rawhide NoGIL', 'PPC64LE Fedora Rawhide NoGIL', 's390x Fedora Rawhide NoGIL'];

export const EXPECT: Record<string, Expect> = {
  // 667e7d3: the two definitions move from UNSTABLE/TIER_3 to STABLE/TIER_2; the worker runs since 3.13.
  '01-arm64-windows-stable-tier2': {
    rules: [{ what: 'tier-3 unstable -> tier-2 stable', builders: onAll(['ARM64 Windows', 'ARM64 Windows Non-Debug'], SINCE_313), apply: chain(retag('tier-3', 'tier-2'), retag('unstable', 'stable')) }],
    spots: [
      { builder: 'ARM64 Windows 3.x', step: '', field: 'tags', before: ['3.x', 'tier-3', 'unstable', 'win-arm64'], after: ['3.x', 'tier-2', 'stable', 'win-arm64'] },
      { builder: 'ARM64 Windows Non-Debug PR', step: '', field: 'tags', before: ['PullRequest', 'tier-3', 'unstable', 'win-arm64', 'nondebug'], after: ['PullRequest', 'tier-2', 'stable', 'win-arm64', 'nondebug'] },
    ],
  },
  // 4c35248: WS2025 Refleaks UNSTABLE -> STABLE and only_since(3, 13); Win11 Refleaks only_until(3, 12);
  // Windows64ClangBuild only_since(3, 14). Neither ware-win11 nor ware-ws2025 restricts branches.
  '02-windows-refleak-branches': {
    removed: [
      ...lones('AMD64 Windows11 Refleaks', SINCE_313, 'ware-win11', '.refleak', () => ['tier-1', 'stable', 'win64', 'refleak'], (b) => windowsSteps(b, true)),
      ...lones('AMD64 Windows Server 2025 Refleaks', UNTIL_312, 'ware-ws2025', '.refleak', () => ['tier-1', 'unstable', 'win64', 'refleak'], (b) => windowsSteps(b, true)),
      ...lones('AMD64 Windows Server 2025 Clang', ['3.13', '3.12', '3.11', '3.10'], 'ware-ws2025', '', () => ['tierless', 'unstable', 'win64', 'clang'], (b) => windowsSteps(b)),
    ],
    rules: [{ what: 'unstable -> stable', builders: on('AMD64 Windows Server 2025 Refleaks', SINCE_313), apply: retag('unstable', 'stable') }],
    spots: [
      { builder: 'AMD64 Windows Server 2025 Refleaks 3.13', step: '', field: 'tags', before: ['3.13', 'tier-1', 'unstable', 'win64', 'refleak'], after: ['3.13', 'tier-1', 'stable', 'win64', 'refleak'] },
      { builder: 'AMD64 Windows11 Refleaks 3.12', step: '', field: 'builddir', before: '3.12.ware-win11.refleak', after: '3.12.ware-win11.refleak' },
      { builder: 'AMD64 Windows11 Refleaks 3.13', step: '', field: 'builddir', before: '3.13.ware-win11.refleak', after: undefined },
    ],
  },
  // c53cea9: not_branches 3.10-3.14 (so 3.x, 3.15, PR) -> branches ['3.x'] (3.x and PR, §2.2).
  '03-bigmem-main-only': {
    removed: lones('aarch64 Ubuntu 24.04 BigMem', ['3.15'], 'diegorusso-aarch64-bigmem', '.bigmem', () => ['tier-1', 'unstable', 'bigmem'], (b) => unixSteps(b), true),
    spots: [{ builder: 'aarch64 Ubuntu 24.04 BigMem 3.15', step: 'test', field: 'timeout', before: 6600, after: undefined }],
  },
  // a385e61: timeout_factor=2 on three ppc64le workers; only the Unix make family scales (§2.3):
  // the Clang Installed builders on them do not change.
  '04-ppc64le-timeout-factor': {
    rules: [{
      what: 'test timeout x2',
      builders: [
        ...onAll(['PPC64LE Fedora Stable', 'PPC64LE Fedora Stable Refleaks', 'PPC64LE Fedora Stable LTO', 'PPC64LE Fedora Stable LTO + PGO', 'PPC64LE Fedora Stable Clang'], ALL),
        ...onAll(['PPC64LE Fedora Rawhide', 'PPC64LE Fedora Rawhide Refleaks', 'PPC64LE Fedora Rawhide LTO', 'PPC64LE Fedora Rawhide LTO + PGO', 'PPC64LE Fedora Rawhide Clang'], ALL),
        ...onAll(['PPC64LE Fedora Rawhide NoGIL', 'PPC64LE Fedora Rawhide NoGIL refleaks'], SINCE_313),
        ...onAll(['PPC64LE CentOS9', 'PPC64LE CentOS9 Refleaks', 'PPC64LE CentOS9 LTO', 'PPC64LE CentOS9 LTO + PGO'], ALL),
      ],
      apply: testTimeout((t) => t * 2),
    }],
    spots: [
      { builder: 'PPC64LE Fedora Stable 3.14', step: 'test', field: 'timeout', before: 1800, after: 3000 },
      { builder: 'PPC64LE Fedora Stable 3.14', step: 'test', field: 'command', before: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], after: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'] },
      { builder: 'PPC64LE Fedora Stable Refleaks 3.10', step: 'test', field: 'timeout', before: 6000, after: 11400 },
      { builder: 'PPC64LE Fedora Rawhide NoGIL refleaks 3.x', step: 'test', field: 'timeout', before: 3300, after: 6000 },
      { builder: 'PPC64LE Fedora Stable Clang Installed 3.x', step: 'test', field: 'timeout', before: 1800, after: 1800 },
      { builder: 'PPC64LE RHEL8 3.12', step: 'test', field: 'timeout', before: 3000, after: 3000 },
    ],
  },
  // 873b666: exclude_test_resources=['urlfetch', 'network'] on two workers; only the Unix make
  // family applies it (§2.3), so the Valgrind builder on pablogsal-arch-x86_64 does not change.
  '05-pablogsal-no-network-tests': {
    rules: [{
      what: 'TESTOPTS excludes urlfetch and network',
      builders: [
        ...onAll(['AMD64 Arch Linux Asan', 'AMD64 Arch Linux Asan Debug', 'AMD64 Arch Linux TraceRefs', 'AMD64 Arch Linux Usan Function', 'AMD64 Arch Linux Usan', 'ARM64 macOS'], ALL),
        ...on('AMD64 Arch Linux Perf', ['3.x', 'PR']),
      ],
      apply: excludeResources(['urlfetch', 'network']),
    }],
    spots: [
      { builder: 'AMD64 Arch Linux Asan 3.x', step: 'test', field: 'command', before: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2100'], after: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2100'] },
      { builder: 'ARM64 macOS PR', step: 'test', field: 'command', before: ['make', 'buildbottest', 'TESTOPTS=-x test_dbm test_dbm_ndbm test_shelve -j4 --junit-xml test-results.xml ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], after: ['make', 'buildbottest', 'TESTOPTS=-x test_dbm test_dbm_ndbm test_shelve -j4 --junit-xml test-results.xml -uall,-urlfetch,-network ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'] },
    ],
  },
  // c785159: Windows64ClangBuild drops '"/p:PlatformToolset=ClangCL"' from buildFlags and passes compile_environ.
  '06-windows-clang-toolset-env': {
    rules: [{
      what: 'build flag -> compile env',
      builders: on('AMD64 Windows Server 2025 Clang', SINCE_314),
      apply: (b) => onStep(b, 'compile', (a) => {
        const c = a.command as string[];
        if (c[c.length - 1] !== '"/p:PlatformToolset=ClangCL"') throw new Error(`compile command ${JSON.stringify(c)}`);
        return { ...a, command: c.slice(0, -1), env: { PlatformToolset: 'ClangCL' } };
      }),
    }],
    spots: [
      { builder: 'AMD64 Windows Server 2025 Clang 3.x', step: 'compile', field: 'command', before: ['Tools\\buildbot\\build.bat', '-p', 'x64', '"/p:PlatformToolset=ClangCL"'], after: ['Tools\\buildbot\\build.bat', '-p', 'x64'] },
      { builder: 'AMD64 Windows Server 2025 Clang PR', step: 'compile', field: 'env', before: {}, after: { PlatformToolset: 'ClangCL' } },
    ],
  },
  // 6996048: UnixOddballsBuild.configureFlags = ["--enable-pystats", "--with-pydebug"] (was UnixBuild's ["--with-pydebug"]).
  '07-oddballs-pystats': {
    rules: [{ what: 'configure --enable-pystats', builders: on('aarch64 Ubuntu Oddballs', SINCE_313), apply: configure((c) => insertAfter(c, PY, ['--enable-pystats'])) }],
    spots: [{ builder: 'aarch64 Ubuntu Oddballs 3.x', step: 'configure', field: 'command', before: ['./configure', '--prefix', PY, '--with-pydebug'], after: ['./configure', '--prefix', PY, '--enable-pystats', '--with-pydebug'] }],
  },
  // 0d5f68e: RHEL8Build (and so CentOS9, Fedora, the FIPS classes) gains --with-valgrind and
  // --with-system-libmpdec after --with-lto; FedoraStableBuild (Rawhide, NoGIL) and CentOS10Build gain --with-system-expat.
  '08-rhel-fedora-configure-options': {
    rules: [
      {
        what: 'RHEL options + valgrind, libmpdec',
        builders: [
          ...onAll(['AMD64 RHEL8', 'PPC64LE RHEL8', 'aarch64 RHEL8'], UNTIL_312),
          ...onAll(['AMD64 CentOS9', 'PPC64LE CentOS9', 'aarch64 CentOS9'], ALL),
          ...onAll(['AMD64 RHEL8 FIPS Only Blake2 Builtin Hash', 'AMD64 RHEL8 FIPS No Builtin Hashes'], ['3.12']),
          ...onAll(['AMD64 CentOS9 FIPS Only Blake2 Builtin Hash', 'AMD64 CentOS9 FIPS No Builtin Hashes'], SINCE_312),
        ],
        apply: configure((c) => insertAfter(c, RHEL_OLD_LAST, ['--with-valgrind', '--with-system-libmpdec'])),
      },
      {
        what: 'Fedora options + valgrind, libmpdec, expat',
        builders: [...onAll(FEDORA, ALL), ...onAll(FEDORA_NOGIL, SINCE_313)],
        apply: configure((c) => insertAfter(c, RHEL_OLD_LAST, ['--with-valgrind', '--with-system-libmpdec', '--with-system-expat'])),
      },
    ],
    spots: [
      { builder: 'AMD64 CentOS9 3.x', step: 'configure', field: 'command', before: ['../configure', '--prefix', PY, ...RHEL_BEFORE], after: ['../configure', '--prefix', PY, ...RHEL_BEFORE, '--with-valgrind', '--with-system-libmpdec'] },
      { builder: 's390x CentOS10 3.13', step: 'configure', field: 'command', before: ['../configure', '--prefix', PY, ...RHEL_BEFORE], after: ['../configure', '--prefix', PY, ...RHEL_BEFORE, '--with-valgrind', '--with-system-libmpdec', '--with-system-expat'] },
      { builder: 'AMD64 Fedora Rawhide NoGIL 3.x', step: 'configure', field: 'command', before: ['../configure', '--prefix', PY, ...RHEL_BEFORE, '--disable-gil'], after: ['../configure', '--prefix', PY, ...RHEL_BEFORE, '--with-valgrind', '--with-system-libmpdec', '--with-system-expat', '--disable-gil'] },
    ],
  },
  // ba9012a: the ware-freebsd worker (parallel_tests=6) and "AMD64 FreeBSD" (UnixBuild, stable tier-3) go.
  '09-retire-ware-freebsd': {
    workers: { removed: ['ware-freebsd'] },
    removed: lones('AMD64 FreeBSD', ALL, 'ware-freebsd', '', () => ['tier-3', 'stable'], (b) => unixSteps(b)),
    spots: [
      { builder: 'AMD64 FreeBSD 3.x', step: 'compile', field: 'command', before: ['make', '-j6', 'all'], after: undefined },
      { builder: 'AMD64 FreeBSD PR', step: 'test', field: 'command', before: ['make', 'buildbottest', 'TESTOPTS=-j6 --junit-xml test-results.xml ${BUILDBOT_TESTOPTS}', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], after: undefined },
    ],
  },
  // 6bd0da8: worker cstratak-c10s-s390x (parallel_tests=10, all branches) and six UNSTABLE/TIER_3 definitions.
  '10-add-s390x-centos10': {
    workers: { added: ['cstratak-c10s-s390x'] },
    added: [
      ...lones('s390x CentOS10', ALL, 'cstratak-c10s-s390x', '', () => ['tier-3', 'unstable'], (b) => unixSteps(b, { oot: true })),
      ...lones('s390x CentOS10 Refleaks', ALL, 'cstratak-c10s-s390x', '.refleak', () => ['tier-3', 'unstable', 'refleak'], (b) => unixSteps(b, { refleak: true })),
      ...lones('s390x CentOS10 Clang', ALL, 'cstratak-c10s-s390x', '.clang', () => ['tier-3', 'unstable', 'clang'], (b) => unixSteps(b)),
      ...lones('s390x CentOS10 Clang Installed', ALL, 'cstratak-c10s-s390x', '.clang-installed', () => ['tier-3', 'unstable', 'clang', 'installed'], () => installedSteps),
      ...lones('s390x CentOS10 LTO', ALL, 'cstratak-c10s-s390x', '.lto', () => ['tier-3', 'unstable', 'lto', 'nondebug'], (b) => unixSteps(b)),
      ...lones('s390x CentOS10 LTO + PGO', ALL, 'cstratak-c10s-s390x', '.lto-pgo', () => ['tier-3', 'unstable', 'lto', 'pgo', 'nondebug'], (b) => unixSteps(b)),
    ],
    spots: [
      { builder: 's390x CentOS10 3.x', step: 'compile', field: 'command', before: undefined, after: ['make', '-j10', 'all'] },
      { builder: 's390x CentOS10 Refleaks 3.10', step: 'test', field: 'timeout', before: undefined, after: 6000 },
    ],
  },
  // 2d24cdb: the five Homebrew classes gain PKG_CONFIG_PATH=…tcl-tk@8… after LDFLAGS.
  '11-brew-tcl-tk-8': {
    rules: [{
      what: 'configure + PKG_CONFIG_PATH',
      builders: [...on('ARM64 macOS', ALL), ...onAll(['ARM64 MacOS M1 NoGIL', 'ARM64 MacOS M1 Refleaks NoGIL', 'x86-64 MacOS Intel ASAN NoGIL'], SINCE_314)],
      apply: configure((c) => insertAfter(c, BREW_LDFLAGS, [TCLTK])),
    }],
    spots: [{
      builder: 'ARM64 macOS 3.10', step: 'configure', field: 'command',
      before: ['./configure', '--prefix', PY, '--with-pydebug', '--with-openssl=/opt/homebrew/opt/openssl@3', 'CPPFLAGS=-I/opt/homebrew/include', BREW_LDFLAGS],
      after: ['./configure', '--prefix', PY, '--with-pydebug', '--with-openssl=/opt/homebrew/opt/openssl@3', 'CPPFLAGS=-I/opt/homebrew/include', BREW_LDFLAGS, TCLTK],
    }],
  },
  // 9882eb9: two definitions UNSTABLE -> STABLE (no tier); rise-riscv64-{2,3,4} not_branches gains 3.11.
  // The NoGIL definition on rise-riscv64-3 never ran on 3.11 (gil-only, §1.4).
  '12-riscv-stable-no-tier': {
    removed: [
      ...lones('RISC-V 64-bit Ubuntu', ['3.11'], 'rise-riscv64-4', '', () => ['unstable'], (b) => unixSteps(b)),
      ...lones('RISC-V 64-bit Ubuntu Clang', ['3.11'], 'rise-riscv64-2', '.clang', () => ['unstable', 'clang'], (b) => unixSteps(b)),
    ],
    rules: [{ what: 'unstable -> stable', builders: onAll(['RISC-V 64-bit Ubuntu', 'RISC-V 64-bit Ubuntu Clang'], SINCE_312), apply: retag('unstable', 'stable') }],
    spots: [{ builder: 'RISC-V 64-bit Ubuntu Clang 3.12', step: '', field: 'tags', before: ['3.12', 'unstable', 'clang'], after: ['3.12', 'stable', 'clang'] }],
  },
  // 5c604d3: UnixAsanBuild.test_timeout = 35 * 60 (and its subclasses; no worker factor on these).
  '13-asan-timeout-35min': {
    rules: [{
      what: 'test timeout 1200 -> 2100',
      builders: [...onAll(['AMD64 Arch Linux Asan', 'AMD64 Arch Linux Asan Debug'], ALL), ...on('x86-64 MacOS Intel ASAN NoGIL', SINCE_314)],
      apply: testTimeout((t) => {
        if (t !== 1200) throw new Error(`ASAN test timeout before the change: ${t}, expected 1200`);
        return 2100;
      }),
    }],
    spots: [{ builder: 'x86-64 MacOS Intel ASAN NoGIL 3.14', step: 'test', field: 'timeout', before: 1800, after: 2700 }],
  },

  // ---- step changes: the fixture's family code has the change; the "before" undoes it with
  // `families: {<recipe>: {steps: [...]}}` (drop, rename, replace), and the edit removes that ----

  // ae4e465: PythonInfo "Display build info of the build Python" after "Compile build Python"; "host" -> "host/Android".
  '14-android-pythoninfo-build': {
    rules: [{
      what: 'pythoninfo-build step added, host steps renamed',
      builders: onAll(['aarch64 Android', 'AMD64 Android'], SINCE_313),
      apply: chain(
        insertStepAfter('Compile build Python', partialStep('PythonInfo', { name: 'Display build info of the build Python', command: ['python3', 'Platforms/Android', 'pythoninfo-build'] })),
        renameStep('Configure host Python', 'Configure host/Android Python'),
        renameStep('Compile host Python', 'Compile host/Android Python'),
      ),
    }],
  },
  // 26559cb: PythonInfo pythoninfo-build after "Compile build Python"; host steps renamed; the host
  // pythoninfo step renamed and `run --pythoninfo` -> `pythoninfo-host`. Every step keeps env EENV.
  '15-emscripten-pythoninfo-build': {
    rules: [{
      what: 'pythoninfo-build step added, host steps renamed, host pythoninfo replaced',
      builders: on('WASM Emscripten', SINCE_314),
      apply: chain(
        insertStepAfter('Compile build Python', partialStep('PythonInfo', { name: 'Display build info of the build Python', command: ['python3', 'Platforms/emscripten', 'pythoninfo-build'], env: { EMSDK_CACHE: '/home/emscripten/emsdk-versions' } })),
        renameStep('Configure host Python', 'Configure host/Emscripten Python'),
        renameStep('Compile host Python', 'Compile host/Emscripten Python'),
        (b) => onStep(b, 'pythoninfo', (a) => ({ ...a, name: 'Display build info of the host/Emscripten Python', command: ['python3', 'Platforms/emscripten', 'pythoninfo-host'] })),
      ),
    }],
  },
  // 2733039: PythonInfo pythoninfo-build after "Compile build Python"; the host step `make pythoninfo`
  // (workdir build/cross-build/wasm32-wasip1) -> `wasi.py pythoninfo-host` in the default workdir.
  '16-wasi-pythoninfo-build': {
    rules: [{
      what: 'pythoninfo-build step added, host pythoninfo replaced',
      builders: on('wasm32-wasi', SINCE_313),
      apply: chain(
        insertStepAfter('Compile build Python', partialStep('PythonInfo', { name: 'Display build info of the build Python', command: ['python3', 'Tools/wasm/wasi.py', 'pythoninfo-build'] })),
        (b) => onStep(b, 'pythoninfo', (a) => ({ ...a, name: 'Display build info of the host/WASI Python', command: ['python3', 'Tools/wasm/wasi.py', 'pythoninfo-host'], workdir: null })),
      ),
    }],
  },
};

/** Builders added + removed + changed, from the expectations (the test checks case.json's count against it). */
export function affected(e: Expect): number {
  return (e.added?.length ?? 0) + (e.removed?.length ?? 0) + new Set((e.rules ?? []).flatMap((r) => r.builders)).size;
}
