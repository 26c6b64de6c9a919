"""Unit tests of the pull-request runtime of the package beside master.cfg
(templates/python/github.py, reports.py, downtime.py: the pure parts, and the parts that
meet Buildbot objects), run by test/pr-testing/pr-testing.test.ts with each Buildbot's Python.

The package is imported from templates/python/ as `buildmaster_gen` (what `generate` emits
beside master.cfg). load() binds a settings dict and today's fleet data (builders.yaml
`master.pull_requests` and `master.reporters`) to the functions that take them, and gives
every name as one namespace, as the tests read them.
"""
import hashlib
import hmac
import importlib.util
import io
import json
import os
import sys
import unittest
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from twisted.internet import defer, task

# What differs between Buildbot 3.7 and 4.3 (a scheduler's arguments).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from buildbot_compat import config_arg  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "templates", "python")


def import_package():
    sys.dont_write_bytecode = True  # nothing written into templates/python/
    spec = importlib.util.spec_from_file_location("buildmaster_gen", os.path.join(SOURCE, "__init__.py"), submodule_search_locations=[SOURCE])
    package = importlib.util.module_from_spec(spec)
    sys.modules["buildmaster_gen"] = package
    spec.loader.exec_module(package)
    import buildmaster_gen.downtime
    import buildmaster_gen.github
    import buildmaster_gen.reports
    return buildmaster_gen.downtime, buildmaster_gen.github, buildmaster_gen.reports


DOWNTIME, GITHUB, REPORTS = import_package()

# Today's values (fleets/cpython-2026/builders.yaml `master:`).
PULL_REQUESTS = {
    "labels": {":hammer: test-with-buildbots": ".*", ":hammer: test-with-refleak-buildbots": ".*Refleaks.*"},
    "command": "!buildbot",
    "permissions": ["admin", "write"],
}
REPORTERS = {
    "github_status": ["stable", "pull_request"],
    "pull_request_comment": ["stable"],
    "discord": ["stable"],
    "mail": ["stable"],
    "commit_url": "https://github.com/python/cpython/commit/",
}

BASE_SETTINGS = {
    "github_change_hook_secret": "hook-secret",
    "github_status_token": "status-token",
    "send_mail": False,
    "status_email": "example@example.org",
    "email_relay_host": "mail.example.org",
    "email_relay_port": 25,
    "from_email": "buildbot@example.org",
    "irc_notice": False,
    "irc_host": "irc.libera.chat",
    "irc_channel": "#python-dev-notifs",
    "irc_nick": "py-bb-test",
    "irc_notify_events": ["better", "worse", "exception"],
    "verbosity": 1,
    "discord_webhook": "http://127.0.0.1:9/discord",
    "buildbot_url": "http://localhost:9011/",
    "tree_stable_timer_scale": 1,
    "github_api_url": None,
}


def load(**settings):
    from buildbot.plugins import schedulers

    s = {**BASE_SETTINGS, **settings}
    ns = {}
    for module in (DOWNTIME, GITHUB, REPORTS):
        ns.update(vars(module))
    ns.update(
        schedulers=schedulers,
        label_builder_filter=lambda label: GITHUB.label_builder_filter(label, PULL_REQUESTS["labels"]),
        parse_buildbot_command=lambda body: GITHUB.parse_buildbot_command(body, PULL_REQUESTS["command"]),
        make_pr_scheduler=lambda names, stable: GITHUB.make_pr_scheduler(names, stable, s, PULL_REQUESTS),
        make_github_hook=lambda: GITHUB.make_github_hook(s),
        make_services=lambda stable, pr: REPORTS.make_services({"stable": stable, "pull_request": pr}, s, REPORTERS),
    )
    return ns


P = load()

REGRTEST_FAILURE = """\
0:00:01 load avg: 1.00 [1/3] test_os
0:00:02 load avg: 1.00 [2/3/1] test_x failed (1 failure)
test_spam (test.test_x.SpamTests.test_spam) ... FAIL

======================================================================
FAIL: test_spam (test.test_x.SpamTests.test_spam)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "Lib/test/test_x.py", line 10, in test_spam
    self.assertEqual(1, 2)
AssertionError: 1 != 2

----------------------------------------------------------------------
Ran 1 test in 0.001s

0:00:03 load avg: 1.00 [3/3/2] test_leaky failed
test_leaky leaked [1, 1, 1] references, sum=3
test_leaky leaked [2, 2, 2] memory blocks, sum=6

== Tests result: FAILURE ==

2 tests failed:
    test_leaky test_x

1 re-run test:
    test_x

1 test OK.

Total duration: 3 sec
Tests result: FAILURE
"""


