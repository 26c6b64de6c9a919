# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/config.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""BuildmasterConfig from the fleet's data (master.cfg's tables) and the site settings."""
from datetime import timedelta

from buildbot.plugins import changes, reporters, util, worker

from . import github, reports
from .downtime import Downtime
from .local_worker import LOCAL_WORKER, local_test_fleet
from .schedulers import make_scheduler
from .settings import endpoint, load_settings, random_secret, settings_path, warn

__all__ = ["buildmaster_config", "load_settings", "settings_path"]
from .steps import Factories
from .www import web_auth, web_authz, www_plugins


def worker_password(w, settings):
    """The worker's own password, else its owner's; None when the settings have neither."""
    for section, key in (("workers", w["name"]), ("owners", w["owner"])):
        entry = settings[section].get(key) or {}
        if entry.get("password"):
            return str(entry["password"])
    return None


def make_worker(w, settings, master):
    # A worker that goes missing is mailed to its owner and to the status address.
    owner_email = (settings["owners"].get(w["owner"]) or {}).get("email")
    notify = list(dict.fromkeys(str(a) for a in (owner_email, settings["status_email"]) if a))
    extra = {}
    if master["worker_properties"]:
        extra["properties"] = {"owner": w["owner"], "os": w["os"], "arch": w["arch"], "online": w["online"]}
    if settings["worker_missing_timeout"] is not None:
        extra["missing_timeout"] = int(settings["worker_missing_timeout"])
    if master.get("keepalive_interval"):
        extra["keepalive_interval"] = master["keepalive_interval"]
    return worker.Worker(
        w["name"],
        # Without a configured password, a random one: the worker cannot log in.
        worker_password(w, settings) or random_secret("worker " + w["name"], 32),
        max_builds=w["max_builds"],
        notify_on_missing=notify,
        **extra,
    )


def make_builders(fleet, master):
    extra = {}
    if master["cpu_lock"]:
        # One counting lock: each worker runs at most max_builds builds at once.
        cpu_lock = util.WorkerLock(
            "cpu",
            maxCount=1,
            maxCountForWorker={w["name"]: w["max_builds"] for w in fleet["workers"]},
        )
        extra["locks"] = [cpu_lock.access("counting")]
    factory = Factories(fleet["steps"], fleet["settings"], fleet["source_step"], fleet["test_warning_patterns"])

    def make_builder(b):
        more = dict(extra)
        if master["builder_descriptions"]:
            more["description"] = b["description"]
        if "downtime" in b:
            more["canStartBuild"] = Downtime(**b["downtime"])
        return util.BuilderConfig(
            name=b["name"],
            # A pool lists every worker that may run it (one builder directory, the same on each).
            workernames=b.get("workers", [b["worker"]]),
            builddir=b["builddir"],
            tags=b["tags"],
            factory=factory(b["steps"]),
            **more,
        )

    return [make_builder(b) for b in fleet["builders"]]


