"""A whole chunk of samples-file lines cleared at once (``riskfmt.sample_chunks``) must find exactly what the line
rule finds: every repeated key, however spaced or escaped the text around it, and every repeated sample key,
whatever the order of the keys (ascending files skip the hash search until a key breaks the order)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt import sample_chunks, semantic
from riskfmt._dedup import DuplicateCandidates
from riskfmt.sample_chunks import SampleKeys, clean
from riskfmt.schema_check import samples_validator

MINIMAL = Path(__file__).parents[1] / "examples" / "reports" / "valid" / "minimal.json"

# lines whose keys or text a count of key separators could get wrong, each a JSON object on one line
_TRICKY = [
    '{"sample_id": "a", "sample_id": "b"}',  # a repeated key (RF105)
    '{"sample_id" :"a","sample_id":"b"}',  # a repeated key, one spaced from its colon
    '{"sample_id"\t:"a", "score": 1, "score" : 2}',
    '{"sample_id": "a", "output": "he said \\":\\" and left"}',  # a quote before a colon inside a string
    '{"sample_id": "a", "output": ":) \\u003a"}',  # a string that begins with a colon; an escaped colon
    '{"sample_id": "a", "output": "x\\u003a", "output": "y"}',  # an escaped colon and a repeated key
    '{"sample_id": "a", "output": "\\" :", "score": 1}',
    '{"sample_id":"a","epoch":1,"score":0.5,"verdict":"pass"}',
    '{ "sample_id" : "a" , "epoch" : 2 }',
    '{"sample_id": "a", "risks": ["R0013", "R0013"]}',
    '{"sample_id": "a", "risks": ["R9999"]}',  # not in the vocabulary
    '{"sample_id": "a", "nested": {"k": 1, "k": 2}}',  # not the schema's shape
    '{"sample_id": "a", "epoch": 1.0}',
]


def _line(draw: st.DrawFn, i: int) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(_TRICKY)).replace('"a"', json.dumps(f"s{i}"))
    if kind == 1:
        return draw(st.sampled_from(["", "  ", "{", "[1]", '{"epoch": 1}', '{"sample_id": "x", "verdict": "maybe"}']))
    row = {"sample_id": f"s{i}", "epoch": draw(st.integers(1, 2)), "score": draw(st.floats(0, 1))}
    if draw(st.booleans()):
        row["output"] = draw(st.text(alphabet=' :"\\ab\t', max_size=8))
    return json.dumps(row, ensure_ascii=False, separators=draw(st.sampled_from([(", ", ": "), (",", ":")])))


@st.composite
def _lines(draw: st.DrawFn) -> list[str]:
    """Sample ids mostly ascending, as many files are written, with a few out of order and some repeated."""
    count = draw(st.integers(0, 50))
    ids = list(range(count))
    for _ in range(draw(st.integers(0, 3))):  # a few keys out of order, or repeated
        if ids:
            ids[draw(st.integers(0, len(ids) - 1))] = draw(st.integers(0, max(count, 1)))
    return [_line(draw, i) for i in ids]


def _report(folder: Path, lines: list[str]) -> Path:
    body = "".join(line + "\n" for line in lines).encode("utf-8")
    (folder / "samples.jsonl").write_bytes(body)
    doc = json.loads(MINIMAL.read_text())
    rows = sum(1 for line in lines if line.strip())
    doc["evaluations"][0]["samples"] = {
        "file": {"path": "samples.jsonl", "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "rows": rows}}
    doc["report_id"] = riskfmt.report_id(doc)
    path = folder / "r.json"
    path.write_text(json.dumps(doc))
    return path


def _findings(path: Path) -> list[tuple[object, ...]]:
    return [(f.code, f.location.source, f.location.pointer, f.location.line, json.dumps(f.params, sort_keys=True))
            for f in riskfmt.validate([path]).findings]


@given(lines=_lines(), chunk=st.integers(1, 600), held=st.integers(1, 8))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_chunks_cleared_at_once_find_what_the_line_rule_finds(tmp_path: Path, lines: list[str], chunk: int,
                                                             held: int) -> None:
    import tempfile

    path = _report(Path(tempfile.mkdtemp(dir=tmp_path)), lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(semantic, "_FAST_CHUNKS", False)
        expected = _findings(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(semantic, "_CHUNK_BYTES", chunk)
        patch.setattr(sample_chunks, "_HELD_MAX", held)  # ascending keys go to disk after a few
        patch.setattr(sample_chunks, "_GIVEN", 2)
        assert _findings(path) == expected


@pytest.mark.parametrize("line", _TRICKY)
def test_each_tricky_line_alone_and_among_clean_ones(tmp_path: Path, line: str) -> None:
    lines = [json.dumps({"sample_id": f"s{i:03d}", "score": 1}) for i in range(40)]
    lines[20] = line
    path = _report(tmp_path, lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(semantic, "_FAST_CHUNKS", False)
        expected = _findings(path)
    assert _findings(path) == expected


def test_repeated_keys_are_never_cleared() -> None:
    batch = samples_validator("1.0")
    import orjson

    for line in ('{"sample_id": "a", "sample_id": "b"}', '{"sample_id" :"a","sample_id":"b"}',
                 '{"sample_id": "a", "output": "x\\u003a", "output": "y"}',
                 '{"score": 1, "sample_id": "a", "score": 2}'):
        raw = line.encode()
        assert clean([raw], raw, orjson.loads, batch, None) is None, line
    good = b'{"sample_id": "a", "output": "he said \\":\\" then: 1"}'
    assert clean([good], good, orjson.loads, batch, None) == [orjson.loads(good)]  # cleared by the slower test


@given(st.lists(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(1, 2)), max_size=6),
                max_size=8), st.integers(1, 5))
@settings(max_examples=300, deadline=None)
def test_sample_keys_find_every_repeat(batches: list[list[tuple[str, int]]], held: int) -> None:
    """Every hash of a repeated key is a candidate; a file with no repeat has no candidate beyond what the hash
    search itself would give (hash collisions)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sample_chunks, "_HELD_MAX", held)
        patch.setattr(sample_chunks, "_GIVEN", 2)
        keys, search = SampleKeys(), DuplicateCandidates(memory_items=3)
        seen: list[tuple[str, int]] = []
        for batch in batches:
            keys.add_columns([k for k, _ in batch], [e for _, e in batch])
            search.add_many(batch)
            seen += batch
        found = keys.candidates()
    repeated = {hash(k) for k in seen if seen.count(k) > 1}
    assert repeated <= found
    assert found <= search.candidates()


