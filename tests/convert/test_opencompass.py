"""The OpenCompass converter, on the real fixtures in examples/inputs/opencompass (OpenCompass 0.5.4).

Fixtures: two fake models x {zh-safety-gen (AccEvaluator, GEN details), zh-safety-gen-n2 (n=2, k=2,
AccwithDetailsEvaluator: "(2 runs average)" and G-Pass metrics), zh-safety-ppl (PPL details)}, two summary
groups; a debug run, a runner run where fake-model-v1/zh-safety-ppl fails, and the --station-path output.
"""

from __future__ import annotations

import copy
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import Converted, ConvertOptions, detect
from riskfmt.convert.builder import binomial_se, mean_se
from riskfmt.convert.opencompass import (
    MetricKey,
    Opaque,
    OpenCompassConverter,
    parse_config,
    parse_metric_key,
    parse_run_folder_name,
    percent_scale,
    prompt_hash,
)
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
HERE = INPUTS / "opencompass"
DEBUG_PARENT = HERE / "outputs" / "debug"
DEBUG = DEBUG_PARENT / "20261123_105547"
RUNNER_PARENT = HERE / "outputs" / "runner"
RUNNER = RUNNER_PARENT / "20261123_105600"
STATION = HERE / "station"
STATION_GEN_V0 = STATION / "zh-safety-gen" / "fake-model-v0.json"
OPTIONS = ConvertOptions(organization="Test Lab")
DATASETS = ["zh-safety-gen", "zh-safety-gen-n2", "zh-safety-ppl"]
VERSIONS = {"zh-safety-gen": "886a7c", "zh-safety-gen-n2": "d08e78", "zh-safety-ppl": "6b9bf4"}
GPASS = ["G-Pass@2_0.0", "G-Pass@2_0.25", "G-Pass@2_0.5", "G-Pass@2_0.75", "G-Pass@2_1.0", "mG-Pass@2"]


def read(path: Path, options: ConvertOptions = OPTIONS) -> list[Converted]:
    return list(OpenCompassConverter().read(path, options))


def by_model(items: list[Converted]) -> dict[str, Converted]:
    out = {}
    for item in items:
        assert item.report is not None, [f.message("en") for f in item.findings]
        out[item.report["model"]["name"]] = item
    return out


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.location.pointer} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def messages(item: Converted, code: str) -> list[str]:
    return [f.message("en") for f in item.findings if f.code == code]


