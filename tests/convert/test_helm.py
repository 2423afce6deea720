"""The HELM converter, on the real run folders in examples/inputs/helm (crfm-helm 0.5.16)."""

from __future__ import annotations

import copy
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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import Converted, ConvertOptions, convert, detect
from riskfmt.convert.builder import mean_se
from riskfmt.convert.helm import HelmConverter, instance_standard_error, is_bookkeeping, perturbation_label, run_dirs
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
HERE = INPUTS / "helm"
SUITE = HERE / "benchmark_output" / "runs" / "v1"
MCQA = SUITE / "simple_mcqa_model=simple_model1"
ROBUST = SUITE / "simple_mcqa_model=simple_model1,data_augmentation=robustness"
TRIALS = SUITE / "simple_classification_model=simple_model1,num_train_trials=3"
OPTIONS = ConvertOptions(organization="Test Lab")


def one(path: Path, options: ConvertOptions = OPTIONS) -> Converted:
    items = list(HelmConverter().read(path, options))
    assert len(items) == 1
    return items[0]


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.location.pointer} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def lost_fields(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF601"]


def messages(item: Converted, code: str) -> list[str]:
    return [f.message("en") for f in item.findings if f.code == code]


def results(report: dict[str, Any]) -> list[dict[str, Any]]:
    [evaluation] = report["evaluations"]
    return list(evaluation["results"])


def find(report: dict[str, Any], metric: str, perturbation: str | None = None) -> dict[str, Any]:
    [found] = [r for r in results(report) if r["metric"]["id"] == metric
               and r.get("slice", {}).get("perturbation") == perturbation]
    return found


def copy_run(run: Path, tmp: Path, with_schema: bool = True) -> Path:
    """A copy of one run folder (and the suite's schema.json) that a test may change."""
    target = tmp / "v1" / run.name
    shutil.copytree(run, target)
    if with_schema:
        shutil.copy(SUITE / "schema.json", tmp / "v1" / "schema.json")
    return target


def edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


# ---- the real fixtures -------------------------------------------------------------------------------


def test_suite_folder_gives_one_valid_report_per_run() -> None:
    items = list(HelmConverter().read(SUITE, OPTIONS))
    assert sorted(Path(i.source).name for i in items) == sorted(p.name for p in (MCQA, ROBUST, TRIALS))
    for item in items:
        assert item.report is not None and not errors(item), errors(item)
        found = riskfmt.validate_data(item.report).findings
        assert not [f for f in found if f.severity >= Severity.ERROR]
    ids = {i.report["report_id"] for i in items if i.report}
    assert len(ids) == 3  # the two mcqa runs stay distinct (run name, dates)
    assert len(list(HelmConverter().read(HERE / "benchmark_output", OPTIONS))) == 3
    assert len(list(HelmConverter().read(HERE, OPTIONS))) == 3


def test_mcqa_run_maps_model_task_settings_and_results() -> None:
    item = one(MCQA)
    report = item.report
    assert report is not None
    assert report["producer"]["tool"] == {"name": "helm", "version": "unknown"}
    assert any(f.params.get("field") == "producer.tool.version" for f in item.findings if f.code == "RF609")
    # schema.json models[]: creator_organization and access "open"
    assert report["model"] == {"name": "simple/model1", "developer": "Helm", "access": "open_weights",
                               "id": "simple/model1", "inference_platform": "simple/model1"}
    [ev] = report["evaluations"]
    assert ev["id"] == "simple_mcqa:model-simple_model1"
    assert ev["task"] == {"id": "simple_mcqa"}
    assert ev["method"] == "benchmark" and "status" not in ev
    assert ev["settings"]["temperature"] == 0.0 and ev["settings"]["max_tokens"] == 5
    assert ev["settings"]["num_fewshot"] == 5
    other = ev["settings"]["other"]
    assert other["method"] == "multiple_choice_joint" and other["num_train_trials"] == 1
    assert other["max_eval_instances"] == 10 and other["adapter_spec_digest"].startswith("sha256:")
    assert ev["started"] == ev["completed"] == "2026-11-23T11:00:19Z"  # request_datetime 1795431619
    ext = report["extensions"]["helm"]
    assert ext["run_name"] == "simple_mcqa:model=simple_model1" and ext["suite"] == "v1"
    assert ext["scenario_class"].endswith("SimpleMCQAScenario")

    em = find(report, "exact_match")
    assert em["value"] == 0.0 and em["n"] == 10 and em["slice"] == {"split": "test"}
    assert em["uncertainty"] == {"method": "derived", "standard_error": 0.0}
    assert em["metric"] == {"id": "exact_match", "direction": "higher_is_better", "unit": "1", "min": 0, "max": 1,
                            "kind": "proportion"}
    assert find(report, "exact_match@5")["n"] == 10
    assert find(report, "perplexity")["metric"]["direction"] == "lower_is_better"  # schema.json lower_is_better
    assert find(report, "exact_match", "robustness:worst")["value"] == 0.0
    assert "uncertainty" not in find(report, "exact_match", "robustness:worst")
    assert "uncertainty" not in find(report, "perplexity")
    assert any("standard_error" in f.params.get("field", "") for f in item.findings if f.code == "RF608")


def test_bookkeeping_stats_are_not_results() -> None:
    item = one(MCQA)
    assert item.report is not None
    names = {r["metric"]["id"] for r in results(item.report)}
    for stat in ("num_instances", "num_prompt_tokens", "inference_runtime", "prompt_truncated", "batch_size",
                 "finish_reason_unknown", "num_train_instances", "training_co2_cost"):
        assert stat not in names
    assert names == {"exact_match", "exact_match@5", "quasi_exact_match", "quasi_exact_match@5", "prefix_exact_match",
                     "prefix_exact_match@5", "quasi_prefix_exact_match", "quasi_prefix_exact_match@5", "logprob",
                     "max_prob", "perplexity", "bits_per_byte", "logprob_per_byte"}
    assert len(results(item.report)) == 13 + 2 * 10  # plus the robustness/fairness worst-case slices
    assert any(f.startswith("stats.json bookkeeping stats (18:") for f in lost_fields(item))
    kept = item.report["extensions"]["helm"]["bookkeeping"]
    assert kept["num_prompt_tokens@test"] == 385.0 and kept["num_instances@test"] == 10.0
    assert any(f.startswith("stats.json stddev") for f in lost_fields(item))


def test_perturbations_become_slices_and_cached_requests_do_not_date_the_run() -> None:
    item = one(ROBUST)
    report = item.report
    assert report is not None and not errors(item)
    [ev] = report["evaluations"]
    assert ev["settings"]["other"]["data_augmentation"] == "MildMixPerturbation"
    # 5 cached requests carry run 1's time (11:00:19); the run's own requests were made at 11:00:24
    assert ev["started"] == ev["completed"] == "2026-11-23T11:00:24Z"
    assert any("5 cached" in m for m in messages(item, "RF608"))
    perturbed = find(report, "exact_match", "mild_mix:perturbed")
    assert perturbed["n"] == 5 and perturbed["uncertainty"]["method"] == "derived"
    for label in ("mild_mix:original", "mild_mix:worst", "robustness:worst", "fairness:worst"):
        r = find(report, "exact_match", label)
        assert r["n"] == 5 and "uncertainty" not in r
    assert find(report, "exact_match")["n"] == 5
    slices = {r["slice"].get("perturbation") for r in results(report)}
    assert slices == {None, "mild_mix:perturbed", "mild_mix:original", "mild_mix:worst", "robustness:worst",
                      "fairness:worst"}
    samples = ev["samples"]["inline"]
    assert len(samples) == 10
    assert {s["sample_id"] for s in samples} >= {"id60", "id60:mild_mix:perturbed"}
    # the perturbed prompt differs from the original one
    by_id = {s["sample_id"]: s for s in samples}
    assert by_id["id60"]["input_digest"] != by_id["id60:mild_mix:perturbed"]["input_digest"]
    assert any("every metric on the slices" in m for m in messages(item, "RF610"))


def test_train_trials_are_epochs_and_corpus_metrics_have_no_stderr() -> None:
    item = one(TRIALS)
    report = item.report
    assert report is not None and not errors(item)
    [ev] = report["evaluations"]
    assert ev["settings"]["other"]["num_train_trials"] == 3
    samples = ev["samples"]["inline"]
    assert len(samples) == 15
    assert sorted({(s["sample_id"], s["epoch"]) for s in samples}) == sorted(
        (i, e) for i in ("id38", "id41", "id56", "id60", "id74") for e in (1, 2, 3))
    assert all(s["score"] == 0.0 and s["verdict"] == "fail" for s in samples)
    em = find(report, "exact_match")
    assert em["n"] == 5  # num_instances: 5 instances, not 15 rows (count 3, sum 15)
    for metric in ("classification_macro_f1", "classification_micro_f1"):
        r = find(report, metric)
        assert r["n"] == 5 and "uncertainty" not in r and r["metric"]["direction"] == "higher_is_better"
    assert any("classification_macro_f1" in m for m in messages(item, "RF610"))
    spread = report["extensions"]["helm"]["train_trial_spread"]
    assert spread["exact_match@test"] == {"train_trials": 3, "stddev": 0.0}


def test_content_is_kept_only_when_asked() -> None:
    report = one(MCQA, ConvertOptions(include_content=True)).report
    assert report is not None
    state = json.loads((MCQA / "scenario_state.json").read_text())["request_states"][0]
    first = report["evaluations"][0]["samples"]["inline"][0]
    assert first["sample_id"] == state["instance"]["id"] == "id60"
    assert first["input"] == state["request"]["prompt"]
    assert first["output"] == state["result"]["completions"][0]["text"] == "Answer:"
    correct = [r["output"]["text"] for r in state["instance"]["references"] if "correct" in r["tags"]]
    assert [first["target"]] == correct
    report = one(MCQA, ConvertOptions(samples="none")).report
    assert report is not None and "samples" not in report["evaluations"][0]


# ---- the standard error, recomputed ---------------------------------------------------------------


def test_stderr_is_recomputed_per_instance_not_taken_from_helms_stddev(tmp_path: Path) -> None:
    run = copy_run(TRIALS, tmp_path)
    scores = {"id60": [1, 1, 0], "id38": [0, 0, 0], "id41": [1, 1, 1], "id74": [1, 0, 0], "id56": [0, 1, 1]}

    def per_instance(data: list[dict[str, Any]]) -> None:
        for row in data:
            for stat in row["stats"]:
                if stat["name"]["name"] == "exact_match":
                    value = scores[row["instance_id"]][row["train_trial_index"]]
                    stat.update(sum=value, sum_squared=value, min=value, max=value, mean=float(value))

    trial_means = [sum(v[t] for v in scores.values()) / 5 for t in range(3)]
    mean = sum(trial_means) / 3
    stddev = math.sqrt(sum((m - mean) ** 2 for m in trial_means) / 3)

    def stats(data: list[dict[str, Any]]) -> None:
        for stat in data:
            if stat["name"] == {"name": "exact_match", "split": "test"}:
                stat.update(mean=mean, stddev=stddev, variance=stddev**2)

    edit(run / "per_instance_stats.json", per_instance)
    edit(run / "stats.json", stats)
    report = one(run).report
    assert report is not None
    em = find(report, "exact_match")
    expected = mean_se([sum(v) / 3 for v in scores.values()])  # trials averaged per instance first
    assert em["value"] == pytest.approx(mean) and em["n"] == 5
    assert em["uncertainty"] == {"method": "derived", "standard_error": pytest.approx(expected)}
    assert em["uncertainty"]["standard_error"] != pytest.approx(stddev)
    naive = mean_se([float(x) for v in scores.values() for x in v])  # 15 rows as if independent
    assert em["uncertainty"]["standard_error"] != pytest.approx(naive)
    assert report["extensions"]["helm"]["train_trial_spread"]["exact_match@test"]["stddev"] == pytest.approx(stddev)
    samples = {(s["sample_id"], s["epoch"]): s for s in report["evaluations"][0]["samples"]["inline"]}
    assert samples[("id60", 3)]["score"] == 0.0 and samples[("id60", 1)]["verdict"] == "pass"


# ---- missing and odd inputs ------------------------------------------------------------------------


def test_without_schema_json_directions_come_from_a_small_table(tmp_path: Path) -> None:
    run = copy_run(MCQA, tmp_path, with_schema=False)
    item = one(run)
    report = item.report
    assert report is not None and not errors(item)
    assert find(report, "exact_match")["metric"]["direction"] == "higher_is_better"
    assert find(report, "exact_match@5")["metric"]["direction"] == "higher_is_better"
    assert find(report, "perplexity")["metric"]["direction"] == "lower_is_better"
    assert find(report, "logprob")["metric"]["direction"] == "neither"
    defaulted = [f.params["field"] for f in item.findings if f.code == "RF609"]
    assert "logprob metric.direction" in defaulted and "model.access" in defaulted
    assert defaulted.count("logprob metric.direction") == 1
    assert report["model"]["access"] == "other" and report["model"]["developer"] == "simple"


def test_all_cached_requests_leave_the_dates_out(tmp_path: Path) -> None:
    run = copy_run(MCQA, tmp_path)

    def cached(data: dict[str, Any]) -> None:
        for state in data["request_states"]:
            state["result"]["cached"] = True

    edit(run / "scenario_state.json", cached)
    item = one(run)
    assert item.report is not None
    [ev] = item.report["evaluations"]
    assert "started" not in ev and "completed" not in ev
    assert any("request_datetime" in f for f in lost_fields(item))


def test_failed_requests_mark_the_run_incomplete(tmp_path: Path) -> None:
    run = copy_run(MCQA, tmp_path)

    def fail(data: dict[str, Any]) -> None:
        data["request_states"][0]["result"]["success"] = False

    edit(run / "scenario_state.json", fail)
    item = one(run)
    assert item.report is not None and item.report["evaluations"][0]["status"] == "incomplete"
    assert any(f.code == "RF603" for f in item.findings)


def test_run_without_per_instance_stats_has_no_samples_and_no_stderr(tmp_path: Path) -> None:
    run = copy_run(MCQA, tmp_path)
    (run / "per_instance_stats.json").unlink()
    (run / "scenario_state.json").unlink()
    item = one(run)
    assert item.report is not None and not errors(item)
    [ev] = item.report["evaluations"]
    assert "samples" not in ev and "started" not in ev
    assert all("uncertainty" not in r for r in ev["results"])
    assert find(item.report, "exact_match")["n"] == 10


@pytest.mark.parametrize("name,text", [("stats.json", "{"), ("stats.json", "{}"), ("run_spec.json", "[]"),
                                        ("run_spec.json", "\xff")])
def test_malformed_run_files_are_findings(tmp_path: Path, name: str, text: str) -> None:
    run = copy_run(MCQA, tmp_path)
    (run / name).write_bytes(text.encode("latin-1"))
    item = one(run)
    assert item.report is None and [f.code for f in item.findings] == ["RF607"]


def test_a_broken_optional_file_is_reported_not_fatal(tmp_path: Path) -> None:
    run = copy_run(MCQA, tmp_path)
    (run / "scenario_state.json").write_text("not json")
    item = one(run)
    assert item.report is not None and "scenario_state.json: invalid JSON" in lost_fields(item)


def test_empty_folder_is_a_finding(tmp_path: Path) -> None:
    item = one(tmp_path)
    assert item.report is None and item.findings[0].code == "RF607"


# ---- detection -------------------------------------------------------------------------------------


def test_detect_picks_helm_for_run_suite_and_output_folders() -> None:
    for path in (MCQA, ROBUST, TRIALS, SUITE, SUITE.parent, HERE / "benchmark_output", HERE):
        found = detect(path)
        assert found is not None and found.name == "helm", path
    assert run_dirs(SUITE) == sorted([MCQA, ROBUST, TRIALS])


def test_sniff_rejects_every_other_tools_files_and_helms_own_extras() -> None:
    converter = HelmConverter()
    paths: list[Path] = []
    roots = [p for p in INPUTS.iterdir() if p.is_dir() and p.name != "helm"] + [HERE / "eee"]
    for root in sorted(roots):
        paths.append(root)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in (".venv", "node_modules")]
            paths += [Path(dirpath) / d for d in dirnames] + [Path(dirpath) / f for f in filenames]
    assert len(paths) > 50
    assert [p for p in paths if converter.sniff(p)] == []
    # single files of a run are not a run
    for path in (MCQA / "stats.json", MCQA / "run_spec.json", SUITE / "schema.json", HERE / "nope"):
        assert not converter.sniff(path)


