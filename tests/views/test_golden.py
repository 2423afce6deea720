"""Golden outputs of the HTML views, made through the command line from real documents: reports converted
from real tool outputs (examples/inputs/: lm-evaluation-harness, Inspect, HELM), a diff of two converted HELM
runs, the shipped example report and incidents, an incident converted from real AI Incident Database records,
and the comparison fixtures of tests/compare/golden.

The expected files under golden/ are rewritten only with RISKFMT_REGEN_GOLDEN=1; otherwise a difference fails.
Inputs are converted into a temporary folder and named relatively, so outputs do not depend on the checkout.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from incident._data import AIID_INPUTS, needs_aiid

from riskfmt.cli import run

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
INPUTS = ROOT / "examples" / "inputs"
HELM = INPUTS / "helm" / "benchmark_output" / "runs" / "v1"
REGEN = os.environ.get("RISKFMT_REGEN_GOLDEN", "") not in ("", "0")

# what to convert (name in the work folder -> riskfmt convert arguments)
CONVERSIONS = {
    "lm-eval.json": [str(INPUTS / "lm-eval" / "tiny_suite"), "--organization", "Example Lab"],
    "inspect.json": [str(INPUTS / "inspect" / "tiny_epochs.eval"), "--organization", "Example Lab"],
    "helm-a.json": [str(HELM / "simple_mcqa_model=simple_model1")],
    "helm-b.json": [str(HELM / "simple_mcqa_model=simple_model1,data_augmentation=robustness")],
}
COPIES = {
    "red-team.yaml": ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml",
    "grid.operator.yaml": ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.operator.yaml",
    "grid.cert.yaml": ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.cert.yaml",
    "two-labs-a.json": ROOT / "tests" / "compare" / "golden" / "two-labs" / "a.json",
    "two-labs-b.yaml": ROOT / "tests" / "compare" / "golden" / "two-labs" / "b.yaml",
    "a-xstest.jsonl": ROOT / "tests" / "compare" / "golden" / "two-labs" / "a-xstest.jsonl",
    "b-xstest.jsonl": ROOT / "tests" / "compare" / "golden" / "two-labs" / "b-xstest.jsonl",
    "r1.json": ROOT / "tests" / "compare" / "golden" / "matrix" / "r1.json",
    "r2.yaml": ROOT / "tests" / "compare" / "golden" / "matrix" / "r2.yaml",
    "r3.json": ROOT / "tests" / "compare" / "golden" / "matrix" / "r3.json",
}

# (expected file, riskfmt arguments run in the work folder, exit code)
CASES = [
    ("report-lm-eval.en.html", ["render", "lm-eval.json", "--lang", "en"], 0),
    ("report-lm-eval.zh.html", ["render", "lm-eval.json", "--lang", "zh"], 0),
    ("report-lm-eval.both.html", ["render", "lm-eval.json", "--lang", "both"], 0),
    ("report-inspect.both.html", ["render", "inspect.json", "--lang", "both"], 0),
    ("report-red-team.both.html", ["render", "red-team.yaml", "--lang", "both"], 0),
    ("report-two-labs.zh.html", ["render", "two-labs-a.json", "--lang", "zh"], 0),
    ("diff-helm.en.html", ["diff", "helm-a.json", "helm-b.json", "--format", "html"], 0),
    ("diff-helm.json.both.html", ["render", "diff-helm.json", "--lang", "both"], 0),
    ("diff-two-labs.both.html", ["diff", "two-labs-a.json", "two-labs-b.yaml", "--format", "html", "--lang", "both"],
     0),
    ("compare.zh.html", ["compare", "r1.json", "r2.yaml", "r3.json", "--format", "html", "--lang", "zh"], 0),
    ("incident-grid.en.html", ["render", "grid.operator.yaml"], 0),
    ("incident-grid.both.html", ["render", "grid.operator.yaml", "--lang", "both"], 0),
    pytest.param("incident-aiid.zh.html", ["render", "aiid/incident-1.riskfmt.json", "--lang", "zh"], 0,
                 marks=needs_aiid, id="incident-aiid.zh.html"),
    ("incident-diff.both.html", ["diff", "grid.operator.yaml", "grid.cert.yaml", "--format", "html", "--lang", "both"],
     0),
]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views-golden")
    for name, args in CONVERSIONS.items():
        assert run(["convert", *args, "-o", str(folder / name)]) == 0
    if os.environ.get("RISKFMT_AIID_DATA"):  # AIID data cannot be checked in (licence): opt-in
        aiid = [str(AIID_INPUTS / "incident-1.json"), str(AIID_INPUTS / "classifications-cset-97.json")]
        assert run(["convert", *aiid, "--from", "aiid", "-o", str(folder / "aiid")]) == 0
    for name, source in COPIES.items():
        shutil.copyfile(source, folder / name)
    here = Path.cwd()
    os.chdir(folder)
    try:
        assert run(["diff", "helm-a.json", "helm-b.json", "--format", "json", "-o", "diff-helm.json"]) == 0
    finally:
        os.chdir(here)
    return folder


def check_golden(path: Path, actual: str) -> None:
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; run with RISKFMT_REGEN_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), \
        f"{path.name} differs; if the change is intended, rerun with RISKFMT_REGEN_GOLDEN=1"


@pytest.mark.parametrize(("name", "args", "code"),
                         [c if hasattr(c, "marks") else pytest.param(*c, id=c[0]) for c in CASES])
def test_golden_view(name: str, args: list[str], code: int, work: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(work)
    monkeypatch.delenv("RISKFMT_LANG", raising=False)
    capsys.readouterr()
    assert run(args) == code
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("<!DOCTYPE html>")
    check_golden(GOLDEN / name, captured.out)
