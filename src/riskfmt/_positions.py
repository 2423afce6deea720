"""Find where JSON pointers sit in JSON text, without a full source map (repeated keys: ``riskfmt._text_scan``).

Building a line/column map of a whole document costs far more than validating it, so positions are
computed only for the pointers that have findings: one walk descends along those pointers and skips
every other value with the C decoder.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, repeat
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but missing from typeshed
from typing import Any, cast

from riskfmt._text_scan import _AFTER, _ws, item_starts
from riskfmt._text_scan import escape_token as escape_token
from riskfmt._text_scan import find_duplicate_keys as find_duplicate_keys
from riskfmt._text_scan import find_non_finite as find_non_finite
from riskfmt._text_scan import find_overflow as find_overflow
from riskfmt._text_scan import unescape_token as unescape_token

_DECODER = json.JSONDecoder()


class _Node:
    """One step of the pointers: the members or items below it, and the pointer that ends here (if any). A child
    that is a plain string is a leaf: the pointer that ends there, with nothing wanted below it (the most
    common case by far, so no node is made for it)."""

    __slots__ = ("children", "items", "path", "pointer")

    def __init__(self, pointer: str | None = None, path: tuple[str, ...] | None = None) -> None:
        self.children: dict[str, _Node | str] = {}
        self.items: list[_Node | str | None] | None = None
        self.pointer = pointer
        self.path = path  # the keys from the root to here (None: not known, the node stands for one item alone)

    def by_index(self) -> list[_Node | str | None]:
        """The children as an array's items (None where no pointer goes), made on the first array met here: a
        list lookup by position rather than ``str(index)`` and a dict lookup for each of maybe millions of items."""
        items = self.items
        if items is None:
            indices = {int(key): node for key, node in self.children.items()
                       if key.isascii() and key.isdigit() and (key == "0" or key[0] != "0")}
            items = self.items = [None] * (max(indices) + 1 if indices else 0)
            for index, node in indices.items():
                items[index] = node
        return items


def _key(token: str) -> str | None:
    """The member name or index a pointer token stands for; None for a token no document path is written as
    (an escape other than ~0 and ~1): as before, such a pointer is never found."""
    key = unescape_token(token)
    return key if escape_token(key) == token else None


def _trie(pointers: Iterable[str]) -> _Node:
    root = _Node(path=())
    for pointer in pointers:
        if not pointer:
            root.pointer = pointer
            continue
        if pointer[0] != "/":
            continue  # no JSON pointer (RFC 6901: one that is not empty starts with "/"): nothing is there
        tokens = pointer.split("/")
        node: _Node | None = root
        for token in tokens[1:-1]:
            key = token if "~" not in token else _key(token)
            if key is None or node is None:
                node = None
                break
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = _Node(None, None if node.path is None else (*node.path, key))
            elif child.__class__ is str:  # a leaf so far, and now a step towards another pointer
                child = node.children[key] = _Node(child, None if node.path is None else (*node.path, key))
            node = child  # type: ignore[assignment]
        token = tokens[-1]
        key = token if "~" not in token else _key(token)
        if node is None or key is None:
            continue
        existing = node.children.get(key)
        if existing is None:
            node.children[key] = pointer
        elif existing.__class__ is _Node:
            existing.pointer = pointer
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

    def lines_columns(self, indices: list[int | None]) -> tuple[list[int | None], list[int | None]]:
        """The lines and the columns of ``indices`` (None stays None), as :meth:`position` gives them."""
        starts = self._starts if self._starts is not None else self._index()
        if None in indices:
            placed = [None if index is None else self.position(index) for index in indices]
            return [None if at is None else at[0] for at in placed], [None if at is None else at[1] for at in placed]
        given = cast("list[int]", indices)  # (no None among them)
        if len(starts) == 1:  # one line (JSON written compactly)
            return [1] * len(given), [index + 1 for index in given]
        lines: list[Any] = list(map(bisect_right, repeat(starts), given))
        return lines, [index - starts[line - 1] + 1 for index, line in zip(given, lines, strict=True)]

    def _index(self) -> list[int]:
        starts = [0]
        find = self._text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        return starts


class _Done(Exception):
    """Every pointer has been found: the rest of the text is not read."""


def locate(text: str, pointers: Iterable[str]) -> dict[str, int]:
    """Character index of the value at each pointer that exists in ``text`` (valid JSON).

    One pass over the text, however many pointers: a walk descends along the pointers only (every other value
    is skipped by the C decoder), reads each member's key and the separator after each value with one
    regular-expression match apiece, finds an array's items by position in a list, and stops as soon as every
    pointer is found. For the first occurrence of a pointer the index is the one a search for
    that pointer alone finds (tests/property/test_positions.py).

    Many pointers ``ARRAY/N/KEY`` into one array (a flood of findings) are found by one pass over its items
    (:func:`_locate_run`). Pointers given in the order of the text (as findings usually are; a dict or a list
    keeps it) are read in that order, which for hundreds of thousands of them is faster than any other.
    """
    wanted = pointers if isinstance(pointers, (set, frozenset, dict)) else dict.fromkeys(pointers)
    if len(wanted) < RUN_MIN:
        return _locate(text, set(wanted))
    runs, rest = _runs(wanted)
    if not runs:
        return _locate(text, set(wanted))
    found = _locate(text, set(rest).union(array for array, _ in runs))
    for (array, key), run in runs.items():
        start = found.get(array)
        missing = run.values() if start is None else _locate_run(text, start, key, run, found)
        if missing:  # not in the array's first occurrence (or not an array there): the walk decides, as before
            found.update(_locate(text, set(missing)))
    for array, _ in runs:
        if array not in wanted:
            found.pop(array, None)
    return found


HEAD = 1 << 20  # bytes of the text decoded first for a few pointers (a capped flood's are in its first 100 kB)
HEAD_MOST = 10_000  # pointers looked for there at most (a flood's 847,000 are looked for in the whole text)


def locate_in_head(data: bytes, pointers: dict[str, None] | set[str] | frozenset[str]
                   ) -> tuple[dict[str, int], str] | None:
    """``locate`` in the first ``HEAD`` bytes of ``data`` (UTF-8 JSON text) decoded, with that text, when it finds
    every pointer there; None otherwise (the whole text then decides). The text up to the cut is the whole text's,
    so a place found before the walk reaches the cut is the whole text's place; at the cut the walk fails or stops
    short (a value cut off is never followed by what the walk looks for), so an answer is taken only when complete.
    A large report's decoded text (97 MB for the flood) is then never made for the thousand findings of a cap."""
    if len(data) <= 2 * HEAD or len(pointers) > HEAD_MOST:
        return None
    end = HEAD
    while data[end] & 0xC0 == 0x80:  # not inside a character
        end -= 1
    try:
        head = data[:end].decode("utf-8")
        found = locate(head, pointers)
    except (AttributeError, TypeError, ValueError, IndexError, RecursionError, StopIteration):
        return None  # (cut in the middle of something the walk reads on)
    # every place before the cut: one at the cut may be a value's start found by spaces cut short there
    return (found, head) if len(found) == len(pointers) and (not found or max(found.values()) < len(head)) else None