def stdio(text, stream="o"):
    """A stdio log's stored form: each line prefixed by its stream marker."""
    return "".join(stream + line + "\n" for line in text.splitlines())


class Labels(unittest.TestCase):
    def test_label_filters(self):
        self.assertEqual(P["label_builder_filter"](":hammer: test-with-buildbots"), ".*")
        self.assertEqual(P["label_builder_filter"](":hammer: test-with-refleak-buildbots"), ".*Refleaks.*")
        self.assertIsNone(P["label_builder_filter"]("type-bug"))
        self.assertIsNone(P["label_builder_filter"](None))

    def test_buildbot_command(self):
        parse = P["parse_buildbot_command"]
        self.assertEqual(parse("!buildbot .*Fedora.*"), ".*Fedora.*")
        self.assertEqual(parse("  !buildbot  AMD64 Ubuntu  \n"), "AMD64 Ubuntu")
        self.assertIsNone(parse("!buildbot "))
        self.assertIsNone(parse("!buildbot    "))
        self.assertIsNone(parse("!buildbot"))
        self.assertIsNone(parse("please !buildbot .*"))  # anchored at the start
        self.assertIsNone(parse("!buildbots .*"))
        self.assertIsNone(parse(None))
        # The command is the fleet's data (builders.yaml `master.pull_requests.command`).
        self.assertEqual(GITHUB.parse_buildbot_command("/test-on .*BSD.*", "/test-on"), ".*BSD.*")
        self.assertIsNone(GITHUB.parse_buildbot_command("!buildbot .*", "/test-on"))
        self.assertIsNone(GITHUB.parse_buildbot_command("!buildbotX .*", "!buildbot"))
        self.assertIn("`/test-on`", GITHUB.command_refused_comment("bob", "/test-on", ("admin",)))
        # Another set of labels: only those ask for builds.
        self.assertEqual(GITHUB.label_builder_filter("run-bsd", {"run-bsd": ".*BSD.*"}), ".*BSD.*")
        self.assertIsNone(GITHUB.label_builder_filter(":hammer: test-with-buildbots", {"run-bsd": ".*BSD.*"}))

    def test_skip_markers(self):
        from buildbot.www.hooks.github import DEFAULT_SKIPS_PATTERN
        skip = P["has_skip_marker"]
        for message in ("fix [skip ci]", "[ci skip] wip", "x [ skip  ci ] y", "[ ci skip ]"):
            self.assertTrue(skip(message, DEFAULT_SKIPS_PATTERN), message)
        for message in ("skip ci", "[skip-ci]", "", None):
            self.assertFalse(skip(message, DEFAULT_SKIPS_PATTERN), message)

    def test_comments(self):
        self.assertEqual(P["pr_change_comments"](7, 1, "Title", "Body"), "GitHub Pull Request #7 (1 commit)\nTitle\nBody")
        self.assertEqual(P["pr_change_comments"](7, 3, "Title", None), "GitHub Pull Request #7 (3 commits)\nTitle\n")
        url = P["grid_url"]("http://localhost:9011/", 42)
        self.assertEqual(url, "http://localhost:9011/#/grid?branch=refs%2Fpull%2F42%2Fmerge")
        text = P["label_scheduled_comment"]("alice", "abc123", ":hammer: test-with-buildbots", url)
        for part in ("@alice", "abc123", url, ":hammer: test-with-buildbots"):
            self.assertIn(part, text)


PR_BUILDERS = [
    "AMD64 Fedora Rawhide Refleaks PR",
    "AMD64 Fedora Rawhide NoGIL refleaks PR",
    "ARM64 MacOS M1 Refleaks NoGIL PR",
    "AMD64 Ubuntu PR",
    "AMD64 Fedora Rawhide PR",
    "x86 Debian Installed PR",
]
STABLE_PR = ["AMD64 Fedora Rawhide Refleaks PR", "AMD64 Fedora Rawhide NoGIL refleaks PR", "AMD64 Ubuntu PR"]


