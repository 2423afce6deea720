"""Paired per-sample comparison of two evaluations of the same task, in bounded memory.

Samples pair by ``(sample_id, epoch)``; when the two reports share no sample id but both give every sample
an ``input_digest``, by ``(input_digest, epoch)`` instead (two labs that named their items differently
but sent the same prompts).

Two JSONL samples files are read in lockstep, a chunk of a few thousand lines of each at a time. Files
written in the same order pair chunk by chunk and hold only the current chunks; rows that arrive out of
order wait in a table for their partner. Should that table outgrow ``memory_rows``, everything still
unpaired and everything still unread is partitioned by key hash into temporary files, and each partition
is joined on its own (a Grace hash join): memory stays near ``memory_rows`` rows plus two chunks,
whatever the files' size and order. Inline samples are in memory already and pair the same way, without
ever spilling.

The tallies are exact and order-independent (integer counts; scores summed as integers on a fixed 2**-64
grid), so the result does not depend on the order pairs are met in, nor on which report is A.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import chain, compress, islice, repeat
from operator import is_not, itemgetter, mul, ne, sub
from pathlib import Path
from typing import Any, Protocol

from riskfmt.compare.partitions import Partitions
from riskfmt.errors import RiskfmtError

__all__ = ["DEFAULT_MEMORY_ROWS", "CheckedRead", "PairedSamples", "SampleSource", "SamplesError", "checked_while_read",
           "compare_samples", "sample_source"]

DEFAULT_MEMORY_ROWS = 50_000
_SCALE = 2.0**64  # scores are summed as integers on this grid: exact, so the order of addition is irrelevant
_SCALE_INT = 1 << 64
_MISSING: Any = object()

# verdict codes in a row's value
_FAIL, _PASS, _OTHER, _NONE = 0, 1, 2, -1


class SamplesError(RiskfmtError):
    """A samples file could not be read as it was when the report was validated (an RF804 finding)."""

    def __init__(self, path: str, row: int, detail: str) -> None:
        from riskfmt.findings import Finding

        finding = Finding.make("RF804", path, line=row, column=1, row=row, detail=detail)
        super().__init__([finding], f"{path}:{row}: {detail}")
        self.path, self.row, self.detail = path, row, detail


class CheckedRead(Protocol):
    """A samples file whose validation runs as it is read (``riskfmt.compare.files``): ``read`` gives its
    samples a few lines at a time, each piece with True when it ends a chunk of ``rows`` lines (or the file),
    or None once it has been read (later passes read the file plainly)."""

    def read(self, rows: int) -> Iterator[tuple[list[Any], bool]] | None: ...


@dataclass(frozen=True)
class SampleSource:
    """Where one evaluation's samples are: inline in the report, or a JSONL file next to it (``checked``: the
    file's validation, when it runs while the file is read)."""

    inline: list[dict[str, Any]] | None = None
    path: Path | None = None
    rows: int = 0
    checked: CheckedRead | None = None


# samples files being validated as they are read, by the identity of their report's "file" entry
_CHECKED: ContextVar[Mapping[int, CheckedRead] | None] = ContextVar("riskfmt_checked_samples", default=None)


@contextmanager
def checked_while_read(files: Mapping[int, CheckedRead]) -> Iterator[None]:
    """Within the block, ``sample_source`` hands out these files (keyed by ``id()`` of the report's
    ``samples.file`` entry) so that pairing them also validates them.

    .. versionadded:: 0.2
    """
    token = _CHECKED.set(files)
    try:
        yield
    finally:
        _CHECKED.reset(token)