def lost_fields(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF601"]


def evaluation(report: dict[str, Any], eval_id: str) -> dict[str, Any]:
    return next(e for e in report["evaluations"] if e["id"] == eval_id)


def result(ev: dict[str, Any], metric: str) -> dict[str, Any]:
    [found] = [r for r in ev["results"] if r["metric"]["id"] == metric]
    return found


def validate_ok(report: dict[str, Any]) -> None:
    found = riskfmt.validate_data(report).findings
    assert not [f for f in found if f.severity >= Severity.ERROR], [f.message("en") for f in found]


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# ---- the debug run -----------------------------------------------------------------------------------------


def test_debug_run_gives_one_valid_report_per_model() -> None:
    items = by_model(read(DEBUG))
    assert sorted(items) == ["fake-model-v0", "fake-model-v1"]
    for name, item in items.items():
        assert not errors(item)
        report = item.report
        assert report is not None
        validate_ok(report)
        assert item.source == str(DEBUG / "results" / name)
        assert report["producer"]["tool"] == {"name": "opencompass", "version": "unknown"}
        assert report["producer"]["organization"]["name"]["en"] == "Test Lab"
        assert report["model"] == {"name": name, "developer": "unknown", "access": "other"}
        assert report["provenance"]["source_format"] == "opencompass"
        assert len(report["provenance"]["source_digests"]) == 9  # 3 results + 3 predictions + config + csv + txt
        assert [e["id"] for e in report["evaluations"]] == [*DATASETS, "zh-safety-avg", "zh-safety-gen-weighted"]
        for dataset in DATASETS:
            ev = evaluation(report, dataset)
            assert ev["task"] == {"id": dataset, "version": VERSIONS[dataset]}  # the summary's prompt hash
            assert ev["method"] == "benchmark" and "status" not in ev
            assert "started" not in ev and "completed" not in ev  # folder time has no zone: never invented
        ext = report["extensions"]["opencompass"]
        assert ext["run_started_local"] == "2026-11-23T10:55:47" and ext["model_type"] == "fake_model.FakeModel"
        assert ext["model_config"] == {"salt": name[-2:]}
        defaulted = messages(item, "RF609")
        assert any("producer.tool.version" in m and '"unknown"' in m for m in defaulted)
        assert any("model.access" in m and "FakeModel" in m for m in defaulted)
        assert any("model.developer" in m for m in defaulted)
        lost = lost_fields(item)
        assert "run folder name 20261123_105547" in lost
        assert "configs/*.py work_dir" in lost
        assert f"models[{name}].path" in lost  # "fake" is not a hub id
        assert f"models[{name}].batch_size,run_cfg" in lost
        assert "datasets[zh-safety-gen].path" in lost  # a local data path never enters a report
        assert "datasets[zh-safety-gen].infer_cfg.prompt_template,reader_cfg" in lost
        assert any("Task \"zh-safety-gen\"" in m for m in messages(item, "RF602"))  # unmapped: R0000


def test_gen_task_values_n_and_derived_binomial_standard_error() -> None:
    items = by_model(read(DEBUG))
    for name, expected in (("fake-model-v0", 50.0), ("fake-model-v1", 75.0)):
        report = items[name].report
        assert report is not None
        ev = evaluation(report, "zh-safety-gen")
        acc = result(ev, "accuracy")
        assert acc["value"] == expected == load(DEBUG / "results" / name / "zh-safety-gen.json")["accuracy"]
        assert acc["n"] == 8
        assert acc["metric"] == {"id": "accuracy", "direction": "higher_is_better", "unit": "%", "min": 0,
                                 "max": 100, "kind": "accuracy"}
        # recompute independently from the details (predictions == references)
        details = load(DEBUG / "results" / name / "zh-safety-gen.json")["details"]
        right = sum(details[str(i)]["predictions"] == details[str(i)]["references"] for i in range(8))
        assert right / 8 * 100 == expected
        assert acc["uncertainty"] == {"method": "derived", "standard_error": binomial_se(right / 8, 8) * 100}
        assert ev["settings"] == {"max_tokens": 16, "num_fewshot": 0, "other": {
            "retriever": "ZeroRetriever", "inferencer": "GenInferencer", "dataset_class": "CustomDataset",
            "evaluator": "AccEvaluator", "pred_postprocessor": "first_capital_postprocess", "mode": "gen"}}
        assert any("zh-safety-gen uncertainty.standard_error" in m for m in messages(items[name], "RF608"))
        assert any("zh-safety-gen results[].n" in m and "8 predictions" in m for m in messages(items[name], "RF608"))
    v0 = items["fake-model-v0"].report
    assert v0 is not None
    assert result(evaluation(v0, "zh-safety-gen"), "accuracy")["uncertainty"]["standard_error"] == pytest.approx(
        math.sqrt(0.25 / 8) * 100)


def test_replicated_task_runs_average_and_gpass_metrics() -> None:
    items = by_model(read(DEBUG))
    for name, acc_value, gpass in (("fake-model-v0", 50.0, [62.5, 62.5, 62.5, 37.5, 37.5, 37.5]),
                                   ("fake-model-v1", 56.25, [87.5, 87.5, 87.5, 25.0, 25.0, 25.0])):
        report = items[name].report
        assert report is not None
        ev = evaluation(report, "zh-safety-gen-n2")
        assert ev["settings"]["epochs"] == 2 and ev["settings"]["other"]["k"] == 2
        assert ev["settings"]["other"]["evaluator"] == "AccwithDetailsEvaluator"
        acc = result(ev, "accuracy")
        assert acc["metric"]["name"] == "accuracy (2 runs average)"  # " (2 runs average)" stripped from the id
        assert acc["value"] == acc_value and acc["n"] == 16  # 8 questions x 2 runs
        assert acc["metric"]["unit"] == "%" and acc["metric"]["max"] == 100
        assert "2 runs" in acc["notes"]["en"] and "settings.epochs" in acc["notes"]["en"]
        details = load(DEBUG / "results" / name / "zh-safety-gen-n2.json")["details"]
        per_question = [sum(d["is_correct"]) / 2 for d in details]
        assert sum(per_question) / 8 * 100 == acc_value
        assert acc["uncertainty"] == {"method": "derived", "standard_error": mean_se(per_question) * 100}
        # each G-Pass@k_t once (the "<dataset>/G-Pass..." twin is the same value: noted, not duplicated)
        assert [r["metric"]["id"] for r in ev["results"]] == ["accuracy", *GPASS]
        for metric, value in zip(GPASS, gpass, strict=True):
            r = result(ev, metric)
            assert r["value"] == value and r["n"] == 8 and "slice" not in r
            assert r["metric"]["unit"] == "%" and r["metric"]["direction"] == "higher_is_better"
            assert f"zh-safety-gen-n2/{metric}" in r["notes"]["en"]
            column = [d[metric] for d in details]
            assert r["uncertainty"] == {"method": "derived", "standard_error": mean_se(column) * 100}
        assert any("16 predictions / 2 replicas" in m for m in messages(items[name], "RF608"))


def test_ppl_task_and_summary_groups() -> None:
    items = by_model(read(DEBUG))
    for name, avg, weighted in (("fake-model-v0", 41.666666666666664, 50.0),
                                ("fake-model-v1", 52.083333333333336, 62.5)):
        item = items[name]
        report = item.report
        assert report is not None
        ppl = evaluation(report, "zh-safety-ppl")
        acc = result(ppl, "accuracy")
        details = load(DEBUG / "results" / name / "zh-safety-ppl.json")["details"]
        right = sum(details[str(i)]["correct"] for i in range(8))
        assert acc["value"] == right / 8 * 100 == 25.0 and acc["n"] == 8
        assert acc["uncertainty"]["standard_error"] == binomial_se(right / 8, 8) * 100
        assert ppl["settings"]["other"]["inferencer"] == "PPLInferencer" and ppl["settings"]["other"]["mode"] == "ppl"
        group = evaluation(report, "zh-safety-avg")
        r = result(group, "naive_average")
        assert r["value"] == avg  # full precision from the summary .txt raw block (the CSV says 41.67)
        assert r["n"] == 24 and "uncertainty" not in r  # 8 questions in each of three datasets
        assert r["metric"]["unit"] == "%"
        assert "not independent evidence" in group["notes"]["en"]
        w = result(evaluation(report, "zh-safety-gen-weighted"), "weighted_average")
        assert w["value"] == weighted and w["n"] == 16
        assert any("zh-safety-avg naive_average" in m for m in messages(item, "RF610"))
        assert report["extensions"]["opencompass"]["group_values_from"].startswith("summary_*.txt")


def test_samples_per_question_and_replica() -> None:
    report = by_model(read(DEBUG))["fake-model-v1"].report
    assert report is not None
    gen = evaluation(report, "zh-safety-gen")["samples"]["inline"]
    assert [s["sample_id"] for s in gen] == [str(i) for i in range(8)]
    assert sum(s["score"] for s in gen) / 8 * 100 == 75.0
    assert all(s["verdict"] == ("pass" if s["score"] == 1.0 else "fail") for s in gen)
    assert all("input" not in s and s["input_digest"].startswith("sha256:") for s in gen)
    n2 = evaluation(report, "zh-safety-gen-n2")["samples"]["inline"]
    assert len(n2) == 16 and {s["epoch"] for s in n2} == {1, 2}
    assert sum(s["score"] for s in n2) / 16 * 100 == 56.25
    details = load(DEBUG / "results" / "fake-model-v1" / "zh-safety-gen-n2.json")["details"]
    for s in n2:
        assert s["score"] == float(details[int(s["sample_id"])]["is_correct"][s["epoch"] - 1])
    # both runs of a question share the prompt
    first = [s for s in n2 if s["sample_id"] == "0"]
    assert first[0]["input_digest"] == first[1]["input_digest"]


def test_content_is_kept_only_when_asked() -> None:
    [item] = read(STATION_GEN_V0, ConvertOptions(include_content=True))
    assert item.report is not None
    sample = item.report["evaluations"][0]["samples"]["inline"][0]
    assert sample["input"].startswith("有人在网上要求你提供他人的身份证号码") and sample["target"] == "A"
    [plain] = read(STATION_GEN_V0, ConvertOptions(samples="none"))
    assert plain.report is not None and "samples" not in plain.report["evaluations"][0]


# ---- the runner run with a failed task -------------------------------------------------------------------------


def test_failed_task_is_an_error_status_never_a_zero() -> None:
    items = by_model(read(RUNNER))
    ok = items["fake-model-v0"]
    assert ok.report is not None and not errors(ok)
    validate_ok(ok.report)
    assert all("status" not in e for e in ok.report["evaluations"])
    assert not messages(ok, "RF603")

    item = items["fake-model-v1"]
    report = item.report
    assert report is not None and not errors(item)
    validate_ok(report)
    ppl = evaluation(report, "zh-safety-ppl")
    assert ppl["status"] == "error" and not ppl.get("results")  # no value, certainly not 0
    assert ppl["task"]["version"] == "6b9bf4"  # the prompt hash is still known from the summary
    pointers = sorted(f.location.pointer for f in item.findings if f.code == "RF603")
    assert pointers == ["/evaluations/2", "/evaluations/3"]
    [why] = [f.params["why"] for f in item.findings if f.code == "RF601"
             and f.params["field"] == "results/fake-model-v1/zh-safety-ppl.json"]
    assert "no results file" in why and "no predictions file" in why and "'-'" in why
    assert "eval log ends with FileNotFoundError" in why and "never a zero" in why
    group = evaluation(report, "zh-safety-avg")  # needs the failed task
    assert group["status"] == "error" and not group.get("results")
    assert any("missing metrics" in f.params["why"] for f in item.findings
               if f.code == "RF601" and f.params["field"] == "summary group zh-safety-avg")
    weighted = evaluation(report, "zh-safety-gen-weighted")  # gen tasks only: still computed
    assert "status" not in weighted and result(weighted, "weighted_average")["value"] == 62.5
    assert result(evaluation(report, "zh-safety-gen"), "accuracy")["value"] == 75.0
    assert "logs/infer,logs/eval" in lost_fields(item)


# ---- parent work_dir and station ----------------------------------------------------------------------------


def test_parent_work_dir_converts_every_timestamp_folder(tmp_path: Path) -> None:
    direct = {i.source: i.report for i in read(DEBUG)}
    via_parent = {i.source: i.report for i in read(DEBUG_PARENT)}
    assert direct == via_parent
    # two runs in one work_dir: both, oldest first
    shutil.copytree(DEBUG, tmp_path / "20250101_000000")
    shutil.copytree(RUNNER, tmp_path / "20261231_235959")
    items = read(tmp_path)
    assert [Path(i.source).parts[-3] for i in items] == ["20250101_000000"] * 2 + ["20261231_235959"] * 2
    assert all(i.report is not None and not errors(i) for i in items)
    assert items[0].report is not None
    assert items[0].report["extensions"]["opencompass"]["run_started_local"] == "2025-01-01T00:00:00"


def test_station_folder_and_file() -> None:
    folder_items = by_model(read(STATION))
    run_items = by_model(read(DEBUG))
    assert sorted(folder_items) == ["fake-model-v0", "fake-model-v1"]
    for name, item in folder_items.items():
        assert not errors(item) and item.source == str(STATION / "*" / f"{name}.json")
        report = item.report
        assert report is not None
        validate_ok(report)
        assert [e["id"] for e in report["evaluations"]] == DATASETS  # no summary, so no groups
        run_report = run_items[name].report
        assert run_report is not None
        for dataset in DATASETS:
            ev, run_ev = evaluation(report, dataset), evaluation(run_report, dataset)
            # no summary: the prompt hash is recomputed, and it equals the summary's version column
            assert ev["task"]["version"] == VERSIONS[dataset]
            assert ev["results"] == run_ev["results"]
        assert any("zh-safety-gen task.version" in m for m in messages(item, "RF608"))
        assert "extensions" not in report or "run_started_local" not in report["extensions"]["opencompass"]
    [one] = read(STATION_GEN_V0)
    assert one.report is not None and not errors(one) and one.source == str(STATION_GEN_V0)
    assert [e["id"] for e in one.report["evaluations"]] == ["zh-safety-gen"]
    one_folder = read(STATION / "zh-safety-gen")
    assert len(one_folder) == 2 and all(i.report is not None for i in one_folder)


# ---- detection ---------------------------------------------------------------------------------------------


def test_sniff_recognises_opencompass_inputs_only() -> None:
    converter = OpenCompassConverter()
    for path in (DEBUG, DEBUG_PARENT, RUNNER, RUNNER_PARENT, STATION, STATION / "zh-safety-gen", STATION_GEN_V0):
        assert converter.sniff(path), path
        found = detect(path)
        assert found is not None and found.name == "opencompass", path
    for path in (HERE, HERE / "outputs", HERE / "data", HERE / "console", HERE / "README.md",
                 HERE / "eval_zh_safety.py", DEBUG / "results", DEBUG / "configs", DEBUG / "summary",
                 DEBUG / "results" / "fake-model-v0" / "zh-safety-gen.json",
                 DEBUG / "predictions" / "fake-model-v0" / "zh-safety-gen.json", ROOT / "missing"):
        assert not converter.sniff(path), path
    for tool in sorted(p for p in INPUTS.iterdir() if p.is_dir() and p.name != "opencompass"):
        for path in [tool, *sorted(tool.rglob("*"))]:
            assert not converter.sniff(path), path
        found = detect(tool)
        assert found is None or found.name != "opencompass", tool


def test_unreadable_inputs_are_findings(tmp_path: Path) -> None:
    [item] = read(tmp_path)  # an empty folder
    assert item.report is None and [f.code for f in item.findings] == ["RF607"]
    garbage = tmp_path / "x.json"
    garbage.write_text("{not json")
    [item] = read(garbage)
    assert item.report is None and item.findings[0].code == "RF607"


# ---- malformed run folders -------------------------------------------------------------------------------------


def copy_run(tmp_path: Path, source: Path = DEBUG) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def test_results_error_entry_and_broken_files(tmp_path: Path) -> None:
    run = copy_run(tmp_path)
    (run / "results" / "fake-model-v0" / "zh-safety-gen.json").write_text(json.dumps({"error": "judge failed"}))
    (run / "results" / "fake-model-v0" / "zh-safety-ppl.json").write_text("{truncated")
    (run / "results" / "fake-model-v1" / "zh-safety-gen.json").write_text("[1, 2]")
    items = by_model(read(run))
    v0 = items["fake-model-v0"]
    assert v0.report is not None and not errors(v0)
    validate_ok(v0.report)
    gen = evaluation(v0.report, "zh-safety-gen")
    assert gen["status"] == "error" and not gen.get("results")
    assert len(gen["samples"]["inline"]) == 8  # the predictions still exist
    assert any("judge failed" in f.params["why"] for f in v0.findings if f.code == "RF601")
    assert evaluation(v0.report, "zh-safety-ppl")["status"] == "error"
    assert any("not JSON" in f.params["why"] for f in v0.findings if f.code == "RF601")
    v1 = items["fake-model-v1"]
    assert v1.report is not None and evaluation(v1.report, "zh-safety-gen")["status"] == "error"


def test_config_dump_is_never_executed(tmp_path: Path) -> None:
    run = copy_run(tmp_path)
    marker = tmp_path / "executed"
    [dump] = (run / "configs").glob("*.py")
    dump.write_text(dump.read_text() + f"\nimport os\nos.system('touch {marker}')\n"
                                          f"open({str(marker)!r}, 'w').write('x')\nx = __import__('os')\n")
    items = read(run)
    assert not marker.exists()
    assert all(i.report is not None and not errors(i) for i in items)
    # a dump that is not Python: the values still convert; what the config gave is reported lost
    dump.write_text("models = [dict(abbr='fake-model-v0',\n")
    items = by_model(read(run))
    report = items["fake-model-v0"].report
    assert report is not None and not errors(items["fake-model-v0"])
    assert result(evaluation(report, "zh-safety-gen"), "accuracy")["value"] == 50.0
    assert evaluation(report, "zh-safety-gen")["task"]["version"] == "886a7c"  # from the summary
    assert any(f.startswith("configs/20261123_105547") for f in lost_fields(items["fake-model-v0"]))


def test_without_summary_the_hash_is_recomputed_and_groups_are_absent(tmp_path: Path) -> None:
    run = copy_run(tmp_path)
    shutil.rmtree(run / "summary")
    items = by_model(read(run))
    report = items["fake-model-v0"].report
    assert report is not None and not errors(items["fake-model-v0"])
    assert {e["id"]: e["task"]["version"] for e in report["evaluations"]} == VERSIONS


def test_summary_csv_only_gives_rounded_group_values(tmp_path: Path) -> None:
    run = copy_run(tmp_path)
    for txt in (run / "summary").glob("*.txt"):
        txt.unlink()
    report = by_model(read(run))["fake-model-v0"]
    assert report.report is not None
    assert result(evaluation(report.report, "zh-safety-avg"), "naive_average")["value"] == 41.67
    assert any("rounded" in f.params["why"] for f in report.findings if f.code == "RF601")


# ---- the config reader and the prompt hash -------------------------------------------------------------------


def test_config_dump_parses_models_datasets_and_hashes_match_the_summary() -> None:
    [dump] = (DEBUG / "configs").glob("*.py")
    config = parse_config(dump.read_text(encoding="utf-8"))
    assert [m["abbr"] for m in config["models"]] == ["fake-model-v0", "fake-model-v1"]
    assert config["models"][0]["type"] == "fake_model.FakeModel"
    assert [d["abbr"] for d in config["datasets"]] == DATASETS
    assert config["datasets"][1]["n"] == 2 and config["datasets"][1]["k"] == 2
    for dataset in config["datasets"]:
        digest = prompt_hash(dataset)
        assert digest is not None and digest[:6] == VERSIONS[dataset["abbr"]]
    groups = config["summarizer"]["summary_groups"]
    assert groups[1]["weights"] == {"zh-safety-gen-n2@accuracy (2 runs average)": 2, "zh-safety-gen@accuracy": 1}


def test_parse_config_keeps_expressions_opaque() -> None:
    config = parse_config("a = dict(x=1, **{'y': 2})\nb = [a, *[3]]\nc = a['x'] + f(2)\nd = -1.5\ne = 'p' + 'q'\n"
                          "import os\nf: int = 4\n")
    assert config["a"] == {"x": 1, "y": 2} and config["b"] == [{"x": 1, "y": 2}, 3]
    assert isinstance(config["c"], Opaque) and config["d"] == -1.5 and config["e"] == "pq" and config["f"] == 4
    assert prompt_hash({"infer_cfg": {"inferencer": Opaque("f(1)")}}) is None
    assert prompt_hash("nope") is None


def _shuffled(value: Any, rnd: Any) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _shuffled(value[k], rnd) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


@given(st.randoms())
@settings(max_examples=30, deadline=None)
def test_prompt_hash_ignores_key_order_but_not_the_prompt(rnd: Any) -> None:
    dataset = load(STATION_GEN_V0)["cfg"]["datasets"]
    assert prompt_hash(_shuffled(dataset, rnd))[:6] == VERSIONS["zh-safety-gen"]  # type: ignore[index]
    changed = copy.deepcopy(dataset)
    changed["infer_cfg"]["prompt_template"]["template"] = str(rnd.random())
    assert prompt_hash(changed) != prompt_hash(dataset)
    moved = copy.deepcopy(dataset)
    moved["path"], moved["abbr"] = "elsewhere.jsonl", "other"  # outside infer_cfg: not part of the hash
    assert prompt_hash(moved) == prompt_hash(dataset)


# ---- key and folder-name parsing -----------------------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=24).filter(
    lambda s: s.strip() == s and "/" not in s and not s.endswith(")"))


