"""One measurement of one report as a comparison sees it: its value, unit, sample size and standard error
(recorded, or derived from a recorded interval), and what a document shows of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from riskfmt.compare import stats
from riskfmt.compare.align import Canonicalizer, Item

__all__ = ["SCALES", "Side", "change_of", "direction_of", "is_proportion_kind", "measurement", "side_of",
           "threshold_met"]

_PROPORTION = "metric-kind:proportion"


def is_proportion_kind(canon: Canonicalizer, kind: str | None) -> bool | None:
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
class Side:
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


def side_of(item: Item, level_for_ci: float) -> Side:
    result = item.data
    uncertainty = result.get("uncertainty") or {}
    se = uncertainty.get("standard_error")
    se_source = "recorded" if se is not None else None
    ci = uncertainty.get("ci")
    if se is None and ci is not None and 0.0 < ci["level"] < 1.0:
        se = (ci["upper"] - ci["lower"]) / (2.0 * stats.z_for(ci["level"]))
        se_source = "interval"
    return Side(item, float(result["value"]), result["metric"].get("unit"), result.get("n"), se, se_source,
                 uncertainty.get("method"))


def measurement(side: Side, threshold_met: bool | None) -> dict[str, Any]:
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


def threshold_met(result: dict[str, Any]) -> bool | None:
    threshold = result.get("threshold")
    if not threshold:
        return None
    if threshold["comparison"] == "at_least":
        return bool(result["value"] >= threshold["value"])
    return bool(result["value"] <= threshold["value"])


SCALES = {"%": 0.01, "1": 1.0}


def direction_of(a: dict[str, Any], b: dict[str, Any]) -> str:
    da, db = a["metric"]["direction"], b["metric"]["direction"]
    return da if da == db else "conflicting"


def change_of(difference: float | None, direction: str) -> str | None:
    if difference is None:
        return None
    if difference == 0.0:
        return "same"
    if direction == "higher_is_better":
        return "better" if difference > 0 else "worse"
    if direction == "lower_is_better":
        return "better" if difference < 0 else "worse"
    return "changed"
