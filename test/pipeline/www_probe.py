"""Load a master.cfg with Buildbot's own loader and print, as JSON, its web side: sign-in,
the Authz rules and role matchers, whether the GitHub hook is mounted, the workers'
missing-worker settings and the mail service. Secrets are not printed (only whether set).

  /usr/bin/python3 test/pipeline/www_probe.py MASTER_CFG SETTINGS_FILE
"""
import json
import os
import sys
from contextlib import redirect_stdout

from buildbot.config.master import FileLoader


def kwarg(obj, name):
    """An argument as Buildbot 3.7 keeps it (attribute) or 4.x (_config_kwargs)."""
    kw = getattr(obj, "_config_kwargs", None)
    if isinstance(kw, dict) and name in kw:
        return kw[name]
    return getattr(obj, name, None)


def auth(a):
    if a is None:
        return None
    out = {"class": type(a).__name__}
    if hasattr(a, "clientId"):
        out.update(clientId=a.clientId, clientSecret_set=bool(a.clientSecret), apiVersion=a.apiVersion,
                   getTeamsMembership=a.getTeamsMembership)
    for checker in getattr(a, "checkers", []):
        if hasattr(checker, "filename"):
            out["file"] = checker.filename
    return out


def role_matcher(m):
    attrs = {k: (sorted(v) if isinstance(v, (list, set, tuple)) else v) for k, v in vars(m).items()
             if k in ("groupPrefix", "role", "roles", "usernames")}
    return {"class": type(m).__name__, **attrs}


def main(path, settings):
    os.environ["PYBUILDBOT_SETTINGS_PATH"] = os.path.abspath(settings)
    with redirect_stdout(sys.stderr):
        cfg = FileLoader(os.path.dirname(path), os.path.basename(path)).loadConfig()
    www = cfg.www
    authz = www["authz"]
    mail = [s for s in (cfg.services.values() if isinstance(cfg.services, dict) else cfg.services)
            if type(s).__name__ == "MailNotifier"]
    out = {
        "auth": auth(www.get("auth")),
        "authz": {
            "class": type(authz).__name__,
            "rules": [[type(r).__name__, r.role, r.defaultDeny] for r in authz.allowRules],
            "roleMatchers": [role_matcher(m) for m in authz.roleMatchers + authz.ownerRoleMatchers],
        },
        "hook": sorted((www.get("change_hook_dialects") or {}).keys()),
        "workers": {w.workername: {"notify": list(w.notify_on_missing), "missing_timeout": w.missing_timeout}
                    for w in cfg.workers},
        "mail": [{"smtpPort": kwarg(m, "smtpPort"),
                  "generators": [type(g).__name__ for g in kwarg(m, "generators")]} for m in mail],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
