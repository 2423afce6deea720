"""What a second process works out of one large JSON input while this one parses and checks it.

Checking a large report is a series of whole-input passes in C (parsing, the schema, the leak scan's raw pass,
serialising for the duplicate-key check, canonicalising for the report id), each holding the GIL. On a machine
with a second processor, ``riskfmt validate`` hands some of them to a child (``riskfmt._worker``) that needs only
the input's bytes, and this process goes on with the rest. The child sends, in the order this process needs them:

- ``leaks``, and the raw pass of any other whole-document check (``riskfmt.kinds.DocumentCheck.raw``), computed
  on the bytes, for the check's own call on those very bytes;
- ``report_id``: the report id (``riskfmt.identity.report_id_of_text``: only what defines the report is parsed,
  so the child builds a fraction of the tree), for the tree this process parsed from those bytes with the fast
  decoder and found exact (``riskfmt.loading.Document.fast``: no key repeated, so both parses read the same values);
- ``items``: where the items of the report's long arrays start (``_long_arrays``), for findings placed at the end.

A result is given only for the very object it was computed for (``riskfmt._ahead.take``: the input's bytes, or
the tree bound to them); anything the child could not compute, or a child that failed, leaves this process to
compute it as it always does. So the findings are the same with or without the child; only the time they take
differs.

Measured on the 108 MB results-heavy report: the parent's leak scan and report id, about 0.45 s of its 2.2-2.4 s,
are the child's 0.15 s raw pass and 0.8 s partial parse and canonicalisation, done while the parent parses. A
child that parsed everything (to settle the duplicate-key check too) was tried and dropped: two full parses at
once slowed each other down (page faults on both sides) by more than the check saves.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any, TypedDict

from riskfmt._ahead import MISSING

__all__ = ["ENABLED", "MIN_SIZE", "Sidecar", "start"]

# Off for library callers (a fork inside a library call would surprise a host program); ``riskfmt validate`` turns
# it on. ``RISKFMT_JOBS=1`` keeps one process either way (``riskfmt._worker.available``).
ENABLED = False
MIN_SIZE = 16 << 20  # bytes from which a child pays for itself (its start and its own parse against what it spares)
_FEW_EVALUATIONS = 1000  # below this many, the parent computes the report id itself (``_produce``)
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


def start(data: bytes, syntax: str) -> Sidecar | None:
    """A child working on ``data`` (read as ``syntax``), where it pays and is safe (``riskfmt._worker.available``),
    else None."""
    if (len(data) < MIN_SIZE or syntax == "yaml" or data[:3] == b"\xef\xbb\xbf" or _few_evaluations(data)
            or not _room_for(len(data))):
        return None
    from riskfmt._worker import available

    return Sidecar(data) if available() else None


_ENDS = 4 << 20  # bytes at each end of the input where evaluations are counted (``_few_evaluations``)


def _few_evaluations(data: bytes) -> bool:
    """Whether the input looks like a report of few evaluations with inline samples (a samples-heavy one): the key
    every evaluation has is seen fewer than ten times in the first and in the last 4 MiB, and ``"inline"`` is seen
    there (a few milliseconds). The child would have nothing to do that the parent needs (``_produce``: no report id
    worth computing, no raw pass where samples are taken out of a serialisation), and the fork alone cost the
    samples-heavy report 0.05-0.13 s. A guess: a wrong one only leaves the work to this process, or starts a child
    that idles."""
    tail = max(len(data) - _ENDS, 0)
    return (data.count(b'"task"', 0, _ENDS) < 10 and data.count(b'"task"', tail) < 10
            and (data.find(b'"inline"', 0, _ENDS) != -1 or data.find(b'"inline"', tail) != -1))


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
    # A report of a few evaluations (a samples-heavy one) has its id computed in no time by the parent, and a long
    # list of samples is placed by it at a cost close to this process's: the work here would only compete with the
    # parent's for the memory bus (measured: two processes then took 0.05-0.24 s longer than one). Told by a count
    # of the key that every evaluation has; a wrong guess only moves the work.
    few = data.count(b'"task"') < _FEW_EVALUATIONS
    try:
        yield "report_id", None if few else report_id_of_text(data)
    except Exception:
        yield "report_id", None  # the parent computes it, raising what it raises there
    try:
        yield "items", None if few else _long_arrays(data)
    except Exception:
        yield "items", None


def _long_arrays(data: bytes) -> dict[tuple[str, ...], tuple[int, list[int], int]] | None:  # pragma: no cover
    """Where the items of the report's long arrays start, for findings placed at the end (``riskfmt._positions``
    reads them through ``riskfmt._text_scan.item_starts``, which this calls in the same way): ``path -> (index of
    the array in the text, the index of each item, the index past the array)``, for the evaluations and each long
    list of inline samples; None for a text that is not ASCII (msgspec's byte offsets are then no indices)."""
    if not data.isascii():
        return None
    import msgspec

    from riskfmt._positions import SPARSE_MIN, locate
    from riskfmt._text_scan import encoded_as, item_starts

    paths: list[tuple[str, ...]] = [("evaluations",)]
    if b'"inline"' in data:
        typed: Any = TypedDict
        samples = typed("samples", {"inline": list[msgspec.Raw]}, total=False)
        evaluation = typed("evaluation", {"samples": samples}, total=False)
        report = typed("report", {"evaluations": list.__class_getitem__(evaluation)}, total=False)
        try:
            evaluations = msgspec.json.decode(data, type=report).get("evaluations") or []
        except msgspec.MsgspecError:
            evaluations = []
        paths += [("evaluations", str(k), "samples", "inline") for k, e in enumerate(evaluations)
                  if len(e.get("samples", {}).get("inline", ())) >= SPARSE_MIN]
    text = data.decode("ascii")
    found: dict[tuple[str, ...], tuple[int, list[int], int]] = {}
    with encoded_as(text, data):
        at = locate(text, {"/" + "/".join(path): None for path in paths})
        for path in paths:
            i = at.get("/" + "/".join(path))
            located = None if i is None else item_starts(text, i, path, 1 << 62)
            if located is not None:
                found[path] = (i, *located)  # type: ignore[assignment]
    return found