def sample_source(evaluation: dict[str, Any], base_dir: Path | None) -> SampleSource | None:
    samples = evaluation.get("samples")
    if not samples:
        return None
    if "inline" in samples:
        return SampleSource(inline=samples["inline"], rows=len(samples["inline"]))
    spec = samples["file"]
    checked = (_CHECKED.get() or {}).get(id(spec))
    return SampleSource(path=(base_dir or Path.cwd()) / spec["path"], rows=spec["rows"], checked=checked)


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
    # score pairs counted and not yet added to the sums (``_settle`` adds them before the tallies are read)
    pending: Counter[tuple[Any, Any]] = field(default_factory=Counter, repr=False, compare=False)
    pending_pairs: int = field(default=0, repr=False, compare=False)
    grouping: bool = field(default=True, repr=False, compare=False)

    @property
    def verdict_pairs(self) -> int:
        return self.both_pass + self.a_pass_b_fail + self.a_fail_b_pass + self.both_fail

    def score_means(self) -> tuple[float, float, float] | None:
        """(mean of A, mean of B, mean of B - A) over pairs with both scores."""
        if self.score_n == 0 or self.score_overflow:
            return None
        scale = self.score_n * _SCALE_INT
        try:
            return self.sum_a / scale, self.sum_b / scale, self.sum_d / scale
        except OverflowError:  # a mean beyond the float range (differences of scores near +-1e308)
            return None

    def difference_variance(self) -> float | None:
        """Sample variance of the paired differences, from exact integer sums."""
        n = self.score_n
        if n < 2 or self.score_overflow:
            return None
        try:
            return (n * self.sum_d2 - self.sum_d * self.sum_d) / (n * (n - 1) * _SCALE_INT * _SCALE_INT)
        except OverflowError:  # scores beyond about 1e154 apart: their variance is no float
            return None


_CODES: dict[Any, int] = {None: _NONE, "pass": _PASS, "fail": _FAIL}  # any other verdict: _OTHER
_Rows = Iterable[list[Any]]  # (keys, values) of rows: a tuple of the two lists, or a _Batch that unpacks to them
_SAMPLE_ID = itemgetter("sample_id")


class _Batch:
    """One chunk of a side's samples as columns: what a pair needs of each sample (verdict code, score, input
    digest) and the keys.

    Iterating gives ``(keys, values)``, the rows of the join, built only when the join needs them: two files
    in the same order pair column by column (``_tally_columns``) and never build a tuple per row. A row of the
    join carries the hash of its digest rather than the string: the digest only serves
    to notice that two paired samples had different prompts, which its hash tells as well, and rows waiting in
    memory or in temporary files stay small."""

    __slots__ = ("codes", "digests", "epochs", "firsts", "missing", "scores")

    def __init__(self) -> None:
        self.firsts: list[Any] = []  # sample ids (or input digests, when pairing by digest)
        self.epochs: list[Any] = []
        self.codes: list[int] = []
        self.scores: list[Any] = []
        self.digests: list[Any] = []  # input digests, None where there is none
        self.missing = 0  # how many None in digests

    def __len__(self) -> int:
        return len(self.firsts)

    def __iter__(self) -> Iterator[list[Any]]:
        digests = self.digests
        hashed = map(hash, digests) if not self.missing else [None if d is None else hash(d) for d in digests]
        yield list(zip(self.firsts, self.epochs, strict=True))
        yield list(zip(self.codes, self.scores, hashed, strict=True))

    def same_keys(self, other: _Batch) -> bool:
        return self.firsts == other.firsts and self.epochs == other.epochs


def _columns(chunk: list[dict[str, Any]], by_id: bool) -> tuple[list[Any], list[Any], list[Any], list[Any],
                                                                   list[Any], int]:
    """(keys' first parts, epochs, verdict codes, scores, input digests, rows without a digest) of a chunk of
    samples, a C-level pass per column. Raises KeyError, TypeError or AttributeError on a row that is no
    sample (not a dict, no sample_id)."""
    get = dict.get
    digests = list(map(get, chunk, repeat("input_digest")))
    firsts = list(map(_SAMPLE_ID, chunk)) if by_id else digests
    return (firsts, list(map(get, chunk, repeat("epoch"), repeat(1))),
            list(map(_CODES.get, map(get, chunk, repeat("verdict")), repeat(_OTHER))),
            list(map(get, chunk, repeat("score"))), digests, digests.count(None))


