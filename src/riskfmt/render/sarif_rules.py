"""What code scanning shows for a rule: short and full descriptions, help, a link into the docs, properties.

A rule is one finding code. Its descriptions come from the code's message template with the parameters shown
as placeholders (‹id›), never filled with one finding's values; the help text explains the code's category
and what to do about it, in the language of the run.
"""

from __future__ import annotations

import re
from typing import Any

from riskfmt.codes import CodeSpec

__all__ = ["DOCS_FINDINGS", "rule"]

DOCS_FINDINGS = "https://w3id.org/riskfmt/docs/findings/"

# Parameters that only append an optional clause ("; did you mean ...") vanish from a description.
_OPTIONAL = re.compile(r"\{(suggestion|hint|extra|detail_suffix)(_zh)?\}")
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+?)(?:_zh)?\}")

_CATEGORY_HELP = {
    "io": ("The file could not be read as given. Check the path, the permissions and the size limit (--max-size); "
           "riskfmt exits 2 for these.",
           "无法按给定方式读取文件。请检查路径、权限和大小上限（--max-size）；"
           "出现此类问题时 riskfmt 以退出码 2 结束。"),
    "parse": ("The file is not well-formed JSON or YAML, or uses a construct riskfmt refuses because parsers "
              "would read it differently. Fix the text at the line and column given.",
              "文件不是格式正确的 JSON 或 YAML，或使用了不同解析器会作不同解读、因而被拒绝的写法。"
              "请按给出的行号和列号修改原文。"),
    "document": ("The document does not say which kind and version of riskfmt document it is, or names one this "
                 "release does not know. Set `kind` and `format_version`.",
                 "文档未声明其所属的 riskfmt 文档类型和格式版本，或声明了当前版本不支持的类型或版本。"
                 "请设置 `kind` 和 `format_version`。"),
    "schema": ("The document breaks the published JSON Schema of its kind and version at the JSON pointer given. "
               "The schemas are in schemas/jsonschema/ and can be used by any JSON Schema 2020-12 validator.",
               "文档在给出的 JSON 指针处不符合该类型和版本已发布的 JSON Schema。模式文件位于 schemas/jsonschema/，"
               "任何支持 JSON Schema 2020-12 的校验器均可使用。"),
    "vocabulary": ("A concept id is unknown, deprecated or newer than the vocabulary the document cites. "
                   "`riskfmt vocab show ID` and `riskfmt vocab search TEXT` find the right concept.",
                   "概念编号未知、已弃用，或晚于文档所引用的词表版本。可用 `riskfmt vocab show 编号` 或 "
                   "`riskfmt vocab search 文本` 查找正确的概念。"),
    "semantic": ("The document is schema-valid but breaks a rule JSON Schema cannot express (statistics, dates, "
                 "identity, consistency between fields).",
                 "文档符合模式，但违反了 JSON Schema 无法表达的规则（统计量、日期、标识一致性、字段之间的一致性）。"),
    "conversion": ("A fact of the producer tool's output could not be carried over exactly, was derived, or was "
                   "defaulted. The finding names the field; check the converted report before sharing it.",
                   "生产工具输出中的某项信息未能原样转换，或经推导得出，或使用了默认值。发现项指明了相应字段；共享转换后的报告前请先核对。"),
    "incident": ("An incident report breaks a rule of the incident format (attribution, likelihoods, timeline, "
                 "hash chain).",
                 "事件报告违反了事件格式的规则（归因、可能性、时间线、哈希链）。"),
    "disclosure": ("Something that must not leave the producer may be in the document (weights, data, credentials, "
                   "withheld content), or a marking, proof or signature does not hold. Remove it or redact the "
                   "document with `riskfmt redact` before sharing.",
                   "文档中可能含有不应离开生产方的内容（模型权重、数据、凭据、已声明保留的内容），或标记、证明、签名不成立。"
                   "共享前请删除相关内容，或用 `riskfmt redact` 生成脱敏副本。"),
    "comparison": ("Two or more reports could not be compared as asked, or a difference crossed the gate set "
                   "with --fail-on.",
                   "无法按要求比较两份或多份报告，或差异超过了 --fail-on 设定的门限。"),
    "internal": ("riskfmt itself failed. Run again with --traceback and report the output.",
                 "riskfmt 自身出错。请加 --traceback 重新运行并报告输出。"),
}
_SEVERITY_SCORE = {"error": "8.0", "warning": "5.0", "info": "2.0"}  # code scanning's security-severity scale


def describe(template: str) -> str:
    """The message template as a description: optional clauses dropped, parameters shown as ‹name›."""
    text = _OPTIONAL.sub("", template)
    text = _PLACEHOLDER.sub(lambda m: f"‹{m.group(1)}›", text)
    return text.strip()


def _pascal(title: str) -> str:
    """SARIF's friendly name: one Pascal-case identifier (a one-letter word joins the previous one in lower case,
    since the SARIF checker rejects two capitals in a row)."""
    parts = title.split("-")
    return "".join(p.capitalize() if i == 0 or len(p) > 1 else p for i, p in enumerate(parts))


def _humanize(title: str) -> str:
    return title.replace("-", " ").capitalize()


def rule(spec: CodeSpec, lang: str) -> dict[str, Any]:
    """The SARIF ``reportingDescriptor`` of one finding code."""
    zh = lang == "zh"
    template = spec.zh if zh else spec.en
    full = describe(template)
    if not full.strip("‹›_ ") or (full.startswith("‹") and full.endswith("›")):
        full = _humanize(spec.title)  # a template that is only a parameter (schema messages) says nothing alone
    short = full if zh else _humanize(spec.title)
    category_help = _CATEGORY_HELP.get(spec.category, _CATEGORY_HELP["internal"])[1 if zh else 0]
    url = f"{DOCS_FINDINGS}#{spec.code.lower()}"
    more = "说明文档" if zh else "Documentation"
    return {
        "id": spec.code,
        "name": _pascal(spec.title),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\n\n{category_help}\n\n{more}: {url}",
                 "markdown": f"**{spec.code}** {full}\n\n{category_help}\n\n[{more}]({url})"},
        "helpUri": url,
        "defaultConfiguration": {
            "level": {"error": "error", "warning": "warning", "info": "note"}[spec.severity.label],
        },
        "properties": {
            "category": spec.category,
            "tags": ["riskfmt", spec.category],
            "problem.severity": {"error": "error", "warning": "warning", "info": "recommendation"}[spec.severity.label],
            "precision": "very-high",
        },
    }
