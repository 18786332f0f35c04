"""A last-resort time limit for each rule on one file.

Every rule is meant to be linear and its patterns bounded; this guard is
for the case where one is not (a pathological input, a third-party rule
that loops). One periodic real-time timer runs while a file is linted; at
each tick the running rule's elapsed time is checked, and a rule past its
limit is stopped with RuleTimeout (reported as E998 rule-timeout; the other
rules still run). Starting and ending a rule is an attribute write, so the
guard costs nothing per rule. Signals reach only the main thread of a Unix
process (the CLI and its batch workers); elsewhere the guard does nothing.
"""
from __future__ import annotations

import signal
import threading
import time

DEFAULT_SECONDS = 10.0
MAX_TICK = 1.0       # a stuck rule is stopped at most this late


class RuleTimeout(Exception):
    pass


class Watchdog:
    """Use as `with Watchdog(seconds) as dog:` around a file's rules, and
    dog.start() / dog.stop() around each rule."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.started: float | None = None
        self.active = False
        self._previous = None

    def __enter__(self) -> "Watchdog":
        if (self.seconds and self.seconds > 0 and hasattr(signal, "setitimer")
                and threading.current_thread() is threading.main_thread()):
            self._previous = signal.signal(signal.SIGALRM, self._tick)
            tick = min(MAX_TICK, self.seconds / 4)
            signal.setitimer(signal.ITIMER_REAL, tick, tick)
            self.active = True
        return self

    def __exit__(self, *exc) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
            self.active = False
        self.started = None

    def start(self) -> None:
        self.started = time.monotonic()

    def stop(self) -> None:
        self.started = None

    def _tick(self, signum, frame) -> None:
        started = self.started
        if started is not None and time.monotonic() - started >= self.seconds:
            self.started = None
            raise RuleTimeout()
