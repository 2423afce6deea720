"""Paired per-sample comparison of two evaluations of the same task, in bounded memory.

Samples pair by ``(sample_id, epoch)``; when the two reports share no sample id but both give every sample
an ``input_digest``, by ``(input_digest, epoch)`` instead (two labs that named their items differently
but sent the same prompts).

Two JSONL samples files are read in lockstep, a chunk of a few thousand lines of each at a time. Files
written in the same order pair chunk by chunk, a column at a time, and hold only the current chunks; rows that
arrive out of order wait in a table for their partner (sample ids, unique on each side, meet a chunk at a time
by dict operations; input digests, which may repeat, row by row). Should that table outgrow ``memory_rows``,
everything still unpaired and everything still unread is partitioned by key hash into temporary files
(``riskfmt.compare.partitions``), and each partition is joined on its own (a Grace hash join): memory stays near
``memory_rows`` rows plus two chunks, whatever the files' size and order. Inline samples are in memory already
and pair the same way, without ever spilling.

Side B's chunks may come from another process (``riskfmt.compare.forked``, through ``checked_while_read``), which
reads and checks B's file while this one reads A and pairs: the chunks are the same, and so is everything after.

The tallies (``riskfmt.compare.tallies``) are exact and order-independent, so the result does not depend on the
order pairs are met in, nor on which report is A.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat, zip_longest
from operator import is_not, itemgetter, not_
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from riskfmt.compare.partitions import COLUMNS, Partitions
from riskfmt.compare.tallies import CODES, OTHER, PairedSamples, settle, tally, tally_columns
from riskfmt.errors import RiskfmtError

if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.findings import Finding

__all__ = ["DEFAULT_MEMORY_ROWS", "Batch", "CheckedRead", "Chunks", "PairedSamples", "Remote", "SampleSource",
           "SamplesError", "Side", "checked_while_read", "compare_samples", "sample_source"]

DEFAULT_MEMORY_ROWS = 50_000
_MISSING: Any = object()


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
    or None once it has been read (later passes read the file plainly). When another process read and checked
    it (``riskfmt.compare.forked``), ``adopt`` takes the findings its ``finish`` gave there."""

    def read(self, rows: int) -> Iterator[tuple[list[Any], bool]] | None: ...

    def unread(self) -> bool: ...

    def finish(self) -> list[Finding]: ...

    def adopt(self, findings: list[Finding]) -> None: ...


@dataclass(frozen=True)
class SampleSource:
    """Where one evaluation's samples are: inline in the report, or a JSONL file next to it (``checked``: the
    file's validation, when it runs while the file is read)."""

    inline: list[dict[str, Any]] | None = None
    path: Path | None = None
    rows: int = 0
    checked: CheckedRead | None = None


class Side(Protocol):
    """One side's samples as chunks, and how many rows (and input digests) it had once they have all been taken:
    ``Chunks``, or ``riskfmt.compare.forked.Beside`` (read in another process)."""

    by: str
    rows: int
    digests: int

    def __iter__(self) -> Iterator[Batch]: ...


class Remote(Side, Protocol):
    """A side read by another process: ``close`` stops it when its chunks are no longer wanted."""

    def close(self) -> None: ...


class _Elsewhere(Protocol):
    def __call__(self, a: SampleSource, b: SampleSource, by: str) -> Remote | None: ...


# samples files being validated as they are read, by the identity of their report's "file" entry
_CHECKED: ContextVar[Mapping[int, CheckedRead] | None] = ContextVar("riskfmt_checked_samples", default=None)
# what may read side B in another process (riskfmt.compare.forked.beside): its chunks, or None
_ELSEWHERE: ContextVar[_Elsewhere | None] = ContextVar("riskfmt_samples_elsewhere", default=None)


