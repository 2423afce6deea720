"""What a second process works out of one large JSON input while this one parses and checks it.

Checking a large report is a series of whole-input passes in C (parsing, the schema, the leak scan's raw pass,
serialising for the duplicate-key check, canonicalising for the report id), each holding the GIL. On a machine
with a second processor, ``riskfmt validate`` hands two of them to a child (``riskfmt._worker``) that needs only
the input's bytes, and this process goes on with the rest. The child sends, in the order this process needs them:

- ``leaks``, and the raw pass of any other whole-document check (``riskfmt.kinds.DocumentCheck.raw``), computed
  on the bytes, for the check's own call on those very bytes;
- ``report_id``: the report id (``riskfmt.identity.report_id_of_text``: only what defines the report is parsed,
  so the child builds a fraction of the tree), for the tree this process parsed from those bytes with the fast
  decoder and found exact (``riskfmt.loading.Document.fast``: no key repeated, so both parses read the same values).

A result is given only for the very object it was computed for (``take``: the input's bytes, or the tree bound
to them); anything the child could not compute, or a child that failed, leaves this process to compute it as it
always does. So the findings are the same with or without the child; only the time they take differs.

Measured on the 108 MB results-heavy report (two processors, ``benchmarks/run.py``): the parent's leak scan and
report id, about 0.45 s of its 2.2-2.4 s, are the child's 0.15 s raw pass and 0.8 s partial parse and
canonicalisation, done while the parent parses. A child that parsed everything (to settle the duplicate-key check
too) was tried and dropped: two full parses at once slowed each other down (page faults on both sides) by more
than the check saves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, Final

__all__ = ["ENABLED", "MIN_SIZE", "MISSING", "Sidecar", "beside", "start", "take"]

MISSING: Final[Any] = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

# Off for library callers (a fork inside a library call would surprise a host program); ``riskfmt validate`` turns
# it on. ``RISKFMT_JOBS=1`` keeps one process either way (``riskfmt._worker.available``).
ENABLED = False
MIN_SIZE = 16 << 20  # bytes from which a child pays for itself (its start and its own parse against what it spares)
_MEMORY_FACTOR = 8  # the child takes up to about four times the input (its partial tree, the canonical text)


class Sidecar:
    """The child working on ``data`` and what it has sent so far."""

    def __init__(self, data: bytes) -> None:
        from riskfmt._worker import Worker

        self.data = data
        self.tree: Any = MISSING  # the tree this process parsed from ``data`` (``bind``)
        self._sent: dict[str, Any] = {}
        self._worker = Worker(partial(_produce, data))
        self._items: Iterator[Any] | None = iter(self._worker)

    def bind(self, tree: Any) -> None:
        """``tree`` is what this process's fast decoder made of ``data``, found exact."""
        self.tree = tree

    def take(self, name: str, subject: object) -> Any:
        """What the child computed as ``name`` for ``subject`` (waiting for it), or ``MISSING``."""
        wanted = self.tree if name == "report_id" else self.data
        if subject is not wanted or wanted is MISSING:
            return MISSING
        while name not in self._sent and self._items is not None:
            try:
                key, value = next(self._items)
            except Exception:  # StopIteration, WorkerFailed, an item of another shape: nothing more comes
                self.close()
            else:
                self._sent[key] = value
        value = self._sent.get(name, MISSING)
        return MISSING if value is None else value  # None: the child could not compute it

    def close(self) -> None:
        """Stop the child (if at work) and forget it; what it sent stays."""
        self._items = None
        self._worker.close()


_CURRENT: list[Sidecar] = []


def start(data: bytes, source: str, syntax: str | None = None) -> Sidecar | None:
    """A child working on ``data`` (JSON, read from ``source``), where it pays and is safe
    (``riskfmt._worker.available``), else None."""
    if len(data) < MIN_SIZE or data[:3] == b"\xef\xbb\xbf":
        return None
    from riskfmt._worker import available
    from riskfmt.loading import guess_syntax

    if (syntax or guess_syntax(source, data)) == "yaml" or not _room_for(len(data)) or not available():
        return None
    return Sidecar(data)


@contextmanager
def beside(sidecar: Sidecar) -> Iterator[Sidecar]:
    """Within the block, ``take`` asks ``sidecar``; the child is stopped at the end."""
    _CURRENT.append(sidecar)
    try:
        yield sidecar
    finally:
        _CURRENT.remove(sidecar)
        sidecar.close()


def take(name: str, subject: object) -> Any:
    """What a child working beside this process computed as ``name`` for ``subject``, or ``MISSING``."""
    return _CURRENT[-1].take(name, subject) if _CURRENT else MISSING


def _room_for(size: int) -> bool:
    """Whether the memory available now holds the child's work with a margin (the kernel's own estimate)."""
    try:
        with open("/proc/meminfo", "rb") as meminfo:
            for line in meminfo:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024 >= _MEMORY_FACTOR * size
    except (OSError, ValueError, IndexError):
        pass
    return False


def _produce(data: bytes) -> Iterator[tuple[str, Any]]:  # pragma: no cover - runs in the child
    """The child's work, in the order the parent asks for it; None for what could not be computed."""
    import gc

    gc.disable()  # what the child builds is acyclic and dies with it: collection passes would only cost time
    from riskfmt.identity import report_id_of_text
    from riskfmt.kinds import DOCUMENT_CHECKS, resolve

    for check in DOCUMENT_CHECKS:
        if check.raw is not None:
            try:
                yield check.name, resolve(check.raw)(data)
            except Exception:
                yield check.name, None
    try:
        yield "report_id", report_id_of_text(data)
    except Exception:
        yield "report_id", None  # the parent computes it, raising what it raises there
