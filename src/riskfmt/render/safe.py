"""Text from documents made safe to print: no line breaks, terminal controls or direction overrides.

Keys, ids and file names come from files anyone can commit. Printed raw, a key holding a newline starts a
line of its own in a CI log, where ``::error file=...::`` is a GitHub workflow command and ``x.json:1:1:
error RF...`` looks like one of our findings; an escape sequence rewrites the terminal; a right-to-left
override hides what a name says. Every renderer passes such text through :func:`printable`, which writes
those characters as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``) and leaves everything else, Chinese
text and ordinary spaces included, as it is.
"""

from __future__ import annotations

import re

__all__ = ["all_printable", "printable"]

# C0 controls but tab, DEL and C1 controls, the Unicode line and paragraph separators, and the bidirectional
# formatting characters (embeddings, overrides, isolates, marks)
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every line break, control and direction-formatting character written as an escape."""
    return _UNSAFE.sub(_escape, text)


def all_printable(texts: list[str]) -> bool:
    """True when :func:`printable` leaves every one of ``texts`` as it is: one search over them all (joined by a
    tab, which is printable), so a renderer of many findings escapes each text only when one of them needs it."""
    return _UNSAFE.search("\t".join(texts)) is None
