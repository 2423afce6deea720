"""Paired per-sample comparison of two evaluations of the same task, in bounded memory.

Samples pair by ``(sample_id, epoch)``; when the two reports share no sample id but both give every sample
an ``input_digest``, by ``(input_digest, epoch)`` instead (two labs that named their items differently
but sent the same prompts).

Two JSONL samples files are read in lockstep, one line of each at a time. Files written in the same
order pair line by line and hold nothing in memory; rows that arrive out of order wait in a small table
for their partner. Should that table outgrow ``memory_rows``, everything still unpaired and everything
still unread is partitioned by key hash into temporary files, and each partition is joined on its own
(a Grace hash join): memory stays near ``memory_rows`` rows whatever the files' size and order.

The tallies are exact and order-independent (integer counts; scores summed as integers on a fixed 2**-64
grid), so the result does not depend on the order pairs are met in, nor on which report is A.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

__all__ = ["PairedSamples", "SampleSource", "SamplesError", "compare_samples", "sample_source", "DEFAULT_MEMORY_ROWS"]

DEFAULT_MEMORY_ROWS = 200_000
_SCALE = 2.0**64  # scores are summed as integers on this grid: exact, so the order of addition is irrelevant
_SCALE_INT = 1 << 64
_MISSING: Any = object()

# verdict codes in a row's value
_FAIL, _PASS, _OTHER, _NONE = 0, 1, 2, -1
_VERDICTS = {"pass": _PASS, "fail": _FAIL}


class SamplesError(Exception):
    """A samples file could not be read as it was when the report was validated."""

    def __init__(self, path: str, row: int, detail: str) -> None:
        super().__init__(f"{path}:{row}: {detail}")
        self.path, self.row, self.detail = path, row, detail


@dataclass(frozen=True)
class SampleSource:
    """Where one evaluation's samples are: inline in the report, or a JSONL file next to it."""

    inline: list[dict[str, Any]] | None = None
    path: Path | None = None
    rows: int = 0


def sample_source(evaluation: dict[str, Any], base_dir: Path | None) -> SampleSource | None:
    samples = evaluation.get("samples")
    if not samples:
        return None
    if "inline" in samples:
        return SampleSource(inline=samples["inline"], rows=len(samples["inline"]))
    spec = samples["file"]
    return SampleSource(path=(base_dir or Path.cwd()) / spec["path"], rows=spec["rows"])


@dataclass
class PairedSamples:
    """The tallies of one paired comparison. Verdict cells count pairs where both verdicts are pass or
    fail; ``other`` counts matched pairs where a verdict is partial, refused or error."""

    matched_by: str = "sample_id"
    matched: int = 0
    only_a: int = 0
    only_b: int = 0
    both_pass: int = 0
    a_pass_b_fail: int = 0
    a_fail_b_pass: int = 0
    both_fail: int = 0
    other: int = 0
    score_n: int = 0
    sum_a: int = 0
    sum_b: int = 0
    sum_d: int = 0
    sum_d2: int = 0
    score_overflow: bool = False
    digest_conflicts: int = 0
    spilled_rows: int = 0
    rows_a: int = 0
    rows_b: int = 0
    digests_a: int = 0
    digests_b: int = 0

    @property
    def verdict_pairs(self) -> int:
        return self.both_pass + self.a_pass_b_fail + self.a_fail_b_pass + self.both_fail

    def score_means(self) -> tuple[float, float, float] | None:
        """(mean of A, mean of B, mean of B - A) over pairs with both scores."""
        if self.score_n == 0 or self.score_overflow:
            return None
        scale = self.score_n * _SCALE_INT
        return self.sum_a / scale, self.sum_b / scale, self.sum_d / scale

    def difference_variance(self) -> float | None:
        """Sample variance of the paired differences, from exact integer sums."""
        n = self.score_n
        if n < 2 or self.score_overflow:
            return None
        return (n * self.sum_d2 - self.sum_d * self.sum_d) / (n * (n - 1) * _SCALE_INT * _SCALE_INT)


@dataclass
class _Tally:
    result: PairedSamples = field(default_factory=PairedSamples)

    def add(self, va: tuple[int, Any, Any], vb: tuple[int, Any, Any]) -> None:
        r = self.result
        r.matched += 1
        verdict_a, verdict_b = va[0], vb[0]
        if verdict_a <= _PASS and verdict_b <= _PASS and verdict_a >= 0 and verdict_b >= 0:
            if verdict_a == _PASS:
                if verdict_b == _PASS:
                    r.both_pass += 1
                else:
                    r.a_pass_b_fail += 1
            elif verdict_b == _PASS:
                r.a_fail_b_pass += 1
            else:
                r.both_fail += 1
        elif verdict_a != _NONE or verdict_b != _NONE:
            r.other += 1
        score_a, score_b = va[1], vb[1]
        if score_a is not None and score_b is not None:
            try:
                d = score_b - score_a  # exactly -(score_a - score_b): the mirror sums are exact negatives
                ia, ib, idiff = int(score_a * _SCALE), int(score_b * _SCALE), int(d * _SCALE)
            except (OverflowError, ValueError):
                r.score_overflow = True
            else:
                r.score_n += 1
                r.sum_a += ia
                r.sum_b += ib
                r.sum_d += idiff
                r.sum_d2 += idiff * idiff
        if va[2] is not None and vb[2] is not None and va[2] != vb[2]:
            r.digest_conflicts += 1


