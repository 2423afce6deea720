"""The summary of a diff: counts of what changed, and the two facts its gates read (``differences``,
``regressions``)."""

from __future__ import annotations

from typing import Any

__all__ = ["summary"]


def _worse_level(level: dict[str, Any] | None) -> bool:
    return bool(level) and level["change"] == "higher"  # type: ignore[index]


def _changed_level(level: dict[str, Any] | None) -> bool:
    return bool(level) and level["change"] in ("higher", "lower", "changed", "one-sided", "incomparable")  # type: ignore[index]


def summary(pairs: list[dict[str, Any]], only_a: list[dict[str, Any]], only_b: list[dict[str, Any]],
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
