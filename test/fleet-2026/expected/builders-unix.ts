// Sample builders of the Unix "make buildbottest" family (§3.2), written by hand from
// fleet-2026.md: the worked examples of §3.2.3 and §4.4 as printed, the others by applying
// §3.2.1 (template), §3.2.2 (class parameters), §2.2 (worker knobs), §3.1.3 (-j rule) and
// §3.1.4 (timeouts) by hand. Worker knobs used are noted on each builder.
import { ASAN, BREW, type Builder, OOT, RHEL, clean, git, mkdirOOT, upload } from './steps.js';

const PY = '$(PWD)/target';
const TO = ' ${BUILDBOT_TESTOPTS}';

export const UNIX_BUILDERS: Builder[] = [
  // §3.2.3 worked example (OOT Fedora, N=10).
  {
    name: 'AMD64 Fedora Stable 3.x', worker: 'cstratak-fedora-stable-x86_64',
    builddir: '3.x.cstratak-fedora-stable-x86_64', tags: ['3.x', 'tier-1', 'stable'],
    steps: [
      git('main'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL, '--with-system-expat'], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.x', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // §3.2.3 worked example (refleak on PR: no JUnit, no upload).
  {
    name: 'AMD64 Fedora Stable Refleaks PR', worker: 'cstratak-fedora-stable-x86_64',
    builddir: 'pull_request.cstratak-fedora-stable-x86_64.refleak', tags: ['PullRequest', 'tier-1', 'stable', 'refleak'],
    steps: [
      git(null),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2700'], timeout: 3300, usePTY: false },
      clean,
    ],
  },
  // §3.1.4 example: refleak on 3.10, factor 1 -> 2700 x 2 = 5400.
  {
    name: 'AMD64 Fedora Stable Refleaks 3.10', worker: 'cstratak-fedora-stable-x86_64',
    builddir: '3.10.cstratak-fedora-stable-x86_64.refleak', tags: ['3.10', 'tier-1', 'stable', 'refleak'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=5400'], timeout: 6000, usePTY: false },
      clean,
    ],
  },
  // §3.2.3 worked example: ppc64le factor 2 and the 3.10 doubling -> 2700 x 2 x 2.
  {
    name: 'PPC64LE Fedora Stable Refleaks 3.10', worker: 'cstratak-fedora-stable-ppc64le',
    builddir: '3.10.cstratak-fedora-stable-ppc64le.refleak', tags: ['3.10', 'tier-2', 'stable', 'refleak'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=10800'], timeout: 11400, usePTY: false },
      clean,
    ],
  },
  // RHEL8 ppc64le (factor 2, N=10, only <= 3.12): refleak on 3.10 -> 10800 too.
  {
    name: 'PPC64LE RHEL8 Refleaks 3.10', worker: 'cstratak-RHEL8-ppc64le',
    builddir: '3.10.cstratak-RHEL8-ppc64le.refleak', tags: ['3.10', 'tier-2', 'stable', 'refleak'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=10800'], timeout: 11400, usePTY: false },
      clean,
    ],
  },
  // §3.1.4 example: ppc64le factor 2 on a non-refleak OOT build -> 2400.
  {
    name: 'PPC64LE Fedora Stable 3.14', worker: 'cstratak-fedora-stable-ppc64le',
    builddir: '3.14.cstratak-fedora-stable-ppc64le', tags: ['3.14', 'tier-2', 'stable'],
    steps: [
      git('3.14'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL, '--with-system-expat'], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false, workdir: OOT },
      upload('3.14', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // Factor 2 on a free-threading refleak class (3.x: no doubling): 2700 x 2.
  {
    name: 'PPC64LE Fedora Rawhide NoGIL refleaks 3.x', worker: 'cstratak-fedora-rawhide-ppc64le',
    builddir: '3.x.cstratak-fedora-rawhide-ppc64le.refleak.nogil', tags: ['3.x', 'unstable', 'nogil', 'refleak'],
    steps: [
      git('main'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=5400'], timeout: 6000, usePTY: false },
      clean,
    ],
  },
  // CentOS9 OOT on ppc64le (RHEL list, no expat), factor 2.
  {
    name: 'PPC64LE CentOS9 3.11', worker: 'cstratak-CentOS9-ppc64le',
    builddir: '3.11.cstratak-CentOS9-ppc64le', tags: ['3.11', 'tier-2', 'stable'],
    steps: [
      git('3.11'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false, workdir: OOT },
      upload('3.11', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // RHEL8 OOT (RHEL list only), N=10, worker limited to <= 3.12.
  {
    name: 'AMD64 RHEL8 3.12', worker: 'cstratak-RHEL8-x86_64',
    builddir: '3.12.cstratak-RHEL8-x86_64', tags: ['3.12', 'tier-1', 'stable'],
    steps: [
      git('3.12'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.12', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // CentOS9 OOT on x86-64, N=6.
  {
    name: 'AMD64 CentOS9 3.x', worker: 'cstratak-CentOS9-x86_64',
    builddir: '3.x.cstratak-CentOS9-x86_64', tags: ['3.x', 'tier-1', 'stable'],
    steps: [
      git('main'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j6', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j6 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.x', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // CentOS10 OOT (RHEL + expat), N=32.
  {
    name: 'aarch64 CentOS10 3.15', worker: 'cstratak-CentOS10-aarch64',
    builddir: '3.15.cstratak-CentOS10-aarch64', tags: ['3.15', 'tier-2', 'unstable'],
    steps: [
      git('3.15'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL, '--with-system-expat'], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j32', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j32 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.15', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // Free-threaded Rawhide OOT: base T 1200 (not 1800), N=10.
  {
    name: 'AMD64 Fedora Rawhide NoGIL 3.13', worker: 'cstratak-fedora-rawhide-x86_64',
    builddir: '3.13.cstratak-fedora-rawhide-x86_64.nogil', tags: ['3.13', 'unstable', 'nogil'],
    steps: [
      git('3.13'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL, '--with-system-expat', '--disable-gil'], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.13', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // §4.4 worked example: free-threading refleak, not OOT, N=10.
  {
    name: 'AMD64 Fedora Rawhide NoGIL refleaks 3.13', worker: 'cstratak-fedora-rawhide-x86_64',
    builddir: '3.13.cstratak-fedora-rawhide-x86_64.refleak.nogil', tags: ['3.13', 'unstable', 'nogil', 'refleak'],
    steps: [
      git('3.13'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2700'], timeout: 3300, usePTY: false },
      clean,
    ],
  },
  // FIPS, RHEL8 OOT with blake2 only, N=6, only 3.12; stable with no tier.
  {
    name: 'AMD64 RHEL8 FIPS Only Blake2 Builtin Hash 3.12', worker: 'cstratak-RHEL8-fips-x86_64',
    builddir: '3.12.cstratak-RHEL8-fips-x86_64.no-builtin-hashes-except-blake2',
    tags: ['3.12', 'stable', 'no-builtin-hashes-except-blake2'],
    steps: [
      git('3.12'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL, '--with-builtin-hashlib-hashes=blake2'], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j6', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j6 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.12', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // FIPS, CentOS9 OOT without builtin hashes, N=6.
  {
    name: 'AMD64 CentOS9 FIPS No Builtin Hashes 3.12', worker: 'cstratak-CentOS9-fips-x86_64',
    builddir: '3.12.cstratak-CentOS9-fips-x86_64.no-builtin-hashes', tags: ['3.12', 'tier-1', 'unstable', 'no-builtin-hashes'],
    steps: [
      git('3.12'),
      mkdirOOT,
      { cls: 'Configure', name: 'configure', command: ['../configure', '--prefix', PY, ...RHEL, '--without-builtin-hashlib-hashes'], workdir: OOT },
      { cls: 'Compile', name: 'compile', command: ['make', '-j6', 'all'], workdir: OOT },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], workdir: OOT },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j6 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false, workdir: OOT },
      upload('3.12', 'build_oot/test-results.xml'),
      { ...clean, workdir: OOT },
    ],
  },
  // LTO + PGO (configure flags replace the non-debug parent's), N=10.
  {
    name: 'AMD64 Fedora Stable LTO + PGO 3.13', worker: 'cstratak-fedora-stable-x86_64',
    builddir: '3.13.cstratak-fedora-stable-x86_64.lto-pgo', tags: ['3.13', 'tier-1', 'stable', 'lto', 'pgo', 'nondebug'],
    steps: [
      git('3.13'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-lto', '--enable-optimizations'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.13', 'test-results.xml'),
      clean,
    ],
  },
  // LTO on the RHEL8 s390x worker (the class is not OOT), N=10.
  {
    name: 's390x RHEL8 LTO 3.10', worker: 'cstratak-rhel8-s390x',
    builddir: '3.10.cstratak-rhel8-s390x.lto', tags: ['3.10', 'tier-3', 'stable', 'lto', 'nondebug'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-lto'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.10', 'test-results.xml'),
      clean,
    ],
  },
  // UnixBuild, worker without parallel_tests: `make all`, tests -j2; 3.10 (not refleak: no doubling).
  {
    name: 'AMD64 Debian root 3.10', worker: 'angelico-debian-amd64',
    builddir: '3.10.angelico-debian-amd64', tags: ['3.10', 'tier-1', 'stable'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.10', 'test-results.xml'),
      clean,
    ],
  },
  // Shared, worker unset N.
  {
    name: 'AMD64 Ubuntu Shared 3.15', worker: 'bolen-ubuntu',
    builddir: '3.15.bolen-ubuntu', tags: ['3.15', 'tier-1', 'stable', 'shared'],
    steps: [
      git('3.15'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--enable-shared'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.15', 'test-results.xml'),
      clean,
    ],
  },
  // Oddballs: the first builder of c["builders"]; N=4.
  {
    name: 'aarch64 Ubuntu Oddballs 3.x', worker: 'stan-aarch64-ubuntu',
    builddir: '3.x.stan-aarch64-ubuntu.oddballs', tags: ['3.x', 'tier-1', 'stable', 'xpickle', 'tzdata'],
    steps: [
      git('main'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--enable-pystats', '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u xpickle,tzdata test_xpickle test_zoneinfo test_datetime -j4 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.x', 'test-results.xml'),
      clean,
    ],
  },
  // §3.2.3 worked example: brew macOS, exclusions appended as a new -uall element (no -u before).
  {
    name: 'ARM64 macOS 3.13', worker: 'pablogsal-macos-m1',
    builddir: '3.13.pablogsal-macos-m1.macos-with-brew', tags: ['3.13', 'tier-2', 'stable'],
    steps: [
      git('3.13'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', ...BREW] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-x test_dbm test_dbm_ndbm test_shelve -j4 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.13', 'test-results.xml'),
      clean,
    ],
  },
  // Brew free-threading on PR: no -x flags (parent UnixNoGilBuild), T 1800, N=10.
  {
    name: 'ARM64 MacOS M1 NoGIL PR', worker: 'itamaro-macos-arm64-aws',
    builddir: 'pull_request.itamaro-macos-arm64-aws.macos-with-brew.nogil', tags: ['PullRequest', 'tier-2', 'stable', 'nogil'],
    steps: [
      git(null),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil', ...BREW] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1800'], timeout: 2400, usePTY: false },
      clean,
    ],
  },
  // Brew free-threading refleak (name has "Refleaks" before "NoGIL").
  {
    name: 'ARM64 MacOS M1 Refleaks NoGIL 3.15', worker: 'itamaro-macos-arm64-aws',
    builddir: '3.15.itamaro-macos-arm64-aws.macos-with-brew.refleak.nogil', tags: ['3.15', 'tier-2', 'stable', 'nogil', 'refleak'],
    steps: [
      git('3.15'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil', ...BREW] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2700'], timeout: 3300, usePTY: false },
      clean,
    ],
  },
  // §3.2.3 worked example: macOS ASAN free-threading, ASAN env plus MallocNanoZone for tests.
  {
    name: 'x86-64 MacOS Intel ASAN NoGIL 3.14', worker: 'itamaro-macos-intel-aws',
    builddir: '3.14.itamaro-macos-intel-aws.macos-with-brew.asan.nogil', tags: ['3.14', 'tier-2', 'stable', 'asan', 'sanitizer', 'nogil'],
    steps: [
      git('3.14'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--without-pymalloc', '--with-address-sanitizer', '--disable-gil', ...BREW] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'], env: { ...ASAN } },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], env: { ...ASAN, MallocNanoZone: '0' } },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2100'], timeout: 2700, usePTY: false, env: { ...ASAN, MallocNanoZone: '0' } },
      upload('3.14', 'test-results.xml'),
      clean,
    ],
  },
  // ASAN on Linux: unset N (make all, -j2), exclusions appended as -uall,...; ASAN env on compile, pythoninfo, test.
  {
    name: 'AMD64 Arch Linux Asan 3.x', worker: 'pablogsal-arch-x86_64',
    builddir: '3.x.pablogsal-arch-x86_64.asan', tags: ['3.x', 'stable', 'asan', 'sanitizer'],
    steps: [
      git('main'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--without-pymalloc', '--with-address-sanitizer'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'], env: { ...ASAN } },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], env: { ...ASAN } },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2100'], timeout: 2700, usePTY: false, env: { ...ASAN } },
      upload('3.x', 'test-results.xml'),
      clean,
    ],
  },
  // ASAN debug: --with-pydebug after the ASAN flags; 3.10 without doubling (not refleak).
  {
    name: 'AMD64 Arch Linux Asan Debug 3.10', worker: 'pablogsal-arch-x86_64',
    builddir: '3.10.pablogsal-arch-x86_64.asan_debug', tags: ['3.10', 'stable', 'asan', 'sanitizer'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--without-pymalloc', '--with-address-sanitizer', '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'], env: { ...ASAN } },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'], env: { ...ASAN } },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2100'], timeout: 2700, usePTY: false, env: { ...ASAN } },
      upload('3.10', 'test-results.xml'),
      clean,
    ],
  },
  // §4.4 worked example: TraceRefs, empty suffix, tags without a tier.
  {
    name: 'AMD64 Arch Linux TraceRefs 3.11', worker: 'pablogsal-arch-x86_64',
    builddir: '3.11.pablogsal-arch-x86_64', tags: ['3.11', 'stable'],
    steps: [
      git('3.11'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--with-trace-refs'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.11', 'test-results.xml'),
      clean,
    ],
  },
  // Perf on PR (one configure argument with a space); exclusions still apply on PR.
  {
    name: 'AMD64 Arch Linux Perf PR', worker: 'pablogsal-arch-x86_64',
    builddir: 'pull_request.pablogsal-arch-x86_64.perfbuild', tags: ['PullRequest', 'stable'],
    steps: [
      git(null),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CFLAGS=-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      clean,
    ],
  },
  // UBSAN with the function sanitizer off (one CFLAGS argument with spaces).
  {
    name: 'AMD64 Arch Linux Usan Function 3.13', worker: 'pablogsal-arch-x86_64',
    builddir: '3.13.pablogsal-arch-x86_64.clang-ubsan-function', tags: ['3.13', 'stable', 'clang', 'ubsan', 'sanitizer'],
    steps: [
      git('3.13'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CC=clang', 'LD=clang', 'CFLAGS=-fsanitize=undefined -fno-sanitize=function -fsanitize-recover', '--with-undefined-behavior-sanitizer'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.13', 'test-results.xml'),
      clean,
    ],
  },
  // UBSAN, unstable without a tier.
  {
    name: 'AMD64 Arch Linux Usan 3.12', worker: 'pablogsal-arch-x86_64',
    builddir: '3.12.pablogsal-arch-x86_64.clang-ubsan', tags: ['3.12', 'unstable', 'clang', 'ubsan', 'sanitizer'],
    steps: [
      git('3.12'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CC=clang', 'LD=clang', 'CFLAGS=-fno-sanitize-recover', '--with-undefined-behavior-sanitizer'] },
      { cls: 'Compile', name: 'compile', command: ['make', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j2 --junit-xml test-results.xml -uall,-urlfetch,-network' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.12', 'test-results.xml'),
      clean,
    ],
  },
  // §3.2.3 worked example: exclusions appended in place to the first -u element.
  {
    name: 'ARM64 Raspbian 3.14', worker: 'stan-raspbian',
    builddir: '3.14.stan-raspbian.nondebug', tags: ['3.14', 'tier-3', 'stable', 'nondebug'],
    steps: [
      git('3.14'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CFLAGS=-UNDEBUG'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u-cpu,-urlfetch,-network -j4 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false },
      upload('3.14', 'test-results.xml'),
      clean,
    ],
  },
  // 15-bit digits, slow (-u-cpu, 2400), N=4, no exclusions.
  {
    name: 'ARM Raspbian 3.12', worker: 'gps-raspbian',
    builddir: '3.12.gps-raspbian.nondebug', tags: ['3.12', 'tier-3', 'stable', 'nondebug'],
    steps: [
      git('3.12'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CFLAGS=-UNDEBUG', '--enable-big-digits=15'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u-cpu -j4 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false },
      upload('3.12', 'test-results.xml'),
      clean,
    ],
  },
  // Slow debug, empty suffix.
  {
    name: 'ARM64 Raspbian Debug 3.11', worker: 'savannah-raspbian',
    builddir: '3.11.savannah-raspbian', tags: ['3.11', 'tier-3', 'stable'],
    steps: [
      git('3.11'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u-cpu -j4 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false },
      upload('3.11', 'test-results.xml'),
      clean,
    ],
  },
  // Slow free-threading on PR: the last builder of c["builders"]; -u-cpu only.
  {
    name: 'RISC-V 64-bit Ubuntu NoGIL PR', worker: 'rise-riscv64-3',
    builddir: 'pull_request.rise-riscv64-3.nogil', tags: ['PullRequest', 'unstable', 'nogil'],
    steps: [
      git(null),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u-cpu -j4 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false },
      clean,
    ],
  },
  // Slow clang.
  {
    name: 'RISC-V 64-bit Ubuntu Clang 3.12', worker: 'rise-riscv64-2',
    builddir: '3.12.rise-riscv64-2.clang', tags: ['3.12', 'stable', 'clang'],
    steps: [
      git('3.12'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CC=clang', 'LD=clang', '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-u-cpu -j4 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2400'], timeout: 3000, usePTY: false },
      upload('3.12', 'test-results.xml'),
      clean,
    ],
  },
  // Clang, N=32, 3.10 (no doubling: not refleak).
  {
    name: 'aarch64 Fedora Stable Clang 3.10', worker: 'cstratak-fedora-stable-aarch64',
    builddir: '3.10.cstratak-fedora-stable-aarch64.clang', tags: ['3.10', 'tier-2', 'stable', 'clang'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CC=clang', 'LD=clang', '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j32', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j32 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.10', 'test-results.xml'),
      clean,
    ],
  },
  // §4.4 worked example: free-threading with the D2 downtime; T 1800; N=10.
  {
    name: 'AMD64 CentOS9 NoGIL 3.14', worker: 'itamaro-centos-aws', canStartBuild: true,
    builddir: '3.14.itamaro-centos-aws.nogil', tags: ['3.14', 'tier-1', 'stable', 'nogil'],
    steps: [
      git('3.14'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1800'], timeout: 2400, usePTY: false },
      upload('3.14', 'test-results.xml'),
      clean,
    ],
  },
  // Free-threading refleak with the D2 downtime.
  {
    name: 'AMD64 CentOS9 NoGIL Refleaks 3.15', worker: 'itamaro-centos-aws', canStartBuild: true,
    builddir: '3.15.itamaro-centos-aws.refleak.nogil', tags: ['3.15', 'tier-1', 'stable', 'nogil', 'refleak'],
    steps: [
      git('3.15'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j10' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2700'], timeout: 3300, usePTY: false },
      clean,
    ],
  },
  // §3.2.3 worked example: big memory with the D1 downtime.
  {
    name: 'aarch64 Ubuntu 24.04 BigMem 3.x', worker: 'diegorusso-aarch64-bigmem', canStartBuild: true,
    builddir: '3.x.diegorusso-aarch64-bigmem.bigmem', tags: ['3.x', 'tier-1', 'unstable', 'bigmem'],
    steps: [
      git('main'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j8', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-M60g -uall,extralargefile --prioritize=test_bigmem,test_lzma,test_bz2,test_re,test_array -j8 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=6000'], timeout: 6600, usePTY: false },
      upload('3.x', 'test-results.xml'),
      clean,
    ],
  },
  // The same on PR: no upload.
  {
    name: 'aarch64 Ubuntu 24.04 BigMem PR', worker: 'diegorusso-aarch64-bigmem', canStartBuild: true,
    builddir: 'pull_request.diegorusso-aarch64-bigmem.bigmem', tags: ['PullRequest', 'tier-1', 'unstable', 'bigmem'],
    steps: [
      git(null),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j8', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-M60g -uall,extralargefile --prioritize=test_bigmem,test_lzma,test_bz2,test_re,test_array -j8 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=6000'], timeout: 6600, usePTY: false },
      clean,
    ],
  },
  // Refleak on FreeBSD, 3.11 (no doubling), N=4.
  {
    name: 'AMD64 FreeBSD Refleaks 3.11', worker: 'opsec-fbsd14',
    builddir: '3.11.opsec-fbsd14.refleak', tags: ['3.11', 'tier-3', 'stable', 'refleak'],
    steps: [
      git('3.11'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j4', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-R 3:3 -u-cpu -j4' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=2700'], timeout: 3300, usePTY: false },
      clean,
    ],
  },
  // Non-debug, N=6.
  {
    name: 'x86 Debian Non-Debug with X 3.10', worker: 'ware-debian-x86',
    builddir: '3.10.ware-debian-x86.nondebug', tags: ['3.10', 'stable', 'nondebug'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CFLAGS=-UNDEBUG'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j6', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j6 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.10', 'test-results.xml'),
      clean,
    ],
  },
  // Free-threading on Alpine (worker >= 3.14), N=6, stable with no tier.
  {
    name: 'AMD64 Alpine Linux NoGIL 3.x', worker: 'ware-alpine',
    builddir: '3.x.ware-alpine.nogil', tags: ['3.x', 'stable', 'nogil'],
    steps: [
      git('main'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug', '--disable-gil'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j6', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j6 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1800'], timeout: 2400, usePTY: false },
      upload('3.x', 'test-results.xml'),
      clean,
    ],
  },
  // Solaris SPARC, N=16, unstable with no tier.
  {
    name: 'SPARCv9 Oracle Solaris 11.4 3.14', worker: 'kulikjak-solaris-sparcv9',
    builddir: '3.14.kulikjak-solaris-sparcv9', tags: ['3.14', 'unstable'],
    steps: [
      git('3.14'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, '--with-pydebug'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j16', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j16 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.14', 'test-results.xml'),
      clean,
    ],
  },
  // Perf on NixOS (all branches), N=10.
  {
    name: 'AMD64 NixOS Unstable Perf 3.10', worker: 'malvex-nixos-x86_64',
    builddir: '3.10.malvex-nixos-x86_64.perfbuild', tags: ['3.10', 'unstable'],
    steps: [
      git('3.10'),
      { cls: 'Configure', name: 'configure', command: ['./configure', '--prefix', PY, 'CFLAGS=-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer'] },
      { cls: 'Compile', name: 'compile', command: ['make', '-j10', 'all'] },
      { cls: 'PythonInfo', name: 'pythoninfo', command: ['make', 'pythoninfo'] },
      { cls: 'Test', name: 'test', command: ['make', 'buildbottest', 'TESTOPTS=-j10 --junit-xml test-results.xml' + TO, 'TESTPYTHONOPTS=', 'TESTTIMEOUT=1200'], timeout: 1800, usePTY: false },
      upload('3.10', 'test-results.xml'),
      clean,
    ],
  },
];
