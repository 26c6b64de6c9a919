// §5: the 16 schedulers, their members, filters and file-importance rule, written by hand.
import type { Branch } from './fleet.js';

export interface ExpectedScheduler {
  name: string;
  /** Class name as Buildbot holds it; `base` must be in its MRO. */
  cls: string;
  base?: string;
  treeStableTimer: number | null;
  /** ChangeFilter(branch=…), or null when the scheduler has no branch filter. */
  branch: string | null;
  fileIsImportant: boolean;
  count: number;
  first?: string;
  last?: string;
}

const change = (name: string, ref: string, timer: number, count: number, first: string, last: string): ExpectedScheduler =>
  ({ name, cls: 'SingleBranchScheduler', treeStableTimer: timer, branch: ref, fileIsImportant: true, count, first, last });

/** §5.1, in c["schedulers"] order. First/last members worked out from §4.2 by hand. */
export const SCHEDULERS: ExpectedScheduler[] = [
  change('3.x', 'main', 30, 118, 'aarch64 Ubuntu Oddballs 3.x', 'RISC-V 64-bit Ubuntu NoGIL 3.x'),
  change('3.x-refleak', 'main', 3600, 23, 'AMD64 Windows Server 2025 Refleaks 3.x', 'AMD64 NixOS Unstable Refleaks 3.x'),
  change('3.15', '3.15', 30, 111, 'aarch64 Ubuntu Oddballs 3.15', 'RISC-V 64-bit Ubuntu NoGIL 3.15'),
  change('3.15-refleak', '3.15', 3600, 23, 'AMD64 Windows Server 2025 Refleaks 3.15', 'AMD64 NixOS Unstable Refleaks 3.15'),
  change('3.14', '3.14', 30, 111, 'aarch64 Ubuntu Oddballs 3.14', 'RISC-V 64-bit Ubuntu NoGIL 3.14'),
  change('3.14-refleak', '3.14', 3600, 23, 'AMD64 Windows Server 2025 Refleaks 3.14', 'AMD64 NixOS Unstable Refleaks 3.14'),
  change('3.13', '3.13', 30, 102, 'aarch64 Ubuntu Oddballs 3.13', 'RISC-V 64-bit Ubuntu NoGIL 3.13'),
  change('3.13-refleak', '3.13', 3600, 21, 'AMD64 Windows Server 2025 Refleaks 3.13', 'AMD64 NixOS Unstable Refleaks 3.13'),
  // 3.12–3.10: #1–#4 are absent; the last definition present is #161 (#162 is free-threaded).
  change('3.12', '3.12', 30, 105, 'AMD64 Debian root 3.12', 'AMD64 Arch Linux Usan 3.12'),
  change('3.12-refleak', '3.12', 3600, 21, 'AMD64 Fedora Stable Refleaks 3.12', 'AMD64 NixOS Unstable Refleaks 3.12'),
  change('3.11', '3.11', 30, 99, 'AMD64 Debian root 3.11', 'AMD64 Arch Linux Usan 3.11'),
  change('3.11-refleak', '3.11', 3600, 21, 'AMD64 Fedora Stable Refleaks 3.11', 'AMD64 NixOS Unstable Refleaks 3.11'),
  change('3.10', '3.10', 30, 96, 'AMD64 Debian root 3.10', 'AMD64 Arch Linux Usan 3.10'),
  change('3.10-refleak', '3.10', 3600, 21, 'AMD64 Fedora Stable Refleaks 3.10', 'AMD64 NixOS Unstable Refleaks 3.10'),
  {
    name: 'pull-request-scheduler', cls: 'GitHubPrScheduler', base: 'AnyBranchScheduler', treeStableTimer: 30, branch: null,
    fileIsImportant: false, count: 141, first: 'AMD64 Windows Server 2025 Refleaks PR', last: 'RISC-V 64-bit Ubuntu NoGIL PR',
  },
  {
    name: 'force', cls: 'ForceScheduler', treeStableTimer: null, branch: null, fileIsImportant: false, count: 1036,
    first: 'aarch64 Ubuntu Oddballs 3.x', last: 'RISC-V 64-bit Ubuntu NoGIL PR',
  },
];

