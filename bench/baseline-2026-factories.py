# ---------------------------------------------------------------------------
# Build kinds, written by hand (bench/baseline-2026-factories.py): one BuildFactory
# subclass per kind of build, in the style of python/buildmaster-config's
# custom/factories.py. A factory is made per builder at load time: the class's
# setup() adds the steps for the branch and the worker it is given. Class
# attributes (configureFlags, testFlags, factory_tags, buildersuffix, ...) are the
# knobs that subclasses change.
#
# Expects (from master.cfg): SETTINGS, the step classes (GitHub, Test, PythonInfo,
# Clean, Install, LockInstall, Uninstall, UploadTestResults), TEST_TIMEOUT,
# TEST_RESULTS_DEST, JUNIT_FILENAME and the `steps` and `util` plug-ins.
# ---------------------------------------------------------------------------

REFLEAK_TIMEOUT = 45 * 60
SLOW_TIMEOUT = 40 * 60
ASAN_TIMEOUT = 35 * 60
BIGMEM_TIMEOUT = TEST_TIMEOUT * 5
NOGIL_TIMEOUT = int(TEST_TIMEOUT * 1.5)

REFLEAK_FLAGS = ["-R", "3:3", "-u-cpu"]
RHEL_FLAGS = [
    "--with-pydebug",
    "--with-platlibdir=lib64",
    "--enable-ipv6",
    "--enable-shared",
    "--with-computed-gotos=yes",
    "--with-dbmliborder=gdbm:ndbm:bdb",
    "--enable-loadable-sqlite-extensions",
    "--with-ssl-default-suites=openssl",
    "--without-static-libpython",
    "--with-lto",
    "--with-valgrind",
    "--with-system-libmpdec",
]
BREW_FLAGS = [
    "--with-openssl=/opt/homebrew/opt/openssl@3",
    "CPPFLAGS=-I/opt/homebrew/include",
    "LDFLAGS=-L/opt/homebrew/lib",
    "PKG_CONFIG_PATH=/opt/homebrew/opt/tcl-tk@8/lib/pkgconfig",
]
ASAN_ENV = {"ASAN_OPTIONS": "detect_leaks=0:allocator_may_return_null=1:handle_segv=0"}


def is_refleak(flags):
    return "-R" in " ".join(flags)


def make_jobs(worker):
    """-jN for make (nothing when the worker sets no parallelism)."""
    return ["-j%d" % worker.parallel_tests] if worker.parallel_tests else []


def test_jobs(worker):
    """-jN for the test runner (-j2 when the worker sets no parallelism)."""
    return ["-j%d" % (worker.parallel_tests or 2)]


def upload_step(branch, workersrc):
    return UploadTestResults(
        name="upload",
        workersrc=workersrc,
        masterdest=util.Interpolate(TEST_RESULTS_DEST.format(branch=branch.name) + "/%(prop:buildername)s/build_%(prop:buildnumber)s.xml"),
    )


def mkdir_step(path, what):
    return steps.ShellCommand(
        name=f"mkdir {what}out-of-tree directory",
        command=["mkdir", "-p", path],
        description=f"Create {what}out-of-tree directory",
        warnOnFailure=True,
    )


class BaseBuild(util.BuildFactory):
    factory_tags = []
    buildersuffix = ""
    branches = None  # None: every branch
    test_timeout = TEST_TIMEOUT

    def __init__(self, source, branch, worker):
        super().__init__([source])
        self.setup(branch, worker)

    def setup(self, branch, worker):
        raise NotImplementedError


# --- make buildbottest ------------------------------------------------------


