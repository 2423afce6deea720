"""The lm-evaluation-harness converter, on the real fixtures in examples/inputs/lm-eval (lm-eval 0.4.13)."""

from __future__ import annotations

import copy
import hashlib
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
from riskfmt.convert import Converted, ConvertOptions, convert, detect
from riskfmt.convert.lm_eval import (
    LmEvalConverter,
    epoch_to_rfc3339,
    metric_id,
    parse_metric_key,
    parse_stderr,
    stderr_method,
)
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
HERE = INPUTS / "lm-eval"
MC_DIR = HERE / "tiny_mc" / "demo-org__dummy-model"
SUITE_DIR = HERE / "tiny_suite" / "demo-org__dummy-model"
MC = MC_DIR / "results_2026-11-23T10-59-57.924721.json"
SUITE = SUITE_DIR / "results_2026-11-23T11-00-03.258056.json"
OPTIONS = ConvertOptions(organization="Test Lab")


def one(path: Path, options: ConvertOptions = OPTIONS) -> Converted:
    items = list(LmEvalConverter().read(path, options))
    assert len(items) == 1
    return items[0]


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.location.pointer} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def codes(item: Converted, code: str) -> list[str]:
    return [f.message("en") for f in item.findings if f.code == code]


def lost_fields(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF601"]


def evaluation(report: dict[str, Any], eval_id: str) -> dict[str, Any]:
    return next(e for e in report["evaluations"] if e["id"] == eval_id)


def result(ev: dict[str, Any], metric: str) -> dict[str, Any]:
    return next(r for r in ev["results"] if r["metric"]["id"] == metric)


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def validate_ok(report: dict[str, Any]) -> None:
    found = riskfmt.validate_data(report).findings
    assert not [f for f in found if f.severity >= Severity.ERROR], [f.message("en") for f in found]


# ---- the real fixtures -------------------------------------------------------------------------------


def test_tiny_mc_maps_results_model_task_and_dates() -> None:
    item = one(MC)
    assert item.report is not None and not errors(item)
    report = item.report
    validate_ok(report)
    assert report["producer"]["tool"] == {"name": "lm-evaluation-harness", "version": "0.4.13"}
    assert report["producer"]["organization"]["name"]["en"] == "Test Lab"
    assert report["model"]["name"] == "demo-org/dummy-model"
    assert report["model"]["id"] == "demo-org/dummy-model"
    assert report["model"]["developer"] == "demo-org"
    assert report["model"]["access"] == "other"  # the dummy backend: not open weights, not an API
    assert "revision" not in report["model"]  # no model_sha/model_revision from the dummy backend

    [ev] = report["evaluations"]
    assert ev["id"] == "tiny_mc" and ev["method"] == "benchmark"
    assert ev["task"] == {"id": "tiny_mc", "version": "1.0", "dataset": {"split": "test", "size": 8}}
    assert ev["settings"]["seed"] == 0 and ev["settings"]["num_fewshot"] == 0
    assert ev["settings"]["other"] == {"numpy_seed": 0, "torch_seed": 0, "fewshot_seed": 0}
    # date 1795431597.8182542 is the start; completed = start + total_evaluation_time_seconds (derived)
    assert ev["started"] == "2026-11-23T10:59:57.818254Z"
    assert ev["completed"] == "2026-11-23T11:00:02.150408Z"
    assert any("completed" in f.params.get("field", "") for f in item.findings if f.code == "RF608")

    acc = result(ev, "acc")
    assert acc["value"] == 0.375 and acc["n"] == 8
    assert acc["uncertainty"] == {"method": "analytic", "standard_error": 0.18298126367784995}
    assert acc["metric"] == {"id": "acc", "direction": "higher_is_better", "unit": "1", "min": 0, "max": 1,
                             "kind": "proportion"}
    assert acc["risks"] == ["R0000"] and codes(item, "RF602")
    assert result(ev, "acc_norm")["value"] == 0.375
    assert len(ev["results"]) == 2


def test_tiny_mc_samples_use_lm_evals_own_prompt_hash() -> None:
    report = one(MC).report
    assert report is not None
    [ev] = report["evaluations"]
    samples = ev["samples"]["inline"]
    source = rows(next(MC_DIR.glob("samples_tiny_mc_*.jsonl")))
    assert [s["sample_id"] for s in samples] == [str(r["doc_id"]) for r in source] == [str(i) for i in range(8)]
    for sample, row in zip(samples, source, strict=True):
        # prompt_hash is sha256 of exactly the prompt text: the same digest riskfmt computes
        assert sample["input_digest"] == "sha256:" + row["prompt_hash"]
        assert sample["score"] == row["acc"]
        assert sample["verdict"] == ("pass" if row["acc"] == 1.0 else "fail")
        assert "input" not in sample and "output" not in sample  # content is withheld by default
    assert sum(s["score"] for s in samples) / 8 == 0.375


def test_tiny_mc_reports_what_it_drops_and_keeps_task_hashes() -> None:
    item = one(MC)
    lost = lost_fields(item)
    assert "pretty_env_info" in lost
    assert "config.batch_size,device" in lost
    assert "configs.tiny_mc.dataset_kwargs.data_files" in lost  # a local path never enters a report
    assert any(f.startswith("configs (tiny_mc)") for f in lost)
    assert any("per-sample acc_norm" in f for f in lost)
    assert any("doc_hash" in f for f in lost)
    assert "git_hash" not in lost  # null in the source: nothing to lose
    assert item.report is not None
    ext = item.report["extensions"]["lm-eval"]
    source = json.loads(MC.read_text())
    assert ext["task_hashes"] == source["task_hashes"]
    assert ext["bootstrap_iters"] == 100000 and ext["model_backend"] == "dummy"
    assert ext["config_digests"]["tiny_mc"].startswith("sha256:")
    # no local path anywhere in the report
    assert "tasks/mc.jsonl" not in json.dumps(item.report)


def test_task_hash_is_a_digest_of_sample_hashes_not_of_the_dataset() -> None:
    """Why task_hashes is not task.dataset.digest: it folds in prompts and targets too."""
    source = json.loads(SUITE.read_text())
    for task, digest in source["task_hashes"].items():
        samples = rows(next(SUITE_DIR.glob(f"samples_{task}_*.jsonl")))
        joined = "".join(r["doc_hash"] + r["prompt_hash"] + r["target_hash"] for r in samples)
        assert hashlib.sha256(joined.encode()).hexdigest() == digest
    report = one(SUITE).report
    assert report is not None
    assert all("digest" not in e["task"].get("dataset", {}) for e in report["evaluations"])


def test_tiny_suite_filters_groups_and_generation_settings() -> None:
    item = one(SUITE)
    assert item.report is not None and not errors(item)
    report = item.report
    validate_ok(report)
    assert [e["id"] for e in report["evaluations"]] == ["tiny_mc_geo", "tiny_mc_sci", "tiny_gen", "tiny_suite"]

    geo = evaluation(report, "tiny_mc_geo")
    assert result(geo, "acc")["value"] == 0.8 and result(geo, "acc")["n"] == 5
    assert result(geo, "acc")["uncertainty"]["standard_error"] == pytest.approx(0.2)
    sci = evaluation(report, "tiny_mc_sci")
    assert result(sci, "acc")["n"] == 6
    assert result(sci, "acc")["uncertainty"]["standard_error"] == pytest.approx(0.2108185)

    gen = evaluation(report, "tiny_gen")
    assert gen["task"]["version"] == "2.0"
    strict, flexible = result(gen, "exact_match,strict-match"), result(gen, "exact_match,flexible-extract")
    for r in (strict, flexible):
        assert r["value"] == 0.5 and r["n"] == 4
        assert r["uncertainty"] == {"method": "analytic", "standard_error": 0.28867513459481287}
    assert gen["settings"]["max_tokens"] == 16
    assert gen["settings"]["other"]["do_sample"] is False
    assert json.loads(gen["settings"]["other"]["until"]) == ["\n"]
    ids = [s["sample_id"] for s in gen["samples"]["inline"]]
    assert len(ids) == 8 and "0:strict-match" in ids and "3:flexible-extract" in ids  # one per doc per filter

    group = evaluation(report, "tiny_suite")
    assert group["task"]["name"] == {"en": "Tiny suite"} and group["task"]["version"] == "1.0"
    assert "tiny_mc_geo, tiny_mc_sci, tiny_gen" in group["notes"]["en"] and "not independent" in group["notes"]["en"]
    acc = result(group, "acc")
    assert acc["value"] == pytest.approx(0.5454545454545454)
    assert acc["n"] == 11  # sample_count, not sample_len (15)
    assert acc["uncertainty"] == {"method": "other", "standard_error": 0.14679516868351478}
    assert result(group, "exact_match,strict-match")["n"] == 4
    assert "samples" not in group
    # the group is in both `results` and `groups`: converted once
    assert sum(1 for e in report["evaluations"] if e["task"]["id"] == "tiny_suite") == 1
    assert len(group["results"]) == 3


def test_group_stderr_is_lm_evals_pooled_estimate() -> None:
    """The group's SE is the pooled within-subtask variance, not the analytic SE of the 11 pooled items."""
    geo, sci = (0.2, 5), (0.210818510677892, 6)
    pooled = math.sqrt(sum((n - 1) * se**2 * n for se, n in (geo, sci)) / (11 - 2) / 11)
    assert pooled == pytest.approx(0.14679516868351478)
    p = 6 / 11
    analytic = math.sqrt(p * (1 - p) * 11 / 10 / 11)
    assert abs(analytic - pooled) > 0.005  # hence method "other", not "analytic"


def test_options_include_content_and_no_samples() -> None:
    report = one(MC, ConvertOptions(organization="Test Lab", include_content=True)).report
    assert report is not None
    first = report["evaluations"][0]["samples"]["inline"][0]
    assert first["input"] == "Question: What is 2+2?\nAnswer:" and first["target"] == "1"
    report = one(MC, ConvertOptions(samples="none")).report
    assert report is not None and "samples" not in report["evaluations"][0]
    item = one(MC, ConvertOptions(samples="file"))
    assert item.samples_files and item.samples_files[0][0] == "tiny_mc" and len(item.samples_files[0][1]) == 8


def test_folders_convert_every_results_file() -> None:
    items = list(LmEvalConverter().read(HERE, OPTIONS))
    assert sorted(Path(i.source).name for i in items) == sorted([MC.name, SUITE.name])
    assert all(i.report is not None and not errors(i) for i in items)
    assert len(list(LmEvalConverter().read(HERE / "tiny_suite", OPTIONS))) == 1


# ---- variants of the fixtures ----------------------------------------------------------------------


def variant(tmp: Path, change: Any, source: Path = MC, samples: bool = True) -> Path:
    """A copy of a results file (and, optionally, its samples files) changed by ``change(data)``."""
    data = json.loads(source.read_text())
    change(data)
    target = tmp / source.name
    target.write_text(json.dumps(data))
    if samples:
        for file in source.parent.glob("samples_*"):
            shutil.copy(file, tmp / file.name)
    return target


def test_na_stderr_means_no_uncertainty(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["results"]["tiny_mc"]["acc_stderr,none"] = "N/A"

    item = one(variant(tmp_path, change))
    assert item.report is not None
    acc = result(item.report["evaluations"][0], "acc")
    assert "uncertainty" not in acc and acc["n"] == 8
    assert any("tiny_mc acc" in m and "N/A" in m for m in codes(item, "RF610"))
    assert "uncertainty" in result(item.report["evaluations"][0], "acc_norm")


def test_bootstrapped_metrics_carry_their_resamples(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["configs"]["tiny_mc"]["metric_list"][1]["aggregation"] = "f1"
        data["config"]["bootstrap_iters"] = 2000

    item = one(variant(tmp_path, change))
    assert item.report is not None
    ev = item.report["evaluations"][0]
    assert result(ev, "acc")["uncertainty"]["method"] == "analytic"
    assert result(ev, "acc_norm")["uncertainty"] == {"method": "bootstrap", "standard_error": 0.18298126367784995,
                                                     "num_bootstrap": 2000}


def test_hf_backend_identity_and_local_paths(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["config"]["model"] = "hf"
        data["config"]["model_args"] = "pretrained=EleutherAI/pythia-160m,revision=step100000,dtype=float32"
        data["model_name"] = "EleutherAI/pythia-160m"
        data["model_sha"] = "50f5173d932e8e61f858120bcb800b97af589f46"
        data["model_revision"] = "step100000"
        data["transformers_version"] = "4.57.1"
        data["git_hash"] = "abc1234"

    item = one(variant(tmp_path, change))
    assert item.report is not None and not errors(item)
    model = item.report["model"]
    assert model["access"] == "open_weights" and model["developer"] == "EleutherAI"
    assert model["revision"] == "50f5173d932e8e61f858120bcb800b97af589f46" and model["version"] == "step100000"
    assert model["inference_engine"] == {"name": "transformers", "version": "4.57.1"}
    assert "git_hash" in lost_fields(item) and "config.model_args.dtype" in lost_fields(item)

    def local(data: dict[str, Any]) -> None:
        data["model_name"] = "/models/secret/llama-7b"

    item = one(variant(tmp_path, local))
    assert item.report is not None
    assert item.report["model"]["name"] == "llama-7b" and "id" not in item.report["model"]
    assert "/models/secret" not in json.dumps(item.report) and "model_name" in lost_fields(item)


def test_unknown_top_level_fields_are_reported(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["tokenizer_pad_token"] = ["<pad>", "0"]
        data["results"]["tiny_mc"]["acc,none"] = "oops"

    item = one(variant(tmp_path, change))
    assert "tokenizer_pad_token" in lost_fields(item)
    assert "results.tiny_mc.acc,none" in lost_fields(item)
    assert item.report is not None
    assert [r["metric"]["id"] for r in item.report["evaluations"][0]["results"]] == ["acc_norm"]


def test_out_of_range_settings_and_counts_are_dropped_not_invalid(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["n-shot"]["tiny_gen"] = -3
        data["n-samples"]["tiny_gen"]["effective"] = 0
        gen = data["configs"]["tiny_gen"]["generation_kwargs"]
        gen.update(max_gen_toks=0, temperature=-1, top_p=1.5)

    item = one(variant(tmp_path, change, SUITE))
    assert item.report is not None and not errors(item), errors(item)
    gen = evaluation(item.report, "tiny_gen")
    assert not {"num_fewshot", "max_tokens", "temperature", "top_p"} & set(gen["settings"])
    assert "n" not in result(gen, "exact_match,strict-match")
    assert {"tiny_gen num_fewshot", "tiny_gen max_tokens", "tiny_gen temperature", "tiny_gen top_p"} <= set(
        lost_fields(item))


def test_damaged_samples_rows_are_reported(tmp_path: Path) -> None:
    path = variant(tmp_path, lambda data: None)
    samples = next(tmp_path.glob("samples_*"))
    lines = samples.read_text().splitlines()
    samples.write_text("\n".join([lines[0], "{not json", lines[0], "[1]", *lines[1:4]]) + "\n")
    item = one(path)
    assert item.report is not None and not errors(item)
    assert [s["sample_id"] for s in item.report["evaluations"][0]["samples"]["inline"]] == ["0", "1", "2", "3"]
    assert any(f.startswith(samples.name + " (3 rows)") for f in lost_fields(item))


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '{"results": 3}', '{"results": {}}', "\xff\xfe"])
def test_malformed_results_are_findings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "results_2026-01-01T00-00-00.json"
    path.write_bytes(text.encode("latin-1"))
    item = one(path)
    assert item.report is None and [f.code for f in item.findings] == ["RF607"]


def test_missing_folder_content_is_a_finding(tmp_path: Path) -> None:
    item = one(tmp_path)
    assert item.report is None and item.findings[0].code == "RF607"


# ---- detection -------------------------------------------------------------------------------------


def test_detect_picks_lm_eval_for_its_fixtures() -> None:
    for path in (MC, SUITE, MC_DIR, SUITE_DIR, HERE / "tiny_mc", HERE):
        found = detect(path)
        assert found is not None and found.name == "lm-eval", path


def other_tools_paths() -> list[Path]:
    out = []
    for tool in sorted(p for p in INPUTS.iterdir() if p.is_dir() and p.name != "lm-eval"):
        out.append(tool)
        for dirpath, dirnames, filenames in os.walk(tool):
            dirnames[:] = [d for d in dirnames if d not in (".venv", "node_modules")]
            out += [Path(dirpath) / d for d in dirnames] + [Path(dirpath) / f for f in filenames]
    return out


def test_sniff_rejects_every_other_tools_files() -> None:
    converter = LmEvalConverter()
    paths = other_tools_paths()
    assert len(paths) > 50
    assert [p for p in paths if converter.sniff(p)] == []
    for path in (HERE / "tasks", HERE / "tasks" / "tiny_mc.yaml", next(MC_DIR.glob("samples_*")), HERE / "nope"):
        assert not converter.sniff(path)


# ---- the command line ------------------------------------------------------------------------------


def test_cli_converts_and_the_output_validates(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    env = {**os.environ, "RISKFMT_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(SUITE), "-o", str(out),
                           "--organization", "Test Lab"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(out.read_text())["producer"]["tool"]["name"] == "lm-evaluation-harness"
    check = subprocess.run([sys.executable, "-m", "riskfmt", "validate", str(out)], capture_output=True, text=True,
                           env=env, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


# ---- properties ------------------------------------------------------------------------------------

metric_names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=","), min_size=1,
                       max_size=20).filter(lambda m: not m.endswith("_stderr"))
filter_names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@given(metric_names, filter_names)
@settings(max_examples=300)
def test_metric_keys_split_at_the_first_comma(metric: str, filt: str) -> None:
    assert parse_metric_key(f"{metric},{filt}") == (metric, filt, False)
    assert parse_metric_key(f"{metric}_stderr,{filt}") == (metric, filt, True)
    # the metric id keeps filters apart and is the bare metric under "none"
    assert metric_id(metric, "none") == metric
    if filt != "none":
        assert metric_id(metric, filt) == f"{metric},{filt}" != metric_id(metric, "none")


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=","), max_size=20))
def test_keys_without_a_comma_are_not_metrics(key: str) -> None:
    assert parse_metric_key(key) is None


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False) | st.integers(0, 10**6))
def test_numeric_stderr_passes_through(value: float) -> None:
    assert parse_stderr(value) == (float(value), "ok")
    assert parse_stderr(str(float(value))) == (float(value), "ok")


