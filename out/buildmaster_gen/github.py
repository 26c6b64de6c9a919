# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/github.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""Pull-request testing (fleet-2026.md §2.4, §5.3): GitHub's change hook with label- and
comment-driven builds, and the scheduler that runs the builders a change asks for.

What a fleet chooses (the labels and the builder filter each stands for, the comment
command, the repository permissions that may use it) is builders.yaml
`master.pull_requests`, given to make_pr_scheduler(); the hook reads it from that
scheduler in the running configuration, so a reload with new values needs no new class.
Works on Buildbot 3.7 and 4.x (public APIs and the data API only).
"""
import hashlib
import hmac
from re import IGNORECASE, compile as re_compile, escape as re_escape
from urllib.parse import quote

from dateutil.parser import parse as parse_date
from twisted.internet import defer
from twisted.python import log

from buildbot.plugins import schedulers, util
from buildbot.process.properties import Properties
from buildbot.util import httpclientservice
from buildbot.www.hooks.github import GitHubEventHandler

PR_SCHEDULER_NAME = "pull-request-scheduler"

GITHUB_API_URL = "https://api.github.com"

def label_builder_filter(label, labels):
    """The builder filter a testing label stands for (`labels`: label -> filter), or None
    for any other label."""
    return labels.get(label) if label is not None else None


def command_pattern(command):
    """`<command> <regex>` at the start of a comment (the command as data, escaped)."""
    return re_compile(re_escape(command) + r" (.+)")


def parse_buildbot_command(body, command):
    """The regular expression of a `<command> <regex>` comment (e.g. `!buildbot .*`), or None."""
    match = command_pattern(command).match((body or "").strip())
    if not match:
        return None
    return match.group(1).strip() or None


def has_skip_marker(message, patterns):
    """Whether a commit message holds a skip marker such as `[skip ci]`."""
    return any(re_compile(pattern).search(message or "") for pattern in patterns or ())


def builders_matching(builder_filter, builder_names):
    """The builders whose name the filter matches (case-insensitive search), in order."""
    matcher = re_compile(builder_filter, IGNORECASE)
    return [name for name in builder_names if matcher.search(name)]


def pr_builders_to_schedule(builder_filter, event, builder_names, stable_builder_names):
    """The PR builders a change asks for (§5.3): a label (any event but
    `issue_comment`) runs stable builders only; a `!buildbot` comment may run any."""
    if not builder_filter:
        return list(builder_names)
    if event != "issue_comment":
        stable = set(stable_builder_names)
        builder_names = [name for name in builder_names if name in stable]
    return builders_matching(builder_filter, builder_names)


def pr_change_comments(number, commits, title, body):
    plural = "s" if commits != 1 else ""
    return f"GitHub Pull Request #{number} ({commits} commit{plural})\n{title}\n{body or ''}"


def grid_url(buildbot_url, number):
    """The grid view filtered on the pull request's merge ref."""
    branch = quote(f"refs/pull/{number}/merge", safe="")
    return f"{buildbot_url.rstrip('/')}/#/grid?branch={branch}"


def label_scheduled_comment(user, sha, label, url):
    return (
        f":robot: @{user} scheduled a build of commit {sha} on the buildbot fleet :robot:\n\n"
        f"Follow the builds in the grid view: {url}\n\n"
        f"To build again, add the <kbd>{label}</kbd> label once more "
        "(it has been removed).\n"
    )


def command_scheduled_comment(user, sha, builder_filter, builders, url):
    listed = "\n".join(f"- `{name}`" for name in builders)
    return (
        f":robot: @{user} scheduled a build of commit {sha} on the buildbot fleet :robot:\n\n"
        f"The builders whose name matches `{builder_filter}` will test it:\n{listed}\n\n"
        f"Follow the builds in the grid view: {url}\n"
    )


