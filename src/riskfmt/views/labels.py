"""The words of the HTML views. English here; the Chinese is in the one catalogue of the interface,
``riskfmt/i18n/zh_CN.po``, where a translator and a reviewer read it with every other Chinese text (each label
under the ``msgctxt`` ``label``, ``tlp`` or ``enum:NAME``; a label whose Chinese differs by place has a context
of its own, ``label:KEY``). Each entry of ``L`` is an (English, Chinese) pair; ``{name}`` placeholders are
filled by ``Page.t``. A label without Chinese fails when this module is imported.

TLP labels (``TLP:AMBER``) are written the same in every language, as TLP 2.0 requires; their meanings below
are riskfmt's own summaries of the FIRST definitions, for the levels of ``riskfmt.integrity.markings``.
"""

from __future__ import annotations

from riskfmt.i18n import pair
from riskfmt.integrity.markings import TLP_LEVELS

__all__ = ["TLP_MEANING", "L", "enum_label"]

_LABELS: dict[str, str] = {
    # page furniture
    "report_title": "Evaluation report",
    "incident_title": "Incident report",
    "diff_title": "Comparison of two evaluation reports",
    "matrix_title": "Comparison of {n} evaluation reports",
    "incident_diff_title": "Comparison of two incident reports",
    "generated": "Rendered by riskfmt {version} from {source}. This page loads nothing from the network.",
    "contents": "Contents",
    "granular": "Parts of this document carry a stricter label:",
    "none": "none",
    "unknown": "not recorded",
    # identity
    "identity": "Who, what, when",
    "producer": "Producer",
    "relationship": "Relationship to the developer",
    "jurisdiction": "Jurisdiction",
    "contact": "Contact",
    "tool": "Tool",
    "model": "Model",
    "developer": "Developer",
    "model_version": "Version",
    "revision": "Revision",
    "model_id": "Published id",
    "access": "Access",
    "digests": "Digests",
    "engine": "Inference engine",
    "platform": "Inference platform",
    "created": "Report finalised",
    "run_dates": "Evaluations ran",
    "report_id": "Report id",
    "formats": "Format and vocabulary",
    "vocabulary": "Vocabulary",
    "format_versions": "format {format}, vocabulary {vocab}",
    "provenance": "Converted from",
    "converter": "Converter",
    "retrieved": "Converted on",
    # results
    "results": "Results",
    "results_plot": "Results with their intervals",
    "results_table": "Every result",
    "scale": "Scale {lo} to {hi}",
    "free_scale": "{metric} ({unit})",
    "free_scale_nounit": "{metric}",
    "legend_report": ("● value; solid line: interval as recorded; dashed line: interval computed by riskfmt from the "
                      "standard error or from n; red tick: threshold. Hover a row for n and the method."),
    "evaluation": "Evaluation",
    "task": "Task",
    "metric": "Metric",
    "value": "Value",
    "interval": "Interval",
    "n": "n",
    "uncertainty": "Uncertainty",
    "threshold": "Threshold",
    "risk_level": "Risk level",
    "risks": "Risk concepts",
    "status": "Status",
    "method": "Method",
    "slice": "Slice",
    "no_results": "This report has no numeric results.",
    "no_interval": "no interval",
    "interval_recorded": "{level} interval as recorded ({how})",
    "interval_se": "{level} interval computed by riskfmt from the standard error",
    "interval_wilson": "{level} Wilson interval computed by riskfmt from n",
    "n_missing": "n not recorded",
    "n_value": "n = {n}",
    "se": "standard error {se}",
    "met": "met",
    "missed": "missed",
    "at_most": "at most {value}",
    "at_least": "at least {value}",
    "direction": "Direction",
    # concepts and coverage
    "by_concept": "Results by risk concept",
    "coverage": "Coverage of the vocabulary",
    "coverage_intro": "Risk concepts of vocabulary {version} this report tested (●) and did not test (○), by domain.",
    "domain": "Domain",
    "tested": "tested",
    "untested_list": "Not tested in this domain ({n})",
    "results_n": "{n} result(s)",
    "findings_n": "{n} finding(s)",
    # qualitative findings, validation, disclosure
    "qualitative": "Qualitative findings",
    "checks": "Checks by riskfmt validate",
    "checks_clean": "No findings: the document passes every check.",
    "checks_summary": "{errors} error(s), {warnings} warning(s), {infos} note(s)",
    "code": "Code",
    "severity": "Severity",
    "where": "Where",
    "message": "Message",
    "withheld": "What this copy withholds",
    "withheld_none": "This copy declares nothing withheld.",
    "withheld_profile": "Redaction profile",
    "withheld_kinds": "Kinds withheld",
    "withheld_items": "Withheld items ({n}), each with a salted digest the owner can later prove",
    "kind": "Kind",
    "reason": "Reason",
    "digest": "Digest",
    "count": "Items",
    "notes": "Notes",
    # comparisons
    "diff_plot": "Differences B − A with their intervals",
    "matrix_plot": "Each report's value with its interval",
    "legend_diff": ("● difference B − A with its {level} interval (after the comparison's own method); dashed line: "
                    "no difference. A hollow mark with no line: cannot tell (no uncertainty to test with)."),
    "legend_matrix": ("● each report's value with its {level} interval (solid: as recorded; dashed: computed by "
                      "riskfmt from the standard error or n); red: the report disagrees with another beyond the "
                      "uncertainty after correction."),
    "sides": "The two reports",
    "diff_proportion": "proportions",
    "diff_other": "other scales",
    "cannot_tell": "cannot tell",
    "flag_disagree": "disagree",
    "flag_agree": "agree",
    "flag_single": "one report",
    "p_adjusted_value": "p (adj.) {p}",
    "not_compared": "not compared",
    "not_significant": "not significant",
    "same": "same",
    "better": "better, significant",
    "worse": "worse, significant",
    "changed": "changed, significant",
    "alignment": "alignment: {tier}",
    "coverage_diff": "Coverage differences",
    "risks_only": "Risk concepts only {side} evaluated",
    "tasks_only": "Tasks only {side} ran",
    "no_coverage_diff": "Both reports cover the same risk concepts and tasks.",
    # incidents
    "summary": "Summary",
    "assessment": "Current assessment",
    "event_type": "Event type",
    "incident_status": "Status",
    "severity_level": "Severity",
    "cause": "Settled cause",
    "assessed": "Assessed by",
    "assessed_on": "Assessed",
    "rationale": "Rationale",
    "hypotheses": "Attribution hypotheses",
    "hypothesis": "Hypothesis",
    "hypothesis_mark": "{cause}: {value}; confidence {confidence}",
    "likelihood": "Likelihood",
    "confidence": "Confidence",
    "evidence": "Evidence",
    "evidence_for": "For",
    "evidence_against": "Against",
    "source": "Source",
    "reporter": "Reporter",
    "role": "Role",
    "dates": "Dates",
    "reporter_dates": "Reporter and dates",
    "system": "System",
    "occurred": "Occurred",
    "detected": "Detected",
    "reported": "Reported",
    "sectors": "Sectors (ISIC)",
    "jurisdictions": "Jurisdictions",
    "countries": "Countries",
    "systems": "AI systems involved",
    "harms": "Harms",
    "affected": "Affected",
    "timeline": "Timeline",
    "what_changed": "What changed",
    "changed_from": "{field}: {old} → {new}",
    "first_entry": "first statement of the assessment",
    "no_change": "no change to the assessment",
    "likelihood_plot": "Likelihood of each hypothesis",
    "legend_likelihood": ("● stated likelihood; a line without a dot: the range of the words of estimative "
                          "probability used (ICD 203)."),
    "links": "Links",
    "sources": "Sources",
    "related_reports": "Related incident reports",
    "evaluation_reports": "Evaluation reports",
    "tvd": "Total variation distance over the broadest causes",
    "broadest": "Broadest cause",
    "most_likely": "Most likely cause",
    "settled": "Settled cause",
    "agreement": "Agreement",
    "other_differences": "Other differences",
    "field": "Field",
    "history": "History",
    "shared": "shared",
    "only": "only {side}",
}

