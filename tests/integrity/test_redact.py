"""Redaction: withheld content is gone, every withheld item is provable with its salt, copies validate, and
``--verify`` tells a derived copy from anything else."""

from __future__ import annotations

import copy
import itertools
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt import integrity
from riskfmt.integrity import IntegrityError
from riskfmt.integrity.canonical import canonical_bytes
from riskfmt.integrity.markings import resolve
from riskfmt.integrity.profiles import ALWAYS, KINDS, load_profile, parse_profile, profile_names
from riskfmt.integrity.redact import (
    WITHHELD_TEXT,
    check_proof,
    redact,
    reveal,
    salted_digest,
    verify_derived,
)

from .strategies import ROOT, reports

EXAMPLE = ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml"
PROFILES = profile_names()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RISKFMT_LANG"}
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (k, *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


# ---- profiles are data ----------------------------------------------------------------------------------


def test_one_shipped_profile_per_tlp_label() -> None:
    assert {load_profile(n).audience for n in PROFILES} == {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"}
    # each wider audience withholds at least what a narrower one does
    order = sorted((load_profile(n) for n in PROFILES), key=lambda p: integrity.TLP_LEVELS.index(p.audience))
    for wider, narrower in itertools.pairwise(order):  # CLEAR first: the widest audience
        assert narrower.withhold <= wider.withhold
    for name in PROFILES:
        profile = load_profile(name)
        assert profile.withhold >= ALWAYS and profile.title and set(profile.title) == {"en", "zh"}


@pytest.mark.parametrize("data, fragment", [
    ({"profile": "x", "withhold": ["sample_input", "sample_output"]}, "sample_target"),
    ({"profile": "x", "withhold": [*ALWAYS, "weights"]}, "weights"),
    ({"profile": "X Y", "withhold": list(ALWAYS)}, "profile"),
    ({"profile": "x", "withhold": list(ALWAYS), "python": "import os"}, "python"),
    ({"profile": "x", "withhold": list(ALWAYS), "audience": "WHITE"}, "audience"),
])
def test_bad_profiles_are_refused(data: dict[str, Any], fragment: str) -> None:
    with pytest.raises(IntegrityError) as caught:
        parse_profile(data, "custom.yaml")
    finding = caught.value.findings[0]
    assert finding.code == "RF737" and fragment in finding.message() and finding.message("zh") != finding.message()


def test_a_profile_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "lab.yaml"
    path.write_text("profile: lab-internal\nreason: lab-policy\nwithhold: [sample_input, sample_output, "
                    "sample_target, notes]\n")
    profile = load_profile(path)
    assert profile.name == "lab-internal" and "notes" in profile.withhold
    with pytest.raises(IntegrityError):
        load_profile("no-such-profile")


# ---- the laws -------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), name=st.sampled_from(PROFILES))
def test_redaction_removes_every_withheld_item_and_each_is_provable(doc: dict[str, Any], name: str) -> None:
    profile = load_profile(name)
    red = redact(doc, profile)
    shared = red.document
    records = shared["disclosure"].get("withheld", [])
    assert len(records) == len(red.salts) == len({r["pointer"] for r in records})
    remaining = canonical_bytes({k: v for k, v in shared.items() if k != "disclosure"})
    for record in records:
        found, value = resolve(doc, record["pointer"])
        assert found and record["kind"] in profile.withhold
        # the content is gone: the place is empty (or holds the fixed placeholder of a withheld title)
        there, now = resolve(shared, record["pointer"])
        assert not there or (record["kind"] == "finding_title" and now == WITHHELD_TEXT)
        # ... and the owner can prove it with its salt, and only with its salt
        proof = reveal(doc, red.salts, record["pointer"])
        assert proof["value"] == value and check_proof(proof, shared) == []
        wrong = dict(proof, salt=os.urandom(32).hex())
        assert [f.code for f in check_proof(wrong, shared)] == ["RF735"]
        assert salted_digest(bytes.fromhex(red.salts[record["pointer"]]), value) == record["digest"]
    # no kind the profile withholds is left anywhere: sample fields, and strings of withheld items
    for evaluation in shared["evaluations"]:
        for row in (evaluation.get("samples") or {}).get("inline", []):
            assert not {"input", "output", "target"} & row.keys()
            if "sample_digest" in profile.withhold:
                assert not {"input_digest", "output_digest"} & row.keys()
    withheld_texts = {s for r in records for s in _strings(resolve(doc, r["pointer"])[1])}
    kept_texts = set(_strings(json.loads(remaining)))
    for text in withheld_texts - kept_texts:  # as a whole JSON string (a short text may be part of another)
        assert json.dumps(text, ensure_ascii=False).encode() not in remaining
    # counts stay checkable: every sample, result and finding is still there
    for before, after in zip(doc["evaluations"], shared["evaluations"], strict=True):
        for key in ("results", "findings"):
            assert len(before.get(key, [])) == len(after.get(key, []))
        rows_before, rows_after = ((e.get("samples") or {}).get("inline", []) for e in (before, after))
        assert len(rows_before) == len(rows_after)
    # the copy validates, and is recognised as derived from the original, with or without the salts
    result = riskfmt.validate_data(shared)
    assert [f.code for f in result.findings if f.severity.label == "error"] == []
    assert [f for f in verify_derived(doc, shared, salts=red.salts) if f.severity.label != "info"] == []
    assert {f.code for f in verify_derived(doc, shared)} <= {"RF734"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), data=st.data())
def test_a_changed_copy_is_not_derived(doc: dict[str, Any], data: st.DataObject) -> None:
    red = redact(doc, load_profile("tlp-green"))
    shared = copy.deepcopy(red.document)
    shared["evaluations"][0]["results"][0]["value"] += data.draw(st.sampled_from([0.001, -0.5, 1.0]))
    assert "RF730" in {f.code for f in verify_derived(doc, shared, salts=red.salts)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports())
def test_a_forged_digest_is_caught_with_the_salts(doc: dict[str, Any]) -> None:
    red = redact(doc, load_profile("tlp-clear"))
    records = red.document["disclosure"].get("withheld", [])
    if not records:
        return
    forged = copy.deepcopy(red.document)
    forged["disclosure"]["withheld"][0]["digest"] = "sha256:" + "0" * 64
    assert {f.code for f in verify_derived(doc, forged, salts=red.salts)} == {"RF731"}
    # a record for an item that never existed
    invented = copy.deepcopy(red.document)
    invented["disclosure"]["withheld"].append({"pointer": "/evaluations/0/notes/xx", "kind": "notes",
                                               "digest": "sha256:" + "1" * 64})
    assert "RF732" in {f.code for f in verify_derived(doc, invented, salts=red.salts)}


def test_salts_defeat_guessing() -> None:
    """A one-word answer has a different digest under every salt: the record alone confirms no guess."""
    doc = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text())
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": "a", "output": "Yes"}, {"sample_id": "b",
                                                                                        "output": "Yes"}]}
    red = redact(doc, load_profile("tlp-red"))
    digests = [r["digest"] for r in red.document["disclosure"]["withheld"]]
    assert len(set(digests)) == 2
    assert all(d != integrity.digest("Yes") for d in digests)
    assert all(len(bytes.fromhex(s)) == 32 for s in red.salts.values())


