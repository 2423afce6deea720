"""The leak scan's raw pass and its fast paths give what the straightforward searches give.

Each fast path (a search that avoids a slow case of ``bytes.find`` or of the regular-expression engine) is
compared with the plain search it replaced, by hypothesis, on text made of the characters the searches look for.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.integrity.leaks import candidates as raw_pass
from riskfmt.integrity.leaks import document as leaks_document
from riskfmt.integrity.leaks import samples as leaks_samples
from riskfmt.integrity.leaks.collect import Collector, Totals

# pieces that make hex runs, separated hex pairs, tokens and JSON punctuation likely
_PIECES = st.sampled_from([b"0", b"a", b"f", b"9", b"de", b"ad", b"00", b"g", b"Z", b"Q", b" ", b",", b"-", b":",
                           b'"', b"\t", b"=", b"_", b".", b"[", b"]", b"{", b"}", b"x", b"0x", b"e", b"-of-",
                           b"12345", b"de ad ", b"de:ad:", b"be-ef-", b" 00 11 22 33 44 55 66",
                           b":aa:bb:cc:dd:ee:ff:00", b"sha256:", b"0" * 24, b"ab" * 8])
_TEXT = st.lists(_PIECES, max_size=120).map(b"".join)


def _reference_separated(classes: bytes, needle: bytes) -> list[int]:
    """The loop ``candidates`` had: one ``bytes.find`` of the whole needle, then the next token."""
    found = []
    at = classes.find(needle)
    while at != -1:
        found.append(at + 1)
        end = classes.find(b" ", at + 1)
        at = classes.find(needle, end if end != -1 else len(classes))
    return found


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(range(len(raw_pass._SEPARATED))))
def test_separated_hex_pairs_are_found_where_find_finds_them(text: bytes, which: int) -> None:
    classes = text.translate(raw_pass._classes())
    needle = raw_pass._SEPARATED[which]
    assert raw_pass._separated(classes, raw_pass._RAW["separated"][which]) == _reference_separated(classes, needle)


def test_separated_hex_pairs_next_to_digests() -> None:
    # a separated run right after a token that is a long hex run, one at the very start, and two in one token
    texts = (b'"q' * 30 + b' 00 11 22 33 44 55 66"' * 2 + b"de ad be ef 00 11 22 33 44", b'"' + b"de:" * 8 + b'ad"',
             b"de ad be ef 00 11 22 33 44", b'"' + b"0" * 64 + b" 00 11 22 33 44 55 66 77" + b' 88"',
             b'"sha256:' + b"0" * 64 + b'"' * 3, b"de-ad-be-ef-00-11-22-33 " * 3)
    for text in texts:
        classes = text.translate(raw_pass._classes())
        for which, needle in enumerate(raw_pass._SEPARATED):
            expected = _reference_separated(classes, needle)
            assert raw_pass._separated(classes, raw_pass._RAW["separated"][which]) == expected
    classes = b"de ad be ef 00 11 22 33 44".translate(raw_pass._classes())
    assert raw_pass._separated(classes, raw_pass._RAW["separated"][0]) == [1]


# the patterns as they were first written; possessive quantifiers now stop the engine from giving back what the next
# step cannot use, and the alternatives of "dots" are tried in the other order (their first characters differ)
_WRITTEN = {"dots": rb"\.(?:\d{3,}(?:,\s?|\s{1,2})-?\d{1,6}\.\d{3}|[A-Za-z])", "arrays": rb"\[\s*-?\d"}
_NUMBERS = st.lists(st.sampled_from([b".", b"1", b"12", b"1234", b"1234567", b",", b", ", b"  ", b"\t", b"-", b"[",
                                     b"a", b"Z", b"e", b".123", b"0.5678, -0.1234", b"\n"]), max_size=60).map(b"".join)


@pytest.mark.parametrize("name", sorted(_WRITTEN))
@settings(max_examples=500, deadline=None)
@given(text=_NUMBERS)
def test_possessive_patterns_match_as_written(name: str, text: bytes) -> None:
    raw_pass._classes()
    ours = [m.span() for m in raw_pass._RAW[name].finditer(text)]
    assert ours == [m.span() for m in re.finditer(_WRITTEN[name], text)]


# ------------------------------------------------------------------------------------------------
# inline samples: the longest of the content columns, asked of jsonschema-rs (samples._all_short)
# ------------------------------------------------------------------------------------------------

# strings around the limit, with astral characters and lone surrogates (which a file cannot carry, but a library
# caller's data can): len and maxLength must count them alike
_CHARS = st.sampled_from(["a", "中", "😀", "\ud800", "\udc00", "\n", ":"])
_LENGTHS = st.sampled_from([0, 1, leaks_samples.BINARY_MIN - 2, leaks_samples.BINARY_MIN - 1,
                            leaks_samples.BINARY_MIN, leaks_samples.BINARY_MIN + 1])
_STRINGS = st.one_of(st.builds(lambda c, n: c * n, _CHARS, _LENGTHS), st.text(_CHARS, max_size=8),
                     st.builds(lambda c, n, t: c * n + t, _CHARS, _LENGTHS, st.text(_CHARS, min_size=1, max_size=3)))
_VALUES = st.one_of(_STRINGS, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.builds(lambda n: [0] * n, st.sampled_from([0, 3, 255, 256, 300])),
                    st.dictionaries(st.sampled_from(["a", "b"]), st.integers(), max_size=2))
_ROWS = st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["input", "output", "target", "sample_id", "score"]), _VALUES, max_size=5),
    st.sampled_from([None, "row", 3, []])), max_size=6)


def _measured_short(rows: list) -> bool:
    """The straightforward verdict: every row is an object, and its input, output and target, where present,
    are strings shorter than BINARY_MIN."""
    return all(type(row) is dict and all(type(row[name]) is str and len(row[name]) < leaks_samples.BINARY_MIN
                                         for name in ("input", "output", "target") if name in row) for row in rows)


@settings(max_examples=600, deadline=None)
@given(_ROWS)
def test_all_short_agrees_with_the_columns_measured(rows: list) -> None:
    original = leaks_samples._MANY_ROWS
    leaks_samples._MANY_ROWS = 0  # every list is asked, however short
    try:
        assert leaks_samples._all_short(rows) == _measured_short(rows)
    finally:
        leaks_samples._MANY_ROWS = original


def test_all_short_declines_what_jsonschema_rs_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(leaks_samples, "_MANY_ROWS", 0)
    assert leaks_samples._all_short([{"input": "x"}]) is True
    for rows in ([{"input": b"bytes"}], [{"output": {1, 2}}], [{1: "a"}], [{"input": "x"}, {"target": object()}]):
        assert leaks_samples._all_short(rows) is False
    monkeypatch.setattr(leaks_samples, "_MANY_ROWS", 2)
    assert leaks_samples._all_short([{"input": "x"}]) is False  # too few rows to be worth asking


def _scan_rows(rows: list, declared: set[str]) -> tuple[list, dict, dict]:
    out, totals = Collector("<rows>"), Totals()
    leaks_samples.check_samples(rows, "/evaluations/0/samples/inline", declared, out, totals)
    findings = [(f.code, f.location.pointer, sorted(f.params.items())) for f in out.finish()]
    return findings, dict(totals.pieces), dict(totals.piece_places)


@settings(max_examples=300, deadline=None)
@given(_ROWS, st.booleans(), st.sampled_from([set(), {"sample_input"}, {"sample_output", "sample_digest"}]))
def test_check_samples_finds_the_same_with_and_without_asking(rows: list, leaky: bool, declared: set[str]) -> None:
    # the rows with ids (every other one), and with a token id, a blob and binary text: findings and totals are
    # those of the columns measured
    rows = [dict(row, sample_id=f"id-{i}") if type(row) is dict and i % 2 else row for i, row in enumerate(rows)]
    if leaky:
        rows += [{"sample_id": "AKIAIOSFODNN7EXAMPLE", "output": "ZGVhZGJlZWY" * 30},
                 {"sample_id": "s", "input": "\x01" * 300}]
    original = leaks_samples._MANY_ROWS
    try:
        leaks_samples._MANY_ROWS = 0
        asked = _scan_rows(rows, set(declared))
        leaks_samples._MANY_ROWS = 1 << 62
        measured = _scan_rows(rows, set(declared))
    finally:
        leaks_samples._MANY_ROWS = original
    assert asked == measured


class _Mapping(dict):
    """A dict subclass: ``dict.__contains__`` reads it, the rule (``type(e) is dict``) does not take it."""


_EVALUATION = st.one_of(
    st.none(), st.integers(), st.text(max_size=2), st.just([]),
    st.dictionaries(st.sampled_from(["id", "samples"]), st.one_of(
        st.none(), st.integers(), st.just({}), st.just({"inline": []}), st.just({"inline": [{"sample_id": "a"}]}),
        st.just({"file": {}}), st.just({"inline": None}), st.just([{"inline": [1]}])), max_size=2),
    st.builds(_Mapping, st.just({"samples": {"inline": [1]}})))


@settings(max_examples=500, deadline=None)
@given(st.lists(_EVALUATION, max_size=8))
def test_evaluations_with_rows_are_those_of_the_rule(evaluations: list) -> None:
    expected = [i for i, e in enumerate(evaluations) if type(e) is dict and type(e.get("samples")) is dict
                and e["samples"].get("inline")]
    assert leaks_document._with_rows(evaluations) == expected
