"""Side B of a pairing read, parsed and checked in a second process, while this one does side A and the pairing.

Two samples files are independent until their rows are paired: reading and checking each line (parsing, the
schema, repeated keys, the leak scan, the digest, the duplicate-key search) is most of a diff's work, the same for
either side. So when both sides are samples files validated as they are read (``riskfmt.compare.files``), big
enough for a second process to pay (``MIN_BYTES``), and a second process may be used here
(``riskfmt._worker.available``: Linux, two processors with room on them, one thread, ``RISKFMT_JOBS`` not 1: on a
busy machine two processes only slow each other), side B's chunks come
from a forked child (``riskfmt._worker.Worker``): it runs the very code this process would (``Chunks`` over B's
checked read) and sends each chunk's columns (sample ids or digests, epochs, verdict codes, scores, input
digests, as built-in values: ``marshal``), then B's row counts and its check's findings. This process pairs them
as if it had read them itself; the digests travel as strings, so nothing depends on a hash computed elsewhere.

B's check counts as done here (``CheckedRead.adopt``) only once every item has arrived. A child that fails or
dies ends its items with ``WorkerFailed``; the caller (``riskfmt.compare.files``) then starts the whole
comparison again in this process alone, from the first line of both files: nothing the child sent is used by
halves.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from riskfmt.compare.samples import Batch, Chunks, SampleSource
from riskfmt.findings import Finding, Location, Severity

__all__ = ["MIN_BYTES", "Beside", "beside"]

# Both samples files at least this big, or the pairing stays in one process. Measured (benchmarks/DIFF.md, fifth
# pass; whole runs, medians of 8, a core free): 1 MiB a side 0.150 s in one process against 0.151 s in two, 4 MiB
# 0.218 against 0.189 s, 10 MiB 0.353 against 0.283 s. The child redoes the lazy set-up the parent did for A
# (validators, vocabulary, leak scanners) and both pay copy-on-write faults: paid back from about 1 MiB.
MIN_BYTES = 4 << 20
_ENABLED = True  # tests switch it off to compare with one process


def beside(a: SampleSource, b: SampleSource, by: str) -> Beside | None:
    """Side B's chunks from a child, started now, when that may be done and pays (see the module's docstring);
    None otherwise (the caller reads B itself)."""
    from riskfmt._worker import available

    if not _ENABLED or a.checked is None or b.checked is None or a.path is None or b.path is None:
        return None
    if not (a.checked.unread() and b.checked.unread()):  # a later pass over the files reads them plainly
        return None
    try:
        if min(a.path.stat().st_size, b.path.stat().st_size) < MIN_BYTES:
            return None
    except OSError:  # the check reports it, in this process, as it always did
        return None
    if not available():
        return None
    return Beside(b, by)


class Beside:
    """Side B's chunks (``Batch``), read in a child; ``rows`` and ``digests`` as ``Chunks`` counts them, once
    every chunk has been taken."""

    def __init__(self, source: SampleSource, by: str) -> None:
        from riskfmt._worker import Worker

        self.source, self.by = source, by
        self.rows = 0
        self.digests = 0
        self._worker = Worker(partial(_produce, source, by))

    def __iter__(self) -> Iterator[Batch]:
        with self._worker as worker:  # the child is stopped and reaped however the iteration ends
            for item in worker:
                if len(item) == 3:  # the end: B's counts and its check's findings
                    rows, digests, findings = item
                    assert self.source.checked is not None
                    self.source.checked.adopt([_finding(f) for f in findings])
                    self.rows, self.digests = rows, digests
                    continue
                batch = Batch()
                batch.firsts, batch.epochs, batch.codes, batch.scores, batch.digests, batch.missing = item
                yield batch

    def close(self) -> None:
        """Stop the child if its chunks are no longer wanted (the pairing stopped early, or never began)."""
        self._worker.close()


def _produce(source: SampleSource, by: str) -> Iterator[tuple[Any, ...]]:  # pragma: no cover - runs in the child
    """The child's side: B's chunks as ``Chunks`` makes them, then its counts and findings (``riskfmt._worker``
    sends each with ``marshal``)."""
    chunks = Chunks(source, by)
    for batch in chunks:
        yield batch.firsts, batch.epochs, batch.codes, batch.scores, batch.digests, batch.missing
    assert source.checked is not None
    findings = [_flat(f) for f in source.checked.finish()]
    yield chunks.rows, chunks.digests, findings


def _flat(finding: Finding) -> tuple[Any, ...]:
    """A finding as built-in values (findings are immutable records that ``pickle`` cannot rebuild)."""
    loc = finding.location
    return (finding.code, int(finding.severity), loc.source, loc.pointer, loc.line, loc.column,
            dict(finding.params))


def _finding(flat: tuple[Any, ...]) -> Finding:
    code, severity, source, pointer, line, column, params = flat
    return Finding(code, Severity(severity), Location(source, pointer, line, column), params)
