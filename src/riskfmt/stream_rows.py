"""The checks of the inline rows of a streamed report (``riskfmt.stream``), batch by batch, and what stands for the
rows in the skeleton (``StreamedRows``) when the normal path's checks look at them.

Each rule gives what it gives on the whole array: the schema of each row (the same validator as a samples file's
lines, pointers moved into the report), the leak scan's sample checks (replayed in ``check_samples``' own order,
so a cap keeps the same findings), risk ids, and the (sample id, epoch) keys of the duplicate rule hashed into
files (bounded memory; candidates confirmed on a second reading).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from riskfmt.findings import Finding

__all__ = ["Rows", "RowsContext", "StreamedRows", "key_hashes"]


class _Refused(Exception):
    """The streaming path cannot judge this file exactly: the normal path takes it."""


class RowsContext:
    """What the rows' checks need from the rest of the report: read from the skeleton."""

    def __init__(self, document: dict[str, Any]) -> None:
        from riskfmt.versions import resolve_format

        self.kind = document.get("kind")
        version = resolve_format("evaluation-report", document.get("format_version")).use \
            if self.kind == "evaluation-report" else None
        self.version = version
        self.cited = document.get("vocabulary_version")
        from riskfmt.integrity.leaks import withheld_kinds

        self.declared = set(withheld_kinds(document))

    def key(self) -> tuple[Any, ...]:
        return self.kind, self.version, self.cited if isinstance(self.cited, str) else None, frozenset(self.declared)


class StreamedRows(list):  # type: ignore[type-arg]
    """Stands for one inline samples array in the skeleton: empty as a list (the schema of the array itself and
    every check that does not look at rows see an empty array), and the answers about its rows for the checks
    that do (called by the leak scan and the semantic rules when they meet one)."""

    def __init__(self, state: Rows, e_index: int, count: int) -> None:
        super().__init__()
        self._state, self.e_index, self.rows = state, e_index, count

    def __bool__(self) -> bool:  # the leak scan looks only at arrays that hold rows
        return self.rows > 0

    __hash__ = None

    def check_leaks(self, pointer: str, declared: set[str], out: Any, totals: Any) -> None:
        """What ``check_samples`` would add to the leak scan's collector and totals for these rows, in its order."""
        mine = self._state.leaks.get(self.e_index)
        if mine is None:
            return
        replayed: dict[str, int] = {}
        for _, code, where, params in sorted(mine.found, key=itemgetter(0)):
            replayed[code] = replayed.get(code, 0) + 1
            out.add(code, where, **params)
        for code, count in mine.total.items():  # the ones only counted (past a collector's cap)
            out.counts[code] = out.counts.get(code, 0) + count - replayed.get(code, 0)
        if totals is not None:
            for piece, where in mine.pieces.pieces.items():
                totals.piece(piece, where)

    def first_digests(self, fields: list[str]) -> Iterator[tuple[str, str]]:
        """(digest, pointer of its first row) for the withheld rows' digests that some free text has."""
        yield from self._state.digests.get(self.e_index, {}).items()

    def check_rules(self, evaluation: dict[str, Any], e_ptr: str, out: list[Finding]) -> set[str] | None:
        """The semantic rules of inline samples (duplicates, risk ids), added to ``out`` in the normal order;
        returns the sample ids the evaluation's findings cite that exist (the only ids that are looked up)."""
        out.extend(self._state.duplicates.get(self.e_index, []))
        out.extend(self._state.vocabulary.get(self.e_index, []))
        return self._state.cited_found.get(self.e_index, set())


