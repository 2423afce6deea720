"""Every Eval Ever (EEE) in both directions, on the real records in examples/inputs/eee (lm-eval and Inspect runs
converted by every-eval-ever 0.3.0) and examples/inputs/helm/eee (HELM runs), checked against EEE's own schemas."""

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
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import Converted, ConvertOptions, convert, detect
from riskfmt.convert.eee import (
    EXTENSION,
    EeeConverter,
    deterministic_uuid,
    epoch_string,
    export_record,
    parse_timestamp,
    write_eee,
)
from riskfmt.convert.targets import OutputError
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
EEE = INPUTS / "eee"
HELM_EEE = INPUTS / "helm" / "eee"
RECORDS = sorted((EEE / "data").rglob("*.json")) + sorted((HELM_EEE / "data").rglob("*.json"))
VALID_REPORTS = sorted(p for p in (ROOT / "examples" / "reports" / "valid").iterdir()
                       if p.suffix in (".json", ".yaml", ".yml"))
OPTIONS = ConvertOptions(organization="Test Lab")


def record_path(name: str) -> Path:
    (path,) = [p for p in RECORDS if p.parent.parent.parent.name == name and "8e2f2de1" not in p.name]
    return path


TINY_MC = record_path("tiny_mc")
TINY_SUITE = record_path("tiny_suite")
TINY_GEN = record_path("tiny_gen")
TINY_EPOCHS = record_path("tiny_epochs")
TINY_SUCCESS = record_path("tiny_success")
HELM_CLASSIFICATION = record_path("simple_classification")
HELM_MCQA = HELM_EEE / "data/simple_mcqa/simple/model1/65d37b74-90f5-4a0a-9ff9-1e24703a46d7.json"
HELM_ROBUSTNESS = HELM_EEE / "data/simple_mcqa/simple/model1/6fa85289-9893-4aa9-88f0-42cbf639b18a.json"


