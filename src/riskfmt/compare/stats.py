"""The statistics behind ``riskfmt diff`` and ``riskfmt compare``, in the standard library only.

Every test here is symmetric in its two sides: swapping A and B negates a difference and its interval
exactly (the arithmetic is written so that floating point gives bit-identical mirrors) and leaves every
p-value unchanged. The tests checked against scipy and against published worked examples live in
``tests/compare/test_stats.py``.

- Two proportions with their n: Newcombe's hybrid score interval (method 10 of Newcombe 1998, built on
  Wilson intervals); its p-value is the test inversion of that interval, so "significant at alpha" and
  "the 1 - alpha interval excludes 0" always agree.
- Two values with standard errors: Welch's t (Welch-Satterthwaite degrees of freedom) when both n are
  known, the normal approximation otherwise.
- Paired pass/fail samples: McNemar's test, exact binomial below 25 discordant pairs, chi-square with
  Edwards' continuity correction from there on.
- Paired scores: the paired t-test.
- Multiple comparisons: Holm's step-down (default), Bonferroni, or none.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

__all__ = [
    "CORRECTIONS",
    "EXACT_MCNEMAR_BELOW",
    "Test",
    "adjust",
    "finite",
    "mcnemar",
    "newcombe",
    "normal_p",
    "paired_t",
    "t_quantile",
    "t_sf2",
    "welch",
    "wilson",
    "z_for",
]

_NORMAL = NormalDist()
CORRECTIONS = ("holm", "bonferroni", "none")
EXACT_MCNEMAR_BELOW = 25  # discordant pairs; the usual textbook threshold for the exact binomial version
_Z_MAX = 40.0  # beyond this the two-sided normal tail is below 1e-300


@dataclass(frozen=True, slots=True)
class Test:
    """One test of "no difference": the estimate (B - A), its interval and the two-sided p-value."""

    method: str
    estimate: float
    lower: float | None
    upper: float | None
    level: float
    p_value: float
    statistic: float | None = None
    df: float | None = None


def z_for(level: float) -> float:
    """The two-sided normal quantile for a confidence level (1.959964 for 0.95)."""
    return _NORMAL.inv_cdf(0.5 + level / 2)


def normal_p(z: float) -> float:
    """Two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2.0))


# ------------------------------------------------------------------------------------------------
# Student's t through the regularized incomplete beta function
# ------------------------------------------------------------------------------------------------


def _beta_cf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz), as in Numerical Recipes."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _log_gamma_ratio_half(a: float) -> float:
    """log(Gamma(a + 1/2) / Gamma(a)). For large a the difference of two lgamma values would cancel
    most of its digits, so the asymptotic series is used there."""
    if a < 30.0:
        return math.lgamma(a + 0.5) - math.lgamma(a)
    inv = 1.0 / a
    inv2 = inv * inv
    # the series of Bernoulli numbers: (B_n(1/2) - B_n) / (n (n - 1)) for n = 2, 4, 6, 8
    return 0.5 * math.log(a) - inv / 8.0 + inv * inv2 * (1.0 / 192.0 - inv2 * (1.0 / 640.0 - inv2 * 17.0 / 14336.0))


def t_sf2(t: float, df: float) -> float:
    """Two-sided p-value of Student's t with ``df`` degrees of freedom (``inf`` for the normal):
    the regularized incomplete beta I_x(df/2, 1/2) at x = df / (df + t^2)."""
    if math.isinf(df) or df > 1e12:
        return normal_p(t)
    t2 = t * t
    a, b = df / 2.0, 0.5
    if math.isinf(t2):
        # |t| > 1e154 (two vanishing standard errors): t^2 overflows, so work with r = df / t^2 and its log
        r = df / t / t
        x, y = r / (1.0 + r), 1.0 / (1.0 + r)
        log_x = math.log(df) - 2.0 * math.log(abs(t)) - math.log1p(r)  # r itself may underflow
    else:
        x, y = df / (df + t2), t2 / (df + t2)  # y = 1 - x, computed without cancellation
        log_x = -math.log1p(t2 / df)
    if y == 0.0:  # |t| so small that its square underflows: no evidence at all
        return 1.0
    # log of x^a y^b / B(a, b), with B(a, 1/2) = Gamma(a) Gamma(1/2) / Gamma(a + 1/2)
    log_front = a * log_x + b * math.log(y) + _log_gamma_ratio_half(a) - 0.5 * math.log(math.pi)
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_cf(a, b, x) / a
    return 1.0 - front * _beta_cf(b, a, y) / b


