# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/settings.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""Site settings, read at every load from a YAML file on the master host (never committed:
they hold the secrets)."""
import os
import secrets
import sys

DEFAULT_PATH = "/etc/buildbot/settings.yaml"

DEFAULT_SETTINGS = {
    "worker_port": 9021,
    "web_port": 9011,
    "listen_interface": None,  # e.g. 127.0.0.1: listen on that address only (default: all)
    "buildbot_url": None,  # default: http://localhost:<web_port>/
    "db_url": "sqlite:///state.sqlite",
    "git_url": "https://github.com/python/cpython",
    "tree_stable_timer": 30,
    "tree_stable_timer_scale": 1,  # multiplies every tree-stable timer (tests shorten them)
    "owners": {},  # <owner>: {password, email}
    "workers": {},  # <worker>: {password}, overrides the owner's
    "sendchange": None,  # {user, password}: accept `buildbot sendchange`
    "dmg_upload_dir": "/data/www/buildbot/daily-dmg",
    "dmg_python": "python3",
    "send_mail": False,
    "status_email": None,  # besides failed builds, mailed when any worker goes missing
    "email_relay_host": "localhost",
    "email_relay_port": 25,
    "worker_missing_timeout": None,  # seconds a worker may be gone before its owner is mailed (Buildbot's default: 3600)
    "from_email": "buildbot@python.org",
    "irc_notice": False,
    "irc_host": None,
    "irc_channel": None,
    "irc_nick": None,
    "github_change_hook_secret": None,  # without it the GitHub change hook is not mounted
    # Sign-in to the web UI (without one it is read-only); builders.yaml `master.www` says
    # who may do what. GitHub OAuth (an OAuth app's id and secret) or an htpasswd file.
    "github_auth_id": None,
    "github_auth_secret": None,
    "web_htpasswd": None,  # path of a file of `user:password` lines
    "web_admins": [],  # user names given the admins role
    # The GitHub services of fleets with `master.github`:
    "github_status_token": None,  # commit statuses, pull-request comments, avatars
    "github_api_url": None,  # default https://api.github.com (tests use a local stand-in)
    "discord_webhook": None,
    "verbosity": 1,
    "irc_password": None,  # enables SASL
    "irc_notify_events": ["better", "worse", "exception"],
    # The local test mode (local_worker.py): one builder per branch, in-process.
    "use_local_worker": False,
    "local_worker_buildfactory": "debug",  # a build kind (builders.yaml `variants`)
}


def warn(message):
    print(f"master.cfg: warning: {message}", file=sys.stderr)


def settings_path():
    return os.environ.get("PYBUILDBOT_SETTINGS_PATH", DEFAULT_PATH)


def load_settings(path):
    import yaml  # here: only a load reads the settings file

    try:
        with open(path, encoding="utf-8") as f:
            loaded = yaml.safe_load(f)
    except FileNotFoundError:
        warn(f"no settings file at {path}: using safe defaults (no worker can log in)")
        loaded = None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: the settings file must be a YAML mapping")
    unknown = sorted(set(loaded) - set(DEFAULT_SETTINGS))
    if unknown:
        warn(f"{path}: unknown settings ignored: {', '.join(map(str, unknown))}")
    settings = dict(DEFAULT_SETTINGS)
    settings.update({k: v for k, v in loaded.items() if k in DEFAULT_SETTINGS})
    for key in ("owners", "workers"):
        settings[key] = settings[key] or {}
    admins = settings["web_admins"] or []
    settings["web_admins"] = [str(name) for name in ([admins] if isinstance(admins, str) else admins)]
    if settings["buildbot_url"] is None:
        settings["buildbot_url"] = f"http://localhost:{settings['web_port'] or 9011}/"
    return settings


# Random stand-ins for secrets the settings leave unset, made once per master process:
# this module outlives `buildbot reconfig`, so a reload gets the same values and the
# workers and services that hold them compare equal to their previous selves.
_RANDOM = {}


def random_secret(purpose, nbytes):
    """An unguessable string, the same for the same purpose for the life of the process."""
    if purpose not in _RANDOM:
        _RANDOM[purpose] = secrets.token_hex(nbytes)
    return _RANDOM[purpose]


def endpoint(settings, port, strport):
    """A port to listen on, as a Twisted endpoint bound to listen_interface when set."""
    interface = settings["listen_interface"]
    if not interface:
        # Today's config writes a Twisted strport; 2017's a plain port number.
        return f"tcp:{int(port)}" if strport else port
    return f"tcp:{int(port)}:interface={str(interface).replace(':', chr(92) + ':')}"
