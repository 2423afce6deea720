"""The statistics of riskfmt diff, checked against textbook cases computed independently: scipy (Wilson,
binomial, chi-square, Welch and paired t) and published worked examples (Newcombe 1998; Agresti's
presidential approval table for McNemar's test)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.compare import stats

scipy_stats = pytest.importorskip("scipy.stats")


# ---- Wilson and Newcombe --------------------------------------------------------------------------------


@pytest.mark.parametrize(("k", "n", "lower", "upper"), [
    # Newcombe (1998a), "Two-sided confidence intervals for the single proportion", examples 81/263 and 15/148
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
])
def test_wilson_matches_newcombes_worked_examples(k: int, n: int, lower: float, upper: float) -> None:
    low, high = stats.wilson(k / n, n, stats.z_for(0.95))
    assert (round(low, 4), round(high, 4)) == (lower, upper)


@given(st.integers(0, 400), st.integers(1, 400), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
@settings(max_examples=200, deadline=None)  # compares numbers with scipy: no time limit (the machine may be loaded)
def test_wilson_agrees_with_scipy(k: int, n: int, level: float) -> None:
    k = min(k, n)
    expected = scipy_stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    low, high = stats.wilson(k / n, n, stats.z_for(level))
    assert low == pytest.approx(expected.low, abs=1e-9)
    assert high == pytest.approx(expected.high, abs=1e-9)


@pytest.mark.parametrize(("a", "m", "b", "n", "lower", "upper"), [
    # Newcombe (1998b), "Interval estimation for the difference between independent proportions: comparison
    # of eleven methods", Statistics in Medicine 17:873-890, method 10 (hybrid score), examples (a) and (b)
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
])
def test_newcombe_matches_the_published_examples(a: int, m: int, b: int, n: int, lower: float, upper: float) -> None:
    # the paper's difference is the first group minus the second; riskfmt's is B - A
    test = stats.newcombe(b / n, n, a / m, m, 0.95)
    assert (round(test.lower, 4), round(test.upper, 4)) == (lower, upper)


def _newcombe_from_scipy(xa: int, na: int, xb: int, nb: int, level: float) -> tuple[float, float]:
    """Newcombe's method 10 composed independently from scipy's Wilson intervals."""
    ca = scipy_stats.binomtest(xa, na).proportion_ci(confidence_level=level, method="wilson")
    cb = scipy_stats.binomtest(xb, nb).proportion_ci(confidence_level=level, method="wilson")
    pa, pb = xa / na, xb / nb
    d = pb - pa
    return (d - math.sqrt((pb - cb.low) ** 2 + (ca.high - pa) ** 2),
            d + math.sqrt((cb.high - pb) ** 2 + (pa - ca.low) ** 2))


@given(st.integers(0, 300), st.integers(1, 300), st.integers(0, 300), st.integers(1, 300),
       st.sampled_from([0.9, 0.95, 0.99]))
@settings(max_examples=200, deadline=None)  # compares numbers with scipy: no time limit (the machine may be loaded)
def test_newcombe_agrees_with_a_composition_of_scipys_wilson(xa: int, na: int, xb: int, nb: int, level: float) -> None:
    xa, xb = min(xa, na), min(xb, nb)
    lower, upper = _newcombe_from_scipy(xa, na, xb, nb, level)
    test = stats.newcombe(xa / na, na, xb / nb, nb, level)
    assert test.lower == pytest.approx(max(-1.0, lower), abs=1e-9)
    assert test.upper == pytest.approx(min(1.0, upper), abs=1e-9)


@given(st.integers(0, 200), st.integers(1, 200), st.integers(0, 200), st.integers(1, 200))
@settings(max_examples=150, deadline=None)  # compares numbers with scipy: no time limit (the machine may be loaded)
def test_newcombe_p_value_is_the_inversion_of_its_interval(xa: int, na: int, xb: int, nb: int) -> None:
    """At level 1 - p the interval touches 0; a little wider it contains 0, a little narrower it does not."""
    xa, xb = min(xa, na), min(xb, nb)
    test = stats.newcombe(xa / na, na, xb / nb, nb)
    if test.estimate == 0:
        assert test.p_value == 1.0
        return
    if not 1e-8 < test.p_value < 1 - 1e-9:
        return
    wider = stats.newcombe(xa / na, na, xb / nb, nb, 1 - test.p_value * 0.999)
    narrower = stats.newcombe(xa / na, na, xb / nb, nb, 1 - test.p_value * 1.001)
    assert wider.lower <= 0 <= wider.upper
    assert not narrower.lower <= 0 <= narrower.upper


def test_newcombe_mirrors_exactly() -> None:
    one = stats.newcombe(0.612, 817, 0.521, 817)
    other = stats.newcombe(0.521, 817, 0.612, 817)
    assert (other.estimate, other.lower, other.upper) == (-one.estimate, -one.upper, -one.lower)
    assert other.p_value == one.p_value


# ---- McNemar -------------------------------------------------------------------------------------------------


def test_mcnemar_on_agrestis_presidential_approval_table() -> None:
    # Agresti (1990), p. 350: approve/disapprove in two surveys of 1600 people, 150 and 86 discordant.
    # R's mcnemar.test (Edwards' correction): chi-squared = 16.818, p-value = 4.115e-05.
    test = stats.mcnemar(150, 86)
    assert test.method == "chi-square"
    assert test.statistic == pytest.approx(16.818, abs=5e-4)
    assert test.p_value == pytest.approx(4.115e-05, rel=1e-3)
    assert test.p_value == pytest.approx(scipy_stats.chi2.sf((abs(150 - 86) - 1) ** 2 / 236, 1), rel=1e-12)


@given(st.integers(0, 24), st.integers(0, 24))
def test_mcnemar_exact_for_few_discordant_pairs_matches_scipy_binomtest(b: int, c: int) -> None:
    if b + c >= stats.EXACT_MCNEMAR_BELOW or b + c == 0:
        return
    test = stats.mcnemar(b, c)
    assert test.method == "exact"
    assert test.p_value == pytest.approx(scipy_stats.binomtest(b, b + c, 0.5).pvalue, rel=1e-12)


@given(st.integers(0, 2000), st.integers(0, 2000))
def test_mcnemar_chi_square_matches_scipy(b: int, c: int) -> None:
    if b + c < stats.EXACT_MCNEMAR_BELOW:
        return
    test = stats.mcnemar(b, c)
    expected = scipy_stats.chi2.sf(max(0, abs(b - c) - 1) ** 2 / (b + c), 1)
    assert test.p_value == pytest.approx(expected, rel=1e-9, abs=1e-300)
    assert stats.mcnemar(c, b).p_value == test.p_value


# ---- Welch and paired t ---------------------------------------------------------------------------------------


@given(st.floats(-10, 10), st.floats(0.001, 3), st.integers(2, 5000),
       st.floats(-10, 10), st.floats(0.001, 3), st.integers(2, 5000))
@settings(max_examples=200, deadline=None)  # compares numbers with scipy: no time limit (the machine may be loaded)
def test_welch_matches_scipy_ttest_ind_from_stats(ma: float, sa: float, na: int, mb: float, sb: float, nb: int) -> None:
    test = stats.welch(ma, sa, na, mb, sb, nb)
    expected = scipy_stats.ttest_ind_from_stats(mb, sb * math.sqrt(nb), nb, ma, sa * math.sqrt(na), na,
                                                equal_var=False)
    assert test.statistic == pytest.approx(expected.statistic, rel=1e-9)
    assert test.p_value == pytest.approx(expected.pvalue, rel=1e-7, abs=1e-14)
    df = test.df
    assert df is not None
    half = scipy_stats.t.ppf(0.975, df) * math.hypot(sa, sb)
    assert test.upper - test.lower == pytest.approx(2 * half, rel=1e-7)


def test_welch_without_n_is_the_normal_test() -> None:
    test = stats.welch(0.4, 0.02, None, 0.45, 0.03, None)
    z = 0.05 / math.hypot(0.02, 0.03)
    assert test.method == "normal"
    assert test.p_value == pytest.approx(2 * scipy_stats.norm.sf(z), rel=1e-12)


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=2, max_size=200))
@settings(max_examples=150, deadline=None)  # compares numbers with scipy: no time limit (the machine may be loaded)
def test_paired_t_matches_scipy_ttest_rel(pairs: list[tuple[float, float]]) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    differences = [y - x for x, y in pairs]
    n = len(differences)
    mean = math.fsum(differences) / n
    variance = math.fsum((d - mean) ** 2 for d in differences) / (n - 1)
    test = stats.paired_t(n, mean, variance)
    assert test is not None
    if variance < 1e-20:
        return  # scipy returns nan for constant differences; riskfmt says p = 1 (no change) or 0
    expected = scipy_stats.ttest_rel(b, a)
    assert test.p_value == pytest.approx(expected.pvalue, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("df", [1, 2, 3, 5, 10, 30, 100, 1000, 1e6])
@pytest.mark.parametrize("t", [0.01, 0.5, 1.0, 1.96, 2.5, 4.0, 10.0])
def test_student_t_tail_matches_scipy(t: float, df: float) -> None:
    assert stats.t_sf2(t, df) == pytest.approx(2 * scipy_stats.t.sf(t, df), rel=1e-9)
    assert stats.t_quantile(0.95, df) == pytest.approx(scipy_stats.t.ppf(0.975, df), rel=1e-9)


special = pytest.importorskip("scipy.special")


@pytest.mark.parametrize(("t", "df"), [(2.59e156, 2.0), (2.59e156, 1.0), (1e154, 1.5), (3e150, 4.0), (1e-170, 3.0)])
def test_student_t_tail_far_out_where_t_squared_overflows(t: float, df: float) -> None:
    # Two standard errors of 1e-157 give |t| near 1e156, whose square overflows a float: the p-value must
    # stay a number (it was NaN, which no JSON output can carry). scipy's t.sf underflows to 0 there, so
    # compare with the regularized incomplete beta at x = df / (df + t^2), computed without t^2.
    r = df / t / t
    expected = special.betainc(df / 2, 0.5, r / (1 + r)) if r < 1e300 else 1.0
    assert math.isfinite(stats.t_sf2(t, df))
    assert stats.t_sf2(t, df) == pytest.approx(expected, rel=1e-9, abs=0)
    assert stats.t_sf2(-t, df) == stats.t_sf2(t, df)


def test_welch_with_vanishing_standard_errors_is_a_number() -> None:
    # found by the mirror law in tests/compare/test_laws.py
    test = stats.welch(1.0, 2.7300657109293786e-157, 2, 0.0, 2.7300657109293786e-157, 2)
    assert math.isfinite(test.p_value) and test.p_value < 1e-300


# ---- multiple comparisons -------------------------------------------------------------------------------------


def test_holm_on_a_worked_example() -> None:
    # four tests at alpha 0.05: sorted 0.005, 0.01, 0.03, 0.04 -> 4*0.005, 3*0.01, 2*0.03, 1*0.04 made monotone
    p = [0.01, 0.04, 0.03, 0.005]
    assert stats.adjust(p, "holm") == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert stats.adjust(p, "bonferroni") == pytest.approx([0.04, 0.16, 0.12, 0.02])
    assert stats.adjust(p, "none") == p


@given(st.lists(st.floats(0, 1), max_size=30), st.randoms())
def test_holm_does_not_depend_on_the_order_of_the_tests(p: list[float], rnd: object) -> None:
    order = list(range(len(p)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    shuffled = [p[i] for i in order]
    adjusted, adjusted_shuffled = stats.adjust(p, "holm"), stats.adjust(shuffled, "holm")
    assert [adjusted[i] for i in order] == adjusted_shuffled
    assert all(a >= q for a, q in zip(adjusted, p, strict=True))
    assert all(a <= b for a, b in zip(adjusted, stats.adjust(p, "bonferroni"), strict=True))