def _value(sample: dict[str, Any]) -> tuple[int, Any, Any]:
    verdict = sample.get("verdict")
    code = _NONE if verdict is None else _VERDICTS.get(verdict, _OTHER)
    return code, sample.get("score"), sample.get("input_digest")


class _Rows:
    """(key, value) of each sample, counting rows and digests as they go by."""

    def __init__(self, source: SampleSource, by: str) -> None:
        self.source, self.by = source, by
        self.rows = 0
        self.digests = 0

    def __iter__(self) -> Iterator[tuple[Any, tuple[int, Any, Any]]]:
        if self.source.inline is not None:
            yield from self._from(iter(self.source.inline), "<inline>")
            return
        assert self.source.path is not None
        try:
            import orjson

            loads = orjson.loads
        except ImportError:  # pragma: no cover - orjson is a dependency
            import json

            loads = json.loads
        path = self.source.path
        with path.open("rb") as handle:
            row = 0

            def parsed() -> Iterator[dict[str, Any]]:
                nonlocal row
                for raw in handle:
                    if not raw.strip():
                        continue
                    row += 1
                    try:
                        yield loads(raw)
                    except ValueError as exc:
                        raise SamplesError(str(path), row, f"invalid JSON ({exc})") from None

            try:
                yield from self._from(parsed(), str(path))
            except (KeyError, TypeError, AttributeError) as exc:
                raise SamplesError(str(path), row, f"not a sample result ({exc})") from None

    def _from(self, samples: Iterator[dict[str, Any]], where: str) -> Iterator[tuple[Any, tuple[int, Any, Any]]]:
        by_id = self.by == "sample_id"
        for sample in samples:
            self.rows += 1
            value = _value(sample)
            if value[2] is not None:
                self.digests += 1
            if by_id:
                yield (sample["sample_id"], sample.get("epoch", 1)), value
            elif value[2] is not None:
                yield (value[2], sample.get("epoch", 1)), value


def _put(table: dict[Any, Any], key: Any, value: Any) -> None:
    held = table.get(key, _MISSING)
    if held is _MISSING:
        table[key] = value
    elif isinstance(held, list):
        held.append(value)
    else:  # a repeated key (digests may repeat): queue, first in first out
        table[key] = [held, value]


def _take(table: dict[Any, Any], key: Any) -> Any:
    held = table.get(key, _MISSING)
    if held is _MISSING:
        return _MISSING
    if isinstance(held, list):
        value = held.pop(0)
        if len(held) == 1:
            table[key] = held[0]
        return value
    del table[key]
    return held


def _count(table: dict[Any, Any]) -> int:
    return sum(len(v) if isinstance(v, list) else 1 for v in table.values())


def _join_in_memory(small: dict[Any, Any], rows: Iterator[Any], tally: _Tally, small_is_a: bool) -> int:
    """Stream ``rows`` against a table of the other side; returns how many streamed rows found no partner."""
    unmatched = 0
    for key, value in rows:
        partner = _take(small, key)
        if partner is _MISSING:
            unmatched += 1
        elif small_is_a:
            tally.add(partner, value)
        else:
            tally.add(value, partner)
    return unmatched


def _table(rows: Iterator[Any]) -> dict[Any, Any]:
    table: dict[Any, Any] = {}
    for key, value in rows:
        _put(table, key, value)
    return table


def _pending_items(table: dict[Any, Any]) -> Iterator[tuple[Any, Any]]:
    for key, held in table.items():
        if isinstance(held, list):
            for value in held:
                yield key, value
        else:
            yield key, held


class _Partitions:
    """Rows spread over temporary files by key hash; each file is small enough to join in memory."""

    def __init__(self, count: int) -> None:
        self.files: list[IO[bytes]] = [tempfile.TemporaryFile() for _ in range(count)]
        self.written = 0

    def write(self, items: Iterator[tuple[Any, Any]]) -> None:
        import orjson

        files, count = self.files, len(self.files)
        for key, value in items:
            files[hash(key) % count].write(orjson.dumps((key, value)) + b"\n")
            self.written += 1

    def read(self, index: int) -> Iterator[tuple[Any, tuple[int, Any, Any]]]:
        import orjson

        handle = self.files[index]
        handle.seek(0)
        for line in handle:
            key, value = orjson.loads(line)
            yield tuple(key), tuple(value)  # type: ignore[misc]

    def close(self) -> None:
        for handle in self.files:
            handle.close()


