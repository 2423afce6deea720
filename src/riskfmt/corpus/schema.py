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

# The Chinese of every description above, keyed by its English text (written, not translated word for word);
# linkml_yaml() refuses a description without one, so a new column cannot ship English only.
_ZH: dict[str, str] = {
    "The report the row belongs to.": "该行所属的报告。",
    "The producing organization (English name, else Chinese name, else its id).":
        "出具报告的组织（取英文名称；无英文名称时取中文名称；均无时取其编号）。",
    "The evaluated model's name.": "被评估模型的名称。",
    "The TLP 2.0 label over this row: the document's, or a stricter granular one.":
        "适用于该行的 TLP 2.0 标记：取文档级标记，若有更严格的细粒度标记则取后者。",
    "0 CLEAR, 1 GREEN, 2 AMBER, 3 AMBER+STRICT, 4 RED: filter with tlp_rank <= N.":
        "TLP 等级序号：0 为 CLEAR，1 为 GREEN，2 为 AMBER，3 为 AMBER+STRICT，4 为 RED；可用 tlp_rank <= N 筛选。",
    "evaluation-report or incident-report.": "文档类型：evaluation-report（评估报告）或 incident-report（事件报告）。",
    "The file the report was indexed from, as given.": "建立索引时读取的报告文件路径，按给定原样记录。",
    "sha256 of the file's bytes: a changed file replaces the indexed version.":
        "文件内容的 sha256 摘要值；文件内容变化后，新版本会替换已索引的旧版本。",
    "Format version.": "格式版本。",
    "Vocabulary release cited.": "报告引用的词表版本。",
    "Title, English.": "标题（英文）。",
    "Title, Chinese.": "标题（中文）。",
    "When the report was written (UTC).": "报告的编写时间（UTC）。",
    "first_party, third_party, ...": "评估方与模型开发者的关系：first_party、third_party 等。",
    "The evaluation tool.": "所用的评估工具。",
    "The model's version.": "模型版本。",
    "Who developed the model.": "模型的开发者。",
    "The converted format, if converted.": "若报告由其他格式转换而来，记录原格式。",
    "Sample rows loaded for this report.": "为该报告载入的样本行数。",
    "The evaluation's id within its report.": "评估在所属报告内的编号。",
    "The task.": "评估任务。",
    "Task name, English.": "任务名称（英文）。",
    "Task name, Chinese.": "任务名称（中文）。",
    "Task version.": "任务版本。",
    "benchmark, red-teaming, ...": "评估方法：benchmark（基准测试）、red-teaming（红队测试）等。",
    "Start (UTC).": "开始时间（UTC）。",
    "End (UTC).": "结束时间（UTC）。",
    "The evaluation the result belongs to.": "该结果所属的评估。",
    "The result's id within its evaluation.": "结果在所属评估内的编号。",
    "The metric.": "评估指标。",
    "proportion, score, ...": "指标类型：proportion（比例）、score（得分）等。",
    "higher_is_better or lower_is_better.": "指标方向：higher_is_better（越高越好）或 lower_is_better（越低越好）。",
    "The value.": "结果值。",
    "Number of samples behind the value.": "得出该值所依据的样本数。",
    "Standard error.": "标准误。",
    "Interval, lower bound.": "置信区间下限。",
    "Interval, upper bound.": "置信区间上限。",
    "Interval level (0.95).": "置信水平（如 0.95）。",
    "The slice as compact JSON, when the result is one.": "若该结果针对某一数据切片，以紧凑 JSON 记录该切片。",
    "The threshold the value is held against.": "与该值比较的阈值。",
    "The graded risk level.": "评定的风险等级。",
    "The cited risks, comma-separated as written.": "引用的风险，按原文以逗号分隔。",
    "Top concept of the first resolved risk (partition key; 'none' if none).":
        "第一个可解析风险所属的顶层概念（用作分区键；无可解析风险时为 'none'）。",
    "When the result was obtained: the evaluation's end, else start, else the report's creation (UTC).":
        "结果的得出时间：取评估结束时间；缺失时取开始时间，再缺失时取报告创建时间（UTC）。",
    "The evaluation (empty for incident reports).": "所属评估（事件报告为空）。",
    "result, finding or incident.": "条目类型：result（结果）、finding（定性发现）或 incident（事件）。",
    "The result's or finding's id (the report id for incidents).": "结果或定性发现的编号（事件则为报告编号）。",
    "The risk as written: a riskfmt id or a framework code.":
        "报告中原样引用的风险：riskfmt 风险编号或某一框架的代码。",
    "The riskfmt concept (a framework code resolved through the crosswalk); empty when the code has no riskfmt "
    "equivalent.": "对应的 riskfmt 概念（框架代码经映射表解析而得）；该代码在 riskfmt 中无对应概念时为空。",
    "The concept's top concept in the hierarchy ('none' when unresolved).":
        "该概念在层级结构中的顶层概念（无法解析时为 'none'）。",
    "The evaluation.": "所属评估。",
    "The finding's id.": "定性发现的编号。",
    "The cited risks, comma-separated.": "引用的风险，以逗号分隔。",
    "The sample's id (numbers as text).": "样本编号（数字以文本形式存储）。",
    "The epoch.": "轮次（epoch）。",
    "The score.": "得分。",
    "pass, fail, refused, ...": "判定结果：pass（通过）、fail（未通过）、refused（拒答）等。",
    "Digest of the input (content is never loaded).": "输入的摘要值（从不载入输入内容本身）。",
    "Digest of the output.": "输出的摘要值。",
    "incident, hazard, near-miss, ...": "事件类型：incident（事件）、hazard（隐患）、near-miss（未遂事件）等。",
    "The incident's status.": "事件的处置状态。",
    "The severity level.": "严重程度。",
    "The file.": "文件路径。",
    "Its report id, when it could be read.": "文件的报告编号（能读出时）。",
    "The finding code (RFxxx).": "发现项代码（RFxxx）。",
    "error, warning or info.": "级别：error（错误）、warning（警告）或 info（提示）。",
    "JSON pointer into the document.": "指向文档内位置的 JSON Pointer。",
    "The message, English.": "提示信息（英文）。",
    "The message, Chinese.": "提示信息（中文）。",
    "The concept.": "概念编号。",
    "risk, method, ...": "所属概念体系：risk（风险）、method（评估方法）等。",
    "Label, English.": "首选标签（英文）。",
    "Label, Chinese.": "首选标签（中文）。",
    "The parent concept.": "上位概念。",
    "The root of its hierarchy.": "所在层级结构的顶层概念。",
    "0 for a top concept.": "层级深度，顶层概念为 0。",
    "active or deprecated.": "状态：active（有效）或 deprecated（已弃用）。",
    "Its replacement, if deprecated.": "已弃用时，取代它的概念。",
    "A concept.": "某一概念（祖先）。",
    "The concept itself or one below it.": "该概念本身或其下位概念（后代）。",
    "0 for the concept itself, 1 for a child, ...": "层级距离：概念本身为 0，直接下位概念为 1，依此类推。",
    "The framework prefix (ailuminate, nist_600_1, ...).": "框架前缀（如 ailuminate、nist_600_1）。",
    "The framework code (prefix:local).": "框架代码（形如 前缀:本地代码）。",
    "The framework's label for the code.": "框架为该代码给出的标签。",
    "The SKOS predicate (skos:exactMatch, ...).": "SKOS 映射谓词（如 skos:exactMatch）。",
    "The riskfmt concept, empty for no equivalent.": "对应的 riskfmt 概念；无对应概念时为空。",
}