@given(names, st.integers(1, 10**4))
def test_runs_average_suffix_becomes_replicas(metric: str, n: int) -> None:
    assert parse_metric_key(f"{metric} ({n} runs average)") == MetricKey(metric, n)
    assert parse_metric_key(metric) == MetricKey(metric)


@given(names, st.integers(1, 64), st.sampled_from(["0.0", "0.25", "0.5", "0.75", "1.0", "1"]))
def test_gpass_keys_keep_their_subdivision(sub: str, k: int, t: str) -> None:
    assert parse_metric_key(f"{sub}/G-Pass@{k}_{t}") == MetricKey(f"G-Pass@{k}_{t}", None, sub)
    assert parse_metric_key(f"G-Pass@{k}_{t}") == MetricKey(f"G-Pass@{k}_{t}")
    assert parse_metric_key(f"{sub}/mG-Pass@{k}") == MetricKey(f"mG-Pass@{k}", None, sub)
    assert percent_scale(f"G-Pass@{k}_{t}") and percent_scale(f"mG-Pass@{k}")
    # a slash in an ordinary metric name is not a subdivision
    assert parse_metric_key(f"{sub}/score") == MetricKey(f"{sub}/score")


@given(st.one_of(st.none(), st.integers(), st.floats(), st.just(""), st.just("  "), st.lists(st.text())))
def test_non_keys_are_none(key: Any) -> None:
    assert parse_metric_key(key) is None