def _tally(r: PairedSamples, values_a: list[tuple[int, Any, Any]], values_b: list[tuple[int, Any, Any]]) -> None:
    """Add pairs (values_a[i], values_b[i]) to the tallies."""
    if not values_a:
        return
    codes_a, scores_a, digests_a = map(list, zip(*values_a, strict=True))  # rows to columns, in C
    codes_b, scores_b, digests_b = map(list, zip(*values_b, strict=True))
    _tally_columns(r, codes_a, codes_b, scores_a, scores_b, digests_a, digests_b)


def _tally_columns(r: PairedSamples, codes_a: list[int], codes_b: list[int], scores_a: list[Any],
                   scores_b: list[Any], digests_a: list[Any], digests_b: list[Any]) -> None:
    """Add the pairs (a[i], b[i]) of these columns to the tallies, with a C-level pass per sum and a Counter
    rather than a Python call per pair. Digests come as the strings or as their hashes (the same on both
    sides)."""
    r.matched += len(codes_a)
    for (code_a, code_b), count in Counter(zip(codes_a, codes_b, strict=True)).items():
        if _FAIL <= code_a <= _PASS and _FAIL <= code_b <= _PASS:
            if code_a == _PASS:
                if code_b == _PASS:
                    r.both_pass += count
                else:
                    r.a_pass_b_fail += count
            elif code_b == _PASS:
                r.a_fail_b_pass += count
            else:
                r.both_fail += count
        elif code_a != _NONE or code_b != _NONE:
            r.other += count
    if r.grouping:
        _count_scores(r, scores_a, scores_b)
    else:
        if scores_a.count(None) or scores_b.count(None):  # only pairs with both scores count
            kept = [(x, y) for x, y in zip(scores_a, scores_b, strict=True) if x is not None and y is not None]
            scores_a, scores_b = [x for x, _ in kept], [y for _, y in kept]
        _add_scores(r, scores_a, scores_b, None)
    if digests_a.count(None) or digests_b.count(None):
        r.digest_conflicts += sum(1 for x, y in zip(digests_a, digests_b, strict=True)
                                  if x is not None and y is not None and x != y)
    else:
        r.digest_conflicts += sum(map(ne, digests_a, digests_b))


_PENDING_MAX = 1 << 14  # distinct (score A, score B) pairs counted before they are added up


def _count_scores(r: PairedSamples, scores_a: list[Any], scores_b: list[Any]) -> None:
    """Count the score pairs rather than add them up one by one: most evaluations give few distinct scores (0 and
    1, or a grid), and a count per distinct pair is one C-level pass where the sums take ten. Should the pairs
    turn out mostly distinct, the sums are taken pair by pair from then on. Integer sums are exact, so the
    tallies are the same either way."""
    pending = r.pending
    pending.update(zip(scores_a, scores_b, strict=True))
    r.pending_pairs += len(scores_a)
    if len(pending) > _PENDING_MAX:
        r.grouping = 2 * len(pending) < r.pending_pairs
        _settle(r)


def _settle(r: PairedSamples) -> None:
    """Add the counted score pairs to the sums (pairs missing a score count for nothing)."""
    pending = r.pending
    if not pending:
        return
    kept = [(pair, count) for pair, count in pending.items() if pair[0] is not None and pair[1] is not None]
    pending.clear()
    r.pending_pairs = 0
    if kept:
        pairs, counts = zip(*kept, strict=True)
        xs, ys = zip(*pairs, strict=True)
        _add_scores(r, xs, ys, counts)