class UnixBuild(BaseBuild):
    configureFlags = ["--with-pydebug"]
    testFlags = []
    compile_environ = {}
    test_environ = {}
    out_of_tree = False

    def setup(self, branch, worker):
        oot = {"workdir": "build/build_oot"} if self.out_of_tree else {}
        if self.out_of_tree:
            self.addStep(mkdir_step("build_oot", ""))
        configure = "../configure" if self.out_of_tree else "./configure"
        self.addStep(steps.Configure(name="configure", command=[configure, "--prefix", "$(PWD)/target"] + self.configureFlags, **oot))
        self.addStep(steps.Compile(name="compile", command=["make"] + make_jobs(worker) + ["all"], env=self.compile_environ, **oot))
        self.addStep(PythonInfo(name="pythoninfo", command=["make", "pythoninfo"], env=self.test_environ, **oot))

        refleak = is_refleak(self.testFlags)
        testopts = list(self.testFlags) + test_jobs(worker)
        if not refleak:
            testopts += ["--junit-xml", JUNIT_FILENAME]
        if worker.exclude_test_resources:
            excluded = "".join(",-" + r for r in worker.exclude_test_resources)
            for i, opt in enumerate(testopts):
                if opt.startswith("-u"):
                    testopts[i] = opt + excluded
                    break
            else:
                testopts.append("-uall" + excluded)
        timeout = self.test_timeout * worker.timeout_factor
        if branch.monolithic_test_asyncio and refleak:
            timeout *= 2
        self.addStep(Test(
            name="test",
            command=["make", "buildbottest", "TESTOPTS=" + " ".join(testopts) + " ${BUILDBOT_TESTOPTS}", "TESTPYTHONOPTS=", "TESTTIMEOUT=%d" % timeout],
            timeout=timeout + 10 * 60,
            usePTY=False,
            env=self.test_environ,
            **oot,
        ))
        if not branch.is_pr and not refleak:
            self.addStep(upload_step(branch, "build_oot/" + JUNIT_FILENAME if self.out_of_tree else JUNIT_FILENAME))
        self.addStep(Clean(name="clean", **oot))


class UnixPerfBuild(UnixBuild):
    buildersuffix = ".perfbuild"
    configureFlags = ["CFLAGS=-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer"]


class UnixTraceRefsBuild(UnixBuild):
    configureFlags = ["--with-pydebug", "--with-trace-refs"]


class UnixRefleakBuild(UnixBuild):
    buildersuffix = ".refleak"
    testFlags = REFLEAK_FLAGS
    test_timeout = REFLEAK_TIMEOUT
    factory_tags = ["refleak"]


class UnixNoGilBuild(UnixBuild):
    buildersuffix = ".nogil"
    configureFlags = ["--with-pydebug", "--disable-gil"]
    test_timeout = NOGIL_TIMEOUT
    factory_tags = ["nogil"]


class UnixNoGilRefleakBuild(UnixBuild):
    buildersuffix = ".refleak.nogil"
    configureFlags = ["--with-pydebug", "--disable-gil"]
    testFlags = REFLEAK_FLAGS
    test_timeout = REFLEAK_TIMEOUT
    factory_tags = ["nogil", "refleak"]


class UnixAsanBuild(UnixBuild):
    buildersuffix = ".asan"
    configureFlags = ["--without-pymalloc", "--with-address-sanitizer"]
    compile_environ = ASAN_ENV
    test_environ = ASAN_ENV
    test_timeout = ASAN_TIMEOUT
    factory_tags = ["asan", "sanitizer"]


class UnixAsanDebugBuild(UnixAsanBuild):
    buildersuffix = ".asan_debug"
    configureFlags = UnixAsanBuild.configureFlags + ["--with-pydebug"]


class UnixAsanNoGilBuild(UnixAsanBuild):
    buildersuffix = ".asan.nogil"
    configureFlags = UnixAsanBuild.configureFlags + ["--disable-gil"]
    factory_tags = UnixAsanBuild.factory_tags + ["nogil"]


class UnixBigmemBuild(UnixBuild):
    buildersuffix = ".bigmem"
    testFlags = ["-M60g", "-uall,extralargefile", "--prioritize=test_bigmem,test_lzma,test_bz2,test_re,test_array"]
    test_timeout = BIGMEM_TIMEOUT
    factory_tags = ["bigmem"]


class UnixOddballsBuild(UnixBuild):
    buildersuffix = ".oddballs"
    configureFlags = ["--enable-pystats", "--with-pydebug"]
    testFlags = ["-u", "xpickle,tzdata", "test_xpickle", "test_zoneinfo", "test_datetime"]
    factory_tags = ["xpickle", "tzdata"]


class NonDebugUnixBuild(UnixBuild):
    buildersuffix = ".nondebug"
    configureFlags = ["CFLAGS=-UNDEBUG"]
    factory_tags = ["nondebug"]


