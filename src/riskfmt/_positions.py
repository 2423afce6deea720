"""Find where JSON pointers and duplicate keys sit in JSON text, without a full source map.

Building a line/column map of a whole document costs far more than validating it, so positions are
computed only for the pointers that have findings: one walk descends along those pointers and skips
every other value with the C decoder.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but missing from typeshed

_WS = re.compile(r"[ \t\n\r]*")
# The pattern matches the empty string, so its .match() never returns None (mypy cannot know that): typed as
# such once, here, instead of an ignore at every call.
_ws: Callable[[str, int], re.Match[str]] = _WS.match  # type: ignore[assignment]
_DECODER = json.JSONDecoder()


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1") if "~" in token or "/" in token else token


class _Node:
    __slots__ = ("children", "target")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.target = False


def _trie(pointers: Iterable[str]) -> _Node:
    root = _Node()
    for pointer in pointers:
        node = root
        if pointer:
            for token in pointer.split("/")[1:]:
                key = unescape_token(token)
                child = node.children.get(key)
                if child is None:  # (setdefault would build a node for every token of every pointer)
                    child = node.children[key] = _Node()
                node = child
        node.target = True
    return root


class LineIndex:
    """Offsets of line starts, for turning a character index into (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def position(self, index: int) -> tuple[int, int]:
        starts = self._starts if self._starts is not None else self._index()
        line = bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def _index(self) -> list[int]:
        starts = [0]
        find = self._text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        return starts


def locate(text: str, pointers: Iterable[str]) -> dict[str, int]:
    """Character index of the value at each pointer that exists in ``text`` (valid JSON)."""
    root = _trie(pointers)
    found: dict[str, int] = {}
    start = _ws(text, 0).end()
    try:
        _walk(text, start, root, "", found)
    except (ValueError, IndexError, RecursionError):
        pass  # positions are a courtesy; a finding without one is still reported
    return found


def _skip(text: str, index: int) -> int:
    return _DECODER.raw_decode(text, index)[1]


def _walk(text: str, i: int, node: _Node, pointer: str, found: dict[str, int]) -> int:
    """Walk the value starting at ``i``; return the index just after it."""
    if node.target and pointer not in found:
        found[pointer] = i
    if not node.children:
        return _skip(text, i)
    ws = _ws
    char = text[i]
    if char == "{":
        i = ws(text, i + 1).end()
        if text[i] == "}":
            return i + 1
        while True:
            key, i = scanstring(text, i + 1)
            i = ws(text, i).end()
            i = ws(text, i + 1).end()  # past ':'
            child = node.children.get(key)
            i = _skip(text, i) if child is None else _walk(text, i, child, f"{pointer}/{escape_token(key)}", found)
            i = ws(text, i).end()
            if text[i] == ",":
                i = ws(text, i + 1).end()
                continue
            return i + 1
    if char == "[":
        i = ws(text, i + 1).end()
        if text[i] == "]":
            return i + 1
        index = 0
        while True:
            child = node.children.get(str(index))
            i = _skip(text, i) if child is None else _walk(text, i, child, f"{pointer}/{index}", found)
            i = ws(text, i).end()
            if text[i] == ",":
                i = ws(text, i + 1).end()
                index += 1
                continue
            return i + 1
    return _skip(text, i)


class _Duplicate(Exception):
    pass


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


_STRICT = json.JSONDecoder(object_pairs_hook=_reject_duplicates)


def find_duplicate_keys(text: str) -> list[tuple[str, str, int]]:
    """(pointer of the repeated member, key, character index of the repeated key) for every duplicate.

    Descends only into containers whose subtree holds a duplicate, so the cost stays near two parses.
    """
    out: list[tuple[str, str, int]] = []
    start = _ws(text, 0).end()
    try:
        _dup_walk(text, start, "", out)
    except (ValueError, IndexError, RecursionError):
        pass
    return out


def _has_duplicates(text: str, i: int) -> tuple[bool, int]:
    try:
        return False, _STRICT.raw_decode(text, i)[1]
    except _Duplicate:
        return True, -1


def _dup_walk(text: str, i: int, pointer: str, out: list[tuple[str, str, int]]) -> int:
    ws = _ws
    char = text[i]
    if char not in "{[":
        return _skip(text, i)
    close = "}" if char == "{" else "]"
    i = ws(text, i + 1).end()
    if text[i] == close:
        return i + 1
    seen: set[str] = set()
    index = 0
    while True:
        if char == "{":
            key_at = i
            key, i = scanstring(text, i + 1)
            i = ws(text, i).end()
            i = ws(text, i + 1).end()
            child = f"{pointer}/{escape_token(key)}"
            if key in seen:
                out.append((child, key, key_at))
            seen.add(key)
        else:
            child = f"{pointer}/{index}"
        dup, end = _has_duplicates(text, i)
        i = _dup_walk(text, i, child, out) if dup else end
        i = ws(text, i).end()
        if text[i] == ",":
            i = ws(text, i + 1).end()
            index += 1
            continue
        return i + 1


_NON_FINITE = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


def find_non_finite(text: str) -> tuple[str, int] | None:
    """The first NaN/Infinity token outside strings, with its index."""
    for match in _NON_FINITE.finditer(text):
        if match.group(1):
            return match.group(1), match.start(1)
    return None


# A number literal with a three-digit exponent, in a place where JSON allows a value.
_BIG_EXPONENT = re.compile(r"[:\[,]\s*(-?[0-9]+(?:\.[0-9]+)?[eE]\+?[0-9]{3,})\s*[,\]}]")
_BIG_EXPONENT_EXACT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9]+(?:\.[0-9]+)?[eE]\+?[0-9]{3,})', re.DOTALL)


def find_overflow(text: str) -> tuple[str, int] | None:
    """The first number literal outside strings that overflows a double (such as 1e400), with its index.

    The structural prefilter almost never matches, so the exact, string-aware scan runs only when it does.
    """
    import math

    if _BIG_EXPONENT.search(text) is None:
        return None
    for match in _BIG_EXPONENT_EXACT.finditer(text):
        token = match.group(1)
        if token and math.isinf(float(token)):
            return token, match.start(1)
    return None