# ---- the command line ------------------------------------------------------------------------------


def test_cli_converts_a_suite_into_a_folder_of_valid_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "RISKFMT_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(SUITE), "-o", str(out),
                           "--organization", "Test Lab"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = sorted(out.glob("*.json"))
    assert len(written) == 3
    check = subprocess.run([sys.executable, "-m", "riskfmt", "validate", *map(str, written)], capture_output=True,
                           text=True, env=env, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


# ---- properties ------------------------------------------------------------------------------------

words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(words, st.sampled_from(["perturbed", "original", "worst", None]), st.booleans(), st.booleans(),
       st.dictionaries(st.sampled_from(["prob", "seed", "source_class"]), st.integers(0, 9) | words, max_size=2))
def test_perturbation_labels(name: str, computed_on: str | None, robustness: bool, fairness: bool,
                             params: dict[str, Any]) -> None:
    pert: dict[str, Any] = {"name": name, "robustness": robustness, "fairness": fairness, **params}
    if computed_on:
        pert["computed_on"] = computed_on
    label = perturbation_label(pert)
    assert label is not None and label.startswith(name)
    if computed_on:
        assert label.endswith(":" + computed_on)
        other = perturbation_label({**pert, "computed_on": "perturbed" if computed_on != "perturbed" else "worst"})
        assert other != label  # computed_on keeps slices apart
    if params:
        assert label != perturbation_label({k: v for k, v in pert.items() if k not in params})
    # robustness/fairness flags are descriptive, not part of the identity
    assert perturbation_label({**pert, "robustness": not robustness}) == label


@given(st.none() | st.just({}) | st.integers() | st.text(max_size=3))
def test_no_perturbation_no_label(value: Any) -> None:
    assert perturbation_label(value) is None


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=4),
                       max_size=12))