class Scheduling(unittest.TestCase):
    def test_label_runs_stable_builders_only(self):
        pick = P["pr_builders_to_schedule"]
        self.assertEqual(pick(".*", "pull_request", PR_BUILDERS, STABLE_PR), STABLE_PR)
        # The refleak label matches case-insensitively: "refleaks" too, stable only.
        self.assertEqual(
            pick(".*Refleaks.*", "pull_request", PR_BUILDERS, STABLE_PR),
            ["AMD64 Fedora Rawhide Refleaks PR", "AMD64 Fedora Rawhide NoGIL refleaks PR"],
        )

    def test_comment_runs_any_builder(self):
        pick = P["pr_builders_to_schedule"]
        self.assertEqual(pick("installed", "issue_comment", PR_BUILDERS, STABLE_PR), ["x86 Debian Installed PR"])
        self.assertEqual(pick("nomatch", "issue_comment", PR_BUILDERS, STABLE_PR), [])

    def test_no_filter_runs_all(self):
        self.assertEqual(P["pr_builders_to_schedule"](None, "pull_request", PR_BUILDERS, STABLE_PR), PR_BUILDERS)
        self.assertEqual(P["pr_builders_to_schedule"]("", "pull_request", PR_BUILDERS, STABLE_PR), PR_BUILDERS)

    def test_scheduler_shape(self):
        sched = P["make_pr_scheduler"](PR_BUILDERS, STABLE_PR)
        self.assertEqual(sched.name, "pull-request-scheduler")
        self.assertEqual(config_arg(sched, "treeStableTimer"), 30)
        self.assertEqual(sched.builderNames, PR_BUILDERS)
        self.assertEqual(sched.stable_builder_names, tuple(STABLE_PR))
        self.assertIsInstance(sched, P["schedulers"].AnyBranchScheduler)
        from buildbot.changes.changes import Change
        pr = Change(who="a", files=[], comments="", properties={"should_test_pr": True})
        push = Change(who="a", files=["Lib/os.py"], comments="", branch="main")
        self.assertTrue(config_arg(sched, "change_filter").filter_change(pr))
        self.assertFalse(config_arg(sched, "change_filter").filter_change(push))

    def test_timer_scale(self):
        self.assertEqual(config_arg(load(tree_stable_timer_scale=0.01)["make_pr_scheduler"](PR_BUILDERS, STABLE_PR), "treeStableTimer"), 0.3)

    def test_add_buildset_filters_by_change_properties(self):
        sched = P["make_pr_scheduler"](PR_BUILDERS, STABLE_PR)
        changes = {
            5: {"changeid": 5, "properties": {"builderfilter": (".*", "Change"), "event": ("pull_request", "Change")}},
            6: {"changeid": 6, "properties": {"builderfilter": ("Installed", "Change"), "event": ("issue_comment", "Change")}},
            7: {"changeid": 7, "properties": {"builderfilter": ("nothing-matches", "Change"), "event": ("issue_comment", "Change")}},
            8: {"changeid": 8, "properties": {"should_test_pr": (True, "Change")}},
        }
        calls = []

        class Data:
            def get(self, path):
                self_path = path
                assert self_path[0] == "changes"
                return defer.succeed(changes[self_path[1]])

        class Parent:  # what the scheduler's master property reads
            master = type("Master", (), {"data": Data()})()

        sched.parent = Parent()
        parent = P["schedulers"].AnyBranchScheduler

        def fake_parent(self, **kwargs):
            calls.append(kwargs)
            return defer.succeed((1, {}))

        original = parent.addBuildsetForChanges
        parent.addBuildsetForChanges = fake_parent
        try:
            sched.addBuildsetForChanges(reason="r", changeids=[5])
            sched.addBuildsetForChanges(reason="r", changeids=[5, 6])  # the newest decides
            sched.addBuildsetForChanges(reason="r", changeids=[7])  # nothing matches: nothing
            sched.addBuildsetForChanges(reason="r", changeids=[8])  # no filter: all
        finally:
            parent.addBuildsetForChanges = original
        self.assertEqual([c.get("builderNames") for c in calls], [STABLE_PR, ["x86 Debian Installed PR"], None])


