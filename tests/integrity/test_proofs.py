"""Proofs are unambiguous: a redacted copy has one form only, so any tampering with it (a duplicate record, a
reordered one, a changed digest, kind or pointer, a lowered marking) fails ``--verify``, and a proof is checked
against the one record ``--verify`` checked, never another."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from cli_invoke import Outcome, invoke
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.findings import Severity
from riskfmt.integrity.markings import TLP_LEVELS, label_at, rank
from riskfmt.integrity.profiles import KINDS, load_profile, profile_names
from riskfmt.integrity.redact import (
    PROOF_KIND,
    check_proof,
    duplicate_records,
    redact,
    reveal,
    salted_digest,
    verify_derived,
)

from .strategies import ROOT, reports

EXAMPLE = ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml"
TAMPERINGS = ("duplicate", "forged-duplicate", "reorder", "digest", "kind", "pointer", "lower-document",
              "drop-granular", "lower-granular")


def _errors(findings: list[Any]) -> set[str]:
    return {f.code for f in findings if f.severity == Severity.ERROR}


def _cli(*args: str, stdin: str | None = None) -> Outcome:
    outcome = invoke(*args, stdin=stdin)
    assert outcome.crash is None, outcome.crash
    return outcome


def _forged_proof(record: dict[str, Any], value: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A record for an invented value, and the proof that matches it."""
    salt = os.urandom(32)
    digest = salted_digest(salt, value)
    return (dict(record, digest=digest),
            {"kind": PROOF_KIND, "format_version": "1.0", "marking": {"tlp": "CLEAR"}, "pointer": record["pointer"],
             "value": value, "salt": salt.hex(), "digest": digest})


def _tamper(shared: dict[str, Any], how: str, data: st.DataObject) -> bool:
    """Apply one tampering in place; False when this copy offers nothing to tamper with that way."""
    records = (shared.get("disclosure") or {}).get("withheld") or []
    marking = shared["marking"]
    if how in ("duplicate", "forged-duplicate", "digest", "kind", "pointer", "reorder") and not records:
        return False
    if how == "duplicate":
        index = data.draw(st.integers(0, len(records) - 1))
        records.insert(data.draw(st.integers(0, len(records))), copy.deepcopy(records[index]))
    elif how == "forged-duplicate":
        index = data.draw(st.integers(0, len(records) - 1))
        records.insert(data.draw(st.integers(0, len(records))), _forged_proof(records[index], "invented")[0])
    elif how == "reorder":
        if len({r["pointer"] for r in records}) < 2:
            return False
        i, j = data.draw(st.lists(st.integers(0, len(records) - 1), min_size=2, max_size=2, unique=True))
        records[i], records[j] = records[j], records[i]
    elif how == "digest":
        record = data.draw(st.sampled_from(records))
        record["digest"] = "sha256:" + data.draw(st.sampled_from("0123456789abcdef")) * 64
    elif how == "kind":
        record = data.draw(st.sampled_from(records))
        record["kind"] = data.draw(st.sampled_from([k for k in KINDS if k != record["kind"]]))
    elif how == "pointer":
        record = data.draw(st.sampled_from(records))
        others = [r["pointer"] for r in records if r["pointer"] != record["pointer"]]
        record["pointer"] = data.draw(st.sampled_from([*others, record["pointer"] + "/x", "/notes"]))
    elif how == "lower-document":
        if marking["tlp"] == "CLEAR":
            return False
        marking["tlp"] = data.draw(st.sampled_from(TLP_LEVELS[: rank(marking["tlp"])]))
        marking.pop("granular", None)  # granular labels no stricter than the new one say nothing
    elif how == "drop-granular":
        if not marking.get("granular"):
            return False
        marking["granular"].pop(data.draw(st.integers(0, len(marking["granular"]) - 1)))
        if not marking["granular"]:
            del marking["granular"]
    elif how == "lower-granular":
        entries = marking.get("granular") or []
        weaker = [e for e in entries if rank(e["tlp"]) - rank(marking["tlp"]) >= 2]
        if not weaker:
            return False
        entry = data.draw(st.sampled_from(weaker))
        entry["tlp"] = TLP_LEVELS[rank(entry["tlp"]) - 1]
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(doc=reports(), name=st.sampled_from(profile_names()), how=st.sampled_from(TAMPERINGS), data=st.data())
def test_any_tampering_of_a_redacted_copy_fails_verification(doc: dict[str, Any], name: str, how: str,
                                                              data: st.DataObject) -> None:
    red = redact(doc, load_profile(name))
    shared = copy.deepcopy(red.document)
    before = json.dumps(shared, sort_keys=True)
    if not _tamper(shared, how, data) or json.dumps(shared, sort_keys=True) == before:
        assume(False)  # nothing to tamper with this way here (for example no granular marking)
    if how in ("drop-granular", "lower-granular"):
        # a granular entry dropped where a stricter one covers the same parts lowers nothing: not tampering
        selectors = [s for e in red.document["marking"].get("granular", []) for s in e["selectors"]]
        assume(any(rank(label_at(shared, p)) < rank(label_at(red.document, p)) for p in selectors))
    assert _errors(verify_derived(doc, shared, salts=red.salts)), how
    if how not in ("digest",):  # a changed digest is only visible with the salts: that is what they are for
        assert _errors(verify_derived(doc, shared)), how


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), name=st.sampled_from(profile_names()))
def test_honest_redactions_verify_and_each_item_proves(doc: dict[str, Any], name: str) -> None:
    red = redact(doc, load_profile(name))
    assert not _errors(verify_derived(doc, red.document, salts=red.salts))
    assert duplicate_records(red.document, "x") == []
    for record in red.document["disclosure"].get("withheld", []):
        assert check_proof(reveal(doc, red.salts, record["pointer"]), red.document) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), data=st.data())
