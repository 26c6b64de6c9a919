// The commands each kind of build runs ("What each kind of build runs" in the fleet document).
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/pipeline.js';
import type { Step } from '../../src/model/types.js';

const { matrix } = loadFleet({ workers: 'workers.yaml', builders: 'builders.yaml' });
const steps = (builder: string): Step[] => {
  const b = matrix.builders.find((x) => x.name === builder);
  if (!b) throw new Error(`no builder ${builder}`);
  return b.steps;
};
const step = (builder: string, name: string) => steps(builder).find((s) => s.name === name)!;
const cmd = (builder: string, name: string) => step(builder, name)?.command;

describe('Unix builds', () => {
  it('debug: --with-pydebug, make all, buildbottest with -j2, 20 min timeout, faulthandler 5 min less, distclean', () => {
    expect(steps('AMD64 Debian root 3.x').map((s) => s.name)).toEqual(['git', 'configure', 'compile', 'test', 'clean']);
    expect(cmd('AMD64 Debian root 3.x', 'configure')).toEqual(['./configure', '--with-pydebug']);
    expect(cmd('AMD64 Debian root 3.x', 'compile')).toEqual(['make', 'all']);
    expect(cmd('AMD64 Debian root 3.x', 'test')).toEqual(['make', 'buildbottest', 'TESTOPTS=-j2', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=900']);
    expect(step('AMD64 Debian root 3.x', 'test').timeout).toBe(1200);
    expect(step('AMD64 Debian root 3.x', 'clean')).toMatchObject({ kind: 'clean', command: ['make', 'distclean'] });
  });

  it('the worker -jN goes to make and to the tests', () => {
    expect(cmd('AMD64 FreeBSD 9.x 3.6', 'compile')).toEqual(['make', '-j4', 'all']);
    expect(cmd('AMD64 FreeBSD 9.x 3.6', 'test')).toContain('TESTOPTS=-j2 -j4');
    expect(cmd('ARMv7 Ubuntu 3.x', 'test')).toContain('TESTOPTS=-j2 -j8');
  });

  it('non-debug, PGO, shared, extra configure and test flags', () => {
    expect(cmd('AMD64 FreeBSD CURRENT Non-Debug 3.x', 'configure')).toEqual(['./configure']);
    expect(cmd('AMD64 Debian PGO 3.x', 'configure')).toEqual(['./configure', '--enable-optimizations']);
    expect(cmd('x86 Ubuntu Shared 3.x', 'configure')).toEqual(['./configure', '--with-pydebug', '--enable-shared']);
    expect(cmd('AMD64 OpenIndiana 3.x', 'configure')).toEqual(['./configure', '--with-pydebug', 'CFLAGS=-I/usr/local/include/ncursesw -m64', 'LDFLAGS=-L/usr/local/lib/64 -m64']);
    expect(cmd('x86 OpenIndiana 3.x', 'configure')).toEqual(['./configure', '--with-pydebug', 'CFLAGS=-I/usr/local/include/ncursesw']);
    expect(cmd('PPC64 AIX 3.x', 'configure')).toEqual(['./configure', '--with-pydebug', '--with-gcc=yes']);
    expect(cmd('x86 Gentoo Non-Debug with X 3.x', 'test')).toContain('TESTOPTS=-u-audio -j2');
  });

  it('a longer timeout (Tiger: 30 min) and the PTY of the Gentoo worker', () => {
    expect(step('x86 Tiger 3.x', 'test')).toMatchObject({ timeout: 1800 });
    expect(cmd('x86 Tiger 3.x', 'test')).toContain('TESTTIMEOUT=1500');
    expect(step('x86 Gentoo Non-Debug with X 3.x', 'test').pty).toBe(true);
    expect(step('AMD64 Debian root 3.x', 'test').pty).toBeUndefined();
  });

  it('refleaks: -R 3:3:refleaks.log -u-cpu and ten times the timeout', () => {
    expect(cmd('x86 Gentoo Refleaks custom', 'test')).toEqual(['make', 'buildbottest', 'TESTOPTS=-R 3:3:refleaks.log -u-cpu -j2', 'TESTPYTHONOPTS=', 'TESTTIMEOUT=11700']);
    expect(step('x86 Gentoo Refleaks custom', 'test').timeout).toBe(12000);
  });

  it('installed: prefix, install, read-only target, the installed interpreter, cleanup', () => {
    const b = 'x86 Gentoo Installed with X 3.6';
    expect(steps(b).map((s) => s.name)).toEqual(['git', 'configure', 'compile', 'install', 'lock-target', 'test', 'unlock-target', 'clean']);
    expect(cmd(b, 'configure')).toEqual(['./configure', '--prefix', '$(PWD)/target']);
    expect(cmd(b, 'install')).toEqual(['make', 'install']);
    expect(cmd(b, 'lock-target')).toEqual(['chmod', '-R', '-w', 'target/']);
    expect(cmd(b, 'test')).toEqual(['./target/bin/python3.6', '-Wdefault', '-bb', '-E', '-m', 'test.regrtest', '-rwW', '-uall', '-j2']);
    expect(step(b, 'unlock-target')).toMatchObject({ kind: 'clean', command: 'chmod -R +w target/ && rm -rf target/' });
    expect(cmd('x86 Gentoo Installed with X 3.x', 'test')?.[0]).toBe('./target/bin/python3.7');
    expect(cmd('x86 Gentoo Installed with X custom', 'test')?.[0]).toBe('./target/bin/python3.7');
    expect(cmd('x86 Gentoo Installed with X 2.7', 'test')?.[0]).toBe('./target/bin/python2.7');
  });
});

describe('Windows builds', () => {
  it('32-bit debug: build.bat, test.bat -j2 --timeout, clean.bat; no --timeout on 2.7', () => {
    expect(cmd('x86 Windows7 3.x', 'compile')).toEqual(['Tools\\buildbot\\build.bat']);
    expect(cmd('x86 Windows7 3.x', 'test')).toEqual(['Tools\\buildbot\\test.bat', '-j2', '--timeout', '900']);
    expect(cmd('x86 Windows7 2.7', 'test')).toEqual(['Tools\\buildbot\\test.bat', '-j2']);
    expect(cmd('x86 Windows7 3.x', 'clean')).toEqual(['Tools\\buildbot\\clean.bat']);
  });

  it('64-bit adds -p x64 to build and clean and -x64 to the tests; the worker -jN too', () => {
    expect(cmd('AMD64 Windows7 SP1 3.x', 'compile')).toEqual(['Tools\\buildbot\\build.bat', '-p', 'x64']);
    expect(cmd('AMD64 Windows7 SP1 3.x', 'test')).toEqual(['Tools\\buildbot\\test.bat', '-x64', '-j2', '-j4', '--timeout', '900']);
    expect(cmd('AMD64 Windows7 SP1 3.x', 'clean')).toEqual(['Tools\\buildbot\\clean.bat', '-p', 'x64']);
  });

  it('release builds with -c Release and tests with +d; refleaks add -R and ten times the timeout', () => {
    expect(cmd('AMD64 Windows8.1 Non-Debug 3.x', 'compile')).toEqual(['Tools\\buildbot\\build.bat', '-p', 'x64', '-c', 'Release']);
    expect(cmd('AMD64 Windows8.1 Non-Debug 3.x', 'test')).toContain('+d');
    expect(cmd('AMD64 Windows8.1 Refleaks 3.x', 'test')).toEqual(['Tools\\buildbot\\test.bat', '-x64', '-R', '3:3:refleaks.log', '-u-cpu', '-j2', '-j4', '--timeout', '11700']);
    expect(step('AMD64 Windows8.1 Refleaks 3.x', 'test').timeout).toBe(12000);
  });

  it('Visual Studio 9.0 (2.7 only)', () => {
    expect(cmd('x86 Windows XP VS9.0 2.7', 'compile')).toEqual(['PC\\VS9.0\\build.bat', '-e', '-k', '-d']);
    expect(cmd('x86 Windows XP VS9.0 2.7', 'test')).toEqual(['PC\\VS9.0\\rt.bat', '-q', '-d']);
    expect(cmd('x86 Windows XP VS9.0 2.7', 'clean')).toEqual(['PC\\VS9.0\\build.bat', '-t', 'Clean', '-d']);
    expect(cmd('AMD64 Windows7 SP1 VS9.0 2.7', 'compile')).toEqual(['PC\\VS9.0\\build.bat', '-e', '-k', '-d', '-p', 'x64']);
    expect(cmd('AMD64 Windows7 SP1 VS9.0 2.7', 'test')).toEqual(['PC\\VS9.0\\rt.bat', '-q', '-d', '-x64']);
    expect(cmd('AMD64 Windows7 SP1 VS9.0 2.7', 'clean')).toEqual(['PC\\VS9.0\\build.bat', '-t', 'Clean', '-d', '-p', 'x64']);
  });
});

describe('Docs and DMG', () => {
  it('docs: check (PYTHON=python3 except on 2.7), suspicious, html, orange on warnings, then clean', () => {
    expect(steps('Docs 3.x').map((s) => [s.name, s.kind])).toEqual([['git', 'git'], ['docs-check', 'docs'], ['docs-suspicious', 'docs'], ['docs-html', 'docs'], ['docs-clean', 'clean']]);
    expect(cmd('Docs 3.x', 'docs-check')).toEqual(['make', '-C', 'Doc/', 'check', 'PYTHON=python3']);
    expect(cmd('Docs 2.7', 'docs-check')).toEqual(['make', '-C', 'Doc/', 'check']);
    expect(cmd('Docs 3.x', 'docs-html')).toEqual(['make', '-C', 'Doc/', 'html']);
    expect(cmd('Docs 3.x', 'docs-clean')).toEqual(['make', '-C', 'Doc/', 'clean']);
  });

  it('dmg: build-installer.py with the configured python in Mac/BuildScript, upload of dmg/diskimage', () => {
    expect(steps('bolen-dmg-3.6').slice(1)).toEqual([
      { name: 'build-installer', kind: 'shell', command: [{ setting: 'dmg_python' }, './build-installer.py', '--build-dir', '../../dmg'], workdir: 'build/Mac/BuildScript' },
      { name: 'upload', kind: 'upload', src: 'dmg/diskimage', dest: { setting: 'dmg_upload_dir' } },
    ]);
  });
});
