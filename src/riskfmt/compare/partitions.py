"""Rows of a join spread over temporary files by key hash (the Grace hash join of ``riskfmt.compare.samples``),
each partition small enough to join in memory.

A row is five columns: the key's first part (sample id or input digest) and epoch, and the value's verdict code,
score and digest hash. The files hold them as columns too, a partition's share of each chunk written as it comes
(gathered until there are ``_PIECE_ROWS``), with ``marshal``: the files are this process's own, read back by the
same interpreter, and ``marshal`` writes lists of strings and numbers about twice as fast as ``pickle`` (a list of
tuples, one per row, was several times slower again). A row goes to the partition of its key's first part alone,
so that both epochs of a sample, and both sides of a pair, meet in the same partition.

.. versionadded:: 0.2
"""

from __future__ import annotations

import marshal
import tempfile
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import IO, Any

__all__ = ["COLUMNS", "Partitions"]

COLUMNS = 5  # first, epoch, code, score, digest hash
_PIECE_ROWS = 128  # rows of a partition written at a time (at most: fewer when the memory budget is small)

Columns = list[list[Any]]


class Partitions:
    """Rows spread over ``count`` temporary files by the hash of their key's first part."""

    def __init__(self, count: int, memory_rows: int, chunk_rows: int) -> None:
        self.files: list[IO[bytes]] = [tempfile.TemporaryFile() for _ in range(count)]  # noqa: SIM115 - closed by close()
        self.buffers: list[Columns] = [[[] for _ in range(COLUMNS)] for _ in range(count)]
        # what waits in buffers stays within half the memory budget, whatever the number of partitions
        self.limit = max(16, min(chunk_rows, memory_rows // (2 * count)))
        # Rows are written as soon as a partition has this many: marshal then reads rows the join has just
        # gathered, still in the processor's cache. Buffers of up to ``limit`` rows (1,923 for 300,000 rows a
        # side) were written after rows from several chunks had gathered, and that took longer: pairing 300,000
        # rows in different orders took 1.70-2.04 s of CPU against 1.39-1.64 s now (fresh processes, interleaved).
        self.piece = min(self.limit, _PIECE_ROWS)
        self.written = 0

    def write(self, columns: Sequence[Sequence[Any]]) -> None:
        """Add rows given as ``COLUMNS`` columns of equal length, in order (their order within a partition is
        kept: repeated input digests pair first with first)."""
        firsts = columns[0]
        if not firsts:
            return
        count = len(self.files)
        parts = list(map(count.__rmod__, map(hash, firsts)))  # hash(first) % count
        sizes = sorted(Counter(parts).items())
        if len(sizes) == 1:
            grouped: list[Sequence[Any]] = list(columns)
        else:
            # rows grouped by partition, keeping their order within each: a stable sort of the row numbers, in C
            pick = itemgetter(*sorted(range(len(firsts)), key=parts.__getitem__))
            grouped = [pick(column) for column in columns]
        start = 0
        for part, size in sizes:
            buffer = self.buffers[part]
            if size >= self.piece and not buffer[0]:  # enough rows: written as they are, without a buffer
                self._dump(part, [column[start:start + size] for column in grouped])
            else:
                for held, column in zip(buffer, grouped, strict=True):
                    held += column[start:start + size]
                if len(buffer[0]) >= self.piece:
                    self._flush(part)
            start += size
        self.written += len(firsts)

    def _flush(self, index: int) -> None:
        buffer = self.buffers[index]
        if buffer[0]:
            self._dump(index, buffer)
            self.buffers[index] = [[] for _ in range(COLUMNS)]

    def _dump(self, index: int, columns: list[Any]) -> None:
        # length first: marshal.load on a file reads it a few bytes at a time, loads of bytes does not
        blob = marshal.dumps(columns, 2)  # version 2: no references (shared strings made it three times slower)
        handle = self.files[index]
        handle.write(len(blob).to_bytes(8, "little"))
        handle.write(blob)

    def read(self, index: int) -> Columns:
        """Every row of one partition, as columns, in the order written."""
        self._flush(index)
        handle = self.files[index]
        handle.seek(0)
        out: Columns = [[] for _ in range(COLUMNS)]
        while size := handle.read(8):
            piece = marshal.loads(handle.read(int.from_bytes(size, "little")))
            for held, column in zip(out, piece, strict=True):
                held += column
        handle.seek(0)
        handle.truncate()  # read once: its disk space goes back now
        return out

    def close(self) -> None:
        for handle in self.files:
            handle.close()