def test_a_lowering_by_the_owner_verifies_only_when_accepted(doc: dict[str, Any], data: st.DataObject) -> None:
    label = doc["marking"]["tlp"]
    if label == "CLEAR":
        return
    lower = data.draw(st.sampled_from(TLP_LEVELS[: rank(label)]))
    red = redact(doc, load_profile("tlp-clear"), tlp=lower, allow_lower=True)
    assert "RF741" in _errors(verify_derived(doc, red.document, salts=red.salts))
    accepted = verify_derived(doc, red.document, salts=red.salts, accept_lowered=True)
    assert not _errors(accepted) and "RF712" in {f.code for f in accepted}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), data=st.data())
def test_a_duplicate_record_can_never_prove_an_invented_value(doc: dict[str, Any], data: st.DataObject) -> None:
    red = redact(doc, load_profile("tlp-clear"))
    records = red.document["disclosure"].get("withheld", [])
    if not records:
        return
    record = data.draw(st.sampled_from(records))
    forged_record, proof = _forged_proof(record, data.draw(st.text(max_size=20)))
    for position in (0, len(records)):  # before or after the genuine record
        shared = copy.deepcopy(red.document)
        shared["disclosure"]["withheld"].insert(position, forged_record)
        assert [f.code for f in check_proof(proof, shared)] == ["RF740"]
        # ... and the genuine proof is refused too: the copy is ambiguous
        assert [f.code for f in check_proof(reveal(doc, red.salts, record["pointer"]), shared)] == ["RF740"]
        assert {"RF740"} <= _errors(verify_derived(doc, shared, salts=red.salts))
        assert "RF740" in {f.code for f in riskfmt.validate_data(shared).findings}


def test_the_forgery_of_the_issue_is_refused_on_the_command_line(tmp_path: Path) -> None:
    """Issue 14: two records for one pointer, the copy relabelled TLP:CLEAR: it validated, --verify said
    "Derived" and --check-proof "Proven" for an invented value."""
    shared = tmp_path / "shared.json"
    assert _cli("redact", str(EXAMPLE), "--profile", "tlp-clear", "-o", str(shared)).code == 0
    salts = tmp_path / "shared.json.salts.json"
    doc = json.loads(shared.read_text())
    record = doc["disclosure"]["withheld"][0]
    forged_record, proof = _forged_proof(record, "INVENTED")
    doc["disclosure"]["withheld"].insert(0, forged_record)
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc))
    (tmp_path / "proof.json").write_text(json.dumps(proof))
    result = _cli("validate", str(forged))
    assert result.code == 1 and "RF740" in result.output
    result = _cli("redact", "--verify", str(EXAMPLE), str(forged), "--salts", str(salts))
    assert result.code == 1 and "RF740" in result.output and "Not derived" in result.output
    result = _cli("redact", "--check-proof", str(tmp_path / "proof.json"), str(forged))
    assert result.code == 1 and "RF740" in result.output and "Proven" not in result.output
    # the hand-lowered marking alone
    doc = json.loads(shared.read_text())
    doc["marking"] = {"tlp": "CLEAR"}
    lowered = tmp_path / "lowered.json"
    lowered.write_text(json.dumps(doc))
    result = _cli("redact", "--verify", str(EXAMPLE), str(lowered), "--salts", str(salts))
    assert result.code == 1 and "RF741" in result.output
    result = _cli("redact", "--verify", str(EXAMPLE), str(lowered), "--salts", str(salts), "--lower-marking")
    assert result.code == 0 and "RF712" in result.output


