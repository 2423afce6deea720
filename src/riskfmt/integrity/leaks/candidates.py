"""The raw pass: candidates at C speed.

The scan works on the document's bytes. One ``bytes.translate`` maps every byte to a character class, and a
few compiled regular expressions and long literal searches, each beginning with a rare character, find
candidates at C speed: mixed-case runs, hex runs, numeric arrays, number lists, weight-file suffixes, escaped
control characters, fullwidth and zero-width characters. Only candidates are then located in the tree
(``tree.locate``) and judged by where they are.

The text is read a chunk of 128 KiB at a time, and in a large text each chunk first goes to the screens
(``screen``), which say in a few microseconds which searches can find anything in it: on 262,000 evaluations
(108 MB, nothing to find) the pass takes 0.15 s where the searches over the whole text took 0.45 s.
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
_HEX_24 = b"h" * 24


# Bytes a chunk of the raw pass holds at least; it then runs to the next double quote. A chunk is read by every
# pass while it sits in the cache: the translation to classes then costs half of what it costs over 100 MB at
# once, and a pass whose first byte is not in the chunk is skipped after one memchr.
CHUNK = 1 << 17
# From this size on the chunks are screened (``screen``): below it, compiling the screens costs more than they save
SCREEN_MIN = 1 << 20


def candidates(raw: bytes, chunk: int = CHUNK, screened: bool | None = None) -> list[int]:
    """Offsets in ``raw`` (JSON text) worth a look. Each offset is inside a string, a key or a numeric array.

    ``raw`` is read a chunk at a time (``chunk`` bytes at least, cut just before a double quote), every pass on
    one chunk before the next, and only the passes a screen (``screen``) does not rule out for the chunk; screened
    by default from ``SCREEN_MIN`` bytes on. Exact, for any bytes: no pattern and no needle can hold a double
    quote (it is none of the characters they are made of), and a quote is a space among the classes, where the
    token loops stop; so nothing is found across a cut, and a pass that reaches a cut fails there as it fails on
    the quote in the whole text. The offsets come pass by pass, each in increasing order, as one pass over the
    whole text gives them (``tests/integrity/test_leak_chunks.py``)."""
    table = _classes()
    found: tuple[list[int], ...] = tuple([] for _ in range(len(_PASSES)))
    size, chunk = len(raw), max(chunk, 1)  # a chunk starts at a quote: the next cut is searched from one past it
    if screened is None:
        screened = size >= SCREEN_MIN
    if screened:
        from riskfmt.integrity.leaks.screen import screens

        both = screens()
        screened = both is not None
        on_classes, on_bytes = both or ({}, {})
    start = 0
    while start < size:
        end = raw.find(b'"', start + chunk) if start + chunk < size else -1
        end = size if end == -1 else end
        piece = raw[start:end]
        classes = piece.translate(table)
        passes: set[str] | frozenset[str]
        # a text with no quote to cut at (the joined sample ids) is one chunk: screening it would hold two more
        # copies of it (13 MB on 500,000 ids) to spare passes that cost about the same
        if screened and end - start < size:
            text, kinds = piece.decode("latin-1"), classes.decode("latin-1")
            passes = {name for name, absent in on_bytes.items() if not absent(text)}
            passes.update(name for name, absent in on_classes.items() if not absent(kinds))
            crawl = "hex_24" in passes
        else:
            passes, crawl = _EVERY, classes.find(_HEX_24) != -1
        _chunk(raw, start, piece, classes, passes, crawl, found)
        start = end
    return [offset for offsets in found for offset in offsets]


# the passes, in the order their offsets are listed
_PASSES = ("mixed", "hex_run", "separated", "separated_colon", "dots", "arrays", "hex_list", "shards", "controls",
           "wide", "invisible", "soft_hyphen")
_EVERY = frozenset(_PASSES)


def _chunk(raw: bytes, start: int, piece: bytes, classes: bytes, passes: set[str] | frozenset[str], crawl: bool,
           found: tuple[list[int], ...]) -> None:
    """The ``passes`` over ``piece`` (``raw[start:...]``, which ends where ``raw`` ends or before a double quote)
    and its ``classes``, each pass's offsets into ``found``. ``crawl``: the classes hold a run of 24 hex digits."""
    (mixed, hex_run, separated, separated_colon, dots, arrays, hex_list, shards, controls, wide, invisible,
     soft_hyphen) = found
    if "mixed" in passes and b"U" in classes:
        mixed += [start + m.start() for m in _RAW["mixed"].finditer(classes)]
    # hex runs of 24 or more: none in most chunks of most reports, and then no token that starts with one either
    at = classes.find(_HEX_RUN) if crawl and "hex_run" in passes else -1  # a long literal: the search skips ahead
    while at != -1:
        hex_run.append(start + at + 1)
        stop = classes.find(b" ", at + 1)  # none: the token ends at the quote that ends the chunk
        at = classes.find(_HEX_RUN, stop if stop != -1 else len(classes))
    # separated hex pairs: ``bytes.find`` of the whole needle skips ahead where the chunk has no long run of hex
    # digits (twice as fast as the engine on the tail, which starts with a frequent separator); through runs of
    # 24 or more (digests) it crawls a byte at a time, so there they are searched from the separator on
    for name, needle, tail, into in zip(("separated", "separated_colon"), _SEPARATED, _RAW["separated"],
                                        (separated, separated_colon), strict=True):
        if name in passes and needle[2:3] in classes:
            into += [start + at for at in (_separated(classes, tail) if crawl else _needles(classes, needle))]
    # a full stop then a letter is common in text (names, hosts): only weight-file suffixes are candidates
    if "dots" in passes and b"." in piece:
        extension = _RAW["extension"].match
        dots += [start + m.start() + 1 for m in _RAW["dots"].finditer(piece)
                 if m.end() - m.start() > 2 or extension(raw[start + m.start() + 1:start + m.start() + 14].lower())]
    # one pattern each: a pattern that starts with one literal byte runs at memchr speed (about 0.3 ns a byte
    # here); joined into one alternation they cost the engine a test at every byte (four times slower, measured)
    for name, lead, into in (("arrays", b"[", arrays), ("hex_list", b"x", hex_list), ("shards", b"-", shards),
                             ("controls", b"\\", controls)):  # most reports have no backslash at all
        if name in passes and lead in piece:
            into += [start + m.start() + 1 for m in _RAW[name].finditer(piece)]
    if not piece.isascii():
        wide += [start + m.start() for m in _RAW["wide"].finditer(piece)]
        invisible += [start + m.start() for m in _RAW["invisible"].finditer(piece)]
        soft_hyphen += [start + m.start() for m in _RAW["soft_hyphen"].finditer(piece)]


def _needles(classes: bytes, needle: bytes) -> list[int]:
    """Where ``_separated`` finds hex pairs, by ``bytes.find`` of the whole ``needle`` (one offset per token)."""
    found: list[int] = []
    at = classes.find(needle)
    while at != -1:
        found.append(at + 1)
        end = classes.find(b" ", at + 1)
        at = classes.find(needle, end if end != -1 else len(classes))
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