def _join_streams(rows_a: _Rows, rows_b: _Rows, tally: _Tally, memory_rows: int, expected: int) -> tuple[int, int, int]:
    """Lockstep join of two streams: (unmatched in A, unmatched in B, rows spilled to disk)."""
    pending_a: dict[Any, Any] = {}
    pending_b: dict[Any, Any] = {}
    held = 0
    it_a, it_b = iter(rows_a), iter(rows_b)
    done_a = done_b = False
    while not (done_a and done_b):
        ra = None if done_a else next(it_a, None)
        rb = None if done_b else next(it_b, None)
        done_a, done_b = ra is None, rb is None
        if ra is not None and rb is not None and ra[0] == rb[0]:
            tally.add(ra[1], rb[1])
            continue
        if ra is not None:
            partner = _take(pending_b, ra[0])
            if partner is _MISSING:
                _put(pending_a, ra[0], ra[1])
                held += 1
            else:
                tally.add(ra[1], partner)
                held -= 1
        if rb is not None:
            partner = _take(pending_a, rb[0])
            if partner is _MISSING:
                _put(pending_b, rb[0], rb[1])
                held += 1
            else:
                tally.add(partner, rb[1])
                held -= 1
        if held > memory_rows:
            return _spill(pending_a, pending_b, it_a, it_b, tally, memory_rows, expected)
    return _count(pending_a), _count(pending_b), 0


def _spill(
    pending_a: dict[Any, Any], pending_b: dict[Any, Any], it_a: Iterator[Any], it_b: Iterator[Any], tally: _Tally,
    memory_rows: int, expected: int,
) -> tuple[int, int, int]:
    # enough partitions that one side of a partition holds about half the memory budget
    count = max(2, math.ceil(2 * expected / max(1, memory_rows)) + 1)
    parts_a, parts_b = _Partitions(count), _Partitions(count)
    try:
        parts_a.write(_pending_items(pending_a))  # pending rows first: their order within a key is kept
        pending_a.clear()
        parts_b.write(_pending_items(pending_b))
        pending_b.clear()
        parts_a.write(it_a)
        parts_b.write(it_b)
        only_a = only_b = 0
        for index in range(count):
            table = _table(parts_a.read(index))
            only_b += _join_in_memory(table, parts_b.read(index), tally, small_is_a=True)
            only_a += _count(table)
        return only_a, only_b, parts_a.written + parts_b.written
    finally:
        parts_a.close()
        parts_b.close()


def _run(a: SampleSource, b: SampleSource, by: str, memory_rows: int) -> PairedSamples:
    tally = _Tally()
    tally.result.matched_by = by
    rows_a, rows_b = _Rows(a, by), _Rows(b, by)
    if a.inline is not None or b.inline is not None:
        # one side is in memory already: index it and stream the other
        if a.inline is not None:
            table = _table(iter(rows_a))
            tally.result.only_b = _join_in_memory(table, iter(rows_b), tally, small_is_a=True)
            tally.result.only_a = _count(table)
        else:
            table = _table(iter(rows_b))
            tally.result.only_a = _join_in_memory(table, iter(rows_a), tally, small_is_a=False)
            tally.result.only_b = _count(table)
    else:
        expected = max(a.rows, b.rows)
        only_a, only_b, spilled = _join_streams(rows_a, rows_b, tally, memory_rows, expected)
        tally.result.only_a, tally.result.only_b, tally.result.spilled_rows = only_a, only_b, spilled
    result = tally.result
    result.rows_a, result.rows_b = rows_a.rows, rows_b.rows
    result.digests_a, result.digests_b = rows_a.digests, rows_b.digests
    if by == "input_digest":  # rows without a digest cannot pair at all
        result.only_a += rows_a.rows - rows_a.digests
        result.only_b += rows_b.rows - rows_b.digests
    return result


def compare_samples(a: SampleSource, b: SampleSource, memory_rows: int = DEFAULT_MEMORY_ROWS) -> PairedSamples:
    """Pair two evaluations' samples by id (or, when no id is shared, by input digest) and tally them."""
    result = _run(a, b, "sample_id", memory_rows)
    if (result.matched == 0 and result.rows_a and result.rows_b
            and result.digests_a == result.rows_a and result.digests_b == result.rows_b):
        result = _run(a, b, "input_digest", memory_rows)
    return result
