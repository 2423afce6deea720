"""Helpers of the corpus tests. The corpus of real converted reports is built once per session with the CLI
(riskfmt convert, riskfmt corpus index).

The sources are published files nobody on this project wrote (tests/realworld, see each MANIFEST.yaml) and our
own tool runs (examples/inputs). The two published HELM Safety runs of the same models, v3 (2 instances per
scenario) and v4 (100 instances), are converted with a different --organization each, so that the corpus has
two producers measuring the same task, metric and model: the numbers are the published ones.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT / "tests" / "realworld"
HELM_V3 = "Stanford CRFM, HELM Safety run v3"
HELM_V4 = "Stanford CRFM, HELM Safety run v4"
# The tool folders of tests/realworld whose reports the hand-checked answers of test_real.py were counted over.
REALWORLD_TOOLS = ("lm-eval", "helm", "hf", "openai-evals")
EXAMPLE_INPUTS = ["inspect/tiny_success.eval", "inspect/tiny_epochs.eval", "lm-eval/tiny_suite", "lm-eval/tiny_mc",
                  "openai-evals/tiny-match.jsonl"]


@dataclass
class RealCorpus:
    reports: Path  # folder of converted reports
    db: Path
    converted: int  # number of converted report files


def run(*args: str) -> int:
    from riskfmt.cli import run as cli_run

    return cli_run(list(args))


def _sources() -> dict[str, list[str]]:
    """Converted groups: folder name -> sources; HELM Safety v3 and v4 apart (two producers)."""
    groups: dict[str, list[str]] = {"realworld": [], "helm-v3": [], "helm-v4": []}
    for manifest in sorted(REALWORLD / tool / "MANIFEST.yaml" for tool in REALWORLD_TOOLS):
        for entry in yaml.safe_load(manifest.read_text(encoding="utf-8")).get("files") or []:
            if entry.get("expect", "convert") != "convert":
                continue
            path = str(manifest.parent / entry["path"])
            group = {"helm-safety-v3": "helm-v3", "helm-safety-v4": "helm-v4"}.get(entry["path"].split("/")[0],
                                                                                 "realworld")
            groups[group].append(path)
    groups["examples"] = [str(ROOT / "examples" / "inputs" / p) for p in EXAMPLE_INPUTS]
    return groups


def sql(db: Path, query: str) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


INPUTS = ROOT / "examples" / "inputs"  # the coverage view's corpus (make_coverage_page)
HELM = INPUTS / "helm" / "benchmark_output" / "runs" / "v1"

CONVERSIONS = {
    "lm-eval.json": [str(INPUTS / "lm-eval" / "tiny_suite"), "--organization", "Example Lab"],
    "inspect.json": [str(INPUTS / "inspect" / "tiny_epochs.eval"), "--organization", "Example Lab"],
    "helm.json": [str(HELM / "simple_mcqa_model=simple_model1")],
}
COPIES = {
    "red-team.yaml": ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml",
    "grid.yaml": ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.operator.yaml",
    "voice.yaml": ROOT / "examples" / "incidents" / "valid" / "voice-clone-near-miss.yaml",
}


def make_coverage_page(folder: Path) -> Path:
    """Index the corpus into ``folder`` and draw its coverage page there; returns the page's path."""
    reports = folder / "reports"
    reports.mkdir(parents=True)
    for name, args in CONVERSIONS.items():
        assert run("convert", *args, "-o", str(reports / name), "-q") in (0, 1)
    for name, source in COPIES.items():
        shutil.copyfile(source, reports / name)
    here = Path.cwd()
    os.chdir(folder)
    try:
        assert run("corpus", "index", "reports", "--db", "corpus.duckdb", "-q") == 0
        assert run("corpus", "coverage", "--db", "corpus.duckdb", "--format", "html", "-o", "coverage.html") == 0
    finally:
        os.chdir(here)
    return folder / "coverage.html"
