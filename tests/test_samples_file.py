"""The samples-file check takes lines a chunk at a time; its findings must be exactly the line rule's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt import semantic
from riskfmt._dedup import DuplicateCandidates

MINIMAL = Path(__file__).parents[1] / "examples" / "reports" / "valid" / "minimal.json"

_valid = st.builds(
    lambda i, epoch, risks, score: json.dumps(
        {"sample_id": f"s{i}", "epoch": epoch, "score": score, **({"risks": risks} if risks is not None else {})},
        ensure_ascii=False,
    ),
    st.integers(0, 30),
    st.integers(1, 2),
    st.none() | st.lists(st.sampled_from(["R0013", "R0001", "R9999", "bogus"]), max_size=2),
    st.floats(0, 1),
)
_line = st.one_of(
    _valid,
    _valid,
    _valid,
    st.sampled_from(['{"sample_id": "s1", "score": "high"}', '{"epoch": 1}', "[1, 2]", "{", "not json",
                     '{"sample_id": "s2", "epoch": 0}', "\u00ff", "  ", ""]),
)


def _report(tmp_path: Path, lines: list[str]) -> Path:
    body = "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
    (tmp_path / "samples.jsonl").write_bytes(body)
    doc = json.loads(MINIMAL.read_text())
    rows = sum(1 for line in lines if line.strip())
    doc["evaluations"][0]["samples"] = {
        "file": {"path": "samples.jsonl", "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "rows": rows}
    }
    doc["report_id"] = riskfmt.report_id(doc)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc))
    return path


def _findings(path: Path) -> list[tuple[object, ...]]:
    return [
        (f.code, f.location.source, f.location.pointer, f.location.line, json.dumps(f.params, sort_keys=True))
        for f in riskfmt.validate([path]).findings
    ]


@given(lines=st.lists(_line, max_size=60), chunk=st.integers(1, 400))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_chunks_find_what_the_line_rule_finds(tmp_path: Path, lines: list[str], chunk: int) -> None:
    path = _report(tmp_path, lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(semantic, "_FAST_CHUNKS", False)
        expected = _findings(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(semantic, "_CHUNK_BYTES", chunk)
        assert _findings(path) == expected
    # the report itself is clean, so every finding is about the samples file (and none is missed for a
    # schema error in the report, which would stop the checks before the samples file is read)
    assert all(source.endswith("samples.jsonl") for _code, source, *_ in expected)


def test_chunked_check_still_finds_each_kind_of_problem(tmp_path: Path) -> None:
    lines = [json.dumps({"sample_id": f"s{i}", "epoch": 1, "score": 1}) for i in range(5000)]
    lines[4000] = "{"
    lines[4500] = json.dumps({"sample_id": "s7", "epoch": 1, "score": 0, "risks": ["R9999"]})
    found = _findings(_report(tmp_path, lines))
    codes = [(code, line) for code, _source, _pointer, line, _params in found]
    assert ("RF512", 4001) in codes
    assert ("RF514", 4501) in codes  # s7 again
    assert any(code != "RF512" and line == 4501 for code, line in codes if code != "RF514")  # unknown risk


@given(st.lists(st.lists(st.tuples(st.sampled_from("abc"), st.integers(1, 3)), max_size=40), max_size=12),
       st.integers(2, 30))
@settings(max_examples=200)
def test_add_many_gives_the_candidates_of_add(batches: list[list[tuple[str, int]]], memory: int) -> None:
    one, many = DuplicateCandidates(memory_items=memory), DuplicateCandidates(memory_items=memory)
    for batch in batches:
        for key in batch:
            one.add(key)
        many.add_many(batch)
    assert one.candidates() == many.candidates()
