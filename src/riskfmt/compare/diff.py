"""``riskfmt diff`` for evaluation reports: two reports side by side, neither the reference.

The outcome is one document (``ReportDiff.to_dict``, modelled by ``schemas/linkml/diff_result.yaml``):
aligned result pairs with both values, the difference B - A, its interval and whether it is larger than
the recorded uncertainty (after a correction for the number of tests); graded risk levels and threshold
verdicts that changed; qualitative findings present in one report only; coverage; paired per-sample
tests; and the metadata differences that may explain the rest. When the uncertainty needed for a test is
missing, ``significant`` is null ("cannot tell") and a note says why: never a silent guess.

This module assembles the document; its parts are made where they are named: the pair tests in
``pairs``, risk levels in ``levels``, coverage, metadata, the paired samples (``paired``) and the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from riskfmt.compare.align import (
    Aligned,
    Canonicalizer,
    Item,
    align,
    align_by_dataset,
    canonicalizer,
    evaluation_items,
    finding_items,
    result_items,
)
from riskfmt.compare.coverage import coverage
from riskfmt.compare.keys import item_sort, pair_sort, risk_key, risk_label, slice_dict
from riskfmt.compare.levels import level_change
from riskfmt.compare.measure import measurement, side_of, threshold_met
from riskfmt.compare.metadata import metadata_differences
from riskfmt.compare.notes import finding_note, note_order
from riskfmt.compare.options import FAIL_ON, DiffOptions
from riskfmt.compare.outcome import Outcome, combined_marking, correct, lang_text
from riskfmt.compare.paired import samples_section
from riskfmt.compare.pairs import PairBuilder
from riskfmt.compare.summary import summary
from riskfmt.findings import Finding

__all__ = ["DIFF_FORMAT_VERSION", "ReportDiff", "diff_reports"]

DIFF_FORMAT_VERSION = "1.0"

_PAIR_KEYS = ("risk", "risks", "risk_label", "task", "metric", "slice", "direction", "alignment", "a", "b",
              "difference", "interval", "test", "p_value", "p_adjusted", "significant", "reason", "change", "level",
              "threshold")


def _in_order(entry: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: entry[key] for key in keys if key in entry}


class ReportDiff(Outcome):
    """The comparison of two evaluation reports (a ``DiffOutcome``).

    .. versionadded:: 0.1
    """

    GATES: ClassVar[tuple[str, ...]] = FAIL_ON

    def blocks(self, lang: str) -> list[Any]:
        from riskfmt.compare.render import diff_blocks

        return diff_blocks(self.document, lang)

    def passes(self, fail_on: str) -> bool:
        """``difference`` fails on any difference the reports show beyond their uncertainty, or whose
        significance cannot be told; ``regression`` only on those that make B worse."""
        counts = self.document["summary"]
        if fail_on == "difference":
            return not counts["differences"]
        if fail_on == "regression":
            return not counts["regressions"]
        raise ValueError(f"unknown gate {fail_on!r}")

    def attach_input_findings(self, findings_a: Iterable[Finding], findings_b: Iterable[Finding]) -> None:
        """Add the validator's warnings about the inputs to the notes (errors never get this far)."""
        notes = self.document["notes"]
        notes.extend(finding_note(f, "a") for f in findings_a)
        notes.extend(finding_note(f, "b") for f in findings_b)
        notes.sort(key=note_order)

    @property
    def pairs(self) -> list[dict[str, Any]]:
        return self.document["pairs"]  # type: ignore[no-any-return]


def _report_summary(report: dict[str, Any], source: str) -> dict[str, Any]:
    producer, model = report["producer"], report["model"]
    out: dict[str, Any] = {"source": source, "report_id": report["report_id"]}
    if report.get("title"):
        out["title"] = lang_text(report["title"])
    out["organization"] = lang_text(producer["organization"]["name"])
    out["tool"] = {"name": producer["tool"]["name"], "version": producer["tool"]["version"]}
    out["model"] = {k: model[k] for k in ("name", "developer", "version", "revision") if k in model}
    out["vocabulary_version"] = report["vocabulary_version"]
    if report.get("created"):
        out["created"] = report["created"]
    return out



def _unpaired(item: Item, canon: Canonicalizer) -> dict[str, Any]:
    result = item.data
    side = side_of(item, 0.95)
    out: dict[str, Any] = {"risk": risk_key(item.concepts), "risks": sorted(item.concepts),
                           "risk_label": risk_label(canon, item.concepts), "task": item.bucket[0],
                           "metric": result["metric"]["id"]}
    if item.bucket[2]:
        out["slice"] = slice_dict(item.bucket[2])
    out["measurement"] = measurement(side, threshold_met(result))
    return out