@contextmanager
def checked_while_read(files: Mapping[int, CheckedRead], elsewhere: _Elsewhere | None = None) -> Iterator[None]:
    """Within the block, ``sample_source`` hands out these files (keyed by ``id()`` of the report's
    ``samples.file`` entry) so that pairing them also validates them; ``elsewhere(a, b, by)``, when given, may
    return side B's chunks read by another process (then B's file counts as read once they have all come).

    .. versionadded:: 0.2
    """
    token = _CHECKED.set(files)
    other = _ELSEWHERE.set(elsewhere)
    try:
        yield
    finally:
        _ELSEWHERE.reset(other)
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


_Rows = Iterable[list[Any]]  # (keys, values) of rows: a tuple of the two lists, or a Batch that unpacks to them
_SAMPLE_ID = itemgetter("sample_id")


class Batch:
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

    def columns(self) -> list[Any]:
        """The five columns of ``riskfmt.compare.partitions``: keys, verdict codes, scores, digest hashes."""
        digests = self.digests
        hashed = list(map(hash, digests)) if not self.missing else [None if d is None else hash(d) for d in digests]
        return [self.firsts, self.epochs, self.codes, self.scores, hashed]

    def same_keys(self, other: Batch) -> bool:
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
            list(map(CODES.get, map(get, chunk, repeat("verdict")), repeat(OTHER))),
            list(map(get, chunk, repeat("score"))), digests, digests.count(None))


_CHUNK_ROWS = 4096  # rows the join takes at a time
_PENDING_MAX = 1 << 14  # at most this many distinct (score A, score B) pairs are counted before they are added up
_MEET_BY_CHUNK = True  # tests switch it off to compare with the row by row pairing
PIECE_ROWS = 512  # lines parsed and checked at a time: a piece stays in the processor's cache while it is handled


class Chunks:
    """A side's samples as chunks (``Batch``: columns, or keys and values), counting rows and digests as they
    go by. Whole chunks keep the per-row Python work small: parsing and extraction run a column at a time, on
    pieces small enough to stay in the processor's cache."""

    def __init__(self, source: SampleSource, by: str) -> None:
        self.source, self.by = source, by
        self.rows = 0
        self.digests = 0

    def __iter__(self) -> Iterator[Batch]:
        by_id = self.by == "sample_id"
        batch = Batch()
        for piece, last in self._raw():
            if piece:
                self._add(batch, piece, by_id)
            if last and len(batch):
                yield batch
                batch = Batch()

    def _add(self, batch: Batch, piece: list[dict[str, Any]], by_id: bool) -> None:
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


def _put(table: dict[Any, Any], key: Any, value: Any) -> bool:
    """Keep a row waiting; True when its key was waiting already (then the rows queue)."""
    held = table.get(key, _MISSING)
    if held is _MISSING:
        table[key] = value
        return False
    if isinstance(held, list):
        held.append(value)
    else:  # a repeated key (digests may repeat): queue, first in first out
        table[key] = [held, value]
    return True


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
            tally(r, partners, found)
        else:
            tally(r, found, partners)
    return unmatched