def buildmaster_config(fleet, settings):
    """The BuildmasterConfig dict. `fleet`: master.cfg's tables (workers, steps, builders,
    schedulers, master, source_step, test_warning_patterns); `settings`: load_settings()."""
    master = fleet["master"]
    gh = master["github"]
    fleet = dict(fleet, settings=settings)
    local_workers = []
    if settings["use_local_worker"]:
        # The local test mode: the whole fleet becomes one builder per branch on a worker
        # inside this process (local_worker.py).
        builders, schedulers = local_test_fleet(fleet["builders"], fleet["schedulers"], str(settings["local_worker_buildfactory"]))
        fleet = dict(fleet, builders=builders, schedulers=schedulers, workers=[])
        local_workers.append(worker.LocalWorker(LOCAL_WORKER))
    if gh:
        # Secrets the GitHub services need: unset ones become random (unguessable) strings, so
        # nothing is sent with a known value. (Without its secret the change hook is not mounted.)
        for key in ("github_status_token", "discord_webhook"):
            if not settings[key]:
                settings[key] = random_secret(key, 20)
    missing = [w["name"] for w in fleet["workers"] if worker_password(w, settings) is None]
    if missing:
        warn(f"no password in the settings for {len(missing)} worker(s), which cannot log in: {', '.join(missing)}")

    c = {}
    c["title"] = "Python"
    c["titleURL"] = "https://www.python.org/"
    c["buildbotURL"] = settings["buildbot_url"]
    c["buildbotNetUsageData"] = None
    c["db"] = {"db_url": settings["db_url"]}
    c["protocols"] = {"pb": {"port": endpoint(settings, settings["worker_port"], gh)}}
    c["workers"] = [make_worker(w, settings, master) for w in fleet["workers"]] + local_workers
    c["builders"] = make_builders(fleet, master)
    c["schedulers"] = [make_scheduler(s, settings, gh) for s in fleet["schedulers"] if s["kind"] != "pull_request"]
    if gh:
        # The builder lists of the GitHub services: every pull-request builder (the members of
        # the pull-request scheduler), and the stable builders of real branches.
        pr_scheduler = next(s for s in fleet["schedulers"] if s["kind"] == "pull_request")
        pr_builders = pr_scheduler["builders"]
        pr_set = set(pr_builders)
        stable = [b["name"] for b in fleet["builders"] if "stable" in b["tags"] and b["name"] not in pr_set]
        # Before the force scheduler, as in the hand-written config.
        c["schedulers"].insert(
            len(c["schedulers"]) - 1,
            github.make_pr_scheduler(pr_builders, pr_scheduler["stable_builders"], settings, master["pull_requests"]),
        )

    c["change_source"] = []
    if settings["sendchange"]:
        # `buildbot sendchange` on the worker port.
        c["change_source"].append(
            changes.PBChangeSource(
                user=str(settings["sendchange"]["user"]),
                passwd=str(settings["sendchange"]["password"]),
            )
        )
    if master.get("janitor"):
        # Delete old logs weekly.
        c["configurators"] = [
            JanitorConfigurator(
                logHorizon=timedelta(days=master["janitor"]["days"]),
                hour=master["janitor"]["hour"],
                dayOfWeek=master["janitor"]["day_of_week"],
            )
        ]
    if master.get("caches"):
        c["caches"] = dict(master["caches"])

    if settings["web_port"] is not None:
        c["www"] = {"port": endpoint(settings, settings["web_port"], gh), "plugins": www_plugins(master["www_plugins"])}
        auth = web_auth(settings)
        if auth is not None:
            c["www"]["auth"] = auth
        c["www"]["authz"] = web_authz(master["www"], auth is not None, settings)
        if gh:
            c["www"]["ws_ping_interval"] = 30
            c["www"]["avatar_methods"] = [util.AvatarGitHub(token=settings["github_status_token"])]
        # Pushes (and, with `master.github`, pull requests labelled for testing or commented
        # on with the command); only requests signed with the secret (strict), and no hook
        # at all without one.
        if settings["github_change_hook_secret"]:
            if gh:
                hook = github.make_github_hook(settings)
            else:
                hook = {"secret": settings["github_change_hook_secret"], "strict": True}
            c["www"]["change_hook_dialects"] = {"github": hook}

    if gh:
        c["services"] = reports.make_services({"stable": stable, "pull_request": pr_builders}, settings, master["reporters"])
    else:
        c["services"] = services_2017(settings)
    return c


class JanitorConfigurator(util.JanitorConfigurator):
    """Buildbot's, less its hold on the config dict: Buildbot's configurators keep the dict they
    configured (`self.config_dict`), and the dict keeps them (c["configurators"]), a reference
    cycle that would keep a replaced config (every builder) alive until Python's cycle
    collector comes round to it, several reconfigs later on Python 3.14 (Buildbot 4.3)."""

    def configure(self, config_dict):
        super().configure(config_dict)
        self.__dict__.pop("config_dict", None)


def services_2017(settings):
    services = []
    if settings["send_mail"]:
        services.append(
            reporters.MailNotifier(
                fromaddr=settings["from_email"],
                relayhost=settings["email_relay_host"],
                smtpPort=int(settings["email_relay_port"]),
                sendToInterestedUsers=False,
                extraRecipients=[settings["status_email"]] if settings["status_email"] else [],
                generators=[
                    reporters.BuildStatusGenerator(mode=("problem",), tags=["stable"]),
                    # To each worker's notify_on_missing: its owner and the status address.
                    reporters.WorkerMissingGenerator(workers="all"),
                ],
            )
        )
    if settings["irc_host"] and settings["irc_channel"]:
        services.append(
            reporters.IRC(
                host=settings["irc_host"],
                nick=settings["irc_nick"],
                channels=[{"channel": settings["irc_channel"]}],
                notify_events=["exception", "problem", "recovery"],
                noticeOnChannel=bool(settings["irc_notice"]),
            )
        )
    return services
