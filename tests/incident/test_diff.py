"""``diff_incidents``: two parties' reports of one incident, and two versions of one report."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident._data import EXAMPLES, GOLDEN, load
from riskfmt.incident.diff import diff_incidents
from riskfmt.incident.history import Update, apply_update

OPERATOR = EXAMPLES / "valid" / "grid-dispatch.operator.yaml"
CERT = EXAMPLES / "valid" / "grid-dispatch.cert.yaml"
SOURCES = ("grid-dispatch.operator.yaml", "grid-dispatch.cert.yaml")


def test_two_parties_disagree_on_the_cause_and_by_how_much() -> None:
    outcome = diff_incidents(load(OPERATOR), load(CERT), sources=SOURCES)
    # operator: accident 0.7 + 0.1 = 0.8, intentional 0.15; CERT: accident 0.3, intentional 0.6
    roots = {cause: (a, b) for cause, a, b in outcome.roots}
    assert roots["accident"] == pytest.approx((0.8, 0.3))
    assert roots["intentional"] == pytest.approx((0.15, 0.6))
    assert roots["(unassigned)"] == pytest.approx((0.05, 0.1))
    assert outcome.tvd == pytest.approx(0.5)  # (0.5 + 0.45 + 0.05) / 2
    assert outcome.most_likely == (["accidental-malfunction"], ["deliberate-attack"], "different")
    assert outcome.settled == ("undetermined", "undetermined", "same")
    per_cause = {row.cause: row.difference for row in outcome.causes}
    assert per_cause["deliberate-attack"] == pytest.approx(0.45)
    assert per_cause["operator-error"] is None  # only one party weighs it
    assert outcome.linked == 2
    assert {f: (a, b) for f, a, b in outcome.fields}["status"] == ("mitigated", "ongoing")
    assert outcome.history is None  # two different reports
    assert outcome.to_dict()["marking"] == {"tlp": "AMBER+STRICT"}  # the stricter of AMBER and AMBER+STRICT
    assert not outcome.gate("difference") and outcome.gate("regression") and outcome.gate(None)


def test_a_report_against_itself_shows_no_difference() -> None:
    doc = load(CERT)
    outcome = diff_incidents(doc, copy.deepcopy(doc), sources=("a", "b"))
    assert outcome.tvd == 0 and not outcome.differs and outcome.gate("difference")
    assert outcome.history == {"kept": 2, "appended": 0, "problems": []}
    assert "No differences." in outcome.render("text", "en")


def test_granularity_differences_still_compare() -> None:
    """accident 0.8 on one side, its narrower causes 0.5 and 0.3 on the other: the same belief."""
    a, b = load(CERT), load(CERT)
    template = a["attribution"]["hypotheses"][0]
    a["attribution"]["hypotheses"] = [{**template, "id": "x", "cause": "accident", "likelihood": 0.8}]
    b["attribution"]["hypotheses"] = [{**template, "id": "y", "cause": "accidental-malfunction", "likelihood": 0.5},
                                      {**template, "id": "z", "cause": "operator-error", "likelihood": 0.3}]
    outcome = diff_incidents(a, b, sources=("a", "b"))
    assert outcome.tvd == 0
    assert outcome.most_likely[2] == "compatible"


def test_versions_of_one_report_check_the_history() -> None:
    old = load(OPERATOR)
    new = apply_update(old, Update(author={"en": "x"}, summary={"en": "y"}, date="2025-05-20T00:00:00Z",
                                   status="concluded"))
    forward = diff_incidents(old, new, sources=("old", "new"))
    assert forward.history == {"kept": 2, "appended": 1, "problems": []}
    assert forward.gate("regression")
    backward = diff_incidents(new, old, sources=("new", "old"))
    assert [p["code"] for p in backward.history["problems"]] == ["RF680"]
    assert not backward.gate("regression")


def test_no_likelihoods_means_cannot_tell() -> None:
    a = load(CERT)
    a["attribution"].pop("hypotheses")
    outcome = diff_incidents(a, load(CERT), sources=("a", "b"))
    assert outcome.tvd is None and outcome.tvd_missing == "A"
    assert "cannot tell" in outcome.render("text", "en") and "无法计算" in outcome.render("text", "zh")


def test_unknown_gate_is_an_error() -> None:
    with pytest.raises(ValueError):
        diff_incidents(load(CERT), load(CERT), sources=("a", "b")).gate("bigger")


likelihoods = st.dictionaries(st.sampled_from(["accidental-malfunction", "operator-error", "misuse",
                                               "deliberate-attack", "undetermined"]),
                              st.integers(0, 20), min_size=1, max_size=5)


def _with(weights: dict[str, int]) -> dict[str, Any]:
    doc = load(CERT)
    template = doc["attribution"]["hypotheses"][0]
    doc["attribution"]["hypotheses"] = [{**template, "id": c, "cause": c, "likelihood": w / 100}
                                        for c, w in weights.items()]
    return doc


@given(likelihoods, likelihoods)
@settings(max_examples=200, deadline=None)
def test_swapping_the_reports_mirrors_the_comparison(wa: dict[str, int], wb: dict[str, int]) -> None:
    a, b = _with(wa), _with(wb)
    ab = diff_incidents(a, b, sources=("a", "b"))
    ba = diff_incidents(b, a, sources=("b", "a"))
    assert ab.tvd == pytest.approx(ba.tvd)
    assert 0 <= ab.tvd <= 1
    assert [(r.cause, r.a, r.b) for r in ab.causes] == [(r.cause, r.b, r.a) for r in ba.causes]
    assert ab.most_likely[2] == ba.most_likely[2]
    assert (ab.tvd == 0) == (_distribution(wa) == _distribution(wb))


def _distribution(weights: dict[str, int]) -> dict[str, int]:
    tops = {"accidental-malfunction": "accident", "operator-error": "accident", "misuse": "intentional",
            "deliberate-attack": "intentional", "undetermined": "undetermined"}
    out: dict[str, int] = {}
    for cause, w in weights.items():
        out[tops[cause]] = out.get(tops[cause], 0) + w
    return {k: v for k, v in out.items() if v}


# ---- golden output -----------------------------------------------------------------------------------


CASES = [(fmt, lang) for fmt in ("text", "markdown") for lang in ("en", "zh")]


def _check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RISKFMT_REGEN_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with RISKFMT_REGEN_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; RISKFMT_REGEN_GOLDEN=1 rewrites it"


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_rendered_diff_matches_golden(fmt: str, lang: str) -> None:
    outcome = diff_incidents(load(OPERATOR), load(CERT), sources=SOURCES)
    suffix = "md" if fmt == "markdown" else "txt"
    _check_golden(f"diff-grid.{lang}.{suffix}", outcome.render(fmt, lang))


def test_json_diff_matches_golden() -> None:
    outcome = diff_incidents(load(OPERATOR), load(CERT), sources=SOURCES)
    document = outcome.to_dict()
    json.dumps(document, allow_nan=False)  # plain JSON
    assert {"risk", "metric", "a", "b", "difference", "significant"} <= set(document["pairs"][0])
    _check_golden("diff-grid.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def test_golden_files_are_all_used() -> None:
    expected = {f"diff-grid.{lang}.{'md' if fmt == 'markdown' else 'txt'}" for fmt, lang in CASES}
    expected |= {"diff-grid.json"} | {p.name for p in GOLDEN.glob("aiid-*.json")}
    assert {p.name for p in GOLDEN.iterdir()} == expected

