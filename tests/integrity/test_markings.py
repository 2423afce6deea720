"""TLP markings: the label in force at every point, consistency checks, and that no command weakens one."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.integrity import markings
from riskfmt.integrity.markings import (
    MarkingError,
    carry,
    check_markings,
    check_not_weakened,
    combine,
    label_at,
    rank,
    relabel,
    strictest,
)
from riskfmt.integrity.profiles import load_profile, profile_names
from riskfmt.integrity.redact import redact

from .strategies import ROOT, TLP, pointers, reports

MARKED = Path(__file__).resolve().parent / "interop" / "report.json"  # AMBER, with a RED finding


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RISKFMT_LANG"}
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def _doc(tlp: str = "AMBER", granular: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc = json.loads(MARKED.read_text(encoding="utf-8"))
    doc["marking"] = {"tlp": tlp, **({"granular": granular} if granular else {})}
    return doc


def test_label_in_force() -> None:
    doc = _doc("GREEN", [{"tlp": "RED", "selectors": ["/evaluations/1"]},
                         {"tlp": "AMBER", "selectors": ["/evaluations/1/findings/0", "/model"]}])
    assert label_at(doc) == "GREEN"
    assert label_at(doc, "/evaluations/0/results/0") == "GREEN"
    assert label_at(doc, "/evaluations/1/findings/0/title") == "RED"  # the strictest ancestor wins
    assert label_at(doc, "/model/name") == "AMBER"
    assert label_at(doc, "/evaluations/10") == "GREEN"  # "/evaluations/1" selects no "/evaluations/10"
    assert strictest("CLEAR", "AMBER+STRICT", "AMBER") == "AMBER+STRICT"
    assert [rank(t) for t in TLP] == [0, 1, 2, 3, 4]


def test_contradictory_markings_are_reported_by_validate(tmp_path: Path) -> None:
    doc = _doc("AMBER", [{"tlp": "GREEN", "selectors": ["/model"]}, {"tlp": "RED", "selectors": ["/nowhere"]}])
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    codes = {(f.code, f.location.pointer) for f in riskfmt.validate([path]).findings}
    assert ("RF710", "/marking/granular/0") in codes
    assert ("RF711", "/marking/granular/1/selectors/0") in codes
    finding = next(f for f in riskfmt.validate([path]).findings if f.code == "RF710")
    assert finding.location.line is not None  # located in the file
    assert "TLP:GREEN" in finding.message("zh")


def test_relabel_never_lowers_silently() -> None:
    doc = _doc("AMBER", [{"tlp": "RED", "selectors": ["/evaluations/1"]}])
    with pytest.raises(MarkingError) as caught:
        relabel(copy.deepcopy(doc), "GREEN")
    assert caught.value.findings[0].code == "RF713"
    lowered = copy.deepcopy(doc)
    findings = relabel(lowered, "GREEN", allow_lower=True)
    assert [f.code for f in findings] == ["RF712"] and findings[0].severity.label == "warning"
    assert label_at(lowered, "/evaluations/1/findings/0") == "RED"  # a stricter part keeps its own label
    raised = copy.deepcopy(doc)
    assert [f.code for f in relabel(raised, "AMBER+STRICT")] == ["RF739"]
    assert label_at(raised, "/evaluations/1") == "RED"


def test_carry_and_check_not_weakened() -> None:
    before = _doc("AMBER", [{"tlp": "RED", "selectors": ["/evaluations/1/findings/0", "/notes"]}])
    after = copy.deepcopy(before)
    after["marking"] = {"tlp": "CLEAR"}
    weakened = check_not_weakened(before, after)
    assert {f.location.pointer for f in weakened} == {"", "/evaluations/1/findings/0"}  # /notes does not exist
    carry(before, after)
    assert check_not_weakened(before, after) == []
    kept = [{"tlp": "RED", "selectors": ["/evaluations/1/findings/0"]}]
    assert after["marking"] == {"tlp": "AMBER", "granular": kept}
    assert combine(before, _doc("GREEN")) == {"tlp": "RED"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=reports(), name=st.sampled_from(profile_names()), data=st.data())
def test_redaction_keeps_every_label(doc: dict[str, Any], name: str, data: st.DataObject) -> None:
    red = redact(doc, load_profile(name))
    assert check_not_weakened(doc, red.document) == []
    assert check_markings(red.document, "x") == []
    for pointer in data.draw(st.lists(st.sampled_from(pointers(doc)), min_size=1, max_size=5)):
        found = markings.resolve(red.document, pointer)[0]
        withheld = any(r["pointer"] == pointer for r in red.document["disclosure"].get("withheld", []))
        if found or withheld:
            assert rank(label_at(red.document, pointer)) >= rank(label_at(doc, pointer))
    # asking for a label never lowers one without saying so
    target = data.draw(st.sampled_from(TLP))
    if rank(target) < rank(doc["marking"]["tlp"]):
        with pytest.raises(MarkingError):
            redact(doc, load_profile(name), tlp=target)
    else:
        assert check_not_weakened(doc, redact(doc, load_profile(name), tlp=target).document) == []


# ---- every command ---------------------------------------------------------------------------------------


def test_convert_keeps_markings(tmp_path: Path) -> None:
    out = tmp_path / "same.json"
    # --tlp CLEAR is a converter default for sources without a marking; it must not lower this one
    proc = run("convert", str(MARKED), "--from", "riskfmt", "--to", "riskfmt", "--tlp", "CLEAR", "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    original = riskfmt.integrity.load_document(MARKED)
    assert check_not_weakened(original, riskfmt.integrity.load_document(out)) == []


def test_convert_to_eee_and_back_keeps_markings(tmp_path: Path) -> None:
    proc = run("convert", str(MARKED), "--from", "riskfmt", "--to", "eee", "-o", str(tmp_path / "eee"))
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    records = list((tmp_path / "eee").rglob("*.json"))
    assert records
    back = tmp_path / "back.json"
    proc = run("convert", str(records[0]), "--from", "eee", "--to", "riskfmt", "--tlp", "CLEAR", "-o", str(back))
    assert back.exists(), proc.stdout + proc.stderr
    assert check_not_weakened(riskfmt.integrity.load_document(MARKED), riskfmt.integrity.load_document(back)) == []


def test_convert_to_markdown_states_the_marking(tmp_path: Path) -> None:
    proc = run("convert", str(MARKED), "--from", "riskfmt", "--to", "markdown", "-o", str(tmp_path / "r.md"))
    assert proc.returncode == 0
    assert "TLP:AMBER" in (tmp_path / "r.md").read_text()


def test_convert_to_csv_states_the_marking(tmp_path: Path) -> None:
    proc = run("convert", str(MARKED), "--from", "riskfmt", "--to", "csv", "-o", str(tmp_path / "r.csv"))
    assert proc.returncode == 0
    assert "AMBER" in (tmp_path / "r.csv").read_text()


@pytest.mark.parametrize("name", profile_names())
def test_redact_command_keeps_markings(tmp_path: Path, name: str) -> None:
    out = tmp_path / "shared.json"
    assert run("redact", str(MARKED), "--profile", name, "-o", str(out)).returncode == 0
    assert check_not_weakened(riskfmt.integrity.load_document(MARKED), riskfmt.integrity.load_document(out)) == []
    # --force: the first run's salts file is there, and only the marking check is meant to refuse this run
    proc = run("redact", str(MARKED), "--profile", name, "-o", str(out), "--tlp", "GREEN", "--force")
    assert proc.returncode == 2 and "RF713" in proc.stderr


def test_proofs_carry_the_label_of_what_they_disclose(tmp_path: Path) -> None:
    out = tmp_path / "shared.json"
    assert run("redact", str(MARKED), "--profile", "tlp-clear", "-o", str(out)).returncode == 0
    proof = tmp_path / "proof.json"
    pointer = "/evaluations/1/findings/0/title"  # inside the RED finding of an AMBER report
    assert run("redact", "--reveal", pointer, str(MARKED), "--salts", str(out) + ".salts.json",
               "-o", str(proof)).returncode == 0
    assert json.loads(proof.read_text())["marking"] == {"tlp": "RED"}


def test_read_only_commands_leave_documents_alone(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_bytes(MARKED.read_bytes())
    before = report.read_bytes()
    assert run("keygen", "-o", str(tmp_path / "k.pem")).returncode == 0
    for args in (["validate", str(report)], ["digest", str(report)],
                 ["sign", str(report), "--key", str(tmp_path / "k.pem"), "-o", str(tmp_path / "s.json")],
                 ["verify", str(report), "--signature", str(tmp_path / "s.json"),
                  "--key", str(tmp_path / "k.pem.pub")]):
        assert run(*args).returncode == 0, args
    assert report.read_bytes() == before


def _two_labels(tmp_path: Path) -> tuple[Path, Path, str]:
    """Two reports with different labels (AMBER with a RED part, and GREEN) and the label a summary of both
    must carry at least."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_bytes(MARKED.read_bytes())
    other = riskfmt.integrity.load_document(MARKED)
    other["marking"] = {"tlp": "GREEN"}
    b.write_text(json.dumps(other, ensure_ascii=False))
    return a, b, combine(riskfmt.integrity.load_document(a), other)["tlp"]


