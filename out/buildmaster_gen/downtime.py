# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/downtime.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""Downtime windows: a builder's canStartBuild refuses builds inside its worker's window."""
from datetime import datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _parse_hhmm(text):
    return datetime.strptime(str(text), "%H:%M").time()


def _weekday_number(weekday):
    if weekday is None or isinstance(weekday, int):
        return weekday
    return WEEKDAYS.index(str(weekday).lower())


def in_window(now, start, end):
    """Whether a time of day is inside [start, end] (wrapping past midnight when start > end)."""
    if start <= end:
        return start <= now <= end
    return now >= start or now <= end


def seconds_until(now, end):
    """Seconds from a wall-clock datetime to the next `end` time of day (today, or tomorrow if passed)."""
    now = now.replace(tzinfo=None)
    end_dt = datetime.combine(now.date(), end)
    if now > end_dt:
        end_dt += timedelta(days=1)
    return (end_dt - now).total_seconds()


def window_delay(now, start, end, weekday=None):
    """Seconds from `now` (a datetime in the window's time zone) to the end of the
    window it is in, or None when it is in none."""
    if weekday is not None and now.weekday() != weekday:
        return None
    if not in_window(now.time().replace(tzinfo=None), start, end):
        return None
    return seconds_until(now, end)


def downtime_delay(now, start, end, weekday=None, drain=0):
    """Seconds to hold builds back at `now`, or None when a build may start:
    inside the window, or (drain, in seconds) a window beginning within `drain`
    seconds, so that no build runs into it."""
    delay = window_delay(now, start, end, weekday)
    if delay is not None or not drain:
        return delay
    # Where a window can begin: its start, and midnight (a weekday's window that
    # wraps past midnight also holds that day's early hours).
    begins = sorted(
        datetime.combine(now.date() + timedelta(days=d), t, tzinfo=now.tzinfo)
        for d in range(3)
        for t in (start, datetime.min.time())
    )
    horizon = now + timedelta(seconds=drain)
    for begin in begins:
        if now < begin <= horizon:
            delay = window_delay(begin, start, end, weekday)
            if delay is not None:
                return (begin - now).total_seconds() + delay
    return None


def clock_now(tz):
    return datetime.now(tz)


class Downtime:
    """A canStartBuild refusing builds from start to end (HH:MM, both included), on one
    weekday only if given (0 = Monday, or its English name), in the time zone tz (an IANA
    name, also accepted as `timezone`, the key of the declarations; None = the master's
    local time), and from `drain` seconds before the window (default 0). Equal to another
    with the same window, unlike a closure made at each load."""

    def __init__(self, start, end, weekday=None, tz=None, timezone=None, drain=0):
        # The drain is part of the window's identity only when there is one.
        self.key = (str(start), str(end), weekday, tz or timezone) + ((drain,) if drain else ())
        self.drain = drain
        self.start, self.end = _parse_hhmm(start), _parse_hhmm(end)
        self.weekday = _weekday_number(weekday)
        self.zone = None
        if tz or timezone:
            from zoneinfo import ZoneInfo  # here: a fleet without time zones need not import it

            self.zone = ZoneInfo(tz or timezone)

    def __eq__(self, other):
        return type(other) is Downtime and self.key == other.key

    def __hash__(self):
        return hash(self.key)

    def __call__(self, builder, wfb, request):
        delay = downtime_delay(clock_now(self.zone), self.start, self.end, self.weekday, self.drain)
        if delay is None:
            return True
        # Quarantine the worker until the window ends (every builder of the worker
        # waits), then reset the back-off so later quarantines start short again.
        worker = wfb.worker
        worker.quarantine_timeout = delay
        worker.putInQuarantine()
        worker.resetQuarantine()
        return False


# The name the declarations' data and the tests use.
downtime = Downtime