class ClangUnixBuild(UnixBuild):
    buildersuffix = ".clang"
    configureFlags = ["CC=clang", "LD=clang", "--with-pydebug"]
    factory_tags = ["clang"]


class ClangUbsanLinuxBuild(UnixBuild):
    buildersuffix = ".clang-ubsan"
    configureFlags = ["CC=clang", "LD=clang", "CFLAGS=-fno-sanitize-recover", "--with-undefined-behavior-sanitizer"]
    factory_tags = ["clang", "ubsan", "sanitizer"]


class ClangUbsanFunctionLinuxBuild(UnixBuild):
    buildersuffix = ".clang-ubsan-function"
    configureFlags = ["CC=clang", "LD=clang", "CFLAGS=-fsanitize=undefined -fno-sanitize=function -fsanitize-recover", "--with-undefined-behavior-sanitizer"]
    factory_tags = ["clang", "ubsan", "sanitizer"]


class SharedUnixBuild(UnixBuild):
    configureFlags = ["--with-pydebug", "--enable-shared"]
    factory_tags = ["shared"]


class SlowNonDebugUnixBuild(NonDebugUnixBuild):
    testFlags = NonDebugUnixBuild.testFlags + ["-u-cpu"]
    test_timeout = SLOW_TIMEOUT


class SlowNonDebugUnixBuild15BitDigits(SlowNonDebugUnixBuild):
    configureFlags = SlowNonDebugUnixBuild.configureFlags + ["--enable-big-digits=15"]


class SlowDebugUnixBuild(UnixBuild):
    testFlags = UnixBuild.testFlags + ["-u-cpu"]
    test_timeout = SLOW_TIMEOUT


class SlowUnixNoGilBuild(UnixNoGilBuild):
    testFlags = UnixNoGilBuild.testFlags + ["-u-cpu"]
    test_timeout = SLOW_TIMEOUT


class SlowClangUnixBuild(ClangUnixBuild):
    testFlags = ClangUnixBuild.testFlags + ["-u-cpu"]
    test_timeout = SLOW_TIMEOUT


class LTONonDebugUnixBuild(NonDebugUnixBuild):
    buildersuffix = ".lto"
    configureFlags = ["--with-lto"]
    factory_tags = ["lto", "nondebug"]


class LTOPGONonDebugBuild(NonDebugUnixBuild):
    buildersuffix = ".lto-pgo"
    configureFlags = ["--with-lto", "--enable-optimizations"]
    factory_tags = ["lto", "pgo", "nondebug"]


class MacOSArmWithBrewBuild(UnixBuild):
    buildersuffix = ".macos-with-brew"
    configureFlags = UnixBuild.configureFlags + BREW_FLAGS
    # the dbm and shelve tests are left out on this build
    testFlags = ["-x", "test_dbm", "test_dbm_ndbm", "test_shelve"]


class MacOSArmWithBrewNoGilBuild(UnixNoGilBuild):
    buildersuffix = ".macos-with-brew.nogil"
    configureFlags = UnixNoGilBuild.configureFlags + BREW_FLAGS


class MacOSArmWithBrewNoGilRefleakBuild(UnixNoGilRefleakBuild):
    buildersuffix = ".macos-with-brew.refleak.nogil"
    configureFlags = UnixNoGilRefleakBuild.configureFlags + BREW_FLAGS


class MacOSAsanNoGilBuild(UnixAsanNoGilBuild):
    buildersuffix = ".macos-with-brew.asan.nogil"
    configureFlags = UnixAsanNoGilBuild.configureFlags + BREW_FLAGS
    test_environ = dict(ASAN_ENV, MallocNanoZone="0")


class RHEL8Build(UnixBuild):
    out_of_tree = True
    configureFlags = RHEL_FLAGS


class CentOS9Build(RHEL8Build):
    pass


class CentOS10Build(CentOS9Build):
    configureFlags = RHEL_FLAGS + ["--with-system-expat"]


class FedoraStableBuild(RHEL8Build):
    configureFlags = RHEL_FLAGS + ["--with-system-expat"]


class FedoraRawhideBuild(FedoraStableBuild):
    pass


class FedoraRawhideFreedthreadingBuild(FedoraRawhideBuild):
    buildersuffix = ".nogil"
    configureFlags = FedoraRawhideBuild.configureFlags + ["--disable-gil"]
    factory_tags = ["nogil"]