def _add_scores(r: PairedSamples, scores_a: Sequence[Any], scores_b: Sequence[Any],
                counts: Sequence[int] | None) -> None:
    """Add pairs of scores (each pair ``counts[i]`` times, or once) to the sums, a C-level pass per sum."""
    if not scores_a:
        return
    try:
        # y - x is exactly -(x - y), and int() truncates towards 0: the mirror sums are exact negatives
        differences = list(map(int, map(_SCALE.__mul__, map(sub, scores_b, scores_a))))
        grid_a = map(int, map(_SCALE.__mul__, scores_a))
        grid_b = map(int, map(_SCALE.__mul__, scores_b))
        if counts is None:
            n, sum_a, sum_b, sum_d = len(scores_a), sum(grid_a), sum(grid_b), sum(differences)
            sum_d2 = sum(map(mul, differences, differences))
        else:
            weighted = list(map(mul, differences, counts))
            n, sum_a, sum_b, sum_d = (sum(counts), sum(map(mul, grid_a, counts)), sum(map(mul, grid_b, counts)),
                                      sum(weighted))
            sum_d2 = sum(map(mul, differences, weighted))
    except (OverflowError, ValueError):
        r.score_overflow = True
    else:
        r.score_n += n
        r.sum_a += sum_a
        r.sum_b += sum_b
        r.sum_d += sum_d
        r.sum_d2 += sum_d2


_CHUNK_ROWS = 4096  # rows the join takes at a time
PIECE_ROWS = 512  # lines parsed and checked at a time: a piece stays in the processor's cache while it is handled


class _Chunks:
    """A side's samples as chunks (``_Batch``: columns, or keys and values), counting rows and digests as they
    go by. Whole chunks keep the per-row Python work small: parsing and extraction run a column at a time, on
    pieces small enough to stay in the processor's cache."""

    def __init__(self, source: SampleSource, by: str) -> None:
        self.source, self.by = source, by
        self.rows = 0
        self.digests = 0

    def __iter__(self) -> Iterator[_Batch]:
        by_id = self.by == "sample_id"
        batch = _Batch()
        for piece, last in self._raw():
            if piece:
                self._add(batch, piece, by_id)
            if last and len(batch):
                yield batch
                batch = _Batch()

    def _add(self, batch: _Batch, piece: list[dict[str, Any]], by_id: bool) -> None:
        self.rows += len(piece)
        try:
            firsts, epochs, codes, scores, digests, missing = _columns(piece, by_id)
        except (KeyError, TypeError, AttributeError):
            rows: list[Any] = piece  # typed as samples, but a line of a file can hold any JSON value
            bad = next((i for i, s in enumerate(rows) if not isinstance(s, dict) or "sample_id" not in s), 0)
            raise SamplesError(str(self.source.path or "<inline>"), self.rows - len(piece) + bad + 1,
                               "not a sample result") from None
        self.digests += len(piece) - missing
        if not by_id and missing:  # rows without a digest cannot pair by digest
            keep = [d is not None for d in digests]
            firsts, epochs, codes, scores, digests = (list(compress(column, keep)) for column in
                                                         (firsts, epochs, codes, scores, digests))
            missing = 0
        batch.firsts += firsts
        batch.epochs += epochs
        batch.codes += codes
        batch.scores += scores
        batch.digests += digests
        batch.missing += missing

    def _raw(self) -> Iterator[tuple[list[dict[str, Any]], bool]]:
        """Pieces of samples, each with True when it ends a chunk of ``_CHUNK_ROWS`` rows (or lines)."""
        if self.source.inline is not None:
            rows = self.source.inline
            for start in range(0, len(rows), _CHUNK_ROWS):
                stop = min(start + _CHUNK_ROWS, len(rows))
                for begin in range(start, stop, PIECE_ROWS):
                    yield rows[begin:min(begin + PIECE_ROWS, stop)], begin + PIECE_ROWS >= stop
            return
        assert self.source.path is not None
        checked = self.source.checked.read(_CHUNK_ROWS) if self.source.checked is not None else None
        if checked is not None:  # the first pass over a file being validated: its check parses the lines
            yield from checked
            return
        yield from _plain_pieces(self.source.path, _CHUNK_ROWS)


