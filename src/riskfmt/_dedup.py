"""Find repeated keys in a stream of any length in bounded memory.

Keys are hashed to 64 bits into a set of at most ``memory_items`` entries; a full set is written out as a
sorted run to a temporary file. At the end the runs are merged to find hashes seen more than once. A hash
match only makes a key a *candidate*: the caller confirms candidates exactly with a second pass, which
happens only when there are any, so a clean file is read once.
"""

from __future__ import annotations

import heapq
from array import array
from typing import IO, Hashable, Iterator

__all__ = ["DuplicateCandidates"]

_CHUNK = 1 << 16


class DuplicateCandidates:
    def __init__(self, memory_items: int = 200_000) -> None:
        self.memory_items = memory_items
        self._current: set[int] = set()
        self._runs: list[IO[bytes]] = []
        self._hits: set[int] = set()

    def add(self, key: Hashable) -> None:
        value = hash(key)
        if value in self._current:
            self._hits.add(value)
            return
        self._current.add(value)
        if len(self._current) >= self.memory_items:
            self._spill()

    def _spill(self) -> None:
        import tempfile

        run = tempfile.TemporaryFile()
        array("q", sorted(self._current)).tofile(run)
        run.seek(0)
        self._runs.append(run)
        self._current = set()

    @staticmethod
    def _read(run: IO[bytes]) -> Iterator[int]:
        run.seek(0)
        while True:
            chunk = array("q")
            try:
                chunk.fromfile(run, _CHUNK)
            except EOFError:
                pass
            if not chunk:
                return
            yield from chunk

    def candidates(self) -> set[int]:
        """Hashes that occurred more than once. Closes the temporary runs."""
        hits = set(self._hits)
        if self._runs:
            streams = [self._read(run) for run in self._runs] + [iter(sorted(self._current))]
            previous = None
            for value in heapq.merge(*streams):
                if value == previous:
                    hits.add(value)
                previous = value
            for run in self._runs:
                run.close()
            self._runs = []
        return hits