class RHEL8NoBuiltinHashesUnixBuildExceptBlake2(RHEL8Build):
    buildersuffix = ".no-builtin-hashes-except-blake2"
    configureFlags = RHEL_FLAGS + ["--with-builtin-hashlib-hashes=blake2"]
    factory_tags = ["no-builtin-hashes-except-blake2"]


class RHEL8NoBuiltinHashesUnixBuild(RHEL8Build):
    buildersuffix = ".no-builtin-hashes"
    configureFlags = RHEL_FLAGS + ["--without-builtin-hashlib-hashes"]
    factory_tags = ["no-builtin-hashes"]


class CentOS9NoBuiltinHashesUnixBuildExceptBlake2(CentOS9Build):
    buildersuffix = RHEL8NoBuiltinHashesUnixBuildExceptBlake2.buildersuffix
    configureFlags = RHEL8NoBuiltinHashesUnixBuildExceptBlake2.configureFlags
    factory_tags = RHEL8NoBuiltinHashesUnixBuildExceptBlake2.factory_tags


class CentOS9NoBuiltinHashesUnixBuild(CentOS9Build):
    buildersuffix = RHEL8NoBuiltinHashesUnixBuild.buildersuffix
    configureFlags = RHEL8NoBuiltinHashesUnixBuild.configureFlags
    factory_tags = RHEL8NoBuiltinHashesUnixBuild.factory_tags


class ValgrindBuild(UnixBuild):
    buildersuffix = ".valgrind"
    factory_tags = ["valgrind"]
    test_timeout = TEST_TIMEOUT * 5
    valgrind_tests = ["test_grammar", "test_syntax", "test_tokenize", "test_fstring", "test_ast", "test_exceptions"]

    def setup(self, branch, worker):
        self.addStep(steps.Configure(name="configure", command=["./configure", "--prefix", "$(PWD)/target", "--with-pydebug", "--with-valgrind", "--without-pymalloc"]))
        self.addStep(steps.Compile(name="compile", command=["make"] + make_jobs(worker) + ["all"], env=self.compile_environ))
        self.addStep(PythonInfo(name="pythoninfo", command=["make", "pythoninfo"], env=self.test_environ))
        self.addStep(Test(
            name="test",
            command=[
                "valgrind",
                "--leak-check=full",
                "--show-leak-kinds=definite",
                "--error-exitcode=10",
                "--gen-suppressions=all",
                "--track-origins=yes",
                "--trace-children=no",
                util.Interpolate("--suppressions=%(prop:builddir)s/build/Misc/valgrind-python.supp"),
                "./python", "-m", "test",
            ] + self.valgrind_tests + ["--timeout=%d" % self.test_timeout],
            timeout=self.test_timeout + 10 * 60,
            env=self.test_environ,
        ))
        self.addStep(Clean(name="clean"))


# --- installed --------------------------------------------------------------


class UnixInstalledBuild(BaseBuild):
    buildersuffix = ".installed"
    configureFlags = []
    factory_tags = ["installed"]

    def setup(self, branch, worker):
        python = "./target/bin/python" + (branch.version_string or "3")
        self.addStep(steps.Configure(name="configure", command=["./configure", "--prefix", "$(PWD)/target"] + self.configureFlags))
        self.addStep(steps.Compile(name="compile", command=["make"] + make_jobs(worker) + ["all"]))
        self.addStep(Install(name="install", command=["make"] + make_jobs(worker) + ["install"]))
        self.addStep(LockInstall(name="chmod"))
        self.addStep(PythonInfo(name="pythoninfo", command=[python, "-m", "test.pythoninfo"]))
        self.addStep(Test(
            name="test",
            command=[python, "-Wdefault", "-bb", "-E", "-m", "test", "-rwW", "-uall", "--timeout=%d" % self.test_timeout] + test_jobs(worker),
            timeout=self.test_timeout + 10 * 60,
            usePTY=False,
        ))
        self.addStep(Uninstall(name="uninstall"))
        self.addStep(Clean(name="clean"))


class ClangUnixInstalledBuild(UnixInstalledBuild):
    buildersuffix = ".clang-installed"
    configureFlags = ["CC=clang", "LD=clang"]
    factory_tags = ["clang", "installed"]


