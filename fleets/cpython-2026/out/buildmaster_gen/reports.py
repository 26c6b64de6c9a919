# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/reports.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""The reporters of fleets with `master.github` (fleet-2026.md §6.3): mail with the regrtest
summary, IRC, GitHub commit statuses, a comment on the merged pull request when a stable
build of its commit fails, and Discord. Which builders each reports on is builders.yaml
`master.reporters` (make_services()).
"""
from re import IGNORECASE, MULTILINE, compile as re_compile

from twisted.internet import defer
from twisted.python import log

from buildbot.plugins import reporters
from buildbot.process.results import FAILURE
from buildbot.reporters.utils import getDetailsForBuild

# --- Test-log parsing shared by the reporters (§6.3) ------------------------

TRACEBACK_RE = re_compile(r"Traceback[\s\S]+?(?=^(?:\d|test|ok|\n)|\Z)", MULTILINE)
LEAK_RE = re_compile(r"(test_\w+) leaked \[.*\] (.*),.*")
SUBTEST_RE = re_compile(r"=+\n[A-Z]+:\s(\w+)\s\((.*?)\).*\n*.*\n?-+")


def strip_stream_markers(text):
    """A stdio log's text without the leading stream markers (o, e) of each line."""
    return "\n".join(line.lstrip("eo") for line in (text or "").splitlines())


def _unique(items):
    return list(dict.fromkeys(items))


def _last_test_list(text, header):
    """The test names listed under the last `<number> <header>:` line."""
    block = re_compile(rf"^\d+ {header}:[^\n]*\n([\s\S]*?)(?=^(?:\d|test|Total)|\Z)", MULTILINE)
    blocks = block.findall(text)
    if not blocks:
        return []
    return _unique(name for line in blocks[-1].splitlines() for name in line.split())


class TestLog:
    """What the reporters show of a regrtest log."""

    def __init__(self, text):
        self.text = text

    def tracebacks(self):
        return _unique(TRACEBACK_RE.findall(self.text))

    def failed_tests(self):
        return _last_test_list(self.text, r"tests? failed")

    def rerun_tests(self):
        return _last_test_list(self.text, r"re-run tests?")

    def failed_subtests(self):
        return _unique(SUBTEST_RE.findall(self.text))

    def leaks(self):
        return _unique(LEAK_RE.findall(self.text))

    def summary(self):
        start = self.text.rfind("== Tests result")
        end = self.text.rfind("Tests result:")
        if start < 0 or end < 0:
            return ""
        return self.text[start:end]

    def failing_tests_report(self):
        lines = []
        sections = [
            ("Failed tests:", [f"- {name}" for name in self.failed_tests()]),
            ("Failed subtests:", [f"- {test} - {where}" for test, where in self.failed_subtests()]),
            ("Test leaking resources:", [f"- {test}: {what}" for test, what in self.leaks()]),
        ]
        for title, items in sections:
            if items:
                lines += [title, "", *items, ""]
        return "\n".join(lines)


def _first_log_text(step):
    logs = step.get("logs") or []
    if not logs:
        return None
    content = logs[0].get("content") or {}
    return content.get("content")


def test_log_and_tracebacks(build):
    """(TestLog of the first `test` step, tracebacks) of a build dict with steps and log contents."""
    steps = build.get("steps") or []
    text = ""
    for step in steps:
        if step.get("name") == "test":
            text = strip_stream_markers(_first_log_text(step) or "")
            break
    test_log = TestLog(text)
    tracebacks = test_log.tracebacks()
    if not tracebacks:
        for step in steps:
            raw = _first_log_text(step) or ""
            stderr = "\n".join(line[1:] for line in raw.splitlines() if line.startswith("e"))
            if stderr:
                tracebacks.append(stderr)
    return test_log, tracebacks


def tier_of(tags):
    """A builder's tier for messages (§4.1): its lowest-numbered tier tag, else `tierless`."""
    tiers = sorted(tag for tag in tags or [] if re_compile(r"tier-\d+").fullmatch(tag))
    return tiers[0] if tiers else "tierless"


PR_REFERENCE_RE = re_compile(r"\((?:GH-|#)(\d+)\)", IGNORECASE)


def pull_request_number(comments):
    """The PR number of a squash-merge commit message: `(GH-123)` or `(#123)`."""
    match = PR_REFERENCE_RE.search(comments or "")
    return match.group(1) if match else None


# --- Reporters ---------------------------------------------------------------


