"""Scans of JSON text that need no walk along pointers: the escapes of pointer tokens, repeated keys, NaN and
Infinity, numbers beyond a double, and the places of a long array's items (read by msgspec). Nothing here imports
the rest of riskfmt but the leaf ``riskfmt._ahead`` (``riskfmt._positions`` walks with these)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import accumulate
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but missing from typeshed
from typing import Any

from riskfmt._ahead import MISSING, take

_WS = re.compile(r"[ \t\n\r]*")
# The pattern matches the empty string, so its .match() never returns None (mypy cannot know that): typed as
# such once, here, instead of an ignore at every call.
_ws: Callable[[str, int], re.Match[str]] = _WS.match  # type: ignore[assignment]
_AFTER = re.compile(r"[ \t\n\r]*([,}\]])[ \t\n\r]*")  # what follows a value in a container
_DECODER = json.JSONDecoder()


def _skip(text: str, index: int) -> int:
    return _DECODER.raw_decode(text, index)[1]


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1") if "~" in token or "/" in token else token


def item_starts(text: str, i: int, path: tuple[str, ...], most: int) -> tuple[list[int], int] | None:
    """Where the first ``most`` items of the array at ``i`` start, and where the walk goes on after it (past the
    array and the spaces after it); None unless the text is ASCII (msgspec's byte offsets are then indices) and
    the value ``path`` reaches from the root, as msgspec reads it, is the very text at ``i`` (not so where a key
    repeats with another value: the walk takes the first, msgspec the last)."""
    if not text.isascii():
        return None
    import msgspec

    known = _ENCODED.get()
    data = known[1] if known is not None and known[0] is text else text.encode("ascii")
    ahead = take("items", data)  # the places of the report's long arrays' items, worked out by riskfmt._sidecar
    if ahead is not MISSING and (places := ahead.get(path)) is not None and places[0] == i:
        return places[1][:most], places[2]
    decode = _raw_decoder().decode
    value: Any = data
    try:
        for key in (*path, None):
            parsed = decode(value)
            if key is None:
                break
            if parsed.__class__ is dict:
                value = parsed.get(key)
            elif key.isdigit() and key.isascii() and (key == "0" or key[0] != "0") and int(key) < len(parsed):
                value = parsed[int(key)]
            else:
                value = None
            if value is None:
                return None
    except msgspec.DecodeError:
        return None
    if parsed.__class__ is not list or not data.startswith(value, i):  # (compared in C; memoryviews are slow)
        return None
    end = _ws(text, i + len(value)).end()
    raws = parsed[:most]
    if not raws:
        return [], end
    first = _ws(text, i + 1).end()
    # items written with one separator (", " or ",\n  "...): their places are sums of lengths, in C, once the items
    # joined with it are the text
    separator = data[first + len(raws[0]):_ws(text, text.find(",", first + len(raws[0])) + 1).end()]
    if separator.strip() == b"," and _joined_from(data, first, separator, raws):
        return list(accumulate(map(len(separator).__add__, map(len, raws[:-1])), initial=first)), end
    starts = []
    at = first
    for raw in raws:
        starts.append(at)
        at = _AFTER.match(text, at + len(raw)).end()  # type: ignore[union-attr]
    return starts, end


JOINED = 4096  # items joined and compared at once (a slice of the array, not a second copy of all of it)


def _joined_from(data: bytes, at: int, separator: bytes, raws: list[Any]) -> bool:
    """Whether ``separator.join(raws)`` is what ``data`` holds from ``at`` on, compared a slice of items at a time."""
    for start in range(0, len(raws), JOINED):
        piece = separator.join(raws[start:start + JOINED])
        if not data.startswith(piece, at):
            return False
        at += len(piece)
        if start + JOINED < len(raws):
            if not data.startswith(separator, at):
                return False
            at += len(separator)
    return True


# the bytes a text was decoded from, when its reader still has them (riskfmt.loading.Document.positions): the
# text is then not encoded again (57 ms and 108 MB for the results-heavy report)
_ENCODED: ContextVar[tuple[str, bytes] | None] = ContextVar("riskfmt_encoded_text", default=None)


@contextmanager
def encoded_as(text: str, data: bytes | None) -> Iterator[None]:
    """Within the block, ``data`` (None: not known) is ``text`` encoded in UTF-8."""
    token = _ENCODED.set(None if data is None else (text, data))
    try:
        yield
    finally:
        _ENCODED.reset(token)


_RAW_DECODER: Any = None


def _raw_decoder() -> Any:
    """A msgspec decoder of an object or an array into its members' or items' text, made on first use."""
    global _RAW_DECODER
    if _RAW_DECODER is None:
        import msgspec

        _RAW_DECODER = msgspec.json.Decoder(dict[str, msgspec.Raw] | list[msgspec.Raw])
    return _RAW_DECODER


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