def t_quantile(level: float, df: float) -> float:
    """The two-sided critical value: P(|T| <= q) = level."""
    if math.isinf(df) or df > 1e7:
        return z_for(level)
    target = 1.0 - level
    low, high = 0.0, 1.0
    while t_sf2(high, df) > target:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if t_sf2(mid, df) > target:
            low = mid
        else:
            high = mid
        if high - low < 1e-12 * high:
            break
    return (low + high) / 2.0


# ------------------------------------------------------------------------------------------------
# Proportions
# ------------------------------------------------------------------------------------------------


def wilson(p: float, n: float, z: float) -> tuple[float, float]:
    """Wilson's score interval for a proportion ``p`` observed on ``n`` trials."""
    if z == 0.0:
        return p, p
    z2 = z * z
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denominator
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _newcombe_bounds(pa: float, na: float, pb: float, nb: float, z: float) -> tuple[float, float]:
    la, ua = wilson(pa, na, z)
    lb, ub = wilson(pb, nb, z)
    d = pb - pa
    # written so that swapping the sides gives exactly (-upper, -lower): the sums are commutative
    lower = d - math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2)
    upper = d + math.sqrt((ub - pb) ** 2 + (pa - la) ** 2)
    return lower, upper


def newcombe(pa: float, na: float, pb: float, nb: float, level: float = 0.95) -> Test:
    """Newcombe's hybrid score interval for pb - pa, and the p-value of its test inversion: the largest
    alpha at which the 1 - alpha interval still contains 0."""
    lower, upper = _newcombe_bounds(pa, na, pb, nb, z_for(level))
    d = pb - pa
    if d == 0.0:
        p_value = 1.0
    else:
        # the bound nearer 0 moves monotonically towards 0 as z grows: bisect for the z where it reaches 0
        def inner(z: float) -> float:
            lo, hi = _newcombe_bounds(pa, na, pb, nb, z)
            return lo if d > 0 else -hi

        if inner(_Z_MAX) > 0.0:
            p_value = 0.0
        else:
            low, high = 0.0, _Z_MAX
            for _ in range(200):
                mid = (low + high) / 2.0
                if inner(mid) > 0.0:
                    low = mid
                else:
                    high = mid
                if high - low < 1e-13:
                    break
            p_value = normal_p((low + high) / 2.0)
    return Test("newcombe", d, max(-1.0, lower), min(1.0, upper), level, p_value)


# ------------------------------------------------------------------------------------------------
# Values with standard errors
# ------------------------------------------------------------------------------------------------


def welch(
    value_a: float, se_a: float, n_a: int | None, value_b: float, se_b: float, n_b: int | None, level: float = 0.95
) -> Test:
    """Welch's unequal-variance t for value_b - value_a from the two standard errors; the normal
    approximation when an n is unknown or below 2."""
    d = value_b - value_a
    # hypot, not sqrt(se_a^2 + se_b^2): the squares of errors beyond 1e154 overflow, those below 1e-162
    # underflow, and either would turn a finite comparison into inf or a division by zero
    se = math.hypot(se_a, se_b)
    if se == 0.0:
        p_value = 1.0 if d == 0.0 else 0.0
        return Test("welch" if n_a and n_b else "normal", d, d, d, level, p_value, None, None)
    if n_a is not None and n_b is not None and n_a > 1 and n_b > 1:
        # Welch-Satterthwaite, written with shares of the variance, taken from the errors scaled by the larger
        # one, so that neither tiny errors (underflow) nor errors whose hypot overflows give a share of 0/0
        larger = max(se_a, se_b)
        ra, rb = se_a / larger, se_b / larger
        r = math.hypot(ra, rb)
        wa, wb = (ra / r) ** 2, (rb / r) ** 2
        df = 1.0 / (wa * wa / (n_a - 1) + wb * wb / (n_b - 1))
        method = "welch"
    else:
        df = math.inf
        method = "normal"
    statistic = d / se
    half = t_quantile(level, df) * se
    return Test(method, d, d - half, d + half, level, t_sf2(statistic, df), statistic,
                None if math.isinf(df) else df)


