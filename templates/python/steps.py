"""How the STEPS table becomes Buildbot step objects and shared build factories."""
import re

from buildbot.plugins import steps, util


def test_warnings(patterns):
    """A test run that passes can still be suspect: a line matching one of these (anywhere:
    stdout and stderr are mixed) turns the test step orange (WARNINGS)."""
    return re.compile(".*(?:" + "|".join(patterns) + ")")


class Split:
    """A Transform function: the index-th field of a property's value, plus a suffix.
    Comparable by its data, unlike a lambda made at each load."""

    def __init__(self, sep, index, suffix):
        self.sep, self.index, self.suffix = sep, index, suffix

    def __call__(self, v):
        return str(v).split(self.sep)[self.index] + self.suffix

    def __eq__(self, other):
        return type(other) is Split and (self.sep, self.index, self.suffix) == (other.sep, other.index, other.suffix)

    def __hash__(self):
        return hash((self.sep, self.index, self.suffix))


def rendered(value, settings):
    """A command argument or env value: text, a setting, or a value of the build's properties."""
    if isinstance(value, list):
        return [rendered(v, settings) for v in value]
    if not isinstance(value, dict):
        return value
    if "setting" in value:
        return settings[value["setting"]]
    if "interpolate" in value:
        return util.Interpolate(value["interpolate"])
    if "property" in value:
        split = Split(value["separator"], value["index"], value["suffix"])
        return util.Transform(split, util.Property(value["property"]))
    return {k: rendered(v, settings) for k, v in value.items()}


# Today's step classes (buildmaster-config's custom steps): their defaults are the classes'
# own, so the STEPS table gives only what differs.
class GitHub(steps.GitHub):
    # A failed checkout stops the build orange, not red.
    haltOnFailure = True
    flunkOnFailure = False
    warnOnFailure = True


class Test(steps.Test):
    # The fleet's test_warnings(); set on the subclass test_class() makes for each pattern.
    warning_pattern = None

    def __init__(self, **kwargs):
        if self.warning_pattern is not None:
            kwargs.setdefault("warningPattern", self.warning_pattern)
        kwargs.setdefault("warnOnWarnings", True)
        kwargs.setdefault("maxTime", 4 * 60 * 60)
        kwargs.setdefault("sigtermTime", 30)
        # regrtest exits 5 when failed tests passed when re-run: orange.
        kwargs.setdefault("decodeRC", {0: util.SUCCESS, 5: util.WARNINGS})
        super().__init__(**kwargs)

    def evaluateCommand(self, cmd):
        result = super().evaluateCommand(cmd)
        # Which runs upload their JUnit file (see UploadTestResults).
        if cmd.results() == util.FAILURE:
            self.setProperty("test_failed_to_build", True, "Test")
            self.setProperty("want_xml_upload", True, "Test")
        elif result == util.WARNINGS:
            tags = self.build.builder.config.tags or []
            if "stable" in tags and "3.x" in tags:
                self.setProperty("want_xml_upload", True, "Test")
        return result


class PythonInfo(steps.ShellCommand):
    name = "pythoninfo"
    description = "Display build information"
    warnOnFailure = True


class Clean(steps.ShellCommand):
    name = "clean"
    flunkOnFailure = False
    warnOnFailure = True
    alwaysRun = True
    description = ["cleaning"]
    descriptionDone = ["clean"]
    command = ["make", "distclean"]


class Install(steps.ShellCommand):
    name = "install"
    haltOnFailure = True
    description = ["installing"]
    descriptionDone = ["Installed"]
    command = ["make", "install"]


class LockInstall(steps.ShellCommand):
    name = "chmod"
    description = ["changing permissions"]
    descriptionDone = ["made install dir unwritable"]
    command = ["chmod", "-R", "-w", "target/"]


class Uninstall(steps.ShellCommand):
    name = "uninstall"
    warnOnFailure = True
    alwaysRun = True
    usePTY = False
    description = ["uninstalling"]
    descriptionDone = ["Uninstalled"]
    command = "chmod -R +w target/ &&  rm -rf target/"


_TEST_CLASSES = {}


def test_class(warnings):
    """Test with the fleet's warning pattern as its default: one class per pattern, made once
    per process (so a reload with the same patterns gets the same class), and the pattern
    is not an argument of every test step."""
    if warnings.pattern not in _TEST_CLASSES:
        _TEST_CLASSES[warnings.pattern] = type("Test", (Test,), {"warning_pattern": warnings, "__module__": __name__})
    return _TEST_CLASSES[warnings.pattern]