@defer.inlineCallbacks
def _failed_build_of_merged_pr(master, reports):
    """(build with steps and logs, change, PR number) for a finished FAILURE build
    of exactly one change that names a pull request; otherwise None."""
    build = reports[0]["builds"][0]
    if not build.get("complete") or build.get("results") != FAILURE:
        return None
    yield getDetailsForBuild(master, build, want_properties=True, want_steps=True,
                             want_logs=True, want_logs_content=True)
    sourcestamps = (build.get("buildset") or {}).get("sourcestamps") or []
    if not (sourcestamps and sourcestamps[0]):
        return None
    changes = yield master.data.get(("builds", build["buildid"], "changes"))
    if len(changes) != 1:
        return None
    number = pull_request_number(changes[0].get("comments"))
    if number is None:
        return None
    return build, changes[0], number


GITHUB_REPO_URL_RE = re_compile(r"github\.com[:/]([^/]+/[^/]+?)(?:\.git)?/?$")


def github_repository(project, repository):
    """owner/name of a source stamp: its project when it has that form, else from its URL."""
    if project and project.count("/") == 1:
        return project
    match = GITHUB_REPO_URL_RE.search(repository or "")
    return match.group(1) if match else None


def build_page_url(buildbot_url, build):
    return f"{buildbot_url.rstrip('/')}/#/builders/{build['builder']['builderid']}/builds/{build['number']}"


def pr_failure_comment(build, sha, url, test_log, tracebacks):
    builder = build["builder"]
    return (
        ":warning: **Buildbot failure** :warning:\n\n"
        f"The buildbot **{builder['name']}** ({tier_of(builder.get('tags'))}) failed "
        f"when building commit {sha}, which this pull request merged.\n\n"
        "What to do now:\n\n"
        "1. No need to panic: see [the buildbot page of the devguide]"
        "(https://devguide.python.org/testing/buildbots/) if buildbots are new to you.\n"
        f"2. Read the build logs: {url}\n"
        f"3. Decide whether this commit ({sha}) caused the failure or it is unrelated.\n"
        "4. If it did, say so on the issue and open a new pull request with a fix.\n\n"
        f"{test_log.failing_tests_report()}\n"
        "Summary of the results of the build (if available):\n\n"
        f"{test_log.summary()}\n\n"
        "<details>\n<summary>Tracebacks</summary>\n\n"
        "```python-traceback\n" + "\n\n".join(tracebacks) + "\n```\n\n</details>\n"
    )


def discord_failure_message(build, sha, url, test_log, commit_url="https://github.com/python/cpython/commit/"):
    builder = build["builder"]
    message = (
        f":warning: **{builder['name']}** ({tier_of(builder.get('tags'))}) failed on commit "
        f"[{sha[:12]}]({commit_url}{sha}): "
        f"[see the build]({url})\n"
    )
    report = test_log.failing_tests_report()
    if report.strip():
        message += f"\n```\n{report}\n```\n"
    return message


class GitHubPullRequestReporter(reporters.GitHubStatusPush):
    """Comments on the merged pull request when a stable build of its commit fails."""

    name = "GitHubPullRequestReporter"

    @defer.inlineCallbacks
    def sendMessage(self, reports):
        found = yield _failed_build_of_merged_pr(self.master, reports)
        if found is None:
            return
        build, change, number = found
        sourcestamp = build["buildset"]["sourcestamps"][0]
        project = github_repository(sourcestamp.get("project"), sourcestamp.get("repository"))
        if project is None:
            log.msg(f"{self.name}: build {build['buildid']}: no GitHub repository, not reported")
            return
        sha = change["revision"]
        test_log, tracebacks = test_log_and_tracebacks(build)
        url = build_page_url(self.master.config.buildbotURL, build)
        body = pr_failure_comment(build, sha, url, test_log, tracebacks)
        try:
            response = yield self._http.post(f"/repos/{project}/issues/{number}/comments",
                                             json={"body": body})
            if self.verbose:
                log.msg(f"{self.name}: commented on {project}#{number}: HTTP {response.code}")
        except Exception as e:
            log.err(e, f"{self.name}: commenting on {project}#{number}")


class DiscordReporter(reporters.HttpStatusPush):
    """Posts a message to a Discord webhook when a stable build of a merged PR fails."""

    name = "DiscordReporter"

    def checkConfig(self, serverUrl, verbose=True, commit_url=None, **kwargs):
        super().checkConfig(serverUrl, **kwargs)

    @defer.inlineCallbacks
    def reconfigService(self, serverUrl, verbose=True, commit_url="https://github.com/python/cpython/commit/", **kwargs):
        self.verbose = True
        self.commit_url = commit_url
        yield super().reconfigService(serverUrl, **kwargs)

    @defer.inlineCallbacks
    def sendMessage(self, reports):
        found = yield _failed_build_of_merged_pr(self.master, reports)
        if found is None:
            return
        build, change, number = found
        test_log, _ = test_log_and_tracebacks(build)
        url = build_page_url(self.master.config.buildbotURL, build)
        content = discord_failure_message(build, change["revision"], url, test_log, self.commit_url)
        try:
            response = yield self._http.post("", json={"content": content, "embeds": []})
            log.msg(f"{self.name}: reported build {build['buildid']} (PR {number}): HTTP {response.code}")
        except Exception as e:
            log.err(e, f"{self.name}: reporting build {build['buildid']}")


