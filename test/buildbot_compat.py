"""What differs between the Buildbots under test (3.7 and 4.3) in the objects a config
builds: the Python-side tests read those through here, so that both versions are held to
the same assertions.
"""


def config_arg(obj, name, default=None):
    """An argument a scheduler (or worker, configurator) was built with: an attribute on
    Buildbot 3.7; on 4.3 a loaded scheduler keeps treeStableTimer, hour, change_filter...
    in _config_kwargs until it is started."""
    kw = getattr(obj, "_config_kwargs", None)
    if isinstance(kw, dict) and name in kw:
        return kw[name]
    return getattr(obj, name, default)


def db_url(cfg):
    """The db_url of a loaded MasterConfig: cfg.db is a dict on 3.7, an object on 4.3."""
    db = cfg.db
    if isinstance(db, dict):
        return db.get("db_url")
    return getattr(db, "db_url", None)


def force_parameters(s):
    """(reason, forcedProperties, buttonName) of a ForceScheduler: attributes on Buildbot 3.7;
    4.3 builds them only when the scheduler starts (reconfigService), from its arguments,
    as done here (the same defaults: a "force build" reason, one codebase '')."""
    if hasattr(s, "forcedProperties"):
        return s.reason, list(s.forcedProperties), getattr(s, "buttonName", None)
    from buildbot.schedulers.forcesched import CodebaseParameter, StringParameter
    kw = s._config_kwargs
    reason = kw.get("reason")
    if reason is None:
        reason = StringParameter(name="reason", default="force build", size=20)
    codebases = kw.get("codebases")
    if codebases is None:
        codebases = [CodebaseParameter(codebase="")]
    props = [CodebaseParameter(codebase=c) if isinstance(c, str) else c for c in codebases]
    props += list(kw.get("properties") or [])
    return reason, props, kw.get("buttonName") or s.name
