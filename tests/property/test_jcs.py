"""riskfmt.jcs writes exactly what the rfc8785 package writes, and refuses what it refuses."""

from __future__ import annotations

import math

import pytest
import rfc8785
from hypothesis import example, given, settings
from hypothesis import strategies as st

from riskfmt import jcs

# keys and strings from every plane, controls and the characters where the key orders of UTF-16 and of code
# points differ (U+E000-U+FFFF against U+10000 and above)
_text = st.text(st.characters(codec="utf-8"), max_size=6) | st.sampled_from(
    ["", "a", "\ue000", "\uffff", "\U0001f600", "\U00010000", "\x00", "\x1f", "\x7f", "\u2028", "a:1.0,", "1e+5",
     "null"]
)
_floats = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.0, -0.0, 1.0, -1.0, 1e16, 1e20, 1e21, 1e-6, 1e-7, 2.5e-5, 1e15 + 0.5, 9007199254740992.0, 5e-324,
     1.7976931348623157e308, 123.456]
)
_scalars = st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | _floats | _text
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
                     max_leaves=30)


def _reference(value: object) -> bytes | type:
    try:
        return rfc8785.dumps(value)
    except Exception as exc:
        return type(exc)


def _ours(value: object) -> bytes | type:
    try:
        return jcs.dumps(value)
    except Exception as exc:
        return type(exc)


@settings(max_examples=1500)
@given(_json)
@example({"\ue000": 1, "\U0001f600": 2, "a": 0.0})
@example([1e16, -0.0, 1e-7, 0.000001])
@example({"a": "x:1.0,", "b": 0.5})
def test_equal_to_rfc8785_on_json_values(value: object) -> None:
    assert _ours(value) == _reference(value)


# no null and no character that needs an escape: the path that rewrites integral floats on the bytes, with
# strings made of the very characters it rewrites
_plain_text = st.text(st.sampled_from(list(".0-,]}[:1e+ a")), max_size=8)
_plain = st.recursive(
    st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | _floats | _plain_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_plain_text, inner, max_size=4), max_leaves=30,
)


@settings(max_examples=1500)
@given(_plain)
@example({"a": "x.0,", "b": [0.0, -0.0, 5.0]})
@example([-0.0, -0.0, 1.0, {"k": -10.0}])
def test_equal_to_rfc8785_where_floats_are_rewritten_on_the_bytes(value: object) -> None:
    assert _ours(value) == _reference(value)


@settings(max_examples=3000)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_spelled_as_rfc8785(number: float) -> None:
    assert jcs.dumps([number, {"x": number}]) == rfc8785.dumps([number, {"x": number}])
    assert jcs.dumps(number) == rfc8785.dumps(number)


@given(st.integers())
def test_integers_inside_and_beyond_the_exact_range(number: int) -> None:
    assert _ours({"n": number}) == _reference({"n": number})


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, [math.nan], {"a": [None, math.inf]}, "\ud800",
                                   {"\udc00": 1}, {1: "a"}, 2**53, -(2**53), {"a": 2**64}, b"bytes", {1.5}])
def test_refuses_what_rfc8785_refuses(value: object) -> None:
    expected = _reference(value)
    assert isinstance(expected, type)  # the reference refuses it
    with pytest.raises(expected):
        jcs.dumps(value)


def test_the_fast_path_is_taken_for_plain_content() -> None:
    # no float to respell, no character above U+FFFF: orjson's own output, byte for byte the reference
    import orjson

    value = {"b": [1, "zh：中文", True, None], "a": {"x": "\u2028\x00"}, "c": 0.25}
    assert jcs.dumps(value) == orjson.dumps(value, option=orjson.OPT_SORT_KEYS) == rfc8785.dumps(value)


@pytest.mark.parametrize("value", [{"b": [1, "x"], "a": {"y": 0.25}},
                                   {"t": 0.0, "big": 1e16, "small": 1e-6, "z": -0.0}])
def test_the_reference_is_not_needed_for_json_values_of_one_plane(
    value: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = rfc8785.dumps(value)

    def unused(_: object) -> bytes:
        raise AssertionError("the fast path fell back")

    monkeypatch.setattr(jcs, "_reference", unused)
    assert jcs.dumps(value) == expected


@settings(max_examples=1500)
@given(_plain)
@example({"a": "x.0,", "b": [0.0, 5.0]})
@example([1.0, {"k": 10.0, "j": "a\\"}, "}"])
def test_the_split_rewrite_of_integral_floats_equals_the_one_place_at_a_time(value: object) -> None:
    # jcs._integral_outside_strings splits at every ".0" before , ] } and counts quotes in C; without "-0.0" in
    # the output it no longer goes place by place (_integral_places, which the tests above compare with rfc8785)
    import orjson

    out = orjson.dumps(value, option=jcs._OPTIONS)
    if b"\\" in out:
        return  # the rewrite on the bytes is only tried without escapes
    assert jcs._integral_outside_strings(out) == jcs._integral_places(out)