class TestLogParsing(unittest.TestCase):
    def setUp(self):
        self.log = P["TestLog"](REGRTEST_FAILURE)

    def test_strip_stream_markers(self):
        self.assertEqual(P["strip_stream_markers"]("ohello\neerr\nhheader\nooops"), "hello\nrr\nhheader\nps")

    def test_failed_and_rerun(self):
        self.assertEqual(self.log.failed_tests(), ["test_leaky", "test_x"])
        self.assertEqual(self.log.rerun_tests(), ["test_x"])

    def test_last_failed_block_wins(self):
        text = "1 test failed:\n    test_a\n\n0:00:09 re-running\n2 tests failed:\n    test_b test_c\n\nTotal duration: 1 sec\n"
        self.assertEqual(P["TestLog"](text).failed_tests(), ["test_b", "test_c"])
        self.assertEqual(P["TestLog"]("All 3 tests OK.\n").failed_tests(), [])

    def test_subtests_and_leaks(self):
        self.assertEqual(self.log.failed_subtests(), [("test_spam", "test.test_x.SpamTests.test_spam")])
        self.assertEqual(self.log.leaks(), [("test_leaky", "references"), ("test_leaky", "memory blocks")])

    def test_tracebacks(self):
        [tb] = self.log.tracebacks()
        self.assertTrue(tb.startswith("Traceback (most recent call last):\n"))
        self.assertIn("AssertionError: 1 != 2", tb)
        self.assertNotIn("Ran 1 test", tb)  # the block ends at the empty line

    def test_summary(self):
        summary = self.log.summary()
        self.assertTrue(summary.startswith("== Tests result: FAILURE =="))
        self.assertIn("2 tests failed:", summary)
        self.assertTrue(summary.endswith("Total duration: 3 sec\n"))
        self.assertEqual(P["TestLog"]("no results here").summary(), "")

    def test_report(self):
        report = self.log.failing_tests_report()
        self.assertEqual(
            report,
            "Failed tests:\n\n- test_leaky\n- test_x\n\n"
            "Failed subtests:\n\n- test_spam - test.test_x.SpamTests.test_spam\n\n"
            "Test leaking resources:\n\n- test_leaky: references\n- test_leaky: memory blocks\n",
        )
        self.assertEqual(P["TestLog"]("").failing_tests_report(), "")

    def test_from_build(self):
        build = {
            "steps": [
                {"name": "compile", "logs": [{"content": {"content": stdio("make: ok") + stdio("warning: x", "e")}}]},
                {"name": "test", "logs": [{"content": {"content": stdio(REGRTEST_FAILURE)}}]},
            ]
        }
        test_log, tracebacks = P["test_log_and_tracebacks"](build)
        self.assertEqual(test_log.failed_tests(), ["test_leaky", "test_x"])
        self.assertEqual(len(tracebacks), 1)

    def test_stderr_fallback(self):
        build = {
            "steps": [
                {"name": "git", "logs": []},
                {"name": "compile", "logs": [{"content": {"content": stdio("cc ...") + stdio("error: boom", "e")}}]},
                {"name": "test", "logs": [{"content": {"content": stdio("1 test failed:\n    test_a\n")}}]},
            ]
        }
        test_log, tracebacks = P["test_log_and_tracebacks"](build)
        self.assertEqual(tracebacks, ["error: boom"])
        self.assertEqual(test_log.failed_tests(), ["test_a"])

    def test_github_repository(self):
        repo = P["github_repository"]
        self.assertEqual(repo("python/cpython", ""), "python/cpython")
        self.assertEqual(repo("", "https://github.com/python/cpython"), "python/cpython")
        self.assertEqual(repo("cpython", "git@github.com:python/cpython.git"), "python/cpython")
        self.assertIsNone(repo("", "/srv/git/cpython"))

    def test_pr_number_and_tier(self):
        self.assertEqual(P["pull_request_number"]("gh-1234: fix (GH-1234)"), "1234")
        self.assertEqual(P["pull_request_number"]("Fix things (#99)\n\nbody"), "99")
        self.assertEqual(P["pull_request_number"]("Fix things (gh-7)"), "7")
        self.assertIsNone(P["pull_request_number"]("Fix GH-7 without parentheses"))
        self.assertEqual(P["tier_of"](["3.x", "tier-1", "stable"]), "tier-1")
        self.assertEqual(P["tier_of"](["3.x", "tier-3", "tier-2"]), "tier-2")
        self.assertEqual(P["tier_of"](["3.x", "unstable"]), "tierless")
        self.assertEqual(P["tier_of"](["3.x", "unstable", "tierless"]), "tierless")


