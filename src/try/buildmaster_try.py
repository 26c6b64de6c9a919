# The trial master of `buildmaster-gen try`, copied beside the master.cfg it writes in a
# temporary directory (never part of a fleet's config). That master.cfg is the fleet's own,
# restricted to the builders under trial, with a last line calling adapt(): builds start
# only when the command line asks (no change source, no web server), nothing is reported
# anywhere but to the command line, and what happens is written as JSON lines to a file
# the command line reads. Buildbot 3.7 and 4.x alike (only APIs both have: the message
# queue, the data API, BaseScheduler).
import json
import os
import re
import time
from datetime import datetime

from twisted.internet import defer, task
from twisted.python import log

from buildbot import version as buildbot_version
from buildbot.plugins import util
from buildbot.schedulers.base import BaseScheduler
from buildbot.util import service

# Buildbot's result codes, by index (buildbot.process.results).
RESULTS = ["success", "warnings", "failure", "skipped", "exception", "retry", "cancelled"]
# Header lines of a command's log that are not a command the step ran (besides the
# indented details and the "stat: ..." messages of the worker's file commands).
NOT_COMMANDS = ("program finished with exit code", "elapsedTime=", "process killed by", "command timed out", "using fake rc", "WARNING: ")
FILE_COMMAND_MESSAGE = re.compile(r"^\w+: ")
# Lines read from the start of a log for its commands.
HEAD_LINES = 200


def options():
    """What the command line chose (JSON, written before the master starts)."""
    with open(os.environ["BUILDMASTER_GEN_TRY"], encoding="utf-8") as f:
        return json.load(f)


def adapt(c, settings):
    """The restricted fleet config `c` as a trial master."""
    o = options()
    repository = settings["git_url"]
    for b in c["builders"]:
        # A worker's downtime window does not hold a trial back.
        b.canStartBuild = None
        for step in b.factory.steps:
            # Uploads land in the temporary directory, not in the master's web root.
            if "masterdest" in step.kwargs:
                where = os.path.join(o["uploads"], "%(prop:buildername)s", "%(prop:buildnumber)s", str(step.kwargs.get("name", "upload")))
                step.kwargs["masterdest"] = util.Interpolate(where)
    trial = TryNow(name="buildmaster-gen-try", refs=o["refs"], repository=repository, trigger=o["trigger"])
    c["schedulers"] = (c["schedulers"] if o["keep_schedulers"] else []) + [trial]
    c["change_source"] = []
    c["services"] = [TryEvents(o["events"], repository, o["tail"], name="buildmaster-gen-try-events")]
    for key in ("www", "configurators"):
        c.pop(key, None)


class TryNow(BaseScheduler):
    """Builds each of its builders once, from its git ref of the trial's repository, whenever
    the trigger file appears (one buildset per ref)."""

    def __init__(self, name, refs, repository, trigger):
        super().__init__(name, list(refs))
        self.refs = refs
        self.repository = repository
        self.trigger = trigger
        self.poll = None

    def activate(self):
        d = super().activate()
        self.poll = task.LoopingCall(self.check)
        self.poll.start(0.25, now=True).addErrback(log.err)
        return d

    def deactivate(self):
        if self.poll is not None and self.poll.running:
            self.poll.stop()
        return super().deactivate()

    @defer.inlineCallbacks
    def check(self):
        if not os.path.exists(self.trigger):
            return
        os.remove(self.trigger)
        for ref in sorted(set(self.refs.values())):
            source = {"codebase": "", "repository": self.repository, "branch": ref, "revision": None, "project": ""}
            names = [name for name, r in self.refs.items() if r == ref]
            try:
                yield self.addBuildsetForSourceStamps(sourcestamps=[source], reason="buildmaster-gen try", builderNames=names)
            except Exception:
                log.err(None, f"buildmaster-gen try: could not start {names}")


def seconds(start, end):
    if isinstance(start, datetime) and isinstance(end, datetime):
        return round((end - start).total_seconds(), 1)
    return None


