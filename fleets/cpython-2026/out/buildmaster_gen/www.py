# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/www.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""The web UI: sign-in from the settings, who may do what from builders.yaml
(`master.www`)."""
import os

from buildbot.plugins import util

from .settings import warn

# A role no sign-in gives (policy roles are lower-case words, GitHub team names have
# no spaces): a rule that asks for it refuses everyone.
NOBODY = "nobody (read-only)"

# The policy's actions, as Buildbot's endpoint matchers (in production's order).
WWW_ACTIONS = {
    "control": util.AnyControlEndpointMatcher,
    "stop": util.StopBuildEndpointMatcher,
    "rebuild": util.RebuildBuildEndpointMatcher,
    "force": util.ForceBuildEndpointMatcher,
    "enable_scheduler": util.EnableSchedulerEndpointMatcher,
}


def web_auth(settings):
    """The sign-in the settings configure: GitHub OAuth, an htpasswd file, or None."""
    if settings["github_auth_id"] and settings["github_auth_secret"]:
        return util.GitHubAuth(
            str(settings["github_auth_id"]),
            str(settings["github_auth_secret"]),
            apiVersion=4,
            getTeamsMembership=True,
        )
    if settings["web_htpasswd"]:
        path = str(settings["web_htpasswd"])
        if not os.path.isfile(path):
            warn(f"web_htpasswd: no file at {path}: no one can sign in")
        return util.HTPasswdAuth(path)
    return None


def web_authz(policy, signed_in, settings):
    """Buildbot's Authz for the policy. Buildbot allows what no rule matches, so unless
    the policy opens them, a last rule refuses every control action no role was granted."""
    if policy["unmatched_control"] == "allow":
        warn("builders.yaml opens the web UI's control actions to everyone (master.www.unmatched_control: allow)")
    elif not signed_in:
        warn("no sign-in configured (settings github_auth_id and github_auth_secret, or web_htpasswd): the web UI is read-only")
        return util.Authz(allowRules=[util.AnyControlEndpointMatcher(role=NOBODY)])
    roles = policy["roles"]
    role_matchers = [util.RolesFromUsername(roles=[roles["admins"]], usernames=settings["web_admins"])]
    if "teams_prefix" in roles:
        role_matchers.append(util.RolesFromGroups(groupPrefix=roles["teams_prefix"]))
    if "owner" in roles:
        role_matchers.append(util.RolesFromOwner(role=roles["owner"]))
    # defaultDeny=False: a rule that does not grant lets the next ones try.
    rules = [
        matcher(role=role, defaultDeny=False)
        for action, matcher in WWW_ACTIONS.items()
        for role in policy["allow"].get(action, [])
    ]
    if policy["unmatched_control"] == "deny":
        rules.append(util.AnyControlEndpointMatcher(role=NOBODY))
    return util.Authz(allowRules=rules, roleMatchers=role_matchers)


def www_plugins(names):
    """The declared web UI plugins that are installed (Buildbot refuses a config naming a missing one)."""
    if not names:
        return {}  # no need to scan every installed package's entry points (~10 ms)
    from importlib.metadata import entry_points

    installed = {e.name for e in entry_points(group="buildbot.www")}
    missing = [n for n in names if n not in installed]
    if missing:
        warn(f"web UI plugins not installed, left out: {', '.join(missing)}")
    return {n: {} for n in names if n not in missing}