def _plain_pieces(path: Path, rows: int) -> Iterator[tuple[list[Any], bool]]:
    """The samples of a file read plainly (it was validated before), in pieces of at most ``PIECE_ROWS``
    lines, each with True when it ends a chunk of ``rows`` lines; blank lines are skipped."""
    import orjson

    loads = orjson.loads
    row = 0
    with path.open("rb") as handle:
        while True:
            taken = 0
            while taken < rows:
                raw = list(islice(handle, min(PIECE_ROWS, rows - taken)))
                if not raw:
                    if taken:
                        yield [], True
                    return
                taken += len(raw)
                lines = [line for line in raw if not line.isspace()]
                try:
                    piece = list(map(loads, lines))
                except ValueError:
                    for offset, line in enumerate(lines):  # find the line, for the message
                        try:
                            loads(line)
                        except ValueError as exc:
                            raise SamplesError(str(path), row + offset + 1, f"invalid JSON ({exc})") from None
                    raise  # pragma: no cover - the loop above always finds it
                row += len(lines)
                yield piece, taken == rows


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


def _items(table: dict[Any, Any]) -> Iterator[tuple[Any, Any]]:
    for key, held in table.items():
        if isinstance(held, list):
            for value in held:
                yield key, value
        else:
            yield key, held


def _index(chunks: Iterator[_Rows], unique: bool) -> dict[Any, Any]:
    """A table of one side's rows by key. Sample ids are unique within a side (the validator checks it,
    RF514), so they index in one step; input digests may repeat and queue."""
    table: dict[Any, Any] = {}
    for keys, values in chunks:
        if unique:
            table.update(zip(keys, values, strict=True))
        else:
            for key, value in zip(keys, values, strict=True):
                _put(table, key, value)
    return table


def _probe(table: dict[Any, Any], chunks: Iterator[_Rows], r: PairedSamples,
           table_is_a: bool, unique: bool) -> int:
    """Pair streamed chunks with a table of the other side; returns the streamed rows left without a partner."""
    unmatched = 0
    for keys, values in chunks:
        if unique:
            taken = list(map(table.pop, keys, repeat(_MISSING)))
            paired = list(map(is_not, taken, repeat(_MISSING)))
            found = list(compress(values, paired))
            partners = list(compress(taken, paired))
            unmatched += len(keys) - len(found)
        else:
            found, partners = [], []
            for key, value in zip(keys, values, strict=True):
                partner = _take(table, key)
                if partner is _MISSING:
                    unmatched += 1
                else:
                    found.append(value)
                    partners.append(partner)
        if table_is_a:
            _tally(r, partners, found)
        else:
            _tally(r, found, partners)
    return unmatched


def _join_streams(side_a: _Chunks, side_b: _Chunks, r: PairedSamples, memory_rows: int,
                  expected: int) -> tuple[int, int, int]:
    """Lockstep join of two streams: (unmatched in A, unmatched in B, rows spilled to disk)."""
    pending_a: dict[Any, Any] = {}
    pending_b: dict[Any, Any] = {}
    held = 0
    it_a, it_b = iter(side_a), iter(side_b)
    empty: tuple[list[Any], list[Any]] = ([], [])
    while True:
        chunk_a, chunk_b = next(it_a, None), next(it_b, None)
        if chunk_a is None and chunk_b is None:
            return _count(pending_a), _count(pending_b), 0
        if held == 0 and chunk_a is not None and chunk_b is not None and chunk_a.same_keys(chunk_b):
            # the common case: the same samples in the same order, paired a column at a time
            _tally_columns(r, chunk_a.codes, chunk_b.codes, chunk_a.scores, chunk_b.scores, chunk_a.digests,
                           chunk_b.digests)
            continue
        keys_a, values_a = chunk_a or empty
        keys_b, values_b = chunk_b or empty
        # row by row, alternating sides, so that a row never waits for a partner already read
        paired_a: list[Any] = []
        paired_b: list[Any] = []
        for index in range(max(len(keys_a), len(keys_b))):
            if index < len(keys_a):
                partner = _take(pending_b, keys_a[index])
                if partner is _MISSING:
                    _put(pending_a, keys_a[index], values_a[index])
                    held += 1
                else:
                    paired_a.append(values_a[index])
                    paired_b.append(partner)
                    held -= 1
            if index < len(keys_b):
                partner = _take(pending_a, keys_b[index])
                if partner is _MISSING:
                    _put(pending_b, keys_b[index], values_b[index])
                    held += 1
                else:
                    paired_a.append(partner)
                    paired_b.append(values_b[index])
                    held -= 1
            if held > memory_rows:
                _tally(r, paired_a, paired_b)
                rest_a = chain([(keys_a[index + 1:], values_a[index + 1:])], it_a)
                rest_b = chain([(keys_b[index + 1:], values_b[index + 1:])], it_b)
                return _spill(pending_a, pending_b, rest_a, rest_b, r, memory_rows, expected, side_a.by)
        _tally(r, paired_a, paired_b)


