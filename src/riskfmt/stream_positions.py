"""Line and column of JSON pointers in a file too large to hold: the positions of ``riskfmt validate --stream``.

The normal path finds positions in the decoded text of the whole file (``riskfmt._positions``). Here the file is
read again, a window of text at a time, descending only along the pointers that have findings: every other value
is skipped by the standard library's C decoder when it fits in the window, and walked member by member when it
does not (an inline samples array of millions of rows), so memory stays at the window's size. Lines and columns
count characters as the normal path does (columns in code points, 1-based). Runs only when findings need
positions, and stops as soon as every pointer is found.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, missing from typeshed
from typing import Any

__all__ = ["locate_in_file"]

_READ = 1 << 20
_WINDOW = 8 << 20  # a value longer than this is walked member by member instead of skipped whole
_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


class _More(Exception):
    """The window ends inside the value being read."""


class _Text:
    """A window on the file's text: ``buf[pos:]`` is what is not read yet; characters before the window are
    counted (``base``, ``lines``, ``line_start``) so that an index in the window gives a line and column."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf, self.pos, self.base, self.lines, self.line_start, self.eof = "", 0, 0, 1, 0, False

    def fill(self, at_least: int = _READ) -> bool:
        """Read on until ``at_least`` characters lie ahead of ``pos`` (False at the end of the file)."""
        if self.eof:
            return False
        if self.pos > _READ:  # drop what was read, keeping its line count
            dropped = self.buf[:self.pos]
            newlines = dropped.count("\n")
            if newlines:
                self.lines += newlines
                self.line_start = self.base + dropped.rfind("\n") + 1
            self.base += self.pos
            self.buf, self.pos = self.buf[self.pos:], 0
        while len(self.buf) - self.pos < at_least:
            chunk = self._handle.read(_READ)
            if not chunk:
                self.buf += self._decoder.decode(b"", final=True)
                self.eof = True
                break
            self.buf += self._decoder.decode(chunk)
        return True

    def position(self, index: int) -> tuple[int, int]:
        """(line, column) of ``index`` in the window."""
        before = self.buf[:index]
        newlines = before.count("\n")
        if newlines:
            return self.lines + newlines, index - before.rfind("\n")
        return self.lines, self.base + index - self.line_start + 1

    def skip_ws(self) -> None:
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _WS:
                pos += 1
            self.pos = pos
            if pos < len(buf) or not self.fill():
                return

    def peek(self) -> str:
        self.skip_ws()
        return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} at {self.base + self.pos}")
        self.pos += 1

    def string(self) -> str:
        while True:
            try:
                value, end = scanstring(self.buf, self.pos + 1)
            except json.JSONDecodeError:
                if not self.fill(len(self.buf) - self.pos + _READ):
                    raise
                continue
            self.pos = end
            return str(value)

    def skip(self) -> None:
        """Skip one value: whole when it fits in the window, else member by member."""
        self.skip_ws()
        while True:
            ahead = len(self.buf) - self.pos
            try:
                _, end = _DECODER.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof:
                    self.pos = end
                    return
                raise _More
            except (json.JSONDecodeError, _More):
                if ahead < _WINDOW and self.fill(ahead + _READ):
                    continue
                if self.buf[self.pos] in "[{":
                    self.walk({})
                    return
                if not self.fill(ahead + _READ):
                    raise

    def walk(self, node: dict[str, Any], path: str = "", found: dict[str, int] | None = None,
             wanted: set[str] | None = None) -> None:
        """Walk the container at ``pos``, descending into the members ``node`` (a trie) names."""
        opening = self.peek()
        closing = "}" if opening == "{" else "]"
        self.pos += 1
        index = 0
        first = True
        while True:
            if self.peek() == closing:
                self.pos += 1
                return
            if not first:
                self.expect(",")
            first = False
            if opening == "{":
                self.skip_ws()
                key = self.string()
                self.expect(":")
            else:
                key = str(index)
                index += 1
            child = node.get(key)
            if child is None:
                self.skip()
                continue
            here = f"{path}/{key.replace('~', '~0').replace('/', '~1')}"
            self._value(child, here, found, wanted)
            if found is not None and wanted is not None and len(found) == len(wanted):
                raise _Done

    def _value(self, node: dict[str, Any], here: str, found: dict[str, int] | None,
               wanted: set[str] | None) -> None:
        self.skip_ws()
        if found is not None and wanted is not None and here in wanted:
            found[here] = self.base + self.pos
            self.positions[here] = self.position(self.pos)
        if node and self.peek() in "[{":
            self.walk(node, here, found, wanted)
        else:
            self.skip()

    positions: dict[str, tuple[int, int]]


class _Done(Exception):
    """Every pointer asked for is found."""


def _trie(pointers: set[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for pointer in pointers:
        node = root
        for token in pointer.split("/")[1:] if pointer else []:
            node = node.setdefault(token.replace("~1", "/").replace("~0", "~"), {})
    return root


def _find(path: str, wanted: set[str]) -> dict[str, tuple[int, int]]:
    with open(path, "rb") as handle:
        text = _Text(handle)
        text.positions = {}
        text.fill()
        found: dict[str, int] = {}
        try:
            text._value(_trie(wanted), "", found, wanted)
        except (_Done, ValueError, json.JSONDecodeError):
            pass
        return text.positions


def locate_in_file(path: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(line, column) of each pointer that can be found, both 1-based; a pointer to a missing member is given
    its parent's position, as ``riskfmt.loading.Document.positions`` does."""
    wanted = set(pointers)
    positions = _find(path, wanted)
    missing = {p for p in wanted if p not in positions}
    if missing:
        parents = {p: p.rsplit("/", 1)[0] if p else "" for p in missing}
        found = _find(path, set(parents.values()))
        positions.update({p: found[parent] for p, parent in parents.items() if parent in found})
    return positions
