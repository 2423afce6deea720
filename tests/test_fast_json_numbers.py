"""Large JSON goes through msgspec (or orjson) unless an integer token lies beyond ±(2^53 - 1) (riskfmt.loading).

Long digit runs inside strings (hex digests, ids) must not send a large report to the slower exact parser
(the samples-heavy benchmark held 5,084 such runs and one safe 16-digit number), and a number beyond 2^53 - 1
must still reach it (RF116), wherever the number stands. Every test runs on both routes of the fast path:
msgspec, and orjson where msgspec cannot be imported."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from json_text import json_text as _text

from riskfmt import loading
from riskfmt.loading import load_bytes


def _large(body: dict[str, object]) -> bytes:
    """A document big enough for the fast path."""
    filler = ["x" * 64] * (loading._LARGE // 60 + 1)
    return json.dumps({**body, "filler": filler}).encode()


@pytest.fixture(autouse=True, params=["msgspec", "orjson"])
def route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(loading, "_MSGSPEC", request.param == "msgspec")
    return str(request.param)


@pytest.fixture
def exact_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = loading._load_json_exact

    def counted(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "_load_json_exact", counted)
    return calls


def test_digests_and_safe_long_numbers_keep_the_fast_path(exact_calls: list[int]) -> None:
    body = {"digests": [f"sha256:{i:064d}" for i in range(50)], "id": "run-12345678901234567890",
            "hex": "sha256:4694198984395866f16672b054993e24292cdfd", "label": "a:12345678901234567890x",
            "seed": 4694198984395866, "neg": -9007199254740991, "list": [1234567890123456, 0.12345678901234567]}
    doc = load_bytes(_large(body), "x.json")
    assert doc.parsed and not doc.findings and not exact_calls
    assert doc.data["seed"] == 4694198984395866 and doc.data["neg"] == -9007199254740991


@pytest.mark.parametrize("number", ["9007199254740992", "-9007199254740993", "123456789012345678901234567890",
                                    "12345678901234567.5", "1234567890123456e3"])
@pytest.mark.parametrize("where", ['{{"a": {n}, ', '{{"a":{n},', '{{"a": [1, {n}], ', '{{"a": [\n  {n}], '])
def test_unsafe_or_unusual_long_numbers_go_to_the_exact_parser(exact_calls: list[int], number: str,
                                                               where: str, route: str) -> None:
    head = where.format(n=number).encode()
    data = head + _large({})[1:]
    doc = load_bytes(data, "x.json")
    unsafe = "." not in number and "e" not in number
    # an unsafe integer always reaches the exact parser; a long float only on the orjson route (msgspec reads
    # integers exactly, so a float there is a float, read as the exact parser reads it)
    assert bool(exact_calls) == (unsafe or route == "orjson"), "a long number token must reach the exact parser"
    assert ("RF116" in {f.code for f in doc.findings}) == unsafe  # beyond 2^53 - 1: refused as before
    if not unsafe:
        exact = loading.Document(source="x.json", text=data.decode())
        loading._load_json(exact, data, data.decode())
        assert doc.data["a"] == exact.data["a"]


@given(st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from(["", " ", "\n  "]))
@settings(max_examples=60, deadline=None)
def test_both_paths_agree_on_any_integer(value: int, space: str) -> None:
    data = b'{"n":' + space.encode() + str(value).encode() + b", " + _large({})[1:]
    fast = load_bytes(data, "x.json")
    exact = loading.Document(source="x.json")  # the reference: the exact parser alone
    loading._load_json(exact, data, data.decode())
    assert [f.code for f in fast.findings] == [f.code for f in exact.findings]
    if exact.parsed and not exact.findings:
        assert fast.data["n"] == exact.data["n"] == value


# A number token of any length and form, as it may stand in a report: integers from 0 to 40 digits, long
# fractions, exponents up to the edge of a double
_TOKENS = st.builds(
    lambda sign, whole, fraction, exponent: sign + whole + fraction + exponent,
    st.sampled_from(["", "-"]),
    st.one_of(st.just("0"), st.from_regex(r"[1-9][0-9]{0,39}", fullmatch=True)),
    st.one_of(st.just(""), st.from_regex(r"\.[0-9]{1,30}", fullmatch=True)),
    st.one_of(st.just(""), st.from_regex(r"[eE][+-]?[0-9]{1,3}", fullmatch=True)),
)


@given(st.lists(_TOKENS, min_size=1, max_size=4), st.sampled_from(["", " ", "\n  "]))
@settings(max_examples=300, deadline=None)
def test_both_paths_agree_on_any_number_token(tokens: list[str], space: str) -> None:
    # Whatever the token, the fast path either gives what the exact parser gives (orjson, msgspec and Python all
    # round decimal literals correctly) or leaves the input to it. On the orjson route the input's digit runs are
    # read only when orjson wrote a float from 1e16 up back ("e+"): an integer beyond 64 bits is such a float, one
    # within 64 bits but beyond 2^53 - 1 an integer that strict serialisation refuses. The size threshold is
    # left aside (the fast path is called directly), so that each example is small.
    data = ('{"n":[' + ",".join(space + token for token in tokens) + "]}").encode()
    exact = loading.Document(source="x.json", text=data.decode())  # as load_bytes sets it: positions read it
    loading._load_json(exact, data, data.decode())
    fast = loading.Document(source="x.json")
    if loading._load_json_fast(fast, data):
        assert exact.parsed and not exact.findings
        assert fast.data["n"] == exact.data["n"]
        assert [type(v) for v in fast.data["n"]] == [type(v) for v in exact.data["n"]]
    else:
        assert not fast.parsed and not fast.findings


def test_long_fractions_below_1e16_keep_the_fast_path(exact_calls: list[int]) -> None:
    body = {"a": 1234567890123456.5, "b": [0.12345678901234567, 123456789012345.678]}
    doc = load_bytes(_large(body), "x.json")
    assert doc.parsed and not doc.findings and not exact_calls
    assert doc.data["a"] == 1234567890123456.5


# JSON values of every kind, keys repeated now and then, strings with escapes, controls, surrogate escapes and
# characters from every plane: the fast path (on small inputs, its size threshold lowered) against the exact one
_KEYS = st.sampled_from(["a", "b", "a:b", "\u00e9", "\x00"]) | st.text(max_size=3)
_SCALARS = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(st.characters(codec="utf-8"), max_size=5))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.lists(st.tuples(_KEYS, inner), max_size=4), max_leaves=25)


@given(_VALUES, st.sampled_from(["", '"\\ud800"', '"\\udc80x"', "NaN", "-Infinity", "1e400", '"a\\u003ab"']))
@settings(max_examples=400, deadline=None)
def test_fast_and_exact_parsers_agree_on_any_document(value: object, odd: str) -> None:
    body = _text(value)
    data = ("[" + body + ("," + odd if odd else "") + "]").encode()
    exact = loading.Document(source="x.json", text=data.decode())
    loading._load_json(exact, data, data.decode())
    fast = loading.Document(source="x.json")
    if loading._load_json_fast(fast, data):  # taken: it must be what the exact parser gives, without findings
        assert exact.parsed and not exact.findings
        assert fast.data == exact.data
        assert json.dumps(fast.data) == json.dumps(exact.data)  # the same types too (1 is not 1.0)
    else:  # refused: the exact parser decides, as load_bytes would let it
        assert not fast.parsed and not fast.findings
