"""From an offset in the document's text to the place in its tree: one descent that skips everything else
with the C decoder (``locate``), so the cost is about one parse of the text before the last candidate. Also
the way back from a pointer (``resolve``), and what a loop over a field of a document of any shape may walk
(``seq``: the scan runs before the schema).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def locate(text: str, data: Any, offsets: list[int]) -> dict[str, str]:
    """pointer -> "key" / "value" for each place holding one of ``offsets`` (character offsets in ``text``, the
    JSON that ``data`` was parsed from or serialised to). Containers with many members are walked member by
    member; small members are skipped whole by the C decoder, so the cost is about one parse of the text
    before the last offset, and nothing after it."""
    import json
    from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but missing from typeshed

    targets = sorted(set(offsets))
    found: dict[str, str] = {}
    decoder = json.JSONDecoder()
    # the pattern matches the empty string, so .match() never returns None (mypy cannot know that)
    ws: Callable[[str, int], re.Match[str]] = re.compile(r"[ \t\n\r]*").match  # type: ignore[assignment]
    state = {"next": 0}

    def pending(end: int) -> bool:
        return state["next"] < len(targets) and targets[state["next"]] < end

    def consume(end: int) -> None:
        while state["next"] < len(targets) and targets[state["next"]] < end:
            state["next"] += 1

    def skip(i: int) -> int:
        return decoder.raw_decode(text, i)[1]

    def walk(i: int, node: Any, pointer: str) -> int:
        char = text[i]
        if pending(i + 1):  # the container itself (a numeric array found by its opening bracket)
            found.setdefault(pointer, "value")
            consume(i + 1)
        if char == "{" and type(node) is dict:
            i = ws(text, i + 1).end()
            if text[i] == "}":
                consume(i + 1)
                return i + 1
            while True:
                key, end = scanstring(text, i + 1)
                key = _fix(key)
                child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
                if pending(end):
                    found.setdefault(child, "key")
                    consume(end)
                i = ws(text, end).end()
                i = ws(text, i + 1).end()
                i = visit(i, node.get(key), child)
                i = ws(text, i).end()
                if text[i] == ",":
                    i = ws(text, i + 1).end()
                    continue
                consume(i + 1)
                return i + 1
        if char == "[" and type(node) is list:
            i = ws(text, i + 1).end()
            if text[i] == "]":
                consume(i + 1)
                return i + 1
            index = 0
            while True:
                i = visit(i, node[index] if index < len(node) else None, f"{pointer}/{index}")
                i = ws(text, i).end()
                if text[i] == ",":
                    i = ws(text, i + 1).end()
                    index += 1
                    continue
                consume(i + 1)
                return i + 1
        end = skip(i)
        if pending(end):
            found.setdefault(pointer, "value")
            consume(end)
        return end

    def visit(i: int, node: Any, pointer: str) -> int:
        if state["next"] >= len(targets):
            return skip(i)
        kind = type(node)
        if (kind is dict or kind is list) and len(node) > 8:
            return walk(i, node, pointer)
        end = skip(i)
        if not pending(end):
            return end
        if kind is dict or kind is list:
            return walk(i, node, pointer)
        found.setdefault(pointer, "value")
        consume(end)
        return end

    try:
        visit(ws(text, 0).end(), data, "")
    except (ValueError, IndexError, KeyError, TypeError, RecursionError):
        pass  # a text that is not the document's: what was found so far stands, the walks cover the rest
    return found


def _fix(key: str) -> str:
    """Keys read from text decoded as Latin-1 (one character per byte, so offsets are byte offsets)."""
    if key.isascii():
        return key
    try:
        return key.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return key


def resolve(data: Any, pointer: str) -> tuple[Any, Any, str]:
    """(parent, value, last token) at ``pointer``."""
    parent, node, token = None, data, ""
    for raw_token in pointer.split("/")[1:]:
        token = raw_token.replace("~1", "/").replace("~0", "~")
        parent = node
        if type(node) is dict:
            node = node.get(token)
        elif type(node) is list and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return parent, None, token
    return parent, node, token


def seq(value: Any) -> Any:
    """What a loop over a field of a document may walk: the value itself when iterable (a list; a string or an
    object, which the checks below then skip item by item), else nothing. The scan runs before the schema,
    so ``results`` may be a number."""
    return value if isinstance(value, (list, dict, str)) else ()