def test_redacting_twice_keeps_the_first_records() -> None:
    doc = riskfmt.integrity.load_document(EXAMPLE)
    first = redact(doc, load_profile("tlp-amber"))
    second = redact(first.document, load_profile("tlp-clear"))
    records = second.document["disclosure"]["withheld"]
    assert records[: len(first.document["disclosure"]["withheld"])] == first.document["disclosure"]["withheld"]
    assert verify_derived(first.document, second.document, salts=second.salts) == []
    assert second.document["disclosure"]["profile"] == "tlp-clear"


# ---- files and the command line ----------------------------------------------------------------------


def test_redact_cli_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "shared.json"
    proc = run("redact", str(EXAMPLE), "--profile", "tlp-clear", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    salts = tmp_path / "shared.json.salts.json"
    if os.name == "posix":
        assert stat.S_IMODE(salts.stat().st_mode) == 0o600
        assert stat.S_IMODE(out.stat().st_mode) & 0o044 == 0o044
    assert run("validate", str(out)).returncode == 0
    proc = run("redact", "--verify", str(EXAMPLE), str(out), "--salts", str(salts))
    assert proc.returncode == 0 and "Derived" in proc.stdout and "not checked" not in proc.stdout
    proc = run("redact", "--verify", str(EXAMPLE), str(out))
    assert proc.returncode == 0 and "not checked" in proc.stdout
    pointer = json.loads(out.read_text())["disclosure"]["withheld"][0]["pointer"]
    proof = tmp_path / "proof.json"
    proc = run("redact", "--reveal", pointer, str(EXAMPLE), "--salts", str(salts), "-o", str(proof))
    assert proc.returncode == 0, proc.stderr
    assert run("redact", "--check-proof", str(proof), str(out)).returncode == 0
    tampered = json.loads(proof.read_text())
    tampered["value"] = {"en": "something else"}
    proof.write_text(json.dumps(tampered))
    proc = run("redact", "--check-proof", str(proof), str(out))
    assert proc.returncode == 1 and "RF735" in proc.stdout
    # a copy that is not derived: exit 1
    doc = json.loads(out.read_text())
    doc["model"]["version"] = "9.9"
    out.write_text(json.dumps(doc))
    proc = run("redact", "--verify", str(EXAMPLE), str(out), "--salts", str(salts))
    assert proc.returncode == 1 and "RF730" in proc.stdout


def test_redact_never_writes_over_its_input(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_bytes(EXAMPLE.read_bytes())
    proc = run("redact", str(report), "--profile", "tlp-red", "-o", str(report))
    assert proc.returncode == 2 and "RF729" in proc.stderr and report.read_bytes() == EXAMPLE.read_bytes()
    proc = run("redact", str(report), "--profile", "tlp-red", "-o", str(tmp_path / "o.json"), "--salts", str(report))
    assert proc.returncode == 2 and report.read_bytes() == EXAMPLE.read_bytes()


def test_redact_writes_nothing_when_the_copy_would_leak(tmp_path: Path) -> None:
    doc = riskfmt.integrity.load_document(EXAMPLE)
    doc["evaluations"][0]["notes"] = {"en": "weights at /mnt/ckpt/model.safetensors"}
    report = tmp_path / "r.json"
    report.write_text(json.dumps(doc, ensure_ascii=False))
    proc = run("redact", str(report), "--profile", "tlp-green", "-o", str(tmp_path / "o.json"))
    assert proc.returncode == 1 and "RF704" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]
    # a profile that withholds notes makes it shareable
    assert run("redact", str(report), "--profile", "tlp-clear", "-o", str(tmp_path / "o.json")).returncode == 0


def test_usage_errors() -> None:
    assert run("redact", str(EXAMPLE)).returncode == 2
    assert run("redact", "--verify", str(EXAMPLE)).returncode == 2
    assert run("redact", "--verify", "--check-proof", "a", "b").returncode == 2
    assert run("redact", str(EXAMPLE), "--profile", "nope", "-o", "/tmp/x.json").returncode == 2
    assert run("redact", "--reveal", "/x", str(EXAMPLE), "-o", "/tmp/p.json").returncode == 2  # no --salts
    proc = run("redact", "--list-profiles")
    assert proc.returncode == 0 and all(name in proc.stdout for name in PROFILES)


def test_samples_files_are_redacted_beside_the_copy(tmp_path: Path) -> None:
    """A report whose samples live in a JSONL file: the copy gets its own redacted file, pinned by digest."""
    import hashlib

    rows = [{"sample_id": f"s{i}", "epoch": 1, "score": float(i % 2), "input": f"prompt {i}", "output": f"answer {i}",
             "input_digest": "sha256:" + hashlib.sha256(f"prompt {i}".encode()).hexdigest()} for i in range(5)]
    body = "".join(json.dumps(r) + "\n" for r in rows).encode()
    src = tmp_path / "src"
    src.mkdir()
    (src / "r.samples.jsonl").write_bytes(body)
    doc = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text())
    doc["evaluations"][0]["samples"] = {"file": {"path": "r.samples.jsonl", "rows": 5,
                                                 "digest": "sha256:" + hashlib.sha256(body).hexdigest()}}
    (src / "r.json").write_text(json.dumps(doc))
    assert run("validate", str(src / "r.json")).returncode == 0
    out = tmp_path / "out" / "shared.json"
    proc = run("redact", str(src / "r.json"), "--profile", "tlp-amber", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    shared = json.loads(out.read_text())
    sample_file = shared["evaluations"][0]["samples"]["file"]
    assert sample_file["path"] == "r.samples.tlp-amber.jsonl" and sample_file["rows"] == 5
    redacted_rows = [json.loads(line) for line in (out.parent / sample_file["path"]).read_text().splitlines()]
    assert all(set(r) == {"sample_id", "epoch", "score"} for r in redacted_rows)
    pointers = {r["pointer"] for r in shared["disclosure"]["withheld"]}
    assert "/evaluations/0/samples/file/rows/3/output" in pointers and len(pointers) == 15
    assert run("validate", str(out)).returncode == 0
    salts = out.with_name("shared.json.salts.json")
    assert run("redact", "--verify", str(src / "r.json"), str(out), "--salts", str(salts)).returncode == 0
    proof = tmp_path / "p.json"
    assert run("redact", "--reveal", "/evaluations/0/samples/file/rows/3/output", str(src / "r.json"), "--salts",
               str(salts), "-o", str(proof)).returncode == 0
    assert json.loads(proof.read_text())["value"] == "answer 3"
    assert run("redact", "--check-proof", str(proof), str(out)).returncode == 0
    # a changed row in the redacted samples file breaks the derivation
    redacted_rows[1]["score"] = 7.0
    (out.parent / sample_file["path"]).write_text("".join(json.dumps(r) + "\n" for r in redacted_rows))
    assert run("redact", "--verify", str(src / "r.json"), str(out), "--salts", str(salts)).returncode == 1


def test_every_kind_is_known_to_the_schema() -> None:
    from riskfmt.resources import load_schema

    schema = load_schema("evaluation-report", "1.0")
    assert schema["$defs"]["WithheldKind"]["enum"] == list(KINDS)


def test_salts_and_proofs_that_do_not_fit(tmp_path: Path) -> None:
    from riskfmt.integrity.redact import load_salts

    doc = riskfmt.integrity.load_document(EXAMPLE)
    red = redact(doc, load_profile("tlp-clear"))
    pointer = red.document["disclosure"]["withheld"][0]["pointer"]
    # a salts file without this item's salt: nothing to prove it with
    partial = {k: v for k, v in red.salts.items() if k != pointer}
    assert "RF733" in {f.code for f in verify_derived(doc, red.document, salts=partial)}
    with pytest.raises(IntegrityError) as caught:
        reveal(doc, partial, pointer)
    assert caught.value.findings[0].code == "RF733"
    # a proof of something the redacted copy never withheld
    proof = reveal(doc, red.salts, pointer)
    other = copy.deepcopy(red.document)
    other["disclosure"]["withheld"] = other["disclosure"]["withheld"][1:]
    assert [f.code for f in check_proof(proof, other)] == ["RF736"]
    # files that are not salts files
    for text in ("{", json.dumps({"kind": "something-else", "salts": {}}),
                 json.dumps({"kind": "riskfmt-redaction-salts", "salts": {"/x": "zz" * 32}})):
        bad = tmp_path / "bad.json"
        bad.write_text(text)
        with pytest.raises(IntegrityError) as caught:
            load_salts(bad)
        assert caught.value.findings[0].code == "RF738"
