"""Read JSON and YAML documents safely, keeping enough to point at line and column later.

Every way an input can be broken becomes a finding; nothing here raises on bad content.
"""

from __future__ import annotations

import gc
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from riskfmt._frames import frame_depth
from riskfmt._positions import LineIndex, find_duplicate_keys, find_non_finite, find_overflow, locate
from riskfmt.findings import Finding
from riskfmt.io import DEFAULT_MAX_SIZE
from riskfmt.parse_messages import zh_parser_detail

__all__ = ["DEFAULT_MAX_SIZE", "MAX_DEPTH", "Document", "load_bytes", "paused_gc", "read_source"]

MAX_DEPTH = 512  # riskfmt documents need about 10 levels; this only stops pathological input
_BOM = b"\xef\xbb\xbf"


@dataclass
class Document:
    """A parsed input. ``parsed`` says whether ``data`` holds the document (which may itself be null)."""

    source: str
    data: Any = None
    parsed: bool = False
    syntax: str = "json"
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)
    yaml_positions: dict[str, tuple[int, int]] | None = None
    _lines: LineIndex | None = None
    _raw: bytes | None = None

    def _text(self) -> str | None:
        if self.text is None and self._raw is not None:
            self.text = self._raw.decode("utf-8")
            self._raw = None
        return self.text

    def positions(self, pointers: list[str]) -> dict[str, tuple[int, int]]:
        """(line, column) of each pointer that can be found, both 1-based."""
        if self.yaml_positions is not None:
            out = {}
            for pointer in pointers:
                probe = pointer
                while probe not in self.yaml_positions and probe:
                    probe = probe.rsplit("/", 1)[0]
                if probe in self.yaml_positions:
                    out[pointer] = self.yaml_positions[probe]
            return out
        if self._text() is None:
            return {}
        assert self.text is not None
        wanted = set(pointers)
        # a pointer to a missing member (e.g. a required field) is shown at its parent object
        parents = {p: p for p in wanted}
        indices = locate(self.text, wanted)
        missing = [p for p in wanted if p not in indices]
        for pointer in missing:
            parents[pointer] = pointer.rsplit("/", 1)[0] if pointer else ""
        if missing:
            indices.update(locate(self.text, {parents[p] for p in missing}))
        return {p: self.index_position(indices[parents[p]]) for p in wanted if parents[p] in indices}

    def index_position(self, index: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self._text() or "")
        return self._lines.position(index)


def read_source(path: str, max_size: int = DEFAULT_MAX_SIZE) -> tuple[bytes | None, Finding | None]:
    """Read a file (or stdin for "-") as bytes, or say why it cannot be read. At most ``max_size + 1``
    bytes are read, and only from a regular file (``riskfmt.io.read_limited``)."""
    from riskfmt.io import InputRefused, read_limited

    try:
        return read_limited(path, max_size), None
    except InputRefused as exc:
        return None, exc.finding


def guess_syntax(source: str, data: bytes) -> str:
    lower = source.lower()
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".json"):
        return "json"
    head = data.lstrip()[:1]
    return "json" if head in (b"{", b"[") else "yaml"


def load_bytes(data: bytes, source: str, syntax: str | None = None) -> Document:
    """Parse ``data``; all problems are returned as findings on the document."""
    doc = Document(source=source, syntax=syntax or guess_syntax(source, data))
    if data.startswith(_BOM):
        doc.findings.append(Finding.make("RF104", source, line=1, column=1))
        data = data[len(_BOM):]
    if not data.strip():
        doc.findings.append(Finding.make("RF102", source))
        return doc
    nul = data.find(b"\x00")
    if nul != -1:
        doc.findings.append(Finding.make("RF005", source, offset=nul))
        return doc
    if doc.syntax != "yaml" and len(data) >= _LARGE and _load_json_fast(doc, data):
        # orjson checked the UTF-8; the text is decoded later only if a finding needs a line and column
        doc._raw = data
        return doc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.findings.append(
            Finding.make("RF103", source, line=line, column=column, byte=f"{data[exc.start]:02x}", offset=exc.start)
        )
        return doc
    doc.text = text
    if doc.syntax == "yaml":
        _load_yaml(doc, text)
    else:
        _load_json(doc, data, text)
    return doc


# ------------------------------------------------------------------------------------------------
# JSON
# ------------------------------------------------------------------------------------------------


class _NonFinite(ValueError):
    pass


class _DuplicateKey(ValueError):
    pass


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def _reject_constant(token: str) -> float:
    raise _NonFinite(token)


class paused_gc:
    """Pause the cyclic garbage collector while one document is parsed and checked.

    A parsed report is a tree of millions of containers with no cycles. With the collector running, every
    full collection walks all of them: on a 128 MB report that is about 0.2 s per collection, and the checks
    that follow parsing allocate enough to trigger several, which more than doubled the time of the leak scan,
    the schema compilation and the semantic pass (see benchmarks/README.md). Reference counting still frees
    everything; cycles made meanwhile are collected once the collector is re-enabled. Nests safely: only the
    outermost pause re-enables it.
    """

    __slots__ = ("_enabled",)

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._enabled:
            gc.enable()