@given(st.sampled_from(["N/A", "n/a", " N/A ", "", None]))
def test_na_stderr_is_none(value: Any) -> None:
    assert parse_stderr(value) == (None, "na")


@given(st.floats(max_value=-1e-300) | st.just(math.nan) | st.just(math.inf) | st.booleans() | st.lists(st.integers())
       | st.text(alphabet="xyz", min_size=1))
def test_bad_stderr_is_invalid(value: Any) -> None:
    assert parse_stderr(value) == (None, "invalid")


@given(st.floats(min_value=-2e10, max_value=2.5e11, allow_nan=False))
def test_epoch_dates_are_utc_rfc3339(value: float) -> None:
    text = epoch_to_rfc3339(value)
    assert text is not None and text.endswith("Z")
    parsed = datetime.fromisoformat(text)
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert abs(parsed.timestamp() - value) <= 1e-6 + abs(value) * 1e-15


@given(st.one_of(st.none(), st.booleans(), st.just(math.nan), st.just(math.inf), st.just(-math.inf),
                 st.floats(min_value=1e13, allow_infinity=False), st.text(alphabet="abc:-", max_size=10),
                 st.lists(st.integers(), max_size=2)))
def test_unusable_dates_are_none(value: Any) -> None:
    assert epoch_to_rfc3339(value) is None


