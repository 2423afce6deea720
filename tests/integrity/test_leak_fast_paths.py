"""The leak scan's raw pass and its fast paths give what the straightforward searches give.

Each fast path (a search that avoids a slow case of ``bytes.find`` or of the regular-expression engine) is
compared with the plain search it replaced, by hypothesis, on text made of the characters the searches look for.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.integrity.leaks import candidates as raw_pass

# pieces that make hex runs, separated hex pairs, tokens and JSON punctuation likely
_PIECES = st.sampled_from([b"0", b"a", b"f", b"9", b"de", b"ad", b"00", b"g", b"Z", b"Q", b" ", b",", b"-", b":",
                           b'"', b"\t", b"=", b"_", b".", b"[", b"]", b"{", b"}", b"x", b"0x", b"e", b"-of-",
                           b"12345", b"de ad ", b"de:ad:", b"be-ef-", b" 00 11 22 33 44 55 66",
                           b":aa:bb:cc:dd:ee:ff:00", b"sha256:", b"0" * 24, b"ab" * 8])
_TEXT = st.lists(_PIECES, max_size=120).map(b"".join)


def _reference_separated(classes: bytes, needle: bytes) -> list[int]:
    """The loop ``candidates`` had: one ``bytes.find`` of the whole needle, then the next token."""
    found = []
    at = classes.find(needle)
    while at != -1:
        found.append(at + 1)
        end = classes.find(b" ", at + 1)
        at = classes.find(needle, end if end != -1 else len(classes))
    return found


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(range(len(raw_pass._SEPARATED))))
def test_separated_hex_pairs_are_found_where_find_finds_them(text: bytes, which: int) -> None:
    classes = text.translate(raw_pass._classes())
    needle = raw_pass._SEPARATED[which]
    assert raw_pass._separated(classes, raw_pass._RAW["separated"][which]) == _reference_separated(classes, needle)


def test_separated_hex_pairs_next_to_digests() -> None:
    # a separated run right after a token that is a long hex run, one at the very start, and two in one token
    texts = (b'"q' * 30 + b' 00 11 22 33 44 55 66"' * 2 + b"de ad be ef 00 11 22 33 44", b'"' + b"de:" * 8 + b'ad"',
             b"de ad be ef 00 11 22 33 44", b'"' + b"0" * 64 + b" 00 11 22 33 44 55 66 77" + b' 88"',
             b'"sha256:' + b"0" * 64 + b'"' * 3, b"de-ad-be-ef-00-11-22-33 " * 3)
    for text in texts:
        classes = text.translate(raw_pass._classes())
        for which, needle in enumerate(raw_pass._SEPARATED):
            expected = _reference_separated(classes, needle)
            assert raw_pass._separated(classes, raw_pass._RAW["separated"][which]) == expected
    classes = b"de ad be ef 00 11 22 33 44".translate(raw_pass._classes())
    assert raw_pass._separated(classes, raw_pass._RAW["separated"][0]) == [1]


# the patterns as they were first written; possessive quantifiers now stop the engine from giving back what the next
# step cannot use, and the alternatives of "dots" are tried in the other order (their first characters differ)
_WRITTEN = {"dots": rb"\.(?:\d{3,}(?:,\s?|\s{1,2})-?\d{1,6}\.\d{3}|[A-Za-z])", "arrays": rb"\[\s*-?\d"}
_NUMBERS = st.lists(st.sampled_from([b".", b"1", b"12", b"1234", b"1234567", b",", b", ", b"  ", b"\t", b"-", b"[",
                                     b"a", b"Z", b"e", b".123", b"0.5678, -0.1234", b"\n"]), max_size=60).map(b"".join)


@pytest.mark.parametrize("name", sorted(_WRITTEN))
@settings(max_examples=500, deadline=None)
@given(text=_NUMBERS)
def test_possessive_patterns_match_as_written(name: str, text: bytes) -> None:
    raw_pass._classes()
    ours = [m.span() for m in raw_pass._RAW[name].finditer(text)]
    assert ours == [m.span() for m in re.finditer(_WRITTEN[name], text)]
