"""The report id of a report whose model digests repeat one value (a placeholder flood) is put together from the
canonical forms of its parts (``riskfmt.identity._one_digest_repeated``): it must be exactly the id of the RFC 8785
form the ``rfc8785`` package writes for the whole defining content, whatever the digests hold, including values
that compare equal but are written otherwise (``1``, ``1.0``, ``True``)."""

from __future__ import annotations

import copy
import hashlib

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import identity, jcs

_text = st.text(max_size=5) | st.sampled_from(["", "sha256", "\ue000", "\U0001f600", "a\"b", "\\", "\x00"])
_scalar = st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from([0.0, 1.0, 1.5, -0.0, 1e21]) | _text
_value = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
                      max_leaves=8)


def _joined(parts: list[tuple[bytes, int]]) -> bytes:
    return b"".join(piece * times for piece, times in parts)


def _reference_id(report: dict) -> str:
    return "rfr-" + hashlib.sha256(rfc8785.dumps(identity.defining_content(report))).hexdigest()[:32]


@st.composite
def _reports(draw: st.DrawFn) -> dict:
    first = draw(_value)
    count = draw(st.integers(identity._MANY, identity._MANY + 40))
    same_object = draw(st.booleans())
    digests = [first if same_object else copy.deepcopy(first) for _ in range(count)]
    if draw(st.booleans()):  # one digest that may only look like the others (equal, or written otherwise)
        digests[draw(st.integers(0, count - 1))] = draw(_value | st.just(first) | st.sampled_from(
            [{"algorithm": True}, {"algorithm": 1}, {"algorithm": 1.0}, [1], [True], 1, True, 1.0]))
    model = {"name": draw(_text), "digests": digests}
    if draw(st.booleans()):
        model["developer"] = draw(_value)
    if draw(st.booleans()):
        model["version"] = draw(_value)
    evaluations = draw(st.lists(st.dictionaries(st.sampled_from(["id", "task", "method", "settings", "notes"]),
                                                _value, max_size=4), max_size=3))
    return {"kind": draw(_value), "producer": {"organization": draw(st.dictionaries(_text, _value, max_size=2)),
                                                "tool": draw(_value)},
            "model": model, "evaluations": evaluations}


@settings(max_examples=300, deadline=None)
@given(_reports())
def test_a_repeated_digest_gives_the_id_of_the_whole_canonical_form(report: dict) -> None:
    try:
        expected: object = _reference_id(report)
    except Exception as exc:  # what rfc8785 refuses, the fast way must refuse too (the whole way raises it)
        expected = type(exc)
    try:
        ours: object = identity.report_id(report)
    except Exception as exc:
        ours = type(exc)
    assert ours == expected
    parts = identity._one_digest_repeated(identity.defining_content(report), jcs.dumps)
    if parts is not None:
        assert _joined(parts) == rfc8785.dumps(identity.defining_content(report))


def test_the_flood_takes_the_composed_way_and_lookalikes_do_not(monkeypatch: pytest.MonkeyPatch) -> None:
    digest = {"algorithm": "sha256", "digest": "0" * 64}
    report = {"kind": "evaluation-report", "producer": {"organization": {"name": {"en": "Lab"}}, "tool": None},
              "model": {"name": "m", "digests": [dict(digest) for _ in range(500)]}, "evaluations": []}
    defining = identity.defining_content(report)
    parts = identity._one_digest_repeated(defining, jcs.dumps)
    assert parts is not None and _joined(parts) == rfc8785.dumps(defining)
    assert identity.report_id(report) == _reference_id(report)
    for block in (1, 7, 499, 500, 501):  # hashed a block of copies at a time: whole blocks and a remainder
        monkeypatch.setattr(identity, "_BLOCK", block)
        assert identity.report_id(report) == _reference_id(report)
    numbered = {"algorithm": "sha256", "n": 1}
    report["model"]["digests"] = [numbered] * 499 + [{"algorithm": "sha256", "n": True}]  # equal, written otherwise
    assert identity._one_digest_repeated(identity.defining_content(report), jcs.dumps) is None
    assert identity.report_id(report) == _reference_id(report)
