"""Finding codes of the report corpus (RF901-RF919), merged into ``riskfmt.codes.CODES``.

A file that is not a valid report is reported with its own validation findings plus RF901 and is not loaded;
the other codes say what the indexer did with a file that is valid (kept, replaced) or why a store or a
question cannot be used.
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

__all__ = ["TABLE"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_C = "corpus"

TABLE: list[CodeSpec] = [
    # ---- what happened to each file ------------------------------------------------------------------
    CodeSpec("RF901", _C, E, "not-indexed-invalid",
             "Not indexed: the document has {errors} error(s); fix them and index it again",
             "未入库：该文档存在 {errors} 个错误，请修正后重新入库"),
    CodeSpec("RF902", _C, INFO, "already-indexed",
             "Already indexed with the same digest as report {report_id}; nothing changed",
             "报告 {report_id} 已以相同摘要入库，未作改动"),
    CodeSpec("RF903", _C, INFO, "replaced",
             "Replaced report {old_id} (indexed from {old_path}, digest {old_digest}) with this version",
             "已用此版本替换报告 {old_id}（原入库自 {old_path}，摘要 {old_digest}）"),
    CodeSpec("RF904", _C, W, "kind-not-indexed",
             "Documents of kind \"{kind}\" are not indexed (indexed: evaluation-report, incident-report)",
             "类型为 \"{kind}\" 的文档不入库（可入库的类型：评估报告、事件报告）"),
    CodeSpec("RF905", _C, E, "samples-file-unreadable",
             "Samples file {path} can no longer be read ({detail}); the report was not indexed",
             "样本文件 {path} 已无法读取（{detail}），该报告未入库"),
    # ---- the store ---------------------------------------------------------------------------------------
    CodeSpec("RF910", _C, E, "store-unusable",
             "Cannot use the corpus store {path}: {detail}",
             "无法使用语料库存储 {path}：{detail}"),
    CodeSpec("RF911", _C, E, "store-schema-version",
             "The corpus store {path} has table schema {found}; this riskfmt reads schema {expected}. Index "
             "the reports again into a new store",
             "语料库存储 {path} 的表结构版本为 {found}，而本版 riskfmt 读取的版本为 {expected}。请将报告重新"
             "入库到新的存储"),
    CodeSpec("RF912", _C, E, "query-failed",
             "The query failed: {detail}",
             "查询失败：{detail}"),
    CodeSpec("RF913", _C, E, "parquet-folder-not-empty",
             "The Parquet folder {path} is not empty; give an empty or new folder",
             "Parquet 目录 {path} 非空，请指定空目录或新目录"),
    CodeSpec("RF914", _C, E, "missing-extra",
             "This needs the optional package {package}: pip install 'riskfmt[{extra}]'",
             "此功能需要可选依赖 {package}：pip install 'riskfmt[{extra}]'"),
    CodeSpec("RF915", _C, E, "not-a-corpus-export",
             "{path} is not a corpus Parquet export (no {table}/ folder)",
             "{path} 不是语料库的 Parquet 导出目录（缺少 {table}/ 子目录）"),
]
