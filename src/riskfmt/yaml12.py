"""Reading YAML by the YAML 1.2 core schema, which JSON is a subset of, and writing YAML that reads back the same.

libyaml composes the node graph; riskfmt builds the data itself, resolving plain scalars by the 1.2 core rules
(where PyYAML would apply YAML 1.1's) and recording every node's line and column. Imported only when a YAML
input is read or written, never for JSON.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from riskfmt.findings import Finding
from riskfmt.io import MAX_DEPTH, MAX_INT_DIGITS, MAX_SAFE_INTEGER
from riskfmt.parse_messages import shown_token, zh_parser_detail

if TYPE_CHECKING:
    from riskfmt.loading import Document

__all__ = ["load_yaml", "yaml12_plain_is_text", "yaml12_safe_dumper"]

_YAML_TAG = "tag:yaml.org,2002:"


def load_yaml(doc: Document, text: str) -> None:
    """Parse ``text`` into ``doc`` (its data, positions and findings) by the YAML 1.2 core schema."""
    import yaml

    # libyaml's composer recurses in C: refuse deep flow nesting before handing it the text
    if re.search(rf"(?:[\[{{][ \t\r\n]*){{{MAX_DEPTH},}}", text):
        doc.findings.append(Finding.make("RF107", doc.source, limit=MAX_DEPTH))
        return
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.composer.ComposerError as exc:
        if "single document" in str(exc):
            mark = exc.problem_mark
            doc.findings.append(
                Finding.make("RF112", doc.source, line=mark.line + 1 if mark else None,
                             column=mark.column + 1 if mark else None)
            )
        else:
            _yaml_error(doc, exc)
        return
    except yaml.YAMLError as exc:
        _yaml_error(doc, exc)
        return
    except RecursionError:
        doc.findings.append(Finding.make("RF107", doc.source, limit=MAX_DEPTH))
        return
    if node is None:  # only comments or directives
        doc.findings.append(Finding.make("RF102", doc.source))
        return
    builder = _YamlBuilder(doc)
    total, distinct = builder.measure(node)
    if total > 10 * distinct + 10_000:
        doc.findings.append(Finding.make("RF109", doc.source, limit=10 * distinct + 10_000))
        return
    try:
        data = builder.build(node, "", 0, frozenset())
    except RecursionError:
        doc.findings.append(Finding.make("RF107", doc.source, limit=MAX_DEPTH))
        return
    doc.yaml_positions = builder.positions
    if not any(f.severity.label == "error" for f in doc.findings):
        doc.data, doc.parsed = data, True


def _yaml_error(doc: Document, exc: Any) -> None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    doc.findings.append(
        Finding.make(
            "RF108", doc.source, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            detail=detail, detail_zh=zh_parser_detail(detail),
        )
    )


class _YamlBuilder:
    """Turn a composed YAML node graph into JSON-compatible data, recording positions."""

    def __init__(self, doc: Document) -> None:
        import yaml

        self.doc = doc
        self.positions: dict[str, tuple[int, int]] = {}
        self.scalars = yaml.constructor.SafeConstructor()
        self.yaml = yaml

    def measure(self, root: Any) -> tuple[int, int]:
        """(nodes after expanding every alias, distinct nodes), without expanding anything."""
        sizes: dict[int, int] = {}
        stack = [(root, False)]
        on_path: set[int] = set()
        while stack:
            node, done = stack.pop()
            key = id(node)
            if done:
                on_path.discard(key)
                children = self._children(node)
                sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
                continue
            if key in sizes or key in on_path:
                continue  # already measured, or a recursive alias (reported when building)
            on_path.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in self._children(node))
        return sizes.get(id(root), 1), len(sizes)

    @staticmethod
    def _children(node: Any) -> list[Any]:
        value = node.value
        if isinstance(value, list):
            out: list[Any] = []
            for item in value:
                if isinstance(item, tuple):
                    out.extend(item)
                else:
                    out.append(item)
            return out
        return []

    def _where(self, node: Any) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _finding(self, code: str, node: Any, pointer: str, **params: Any) -> None:
        line, column = self._where(node)
        if "detail" in params:
            params["detail_zh"] = zh_parser_detail(params["detail"])
        self.doc.findings.append(Finding.make(code, self.doc.source, pointer, line=line, column=column, **params))

    def build(self, node: Any, pointer: str, depth: int, path: frozenset[int]) -> Any:
        nodes = self.yaml.nodes
        if depth > MAX_DEPTH:
            raise RecursionError
        if id(node) in path:
            self._finding("RF111", node, pointer, detail="a recursive alias")
            return None
        self.positions.setdefault(pointer, self._where(node))
        if isinstance(node, nodes.ScalarNode):
            return self._scalar(node, pointer)
        inner = path | {id(node)}
        if isinstance(node, nodes.SequenceNode):
            if node.tag not in (_YAML_TAG + "seq",):
                self._finding("RF111", node, pointer, detail=f"tag {node.tag}")
            return [self.build(child, f"{pointer}/{i}", depth + 1, inner) for i, child in enumerate(node.value)]
        if node.tag not in (_YAML_TAG + "map",):
            self._finding("RF111", node, pointer, detail=f"tag {node.tag}")
        result: dict[str, Any] = {}
        for key_node, value_node in self._merged_pairs(node):
            key = self._key(key_node, pointer)
            from riskfmt._positions import escape_token

            child = f"{pointer}/{escape_token(key)}"
            if key in result:
                self._finding("RF105", key_node, child, key=key)
                continue
            result[key] = self.build(value_node, child, depth + 1, inner)
        return result

    def _merged_pairs(self, node: Any) -> list[tuple[Any, Any]]:
        pairs: list[tuple[Any, Any]] = []
        merged: list[tuple[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _YAML_TAG + "merge":
                sources = value_node.value if isinstance(value_node, self.yaml.nodes.SequenceNode) else [value_node]
                for source in sources:
                    if isinstance(source, self.yaml.nodes.MappingNode):
                        merged.extend(source.value)
            else:
                pairs.append((key_node, value_node))
        explicit = {k.value for k, _ in pairs if isinstance(k, self.yaml.nodes.ScalarNode)}
        return pairs + [(k, v) for k, v in merged if getattr(k, "value", None) not in explicit]

    def _key(self, node: Any, pointer: str) -> str:
        if isinstance(node, self.yaml.nodes.ScalarNode):
            if node.tag == _YAML_TAG + "str" or (_plain(node) and isinstance(_core_value(node.value), str)):
                return str(node.value)  # YAML 1.2: a plain "on" or "yes" is a string key
            self._finding("RF111", node, pointer, detail=f"mapping key {node.value!r} is not a string")
            return str(node.value)
        self._finding("RF111", node, pointer, detail="a mapping key that is a list or mapping")
        return f"<complex key at line {node.start_mark.line + 1}>"

    def _scalar(self, node: Any, pointer: str) -> Any:
        tag = node.tag
        if _plain(node) and tag in _IMPLICIT:
            return self._plain_scalar(node, pointer)
        if tag == _YAML_TAG + "str":
            return node.value
        if tag == _YAML_TAG + "null":
            return None
        if tag == _YAML_TAG + "bool":
            return self.scalars.construct_yaml_bool(node)
        if tag == _YAML_TAG + "int":
            try:
                value = self.scalars.construct_yaml_int(node)
            except ValueError:
                value = None
            if not isinstance(value, int) or value.bit_length() > _MAX_INT_BITS:
                self._finding("RF114", node, pointer, digits=len(node.value), limit=MAX_INT_DIGITS)
                return None
            if abs(value) > MAX_SAFE_INTEGER:
                self._finding("RF116", node, pointer, token=shown_token(node.value))
                return None
            return value
        if tag == _YAML_TAG + "float":
            number = self.scalars.construct_yaml_float(node)
            if math.isnan(number) or math.isinf(number):
                self._finding("RF106", node, pointer, token=node.value)
                return None
            return number
        if tag == _YAML_TAG + "timestamp":
            return node.value  # kept as written: JSON has no date type and the schema checks the form
        self._finding("RF111", node, pointer, detail=f"tag {tag}")
        return node.value

    def _plain_scalar(self, node: Any, pointer: str) -> Any:
        """A plain (unquoted) scalar read by the YAML 1.2 core schema, as JSON and every YAML 1.2 parser
        read it. libyaml resolves by YAML 1.1, where ``01461`` (octal), ``13:37`` (base 60) and ``8_1_7``
        are all the number 817 and ``yes``/``no``/``on``/``off`` are booleans: a signature made over
        ``n: 817`` would verify for them. Where the two readings differ the 1.2 one is kept and RF113 says
        so; a quoted scalar is always text."""
        text = node.value
        try:
            value = _core_value(text)
        except _TooLong:
            self._finding("RF114", node, pointer, digits=len(text), limit=MAX_INT_DIGITS)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            if math.isnan(value) or text.lstrip("+-").lower() == ".inf":
                self._finding("RF106", node, pointer, token=text)
            else:
                self._finding("RF110", node, pointer, token=text)
            return None
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SAFE_INTEGER:
            self._finding("RF116", node, pointer, token=shown_token(text))
            return None
        old = self._yaml11(node)
        if old is not _UNREADABLE and (type(old), old) != (type(value), value):
            self._finding("RF113", node, pointer, value=shown_token(text), yaml11=_describe(old, "en"),
                          yaml12=_describe(value, "en"), yaml11_zh=_describe(old, "zh"),
                          yaml12_zh=_describe(value, "zh"))
        return value

    def _yaml11(self, node: Any) -> Any:
        """What a YAML 1.1 reader (PyYAML, libyaml-based tools) makes of the scalar, for RF113 only."""
        tag = node.tag
        try:
            if tag == _YAML_TAG + "int":
                if len(node.value) > MAX_INT_DIGITS:
                    return _UNREADABLE
                return self.scalars.construct_yaml_int(node)
            if tag == _YAML_TAG + "float":
                return self.scalars.construct_yaml_float(node)
            if tag == _YAML_TAG + "bool":
                return self.scalars.construct_yaml_bool(node)
            if tag == _YAML_TAG + "null":
                return None
        except (ValueError, TypeError, OverflowError):
            return _UNREADABLE
        return node.value  # str and timestamp: the text as written


_IMPLICIT = frozenset(_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MAX_INT_BITS = 14_000  # about 4,200 decimal digits: every integer riskfmt keeps can be written back out
_UNREADABLE = object()

# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), which JSON is a subset of
_CORE_NULL = re.compile(r"(?:~|null|Null|NULL|)")
_CORE_TRUE = re.compile(r"(?:true|True|TRUE)")
_CORE_FALSE = re.compile(r"(?:false|False|FALSE)")
_CORE_INT10 = re.compile(r"[-+]?[0-9]+")
_CORE_INT8 = re.compile(r"0o[0-7]+")
_CORE_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_CORE_INF = re.compile(r"[-+]?(?:\.inf|\.Inf|\.INF)")
_CORE_NAN = re.compile(r"(?:\.nan|\.NaN|\.NAN)")


class _TooLong(ValueError):
    pass


def _plain(node: Any) -> bool:
    return node.style in (None, "")  # PyYAML says None, libyaml's composer ""


def _core_value(text: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema."""
    if _CORE_NULL.fullmatch(text):
        return None
    if _CORE_TRUE.fullmatch(text):
        return True
    if _CORE_FALSE.fullmatch(text):
        return False
    if _CORE_INT10.fullmatch(text) or _CORE_INT8.fullmatch(text) or _CORE_INT16.fullmatch(text):
        if len(text) > MAX_INT_DIGITS:
            raise _TooLong(text)
        value = int(text, 0) if text[:2] in ("0o", "0x") else int(text, 10)
        if value.bit_length() > _MAX_INT_BITS:
            raise _TooLong(text)
        return value
    if _CORE_FLOAT.fullmatch(text):
        return float(text)
    if _CORE_INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _CORE_NAN.fullmatch(text):
        return math.nan
    return text