def _spill(pending_a: dict[Any, Any], pending_b: dict[Any, Any], rest_a: Iterator[Any], rest_b: Iterator[Any],
           r: PairedSamples, memory_rows: int, expected: int, by: str) -> tuple[int, int, int]:
    """A Grace hash join of everything not yet paired: both sides partitioned by key, each partition
    joined in memory."""
    count = max(2, math.ceil(2 * expected / max(1, memory_rows)) + 1)  # a partition's side: half the budget
    parts_a, parts_b = Partitions(count, memory_rows, _CHUNK_ROWS), Partitions(count, memory_rows, _CHUNK_ROWS)
    unique = by == "sample_id"
    try:
        for pending, parts in ((pending_a, parts_a), (pending_b, parts_b)):
            held = list(_items(pending))  # pending rows first: their order within a key is kept
            pending.clear()
            parts.write([k for k, _ in held], [v for _, v in held])
        for rest, parts in ((rest_a, parts_a), (rest_b, parts_b)):
            for keys, values in rest:
                parts.write(keys, values)
        only_a = only_b = 0
        for index in range(count):
            table = _index(parts_a.read(index), unique)
            only_b += _probe(table, parts_b.read(index), r, True, unique)
            only_a += _count(table)
        return only_a, only_b, parts_a.written + parts_b.written
    finally:
        parts_a.close()
        parts_b.close()


def _run(a: SampleSource, b: SampleSource, by: str, memory_rows: int) -> PairedSamples:
    result = PairedSamples(matched_by=by)
    side_a, side_b = _Chunks(a, by), _Chunks(b, by)
    if a.inline is not None and b.inline is not None:
        # both in memory already: pair in lockstep (line by line when the orders agree), never spilling
        result.only_a, result.only_b, _ = _join_streams(side_a, side_b, result, len(a.inline) + len(b.inline), 0)
    elif a.inline is not None or b.inline is not None:
        # one side is in memory already: index it and stream the other through it
        unique = by == "sample_id"
        if a.inline is not None:
            table = _index(iter(side_a), unique)
            result.only_b = _probe(table, iter(side_b), result, True, unique)
            result.only_a = _count(table)
        else:
            table = _index(iter(side_b), unique)
            result.only_a = _probe(table, iter(side_a), result, False, unique)
            result.only_b = _count(table)
    else:
        result.only_a, result.only_b, result.spilled_rows = _join_streams(side_a, side_b, result, memory_rows,
                                                                          max(a.rows, b.rows))
    _settle(result)
    result.rows_a, result.rows_b = side_a.rows, side_b.rows
    result.digests_a, result.digests_b = side_a.digests, side_b.digests
    if by == "input_digest":  # rows without a digest cannot pair at all
        result.only_a += side_a.rows - side_a.digests
        result.only_b += side_b.rows - side_b.digests
    return result


def compare_samples(a: SampleSource, b: SampleSource, memory_rows: int = DEFAULT_MEMORY_ROWS) -> PairedSamples:
    """Pair two evaluations' samples by id (or, when no id is shared, by input digest) and tally them.

    .. versionadded:: 0.1
    """
    from riskfmt.loading import paused_gc

    # The rows are acyclic: collection passes over hundreds of thousands of fresh dicts only cost time
    # (a third of it), as in riskfmt.loading.
    with paused_gc():
        result = _run(a, b, "sample_id", memory_rows)
        if (result.matched == 0 and result.rows_a and result.rows_b
                and result.digests_a == result.rows_a and result.digests_b == result.rows_b):
            result = _run(a, b, "input_digest", memory_rows)
        return result
