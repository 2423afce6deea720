"""``riskfmt.identity.report_id_of_text`` parses only what defines a report (``riskfmt._sidecar`` runs it in a
second process): whatever a report holds and however it is shaped, it gives the id ``report_id`` gives for the
whole parsed tree, or None (and never an id for a text where a key repeats, which the tree's id would not match
is not promised: the caller uses it only for exact parses, ``tests/test_sidecar.py``)."""

from __future__ import annotations

import json

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import identity

_text = st.text(max_size=6) | st.sampled_from(["", "evaluation-report", "\U0001f600", "a\"b", "\\", "\x00", "\ue000"])
_scalar = (st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1)
           | st.floats(allow_nan=False, allow_infinity=False) | _text)
_value = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
                      max_leaves=8)
_evaluation_keys = st.sampled_from(["id", "task", "method", "settings", "started", "completed", "results", "samples",
                                    "notes"])


@st.composite
def _reports(draw: st.DrawFn) -> object:
    many = draw(st.booleans())  # past identity._MANY evaluations the canonical form is written by riskfmt.jcs
    evaluation = st.dictionaries(_evaluation_keys, _value, max_size=5)
    evaluations = draw(st.lists(evaluation, min_size=identity._MANY if many else 0,
                                max_size=identity._MANY + 3 if many else 3))
    if draw(st.integers(0, 9)) == 0:  # an evaluation that is no object
        evaluations.insert(0, draw(_scalar))
    def sometimes(strategy: st.SearchStrategy[object], otherwise: st.SearchStrategy[object]) -> object:
        return draw(otherwise) if draw(st.integers(0, 4)) == 0 else draw(strategy)  # the odd shape one time in five

    report: dict[str, object] = {
        "kind": sometimes(st.just("evaluation-report"), st.just("incident-report") | _value),
        "producer": sometimes(st.fixed_dictionaries({"organization": _value, "tool": _value},
                                                    optional={"relationship": _value}), _value),
        "model": sometimes(st.fixed_dictionaries({}, optional=dict.fromkeys(
            ("name", "developer", "version", "revision", "digests", "access"), _value)), _value),
        "evaluations": sometimes(st.just(evaluations), _value),
        "report_id": draw(_text),
    }
    if draw(st.integers(0, 4)) == 0:
        for key in draw(st.lists(st.sampled_from(list(report)), min_size=1, max_size=2, unique=True)):
            del report[key]
    return report if draw(st.integers(0, 19)) else draw(_value)  # now and then no object at all


@settings(max_examples=400, deadline=None)
@given(_reports(), st.booleans())
def test_the_id_of_the_text_is_the_id_of_the_tree(report: object, indented: bool) -> None:
    data = json.dumps(report, ensure_ascii=False, indent=2 if indented else None).encode()
    tree = msgspec.json.decode(data)
    got = identity.report_id_of_text(data)
    if got is None:
        return  # the caller computes the id from its tree (whatever that raises or gives)
    assert type(tree) is dict and tree.get("kind") == "evaluation-report"
    assert got == identity.report_id(tree)


def test_a_plain_report_gets_its_id_from_the_text() -> None:
    from pathlib import Path

    data = (Path(__file__).resolve().parents[2] / "examples/reports/valid/minimal.json").read_bytes()
    assert identity.report_id_of_text(data) == json.loads(data)["report_id"]