def test_check_proof_reads_yaml_a_bom_and_standard_input(tmp_path: Path) -> None:
    """These crashed (exit 3): the command re-read the proof as UTF-8 JSON to print its pointer."""
    import yaml

    shared = tmp_path / "shared.json"
    assert _cli("redact", str(EXAMPLE), "--profile", "tlp-clear", "-o", str(shared)).code == 0
    pointer = json.loads(shared.read_text())["disclosure"]["withheld"][0]["pointer"]
    proof = tmp_path / "proof.json"
    assert _cli("redact", "--reveal", pointer, str(EXAMPLE), "--salts", str(shared) + ".salts.json",
                "-o", str(proof)).code == 0
    data = json.loads(proof.read_text())
    as_yaml = tmp_path / "proof.yaml"
    as_yaml.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = _cli("redact", "--check-proof", str(as_yaml), str(shared))
    assert result.code == 0 and pointer in result.output
    result = _cli("redact", "--check-proof", "-", str(shared), stdin=as_yaml.read_text())
    assert result.code == 0 and pointer in result.output
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + proof.read_bytes())
    assert _cli("redact", "--check-proof", str(with_bom), str(shared)).code in (0, 1, 2)
    assert _cli("redact", "--check-proof", "-", "-", stdin="{}").code == 2
    for text in ("[]", "42", "kind: riskfmt-withheld-proof\npointer: 5\n", "{"):
        result = _cli("redact", "--check-proof", "-", str(shared), stdin=text)
        assert result.code in (1, 2) and "Traceback" not in result.output


def test_each_tampering_has_its_own_code() -> None:
    doc = riskfmt.integrity.load_document(EXAMPLE)
    red = redact(doc, load_profile("tlp-clear"))
    records = red.document["disclosure"]["withheld"]
    assert len({r["pointer"] for r in records}) >= 2
    swapped = copy.deepcopy(red.document)
    swapped["disclosure"]["withheld"][0], swapped["disclosure"]["withheld"][1] = records[1], records[0]
    assert _errors(verify_derived(doc, swapped, salts=red.salts)) == {"RF742"}
    rekinded = copy.deepcopy(red.document)
    rekinded["disclosure"]["withheld"][0]["kind"] = next(k for k in KINDS if k != records[0]["kind"])
    assert _errors(verify_derived(doc, rekinded, salts=red.salts)) == {"RF743"}
    doubled = copy.deepcopy(red.document)
    doubled["disclosure"]["withheld"].append(copy.deepcopy(records[0]))
    assert "RF740" in _errors(verify_derived(doc, doubled, salts=red.salts))
    lowered = copy.deepcopy(red.document)
    lowered["marking"] = {"tlp": "CLEAR"}
    assert _errors(verify_derived(doc, lowered, salts=red.salts)) == {"RF741"}


def test_a_document_without_a_canonical_form_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Digests and comparisons are over RFC 8785 canonical JSON, which holds no integer beyond 2**53: such a
    report can be neither redacted nor verified. Beyond 64 bits, both exited 3. The loader refuses such an
    integer when it reads a JSON file (RF116), so redact reports that finding (the copy would not validate,
    exit 1); --verify, whose inputs need a canonical form, refuses them (RF116 or RF726, exit 2)."""
    doc = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text())
    for number in (2**60, 10**30):
        doc["extensions"] = {"example.org/x": {"n": number}}
        path = tmp_path / "big.json"
        path.write_text(json.dumps(doc))
        outcome = _cli("redact", str(path), "--profile", "tlp-red", "-o", str(tmp_path / "shared.json"))
        assert outcome.code in (1, 2) and ("RF726" in outcome.output or "RF116" in outcome.output)
        assert not (tmp_path / "shared.json").exists()
        outcome = _cli("redact", "--verify", str(path), str(path))
        assert outcome.code in (1, 2) and ("RF726" in outcome.output or "RF116" in outcome.output)
