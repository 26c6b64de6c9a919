// Fleet-level facts of fleet-2026.md, written down as data (never read from the generator or
// its YAML). The two long tables (§2.2 workers, §4.2 definitions) were transcribed row by row
// from the document; fleet.test.ts checks that they agree with the document's own totals.

/** §1.1, in the order the master iterates. */
export const BRANCHES = ['3.x', '3.15', '3.14', '3.13', '3.12', '3.11', '3.10', 'PR'] as const;
export type Branch = (typeof BRANCHES)[number];
const ALL: Branch[] = [...BRANCHES];

/** §1.1: git ref (null: no branch argument), builder-directory prefix, branch tag. */
export const BRANCH_INFO: Record<Branch, { ref: string | null; dir: string; tag: string }> = {
  '3.x': { ref: 'main', dir: '3.x', tag: '3.x' },
  '3.15': { ref: '3.15', dir: '3.15', tag: '3.15' },
  '3.14': { ref: '3.14', dir: '3.14', tag: '3.14' },
  '3.13': { ref: '3.13', dir: '3.13', tag: '3.13' },
  '3.12': { ref: '3.12', dir: '3.12', tag: '3.12' },
  '3.11': { ref: '3.11', dir: '3.11', tag: '3.11' },
  '3.10': { ref: '3.10', dir: '3.10', tag: '3.10' },
  PR: { ref: null, dir: 'pull_request', tag: 'PullRequest' },
};

/** §1.5: builders, refleak, non-refleak, stable, unstable per branch. */
export const COUNTS: Record<Branch, { builders: number; refleak: number; nonRefleak: number; stable: number; unstable: number }> = {
  '3.x': { builders: 141, refleak: 23, nonRefleak: 118, stable: 83, unstable: 58 },
  '3.15': { builders: 134, refleak: 23, nonRefleak: 111, stable: 78, unstable: 56 },
  '3.14': { builders: 134, refleak: 23, nonRefleak: 111, stable: 78, unstable: 56 },
  '3.13': { builders: 123, refleak: 21, nonRefleak: 102, stable: 68, unstable: 55 },
  '3.12': { builders: 126, refleak: 21, nonRefleak: 105, stable: 78, unstable: 48 },
  '3.11': { builders: 120, refleak: 21, nonRefleak: 99, stable: 75, unstable: 45 },
  '3.10': { builders: 117, refleak: 21, nonRefleak: 96, stable: 73, unstable: 44 },
  PR: { builders: 141, refleak: 23, nonRefleak: 118, stable: 83, unstable: 58 },
};
export const TOTALS = { builders: 1036, refleak: 176, nonRefleak: 860, stable: 616, unstable: 420, stableNonPR: 533, stablePR: 83 };

/** §2.2: the 57 workers in c["workers"] order: name, max_builds, number of builders on it. */
export const WORKERS: [name: string, maxBuilds: number, builders: number][] = [
  ['angelico-debian-amd64', 1, 8], // #1
  ['billenstein-macos', 1, 8], // #2
  ['bolen-ubuntu', 1, 8], // #3
  ['bolen-windows10', 1, 10], // #4
  ['cstratak-fedora-rawhide-x86_64', 1, 58], // #5
  ['cstratak-fedora-stable-x86_64', 1, 48], // #6
  ['cstratak-RHEL8-x86_64', 1, 12], // #7
  ['cstratak-RHEL8-fips-x86_64', 1, 2], // #8
  ['cstratak-CentOS9-x86_64', 1, 32], // #9
  ['cstratak-CentOS9-fips-x86_64', 1, 12], // #10
  ['cstratak-fedora-rawhide-ppc64le', 1, 58], // #11
  ['cstratak-fedora-stable-ppc64le', 1, 48], // #12
  ['cstratak-RHEL8-ppc64le', 1, 12], // #13
  ['cstratak-CentOS9-ppc64le', 1, 32], // #14
  ['cstratak-fedora-rawhide-aarch64', 1, 58], // #15
  ['cstratak-fedora-stable-aarch64', 1, 48], // #16
  ['cstratak-RHEL8-aarch64', 1, 12], // #17
  ['cstratak-CentOS9-aarch64', 1, 32], // #18
  ['cstratak-CentOS10-aarch64', 1, 48], // #19
  ['diegorusso-aarch64-bigmem', 1, 2], // #20
  ['cstratak-fedora-rawhide-s390x', 1, 58], // #21
  ['cstratak-fedora-stable-s390x', 1, 48], // #22
  ['cstratak-rhel8-s390x', 1, 12], // #23
  ['cstratak-rhel9-s390x', 1, 32], // #24
  ['cstratak-c10s-s390x', 1, 48], // #25
  ['gps-raspbian', 1, 8], // #26
  ['rise-riscv64-2', 1, 6], // #27
  ['rise-riscv64-3', 1, 5], // #28
  ['rise-riscv64-4', 1, 6], // #29
  ['stan-aarch64-ubuntu', 1, 5], // #30
  ['stan-raspbian', 1, 5], // #31
  ['savannah-raspbian', 1, 8], // #32
  ['kulikjak-solaris-sparcv9', 1, 8], // #33
  ['pablogsal-arch-x86_64', 1, 44], // #34
  ['pablogsal-macos-m1', 1, 8], // #35
  ['pablogsal-rasp', 1, 0], // #36
  ['skumaran-ubuntu-x86_64', 1, 8], // #37
  ['ware-alpine', 1, 8], // #38
  ['opsec-fbsd14', 1, 16], // #39
  ['opsec-fbsd15', 1, 8], // #40
  ['opsec-fbsd16', 1, 8], // #41
  ['ware-debian-x86', 1, 16], // #42
  ['ware-win11', 1, 11], // #43
  ['ware-win11-arm64', 1, 10], // #44
  ['bcannon-wasi', 2, 7], // #45
  ['itamaro-centos-aws', 2, 8], // #46
  ['itamaro-win64-srv-22-aws', 1, 10], // #47
  ['itamaro-macos-intel-aws', 1, 8], // #48
  ['itamaro-macos-arm64-aws', 1, 8], // #49
  ['kushaldas-wasi', 2, 2], // #50
  ['onder-riscv64', 1, 7], // #51
  ['rkm-arm64-ios-simulator', 1, 5], // #52
  ['rkm-emscripten', 4, 4], // #53
  ['mhsmith-android-aarch64', 1, 5], // #54
  ['mhsmith-android-x86_64', 1, 5], // #55
  ['malvex-nixos-x86_64', 1, 24], // #56
  ['ware-ws2025', 1, 9], // #57
];