class Rows:
    """The checks of every inline row, batch by batch, and what they found, per evaluation."""

    def __init__(self, source: str, context: RowsContext) -> None:
        self.source, self.context = source, context
        self.schema: list[Finding] = []
        self.leaks: dict[int, _LeakRows] = {}
        self.keys = _KeyHashes()  # of every array: the evaluation's index is part of the key
        self.vocabulary: dict[int, list[Finding]] = {}
        self.duplicates: dict[int, list[Finding]] = {}
        self.cited_found: dict[int, set[str]] = {}
        self.digests: dict[int, dict[str, str]] = {}
        self.colons = self.nulls = 0
        self._validator: Any = None
        self._plain: frozenset[str] | None = None
        self._vocab: Any = None
        if context.version is not None:
            from riskfmt.schema_check import sample_validator

            self._validator = sample_validator(context.version)
        if isinstance(context.cited, str):
            from riskfmt.semantic import _vocabulary_for
            from riskfmt.vocab_index import plain_risk_ids

            vocab, _, _ = _vocabulary_for({"vocabulary_version": context.cited}, source)
            if vocab is not None:
                self._vocab = vocab
                self._plain = plain_risk_ids(vocab.version, context.cited)

    def close(self) -> None:
        """Close the temporary files of the duplicate rule."""
        self.keys.close()

    def batch(self, e_index: int, offset: int, rows: list[Any]) -> None:
        import orjson

        try:
            dumped = orjson.dumps(rows, option=orjson.OPT_STRICT_INTEGER)
        except (TypeError, ValueError) as exc:  # an integer past 2^53 (RF116): the normal path decides
            raise _Refused("unserialisable row") from exc
        self.colons += dumped.count(b":")
        self.nulls += dumped.count(b"null")
        base = f"/evaluations/{e_index}/samples/inline"
        self._leaks(e_index, base, offset, rows)
        if self._validator is None:
            return
        from riskfmt.schema_check import translate

        validator = self._validator
        if not all(map(validator.is_valid, rows)):
            for index, row in enumerate(rows, start=offset):
                if not validator.is_valid(row):
                    for error in validator.iter_errors(row):
                        self.schema.extend(translate(error, self.source, f"{base}/{index}"))
            return  # with any schema finding no semantic rule runs: nothing more to gather
        if self.schema:
            return
        self.keys.add(e_index, rows)
        plain = self._plain
        if plain is not None:
            from itertools import chain

            every = chain.from_iterable(filter(None, map(methodcaller("get", "risks"), rows)))
            if not plain.issuperset(every):
                from riskfmt.semantic import check_vocabulary_refs

                found = self.vocabulary.setdefault(e_index, [])
                for index, row in enumerate(rows, start=offset):
                    risks = row.get("risks")
                    if risks and not plain.issuperset(risks):
                        found.extend(check_vocabulary_refs(self._vocab, str(self.context.cited), risks,
                                                           f"{base}/{index}/risks", self.source))

    def _leaks(self, e_index: int, base: str, offset: int, rows: list[Any]) -> None:
        from riskfmt.integrity.leaks.collect import Collector, Totals
        from riskfmt.integrity.leaks.samples import check_samples

        chunk, pieces = Collector(self.source), Totals()
        check_samples(rows, "", self.context.declared, chunk, pieces)
        state = self.leaks.get(e_index)
        if state is None:
            state = self.leaks[e_index] = _LeakRows(Totals())
        listed: dict[str, int] = {}
        for finding in chunk.findings:
            listed[finding.code] = listed.get(finding.code, 0) + 1
            state.add(finding, base, offset)
        for code, count in chunk.counts.items():
            state.total[code] = state.total.get(code, 0) + count - listed.get(code, 0)
        for piece, where in pieces.pieces.items():
            index, _, rest = where[1:].partition("/")
            state.pieces.piece(piece, f"{base}/{offset + int(index)}/{rest}")


def key_hashes(e_index: int, rows: list[Any]) -> list[int]:
    """The hash of (evaluation index, sample id, epoch) of each row, at C level."""
    return list(map(hash, zip(repeat(e_index), map(itemgetter("sample_id"), rows),
                              map(methodcaller("get", "epoch", 1), rows), strict=False)))


