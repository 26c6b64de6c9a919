// The 2017 fleet as /work/shared/fleet-2017.md states it, written out independently of
// the generator, so the matrix tests compare the generator against the document.

export const BRANCHES = { '3.x': 'master', '3.6': '3.6', '3.5': '3.5', '2.7': '2.7', custom: 'buildbot-custom' } as const;
export type BranchName = keyof typeof BRANCHES;
export const ALL: BranchName[] = ['3.x', '3.6', '3.5', '2.7', 'custom'];

export const WORKERS = [
  'angelico-debian-amd64', 'gps-debian-profile-opt', 'gps-ubuntu-exynos5-armv7l', 'edelsohn-fedora-ppc64',
  'edelsohn-fedora-ppc64le', 'edelsohn-sles-z', 'edelsohn-debian-z', 'edelsohn-rhel-z', 'edelsohn-aix-ppc64',
  'ware-gentoo-x86', 'ware-win81-release', 'ware-docs', 'bolen-ubuntu', 'bolen-tiger', 'bolen-windows',
  'bolen-windows7', 'bolen-windows8', 'bolen-windows10', 'bolen-dmg', 'koobs-freebsd9', 'koobs-freebsd10',
  'koobs-freebsd-current', 'kloth-win64', 'intel-ubuntu-skylake', 'billenstein-elcapitan', 'billenstein-sierra',
  'cea-indiana-amd64', 'cea-indiana-x86', 'borja-openbsd-x86',
];

type Kind = 'debug' | 'nondebug' | 'shared' | 'installed' | 'refleaks' | 'docs' | 'win-debug' | 'win-release' | 'win-refleaks' | 'vs9';

export interface DocBuilder {
  name: string;
  worker: string;
  kind: Kind;
  stability: 'stable' | 'unstable';
  suffix: string;
  /** "Windows XP builders run on 2.7 only", "Visual Studio 9.0 builders run on 2.7 only". */
  only27?: boolean;
  win64?: boolean;
}

const b = (name: string, worker: string, kind: Kind, stability: 'stable' | 'unstable', suffix = '', extra: Partial<DocBuilder> = {}): DocBuilder => ({
  name, worker, kind, stability, suffix, ...extra,
});

export const BUILDERS: DocBuilder[] = [
  b('AMD64 Debian root', 'angelico-debian-amd64', 'debug', 'stable'),
  b('AMD64 Debian PGO', 'gps-debian-profile-opt', 'nondebug', 'stable', '.nondebug'),
  b('PPC64 Fedora', 'edelsohn-fedora-ppc64', 'debug', 'stable'),
  b('PPC64LE Fedora', 'edelsohn-fedora-ppc64le', 'debug', 'stable'),
  b('s390x SLES', 'edelsohn-sles-z', 'debug', 'stable'),
  b('s390x Debian', 'edelsohn-debian-z', 'debug', 'stable'),
  b('s390x RHEL', 'edelsohn-rhel-z', 'debug', 'stable'),
  b('x86 Gentoo Non-Debug with X', 'ware-gentoo-x86', 'nondebug', 'stable', '.nondebug'),
  b('x86 Gentoo Installed with X', 'ware-gentoo-x86', 'installed', 'stable', '.installed'),
  b('x86 Ubuntu Shared', 'bolen-ubuntu', 'shared', 'stable'),
  b('x86 Tiger', 'bolen-tiger', 'debug', 'stable'),
  b('AMD64 FreeBSD 9.x', 'koobs-freebsd9', 'debug', 'stable'),
  b('AMD64 FreeBSD 10.x Shared', 'koobs-freebsd10', 'shared', 'stable'),
  b('AMD64 FreeBSD CURRENT Debug', 'koobs-freebsd-current', 'debug', 'stable'),
  b('AMD64 FreeBSD CURRENT Non-Debug', 'koobs-freebsd-current', 'nondebug', 'stable', '.nondebug'),
  b('AMD64 Windows7 SP1', 'kloth-win64', 'win-debug', 'stable', '', { win64: true }),
  b('AMD64 Windows8', 'bolen-windows8', 'win-debug', 'stable', '', { win64: true }),
  b('AMD64 Windows10', 'bolen-windows10', 'win-debug', 'stable', '', { win64: true }),
  b('AMD64 Windows8.1 Non-Debug', 'ware-win81-release', 'win-release', 'stable', '', { win64: true }),
  b('AMD64 Windows8.1 Refleaks', 'ware-win81-release', 'win-refleaks', 'stable', '.refleak', { win64: true }),
  b('x86 Windows7', 'bolen-windows7', 'win-debug', 'stable'),
  b('x86 Windows XP', 'bolen-windows', 'win-debug', 'stable', '', { only27: true }),
  b('x86-64 Ubuntu 15.10 Skylake CPU', 'intel-ubuntu-skylake', 'debug', 'unstable'),
  b('x86 Gentoo Refleaks', 'ware-gentoo-x86', 'refleaks', 'unstable', '.refleak'),
  b('ARMv7 Ubuntu', 'gps-ubuntu-exynos5-armv7l', 'debug', 'unstable'),
  b('x86-64 El Capitan', 'billenstein-elcapitan', 'debug', 'unstable'),
  b('x86-64 Sierra', 'billenstein-sierra', 'debug', 'unstable'),
  b('AMD64 OpenIndiana', 'cea-indiana-amd64', 'debug', 'unstable'),
  b('x86 OpenIndiana', 'cea-indiana-x86', 'debug', 'unstable'),
  b('PPC64 AIX', 'edelsohn-aix-ppc64', 'debug', 'unstable'),
  b('x86 OpenBSD', 'borja-openbsd-x86', 'debug', 'unstable'),
  b('x86 Windows XP VS9.0', 'bolen-windows', 'vs9', 'unstable', 'vs9', { only27: true }),
  b('AMD64 Windows7 SP1 VS9.0', 'kloth-win64', 'vs9', 'unstable', 'vs9', { only27: true, win64: true }),
  b('Docs', 'ware-docs', 'docs', 'stable'),
];

export const DMG_HOURS: Record<string, number> = { '2.7': 12, '3.5': 13, '3.6': 14, '3.x': 15 };

/** Tags the fleet document names for a kind ("plus whatever the variant adds"). */
export const KIND_TAG: Partial<Record<Kind, string>> = { refleaks: 'refleak', 'win-refleaks': 'refleak', installed: 'installed', docs: 'docs' };

export interface ExpectedBuilder {
  name: string;
  worker: string;
  branch: BranchName;
  builddir: string;
  kind: Kind | 'dmg';
  stability?: string;
}

/** Every builder the document implies: one per (definition, branch) that applies, plus the DMGs. */
export function expectedBuilders(): ExpectedBuilder[] {
  const out: ExpectedBuilder[] = [];
  for (const d of BUILDERS) {
    for (const branch of ALL) {
      if (d.only27 && branch !== '2.7') continue;
      out.push({ name: `${d.name} ${branch}`, worker: d.worker, branch, builddir: `${branch}.${d.worker}${d.suffix}`, kind: d.kind, stability: d.stability });
    }
  }
  for (const branch of Object.keys(DMG_HOURS) as BranchName[]) {
    out.push({ name: `bolen-dmg-${branch}`, worker: 'bolen-dmg', branch, builddir: `bolen-dmg-${branch}`, kind: 'dmg' });
  }
  return out;
}