class Messages(unittest.TestCase):
    BUILD = {"builder": {"name": "AMD64 Ubuntu 3.x", "builderid": 4, "tags": ["3.x", "tier-1"]}, "number": 17}

    def test_discord(self):
        url = P["build_page_url"]("http://bb/", self.BUILD)
        self.assertEqual(url, "http://bb/#/builders/4/builds/17")
        sha = "0123456789abcdef0123"
        msg = P["discord_failure_message"](self.BUILD, sha, url, P["TestLog"](REGRTEST_FAILURE))
        self.assertIn("**AMD64 Ubuntu 3.x** (tier-1)", msg)
        self.assertIn(f"[0123456789ab](https://github.com/python/cpython/commit/{sha})", msg)
        self.assertIn(f"[see the build]({url})", msg)
        self.assertIn("```\nFailed tests:", msg)
        self.assertNotIn("```", P["discord_failure_message"](self.BUILD, sha, url, P["TestLog"]("")))

    def test_pr_comment(self):
        tl = P["TestLog"](REGRTEST_FAILURE)
        msg = P["pr_failure_comment"](self.BUILD, "abc", "http://bb/#/builders/4/builds/17", tl, tl.tracebacks())
        for part in ("AMD64 Ubuntu 3.x", "tier-1", "abc", "http://bb/#/builders/4/builds/17", "devguide",
                     "- test_x", "== Tests result: FAILURE ==", "<details>", "AssertionError: 1 != 2"):
            self.assertIn(part, msg)

    def test_mail_message(self):
        """Buildbot's own MessageFormatter code renders the template with the parsed log."""
        build = {
            "buildid": 3, "number": 17, "results": 2, "state_string": "failed test",
            "builder": {"name": "AMD64 Ubuntu 3.x", "builderid": 4, "tags": ["3.x", "tier-1"]},
            "buildset": {"sourcestamps": [{"project": "python/cpython", "repository": "https://github.com/python/cpython",
                                           "branch": "main", "revision": "abc", "codebase": "", "patch": None}]},
            "properties": {"workername": ("bolen-ubuntu", "Worker"), "reason": ("a push", "Scheduler")},
            "steps": [{"name": "test", "logs": [{"content": {"content": stdio(REGRTEST_FAILURE)}}]}],
        }

        class Config:
            title = "Python"
            buildbotURL = "http://bb/"

        class Master:
            config = Config()

        d = P["mail_formatter"]().format_message_for_build(Master(), build, mode=("problem",), users=["alice"])
        message = []
        d.addBoth(message.append)
        if not isinstance(message[0], dict):
            message[0].raiseException()
        body = message[0]["body"]
        for part in ("on AMD64 Ubuntu 3.x (python/cpython)", "Worker:         bolen-ubuntu",
                     "Reason:         a push", "Blamelist:      alice",
                     "== Tests result: FAILURE ==", "AssertionError: 1 != 2", "Failed tests:\n\n- test_leaky\n- test_x"):
            self.assertIn(part, body)
        self.assertRegex(body, r"http://bb/#/?builders/4/builds/17")  # 3.7 has no "/" after "#"
        self.assertEqual(message[0]["type"], "plain")

    def test_mail_template_is_jinja(self):
        self.assertIn("{" * 2 + " status_detected " + "}" * 2, P["MAIL_TEMPLATE"])
        self.assertNotIn("[[", P["MAIL_TEMPLATE"])


