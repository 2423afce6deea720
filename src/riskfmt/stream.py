"""``riskfmt validate --stream``: an evaluation report of any size checked in bounded memory.

The normal path parses the whole report into Python objects, which for millions of inline samples costs
several times the file's size in memory. Here the report is read once by ijson's C parser (``yajl2_c``) and
everything but the inline samples is kept (the *skeleton*, small whatever the file's size); the rows of each
``evaluations[i].samples.inline`` array are taken out in batches while they are being built, checked, and
dropped. The skeleton then goes through the very checks of the normal path (``validation.validate_document``),
with each inline array replaced by a ``StreamedRows`` that answers for its rows where those checks ask: the
schema of every row (``schema_findings``), the leak scan's sample checks (``check_leaks``, ``first_digests``),
and the semantic rules of samples (``check_rules``: duplicates, risk ids, ids cited by findings). So the
findings, their pointers, codes and parameters are those of the normal path; ``tests/test_stream.py``
compares both on every example, every real-world conversion and hypothesis-generated reports.

How the rows are taken out: ijson builds the document with a ``map_type`` callable of ours, called for every
JSON object it starts. Containers are linked to their parent when they start, so from the root object the
array being filled is reachable (``root["evaluations"][-1]["samples"]["inline"]``); every row in it but the
last (which may still be being filled) is complete, and is checked and removed. The parser keeps appending to
the same list. Memory is the skeleton plus one batch of rows.

The report id (RF508) is a digest of the defining content (``riskfmt.identity``), which holds no sample: the
skeleton gives the same id as the whole report.

Anything the streaming path cannot judge exactly goes to the normal path on the whole file, so a finding is
never lost: a file that is not well-formed JSON (every parse finding is the normal path's), a byte-order mark,
a YAML file, integers beyond 2^53 or numbers that overflow a double, an escaped colon, a key repeated within
one object (the colons of the input and of the parsed rows differ), a document that is not an evaluation
report. Those files are rare and broken; their memory is the normal path's.

Some rules need what comes after the rows in the file (the vocabulary version, ``disclosure``, the sample ids
findings cite, or whether two rows share an id and epoch): the rows are then read a second time, for those
rules only (``_second_pass``).

.. versionadded:: 0.3
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from operator import itemgetter, methodcaller
from typing import Any

from riskfmt.findings import FileResult, Finding
from riskfmt.loading import Document

__all__ = ["STREAM_THRESHOLD", "StreamedDocument", "StreamedRows", "available", "chooser", "validate_stream"]

# From this size on `riskfmt validate` streams a JSON report without being asked (docs/streaming.md): below
# it the normal path is faster and its memory (about 5-6 times the file) is still modest.
STREAM_THRESHOLD = 512 << 20

_BATCH = 4096  # rows checked at a time: large enough for C-level iteration, small in memory
_READ = 1 << 20  # bytes ijson reads at a time
_ROWS_PREFIX = ("evaluations", "samples", "inline")


def available() -> bool:
    """Whether ijson with its C backend is installed (the ``[stream]`` extra)."""
    try:
        import ijson.backends.yajl2_c  # noqa: F401
    except ImportError:
        return False
    return True


class _Refused(Exception):
    """The streaming path cannot judge this file exactly: the normal path takes it."""


# ------------------------------------------------------------------------------------------------
# reading
# ------------------------------------------------------------------------------------------------


class _Guard:
    """The file as ijson reads it, with the checks that decide whether the streaming path is exact: colons
    counted (duplicate keys), and the inputs the normal loader treats specially refused (see the module's
    docstring). ``read`` is called once per megabyte."""

    _SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
    _PAIR = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")

    def __init__(self, handle: Any, take: Callable[[], None]) -> None:
        self._handle, self._take = handle, take
        self.colons = self.nulls = 0
        self.size = 0
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        self._take()  # what the parser built from the previous read
        data = self._handle.read(size)
        if self.size == 0 and data[:3] == b"\xef\xbb\xbf":
            raise _Refused("byte-order mark")
        self.size += len(data)
        self.colons += data.count(b":")
        # each "null" counted once: in this read, or across the boundary with the previous one
        self.nulls += data.count(b"null") + (self._tail[-3:] + data[:3]).count(b"null")
        if b"\x00" in data:
            raise _Refused("a NUL byte")
        if data.find(b"\\") != -1 or self._tail.find(b"\\") != -1:  # one memchr; escapes are looked at only if any
            probe = self._tail + data  # an escape split between two reads is seen whole here
            if (b"\\u003a" in probe or b"\\u003A" in probe
                    or len(self._SURROGATE.findall(probe)) != 2 * len(self._PAIR.findall(probe))):
                raise _Refused("an escaped colon or a lone surrogate, maybe")  # the normal path decides (RF115)
        self._tail = data[-16:]
        return data


class _Pass:
    """One reading of the file: the skeleton, and every inline row handed to ``on_rows(e_index, offset, rows)``
    in batches, in order.

    ijson makes every JSON object by calling ``map_type``: here a C-level iterator whose first object is
    ``root``, kept, so that the document being built can be looked at while it grows, and whose others are
    new dictionaries (no Python call per object). Each time ijson reads (a megabyte), the evaluations
    completed since are emptied of their rows, and so is the one being read but for its last row, which may
    be unfinished: the rows are complete, and the parser goes on appending to the same list."""

    def __init__(self, path: str, on_rows: Callable[[int, int, list[Any]], None]) -> None:
        self.path, self.on_rows = path, on_rows
        self.root: dict[str, Any] = {}
        self.counts: dict[int, int] = {}  # evaluation index -> rows taken
        self._done = 0  # evaluations before this index are complete and emptied

    def _take(self, final: bool = False) -> None:
        evaluations = self.root.get("evaluations")
        if type(evaluations) is not list or not evaluations:
            return
        last = len(evaluations) if final else len(evaluations) - 1
        for e_index in range(self._done, last):
            self._flush(e_index, evaluations[e_index], complete=True)
        self._done = max(self._done, last)
        if not final:
            self._flush(last, evaluations[last], complete=False)

    def _flush(self, e_index: int, evaluation: Any, *, complete: bool) -> None:
        samples = evaluation.get("samples") if type(evaluation) is dict else None
        rows = samples.get("inline") if type(samples) is dict else None
        if type(rows) is not list:
            return
        taken = rows[:] if complete else rows[:-1]  # the last row may still be being filled
        if not taken:
            return
        del rows[:len(taken)]
        offset = self.counts.get(e_index, 0)
        self.counts[e_index] = offset + len(taken)
        self.on_rows(e_index, offset, taken)

    def run(self) -> tuple[dict[str, Any], _Guard]:
        from itertools import chain, repeat, starmap

        from ijson.backends import yajl2_c
        from ijson.common import JSONError

        maps = chain((self.root,), starmap(dict, repeat(())))
        with open(self.path, "rb") as handle:
            guard = _Guard(handle, self._take)
            try:
                parsed = yajl2_c.items(guard, "", map_type=maps.__next__, use_float=True, buf_size=_READ)
                document = next(parsed, None)
                if next(parsed, None) is not None:
                    raise _Refused("more than one value")
            except (JSONError, ValueError, UnicodeDecodeError, RecursionError) as exc:
                raise _Refused(f"not well-formed JSON ({type(exc).__name__})") from exc
        if document is not self.root:
            raise _Refused("not an object at the top")
        self._take(final=True)
        return document, guard


# ------------------------------------------------------------------------------------------------
# the rows
# ------------------------------------------------------------------------------------------------


class _Context:
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

    def __init__(self, state: _Rows, e_index: int, count: int) -> None:
        super().__init__()
        self._state, self.e_index, self.count = state, e_index, count

    def __bool__(self) -> bool:  # the leak scan looks only at arrays that hold rows
        return self.count > 0

    __hash__ = None  # type: ignore[assignment]

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


class _Rows:
    """The checks of every inline row, batch by batch, and what they found, per evaluation."""

    def __init__(self, source: str, context: _Context) -> None:
        self.source, self.context = source, context
        self.schema: list[Finding] = []
        self.leaks: dict[int, _LeakRows] = {}
        self.keys: dict[int, _KeyHashes] = {}
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
            from riskfmt.vocab_index import plain_risk_ids

            from riskfmt.semantic import _vocabulary_for

            vocab, _, _ = _vocabulary_for({"vocabulary_version": context.cited}, source)
            if vocab is not None:
                self._vocab = vocab
                self._plain = plain_risk_ids(vocab.version, context.cited)

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
        keys = self.keys.get(e_index)
        if keys is None:
            keys = self.keys[e_index] = _KeyHashes()
        keys.add(rows)
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
                        found.extend(check_vocabulary_refs(self._vocab, self.context.cited, risks,
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


_SLICES = 64
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

    def add(self, rows: list[Any]) -> None:
        hashes = list(map(hash, zip(map(itemgetter("sample_id"), rows), map(methodcaller("get", "epoch", 1), rows))))
        if self._files is None:
            self._first += hashes
            if len(self._first) < 1 << 18:
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

    def candidates(self) -> set[int]:
        """The hashes seen more than once; closes the files."""
        from array import array

        parts: list[list[int]] = [self._first]
        if self._files is not None:
            parts = []
            for handle in self._files:
                size = handle.seek(0, 2)
                handle.seek(0)
                part = array("q")
                part.fromfile(handle, size // part.itemsize)
                handle.close()
                parts.append(part.tolist())
        found: set[int] = set()
        for part in parts:
            if len(set(part)) != len(part):
                seen: set[int] = set()
                found.update(value for value in part if value in seen or seen.add(value))  # type: ignore[func-returns-value]
        return found


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


# ------------------------------------------------------------------------------------------------
# the document
# ------------------------------------------------------------------------------------------------


class StreamedDocument(Document):
    """The skeleton as a parsed document, with positions found by reading the file again
    (``riskfmt.stream_positions``) and the rows' schema findings for the validator."""

    def __init__(self, source: str, data: Any, path: str, rows: _Rows) -> None:
        super().__init__(source=source, data=data, parsed=True, syntax="json")
        self._path, self.streamed_rows = path, rows

    def positions(self, pointers: list[str]) -> dict[str, tuple[int, int]]:
        from riskfmt.stream_positions import locate_in_file

        return locate_in_file(self._path, pointers)

    def row_schema_findings(self) -> list[Finding]:
        return self.streamed_rows.schema


