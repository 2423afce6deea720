"""One pair of measurements, tested: ``riskfmt diff`` tests each aligned pair of results this way, and
``riskfmt compare`` each two reports with a value in a column. The difference B - A, its interval and p-value
(Newcombe for proportions, Welch otherwise), or a note saying why no test could be made."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from riskfmt.compare import stats
from riskfmt.compare.align import Aligned, Canonicalizer
from riskfmt.compare.keys import risk_key, risk_label, slice_dict
from riskfmt.compare.levels import level_change
from riskfmt.compare.measure import (
    SCALES,
    Side,
    change_of,
    direction_of,
    is_proportion_kind,
    measurement,
    side_of,
    threshold_met,
)
from riskfmt.compare.notes import note
from riskfmt.compare.options import DiffOptions
from riskfmt.i18n.text import both, params

__all__ = ["PairBuilder", "PairWork"]

_REPORTED_SE_FIRST = ("clustered", "bootstrap")  # these standard errors know more than a binomial model


@dataclass
class PairWork:
    """A pair under construction; the p-value correction fills in the rest once every test is known."""

    entry: dict[str, Any]
    p_value: float | None = None
    direction: str = "neither"



class PairBuilder:
    """Builds pairs and their notes. ``names`` are how messages call the two reports ("A" and "B" in a
    diff, the report labels in a matrix); ``sides`` are what the notes' side field says."""

    def __init__(self, a: dict[str, Any], b: dict[str, Any], sources: tuple[str, str], options: DiffOptions,
                 canon: Canonicalizer, names: tuple[str, str] = ("A", "B"),
                 sides: tuple[str, str] = ("a", "b")) -> None:
        self.a, self.b, self.sources, self.options = a, b, sources, options
        self.names, self.sides = names, sides
        self.canon = canon
        self.notes: list[dict[str, Any]] = []
        self._noted: set[tuple[Any, ...]] = set()

    def note(self, code: str, side: str | None, pointer: str = "", **params: object) -> None:
        source = self.sources[0] if side in (None, "a") else self.sources[1]
        shown = None if side is None else self.sides[0] if side == "a" else self.sides[1]
        key = (code, shown, source, pointer, tuple(sorted((k, str(v)) for k, v in params.items())))
        if key in self._noted:
            return
        self._noted.add(key)
        self.notes.append(note(code, source if side is not None else "", pointer, shown, **params))

    # ---- alignment notes -------------------------------------------------------------------------

    def alignment(self, pair: Aligned) -> dict[str, Any]:
        via = []
        for side, item in (("a", pair.a), ("b", pair.b)):
            for step in item.vias:
                if step.kind == "concept":
                    continue
                via.append(step.to_dict(side))
                self.alignment_note(step, side, item.pointer)
        out: dict[str, Any] = {"exact": pair.exact, "tier": ("exact", "inexact", "partial")[pair.tier]}
        if via:
            out["via"] = via
        if pair.tier == 2:
            self.note("RF812", None, "", shared=", ".join(sorted(pair.concepts)), name_a=self.names[0],
                      name_b=self.names[1], risks_a=", ".join(sorted(pair.a.cited)),
                      risks_b=", ".join(sorted(pair.b.cited)))
        return out

    def alignment_note(self, step: Any, side: str, pointer: str) -> None:
        if step.kind == "crosswalk" and not step.exact:
            self.note("RF810", side, pointer, cited=step.cited, concepts=", ".join(step.concepts),
                      framework=step.framework or "?", predicates=", ".join(sorted(set(step.predicates))))
        elif step.kind == "replacement":
            self.note("RF811", side, pointer, cited=step.cited, concept=step.concepts[0])
        elif step.kind in ("unmapped", "unknown"):
            self.note("RF813", side, pointer, cited=step.cited)

    # ---- result pairs ----------------------------------------------------------------------------

    def pair(self, pair: Aligned) -> PairWork:
        level = self.options.level
        side_a, side_b = side_of(pair.a, level), side_of(pair.b, level)
        ra, rb = side_a.result, side_b.result
        risk = risk_key(pair.concepts)
        metric = ra["metric"]["id"]
        direction = direction_of(ra, rb)
        met_a, met_b = threshold_met(ra), threshold_met(rb)
        entry: dict[str, Any] = {
            "risk": risk,
            "risks": sorted(pair.concepts),
            "risk_label": risk_label(self.canon, pair.concepts),
            "task": pair.a.bucket[0],
            "metric": metric,
        }
        if pair.a.bucket[2]:
            entry["slice"] = slice_dict(pair.a.bucket[2])
        entry["direction"] = direction
        entry["alignment"] = self.alignment(pair)
        entry["a"] = measurement(side_a, met_a)
        entry["b"] = measurement(side_b, met_b)
        for side, s in (("a", side_a), ("b", side_b)):
            status = s.item.evaluation_data.get("status")
            if status not in (None, "completed"):
                self.note("RF825", side, s.item.pointer.rsplit("/results", 1)[0] + "/status", id=s.item.evaluation,
                          status=status)
        if direction == "conflicting":
            self.note("RF822", None, "", metric=metric, risk=risk, name_a=self.names[0], name_b=self.names[1],
                      direction_a=ra["metric"]["direction"], direction_b=rb["metric"]["direction"])
        work = PairWork(entry, direction=direction)
        self._test(work, side_a, side_b, risk, metric, level)
        change = change_of(entry["difference"], direction)
        if change is not None:
            entry["change"] = change
        levels = level_change(self.canon, ra.get("risk_level"), rb.get("risk_level"))
        if levels is not None:
            entry["level"] = levels
            if levels["change"] == "incomparable":
                self.note("RF824", None, "", scale_a=levels["a"]["scale"], scale_b=levels["b"]["scale"])
        if met_a is not None and met_b is not None:
            entry["threshold"] = {"a_met": met_a, "b_met": met_b, "changed": met_a != met_b}
        return work

    def _test(self, work: PairWork, a: Side, b: Side, risk: str, metric: str, level: float) -> None:
        entry = work.entry
        scale_a, scale_b = SCALES.get(a.unit or ""), SCALES.get(b.unit or "")
        if a.unit is not None and b.unit is not None and a.unit != b.unit:
            if scale_a is None or scale_b is None:
                entry["difference"] = None
                entry["significant"] = None
                entry["reason"] = "units-differ"
                self.note("RF821", None, "", metric=metric, risk=risk, unit_a=a.unit, unit_b=b.unit,
                          name_a=self.names[0], name_b=self.names[1])
                return
            self.note("RF826", None, "", metric=metric, risk=risk)
            shown_a, shown_b, unit_factor = scale_a, scale_b, 1.0  # both shown as fractions
        else:
            unit = a.unit if a.unit is not None else b.unit
            factor = SCALES.get(unit or "", 1.0)
            shown_a = shown_b = 1.0
            unit_factor = 1.0 / factor  # fractions back to the recorded unit (100 for percent)
            scale_a = scale_b = factor
        value_a, value_b = a.value * shown_a, b.value * shown_b
        difference = value_b - value_a
        if not math.isfinite(difference):  # 1e308 against -1e308: no float holds the difference
            entry["difference"] = None
            entry["significant"] = None
            entry["reason"] = "out-of-range"
            self.note("RF820", None, "", metric=metric, risk=risk, **params("why", _OUT_OF_RANGE, "comparison"))
            return
        entry["difference"] = difference
        kind_a = is_proportion_kind(self.canon, a.result["metric"].get("kind"))
        kind_b = is_proportion_kind(self.canon, b.result["metric"].get("kind"))
        proportion = (kind_a or kind_b) and kind_a is not False and kind_b is not False
        pa, pb = a.value * (scale_a or 1.0), b.value * (scale_b or 1.0)
        test: stats.Test | None = None
        use_reported = a.method in _REPORTED_SE_FIRST or b.method in _REPORTED_SE_FIRST
        if (proportion and a.n and b.n and 0.0 <= pa <= 1.0 and 0.0 <= pb <= 1.0
                and not (use_reported and a.se is not None and b.se is not None)):
            fraction = stats.newcombe(pa, a.n, pb, b.n, level)
            back = unit_factor
            test = stats.Test("newcombe", difference, None if fraction.lower is None else fraction.lower * back,
                              None if fraction.upper is None else fraction.upper * back, level, fraction.p_value)
        else:
            se_a, se_b = a.se, b.se
            if proportion:  # a proportion with n but no recorded error: the binomial standard error
                if se_a is None and a.n and 0.0 < pa < 1.0:
                    se_a = math.sqrt(pa * (1 - pa) / a.n) / (scale_a or 1.0)
                if se_b is None and b.n and 0.0 < pb < 1.0:
                    se_b = math.sqrt(pb * (1 - pb) / b.n) / (scale_b or 1.0)
            if se_a is not None and se_b is not None:
                test = stats.welch(value_a, se_a * shown_a, a.n, value_b, se_b * shown_b, b.n, level)
                for side, s in (("a", a), ("b", b)):
                    if s.se_source == "interval":  # say so only where the derived error was used
                        self.note("RF823", side, s.item.pointer + "/uncertainty/ci", result=s.item.id,
                                  level=f"{s.result['uncertainty']['ci']['level']:g}")
        if test is not None and stats.finite(test) is None:
            entry["significant"] = None
            entry["reason"] = "out-of-range"
            self.note("RF820", None, "", metric=metric, risk=risk, **params("why", _OUT_OF_RANGE, "comparison"))
            return
        test = stats.finite(test) if test is not None else None
        if test is None:
            missing_a = a.se is None and not (proportion and a.n)
            missing_b = b.se is None and not (proportion and b.n)
            why, why_zh = _why(missing_a, missing_b, self.names)
            entry["significant"] = None
            entry["reason"] = "no-uncertainty"
            self.note("RF820", None, "", metric=metric, risk=risk, why=why, why_zh=why_zh)
            return
        entry["test"] = test.method
        if test.lower is not None and test.upper is not None:
            entry["interval"] = {"lower": test.lower, "upper": test.upper, "level": level}
        entry["p_value"] = test.p_value
        entry["significant"] = None  # filled in by the correction
        work.p_value = test.p_value


# English; the Chinese of the reasons is in riskfmt/i18n/zh_CN.po (msgctxt "comparison")
_OUT_OF_RANGE = "the values or their uncertainty lie beyond what floating point can compute with"


def _why(missing_a: bool, missing_b: bool, names: tuple[str, str]) -> tuple[str, str]:
    if missing_a and missing_b:
        return both("neither report records its uncertainty (a standard error, an interval, or n for a proportion)",
                    "comparison")
    return both("{side} records no uncertainty (a standard error, an interval, or n for a proportion)", "comparison",
                side=names[0] if missing_a else names[1])
