"""One thread that runs a store's writes in order, so that they overlap the validation of the next files.

Indexing is validation (Python, holding the GIL) plus the store's work: DuckDB's inserts and commits, which run
in C++ with the GIL released. Done on the calling thread they add up; handed to this thread they run while the
caller validates the next file, so on a machine with a second core the store's work mostly disappears from the
wall time. The queue is short (``DEPTH`` tasks), so memory stays bounded by a few batches: a caller that gets
ahead waits. Tasks run one at a time, in the order given, on the one connection; whoever else needs the
connection first waits until the queue is empty (``wait``). An error in a task is raised in the caller at its
next ``submit`` or ``wait``; the tasks after it are skipped (the caller then rolls back).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

__all__ = ["DEPTH", "Writer"]

DEPTH = 8


class Writer:
    """A single worker thread with a bounded queue of tasks (functions of no arguments)."""

    def __init__(self, depth: int = DEPTH) -> None:
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="riskfmt-corpus-writer", daemon=True)
        self._thread.start()

    def submit(self, task: Callable[[], None]) -> None:
        """Queue ``task``; waits while the queue is full. Raises the error of an earlier task, if any."""
        self._raise()
        self._queue.put(task)

    def wait(self) -> None:
        """Wait until every queued task has run; raises the error of a task, if any."""
        self._queue.join()
        self._raise()

    def close(self) -> None:
        """Run what is queued, then stop the thread (errors are left to ``wait``)."""
        self._queue.put(None)
        self._thread.join()

    def _raise(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error

    def _run(self) -> None:
        while True:
            task = self._queue.get()
            try:
                if task is None:
                    return
                if self._error is None:  # after a failure the rest is skipped: the caller rolls back
                    task()
            except BaseException as exc:
                self._error = exc
            finally:
                self._queue.task_done()
