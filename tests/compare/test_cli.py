"""riskfmt diff and riskfmt compare on the command line: exit codes as a gate, refusals, output files."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare.reports import GOLDEN, ROOT
from riskfmt.cli import run

MINIMAL = ROOT / "examples" / "reports" / "valid" / "minimal.json"


@pytest.fixture
def labs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("a.json", "b.yaml", "a-xstest.jsonl", "b-xstest.jsonl"):
        shutil.copy(GOLDEN / "two-labs" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RISKFMT_LANG", raising=False)
    return tmp_path


def test_exit_codes_are_a_gate(labs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "a.json", "b.yaml"]) == 0  # no gate: 0 whatever the differences
    assert run(["diff", "a.json", "b.yaml", "--fail-on", "regression"]) == 1
    assert run(["diff", "a.json", "b.yaml", "--fail-on", "difference"]) == 1
    assert run(["diff", "a.json", "a.json", "--fail-on", "difference"]) == 0
    assert run(["diff", "a.json", "a.json", "--fail-on", "regression"]) == 0
    capsys.readouterr()


def test_json_is_one_document_with_the_promised_pair_fields(labs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "a.json", "b.yaml", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["pairs"]
    for pair in doc["pairs"]:
        assert {"risk", "metric", "a", "b", "difference", "significant"} <= set(pair)
        assert pair["significant"] in (True, False, None)


def test_an_invalid_input_is_refused_with_the_validators_findings(labs: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = ROOT / "examples" / "reports" / "invalid" / "unknown-risk-id.RF401.json"
    assert run(["diff", "a.json", str(bad), "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "RF401" in captured.err
    assert run(["diff", "a.json", str(bad), "--lang", "zh"]) == 2
    assert "未知的风险编号" in capsys.readouterr().err


def test_usage_errors_exit_2(labs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "a.json"]) == 2
    assert run(["diff", "-", "-"]) == 2
    assert run(["diff", "a.json", "b.yaml", "--fail-on", "error"]) == 2
    assert run(["diff", "a.json", "b.yaml", "--alpha", "1.5"]) == 2
    assert run(["compare", "a.json"]) == 2
    assert run(["compare", "a.json", "b.yaml", "--fail-on", "regression"]) == 2
    incident = next((ROOT / "examples" / "incidents" / "valid").glob("*.yaml"), None)
    if incident is not None:
        assert run(["diff", "a.json", str(incident)]) == 2
        assert "RF801" in capsys.readouterr().err
        assert run(["compare", "a.json", str(incident)]) == 2
        assert "RF803" in capsys.readouterr().err
    capsys.readouterr()


def test_output_file_is_written_and_never_over_an_input(labs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", "a.json", "b.yaml", "--format", "markdown", "-o", "diff.md"]) == 0
    assert (labs / "diff.md").read_text(encoding="utf-8").startswith("# Comparison of two evaluation reports")
    before = (labs / "b.yaml").read_bytes()
    assert run(["diff", "a.json", "b.yaml", "-o", "b.yaml"]) == 2
    assert (labs / "b.yaml").read_bytes() == before
    assert capsys.readouterr().out == ""


def test_standard_input_stands_for_one_report(labs: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MINIMAL.read_bytes())))
    assert run(["diff", "-", str(MINIMAL), "--format", "json", "--fail-on", "difference"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["a"]["source"] == "<stdin>" and doc["summary"]["differences"] is False


def test_compare_matrix_gate(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN / "matrix")
    assert run(["compare", "r1.json", "r2.yaml", "r3.json"]) == 0
    assert run(["compare", "r1.json", "r2.yaml", "r3.json", "--fail-on", "difference"]) == 1
    assert run(["compare", "r1.json", "r1.json", "--fail-on", "difference"]) == 0
    capsys.readouterr()


def test_commands_are_listed_and_no_traceback_is_printed() -> None:
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "--help"], capture_output=True, text=True, timeout=60)
    assert "diff" in proc.stdout and "compare" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "diff", "nope.json", "nope.yaml"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "RF001" in proc.stderr


def test_no_samples_skips_the_paired_comparison(labs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (labs / "b-xstest.jsonl").unlink()  # not even opened
    assert run(["diff", "a.json", "b.yaml", "--no-samples", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["samples"] == []
    assert run(["diff", "a.json", "b.yaml"]) == 2  # with samples, the missing file is the validator's RF509
    assert "RF509" in capsys.readouterr().err