def _join_streams(side_a: Side, side_b: Side, r: PairedSamples, memory_rows: int,
                  expected: int) -> tuple[int, int, int]:
    """Lockstep join of two streams: (unmatched in A, unmatched in B, rows spilled to disk)."""
    pending_a: dict[Any, Any] = {}
    pending_b: dict[Any, Any] = {}
    unique = side_a.by == "sample_id"
    queued = False  # a key waits twice: sample ids repeated within a side (validation refuses such a file)
    held = 0
    it_a, it_b = iter(side_a), iter(side_b)
    empty: tuple[list[Any], list[Any]] = ([], [])
    while True:
        chunk_a, chunk_b = next(it_a, None), next(it_b, None)
        if chunk_a is None and chunk_b is None:
            return _count(pending_a), _count(pending_b), 0
        if held == 0 and chunk_a is not None and chunk_b is not None and chunk_a.same_keys(chunk_b):
            # the common case: the same samples in the same order, paired a column at a time
            tally_columns(r, chunk_a.codes, chunk_b.codes, chunk_a.scores, chunk_b.scores, chunk_a.digests,
                           chunk_b.digests)
            continue
        keys_a, values_a = chunk_a or empty
        keys_b, values_b = chunk_b or empty
        if unique and _MEET_BY_CHUNK and not queued and held + len(keys_a) + len(keys_b) <= memory_rows:
            # Each key once a side: a chunk at a time, by dict operations in C (A's rows meet B's waiting ones,
            # then B's meet A's, the current chunk included, so no row waits for a partner already read). What
            # waits afterwards is what waits after the row by row pairing below; only a chunk that may cross the
            # budget half way goes row by row, so that the spill starts at the very same row (the diff says how
            # many rows went through temporary files). Once a key has queued (repeated ids: the file is refused
            # anyway), row by row only, which knows queues.
            found_a, partners_b = _meet(keys_a, values_a, pending_b, pending_a)
            found_b, partners_a = _meet(keys_b, values_b, pending_a, pending_b)
            tally(r, found_a + partners_a, partners_b + found_b)
            held = len(pending_a) + len(pending_b)
            continue
        # row by row, alternating sides, so that a row never waits for a partner already read (input digests may
        # repeat, and pair first with first), and the budget is checked after every row
        paired_a: list[Any] = []
        paired_b: list[Any] = []
        for index in range(max(len(keys_a), len(keys_b))):
            if index < len(keys_a):
                partner = _take(pending_b, keys_a[index])
                if partner is _MISSING:
                    queued |= _put(pending_a, keys_a[index], values_a[index])
                    held += 1
                else:
                    paired_a.append(values_a[index])
                    paired_b.append(partner)
                    held -= 1
            if index < len(keys_b):
                partner = _take(pending_a, keys_b[index])
                if partner is _MISSING:
                    queued |= _put(pending_b, keys_b[index], values_b[index])
                    held += 1
                else:
                    paired_a.append(partner)
                    paired_b.append(values_b[index])
                    held -= 1
            if held > memory_rows:
                tally(r, paired_a, paired_b)
                rest_a = chain([(keys_a[index + 1:], values_a[index + 1:])], it_a)
                rest_b = chain([(keys_b[index + 1:], values_b[index + 1:])], it_b)
                return _spill(pending_a, pending_b, rest_a, rest_b, r, memory_rows, expected, side_a.by)
        tally(r, paired_a, paired_b)


def _meet(keys: list[Any], values: list[Any], waiting: dict[Any, Any], pending: dict[Any, Any]) -> tuple[list[Any],
                                                                                                          list[Any]]:
    """Rows (keys, values) of one side against the other side's ``waiting`` rows (unique keys): returns the values
    that found a partner and their partners' (taken out of ``waiting``); the others wait in ``pending``."""
    if not keys:
        return [], []
    taken = list(map(waiting.pop, keys, repeat(_MISSING)))
    found = list(map(is_not, taken, repeat(_MISSING)))
    if not any(found):
        pending.update(zip(keys, values, strict=True))
        return [], []
    pending.update(compress(zip(keys, values, strict=True), map(not_, found)))
    return list(compress(values, found)), list(compress(taken, found))


