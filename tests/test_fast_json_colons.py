"""The duplicate-key check of the fast JSON path (riskfmt.loading): the colons of the input, escaped ones
counted, against the colons orjson writes for the tree, written a slice at a time.

Both halves are checked against the straightforward forms: the sliced count against one ``orjson.dumps`` of the
whole tree (the walk's limits lowered so that every branch of it runs on small trees), and the fast path as a
whole against the exact parser, with escaped colons, escaped backslashes before ``u003a``, repeated keys that
hold escaped colons, and Go's ``\\u003c``/``\\u003e`` escapes put anywhere."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_text import json_text as _text

from riskfmt import loading

_KEYS = st.sampled_from(["a", "b", "a:b", ":", "\u00e9", "\x00"]) | st.text(max_size=3)
_SCALARS = (st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(st.characters(codec="utf-8"), max_size=5) | st.sampled_from(["a:b", "::", "e+"]))
_TREES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=8)
                      | st.dictionaries(_KEYS, inner, max_size=6), max_leaves=60)


@pytest.fixture(params=["msgspec", "orjson"])
def route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(loading, "_MSGSPEC", request.param == "msgspec")
    return str(request.param)


@given(_TREES, st.integers(0, 4), st.integers(0, 6), st.integers(1, 5), st.integers(0, 40))
@settings(max_examples=500, deadline=None)
def test_sliced_colons_are_those_of_one_whole_serialisation(tree: object, opened: int, few: int, slice_: int,
                                                            openings: int) -> None:
    try:
        whole: bytes | None = orjson.dumps(tree, option=orjson.OPT_STRICT_INTEGER)
    except orjson.JSONEncodeError:  # an integer beyond 2^53 - 1: refused in whichever slice holds it
        whole = None
    limits = {"_OPENED": opened, "_FEW": few, "_SLICE": slice_, "_OPENINGS": openings}
    saved = {name: getattr(loading, name) for name in limits}
    try:
        for name, value in limits.items():
            setattr(loading, name, value)
        if whole is None:
            with pytest.raises(orjson.JSONEncodeError):
                loading._colons_written(tree, exponents=True)
        else:
            assert loading._colons_written(tree, exponents=True) == (whole.count(b":"), b"e+" in whole)
    finally:
        for name, value in saved.items():
            setattr(loading, name, value)


@pytest.mark.parametrize("value", [2**53, -(2**53), 2**70])
def test_an_unsafe_integer_anywhere_is_refused_by_the_sliced_serialisation(value: int) -> None:
    """Strict integers hold in every slice: the exact parser must get the document (RF116)."""
    rows = [{"n": 1}] * (loading._SLICE * 2 + 5)
    for tree in ({"rows": [*rows, {"n": value}]}, {"a": {"b": [value]}}, [[[[[[[[value]]]]]]]]):
        with pytest.raises(orjson.JSONEncodeError):
            loading._colons_written(tree)


_ODD = st.sampled_from(['"a\\u003ab"', '"\\u003A"', '"\\\\u003a"', '"\\\\\\u003a"', '"\\u003c\\u003e"', '"\\u0030"',
                        '{"\\u003a": 1, "\\u003a": 2}', '{"x\\u003a": 1, "x:": 2}', '{"k": "\\u003a", "k": 1}',
                        '{"a": 1}', '{"a": 1, "a": 1}'])


_PAIRS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.lists(st.tuples(_KEYS, inner), max_size=4), max_leaves=25)


@given(_PAIRS, st.lists(_ODD, max_size=3), st.booleans())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # a constant
def test_escaped_colons_and_repeated_keys_agree_with_the_exact_parser(route: str, value: object, odd: list[str],
                                                                      ascii_only: bool) -> None:
    body = _text(value)
    if ascii_only:  # as Python's json module writes by default: every non-ASCII character escaped
        body = json.dumps(json.loads(body)) if "\\ud8" not in body and not _repeats(body) else body
    data = ("[" + ",".join([body, *odd]) + "]").encode()
    exact = loading.Document(source="x.json", text=data.decode())
    loading._load_json(exact, data, data.decode())
    fast = loading.Document(source="x.json")
    if loading._load_json_fast(fast, data):  # taken: it must be what the exact parser gives, without findings
        assert exact.parsed and not exact.findings
        assert json.dumps(fast.data) == json.dumps(exact.data)
    else:  # refused: the exact parser decides
        assert not fast.parsed and not fast.findings
    if route == "msgspec" and exact.parsed and not exact.findings and b"\\\\u003" not in data:
        assert fast.parsed  # escaped colons no longer send a clean document to the exact parser (only a
        # "\\u003a" that is no escape, an escaped backslash before "u003a", still does: counted but not written)


def _repeats(text: str) -> bool:
    try:
        json.loads(text, object_pairs_hook=_strict)
    except ValueError:
        return True
    return False


def _strict(pairs: list[tuple[str, object]]) -> dict[str, object]:
    if len({k for k, _ in pairs}) != len(pairs):
        raise ValueError("repeated key")
    return dict(pairs)


def test_an_escaped_colon_keeps_the_fast_path_and_a_repeated_key_beside_it_is_still_found(
        route: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = loading._load_json_exact

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(loading, "_load_json_exact", counted)
    filler = ["x" * 64] * (loading._LARGE // 60 + 1)
    clean = json.dumps({"id": "a\\u003ab", "filler": filler}).replace("\\\\u003a", "\\u003a").encode()
    doc = loading.load_bytes(clean, "r.json")
    assert doc.parsed and doc.data["id"] == "a:b" and not calls
    repeated = clean.replace(b'"id"', b'"k": "\\u003a", "k": 1, "id"', 1)
    doc = loading.load_bytes(repeated, "r.json")
    assert [f.code for f in doc.findings] == ["RF105"] and calls == [1]