def want_xml_upload(step):
    return bool(step.getProperty("want_xml_upload"))


class UploadTestResults(steps.FileUpload):
    name = "upload"
    haltOnFailure = False
    flunkOnFailure = False
    warnOnFailure = True
    alwaysRun = True

    def __init__(self, **kwargs):
        kwargs.setdefault("mode", 0o755)
        kwargs.setdefault("doStepIf", want_xml_upload)
        super().__init__(**kwargs)


STEP_CLASSES = {
    "GitHub": GitHub,
    "Configure": steps.Configure,
    "Compile": steps.Compile,
    "ShellCommand": steps.ShellCommand,
    "SetPropertyFromCommand": steps.SetPropertyFromCommand,
    "Test": Test,
    "PythonInfo": PythonInfo,
    "Clean": Clean,
    "Install": Install,
    "LockInstall": LockInstall,
    "Uninstall": Uninstall,
    "UploadTestResults": UploadTestResults,
}
# Step fields and the Buildbot argument each becomes.
STEP_ARGS = {"name": "name", "command": "command", "workdir": "workdir", "timeout": "timeout", "pty": "usePTY", "env": "env", "description": "description", "property": "property"}


def make_step(spec, settings, source_step, warnings):
    """One entry of the STEPS table as a Buildbot step; `warnings` is test_warnings()."""
    kind = spec["kind"]
    if kind in STEP_CLASSES:
        args = {arg: rendered(spec[key], settings) for key, arg in STEP_ARGS.items() if key in spec}
        args.update(spec.get("flags", {}))
        if kind == "GitHub":
            args.update(source_step, repourl=settings["git_url"], **spec.get("args", {}))
        if kind == "UploadTestResults":
            args.update(workersrc=spec["src"], masterdest=rendered(spec["dest"], settings))
        return (test_class(warnings) if kind == "Test" else STEP_CLASSES[kind])(**args)
    # The 2017 kinds.
    if kind == "git":
        return steps.Git(name="git", repourl=settings["git_url"], mode="full", method="fresh", timeout=3600)
    if kind == "upload":
        return steps.DirectoryUpload(name=spec["name"], workersrc=spec["src"], masterdest=rendered(spec["dest"], settings))
    command = spec["command"]
    args = {
        "name": spec["name"],
        "command": rendered(command, settings) if isinstance(command, list) else command,
    }
    for key, arg in (("workdir", "workdir"), ("timeout", "timeout"), ("pty", "usePTY")):
        if key in spec:
            args[arg] = spec[key]
    if kind == "configure":
        return steps.Configure(**args)
    if kind == "shell":
        return steps.ShellCommand(haltOnFailure=True, **args)
    if kind == "test":
        return steps.WarningCountingShellCommand(warningPattern=warnings, warnOnWarnings=True, **args)
    if kind == "docs":
        return steps.WarningCountingShellCommand(warnOnWarnings=True, **args)
    if kind == "clean":
        return steps.ShellCommand(alwaysRun=True, flunkOnFailure=False, warnOnFailure=True, **args)
    raise ValueError(f"unknown step kind {kind!r}")


class Factories:
    """Each step is built once, and builders with the same steps share one factory (Buildbot
    builds fresh step objects from it for every build): loading costs per distinct step, not
    per builder.

    What is kept of a step is its step factory (what a BuildFactory keeps of it anyway), not
    the step object: Buildbot's step objects are reference cycles (their debouncer holds a
    bound method of the step), so one kept to the end of the load outlives the young
    generation and waits for Python's old-generation cycle collection, ~9,000 objects a load
    for the 2026 fleet that the master's RSS grew by for several reconfigs on Python 3.14
    (Buildbot 4.3). Dropped at once, they are freed by the next young collection."""

    def __init__(self, table, settings, source_step, warning_patterns):
        warnings = test_warnings(warning_patterns)
        self.steps = {key: make_step(spec, settings, source_step, warnings).get_step_factory() for key, spec in table.items()}
        self.factories = {}

    def __call__(self, keys):
        key = tuple(keys)
        factory = self.factories.get(key)
        if factory is None:
            factory = self.factories[key] = util.BuildFactory([self.steps[k] for k in key])
        return factory
