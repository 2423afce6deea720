"""``riskfmt validate --stream``: an evaluation report of any size checked in bounded memory.

The normal path parses the whole report into Python objects, which for millions of inline samples costs
several times the file's size in memory. Here the report is read once by ijson's C parser (``yajl2_c``) and
everything but the inline samples is kept (the *skeleton*, small whatever the file's size); the rows of each
``evaluations[i].samples.inline`` array are taken out in batches while they are being built, checked, and
dropped. The skeleton then goes through the very checks of the normal path (``validation.validate_document``),
with each inline array replaced by a ``StreamedRows`` that answers for its rows where those checks ask: the
schema of every row (``StreamedDocument.row_schema_findings``), the leak scan's sample checks (``check_leaks``,
``first_digests``),
and the semantic rules of samples (``check_rules``: duplicates, risk ids, ids cited by findings). So the
findings, their pointers, codes and parameters are those of the normal path; ``tests/test_stream.py``
compares both on every example, every real-world conversion and hypothesis-generated reports.

How the rows are taken out: ijson builds the document, and its first object (the root) is one we hold
(``map_type``). Containers are linked to their parent when they start, so each time ijson reads (64 KiB) the
array being filled is reachable from the root (``root["evaluations"][-1]["samples"]["inline"]``); every row in
it but the last (which may still be being filled) is complete, and is checked and removed. The parser keeps
appending to the same list. Memory is the skeleton plus one read's worth of rows (64 KiB of JSON).

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

import functools
import os
import re
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any

from riskfmt.findings import FileResult, Finding
from riskfmt.loading import Document
from riskfmt.stream_rows import Rows, RowsContext, StreamedRows, _Refused, key_hashes

__all__ = ["STREAM_THRESHOLD", "StreamedDocument", "available", "chooser", "validate_stream"]

# From this size on `riskfmt validate` streams a JSON report without being asked (docs/streaming.md): both paths
# take about the same CPU time, but the normal one holds about six times the file (1.5 GB here)
STREAM_THRESHOLD = 256 << 20

# bytes ijson reads at a time, and so about a batch of rows: a few hundred rows, whose objects stay in the CPU's
# caches through the five passes the checks make over them (measured: 64 KiB reads took 5.2-5.3 s of CPU on a
# 300 MB report, 1 MiB reads 6.3-7.4 s)
_READ = 1 << 16


@functools.cache
def available() -> bool:
    """Whether ijson with its C backend is installed (the ``[stream]`` extra). Asked only when a file may be
    streamed: importing ijson costs about 3 ms, which a run of small files should not pay."""
    try:
        import ijson.backends.yajl2_c  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


# ------------------------------------------------------------------------------------------------
# reading
# ------------------------------------------------------------------------------------------------


class _Guard:
    """The file as ijson reads it, with the checks that decide whether the streaming path is exact: colons
    counted (duplicate keys), and the inputs the normal loader treats specially refused (see the module's
    docstring). ``read`` is called once per ``_READ`` bytes."""

    # a high surrogate escape not followed by a low one, or a low one not preceded by a high one
    _LONE_HIGH = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})")
    _LONE_LOW = re.compile(rb"(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")

    def __init__(self, handle: Any, take: Callable[[], None]) -> None:
        self._handle, self._take = handle, take
        self.colons = self.nulls = 0
        self.size = 0
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        self._take()  # what the parser built from the previous read
        data: bytes = self._handle.read(size)
        if self.size == 0 and data[:3] == b"\xef\xbb\xbf":
            raise _Refused("byte-order mark")
        self.size += len(data)
        self.colons += data.count(b":")
        # each "null" counted once: in this read, or across the boundary with the previous one
        self.nulls += data.count(b"null") + (self._tail[-3:] + data[:3]).count(b"null")
        if b"\x00" in data:
            raise _Refused("a NUL byte")
        if not data and self._LONE_HIGH.search(self._tail):  # the end: nothing follows the overlap
            raise _Refused("a lone surrogate, maybe")
        if data.find(b"\\") != -1 or self._tail.find(b"\\") != -1:  # one memchr; escapes are looked at only if any
            probe = self._tail + data  # an escape split between two reads is seen whole here
            if b"\\u003a" in probe or b"\\u003A" in probe or self._lone(probe):
                raise _Refused("an escaped colon or a lone surrogate, maybe")  # the normal path decides (RF115)
        self._tail = data[-16:]
        return data

    def _lone(self, probe: bytes) -> bool:
        """A surrogate escape without its other half (RF115). A high one in the last 11 bytes may be paired in the
        next read (where it is in the overlap), and a low one in the first 6 bytes was judged in the previous read."""
        end = len(probe) - 11
        return (any(match.start() < end for match in self._LONE_HIGH.finditer(probe))
                or any(match.start() >= 6 for match in self._LONE_LOW.finditer(probe)))


class _Pass:
    """One reading of the file: the skeleton, and every inline row handed to ``on_rows(e_index, offset, rows)``
    in batches, in order.

    ijson makes every JSON object by calling ``map_type``: here a C-level iterator whose first object is
    ``root``, kept, so that the document being built can be looked at while it grows, and whose others are
    new dictionaries (no Python call per object). Each time ijson reads (``_READ`` bytes), the evaluations
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
        from ijson.common import JSONError  # type: ignore[import-untyped]

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
# the document
# ------------------------------------------------------------------------------------------------