def _describe(value: Any, lang: str) -> str:
    # the Chinese of these is in riskfmt/i18n/zh_CN.po (msgctxt "yaml value"), read only for a Chinese message
    from riskfmt.i18n.text import translate

    if value is None:
        return translate("null", lang, "yaml value")
    if isinstance(value, bool):
        return translate("the boolean {word}", lang, "yaml value").format(word="true" if value else "false")
    if isinstance(value, (int, float)):
        return translate("the number {number}", lang, "yaml value").format(number=shown_token(repr(value)))
    return translate('the text "{text}"', lang, "yaml value").format(text=shown_token(str(value)))


def yaml12_plain_is_text(text: str) -> bool:
    """Whether ``text`` written as a plain YAML scalar reads back as the same string under the YAML 1.2 core
    schema riskfmt reads with (``0E0``, ``0o17``, ``.5`` are numbers there but plain text to PyYAML's
    YAML 1.1 writer). Writers quote the strings for which this is false."""
    try:
        return _core_value(text) == text and isinstance(_core_value(text), str)
    except _TooLong:
        return False


def yaml12_safe_dumper() -> type:
    """A PyYAML SafeDumper whose output reads back unchanged under YAML 1.2: strings that 1.2 would read as
    numbers, booleans or null are quoted; no anchors (each node stands on its own)."""
    import yaml

    class Yaml12Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def represent_str(dumper: Any, data: str) -> Any:
        style = None if yaml12_plain_is_text(data) else "'"
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Yaml12Dumper.add_representer(str, represent_str)
    return Yaml12Dumper