_LARGE = 4 << 20  # from here on orjson parses; below it the standard library is fast enough and imports faster


def _load_json(doc: Document, data: bytes, text: str) -> None:
    _load_json_exact(doc, data, text)


# every byte that is a digit becomes "0", every other byte "."; a run of 16 zeros is a run of 16 digits. Two C
# passes (translate, then a substring search) over the input, where a regular expression takes ~40 ns a byte
_DIGIT_RUNS = bytes(48 if 48 <= b <= 57 else 46 for b in range(256))
_SIXTEEN_DIGITS = b"0" * 16


def _has_long_digit_run(data: bytes) -> bool:
    return _SIXTEEN_DIGITS in data.translate(_DIGIT_RUNS)


def _load_json_fast(doc: Document, data: bytes) -> bool:
    """orjson for large inputs, with an exact duplicate-key check that costs one serialisation.

    orjson keeps the last of duplicate keys silently. Colons outside strings are exactly the key separators,
    and the parsed strings serialise back with the same colons inside them (unless the input escaped a colon
    as \\u003a), so the input and ``orjson.dumps`` of the tree hold the same number of colons if and only if
    no key was dropped. Anything unusual (a parse error, an escaped colon, a mismatch, extreme depth) returns
    False and the exact parser decides, with its precise findings.
    """
    import orjson

    if b"\\u003a" in data or b"\\u003A" in data:
        return False
    if _has_long_digit_run(data):
        # an integer of 16 or more digits may lie beyond ±(2^53 - 1) (RF116) or 64 bits, which orjson reads as
        # a float: the exact parser decides (such runs are rare: hex digests seldom hold 16 decimal digits)
        return False
    try:
        with paused_gc():
            parsed = orjson.loads(data)
            serialised = orjson.dumps(parsed)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return False
    if data.count(b":") != serialised.count(b":"):
        return False
    doc.data, doc.parsed = parsed, True
    return True


def _load_json_exact(doc: Document, data: bytes, text: str) -> None:
    """Parse with the standard library's C scanner: with the cyclic GC paused it runs within about 1.6x of
    orjson, and its pairs hook sees every key, so duplicates are caught exactly (orjson keeps the last one
    silently). The recursion limit, lowered for the call, is the depth limit: the scanner counts nesting
    against it, so no second walk over the tree is needed."""
    import json

    with paused_gc():  # the parsed tree is acyclic; collection passes during parsing only cost time
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(frame_depth() + MAX_DEPTH + 10)
        try:
            doc.data = json.loads(text, object_pairs_hook=_strict_pairs, parse_constant=_reject_constant,
                                  parse_int=_parse_int)
            doc.parsed = True
        except _DuplicateKey:
            sys.setrecursionlimit(limit)
            _report_duplicates(doc, text)
            return
        except _NonFinite as exc:
            _report_non_finite(doc, text, str(exc))
            return
        except RecursionError:
            doc.findings.append(Finding.make("RF107", doc.source, limit=MAX_DEPTH))
            return
        except json.JSONDecodeError as exc:
            doc.findings.append(Finding.make("RF101", doc.source, line=exc.lineno, column=exc.colno, detail=exc.msg,
                                             detail_zh=zh_parser_detail(exc.msg)))
            return
        except _UnsafeInteger as exc:
            _report_unsafe_integer(doc, text, str(exc))
            return
        except ValueError:  # not expected (_parse_int checks lengths first), but never a crash
            _report_long_number(doc, text)
            return
        finally:
            sys.setrecursionlimit(limit)
    if "\\ud" in text or "\\uD" in text:  # only escapes can make a lone surrogate; decoded UTF-8 cannot
        _check_surrogates(doc)
        if not doc.parsed:
            return
    # A literal such as 1e400 overflows to infinity without complaint; such literals are rare, so one
    # regular-expression search over the text is enough to find them.
    overflow = find_overflow(text)
    if overflow is not None:
        line, column = doc.index_position(overflow[1])
        doc.findings.append(Finding.make("RF110", doc.source, line=line, column=column, token=overflow[0]))
        doc.data, doc.parsed = None, False


_MAX_SAFE = (1 << 53) - 1


class _UnsafeInteger(ValueError):
    """An integer literal JSON cannot carry across implementations: its text is the message."""


def _parse_int(token: str) -> int:
    """``json.loads``' integer hook: integers beyond ±(2^53 - 1) are RF116 (canonical JSON, and so every
    digest and signature riskfmt makes, refuses them; other parsers round them), and literals beyond Python's
    4,300 digits RF114. Short literals (nearly all) cost one length test."""
    if len(token) < 16:
        return int(token)
    if len(token.lstrip("-")) > _MAX_INT_DIGITS:
        raise _UnsafeInteger(token)
    value = int(token)
    if abs(value) > _MAX_SAFE:
        raise _UnsafeInteger(token)
    return value


def _report_unsafe_integer(doc: Document, text: str, token: str) -> None:
    match = re.search(r"(?<![0-9.eE])" + re.escape(token) + r"(?![0-9.eE])", text)
    line, column = doc.index_position(match.start()) if match else (None, None)
    digits = len(token.lstrip("-"))
    if digits > _MAX_INT_DIGITS:
        doc.findings.append(Finding.make("RF114", doc.source, line=line, column=column, digits=digits,
                                         limit=_MAX_INT_DIGITS))
    else:
        doc.findings.append(Finding.make("RF116", doc.source, line=line, column=column, token=_shown(token)))


def _report_long_number(doc: Document, text: str) -> None:
    match = re.search(rf"-?[0-9]{{{_MAX_INT_DIGITS + 1},}}", text)
    line, column = doc.index_position(match.start()) if match else (None, None)
    digits = len(match.group().lstrip("-")) if match else "?"
    doc.findings.append(Finding.make("RF114", doc.source, line=line, column=column, digits=digits,
                                     limit=_MAX_INT_DIGITS))


def _check_surrogates(doc: Document) -> None:
    """RF115 for the first string or key holding a lone surrogate (``"\\ud800"``): Python keeps it, but it
    cannot be written as UTF-8, so every later step (schema check, digest, output) would fail on it."""
    from riskfmt._positions import escape_token

    stack: list[tuple[Any, str]] = [(doc.data, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = f"{pointer}/{escape_token(key)}" if _encodable(key) else pointer
                if not _encodable(key):
                    break
                stack.append((value, child))
            else:
                continue
            bad = key
        elif isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))
            continue
        elif isinstance(node, str) and not _encodable(node):
            bad = node
        else:
            continue
        escape = next(f"\\u{ord(c):04x}" for c in bad if 0xD800 <= ord(c) <= 0xDFFF)
        doc.findings.append(Finding.make("RF115", doc.source, pointer, escape=escape))
        doc.data, doc.parsed = None, False
        return


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _report_duplicates(doc: Document, text: str) -> None:
    for pointer, key, index in find_duplicate_keys(text):
        line, column = doc.index_position(index)
        doc.findings.append(Finding.make("RF105", doc.source, pointer, line=line, column=column, key=key))
    if not doc.findings:  # the counts disagreed but no duplicate was found: never pass silently
        doc.findings.append(Finding.make("RF105", doc.source, key="?"))


def _report_non_finite(doc: Document, text: str, token: str) -> None:
    hit = find_non_finite(text)
    if hit is not None:
        at, column = doc.index_position(hit[1])
        doc.findings.append(Finding.make("RF106", doc.source, line=at, column=column, token=hit[0]))
        return
    # a finite-looking literal that overflows a double (1e400)
    match = re.search(re.escape(token), text)
    line, col = doc.index_position(match.start()) if match else (None, None)
    doc.findings.append(Finding.make("RF110", doc.source, line=line, column=col, token=token))


# ------------------------------------------------------------------------------------------------
# YAML
# ------------------------------------------------------------------------------------------------

_YAML_TAG = "tag:yaml.org,2002:"


def _load_yaml(doc: Document, text: str) -> None:
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
                self._finding("RF114", node, pointer, digits=len(node.value), limit=_MAX_INT_DIGITS)
                return None
            if abs(value) > _MAX_SAFE:
                self._finding("RF116", node, pointer, token=_shown(node.value))
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
            self._finding("RF114", node, pointer, digits=len(text), limit=_MAX_INT_DIGITS)
            return None
        if isinstance(value, float) and not math.isfinite(value):
            if math.isnan(value) or text.lstrip("+-").lower() == ".inf":
                self._finding("RF106", node, pointer, token=text)
            else:
                self._finding("RF110", node, pointer, token=text)
            return None
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_SAFE:
            self._finding("RF116", node, pointer, token=_shown(text))
            return None
        old = self._yaml11(node)
        if old is not _UNREADABLE and (type(old), old) != (type(value), value):
            self._finding("RF113", node, pointer, value=_shown(text), yaml11=_describe(old, "en"),
                          yaml12=_describe(value, "en"), yaml11_zh=_describe(old, "zh"),
                          yaml12_zh=_describe(value, "zh"))
        return value

    def _yaml11(self, node: Any) -> Any:
        """What a YAML 1.1 reader (PyYAML, libyaml-based tools) makes of the scalar, for RF113 only."""
        tag = node.tag
        try:
            if tag == _YAML_TAG + "int":
                if len(node.value) > _MAX_INT_DIGITS:
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
_MAX_INT_DIGITS = 4300  # Python's own limit for int <-> str (sys.get_int_max_str_digits)
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
        if len(text) > _MAX_INT_DIGITS:
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


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _describe(value: Any, lang: str) -> str:
    if value is None:
        return "null" if lang == "en" else "空值 null"
    if isinstance(value, bool):
        word = "true" if value else "false"
        return f"the boolean {word}" if lang == "en" else f"布尔值 {word}"
    if isinstance(value, (int, float)):
        return f"the number {_shown(repr(value))}" if lang == "en" else f"数值 {_shown(repr(value))}"
    return f'the text "{_shown(str(value))}"' if lang == "en" else f"文本“{_shown(str(value))}”"


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