/**
 * The refleak definitions (tag `refleak`) present on a branch, in definition order (§5.1 rules,
 * checked against §4.2 by hand). A branch's `-refleak` scheduler holds `<definition> <branch>`
 * for each; the PR scheduler starts with them.
 */
const REFLEAK_NEW = [
  'AMD64 Windows Server 2025 Refleaks', 'AMD64 Fedora Stable Refleaks', 'AMD64 CentOS9 Refleaks',
  'AMD64 CentOS9 NoGIL Refleaks', 'PPC64LE Fedora Stable Refleaks', 'PPC64LE CentOS9 Refleaks',
  'aarch64 Fedora Stable Refleaks', 'aarch64 CentOS9 Refleaks', 'ARM64 MacOS M1 Refleaks NoGIL',
  's390x Fedora Stable Refleaks', 's390x RHEL9 Refleaks', 'AMD64 FreeBSD Refleaks', 'AMD64 Fedora Rawhide Refleaks',
  'PPC64LE Fedora Rawhide Refleaks', 'aarch64 Fedora Rawhide Refleaks', 'aarch64 CentOS10 Refleaks',
  's390x Fedora Rawhide Refleaks', 's390x CentOS10 Refleaks', 'AMD64 Fedora Rawhide NoGIL refleaks',
  'aarch64 Fedora Rawhide NoGIL refleaks', 'PPC64LE Fedora Rawhide NoGIL refleaks', 's390x Fedora Rawhide NoGIL refleaks',
  'AMD64 NixOS Unstable Refleaks',
];
/** 3.13: the two refleak builders on the itamaro workers (>= 3.14) are absent. */
const REFLEAK_313 = [
  'AMD64 Windows Server 2025 Refleaks', 'AMD64 Fedora Stable Refleaks', 'AMD64 CentOS9 Refleaks',
  'PPC64LE Fedora Stable Refleaks', 'PPC64LE CentOS9 Refleaks', 'aarch64 Fedora Stable Refleaks', 'aarch64 CentOS9 Refleaks',
  's390x Fedora Stable Refleaks', 's390x RHEL9 Refleaks', 'AMD64 FreeBSD Refleaks', 'AMD64 Fedora Rawhide Refleaks',
  'PPC64LE Fedora Rawhide Refleaks', 'aarch64 Fedora Rawhide Refleaks', 'aarch64 CentOS10 Refleaks',
  's390x Fedora Rawhide Refleaks', 's390x CentOS10 Refleaks', 'AMD64 Fedora Rawhide NoGIL refleaks',
  'aarch64 Fedora Rawhide NoGIL refleaks', 'PPC64LE Fedora Rawhide NoGIL refleaks', 's390x Fedora Rawhide NoGIL refleaks',
  'AMD64 NixOS Unstable Refleaks',
];
/** 3.12–3.10: no free-threaded ones, no Windows Server 2025; the RHEL8 ones and Windows11 appear. */
const REFLEAK_OLD = [
  'AMD64 Fedora Stable Refleaks', 'AMD64 RHEL8 Refleaks', 'AMD64 CentOS9 Refleaks', 'AMD64 Windows11 Refleaks',
  'PPC64LE Fedora Stable Refleaks', 'PPC64LE RHEL8 Refleaks', 'PPC64LE CentOS9 Refleaks', 'aarch64 Fedora Stable Refleaks',
  'aarch64 RHEL8 Refleaks', 'aarch64 CentOS9 Refleaks', 's390x Fedora Stable Refleaks', 's390x RHEL9 Refleaks',
  's390x RHEL8 Refleaks', 'AMD64 FreeBSD Refleaks', 'AMD64 Fedora Rawhide Refleaks', 'PPC64LE Fedora Rawhide Refleaks',
  'aarch64 Fedora Rawhide Refleaks', 'aarch64 CentOS10 Refleaks', 's390x Fedora Rawhide Refleaks', 's390x CentOS10 Refleaks',
  'AMD64 NixOS Unstable Refleaks',
];
export const REFLEAK_DEFINITIONS: Record<Branch, string[]> = {
  '3.x': REFLEAK_NEW, '3.15': REFLEAK_NEW, '3.14': REFLEAK_NEW, '3.13': REFLEAK_313,
  '3.12': REFLEAK_OLD, '3.11': REFLEAK_OLD, '3.10': REFLEAK_OLD, PR: REFLEAK_NEW,
};

