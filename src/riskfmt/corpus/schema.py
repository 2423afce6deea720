"""The tables of a report corpus: one definition that makes the DuckDB tables, the Arrow schemas of the
Parquet export and the LinkML description ``schemas/linkml/corpus.yaml`` (drift-tested).

Every column names the slot of the report model it comes from (``source``, a LinkML ``Class.slot`` path);
``tests/corpus/test_schema.py`` checks that those slots exist in ``schemas/linkml/*.yaml``, so a renamed slot
cannot silently leave a column behind. Bump ``SCHEMA_VERSION`` when a column changes meaning or type; a store
of another version is refused (RF911) rather than read wrongly.

Every row of a report's tables carries ``report_id``, ``producer``, ``model`` and its TLP label (``tlp``,
the strictest of the document label and any granular marking over that row; ``tlp_rank`` 0 CLEAR to 4 RED),
so ``WHERE tlp_rank <= 1`` keeps what may be shared with a community (TLP:GREEN or lower).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "PARTITIONS",
    "REPORT_TABLES",
    "SCHEMA_VERSION",
    "TABLES",
    "VOCABULARY_TABLES",
    "Column",
    "arrow_schema",
    "ddl",
    "linkml_yaml",
]

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # DuckDB type: VARCHAR, DOUBLE, BIGINT, INTEGER, TIMESTAMP
    source: str  # the LinkML Class.slot it comes from, or "" when riskfmt computes it
    doc: str


def _c(name: str, type_: str, source: str, doc: str) -> Column:
    return Column(name, type_, source, doc)


_KEY = [
    _c("report_id", "VARCHAR", "EvaluationReport.report_id", "The report the row belongs to."),
    _c("producer", "VARCHAR", "Organization.name",
       "The producing organization (English name, else Chinese name, else its id)."),
    _c("model", "VARCHAR", "EvaluatedModel.name", "The evaluated model's name."),
]
_MARK = [
    _c("tlp", "VARCHAR", "Marking.tlp", "The TLP 2.0 label over this row: the document's, or a stricter granular one."),
    _c("tlp_rank", "INTEGER", "", "0 CLEAR, 1 GREEN, 2 AMBER, 3 AMBER+STRICT, 4 RED: filter with tlp_rank <= N."),
]

TABLES: dict[str, list[Column]] = {
    "reports": [
        *_KEY,
        _c("kind", "VARCHAR", "EvaluationReport.kind", "evaluation-report or incident-report."),
        _c("path", "VARCHAR", "", "The file the report was indexed from, as given."),
        _c("digest", "VARCHAR", "", "sha256 of the file's bytes: a changed file replaces the indexed version."),
        _c("format_version", "VARCHAR", "EvaluationReport.format_version", "Format version."),
        _c("vocabulary_version", "VARCHAR", "EvaluationReport.vocabulary_version", "Vocabulary release cited."),
        _c("title_en", "VARCHAR", "EvaluationReport.title", "Title, English."),
        _c("title_zh", "VARCHAR", "EvaluationReport.title", "Title, Chinese."),
        _c("created", "TIMESTAMP", "EvaluationReport.created", "When the report was written (UTC)."),
        _c("producer_relationship", "VARCHAR", "Producer.relationship", "first_party, third_party, ..."),
        _c("producer_tool", "VARCHAR", "Tool.name", "The evaluation tool."),
        _c("model_version", "VARCHAR", "EvaluatedModel.version", "The model's version."),
        _c("model_developer", "VARCHAR", "EvaluatedModel.developer", "Who developed the model."),
        _c("source_format", "VARCHAR", "Provenance.source_format", "The converted format, if converted."),
        _c("samples", "BIGINT", "", "Sample rows loaded for this report."),
        *_MARK,
    ],
    "evaluations": [
        *_KEY,
        _c("evaluation_id", "VARCHAR", "Evaluation.id", "The evaluation's id within its report."),
        _c("task_id", "VARCHAR", "Task.id", "The task."),
        _c("task_name_en", "VARCHAR", "Task.name", "Task name, English."),
        _c("task_name_zh", "VARCHAR", "Task.name", "Task name, Chinese."),
        _c("task_version", "VARCHAR", "Task.version", "Task version."),
        _c("method", "VARCHAR", "Evaluation.method", "benchmark, red-teaming, ..."),
        _c("started", "TIMESTAMP", "Evaluation.started", "Start (UTC)."),
        _c("completed", "TIMESTAMP", "Evaluation.completed", "End (UTC)."),
        *_MARK,
    ],
    "results": [
        *_KEY,
        _c("evaluation_id", "VARCHAR", "Evaluation.id", "The evaluation the result belongs to."),
        _c("result_id", "VARCHAR", "Result.id", "The result's id within its evaluation."),
        _c("task_id", "VARCHAR", "Task.id", "The task."),
        _c("model_version", "VARCHAR", "EvaluatedModel.version", "The model's version."),
        _c("metric_id", "VARCHAR", "Metric.id", "The metric."),
        _c("metric_kind", "VARCHAR", "Metric.kind", "proportion, score, ..."),
        _c("direction", "VARCHAR", "Metric.direction", "higher_is_better or lower_is_better."),
        _c("value", "DOUBLE", "Result.value", "The value."),
        _c("n", "BIGINT", "Result.n", "Number of samples behind the value."),
        _c("standard_error", "DOUBLE", "Uncertainty.standard_error", "Standard error."),
        _c("ci_lower", "DOUBLE", "ConfidenceInterval.lower", "Interval, lower bound."),
        _c("ci_upper", "DOUBLE", "ConfidenceInterval.upper", "Interval, upper bound."),
        _c("ci_level", "DOUBLE", "ConfidenceInterval.level", "Interval level (0.95)."),
        _c("slice", "VARCHAR", "Result.slice", "The slice as compact JSON, when the result is one."),
        _c("threshold", "DOUBLE", "Threshold.value", "The threshold the value is held against."),
        _c("risk_level", "VARCHAR", "RiskLevel.level", "The graded risk level."),
        _c("risks", "VARCHAR", "Result.risks", "The cited risks, comma-separated as written."),
        _c("top_concept", "VARCHAR", "", "Top concept of the first resolved risk (partition key; 'none' if none)."),
        _c("observed", "TIMESTAMP", "", "When the result was obtained: the evaluation's end, else start, else the "
                                        "report's creation (UTC)."),
        *_MARK,
    ],
    "risk_links": [
        *_KEY,
        _c("evaluation_id", "VARCHAR", "Evaluation.id", "The evaluation (empty for incident reports)."),
        _c("item_kind", "VARCHAR", "", "result, finding or incident."),
        _c("item_id", "VARCHAR", "Result.id", "The result's or finding's id (the report id for incidents)."),
        _c("cited", "VARCHAR", "Result.risks", "The risk as written: a riskfmt id or a framework code."),
        _c("concept_id", "VARCHAR", "", "The riskfmt concept (a framework code resolved through the crosswalk); "
                                        "empty when the code has no riskfmt equivalent."),
        _c("top_concept", "VARCHAR", "", "The concept's top concept in the hierarchy ('none' when unresolved)."),
        *_MARK,
    ],
    "findings": [
        *_KEY,
        _c("evaluation_id", "VARCHAR", "Evaluation.id", "The evaluation."),
        _c("finding_id", "VARCHAR", "QualitativeFinding.id", "The finding's id."),
        _c("title_en", "VARCHAR", "QualitativeFinding.title", "Title, English."),
        _c("title_zh", "VARCHAR", "QualitativeFinding.title", "Title, Chinese."),
        _c("risks", "VARCHAR", "QualitativeFinding.risks", "The cited risks, comma-separated."),
        *_MARK,
    ],
    "samples": [
        *_KEY,
        _c("evaluation_id", "VARCHAR", "Evaluation.id", "The evaluation."),
        _c("sample_id", "VARCHAR", "SampleResult.sample_id", "The sample's id (numbers as text)."),
        _c("epoch", "INTEGER", "SampleResult.epoch", "The epoch."),
        _c("score", "DOUBLE", "SampleResult.score", "The score."),
        _c("verdict", "VARCHAR", "SampleResult.verdict", "pass, fail, refused, ..."),
        _c("input_digest", "VARCHAR", "SampleResult.input_digest", "Digest of the input (content is never loaded)."),
        _c("output_digest", "VARCHAR", "SampleResult.output_digest", "Digest of the output."),
        *_MARK,
    ],
    "incidents": [
        *_KEY,
        _c("title_en", "VARCHAR", "IncidentReport.title", "Title, English."),
        _c("title_zh", "VARCHAR", "IncidentReport.title", "Title, Chinese."),
        _c("event_type", "VARCHAR", "IncidentReport.event_type", "incident, hazard, near-miss, ..."),
        _c("status", "VARCHAR", "IncidentReport.status", "The incident's status."),
        _c("severity", "VARCHAR", "IncidentReport.severity", "The severity level."),
        *_MARK,
    ],
    "index_findings": [
        _c("path", "VARCHAR", "", "The file."),
        _c("report_id", "VARCHAR", "EvaluationReport.report_id", "Its report id, when it could be read."),
        _c("code", "VARCHAR", "", "The finding code (RFxxx)."),
        _c("severity", "VARCHAR", "", "error, warning or info."),
        _c("pointer", "VARCHAR", "", "JSON pointer into the document."),
        _c("message_en", "VARCHAR", "", "The message, English."),
        _c("message_zh", "VARCHAR", "", "The message, Chinese."),
    ],
    "concepts": [
        _c("concept_id", "VARCHAR", "Concept.id", "The concept."),
        _c("scheme", "VARCHAR", "Concept.scheme", "risk, method, ..."),
        _c("label_en", "VARCHAR", "Concept.pref_label", "Label, English."),
        _c("label_zh", "VARCHAR", "Concept.pref_label", "Label, Chinese."),
        _c("broader", "VARCHAR", "Concept.broader", "The parent concept."),
        _c("top_concept", "VARCHAR", "", "The root of its hierarchy."),
        _c("depth", "INTEGER", "", "0 for a top concept."),
        _c("status", "VARCHAR", "Concept.status", "active or deprecated."),
        _c("replaced_by", "VARCHAR", "Concept.replaced_by", "Its replacement, if deprecated."),
    ],
    "concept_closure": [
        _c("ancestor", "VARCHAR", "Concept.id", "A concept."),
        _c("descendant", "VARCHAR", "Concept.id", "The concept itself or one below it."),
        _c("distance", "INTEGER", "", "0 for the concept itself, 1 for a child, ..."),
    ],
    "crosswalk": [
        _c("framework", "VARCHAR", "", "The framework prefix (ailuminate, nist_600_1, ...)."),
        _c("code", "VARCHAR", "", "The framework code (prefix:local)."),
        _c("label", "VARCHAR", "", "The framework's label for the code."),
        _c("predicate", "VARCHAR", "", "The SKOS predicate (skos:exactMatch, ...)."),
        _c("concept_id", "VARCHAR", "", "The riskfmt concept, empty for no equivalent."),
    ],
}

REPORT_TABLES = ("reports", "evaluations", "results", "risk_links", "findings", "samples", "incidents")
VOCABULARY_TABLES = ("concepts", "concept_closure", "crosswalk")

# Hive partition columns of the Parquet export, per table (values become folder names: producer=.../model=...)
PARTITIONS: dict[str, tuple[str, ...]] = {
    "results": ("producer", "model", "top_concept"),
    "risk_links": ("producer", "model", "top_concept"),
    **{name: ("producer", "model") for name in ("reports", "evaluations", "findings", "samples", "incidents")},
}


def ddl(table: str) -> str:
    cols = ", ".join(f'"{c.name}" {c.type}' for c in TABLES[table])
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({cols})'


def arrow_schema(table: str) -> Any:  # a pyarrow.Schema; pyarrow is an optional extra
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "DOUBLE": pa.float64(), "BIGINT": pa.int64(), "INTEGER": pa.int32(),
             "TIMESTAMP": pa.timestamp("us")}
    return pa.schema([pa.field(c.name, types[c.type]) for c in TABLES[table]])


_LINKML_RANGES = {"VARCHAR": "string", "DOUBLE": "float", "BIGINT": "integer", "INTEGER": "integer",
                  "TIMESTAMP": "datetime"}


def linkml_yaml() -> str:
    """``schemas/linkml/corpus.yaml``: the tables as LinkML classes (``python -m riskfmt.corpus.schema``)."""
    import yaml

    classes = {}
    for table, columns in TABLES.items():
        attributes = {}
        for column in columns:
            attribute: dict[str, object] = {"range": _LINKML_RANGES[column.type], "description": column.doc}
            if column.source:
                attribute["annotations"] = {"source_slot": column.source}
            attributes[column.name] = attribute
        classes[_camel(table)] = {
            "description": f"One row of the {table} table"
                           + (f" (Parquet: Hive-partitioned by {', '.join(PARTITIONS[table])})."
                              if table in PARTITIONS else "."),
            "annotations": {"table": table},
            "attributes": attributes,
        }
    document = {
        "id": "https://w3id.org/riskfmt/schema/corpus",
        "name": "riskfmt-corpus",
        "title": "riskfmt report corpus tables",
        "description": "The tables riskfmt corpus index writes (DuckDB) and riskfmt corpus export writes "
                       "(Parquet). Generated from src/riskfmt/corpus/schema.py; do not edit.",
        "version": SCHEMA_VERSION,
        "license": "CC-BY-4.0",
        "prefixes": {"linkml": "https://w3id.org/linkml/", "riskfmt": "https://w3id.org/riskfmt/schema/"},
        "default_prefix": "riskfmt",
        "imports": ["linkml:types"],
        "classes": classes,
    }
    return str(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110))


def _camel(table: str) -> str:
    return "".join(part.capitalize() for part in table.split("_")) + "Row"


if __name__ == "__main__":
    import sys

    sys.stdout.write(linkml_yaml())
