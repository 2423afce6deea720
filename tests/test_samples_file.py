"""The samples-file check takes lines a chunk at a time; its findings must be exactly the line rule's."""

from __future__ import annotations

import base64
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

_BLOB = base64.b64encode(bytes(range(256)) * 8).decode()  # 2,736 characters of base64: an RF702 blob
_valid = st.builds(
    lambda i, epoch, risks, score, output: json.dumps(
        {"sample_id": f"s{i}", "epoch": epoch, "score": score, **({"risks": risks} if risks is not None else {}),
         **({"output": output} if output is not None else {})},
        ensure_ascii=False,
    ),
    st.integers(0, 30),
    st.integers(1, 2),
    st.none() | st.lists(st.sampled_from(["R0013", "R0001", "R9999", "bogus"]), max_size=2),
    st.floats(0, 1),
    st.none() | st.sampled_from(["a short answer", "一个简短的回答", _BLOB]),
)
_line = st.one_of(
    _valid,
    _valid,
    _valid,
    st.sampled_from(['{"sample_id": "s1", "score": "high"}', '{"epoch": 1}', "[1, 2]", "{", "not json",
                     '{"sample_id": "s2", "epoch": 0}', "\u00ff", "  ", ""]),
)


def _report(tmp_path: Path, lines: list[str], withholds: list[str] | None = None) -> Path:
    body = "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
    (tmp_path / "samples.jsonl").write_bytes(body)
    doc = json.loads(MINIMAL.read_text())
    rows = sum(1 for line in lines if line.strip())
    doc["evaluations"][0]["samples"] = {
        "file": {"path": "samples.jsonl", "digest": "sha256:" + hashlib.sha256(body).hexdigest(), "rows": rows}
    }
    if withholds is not None:
        doc["disclosure"] = {"withholds": withholds}
    doc["report_id"] = riskfmt.report_id(doc)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc))
    return path


def _findings(path: Path) -> list[tuple[object, ...]]:
    return [
        (f.code, f.location.source, f.location.pointer, f.location.line, json.dumps(f.params, sort_keys=True))
        for f in riskfmt.validate([path]).findings
    ]


@given(lines=st.lists(_line, max_size=60), chunk=st.integers(1, 400),
       withholds=st.none() | st.sampled_from([["sample_output"], ["sample_input", "sample_output"]]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_chunks_find_what_the_line_rule_finds(tmp_path: Path, lines: list[str], chunk: int,
                                              withholds: list[str] | None) -> None:
    path = _report(tmp_path, lines, withholds)
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


def test_a_samples_file_may_not_carry_what_its_report_withholds(tmp_path: Path) -> None:
    lines = [json.dumps({"sample_id": f"s{i}", "score": 1}) for i in range(3000)]
    lines[2500] = json.dumps({"sample_id": "s2500", "score": 1, "output": "the model's answer"})
    path = _report(tmp_path, lines, ["sample_output"])
    assert [(code, pointer, line) for code, source, pointer, line, _ in _findings(path)] == [("RF706", "/output", 2501)]
    assert _findings(_report(tmp_path, lines)) == []  # nothing declared withheld: an output may travel


def test_blobs_in_a_samples_file_are_leaks_as_inline(tmp_path: Path) -> None:
    lines = [json.dumps({"sample_id": f"s{i}", "score": 1}) for i in range(10)]
    lines[7] = json.dumps({"sample_id": "s7", "score": 1, "output": _BLOB})
    inline = json.loads(MINIMAL.read_text())
    inline["evaluations"][0]["samples"] = {"inline": [json.loads(line) for line in lines]}
    inline["report_id"] = riskfmt.report_id(inline)
    expected = {(f.code, f.location.pointer.rsplit("/", 1)[-1]) for f in riskfmt.validate_data(inline).findings}
    assert expected and all(code.startswith("RF70") for code, _ in expected)
    found = _findings(_report(tmp_path, lines))
    assert {(code, pointer.rsplit("/", 1)[-1]) for code, _s, pointer, _l, _p in found} == expected
    assert {line for *_, line, _p in found} == {8}


def test_leak_findings_in_a_samples_file_are_capped_and_counted(tmp_path: Path) -> None:
    from riskfmt.integrity.leaks import MAX_PER_CODE

    lines = [json.dumps({"sample_id": f"s{i}", "score": 1, "output": "x"}) for i in range(MAX_PER_CODE + 250)]
    found = _findings(_report(tmp_path, lines, ["sample_output"]))
    assert [line for code, *_rest, line, _p in found if code == "RF706"] == list(range(1, MAX_PER_CODE + 1))
    [summary] = [params for code, *_rest, params in found if code == "RF708"]
    assert json.loads(summary)["count"] == "250"  # Finding.make keeps parameters as shortened text