class Downtime(unittest.TestCase):
    D1 = dict(start=time(22, 0), end=time(8, 0))

    def test_window(self):
        in_window = P["in_window"]
        self.assertTrue(in_window(time(23, 0), time(22, 0), time(8, 0)))
        self.assertTrue(in_window(time(0, 0), time(22, 0), time(8, 0)))
        self.assertTrue(in_window(time(8, 0), time(22, 0), time(8, 0)))  # both ends included
        self.assertTrue(in_window(time(22, 0), time(22, 0), time(8, 0)))
        self.assertFalse(in_window(time(8, 0, 1), time(22, 0), time(8, 0)))
        self.assertFalse(in_window(time(12, 0), time(22, 0), time(8, 0)))
        self.assertTrue(in_window(time(9, 0), time(8, 0), time(10, 0)))
        self.assertFalse(in_window(time(7, 59), time(8, 0), time(10, 0)))

    def test_delay_wraps_midnight(self):
        delay = P["downtime_delay"]
        self.assertEqual(delay(datetime(2026, 8, 5, 23, 0), **self.D1), 9 * 3600)
        self.assertEqual(delay(datetime(2026, 8, 5, 7, 30), **self.D1), 1800)
        self.assertEqual(delay(datetime(2026, 8, 5, 8, 0), **self.D1), 0)
        self.assertIsNone(delay(datetime(2026, 8, 5, 12, 0), **self.D1))

    def test_weekday(self):
        delay = P["downtime_delay"]
        wednesday = datetime(2026, 8, 5, 9, 15, tzinfo=ZoneInfo("America/Los_Angeles"))
        self.assertEqual(wednesday.weekday(), 2)
        self.assertEqual(delay(wednesday, time(8), time(10), 2), 45 * 60)
        self.assertIsNone(delay(wednesday + timedelta(days=1), time(8), time(10), 2))
        self.assertIsNone(delay(wednesday.replace(hour=10, minute=1), time(8), time(10), 2))

    def test_parse_weekday(self):
        self.assertEqual(P["_weekday_number"]("Wednesday"), 2)
        self.assertEqual(P["_weekday_number"](2), 2)
        self.assertIsNone(P["_weekday_number"](None))

    def _worker(self):
        """A real Buildbot Worker on a fake clock."""
        from buildbot.worker import Worker
        clock = task.Clock()
        w = Worker("itamaro-centos-aws", "pw")

        class Botmaster:
            def maybeStartBuildsForWorker(self, name):
                pass

        class Parent:  # what Worker.master (and .botmaster) read
            master = type("Master", (), {"reactor": clock, "botmaster": Botmaster()})()

        w.parent = Parent()
        return w, clock

    def patch_clock(self, now):
        """The package's clock (a module attribute) for this test only."""
        original = DOWNTIME.clock_now
        DOWNTIME.clock_now = now
        self.addCleanup(setattr, DOWNTIME, "clock_now", original)

    def test_can_start_build_quarantines_until_the_end(self):
        ns = load()
        seen = []

        def fake_now(tz):
            seen.append(tz)
            return datetime(2026, 8, 5, 9, 0, tzinfo=tz)  # a Wednesday, 09:00 in Los Angeles

        self.patch_clock(fake_now)
        can_start = ns["downtime"]("08:00", "10:00", weekday="wednesday", tz="America/Los_Angeles")
        w, clock = self._worker()

        class WFB:
            worker = w

        self.assertFalse(can_start(None, WFB(), None))
        self.assertEqual(seen, [ZoneInfo("America/Los_Angeles")])
        self.assertIsNotNone(w.quarantine_timer)
        self.assertEqual(w.quarantine_timer.getTime(), 3600)  # until 10:00
        self.assertEqual(w.quarantine_timeout, w.quarantine_initial_timeout)  # back-off reset
        clock.advance(3600)
        self.assertIsNone(w.quarantine_timer)

        self.patch_clock(lambda tz: datetime(2026, 8, 5, 10, 30, tzinfo=tz))
        self.assertTrue(can_start(None, WFB(), None))
        self.patch_clock(lambda tz: datetime(2026, 8, 6, 9, 0, tzinfo=tz))  # Thursday
        self.assertTrue(can_start(None, WFB(), None))

    def test_naive_local_time(self):
        ns = load()
        seen = []
        self.patch_clock(lambda tz: seen.append(tz) or datetime(2026, 8, 5, 23, 30))
        can_start = ns["downtime"]("22:00", "08:00")
        w, _ = self._worker()

        class WFB:
            worker = w

        self.assertFalse(can_start(None, WFB(), None))
        self.assertEqual(seen, [None])
        self.assertEqual(w.quarantine_timer.getTime(), 8.5 * 3600)

    def test_bad_time(self):
        with self.assertRaises(ValueError):
            P["downtime"]("8am", "10:00")