def validate_stream(path: str | os.PathLike[str], source: str | None = None, *,
                    check_samples: bool = True) -> FileResult:
    """Validate one JSON evaluation report file in bounded memory, with the findings of ``riskfmt.validate``.

    .. versionadded:: 0.3
    """
    from riskfmt.loading import paused_gc

    path = os.fspath(path)
    shown = source or path
    base_dir = Path(path).parent
    try:
        with paused_gc():
            document = _streamed(path, shown)
    except _Refused:
        document = None
    if document is None:
        return _normal(path, shown, base_dir, check_samples)
    from riskfmt.validation import validate_document

    return validate_document(document, base_dir=base_dir, check_samples=check_samples)


def _normal(path: str, source: str, base_dir: Path, check_samples: bool) -> FileResult:
    from riskfmt.loading import read_source
    from riskfmt.validation import validate_bytes

    data, problem = read_source(path, max_size=1 << 62)
    if problem is not None or data is None:
        return FileResult(source=source, findings=[problem] if problem else [])
    return validate_bytes(data, source, base_dir=base_dir, check_samples=check_samples)


def _streamed(path: str, source: str) -> StreamedDocument | None:
    """The skeleton with its rows checked, or None when the normal path must take the file."""
    if path.lower().endswith((".yaml", ".yml")):
        return None
    holder: dict[str, _Rows] = {}
    first: list[_Context] = []
    reading = _Pass(path, lambda e, offset, rows: _first_batch(reading, holder, first, source, e, offset, rows))
    document, guard = reading.run()
    if document.get("kind") != "evaluation-report":
        return None  # the other kinds have no inline samples: the normal path
    import orjson

    context = _Context(document)
    rows = holder.get("rows") or _Rows(source, context)
    try:
        dumped = orjson.dumps(document, option=orjson.OPT_STRICT_INTEGER)
    except (TypeError, ValueError):  # nesting past orjson's limit, an integer past 2^53: the normal path
        return None
    if guard.colons != dumped.count(b":") + rows.colons or guard.nulls != dumped.count(b"null") + rows.nulls:
        # a key repeated within an object (one colon lost), or a number past a double (written back as null):
        # the normal path finds them exactly
        return None
    if not holder or context.key() != first[0].key():
        # the rows were read before the context they need (it follows them in the file): read them again
        rows = _Rows(source, context)
        again = _Pass(path, rows.batch)
        again.run()
    _second_pass(path, document, rows, reading.counts)
    for e_index, count in reading.counts.items():
        evaluation = document["evaluations"][e_index]
        evaluation["samples"]["inline"] = StreamedRows(rows, e_index, count)
    return StreamedDocument(source, document, path, rows)


