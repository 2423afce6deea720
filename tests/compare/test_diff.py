"""riskfmt diff for evaluation reports: which test each pair gets, what is said when no test is possible,
risk levels and verdicts, findings, the gates, the JSON schema, and inputs that are refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compare.reports import GOLDEN, ROOT, evaluation, report, result, schema_errors, write
from riskfmt.compare import DIFFERS, DiffOptions, InputError, diff_documents, diff_files
from riskfmt.compare.align import Canonicalizer
from riskfmt.compare.diff import diff_reports


def one(a_result: dict[str, Any], b_result: dict[str, Any], **options: Any) -> dict[str, Any]:
    a = report([evaluation("e", "task", [a_result])])
    b = report([evaluation("e", "task", [b_result])])
    doc = diff_reports(a, b, options=DiffOptions(**options)).to_dict()
    assert schema_errors(doc) == []
    return doc


def codes(doc: dict[str, Any]) -> set[str]:
    return {n["code"] for n in doc["notes"]}


# ---- which test --------------------------------------------------------------------------------------------


def test_two_proportions_with_n_get_newcombes_interval() -> None:
    doc = one(result("r", ["R0013"], 0.612, n=817, se=0.017), result("r", ["R0013"], 0.521, n=817))
    pair = doc["pairs"][0]
    assert pair["test"] == "newcombe" and pair["significant"] is True and pair["change"] == "worse"
    assert pair["difference"] == pytest.approx(-0.091)
    assert pair["interval"]["lower"] < -0.091 < pair["interval"]["upper"] < 0


def test_a_clustered_standard_error_is_preferred_to_the_binomial_model() -> None:
    a = result("r", ["R0013"], 0.6, n=800, uncertainty={"standard_error": 0.04, "method": "clustered"})
    b = result("r", ["R0013"], 0.5, n=800, uncertainty={"standard_error": 0.045, "method": "clustered"})
    pair = one(a, b)["pairs"][0]
    assert pair["test"] == "welch"
    assert pair["significant"] is False  # the binomial model would have called 0.1 on n=800 significant


def test_standard_errors_without_a_proportion_get_welchs_test() -> None:
    doc = one(result("r", ["R0026"], 2.31, kind="score", unit=None, direction="lower_is_better", n=320, se=0.08),
              result("r", ["R0026"], 2.12, kind="score", unit=None, direction="lower_is_better", n=300, se=0.07))
    pair = doc["pairs"][0]
    assert pair["test"] == "welch" and pair["change"] == "better"


def test_missing_uncertainty_is_cannot_tell_never_a_guess() -> None:
    doc = one(result("r", ["R0002"], 0.12, kind="score", unit=None), result("r", ["R0002"], 0.15, kind="score",
                                                                            unit=None, n=900, se=0.01))
    pair = doc["pairs"][0]
    assert pair["significant"] is None and pair["reason"] == "no-uncertainty"
    assert "p_value" not in pair and "interval" not in pair
    assert "RF820" in codes(doc)
    assert doc["summary"]["cannot_tell"] == 1 and doc["summary"]["differences"] is True


def test_an_interval_stands_in_for_a_missing_standard_error_and_says_so() -> None:
    a = result("r", ["R0026"], 2.0, kind="score", unit=None, n=100,
               uncertainty={"ci": {"lower": 1.8, "upper": 2.2, "level": 0.95}, "method": "bootstrap"})
    doc = one(a, result("r", ["R0026"], 2.5, kind="score", unit=None, n=100, se=0.1))
    assert doc["pairs"][0]["test"] == "welch" and "RF823" in codes(doc)


def test_percent_and_fractions_are_compared_as_fractions() -> None:
    doc = one(result("r", ["R0013"], 61.2, unit="%", n=1273), result("r", ["R0013"], 0.598, n=1273))
    pair = doc["pairs"][0]
    assert pair["difference"] == pytest.approx(-0.014) and pair["test"] == "newcombe"
    assert "RF826" in codes(doc)


def test_both_in_percent_keeps_percent() -> None:
    doc = one(result("r", ["R0013"], 61.2, unit="%", n=1273), result("r", ["R0013"], 59.8, unit="%", n=1273))
    pair = doc["pairs"][0]
    assert pair["difference"] == pytest.approx(-1.4)
    assert -6 < pair["interval"]["lower"] < pair["interval"]["upper"] < 3


def test_units_that_do_not_convert_are_not_compared() -> None:
    doc = one(result("r", ["R0013"], 5, kind="count", unit="count"), result("r", ["R0013"], 0.5, kind="rate",
                                                                            unit="per 1000"))
    pair = doc["pairs"][0]
    assert pair["difference"] is None and pair["significant"] is None and pair["reason"] == "units-differ"
    assert "RF821" in codes(doc)


def test_conflicting_directions_give_no_better_or_worse() -> None:
    doc = one(result("r", ["R0013"], 0.5, n=100), result("r", ["R0013"], 0.6, n=100, direction="lower_is_better"))
    assert doc["pairs"][0]["direction"] == "conflicting" and doc["pairs"][0]["change"] == "changed"
    assert "RF822" in codes(doc)


# ---- levels, verdicts, findings ------------------------------------------------------------------------------


@pytest.mark.parametrize(("scale", "a", "b", "change"), [
    ("generic-5", "moderate", "major", "higher"),
    ("generic-5", "4", "2", "lower"),
    ("caict-band", "controllable", "high", "higher"),
    ("ailuminate-grade", "P", "VG", "lower"),
    ("ailuminate-grade", "good", "good", "same"),
    ("house-scale", "amber", "red", "changed"),
])
def test_risk_levels_compare_on_ordered_scales(scale: str, a: str, b: str, change: str) -> None:
    doc = one(result("r", ["R0010"], 0.2, n=60, risk_level={"scale": scale, "level": a}),
              result("r", ["R0010"], 0.2, n=60, risk_level={"scale": scale, "level": b}))
    assert doc["pairs"][0]["level"]["change"] == change
    assert doc["summary"]["regressions"] is (change == "higher")


def test_levels_on_different_scales_are_not_compared() -> None:
    doc = one(result("r", ["R0010"], 0.2, n=60, risk_level={"scale": "generic-5", "level": "major"}),
              result("r", ["R0010"], 0.2, n=60, risk_level={"scale": "caict-band", "level": "caict-high"}))
    assert doc["pairs"][0]["level"]["change"] == "incomparable" and "RF824" in codes(doc)


def test_a_missed_threshold_is_a_verdict_change_and_a_regression() -> None:
    threshold = {"value": 0.2, "comparison": "at_most"}
    doc = one(result("r", ["R0010"], 0.15, n=60, direction="lower_is_better", threshold=threshold),
              result("r", ["R0010"], 0.25, n=60, direction="lower_is_better", threshold=threshold))
    assert doc["pairs"][0]["threshold"] == {"a_met": True, "b_met": False, "changed": True}
    assert doc["summary"]["verdict_changes"] == 1 and doc["summary"]["regressions"] is True


def test_findings_in_one_report_only_and_their_levels() -> None:
    def red_team(*findings: dict[str, Any]) -> dict[str, Any]:
        return report([evaluation("rt", "red-team", method="red-teaming", findings=list(findings))])

    a = red_team({"id": "x", "risks": ["R0011"], "title": {"en": "injection"},
                  "risk_level": {"scale": "generic-5", "level": "minor"}},
                 {"id": "y", "risks": ["R0015"], "title": {"en": "impersonation"}})
    b = red_team({"id": "p", "risks": ["R0011"], "title": {"zh": "注入"},
                  "risk_level": {"scale": "generic-5", "level": "major"}},
                 {"id": "q", "risks": ["R0090"], "title": {"en": "voice clone"}})
    outcome = diff_reports(a, b)
    doc = outcome.to_dict()
    assert [(m["a"]["finding"], m["b"]["finding"], m["level"]["change"]) for m in doc["findings"]["matched"]] == [
        ("x", "p", "higher")]
    assert [f["finding"] for f in doc["findings"]["only_a"]] == ["y"]
    assert [f["finding"] for f in doc["findings"]["only_b"]] == ["q"]
    assert not outcome.gate("regression") and not outcome.gate("difference")
    back = diff_reports(b, a)  # swapped, y is the finding only the later report has
    assert [f["finding"] for f in back.to_dict()["findings"]["only_b"]] == ["y"]
    assert not back.gate("regression")


# ---- alignment -------------------------------------------------------------------------------------------------


def test_framework_codes_align_through_the_crosswalk_and_say_it_is_not_exact() -> None:
    doc = one(result("r", ["nist_600_1:cbrn"], 0.6, n=500), result("r", ["R0019"], 0.58, n=500))
    pair = doc["pairs"][0]
    assert pair["risk"] == "R0019" and pair["alignment"]["exact"] is False and pair["alignment"]["tier"] == "inexact"
    assert pair["alignment"]["via"] == [{"side": "a", "cited": "nist_600_1:cbrn", "kind": "crosswalk",
                                         "concepts": ["R0019"], "predicates": ["skos:closeMatch"],
                                         "framework": "nist_600_1"}]
    assert "RF810" in codes(doc)


def test_a_code_mapping_to_several_concepts_aligns_partially() -> None:
    doc = one(result("r", ["ailuminate:iwp"], 0.93, n=400), result("r", ["R0019"], 0.97, n=400))
    pair = doc["pairs"][0]
    assert pair["alignment"]["tier"] == "partial" and pair["risks"] == ["R0019"]
    assert {"RF810", "RF812"} <= codes(doc)
    assert doc["coverage"]["risks"]["only_a"] == ["R0100"]


def test_task_ids_align_across_spellings_but_tasks_must_match() -> None:
    a = report([evaluation("e", "TruthfulQA-MC2", [result("r", ["R0013"], 0.6, n=800)])])
    b = report([evaluation("f", "truthfulqa_mc2", [result("s", ["R0013"], 0.6, n=800)]),
                evaluation("g", "truthfulqa_gen", [result("t", ["R0013"], 0.6, n=800)])])
    doc = diff_reports(a, b).to_dict()
    assert [(p["a"]["result"], p["b"]["result"]) for p in doc["pairs"]] == [("r", "s")]
    assert [u["measurement"]["result"] for u in doc["only_b"]] == ["t"]
    assert doc["coverage"]["tasks"]["only_b"] == ["truthfulqa_gen"]


def test_deprecated_ids_align_through_their_replacement() -> None:
    from riskfmt.mappings import Crosswalk
    from riskfmt.vocab import Vocabulary

    def concept(cid: str, **extra: Any) -> dict[str, Any]:
        return {"id": cid, "scheme": "risk", "pref_label": {"en": cid, "zh": cid}, "definition": {"en": "", "zh": ""},
                "status": "stable", "added_in": "0.1", **extra}

    vocab = Vocabulary({"version": "9.0", "schemes": [{"id": "risk"}], "concepts": [
        concept("R1", status="deprecated", deprecated_in="9.0", replaced_by="R2"), concept("R2")]})
    canon = Canonicalizer(vocab, Crosswalk([]))
    step = canon.via("R1")
    assert (step.kind, step.concepts, step.exact) == ("replacement", ("R2",), False)
    assert canon.via("R2").kind == "concept"


# ---- gates ----------------------------------------------------------------------------------------------------


def test_gates() -> None:
    same = one(result("r", ["R0013"], 0.6, n=800), result("r", ["R0013"], 0.6, n=800))
    assert not same["summary"]["differences"] and not same["summary"]["regressions"]
    better = diff_reports(report([evaluation("e", "t", [result("r", ["R0013"], 0.5, n=800)])]),
                          report([evaluation("e", "t", [result("r", ["R0013"], 0.6, n=800)])]))
    assert not better.gate("difference") and better.gate("regression") and better.gate(None)
    untested = diff_reports(report([evaluation("e", "t", [result("r", ["R0013"], 0.6, kind="score")])]),
                            report([evaluation("e", "t", [result("r", ["R0013"], 0.5, kind="score")])]))
    assert not untested.gate("regression")  # worse and untestable: a gate does not pass on "cannot tell"
    with pytest.raises(ValueError):
        better.gate("nonsense")


def test_the_gate_is_recorded_in_the_document() -> None:
    doc = one(result("r", ["R0013"], 0.6, n=800), result("r", ["R0013"], 0.5, n=800), fail_on="regression")
    assert doc["gate"] == {"fail_on": "regression", "passed": False}


def test_bonferroni_and_no_correction() -> None:
    a = report([evaluation("e", "t", [result(f"r{i}", [r], 0.5, n=400) for i, r in enumerate(["R0013", "R0010"])])])
    b = report([evaluation("e", "t", [result(f"r{i}", [r], v, n=400)
                                      for i, (r, v) in enumerate([("R0013", 0.57), ("R0010", 0.5)])])])
    holm = diff_reports(a, b).to_dict()["pairs"]
    bonferroni = diff_reports(a, b, options=DiffOptions(correction="bonferroni")).to_dict()["pairs"]
    none = diff_reports(a, b, options=DiffOptions(correction="none")).to_dict()["pairs"]
    assert [p["p_adjusted"] for p in none] == [p["p_value"] for p in none]
    assert all(h["p_adjusted"] <= b_["p_adjusted"] for h, b_ in zip(holm, bonferroni, strict=True))


# ---- inputs ---------------------------------------------------------------------------------------------------


def test_invalid_input_is_refused_with_the_validators_findings() -> None:
    bad = ROOT / "examples" / "reports" / "invalid" / "interval-excludes-value.RF501.json"
    with pytest.raises(InputError) as info:
        diff_files(ROOT / "examples" / "reports" / "valid" / "minimal.json", bad)
    assert [f.code for f in info.value.findings] == ["RF501"]


def test_a_missing_file_is_refused() -> None:
    with pytest.raises(InputError) as info:
        diff_files("no-such-file.json", ROOT / "examples" / "reports" / "valid" / "minimal.json")
    assert [f.code for f in info.value.findings] == ["RF001"]


def test_documents_of_different_kinds_are_refused() -> None:
    incident = next((ROOT / "examples" / "incidents" / "valid").glob("*.yaml"), None)
    minimal = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    with pytest.raises(InputError) as info:
        diff_documents(minimal, dict(minimal, kind="incident-report"))
    assert [f.code for f in info.value.findings] == ["RF801"]
    if incident is not None:
        with pytest.raises(InputError):
            diff_files(ROOT / "examples" / "reports" / "valid" / "minimal.json", incident)


def test_a_kind_without_a_differ_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(DIFFERS, "evaluation-report", "riskfmt.no_such_module:differ")
    minimal = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    with pytest.raises(InputError) as info:
        diff_documents(minimal, minimal)
    assert [f.code for f in info.value.findings] == ["RF802"]


def test_input_warnings_travel_as_notes(tmp_path: Path) -> None:
    doc = report([evaluation("e", "t", [result("r", ["R0013"], 0.5, uncertainty={"standard_error": 0.01,
                                                                                   "method": "analytic"})])])
    path = write(tmp_path, "a.json", doc)  # a standard error without n: RF515, a warning
    notes = diff_files(path, path).to_dict()["notes"]
    assert {(n["code"], n["side"]) for n in notes} >= {("RF515", "a"), ("RF515", "b")}


def test_the_golden_diff_validates_against_its_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN / "two-labs")
    doc = diff_files("a.json", "b.yaml", DiffOptions(fail_on="difference")).to_dict()
    assert schema_errors(doc) == []
    assert doc["summary"]["paired_tests"] == 4


def test_the_schema_rejects_a_guess() -> None:
    monkeypatch_doc = one(result("r", ["R0013"], 0.6, kind="score"), result("r", ["R0013"], 0.5, kind="score"))
    monkeypatch_doc["pairs"][0]["significant"] = "maybe"
    assert schema_errors(monkeypatch_doc)