# diff and compare build new documents from parts of several reports; the pointers of the inputs mean nothing
# there, so the output must carry ``markings.combine`` of the inputs (the strictest label anywhere in them).


@pytest.mark.skipif(importlib.util.find_spec("riskfmt.cli.diff") is None, reason="riskfmt diff is not there yet")
def test_diff_output_carries_the_strictest_marking(tmp_path: Path) -> None:
    a, b, expected = _two_labels(tmp_path)
    proc = run("diff", str(a), str(b), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert rank(json.loads(proc.stdout)["marking"]["tlp"]) >= rank(expected)


@pytest.mark.skipif(importlib.util.find_spec("riskfmt.cli.compare") is None, reason="riskfmt compare is not there")
def test_compare_output_carries_the_strictest_marking(tmp_path: Path) -> None:
    a, b, expected = _two_labels(tmp_path)
    proc = run("compare", str(a), str(b), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert rank(json.loads(proc.stdout)["marking"]["tlp"]) >= rank(expected)


@pytest.mark.skipif(importlib.util.find_spec("riskfmt.cli.incident") is None, reason="riskfmt incident is not there")
def test_incident_update_keeps_markings(tmp_path: Path) -> None:
    import yaml

    source = ROOT / "examples" / "incidents" / "valid" / "chatbot-order-leak.en.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc["marking"] = {"tlp": doc["marking"]["tlp"], "granular": [{"tlp": "RED", "selectors": ["/timeline/0"]}]}
    path = tmp_path / "incident.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "updated.yaml"
    proc = run("incident", "update", str(path), "--summary", "More facts.", "--author", "Example Lab", "-o", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert check_not_weakened(doc, riskfmt.integrity.load_document(out)) == []
