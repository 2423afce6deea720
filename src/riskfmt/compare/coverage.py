"""Coverage: the risk concepts and tasks both reports cover, and those only one does."""

from __future__ import annotations

from typing import Any

from riskfmt.compare.align import Canonicalizer, norm_task

__all__ = ["coverage"]


def __concepts_of(report: dict[str, Any], canon: Canonicalizer) -> set[str]:
    out: set[str] = set()
    for evaluation in report["evaluations"]:
        for entry in [*evaluation.get("results", []), *evaluation.get("findings", [])]:
            out.update(canon.concepts(entry["risks"])[0])
    return out


def coverage(a: dict[str, Any], b: dict[str, Any], canon: Canonicalizer) -> dict[str, Any]:
    risks_a, risks_b = __concepts_of(a, canon), __concepts_of(b, canon)
    tasks_a = {norm_task(e["task"]["id"]) for e in a["evaluations"]}
    tasks_b = {norm_task(e["task"]["id"]) for e in b["evaluations"]}
    return {
        "risks": {"both": sorted(risks_a & risks_b), "only_a": sorted(risks_a - risks_b),
                  "only_b": sorted(risks_b - risks_a)},
        "tasks": {"both": sorted(tasks_a & tasks_b), "only_a": sorted(tasks_a - tasks_b),
                  "only_b": sorted(tasks_b - tasks_a)},
    }
