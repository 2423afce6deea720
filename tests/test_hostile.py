"""Hostile or broken input gets a finding, never a hang, a crash or a traceback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES

import riskfmt
from riskfmt.validation import validate_bytes

BASE = json.loads((EXAMPLES / "valid" / "minimal.json").read_text(encoding="utf-8"))


def codes(data: bytes, name: str = "x.json") -> set[str]:
    return {f.code for f in validate_bytes(data, name).findings}


def big_report(samples: int) -> dict:
    doc = json.loads(json.dumps(BASE))
    doc["evaluations"][0]["samples"] = {
        "inline": [{"sample_id": f"s{i}", "epoch": 1, "score": i % 2, "verdict": "pass" if i % 2 else "fail",
                    "input": "问题 " * 5} for i in range(samples)]
    }
    return doc


@pytest.mark.parametrize("payload", [b"", b"   \n\t ", b"\n"])
def test_empty(payload: bytes) -> None:
    assert codes(payload) == {"RF102"}


def test_large_valid_document() -> None:
    data = json.dumps(big_report(20_000)).encode()
    assert len(data) > 1 << 20
    assert codes(data) == set()


def test_large_document_with_duplicate_key() -> None:
    text = json.dumps(big_report(20_000))
    marker = '"sample_id": "s15000"'
    text = text.replace(marker, marker + ', "sample_id": "again"')
    result = validate_bytes(text.encode(), "big.json")
    [finding] = result.findings
    assert finding.code == "RF105"
    assert finding.location.pointer == "/evaluations/0/samples/inline/15000/sample_id"
    assert finding.location.line == 1 and finding.location.column > 1000


@pytest.mark.parametrize("token, code", [("NaN", "RF106"), ("Infinity", "RF106"), ("-Infinity", "RF106"),
                                         ("1e999", "RF110"), ("-2.5E+400", "RF110")])
def test_large_document_with_non_finite_number(token: str, code: str) -> None:
    text = json.dumps(big_report(20_000)).replace('"score": 1', f'"score": {token}', 1)
    assert codes(text.encode()) == {code}


def test_large_document_errors_all_reported_with_positions() -> None:
    doc = big_report(20_000)
    for i in range(0, 20_000, 100):
        doc["evaluations"][0]["samples"]["inline"][i]["verdict"] = "maybe"
    text = json.dumps(doc, indent=1)
    result = validate_bytes(text.encode(), "big.json")
    assert len(result.findings) == 200
    lines = text.splitlines()
    for finding in result.findings:
        assert finding.code == "RF304"
        assert '"maybe"' in lines[finding.location.line - 1][finding.location.column - 1:]


def test_deep_nesting_json() -> None:
    assert codes(b"[" * 100_000 + b"]" * 100_000) == {"RF107"}
    assert codes(b'{"a":' * 5000 + b"1" + b"}" * 5000) == {"RF107"}
    from riskfmt.loading import MAX_DEPTH

    assert "RF107" not in codes(b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1))
    assert codes(b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5)) == {"RF107"}


def test_big_but_finite_numbers_are_fine() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["extensions"] = {"x": [1e300, -1.5e-300, 9007199254740991, -9007199254740991]}
    doc["report_id"] = riskfmt.report_id(doc)
    assert codes(json.dumps(doc).encode()) == set()
    # one more and canonical JSON (digests, signatures, redaction, incident hash chains) cannot carry it
    doc["extensions"]["x"].append(12345678901234567890)
    assert codes(json.dumps(doc).encode()) == {"RF116"}


def test_exponent_like_text_inside_strings_is_not_a_number() -> None:
    doc = json.loads(json.dumps(BASE))
    doc["notes"] = {"en": "ratio: 1e999, see [2e400]"}
    doc["model"]["digests"] = [{"digest": "sha256:" + "1520917e486" + "0" * 53, "subject": "weights_file"}]
    doc["report_id"] = riskfmt.report_id(doc)
    assert codes(json.dumps(doc).encode()) == set()


def test_deep_nesting_yaml() -> None:
    assert codes(b"a: " + b"[" * 100_000 + b"]" * 100_000, "x.yaml") == {"RF107"}


def test_yaml_alias_bomb_is_fast() -> None:
    levels = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 9).encode()
        levels.append(f"a{i}: &a{i} [".encode() + refs + b"]")
    start = time.perf_counter()
    assert codes(b"\n".join(levels), "bomb.yaml") == {"RF109"}
    assert time.perf_counter() - start < 10  # generous: the point is that it does not expand 9**12 nodes


def test_yaml_recursive_alias() -> None:
    assert "RF111" in codes(b"a: &x [*x]\n", "rec.yaml") or "RF109" in codes(b"a: &x [*x]\n", "rec.yaml")


def test_yaml_duplicate_key_and_non_string_key() -> None:
    assert codes(b"kind: evaluation-report\nkind: vocabulary\n", "d.yaml") == {"RF105"}
    assert codes(b"1: x\n", "k.yaml") == {"RF111", "RF201"} or codes(b"1: x\n", "k.yaml") == {"RF111"}


def test_yaml_timestamps_stay_strings() -> None:
    import yaml

    doc = json.loads(json.dumps(BASE))
    doc["created"] = "PLACEHOLDER"
    text = yaml.safe_dump(doc).replace("PLACEHOLDER", "2026-11-01T10:00:00Z")
    assert codes(text.encode(), "t.yaml") == set()


@pytest.mark.parametrize("payload", [b"\xff\xfe{\x00}\x00", b"\x00\x01\x02", bytes(range(256)) * 4])
def test_binary(payload: bytes) -> None:
    assert codes(payload) & {"RF005", "RF103"}


def test_utf16_is_not_utf8() -> None:
    assert codes(json.dumps(BASE).encode("utf-16")) & {"RF005", "RF103"}


def test_bom_is_a_warning_and_the_rest_is_checked() -> None:
    assert codes(b"\xef\xbb\xbf" + json.dumps(BASE).encode()) == {"RF104"}


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(BASE))
    result = riskfmt.validate([path], max_size=100)
    assert [f.code for f in result.findings] == ["RF004"]
    assert result.exit_code() == 2


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        assert [f.code for f in riskfmt.validate([path]).findings] == ["RF003"]
    finally:
        path.chmod(0o600)


def test_directory_of_mixed_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(BASE))
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / ".hidden.json").write_text("{")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.yaml").write_text("kind: nothing\n")
    result = riskfmt.validate([tmp_path])
    assert [Path(r.source).name for r in result.files] == ["a.json", "b.yaml"]
    assert {f.code for f in result.findings} == {"RF202"}


def test_truncated_at_every_point_never_crashes() -> None:
    data = json.dumps(BASE, indent=1).encode()
    for cut in range(0, len(data), 7):
        found = codes(data[:cut])
        assert found, cut
        assert "RF900" not in found


def test_samples_file_duplicates_found_across_spilled_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    from riskfmt import _dedup
    from riskfmt._dedup import DuplicateCandidates

    monkeypatch.setattr(_dedup, "DuplicateCandidates", lambda: DuplicateCandidates(memory_items=10))
    rows = [{"sample_id": f"s{i}", "epoch": 1, "score": 1} for i in range(100)]
    rows.append({"sample_id": "s5", "epoch": 1, "score": 0})
    body = "".join(json.dumps(r) + "\n" for r in rows).encode()
    (tmp_path / "samples.jsonl").write_bytes(body)
    doc = json.loads(json.dumps(BASE))
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    doc["evaluations"][0]["samples"] = {"file": {"path": "samples.jsonl", "digest": digest, "rows": 101}}
    (tmp_path / "r.json").write_text(json.dumps(doc))
    [finding] = riskfmt.validate([tmp_path / "r.json"]).findings
    assert finding.code == "RF514" and finding.location.line == 101 and finding.params["id"] == "s5"


def test_samples_file_symlinked_out_of_the_report_folder(tmp_path: Path) -> None:
    import hashlib

    outside = tmp_path / "outside.jsonl"
    outside.write_text('{"sample_id": "a"}\n')
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "samples.jsonl").symlink_to(outside)
    doc = json.loads(json.dumps(BASE))
    digest = "sha256:" + hashlib.sha256(outside.read_bytes()).hexdigest()
    doc["evaluations"][0]["samples"] = {"file": {"path": "samples.jsonl", "digest": digest, "rows": 1}}
    (folder / "r.json").write_text(json.dumps(doc))
    assert [f.code for f in riskfmt.validate([folder / "r.json"]).findings] == ["RF518"]


@pytest.mark.parametrize("size", [1000, 40_000])
def test_duplicate_keys_found_in_small_and_large_files(size: int) -> None:
    text = json.dumps(big_report(size))
    marker = f'"sample_id": "s{size // 2}"'
    for variant in (marker + ', "sample_id": "x"', marker + ', "score": 9', marker + ', "verdict": "a:b:c"'):
        found = codes(text.replace(marker, variant, 1).encode())
        assert found == {"RF105"}, (size, variant, found)
    # an escaped colon elsewhere must not hide or invent anything
    escaped = text.replace('"问题', '"\\u003a问题', 1)
    assert codes(escaped.encode()) == set()
    assert codes(escaped.replace(marker, marker + ', "score": 9', 1).encode()) == {"RF105"}
