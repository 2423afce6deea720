"""Which passes of the raw pass can find anything in a chunk: asked of Rust's regular-expression engine through
jsonschema-rs (which the schema check loads for every document anyway), one pattern per pass.

Python's engine scans for a pattern's first byte one byte at a time and calls its matcher at every occurrence:
about 30 ms for 100 MB, and 30-50 ns more at each full stop, bracket or capital, which a report of 262,000
evaluations writes millions of. Rust's engine finds the literal bytes a pattern needs with SIMD searches and
answers for a chunk of 128 KiB in a few microseconds when there is nothing to find, which is the usual case.

Each pattern here matches wherever the pass it screens could find something (a superset: greedy where the pass is
possessive, case-folded where the pass lowercases, no look-ahead), so a chunk said to hold no match holds none for
the pass; a chunk said to hold one gets the pass as before. ``tests/integrity/test_leak_chunks.py`` checks by
hypothesis that the candidates with screens are the candidates without.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from riskfmt.integrity.leaks.detectors import WEIGHT_EXTENSIONS

_SPACE = r"[ \t\n\r\x0b\x0c]"  # Python's \s on bytes
# a weight-file extension in either case, spelt out (ECMA 262 patterns have no inline flags)
_EXTENSION = "|".join("".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in e) for e in WEIGHT_EXTENSIONS)
_ON_CLASSES = {  # on the character classes of ``candidates._classes``
    "mixed": r"U(?:[hls]{1,3}U[hls]{0,3}U|U{3,}h)",
    "hex_24": r"h{24}",  # (tells how to search for separated pairs)
    "hex_run": r" h{24}",
    "separated": r"hh(?:shh){7}",
    "separated_colon": r"hh(?:khh){7}",
}
_ON_BYTES = {  # on the bytes, read as Latin-1 (one character a byte; every pattern is ASCII)
    "dots": r"\.(?:" + _EXTENSION + r")|\.[0-9]{3,}(?:," + _SPACE + r"?|" + _SPACE + r"{1,2})-?[0-9]{1,6}\.[0-9]{3}",
    "arrays": r"\[" + _SPACE + r"*-?[0-9]",
    "hex_list": r"x[0-9a-fA-F]{2}[,;]?" + _SPACE + r"?0x[0-9a-fA-F]{2}",
    "shards": r"-of-[0-9]{5}",
    "controls": r"\\(?:u00[01]|u007[fF]|[bf])",
}
# what each screen must find, and what none may: checked once when they are compiled, so an engine that reads a
# pattern otherwise (another version of jsonschema-rs) costs the speed, never a finding
_MUST_FIND = {
    "mixed": "hUhUhUh UUUUh", "hex_24": "k" + "h" * 24, "hex_run": " " + "h" * 24,
    "separated": " hhshhshhshhshhshhshhshh ", "separated_colon": "hhkhhkhhkhhkhhkhhkhhkhh",
    "dots": "a.SafeTensors .1234, -0.5678 .1234\t\t1.567", "arrays": "[\n -1", "hex_list": "x0f,\t0x1E",
    "shards": "-of-00001", "controls": "\\u007F \\b",
}
_NOTHING = " plain text, 1.5 [\"a\"] -of-12 \\n sha256:ab:cd AbCdEfG x1, 0x2 model.txt hhhhhkhhhhhs hUUh"

_SCREENS: list[tuple[dict[str, Callable[[str], bool]], dict[str, Callable[[str], bool]]] | None] = []


def screens() -> tuple[dict[str, Callable[[str], bool]], dict[str, Callable[[str], bool]]] | None:
    """(on classes, on bytes): pass name -> a test that is true when the pass can find nothing in the text.
    Compiled on first use; None where jsonschema-rs cannot compile them or reads them otherwise (then every pass
    runs on every chunk)."""
    if not _SCREENS:
        _SCREENS.append(None)
        try:
            built = ({name: _not_matching(p) for name, p in _ON_CLASSES.items()},
                     {name: _not_matching(p) for name, p in _ON_BYTES.items()})
        except (AttributeError, TypeError, ValueError):  # no RegexOptions (before 0.30), or a pattern refused
            return None
        tests = {**built[0], **built[1]}
        if all(not test(_MUST_FIND[name]) and test(_NOTHING) for name, test in tests.items()):
            _SCREENS[0] = built
    return _SCREENS[0]


def _not_matching(pattern: str) -> Callable[[str], bool]:
    """A test true where ``pattern`` matches nowhere in the text: a ``not``/``pattern`` schema run by jsonschema-rs
    with the regex crate (no backtracking, literal prefilters). Raises AttributeError before jsonschema-rs 0.30 (no
    ``RegexOptions``), ValueError for a pattern it refuses."""
    import jsonschema_rs

    schema = {"type": "string", "not": {"pattern": pattern}}
    options: Any = jsonschema_rs.RegexOptions()
    return jsonschema_rs.validator_for(schema, pattern_options=options).is_valid


_LITERALS: dict[str, Callable[[str], bool] | None] = {}


def _absent(literal: str) -> Callable[[str], bool] | None:
    """A test true where ``literal`` (ASCII) is not in the text, or None where jsonschema-rs cannot give one."""
    if literal not in _LITERALS:
        _LITERALS[literal] = None
        try:
            test = _not_matching("".join(c if c.isalnum() else f"\\x{ord(c):02x}" for c in literal))
        except (AttributeError, TypeError, ValueError):
            return None
        if not test(f"a{literal}b") and test(literal[:-1]):
            _LITERALS[literal] = test
    return _LITERALS[literal]


def holding(raw: bytes, literals: tuple[str, ...], chunk: int = 1 << 20, stop: str | None = None) -> set[str]:
    """Which of ``literals`` (ASCII) occur in ``raw``: Rust's substring search (SIMD), a chunk at a time read as
    Latin-1, each chunk reaching into the next by the length of the longest literal less one (so every occurrence
    lies whole in some chunk), stopping once all are found, or ``stop`` is (the rest are then unknown). About
    15 ms for 100 MB of ASCII where ``bytes.find`` of a key such as ``"samples"`` takes 50-70 ms (its skip table
    is defeated by the letters of JSON keys); text that is not ASCII is slower to hand over (UTF-8 is made).
    Without jsonschema-rs's help, ``bytes.find``. The first chunk is searched by ``bytes.find`` too: compiling
    the Rust searches costs about 17 ms, which a report whose ``"samples"`` key comes early never needs."""
    found: set[str] = set()
    reach = max(map(len, literals), default=1) - 1
    first = raw[:chunk + reach]
    found.update(literal for literal in literals if literal.encode() in first)
    if len(found) == len(literals) or stop in found:
        return found
    tests = {literal: _absent(literal) for literal in literals if literal not in found}
    for start in range(chunk, len(raw), chunk):
        piece = raw[start:start + chunk + reach]
        text = piece.decode("latin-1")
        for literal, absent in tests.items():
            if literal not in found and (not absent(text) if absent is not None else literal.encode() in piece):
                found.add(literal)
        if len(found) == len(literals) or stop in found:
            break
    return found