REPORT_TABLES = ("reports", "evaluations", "results", "risk_links", "findings", "samples", "incidents")
VOCABULARY_TABLES = ("concepts", "concept_closure", "crosswalk")

# Hive partition columns of the Parquet export, per table (values become folder names: producer=.../model=...)
PARTITIONS: dict[str, tuple[str, ...]] = {
    "results": ("producer", "model", "top_concept"),
    "risk_links": ("producer", "model", "top_concept"),
    **dict.fromkeys(("reports", "evaluations", "findings", "samples", "incidents"), ("producer", "model")),
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
            attribute: dict[str, object] = {"range": _LINKML_RANGES[column.type], "description": column.doc,
                                            "alt_descriptions": {"zh": _chinese(column.doc)}}
            if column.source:
                attribute["annotations"] = {"source_slot": column.source}
            attributes[column.name] = attribute
        classes[_camel(table)] = {
            "description": f"One row of the {table} table"
                           + (f" (Parquet: Hive-partitioned by {', '.join(PARTITIONS[table])})."
                              if table in PARTITIONS else "."),
            "alt_descriptions": {"zh": f"{table} 表的一行"
                                       + (f"（Parquet 导出时按 {'、'.join(PARTITIONS[table])} 进行 Hive 分区）。"
                                          if table in PARTITIONS else "。")},
            "annotations": {"table": table},
            "attributes": attributes,
        }
    document = {
        "id": "https://w3id.org/riskfmt/schema/corpus",
        "name": "riskfmt-corpus",
        "title": "riskfmt report corpus tables",
        "description": "The tables riskfmt corpus index writes (DuckDB) and riskfmt corpus export writes "
                       "(Parquet). Generated from src/riskfmt/corpus/schema.py; do not edit.",
        "alt_descriptions": {"zh": "riskfmt corpus index 写入的表（DuckDB）与 riskfmt corpus export 写出的表"
                                   "（Parquet）。本文件由 src/riskfmt/corpus/schema.py 生成，请勿手工编辑。"},
        "version": SCHEMA_VERSION,
        "license": "CC-BY-4.0",
        "prefixes": {"linkml": "https://w3id.org/linkml/", "riskfmt": "https://w3id.org/riskfmt/schema/"},
        "default_prefix": "riskfmt",
        "imports": ["linkml:types"],
        "classes": classes,
    }
    return str(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110))


def _chinese(doc: str) -> str:
    try:
        return _ZH[doc]
    except KeyError:
        raise SystemExit(f"src/riskfmt/corpus/schema.py: no Chinese in _ZH for the description {doc!r}") from None


def _camel(table: str) -> str:
    return "".join(part.capitalize() for part in table.split("_")) + "Row"


if __name__ == "__main__":
    import sys

    sys.stdout.write(linkml_yaml())