def test_instance_standard_error_averages_trials_first(values: dict[str, list[float]]) -> None:
    se, n = instance_standard_error(values)
    assert n == len(values)
    if n < 2:
        assert se is None
        return
    means = [sum(v) / len(v) for v in values.values()]
    mean = sum(means) / n
    expected = math.sqrt(sum((m - mean) ** 2 for m in means) / (n - 1) / n)
    assert se is not None and se == pytest.approx(expected, rel=1e-9, abs=1e-9)


@given(st.sampled_from(["num_instances", "num_prompt_tokens", "num_train_instances", "finish_reason_stop",
                        "inference_runtime", "inference_denoised_runtime", "batch_size", "prompt_truncated",
                        "training_co2_cost", "max_num_output_tokens", "num_output_tokens@5"]))
def test_bookkeeping_rule(name: str) -> None:
    assert is_bookkeeping(name)


@given(st.sampled_from(["exact_match", "exact_match@5", "quasi_exact_match", "f1_score", "classification_macro_f1",
                        "perplexity", "logprob", "max_prob", "bits_per_byte", "rouge_l", "toxic_frac"]))
def test_measurements_are_not_bookkeeping(name: str) -> None:
    assert not is_bookkeeping(name)


json_scalars = (st.none() | st.booleans() | st.integers(-5, 5) | st.integers(-10**12, 10**12) | st.floats()
                | st.text(max_size=4))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


