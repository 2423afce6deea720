"""Which evaluations of a report no per-evaluation semantic rule can fire on, found in one pass.

``riskfmt.semantic.check_report`` runs the per-evaluation rules only on the evaluations ``survey`` does not clear,
when no id repeats: the findings are then the rules' own, in the same order (tests/test_fast_paths.py compares
both ways on every shipped file and on generated results).
"""

from __future__ import annotations

from operator import itemgetter
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
    against 0.8 s)."""
    ids: list[str] = []
    add, extend = ids.append, ids.extend
    odd: list[int] = []
    dated: list[int] = []
    keep, date = odd.append, dated.append
    for index, evaluation in enumerate(evaluations):
        add(evaluation["id"])
        results = evaluation.get("results")
        if not results:
            single = None
        elif len(results) == 1:
            single = results[0]
            add(single["id"])
        else:
            single = None
            extend(map(_ID, results))
        if "started" in evaluation or "completed" in evaluation:
            date(index)
        if "findings" in evaluation:  # their rules need the full pass
            extend(map(_ID, evaluation["findings"]))
            keep(index)
        elif plain is None or evaluation["method"] not in methods or "samples" in evaluation:
            keep(index)
        elif single is not None:  # the common case, without a generator per evaluation
            if not _plain_result(single, plain):
                keep(index)
        elif results and not (all(_plain_result(r, plain) for r in results) and _distinct_measurements(results)):
            keep(index)
    return (odd if len(set(ids)) == len(ids) else None), dated


_ID = itemgetter("id")


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