def run_of(pointers: list[str]) -> tuple[str, str, Sequence[int]] | None:
    """(ARRAY, KEY, [N, ...]) when every pointer is ``ARRAY/N/KEY`` with one ARRAY and one KEY (written without
    escapes), N strictly increasing and at least ``RUN_MIN`` of them (a flood's pointers, in order); else None.
    Told with C loops over the list (no Python step per pointer)."""
    if len(pointers) < RUN_MIN:
        return None
    head, _, key = pointers[0].rpartition("/")
    array, slash, first = head.rpartition("/")
    if (not slash or "~" in key or _LITERAL.fullmatch(key) is None
            or not (first.isdigit() and first.isascii() and (first == "0" or first[0] != "0"))):
        return None
    prefix, suffix = array + "/", "/" + key
    # consecutive items from the first one's (every finding of a flood): the pointers joined are the pointers of
    # those items joined, two strings compared in C (the line breaks counted: no pointer holds one, so the pieces
    # compared are the pointers)
    numbers: Sequence[int] = range(int(first), int(first) + len(pointers))
    joined = "\n".join(pointers)
    if (joined.count("\n") == len(pointers) - 1
            and joined == prefix + (suffix + "\n" + prefix).join(map(str, numbers)) + suffix):
        return array, key, numbers
    del joined
    if not (all(map(str.startswith, pointers, repeat(prefix))) and all(map(str.endswith, pointers, repeat(suffix)))):
        return None
    tokens = list(map(str.__getitem__, pointers, repeat(slice(len(prefix), -len(suffix)))))
    try:
        numbers = list(map(int, tokens))
    except ValueError:
        return None
    # an index as JSON pointers write it (no sign, space, underscore, leading zero or other digits), increasing
    if list(map(str, numbers)) != tokens or not all(map(int.__lt__, numbers, islice(numbers, 1, None))):
        return None
    return array, key, numbers


