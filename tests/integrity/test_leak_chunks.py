"""The raw pass a chunk at a time, screened or not, finds what one pass over the whole text finds.

``candidates`` cuts its input before double quotes into chunks of at least ``chunk`` bytes, skips the passes a
screen (``screen``: Rust's engine through jsonschema-rs) or a missing first byte rules out for a chunk, and
searches separated hex pairs by ``bytes.find`` where a chunk has no long hex run. The reference here is the pass as
it was written before any of that: every pattern once over the whole text, by Python's engine, in the same order.
Chunks as small as one byte put every cut next to a match.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrity.test_leak_fast_paths import _reference_separated as _reference_tokens
from riskfmt.integrity import leaks
from riskfmt.integrity.leaks import candidates as raw_pass
from riskfmt.integrity.leaks import document as leaks_document
from riskfmt.integrity.leaks import screen

_WRITTEN = {  # the raw patterns as first written (possessive quantifiers came later: the same matches)
    "dots": rb"\.(?:\d{3,}(?:,\s?|\s{1,2})-?\d{1,6}\.\d{3}|[A-Za-z])",
    "arrays": rb"\[\s*-?\d",
    "hex_list": rb"x[0-9a-fA-F]{2}[,;]?\s?0x[0-9a-fA-F]{2}",
    "shards": rb"-of-\d{5}",
    "controls": rb"\\(?:u00[01]|u007[fF]|[bf])",
    "wide": rb"\xef(?:\xbd[\x81-\x9a]|\xbc[\x90-\x99\xa1-\xba]|\xbb\xbf|\xbf\xbd)",
    "invisible": rb"\xe2(?:\x80[\x8b-\x8f]|\x81[\xa0-\xa4])",
    "soft_hyphen": rb"\xc2\xad",
}


def one_pass(raw: bytes) -> list[int]:
    """The raw pass over the whole text, each pattern once, with no chunk, screen or skip."""
    classes = raw.translate(raw_pass._classes())
    found = [m.start() for m in re.finditer(rb"U(?:[hls]{1,3}U[hls]{0,3}U|U{3,}h)", classes)]
    found += _reference_tokens(classes, b" " + b"h" * 24)
    found += _reference_tokens(classes, b"hhshhshhshhshhshhshhshh")
    found += _reference_tokens(classes, b"hhkhhkhhkhhkhhkhhkhhkhh")
    extension = raw_pass._RAW["extension"].match
    found += [m.start() + 1 for m in re.finditer(_WRITTEN["dots"], raw)
              if m.end() - m.start() > 2 or extension(raw[m.start() + 1:m.start() + 14].lower())]
    for name in ("arrays", "hex_list", "shards", "controls"):
        found += [m.start() + 1 for m in re.finditer(_WRITTEN[name], raw)]
    for name in ("wide", "invisible", "soft_hyphen"):
        found += [m.start() for m in re.finditer(_WRITTEN[name], raw)]
    return found


# pieces that make every pass likely to find something, next to quotes (where chunks are cut) and each other
_PIECES = st.sampled_from([
    b'"', b'"', b'", "', b'": ', b" ", b",", b"-", b":", b"\t", b"\n", b".", b"[", b"]", b"{", b"}", b"x", b"0x",
    b"0", b"7", b"a", b"f", b"g", b"Z", b"Q", b"+", b"/", b"=", b"_", b"AB", b"ABCD", b"ABCDE1", b"aBcDeF",
    b"de ad ", b"de:ad:", b"be-ef-", b" 00 11 22 33 44 55 66", b":aa:bb:cc:dd:ee:ff:00", b"sha256:", b"0" * 24,
    b"ab" * 13, b"12345", b"-of-00001", b"0.1234, -0.5678", b"1234  5.678", b".safetensors", b".PT", b".ptx",
    b".bin.zst", b"model.gguf", b"[ -1", b"[1", b"x0f, 0x1e", b"x1F;0xAb", b"\\u0001", b"\\u007F", b"\\b", b"\\n",
    b"\xef\xbc\xa1", b"\xef\xbb\xbf", b"\xe2\x80\x8b", b"\xe2\x81\xa0", b"\xc2\xad", "中文".encode(), b"\xff",
])
_TEXT = st.lists(_PIECES, max_size=150).map(b"".join)


@settings(max_examples=600, deadline=None)
@given(_TEXT, st.sampled_from([1, 2, 3, 5, 8, 13, 64, 1 << 17]), st.booleans())
def test_chunks_find_what_one_pass_finds(raw: bytes, chunk: int, screened: bool) -> None:
    assert raw_pass.candidates(raw, chunk, screened) == one_pass(raw)


def test_matches_planted_at_every_cut() -> None:
    # each match sits right before, right after or between quotes, at every distance from a cut
    planted = [b"ABCDE1", b"0" * 30, b"de ad be ef 00 11 22 33", b"de:ad:be:ef:00:11:22:33", b"model.safetensors",
               b"0.1234, -0.5678", b"[ 12", b"x0f, 0x1e", b"-of-00002", b"\\u0001", b"\xef\xbc\xa1", b"\xe2\x80\x8b",
               b"\xc2\xad", b"0" * 64 + b" 00 11 22 33 44 55 66 77"]
    for match in planted:
        for pad in range(6):
            raw = (b'"' + b"q" * pad + match + b'"' + match + b'"q"') * 3
            expected = one_pass(raw)
            assert expected, match
            for chunk in range(1, 12):
                for screened in (False, True):
                    assert raw_pass.candidates(raw, chunk, screened) == expected, (match, pad, chunk, screened)


@pytest.mark.parametrize("name", sorted(screen._ON_BYTES))
@settings(max_examples=300, deadline=None)
@given(raw=_TEXT)
def test_a_screen_on_bytes_rules_out_only_what_its_pass_cannot_find(name: str, raw: bytes) -> None:
    found = list(re.finditer(_WRITTEN[name], raw))
    if name == "dots":  # a full stop and a letter counts only before a weight-file extension
        extension = raw_pass._RAW["extension"].match
        found = [m for m in found if m.end() - m.start() > 2 or extension(raw[m.start() + 1:m.start() + 14].lower())]
    if found:
        assert not screen.screens()[1][name](raw.decode("latin-1"))


@pytest.mark.parametrize("name", sorted(screen._ON_CLASSES))
@settings(max_examples=300, deadline=None)
@given(raw=_TEXT)
def test_a_screen_on_classes_rules_out_only_what_its_pass_cannot_find(name: str, raw: bytes) -> None:
    classes = raw.translate(raw_pass._classes())
    needles = {"mixed": rb"U(?:[hls]{1,3}U[hls]{0,3}U|U{3,}h)", "hex_24": b"h" * 24, "hex_run": b" " + b"h" * 24,
               "separated": b"hhshhshhshhshhshhshhshh", "separated_colon": b"hhkhhkhhkhhkhhkhhkhhkhh"}
    if re.search(needles[name], classes):
        assert not screen.screens()[0][name](classes.decode("latin-1"))


def test_screens_say_absent_where_nothing_is() -> None:
    # the screens are worth something only if they rule chunks out: a plain report chunk holds no candidate
    raw = b'{"id": "task-0000001", "value": 0.0172, "n": 817, "risks": ["R0013"], "unit": "1"}' * 50
    on_classes, on_bytes = screen.screens()
    assert all(absent(raw.decode("latin-1")) for absent in on_bytes.values())
    classes = raw.translate(raw_pass._classes()).decode("latin-1")
    assert all(absent(classes) for absent in on_classes.values())


# ------------------------------------------------------------------------------------------------
# the document: the paths for large inputs give the findings the paths for small ones give
# ------------------------------------------------------------------------------------------------

_CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.mark.parametrize("folder", ["leaks", "clean"])
def test_large_input_paths_find_what_the_small_ones_find(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every seeded leak and clean report of the corpus, scanned from its raw JSON (as the validator passes it),
    pretty-printed and compact: with the screens and Rust's key search forced on (``SCREEN_MIN`` 0) and off."""
    files = sorted((_CORPUS / folder).glob("*.json"))
    assert len(files) >= 200 if folder == "leaks" else files
    compared = 0
    for path in files:
        raw = path.read_bytes()
        data = json.loads(raw)
        for text in (raw, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()):
            results = []
            for least in (0, 1 << 62):
                monkeypatch.setattr(leaks_document, "SCREEN_MIN", least)
                monkeypatch.setattr(raw_pass, "SCREEN_MIN", least)
                results.append([(f.code, f.location.pointer, f.params) for f in leaks.scan(data, path.name, text)])
            assert results[0] == results[1], path.name
            compared += bool(results[0])
    assert compared if folder == "leaks" else True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"a", b'"', b"other", b'"samples"', b"sample", b"s", b'"', b"x" * 5]),
                max_size=40).map(b"".join), st.sampled_from([1, 2, 3, 7, 1 << 20]))
