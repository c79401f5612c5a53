"""Ctrl-C and SIGTERM during a run: stop between records and keep what is done.

A long run that is stopped (Ctrl-C, ``kill``, a cluster's time limit, which sends SIGTERM) should not
lose hours of work. While a :class:`GracefulStop` is active, the first SIGINT or SIGTERM only sets a flag;
the run checks it between records, stops there and publishes tables that hold every record done so far
(each record whole, in every table), so ``--resume`` goes on from there. A second Ctrl-C raises
``KeyboardInterrupt`` at once: nothing more is published, and the tables stay as the run's last
checkpoint (or an earlier run) left them.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType, TracebackType
from typing import Any

#: The exit code a shell reports for a command ended by each signal (128 + its number).
EXIT_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}


class GracefulStop:
    """Turns the first SIGINT or SIGTERM into a stop request (see the module's docstring).

    Use as a context manager around a run and pass :meth:`requested` as its ``stop`` callback. Outside the
    main thread signals cannot be handled there, so nothing is installed and nothing is ever requested.
    """

    def __init__(self, message: str = "") -> None:
        self.signal: signal.Signals | None = None
        self._message = message
        self._previous: dict[signal.Signals, Any] = {}

    def requested(self) -> bool:
        """True once a stop was asked for."""
        return self.signal is not None

    @property
    def exit_code(self) -> int:
        """What the command should exit with after a requested stop."""
        return EXIT_CODES.get(self.signal, 130) if self.signal is not None else 0

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        if self.signal is not None and number == signal.SIGINT:
            raise KeyboardInterrupt  # asked twice: stop now, publish nothing
        if self.signal is None:
            self.signal = signal.Signals(number)
            if self._message:
                print(self._message, file=sys.stderr, flush=True)

    def __enter__(self) -> GracefulStop:
        if threading.current_thread() is threading.main_thread():
            for number in EXIT_CODES:
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        self._previous.clear()
