"""Progress of long work, on a terminal only: one line on standard error, rewritten in place.

Nothing is shown when standard error is not a terminal (pipes, files, CI logs), when ``CI`` or
``RISKFMT_NO_PROGRESS`` is set, or for work that ends within ``delay`` seconds, so short runs and every
machine-read output stay exactly as they were. The line is cleared before anything else is printed, and a
summary line ("2,000 files in 16.2 s") closes a display that was shown.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import Self, TextIO

__all__ = ["Progress", "progress_enabled"]


def progress_enabled(stream: TextIO) -> bool:
    if os.environ.get("RISKFMT_NO_PROGRESS") or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts items (``total`` when known) or, with ``ticker=True``, shows elapsed time for one long step."""

    def __init__(self, label: str, total: int | None = None, *, unit: str = "files", stream: TextIO | None = None,
                 enabled: bool | None = None, delay: float = 1.0, ticker: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = progress_enabled(self.stream) if enabled is None else enabled
        self.label, self.total, self.unit, self.delay = label, total, unit, delay
        self.done = 0
        self.item = ""
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False
        self._width = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if self.enabled and ticker:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close(summary=kind is None)

    def update(self, item: str = "", advance: int = 1) -> None:
        self.done += advance
        self.item = item
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self._last < 0.1:
            return
        self._last = now
        self._draw(now)

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            if time.monotonic() - self.start >= self.delay:
                self._draw(time.monotonic())

    def _draw(self, now: float) -> None:
        elapsed = now - self.start
        if self.total:
            text = f"{self.label}: {self.done:,}/{self.total:,} {self.unit}  {elapsed:.1f} s"
        elif self.total is None and self.done:
            text = f"{self.label}: {self.done:,} {self.unit}  {elapsed:.1f} s"
        else:
            text = f"{self.label}  {elapsed:.1f} s"
        if self.item:
            text += f"  {_tail(self.item, 50)}"
        with self._lock:
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
            self._width = len(text)
            self._shown = True

    def close(self, summary: bool = True) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
        with self._lock:
            if not self._shown:
                return
            self.stream.write("\r" + " " * self._width + "\r")
            if summary:
                elapsed = time.monotonic() - self.start
                count = f"{self.done:,} {self.unit} " if self.done else ""
                self.stream.write(f"{self.label}: {count}{elapsed:.1f} s\n")
            self.stream.flush()
            self._shown = False


def _tail(text: str, width: int) -> str:
    # a path is most telling at its end; control characters never reach the terminal
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= width else "…" + text[-(width - 1):]