class Hook(unittest.TestCase):
    def test_hook_dict(self):
        hook = P["make_github_hook"]()
        self.assertEqual(sorted(hook), ["class", "secret", "strict", "token"])
        self.assertEqual(hook["secret"], "hook-secret")
        self.assertEqual(hook["token"], "status-token")
        self.assertIs(hook["strict"], True)
        # One class for every load: the fleet's data is read from the running config.
        self.assertIs(hook["class"], P["CustomGitHubEventHandler"])
        local = load(github_api_url="http://127.0.0.1:1234/")["make_github_hook"]()
        self.assertEqual(local["github_api_endpoint"], "http://127.0.0.1:1234")

    def _request(self, body, headers):
        class Request:
            content = io.BytesIO(body)
            args = {}

            def getHeader(self, name):
                return headers.get(name)

        return Request()

    def _handler(self):
        from buildbot.www.hooks.github import GitHubHandler
        return GitHubHandler(None, P["make_github_hook"]()).handler

    def test_options_from_the_running_pr_scheduler(self):
        sched = P["make_pr_scheduler"](PR_BUILDERS, STABLE_PR)
        handler = self._handler()
        handler.master = type("Master", (), {"config": type("Config", (), {"schedulers": {sched.name: sched}})()})()
        options = handler.pr_options()
        self.assertEqual(options["labels"], PULL_REQUESTS["labels"])
        self.assertEqual(options["command"], "!buildbot")
        self.assertEqual(options["permissions"], ("admin", "write"))
        self.assertEqual(options["builder_names"], tuple(PR_BUILDERS))
        handler.master.config.schedulers = {}
        self.assertEqual(handler.pr_options()["builder_names"], ())

    def _signed(self, body, secret=b"hook-secret", sha1_secret=None):
        return {
            b"X-Hub-Signature": "sha1=" + hmac.new(sha1_secret or secret, body, hashlib.sha1).hexdigest(),
            b"X-Hub-Signature-256": "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest(),
            b"X-GitHub-Event": b"ping",
            b"Content-Type": b"application/json",
        }

    def _process(self, body, headers):
        d = self._handler().process(self._request(body, headers))
        results = []
        d.addBoth(results.append)
        return results[0]

    def test_signatures(self):
        body = json.dumps({"zen": "ok"}).encode()
        self.assertEqual(self._process(body, self._signed(body)), ([], "git"))
        wrong256 = self._signed(body)
        wrong256[b"X-Hub-Signature-256"] = "sha256=" + "0" * 64
        self.assertIn("Hash mismatch", str(self._process(body, wrong256).value))
        wrong1 = self._signed(body, sha1_secret=b"other")
        self.assertIn("Hash mismatch", str(self._process(body, wrong1).value))
        unsigned = {b"X-GitHub-Event": b"ping", b"Content-Type": b"application/json"}
        self.assertIn("no required signature", str(self._process(body, unsigned).value))


class Services(unittest.TestCase):
    def test_default_services(self):
        services = P["make_services"](["A 3.x"], ["A PR"])
        self.assertEqual([type(s).__name__ for s in services], ["GitHubStatusPush", "GitHubPullRequestReporter", "DiscordReporter"])
        self.assertEqual(len({s.name for s in services}), 3)

    def test_all_services(self):
        ns = load(send_mail=True, irc_notice=True, irc_password="pw")
        services = ns["make_services"](["A 3.x"], ["A PR"])
        self.assertEqual(
            [type(s).__name__ for s in services],
            ["MailNotifier", "IRC", "GitHubStatusPush", "GitHubPullRequestReporter", "DiscordReporter"],
        )


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