MAIL_TEMPLATE = """\
Buildbot detected a {{ status_detected }} on {{ buildername }} ({{ projects }}).

Build:          {{ build_url }}
Buildbot:       {{ buildbot_url }}
Worker:         {{ workername }}
Reason:         {{ build['properties'].get('reason', ["<unknown>"])[0] }}
Blamelist:      {{ ", ".join(blamelist) }}

{{ summary }}


Test results summary (when the log has one)
-------------------------------------------

{{ test_summary }}


Tracebacks
----------

{{ tracebacks }}


Failing tests
-------------

{{ failing_tests_report }}

--
The Python buildbot
"""


class TestReportMessageFormatter(reporters.MessageFormatter):
    """Buildbot's mail formatter plus the regrtest summary, tracebacks and failing tests."""

    def buildAdditionalContext(self, master, ctx):
        super().buildAdditionalContext(master, ctx)
        test_log, tracebacks = test_log_and_tracebacks(ctx["build"])
        ctx["test_summary"] = test_log.summary()
        ctx["tracebacks"] = "\n\n".join(tracebacks)
        ctx["failing_tests_report"] = test_log.failing_tests_report()


def mail_formatter():
    return TestReportMessageFormatter(
        template=MAIL_TEMPLATE,
        template_type="plain",
        want_logs=True,
        want_logs_content=True,
        want_properties=True,
        want_steps=True,
    )


def _pr_reporter_generators(stable_builders):
    return [
        reporters.BuildRequestGenerator(formatter=reporters.MessageFormatterRenderable("Build pending.")),
        reporters.BuildStartEndStatusGenerator(
            builders=list(stable_builders),
            start_formatter=reporters.MessageFormatterRenderable("Build started."),
            end_formatter=reporters.MessageFormatterRenderable("Build done."),
        ),
    ]


def _github_base_url(settings):
    url = settings.get("github_api_url")
    return {"baseURL": str(url).rstrip("/")} if url else {}


def make_services(builders, settings, targets):
    """c["services"] (§6.3): mail and IRC when the settings turn them on, then GitHub commit
    statuses, PR comments and Discord. `builders`: the builder lists by name (`stable`, the
    stable builders of real branches; `pull_request`, the pull-request builders);
    `targets`: builders.yaml `master.reporters`, which lists each reporter reports on."""

    def reported(reporter):
        return [name for kind in targets[reporter] for name in builders[kind]]

    services = []
    if settings["send_mail"]:
        status_email = settings["status_email"]
        services.append(
            reporters.MailNotifier(
                fromaddr=settings["from_email"],
                relayhost=settings["email_relay_host"],
                smtpPort=int(settings["email_relay_port"]),
                extraRecipients=[status_email] if status_email else [],
                sendToInterestedUsers=False,
                extraHeaders={"Reply-To": status_email} if status_email else {},
                generators=[
                    reporters.BuildSetStatusGenerator(
                        mode="problem",
                        builders=reported("mail"),
                        message_formatter=mail_formatter(),
                    ),
                    reporters.WorkerMissingGenerator(workers="all"),
                ],
            )
        )
    if settings["irc_notice"]:
        irc = {}
        if settings.get("irc_password"):
            irc = {"useSASL": True, "password": settings["irc_password"]}
        services.append(
            reporters.IRC(
                host=settings["irc_host"],
                nick=settings["irc_nick"],
                channels=[{"channel": settings["irc_channel"]}],
                notify_events=set(settings["irc_notify_events"]),
                useColors=True,
                **irc,
            )
        )
    verbose = bool(settings["verbosity"])
    services.append(
        reporters.GitHubStatusPush(
            token=settings["github_status_token"],
            verbose=verbose,
            generators=[
                reporters.BuildStartEndStatusGenerator(builders=reported("github_status")),
            ],
            **_github_base_url(settings),
        )
    )
    services.append(
        GitHubPullRequestReporter(
            token=settings["github_status_token"],
            verbose=verbose,
            generators=_pr_reporter_generators(reported("pull_request_comment")),
            **_github_base_url(settings),
        )
    )
    services.append(
        DiscordReporter(
            settings["discord_webhook"],
            verbose=True,
            commit_url=targets["commit_url"],
            generators=_pr_reporter_generators(reported("discord")),
        )
    )
    return services
