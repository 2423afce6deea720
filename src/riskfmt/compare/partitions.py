"""Rows of a join spread over temporary files by key hash (the Grace hash join of ``riskfmt.compare.samples``),
each partition small enough to join in memory.

.. versionadded:: 0.2
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from typing import IO, Any

__all__ = ["Partitions"]

_KEY_WIDTH = 2  # a key is (sample id or input digest, epoch); a value is (verdict code, score, digest hash)


class Partitions:
    """(key, value) rows spread over temporary files by key hash, each small enough to join in memory.
    The files hold this process's own rows, pickled a few thousand at a time as two flat lists (the keys' parts,
    the values' parts): a flat list of strings and numbers pickles several times faster than a list of tuples."""

    def __init__(self, count: int, memory_rows: int, chunk_rows: int) -> None:
        self.files: list[IO[bytes]] = [tempfile.TemporaryFile() for _ in range(count)]  # noqa: SIM115 - closed by close()
        self.keys: list[list[Any]] = [[] for _ in range(count)]  # flat: first, epoch, first, epoch, ...
        self.values: list[list[Any]] = [[] for _ in range(count)]  # flat: code, score, digest, code, ...
        # what waits in buffers stays within half the memory budget, whatever the number of partitions
        self.limit = max(16, min(chunk_rows, memory_rows // (2 * count))) * _KEY_WIDTH
        self.written = 0

    def write(self, keys: list[Any], values: list[Any]) -> None:
        if not keys:
            return
        count = len(self.files)
        parts = list(map(count.__rmod__, map(hash, keys)))  # hash(key) % count
        # rows grouped by partition, keeping their order within each: a stable sort of the row numbers, in C
        order = sorted(range(len(keys)), key=parts.__getitem__)
        pick = itemgetter(*order) if len(order) > 1 else lambda rows: (rows[0],)
        grouped_keys: tuple[Any, ...] = pick(keys)
        grouped_values: tuple[Any, ...] = pick(values)
        start = 0
        for part, size in sorted(Counter(parts).items()):
            self.keys[part] += chain.from_iterable(grouped_keys[start:start + size])
            self.values[part] += chain.from_iterable(grouped_values[start:start + size])
            start += size
            if len(self.keys[part]) >= self.limit:
                self._flush(part)
        self.written += len(keys)

    def _flush(self, index: int) -> None:
        if self.keys[index]:
            pickle.dump((self.keys[index], self.values[index]), self.files[index], protocol=pickle.HIGHEST_PROTOCOL)
            self.keys[index], self.values[index] = [], []

    def read(self, index: int) -> Iterator[tuple[list[Any], list[Any]]]:
        self._flush(index)
        handle = self.files[index]
        handle.seek(0)
        while True:
            try:
                keys, values = pickle.load(handle)
            except EOFError:
                return
            yield (list(zip(keys[0::2], keys[1::2], strict=True)),
                   list(zip(values[0::3], values[1::3], values[2::3], strict=True)))

    def close(self) -> None:
        for handle in self.files:
            handle.close()