class SlowUnixInstalledBuild(UnixInstalledBuild):
    test_timeout = SLOW_TIMEOUT


# --- Windows ----------------------------------------------------------------


class BaseWindowsBuild(BaseBuild):
    build_command = ["Tools\\buildbot\\build.bat"]
    test_command = ["Tools\\buildbot\\test.bat"]
    clean_command = ["Tools\\buildbot\\clean.bat"]
    buildFlags = ["-p", "Win32"]
    testFlags = ["-p", "Win32"]
    cleanFlags = []
    compile_environ = {}
    factory_tags = ["win32"]

    def setup(self, branch, worker):
        refleak = is_refleak(self.testFlags)
        self.addStep(steps.Compile(name="compile", command=self.build_command + self.buildFlags, env=self.compile_environ))
        self.addStep(PythonInfo(name="pythoninfo", command=["python.bat", "-m", "test.pythoninfo"]))
        command = self.test_command + self.testFlags + test_jobs(worker)
        if not refleak:
            command += ["--junit-xml", JUNIT_FILENAME]
        command += ["--timeout", str(self.test_timeout)]
        self.addStep(Test(name="test", command=command, timeout=self.test_timeout + 10 * 60))
        if not branch.is_pr and not refleak:
            self.addStep(upload_step(branch, JUNIT_FILENAME))
        self.addStep(Clean(name="clean", command=self.clean_command + self.cleanFlags + make_jobs(worker)))


class Windows64Build(BaseWindowsBuild):
    buildFlags = ["-p", "x64"]
    testFlags = ["-p", "x64"]
    cleanFlags = ["-p", "x64"]
    factory_tags = ["win64"]


class Windows64ClangBuild(Windows64Build):
    compile_environ = {"PlatformToolset": "ClangCL"}
    factory_tags = ["win64", "clang"]
    branches = only_since(3, 14)


class Windows64RefleakBuild(Windows64Build):
    buildersuffix = ".refleak"
    testFlags = ["-p", "x64"] + REFLEAK_FLAGS
    test_timeout = REFLEAK_TIMEOUT
    factory_tags = ["win64", "refleak"]


class Windows64ReleaseBuild(Windows64Build):
    buildersuffix = ".nondebug"
    buildFlags = Windows64Build.buildFlags + ["-c", "Release"]
    testFlags = Windows64Build.testFlags + ["+d"]
    factory_tags = ["win64", "nondebug"]


class Windows64NoGilBuild(Windows64Build):
    buildersuffix = ".x64.nogil"
    buildFlags = Windows64Build.buildFlags + ["--disable-gil"]
    testFlags = Windows64Build.testFlags + ["--disable-gil"]
    factory_tags = ["win64", "nogil"]


class Windows64PGOBuild(Windows64Build):
    buildersuffix = ".pgo"
    buildFlags = Windows64Build.buildFlags + ["--pgo"]
    testFlags = Windows64Build.testFlags + ["+d"]
    factory_tags = ["win64", "nondebug", "pgo"]


class Windows64PGOTailcallBuild(Windows64PGOBuild):
    buildersuffix = ".tailcall.pgo"
    buildFlags = Windows64PGOBuild.buildFlags + ["--tail-call-interp"]
    factory_tags = Windows64PGOBuild.factory_tags + ["tailcall"]


class Windows64PGONoGilBuild(Windows64PGOBuild):
    buildersuffix = ".nogil.pgo"
    buildFlags = Windows64PGOBuild.buildFlags + ["--disable-gil"]
    testFlags = Windows64PGOBuild.testFlags + ["--disable-gil"]
    factory_tags = ["win64", "nogil", "nondebug", "pgo"]


class Windows64PGONoGilTailcallBuild(Windows64PGONoGilBuild):
    buildersuffix = ".nogil.tailcall.pgo"
    buildFlags = Windows64PGONoGilBuild.buildFlags + ["--tail-call-interp"]
    factory_tags = Windows64PGONoGilBuild.factory_tags + ["tailcall"]


class WindowsARM64Build(BaseWindowsBuild):
    buildFlags = ["-p", "ARM64"]
    testFlags = ["-p", "ARM64"]
    cleanFlags = ["-p", "ARM64"]
    factory_tags = ["win-arm64"]


