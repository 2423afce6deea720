"""The catalogue of finding codes: stable ids, default severity, and the message in English and Chinese.

A code, once published, keeps its meaning and is never reused. ``docs/findings.md`` is generated from
this table (``python tools/build.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from riskfmt.severity import Severity

__all__ = ["CODES", "CodeSpec", "catalogue_markdown"]

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 - one letter each, for the table's width


@dataclass(frozen=True, slots=True)
class CodeSpec:
    code: str
    category: str
    severity: Severity
    title: str
    en: str
    zh: str

    def render(self, lang: str, params: Mapping[str, str]) -> str:
        template = self.zh if lang == "zh" else self.en
        try:
            return template.format_map(params)
        except (KeyError, IndexError, ValueError):  # a missing parameter must never crash a report
            return template


_TABLE: list[CodeSpec] = [
    # ---- input and output: the file could not be read at all (exit code 2) -------------------------
    CodeSpec("RF001", "io", E, "file-not-found",
             "File not found: {path}",
             "找不到文件：{path}"),
    CodeSpec("RF002", "io", E, "no-documents",
             "Directory holds no .json, .yaml or .yml files: {path}",
             "目录中没有 .json、.yaml 或 .yml 文件：{path}"),
    CodeSpec("RF003", "io", E, "unreadable",
             "Cannot read the file: {reason}",
             "无法读取文件：{reason}"),
    CodeSpec("RF004", "io", E, "too-large",
             "File is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)",
             "文件大小为 {size} 字节，超过 {limit} 字节的上限（可用 --max-size 调整）"),
    CodeSpec("RF005", "parse", E, "binary-file",
             "File looks binary (a NUL byte at offset {offset}), not JSON or YAML text",
             "文件看似二进制文件（偏移量 {offset} 处有 NUL 字节），不是 JSON 或 YAML 文本"),
    CodeSpec("RF006", "io", E, "not-a-regular-file",
             "{path} is {what}, not a regular file: refused without opening it (reading it could block or "
             "never end)",
             "{path} 是{what_zh}，不是普通文件：已拒绝且未打开（读取它可能阻塞或永不结束）"),
    CodeSpec("RF007", "io", E, "output-exists",
             "The output {path} already exists; give --force to replace it",
             "输出 {path} 已存在；如需替换请加 --force"),
    CodeSpec("RF008", "io", E, "output-is-input",
             "The output {path} would replace the input {input}; nothing was written",
             "输出 {path} 会覆盖输入 {input}，未写入任何内容"),
    CodeSpec("RF009", "io", E, "output-not-writable",
             "Cannot write the output {path}: {reason}",
             "无法写入输出 {path}：{reason_zh}"),
    CodeSpec("RF010", "io", E, "output-wrong-kind",
             "The output {path} is {what}, but this command writes {want} there",
             "输出 {path} 是{what_zh}，而此命令在该处写入的是{want_zh}"),
    CodeSpec("RF011", "output", E, "output-not-written",
             "Nothing was written for {path}: the output would not validate or would carry a detected leak "
             "(see the findings above)",
             "未写入 {path}：输出无法通过校验，或含有检测到的泄露内容（见上方各项发现）"),
    # ---- parsing -----------------------------------------------------------------------------------
    CodeSpec("RF101", "parse", E, "json-syntax",
             "Invalid JSON: {detail}",
             "JSON 语法错误：{detail_zh}"),
    CodeSpec("RF102", "parse", E, "empty",
             "File is empty",
             "文件为空"),
    CodeSpec("RF103", "parse", E, "encoding",
             "Text is not valid UTF-8 (byte 0x{byte} at offset {offset})",
             "文本不是有效的 UTF-8 编码（偏移量 {offset} 处的字节 0x{byte}）"),
    CodeSpec("RF104", "parse", W, "byte-order-mark",
             "File starts with a UTF-8 byte-order mark; JSON (RFC 8259) forbids it. It was ignored",
             "文件以 UTF-8 字节顺序标记（BOM）开头，JSON（RFC 8259）不允许使用，已忽略"),
    CodeSpec("RF105", "parse", E, "duplicate-key",
             "Duplicate key \"{key}\": parsers disagree on which value wins",
             "重复的键 \"{key}\"：不同解析器对保留哪个值的处理不一致"),
    CodeSpec("RF106", "parse", E, "non-finite-number",
             "{token} is not a JSON number; only finite numbers are allowed",
             "{token} 不是合法的 JSON 数值，只允许有限数值"),
    CodeSpec("RF107", "parse", E, "too-deep",
             "Nesting is deeper than {limit} levels",
             "嵌套层级超过 {limit} 层"),
    CodeSpec("RF108", "parse", E, "yaml-syntax",
             "Invalid YAML: {detail}",
             "YAML 语法错误：{detail_zh}"),
    CodeSpec("RF109", "parse", E, "yaml-alias-expansion",
             "YAML aliases expand to more than {limit} nodes (an alias bomb?)",
             "YAML 别名展开后超过 {limit} 个节点（疑似别名炸弹）"),
    CodeSpec("RF110", "parse", E, "number-out-of-range",
             "Number {token} is outside the range of a double-precision float",
             "数值 {token} 超出双精度浮点数的表示范围"),
    CodeSpec("RF111", "parse", E, "yaml-not-json",
             "YAML value has no JSON equivalent: {detail}",
             "YAML 值无法对应到 JSON：{detail_zh}"),
    CodeSpec("RF112", "parse", E, "yaml-multiple-documents",
             "File holds more than one YAML document; put each report in its own file",
             "文件包含多个 YAML 文档，每份报告应单独成文件"),
    CodeSpec("RF113", "parse", W, "yaml-1.1-scalar",
             "YAML 1.1 would read {value} as {yaml11}; riskfmt reads YAML 1.2, where it is {yaml12}. Quote it "
             "or write it the 1.2 way to say what is meant",
             "按 YAML 1.1 规则，{value} 会被读作{yaml11_zh}；riskfmt 按 YAML 1.2 读取，结果为{yaml12_zh}。"
             "请加引号或按 1.2 的写法书写，以明确原意"),
    CodeSpec("RF114", "parse", E, "number-too-long",
             "A number of {digits} digits is longer than the limit of {limit} digits",
             "数值长达 {digits} 位，超过 {limit} 位的上限"),
    CodeSpec("RF115", "parse", E, "lone-surrogate",
             "Text holds a lone UTF-16 surrogate ({escape}), which no UTF-8 document can carry",
             "文本中含有孤立的 UTF-16 代理码元（{escape}），UTF-8 文档无法承载"),
    CodeSpec("RF116", "parse", E, "integer-out-of-range",
             "Integer {token} is outside ±9007199254740991 (2^53 - 1), the range every JSON implementation keeps "
             "exactly (RFC 7493); canonical JSON (RFC 8785), and so digests and signatures, cannot carry it",
             "整数 {token} 超出 ±9007199254740991（2^53 - 1），即各 JSON 实现都能精确保存的范围（RFC 7493）；"
             "规范化 JSON（RFC 8785）及其摘要和签名均无法承载"),
    # ---- document kind and version -------------------------------------------------------------------
    CodeSpec("RF201", "document", E, "not-a-riskfmt-document",
             "Not a riskfmt document: the top level must be an object with a \"kind\" field",
             "不是 riskfmt 文档：顶层必须是包含 \"kind\" 字段的对象"),
    CodeSpec("RF202", "document", E, "unknown-kind",
             "Unknown document kind \"{kind}\" (known: {known})",
             "未知的文档类型 \"{kind}\"（已知类型：{known}）"),
    CodeSpec("RF203", "document", E, "unsupported-major-version",
             "Format version {version} has a major version this riskfmt does not know (supported: {supported})",
             "格式版本 {version} 的主版本号不受当前 riskfmt 支持（支持：{supported}）"),
    CodeSpec("RF204", "document", W, "newer-minor-version",
             "Format version {version} is newer than {known}; validated as {known}, newer fields may be reported",
             "格式版本 {version} 高于 {known}，按 {known} 校验，新增字段可能被报告为错误"),
    CodeSpec("RF205", "document", E, "missing-version",
             "Missing or malformed format version (expected \"MAJOR.MINOR\")",
             "缺少格式版本或格式不正确（应为 \"主版本.次版本\"）"),
    CodeSpec("RF206", "document", W, "newer-vocabulary",
             "Vocabulary {version} is newer than the newest known ({known}); ids added since cannot be checked",
             "词表版本 {version} 高于已知的最新版本（{known}），其后新增的标识无法校验"),
    CodeSpec("RF207", "document", E, "unknown-vocabulary",
             "Unknown vocabulary version {version} (released: {known})",
             "未知的词表版本 {version}（已发布：{known}）"),
    # ---- JSON Schema ---------------------------------------------------------------------------------
    CodeSpec("RF300", "schema", E, "schema",
             "{detail}",
             "{detail_zh}"),
    CodeSpec("RF301", "schema", E, "required",
             "Missing required field \"{field}\"",
             "缺少必填字段 \"{field}\""),
    CodeSpec("RF302", "schema", E, "unknown-field",
             "Field \"{field}\" is not allowed here",
             "此处不允许出现字段 \"{field}\""),
    CodeSpec("RF303", "schema", E, "type",
             "Expected {expected}, found {found}",
             "应为{expected_zh}，实际为{found_zh}"),
    CodeSpec("RF304", "schema", E, "enum",
             "Value {value} is not one of the allowed values{hint}",
             "值 {value} 不在允许的取值范围内{hint_zh}"),
    CodeSpec("RF305", "schema", E, "pattern",
             "Value {value} does not have the required form: {pattern}",
             "值 {value} 不符合要求的格式：{pattern_zh}"),
    CodeSpec("RF306", "schema", E, "range",
             "Value {value} is {relation} {limit}",
             "值 {value} {relation_zh} {limit}"),
    CodeSpec("RF307", "schema", E, "format",
             "Value {value} is not a valid {format}",
             "值 {value} 不是有效的 {format}"),
    CodeSpec("RF308", "schema", E, "too-few-items",
             "At least {limit} item(s) required, found {found}",
             "至少需要 {limit} 项，实际为 {found} 项"),
    CodeSpec("RF309", "schema", E, "no-alternative-matches",
             "Matches none of the allowed shapes; closest: {detail}",
             "不符合任何一种允许的结构；最接近的一种：{detail_zh}"),
    CodeSpec("RF310", "schema", E, "ambiguous-alternative",
             "Matches more than one of the shapes that exclude each other (has: {detail})",
             "同时符合多种互斥的结构（包含：{detail}）"),
    # ---- vocabulary ----------------------------------------------------------------------------------
    CodeSpec("RF401", "vocabulary", E, "unknown-risk-id",
             "Unknown risk id \"{id}\"{suggestion}",
             "未知的风险编号 \"{id}\"{suggestion_zh}"),
    CodeSpec("RF402", "vocabulary", W, "deprecated-risk-id",
             "Risk id {id} ({label}) is deprecated since vocabulary {since}; use {replacement} ({replacement_label})",
             "风险编号 {id}（{label_zh}）自词表 {since} 起已弃用，请改用 {replacement}（{replacement_label_zh}）"),
    CodeSpec("RF403", "vocabulary", E, "unknown-method",
             "Unknown evaluation method \"{id}\"{suggestion}",
             "未知的评估方法 \"{id}\"{suggestion_zh}"),
    CodeSpec("RF404", "vocabulary", E, "id-newer-than-cited-vocabulary",
             "Risk id {id} was added in vocabulary {added}, after the cited vocabulary {cited}",
             "风险编号 {id} 于词表 {added} 中新增，晚于报告所引用的词表 {cited}"),
    CodeSpec("RF405", "vocabulary", W, "unknown-id-newer-vocabulary",
             "Risk id \"{id}\" is unknown here; it may come from the newer vocabulary {cited}",
             "风险编号 \"{id}\" 在此无法识别，可能来自更新的词表 {cited}"),
    CodeSpec("RF406", "vocabulary", W, "framework-code-without-equivalent",
             "Framework code {id} has no riskfmt equivalent in vocabulary {version}; cite a riskfmt concept as well",
             "框架编码 {id} 在词表 {version} 中没有对应的 riskfmt 概念，请同时引用一个 riskfmt 概念"),
    # ---- semantics JSON Schema cannot express -------------------------------------------------------
    CodeSpec("RF501", "semantic", E, "interval-excludes-value",
             "Confidence interval [{lower}, {upper}] does not contain the value {value}",
             "置信区间 [{lower}, {upper}] 不包含取值 {value}"),
    CodeSpec("RF502", "semantic", E, "interval-reversed",
             "Confidence interval lower bound {lower} is above its upper bound {upper}",
             "置信区间下限 {lower} 大于上限 {upper}"),
    CodeSpec("RF503", "semantic", E, "value-out-of-bounds",
             "Value {value} lies outside the metric's bounds [{min}, {max}]",
             "取值 {value} 超出指标范围 [{min}, {max}]"),
    CodeSpec("RF504", "semantic", E, "bounds-reversed",
             "Metric minimum {min} is above its maximum {max}",
             "指标下限 {min} 大于上限 {max}"),
    CodeSpec("RF505", "semantic", E, "dates-out-of-order",
             "{later_field} ({later}) is before {earlier_field} ({earlier})",
             "{later_field}（{later}）早于 {earlier_field}（{earlier}）"),
    CodeSpec("RF506", "semantic", E, "duplicate-id",
             "Id \"{id}\" is used more than once (first at {first})",
             "标识 \"{id}\" 重复使用（首次出现于 {first}）"),
    CodeSpec("RF507", "semantic", E, "duplicate-result",
             "Same metric, slice and risks as {first}: two values for one measurement",
             "与 {first} 的指标、切片和风险相同：同一测量出现两个取值"),
    CodeSpec("RF508", "semantic", E, "report-id-mismatch",
             "report_id {found} does not match the report's defining content; expected {expected}",
             "report_id {found} 与报告内容不符：按报告的核心内容计算，应为 {expected}"),
    CodeSpec("RF509", "semantic", E, "samples-file-missing",
             "Samples file {path} not found next to the report",
             "在报告所在目录中找不到样本文件 {path}"),
    CodeSpec("RF510", "semantic", E, "samples-digest-mismatch",
             "Samples file {path} has digest {found}, the report pins {expected}",
             "样本文件 {path} 的哈希值为 {found}，与报告中记录的 {expected} 不一致"),
    CodeSpec("RF511", "semantic", E, "samples-row-count",
             "Samples file {path} has {found} rows, the report says {expected}",
             "样本文件 {path} 有 {found} 行，报告声明为 {expected} 行"),
    CodeSpec("RF512", "semantic", E, "samples-line-invalid",
             "Samples file line {row}: {detail}",
             "样本文件第 {row} 行：{detail_zh}"),
    CodeSpec("RF513", "semantic", W, "placeholder-digest",
             "Digest {digest} looks like a placeholder, not a real hash",
             "摘要 {digest} 看似占位符，而非真实的哈希值"),
    CodeSpec("RF514", "semantic", E, "duplicate-sample",
             "Sample \"{id}\" (epoch {epoch}) appears more than once",
             "样本 \"{id}\"（第 {epoch} 轮）重复出现"),
    CodeSpec("RF515", "semantic", W, "uncertainty-without-n",
             "Uncertainty is given but n (the number of samples) is not",
             "给出了不确定性，但未给出样本数 n"),
    CodeSpec("RF516", "semantic", W, "implausible-standard-error",
             "Standard error {se} is larger than any proportion in [0, 1] can have (0.5)",
             "标准误 {se} 大于 [0, 1] 区间内比例所能取的最大值（0.5）"),
    CodeSpec("RF517", "semantic", W, "unknown-sample-reference",
             "Finding cites sample \"{id}\", which is not among the evaluation's samples",
             "评估发现引用的样本 \"{id}\" 不在本次评估的样本之中"),
    CodeSpec("RF518", "semantic", E, "samples-file-unsafe-path",
             "Samples file path {path} leaves the report's folder",
             "样本文件路径 {path} 指向报告所在目录之外"),
    CodeSpec("RF519", "semantic", E, "value-not-finite",
             "Value is not a finite number",
             "取值不是有限数值"),
    CodeSpec("RF520", "semantic", I, "more-findings",
             "{more} more {capped} finding(s) in this file not listed (at most {limit} per code; change it with "
             "--max-findings-per-code or RISKFMT_MAX_FINDINGS_PER_CODE, 0 for no limit)",
             "此文件另有 {more} 项 {capped} 未列出（每个编号最多列出 {limit} 项；可用 --max-findings-per-code "
             "或 RISKFMT_MAX_FINDINGS_PER_CODE 调整，0 表示不限）"),
    # ---- conversion ----------------------------------------------------------------------------------
    CodeSpec("RF601", "conversion", W, "not-carried-over",
             "{field} ({tool}) has no place in a riskfmt report and was not carried over{why}",
             "{field}（{tool}）在 riskfmt 报告中没有对应字段，未予保留{why_zh}"),
    CodeSpec("RF602", "conversion", W, "task-without-risk",
             "Task \"{task}\" maps to no risk concept; recorded as R0000 (general capability). Map it with --task-map",
             "任务 \"{task}\" 未映射到任何风险概念，已记为 R0000（通用能力）。可用 --task-map 指定映射"),
    CodeSpec("RF603", "conversion", W, "run-not-successful",
             "The source run's status is \"{status}\"; its results are partial",
             "源评估运行的状态为 \"{status}\"，其结果不完整"),
    CodeSpec("RF604", "conversion", W, "samples-invalidated",
             "{count} sample(s) were invalidated by the producer; the run is marked invalidated",
             "评测工具将 {count} 个样本标记为无效，本次运行记为 invalidated（结果作废）"),
    CodeSpec("RF605", "io", E, "unknown-source-format",
             "Cannot tell which tool produced {path}; name it with --from ({known})",
             "无法判断 {path} 由哪个工具生成，请用 --from 指定（{known}）"),
    CodeSpec("RF606", "io", E, "unsafe-archive",
             "Refused archive member {member}: {reason}",
             "已拒绝归档成员 {member}：{reason_zh}"),
    CodeSpec("RF607", "io", E, "unreadable-source",
             "Cannot read {path} as {tool} output: {detail}",
             "无法将 {path} 作为 {tool} 的输出读取：{detail}"),
    CodeSpec("RF608", "conversion", I, "derived-value",
             "{field} was derived: {how}",
             "{field} 为推算值：{how_zh}"),
    CodeSpec("RF609", "conversion", W, "defaulted",
             "{field} is not recorded by {tool}; set to \"{value}\"{hint}",
             "{tool} 未记录 {field}，已设为 \"{value}\"{hint_zh}"),
    CodeSpec("RF610", "conversion", I, "no-uncertainty",
             "{tool} records no standard error for {metric}{why}",
             "{tool} 未记录 {metric} 的标准误{why_zh}"),
    # ---- RF620-RF629: published layouts of lm-eval, HELM, Hugging Face and OpenAI evals --------------
    CodeSpec("RF620", "conversion", W, "older-layout",
             "{path} uses the {layout} layout of {tool}; converted, but {gap}",
             "{path} 采用 {tool} 的 {layout} 旧版格式；已转换，但{gap_zh}"),
    CodeSpec("RF621", "conversion", E, "no-usable-value",
             "{path}: no {tool} result has a usable value ({detail}); no report was written",
             "{path}：{tool} 的结果中没有可用数值（{detail}），未生成报告"),
    CodeSpec("RF640", "conversion", W, "pairwise-not-converted",
             "{folder} holds pairwise (compare-mode) judgements of {model_a} against {model_b} by {judge}: not "
             "converted, because {why}; {model_a} and {model_b} are not marked failed for it",
             "{folder} 是 {judge} 对 {model_a} 与 {model_b} 的两两比较（对战模式）评判结果：未转换，原因是{why_zh}；"
             "{model_a} 与 {model_b} 不因此被标记为失败"),
    CodeSpec("RF641", "conversion", W, "judged-model-unknown",
             "{folder} holds judged results, but \"{prefix}\" is neither one model of the run nor two joined by "
             "\"_\": not converted (the models it belongs to are unknown)",
             "{folder} 是评判结果，但 \"{prefix}\" 既不是本次运行中的某个模型，也不是以 \"_\" 连接的两个模型："
             "未转换（无法确定其所属模型）"),
    CodeSpec("RF642", "conversion", W, "config-expansion-limit",
             "{path}: resolving its name references would build more than {limit} values (each reference copies "
             "the value it names); the config was not read",
             "{path}：解析其中的名称引用将生成超过 {limit} 个值（每次引用都会复制所引用的值）；未读取该配置"),
    CodeSpec("RF643", "conversion", W, "incident-date-unknown",
             "Incident {incident}: the source gives no date, and riskfmt never invents one; not converted. Convert "
             "it together with its AI Incident Database record (which has the date)",
             "事件 {incident}：来源未给出日期，riskfmt 不会编造日期；未转换。请与该事件的 AI 事件数据库记录（含日期）"
             "一并转换"),
    CodeSpec("RF645", "conversion", W, "harm-crosswalk-missing",
             "Incident {incident}: CSET harm types ({values}) not carried as harms; vocabulary {version} has no CSET "
             "crosswalk (it was added in vocabulary 1.1)",
             "事件 {incident}：CSET 危害类型（{values}）未转为危害条目；"
             "词表 {version} 没有 CSET 对照表（词表 1.1 起提供）"),
    CodeSpec("RF646", "conversion", I, "harm-from-crosswalk",
             "Incident {incident}: {field} \"{value}\" carried as a harm of {risks} ({predicate} in the riskfmt CSET "
             "crosswalk; CSET names the consequence, riskfmt the risk)",
             "事件 {incident}：{field} \"{value}\" 已按 riskfmt 的 CSET 对照表（{predicate}）"
             "转为风险 {risks} 的危害条目"
             "（CSET 记录的是后果，riskfmt 记录的是风险）"),
    CodeSpec("RF611", "conversion", W, "folder-member-not-recognised",
             "{path} was not converted: no converter recognises its content (name the tool with --from)",
             "{path} 未转换：没有转换器能识别其内容（可用 --from 指定工具）"),
    CodeSpec("RF612", "conversion", I, "read-with-companion",
             "{path} was read together with {owner}",
             "{path} 已随 {owner} 一并读取"),
    CodeSpec("RF613", "conversion", E, "converted-report-invalid",
             "The report converted from {path} fails validation ({count} error(s): {codes}); it was not written",
             "由 {path} 转换得到的报告未通过校验（{count} 个错误：{codes}），未予输出"),
    CodeSpec("RF614", "conversion", E, "source-without-results",
             "{path} ({tool}) holds no results{why}; there is nothing to convert",
             "{path}（{tool}）中没有任何结果{why_zh}，无可转换的内容"),
    CodeSpec("RF615", "conversion", W, "interval-without-level",
             "{field}: the confidence interval states no confidence level; it is kept in extensions.{ext}, not as "
             "the result's uncertainty",
             "{field}：该置信区间未注明置信水平，已保留于 extensions.{ext}，未记为结果的不确定性"),
    # ---- internal ------------------------------------------------------------------------------------
    CodeSpec("RF900", "internal", E, "internal-error",
             "Internal error while checking this file ({detail}); please report it",
             "校验此文件时发生内部错误（{detail}），请报告此问题"),
]

# Code ranges owned by feature packages, each a module with a TABLE list of CodeSpec: RF7xx integrity and
# disclosure, RF8xx comparison, RF901-RF919 corpus, RF95x-RF99x reserved; incident reports use RF65x-RF69x.
# Named, not imported, as riskfmt.kinds names implementations: the core imports no feature package. Listed,
# never probed: a missing table is an import error, not codes that quietly have no message.
_EXTENSIONS = ("riskfmt.integrity.codes", "riskfmt.incident.codes", "riskfmt.compare.codes", "riskfmt.corpus.codes")


def _all_specs() -> list[CodeSpec]:
    import importlib

    specs = list(_TABLE)
    for name in _EXTENSIONS:
        specs.extend(importlib.import_module(name).TABLE)
    return specs


CODES: dict[str, CodeSpec] = {spec.code: spec for spec in _all_specs()}

_CATEGORY_TITLES = {
    "io": ("Input and output", "输入与输出"),
    "parse": ("Parsing", "解析"),
    "document": ("Document kind and version", "文档类型与版本"),
    "schema": ("JSON Schema", "JSON Schema 校验"),
    "vocabulary": ("Vocabulary", "词表"),
    "semantic": ("Rules JSON Schema cannot express", "JSON Schema 无法表达的规则"),
    "conversion": ("Conversion", "格式转换"),
    "output": ("Outputs", "输出"),
    "incident": ("Incident reports", "事件报告"),
    "disclosure": ("Disclosure and integrity", "披露与完整性"),
    "comparison": ("Comparison", "比较"),
    "corpus": ("Report corpus", "报告语料库"),
    "internal": ("Internal", "内部错误"),
}


def catalogue_markdown() -> str:
    """The finding reference page (docs/findings.md)."""
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated by `python tools/build.py` from src/riskfmt/codes.py; do not edit. -->",
        "",
        "Every problem riskfmt reports has a stable code. A code keeps its meaning forever and is never reused.",
        "Severity is the default; `--fail-on` decides which severities make `riskfmt validate` exit 1.",
        "Findings in the *Input and output* group make it exit 2.",
        "",
    ]
    for category, (title_en, title_zh) in _CATEGORY_TITLES.items():
        lines += [f"## {title_en} / {title_zh}", "", "| code | name | severity | message (en) | message (zh) |",
                  "|---|---|---|---|---|"]
        for spec in sorted(CODES.values(), key=lambda c: c.code):
            if spec.category == category:
                en = spec.en.replace("|", "\\|")
                zh = spec.zh.replace("|", "\\|")
                # the anchor is what SARIF rules' helpUri and code-scanning alerts link to
                lines.append(f'| <a id="{spec.code.lower()}"></a>{spec.code} | {spec.title} | {spec.severity.label} '
                             f"| {en} | {zh} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