def _as_columns(keys: list[Any], values: list[Any]) -> list[Any]:
    """Rows (keys, values) as the five columns of ``riskfmt.compare.partitions``."""
    if not keys:
        return [[] for _ in range(COLUMNS)]
    return [*zip(*keys, strict=True), *zip(*values, strict=True)]


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
            parts.write(_as_columns([k for k, _ in held], [v for _, v in held]))
        # a chunk of each side in turn: when another process reads B (riskfmt.compare.forked), it reads on while
        # this one writes A's chunk (all of A first left it waiting, and then this one); each side's own order is
        # kept, and that is all the partitions need
        for chunk_a, chunk_b in zip_longest(rest_a, rest_b):
            for chunk, parts in ((chunk_a, parts_a), (chunk_b, parts_b)):
                if chunk is None:
                    continue
                if isinstance(chunk, Batch):
                    parts.write(chunk.columns())
                else:
                    parts.write(_as_columns(*chunk))
        only_a = only_b = 0
        for index in range(count):
            side_a, side_b = parts_a.read(index), parts_b.read(index)
            if unique:
                only_a, only_b = only_a + len(side_a[0]), only_b + len(side_b[0])
                matched = _join_columns(side_a, side_b, r)
                only_a, only_b = only_a - matched, only_b - matched
            else:
                table = _index(iter([_rows(side_a)]), unique)
                only_b += _probe(table, iter([_rows(side_b)]), r, True, unique)
                only_a += _count(table)
        return only_a, only_b, parts_a.written + parts_b.written
    finally:
        parts_a.close()
        parts_b.close()


def _rows(columns: list[list[Any]]) -> tuple[list[Any], list[Any]]:
    """The five columns of a partition as rows (keys, values)."""
    firsts, epochs, codes, scores, digests = columns
    return list(zip(firsts, epochs, strict=True)), list(zip(codes, scores, digests, strict=True))


def _join_columns(side_a: list[list[Any]], side_b: list[list[Any]], r: PairedSamples) -> int:
    """Pair two sides of a partition (columns; each key once a side) and tally the pairs; returns how many.
    The rows are found by number and their columns gathered in C: no tuple per row but the keys', and none of
    those either when every epoch is 1."""
    firsts_a, epochs_a = side_a[0], side_a[1]
    firsts_b, epochs_b = side_b[0], side_b[1]
    if not firsts_a or not firsts_b:
        return 0
    if epochs_a.count(1) == len(epochs_a) and epochs_b.count(1) == len(epochs_b):
        keys_a: list[Any] = firsts_a
        keys_b: list[Any] = firsts_b
    else:
        keys_a, keys_b = list(zip(firsts_a, epochs_a, strict=True)), list(zip(firsts_b, epochs_b, strict=True))
    table = dict(zip(keys_a, range(len(keys_a)), strict=True))
    numbers = list(map(table.pop, keys_b, repeat(None)))
    found = list(map(is_not, numbers, repeat(None)))
    rows_a = list(compress(numbers, found))
    if not rows_a:
        return 0
    rows_b = list(compress(range(len(keys_b)), found))
    pick_a, pick_b = _picker(rows_a), _picker(rows_b)
    tally_columns(r, *(list(pick(column)) for column, pick in
                        ((side_a[2], pick_a), (side_b[2], pick_b), (side_a[3], pick_a), (side_b[3], pick_b),
                         (side_a[4], pick_a), (side_b[4], pick_b))))
    return len(rows_a)


def _picker(rows: list[int]) -> Callable[[list[Any]], Iterable[Any]]:
    """A function that takes ``rows`` (row numbers) of a column, in C."""
    if len(rows) == 1:
        row = rows[0]
        return lambda column: (column[row],)
    return itemgetter(*rows)


def _run(a: SampleSource, b: SampleSource, by: str, memory_rows: int) -> PairedSamples:
    # distinct score pairs counted before they are added up: within the memory budget too
    result = PairedSamples(matched_by=by, pending_max=min(_PENDING_MAX, memory_rows))
    side_a: Side = Chunks(a, by)
    side_b: Side = Chunks(b, by)
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
        elsewhere = _ELSEWHERE.get()
        remote = elsewhere(a, b, by) if elsewhere is not None else None  # B read by a second process
        if remote is not None:
            side_b = remote
        try:
            result.only_a, result.only_b, result.spilled_rows = _join_streams(side_a, side_b, result, memory_rows,
                                                                              max(a.rows, b.rows))
        finally:
            if remote is not None:  # a child whose chunks are no longer wanted (the join failed) stops now
                remote.close()
    settle(result)
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
