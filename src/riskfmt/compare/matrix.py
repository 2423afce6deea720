"""``riskfmt compare R1 ... Rn``: a matrix of reports against risk concepts.

A column is one measurement (task, metric and slice) of overlapping risk concepts; a cell is one report's
value with an interval at the chosen level. Every two reports with a value in a column are tested as
``riskfmt diff`` tests a pair, and one correction runs over all the tests of the matrix; a column is flagged
``disagree`` when two reports differ beyond their uncertainty, ``cannot_tell`` when some pair cannot be
tested, ``agree`` otherwise, and ``single`` when only one report measured it.
"""

from __future__ import annotations

import itertools
import math
from typing import Any, ClassVar

from riskfmt.compare import stats
from riskfmt.compare.align import Aligned, Canonicalizer, Item, canonicalizer, result_items
from riskfmt.compare.keys import risk_key, risk_label, slice_dict
from riskfmt.compare.measure import is_proportion_kind, side_of
from riskfmt.compare.notes import note, note_order
from riskfmt.compare.options import MATRIX_FAIL_ON, DiffOptions
from riskfmt.compare.outcome import Outcome, combined_marking, correct, lang_text
from riskfmt.compare.pairs import PairBuilder

__all__ = ["Comparison", "compare_reports"]


class Comparison(Outcome):
    """The matrix (``to_dict`` is the ``--format json`` document).

    .. versionadded:: 0.1
    """

    GATES: ClassVar[tuple[str, ...]] = MATRIX_FAIL_ON

    def blocks(self, lang: str) -> list[Any]:
        from riskfmt.compare.render import matrix_blocks

        return matrix_blocks(self.document, lang)

    def passes(self, fail_on: str) -> bool:
        """``difference`` fails when two reports disagree beyond their uncertainty in some column, or when a
        column holds different values whose agreement cannot be told. A matrix has no before and after, so
        ``regression`` is not defined for it."""
        if fail_on == "difference":
            return not any(c["flag"] in ("disagree", "cannot_tell") for c in self.document["columns"])
        raise ValueError("riskfmt compare has no before and after: only --fail-on difference applies")