@given(st.sampled_from(["acc", "exact_match", "f1", "mcc", "bleu", "ter", "my_metric"]),
       st.sampled_from([None, "mean", "median", "f1", "matthews_corrcoef", "bleu", "perplexity", "custom_agg"]),
       st.integers(0, 10**6))
def test_stderr_method_follows_lm_evals_rule(metric: str, aggregation: str | None, iters: int) -> None:
    method, resamples = stderr_method(metric, aggregation, iters)
    assert method in ("analytic", "bootstrap", "reported")
    if method == "bootstrap":
        assert resamples == (None if iters == 0 else min(iters, 100) if metric in ("bleu", "ter") else iters)
    else:
        assert resamples is None
    if aggregation == "mean":
        assert method == "analytic"


@given(value=st.floats(0, 1), se=st.floats(0, 0.5), n=st.integers(2, 10**6),
       date=st.floats(0, 4e9), filt=st.sampled_from(["none", "strict-match", "get-answer,2"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_values_map_through_unchanged(value: float, se: float, n: int, date: float, filt: str) -> None:
    data = json.loads(MC.read_text())
    entry = data["results"]["tiny_mc"]
    del entry["acc,none"], entry["acc_stderr,none"]
    entry[f"acc,{filt}"], entry[f"acc_stderr,{filt}"] = value, se
    data["n-samples"]["tiny_mc"]["effective"] = n
    data["date"] = date
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / MC.name
        path.write_text(json.dumps(data))
        item = one(path, ConvertOptions(samples="none"))
    assert item.report is not None and not errors(item)
    ev = item.report["evaluations"][0]
    r = result(ev, metric_id("acc", filt))
    assert r["value"] == value and r["n"] == n and r["uncertainty"]["standard_error"] == se
    assert datetime.fromisoformat(ev["started"]).timestamp() == pytest.approx(date, abs=1e-6)


json_scalars = (st.none() | st.booleans() | st.integers(-5, 5) | st.integers(-10**12, 10**12) | st.floats()
                | st.text(max_size=4))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths_of(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths_of(v, (*prefix, i))
    return out


SUITE_DATA = json.loads(SUITE.read_text())
SUITE_PATHS = [p for p in paths_of(SUITE_DATA) if p]


@given(st.lists(st.tuples(st.sampled_from(SUITE_PATHS), json_values), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_malformed_variants_yield_findings_never_exceptions(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(SUITE_DATA)
    for path, new in changes:
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / SUITE.name
        target.write_text(json.dumps(data))
        for file in SUITE_DIR.glob("samples_*"):
            shutil.copy(file, Path(tmp) / file.name)
        os.environ.pop("RISKFMT_DEBUG", None)
        items = convert([target], from_="lm-eval", options=OPTIONS)
    assert len(items) == 1
    item = items[0]
    assert item.report is not None or [f.code for f in item.findings] == ["RF607"]
    if item.report is not None:
        # whatever the damage, what comes out is a valid report (content errors are findings, not crashes)
        assert not errors(item), errors(item)


# ---- the real tool (opt-in) ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="set RISKFMT_SLOW=1 to run lm-eval for real")
def test_regenerated_fixtures_convert(tmp_path: Path) -> None:
    work = tmp_path / "lm-eval"
    shutil.copytree(HERE, work)
    proc = subprocess.run(["bash", str(work / "generate.sh")], capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    items = list(LmEvalConverter().read(work, OPTIONS))
    assert len(items) == 2 and all(i.report is not None and not errors(i) for i in items)
    suite = next(i for i in items if "tiny_suite" in i.source)
    assert suite.report is not None
    assert result(evaluation(suite.report, "tiny_suite"), "acc")["n"] == 11
