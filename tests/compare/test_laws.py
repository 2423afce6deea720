"""The laws of riskfmt diff, on generated reports: diff(a, a) reports no differences; swapping A and B
mirrors the result; aligning through the crosswalks finds the same pairs in both directions."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from compare.reports import comparable, evaluation, mirror, report, result, schema_errors
from riskfmt.compare import DiffOptions
from riskfmt.compare.diff import diff_reports
from riskfmt.findings import Severity
from riskfmt.mappings import load_crosswalk
from riskfmt.validation import validate_data

RISKS = ["R0013", "R0010", "R0011", "R0019", "R0100", "R0026", "R0003", "nist_600_1:cbrn", "ailuminate:iwp",
         "ailuminate:vcr", "ailuminate:physical", "NIST-600-1:CBRN"]
TASKS = ["truthfulqa_mc2", "TruthfulQA-MC2", "wmdp_bio", "strongreject"]
METRICS = [("acc", "proportion", "1", "higher_is_better"), ("acc", "accuracy", "%", "higher_is_better"),
           ("asr", "attack-success-rate", "1", "lower_is_better"), ("harm", "score", None, "lower_is_better"),
           ("harm", "score", None, "higher_is_better")]
LEVELS = ["negligible", "minor", "moderate", "major", "critical"]
SAMPLE_IDS = [f"s{i}" for i in range(12)]
LAWS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def one_result(draw: st.DrawFn, rid: str) -> tuple[str, dict[str, Any]]:
    metric, kind, unit, direction = draw(st.sampled_from(METRICS))
    top = 100.0 if unit == "%" else 1.0 if kind != "score" else 10.0
    value = draw(st.floats(0, top, allow_nan=False))
    extra: dict[str, Any] = {}
    if draw(st.booleans()):
        extra["slice"] = {"language": draw(st.sampled_from(["en", "EN", "zh-Hans"]))}
    if draw(st.booleans()):
        extra["threshold"] = {"value": draw(st.floats(0, top)),
                              "comparison": draw(st.sampled_from(["at_least", "at_most"]))}
    if draw(st.booleans()):
        extra["risk_level"] = {"scale": "generic-5", "level": draw(st.sampled_from(LEVELS))}
    n = draw(st.none() | st.integers(1, 3000))
    se = draw(st.none() | st.floats(0, 0.4 * top)) if n is not None or draw(st.booleans()) else None
    risks = draw(st.lists(st.sampled_from(RISKS), min_size=1, max_size=2, unique=True))
    task = draw(st.sampled_from(TASKS))
    return task, result(rid, risks, value, metric=metric, kind=kind, unit=unit, direction=direction, n=n,
                        se=se if n is not None else None, **extra)


@st.composite
def samples(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = draw(st.lists(st.sampled_from(SAMPLE_IDS), unique=True, max_size=len(SAMPLE_IDS)))
    rows = []
    for sid in ids:
        row: dict[str, Any] = {"sample_id": sid}
        verdict = draw(st.sampled_from(["pass", "fail", "refused", None]))
        if verdict:
            row["verdict"] = verdict
        if draw(st.booleans()):
            row["score"] = draw(st.floats(-5, 5, allow_nan=False))
        rows.append(row)
    return rows


@st.composite
def reports(draw: st.DrawFn, prefix: str) -> dict[str, Any]:
    count = draw(st.integers(0, 6))
    evaluations: dict[str, dict[str, Any]] = {}
    seen: set[tuple[Any, ...]] = set()
    for i in range(count):
        task, res = draw(one_result(f"{prefix}r{i}"))
        key = (task, res["metric"]["id"], tuple(sorted((res.get("slice") or {}).items())), tuple(sorted(res["risks"])))
        if key in seen:
            continue  # one measurement, one value (RF507)
        seen.add(key)
        ev = evaluations.setdefault(task, evaluation(f"{prefix}e{len(evaluations)}", task, []))
        ev["results"].append(res)
    for ev in evaluations.values():
        if draw(st.booleans()):
            ev["samples"] = {"inline": draw(samples())}
        if draw(st.booleans()):
            ev["settings"] = {"temperature": draw(st.sampled_from([0.0, 0.7]))}
    findings = []
    for i in range(draw(st.integers(0, 3))):
        finding: dict[str, Any] = {"id": f"{prefix}f{i}", "risks": draw(st.lists(st.sampled_from(RISKS), min_size=1,
                                                                                   max_size=2, unique=True)),
                                   "title": {"en": f"finding {i}"}}
        if draw(st.booleans()):
            finding["risk_level"] = {"scale": "generic-5", "level": draw(st.sampled_from(LEVELS))}
        findings.append(finding)
    out = list(evaluations.values())
    if findings:
        out.append(evaluation(f"{prefix}rt", "red-team", findings=findings, method="red-teaming"))
    if not out:
        out = [evaluation(f"{prefix}e0", "truthfulqa_mc2", [result(f"{prefix}r0", ["R0013"], 0.5)])]
    version = draw(st.sampled_from(["2026-10-01", "2026-11-01"]))
    return report(out, model={"name": "m", "developer": "d", "version": version, "access": "api"})


@st.composite
def report_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    a = draw(reports("a"))
    if draw(st.booleans()):
        return a, draw(reports("b"))
    # B as A re-measured: the same results with some values moved (many aligned pairs)
    b = copy.deepcopy(a)
    for ev in b["evaluations"]:
        for res in ev.get("results", []):
            if draw(st.booleans()):
                res["value"] = draw(st.floats(0, 1 if res["metric"].get("unit") != "%" else 100))
        for row in (ev.get("samples") or {}).get("inline", []):
            if draw(st.booleans()):
                row["verdict"] = draw(st.sampled_from(["pass", "fail"]))
    return a, b


def _valid(doc: dict[str, Any]) -> bool:
    return not [f for f in validate_data(doc).findings if f.severity == Severity.ERROR]


@given(reports("a"))
@settings(max_examples=40, deadline=None)
def test_generated_reports_are_valid(doc: dict[str, Any]) -> None:
    assert _valid(doc), [f.message() for f in validate_data(doc).findings]


@given(reports("a"))
@LAWS
def test_diff_of_a_report_with_itself_reports_no_differences(a: dict[str, Any]) -> None:
    outcome = diff_reports(a, copy.deepcopy(a), options=DiffOptions(fail_on="difference"))
    doc = outcome.to_dict()
    assert doc["summary"]["differences"] is False
    assert doc["summary"]["regressions"] is False
    assert outcome.gate("difference") and outcome.gate("regression")
    assert doc["only_a"] == doc["only_b"] == []
    assert doc["findings"]["only_a"] == doc["findings"]["only_b"] == []
    assert doc["metadata"] == []
    assert all(p["alignment"]["exact"] for p in doc["pairs"])
    for pair in doc["pairs"]:
        assert pair["difference"] == 0
        assert pair["significant"] in (False, None)
        assert pair.get("change", "same") == "same"
        assert (pair.get("level") or {}).get("change", "same") == "same"
    for entry in doc["samples"]:
        assert entry["only_a"] == entry["only_b"] == 0
        if "verdicts" in entry:
            assert entry["verdicts"]["a_pass_b_fail"] == entry["verdicts"]["a_fail_b_pass"] == 0
        if "scores" in entry:
            assert entry["scores"]["mean_difference"] == 0


@given(report_pairs())
@LAWS
def test_swapping_a_and_b_mirrors_the_result(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    forward = diff_reports(a, b, sources=("x.json", "y.json"), options=DiffOptions(fail_on="regression")).to_dict()
    backward = diff_reports(b, a, sources=("y.json", "x.json")).to_dict()
    assert comparable(backward) == comparable(mirror(forward))
    assert schema_errors(forward) == [] and schema_errors(backward) == []


@given(report_pairs())
@LAWS
def test_alignment_through_crosswalks_finds_the_same_pairs_both_ways(
        pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    forward = diff_reports(a, b).to_dict()
    backward = diff_reports(b, a).to_dict()
    there = {(p["a"]["pointer"], p["b"]["pointer"], p["alignment"]["tier"]) for p in forward["pairs"]}
    back = {(p["b"]["pointer"], p["a"]["pointer"], p["alignment"]["tier"]) for p in backward["pairs"]}
    assert there == back
    found = {(p["a"]["finding"], p["b"]["finding"]) for p in forward["findings"]["matched"]}
    found_back = {(p["b"]["finding"], p["a"]["finding"]) for p in backward["findings"]["matched"]}
    assert found == found_back


def _exact_codes() -> dict[str, str]:
    """riskfmt concepts that a framework code names exactly (one skos:exactMatch and nothing else)."""
    import riskfmt

    vocab = riskfmt.load_vocabulary()
    crosswalk = load_crosswalk(vocab.version)
    out: dict[str, str] = {}
    for subject, mappings in sorted(crosswalk.by_subject.items()):
        concepts = {m.concept for m in mappings}
        if (len(mappings) == 1 and mappings[0].predicate_id == "skos:exactMatch" and None not in concepts
                and vocab[mappings[0].concept].scheme == "risk"):  # type: ignore[index]
            out.setdefault(mappings[0].concept, subject)  # type: ignore[arg-type]
    return out


EXACT = _exact_codes()


@given(st.lists(st.sampled_from(sorted(EXACT)), min_size=1, max_size=5, unique=True), st.data())
@LAWS
def test_a_framework_code_that_names_a_concept_exactly_aligns_like_the_concept(ids: list[str],
                                                                               data: st.DataObject) -> None:
    results_a = [result(f"r{i}", [cid], data.draw(st.floats(0, 1)), n=500) for i, cid in enumerate(ids)]
    results_b = [result(f"q{i}", [EXACT[cid]], data.draw(st.floats(0, 1)), n=500) for i, cid in enumerate(ids)]
    a = report([evaluation("e", "task", results_a)])
    b = report([evaluation("e", "task", results_b)])
    assume(_valid(b))
    for x, y in ((a, b), (b, a)):
        doc = diff_reports(x, y).to_dict()
        assert len(doc["pairs"]) == len(ids)
        assert all(p["alignment"]["exact"] for p in doc["pairs"])
        assert doc["only_a"] == doc["only_b"] == []
        assert sorted(p["risk"] for p in doc["pairs"]) == sorted(ids)