def locate_run(text: str, array: str, key: str, numbers: Sequence[int]) -> list[int | None]:
    """``[locate(text, [pointer]).get(pointer) for pointer in ARRAY/N/KEY, N in numbers]`` (``numbers`` strictly
    increasing, as :func:`run_of` gives them): one pass over the array's items, the places in a list."""
    start = _locate(text, {array}).get(array)
    places: list[int | None] = [None] * len(numbers) if start is None else _places(text, start, key, numbers)
    if None in places:  # not in the array's first occurrence (or not an array there): the walk decides, as before
        missing = {f"{array}/{number}/{key}": k for k, (number, place) in enumerate(zip(numbers, places, strict=True))
                   if place is None}
        for pointer, place in _locate(text, set(missing)).items():
            places[missing[pointer]] = place
    return places


def _locate(text: str, wanted: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    if not wanted:
        return found
    try:
        _walk(text, _ws(text, 0).end(), _trie(wanted), found, len(wanted))
    except _Done:
        pass
    except (ValueError, IndexError, RecursionError, StopIteration):
        pass  # positions are a courtesy; a finding without one is still reported
    return found


RUN_MIN = 64  # so many pointers of the shape ARRAY/N/KEY, one per item, are found by one pass over ARRAY's items


def _runs(wanted: Iterable[str]) -> tuple[dict[tuple[str, str], dict[int, str]], list[str]]:
    """The wanted pointers of the shape ``ARRAY/N/KEY`` (N an item's index, KEY a member name), by (ARRAY, KEY),
    where at least ``RUN_MIN`` share them: the flood's 847,000 ``/model/digests/N/digest``. Only member names that
    JSON text writes without escapes qualify (what :func:`_flat_member` can match literally). Also returns the
    other pointers."""
    runs: dict[tuple[str, str], dict[int, str]] = {}
    rest: list[str] = []
    # the run of the pointer before, its ARRAY + "/" and "/" + KEY: a pointer between them with only an index there
    # is in it, told without splitting it (most pointers of a flood follow one of their own run)
    last: dict[int, str] | None = None
    prefix = suffix = ""
    for pointer in wanted:
        if last is not None and pointer.startswith(prefix) and pointer.endswith(suffix):
            index = pointer[len(prefix):len(pointer) - len(suffix)]
            if index.isdigit() and index.isascii() and (index == "0" or index[0] != "0"):
                last[int(index)] = pointer
                continue
        head, _, token = pointer.rpartition("/")
        array, _, index = head.rpartition("/")
        if not (index.isdigit() and index.isascii() and (index == "0" or index[0] != "0")) or "~" in token:
            rest.append(pointer)
            continue
        run = runs.get((array, token))
        if run is None:
            run = runs[(array, token)] = {}
        run[int(index)] = pointer
        last, prefix, suffix = run, array + "/", "/" + token
    for where, run in list(runs.items()):
        if len(run) < RUN_MIN or _LITERAL.fullmatch(where[1]) is None:
            rest.extend(run.values())
            del runs[where]
    return runs, rest


# a member name JSON writes as it is (no quote, backslash or control character: those are always escaped)
_LITERAL = re.compile(r'[^"\\\x00-\x1f]*')
_SPACE = " \t\n\r"


def _flat_member(text: str, i: int, quoted: str) -> tuple[int, int] | None:
    """(start of the member's value, end of the object) when the object starting at ``i`` is flat (no escape, no
    brace after its opening one, even inside a string; arrays of anything else may be in it) and has the member
    whose name written as JSON is ``quoted`` (a name written without escapes); None for anything else (the item
    is then walked as before).

    Without escapes, a quote always opens or closes a string, so a character is outside strings exactly when an
    even number of quotes precede it in the object: the object ends at the first '}' so placed (nothing in it
    closes with a brace), and the member is the first ``quoted`` so placed that a colon follows (a string followed
    by a colon is a member name, and no other object is in it to have it). Only string methods (C loops over the
    characters, where a regular expression cost twice as much per item)."""
    end = text.find("}", i)
    while end != -1 and text.count('"', i, end) & 1:
        end = text.find("}", end + 1)
    if end == -1:
        return None
    body = text[i:end + 1]  # with its '}', which stops the skips of spaces below
    if "\\" in body or body.find("{", 1) != -1:
        return None
    at = body.find(quoted)
    while at != -1:
        if not body.count('"', 0, at) & 1:
            k = at + len(quoted)
            while body[k] in _SPACE:
                k += 1
            if body[k] == ":":
                k += 1
                while body[k] in _SPACE:
                    k += 1
                return i + k, end + 1
        at = body.find(quoted, at + 1)
    return None


def _skip_object(text: str, i: int) -> int:
    """The end of the object starting at ``i`` when no object is nested in it and no escape is in it (arrays and
    any other value may be); -1 otherwise (the C scanner then skips it). Such an object ends at its first '}'
    outside strings, found with string methods only, without making its values as the scanner does (a sample
    with a few strings costs a third of scanning it)."""
    end = text.find("}", i)
    while end != -1 and text.count('"', i, end) & 1:
        end = text.find("}", end + 1)
    if end == -1 or text.find("\\", i, end) != -1 or text.find("{", i + 1, end) != -1:
        return -1
    return end + 1


def _locate_run(text: str, start: int, key: str, run: dict[int, str], found: dict[str, int]) -> list[str]:
    """Record where ``ARRAY/N/KEY`` is for every N of ``run`` (:func:`_places`); returns the pointers of the run not
    found in this array (the caller's walk looks for them everywhere)."""
    numbers = sorted(run)
    pointers = list(map(run.__getitem__, numbers))
    places = _places(text, start, key, numbers)
    if None not in places:
        found.update(zip(pointers, places, strict=True))  # type: ignore[arg-type]  # no None among them
        return []
    found.update((pointer, place) for pointer, place in zip(pointers, places, strict=True)
                 if place is not None)
    return [pointer for pointer, place in zip(pointers, places, strict=True) if place is None]


def _places(text: str, start: int, key: str, numbers: Sequence[int]) -> list[int | None]:
    """Where ``ARRAY/N/KEY`` is for each N of ``numbers`` (strictly increasing), ARRAY's value starting at
    ``start``, None where it is not in this array: one pass over its items, each wanted flat item read with string
    methods (:func:`_flat_member`), any other wanted item walked, the others skipped (:func:`_skip_object`, else
    the C scanner); the pass ends at the last wanted item. The places are a list in the order of ``numbers``, not a
    dict by pointer: a dict of hundreds of thousands of keys outgrows the processor's caches, and each finding of a
    flood then cost more the more there were."""
    places: list[int | None] = [None] * len(numbers)
    if text[start] != "[":
        return places
    flat, scan, after, quoted = _flat_member, _scan, _AFTER.match, f'"{key}"'
    total = len(numbers)
    last = numbers[-1]
    k = 0  # the next wanted item is numbers[k]
    try:
        i = _ws(text, start + 1).end()
        if text[i] == "]":
            return places
        index = 0
        while True:
            if numbers[k] != index:
                end = _skip_object(text, i) if text[i] == "{" else -1
                i = end if end != -1 else scan(text, i)[1]
            else:
                spans = flat(text, i, quoted) if text[i] == "{" else None
                if spans is not None:
                    item = i
                    places[k], i = spans
                else:  # nested, escaped or without the member: the general walk, for this item alone
                    node, one = _Node(), dict[str, int]()
                    node.children[key] = key
                    i = _walk(text, i, node, one, -1)  # -1: never "every pointer found"
                    places[k] = one.get(key)  # (None: a later occurrence of the array may have it)
                k += 1
                if k == total:
                    break
                if spans is not None and text[i] == ",":
                    i += 1
                    while text[i] in _SPACE:
                        i += 1
                    index += 1
                    # the items that repeat this one's text and separator have the member where it has it: they
                    # are counted by comparing memory, not read (a flood is most often one value copied)
                    width = i - item
                    copies = _copies(text, item, i, last - index + 1)  # no further than the last wanted item
                    if copies:
                        k = _fill(numbers, places, k, index, copies, i + spans[0] - item, width)
                        if k == total:
                            break
                        index += copies
                        i += copies * width
                        while text[i] in _SPACE:
                            i += 1
                    continue
            if text[i] == ",":  # the usual separator, read without a regular expression
                i += 1
                while text[i] in _SPACE:
                    i += 1
            else:
                m = after(text, i)
                i = m.end()  # type: ignore[union-attr]
                if m.group(1) != ",":  # type: ignore[union-attr]
                    break
            index += 1
    except (ValueError, IndexError, RecursionError, StopIteration):
        pass
    return places


_BLOCK = 1 << 16  # the most characters compared at once by _copies (its copy of the unit stays small)


def _copies(text: str, start: int, at: int, most: int) -> int:
    """How many times ``text[start:at]`` (an item and the separator after it) repeats right from ``at``, up to
    ``most``: blocks of copies compared with the text in C, doubled while they match (up to ``_BLOCK``
    characters), halved after."""
    block = text[start:at]
    width = len(block)
    count = 0
    if most <= 0 or not text.startswith(block, at):
        return 0
    size, growing = 1, True
    while True:
        if count + size > most:
            growing = False
            size = most - count
            if not size:
                return count
            block = block[:size * width]
        if text.startswith(block, at):
            count += size
            at += size * width
            if growing and len(block) < _BLOCK:
                block += block
                size *= 2
        elif size > 1:
            growing = False
            size //= 2
            block = block[:size * width]
        else:
            return count


def _fill(numbers: Sequence[int], places: list[int | None], k: int, index: int, copies: int, first: int,
          width: int) -> int:
    """Set the places of the wanted items among ``index`` to ``index + copies - 1`` (from ``numbers[k]`` on), whose
    member values start at ``first``, ``first + width``, ...; returns the position in ``numbers`` after them."""
    end = bisect_left(numbers, index + copies, k)
    if end == k:
        return k
    if numbers[end - 1] - numbers[k] == end - 1 - k:  # consecutive items (a flood): the places are a range
        places[k:end] = range(first + (numbers[k] - index) * width, first + (numbers[end - 1] - index + 1) * width,
                              width)
    else:
        places[k:end] = [first + (number - index) * width for number in numbers[k:end]]
    return end


_MEMBER = re.compile(r'[ \t\n\r]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\n\r]*:[ \t\n\r]*')  # a key, its colon
# the C scanner itself, without JSONDecoder.raw_decode's Python frame around it (StopIteration on bad input)
_scan: Callable[[str, int], tuple[object, int]] = _DECODER.scan_once  # type: ignore[attr-defined]


def _walk(text: str, i: int, node: _Node, found: dict[str, int], total: int) -> int:
    """Walk the value starting at ``i``; return the index just after it (and the whitespace after it)."""
    pointer = node.pointer
    if pointer is not None and pointer not in found:
        found[pointer] = i
        if len(found) == total:
            raise _Done
    if not node.children:
        return _scan(text, i)[1]
    scan, after = _scan, _AFTER.match
    char = text[i]
    if char == "{":
        member, children = _MEMBER.match, node.children
        i += 1
        while True:
            m = member(text, i)
            if m is None:  # the '}' of an empty object
                return after(text, i).end()  # type: ignore[union-attr]  # valid JSON: a '}' is there
            key = m.group(1)
            if "\\" in key:
                key = scanstring(text, m.start(1))[0]
            child = children.get(key)
            i = m.end()
            if child is None:
                i = scan(text, i)[1]
            elif child.__class__ is str:  # a wanted value with nothing wanted inside it
                if child not in found:
                    found[child] = i
                    if len(found) == total:
                        raise _Done
                i = scan(text, i)[1]
            else:
                i = _walk(text, i, child, found, total)  # type: ignore[arg-type]
            m = after(text, i)
            i = m.end()  # type: ignore[union-attr]
            if m.group(1) != ",":  # type: ignore[union-attr]
                return i
    if char == "[":
        items = node.by_index()
        if len(items) > SPARSE_MIN and node.path is not None:
            end = _walk_items(text, i, node.path, items, found, total)
            if end != -1:
                return end
        i = _ws(text, i + 1).end()
        if text[i] == "]":
            return i + 1
        last = len(items) - 1
        index = 0
        while True:
            item = items[index] if index <= last else None
            if item is None:
                i = scan(text, i)[1]
            elif item.__class__ is str:
                if item not in found:
                    found[item] = i
                    if len(found) == total:
                        raise _Done
                i = scan(text, i)[1]
            else:
                i = _walk(text, i, item, found, total)  # type: ignore[arg-type]
            m = after(text, i)
            i = m.end()  # type: ignore[union-attr]
            if m.group(1) != ",":  # type: ignore[union-attr]
                return i
            index += 1
    return scan(text, i)[1]


# An array walked for an item this far in or further has the places of its items read by msgspec, which skips a
# value without making it; the C scanner makes every object it steps over (2,620 results wanted among 262,000
# evaluations: the document decoded a second time)
SPARSE_MIN = 1024


def _walk_items(text: str, i: int, path: tuple[str, ...], items: list[_Node | str | None], found: dict[str, int],
                total: int) -> int:
    """The array item loop of :func:`_walk` for the array at ``i`` (reached from the root by ``path``), the items'
    places read by ``riskfmt._text_scan.item_starts``; -1 when they cannot be (the loop then walks as before)."""
    located = item_starts(text, i, path, len(items))
    if located is None:
        return -1
    starts, end = located
    for index in compress(range(min(len(items), len(starts))), items):  # the wanted items, in order
        item = items[index]
        if item.__class__ is str:
            if item not in found:
                found[item] = starts[index]
                if len(found) == total:
                    raise _Done
        else:
            _walk(text, starts[index], item, found, total)  # type: ignore[arg-type]
    return end