def command_no_match_comment(builder_filter):
    return (
        f"The regular expression `{builder_filter}` matches no pull-request builder: "
        "nothing was scheduled.\n"
    )


def command_refused_comment(user, command, permissions):
    allowed = " or ".join(f"{p}" for p in permissions)
    return (
        f"@{user}: only members with {allowed} access to the repository may run "
        f"`{command}`; nothing was scheduled.\n"
    )


# --- HTTP to GitHub and Discord, on Buildbot 3.7 and 4.x --------------------


def http_session(master, base_url, headers=None):
    """A Deferred HTTP client rooted at base_url: Buildbot 4's HTTPSession on
    the master's shared HTTP service, or 3.x's shared HTTPClientService."""
    base_url = base_url.rstrip("/")
    session_class = getattr(httpclientservice, "HTTPSession", None)
    service = getattr(master, "httpservice", None)
    if session_class is not None and service is not None:
        return defer.succeed(session_class(service, base_url, headers=headers))
    return httpclientservice.HTTPClientService.getService(master, base_url, headers=headers)


def github_headers(token):
    headers = {"User-Agent": "Buildbot", "Accept": "application/vnd.github+json"}
    if token:
        headers["Authorization"] = "token " + token
    return headers


class CustomGitHubEventHandler(GitHubEventHandler):
    """GitHub's change hook with label- and comment-driven pull-request testing.

    Push events keep Buildbot's handling. The pull-request builders and the fleet's
    choices (labels, command, permissions) come from the pull-request scheduler of the
    running configuration (pr_options()).
    """

    def pr_options(self):
        """The running pull-request scheduler's options: labels, command, permissions,
        builder_names."""
        scheduler = self.master.config.schedulers.get(PR_SCHEDULER_NAME)
        if scheduler is None:
            return {"labels": {}, "command": None, "permissions": (), "builder_names": ()}
        return {**scheduler.pull_requests, "builder_names": tuple(scheduler.builderNames)}

    @defer.inlineCallbacks
    def process(self, request):
        # GitHub signs with SHA-1 (X-Hub-Signature, which Buildbot checks) and
        # SHA-256 (X-Hub-Signature-256, checked here): both must match.
        yield self._check_sha256_signature(request)
        result = yield super().process(request)
        return result

    @defer.inlineCallbacks
    def _check_sha256_signature(self, request):
        signature = request.getHeader(b"X-Hub-Signature-256")
        if signature is None:
            return
        if isinstance(signature, bytes):
            signature = signature.decode("ascii", "replace")
        hash_type, _, hexdigest = signature.partition("=")
        if hash_type != "sha256" or not hexdigest:
            raise ValueError(f"Wrong signature format: {signature}")
        if not self._secret:
            raise ValueError("a signed request, but no secret is configured")
        body = request.content.read()
        request.content.seek(0)
        props = Properties()
        props.master = self.master
        secret = yield props.render(self._secret)
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        expected = hmac.new(secret, msg=body, digestmod=hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, hexdigest):
            raise ValueError("Hash mismatch")

    # -- GitHub API, always through self.github_api_endpoint --

    @defer.inlineCallbacks
    def _api(self):
        props = Properties()
        props.master = self.master
        token = yield props.render(self._token) if self._token else None
        http = yield http_session(self.master, self.github_api_endpoint, github_headers(token))
        return http

    @defer.inlineCallbacks
    def _api_get(self, path):
        http = yield self._api()
        response = yield http.get(path)
        if 200 <= response.code < 300:
            data = yield response.json()
            return data
        log.msg(f"GitHub API: GET {path}: HTTP {response.code}")
        return None

    @defer.inlineCallbacks
    def _post_comment(self, repo, number, body):
        http = yield self._api()
        response = yield http.post(f"/repos/{repo}/issues/{number}/comments", json={"body": body})
        if not 200 <= response.code < 300:
            log.msg(f"GitHub API: comment on {repo}#{number}: HTTP {response.code}")

    @defer.inlineCallbacks
    def _remove_label(self, repo, number, label):
        http = yield self._api()
        response = yield http.delete(f"/repos/{repo}/issues/{number}/labels/{quote(label, safe='')}")
        if not 200 <= response.code < 300:
            log.msg(f"GitHub API: remove label {label!r} from {repo}#{number}: HTTP {response.code}")

    @defer.inlineCallbacks
    def _head_commit_message(self, repo, sha):
        data = yield self._api_get(f"/repos/{repo}/commits/{sha}")
        return (data or {}).get("commit", {}).get("message", "")

    @defer.inlineCallbacks
    def _may_run_commands(self, repo, user, permissions):
        data = yield self._api_get(f"/repos/{repo}/collaborators/{quote(user, safe='')}/permission")
        permission = (data or {}).get("permission")
        log.msg(f"GitHub: {user} has permission {permission!r} on {repo}")
        return permission in permissions

    # -- events --

    def _pr_change(self, payload, pull_request, number, event, builder_filter):
        change = {
            "revision": pull_request["head"]["sha"],
            "when_timestamp": parse_date(pull_request["created_at"]),
            "branch": f"refs/pull/{number}/{self.pullrequest_ref}",
            "revlink": pull_request["_links"]["html"]["href"],
            "repository": payload["repository"]["html_url"],
            "project": pull_request["base"]["repo"]["full_name"],
            "category": "pull",
            "author": payload["sender"]["login"],
            "comments": pr_change_comments(
                number, pull_request["commits"], pull_request["title"], pull_request["body"]
            ),
            "properties": {
                "should_test_pr": True,
                "event": event,
                "basename": pull_request["base"]["ref"],
                "builderfilter": builder_filter,
            },
        }
        if callable(self._codebase):
            change["codebase"] = self._codebase(payload)
        elif self._codebase is not None:
            change["codebase"] = self._codebase
        log.msg(f"GitHub PR #{number}: one change, builder filter {builder_filter!r}")
        return [change]

    @defer.inlineCallbacks
    def handle_pull_request(self, payload, event):
        number = payload["number"]
        label = (payload.get("label") or {}).get("name")
        builder_filter = label_builder_filter(label, self.pr_options()["labels"])
        if payload.get("action") != "labeled" or builder_filter is None:
            log.msg(f"GitHub PR #{number}: {payload.get('action')} {label!r}, ignored")
            return ([], "git")
        repo = payload["repository"]["full_name"]
        pull_request = payload["pull_request"]
        sha = pull_request["head"]["sha"]
        message = yield self._head_commit_message(repo, sha)
        if has_skip_marker(message, self.skips):
            log.msg(f"GitHub PR #{number}: the head commit asks to skip CI, ignored")
            return ([], "git")
        user = payload["sender"]["login"]
        url = grid_url(self.master.config.buildbotURL, number)
        yield self._post_comment(repo, number, label_scheduled_comment(user, sha, label, url))
        yield self._remove_label(repo, number, label)
        return (self._pr_change(payload, pull_request, number, event, builder_filter), "git")

    @defer.inlineCallbacks
    def handle_issue_comment(self, payload, event):
        issue = payload["issue"]
        number = issue["number"]
        if payload.get("action") != "created" or "pull_request" not in issue:
            return ([], "git")
        options = self.pr_options()
        if not options["command"]:
            return ([], "git")
        builder_filter = parse_buildbot_command(payload["comment"]["body"], options["command"])
        if builder_filter is None:
            return ([], "git")
        repo = payload["repository"]["full_name"]
        user = payload["sender"]["login"]
        allowed = yield self._may_run_commands(repo, user, options["permissions"])
        if not allowed:
            yield self._post_comment(repo, number, command_refused_comment(user, options["command"], options["permissions"]))
            return ([], "git")
        pull_request = yield self._api_get(f"/repos/{repo}/pulls/{number}")
        if pull_request is None:
            return ([], "git")
        sha = pull_request["head"]["sha"]
        message = yield self._head_commit_message(repo, sha)
        if has_skip_marker(message, self.skips):
            log.msg(f"GitHub PR #{number}: the head commit asks to skip CI, ignored")
            return ([], "git")
        try:
            matched = builders_matching(builder_filter, options["builder_names"])
        except Exception as e:  # not a valid regular expression
            log.msg(f"GitHub PR #{number}: bad builder filter {builder_filter!r}: {e}")
            matched = []
        if not matched:
            yield self._post_comment(repo, number, command_no_match_comment(builder_filter))
            return ([], "git")
        url = grid_url(self.master.config.buildbotURL, number)
        comment = command_scheduled_comment(user, sha, builder_filter, matched, url)
        yield self._post_comment(repo, number, comment)
        return (self._pr_change(payload, pull_request, number, event, builder_filter), "git")


