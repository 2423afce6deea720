"""Graded risk levels of two reports side by side: the same, higher, lower, changed, one-sided, or on scales
that cannot be compared."""

from __future__ import annotations

from typing import Any

from riskfmt.compare.align import Canonicalizer

__all__ = ["level_change"]


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


def level_change(canon: Canonicalizer, a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
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