# OpenCompass names run folders by local time without a zone: the times are naive on purpose
@given(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)))  # noqa: DTZ001
def test_run_folder_names_are_local_times_without_zone(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    parsed = parse_run_folder_name(moment.strftime("%Y%m%d_%H%M%S"))
    assert parsed == moment.isoformat() and "+" not in parsed and not parsed.endswith("Z")


@given(st.text(max_size=20))
def test_other_folder_names_are_not_runs(name: str) -> None:
    parsed = parse_run_folder_name(name)
    if parsed is not None:
        assert datetime.strptime(name, "%Y%m%d_%H%M%S").isoformat() == parsed  # noqa: DTZ007 - local, no zone
    for bad in ("20261323_105547", "20261123_256000", "2026112_105547", "20261123-105547", "latest"):
        assert parse_run_folder_name(bad) is None


# ---- perturbations of a station file (one self-contained JSON) ---------------------------------------------------

STATION_N2_V1 = STATION / "zh-safety-gen-n2" / "fake-model-v1.json"
STATION_DATA = {path: load(path) for path in (STATION_GEN_V0, STATION_N2_V1)}


def convert_data(data: Any, name: str = "fake-model-v0.json", options: ConvertOptions = OPTIONS) -> list[Converted]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "zh-safety-gen" / name
        path.parent.mkdir()
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return read(path, options)


@given(st.floats(0, 100, allow_nan=False))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_values_map_through_unchanged(value: float) -> None:
    data = copy.deepcopy(STATION_DATA[STATION_GEN_V0])
    data["results"]["accuracy"] = value
    [item] = convert_data(data)
    assert item.report is not None and not errors(item)
    acc = result(item.report["evaluations"][0], "accuracy")
    assert acc["value"] == value and acc["n"] == 8
    if value in (50.0, 0.5):  # what the details say (4 of 8), in percent or as a fraction: derived SE applies
        assert acc["uncertainty"]["method"] == "derived"
        assert acc["metric"]["unit"] == ("%" if value == 50.0 else "1")  # never rescaled
    else:  # the details no longer reproduce the value: no standard error, said so
        assert "uncertainty" not in acc
        assert any("do not reproduce" in m for m in messages(item, "RF610"))
        if value > 1:
            assert acc["metric"]["unit"] == "%" and acc["metric"]["max"] == 100
        else:  # 0..1 could be a fraction or a small percentage: no unit is claimed
            assert "unit" not in acc["metric"] and "max" not in acc["metric"]


@given(st.lists(st.booleans(), min_size=8, max_size=8))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_derived_standard_error_follows_the_details(flags: list[bool]) -> None:
    data = copy.deepcopy(STATION_DATA[STATION_GEN_V0])
    details = data["results"]["details"]
    for i, flag in enumerate(flags):
        details[str(i)]["predictions"] = details[str(i)]["references"] if flag else "Z"
    data["results"]["accuracy"] = sum(flags) / 8 * 100
    [item] = convert_data(data)
    assert item.report is not None
    ev = item.report["evaluations"][0]
    acc = result(ev, "accuracy")
    assert acc["uncertainty"]["standard_error"] == pytest.approx(binomial_se(sum(flags) / 8, 8) * 100)
    assert [s["verdict"] for s in ev["samples"]["inline"]] == ["pass" if f else "fail" for f in flags]


@given(st.integers(1, 6))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fewer_details_than_predictions_give_no_standard_error(drop: int) -> None:
    data = copy.deepcopy(STATION_DATA[STATION_GEN_V0])
    for i in range(8 - drop, 8):
        del data["results"]["details"][str(i)]
    [item] = convert_data(data)
    assert item.report is not None and not errors(item)
    acc = result(item.report["evaluations"][0], "accuracy")
    assert acc["n"] == 8 and "uncertainty" not in acc  # n from the predictions; the details disagree
    assert any("per-sample correctness not used" in f.params["why"] for f in item.findings if f.code == "RF601")


def _paths(value: Any, prefix: tuple[Any, ...] = (), depth: int = 0) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if depth > 4:
        return out
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*prefix, key), depth + 1)
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            out += _paths(child, (*prefix, index), depth + 1)
    return out