_TLP_MEANING: dict[str, str] = {
    "CLEAR": "Disclosure is not limited.",
    "GREEN": "Limited disclosure: recipients may share it within their community, not publicly.",
    "AMBER": ("Limited disclosure: recipients may share it only with their organisation and its clients who need to "
              "know."),
    "AMBER+STRICT": ("Limited disclosure: recipients may share it only within their own organisation, with those who "
                     "need to know."),
    "RED": "For the named recipients only: no further disclosure.",
}

_ENUM_LABELS: dict[str, dict[str, str]] = {
    "relationship": {
        "first_party": "first party (the developer evaluated its own model)",
        "third_party": "third party (independent of the developer)",
        "collaborative": "collaborative (developer and independent party)",
        "other": "other",
    },
    "access": {
        "open_weights": "open weights, run by the evaluator",
        "api": "hosted API",
        "internal": "inside the developer's infrastructure",
        "other": "other",
    },
    "subject": {
        "weights_file": "weights file",
        "weights_manifest": "weights manifest",
        "container_image": "container image",
        "api_snapshot": "API snapshot",
        "other": "other",
    },
    "uncertainty": {
        "analytic": "analytic standard error",
        "binomial": "binomial standard error",
        "bootstrap": "bootstrap",
        "clustered": "clustered standard error",
        "reported": "as reported by the tool (method unknown)",
        "derived": "derived by the converter from per-sample data",
        "other": "other method",
    },
    "status": {
        "completed": "completed",
        "incomplete": "incomplete",
        "error": "ended in an error",
        "cancelled": "cancelled",
        "invalidated": "invalidated",
    },
    "direction": {
        "higher_is_better": "higher is better",
        "lower_is_better": "lower is better",
        "neither": "no better direction",
        "conflicting": "directions differ",
    },
    "withheld": {
        "sample_input": "sample prompts",
        "sample_output": "model outputs",
        "sample_target": "reference answers",
        "sample_digest": "unsalted sample digests",
        "finding_title": "finding titles",
        "finding_description": "finding descriptions",
        "rationale": "risk-level rationales",
        "notes": "notes",
        "extensions": "producer extensions",
    },
    "severity": {
        "error": "error",
        "warning": "warning",
        "info": "note",
    },
    "incident_status": {
        "ongoing": "ongoing",
        "halted": "halted",
        "mitigated": "mitigated",
        "concluded": "concluded",
        "near_miss": "near miss",
    },
    "reporter_role": {
        "developer": "developer",
        "deployer": "deployer",
        "affected_party": "affected party",
        "regulator": "regulator",
        "researcher": "researcher",
        "incident_database": "incident database",
        "other": "other",
    },
    "system_role": {
        "primary": "primary",
        "contributing": "contributing",
        "target": "target",
        "instrument": "instrument",
        "detection": "detection",
        "other": "other",
    },
    "confidence": {
        "low": "low",
        "moderate": "moderate",
        "high": "high",
    },
    "relation": {
        "same_incident": "same incident",
        "related": "related",
        "follow_up": "follow-up",
        "supersedes": "supersedes",
    },
    "agreement": {
        "same": "agree",
        "compatible": "compatible (one is broader)",
        "different": "disagree",
        "unknown": "cannot tell",
    },
    "tier": {
        "exact": "exact",
        "inexact": "same concepts, reached through a crosswalk that is not exact",
        "partial": "the concepts only overlap",
    },
}


L: dict[str, tuple[str, str]] = {key: pair(english, f"label:{key}", "label") for key, english in _LABELS.items()}
TLP_MEANING: dict[str, tuple[str, str]] = {level: pair(_TLP_MEANING[level], "tlp") for level in TLP_LEVELS}
_ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    enum: {value: pair(english, f"enum:{enum}") for value, english in values.items()}
    for enum, values in _ENUM_LABELS.items()
}


def enum_label(enum: str, value: object) -> tuple[str, str] | str:
    """The label of an enumeration value, or the value itself (as plain text) when the catalogue lacks it."""
    return _ENUMS.get(enum, {}).get(str(value), str(value))
