"""The checks of one string: encoded blobs (RF702), binary text (RF703), weight-file names and credentials
(``detectors``), and the encoded pieces and numbers written as text that count towards the document's totals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from riskfmt.findings import Finding
from riskfmt.integrity.leaks.collect import Collector, Totals
from riskfmt.integrity.leaks.detectors import credential_in, weight_name
from riskfmt.integrity.leaks.patterns import (
    BASE64,
    BINARY_MIN,
    BINARY_SHARE,
    BLOB_MIN,
    CONTROL,
    DENSE_PRINTABLE,
    DIGEST_BEFORE,
    HEX,
    HEX_SPACED,
    NUMBER,
    NUMBERS,
    PIECE,
    SPACE,
    SPACE_RE,
    ascii85like,
    dense,
    hexlike,
    normalise,
    variety,
)


def _encoding_zh(encoding: str) -> str:
    """The Chinese name of an encoding, from riskfmt/i18n/zh_CN.po (msgctxt "leak encoding")."""
    from riskfmt.i18n.text import translate

    return translate(encoding, "zh", "leak encoding")


def _blob(text: str, content: bool = False) -> str | None:
    """The kind of encoded blob ``text`` is, if it is one. Each pattern fails at the first character prose
    has and the pattern lacks (a space, a full stop), so ordinary text costs a few character comparisons."""
    if text.startswith("data:") and ";base64," in text[:200]:
        return "data URI"
    if NUMBERS.fullmatch(text):
        # a model asked to list 500 primes writes numbers as text: only outside sample content is it a leak
        return "numbers as text" if not content and variety(text) >= 4 else None
    joined = SPACE_RE.sub("", text) if any(c in SPACE for c in text[:4096]) else text
    if len(joined) < BLOB_MIN:
        return None
    if HEX.fullmatch(joined) or HEX_SPACED.fullmatch(text.strip()):
        hexdigits = joined.replace("0x", "")
        return "hex" if variety(hexdigits) >= 8 and hexlike(hexdigits[:4096]) else None
    if BASE64.fullmatch(joined):
        return "base64" if variety(joined) >= 16 and dense(joined[:4096]) else None
    if " " not in text and ascii85like(joined[:4096]):
        return "ascii85"
    return None


def _pieces(text: str) -> Iterator[str]:
    """Encoded pieces in ``text`` (already normal): runs of the base64 alphabet that look random, hex runs,
    hex bytes with separators, ascii85-like runs. Digests written as digests (``sha256:...``) are not pieces."""
    joined = SPACE_RE.sub("", text) if " " in text or "\n" in text else text
    for match in PIECE.finditer(joined):
        piece = match.group(0)
        if DIGEST_BEFORE.search(joined, max(0, match.start() - 8), match.start()):
            continue
        core = piece.strip("=-_")
        if dense(core) or (len(core) >= 24 and HEX.fullmatch(core) and hexlike(core)):
            yield piece
    for match in HEX_SPACED.finditer(text):
        piece = re.sub(r"0x|[^0-9a-fA-F]", "", match.group(0))
        if hexlike(piece):
            yield piece
    if any(not c.isalnum() and c not in "+/=_-" for c in joined):
        for match in DENSE_PRINTABLE.finditer(joined):
            if not PIECE.fullmatch(match.group(0)) and ascii85like(match.group(0)):
                yield match.group(0)


def _numbers_in_text(text: str) -> int:
    """How many numbers a string written as a list of numbers holds (0 for prose with a few numbers)."""
    tokens = NUMBER.findall(text)
    if len(tokens) < 8:
        return 0
    body = sum(1 for c in text if not c.isspace())
    return len(tokens) if sum(map(len, tokens)) >= 0.6 * body else 0


def check_size(text: str, pointer: str, out: Collector, content: bool = False) -> bool:
    length = len(text)
    if length >= BLOB_MIN:
        encoding = _blob(normalise(text), content)
        if encoding is not None:
            out.add("RF702", pointer, encoding=encoding, encoding_zh=_encoding_zh(encoding), length=length)
            return True
    if length >= BINARY_MIN:
        bad = len(CONTROL.findall(text))
        if bad >= BINARY_SHARE * length:
            out.add("RF703", pointer, length=length, share=round(100 * bad / length))
            return True
    return False


def check_text(text: str, pointer: str, out: Collector, totals: Totals | None = None, weights: bool = True,
               identifier: bool = False) -> None:
    """Every check a string outside sample content gets (values, keys, pointers, selectors, comments)."""
    found = check_size(text, pointer, out)
    normal = normalise(text)
    if weights:
        name = weight_name(normal)
        if name is not None:
            out.add("RF704", pointer, name=name)
    squeezed = SPACE_RE.sub("", normal) if normal is not text or " " in normal else normal
    credential = credential_in(normal, pointer) or (credential_in(squeezed, pointer) if squeezed != normal else None)
    if credential is not None:
        out.add("RF705", pointer, what=credential[0], what_zh=credential[1])
    if totals is None or found:
        return
    for piece in _pieces(normal):
        if len(piece) >= BLOB_MIN:  # a blob inside a longer text (a URL, a sentence around it)
            encoding = "hex" if HEX.fullmatch(piece) else "ascii85" if not PIECE.fullmatch(piece) else "base64"
            out.add("RF702", pointer, encoding=encoding, encoding_zh=_encoding_zh(encoding), length=len(piece))
            return
        # random identifiers are what id fields are for; elsewhere every piece counts
        if not identifier or (len(piece) >= 32 and not HEX.fullmatch(piece)):
            totals.piece(piece, pointer)
    totals.count(_numbers_in_text(normal), pointer)


def scan_strings(texts: dict[str, str], source: str = "<data>") -> list[Finding]:
    """The metadata string checks on pointer -> text (for callers that hold strings outside a document)."""
    out = Collector(source)
    totals = Totals()
    for pointer, text in texts.items():
        check_text(text, pointer, out, totals)
    totals.judge(out)
    return out.finish()