_SLICES = 64
_IN_MEMORY = 1 << 18  # hashes kept in a list before the slice files are opened (2 MB)
_SLICE_BOUNDS = [-(1 << 63) + k * ((1 << 64) // _SLICES) for k in range(1, _SLICES)]


class _KeyHashes:
    """The (sample id, epoch) keys of one array, as 64-bit hashes in bounded memory, for the duplicate rule
    (RF514): each batch's hashes are sorted and split by their top bits into ``_SLICES`` temporary files, and at
    the end each file is read alone into a set (a slice of everything). A hash seen twice makes its key a
    candidate, confirmed exactly on a second reading; a clean array is read once. All per-row work is C-level
    (``map``, ``sorted``, ``array.tofile``); riskfmt._dedup does the same for samples files with per-run
    sorting, which costs several times more on millions of rows."""

    _SLICES = _SLICES
    _BOUNDS = _SLICE_BOUNDS

    def __init__(self) -> None:
        self._files: list[Any] | None = None
        self._first: list[int] = []  # hashes of the first rows, kept in memory while there are few

    def add(self, e_index: int, rows: list[Any]) -> None:
        hashes = key_hashes(e_index, rows)
        if self._files is None:
            self._first += hashes
            if len(self._first) < _IN_MEMORY:
                return
            hashes, self._first = self._first, []
            self._open()
        self._write(hashes)

    def _open(self) -> None:
        import tempfile

        self._files = [tempfile.TemporaryFile() for _ in range(self._SLICES)]  # noqa: SIM115 - closed in candidates

    def _write(self, hashes: list[int]) -> None:
        from array import array
        from bisect import bisect_left

        assert self._files is not None
        ordered = sorted(hashes)
        start = 0
        for index, bound in enumerate([*self._BOUNDS, None]):
            end = len(ordered) if bound is None else bisect_left(ordered, bound, start)
            if end > start:
                array("q", ordered[start:end]).tofile(self._files[index])
            start = end

    def close(self) -> None:
        for handle in self._files or ():
            handle.close()
        self._files = None

    def candidates(self) -> set[int]:
        """The hashes seen more than once; closes the files. One slice is in memory at a time."""
        from array import array

        found: set[int] = set()
        if self._files is None:
            _repeated(self._first, found)
            return found
        for handle in self._files:
            size = handle.seek(0, 2)
            handle.seek(0)
            stored = array("q")
            stored.fromfile(handle, size // stored.itemsize)
            handle.close()
            _repeated(stored.tolist(), found)
        self._files = None
        return found


def _repeated(values: list[int], found: set[int]) -> None:
    if len(set(values)) != len(values):
        seen: set[int] = set()
        # set.add returns None: `or seen.add(value)` records a first sighting and keeps it out of the hits
        found.update(value for value in values if value in seen or seen.add(value))  # type: ignore[func-returns-value]


# ``check_samples`` finds, for one array: the content fields' sizes row by row, then the sample ids, then ids
# that read as text, then withheld fields one field at a time. Findings of one code keep that order, whatever the
# batches (a cap keeps the first ones of a code).
_CONTENT_FIELDS = {"input": 0, "output": 1, "target": 2}
_WITHHELD_FIELDS = {"input": 0, "output": 1, "target": 2, "input_digest": 3, "output_digest": 4}


class _LeakRows:
    """The leak scan's findings for the rows of one array: at most the collector's cap per code and place in
    that order (enough for the first ones of every code), and how many there were in all."""

    def __init__(self, pieces: Any) -> None:
        from riskfmt.integrity.leaks.patterns import MAX_PER_CODE

        self.found: list[tuple[tuple[int, ...], str, str, Any]] = []
        self.total: dict[str, int] = {}
        self.pieces = pieces
        self._groups: dict[tuple[str, tuple[int, ...]], int] = {}
        self._limit = MAX_PER_CODE

    def add(self, finding: Finding, base: str, offset: int) -> None:
        code = finding.code
        self.total[code] = self.total.get(code, 0) + 1
        index, _, field = finding.location.pointer[1:].partition("/")
        row = offset + int(index)
        if code == "RF706":
            key: tuple[int, ...] = (3, _WITHHELD_FIELDS.get(field, 9), row)
        elif code == "RF750":
            key = (2, 0, row)
        elif field == "sample_id":
            key = (1, 0, row)
        else:
            key = (0, row, _CONTENT_FIELDS.get(field, 9))
        group = (code, key[:2] if key[0] else (0,))
        kept = self._groups.get(group, 0)
        if kept >= self._limit:
            return
        self._groups[group] = kept + 1
        pointer = f"{base}/{row}" + (f"/{field}" if field else "")
        self.found.append((key, code, pointer, finding.params))
