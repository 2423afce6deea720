"""``riskfmt diff`` for evaluation reports: two reports side by side, neither the reference.

The outcome is one document (``ReportDiff.to_dict``, modelled by ``schemas/linkml/diff_result.yaml``):
aligned result pairs with both values, the difference B - A, its interval and whether it is larger than
the recorded uncertainty (after a correction for the number of tests); graded risk levels and threshold
verdicts that changed; qualitative findings present in one report only; coverage; paired per-sample
tests; and the metadata differences that may explain the rest. When the uncertainty needed for a test is
missing, ``significant`` is null ("cannot tell") and a note says why: never a silent guess.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskfmt.compare import stats
from riskfmt.compare.align import (
    Aligned,
    Canonicalizer,
    Item,
    canonicalizer,
    evaluation_items,
    finding_items,
    result_items,
)
from riskfmt.compare.options import DiffOptions
from riskfmt.findings import Finding

__all__ = ["DIFF_FORMAT_VERSION", "ReportDiff", "diff_reports"]

DIFF_FORMAT_VERSION = "1.0"
_PROPORTION = "metric-kind:proportion"
_REPORTED_SE_FIRST = ("clustered", "bootstrap")  # these standard errors know more than a binomial model


# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------


def _lang_text(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k in ("en", "zh") and isinstance(v, str)}
    if isinstance(value, str):
        return {"en": value}
    return None


def _show(value: Any) -> str | None:
    """A metadata value as text: strings as they are, bilingual text as "en / zh", everything else as
    compact sorted JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and set(value) <= {"en", "zh"}:
        return " / ".join(value[k] for k in ("en", "zh") if k in value)
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _note(code: str, source: str, pointer: str = "", side: str | None = None, **params: Any) -> dict[str, Any]:
    finding = Finding.make(code, source, pointer, **params)
    out: dict[str, Any] = {"code": code, "severity": finding.severity.label, "title": finding.title,
                           "message": {"en": finding.message("en"), "zh": finding.message("zh")}}
    if side:
        out["side"] = side
    if source:
        out["source"] = source
    if pointer:
        out["pointer"] = pointer
    return out


def _finding_note(finding: Finding, side: str) -> dict[str, Any]:
    out: dict[str, Any] = {"code": finding.code, "severity": finding.severity.label, "title": finding.title,
                           "message": {"en": finding.message("en"), "zh": finding.message("zh")}, "side": side,
                           "source": finding.location.source}
    if finding.location.pointer:
        out["pointer"] = finding.location.pointer
    return out


_PAIR_KEYS = ("risk", "risks", "risk_label", "task", "metric", "slice", "direction", "alignment", "a", "b",
              "difference", "interval", "test", "p_value", "p_adjusted", "significant", "reason", "change", "level",
              "threshold")


def _in_order(entry: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: entry[key] for key in keys if key in entry}


def combined_marking(*reports: dict[str, Any]) -> dict[str, str]:
    """The TLP label of a document built from parts of several reports: the strictest label anywhere in
    any of them (the inputs' pointers mean nothing in the new document, so granular labels cannot carry
    over part by part, and taking the strictest never weakens one)."""
    from riskfmt.integrity.markings import combine

    return combine(*reports)


def _note_order(note: dict[str, Any]) -> tuple[str, ...]:
    return (note["code"], note.get("side") or "", note.get("pointer") or "", note["message"]["en"])


def _risk_key(concepts: Iterable[str]) -> str:
    return "+".join(sorted(concepts))


def _risk_label(canon: Canonicalizer, concepts: Iterable[str]) -> dict[str, str]:
    ids = sorted(concepts)
    out = {}
    for lang in ("en", "zh"):
        out[lang] = " + ".join(canon.label(c, lang) or c for c in ids)
    return out


