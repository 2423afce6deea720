"""Large JSON goes through orjson unless an integer token may lie beyond ±(2^53 - 1) (riskfmt.loading).

Long digit runs inside strings (hex digests, ids) must not send a large report to the slower exact parser
(the samples-heavy benchmark held 5,084 such runs and one safe 16-digit number), and a number beyond 2^53 - 1
must still reach it (RF116), wherever the number stands."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import loading
from riskfmt.loading import load_bytes


def _large(body: dict[str, object]) -> bytes:
    """A document big enough for the fast path."""
    filler = ["x" * 64] * (loading._LARGE // 60 + 1)
    return json.dumps({**body, "filler": filler}).encode()


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
                                                               where: str) -> None:
    head = where.format(n=number).encode()
    data = head + _large({})[1:]
    doc = load_bytes(data, "x.json")
    assert exact_calls, "a long number token must reach the exact parser"
    unsafe = "." not in number and "e" not in number
    assert ("RF116" in {f.code for f in doc.findings}) == unsafe  # beyond 2^53 - 1: refused as before


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
