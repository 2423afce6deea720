"""Forest plots drawn by riskfmt itself: one row per value with its interval, as inline SVG.

Each row is an HTML grid row (label, mark, value) whose mark column all rows share, so the rows of one plot
line up on one axis and labels wrap as text instead of shrinking with the drawing. Positions are percentages
of the mark column, so a plot fits a 390 px phone and a printed page alike without being scaled. Every mark
is an ``svg`` with ``role="img"`` and a ``title`` (shown on hover and read by screen readers) that says the
value, the interval, n and how the uncertainty was obtained; the same facts are in a table beside the plot.
Every row has exactly one element of class ``mark``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from riskfmt.views.html import Page, esc

__all__ = ["Mark", "forest", "nice_ticks"]


@dataclass
class Mark:
    """One row. ``label`` and ``shown`` are HTML; ``title`` is plain text (it goes into an SVG title)."""

    label: str
    value: float | None
    lower: float | None
    upper: float | None
    title: str
    shown: str
    tone: str = ""  # good | bad | warn | dim: colour only; the words in the row carry the meaning
    derived: bool = False  # the interval was computed by riskfmt, not recorded in the document
    threshold: float | None = None


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    if not raw > 0 or not math.isfinite(raw):
        return [lo]
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks: list[float] = []
    value = first
    while value <= hi + step * 1e-9 and len(ticks) < 20:
        ticks.append(round(value, 12))
        value += step
    return ticks


def _fmt_tick(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e5 or abs(value) < 1e-3:
        return f"{value:.2g}"
    return f"{value:.6g}"


def _domain(marks: Sequence[Mark], lo: float | None, hi: float | None, zero: bool) -> tuple[float, float]:
    values = [v for m in marks for v in (m.value, m.lower, m.upper, m.threshold)
              if v is not None and math.isfinite(v)]
    if zero:
        values.append(0.0)
    if lo is None or hi is None or not hi > lo:
        if not values:
            return 0.0, 1.0
        low, high = min(values), max(values)
        if high - low <= max(abs(low), abs(high), 1.0) * 1e-12:  # one value (or values too close to tell apart)
            half = abs(low) * 0.5 if abs(low) > 1e-9 else 0.5
            low, high = low - half, high + half
        pad = (high - low) * 0.06
        lo, hi = low - pad, high + pad
        if zero:  # keep the no-difference line inside and symmetric enough to read either side
            span = max(abs(lo), abs(hi))
            lo, hi = min(lo, -span * 0.25), max(hi, span * 0.25)
    return lo, hi


def forest(page: Page, caption: str, marks: Sequence[Mark], *, lo: float | None = None, hi: float | None = None,
           zero: bool = False, legend: str = "") -> str:
    """A figure with one row per mark on a shared axis. ``lo``/``hi`` fix the axis (a metric's range);
    ``zero`` draws the no-difference line (for differences)."""
    lo, hi = _domain(marks, lo, hi, zero)
    span = hi - lo

    def pct(value: float) -> float:
        return max(0.0, min(100.0, (value - lo) / span * 100.0))

    ticks = nice_ticks(lo, hi)
    grid = "".join(f'<line class="fp-grid" x1="{pct(t):.2f}%" x2="{pct(t):.2f}%" y1="0" y2="100%"/>' for t in ticks)
    if zero and lo < 0 < hi:
        grid += f'<line class="fp-zero" x1="{pct(0):.2f}%" x2="{pct(0):.2f}%" y1="0" y2="100%"/>'
    labels = []
    for i, t in enumerate(ticks):
        anchor = "start" if i == 0 and pct(t) < 6 else "end" if i == len(ticks) - 1 and pct(t) > 94 else "middle"
        labels.append(f'<text x="{pct(t):.2f}%" y="12" text-anchor="{anchor}">{esc(_fmt_tick(t))}</text>')
    axis = (f'<div class="fp-row axis" aria-hidden="true"><div class="fp-label"></div>'
            f'<svg>{"".join(labels)}</svg><div class="fp-value"></div></div>')
    rows = [axis]
    for mark in marks:
        ident = page.anchor("fp")
        parts = [f'<title id="{ident}">{esc(mark.title)}</title>', grid]
        if mark.threshold is not None and math.isfinite(mark.threshold):
            x = pct(mark.threshold)
            parts.append(f'<line class="fp-threshold" x1="{x:.2f}%" x2="{x:.2f}%" y1="2" y2="20"/>')
        if mark.lower is not None and mark.upper is not None:
            klass = "fp-ci derived" if mark.derived else "fp-ci"
            parts.append(f'<line class="{klass}" x1="{pct(mark.lower):.2f}%" x2="{pct(mark.upper):.2f}%" '
                         f'y1="11" y2="11"/>')
        if mark.value is not None and math.isfinite(mark.value):
            parts.append(f'<circle class="mark" cx="{pct(mark.value):.2f}%" cy="11" r="5"/>')
        else:  # nothing to place (no value): the row still gets its one mark, drawn hollow at the left edge
            parts.append('<circle class="mark missing" cx="0%" cy="11" r="4"/>')
        tone = f" tone-{esc(mark.tone)}" if mark.tone else ""
        rows.append(f'<div class="fp-row{tone}"><div class="fp-label">{mark.label}</div>'
                    f'<svg role="img" aria-labelledby="{ident}">{"".join(parts)}</svg>'
                    f'<div class="fp-value">{mark.shown}</div></div>')
    legend_html = f'<p class="legend">{legend}</p>' if legend else ""
    return f'<figure class="forest"><figcaption>{caption}</figcaption>{"".join(rows)}{legend_html}</figure>'