class WindowsARM64ReleaseBuild(WindowsARM64Build):
    buildersuffix = ".nondebug"
    buildFlags = WindowsARM64Build.buildFlags + ["-c", "Release"]
    testFlags = WindowsARM64Build.testFlags + ["+d"]
    factory_tags = ["win-arm64", "nondebug"]


# --- WASI -------------------------------------------------------------------


class UnixCrossBuild(UnixBuild):
    extra_configure_flags = []
    host = None
    host_configure_cmd = ["../../configure"]
    host_environ = {}

    def setup(self, branch, worker):
        build_dir, host_dir = "build/build_oot/build", "build/build_oot/host"
        self.addStep(steps.SetPropertyFromCommand(
            name="Gather build triple from worker",
            description="Get the build triple config.guess",
            command="./config.guess",
            property="build_triple",
            warnOnFailure=True,
        ))
        self.addStep(mkdir_step(build_dir, "build "))
        self.addStep(mkdir_step(host_dir, "host "))
        self.addStep(steps.Configure(name="Configure build Python", command=["../../configure"], workdir=build_dir))
        self.addStep(steps.Compile(name="Compile build Python", command=["make"] + make_jobs(worker), workdir=build_dir))
        self.addStep(steps.Configure(
            name="Configure host Python",
            command=self.host_configure_cmd + ["--prefix", "$(PWD)/target/host"] + self.configureFlags + self.extra_configure_flags + [
                util.Interpolate("--build=%(prop:build_triple)s"),
                "--host=" + self.host,
                "--with-build-python=../build/python",
            ],
            env=self.host_environ,
            workdir=host_dir,
        ))
        self.addStep(steps.Compile(name="Compile host Python", command=["make"] + make_jobs(worker) + ["all"], env=self.host_environ, workdir=host_dir))
        self.addStep(PythonInfo(name="pythoninfo", command=["make", "pythoninfo"], env=self.test_environ, workdir=host_dir))
        # The space before --junit-xml is as in production (a double space in TESTOPTS).
        testopts = " ".join(list(self.testFlags) + test_jobs(worker) + [" --junit-xml", JUNIT_FILENAME])
        self.addStep(Test(
            name="test",
            command=["make", "buildbottest", "TESTOPTS=" + testopts + " ${BUILDBOT_TESTOPTS}", "TESTPYTHONOPTS=", "TESTTIMEOUT=%d" % self.test_timeout],
            timeout=self.test_timeout + 10 * 60,
            usePTY=False,
            env=self.test_environ,
            workdir=host_dir,
        ))
        if not branch.is_pr:
            self.addStep(upload_step(branch, host_dir + "/" + JUNIT_FILENAME))
        self.addStep(Clean(name="Clean build Python", workdir=build_dir))
        self.addStep(Clean(name="Clean host Python", workdir=host_dir))


class Wasm32WasiCrossBuild(UnixCrossBuild):
    buildersuffix = ".wasi.nondebug"
    factory_tags = ["wasm", "wasi", "nondebug"]
    extra_configure_flags = ["--without-pydebug"]
    host = "wasm32-unknown-wasi"
    host_configure_cmd = ["../../Tools/wasm/wasi-env", "../../configure"]
    host_environ = {
        "CONFIG_SITE": util.Interpolate("../../%(prop:config_site)s"),
        "WASI_SDK_PATH": "/opt/wasi-sdk-21.0",
    }
    branches = {"3.11", "3.12"}

    def setup(self, branch, worker):
        self.addStep(steps.SetPropertyFromCommand(
            name="Find config.site-wasm32-wasi",
            description="Search Tools/wasm for config.site-wasm32-wasi",
            command="find Tools/wasm -name config.site-wasm32-wasi",
            property="config_site",
            warnOnFailure=True,
        ))
        self.addStep(steps.ShellCommand(
            name="Touch srcdir Modules/Setup.local",
            description="Hack to work around wasmtime mapdir issue",
            command=["touch", "Modules/Setup.local"],
            haltOnFailure=True,
        ))
        super().setup(branch, worker)


