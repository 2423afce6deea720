"""The survey's test for repeated ids (comparisons with the id before, ranges of increasing runs) says what a set of
every id says, on ids in order, in a few runs, in any order, repeated, and not strings at all."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import plain
from riskfmt.plain import _disjoint_runs, _survey, survey

_IDS = st.text(alphabet="ab-09", max_size=4)
# ids as reports write them: runs in increasing order (each one sorted), a few runs, sometimes with a repeat
_RUN_IDS = st.lists(st.lists(_IDS, max_size=8).map(sorted), min_size=1, max_size=4).map(
    lambda runs: [i for run in runs for i in run])


def _every_id(evaluations: list[dict[str, Any]]) -> list[Any]:
    out = []
    for evaluation in evaluations:
        out.append(evaluation["id"])
        out.extend(r["id"] for r in evaluation.get("results", []))
        out.extend(f["id"] for f in evaluation.get("findings", []))
    return out


def _evaluations(ids: list[Any], inner: list[Any], shapes: list[int]) -> list[dict[str, Any]]:
    """One evaluation per id; shape 0: no results, 1: one, 2: two, 3: one result and a qualitative finding."""
    out, pending = [], iter(inner)
    for ident, shape in zip(ids, shapes * (len(ids) // max(len(shapes), 1) + 1), strict=False):
        evaluation: dict[str, Any] = {"id": ident, "method": "benchmark"}
        if shape:
            evaluation["results"] = [
                {"id": next(pending, "z"), "risks": ["R0013"], "metric": {"id": f"m{k}"}, "value": 0.5}
                for k in range(2 if shape == 2 else 1)]
        if shape == 3:
            evaluation["findings"] = [{"id": next(pending, "y"), "risks": ["R0013"]}]
        out.append(evaluation)
    return out


@settings(max_examples=500, deadline=None)
@given(_RUN_IDS | st.lists(_IDS, max_size=12), _RUN_IDS | st.lists(_IDS, max_size=12),
       st.lists(st.sampled_from([1, 1, 1, 0, 2, 3]), min_size=1, max_size=4))
def test_the_survey_finds_repeated_ids_as_a_set_does(ids: list[str], inner: list[str], shapes: list[int]) -> None:
    evaluations = _evaluations(ids, inner, shapes)
    every = _every_id(evaluations)
    methods = frozenset({"benchmark"})
    odd, dated = survey(evaluations, frozenset({"R0013"}), methods)
    assert (odd is not None) == (len(set(every)) == len(every))
    # and everything else as the loop without comparisons says it
    assert (odd, dated) == _survey(evaluations, frozenset({"R0013"}), methods, False)


def test_ids_in_order_are_never_put_in_a_set(monkeypatch: Any) -> None:
    # the comparisons decide alone when the ids are in increasing runs whose ranges do not overlap
    monkeypatch.setattr(plain, "_distinct", lambda ids: (_ for _ in ()).throw(AssertionError("set used")))
    evaluations = _evaluations([f"task-{i:07d}" for i in range(300)], [f"r-{i:07d}" for i in range(300)], [1])
    evaluations.insert(0, {"id": "truthfulqa", "method": "benchmark", "results": [
        {"id": "truthfulqa-acc", "risks": ["R0013"], "metric": {"id": "acc"}, "value": 0.5}]})
    assert survey(evaluations, frozenset({"R0013"}), frozenset({"benchmark"}))[0] == []


@given(st.lists(st.integers(0, 5) | _IDS, min_size=1, max_size=8))
def test_ids_that_are_not_strings_go_to_the_set(ids: list[Any]) -> None:
    evaluations = [{"id": ident, "method": "benchmark"} for ident in ids]
    odd, _ = survey(evaluations, frozenset(), frozenset({"benchmark"}))
    assert (odd is not None) == (len(set(ids)) == len(ids))


@settings(max_examples=500)
@given(st.lists(_RUN_IDS | st.lists(_IDS, max_size=10), min_size=1, max_size=3))
def test_disjoint_runs_are_never_wrong(lists: list[list[str]]) -> None:
    cut = [(strings, [i for i in range(1, len(strings)) if strings[i] <= strings[i - 1]]) for strings in lists]
    every = [s for strings in lists for s in strings]
    if _disjoint_runs(cut):
        assert len(set(every)) == len(every)