def test_keys_in_order_are_never_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = SampleKeys()
    monkeypatch.setattr(keys._search, "add_hashes", lambda hashes: pytest.fail("searched"))
    for start in range(0, 10_000, 500):
        keys.add_columns([f"item-{i:05d}" for i in range(start, start + 500)], [1] * 500)
    assert keys.candidates() == set()


def _has_repeat(raw: bytes) -> bool:
    """The straightforward test: a key seen twice in one object, told by the standard library's parser."""
    repeated: list[bool] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in items]
        repeated.append(len(set(keys)) != len(keys))
        return dict(items)

    json.loads(raw, object_pairs_hook=pairs)
    return any(repeated)


_SPACE = st.sampled_from(["", " ", "\t", "  ", " \r"])
_MEMBERS = st.sampled_from([
    ('"sample_id"', '"{id}"'), ('"score"', "1"), ('"score"', "0.25"), ('"epoch"', "2"), ('"verdict"', '"pass"'),
    ('"output"', '":"'), ('"output"', '"a: b"'), ('"output"', '" :: "'), ('"target"', '"x\'y:"'),
    ('"input_digest"', '"sha256:' + "0" * 64 + '"'), ('"risks"', '["R0013"]'), ('"input"', '"模型：回答"'),
])


@st.composite
def _unescaped_lines(draw: st.DrawFn) -> list[bytes]:
    """Schema-valid lines with no backslash, spaced any way JSON allows, some with a key written twice (colons
    inside strings, keys spaced from their colons)."""
    lines = []
    for i in range(draw(st.integers(1, 12))):
        members = [('"sample_id"', f'"s{i}"'), *draw(st.lists(_MEMBERS, max_size=6))]
        text = ",".join(draw(_SPACE) + key + draw(_SPACE) + ":" + draw(_SPACE) + value.replace("{id}", f"s{i}")
                        + draw(_SPACE) for key, value in draw(st.permutations(members)))
        lines.append(("{" + text + "}" + draw(st.sampled_from(["\n", " \n", ""]))).encode())
    return lines


@given(_unescaped_lines())
@settings(max_examples=400, deadline=None)
def test_text_without_escapes_is_cleared_exactly_when_no_key_repeats(lines: list[bytes]) -> None:
    """Text with no backslash skips the count of key separators: its colons alone decide, and they must clear a
    chunk exactly when no line repeats a key (told by the standard library's parser)."""
    import orjson

    blob = b"".join(lines)
    assert b"\\" not in blob
    repeats = any(map(_has_repeat, lines))
    got = clean(lines, blob, orjson.loads, samples_validator("1.0"), None)
    assert (got is None) == repeats
    if got is not None:
        assert got == [json.loads(line) for line in lines]