class _Wasm32WasiPreview1Build(UnixBuild):
    buildersuffix = ".wasi"
    factory_tags = ["wasm", "wasi"]
    testFlags = ["-u-cpu"]
    wasi_py = ["python3", "Tools/wasm/wasi.py"]
    host_dir = "build/cross-build/wasm32-wasip1"

    def setup(self, branch, worker):
        w = self.wasi_py
        self.addStep(steps.Configure(name="Configure build Python", command=w + ["configure-build-python", "--"] + self.configureFlags))
        self.addStep(steps.Compile(name="Compile build Python", command=w + ["make-build-python"]))
        self.addStep(PythonInfo(name="Display build info of the build Python", command=w + ["pythoninfo-build"]))
        self.addStep(steps.Configure(name="Configure host Python", command=w + ["configure-host"]))
        self.addStep(steps.Compile(name="Compile host Python", command=w + ["make-host"]))
        self.addStep(PythonInfo(name="Display build info of the host/WASI Python", command=w + ["pythoninfo-host"]))
        testopts = " ".join(list(self.testFlags) + test_jobs(worker) + ["--junit-xml", JUNIT_FILENAME])
        self.addStep(Test(
            name="test",
            command=["make", "buildbottest", "TESTOPTS=" + testopts + " ${BUILDBOT_TESTOPTS}", "TESTPYTHONOPTS=", "TESTTIMEOUT=%d" % self.test_timeout],
            timeout=self.test_timeout + 10 * 60,
            usePTY=False,
            env=self.test_environ,
            workdir=self.host_dir,
        ))
        if not branch.is_pr:
            self.addStep(upload_step(branch, self.host_dir + "/" + JUNIT_FILENAME))
        self.addStep(Clean(name="Clean the builds", command=w + ["clean"]))


class Wasm32WasiPreview1DebugBuild(_Wasm32WasiPreview1Build):
    buildersuffix = _Wasm32WasiPreview1Build.buildersuffix + ".debug"
    configureFlags = ["--with-pydebug"]
    branches = only_since(3, 13)


# --- iOS, Android, Emscripten -------------------------------------------------


class _IOSSimulatorBuild(UnixBuild):
    factory_tags = ["iOS"]
    arch = None
    support = "/Users/buildbot/support/iphonesimulator.%s"

    @property
    def host_triple(self):
        return f"{self.arch}-apple-ios-simulator"

    def setup(self, branch, worker):
        if branch.name == "3.13":
            self.setup_make(branch, worker)
            return
        apple = ["python3", "Platforms/Apple"]
        self.addStep(steps.ShellCommand(
            name="Set up compatibility symlink",
            command="if [ ! -e Platforms/Apple ]; then ln -s ../Apple Platforms/Apple; fi",
        ))
        self.addStep(steps.Compile(name="Configure and compile build Python", command=apple + ["build", "iOS", "build"]))
        self.addStep(steps.Compile(name="Configure and compile host Pythons", command=apple + ["build", "iOS", "hosts"]))
        self.addStep(steps.Compile(name="Package XCframework", command=apple + ["package", "iOS"]))
        self.addStep(Test(name="Run test suite", command=apple + ["test", "iOS", "--slow-ci"], timeout=self.test_timeout + 10 * 60))
        self.addStep(Clean(name="Clean the builds", command=apple + ["clean", "iOS"]))

    def setup_make(self, branch, worker):
        build_dir, host_dir = "build/build_oot/build", "build/build_oot/host"
        support = self.support % self.arch
        env = {
            "PATH": ":".join(["../../iOS/Resources/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin", "/Library/Apple/usr/bin"]),
            "LIBLZMA_CFLAGS": f"-I{support}/xz/include",
            "LIBLZMA_LIBS": f"-L{support}/xz/lib -llzma",
            "BZIP2_CFLAGS": f"-I{support}/bzip2/include",
            "BZIP2_LIBS": f"-L{support}/bzip2/lib -lbz2",
            "LIBFFI_CFLAGS": f"-I{support}/libffi/include",
            "LIBFFI_LIBS": f"-L{support}/libffi/lib -lffi",
        }
        jobs = make_jobs(worker)
        self.addStep(mkdir_step(build_dir, "build "))
        self.addStep(mkdir_step(host_dir, "host "))
        self.addStep(steps.Configure(name="Configure build Python", command=["../../configure"], workdir=build_dir))
        self.addStep(steps.Compile(name="Compile build Python", command=["make"] + jobs, workdir=build_dir))
        self.addStep(steps.Configure(
            name="Configure host Python",
            command=[
                "../../configure",
                "--with-pydebug",
                f"--with-openssl={support}/openssl",
                f"--build={self.arch}-apple-darwin",
                f"--host={self.host_triple}",
                "--with-build-python=../build/python.exe",
                "--enable-framework",
            ],
            env=env,
            workdir=host_dir,
        ))
        self.addStep(steps.Compile(name="Compile host Python", command=["make"] + jobs + ["all"], env=env, workdir=host_dir))
        self.addStep(steps.Compile(name="Install host Python", command=["make"] + jobs + ["install"], env=env, workdir=host_dir))
        self.addStep(Test(name="test", command=["make", "testios"], timeout=self.test_timeout + 10 * 60, usePTY=False, env=self.test_environ, workdir=host_dir))
        self.addStep(Clean(name="Clean build Python", workdir=build_dir))
        self.addStep(Clean(name="Clean host Python", workdir=host_dir))


