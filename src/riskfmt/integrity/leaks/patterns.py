"""The leak scan's thresholds, the regular expressions it reads text with, and text as a reader sees it.

Text is judged after Unicode normalisation (NFKC, so fullwidth letters are letters) with format characters
(zero-width spaces, joiners, soft hyphens) removed (``normalise``). ``variety``, ``dense``, ``hexlike`` and
``ascii85like`` tell random bytes written as text from prose, identifiers and degenerate model output.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any, AnyStr, Generic


class Pattern(Generic[AnyStr]):
    """A regular expression compiled on first use: ``riskfmt validate`` on one small clean file (the quick
    path) runs the few patterns the raw pass needs and compiles none of the others. Only the methods of
    ``re.Pattern`` the leak scan calls are forwarded, each typed as there."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: AnyStr, flags: int = 0) -> None:
        self._source: AnyStr = source
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    def _compile(self) -> re.Pattern[AnyStr]:
        self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def search(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return (self._compiled or self._compile()).search(string, pos, endpos)

    def match(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return (self._compiled or self._compile()).match(string, pos, endpos)

    def fullmatch(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return (self._compiled or self._compile()).fullmatch(string, pos, endpos)

    def finditer(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[AnyStr]]:
        return (self._compiled or self._compile()).finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return (self._compiled or self._compile()).findall(string, pos, endpos)

    def sub(self, repl: AnyStr, string: AnyStr, count: int = 0) -> AnyStr:
        return (self._compiled or self._compile()).sub(repl, string, count)


BLOB_MIN = 1024  # characters: digests (64-128 hex), ids and short codes stay far below
BINARY_MIN = 256
BINARY_SHARE = 0.10
NUMERIC_MIN = 256  # numbers in one array, nested arrays included
NUMERIC_TOTAL = 512  # numbers in all free places together (calibrated: the largest legitimate total seen is 100)
PIECE_MIN = 20  # characters of one encoded piece; identifiers of 20+ random characters are rare outside id fields
ENCODED_TOTAL = 2048  # distinct encoded characters in all pieces together (about 1.5 KB of binary)
MAX_PER_CODE = 100

BASE64 = Pattern(r"[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_\-]+={0,2}")
HEX = Pattern(r"(?:0x)?[0-9a-fA-F]+")
NUMBERS = Pattern(r"[\s\[\](),;0-9eE+.\-]+")
NUMBER = Pattern(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")
PIECE = Pattern(r"[A-Za-z0-9+/=_-]{%d,}" % PIECE_MIN)  # noqa: UP031 - an f-string would double the regex braces
HEX_SPACED = Pattern(r"(?:(?:0x)?[0-9a-fA-F]{2}(?:[\s:,;|-]{1,3}|$)){%d,}" % (PIECE_MIN // 2))  # noqa: UP031 - an f-string would double the regex braces
DENSE_PRINTABLE = Pattern(r"[!-~]{%d,}" % PIECE_MIN)  # noqa: UP031 - an f-string would double the regex braces
DIGEST_BEFORE = Pattern(r"(?:sha(?:256|384|512)|md5|sha1|blake2b?|git|commit|rev)[:@=]$", re.IGNORECASE)
SPACE_RE = Pattern(r"\s+")
SPACE = frozenset(" \t\r\n")
CONTROL = Pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


# --------------------------------------------------------------------------------------------------
# text as a reader sees it
# --------------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text as a reader sees it: fullwidth letters folded (NFKC), format characters (zero-width spaces and
    joiners, soft hyphens, byte-order marks) removed. ASCII text is returned as is, at no cost."""
    if text.isascii():
        return text
    import unicodedata

    folded = unicodedata.normalize("NFKC", text)
    if any(unicodedata.category(c) == "Cf" for c in folded):
        folded = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return folded


def variety(text: str, limit: int = 512) -> int:
    """Distinct non-space characters near the start: random bytes encode to many, degenerate model output
    ("AAAA...", "hahaha...", a page of newlines) to few."""
    return len(set(text[:limit]) - SPACE)


def dense(text: str) -> bool:
    """Base64 of random bytes mixes the three classes and is about half capitals and digits; prose (even with
    its spaces removed), identifiers and words are mostly lower case."""
    upper = sum(1 for c in text if "A" <= c <= "Z")
    digits = sum(1 for c in text if "0" <= c <= "9")
    lower = sum(1 for c in text if "a" <= c <= "z")
    return upper > 0 and digits > 0 and lower > 0 and (upper + digits) >= 0.3 * len(text)


def hexlike(text: str) -> bool:
    digits = sum(1 for c in text if "0" <= c <= "9")
    letters = len(text) - digits
    return 0.3 * len(text) <= digits < len(text) and letters >= 0.1 * len(text)


def ascii85like(text: str) -> bool:
    """ascii85 and its kin use most printable characters: many distinct ones, punctuation among them."""
    if len(text) < 48 or variety(text) < min(40, len(text) // 3):
        return False
    punct = sum(1 for c in text if not c.isalnum())
    return 0.1 * len(text) <= punct <= 0.6 * len(text) and dense("".join(c for c in text if c.isalnum()))