def _validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((EEE / "schema" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


RECORD_SCHEMA = _validator("eval.schema.json")
ROW_SCHEMA = _validator("instance_level_eval.schema.json")


def one(path: Path, options: ConvertOptions = OPTIONS) -> Converted:
    items = list(EeeConverter().read(path, options))
    assert len(items) == 1
    return items[0]


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def lost(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF601"]


def defaulted(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF609"]


def results(item: Converted) -> dict[str, dict[str, Any]]:
    assert item.report is not None
    return {r["id"]: r for e in item.report["evaluations"] for r in e.get("results", [])}


def schema_errors(validator: jsonschema.Draft7Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


# ---- every fixture ---------------------------------------------------------------------------------


def test_fixture_set_is_complete() -> None:
    # 8 records from lm-eval and Inspect, 3 from HELM (EEE's README and the HELM README list them)
    assert len([p for p in RECORDS if p.is_relative_to(EEE)]) == 8
    assert len([p for p in RECORDS if p.is_relative_to(HELM_EEE)]) == 3


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem[:8])
def test_every_record_converts_to_a_valid_report(path: Path) -> None:
    item = one(path)
    assert item.report is not None
    assert errors(item) == []
    result = riskfmt.validate_data(item.report)
    assert [f.code for f in result.findings if f.severity >= Severity.ERROR] == []
    assert item.report["provenance"]["source_format"] == "every-eval-ever"
    assert item.report["provenance"]["source_version"] == "0.3.0"
    # EEE's evaluation_id embeds the retrieval time (EEE #270): kept, but never the report id
    ext = item.report["extensions"][EXTENSION]
    record = json.loads(path.read_text(encoding="utf-8"))
    assert ext["evaluation_id"] == record["evaluation_id"]
    assert ext["retrieved_timestamp"] == record["retrieved_timestamp"]
    assert ext["record_uuid"] == path.stem
    assert record["evaluation_id"] not in item.report["report_id"]
    assert any(f.startswith("evaluation_id, retrieved_timestamp") for f in lost(item))
    # the source files are pinned by digest (the record, plus its instance file when there is one)
    digests = item.report["provenance"]["source_digests"]
    assert "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest() in digests
    samples = path.with_name(path.stem + "_samples.jsonl")
    assert len(digests) == (2 if samples.exists() else 1)


def test_records_that_differ_only_in_retrieval_time_get_one_report_id() -> None:
    # tiny_success was converted twice (the invalidated copy); EEE gives them different evaluation_ids' times
    first, second = sorted((EEE / "data" / "tiny_success").rglob("*.json"))
    a, b = one(first), one(second)
    assert a.report and b.report
    assert a.report["extensions"][EXTENSION]["retrieved_timestamp"] != b.report["extensions"][EXTENSION][
        "retrieved_timestamp"]
    assert a.report["report_id"] == b.report["report_id"]


# ---- concrete facts per source -----------------------------------------------------------------------


def test_lm_eval_record_facts() -> None:
    item = one(TINY_MC, ConvertOptions())
    report = item.report
    assert report is not None
    assert report["producer"]["organization"]["name"] == {"en": "Demo Lab"}  # the record names it
    assert "producer.organization" not in defaulted(item)
    assert report["producer"]["relationship"] == "third_party"
    assert report["producer"]["tool"] == {"name": "lm_eval", "version": "0.4.13"}
    assert report["model"] == {"name": "demo-org/dummy-model", "developer": "demo-org", "access": "other",
                               "id": "demo-org/dummy-model"}
    assert "model.access" in defaulted(item)  # deployment_type and model_availability are both "unknown"
    (evaluation,) = report["evaluations"]
    assert evaluation["id"] == "tiny_mc"
    assert evaluation["task"] == {"id": "tiny_mc", "interaction": "single_turn"}
    assert evaluation["method"] == "benchmark"
    assert evaluation["started"] == "2026-11-23T10:59:57Z"  # evaluation_timestamp "1795431597"
    acc, acc_norm = evaluation["results"]
    assert acc["metric"] == {"id": "accuracy", "name": "acc", "kind": "accuracy", "unit": "1", "min": 0.0,
                             "max": 1.0, "direction": "higher_is_better"}
    assert acc_norm["metric"]["id"] == "lm-evaluation-harness.acc_norm"
    assert acc["value"] == 0.375 and acc["n"] == 8
    assert acc["uncertainty"] == {"standard_error": 0.18298126367784995, "method": "analytic"}
    assert acc["risks"] == ["R0000"] and "RF602" in [f.code for f in item.findings]
    # per-sample: the rows of the evaluation's first result (acc), content withheld, digests kept
    samples = evaluation["samples"]["inline"]
    assert len(samples) == 8
    assert samples[0]["sample_id"] == "0" and samples[0]["score"] == 1.0 and samples[0]["verdict"] == "pass"
    assert samples[0]["input_digest"] == "sha256:" + hashlib.sha256(b"Question: What is 2+2?\nAnswer:").hexdigest()
    assert "input" not in samples[0]
    assert sum(s["verdict"] == "pass" for s in samples) == 3  # 0.375 * 8
    assert any("8 row(s) of other results" in f for f in lost(item))  # acc_norm's rows


def test_lm_eval_group_record_has_a_standard_error_without_method() -> None:
    item = one(TINY_SUITE)
    by_id = results(item)
    assert by_id["acc"]["uncertainty"] == {"standard_error": 0.14679516868351478, "method": "reported"}
    assert by_id["acc"]["n"] == 15
    assert set(by_id) == {"acc", "exact_match:flexible-extract", "exact_match:strict-match"}
    # no detailed_evaluation_results: no samples at all
    assert all("samples" not in e for e in item.report["evaluations"])  # type: ignore[index]


def test_lm_eval_filters_and_generation_settings() -> None:
    item = one(TINY_GEN)
    assert item.report is not None
    strict, flexible = item.report["evaluations"]
    assert strict["task"]["id"] == "tiny_gen/strict-match" and flexible["task"]["id"] == "tiny_gen/flexible-extract"
    assert strict["task"]["dataset"] == {"name": "tiny_gen"}
    assert strict["settings"] == {"max_tokens": 16, "num_fewshot": 0,
                                  "other": {"until": '["\\n"]', "do_sample": "false"}}
    assert strict["results"][0]["value"] == 0.5 and strict["results"][0]["n"] == 4
    assert len(strict["samples"]["inline"]) == 4 and len(flexible["samples"]["inline"]) == 4


def test_inspect_record_facts() -> None:
    item = one(TINY_EPOCHS)
    report = item.report
    assert report is not None
    assert report["producer"]["tool"] == {"name": "inspect", "version": "inspect_ai:0.3.285"}
    assert report["model"]["name"] == "hf/mockllm/model" and report["model"]["id"] == "mockllm/model"
    assert report["model"]["inference_engine"] == {"name": "hf", "version": "unknown"}
    assert "model.inference_engine.version" in defaulted(item)
    # two reducers per scorer with the same evaluation_result_id: one value per measurement per evaluation
    assert [e["id"] for e in report["evaluations"]] == ["tiny_epochs", "tiny_epochs-2", "tiny_epochs-3",
                                                         "tiny_epochs-4"]
    first = report["evaluations"][0]
    assert first["task"] == {"id": "tiny_epochs", "dataset": {"size": 6}, "interaction": "single_turn"}
    assert first["started"] == "2026-11-23T10:59:18Z"  # "1795431558.0"
    assert first["settings"] == {"seed": 0, "other": {"reasoning": False}}  # seed from eval_plan.config
    precision = results(item)["answer_precision:mean"]
    assert precision["metric"]["id"] == "inspect_ai.mean" and precision["metric"]["direction"] == "higher_is_better"
    assert precision["uncertainty"]["standard_deviation"] == 0.409666305261571
    assert any("direction" in f for f in defaulted(item))  # EEE says polarity unknown
    assert "metric" not in results(item)["answer_precision:mean"] or "min" not in precision["metric"]
    # 72 rows = every (scorer, sample, epoch) twice: the duplicates are kept once, epochs come from metadata
    samples = first["samples"]["inline"]
    assert len(samples) == 12
    assert {s["epoch"] for s in samples} == {1, 2}
    assert any("exact duplicates" in f.params.get("why", "") for f in item.findings if f.code == "RF601")
    assert any(f.startswith("evaluation_results (tiny_epochs)") for f in lost(item))


def test_inspect_scorers_sharing_a_metric_id_get_separate_evaluations() -> None:
    item = one(TINY_SUCCESS)
    assert item.report is not None
    first, second = item.report["evaluations"]
    assert [r["id"] for r in first["results"]] == ["includes:accuracy"]
    assert [r["id"] for r in second["results"]] == ["match:accuracy"]
    assert first["results"][0]["metric"]["id"] == second["results"][0]["metric"]["id"] == "accuracy"
    # each keeps the rows of its own scorer
    assert len(first["samples"]["inline"]) == len(second["samples"]["inline"]) == 6


def test_helm_record_facts() -> None:
    item = one(HELM_CLASSIFICATION, ConvertOptions())
    report = item.report
    assert report is not None
    # EEE's HELM converter writes source_organization_name "unknown": that is no organization
    assert report["producer"]["organization"]["name"] == {"en": "unknown"}
    assert {"producer.organization", "producer.tool.version"} <= set(defaulted(item))
    assert report["producer"]["tool"] == {"name": "helm", "version": "unknown"}
    assert report["model"]["inference_platform"] == "simple"
    (evaluation,) = report["evaluations"]
    assert evaluation["settings"]["temperature"] == 0.0 and evaluation["settings"]["max_tokens"] == 5
    assert evaluation["settings"]["other"]["stop_sequences"] == '["\\n"]'
    by_id = results(item)
    assert len(by_id) == 14
    assert by_id["exact_match:test"]["slice"] == {"split": "test"}
    assert by_id["exact_match:test:robustness"]["slice"] == {"split": "test", "perturbation": "robustness"}
    assert by_id["exact_match:test"]["n"] == 5 and "uncertainty" not in by_id["exact_match:test"]
    assert "RF610" in [f.code for f in item.findings]
    # 3 train trials: 15 rows for 5 instances, with nothing telling the trials apart: the first is kept
    assert len(evaluation["samples"]["inline"]) == 5
    assert any("they repeat the sample id" in f.params.get("why", "") for f in item.findings if f.code == "RF601")
    ext = report["extensions"][EXTENSION]["results"]
    assert ext[0]["details"] == {"num_train_trials": "3", "stddev_across_train_trials": "0.0", "perturbation": ""}


def test_helm_result_ids_are_made_valid_but_eee_ids_are_kept() -> None:
    item = one(HELM_MCQA)
    by_id = results(item)
    assert "exact_match-5:test" in by_id  # "@" is not allowed in a riskfmt id
    residues = item.report["extensions"][EXTENSION]["results"]  # type: ignore[index]
    assert residues[1]["evaluation_result_id"] == "exact_match@5:test" and residues[1]["result"] == "exact_match-5:test"


def test_fields_the_fixtures_do_not_use(tmp_path: Path) -> None:
    """url sources, judges, confidence intervals, bootstrap counts, unknown SE methods, bounds to infinity."""
    record = json.loads(TINY_SUITE.read_text(encoding="utf-8"))
    result = record["evaluation_results"][0]
    result["source_data"] = {"dataset_name": "tiny", "source_type": "url",
                             "url": ["https://example.org/a.jsonl", "https://example.org/b.jsonl"]}
    result["metric_config"]["llm_scoring"] = {
        "judges": [{"model_info": {"name": "Judge", "id": "org/judge-1",
                                   "additional_details": {"deployment_type": "unknown",
                                                          "model_availability": "unknown"}}}],
        "input_prompt": "Grade: {answer}", "aggregation_method": "average"}
    result["metric_config"]["max_score"] = "Infinity"
    result["score_details"]["uncertainty"] = {
        "standard_error": {"value": 0.1, "method": "jackknife"},
        "confidence_interval": {"lower": 0.3, "upper": 0.7, "confidence_level": 0.9, "method": "percentile"},
        "standard_deviation": 0.4, "num_samples": 15, "num_bootstrap_samples": 1000}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    item = one(path)
    evaluation = item.report["evaluations"][0]  # type: ignore[index]
    assert evaluation["task"]["dataset"] == {"name": "tiny", "location": "https://example.org/a.jsonl"}
    assert evaluation["judges"] == ["org/judge-1"]
    first = evaluation["results"][0]
    assert first["metric"]["min"] == 0.0 and "max" not in first["metric"]
    assert first["uncertainty"] == {"standard_error": 0.1, "method": "other", "standard_deviation": 0.4,
                                    "num_bootstrap": 1000,
                                    "ci": {"lower": 0.3, "upper": 0.7, "level": 0.9, "method": "percentile"}}
    assert any(f.endswith("standard_error.method") for f in lost(item))
    back = export_record(item.report, item).record  # type: ignore[arg-type]
    assert schema_errors(RECORD_SCHEMA, back) == []
    _assert_same(_normalise_record(record, record), _normalise_record(back, record))


def test_samples_file_given_converts_its_record() -> None:
    item = one(TINY_MC.with_name(TINY_MC.stem + "_samples.jsonl"))
    assert item.source == str(TINY_MC) and item.report is not None


# ---- the instance file -----------------------------------------------------------------------------


def _copy_record(tmp: Path, path: Path = TINY_MC) -> tuple[Path, Path]:
    shutil.copy(path, tmp / path.name)
    samples = path.with_name(path.stem + "_samples.jsonl")
    shutil.copy(samples, tmp / samples.name)
    return tmp / path.name, tmp / samples.name


def test_samples_checksum_mismatch_is_a_finding(tmp_path: Path) -> None:
    record, samples = _copy_record(tmp_path)
    samples.write_bytes(samples.read_bytes().replace(b'"score": 1.0', b'"score": 0.0', 1))
    item = one(record)
    (finding,) = [f for f in item.findings if f.code == "RF510"]
    assert finding.severity == Severity.ERROR and finding.location.pointer == "/detailed_evaluation_results/checksum"
    assert item.report is not None  # still converted


def test_samples_row_count_mismatch_and_missing_file(tmp_path: Path) -> None:
    record, samples = _copy_record(tmp_path)
    lines = samples.read_bytes().splitlines(keepends=True)
    samples.write_bytes(b"".join(lines[:-1]))
    codes = [f.code for f in one(record).findings]
    assert "RF510" in codes and "RF511" in codes
    samples.unlink()
    item = one(record)
    (missing,) = [f for f in item.findings if f.code == "RF509"]
    assert missing.severity == Severity.WARNING
    assert item.report is not None and "samples" not in item.report["evaluations"][0]


def test_include_content_keeps_inputs_outputs_and_targets() -> None:
    item = one(TINY_MC, ConvertOptions(include_content=True))
    sample = item.report["evaluations"][0]["samples"]["inline"][0]  # type: ignore[index]
    assert sample["input"] == "Question: What is 2+2?\nAnswer:"
    assert sample["output"] == "4" and sample["target"] == "1"


def test_samples_none_and_file() -> None:
    assert "samples" not in one(TINY_MC, ConvertOptions(samples="none")).report["evaluations"][0]  # type: ignore[index]
    item = one(TINY_MC, ConvertOptions(samples="file"))
    assert item.samples_files and item.samples_files[0][0] == "tiny_mc" and len(item.samples_files[0][1]) == 8


# ---- detection ---------------------------------------------------------------------------------------


def _eee_owned(path: Path) -> bool:
    for data in (EEE / "data", HELM_EEE / "data"):
        if path == data or path.is_relative_to(data) or path in (data.parent,):
            return True
    return False


def test_detect_picks_eee_for_records_samples_and_datastore_folders() -> None:
    paths = [*RECORDS, TINY_MC.with_name(TINY_MC.stem + "_samples.jsonl"), EEE, HELM_EEE, EEE / "data",
             TINY_MC.parent, TINY_MC.parent.parent]
    for path in paths:
        found = detect(path)
        assert found is not None and found.name == "eee", path


def test_detect_never_picks_eee_for_other_inputs() -> None:
    checked = 0
    for tool in sorted(INPUTS.iterdir()):
        candidates = [tool, *(p for p in tool.rglob("*") if ".venv" not in p.parts)]
        for path in candidates:
            if _eee_owned(path):
                continue
            found = detect(path)
            assert found is None or found.name != "eee", path
            checked += 1
    # EEE's own schema and validator output are JSON but not records
    for path in (EEE / "schema" / "eval.schema.json", EEE / "logs" / "validate.json", HELM_EEE / "validate.json"):
        assert not EeeConverter().sniff(path)
    for path in VALID_REPORTS:
        assert not EeeConverter().sniff(path)
    assert checked > 50


@given(st.binary(max_size=300))
def test_sniff_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.json"
        path.write_bytes(data)
        assert EeeConverter().sniff(path) in (True, False)


# ---- malformed input ----------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_malformed_records_give_findings_never_exceptions(data: st.DataObject) -> None:
    record = json.loads(TINY_MC.read_text(encoding="utf-8"))
    # replace one field somewhere in the record by arbitrary JSON
    target = data.draw(st.sampled_from(["source_metadata", "model_info", "eval_library", "evaluation_results",
                                        "result", "metric_config", "score_details", "uncertainty", "source_data",
                                        "generation_config", "detailed_evaluation_results"]))
    junk = data.draw(_JSON)
    result = record["evaluation_results"][0]
    if target == "result":
        record["evaluation_results"][0] = junk
    elif target in ("metric_config", "score_details", "source_data", "generation_config"):
        result[target] = junk
    elif target == "uncertainty":
        result["score_details"]["uncertainty"] = junk
    else:
        record[target] = junk
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / TINY_MC.name
        path.write_text(json.dumps(record), encoding="utf-8")
        items = list(EeeConverter().read(path, OPTIONS))
    assert len(items) == 1
    item = items[0]
    assert item.report is not None or "RF607" in [f.code for f in item.findings]
    if item.report is not None:
        # whatever came in, the output is a report; and it can always be written back as EEE
        assert export_record(item.report, item).record["schema_version"] == "0.3.0"


@pytest.mark.parametrize("content", [b"", b"{", b"[1, 2]", b'{"evaluation_results": 3}', b"\xff\xfe", b"null"])
def test_unreadable_records_are_rf607(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    item = one(path)
    assert item.report is None and "RF607" in [f.code for f in item.findings]


# ---- timestamps -------------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=4_000_000_000))
def test_epoch_timestamps_round_trip(seconds: int) -> None:
    text = parse_timestamp(str(seconds))
    assert text is not None and text.endswith("Z")
    assert epoch_string(text) == str(seconds)
    assert parse_timestamp(f"{seconds}.0") == text


@given(st.datetimes(timezones=st.none()))
def test_timestamps_without_zone_are_not_given_one(moment: Any) -> None:
    assert parse_timestamp(moment.isoformat(timespec="seconds")) is None


def test_iso_timestamps_with_zone() -> None:
    assert parse_timestamp("2026-10-28T10:00:00+08:00") == "2026-10-28T02:00:00Z"
    assert parse_timestamp("2026-10-28") is None
    assert parse_timestamp("yesterday") is None


def test_undated_evaluation_timestamp_is_lost_not_invented(tmp_path: Path) -> None:
    record = json.loads(TINY_SUITE.read_text(encoding="utf-8"))
    for result in record["evaluation_results"]:
        result["evaluation_timestamp"] = "2026-11-23 10:59:57"
    path = tmp_path / TINY_SUITE.name
    path.write_text(json.dumps(record), encoding="utf-8")
    item = one(path)
    assert all("started" not in e for e in item.report["evaluations"])  # type: ignore[index]
    assert any(f.endswith("evaluation_timestamp") for f in lost(item))
    back = export_record(item.report, item).record  # type: ignore[arg-type]
    assert {r["evaluation_timestamp"] for r in back["evaluation_results"]} == {"2026-11-23 10:59:57"}


# ---- export: schema validity, layout, findings --------------------------------------------------------


def _write(items: list[Converted], out: Path, options: ConvertOptions = OPTIONS) -> list[Any]:
    return write_eee(items, out, options, "en")


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem[:8])
def test_export_validates_against_eee_schemas(path: Path, tmp_path: Path) -> None:
    item = one(path)
    _write([item], tmp_path)
    (written,) = sorted(tmp_path.rglob("*.json"))
    record = json.loads(written.read_text(encoding="utf-8"))
    assert schema_errors(RECORD_SCHEMA, record) == []
    # EEE's datastore layout, under the original uuid
    assert written.relative_to(tmp_path).as_posix() == path.relative_to(path.parents[4]).as_posix()
    der = record.get("detailed_evaluation_results")
    if der is None:
        assert not list(tmp_path.rglob("*.jsonl"))
        return
    samples = tmp_path / der["file_path"]
    assert samples.is_file() and samples.parent == written.parent
    body = samples.read_bytes()
    assert der["checksum"] == hashlib.sha256(body).hexdigest()
    rows = [json.loads(line) for line in body.splitlines()]
    assert der["total_rows"] == len(rows) > 0
    for row in rows:
        assert schema_errors(ROW_SCHEMA, row) == []
        assert row["evaluation_id"] == record["evaluation_id"]


@pytest.mark.parametrize("path", VALID_REPORTS, ids=lambda p: p.name)
def test_riskfmt_reports_export_to_valid_eee(path: Path, tmp_path: Path) -> None:
    (item,) = convert([path])
    findings = _write([item], tmp_path)
    (written,) = sorted(tmp_path.rglob("*.json"))
    record = json.loads(written.read_text(encoding="utf-8"))
    assert schema_errors(RECORD_SCHEMA, record) == []
    for samples in tmp_path.rglob("*.jsonl"):
        for line in samples.read_text(encoding="utf-8").splitlines():
            assert schema_errors(ROW_SCHEMA, json.loads(line)) == []
    fields = {f.params["field"] for f in findings if f.code == "RF601"}
    # every riskfmt fact without an EEE field is a finding, and is written to an additional_details string
    assert {"results[].risks", "marking.tlp", "report_id", "model.version"} <= fields
    details = record["source_metadata"]["additional_details"]
    assert details["riskfmt_report_id"] == item.report["report_id"]  # type: ignore[index]
    assert details["riskfmt_tlp"] == item.report["marking"]["tlp"]  # type: ignore[index]
    for result in record["evaluation_results"]:
        assert result["metric_config"]["additional_details"]["riskfmt_risks"]
        assert ": " in result["metric_config"]["additional_details"]["riskfmt_risk_labels"]  # id: label
    for holder in _string_maps(record):
        assert all(isinstance(v, str) for v in holder.values())


def _string_maps(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("additional_details", "details") and isinstance(value, dict):
                out.append(value)
            out.extend(_string_maps(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_string_maps(value))
    return out


def test_bilingual_report_facts_in_eee(tmp_path: Path) -> None:
    (item,) = convert([ROOT / "examples/reports/valid/bilingual-red-team.yaml"])
    findings = _write([item], tmp_path)
    record = json.loads(next(tmp_path.rglob("*.json")).read_text(encoding="utf-8"))
    (result,) = record["evaluation_results"]
    assert result["metric_config"]["lower_is_better"] is True
    assert result["metric_config"]["additional_details"]["riskfmt_risks"] == "R0010"
    assert result["score_details"]["uncertainty"] == {
        "standard_error": {"value": 0.0461, "method": "binomial"},
        "confidence_interval": {"lower": 0.0809, "upper": 0.2612, "confidence_level": 0.95, "method": "wilson"},
        "num_samples": 60}
    assert result["metric_config"]["llm_scoring"]["judges"][0]["model_info"]["id"] == "example-judge-1"
    assert record["model_info"]["additional_details"]["deployment_type"] == "externally_managed"  # access: api
    assert json.loads(record["source_metadata"]["additional_details"]["riskfmt_organization_name"])["zh"] == \
        "示例人工智能安全研究所"
    fields = {f.params["field"] for f in findings if f.code == "RF601"}
    assert "evaluations without results (qualitative findings)" in fields  # the manual red-team findings
    rows = [json.loads(line) for line in next(tmp_path.rglob("*.jsonl")).read_text(encoding="utf-8").splitlines()]
    found = [(r["sample_id"], r["evaluation"]["is_correct"], (r["metadata"] or {}).get("riskfmt_verdict"))
             for r in rows]
    assert found == [("sr-001", False, None), ("sr-002", True, None), ("sr-003", False, "refused")]


def test_layout_and_deterministic_uuid(tmp_path: Path) -> None:
    (item,) = convert([ROOT / "examples/reports/valid/minimal.json"])
    _write([item], tmp_path / "a")
    _write([item], tmp_path / "b")
    (a,) = (tmp_path / "a").rglob("*.json")
    (b,) = (tmp_path / "b").rglob("*.json")
    assert a.relative_to(tmp_path / "a") == b.relative_to(tmp_path / "b")
    uid = deterministic_uuid(item.report["report_id"])  # type: ignore[index]
    assert a.relative_to(tmp_path / "a").as_posix() == f"data/truthfulqa_mc2/Example_AI/example-model-7b/{uid}.json"
    assert uid[14] == "4"  # EEE's file-name pattern wants version-4 bits


def test_single_file_output_and_refusals(tmp_path: Path) -> None:
    item = one(TINY_MC)
    out = tmp_path / "one.json"
    _write([item], out)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert (tmp_path / Path(record["detailed_evaluation_results"]["file_path"]).name).is_file()
    with pytest.raises(OutputError):
        _write([item, one(TINY_GEN)], tmp_path / "two.json")
    # never over an input: exporting the datastore into itself would rewrite the source files
    copy_root = tmp_path / "store"
    shutil.copytree(EEE / "data" / "tiny_mc", copy_root / "data" / "tiny_mc")
    items = convert([copy_root])
    with pytest.raises(OutputError):
        _write(items, copy_root)


def test_stdout_export_has_no_rows(capsys: pytest.CaptureFixture[str]) -> None:
    findings = _write([one(TINY_MC)], None)  # type: ignore[arg-type]
    record = json.loads(capsys.readouterr().out)
    assert "detailed_evaluation_results" not in record
    assert "instance rows (samples)" in {f.params["field"] for f in findings if f.code == "RF601"}


# ---- round trips --------------------------------------------------------------------------------------
#
# EEE -> riskfmt -> EEE gives back the record. Normalised, and only these, because they legitimately differ:
#   1. keys starting with "riskfmt_" in additional_details / details: riskfmt facts the export adds (risk ids
#      and labels, TLP, report id, evaluation id); a details/additional_details map that is empty after removing
#      them and was absent from the original is dropped;
#   2. detailed_evaluation_results.checksum and total_rows: the instance file is rewritten from riskfmt's
#      per-sample view (one row per sample and epoch, for the evaluation's first result, content withheld), so
#      its bytes differ; its format, path and hash algorithm must match;
#   3. instance rows are compared on the fields both formats share (ids, sample id, epoch, score, is_correct,
#      and, with --include-content, input.raw, reference and output.raw), against the original rows of the
#      evaluations' first results with exact duplicates and indistinguishable repeats dropped.


def _strip_riskfmt(node: Any, original: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key.startswith("riskfmt_"):
                continue
            ref = original.get(key) if isinstance(original, dict) else None
            cleaned = _strip_riskfmt(value, ref)
            if key in ("details", "additional_details") and cleaned == {} and not ref:
                continue
            out[key] = cleaned
        return out
    if isinstance(node, list):
        return [_strip_riskfmt(v, original[i] if isinstance(original, list) and i < len(original) else None)
                for i, v in enumerate(node)]
    return node


def _normalise_record(record: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    out = _strip_riskfmt(copy.deepcopy(record), original)
    if "detailed_evaluation_results" in out:
        for key in ("checksum", "total_rows"):
            out["detailed_evaluation_results"].pop(key, None)
    return out


def _assert_same(expected: Any, found: Any, path: str = "") -> None:
    """Field-by-field comparison that names the first differing path."""
    if isinstance(expected, dict) and isinstance(found, dict):
        assert set(expected) == set(found), f"{path}: keys {sorted(set(expected) ^ set(found))}"
        for key in expected:
            _assert_same(expected[key], found[key], f"{path}/{key}")
    elif isinstance(expected, list) and isinstance(found, list):
        assert len(expected) == len(found), f"{path}: {len(expected)} != {len(found)} items"
        for index, (a, b) in enumerate(zip(expected, found, strict=True)):
            _assert_same(a, b, f"{path}/{index}")
    else:
        assert expected == found and isinstance(expected, bool) == isinstance(found, bool), \
            f"{path}: {expected!r} != {found!r}"


def _row_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["evaluation_name"], row.get("evaluation_result_id"), str(row["sample_id"]),
            (row.get("metadata") or {}).get("epoch"))


def _shared_row(row: dict[str, Any], content: bool) -> dict[str, Any]:
    shared = {"evaluation_id": row["evaluation_id"], "model_id": row["model_id"],
              "evaluation_name": row["evaluation_name"], "evaluation_result_id": row.get("evaluation_result_id"),
              "sample_id": row["sample_id"], "interaction_type": row["interaction_type"],
              "score": row["evaluation"]["score"], "is_correct": row["evaluation"]["is_correct"],
              "epoch": (row.get("metadata") or {}).get("epoch")}
    if content:
        shared.update(input=row["input"]["raw"], reference=row["input"]["reference"],
                      output=(row.get("output") or {}).get("raw"))
    return shared


def eee_round_trip(path: Path, tmp: Path, options: ConvertOptions | None = None) -> None:
    # no --organization: a fact the user adds (HELM records say "unknown") would legitimately change the record
    options = options or ConvertOptions()
    original = json.loads(path.read_text(encoding="utf-8"))
    item = one(path, options)
    assert item.report is not None
    _write([item], tmp, options)
    (written,) = list(tmp.rglob("*.json"))
    back = json.loads(written.read_text(encoding="utf-8"))
    _assert_same(_normalise_record(original, original), _normalise_record(back, original))
    if "detailed_evaluation_results" not in original:
        return
    content = options.include_content
    new_rows = [json.loads(line) for line in (tmp / back["detailed_evaluation_results"]["file_path"]).read_text(
        encoding="utf-8").splitlines()]
    old_rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for line in path.with_name(path.stem + "_samples.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        old_rows.setdefault(_row_key(row), row)  # the first of repeats, as the import keeps it
    assert new_rows
    for row in new_rows:
        _assert_same(_shared_row(old_rows[_row_key(row)], content), _shared_row(row, content))


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem[:8])
def test_eee_riskfmt_eee_round_trip(path: Path, tmp_path: Path) -> None:
    eee_round_trip(path, tmp_path)


@pytest.mark.parametrize("path", [TINY_MC, TINY_EPOCHS, HELM_ROBUSTNESS], ids=lambda p: p.stem[:8])
def test_eee_round_trip_with_content(path: Path, tmp_path: Path) -> None:
    eee_round_trip(path, tmp_path, ConvertOptions(include_content=True))


@pytest.mark.parametrize("path", VALID_REPORTS, ids=lambda p: p.name)
def test_riskfmt_eee_riskfmt_round_trip(path: Path, tmp_path: Path) -> None:
    """riskfmt -> EEE -> riskfmt. Normalised, and only these: provenance and extensions.every-eval-ever (they
    describe the new conversion), and model.id, which EEE requires (a report without one gets its name)."""
    (item,) = convert([path])
    original = item.report
    assert original is not None
    _write([item], tmp_path)
    record = next(tmp_path.rglob("*.json"))
    # the marking comes back as the stricter of the recorded one and the one asked for (here CLEAR)
    back = one(record, ConvertOptions(tlp="CLEAR"))
    assert errors(back) == []
    report = back.report
    assert report is not None
    assert report["report_id"] == original["report_id"]
    report = copy.deepcopy(report)
    report.pop("provenance")
    report["extensions"].pop(EXTENSION)
    if not report["extensions"]:
        del report["extensions"]
    assert report["model"].pop("id") == original["model"].get("id", original["model"]["name"])
    expected = copy.deepcopy(original)
    expected["model"].pop("id", None)
    expected.pop("provenance", None)
    _assert_same(json.loads(json.dumps(expected)), _floats_as_json(report))


def _floats_as_json(report: dict[str, Any]) -> Any:
    # a sample score of 1 comes back as 1.0 (EEE scores are numbers; riskfmt stores floats): same JSON number
    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: fix(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fix(v) for v in node]
        if isinstance(node, float) and node.is_integer():
            return int(node)
        return node
    return fix(json.loads(json.dumps(report)))


OTHER_SOURCES = [INPUTS / "inspect" / "tiny_epochs.eval", INPUTS / "lm-eval" / "tiny_suite",
                 INPUTS / "helm" / "benchmark_output" / "runs" / "v1", INPUTS / "openai-evals" / "tiny-includes.jsonl"]


@pytest.mark.parametrize("include_content", [False, True], ids=["digests", "content"])
@pytest.mark.parametrize("source", OTHER_SOURCES, ids=lambda p: p.parent.name + "/" + p.name)
def test_other_converters_reports_survive_eee(source: Path, include_content: bool, tmp_path: Path) -> None:
    """riskfmt reports made by the other converters from their real fixtures: riskfmt -> EEE -> riskfmt is
    exact but for provenance, the EEE extension and model.id (the same normalisations as above)."""
    if detect(source) is None:
        pytest.skip(f"no converter for {source} in this checkout")
    options = ConvertOptions(organization="Test Lab", include_content=include_content)
    items = [i for i in convert([source], options=options) if i.report is not None]
    assert items
    for index, item in enumerate(items):
        out = tmp_path / str(index)
        _write([item], out)
        for written in out.rglob("*.json"):
            assert schema_errors(RECORD_SCHEMA, json.loads(written.read_text(encoding="utf-8"))) == []
        (back,) = convert([out], from_="eee", options=ConvertOptions(tlp="CLEAR", include_content=include_content))
        assert back.report is not None and errors(back) == []
        expected, found = copy.deepcopy(item.report), copy.deepcopy(back.report)
        assert expected is not None
        for report in (expected, found):
            report.pop("provenance", None)
            (report.get("extensions") or {}).pop(EXTENSION, None)
            if "extensions" in report and not report["extensions"]:
                del report["extensions"]
        if "id" not in expected["model"]:
            found["model"].pop("id")
        _assert_same(_floats_as_json(expected), _floats_as_json(found))


def test_samples_in_a_file_are_exported(tmp_path: Path) -> None:
    from riskfmt.convert.targets import write_riskfmt

    item = one(TINY_MC, ConvertOptions(samples="file"))
    report_path = tmp_path / "r.json"
    write_riskfmt([item], report_path, ConvertOptions(samples="file"), "en")
    (native,) = convert([report_path])
    assert native.report is not None and "file" in native.report["evaluations"][0]["samples"]
    _write([native], tmp_path / "store")
    (rows_file,) = (tmp_path / "store").rglob("*.jsonl")
    assert len(rows_file.read_text(encoding="utf-8").splitlines()) == 8


def test_round_trip_restores_tlp_and_never_weakens_it(tmp_path: Path) -> None:
    (item,) = convert([ROOT / "examples/reports/valid/bilingual-red-team.yaml"])
    _write([item], tmp_path)
    record = next(tmp_path.rglob("*.json"))
    assert one(record, ConvertOptions(tlp="CLEAR")).report["marking"]["tlp"] == "AMBER"  # type: ignore[index]
    assert one(record, ConvertOptions(tlp="RED")).report["marking"]["tlp"] == "RED"  # type: ignore[index]


# a property: perturbed values and strings of real records survive EEE -> riskfmt -> EEE

_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
_FLOAT = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([TINY_MC, TINY_SUITE, TINY_EPOCHS, HELM_ROBUSTNESS]), st.data())
def test_perturbed_records_round_trip(path: Path, data: st.DataObject) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    record.pop("detailed_evaluation_results", None)  # the rows are compared by the fixture round trips
    record["source_metadata"]["source_organization_name"] = data.draw(_TEXT.filter(
        lambda s: s.strip() and s.strip().lower() != "unknown" and s == s.strip()))
    record["model_info"]["name"] = data.draw(_TEXT)
    record["model_info"]["id"] = data.draw(_TEXT)
    record["eval_library"]["version"] = data.draw(_TEXT.filter(lambda s: s not in ("unknown",)))
    for result in record["evaluation_results"]:
        if data.draw(st.booleans()):
            result["evaluation_name"] = data.draw(_TEXT)
        mc, sd = result["metric_config"], result["score_details"]
        mc["metric_id"] = data.draw(_TEXT)
        mc["lower_is_better"] = data.draw(st.booleans())
        sd["score"] = data.draw(_FLOAT | st.integers(min_value=-1000, max_value=1000))
        uncertainty = sd.setdefault("uncertainty", {})
        uncertainty["num_samples"] = data.draw(st.integers(min_value=0, max_value=10**6))
        if data.draw(st.booleans()):
            uncertainty["standard_error"] = {"value": data.draw(st.floats(min_value=0, max_value=1e3))}
            if data.draw(st.booleans()):
                uncertainty["standard_error"]["method"] = data.draw(st.sampled_from(["analytic", "bootstrap",
                                                                                     "jackknife"]))
        if data.draw(st.booleans()):
            low = data.draw(_FLOAT)
            uncertainty["confidence_interval"] = {"lower": low, "upper": low + data.draw(st.floats(0, 10)),
                                                  "confidence_level": data.draw(st.floats(0.01, 0.999))}
        if "min_score" in mc:
            mc["min_score"] = data.draw(_FLOAT)
            mc["max_score"] = data.draw(_FLOAT | st.just("Infinity"))
        result["evaluation_timestamp"] = data.draw(st.sampled_from([
            str(data.draw(st.integers(min_value=0, max_value=4_000_000_000))),
            f"{data.draw(st.integers(min_value=0, max_value=4_000_000_000))}.0"]))
        mc["metric_unit"] = data.draw(st.sampled_from(["proportion", "Proportion", "percent", "%", "points"]))
        if data.draw(st.booleans()):
            mc["metric_name"] = data.draw(_TEXT)
        source = result["source_data"]
        if data.draw(st.booleans()):
            source["dataset_name"] = data.draw(_TEXT)
        if source["source_type"] == "hf_dataset" and data.draw(st.booleans()):
            source["hf_repo"] = data.draw(_TEXT | st.just("https://example.org/data"))
            source["hf_split"] = data.draw(_TEXT)
        config = result.setdefault("generation_config", {})
        args = config.setdefault("generation_args", {})
        if data.draw(st.booleans()):
            args["temperature"] = data.draw(st.floats(min_value=0, max_value=2))
            args["top_k"] = data.draw(st.integers(1, 100) | st.floats(1, 100))
        details = config.setdefault("additional_details", {})
        for key in data.draw(st.lists(st.sampled_from(["seed", "num_fewshot", "epochs", "until", "stop"]),
                                      max_size=3)):
            details[key] = data.draw(st.sampled_from(["7", "012", "+3", "-1", "x"]) | _TEXT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / "in" / path.name
        source.parent.mkdir()
        source.write_text(json.dumps(record), encoding="utf-8")
        item = one(source)
        assert item.report is not None
        # the riskfmt side holds the perturbed values themselves, not copies in the extension
        values = sorted(r["value"] for e in item.report["evaluations"] for r in e.get("results", []))
        assert values == sorted(float(r["score_details"]["score"]) for r in record["evaluation_results"])
        exported = export_record(item.report, item).record
        assert schema_errors(RECORD_SCHEMA, exported) == []
        _assert_same(_normalise_record(record, record), _normalise_record(exported, record))


def test_edited_report_exports_the_edit_not_the_extension() -> None:
    item = one(TINY_MC)
    report = copy.deepcopy(item.report)
    assert report is not None
    result = report["evaluations"][0]["results"][0]
    result["value"], result["n"] = 0.5, 10
    result["uncertainty"] = {"standard_error": 0.1, "method": "bootstrap"}
    report["evaluations"][0]["started"] = "2026-01-01T00:00:00Z"
    report["model"]["access"] = "open_weights"
    record = export_record(report).record
    first = record["evaluation_results"][0]
    assert first["score_details"]["score"] == 0.5
    assert first["score_details"]["uncertainty"] == {"standard_error": {"value": 0.1, "method": "bootstrap"},
                                                     "num_samples": 10}
    assert first["evaluation_timestamp"] == "1767225600"
    assert record["model_info"]["additional_details"]["model_availability"] == "open_weights"
    assert schema_errors(RECORD_SCHEMA, record) == []


# ---- the command line -----------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_cli_convert_and_back(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    run = _cli("convert", str(TINY_MC), "-o", str(out), "--organization", "Test Lab")
    assert run.returncode == 0, run.stdout + run.stderr
    check = _cli("validate", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    store = tmp_path / "store"
    run = _cli("convert", str(out), "--to", "eee", "-o", str(store))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "RF601" in run.stdout
    (record,) = store.rglob("*.json")
    assert record.name == TINY_MC.name
    assert schema_errors(RECORD_SCHEMA, json.loads(record.read_text(encoding="utf-8"))) == []


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="regenerates fixtures with the real tools: "
                                                                  "RISKFMT_SLOW=1")
def test_regenerated_fixtures_convert(tmp_path: Path) -> None:
    work = tmp_path / "eee"
    shutil.copytree(EEE, work, ignore=shutil.ignore_patterns("data", "logs"))
    # the copy is not next to ../lm-eval and ../inspect: the script is told where its inputs are
    run = subprocess.run(["bash", "generate.sh"], cwd=work, capture_output=True, text=True, timeout=1800,
                         env={**os.environ, "INPUTS": str(INPUTS)})
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    items = convert([work / "data"], from_="eee", options=OPTIONS)
    assert len(items) >= 8
    for item in items:
        assert item.report is not None and errors(item) == []
        assert not math.isnan(item.report["evaluations"][0]["results"][0]["value"])


@pytest.mark.parametrize(("name", "description", "task", "metric"), [
    # EEE's current Inspect adapter: "<metric> on <task> for scorer <scorer>"
    ("accuracy on arc_easy for scorer choice", "accuracy", "arc_easy", "choice/accuracy"),
    ("mean on cvebench for scorer check_exploit", "mean", "cvebench", "check_exploit/mean"),
    # its first version (EEE 0.1.0): the scorer, the metric in evaluation_description, the task only as a dataset
    ("choice", "accuracy", "ai2_arc", "choice/accuracy"),
    # anything else keeps its EEE names
    ("Accuracy on IFEval", "Accuracy on IFEval", "Accuracy on IFEval", "score"),
])
def test_inspect_origin_results_are_named_as_the_inspect_converter_names_them(
        name: str, description: str, task: str, metric: str) -> None:
    from riskfmt.convert.eee import inspect_identity

    got_task, got_metric = inspect_identity(
        name, {"id": name, "dataset": {"name": "ai2_arc", "location": "allenai/ai2_arc"}},
        {"id": "score", "direction": "higher_is_better"}, {"evaluation_description": description})
    assert got_task["id"] == task and got_metric["id"] == metric
    assert got_task["dataset"]["location"] == "allenai/ai2_arc"