/** §5.4: the force scheduler's fixed parameters. */
export const FORCE = {
  reason: { cls: 'FixedParameter', name: 'reason', label: 'reason', default: '' },
  codebase: { codebase: '', label: 'CPython repository', fields: ['branch', 'project', 'repository', 'revision'] },
};

/** Changes to probe the change filters with (§5.1, §5.3): a push to each git ref, then PR changes. */
export const CHANGE_PROBES = [
  { branch: 'main' }, { branch: '3.15' }, { branch: '3.14' }, { branch: '3.13' }, { branch: '3.12' }, { branch: '3.11' },
  { branch: '3.10' }, { branch: 'master' },
  { branch: 'refs/pull/1/merge', properties: { should_test_pr: true, event: 'pull_request', basename: 'main', builderfilter: '.*' } },
  { branch: 'refs/pull/1/merge', properties: {} },
];
/** Which of CHANGE_PROBES each kind of scheduler accepts. */
export const ACCEPTS = (ref: string | null): boolean[] =>
  ref === null
    ? [false, false, false, false, false, false, false, false, true, false]
    : ['main', '3.15', '3.14', '3.13', '3.12', '3.11', '3.10', 'master', 'pr', 'pr'].map((b) => b === ref);

/**
 * §5.2: changes (file lists) and whether each is important, from the examples the document
 * gives and its prefix/suffix tables. "Misc/NEWS.d/…" is written out as a concrete file.
 */
export const IMPORTANT_FILES: [files: string[], important: boolean][] = [
  // The document's own examples.
  [['.devcontainer/devcontainer.json'], true],
  [['.github/CODEOWNERS'], true],
  [['.github/workflows/build.yml'], false],
  [['Doc/library/os.rst'], false],
  [['/Doc/x.py'], false],
  [['Misc/NEWS.d/next/Library/gh-issue-1.abc'], false],
  [['LICENSE.txt'], false],
  [['Lib/test/README'], false],
  [['.ruff.toml'], false],
  [['.pre-commit-config.yaml'], false],
  [['Lib/os.py'], true],
  [['pyproject.toml'], true],
  [['Lib/.gitignore'], true],
  [['Misc'], true],
  // The tables, one probe per entry, and the change-level rule.
  [['.azure-pipelines/posix-steps.txt'], false],
  [['.devcontainer/.github/x'], false],
  [['.well-known/funding-manifest-urls'], false],
  [['InternalDocs/x.py'], false],
  [['.coveragerc'], false],
  [['.editorconfig'], false],
  [['.gitattributes'], false],
  [['.gitignore'], false],
  [['.mailmap'], false],
  [['LICENSE'], false],
  [['\\Doc/x.py'], false], // leading backslash stripped
  [['Doc\\x.py'], true], // a backslash inside the name is not a slash
  [['Lib/x.md'], false],
  [['Lib/x.rst'], false],
  [['Lib/x.yml'], false],
  [['Lib/x.yaml'], false],
  [['Tools/ruff.toml'], false],
  [['Doc'], true],
  [['Lib/test/test_doc.py'], true],
  [[], false],
  [['Doc/a.rst', 'Misc/NEWS'], false],
  [['Doc/a.rst', 'Lib/os.py'], true],
];
