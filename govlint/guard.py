"""A last-resort time limit for one rule on one file.

Every rule is meant to be linear and its patterns bounded; this guard is
for the case where one is not (a pathological input, a third-party rule
that loops). It uses a real-time interval timer, so it works only in the
main thread of a Unix process (the CLI and its batch workers); elsewhere it
does nothing. A rule stopped by it is reported as E998 rule-timeout and the
other rules still run.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

DEFAULT_SECONDS = 10.0


class RuleTimeout(Exception):
    pass


def _raise(signum, frame):
    raise RuleTimeout()


@contextmanager
def time_limit(seconds: float | None):
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
