"""Find repeated keys in a stream of any length in bounded memory.

Keys are hashed to 64 bits into a set of at most about ``memory_items`` entries; a full set is written out
as a sorted run to a temporary file, with the offsets where each of ``_RANGES`` equal slices of the hash
space begins. At the end each slice is read from every run at once and checked with one set: a repeat is
a hash seen in two runs or twice in one batch. Memory at the end is one slice of everything seen, and the
work is done by C code (sort, set) rather than a Python-level merge.

A hash match only makes a key a *candidate*: the caller confirms candidates exactly with a second pass,
which happens only when there are any, so a clean file is read once.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Hashable
from typing import IO

__all__ = ["DuplicateCandidates"]

_RANGES = 64
_WIDTH = (1 << 64) // _RANGES
_BOUNDS = [-(1 << 63) + k * _WIDTH for k in range(_RANGES)]  # where each slice of the hash space begins


class DuplicateCandidates:
    def __init__(self, memory_items: int = 200_000) -> None:
        self.memory_items = memory_items
        self._current: set[int] = set()
        self._runs: list[tuple[IO[bytes], list[int]]] = []  # a file of sorted hashes, offsets of each slice
        self._hits: set[int] = set()

    def add(self, key: Hashable) -> None:
        value = hash(key)
        if value in self._current:
            self._hits.add(value)
            return
        self._current.add(value)
        if len(self._current) >= self.memory_items:
            self._spill()

    def add_many(self, keys: list[Hashable]) -> None:
        """``add`` for each key, as set operations: the same candidates, far less per-key Python work."""
        self.add_hashes([hash(key) for key in keys])

    def add_hashes(self, hashes: list[int]) -> None:
        """``add_many`` for keys already hashed (``hash(key)`` each)."""
        fresh = set(hashes)
        if len(fresh) != len(hashes):  # repeats within the batch itself
            seen: set[int] = set()
            # set.add returns None: `or seen.add(value)` records a first sighting and keeps it out of the hits
            self._hits.update(value for value in hashes if value in seen or seen.add(value))  # type: ignore[func-returns-value]
        self._hits |= self._current & fresh
        self._current |= fresh
        if len(self._current) >= self.memory_items:
            self._spill()

    def _spill(self) -> None:
        import tempfile

        values = sorted(self._current)
        offsets = [bisect_left(values, bound) for bound in _BOUNDS] + [len(values)]
        run = tempfile.TemporaryFile()  # noqa: SIM115 - kept open in self._runs until candidates() closes it
        array("q", values).tofile(run)
        self._runs.append((run, offsets))
        self._current = set()

    def candidates(self) -> set[int]:
        """Hashes that occurred more than once. Closes the temporary runs."""
        hits = set(self._hits)
        if not self._runs:
            return hits
        last = sorted(self._current)
        last_offsets = [bisect_left(last, bound) for bound in _BOUNDS] + [len(last)]
        for k in range(_RANGES):
            part = array("q", last[last_offsets[k]:last_offsets[k + 1]])
            for run, offsets in self._runs:
                count = offsets[k + 1] - offsets[k]
                if count:
                    run.seek(offsets[k] * part.itemsize)
                    part.fromfile(run, count)
            # each run holds a hash at most once, so a repeat within the slice is a repeat across runs
            if len(set(part)) != len(part):
                seen: set[int] = set()
                # as in add_many: set.add returns None, so first sightings are recorded and left out
                hits.update(value for value in part if value in seen or seen.add(value))  # type: ignore[func-returns-value]
        for run, _ in self._runs:
            run.close()
        self._runs = []
        return hits
