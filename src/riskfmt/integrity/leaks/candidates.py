"""The raw pass: candidates at C speed.

The scan works on the document's bytes. One ``bytes.translate`` maps every byte to a character class, and a
few compiled regular expressions and long literal searches, each beginning with a rare character, find
candidates at C speed: mixed-case runs, hex runs, numeric arrays, number lists, weight-file suffixes, escaped
control characters, fullwidth and zero-width characters. Only candidates are then located in the tree
(``tree.locate``) and judged by where they are.
"""

from __future__ import annotations

from typing import Any

from riskfmt.integrity.leaks.detectors import WEIGHT_EXTENSIONS
from riskfmt.integrity.leaks.patterns import Pattern

_CLASSES: bytes | None = None
_RAW: dict[str, Any] = {}


def _classes() -> bytes:
    """The byte -> class table: U capitals and + /, h hex digits and letters, l other letters and _ =,
    s whitespace , and -, k ':', everything else a space. Built on first use (no start-up cost), with the
    patterns: each starts with one literal character, so the regular-expression engine skips ahead with a
    fast search instead of trying every position."""
    global _CLASSES
    if _CLASSES is None:
        table = bytearray(b" " * 256)
        for chars, cls in ((b"ABCDEFGHIJKLMNOPQRSTUVWXYZ+/", b"U"), (b"0123456789abcdef", b"h"),
                           (b"ghijklmnopqrstuvwxyz_=", b"l"), (b" \t,-", b"s"), (b":", b"k")):
            for char in chars:
                table[char] = cls[0]
        extensions = "|".join(sorted(WEIGHT_EXTENSIONS, key=len, reverse=True))
        _RAW.update(
            # on the classes: mixed case (base64, tokens, ascii85, uppercase hex); four capitals then a digit
            mixed=Pattern(rb"U(?:[hls]{1,3}U[hls]{0,3}U|U{3,}h)"),
            # on the bytes: a weight-file suffix, or two numbers with decimals in a row (".1234, -0.5678")
            # (possessive where what follows cannot be what was taken: the same matches, no backtracking)
            dots=Pattern(rb"\.(?:[A-Za-z]|\d{3,}+(?:,\s?+|\s{1,2}+)-?\d{1,6}+\.\d{3})"),
            extension=Pattern(rb"(?:" + extensions.encode() + rb")(?![a-z0-9])"),  # on a lowercased slice
            arrays=Pattern(rb"\[\s*+-?\d"),
            hex_list=Pattern(rb"x[0-9a-fA-F]{2}[,;]?\s?0x[0-9a-fA-F]{2}"),
            shards=Pattern(rb"-of-\d{5}"),
            controls=Pattern(rb"\\(?:u00[01]|u007[fF]|[bf])"),
            wide=Pattern(rb"\xef(?:\xbd[\x81-\x9a]|\xbc[\x90-\x99\xa1-\xba]|\xbb\xbf|\xbf\xbd)"),
            # zero-width characters, and the soft hyphen apart: in one alternation the two lead bytes cost the
            # engine a test at every byte (562 ms against 70 ms for both on 128 MB with Chinese text)
            invisible=Pattern(rb"\xe2(?:\x80[\x8b-\x8f]|\x81[\xa0-\xa4])"),
            soft_hyphen=Pattern(rb"\xc2\xad"),
        )
        # the needles of ``_separated`` without their first pair: a literal the engine finds by its first byte
        _RAW["separated"] = [Pattern(needle[2:]) for needle in _SEPARATED]
        _CLASSES = bytes(table)
    return _CLASSES


_HEX_RUN = b" " + b"h" * 24  # a hex run that starts a token: digests start after "sha256:" (a ':' is not a space)
# hex bytes with separators ("de ad be ef", "de-ad-be-ef", "de,ad", "de:ad:be:ef"): eight in a row, searched from
# the first separator on (``_separated``)
_SEPARATED = (b"hhshhshhshhshhshhshhshh", b"hhkhhkhhkhhkhhkhhkhhkhh")


def candidates(raw: bytes) -> list[int]:
    """Offsets in ``raw`` (JSON text) worth a look. Each offset is inside a string, a key or a numeric array."""
    table = _classes()
    classes = raw.translate(table)
    found: list[int] = [m.start() for m in _RAW["mixed"].finditer(classes)]
    at = classes.find(_HEX_RUN)  # a long literal needle that starts with a space: the search skips ahead
    while at != -1:
        found.append(at + 1)
        end = classes.find(b" ", at + 1)
        at = classes.find(_HEX_RUN, end if end != -1 else len(classes))
    for tail in _RAW["separated"]:
        found += _separated(classes, tail)
    # a full stop then a letter is common in text (names, hosts): only weight-file suffixes are candidates
    extension = _RAW["extension"].match
    found += [m.start() + 1 for m in _RAW["dots"].finditer(raw)
              if m.end() - m.start() > 2 or extension(raw[m.start() + 1:m.start() + 14].lower())]
    # one pattern each: a pattern that starts with one literal byte runs at memchr speed (about 0.3 ns a byte
    # here); joined into one alternation they cost the engine a test at every byte (four times slower, measured)
    for name in ("arrays", "hex_list", "shards"):
        found += [m.start() + 1 for m in _RAW[name].finditer(raw)]
    if raw.find(b"\\") != -1:  # escaped control characters; most reports have no backslash at all
        found += [m.start() + 1 for m in _RAW["controls"].finditer(raw)]
    if not raw.isascii():
        found += [m.start() for m in _RAW["wide"].finditer(raw)]
        found += [m.start() for m in _RAW["invisible"].finditer(raw)]
        found += [m.start() for m in _RAW["soft_hyphen"].finditer(raw)]
    return found


def _separated(classes: bytes, tail: Pattern[bytes]) -> list[int]:
    """Where ``classes.find(needle)`` finds a needle of ``_SEPARATED`` (hex pairs and separators), one offset
    per token, as the loop above finds hex runs; ``tail`` is the needle without its first pair. ``bytes.find``
    crawls through a run of hex digits one byte at a time with a needle that begins and ends with ``h`` (2 ns
    a byte over the 54 million digits of 847,000 digests), so the engine looks for the tail, which starts with
    the rarer separator, and the pair before it is checked here."""
    search = tail.search
    found: list[int] = []
    match = search(classes, 2)
    while match is not None:
        at = match.start() - 2
        if classes[at:at + 2] == b"hh":
            found.append(at + 1)
            end = classes.find(b" ", at + 1)
            match = search(classes, (end if end != -1 else len(classes)) + 2)
        else:
            match = search(classes, match.start() + 1)
    return found