class _Clusters:
    """Union-find over the results of one bucket whose concept sets overlap."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _cell(item: Item, level: float, canon: Canonicalizer) -> dict[str, Any]:
    result = item.data
    side = side_of(item, level)
    cell: dict[str, Any] = {"evaluation": item.evaluation, "result": item.id, "pointer": item.pointer,
                            "value": result["value"]}
    if side.unit is not None:
        cell["unit"] = side.unit
    if side.n is not None:
        cell["n"] = side.n
    ci = (result.get("uncertainty") or {}).get("ci")
    if ci and abs(ci["level"] - level) < 1e-9:
        cell.update(lower=ci["lower"], upper=ci["upper"], interval_source="recorded")
    elif side.se is not None:
        half = stats.z_for(level) * side.se
        lower, upper = side.value - half, side.value + half
        if math.isfinite(lower) and math.isfinite(upper):  # an error near 1e308 gives no interval a float holds
            cell.update(lower=lower, upper=upper, interval_source="standard_error")
    elif is_proportion_kind(canon, result["metric"].get("kind")) and side.n:
        factor = 0.01 if side.unit == "%" else 1.0
        p = side.value * factor
        if 0.0 <= p <= 1.0:
            low, high = stats.wilson(p, side.n, stats.z_for(level))
            cell.update(lower=low / factor, upper=high / factor, interval_source="wilson")
    if "lower" in cell:
        cell["level"] = level
    return cell


def compare_reports(documents: list[dict[str, Any]], sources: list[str], options: DiffOptions) -> Comparison:
    """Build the matrix of ``documents`` (validated evaluation reports), labelled R1, R2, ...

    .. versionadded:: 0.1
    """
    canon = canonicalizer()
    labels = [f"R{i + 1}" for i in range(len(documents))]
    level = options.level
    notes: list[dict[str, Any]] = []
    seen_notes: set[tuple[Any, ...]] = set()

    def keep(batch: list[dict[str, Any]]) -> None:
        for entry in batch:
            key = (entry["code"], entry.get("side"), entry.get("source"), entry.get("pointer"), entry["message"]["en"])
            if key not in seen_notes:
                seen_notes.add(key)
                notes.append(entry)

    # every result of every report, grouped by task, metric and slice
    buckets: dict[Any, list[tuple[int, Item]]] = {}
    for index, document in enumerate(documents):
        for item in result_items(document, canon):
            buckets.setdefault(item.bucket, []).append((index, item))

    columns: list[dict[str, Any]] = []
    tests: list[tuple[dict[str, Any], float]] = []
    for bucket in sorted(buckets, key=repr):
        members = buckets[bucket]
        clusters = _Clusters(len(members))
        for i, j in itertools.combinations(range(len(members)), 2):
            if members[i][1].concepts & members[j][1].concepts:
                clusters.union(i, j)
        groups: dict[int, list[tuple[int, Item]]] = {}
        for position, member in enumerate(members):
            groups.setdefault(clusters.find(position), []).append(member)
        for group in groups.values():
            columns.append(_column(group, bucket, documents, sources, labels, options, canon, tests, keep))

    correct(tests, options)
    for column in columns:
        comparisons = column["comparisons"]
        involved = {i for c in comparisons if c["significant"] for i in (c["a"], c["b"])}
        for index, cell in enumerate(column["cells"]):
            if cell is not None:
                cell["disagrees"] = index in involved
        present = sum(1 for c in column["cells"] if c is not None)
        if present < 2:
            column["flag"] = "single"
        elif involved:
            column["flag"] = "disagree"
        elif any(c["significant"] is None and c["difference"] != 0 for c in comparisons):
            column["flag"] = "cannot_tell"
        else:
            column["flag"] = "agree"
    columns.sort(key=lambda c: (c["risk"], c["task"], c["metric"], sorted((c.get("slice") or {}).items())))
    document = {
        "kind": "comparison",
        "format_version": "1.0",
        "marking": combined_marking(*documents),
        "options": {"alpha": options.alpha, "correction": options.correction, "level": level},
        "reports": [_report(d, s, label) for d, s, label in zip(documents, sources, labels, strict=True)],
        "columns": columns,
        "summary": {
            "reports": len(documents),
            "columns": len(columns),
            "disagree": sum(1 for c in columns if c["flag"] == "disagree"),
            "cannot_tell": sum(1 for c in columns if c["flag"] == "cannot_tell"),
            "agree": sum(1 for c in columns if c["flag"] == "agree"),
            "single": sum(1 for c in columns if c["flag"] == "single"),
            "tests": len(tests),
        },
        "notes": sorted(notes, key=note_order),
    }
    return Comparison.finish(document, options)


def _report(document: dict[str, Any], source: str, label: str) -> dict[str, Any]:
    model = document["model"]
    return {"label": label, "source": source, "report_id": document["report_id"],
            "organization": lang_text(document["producer"]["organization"]["name"]),
            "model": {k: model[k] for k in ("name", "developer", "version") if k in model}}


def _choose(candidates: list[Item]) -> Item:
    # the result closest to what the others measured: most concepts, then a stable order
    return sorted(candidates, key=lambda i: (-len(i.concepts), i.evaluation, i.id, i.pointer))[0]


def _column(group: list[tuple[int, Item]], bucket: Any, documents: list[dict[str, Any]], sources: list[str],
            labels: list[str], options: DiffOptions, canon: Canonicalizer, tests: list[tuple[dict[str, Any], float]],
            keep: Any) -> dict[str, Any]:
    by_report: dict[int, list[Item]] = {}
    for index, item in group:
        by_report.setdefault(index, []).append(item)
    chosen: dict[int, Item] = {}
    for index, items in by_report.items():
        chosen[index] = _choose(items)
        if len(items) > 1:
            measure = f"{risk_key(chosen[index].concepts)} · {bucket[0]} · {bucket[1]}"
            keep([note("RF814", sources[index], "", labels[index], count=len(items), measure=measure,
                        chosen=chosen[index].id)])
    concepts = frozenset().union(*(item.concepts for item in chosen.values()))
    exact = len({item.concepts for item in chosen.values()}) == 1 and (
        len({item.cited for item in chosen.values()}) == 1 or all(i.canonical_exact for i in chosen.values()))
    column: dict[str, Any] = {"risk": risk_key(concepts), "risks": sorted(concepts),
                              "risk_label": risk_label(canon, concepts), "task": bucket[0], "metric": bucket[1]}
    if bucket[2]:
        column["slice"] = slice_dict(bucket[2])
    directions = {item.data["metric"]["direction"] for item in chosen.values()}
    column["direction"] = directions.pop() if len(directions) == 1 else "conflicting"
    column["exact"] = exact
    column["cells"] = [_cell(chosen[i], options.level, canon) if i in chosen else None for i in range(len(documents))]
    comparisons = []
    for i, j in itertools.combinations(sorted(chosen), 2):
        build = PairBuilder(documents[i], documents[j], (sources[i], sources[j]), options, canon,
                            names=(labels[i], labels[j]), sides=(labels[i], labels[j]))
        a, b = chosen[i], chosen[j]
        shared = a.concepts & b.concepts
        tier = 0 if a.concepts == b.concepts and (a.cited == b.cited or (a.canonical_exact and b.canonical_exact)) \
            else 1 if a.concepts == b.concepts else 2
        work = build.pair(Aligned(a, b, tier, shared if tier == 2 else a.concepts))
        keep(build.notes)
        entry = work.entry
        comparison: dict[str, Any] = {"a": i, "b": j, "difference": entry["difference"]}
        for key in ("interval", "test", "p_value", "reason"):
            if key in entry:
                comparison[key] = entry[key]
        comparison["significant"] = None
        comparisons.append(comparison)
        if work.p_value is not None:
            tests.append((comparison, work.p_value))
    column["comparisons"] = comparisons
    return column