/** §2.1: every worker. */
export const KEEPALIVE_INTERVAL = 60;

/** §2.4, §4.5: the workers whose builders all get canStartBuild (2 + 8 + 10 = 20 builders). */
export const DOWNTIME_WORKERS = { 'diegorusso-aarch64-bigmem': 2, 'itamaro-centos-aws': 8, 'itamaro-win64-srv-22-aws': 10 };

export type Tier = 'tier-1' | 'tier-2' | 'tier-3' | 'tierless' | null;
export type Definition = [name: string, worker: string, kind: string, tier: Tier, stability: 'stable' | 'unstable',
  branches: Branch[], builddirSuffix: string, classTags: string[], n: number];

/**
 * §4.2, all 162 definitions in source order. `branches` is the document's "Effective branches"
 * column (all four filters of §1.4 applied), `n` its N column. Tier `null` = no tier tag;
 * 'tierless' = the literal tag of `AMD64 Windows Server 2025 Clang`.
 */
export const DEFINITIONS: Definition[] = [
  ['aarch64 Ubuntu Oddballs', 'stan-aarch64-ubuntu', 'UnixOddballsBuild', 'tier-1', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.oddballs', ['xpickle', 'tzdata'], 5], // #1
  ['AMD64 Windows Server 2025 Clang', 'ware-ws2025', 'Windows64ClangBuild', 'tierless', 'unstable', ['3.x', '3.15', '3.14', 'PR'], '', ['win64', 'clang'], 4], // #2
  ['AMD64 Windows Server 2025 Refleaks', 'ware-ws2025', 'Windows64RefleakBuild', 'tier-1', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.refleak', ['win64', 'refleak'], 5], // #3
  ['AMD64 Windows PGO', 'bolen-windows10', 'Windows64PGOBuild', 'tier-1', 'stable', ['3.x', 'PR'], '.pgo', ['win64', 'nondebug', 'pgo'], 2], // #4
  ['AMD64 Debian root', 'angelico-debian-amd64', 'UnixBuild', 'tier-1', 'stable', ALL, '', [], 8], // #5
  ['AMD64 Ubuntu Shared', 'bolen-ubuntu', 'SharedUnixBuild', 'tier-1', 'stable', ALL, '', ['shared'], 8], // #6
  ['AMD64 Fedora Stable', 'cstratak-fedora-stable-x86_64', 'FedoraStableBuild', 'tier-1', 'stable', ALL, '', [], 8], // #7
  ['AMD64 Fedora Stable Refleaks', 'cstratak-fedora-stable-x86_64', 'UnixRefleakBuild', 'tier-1', 'stable', ALL, '.refleak', ['refleak'], 8], // #8
  ['AMD64 Fedora Stable LTO', 'cstratak-fedora-stable-x86_64', 'LTONonDebugUnixBuild', 'tier-1', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #9
  ['AMD64 Fedora Stable LTO + PGO', 'cstratak-fedora-stable-x86_64', 'LTOPGONonDebugBuild', 'tier-1', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #10
  ['AMD64 RHEL8', 'cstratak-RHEL8-x86_64', 'RHEL8Build', 'tier-1', 'stable', ['3.12', '3.11', '3.10'], '', [], 3], // #11
  ['AMD64 RHEL8 Refleaks', 'cstratak-RHEL8-x86_64', 'UnixRefleakBuild', 'tier-1', 'stable', ['3.12', '3.11', '3.10'], '.refleak', ['refleak'], 3], // #12
  ['AMD64 RHEL8 LTO', 'cstratak-RHEL8-x86_64', 'LTONonDebugUnixBuild', 'tier-1', 'stable', ['3.12', '3.11', '3.10'], '.lto', ['lto', 'nondebug'], 3], // #13
  ['AMD64 RHEL8 LTO + PGO', 'cstratak-RHEL8-x86_64', 'LTOPGONonDebugBuild', 'tier-1', 'stable', ['3.12', '3.11', '3.10'], '.lto-pgo', ['lto', 'pgo', 'nondebug'], 3], // #14
  ['AMD64 CentOS9', 'cstratak-CentOS9-x86_64', 'CentOS9Build', 'tier-1', 'stable', ALL, '', [], 8], // #15
  ['AMD64 CentOS9 Refleaks', 'cstratak-CentOS9-x86_64', 'UnixRefleakBuild', 'tier-1', 'stable', ALL, '.refleak', ['refleak'], 8], // #16
  ['AMD64 CentOS9 LTO', 'cstratak-CentOS9-x86_64', 'LTONonDebugUnixBuild', 'tier-1', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #17
  ['AMD64 CentOS9 LTO + PGO', 'cstratak-CentOS9-x86_64', 'LTOPGONonDebugBuild', 'tier-1', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #18
  ['AMD64 CentOS9 NoGIL', 'itamaro-centos-aws', 'UnixNoGilBuild', 'tier-1', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.nogil', ['nogil'], 4], // #19
  ['AMD64 CentOS9 NoGIL Refleaks', 'itamaro-centos-aws', 'UnixNoGilRefleakBuild', 'tier-1', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.refleak.nogil', ['nogil', 'refleak'], 4], // #20
  ['AMD64 Windows10', 'bolen-windows10', 'Windows64Build', 'tier-1', 'stable', ALL, '', ['win64'], 8], // #21
  ['AMD64 Windows11 Non-Debug', 'ware-win11', 'Windows64ReleaseBuild', 'tier-1', 'stable', ALL, '.nondebug', ['win64', 'nondebug'], 8], // #22
  ['AMD64 Windows11 Refleaks', 'ware-win11', 'Windows64RefleakBuild', 'tier-1', 'stable', ['3.12', '3.11', '3.10'], '.refleak', ['win64', 'refleak'], 3], // #23
  ['AMD64 Windows Server 2022 NoGIL', 'itamaro-win64-srv-22-aws', 'Windows64NoGilBuild', 'tier-1', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.x64.nogil', ['win64', 'nogil'], 4], // #24
  ['AMD64 Windows PGO Tailcall', 'itamaro-win64-srv-22-aws', 'Windows64PGOTailcallBuild', 'tier-1', 'stable', ['3.x', 'PR'], '.tailcall.pgo', ['win64', 'nondebug', 'pgo', 'tailcall'], 2], // #25
  ['AMD64 Windows PGO NoGIL', 'itamaro-win64-srv-22-aws', 'Windows64PGONoGilBuild', 'tier-1', 'stable', ['3.x', 'PR'], '.nogil.pgo', ['win64', 'nogil', 'nondebug', 'pgo'], 2], // #26
  ['AMD64 Windows PGO NoGIL Tailcall', 'itamaro-win64-srv-22-aws', 'Windows64PGONoGilTailcallBuild', 'tier-1', 'stable', ['3.x', 'PR'], '.nogil.tailcall.pgo', ['win64', 'nogil', 'nondebug', 'pgo', 'tailcall'], 2], // #27
  ['AMD64 Fedora Stable Clang', 'cstratak-fedora-stable-x86_64', 'ClangUnixBuild', 'tier-2', 'stable', ALL, '.clang', ['clang'], 8], // #28
  ['AMD64 Fedora Stable Clang Installed', 'cstratak-fedora-stable-x86_64', 'ClangUnixInstalledBuild', 'tier-2', 'stable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #29
  ['PPC64LE Fedora Stable', 'cstratak-fedora-stable-ppc64le', 'FedoraStableBuild', 'tier-2', 'stable', ALL, '', [], 8], // #30
  ['PPC64LE Fedora Stable Refleaks', 'cstratak-fedora-stable-ppc64le', 'UnixRefleakBuild', 'tier-2', 'stable', ALL, '.refleak', ['refleak'], 8], // #31
  ['PPC64LE Fedora Stable LTO', 'cstratak-fedora-stable-ppc64le', 'LTONonDebugUnixBuild', 'tier-2', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #32
  ['PPC64LE Fedora Stable LTO + PGO', 'cstratak-fedora-stable-ppc64le', 'LTOPGONonDebugBuild', 'tier-2', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #33
  ['PPC64LE RHEL8', 'cstratak-RHEL8-ppc64le', 'RHEL8Build', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '', [], 3], // #34
  ['PPC64LE RHEL8 Refleaks', 'cstratak-RHEL8-ppc64le', 'UnixRefleakBuild', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '.refleak', ['refleak'], 3], // #35
  ['PPC64LE RHEL8 LTO', 'cstratak-RHEL8-ppc64le', 'LTONonDebugUnixBuild', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '.lto', ['lto', 'nondebug'], 3], // #36
  ['PPC64LE RHEL8 LTO + PGO', 'cstratak-RHEL8-ppc64le', 'LTOPGONonDebugBuild', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '.lto-pgo', ['lto', 'pgo', 'nondebug'], 3], // #37
  ['PPC64LE CentOS9', 'cstratak-CentOS9-ppc64le', 'CentOS9Build', 'tier-2', 'stable', ALL, '', [], 8], // #38
  ['PPC64LE CentOS9 Refleaks', 'cstratak-CentOS9-ppc64le', 'UnixRefleakBuild', 'tier-2', 'stable', ALL, '.refleak', ['refleak'], 8], // #39
  ['PPC64LE CentOS9 LTO', 'cstratak-CentOS9-ppc64le', 'LTONonDebugUnixBuild', 'tier-2', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #40
  ['PPC64LE CentOS9 LTO + PGO', 'cstratak-CentOS9-ppc64le', 'LTOPGONonDebugBuild', 'tier-2', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #41
  ['aarch64 Fedora Stable', 'cstratak-fedora-stable-aarch64', 'FedoraStableBuild', 'tier-2', 'stable', ALL, '', [], 8], // #42
  ['aarch64 Fedora Stable Refleaks', 'cstratak-fedora-stable-aarch64', 'UnixRefleakBuild', 'tier-2', 'stable', ALL, '.refleak', ['refleak'], 8], // #43
  ['aarch64 Fedora Stable Clang', 'cstratak-fedora-stable-aarch64', 'ClangUnixBuild', 'tier-2', 'stable', ALL, '.clang', ['clang'], 8], // #44
  ['aarch64 Fedora Stable Clang Installed', 'cstratak-fedora-stable-aarch64', 'ClangUnixInstalledBuild', 'tier-2', 'stable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #45
  ['aarch64 Fedora Stable LTO', 'cstratak-fedora-stable-aarch64', 'LTONonDebugUnixBuild', 'tier-2', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #46
  ['aarch64 Fedora Stable LTO + PGO', 'cstratak-fedora-stable-aarch64', 'LTOPGONonDebugBuild', 'tier-2', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #47
  ['aarch64 RHEL8', 'cstratak-RHEL8-aarch64', 'RHEL8Build', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '', [], 3], // #48
  ['aarch64 RHEL8 Refleaks', 'cstratak-RHEL8-aarch64', 'UnixRefleakBuild', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '.refleak', ['refleak'], 3], // #49
  ['aarch64 RHEL8 LTO', 'cstratak-RHEL8-aarch64', 'LTONonDebugUnixBuild', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '.lto', ['lto', 'nondebug'], 3], // #50
  ['aarch64 RHEL8 LTO + PGO', 'cstratak-RHEL8-aarch64', 'LTOPGONonDebugBuild', 'tier-2', 'stable', ['3.12', '3.11', '3.10'], '.lto-pgo', ['lto', 'pgo', 'nondebug'], 3], // #51
  ['aarch64 CentOS9', 'cstratak-CentOS9-aarch64', 'CentOS9Build', 'tier-2', 'stable', ALL, '', [], 8], // #52
  ['aarch64 CentOS9 Refleaks', 'cstratak-CentOS9-aarch64', 'UnixRefleakBuild', 'tier-2', 'stable', ALL, '.refleak', ['refleak'], 8], // #53
  ['aarch64 CentOS9 LTO', 'cstratak-CentOS9-aarch64', 'LTONonDebugUnixBuild', 'tier-2', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #54
  ['aarch64 CentOS9 LTO + PGO', 'cstratak-CentOS9-aarch64', 'LTOPGONonDebugBuild', 'tier-2', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #55
  ['ARM64 macOS', 'pablogsal-macos-m1', 'MacOSArmWithBrewBuild', 'tier-2', 'stable', ALL, '.macos-with-brew', [], 8], // #56
  ['ARM64 MacOS M1 NoGIL', 'itamaro-macos-arm64-aws', 'MacOSArmWithBrewNoGilBuild', 'tier-2', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.macos-with-brew.nogil', ['nogil'], 4], // #57
  ['ARM64 MacOS M1 Refleaks NoGIL', 'itamaro-macos-arm64-aws', 'MacOSArmWithBrewNoGilRefleakBuild', 'tier-2', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.macos-with-brew.refleak.nogil', ['nogil', 'refleak'], 4], // #58
  ['x86-64 macOS', 'billenstein-macos', 'UnixBuild', 'tier-2', 'stable', ALL, '', [], 8], // #59
  ['x86-64 MacOS Intel NoGIL', 'itamaro-macos-intel-aws', 'UnixNoGilBuild', 'tier-2', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.nogil', ['nogil'], 4], // #60
  ['x86-64 MacOS Intel ASAN NoGIL', 'itamaro-macos-intel-aws', 'MacOSAsanNoGilBuild', 'tier-2', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.macos-with-brew.asan.nogil', ['asan', 'sanitizer', 'nogil'], 4], // #61
  ['wasm32-wasi Non-Debug', 'bcannon-wasi', 'Wasm32WasiCrossBuild', 'tier-2', 'stable', ['3.12', '3.11'], '.wasi.nondebug', ['wasm', 'wasi', 'nondebug'], 2], // #62
  ['wasm32-wasi', 'bcannon-wasi', 'Wasm32WasiPreview1DebugBuild', 'tier-2', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.wasi.debug', ['wasm', 'wasi'], 5], // #63
  ['ARM64 Windows', 'ware-win11-arm64', 'WindowsARM64Build', 'tier-2', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '', ['win-arm64'], 5], // #64
  ['ARM64 Windows Non-Debug', 'ware-win11-arm64', 'WindowsARM64ReleaseBuild', 'tier-2', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nondebug', ['win-arm64', 'nondebug'], 5], // #65
  ['s390x Fedora Stable', 'cstratak-fedora-stable-s390x', 'UnixBuild', 'tier-3', 'stable', ALL, '', [], 8], // #66
  ['s390x Fedora Stable Refleaks', 'cstratak-fedora-stable-s390x', 'UnixRefleakBuild', 'tier-3', 'stable', ALL, '.refleak', ['refleak'], 8], // #67
  ['s390x Fedora Stable Clang', 'cstratak-fedora-stable-s390x', 'ClangUnixBuild', 'tier-3', 'stable', ALL, '.clang', ['clang'], 8], // #68
  ['s390x Fedora Stable Clang Installed', 'cstratak-fedora-stable-s390x', 'ClangUnixInstalledBuild', 'tier-3', 'stable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #69
  ['s390x Fedora Stable LTO', 'cstratak-fedora-stable-s390x', 'LTONonDebugUnixBuild', 'tier-3', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #70
  ['s390x Fedora Stable LTO + PGO', 'cstratak-fedora-stable-s390x', 'LTOPGONonDebugBuild', 'tier-3', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #71
  ['s390x RHEL9', 'cstratak-rhel9-s390x', 'UnixBuild', 'tier-3', 'stable', ALL, '', [], 8], // #72
  ['s390x RHEL9 Refleaks', 'cstratak-rhel9-s390x', 'UnixRefleakBuild', 'tier-3', 'stable', ALL, '.refleak', ['refleak'], 8], // #73
  ['s390x RHEL9 LTO', 'cstratak-rhel9-s390x', 'LTONonDebugUnixBuild', 'tier-3', 'stable', ALL, '.lto', ['lto', 'nondebug'], 8], // #74
  ['s390x RHEL9 LTO + PGO', 'cstratak-rhel9-s390x', 'LTOPGONonDebugBuild', 'tier-3', 'stable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #75
  ['s390x RHEL8', 'cstratak-rhel8-s390x', 'UnixBuild', 'tier-3', 'stable', ['3.12', '3.11', '3.10'], '', [], 3], // #76
  ['s390x RHEL8 Refleaks', 'cstratak-rhel8-s390x', 'UnixRefleakBuild', 'tier-3', 'stable', ['3.12', '3.11', '3.10'], '.refleak', ['refleak'], 3], // #77
  ['s390x RHEL8 LTO', 'cstratak-rhel8-s390x', 'LTONonDebugUnixBuild', 'tier-3', 'stable', ['3.12', '3.11', '3.10'], '.lto', ['lto', 'nondebug'], 3], // #78
  ['s390x RHEL8 LTO + PGO', 'cstratak-rhel8-s390x', 'LTOPGONonDebugBuild', 'tier-3', 'stable', ['3.12', '3.11', '3.10'], '.lto-pgo', ['lto', 'pgo', 'nondebug'], 3], // #79
  ['PPC64LE Fedora Stable Clang', 'cstratak-fedora-stable-ppc64le', 'ClangUnixBuild', 'tier-3', 'stable', ALL, '.clang', ['clang'], 8], // #80
  ['PPC64LE Fedora Stable Clang Installed', 'cstratak-fedora-stable-ppc64le', 'ClangUnixInstalledBuild', 'tier-3', 'stable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #81
  ['ARM Raspbian', 'gps-raspbian', 'SlowNonDebugUnixBuild15BitDigits', 'tier-3', 'stable', ALL, '.nondebug', ['nondebug'], 8], // #82
  ['ARM64 Raspbian', 'stan-raspbian', 'SlowNonDebugUnixBuild', 'tier-3', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nondebug', ['nondebug'], 5], // #83
  ['ARM64 Raspbian Debug', 'savannah-raspbian', 'SlowDebugUnixBuild', 'tier-3', 'stable', ALL, '', [], 8], // #84
  ['AMD64 FreeBSD Refleaks', 'opsec-fbsd14', 'UnixRefleakBuild', 'tier-3', 'stable', ALL, '.refleak', ['refleak'], 8], // #85
  ['AMD64 FreeBSD14', 'opsec-fbsd14', 'UnixBuild', 'tier-3', 'stable', ALL, '', [], 8], // #86
  ['iOS ARM64 Simulator', 'rkm-arm64-ios-simulator', 'IOSARM64SimulatorBuild', 'tier-3', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.iOS-simulator.arm64', ['iOS'], 5], // #87
  ['aarch64 Android', 'mhsmith-android-aarch64', 'AndroidBuild', 'tier-3', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '', [], 5], // #88
  ['AMD64 Android', 'mhsmith-android-x86_64', 'AndroidBuild', 'tier-3', 'stable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '', [], 5], // #89
  ['WASM Emscripten', 'rkm-emscripten', 'EmscriptenBuild', 'tier-3', 'stable', ['3.x', '3.15', '3.14', 'PR'], '.emscripten', ['emscripten'], 4], // #90
  ['AMD64 Alpine Linux', 'ware-alpine', 'UnixBuild', null, 'stable', ['3.x', '3.15', '3.14', 'PR'], '', [], 4], // #91
  ['AMD64 Alpine Linux NoGIL', 'ware-alpine', 'UnixNoGilBuild', null, 'stable', ['3.x', '3.15', '3.14', 'PR'], '.nogil', ['nogil'], 4], // #92
  ['AMD64 RHEL8 FIPS Only Blake2 Builtin Hash', 'cstratak-RHEL8-fips-x86_64', 'RHEL8NoBuiltinHashesUnixBuildExceptBlake2', null, 'stable', ['3.12'], '.no-builtin-hashes-except-blake2', ['no-builtin-hashes-except-blake2'], 1], // #93
  ['AMD64 Arch Linux Asan', 'pablogsal-arch-x86_64', 'UnixAsanBuild', null, 'stable', ALL, '.asan', ['asan', 'sanitizer'], 8], // #94
  ['AMD64 Arch Linux Asan Debug', 'pablogsal-arch-x86_64', 'UnixAsanDebugBuild', null, 'stable', ALL, '.asan_debug', ['asan', 'sanitizer'], 8], // #95
  ['AMD64 Arch Linux TraceRefs', 'pablogsal-arch-x86_64', 'UnixTraceRefsBuild', null, 'stable', ALL, '', [], 8], // #96
  ['AMD64 Arch Linux Perf', 'pablogsal-arch-x86_64', 'UnixPerfBuild', null, 'stable', ['3.x', 'PR'], '.perfbuild', [], 2], // #97
  ['AMD64 Arch Linux Usan Function', 'pablogsal-arch-x86_64', 'ClangUbsanFunctionLinuxBuild', null, 'stable', ALL, '.clang-ubsan-function', ['clang', 'ubsan', 'sanitizer'], 8], // #98
  ['x86 Debian Non-Debug with X', 'ware-debian-x86', 'NonDebugUnixBuild', null, 'stable', ALL, '.nondebug', ['nondebug'], 8], // #99
  ['x86 Debian Installed with X', 'ware-debian-x86', 'UnixInstalledBuild', null, 'stable', ALL, '.installed', ['installed'], 8], // #100
  ['riscv64 Ubuntu', 'onder-riscv64', 'SlowUnixInstalledBuild', null, 'stable', ['3.x', '3.15', '3.14', '3.13', '3.12', '3.11', 'PR'], '.installed', ['installed'], 7], // #101
  ['RISC-V 64-bit Ubuntu', 'rise-riscv64-4', 'SlowDebugUnixBuild', null, 'stable', ['3.x', '3.15', '3.14', '3.13', '3.12', 'PR'], '', [], 6], // #102
  ['RISC-V 64-bit Ubuntu Clang', 'rise-riscv64-2', 'SlowClangUnixBuild', null, 'stable', ['3.x', '3.15', '3.14', '3.13', '3.12', 'PR'], '.clang', ['clang'], 6], // #103
  ['aarch64 Ubuntu 24.04 BigMem', 'diegorusso-aarch64-bigmem', 'UnixBigmemBuild', 'tier-1', 'unstable', ['3.x', 'PR'], '.bigmem', ['bigmem'], 2], // #104
  ['AMD64 Fedora Rawhide', 'cstratak-fedora-rawhide-x86_64', 'FedoraRawhideBuild', 'tier-1', 'unstable', ALL, '', [], 8], // #105
  ['AMD64 Fedora Rawhide Refleaks', 'cstratak-fedora-rawhide-x86_64', 'UnixRefleakBuild', 'tier-1', 'unstable', ALL, '.refleak', ['refleak'], 8], // #106
  ['AMD64 Fedora Rawhide LTO', 'cstratak-fedora-rawhide-x86_64', 'LTONonDebugUnixBuild', 'tier-1', 'unstable', ALL, '.lto', ['lto', 'nondebug'], 8], // #107
  ['AMD64 Fedora Rawhide LTO + PGO', 'cstratak-fedora-rawhide-x86_64', 'LTOPGONonDebugBuild', 'tier-1', 'unstable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #108
  ['AMD64 Ubuntu', 'skumaran-ubuntu-x86_64', 'UnixBuild', 'tier-1', 'unstable', ALL, '', [], 8], // #109
  ['AMD64 RHEL8 FIPS No Builtin Hashes', 'cstratak-RHEL8-fips-x86_64', 'RHEL8NoBuiltinHashesUnixBuild', 'tier-1', 'unstable', ['3.12'], '.no-builtin-hashes', ['no-builtin-hashes'], 1], // #110
  ['AMD64 CentOS9 FIPS Only Blake2 Builtin Hash', 'cstratak-CentOS9-fips-x86_64', 'CentOS9NoBuiltinHashesUnixBuildExceptBlake2', 'tier-1', 'unstable', ['3.x', '3.15', '3.14', '3.13', '3.12', 'PR'], '.no-builtin-hashes-except-blake2', ['no-builtin-hashes-except-blake2'], 6], // #111
  ['AMD64 CentOS9 FIPS No Builtin Hashes', 'cstratak-CentOS9-fips-x86_64', 'CentOS9NoBuiltinHashesUnixBuild', 'tier-1', 'unstable', ['3.x', '3.15', '3.14', '3.13', '3.12', 'PR'], '.no-builtin-hashes', ['no-builtin-hashes'], 6], // #112
  ['AMD64 Arch Linux Valgrind', 'pablogsal-arch-x86_64', 'ValgrindBuild', 'tier-1', 'unstable', ['3.x', 'PR'], '.valgrind', ['valgrind'], 2], // #113
  ['AMD64 Fedora Rawhide Clang', 'cstratak-fedora-rawhide-x86_64', 'ClangUnixBuild', 'tier-2', 'unstable', ALL, '.clang', ['clang'], 8], // #114
  ['AMD64 Fedora Rawhide Clang Installed', 'cstratak-fedora-rawhide-x86_64', 'ClangUnixInstalledBuild', 'tier-2', 'unstable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #115
  ['PPC64LE Fedora Rawhide', 'cstratak-fedora-rawhide-ppc64le', 'FedoraRawhideBuild', 'tier-2', 'unstable', ALL, '', [], 8], // #116
  ['PPC64LE Fedora Rawhide Refleaks', 'cstratak-fedora-rawhide-ppc64le', 'UnixRefleakBuild', 'tier-2', 'unstable', ALL, '.refleak', ['refleak'], 8], // #117
  ['PPC64LE Fedora Rawhide LTO', 'cstratak-fedora-rawhide-ppc64le', 'LTONonDebugUnixBuild', 'tier-2', 'unstable', ALL, '.lto', ['lto', 'nondebug'], 8], // #118
  ['PPC64LE Fedora Rawhide LTO + PGO', 'cstratak-fedora-rawhide-ppc64le', 'LTOPGONonDebugBuild', 'tier-2', 'unstable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #119
  ['aarch64 Fedora Rawhide', 'cstratak-fedora-rawhide-aarch64', 'FedoraRawhideBuild', 'tier-2', 'unstable', ALL, '', [], 8], // #120
  ['aarch64 Fedora Rawhide Refleaks', 'cstratak-fedora-rawhide-aarch64', 'UnixRefleakBuild', 'tier-2', 'unstable', ALL, '.refleak', ['refleak'], 8], // #121
  ['aarch64 Fedora Rawhide Clang', 'cstratak-fedora-rawhide-aarch64', 'ClangUnixBuild', 'tier-2', 'unstable', ALL, '.clang', ['clang'], 8], // #122
  ['aarch64 Fedora Rawhide Clang Installed', 'cstratak-fedora-rawhide-aarch64', 'ClangUnixInstalledBuild', 'tier-2', 'unstable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #123
  ['aarch64 Fedora Rawhide LTO', 'cstratak-fedora-rawhide-aarch64', 'LTONonDebugUnixBuild', 'tier-2', 'unstable', ALL, '.lto', ['lto', 'nondebug'], 8], // #124
  ['aarch64 Fedora Rawhide LTO + PGO', 'cstratak-fedora-rawhide-aarch64', 'LTOPGONonDebugBuild', 'tier-2', 'unstable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #125
  ['aarch64 CentOS10', 'cstratak-CentOS10-aarch64', 'CentOS10Build', 'tier-2', 'unstable', ALL, '', [], 8], // #126
  ['aarch64 CentOS10 Refleaks', 'cstratak-CentOS10-aarch64', 'UnixRefleakBuild', 'tier-2', 'unstable', ALL, '.refleak', ['refleak'], 8], // #127
  ['aarch64 CentOS10 Clang', 'cstratak-CentOS10-aarch64', 'ClangUnixBuild', 'tier-2', 'unstable', ALL, '.clang', ['clang'], 8], // #128
  ['aarch64 CentOS10 Clang Installed', 'cstratak-CentOS10-aarch64', 'ClangUnixInstalledBuild', 'tier-2', 'unstable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #129
  ['aarch64 CentOS10 LTO', 'cstratak-CentOS10-aarch64', 'LTONonDebugUnixBuild', 'tier-2', 'unstable', ALL, '.lto', ['lto', 'nondebug'], 8], // #130
  ['aarch64 CentOS10 LTO + PGO', 'cstratak-CentOS10-aarch64', 'LTOPGONonDebugBuild', 'tier-2', 'unstable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #131
  ['wasm32 WASI 8Core', 'kushaldas-wasi', 'Wasm32WasiCrossBuild', 'tier-2', 'unstable', ['3.12', '3.11'], '.wasi.nondebug', ['wasm', 'wasi', 'nondebug'], 2], // #132
  ['PPC64LE Fedora Rawhide Clang', 'cstratak-fedora-rawhide-ppc64le', 'ClangUnixBuild', 'tier-3', 'unstable', ALL, '.clang', ['clang'], 8], // #133
  ['PPC64LE Fedora Rawhide Clang Installed', 'cstratak-fedora-rawhide-ppc64le', 'ClangUnixInstalledBuild', 'tier-3', 'unstable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #134
  ['s390x Fedora Rawhide', 'cstratak-fedora-rawhide-s390x', 'UnixBuild', 'tier-3', 'unstable', ALL, '', [], 8], // #135
  ['s390x Fedora Rawhide Refleaks', 'cstratak-fedora-rawhide-s390x', 'UnixRefleakBuild', 'tier-3', 'unstable', ALL, '.refleak', ['refleak'], 8], // #136
  ['s390x Fedora Rawhide Clang', 'cstratak-fedora-rawhide-s390x', 'ClangUnixBuild', 'tier-3', 'unstable', ALL, '.clang', ['clang'], 8], // #137
  ['s390x Fedora Rawhide Clang Installed', 'cstratak-fedora-rawhide-s390x', 'ClangUnixInstalledBuild', 'tier-3', 'unstable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #138
  ['s390x Fedora Rawhide LTO', 'cstratak-fedora-rawhide-s390x', 'LTONonDebugUnixBuild', 'tier-3', 'unstable', ALL, '.lto', ['lto', 'nondebug'], 8], // #139
  ['s390x Fedora Rawhide LTO + PGO', 'cstratak-fedora-rawhide-s390x', 'LTOPGONonDebugBuild', 'tier-3', 'unstable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #140
  ['s390x CentOS10', 'cstratak-c10s-s390x', 'CentOS10Build', 'tier-3', 'unstable', ALL, '', [], 8], // #141
  ['s390x CentOS10 Refleaks', 'cstratak-c10s-s390x', 'UnixRefleakBuild', 'tier-3', 'unstable', ALL, '.refleak', ['refleak'], 8], // #142
  ['s390x CentOS10 Clang', 'cstratak-c10s-s390x', 'ClangUnixBuild', 'tier-3', 'unstable', ALL, '.clang', ['clang'], 8], // #143
  ['s390x CentOS10 Clang Installed', 'cstratak-c10s-s390x', 'ClangUnixInstalledBuild', 'tier-3', 'unstable', ALL, '.clang-installed', ['clang', 'installed'], 8], // #144
  ['s390x CentOS10 LTO', 'cstratak-c10s-s390x', 'LTONonDebugUnixBuild', 'tier-3', 'unstable', ALL, '.lto', ['lto', 'nondebug'], 8], // #145
  ['s390x CentOS10 LTO + PGO', 'cstratak-c10s-s390x', 'LTOPGONonDebugBuild', 'tier-3', 'unstable', ALL, '.lto-pgo', ['lto', 'pgo', 'nondebug'], 8], // #146
  ['AMD64 FreeBSD15', 'opsec-fbsd15', 'UnixBuild', 'tier-3', 'unstable', ALL, '', [], 8], // #147
  ['AMD64 FreeBSD16', 'opsec-fbsd16', 'UnixBuild', 'tier-3', 'unstable', ALL, '', [], 8], // #148
  ['AMD64 Fedora Rawhide NoGIL', 'cstratak-fedora-rawhide-x86_64', 'FedoraRawhideFreedthreadingBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nogil', ['nogil'], 5], // #149
  ['aarch64 Fedora Rawhide NoGIL', 'cstratak-fedora-rawhide-aarch64', 'FedoraRawhideFreedthreadingBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nogil', ['nogil'], 5], // #150
  ['PPC64LE Fedora Rawhide NoGIL', 'cstratak-fedora-rawhide-ppc64le', 'FedoraRawhideFreedthreadingBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nogil', ['nogil'], 5], // #151
  ['s390x Fedora Rawhide NoGIL', 'cstratak-fedora-rawhide-s390x', 'FedoraRawhideFreedthreadingBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nogil', ['nogil'], 5], // #152
  ['AMD64 Fedora Rawhide NoGIL refleaks', 'cstratak-fedora-rawhide-x86_64', 'UnixNoGilRefleakBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.refleak.nogil', ['nogil', 'refleak'], 5], // #153
  ['aarch64 Fedora Rawhide NoGIL refleaks', 'cstratak-fedora-rawhide-aarch64', 'UnixNoGilRefleakBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.refleak.nogil', ['nogil', 'refleak'], 5], // #154
  ['PPC64LE Fedora Rawhide NoGIL refleaks', 'cstratak-fedora-rawhide-ppc64le', 'UnixNoGilRefleakBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.refleak.nogil', ['nogil', 'refleak'], 5], // #155
  ['s390x Fedora Rawhide NoGIL refleaks', 'cstratak-fedora-rawhide-s390x', 'UnixNoGilRefleakBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.refleak.nogil', ['nogil', 'refleak'], 5], // #156
  ['AMD64 NixOS Unstable', 'malvex-nixos-x86_64', 'UnixBuild', null, 'unstable', ALL, '', [], 8], // #157
  ['AMD64 NixOS Unstable Refleaks', 'malvex-nixos-x86_64', 'UnixRefleakBuild', null, 'unstable', ALL, '.refleak', ['refleak'], 8], // #158
  ['AMD64 NixOS Unstable Perf', 'malvex-nixos-x86_64', 'UnixPerfBuild', null, 'unstable', ALL, '.perfbuild', [], 8], // #159
  ['SPARCv9 Oracle Solaris 11.4', 'kulikjak-solaris-sparcv9', 'UnixBuild', null, 'unstable', ALL, '', [], 8], // #160
  ['AMD64 Arch Linux Usan', 'pablogsal-arch-x86_64', 'ClangUbsanLinuxBuild', null, 'unstable', ALL, '.clang-ubsan', ['clang', 'ubsan', 'sanitizer'], 8], // #161
  ['RISC-V 64-bit Ubuntu NoGIL', 'rise-riscv64-3', 'SlowUnixNoGilBuild', null, 'unstable', ['3.x', '3.15', '3.14', '3.13', 'PR'], '.nogil', ['nogil'], 5], // #162
];
