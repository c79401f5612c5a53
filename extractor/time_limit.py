"""A time limit for one record, so that no record, however it is made, holds a run for long.

Real records take at most ~0.2 s (the slowest of the 1,507 cell-therapy records and of the 200 largest
ClinicalTrials.gov texts, once the pipeline is warm); texts built to be slow (``benchmarks/worst_cases.py``)
take 14-56 s near 3,000,000 characters, the longest text the pipeline takes, and shapes no one has found
yet may take longer. The limit is a real-time timer (``SIGALRM``) whose handler raises :class:`RecordTimeout`
at the next Python instruction of what the limited block calls, which also stops a regular expression in the
middle of its search, and again every :data:`AGAIN_SECONDS` until the block ends. Signals reach only the main
thread of a process, and Windows has no such timer: elsewhere (a Dask worker's task thread, a thread of the
caller's) :func:`time_limit` does not limit anything, and :func:`can_limit_time` says so beforehand.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class RecordTimeout(BaseException):
    """A record overran its time limit. A ``BaseException``, like ``KeyboardInterrupt``, so that no
    ``except Exception`` on its way out (spaCy's error handler, a component's own guard) takes it for a
    failure of the record's text and goes on."""


# armed: a limit is running; fired: it ran out; block: the frame running the ``with`` statement.
_state: dict[str, Any] = {"armed": False, "fired": False, "block": None, "overruns": 0}
#: Once a limit has run out, the timer rings again this often until the block ends: the first
#: :class:`RecordTimeout` may be raised where Python swallows it (in a ``__del__`` or a weak reference's
#: callback that the signal happened to interrupt, which only prints it), and the record must still stop.
AGAIN_SECONDS = 0.1
#: Limits this long or longer (infinity included) limit nothing; the timer would overflow on some.
NO_LIMIT = 1e8


def can_limit_time() -> bool:
    """True when :func:`time_limit` works here: the main thread, on a system with ``setitimer``."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def overruns() -> int:
    """How many times a limit ran out in this process (a pipeline interrupted mid-record is replaced)."""
    return _state["overruns"]


def _limits(seconds: float | None) -> bool:
    """True when ``seconds`` is a limit and this thread can keep it."""
    return seconds is not None and seconds != 0 and not seconds >= NO_LIMIT and can_limit_time()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    # Raised only inside what the block calls. Between the end of that call and the end of __exit__ the
    # signal waits for the next ring (__exit__ then stops it): raised there, the exception would leave
    # the block without __exit__, or __exit__ half done, and the timer ringing after the block.
    if _state["armed"] and _called_from_block(frame):
        if not _state["fired"]:
            _state["fired"] = True
            _state["overruns"] += 1
        raise RecordTimeout


def _called_from_block(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs in a call made from the limited block (not the block's own frame, nor
    ``time_limit.__exit__``)."""
    if frame is None or frame.f_code is _EXIT_CODE:
        return False
    block, caller = _state["block"], frame.f_back
    while caller is not None:
        if caller is block:
            return True
        caller = caller.f_back
    return False


@contextmanager
def limits_handled(seconds: float | None) -> Iterator[None]:
    """Keep the timer's handler installed for a block of many :func:`time_limit` blocks (installing it
    costs ~7 µs, more than the timer itself); the handler that was there before comes back at the end."""
    if not _limits(seconds) or signal.getsignal(signal.SIGALRM) is _on_alarm:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous)


class time_limit:  # noqa: N801 - used as a function, like contextlib's context managers
    """Raise :class:`RecordTimeout` inside the ``with`` block once it has run ``seconds`` (None, 0 or
    ``NO_LIMIT`` and above: no limit; nothing is limited where :func:`can_limit_time` is False). What is
    stopped is what the block calls: a block is one call (``next(docs)``, ``nlp(doc)``, ``rows(item)``).

    A class rather than a generator-based context manager: it is entered twice a record, and costs a
    little less so (10-12 against 12-16 µs inside :func:`limits_handled`, timeit).
    """

    __slots__ = ("seconds", "previous", "active")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.active = False
        self.previous: object = None

    def __enter__(self) -> None:
        seconds = self.seconds
        if not _limits(seconds):
            return
        self.active = True
        handler = signal.getsignal(signal.SIGALRM)
        self.previous = handler if handler is _on_alarm else signal.signal(signal.SIGALRM, _on_alarm)
        _state["block"] = sys._getframe(1)
        _state["armed"], _state["fired"] = True, False
        signal.setitimer(signal.ITIMER_REAL, seconds, AGAIN_SECONDS)

    def __exit__(self, *exc: object) -> None:
        if self.active:
            _state["armed"] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            _state["block"] = None  # the frame is not kept alive
            if self.previous is not _on_alarm:
                signal.signal(signal.SIGALRM, self.previous)  # type: ignore[arg-type]


_EXIT_CODE = time_limit.__exit__.__code__