def _finding_ref(item: Item) -> dict[str, Any]:
    finding = item.data
    out: dict[str, Any] = {"evaluation": item.evaluation, "finding": item.id, "pointer": item.pointer,
                           "risks": list(finding["risks"]), "title": lang_text(finding["title"])}
    if finding.get("risk_level"):
        out["risk_level"] = {"scale": finding["risk_level"]["scale"], "level": finding["risk_level"]["level"]}
    return out


def diff_reports(a: dict[str, Any], b: dict[str, Any], *, sources: tuple[str, str] = ("A", "B"),
                 options: DiffOptions | None = None) -> ReportDiff:
    """Compare two evaluation reports (already validated) symmetrically.

    .. versionadded:: 0.1
    """
    options = options or DiffOptions()
    canon = canonicalizer()
    build = PairBuilder(a, b, sources, options, canon)

    # 1. results
    pairs, only_a, only_b = _align_results(a, b, canon)
    works = [build.pair(p) for p in sorted(pairs, key=pair_sort)]
    for side, items in (("a", only_a), ("b", only_b)):
        for item in items:
            for step in item.vias:
                build.alignment_note(step, side, item.pointer)

    # 2. qualitative findings
    f_pairs, f_only_a, f_only_b = align(finding_items(a, canon), finding_items(b, canon))
    findings_doc = {
        "matched": [_finding_pair(build, p) for p in sorted(f_pairs, key=pair_sort)],
        "only_a": [_finding_ref(i) for i in sorted(f_only_a, key=item_sort)],
        "only_b": [_finding_ref(i) for i in sorted(f_only_b, key=item_sort)],
    }

    # 3. evaluations: metadata and paired samples
    e_pairs, _, _ = align(evaluation_items(a), evaluation_items(b))
    e_pairs.sort(key=lambda p: (p.a.bucket, tuple(sorted((p.a.id, p.b.id)))))
    metadata = metadata_differences(build, a, b, e_pairs)
    samples_doc, sample_tests = samples_section(build, e_pairs) if options.samples else ([], [])

    # 4. one correction over every test made
    tests: list[tuple[dict[str, Any], float]] = [(w.entry, w.p_value) for w in works if w.p_value is not None]
    tests += sample_tests
    correct(tests, options)

    # 5. coverage
    covered = coverage(a, b, canon)

    pair_entries = [_in_order(w.entry, _PAIR_KEYS) for w in works]
    unpaired_a = [_unpaired(i, canon) for i in sorted(only_a, key=item_sort)]
    unpaired_b = [_unpaired(i, canon) for i in sorted(only_b, key=item_sort)]
    counts = summary(pair_entries, unpaired_a, unpaired_b, findings_doc, samples_doc, metadata, len(tests))
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
        "summary": counts,
        "pairs": pair_entries,
        "only_a": unpaired_a,
        "only_b": unpaired_b,
        "findings": findings_doc,
        "coverage": covered,
        "samples": samples_doc,
        "metadata": metadata,
        "notes": sorted(build.notes, key=note_order),
    }
    return ReportDiff.finish(document, options)


def _align_results(a: dict[str, Any], b: dict[str, Any],
                   canon: Canonicalizer) -> tuple[list[Aligned], list[Item], list[Item]]:
    pairs, only_a, only_b = align(result_items(a, canon), result_items(b, canon))
    if only_a and only_b:
        more, only_a, only_b = align_by_dataset(only_a, only_b)
        pairs.extend(more)
    return pairs, only_a, only_b


def _finding_pair(build: PairBuilder, pair: Aligned) -> dict[str, Any]:
    entry: dict[str, Any] = {"risk": risk_key(pair.concepts), "risks": sorted(pair.concepts),
                             "risk_label": risk_label(build.canon, pair.concepts),
                             "alignment": build.alignment(pair), "a": _finding_ref(pair.a), "b": _finding_ref(pair.b)}
    levels = level_change(build.canon, pair.a.data.get("risk_level"), pair.b.data.get("risk_level"))
    if levels is not None:
        entry["level"] = levels
        if levels["change"] == "incomparable":
            build.note("RF824", None, "", scale_a=levels["a"]["scale"], scale_b=levels["b"]["scale"])
    return entry

