"""The tallies of a paired comparison of samples (``PairedSamples``), and how pairs are added to them.

The tallies are exact and order-independent (integer counts; scores summed as integers on a fixed 2**-64
grid), so the result does not depend on the order pairs are met in, nor on which report is A. Pairs come as
columns (the verdict codes, scores and digests of A's samples, and of their partners in B) and are added with a
C-level pass per column: a Counter of verdict pairs, and one of score pairs, added up per distinct pair.

.. versionadded:: 0.2
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import mul, ne, sub
from typing import Any

__all__ = ["CODES", "OTHER", "PairedSamples", "settle", "tally", "tally_columns"]

_SCALE = 2.0**64  # scores are summed as integers on this grid: exact, so the order of addition is irrelevant
_SCALE_INT = 1 << 64

# verdict codes in a row's value
_FAIL, _PASS, _OTHER, _NONE = 0, 1, 2, -1
OTHER = _OTHER
CODES: dict[Any, int] = {None: _NONE, "pass": _PASS, "fail": _FAIL}  # any other verdict: OTHER


@dataclass
class PairedSamples:
    """The tallies of one paired comparison. Verdict cells count pairs where both verdicts are pass or
    fail; ``other`` counts matched pairs where a verdict is partial, refused or error."""

    matched_by: str = "sample_id"
    matched: int = 0
    only_a: int = 0
    only_b: int = 0
    both_pass: int = 0
    a_pass_b_fail: int = 0
    a_fail_b_pass: int = 0
    both_fail: int = 0
    other: int = 0
    score_n: int = 0
    sum_a: int = 0
    sum_b: int = 0
    sum_d: int = 0
    sum_d2: int = 0
    score_overflow: bool = False
    digest_conflicts: int = 0
    spilled_rows: int = 0
    rows_a: int = 0
    rows_b: int = 0
    digests_a: int = 0
    digests_b: int = 0
    # score pairs counted and not yet added to the sums (``settle`` adds them before the tallies are read)
    pending: Counter[tuple[Any, Any]] = field(default_factory=Counter, repr=False, compare=False)
    pending_pairs: int = field(default=0, repr=False, compare=False)
    grouping: bool = field(default=True, repr=False, compare=False)
    pending_max: int = field(default=1 << 14, repr=False, compare=False)  # within the memory budget (``_run``)

    @property
    def verdict_pairs(self) -> int:
        return self.both_pass + self.a_pass_b_fail + self.a_fail_b_pass + self.both_fail

    def score_means(self) -> tuple[float, float, float] | None:
        """(mean of A, mean of B, mean of B - A) over pairs with both scores."""
        if self.score_n == 0 or self.score_overflow:
            return None
        scale = self.score_n * _SCALE_INT
        try:
            return self.sum_a / scale, self.sum_b / scale, self.sum_d / scale
        except OverflowError:  # a mean beyond the float range (differences of scores near +-1e308)
            return None

    def difference_variance(self) -> float | None:
        """Sample variance of the paired differences, from exact integer sums."""
        n = self.score_n
        if n < 2 or self.score_overflow:
            return None
        try:
            return (n * self.sum_d2 - self.sum_d * self.sum_d) / (n * (n - 1) * _SCALE_INT * _SCALE_INT)
        except OverflowError:  # scores beyond about 1e154 apart: their variance is no float
            return None


def tally(r: PairedSamples, values_a: list[tuple[int, Any, Any]], values_b: list[tuple[int, Any, Any]]) -> None:
    """Add pairs (values_a[i], values_b[i]) to the tallies."""
    if not values_a:
        return
    codes_a, scores_a, digests_a = map(list, zip(*values_a, strict=True))  # rows to columns, in C
    codes_b, scores_b, digests_b = map(list, zip(*values_b, strict=True))
    tally_columns(r, codes_a, codes_b, scores_a, scores_b, digests_a, digests_b)


def tally_columns(r: PairedSamples, codes_a: list[int], codes_b: list[int], scores_a: list[Any],
                   scores_b: list[Any], digests_a: list[Any], digests_b: list[Any]) -> None:
    """Add the pairs (a[i], b[i]) of these columns to the tallies, with a C-level pass per sum and a Counter
    rather than a Python call per pair. Digests come as the strings or as their hashes (the same on both
    sides)."""
    r.matched += len(codes_a)
    for (code_a, code_b), count in Counter(zip(codes_a, codes_b, strict=True)).items():
        if _FAIL <= code_a <= _PASS and _FAIL <= code_b <= _PASS:
            if code_a == _PASS:
                if code_b == _PASS:
                    r.both_pass += count
                else:
                    r.a_pass_b_fail += count
            elif code_b == _PASS:
                r.a_fail_b_pass += count
            else:
                r.both_fail += count
        elif code_a != _NONE or code_b != _NONE:
            r.other += count
    if r.grouping:
        _count_scores(r, scores_a, scores_b)
    else:
        if scores_a.count(None) or scores_b.count(None):  # only pairs with both scores count
            kept = [(x, y) for x, y in zip(scores_a, scores_b, strict=True) if x is not None and y is not None]
            scores_a, scores_b = [x for x, _ in kept], [y for _, y in kept]
        _add_scores(r, scores_a, scores_b, None)
    if digests_a.count(None) or digests_b.count(None):
        r.digest_conflicts += sum(1 for x, y in zip(digests_a, digests_b, strict=True)
                                  if x is not None and y is not None and x != y)
    else:
        r.digest_conflicts += sum(map(ne, digests_a, digests_b))



def _count_scores(r: PairedSamples, scores_a: list[Any], scores_b: list[Any]) -> None:
    """Count the score pairs rather than add them up one by one: most evaluations give few distinct scores (0 and
    1, or a grid), and a count per distinct pair is one C-level pass where the sums take ten. Should the pairs
    turn out mostly distinct, the sums are taken pair by pair from then on. Integer sums are exact, so the
    tallies are the same either way."""
    pending = r.pending
    pending.update(zip(scores_a, scores_b, strict=True))
    r.pending_pairs += len(scores_a)
    if len(pending) > r.pending_max:
        r.grouping = 2 * len(pending) < r.pending_pairs
        settle(r)


def settle(r: PairedSamples) -> None:
    """Add the counted score pairs to the sums (pairs missing a score count for nothing)."""
    pending = r.pending
    if not pending:
        return
    kept = [(pair, count) for pair, count in pending.items() if pair[0] is not None and pair[1] is not None]
    pending.clear()
    r.pending_pairs = 0
    if kept:
        pairs, counts = zip(*kept, strict=True)
        xs, ys = zip(*pairs, strict=True)
        _add_scores(r, xs, ys, counts)


def _add_scores(r: PairedSamples, scores_a: Sequence[Any], scores_b: Sequence[Any],
                counts: Sequence[int] | None) -> None:
    """Add pairs of scores (each pair ``counts[i]`` times, or once) to the sums, a C-level pass per sum."""
    if not scores_a:
        return
    try:
        # y - x is exactly -(x - y), and int() truncates towards 0: the mirror sums are exact negatives
        differences = list(map(int, map(_SCALE.__mul__, map(sub, scores_b, scores_a))))
        grid_a = map(int, map(_SCALE.__mul__, scores_a))
        grid_b = map(int, map(_SCALE.__mul__, scores_b))
        if counts is None:
            n, sum_a, sum_b, sum_d = len(scores_a), sum(grid_a), sum(grid_b), sum(differences)
            sum_d2 = sum(map(mul, differences, differences))
        else:
            weighted = list(map(mul, differences, counts))
            n, sum_a, sum_b, sum_d = (sum(counts), sum(map(mul, grid_a, counts)), sum(map(mul, grid_b, counts)),
                                      sum(weighted))
            sum_d2 = sum(map(mul, differences, weighted))
    except (OverflowError, ValueError):
        r.score_overflow = True
    else:
        r.score_n += n
        r.sum_a += sum_a
        r.sum_b += sum_b
        r.sum_d += sum_d
        r.sum_d2 += sum_d2