def _slice_dict(key: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(key)


# --------------------------------------------------------------------------------------------------
# risk levels
# --------------------------------------------------------------------------------------------------

# The vocabulary holds each scale's levels but not their order; the orders below restate the scales'
# definitions (terms/severity.yaml), lowest risk first. generic-5 orders by its numeric notation.
_RISK_ORDER: dict[str, tuple[str, ...]] = {
    "severity:caict-band": ("severity:caict-controllable", "severity:caict-low", "severity:caict-medium",
                            "severity:caict-high"),
    "severity:ailuminate-grade": ("severity:ailuminate-excellent", "severity:ailuminate-very-good",
                                  "severity:ailuminate-good", "severity:ailuminate-fair", "severity:ailuminate-poor"),
}


def _level_concept(canon: Canonicalizer, scale: str, level: str) -> tuple[str | None, str | None]:
    """(scale concept id, level concept id) for a report's risk_level, when the vocabulary knows them."""
    vocab = canon.vocab
    scale_concept = vocab.get(scale) or vocab.by_token("severity", scale) or vocab.get(f"severity:{scale}")
    if scale_concept is None or scale_concept.scheme != "severity":
        return None, None
    wanted = level.strip().casefold()
    for child in vocab.children(scale_concept.id):
        names = {child.id.casefold(), child.id.split(":", 1)[1].casefold(), (child.notation or "").casefold(),
                 *(label.casefold() for label in child.pref_label.values())}
        short = child.id.split(":", 1)[1]
        prefix = scale_concept.id.split(":", 1)[1].split("-")[0] + "-"
        if short.startswith(prefix):
            names.add(short[len(prefix):].casefold())
        if wanted in names:
            return scale_concept.id, child.id
    return scale_concept.id, None


def _level_rank(canon: Canonicalizer, scale_id: str, level_id: str) -> int | None:
    order = _RISK_ORDER.get(scale_id)
    if order is not None:
        return order.index(level_id) if level_id in order else None
    notation = canon.vocab[level_id].notation
    return int(notation) if notation and notation.isdigit() else None


def _level_change(canon: Canonicalizer, a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if not a and not b:
        return None
    out: dict[str, Any] = {}
    if a:
        out["a"] = {"scale": a["scale"], "level": a["level"]}
    if b:
        out["b"] = {"scale": b["scale"], "level": b["level"]}
    if not a or not b:
        out["change"] = "one-sided"
        return out
    scale_a, level_a = _level_concept(canon, a["scale"], a["level"])
    scale_b, level_b = _level_concept(canon, b["scale"], b["level"])
    same_scale = (scale_a is not None and scale_a == scale_b) or a["scale"] == b["scale"]
    if not same_scale:
        out["change"] = "incomparable"
        return out
    if (level_a is not None and level_a == level_b) or (level_a is None and a["level"] == b["level"]):
        out["change"] = "same"
        return out
    if scale_a and level_a and level_b:
        rank_a, rank_b = _level_rank(canon, scale_a, level_a), _level_rank(canon, scale_a, level_b)
        if rank_a is not None and rank_b is not None:
            out["change"] = "higher" if rank_b > rank_a else "lower"
            return out
    out["change"] = "changed"
    return out


# --------------------------------------------------------------------------------------------------
# one measurement and one pair
# --------------------------------------------------------------------------------------------------


def _is_proportion_kind(canon: Canonicalizer, kind: str | None) -> bool | None:
    """True for proportion and its narrower kinds, False for other known kinds, None when unknown."""
    if not kind:
        return None
    concept = canon.vocab.by_token("metric-kind", kind)
    if concept is None:
        return kind.casefold() == "proportion" or None
    if concept.id == _PROPORTION:
        return True
    return any(parent.id == _PROPORTION for parent in canon.vocab.ancestors(concept.id))


@dataclass
class _Side:
    item: Item
    value: float
    unit: str | None
    n: int | None
    se: float | None
    se_source: str | None
    method: str | None

    @property
    def result(self) -> dict[str, Any]:
        return self.item.data  # type: ignore[no-any-return]


def _side(item: Item, level_for_ci: float) -> _Side:
    result = item.data
    uncertainty = result.get("uncertainty") or {}
    se = uncertainty.get("standard_error")
    se_source = "recorded" if se is not None else None
    ci = uncertainty.get("ci")
    if se is None and ci is not None and 0.0 < ci["level"] < 1.0:
        se = (ci["upper"] - ci["lower"]) / (2.0 * stats.z_for(ci["level"]))
        se_source = "interval"
    return _Side(item, float(result["value"]), result["metric"].get("unit"), result.get("n"), se, se_source,
                 uncertainty.get("method"))


def _measurement(side: _Side, threshold_met: bool | None) -> dict[str, Any]:
    result, evaluation = side.item.data, side.item.evaluation_data
    out: dict[str, Any] = {
        "evaluation": side.item.evaluation,
        "result": side.item.id,
        "pointer": side.item.pointer,
        "task": evaluation["task"]["id"],
        "risks": list(result["risks"]),
        "value": result["value"],
    }
    if side.unit is not None:
        out["unit"] = side.unit
    if side.n is not None:
        out["n"] = side.n
    uncertainty = result.get("uncertainty") or {}
    if uncertainty.get("standard_error") is not None:
        out["standard_error"] = uncertainty["standard_error"]
    if uncertainty.get("ci"):
        ci = uncertainty["ci"]
        out["ci"] = {"lower": ci["lower"], "upper": ci["upper"], "level": ci["level"]}
    if side.method:
        out["uncertainty_method"] = side.method
    if evaluation.get("status") not in (None, "completed"):
        out["status"] = evaluation["status"]
    if result.get("risk_level"):
        out["risk_level"] = {"scale": result["risk_level"]["scale"], "level": result["risk_level"]["level"]}
    threshold = result.get("threshold")
    if threshold:
        out["threshold"] = {"value": threshold["value"], "comparison": threshold["comparison"], "met": threshold_met}
    return out


def _threshold_met(result: dict[str, Any]) -> bool | None:
    threshold = result.get("threshold")
    if not threshold:
        return None
    if threshold["comparison"] == "at_least":
        return bool(result["value"] >= threshold["value"])
    return bool(result["value"] <= threshold["value"])


_SCALES = {"%": 0.01, "1": 1.0}


@dataclass
class _PairWork:
    """A pair under construction; the p-value correction fills in the rest once every test is known."""

    entry: dict[str, Any]
    p_value: float | None = None
    direction: str = "neither"


def _direction(a: dict[str, Any], b: dict[str, Any]) -> str:
    da, db = a["metric"]["direction"], b["metric"]["direction"]
    return da if da == db else "conflicting"


def _change(difference: float | None, direction: str) -> str | None:
    if difference is None:
        return None
    if difference == 0.0:
        return "same"
    if direction == "higher_is_better":
        return "better" if difference > 0 else "worse"
    if direction == "lower_is_better":
        return "better" if difference < 0 else "worse"
    return "changed"


class _Builder:
    """Builds pairs and their notes. ``names`` are how messages call the two reports ("A" and "B" in a
    diff, the report labels in a matrix); ``sides`` are what the notes' side field says."""

    def __init__(self, a: dict[str, Any], b: dict[str, Any], sources: tuple[str, str], options: DiffOptions,
                 names: tuple[str, str] = ("A", "B"), sides: tuple[str, str] = ("a", "b")) -> None:
        self.a, self.b, self.sources, self.options = a, b, sources, options
        self.names, self.sides = names, sides
        self.canon = canonicalizer()
        self.notes: list[dict[str, Any]] = []
        self._noted: set[tuple[Any, ...]] = set()

    def note(self, code: str, side: str | None, pointer: str = "", **params: object) -> None:
        source = self.sources[0] if side in (None, "a") else self.sources[1]
        shown = None if side is None else self.sides[0] if side == "a" else self.sides[1]
        key = (code, shown, source, pointer, tuple(sorted((k, str(v)) for k, v in params.items())))
        if key in self._noted:
            return
        self._noted.add(key)
        self.notes.append(_note(code, source if side is not None else "", pointer, shown, **params))

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

    def pair(self, pair: Aligned) -> _PairWork:
        level = self.options.level
        side_a, side_b = _side(pair.a, level), _side(pair.b, level)
        ra, rb = side_a.result, side_b.result
        risk = _risk_key(pair.concepts)
        metric = ra["metric"]["id"]
        direction = _direction(ra, rb)
        met_a, met_b = _threshold_met(ra), _threshold_met(rb)
        entry: dict[str, Any] = {
            "risk": risk,
            "risks": sorted(pair.concepts),
            "risk_label": _risk_label(self.canon, pair.concepts),
            "task": pair.a.bucket[0],
            "metric": metric,
        }
        if pair.a.bucket[2]:
            entry["slice"] = _slice_dict(pair.a.bucket[2])
        entry["direction"] = direction
        entry["alignment"] = self.alignment(pair)
        entry["a"] = _measurement(side_a, met_a)
        entry["b"] = _measurement(side_b, met_b)
        for side, s in (("a", side_a), ("b", side_b)):
            status = s.item.evaluation_data.get("status")
            if status not in (None, "completed"):
                self.note("RF825", side, s.item.pointer.rsplit("/results", 1)[0] + "/status", id=s.item.evaluation,
                          status=status)
        if direction == "conflicting":
            self.note("RF822", None, "", metric=metric, risk=risk, name_a=self.names[0], name_b=self.names[1],
                      direction_a=ra["metric"]["direction"], direction_b=rb["metric"]["direction"])
        work = _PairWork(entry, direction=direction)
        self._test(work, side_a, side_b, risk, metric, level)
        change = _change(entry["difference"], direction)
        if change is not None:
            entry["change"] = change
        levels = _level_change(self.canon, ra.get("risk_level"), rb.get("risk_level"))
        if levels is not None:
            entry["level"] = levels
            if levels["change"] == "incomparable":
                self.note("RF824", None, "", scale_a=levels["a"]["scale"], scale_b=levels["b"]["scale"])
        if met_a is not None and met_b is not None:
            entry["threshold"] = {"a_met": met_a, "b_met": met_b, "changed": met_a != met_b}
        return work

    def _test(self, work: _PairWork, a: _Side, b: _Side, risk: str, metric: str, level: float) -> None:
        entry = work.entry
        scale_a, scale_b = _SCALES.get(a.unit or ""), _SCALES.get(b.unit or "")
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
            factor = _SCALES.get(unit or "", 1.0)
            shown_a = shown_b = 1.0
            unit_factor = 1.0 / factor  # fractions back to the recorded unit (100 for percent)
            scale_a = scale_b = factor
        value_a, value_b = a.value * shown_a, b.value * shown_b
        difference = value_b - value_a
        if not math.isfinite(difference):  # 1e308 against -1e308: no float holds the difference
            entry["difference"] = None
            entry["significant"] = None
            entry["reason"] = "out-of-range"
            self.note("RF820", None, "", metric=metric, risk=risk, why=_OUT_OF_RANGE[0], why_zh=_OUT_OF_RANGE[1])
            return
        entry["difference"] = difference
        kind_a = _is_proportion_kind(self.canon, a.result["metric"].get("kind"))
        kind_b = _is_proportion_kind(self.canon, b.result["metric"].get("kind"))
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
            self.note("RF820", None, "", metric=metric, risk=risk, why=_OUT_OF_RANGE[0], why_zh=_OUT_OF_RANGE[1])
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


_OUT_OF_RANGE = ("the values or their uncertainty lie beyond what floating point can compute with",
                 "数值或其不确定性超出浮点运算可处理的范围")


def _why(missing_a: bool, missing_b: bool, names: tuple[str, str]) -> tuple[str, str]:
    if missing_a and missing_b:
        return ("neither report records its uncertainty (a standard error, an interval, or n for a proportion)",
                "两份报告均未记录不确定性（标准误、置信区间，或比例指标的样本数 n）")
    side = names[0] if missing_a else names[1]
    return (f"{side} records no uncertainty (a standard error, an interval, or n for a proportion)",
            f"{side} 未记录不确定性（标准误、置信区间，或比例指标的样本数 n）")


# --------------------------------------------------------------------------------------------------
# the outcome
# --------------------------------------------------------------------------------------------------


@dataclass
class ReportDiff:
    """The comparison of two evaluation reports (a ``DiffOutcome``).

    .. versionadded:: 0.1
    """

    document: dict[str, Any]
    options: DiffOptions = field(default_factory=DiffOptions)

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` document (schemas/jsonschema/diff-result-1.0.json)."""
        return self.document

    def render(self, fmt: str, lang: str = "en") -> str:
        """Text for a terminal (``text``, coloured when the options say so) or Markdown."""
        from riskfmt.compare.render import diff_blocks, render_blocks

        return render_blocks(diff_blocks(self.document, lang), fmt, lang, color=self.options.color)

    def gate(self, fail_on: str | None = None) -> bool:
        """True when the gate passes: ``difference`` fails on any difference the reports show beyond their
        uncertainty, or whose significance cannot be told; ``regression`` only on those that make B worse."""
        fail_on = fail_on if fail_on is not None else self.options.fail_on
        if fail_on is None:
            return True
        summary = self.document["summary"]
        if fail_on == "difference":
            return not summary["differences"]
        if fail_on == "regression":
            return not summary["regressions"]
        raise ValueError(f"unknown gate {fail_on!r}")

    def attach_input_findings(self, findings_a: Iterable[Finding], findings_b: Iterable[Finding]) -> None:
        """Add the validator's warnings about the inputs to the notes (errors never get this far)."""
        notes = self.document["notes"]
        notes.extend(_finding_note(f, "a") for f in findings_a)
        notes.extend(_finding_note(f, "b") for f in findings_b)
        notes.sort(key=_note_order)

    @property
    def pairs(self) -> list[dict[str, Any]]:
        return self.document["pairs"]  # type: ignore[no-any-return]


def _report_summary(report: dict[str, Any], source: str) -> dict[str, Any]:
    producer, model = report["producer"], report["model"]
    out: dict[str, Any] = {"source": source, "report_id": report["report_id"]}
    if report.get("title"):
        out["title"] = _lang_text(report["title"])
    out["organization"] = _lang_text(producer["organization"]["name"])
    out["tool"] = {"name": producer["tool"]["name"], "version": producer["tool"]["version"]}
    out["model"] = {k: model[k] for k in ("name", "developer", "version", "revision") if k in model}
    out["vocabulary_version"] = report["vocabulary_version"]
    if report.get("created"):
        out["created"] = report["created"]
    return out


def _item_sort(item: Item) -> tuple[Any, ...]:
    return (_risk_key(item.concepts), item.bucket, item.evaluation, item.id, item.pointer)


def _pair_sort(pair: Aligned) -> tuple[Any, ...]:
    return (_risk_key(pair.concepts), pair.a.bucket, pair.tier, tuple(sorted((pair.a.id, pair.b.id))),
            tuple(sorted((pair.a.evaluation, pair.b.evaluation))), tuple(sorted((pair.a.pointer, pair.b.pointer))))


def _unpaired(item: Item, canon: Canonicalizer) -> dict[str, Any]:
    result = item.data
    side = _side(item, 0.95)
    out: dict[str, Any] = {"risk": _risk_key(item.concepts), "risks": sorted(item.concepts),
                           "risk_label": _risk_label(canon, item.concepts), "task": item.bucket[0],
                           "metric": result["metric"]["id"]}
    if item.bucket[2]:
        out["slice"] = _slice_dict(item.bucket[2])
    out["measurement"] = _measurement(side, _threshold_met(result))
    return out


def _finding_ref(item: Item) -> dict[str, Any]:
    finding = item.data
    out: dict[str, Any] = {"evaluation": item.evaluation, "finding": item.id, "pointer": item.pointer,
                           "risks": list(finding["risks"]), "title": _lang_text(finding["title"])}
    if finding.get("risk_level"):
        out["risk_level"] = {"scale": finding["risk_level"]["scale"], "level": finding["risk_level"]["level"]}
    return out


def diff_reports(a: dict[str, Any], b: dict[str, Any], *, sources: tuple[str, str] = ("A", "B"),
                 options: DiffOptions | None = None) -> ReportDiff:
    """Compare two evaluation reports (already validated) symmetrically.

    .. versionadded:: 0.1
    """
    options = options or DiffOptions()
    build = _Builder(a, b, sources, options)
    canon = build.canon

    # 1. results
    pairs, only_a, only_b = _align_results(a, b, canon)
    works = [build.pair(p) for p in sorted(pairs, key=_pair_sort)]
    for side, items in (("a", only_a), ("b", only_b)):
        for item in items:
            for step in item.vias:
                build.alignment_note(step, side, item.pointer)

    # 2. qualitative findings
    from riskfmt.compare.align import align

    f_pairs, f_only_a, f_only_b = align(finding_items(a, canon), finding_items(b, canon))
    findings_doc = {
        "matched": [_finding_pair(build, p) for p in sorted(f_pairs, key=_pair_sort)],
        "only_a": [_finding_ref(i) for i in sorted(f_only_a, key=_item_sort)],
        "only_b": [_finding_ref(i) for i in sorted(f_only_b, key=_item_sort)],
    }

    # 3. evaluations: metadata and paired samples
    e_pairs, _, _ = align(evaluation_items(a), evaluation_items(b))
    e_pairs.sort(key=lambda p: (p.a.bucket, tuple(sorted((p.a.id, p.b.id)))))
    metadata = _metadata(build, a, b, e_pairs)
    samples_doc, sample_tests = _samples(build, e_pairs) if options.samples else ([], [])

    # 4. one correction over every test made
    tests: list[tuple[dict[str, Any], float]] = [(w.entry, w.p_value) for w in works if w.p_value is not None]
    tests += sample_tests
    adjusted = stats.adjust([p for _, p in tests], options.correction)
    for (holder, _), p_adj in zip(tests, adjusted, strict=True):
        holder.pop("significant", None)  # re-added after p_adjusted, where a reader looks for it
        holder["p_adjusted"] = p_adj
        holder["significant"] = p_adj <= options.alpha

    # 5. coverage
    coverage = _coverage(a, b, canon)

    pair_entries = [_in_order(w.entry, _PAIR_KEYS) for w in works]
    unpaired_a = [_unpaired(i, canon) for i in sorted(only_a, key=_item_sort)]
    unpaired_b = [_unpaired(i, canon) for i in sorted(only_b, key=_item_sort)]
    summary = _summary(pair_entries, unpaired_a, unpaired_b, findings_doc, samples_doc, metadata, len(tests))
    if a["vocabulary_version"] != b["vocabulary_version"]:
        build.note("RF832", None, "", a=a["vocabulary_version"], b=b["vocabulary_version"],
                   latest=canon.vocab.version)
    document: dict[str, Any] = {
        "kind": "diff-result",
        "format_version": DIFF_FORMAT_VERSION,
        "subject": "evaluation-report",
        "marking": combined_marking(a, b),
        "options": {"alpha": options.alpha, "correction": options.correction, "level": options.level,
                    "samples": options.samples},
        "a": _report_summary(a, sources[0]),
        "b": _report_summary(b, sources[1]),
        "summary": summary,
        "pairs": pair_entries,
        "only_a": unpaired_a,
        "only_b": unpaired_b,
        "findings": findings_doc,
        "coverage": coverage,
        "samples": samples_doc,
        "metadata": metadata,
        "notes": sorted(build.notes, key=_note_order),
    }
    if options.fail_on is not None:
        outcome = ReportDiff(document, options)
        document["gate"] = {"fail_on": options.fail_on, "passed": outcome.gate()}
    return ReportDiff(document, options)


def _align_results(a: dict[str, Any], b: dict[str, Any],
                   canon: Canonicalizer) -> tuple[list[Aligned], list[Item], list[Item]]:
    from riskfmt.compare.align import align, align_by_dataset

    pairs, only_a, only_b = align(result_items(a, canon), result_items(b, canon))
    if only_a and only_b:
        more, only_a, only_b = align_by_dataset(only_a, only_b)
        pairs.extend(more)
    return pairs, only_a, only_b


def _finding_pair(build: _Builder, pair: Aligned) -> dict[str, Any]:
    entry: dict[str, Any] = {"risk": _risk_key(pair.concepts), "risks": sorted(pair.concepts),
                             "risk_label": _risk_label(build.canon, pair.concepts),
                             "alignment": build.alignment(pair), "a": _finding_ref(pair.a), "b": _finding_ref(pair.b)}
    levels = _level_change(build.canon, pair.a.data.get("risk_level"), pair.b.data.get("risk_level"))
    if levels is not None:
        entry["level"] = levels
        if levels["change"] == "incomparable":
            build.note("RF824", None, "", scale_a=levels["a"]["scale"], scale_b=levels["b"]["scale"])
    return entry


# --------------------------------------------------------------------------------------------------
# coverage and metadata
# --------------------------------------------------------------------------------------------------


def _concepts_of(report: dict[str, Any], canon: Canonicalizer) -> set[str]:
    out: set[str] = set()
    for evaluation in report["evaluations"]:
        for entry in [*evaluation.get("results", []), *evaluation.get("findings", [])]:
            out.update(canon.concepts(entry["risks"])[0])
    return out


def _coverage(a: dict[str, Any], b: dict[str, Any], canon: Canonicalizer) -> dict[str, Any]:
    from riskfmt.compare.align import norm_task

    risks_a, risks_b = _concepts_of(a, canon), _concepts_of(b, canon)
    tasks_a = {norm_task(e["task"]["id"]) for e in a["evaluations"]}
    tasks_b = {norm_task(e["task"]["id"]) for e in b["evaluations"]}
    return {
        "risks": {"both": sorted(risks_a & risks_b), "only_a": sorted(risks_a - risks_b),
                  "only_b": sorted(risks_b - risks_a)},
        "tasks": {"both": sorted(tasks_a & tasks_b), "only_a": sorted(tasks_a - tasks_b),
                  "only_b": sorted(tasks_b - tasks_a)},
    }


_MODEL_FIELDS = ("name", "developer", "id", "version", "revision", "access", "inference_platform")
_SETTINGS = ("temperature", "top_p", "max_tokens", "seed", "num_fewshot", "epochs", "system_prompt_digest",
             "chat_template_digest")


def _meta(out: list[dict[str, Any]], category: str, field_name: str, va: Any, vb: Any,
          task: str | None = None) -> None:
    if va == vb:
        return
    entry: dict[str, Any] = {"category": category, "field": field_name}
    if task is not None:
        entry["task"] = task
    shown_a, shown_b = _show(va), _show(vb)
    if shown_a is not None:
        entry["a"] = shown_a
    if shown_b is not None:
        entry["b"] = shown_b
    out.append(entry)


def _metadata(build: _Builder, a: dict[str, Any], b: dict[str, Any], e_pairs: list[Aligned]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    ma, mb = a["model"], b["model"]
    for name in _MODEL_FIELDS:
        _meta(out, "model", f"model.{name}", ma.get(name), mb.get(name))
    engine_a, engine_b = ma.get("inference_engine") or {}, mb.get("inference_engine") or {}
    _meta(out, "model", "model.inference_engine", engine_a or None, engine_b or None)
    digests_a = {d["subject"]: d["digest"] for d in ma.get("digests", [])}
    digests_b = {d["subject"]: d["digest"] for d in mb.get("digests", [])}
    for subject in sorted(set(digests_a) | set(digests_b)):
        _meta(out, "model", f"model.digests.{subject}", digests_a.get(subject), digests_b.get(subject))
        if subject in digests_a and subject in digests_b and digests_a[subject] != digests_b[subject]:
            build.note("RF831", None, "", subject=subject)
    if (ma["name"], ma["developer"]) != (mb["name"], mb["developer"]):
        build.note("RF830", None, "", a=f"{ma['developer']} {ma['name']}", b=f"{mb['developer']} {mb['name']}")
    pa, pb = a["producer"], b["producer"]
    _meta(out, "producer", "producer.organization", _lang_text(pa["organization"]["name"]),
          _lang_text(pb["organization"]["name"]))
    _meta(out, "producer", "producer.relationship", pa["relationship"], pb["relationship"])
    _meta(out, "tool", "producer.tool.name", pa["tool"]["name"], pb["tool"]["name"])
    _meta(out, "tool", "producer.tool.version", pa["tool"]["version"], pb["tool"]["version"])
    _meta(out, "format", "vocabulary_version", a["vocabulary_version"], b["vocabulary_version"])
    _meta(out, "dates", "created", a.get("created"), b.get("created"))
    for pair in e_pairs:
        ea, eb = pair.a.data, pair.b.data
        task = pair.a.bucket[0]
        ta, tb = ea["task"], eb["task"]
        _meta(out, "task", "task.version", ta.get("version"), tb.get("version"), task)
        _meta(out, "task", "task.languages", sorted(ta.get("languages", [])) or None,
              sorted(tb.get("languages", [])) or None, task)
        _meta(out, "task", "task.interaction", ta.get("interaction"), tb.get("interaction"), task)
        da, db = ta.get("dataset") or {}, tb.get("dataset") or {}
        for name in ("name", "location", "version", "split", "digest", "size"):
            _meta(out, "dataset", f"task.dataset.{name}", da.get(name), db.get(name), task)
        _meta(out, "method", "method", ea["method"], eb["method"], task)
        _meta(out, "method", "status", ea.get("status", "completed"), eb.get("status", "completed"), task)
        _meta(out, "method", "judges", sorted(ea.get("judges", [])) or None, sorted(eb.get("judges", [])) or None,
              task)
        sa, sb = ea.get("settings") or {}, eb.get("settings") or {}
        for name in _SETTINGS:
            _meta(out, "settings", f"settings.{name}", sa.get(name), sb.get(name), task)
        other_a, other_b = sa.get("other") or {}, sb.get("other") or {}
        for name in sorted(set(other_a) | set(other_b)):
            _meta(out, "settings", f"settings.other.{name}", other_a.get(name), other_b.get(name), task)
        _meta(out, "dates", "started", ea.get("started"), eb.get("started"), task)
        _meta(out, "dates", "completed", ea.get("completed"), eb.get("completed"), task)
    return out


# --------------------------------------------------------------------------------------------------
# paired samples
# --------------------------------------------------------------------------------------------------


def _base_dirs(build: _Builder) -> tuple[Path | None, Path | None]:
    if build.options.base_dirs is not None:
        return build.options.base_dirs
    out: list[Path | None] = []
    for source in build.sources:
        out.append(None if source in ("-", "<stdin>") else Path(source).parent)
    return out[0], out[1]


def _samples(build: _Builder,
             e_pairs: list[Aligned]) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], float]]]:
    from riskfmt.compare.samples import SamplesError, compare_samples, sample_source

    base_a, base_b = _base_dirs(build)
    docs: list[dict[str, Any]] = []
    tests: list[tuple[dict[str, Any], float]] = []
    level = build.options.level
    for pair in e_pairs:
        source_a = sample_source(pair.a.data, base_a)
        source_b = sample_source(pair.b.data, base_b)
        if source_a is None or source_b is None:
            continue
        task = pair.a.bucket[0]
        try:
            tally = compare_samples(source_a, source_b, build.options.memory_rows)
        except SamplesError as exc:  # validated a moment ago, unreadable now: an input error, not a bug
            from riskfmt.compare.inputs import InputError

            raise InputError([Finding.make("RF804", exc.path, line=exc.row, column=1, row=exc.row,
                                           detail=exc.detail)]) from None
        entry: dict[str, Any] = {"task": task, "evaluation_a": pair.a.id, "evaluation_b": pair.b.id,
                                 "matched_by": tally.matched_by, "matched": tally.matched,
                                 "only_a": tally.only_a, "only_b": tally.only_b}
        if tally.matched == 0:
            build.note("RF840", None, "", task=task)
            docs.append(entry)
            continue
        if tally.matched_by == "input_digest":
            build.note("RF843", None, "", task=task)
        if tally.only_a or tally.only_b:
            build.note("RF844", None, "", task=task, matched=tally.matched, only_a=tally.only_a, only_b=tally.only_b)
        if tally.digest_conflicts:
            build.note("RF841", None, "", task=task, count=tally.digest_conflicts)
        if tally.spilled_rows:
            build.note("RF842", None, "", task=task, count=tally.spilled_rows)
        if tally.verdict_pairs or tally.other:
            entry["verdicts"] = {"both_pass": tally.both_pass, "a_pass_b_fail": tally.a_pass_b_fail,
                                 "a_fail_b_pass": tally.a_fail_b_pass, "both_fail": tally.both_fail,
                                 "other": tally.other}
        if tally.verdict_pairs:
            test = stats.mcnemar(tally.a_pass_b_fail, tally.a_fail_b_pass)
            mc: dict[str, Any] = {"method": test.method, "discordant": tally.a_pass_b_fail + tally.a_fail_b_pass}
            if test.statistic is not None:
                mc["statistic"] = test.statistic
            n = tally.verdict_pairs
            mc["pass_rate_a"] = (tally.both_pass + tally.a_pass_b_fail) / n
            mc["pass_rate_b"] = (tally.both_pass + tally.a_fail_b_pass) / n
            mc["difference"] = (tally.a_fail_b_pass - tally.a_pass_b_fail) / n
            mc["change"] = _change(mc["difference"], "higher_is_better")
            mc["p_value"] = test.p_value
            mc["significant"] = None
            entry["mcnemar"] = mc
            tests.append((mc, test.p_value))
        means = tally.score_means()
        if means is not None:
            scores: dict[str, Any] = {"n": tally.score_n, "mean_a": means[0], "mean_b": means[1],
                                      "mean_difference": means[2]}
            variance = tally.difference_variance()
            paired = stats.paired_t(tally.score_n, means[2], variance, level) if variance is not None else None
            paired = stats.finite(paired) if paired is not None else None
            if paired is not None:
                scores["method"] = paired.method
                if variance is not None:
                    scores["standard_error"] = math.sqrt(variance / tally.score_n)
                if paired.lower is not None and paired.upper is not None:
                    scores["interval"] = {"lower": paired.lower, "upper": paired.upper, "level": level}
                scores["p_value"] = paired.p_value
                scores["significant"] = None
                tests.append((scores, paired.p_value))
            else:
                scores["significant"] = None
            entry["scores"] = scores
        docs.append(entry)
    return docs, tests


# --------------------------------------------------------------------------------------------------
# summary and gates
# --------------------------------------------------------------------------------------------------


def _worse_level(level: dict[str, Any] | None) -> bool:
    return bool(level) and level["change"] == "higher"  # type: ignore[index]


def _changed_level(level: dict[str, Any] | None) -> bool:
    return bool(level) and level["change"] in ("higher", "lower", "changed", "one-sided", "incomparable")  # type: ignore[index]


def _summary(pairs: list[dict[str, Any]], only_a: list[dict[str, Any]], only_b: list[dict[str, Any]],
             findings: dict[str, Any], samples: list[dict[str, Any]], metadata: list[dict[str, Any]],
             tests: int) -> dict[str, Any]:
    significant = [p for p in pairs if p["significant"] is True]
    cannot_tell = [p for p in pairs if p["significant"] is None]
    untested_changes = [p for p in cannot_tell if p["difference"] != 0.0]
    level_changes = [p for p in pairs if _changed_level(p.get("level"))]
    verdict_changes = [p for p in pairs if (p.get("threshold") or {}).get("changed")]
    finding_levels = [f for f in findings["matched"] if _changed_level(f.get("level"))]
    paired = [t for s in samples for t in (s.get("mcnemar"), s.get("scores")) if t is not None]
    paired_significant = [t for t in paired if t.get("significant") is True]
    differences = bool(significant or untested_changes or level_changes or verdict_changes or only_a or only_b
                       or findings["only_a"] or findings["only_b"] or finding_levels or paired_significant)
    worse = [p for p in significant + untested_changes if p.get("change") == "worse"]
    regressions = bool(
        worse
        or [p for p in pairs if _worse_level(p.get("level"))]
        or [p for p in verdict_changes if p["threshold"]["a_met"] and not p["threshold"]["b_met"]]
        or findings["only_b"]
        or [f for f in findings["matched"] if _worse_level(f.get("level"))]
        or [s for s in samples if (s.get("mcnemar") or {}).get("significant") is True
            and s["mcnemar"]["change"] == "worse"]
    )
    return {
        "pairs": len(pairs),
        "significant": len(significant),
        "not_significant": sum(1 for p in pairs if p["significant"] is False),
        "cannot_tell": len(cannot_tell),
        "better": sum(1 for p in significant if p.get("change") == "better"),
        "worse": sum(1 for p in significant if p.get("change") == "worse"),
        "level_changes": len(level_changes) + len(finding_levels),
        "verdict_changes": len(verdict_changes),
        "only_a": len(only_a),
        "only_b": len(only_b),
        "findings_matched": len(findings["matched"]),
        "findings_only_a": len(findings["only_a"]),
        "findings_only_b": len(findings["only_b"]),
        "paired_tests": len(paired),
        "paired_significant": len(paired_significant),
        "metadata_differences": len(metadata),
        "tests": tests,
        "differences": differences,
        "regressions": regressions,
    }