class IOSARM64SimulatorBuild(_IOSSimulatorBuild):
    arch = "arm64"
    buildersuffix = ".iOS-simulator.arm64"


class AndroidBuild(BaseBuild):
    def setup(self, branch, worker):
        android = ["python3", "Platforms/Android"]
        host_triple = util.Transform(lambda triple: str(triple).split("-")[0] + "-linux-android", util.Property("build_triple"))
        self.addStep(steps.ShellCommand(
            name="Set up compatibility symlink",
            command="if [ ! -e Platforms/Android ]; then mkdir -p Platforms; ln -s ../Android Platforms/Android; ln -s ./android.py Platforms/Android/__main__.py; fi",
        ))
        self.addStep(steps.SetPropertyFromCommand(name="Get build triple", command=["./config.guess"], property="build_triple", haltOnFailure=True))
        self.addStep(steps.Configure(name="Configure build Python", command=android + ["configure-build"]))
        self.addStep(steps.Compile(name="Compile build Python", command=android + ["make-build"]))
        self.addStep(PythonInfo(name="Display build info of the build Python", command=android + ["pythoninfo-build"]))
        self.addStep(steps.Configure(name="Configure host/Android Python", command=android + ["configure-host", host_triple]))
        self.addStep(steps.Compile(name="Compile host/Android Python", command=android + ["make-host", host_triple]))
        self.addStep(Test(name="test", command=android + ["test", "--managed", "maxVersion", "-v", "--slow-ci"], timeout=self.test_timeout + 10 * 60))


class EmscriptenBuild(BaseBuild):
    buildersuffix = ".emscripten"
    factory_tags = ["emscripten"]

    def setup(self, branch, worker):
        e = ["python3", "Platforms/emscripten"]
        env = {"EMSDK_CACHE": "/home/emscripten/emsdk-versions"}
        timeout = self.test_timeout + 10 * 60
        self.addStep(steps.Configure(name="Install emscripten (if needed)", command=e + ["install-emscripten"], env=env))
        self.addStep(steps.Configure(name="Configure build Python", command=e + ["configure-build-python"], env=env))
        self.addStep(steps.Compile(name="Compile build Python", command=e + ["make-build-python"], env=env))
        self.addStep(PythonInfo(name="Display build info of the build Python", command=e + ["pythoninfo-build"], env=env))
        self.addStep(steps.Compile(name="Compile host dependencies (if needed)", command=e + ["make-dependencies"], env=env))
        self.addStep(steps.Configure(name="Configure host/Emscripten Python", command=e + ["configure-host"], env=env))
        self.addStep(steps.Compile(name="Compile host/Emscripten Python", command=e + ["make-host"], env=env))
        self.addStep(PythonInfo(name="Display build info of the host/Emscripten Python", command=e + ["pythoninfo-host"], env=env))
        self.addStep(Test(name="Node full test suite", command=e + ["run", "--test"], env=env, timeout=timeout))
        self.addStep(Test(name="PyRepl in Chrome smoke test", command=["Platforms/emscripten/browser_test/run_test.sh"], env=env, timeout=timeout))
        self.addStep(Clean(name="Clean the builds", command=e + ["clean"], env=env))
