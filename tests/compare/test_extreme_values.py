"""Values and uncertainties near the ends of the float range: ``riskfmt diff`` and ``compare`` give a defined
result (a test, or "cannot tell" with RF820 and reason out-of-range), never NaN or infinity in their JSON and
never an internal error. Issue 14: a standard error of 1e200 made ``diff --format json`` exit 3."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from cli_invoke import invoke
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from riskfmt.compare import stats

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text(encoding="utf-8"))
MAGNITUDES = (0.0, 5e-324, 1e-300, 1e-160, 1e-10, 0.25, 1.0, 3.0, 1e10, 1e154, 1e155, 1e200, 1e300,
              1.7976931348623157e308)
numbers = st.one_of(st.sampled_from(MAGNITUDES), st.floats(allow_nan=False, allow_infinity=False))
positive = st.one_of(st.sampled_from(MAGNITUDES), st.floats(min_value=0, allow_nan=False, allow_infinity=False))


def _strict(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


@st.composite
def sides(draw: st.DrawFn) -> dict[str, Any]:
    """A report whose one result has an extreme value and uncertainty, sometimes with paired samples."""
    doc = copy.deepcopy(MINIMAL)
    result = doc["evaluations"][0]["results"][0]
    if draw(st.booleans()):
        result["metric"] = {"id": "acc", "kind": "score", "direction": "higher_is_better"}
        result["value"] = draw(numbers)
    else:
        result["value"] = draw(st.sampled_from([0.0, 1e-300, 0.5, 1.0]))
    uncertainty: dict[str, Any] = {"method": draw(st.sampled_from(["analytic", "bootstrap"]))}
    if draw(st.booleans()):
        uncertainty["standard_error"] = draw(positive)
    elif draw(st.booleans()):
        low, high = sorted([draw(numbers), draw(numbers)])
        if low <= result["value"] <= high:
            uncertainty["ci"] = {"lower": low, "upper": high, "level": draw(st.sampled_from([0.5, 0.95, 0.999999]))}
    result["uncertainty"] = uncertainty
    if draw(st.booleans()):
        result["n"] = draw(st.sampled_from([1, 2, 3, 817, 10**9]))
    else:
        result.pop("n", None)
    if draw(st.booleans()):
        scores = draw(st.lists(numbers, min_size=2, max_size=5))
        doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": f"s{i}", "epoch": 1, "score": s}
                                                       for i, s in enumerate(scores)]}
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=sides(), b=sides(), fmt=st.sampled_from(["json", "text", "markdown"]))
@example(a=None, b=None, fmt="json")  # the input of issue 14, below
def test_diff_and_compare_never_crash_on_extreme_numbers(tmp_path_factory: pytest.TempPathFactory,
                                                          a: dict[str, Any] | None, b: dict[str, Any] | None,
                                                          fmt: str) -> None:
    if a is None or b is None:
        a, b = copy.deepcopy(MINIMAL), copy.deepcopy(MINIMAL)
        for doc in (a, b):
            doc["evaluations"][0]["results"][0]["metric"] = {"id": "acc", "kind": "score",
                                                             "direction": "higher_is_better"}
            doc["evaluations"][0]["results"][0]["uncertainty"] = {"standard_error": 1e200, "method": "analytic"}
        b["evaluations"][0]["results"][0]["value"] = 0.3
    folder = tmp_path_factory.mktemp("extreme")
    (folder / "a.json").write_text(json.dumps(a))
    (folder / "b.json").write_text(json.dumps(b))
    for command in ("diff", "compare"):
        outcome = invoke(command, str(folder / "a.json"), str(folder / "b.json"), "--format", fmt)
        assert outcome.crash is None, (command, repr(outcome.crash))
        assert outcome.code in (0, 1, 2), (command, outcome.code)
        if fmt == "json" and outcome.code in (0, 1):
            _strict(outcome.output)


def test_the_issue_input_gives_a_defined_result(tmp_path: Path) -> None:
    a, b = copy.deepcopy(MINIMAL), copy.deepcopy(MINIMAL)
    for doc in (a, b):
        doc["evaluations"][0]["results"][0]["metric"] = {"id": "acc", "kind": "score", "direction": "higher_is_better"}
        doc["evaluations"][0]["results"][0]["uncertainty"] = {"standard_error": 1e200, "method": "analytic"}
    b["evaluations"][0]["results"][0]["value"] = 0.3
    (tmp_path / "a.json").write_text(json.dumps(a))
    (tmp_path / "b.json").write_text(json.dumps(b))
    outcome = invoke("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json")
    assert outcome.crash is None and outcome.code == 0
    pair = _strict(outcome.output)["pairs"][0]
    # an error of 1e200 says nothing differs: p = 1, and an interval of about +-2.8e200 (sqrt(2) x t x 1e200, Welch
    # with 2 x 816 degrees of freedom; the sum of the squared errors overflowed before)
    assert pair["difference"] == pytest.approx(0.3 - 0.412) and pair["p_value"] == pytest.approx(1.0)
    assert pair["interval"]["upper"] == pytest.approx(-pair["interval"]["lower"], rel=1e-9)
    assert pair["interval"]["upper"] == pytest.approx(math.sqrt(2) * stats.t_quantile(0.95, 1632.0) * 1e200, rel=1e-6)
    # values of 1e308 with opposite signs: no float holds their difference
    a["evaluations"][0]["results"][0]["value"] = -1.7e308
    b["evaluations"][0]["results"][0]["value"] = 1.7e308
    (tmp_path / "a.json").write_text(json.dumps(a))
    (tmp_path / "b.json").write_text(json.dumps(b))
    outcome = invoke("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json")
    assert outcome.crash is None and outcome.code == 0
    document = _strict(outcome.output)
    pair = document["pairs"][0]
    assert pair["difference"] is None and pair["reason"] == "out-of-range" and pair["significant"] is None
    assert "RF820" in json.dumps(document)


@given(value_a=numbers, se_a=positive, value_b=numbers, se_b=positive,
       n_a=st.none() | st.integers(1, 10**9), n_b=st.none() | st.integers(1, 10**9))
@settings(max_examples=400, deadline=None)
def test_welch_is_finite_or_says_nothing(value_a: float, se_a: float, value_b: float, se_b: float,
                                         n_a: int | None, n_b: int | None) -> None:
    test = stats.finite(stats.welch(value_a, se_a, n_a, value_b, se_b, n_b))
    if test is None:
        return
    numbers_out = [test.estimate, test.p_value, test.lower, test.upper, test.statistic, test.df]
    assert all(x is None or math.isfinite(x) for x in numbers_out)
    assert 0.0 <= test.p_value <= 1.0
    if test.lower is not None and test.upper is not None:
        assert test.lower <= test.estimate <= test.upper