def _first_batch(reading: _Pass, holder: dict[str, _Rows], first: list[_Context], source: str, e_index: int,
                 offset: int, rows: list[Any]) -> None:
    if not holder:
        root = reading.root or {}
        first.append(_Context(root))
        holder["rows"] = _Rows(source, first[0])
    holder["rows"].batch(e_index, offset, rows)


def _second_pass(path: str, document: dict[str, Any], rows: _Rows, counts: dict[int, int]) -> None:
    """What needs the whole report before the rows: duplicate (id, epoch) keys confirmed exactly (when their
    hashes repeated), the ids findings cite, and the digests of withheld rows that free text repeats."""
    import hashlib

    from riskfmt.caps import Tally

    evaluations = document["evaluations"]
    candidates = {e: keys.candidates() for e, keys in rows.keys.items()}
    candidates = {e: found for e, found in candidates.items() if found}
    cited: dict[int, set[str]] = {}
    for e_index in counts:
        wanted = {i for f in evaluations[e_index].get("findings") or [] for i in f.get("sample_ids") or []}
        if wanted:
            cited[e_index] = wanted
    fields = [f for f, kind in (("input_digest", "sample_input"), ("output_digest", "sample_output"))
              if kind in rows.context.declared]
    texts: set[str] = set()
    if fields:
        from riskfmt.integrity.leaks.withheld import _free_texts

        for _, text in _free_texts(document):
            for part in {text, text.strip(), *(p.strip() for p in text.split("\n")),
                         *(p.strip() for p in text.split("\n\n"))}:
                if part:
                    texts.add(hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest())
    if rows.schema:  # the semantic rules will not run: only the leak scan's digests are wanted
        candidates, cited = {}, {}
    if not (candidates or cited or texts):
        return
    first_seen: dict[int, dict[tuple[str, int], int]] = {e: {} for e in candidates}
    tallies = {e: Tally() for e in candidates}
    source = rows.source

    def on_rows(e_index: int, offset: int, batch: list[Any]) -> None:
        base = f"/evaluations/{e_index}/samples/inline"
        hashes = candidates.get(e_index)
        wanted = cited.get(e_index)
        for index, row in enumerate(batch, start=offset):
            if type(row) is not dict:
                continue
            key = (row.get("sample_id"), row.get("epoch", 1))
            if hashes is not None and hash(key) in hashes:
                seen = first_seen[e_index]
                if key in seen:
                    tallies[e_index].add(Finding.make("RF514", source, f"{base}/{index}", id=key[0], epoch=key[1]))
                else:
                    seen[key] = index
            if wanted is not None and key[0] in wanted:
                rows.cited_found.setdefault(e_index, set()).add(key[0])
            for field in fields:
                value = row.get(field)
                if type(value) is str and value.startswith("sha256:") and value[7:] in texts:
                    rows.digests.setdefault(e_index, {}).setdefault(value[7:], f"{base}/{index}/{field}")

    _Pass(path, on_rows).run()
    for e_index, tally in tallies.items():
        rows.duplicates[e_index] = tally.finish()


def chooser(mode: bool | None, *, check_samples: bool = True, max_size: int | None = None,
            threshold: int = STREAM_THRESHOLD) -> Callable[[str], FileResult | None] | None:
    """What ``riskfmt.validate(..., stream=)`` takes: True streams every JSON file, None (the default of
    ``riskfmt validate``) the JSON files of ``threshold`` bytes or more when ijson is installed, False none.
    YAML, standard input and anything but a regular file go the normal way, and so does a file larger than an
    explicit ``max_size`` (which the normal way refuses with its finding); the normal way's default limit
    (1 GiB, there to bound memory) does not apply to a streamed file.

    .. versionadded:: 0.3
    """
    if mode is False or (mode is None and not available()):
        return None

    def offer(path: str) -> FileResult | None:
        if path.lower().endswith((".yaml", ".yml")) or not os.path.isfile(path):
            return None
        size = os.path.getsize(path)
        if (mode is None and size < threshold) or (max_size is not None and size > max_size):
            return None
        return validate_stream(path, check_samples=check_samples)

    return offer
