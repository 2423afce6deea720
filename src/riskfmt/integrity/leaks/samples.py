"""Samples, column by column: the inline samples of a report (the bulk of many reports), checked with C-level
iterators, and the rows of a JSONL samples file (``SampleFileScan``), which get the same checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import repeat
from typing import Any

from riskfmt.findings import Finding
from riskfmt.integrity.leaks.candidates import candidates
from riskfmt.integrity.leaks.collect import Collector, Totals
from riskfmt.integrity.leaks.patterns import BINARY_MIN, ENCODED_TOTAL
from riskfmt.integrity.leaks.text import check_size, check_text
from riskfmt.integrity.leaks.withheld import CONTENT_KINDS, KIND_NAMES, identifiers_as_text, kind_zh

_SAMPLE_TEXT = ("input", "output", "target")
_SAMPLE_DECLARED = (("input", "sample_input"), ("output", "sample_output"), ("target", "sample_target"),
                    ("input_digest", "sample_digest"), ("output_digest", "sample_digest"))


def _joined_candidates(rows: list[Any], joined: str) -> Iterator[tuple[int, str]]:
    """(index, sample id) of the rows whose id (all of them ``joined`` with newlines) holds a candidate of the
    raw pass: one pass over all of them at once; the ids are listed only when there is a candidate."""
    from bisect import bisect_right
    from itertools import accumulate

    raw = joined.encode("utf-8", "surrogatepass")
    offsets = candidates(b" " + raw)
    if not offsets:
        return
    texts = list(map(dict.get, rows, repeat("sample_id"), repeat("")))
    if len(raw) == len(joined):  # ASCII: character offsets are byte offsets
        starts = [0, *accumulate(map((1).__add__, map(len, texts)))][:-1]
    else:
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text.encode("utf-8", "surrogatepass")) + 1
    seen = set()
    for offset in offsets:
        index = bisect_right(starts, max(offset - 1, 0)) - 1
        if index not in seen:
            seen.add(index)
            yield index, texts[index]


_MANY_ROWS = 1024  # from here on ``_all_short`` asks jsonschema-rs; below, the columns are measured as they are
_SHORT: list[Any] = []  # the validator of ``_all_short``, compiled on first use


def _all_short(rows: list[Any]) -> bool:
    """Whether every row is an object whose input, output and target, where present, are strings shorter than
    ``BINARY_MIN`` characters: then the longest of those columns is below ``BINARY_MIN`` (and each has a length),
    which is all ``check_samples`` asks of them. False says nothing: the columns are then measured one by one.

    jsonschema-rs looks the three members up in each row in Rust, in half the time of the three C-level passes
    of ``dict.get`` and ``len`` (55 against 115 ms for 500,000 rows). ``maxLength`` counts code points, as
    ``len`` does, lone surrogates included (``tests/integrity/test_leak_fast_paths.py`` proves both verdicts
    agree); a value it cannot read (a set, bytes, a key that is no string) is an error, and the columns are
    measured."""
    if type(rows) is not list or len(rows) < _MANY_ROWS:
        return False
    if not _SHORT:
        import jsonschema_rs  # the schema check loads it for every document anyway

        short = {"type": "string", "maxLength": BINARY_MIN - 1}
        _SHORT.append(jsonschema_rs.validator_for(
            {"type": "array", "items": {"type": "object", "properties": dict.fromkeys(_SAMPLE_TEXT, short)}}))
    try:
        return bool(_SHORT[0].is_valid(rows))
    except (ValueError, RecursionError):  # a value it cannot read ("Unsupported type"): measured instead
        return False


def check_samples(rows: list[Any], pointer: str, declared: set[str], out: Collector,
                  totals: Totals | None = None) -> None:
    """The samples array, a column at a time. Sample content (input, output, target) is content: only blobs
    and binary text count there, and only long strings can be either, so each column's longest string is
    measured with C-level iterators first. Sample ids are identifiers: the raw pass runs over all of them
    joined, and the ids it points at get the metadata checks (a token in a sample id is a leak)."""
    streamed = getattr(rows, "check_leaks", None)
    if streamed is not None:  # riskfmt.stream: the rows were checked as they were read, and not kept
        streamed(pointer, declared, out, totals)
        return
    shaped = True
    try:  # C-level passes, a column at a time: rows whose fields are all shorter than a blob cost no Python step
        longest = 0 if _all_short(rows) else max(
            max(map(len, map(dict.get, rows, repeat(name), repeat(""))), default=0) for name in _SAMPLE_TEXT)
        totals_ = ([len(r.get("input", "")) + len(r.get("output", "")) + len(r.get("target", "")) for r in rows]
                   if longest >= BINARY_MIN else [])
        # TypeError: an id is not a string, or a row is no object; dict.get mapped over repeated arguments takes
        # half the time of a methodcaller (44 against 98 ms for 500,000 rows)
        joined = "\n".join(map(dict.get, rows, repeat("sample_id"), repeat("")))
    except (TypeError, AttributeError):  # not the shape the schema guarantees: the slow, careful way
        shaped, totals_, joined = False, [BINARY_MIN] * len(rows), ""
    if totals_ and max(totals_) >= BINARY_MIN:
        for index, total in enumerate(totals_):
            row = rows[index]
            if total < BINARY_MIN or type(row) is not dict:
                continue
            for name in _SAMPLE_TEXT:
                text = row.get(name)
                if type(text) is str and len(text) >= BINARY_MIN:
                    check_size(text, f"{pointer}/{index}/{name}", out, content=True)
    if not shaped:
        for index, row in enumerate(rows):
            if type(row) is dict and type(row.get("sample_id")) is str:
                check_text(row["sample_id"], f"{pointer}/{index}/sample_id", out, totals, identifier=True)
    elif rows:
        for index, text in _joined_candidates(rows, joined):
            check_text(text, f"{pointer}/{index}/sample_id", out, totals, identifier=True)
    if declared & CONTENT_KINDS:
        identifiers_as_text(((f"{pointer}/{index}/sample_id", row.get("sample_id")) for index, row in enumerate(rows)
                             if type(row) is dict), out)
    for name, kind in _SAMPLE_DECLARED:
        if kind not in declared or (shaped and not any(map(dict.__contains__, rows, repeat(name)))):
            continue
        for index, row in enumerate(rows):
            if type(row) is dict and name in row:
                if shaped and out.full("RF706"):  # early cut-off: count the rest at C speed, no more pointers
                    out.counts["RF706"] += sum(map(dict.__contains__, rows[index:], repeat(name)))
                    break
                out.add("RF706", f"{pointer}/{index}/{name}", kind=KIND_NAMES[kind], kind_zh=kind_zh(kind))


class SampleFileScan:
    """The inline-samples leak checks for the rows of a JSONL samples file, a chunk of rows at a time.

    A samples file travels with its report (pinned by digest), so it must not carry what the report says it
    withholds, blobs in its text fields, nor tokens or encoded pieces in its sample ids. Findings name the
    samples file, the line and a pointer within the line. They are listed in (line, pointer) order whatever
    the chunking, and capped per code over the whole file as in ``scan``; the encoded pieces of sample ids
    are totalled over the whole file."""

    def __init__(self, source: str, declared: frozenset[str]) -> None:
        self.declared = set(declared)
        self._out = Collector(source)
        self._totals = Totals()

    def rows(self, rows: list[Any], lines: list[int] | range) -> None:
        """Check ``rows`` (parsed, schema-valid samples), which stand on ``lines`` of the file."""
        chunk = Collector(self._out.source)
        totals = Totals()
        check_samples(rows, "", self.declared, chunk, totals)
        for piece, pointer in totals.pieces.items():  # pointers are /<index in rows>/<field>
            index, _, rest = pointer[1:].partition("/")
            self._totals.piece(piece, f"/{rest}@{lines[int(index)]}")
        listed: dict[str, int] = {}
        located = []
        for finding in chunk.findings:
            index, _, rest = finding.location.pointer[1:].partition("/")
            located.append((int(index), rest, finding))
        located.sort(key=lambda item: item[:2])
        for row, rest, finding in located:
            listed[finding.code] = listed.get(finding.code, 0) + 1
            self._out.add(finding.code, "/" + rest, line=lines[row], column=1, **finding.params)
        for code, count in chunk.counts.items():  # the ones the chunk only counted (past its own cap)
            self._out.counts[code] = self._out.counts.get(code, 0) + count - listed.get(code, 0)

    def finish(self) -> list[Finding]:
        places = self._totals.piece_places
        length = sum(places.values())
        if length >= ENCODED_TOTAL and not self._out.has("RF702"):
            pointer, _, line = max(places, key=places.__getitem__).rpartition("@")
            self._out.add("RF715", pointer, line=int(line), column=1, length=length, places=len(places))
        return self._out.finish()
