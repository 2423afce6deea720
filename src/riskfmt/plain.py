"""Which evaluations of a report no per-evaluation semantic rule can fire on, found in one pass.

``riskfmt.semantic.check_report`` runs the per-evaluation rules only on the evaluations ``survey`` does not clear,
when no id repeats: the findings are then the rules' own, in the same order (tests/test_fast_paths.py compares
both ways on every shipped file and on generated results).
"""

from __future__ import annotations

from operator import itemgetter, lt
from typing import Any

__all__ = ["index_tokens", "survey"]


def survey(evaluations: list[dict[str, Any]], plain: frozenset[str] | None,
           methods: Any) -> tuple[list[int] | None, list[int]]:
    """Two lists of indices: the evaluations some rule of ``riskfmt.semantic._evaluation`` could give a finding
    for, ids aside (None when an id repeats: every evaluation, result and qualitative finding id together); and
    the evaluations with a date (``started`` or ``completed``), the only ones ``riskfmt.semantic._dates`` can
    say something about.

    An evaluation is cleared when it has a known method, no samples and no qualitative findings (their rules
    need the full pass), and results that ``_plain_result`` clears and that measure different things. Being
    kept only costs the full rules.

    One pass over the evaluations, with these tests written out in the loop: a report of 262,000 is about a
    gigabyte of objects spread through memory, and each pass over them costs about 0.1 s in cache misses alone,
    whatever it does (one C-level pass per column of the results was slower than this loop, measured: 2.9 s
    against 0.8 s). For the same reason the ids are compared with the one before while the loop holds them
    (``_disjoint_runs``): a set of the 524,000 ids afterwards took 0.11-0.14 s of a results-heavy validation, the
    comparisons about 0.01 s."""
    try:
        return _survey(evaluations, plain, methods, True)
    except TypeError:  # an id that is not a string (never after the schema): the set alone says whether ids repeat
        return _survey(evaluations, plain, methods, False)


def _survey(evaluations: list[dict[str, Any]], plain: frozenset[str] | None, methods: Any,
            compare: bool) -> tuple[list[int] | None, list[int]]:
    ids: list[str] = []  # the evaluations' ids
    inner: list[str] = []  # and apart from them (each list in its own order) those of results and findings
    add_id, add, extend = ids.append, inner.append, inner.extend
    cuts: list[int] = []  # where an evaluation id is not greater than the one before it
    inner_cuts: list[int] | None = []  # the same for the inner ids; None: not followed (several in one evaluation)
    last = last_inner = ""
    odd: list[int] = []
    dated: list[int] = []
    keep, date = odd.append, dated.append
    for index, evaluation in enumerate(evaluations):
        add_id(evaluation["id"])
        if compare:
            if not evaluation["id"] > last:
                cuts.append(index)
            last = evaluation["id"]
        results = evaluation.get("results")
        if not results:
            single = None
        elif len(results) == 1:
            single = results[0]
            add(single["id"])
            if compare:
                if not single["id"] > last_inner and inner_cuts is not None:
                    inner_cuts.append(len(inner) - 1)
                last_inner = single["id"]
        else:
            single = None
            extend(map(_ID, results))
            inner_cuts = None
        if "started" in evaluation or "completed" in evaluation:
            date(index)
        if "findings" in evaluation:  # their rules need the full pass
            extend(map(_ID, evaluation["findings"]))
            inner_cuts = None
            keep(index)
        elif plain is None or evaluation["method"] not in methods or "samples" in evaluation:
            keep(index)
        elif single is not None:  # the common case, without a generator per evaluation
            if not _plain_result(single, plain):
                keep(index)
        elif results and not (all(_plain_result(r, plain) for r in results) and _distinct_measurements(results)):
            keep(index)
    ordered = compare and inner_cuts is not None and _disjoint_runs([(ids, cuts), (inner, inner_cuts or [])])
    return (odd if ordered or _distinct([*ids, *inner]) else None), dated


_ID = itemgetter("id")
_RUNS = 16  # increasing runs compared by their bounds at most; with more, the set decides


def _disjoint_runs(lists: list[tuple[list[str], list[int]]]) -> bool:
    """True when the strings of ``lists`` are certainly all distinct: each list is cut at the given positions (where
    a string is not greater than the one before it) into runs of increasing strings, the runs are few, and their
    ranges (first to last string) do not overlap. Then every string lies in one run's range only, and is
    greater than the one before it there. False says nothing: the set decides."""
    bounds: list[tuple[str, str]] = []
    for strings, at in lists:
        if not strings:
            continue
        starts = [0, *(cut for cut in at if cut)]  # a cut at 0: the first string was "", not above the start value
        if len(bounds) + len(starts) > _RUNS:
            return False
        ends = [*starts[1:], len(strings)]
        bounds.extend((strings[start], strings[end - 1]) for start, end in zip(starts, ends, strict=True))
    bounds.sort()
    return all(map(lt, [high for _, high in bounds[:-1]], [low for low, _ in bounds[1:]]))


def _distinct(ids: list[str]) -> bool:
    """Whether no id occurs twice."""
    return len(set(ids)) == len(ids)


def _distinct_measurements(results: list[dict[str, Any]]) -> bool:
    keys = {(r["metric"]["id"], tuple(sorted((r.get("slice") or {}).items())), tuple(sorted(r["risks"])))
            for r in results}
    return len(keys) == len(results)


def index_tokens(release: str, scheme: str) -> Any:
    from riskfmt import vocab_index

    # through vocab_index's own reference to the generated index, which tests replace with one of their own
    return vocab_index._index.TOKENS[release].get(scheme, ())  # type: ignore[attr-defined]


def _plain_result(result: dict[str, Any], plain: frozenset[str]) -> bool:
    """What ``riskfmt.semantic._result`` and the vocabulary rule check, as one expression that is True only
    when both are silent: a finite value within the metric's bounds, an uncertainty with ``n``, a standard
    error that is not implausible and a confidence interval that holds the value, every risk id current."""
    value = result["value"]
    metric = result["metric"]
    low, high = metric.get("min"), metric.get("max")
    if not (value - value == 0 and (low is None or low <= value) and (high is None or value <= high)
            and plain.issuperset(result["risks"])):
        return False  # value - value is 0 for every finite number, NaN for NaN and infinities
    uncertainty = result.get("uncertainty")
    if uncertainty:
        if "n" not in result:
            return False
        se = uncertainty.get("standard_error")
        if se is not None and se > 0.5:
            return False
        ci = uncertainty.get("ci")
        if ci and not ci["lower"] <= value <= ci["upper"]:
            return False
    return True
