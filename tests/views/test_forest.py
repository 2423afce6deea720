"""Properties of the forest plots: round ticks inside the axis, one mark per row, every position on the plot."""

from __future__ import annotations

import itertools
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from riskfmt.views.forest import Mark, forest, nice_ticks
from riskfmt.views.html import Page

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(finite, st.floats(min_value=1e-6, max_value=1e6))
def test_ticks_are_inside_increasing_and_few(lo: float, width: float) -> None:
    hi = lo + width
    ticks = nice_ticks(lo, hi)
    assert 1 <= len(ticks) <= 20
    assert all(b > a for a, b in itertools.pairwise(ticks))
    slack = width * 1e-6
    assert all(lo - slack <= t <= hi + slack for t in ticks)


values = st.one_of(st.none(), finite)


@given(st.lists(st.tuples(values, values, values), min_size=1, max_size=12), st.booleans())
def test_one_mark_per_row_and_positions_on_the_plot(rows: list[tuple[float | None, ...]], zero: bool) -> None:
    marks = []
    for value, a, b in rows:
        lower, upper = (None, None) if a is None or b is None else (min(a, b), max(a, b))
        marks.append(Mark(label="x", value=value, lower=lower, upper=upper, title="t", shown="s"))
    html = forest(Page("en"), "caption", marks, zero=zero)
    assert html.count('class="mark') == len(marks)
    for number in re.findall(r'(?:cx|x1|x2|x)="(-?[0-9.]+)%"', html):
        assert 0.0 <= float(number) <= 100.0 and math.isfinite(float(number))
