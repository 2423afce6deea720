"""SARIF that code scanning renders well: every rule described and helped in the run's language, every result
placed; checked by Microsoft's SARIF Multitool (a validator nobody here wrote) with the SARIF and GitHub
ingestion rule sets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, invalid_examples
from test_ajv import JS, _node_ready

from riskfmt.codes import CODES
from riskfmt.render.sarif_rules import rule

# Notes of the Multitool that riskfmt declines, on purpose:
DECLINED = {
    "SARIF2002",  # message id + arguments instead of text: our text is already localised by --lang
    "SARIF2003",  # version-control provenance: riskfmt validates files, it does not know the repository
    "SARIF2006",  # URIs reachable by HTTP GET: the test runs offline
    "SARIF2010",  # code snippets and
    "SARIF2011",  # context regions: a report may be confidential; its content never goes into the log
}


def _multitool(log: Path, out: Path) -> list[dict]:
    binary = subprocess.run(["node", "-p", "require('@microsoft/sarif-multitool-linux')"], cwd=JS,
                            capture_output=True, text=True, check=True).stdout.strip()
    proc = subprocess.run([binary, "validate", str(log), "-o", str(out), "--rule-kind", "Sarif;Gh",
                           "--level", "Error;Warning;Note", "--kind", "Fail", "--log", "ForceOverwrite"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8-sig"))["runs"][0]["results"]  # type: ignore[no-any-return]


def _sarif(lang: str, tmp_path: Path) -> Path:
    paths = [str(p.relative_to(ROOT)) for p in invalid_examples()]  # as a CI job passes them
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "validate", "--format", "sarif", "--lang", lang, *paths],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    out = tmp_path / f"riskfmt-{lang}.sarif"
    out.write_text(proc.stdout, encoding="utf-8")
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_code_has_descriptions_and_help(lang: str) -> None:
    for spec in CODES.values():
        r = rule(spec, lang)
        for key in ("shortDescription", "fullDescription"):
            text = r[key]["text"]
            assert text and "{" not in text and "}" not in text, (spec.code, key, text)
        assert r["helpUri"].endswith(f"#{spec.code.lower()}")
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["properties"]["category"] == spec.category
        if lang == "zh":  # the help a Chinese user reads is Chinese
            assert any("\u4e00" <= ch <= "\u9fff" for ch in r["help"]["text"]), spec.code


def test_docs_have_the_anchors_help_links_point_to() -> None:
    page = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f'id="{code.lower()}"' not in page]
    assert not missing, missing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sarif_multitool_finds_nothing_to_fix(lang: str, tmp_path: Path) -> None:
    _node_ready()
    log = _sarif(lang, tmp_path)
    data = json.loads(log.read_text(encoding="utf-8"))
    assert data["runs"][0]["results"], "the invalid examples must produce results"
    for result in data["runs"][0]["results"]:
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    problems = [p for p in _multitool(log, tmp_path / "validation.sarif") if p["ruleId"] not in DECLINED]
    assert problems == [], [(p["ruleId"], p["message"]) for p in problems][:10]


def test_sarif_multitool_does_catch_problems(tmp_path: Path) -> None:
    """The check above can fail: a log without regions (what riskfmt wrote before) is reported."""
    _node_ready()
    log = _sarif("en", tmp_path)
    data = json.loads(log.read_text(encoding="utf-8"))
    for result in data["runs"][0]["results"]:
        del result["locations"][0]["physicalLocation"]["region"]
    log.write_text(json.dumps(data), encoding="utf-8")
    problems = _multitool(log, tmp_path / "validation.sarif")
    assert any(p["ruleId"] == "SARIF2017" for p in problems)