class StreamedDocument(Document):
    """The skeleton as a parsed document, with positions found by reading the file again
    (``riskfmt.stream_positions``) and the rows' schema findings for the validator."""

    def __init__(self, source: str, data: Any, path: str, rows: Rows) -> None:
        super().__init__(source=source, data=data, parsed=True, syntax="json")
        self._path, self.streamed_rows = path, rows

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
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
    made: list[Rows] = []  # their temporary files are closed whatever happens
    try:
        return _streamed_rows(path, source, made)
    finally:
        for rows in made:
            rows.close()


def _streamed_rows(path: str, source: str, made: list[Rows]) -> StreamedDocument | None:
    holder: dict[str, Rows] = {}
    first: list[RowsContext] = []
    reading = _Pass(path, lambda e, offset, rows: _first_batch(reading, holder, first, made, source, e, offset, rows))
    document, guard = reading.run()
    if document.get("kind") != "evaluation-report":
        return None  # the other kinds have no inline samples: the normal path
    import orjson

    context = RowsContext(document)
    rows = holder.get("rows") or Rows(source, context)
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
        rows = Rows(source, context)
        made.append(rows)
        again = _Pass(path, rows.batch)
        again.run()
    _second_pass(path, document, rows, reading.counts)
    for e_index, count in reading.counts.items():
        evaluation = document["evaluations"][e_index]
        evaluation["samples"]["inline"] = StreamedRows(rows, e_index, count)
    return StreamedDocument(source, document, path, rows)


def _first_batch(reading: _Pass, holder: dict[str, Rows], first: list[RowsContext], made: list[Rows], source: str,
                 e_index: int, offset: int, rows: list[Any]) -> None:
    if not holder:
        root = reading.root or {}
        first.append(RowsContext(root))
        holder["rows"] = Rows(source, first[0])
        made.append(holder["rows"])
    holder["rows"].batch(e_index, offset, rows)


def _second_pass(path: str, document: dict[str, Any], rows: Rows, counts: dict[int, int]) -> None:
    """What needs the whole report before the rows: duplicate (id, epoch) keys confirmed exactly (when their
    hashes repeated), the ids findings cite, and the digests of withheld rows that free text repeats."""
    import hashlib

    from riskfmt.caps import Tally

    evaluations = document["evaluations"]
    candidates = rows.keys.candidates()
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
    if rows.schema or rows.context.version is None:  # no semantic rule will run: only the leak scan's digests
        candidates, cited = set(), {}
    if not (candidates or cited or texts):
        return
    first_seen: dict[int, dict[tuple[Any, Any], int]] = {}
    tallies: dict[int, Tally] = {}
    source = rows.source

    def on_rows(e_index: int, offset: int, batch: list[Any]) -> None:
        # C-level tests per batch; a Python loop only over a batch that holds a candidate or a digest asked for
        base = f"/evaluations/{e_index}/samples/inline"
        wanted = cited.get(e_index)
        if wanted is not None:
            found = wanted.intersection(map(itemgetter("sample_id"), batch))
            rows.cited_found.setdefault(e_index, set()).update(found)
        if candidates and not candidates.isdisjoint(key_hashes(e_index, batch)):
            seen = first_seen.setdefault(e_index, {})
            tally = tallies.setdefault(e_index, Tally())
            for index, row in enumerate(batch, start=offset):
                key = (row["sample_id"], row.get("epoch", 1))
                if hash((e_index, *key)) not in candidates:
                    continue
                if key in seen:
                    tally.add(Finding.make("RF514", source, f"{base}/{index}", id=key[0], epoch=key[1]))
                else:
                    seen[key] = index
        if fields:
            for index, row in enumerate(batch, start=offset):
                for field in fields:
                    value = row.get(field) if type(row) is dict else None
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
    if mode is False:
        return None

    def offer(path: str) -> FileResult | None:
        if path.lower().endswith((".yaml", ".yml")) or not os.path.isfile(path):
            return None
        size = os.path.getsize(path)
        if (mode is None and size < threshold) or (max_size is not None and size > max_size):
            return None
        if mode is None and not available():
            return None
        return validate_stream(path, check_samples=check_samples)

    return offer