def finite(test: Test) -> Test | None:
    """``test`` with every number a float can hold, or None when its estimate or p-value is not one.

    Values near the ends of the float range (a standard error of 1e200, values of 1e308 of opposite signs)
    give an infinite difference or interval: an interval that cannot be written is dropped (the estimate
    and p-value still stand), and a test whose estimate or p-value is not a number says nothing.
    """
    def ok(x: float | None) -> bool:
        return x is None or math.isfinite(x)

    if not ok(test.estimate) or not ok(test.p_value) or not 0.0 <= test.p_value <= 1.0:
        return None
    lower, upper = (test.lower, test.upper) if ok(test.lower) and ok(test.upper) else (None, None)
    return Test(test.method, test.estimate, lower, upper, test.level, test.p_value,
                test.statistic if ok(test.statistic) else None, test.df if ok(test.df) else None)


# ------------------------------------------------------------------------------------------------
# Paired samples
# ------------------------------------------------------------------------------------------------


def mcnemar(a_pass_b_fail: int, a_fail_b_pass: int) -> Test:
    """McNemar's test on the discordant pairs. The estimate is (a_fail_b_pass - a_pass_b_fail), the net
    number of samples that B passes and A fails."""
    b, c = a_pass_b_fail, a_fail_b_pass
    n = b + c
    if n == 0:
        return Test("exact", 0.0, None, None, 0.0, 1.0)
    if n < EXACT_MCNEMAR_BELOW:
        tail = sum(math.comb(n, i) for i in range(min(b, c) + 1))
        return Test("exact", float(c - b), None, None, 0.0, min(1.0, 2.0 * tail / 2.0**n))
    # Edwards' correction, never past zero: b == c gives a statistic of 0 and p = 1
    statistic = max(0.0, abs(b - c) - 1.0) ** 2 / n
    return Test("chi-square", float(c - b), None, None, 0.0, math.erfc(math.sqrt(statistic / 2.0)), statistic, 1.0)


def paired_t(n: int, mean: float, variance: float, level: float = 0.95) -> Test | None:
    """The paired t-test from n, the mean of the differences and their sample variance."""
    if n < 2:
        return None
    if variance <= 0.0:
        return Test("paired-t", mean, mean, mean, level, 1.0 if mean == 0.0 else 0.0, None, float(n - 1))
    se = math.sqrt(variance / n)
    statistic = mean / se
    half = t_quantile(level, n - 1) * se
    return Test("paired-t", mean, mean - half, mean + half, level, t_sf2(statistic, n - 1), statistic, float(n - 1))


# ------------------------------------------------------------------------------------------------
# Multiple comparisons
# ------------------------------------------------------------------------------------------------


def adjust(p_values: Sequence[float], method: str = "holm") -> list[float]:
    """Adjusted p-values, in the order given. Holm's adjusted value is max over j <= i of
    min(1, (m - j + 1) p_(j)); it depends only on the multiset of p-values, so the order of the tests
    (and so which report is A) cannot change it."""
    m = len(p_values)
    if method == "none" or m == 0:
        return list(p_values)
    if method == "bonferroni":
        return [min(1.0, m * p) for p in p_values]
    if method != "holm":
        raise ValueError(f"unknown correction {method!r} (known: {', '.join(CORRECTIONS)})")
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted
