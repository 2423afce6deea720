"""Read JSON and YAML documents safely, keeping enough to point at line and column later.

JSON is read here; YAML by ``riskfmt.yaml12`` (the YAML 1.2 core schema), imported only for a YAML input.

Every way an input can be broken becomes a finding; nothing here raises on bad content.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from riskfmt._byte_positions import MIN_BYTES as BYTES_MIN
from riskfmt._byte_positions import byte_positions
from riskfmt._frames import frame_depth
from riskfmt._positions import (
    LineIndex,
    find_duplicate_keys,
    find_non_finite,
    find_overflow,
    locate,
    locate_in_head,
    locate_run,
    run_of,
)
from riskfmt._text_scan import encoded_as
from riskfmt.findings import Finding
from riskfmt.io import DEFAULT_MAX_SIZE, MAX_DEPTH, MAX_INT_DIGITS, MAX_SAFE_INTEGER
from riskfmt.parse_messages import shown_token, zh_parser_detail

__all__ = ["DEFAULT_MAX_SIZE", "MAX_DEPTH", "Document", "keep_until_exit", "keep_trees_until_exit", "load_bytes",
           "paused_gc", "read_source"]

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
    fast: bool = False  # parsed by the fast decoder, found exact (``_load_json_fast``): ``data`` is what ``_raw`` says

    def _text(self) -> str | None:
        if self.text is None and self._raw is not None:
            self.text = self._raw.decode("utf-8")
            self._raw = None
        return self.text

    def positions(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
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
        wanted = pointers if isinstance(pointers, (set, frozenset, dict)) else dict.fromkeys(pointers)  # in order
        if self.text is None and self._raw is not None and (head := locate_in_head(self._raw, wanted)) is not None:
            position = LineIndex(head[1]).position  # every one in the text's first MiB: the rest is never decoded
            return {pointer: position(index) for pointer, index in head[0].items()}
        data = self._raw  # (long arrays' items are read from the bytes: riskfmt._text_scan.item_starts)
        if self.text is None and data is not None and len(data) >= BYTES_MIN and not data.isascii():
            placed = byte_positions(data, wanted)  # never decoded to characters (riskfmt._byte_positions)
            if placed is not None:
                return placed
        if self._text() is None:
            return {}
        assert self.text is not None
        with encoded_as(self.text, data):
            indices = locate(self.text, wanted)  # one walk for all of them (riskfmt._positions)
        if len(indices) < len(wanted):
            # a pointer to a missing member (e.g. a required field) is shown at its parent object
            parents = {p: p.rsplit("/", 1)[0] if p else "" for p in wanted if p not in indices}
            found = locate(self.text, set(parents.values()))
            indices.update((p, found[parent]) for p, parent in parents.items() if parent in found)
        if self._lines is None:
            self._lines = LineIndex(self._text() or "")
        position = self._lines.position
        return {pointer: position(index) for pointer, index in indices.items()}

    def run_positions(self, pointers: list[str]) -> tuple[list[int | None], list[int | None]] | None:
        """Lines and columns of ``pointers`` in their order (None where not found), as :meth:`positions` gives them,
        when they are one run ``ARRAY/N/KEY`` (``riskfmt._positions.run_of``: a flood of findings); else None.
        Lists, not a dict by pointer: hundreds of thousands of pointers are placed without hashing one."""
        if self.yaml_positions is not None or (run := run_of(pointers)) is None or self._text() is None:
            return None
        assert self.text is not None
        places = locate_run(self.text, *run)
        if self._lines is None:
            self._lines = LineIndex(self.text)
        lines, columns = self._lines.lines_columns(places)
        if None in places:  # a member that is not there is shown at its parent object, as positions() shows it
            missing = [pointer for pointer, place in zip(pointers, places, strict=True) if place is None]
            found = self.positions(missing)
            for k, place in enumerate(places):
                if place is None and (at := found.get(pointers[k])) is not None:
                    lines[k], columns[k] = at
        return lines, columns

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
    if _KEPT is not None:
        _KEPT[0] = None  # the last document kept (``keep_until_exit``) goes before the next one is parsed
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
        doc._raw, doc.fast = data, True
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
        from riskfmt.yaml12 import load_yaml

        load_yaml(doc, text)
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


# The command line's last parsed tree, kept so that it is never freed (``keep_until_exit``); None: nothing is kept
_KEPT: list[Any] | None = None


def keep_trees_until_exit() -> None:
    """For a process that ends after its output: let the tree of the last document validated stay in memory
    until the process ends, instead of freeing it object by object.

    Freeing the tree of a 100 MB report (millions of dicts, lists and strings) takes 0.2-0.4 s, a third of
    what parsing it took, and a process about to end gains nothing from it: the operating system takes the
    memory back at once. The tree goes into a slot that holds itself (``[tree, slot, findings]``) and that the
    cyclic collector never looks at (``gc.freeze``): when the interpreter shuts down, the module's name for the
    slot is dropped but the slot's own reference keeps it, and the final collection skips frozen objects, so the
    tree is never freed, nor the findings kept with it. Nothing else about the exit changes: ``sys.exit``, atexit
    handlers and the flushing of output run as before. Only the last tree is kept: the next ``load_bytes`` drops
    it first, so memory never holds two. Only ``riskfmt.cli`` calls this, for a real process; a library caller
    frees as always."""
    global _KEPT
    if _KEPT is None:
        slot: list[Any] = [None]
        slot.append(slot)
        slot.append([])  # the findings of every document (keep_until_exit)
        _KEPT = slot
        gc.freeze()


def keep_until_exit(document: Document, findings: list[Any] | None = None) -> None:
    """Move ``document``'s tree into the slot of ``keep_trees_until_exit``, when it was called; else nothing.

    ``findings``, the document's, are kept there too, every document's (the process reports them all, so they
    live until its end anyway): a flood's 847,000 findings, freed one by one at exit, took 0.1-0.2 s."""
    if _KEPT is None:
        return
    if document.parsed:
        _KEPT[0], document.data = document.data, None
    if findings:
        _KEPT[2].append(findings)
    gc.freeze()  # the collector would otherwise walk what is kept on every full collection until exit


_LARGE = 4 << 20  # from here on msgspec parses (_fast_decoder); below, the standard library suffices and imports faster


def _load_json(doc: Document, data: bytes, text: str) -> None:
    _load_json_exact(doc, data, text)


# every byte that is a digit becomes "0", every other byte "."; a run of 16 zeros is a run of 16 digits. Two C
# passes (translate, then a substring search) over the input, where a regular expression takes ~40 ns a byte
_DIGIT_RUNS = bytes(48 if 48 <= b <= 57 else 46 for b in range(256))
_SIXTEEN_DIGITS = b"0" * 16
_NUMBER_TAIL = re.compile(rb"(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")  # a fraction and an exponent, if any


def _has_long_digit_run(data: bytes) -> bool:
    """Whether any integer token might lie beyond ±(2^53 - 1), the only numbers orjson and the exact parser
    may read differently (RF116; beyond 64 bits orjson refuses and the exact parser decides anyway).

    A run of 16 or more digits is looked at only where it can be a number token: after ``:``, ``,`` or ``[``
    (JSON whitespace and a minus sign allowed between) or at the very start, and followed by what may end a
    number (``,``, ``}``, ``]``, whitespace, the end) or continue it (a fraction or exponent: the exact parser
    decides those). Runs inside digests and ids (``"sha256:4694...f1"``) fail one side or the other and are
    skipped, so a report of many digests keeps the fast path. A run inside a string that looks like a number
    on both sides ("a: 1234..., b") is taken as one: that can only send the input to the exact parser, never
    skip a check."""
    runs = data.translate(_DIGIT_RUNS)
    at = runs.find(_SIXTEEN_DIGITS)
    while at != -1:
        end = at + 16
        while end < len(runs) and runs[end] == 48:
            end += 1
        before = at - 1
        if before >= 0 and data[before] == 45:  # a minus sign
            before -= 1
        while before >= 0 and data[before] in b" \t\r\n":
            before -= 1
        tail = _NUMBER_TAIL.match(data, end)
        stop = tail.end() if tail is not None else end
        after = data[stop] if stop < len(data) else 32
        if ((before < 0 or data[before] in b":,[") and after in b",}] \t\r\n"
                and (stop > end or int(data[at:end]) > MAX_SAFE_INTEGER)):
            return True
        at = runs.find(_SIXTEEN_DIGITS, end)
    return False


_MSGSPEC = True  # tests switch it off to check the orjson route, which stands in when msgspec cannot be imported


def _load_json_fast(doc: Document, data: bytes) -> bool:
    """msgspec (or orjson) for large inputs, with an exact duplicate-key check that costs one serialisation.

    msgspec's untyped decoder builds the same dicts, lists and scalars as the exact parser, 20% faster than
    orjson (0.45 s against 0.56 s of CPU for the 128 MB samples-heavy report, 0.64 s against 0.80 s for the
    results-heavy one), and it is stricter than the exact parser, never laxer: NaN and Infinity, lone surrogates,
    numbers beyond a double, control characters in strings are errors, and the exact parser then gives its
    precise findings. Integers come back exact whatever their size, so strict serialisation refuses every
    integer beyond ±(2^53 - 1) and the exact parser reports it (RF116).

    Both keep the last of duplicate keys silently. Colons outside strings are exactly the key separators, and
    the parsed strings serialise back with the same colons inside them, escaped ones (\\u003a) written plainly,
    so the input's colons and escaped colons together are as many as ``orjson.dumps`` of the tree writes if and
    only if no key was dropped: a dropped member takes at least its own colon with it, and a ``\\u003a`` that is
    no escape (``"\\\\u003a"``: an escaped backslash before it) is counted as one but written as none, so it
    can only make the counts differ. Anything unusual (a parse error, a mismatch, extreme depth) returns False
    and the exact parser decides, with its precise findings.
    """
    import orjson

    decode, refused = _fast_decoder()
    try:
        with paused_gc():
            parsed = decode(data)
            # strict integers: an integer beyond ±(2^53 - 1) is refused, and the exact parser reports it
            written, exponent = _colons_written(parsed, decode is orjson.loads)
    except (refused, orjson.JSONEncodeError, RecursionError):
        return False
    if data.count(b":") + _escaped_colons(data) != written:
        return False
    if exponent and _has_long_digit_run(data):
        # orjson reads an integer literal beyond 64 bits as a float (RF116 on the exact path): such a float is at
        # least 2^63, and orjson writes every float from 1e16 up with "e+", so without "e+" in what it wrote back
        # there is none, and the digit runs of the input need no look
        return False
    doc.data, doc.parsed = parsed, True
    return True


def _escaped_colons(data: bytes) -> int:
    """How many ``\\u003a`` and ``\\u003A`` the input holds (each counted as a colon, see ``_load_json_fast``).

    An escape needs a backslash, and one search for a byte (memchr: 6 ms on 128 MB) says whether there is any;
    only then is ``\\u003`` looked for, once (0.07 s), where two searches for the two spellings took 0.14 s.
    ``\\u003c`` and ``\\u003e`` (Go's encoder escapes ``<`` and ``>``) are passed over one by one."""
    if b"\\" not in data:
        return 0
    count = 0
    at = data.find(b"\\u003")
    while at != -1:
        if data[at + 5:at + 6] in (b"a", b"A"):
            count += 1
        at = data.find(b"\\u003", at + 5)
    return count


_OPENED = 6  # levels of the tree walked in Python before its parts are serialised whole
_FEW = 64  # an object or list of at most this many items above that level is opened; a longer list is sliced
_OPENINGS = 1024  # containers opened at most: the Python part of the walk stays a few thousand steps
_SLICE = 4096  # items serialised in one call


def _colons_written(tree: Any, exponents: bool = False) -> tuple[int, bool]:
    """The colons ``orjson.dumps(tree, option=OPT_STRICT_INTEGER)`` writes, and (when ``exponents``) whether it
    writes any "e+", without writing the whole tree at once: memory stays flat (a 128 MB report serialised whole
    took a second 128 MB), and the count is the same, because each member of an object is one key, one colon
    and its value. The top levels are walked in Python (a report's few large containers: the list of
    evaluations, a samples list); long lists and whatever lies deeper are serialised ``_SLICE`` items at a
    time. Raises ``orjson.JSONEncodeError`` where serialising the whole tree would (an unsafe integer, extreme
    depth), except that the levels walked here do not count towards orjson's depth limit."""
    import orjson

    dumps, strict = orjson.dumps, orjson.OPT_STRICT_INTEGER
    colons, exponent = 0, False
    pending: list[Any] = []  # small parts, written together
    opened = 0

    def write(nodes: list[Any]) -> None:
        nonlocal colons, exponent
        text = dumps(nodes, option=strict)
        colons += text.count(b":")
        if exponents and not exponent:
            exponent = b"e+" in text

    stack: list[tuple[Any, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        kind = type(node)
        if (kind is dict or kind is list) and len(node) <= _FEW and depth < _OPENED and opened < _OPENINGS:
            opened += 1
            if kind is dict:
                colons += len(node) + sum(map(str.count, node, repeat(":")))
                node = node.values()
            stack.extend(zip(node, repeat(depth + 1)))
        elif kind is list and len(node) > _SLICE:
            for start in range(0, len(node), _SLICE):
                write(node[start:start + _SLICE])
        else:
            pending.append(node)
            if len(pending) >= _SLICE:
                write(pending)
                pending = []
    if pending:
        write(pending)
    return colons, exponent


def _fast_decoder() -> tuple[Any, type[Exception]]:
    """The parser of large inputs and the errors it raises on input it refuses: msgspec's, or orjson's where
    msgspec cannot be imported (it is a dependency; this is for odd platforms and for the tests)."""
    import orjson

    if _MSGSPEC:
        try:
            import msgspec
        except ImportError:  # pragma: no cover - depends on the platform
            pass
        else:
            return msgspec.json.decode, msgspec.MsgspecError
    return orjson.loads, orjson.JSONDecodeError


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


class _UnsafeInteger(ValueError):
    """An integer literal JSON cannot carry across implementations: its text is the message."""


def _parse_int(token: str) -> int:
    """``json.loads``' integer hook: integers beyond ±(2^53 - 1) are RF116 (canonical JSON, and so every
    digest and signature riskfmt makes, refuses them; other parsers round them), and literals beyond Python's
    4,300 digits RF114. Short literals (nearly all) cost one length test."""
    if len(token) < 16:
        return int(token)
    if len(token.lstrip("-")) > MAX_INT_DIGITS:
        raise _UnsafeInteger(token)
    value = int(token)
    if abs(value) > MAX_SAFE_INTEGER:
        raise _UnsafeInteger(token)
    return value


def _report_unsafe_integer(doc: Document, text: str, token: str) -> None:
    match = re.search(r"(?<![0-9.eE])" + re.escape(token) + r"(?![0-9.eE])", text)
    line, column = doc.index_position(match.start()) if match else (None, None)
    digits = len(token.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        doc.findings.append(Finding.make("RF114", doc.source, line=line, column=column, digits=digits,
                                         limit=MAX_INT_DIGITS))
    else:
        doc.findings.append(Finding.make("RF116", doc.source, line=line, column=column, token=shown_token(token)))


def _report_long_number(doc: Document, text: str) -> None:
    match = re.search(rf"-?[0-9]{{{MAX_INT_DIGITS + 1},}}", text)
    line, column = doc.index_position(match.start()) if match else (None, None)
    digits = len(match.group().lstrip("-")) if match else "?"
    doc.findings.append(Finding.make("RF114", doc.source, line=line, column=column, digits=digits,
                                     limit=MAX_INT_DIGITS))


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


def __getattr__(name: str) -> Any:
    # the YAML writers moved to riskfmt.yaml12; imported from here they still work, without this module
    # importing riskfmt.yaml12 for every JSON input
    if name in ("yaml12_plain_is_text", "yaml12_safe_dumper"):
        from riskfmt import yaml12

        return getattr(yaml12, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