def make_github_hook(settings):
    """The `github` entry of c["www"]["change_hook_dialects"]."""
    hook = {
        "class": CustomGitHubEventHandler,
        "secret": settings["github_change_hook_secret"],
        "strict": True,
        "token": settings["github_status_token"],
    }
    if settings.get("github_api_url"):
        hook["github_api_endpoint"] = str(settings["github_api_url"]).rstrip("/")
    return hook


# --- The pull-request scheduler ---------------------------------------------


def should_test_pr(change):
    return bool(change.properties.getProperty("should_test_pr", False))


class GitHubPrScheduler(schedulers.AnyBranchScheduler):
    """Schedules the PR builders that a change's `builderfilter` asks for (§5.3)."""

    # Compared on a reload with the rest of its configuration: new labels reconfigure it.
    compare_attrs = ("stable_builder_names", "pull_requests")

    def __init__(self, *args, stable_builder_names=(), pull_requests=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stable_builder_names = tuple(stable_builder_names)
        # builders.yaml `master.pull_requests`, read by the change hook (pr_options()).
        self.pull_requests = dict(pull_requests or {})

    @defer.inlineCallbacks
    def addBuildsetForChanges(self, **kwargs):
        changeids = kwargs.get("changeids") or []
        if changeids:
            # The newest change of the batch decides (it is the one whose source is built).
            change = yield self.master.data.get(("changes", max(changeids)))
            properties = (change or {}).get("properties") or {}
            builder_filter = (properties.get("builderfilter") or (None,))[0]
            event = (properties.get("event") or (None,))[0]
            builder_names = kwargs.get("builderNames") or self.builderNames
            if builder_filter:
                try:
                    names = pr_builders_to_schedule(
                        builder_filter, event, builder_names, self.stable_builder_names
                    )
                except Exception as e:  # not a valid regular expression
                    log.msg(f"{self.name}: bad builder filter {builder_filter!r}: {e}")
                    names = []
                log.msg(f"{self.name}: filter {builder_filter!r} ({event}) -> {len(names)} builders")
                if not names:
                    return None
                kwargs["builderNames"] = names
        result = yield super().addBuildsetForChanges(**kwargs)
        return result


def make_pr_scheduler(builder_names, stable_builder_names, settings, pull_requests):
    """The pull-request scheduler; `pull_requests` is builders.yaml `master.pull_requests`
    (labels: label -> builder filter, command, permissions)."""
    return GitHubPrScheduler(
        name=PR_SCHEDULER_NAME,
        change_filter=util.ChangeFilter(filter_fn=should_test_pr),
        treeStableTimer=30 * settings["tree_stable_timer_scale"],
        builderNames=list(builder_names),
        stable_builder_names=list(stable_builder_names),
        pull_requests={
            "labels": dict(pull_requests["labels"]),
            "command": pull_requests.get("command"),
            "permissions": tuple(pull_requests["permissions"]),
        },
    )