def paths_of(value: Any, prefix: tuple[Any, ...] = (), depth: int = 0) -> list[tuple[Any, ...]]:
    out = [prefix]
    if depth > 6:
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths_of(v, (*prefix, k), depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value[:6]):
            out += paths_of(v, (*prefix, i), depth + 1)
    return out


FILES = {name: json.loads((ROBUST / name).read_text())
         for name in ("run_spec.json", "stats.json", "per_instance_stats.json", "scenario_state.json")}
TARGETS = [(name, p) for name, data in FILES.items() for p in paths_of(data) if p]


@given(st.lists(st.tuples(st.sampled_from(TARGETS), json_values), min_size=1, max_size=4))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_malformed_variants_yield_findings_never_exceptions(
        changes: list[tuple[tuple[str, tuple[Any, ...]], Any]]) -> None:
    data = copy.deepcopy(FILES)
    for (name, path), new in changes:
        node: Any = data[name]
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "v1" / ROBUST.name
        run.mkdir(parents=True)
        for name, content in data.items():
            (run / name).write_text(json.dumps(content))
        os.environ.pop("RISKFMT_DEBUG", None)
        items = convert([run], from_="helm", options=OPTIONS)
    assert len(items) == 1
    item = items[0]
    assert item.report is not None or [f.code for f in item.findings] == ["RF607"]
    if item.report is not None:
        assert not errors(item), errors(item)


# ---- the real tool (opt-in) ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="set RISKFMT_SLOW=1 to run HELM for real")
def test_regenerated_fixtures_convert(tmp_path: Path) -> None:
    work = tmp_path / "helm"
    shutil.copytree(HERE, work, ignore=shutil.ignore_patterns("eee"))
    proc = subprocess.run(["bash", str(work / "generate.sh")], capture_output=True, text=True, timeout=3600,
                          env={**os.environ, "WORK": str(tmp_path / "helm-work")})
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    items = list(HelmConverter().read(work / "benchmark_output", OPTIONS))
    assert len(items) == 3 and all(i.report is not None and not errors(i) for i in items)
