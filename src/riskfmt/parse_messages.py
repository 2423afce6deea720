"""Chinese for the messages of the JSON and YAML parsers, which riskfmt passes on in RF101, RF108 and RF111.

Python's ``json`` and PyYAML speak English only; a Chinese finding that embeds "Expecting ',' delimiter" reads as
half a translation. The common messages are rendered here in riskfmt's own words; an unknown one is kept as the
parser wrote it, marked as the parser's text, so nothing is lost.
"""

from __future__ import annotations

import re

__all__ = ["shown_token", "zh_parser_detail"]

# (pattern on the parser's message, Chinese); groups are carried into the Chinese text
_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), zh) for p, zh in [
    # json (CPython json.decoder and json.scanner)
    (r"^Expecting value$", "此处应为一个值"),
    (r"^Expecting ',' delimiter$", "此处缺少逗号分隔符"),
    (r"^Expecting ':' delimiter$", "此处缺少冒号分隔符"),
    (r"^Expecting property name enclosed in double quotes$", "此处应为用双引号括起的键名"),
    (r"^Extra data$", "JSON 值结束后还有多余内容"),
    (r"^Unterminated string starting at$", "字符串未闭合"),
    (r"^Invalid control character at$", "字符串中含有未转义的控制字符"),
    (r"^Invalid \\escape$", "无效的转义序列"),
    (r"^Invalid \\uXXXX escape$", "无效的 \\uXXXX 转义序列"),
    (r"^Illegal trailing comma before end of (object|array)$", "对象或数组末尾多了逗号"),
    # PyYAML (scanner, parser, composer)
    (r"^mapping values are not allowed (?:here|in this context)$", "此处不允许出现映射值（冒号位置不对，或缺少引号）"),
    (r"^could not find expected ':'$", "找不到应有的冒号"),
    (r"^did not find expected key$", "找不到应有的键（缩进可能有误）"),
    (r"^did not find expected node content$", "找不到应有的节点内容"),
    (r"^did not find expected ',' or '\]'$", "找不到应有的逗号或右方括号"),
    (r"^did not find expected ',' or '\}'$", "找不到应有的逗号或右花括号"),
    (r"^found undefined alias(?: '?(.*?)'?)?$", "引用了未定义的别名 {0}"),
    (r"^found duplicate anchor '?(.*?)'?; first occurrence$", "锚点 {0} 重复定义"),
    (r"^found unexpected end of stream$", "文件意外结束"),
    (r"^found unexpected ':'$", "出现了意外的冒号"),
    (r"^found unknown escape character '?(.*?)'?$", "未知的转义字符 {0}"),
    (r"^found character '(.*)' that cannot start any token$",
     "字符 '{0}' 不能作为任何记号的开头（YAML 缩进不能用制表符）"),
    (r"^found character that cannot start any token$", "出现了不能作为任何记号开头的字符（YAML 缩进不能用制表符）"),
    (r"^found a tab character that violates indentation$", "制表符破坏了缩进（YAML 缩进不能用制表符）"),
    (r"^found a tab character where an indentation space is expected$", "此处应为缩进空格，却是制表符"),
    (r"^expected <block end>, but found '?(.*?)'?$", "块结构未正确结束，却遇到了 {0}（缩进可能有误）"),
    (r"^expected a single document in the stream, but found another document$",
     "文件中应只有一个 YAML 文档，却发现了另一个"),
    (r"^expected '<document start>', but found '?(.*?)'?$", "此处应为文档开始标记，却遇到了 {0}"),
    (r"^while scanning (.+)$", "扫描{0}时出错"),
    (r"^while parsing (.+)$", "解析{0}时出错"),
    # riskfmt's own details of RF111
    (r"^a recursive alias$", "递归引用自身的别名"),
    (r"^tag (.+)$", "标签 {0}"),
    (r"^mapping key (.+) is not a string$", "映射的键 {0} 不是字符串"),
    (r"^a mapping key that is a list or mapping$", "映射的键是列表或映射"),
]]


def zh_parser_detail(detail: object) -> str:
    """The parser's message in Chinese; an unknown message is kept verbatim and marked as the parser's own."""
    text = str(detail).strip()
    for pattern, zh in _RULES:
        found = pattern.match(text)
        if found:
            return zh.format(*(g or "" for g in found.groups())).strip()
    return f"解析器原文：{text}"


def shown_token(text: str) -> str:
    """A token as a parser finding quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:39] + "…"