def test_holding_finds_what_in_finds(raw: bytes, chunk: int) -> None:
    literals = ('"samples"', 'other"')
    assert screen.holding(raw, literals, chunk) == {literal for literal in literals if literal.encode() in raw}


def test_the_word_samples_before_settings_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """The search for the key "samples" stops at its first match; a value "samples" (no evaluation has samples)
    must not stop the look for settings.other after it. Fails if "other" is taken as absent then."""
    doc = json.loads((_CORPUS / "clean").joinpath(sorted(p.name for p in (_CORPUS / "clean").glob("*.json"))[0])
                     .read_bytes())
    evaluation = doc["evaluations"][0]
    evaluation.pop("samples", None)
    evaluation.setdefault("task", {})["id"] = "samples"
    evaluation["notes"] = {"en": "An ordinary note. " * 70_000}  # "samples" and other" a search chunk apart
    evaluation["settings"] = {"other": {"api_key": "abc123def456ghi"}}
    raw = json.dumps(doc).encode()
    assert raw.index(b'"samples"') + (1 << 20) < raw.index(b'other"')
    results = []
    for least in (0, 1 << 62):
        monkeypatch.setattr(leaks_document, "SCREEN_MIN", least)
        results.append([(f.code, f.location.pointer) for f in leaks.scan(doc, "x.json", raw)])
    assert ("RF716", "/evaluations/0/settings/other/api_key") in results[1]
    assert results[0] == results[1]