class TryEvents(service.BuildbotService):
    """Worker connections, builds and steps, as JSON lines appended to a file."""

    def reconfigService(self, path, repository, tail):
        self.path = path
        self.repository = repository
        self.tail = tail
        return defer.succeed(None)

    @defer.inlineCallbacks
    def startService(self):
        yield super().startService()
        # One event at a time, in the order they came (a step's end waits for its log).
        self.lock = defer.DeferredLock()
        self.builder_names = {}
        self.consumers = []
        for key, handler in (
            (("workers", None, "connected"), self.worker_connected),
            (("workers", None, "disconnected"), self.worker_disconnected),
            (("builds", None, "new"), self.build_started),
            (("builds", None, "finished"), self.build_finished),
            (("steps", None, "started"), self.step_started),
            (("steps", None, "finished"), self.step_finished),
        ):
            consumer = yield self.master.mq.startConsuming(self.serialised(handler), key)
            self.consumers.append(consumer)
        self.emit("ready", buildbot=buildbot_version, repository=self.repository)

    @defer.inlineCallbacks
    def stopService(self):
        for consumer in self.consumers:
            consumer.stopConsuming()
        yield super().stopService()

    def serialised(self, handler):
        def callback(key, message):
            self.lock.run(handler, message).addErrback(log.err)

        return callback

    def emit(self, event, **fields):
        fields = {"event": event, "time": round(time.time(), 3), **fields}
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(fields, default=str) + "\n")

    @defer.inlineCallbacks
    def builder_name(self, builderid):
        if builderid not in self.builder_names:
            builder = yield self.master.data.get(("builders", builderid))
            self.builder_names[builderid] = builder["name"] if builder else str(builderid)
        return self.builder_names[builderid]

    def worker_event(self, message, state):
        info = message.get("workerinfo") or {}
        self.emit("worker", name=message["name"], state=state, info={k: info.get(k) for k in ("admin", "host", "version") if info.get(k)})

    def worker_connected(self, message):
        self.worker_event(message, "connected")

    def worker_disconnected(self, message):
        self.worker_event(message, "disconnected")

    @defer.inlineCallbacks
    def build_started(self, message):
        name = yield self.builder_name(message["builderid"])
        self.emit("build-start", builder=name, number=message["number"], buildid=message["buildid"])

    @defer.inlineCallbacks
    def build_finished(self, message):
        name = yield self.builder_name(message["builderid"])
        results = message["results"]
        self.emit(
            "build-end",
            builder=name,
            number=message["number"],
            buildid=message["buildid"],
            result=RESULTS[results] if results is not None and 0 <= results < len(RESULTS) else str(results),
            state=message.get("state_string"),
            seconds=seconds(message.get("started_at"), message.get("complete_at")),
        )

    def step_started(self, message):
        self.emit("step-start", buildid=message["buildid"], number=message["number"], name=message["name"])

    @defer.inlineCallbacks
    def step_finished(self, message):
        commands, tail = [], []
        logs = yield self.master.data.get(("steps", message["stepid"], "logs"))
        for entry in logs or []:
            if entry["type"] != "s":
                continue
            lines = entry.get("num_lines") or 0
            head = yield self.lines(entry["logid"], 0, min(lines, HEAD_LINES))
            commands += [
                text
                for channel, text in head
                if channel == "h" and text and not text.startswith(" ") and not text.startswith(NOT_COMMANDS) and not FILE_COMMAND_MESSAGE.match(text)
            ]
            last = yield self.lines(entry["logid"], max(0, lines - self.tail - 5), lines)
            tail += [text for channel, text in last if channel != "h"]
        results = message["results"]
        self.emit(
            "step-end",
            buildid=message["buildid"],
            number=message["number"],
            name=message["name"],
            result=RESULTS[results] if results is not None and 0 <= results < len(RESULTS) else str(results),
            state=message.get("state_string"),
            hidden=bool(message.get("hidden")),
            seconds=seconds(message.get("started_at"), message.get("complete_at")),
            commands=commands,
            tail=tail[-self.tail:],
        )

    @defer.inlineCallbacks
    def lines(self, logid, first, end):
        """Lines [first, end) of a stream log, as (channel, text): o stdout, e stderr, h header."""
        if end <= first:
            return []
        chunk = yield self.master.data.get(("logs", logid, "contents"), offset=first, limit=end - first)
        content = (chunk or {}).get("content") or ""
        return [(line[:1], line[1:]) for line in content.splitlines()]