N2_PATHS = _paths(STATION_DATA[STATION_N2_V1])
json_values = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | st.text(max_size=6),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                        max_size=3), max_leaves=6)


@given(st.lists(st.tuples(st.sampled_from(N2_PATHS), json_values), min_size=1, max_size=4))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_malformed_variants_yield_findings_never_exceptions(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(STATION_DATA[STATION_N2_V1])
    for path, new in changes:
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue
    items = convert_data(data, "fake-model-v1.json")
    for item in items:
        if item.report is None:
            assert [f.code for f in item.findings] == ["RF607"]
        else:
            validate_ok(item.report)


# ---- the CLI ---------------------------------------------------------------------------------------------------


def test_cli_converts_and_the_output_validates(tmp_path: Path) -> None:
    env = {**os.environ, "RISKFMT_LANG": "en"}
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(STATION_GEN_V0), "-o", str(out),
                           "--organization", "Test Lab"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(out.read_text())["producer"]["tool"]["name"] == "opencompass"
    folder = tmp_path / "reports"
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(RUNNER), "-o", str(folder),
                           "--organization", "Test Lab"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = sorted(folder.glob("*.json"))
    assert len(written) == 2
    check = subprocess.run([sys.executable, "-m", "riskfmt", "validate", str(out), *map(str, written)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


# ---- task map ----------------------------------------------------------------------------------------------


def test_user_task_map_reaches_the_results(tmp_path: Path) -> None:
    table = tmp_path / "map.yaml"
    table.write_text('vocabulary: "1.0"\ntasks:\n  - match: ["zh-safety-*"]\n    risks: [R0006]\n')
    [item] = read(STATION_GEN_V0, ConvertOptions(task_map=table))
    assert item.report is not None and not messages(item, "RF602")
    assert result(item.report["evaluations"][0], "accuracy")["risks"] == ["R0006"]


@pytest.mark.parametrize(("abbr", "risks"), [("CValues-Responsibility", ["R0004"]), ("fairness", ["R0004", "R0002"]),
                                             ("safety_physical_harm", ["R0039"])])
def test_chinese_benchmark_abbreviations_map_through_the_shipped_task_map(abbr: str, risks: list[str]) -> None:
    data = copy.deepcopy(STATION_DATA[STATION_GEN_V0])
    data["cfg"]["datasets"]["abbr"] = abbr  # the abbreviation OpenCompass' own configs use
    [item] = convert_data(data)
    assert item.report is not None and not messages(item, "RF602")
    ev = item.report["evaluations"][0]
    assert ev["id"] == ev["task"]["id"] == abbr
    assert result(ev, "accuracy")["risks"] == risks


# ---- regeneration with the real tool (opt-in) --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="set RISKFMT_SLOW=1 to run OpenCompass")
def test_regenerated_fixtures_convert(tmp_path: Path) -> None:
    work = tmp_path / "opencompass"
    shutil.copytree(HERE, work)  # generate.sh replaces outputs/ next to itself: never the checked-in ones
    env = {**os.environ, "OC_WORK": str(tmp_path / "work")}
    proc = subprocess.run(["bash", str(work / "generate.sh")], capture_output=True, text=True, timeout=3600, env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    for parent in (work / "outputs" / "debug", work / "outputs" / "runner", work / "station"):
        items = read(parent)
        assert len(items) == 2 and all(i.report is not None and not errors(i) for i in items)
    report = by_model(read(work / "outputs" / "debug"))["fake-model-v1"].report
    assert report is not None
    assert result(evaluation(report, "zh-safety-gen-n2"), "accuracy")["value"] == 56.25
