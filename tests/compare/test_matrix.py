"""riskfmt compare: the matrix of reports against risk concepts."""

from __future__ import annotations

from typing import Any

import pytest

from compare.reports import GOLDEN, evaluation, report, result
from riskfmt.compare import DiffOptions, InputError, compare, compare_files, diff_files


@pytest.fixture
def matrix(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(GOLDEN / "matrix")
    return compare_files(["r1.json", "r2.yaml", "r3.json"]).to_dict()


def column(doc: dict[str, Any], task: str) -> dict[str, Any]:
    return next(c for c in doc["columns"] if c["task"] == task)


def test_columns_gather_overlapping_concepts_across_reports(matrix: dict[str, Any]) -> None:
    cbrn = column(matrix, "cbrn_uplift_qa")
    assert cbrn["risks"] == ["R0019", "R0100"] and cbrn["exact"] is False
    assert [c is not None for c in cbrn["cells"]] == [True, True, False]


def test_flags(matrix: dict[str, Any]) -> None:
    truthful = column(matrix, "truthfulqa_mc2")
    assert truthful["flag"] == "disagree"
    assert [c["disagrees"] for c in truthful["cells"]] == [True, True, True]
    assert {(c["a"], c["b"]) for c in truthful["comparisons"] if c["significant"]} == {(0, 1), (1, 2)}
    assert column(matrix, "bbq")["flag"] == "single"
    assert column(matrix, "toxigen")["flag"] == "cannot_tell"
    assert column(matrix, "strongreject")["flag"] == "agree"
    assert matrix["summary"]["tests"] == sum(1 for c in matrix["columns"] for t in c["comparisons"] if "p_value" in t)


def test_cells_carry_intervals_from_where_they_can(matrix: dict[str, Any]) -> None:
    wmdp = column(matrix, "wmdp_bio")
    assert wmdp["cells"][0]["interval_source"] == "recorded"  # a 95% interval is in the report
    assert wmdp["cells"][1]["interval_source"] == "wilson"  # a proportion with n
    assert column(matrix, "harmbench")["cells"][0]["interval_source"] == "standard_error"
    assert "lower" not in column(matrix, "toxigen")["cells"][0]


def test_two_reports_compare_as_diff_tests_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN / "two-labs")
    options = DiffOptions(correction="none", samples=False)
    pairs = {(p["task"], p["metric"]): p for p in diff_files("a.json", "b.yaml", options).to_dict()["pairs"]}
    doc = compare_files(["a.json", "b.yaml"], options).to_dict()
    for col in doc["columns"]:
        if len(col["comparisons"]) == 1:
            pair = pairs[(col["task"], col["metric"])]
            comparison = col["comparisons"][0]
            assert comparison["difference"] == pair["difference"]
            assert comparison.get("p_value") == pair.get("p_value")
            assert comparison["significant"] == pair["significant"]


def test_several_results_for_one_column_are_noted() -> None:
    a = report([evaluation("e1", "t", [result("r1", ["R0013"], 0.5, n=100)]),
                evaluation("e2", "t", [result("r2", ["R0013"], 0.6, n=100)])])
    b = report([evaluation("e", "t", [result("r", ["R0013"], 0.55, n=100)])])
    doc = compare([a, b]).to_dict()
    assert [n["code"] for n in doc["notes"]] == ["RF814"]
    assert doc["columns"][0]["cells"][0]["result"] == "r1"


def test_only_evaluation_reports() -> None:
    a = report()
    with pytest.raises(InputError) as info:
        compare([a, dict(a, kind="incident-report")])
    assert [f.code for f in info.value.findings] == ["RF803"]
