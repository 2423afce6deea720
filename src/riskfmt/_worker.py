"""A second process working beside this one: a generator run in a forked child, its items sent back in order.

A large report's checks are C-level passes already (parsing, serialising, regular expressions), and each holds
the GIL, so threads would take turns; a second process runs beside the first on another core. ``fork`` gives
the child the parent's modules and the input's bytes without copying or pickling them (pages are shared until
written). Items come back through a pipe as ``marshal`` data (the built-in types only: lists of ids and
scores, offsets, strings, tuples), a length before each.

Only where it is safe and worth it (``available``): Linux (where fork is the usual way to start a process and
no system framework refuses it, as macOS's may), at least two processors this process may run on and room on them
(the load of the last minute below their number, and a processor idle at this instant, ``idle_processor``: on a
busy machine the child would take turns with this process, and its work would add to the time instead of running
beside it; measured, two processes then took 10-20% longer than one), no other thread in
this one (a fork copies only the calling thread, with whatever locks the others held), and not when
``RISKFMT_JOBS=1`` asks for one process. The caller keeps a way to do the same work itself: a child that fails
or dies ends its items early with ``WorkerFailed``, and nothing it computed is used by halves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, Self

__all__ = ["Worker", "WorkerFailed", "available", "idle_processor"]

_HEADER = 8  # bytes of the length before each item (little endian)
_FAILED = (1 << 64) - 1  # in place of a length: the child raised
_END = (1 << 64) - 2  # in place of a length: every item was sent (a child killed between two items sends none)


class WorkerFailed(Exception):
    """The child raised, died or was stopped before it sent every item."""


def available() -> bool:
    """Whether a second process may be started here (see the module's docstring)."""
    if os.environ.get("RISKFMT_JOBS", "").strip() == "1" or not sys.platform.startswith("linux"):
        return False
    try:
        processors = len(os.sched_getaffinity(0))
        if processors < 2 or os.getloadavg()[0] >= processors or not idle_processor(processors):
            return False
    except (AttributeError, OSError):  # pragma: no cover - Linux has both
        return False
    import threading

    return threading.active_count() == 1


def idle_processor(processors: int, loadavg: str = "/proc/loadavg") -> bool:
    """Whether a processor is idle now: fewer tasks ready to run (this one included) than ``processors``. The fourth
    field of ``/proc/loadavg`` counts them at this instant, where the load averages are a minute behind; both are
    the whole machine's, even in a container. Unknown: True (the other rules decide)."""
    try:
        with open(loadavg, "rb") as handle:
            runnable = int(handle.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return runnable < processors


class Worker:
    """Runs ``produce()`` in a forked child; iterating the worker gives its items in order (then stops, or raises
    ``WorkerFailed``). ``close`` (or leaving a ``with`` block) stops a child still at work and reaps it: a worker
    whose items are no longer wanted costs no more time."""

    def __init__(self, produce: Callable[[], Iterator[Any]]) -> None:
        read, write = os.pipe()
        sys.stdout.flush()  # buffered output would otherwise be written twice, once by each process
        sys.stderr.flush()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child's lines run in the child (coverage follows the parent)
            os.close(read)
            _child(produce, write, parent)
        os.close(write)
        self._pipe = os.fdopen(read, "rb", buffering=1 << 16)
        self._done = False

    def __iter__(self) -> Iterator[Any]:
        import marshal

        read = self._pipe.read
        while not self._done:
            header = read(_HEADER)
            size = int.from_bytes(header, "little") if len(header) == _HEADER else _FAILED
            if size == _END:
                self._done = True
                self._reap()
                return
            body = read(size) if size != _FAILED else b""
            if size == _FAILED or len(body) != size:
                self.close()
                raise WorkerFailed
            yield marshal.loads(body)

    def close(self) -> None:
        """Stop the child if it is still at work, wait for it, and close the pipe."""
        if self.pid:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - it had ended and was reaped elsewhere
                pass
            self._reap()
        self._done = True
        self._pipe.close()

    def _reap(self) -> None:
        if self.pid:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:  # pragma: no cover - reaped by someone else
                pass
            self.pid = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _child(produce: Callable[[], Iterator[Any]], fd: int, parent: int) -> None:  # pragma: no cover - in the child
    """Write each item of ``produce()`` to ``fd``, then end the process without running anything of the parent's
    (no ``atexit`` handler, no buffered output, no cleanup of objects the parent still owns)."""
    code = 0
    try:
        _end_with(parent)
        import marshal

        with os.fdopen(fd, "wb", buffering=1 << 16) as out:
            try:
                for item in produce():
                    # version 2: without the back-references of versions 3 and 4, which cost about three times as
                    # much to write for columns of strings (riskfmt.compare.partitions) and save nothing here
                    body = marshal.dumps(item, 2)
                    out.write(len(body).to_bytes(_HEADER, "little"))
                    out.write(body)
                    out.flush()  # the parent may be waiting for this very item
                out.write(_END.to_bytes(_HEADER, "little"))
            except BaseException:
                out.write(_FAILED.to_bytes(_HEADER, "little"))
                code = 1
    except BaseException:  # the pipe closed by the parent (it stopped wanting items), or an interrupt
        code = 1
    finally:
        os._exit(code)


def _end_with(parent: int) -> None:  # pragma: no cover - runs in the child
    """Have the kernel stop this child when ``parent`` ends (a killed parent leaves no child at work), or end now
    if it already has."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # without it, the child still ends at its next write to a pipe nobody reads
    if os.getppid() != parent:
        os._exit(1)
