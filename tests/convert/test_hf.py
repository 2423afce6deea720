"""Hugging Face model cards (model-index front matter) and .eval_results files, on the fixtures written by
huggingface_hub 2.4.0 in examples/inputs/hf, cross-checked against huggingface_hub's own parse of them."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import Converted, ConvertOptions, convert, detect
from riskfmt.convert.hf import HuggingFaceConverter, metric_direction, parse_value, split_front_matter
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
HERE = INPUTS / "hf"
REPO = HERE / "model_repo"
CARD = REPO / "README.md"
EVAL_RESULTS = REPO / ".eval_results" / "demo.yaml"
OPTIONS = ConvertOptions(organization="Test Lab")


def read(path: Path, options: ConvertOptions = OPTIONS) -> list[Converted]:
    return list(HuggingFaceConverter().read(path, options))


def one(path: Path, options: ConvertOptions = OPTIONS) -> Converted:
    (item,) = read(path, options)
    return item


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def by_code(item: Converted, code: str) -> list[str]:
    return [f.params.get("field") or f.params.get("metric") or "" for f in item.findings if f.code == code]


def all_results(item: Converted) -> list[dict[str, Any]]:
    assert item.report is not None
    return [r for e in item.report["evaluations"] for r in e.get("results", [])]


# ---- the model card ---------------------------------------------------------------------------------


def test_card_converts_to_a_valid_report() -> None:
    item = one(CARD)
    assert item.report is not None and errors(item) == []
    assert [f.code for f in riskfmt.validate_data(item.report).findings if f.severity >= Severity.ERROR] == []
    assert item.report["provenance"]["source_format"] == "hf-model-index"


def test_card_facts() -> None:
    item = one(CARD)
    report = item.report
    assert report is not None
    assert report["model"] == {"name": "demo-org/tiny-demo-model", "developer": "demo-org", "access": "other"}
    assert report["producer"]["organization"]["name"] == {"en": "Test Lab"}
    assert report["producer"]["tool"] == {"name": "unknown", "version": "unknown"}
    mmlu, gsm8k, xsum = report["evaluations"]
    assert mmlu["task"] == {"id": "cais/mmlu:abstract_algebra", "dataset": {
        "name": "MMLU", "location": "cais/mmlu", "split": "test",
        "version": "c30699e8356da336a370243923dbaf21066bb9fe"}}
    assert mmlu["settings"] == {"num_fewshot": 5}  # dataset.args.num_few_shot
    assert mmlu["notes"] == {"en": "Source: Demo eval run <https://example.org/demo-eval-logs>"}
    (accuracy,) = mmlu["results"]
    assert accuracy["metric"] == {"id": "accuracy", "name": "Accuracy (5-shot)", "direction": "higher_is_better"}
    assert accuracy["value"] == 0.312 and "n" not in accuracy and "uncertainty" not in accuracy
    assert accuracy["notes"] == {"en": "verified: false (model-index)"}
    (exact,) = gsm8k["results"]
    assert gsm8k["task"]["id"] == "openai/gsm8k:main"
    assert exact["value"] == 20.0  # never rescaled: the card does not say it is a percentage
    assert exact["uncertainty"] == {"standard_error": 1.2, "method": "reported"}
    assert "± means" in exact["notes"]["en"]
    assert "unit" not in exact["metric"]
    rouge_l, rouge_1 = xsum["results"]
    assert (rouge_l["metric"]["id"], rouge_l["value"]) == ("rouge:rougeL", 18.4)
    assert (rouge_1["metric"]["id"], rouge_1["value"]) == ("rouge:rouge1", 32.1)
    assert "notes" not in rouge_1  # verified absent


def test_card_gaps_are_findings() -> None:
    item = one(CARD)
    defaulted = by_code(item, "RF609")
    # no n, no date, no standard error in model-index; what ± means is unknown; no harness named
    assert "results[].n" in defaulted
    assert "evaluations[].started/completed" in defaulted
    assert any("the meaning of ±" in f for f in defaulted)
    assert "producer.tool.name" in defaulted and "model.access" in defaulted
    assert set(by_code(item, "RF610")) == {"accuracy", "rouge:rougeL", "rouge:rouge1"}
    lost = by_code(item, "RF601")
    assert any(f.startswith("front matter language, library_name, license, tags") for f in lost)
    assert any(f.endswith("metrics[0].args") for f in lost)  # exact_match's {ignore_case: true}
    assert by_code(item, "RF608")  # directions of well-known metric types


def test_card_extension_keeps_what_has_no_field() -> None:
    ext = one(CARD).report["extensions"]["huggingface"]  # type: ignore[index]
    assert ext["format"] == "model-index"
    mmlu, gsm8k, xsum = ext["results"]
    assert mmlu["task"] == {"type": "multiple-choice", "name": "Multiple Choice"}
    assert mmlu["source"] == {"url": "https://example.org/demo-eval-logs", "name": "Demo eval run"}
    assert mmlu["metrics"][0]["verified"] is False
    assert gsm8k["metrics"][0]["value"] == "20.0 ± 1.2"  # the original string
    assert gsm8k["metrics"][0]["args"] == {"ignore_case": True}
    assert [m["config"] for m in xsum["metrics"]] == ["rougeL", "rouge1"]


def test_card_matches_huggingface_hubs_own_parse() -> None:
    parsed = json.loads((HERE / "modelcard_parsed_eval_results.json").read_text(encoding="utf-8"))
    item = one(CARD)
    assert item.report is not None and item.report["model"]["name"] == parsed["model_name"]
    found = {(e["task"]["dataset"]["location"], r["metric"].get("name")): r for e in item.report["evaluations"]
             for r in e["results"]}
    for entry in parsed["eval_results"]:
        result = found[(entry["dataset_type"], entry["metric_name"])]
        value, _pm, _unit = parse_value(entry["metric_value"])
        assert result["value"] == value
        if entry.get("verified") is False:
            assert "verified: false" in result["notes"]["en"]
    assert len(found) == len(parsed["eval_results"]) == 4


def test_bare_yaml_with_model_index(tmp_path: Path) -> None:
    front = split_front_matter(CARD.read_text(encoding="utf-8"))
    assert front is not None
    path = tmp_path / "card.yaml"
    path.write_text(front, encoding="utf-8")
    assert detect(path) is not None and detect(path).name == "hf"  # type: ignore[union-attr]
    item = one(path)
    assert item.report is not None and len(all_results(item)) == 4


# ---- .eval_results -----------------------------------------------------------------------------------


def test_eval_results_facts() -> None:
    item = one(EVAL_RESULTS)
    report = item.report
    assert report is not None and errors(item) == []
    assert report["provenance"]["source_format"] == "hf-eval-results"
    # the model is the repository the file lives in: its model card names it
    assert report["model"]["name"] == "demo-org/tiny-demo-model"
    gpqa, hle_plain, hle_tools = report["evaluations"]
    assert gpqa["task"] == {"id": "Idavidrein/gpqa:gpqa_diamond", "dataset": {"location": "Idavidrein/gpqa"}}
    assert "completed" not in gpqa
    assert hle_plain["id"] == "cais-hle:default-no-tools" and hle_tools["id"] == "cais-hle:default-tools"
    assert hle_plain["task"]["dataset"]["version"] == "5503434ddd753f426f4b38109466949a1217c2bb"
    assert hle_plain["completed"] == "2026-11-23T00:00:00Z"
    assert hle_plain["notes"]["en"] == "Notes: no-tools; Source: Eval Logs <https://example.org/demo-eval-logs> " \
                                       "(org demo-org)"
    assert "user demo-user" in hle_tools["notes"]["en"]
    assert [r["value"] for r in all_results(item)] == [0.412, 20.9, 24.3]
    assert {r["metric"]["id"] for r in all_results(item)} == {"score"}
    defaulted = by_code(item, "RF609")
    assert "results[].metric" in defaulted and "results[].n" in defaulted
    assert "evaluations[].completed" in defaulted  # the first entry has no date


def test_eval_results_match_huggingface_hubs_own_parse() -> None:
    parsed = json.loads((HERE / "eval_results_parsed.json").read_text(encoding="utf-8"))
    item = one(EVAL_RESULTS)
    assert item.report is not None
    for entry, evaluation in zip(parsed, item.report["evaluations"], strict=True):
        assert evaluation["task"]["dataset"]["location"] == entry["dataset_id"]
        assert evaluation["task"]["id"].endswith(":" + entry["task_id"])
        assert evaluation["results"][0]["value"] == entry["value"]
        assert evaluation["task"]["dataset"].get("version") == entry.get("dataset_revision")


def test_eval_results_quirks(tmp_path: Path) -> None:
    folder = tmp_path / "repo" / ".eval_results"
    folder.mkdir(parents=True)
    path = folder / "x.yaml"
    path.write_text(
        "data:\n"
        "  - dataset: {id: a/b, task_id: t}\n    value: '71.3 ± 0.4'\n    date: '2026-01-02'\n"
        "  - dataset: {id: a/b, task_id: t}\n    value: 3\n    error: rejected by the Hub\n"
        "  - dataset: {id: a/c}\n    value: not a number\n",
        encoding="utf-8")
    item = one(path)
    assert item.report is not None
    (result,) = all_results(item)
    assert result["value"] == 71.3 and result["uncertainty"] == {"standard_error": 0.4, "method": "reported"}
    assert item.report["model"]["name"] == "repo"  # no model card: the repository folder, reported
    lost = by_code(item, "RF601")
    assert "[0].date" in lost  # a date without a zone is not given one
    assert "[1]" in lost  # the Hub's rejected entry
    assert "[2].value" in lost


def test_folder_gives_card_and_eval_results() -> None:
    items = read(REPO)
    assert [Path(i.source).name for i in items] == ["README.md", "demo.yaml"]
    assert all(i.report is not None and errors(i) == [] for i in items)
    assert [Path(i.source).name for i in read(REPO / ".eval_results")] == ["demo.yaml"]


# ---- values --------------------------------------------------------------------------------------------


def test_parse_value_examples() -> None:
    assert parse_value(0.312) == (0.312, None, None)
    assert parse_value("20.0 ± 1.2") == (20.0, 1.2, None)
    assert parse_value("20.0 +/- 1.2") == (20.0, 1.2, None)
    assert parse_value("71.3%") == (71.3, None, "%")
    assert parse_value("71.3 % ± 0.5") == (71.3, 0.5, "%")
    assert parse_value("-1e-3") == (-0.001, None, None)
    for bad in ("n/a", "", "1.2.3", True, None, [1], float("nan"), "20 ± ", "± 1"):
        assert parse_value(bad) == (None, None, None)


_NUM = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(_NUM, st.floats(min_value=0, max_value=1e6, allow_nan=False), st.sampled_from(["±", "+/-", "+-"]),
       st.sampled_from(["", " ", "  "]), st.booleans())
def test_parse_value_round_trips_formatted_numbers(value: float, pm: float, sign: str, space: str,
                                                   percent: bool) -> None:
    text = f"{value!r}{'%' if percent else ''}{space}{sign}{space}{pm!r}"
    parsed, parsed_pm, unit = parse_value(text)
    assert parsed == value and parsed_pm == pm and unit == ("%" if percent else None)
    assert parse_value(repr(value)) == (value, None, None)
    assert parse_value(value) == (value, None, None)


@given(st.text(max_size=30))
def test_parse_value_never_raises(text: str) -> None:
    value, pm, _unit = parse_value(text)
    assert value is None or math.isfinite(value)
    assert pm is None or value is not None


def test_metric_directions() -> None:
    assert metric_direction("accuracy") == "higher_is_better"
    assert metric_direction("pass@1") == "higher_is_better"
    assert metric_direction("perplexity") == "lower_is_better"
    assert metric_direction("wer") == "lower_is_better"
    assert metric_direction("my_custom_metric") is None


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_malformed_cards_give_findings_never_exceptions(data: st.DataObject) -> None:
    scalar = st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.floats(allow_nan=False)
    node = st.recursive(scalar, lambda c: st.lists(c, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "results", "task", "dataset", "metrics", "type", "value", "source", "args",
                         "verified", "config", "split", "url"]), c, max_size=4), max_leaves=15)
    index = data.draw(st.lists(node, max_size=3) | node)
    import yaml

    body = yaml.safe_dump({"model-index": index}, allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "README.md"
        path.write_text(f"---\n{body}---\n\n# card\n", encoding="utf-8")
        items = read(path)
    assert items
    for item in items:
        assert item.report is not None or "RF607" in [f.code for f in item.findings]
        if item.report is not None:
            assert [f.code for f in riskfmt.validate_data(item.report).findings
                    if f.severity >= Severity.ERROR] == []


@pytest.mark.parametrize("text", ["---\nmodel-index: [\n---\n", "---\nmodel-index: 3\n---\n", "no front matter",
                                  "---\nmodel-index:\n- name: x\n  results: 5\n---\n"])
def test_broken_cards(tmp_path: Path, text: str) -> None:
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    items = read(path)
    assert items and all(i.report is not None or "RF607" in [f.code for f in i.findings] for i in items)


# ---- detection ---------------------------------------------------------------------------------------------


def test_detect_picks_hf_for_its_fixtures() -> None:
    for path in (REPO, CARD, REPO / ".eval_results", EVAL_RESULTS):
        found = detect(path)
        assert found is not None and found.name == "hf", path


def test_detect_never_picks_hf_for_other_inputs() -> None:
    checked = 0
    for tool in sorted(INPUTS.iterdir()):
        for path in [tool, *(p for p in tool.rglob("*") if ".venv" not in p.parts)]:
            if path == REPO or path.is_relative_to(REPO):
                continue
            found = detect(path)
            assert found is None or found.name != "hf", path
            checked += 1
    assert checked > 50
    # the fixture README mentions model-index in its text, not in front matter; riskfmt reports and lm-eval task
    # YAML are other tools' YAML
    sniff = HuggingFaceConverter().sniff
    assert not sniff(HERE / "README.md")
    assert not any(sniff(p) for p in (ROOT / "examples" / "reports" / "valid").iterdir())
    assert not any(sniff(p) for p in (INPUTS / "lm-eval" / "tasks").glob("*.yaml"))


@given(st.binary(max_size=200), st.sampled_from(["README.md", "x.yaml", "y.yml"]))
def test_sniff_never_raises(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        assert HuggingFaceConverter().sniff(path) in (True, False)


# ---- the command line ------------------------------------------------------------------------------------


def test_cli(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(REPO), "-o", str(out),
                          "--organization", "Test Lab"], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    written = sorted(out.glob("*.json"))
    assert len(written) == 2
    check = subprocess.run([sys.executable, "-m", "riskfmt", "validate", *map(str, written)], capture_output=True,
                           text=True, env=env, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="regenerates fixtures with huggingface_hub: "
                                                                  "RISKFMT_SLOW=1")
def test_regenerated_fixtures_convert(tmp_path: Path) -> None:
    work = tmp_path / "hf"
    shutil.copytree(HERE, work, ignore=shutil.ignore_patterns("model_repo", "*.json"))
    run = subprocess.run(["bash", "generate.sh"], cwd=work, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    items = convert([work / "model_repo"], from_="hf", options=OPTIONS)
    assert len(items) == 2 and all(i.report is not None and errors(i) == [] for i in items)
