"""The Inspect converter, on the real logs in examples/inputs/inspect (inspect-ai 0.3.285), .eval and .json."""

from __future__ import annotations

import copy
import json
import math
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import Converted, ConvertOptions, detect, get
from riskfmt.convert.inspect_ai import InspectConverter, metric_id, parse_date, score_to_float
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
HERE = INPUTS / "inspect"
LOGS = ["tiny_success", "tiny_epochs", "tiny_error", "tiny_invalidated"]
FIXTURES = [HERE / f"{name}.{suffix}" for name in LOGS for suffix in ("eval", "json")]
OPTIONS = ConvertOptions(organization="Test Lab")


def one(path: Path, options: ConvertOptions = OPTIONS) -> Converted:
    items = list(InspectConverter().read(path, options))
    assert len(items) == 1
    return items[0]


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def lost(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF601"]


def codes(item: Converted) -> list[str]:
    return [f.code for f in item.findings]


def results(item: Converted) -> dict[str, dict[str, Any]]:
    assert item.report is not None
    return {r["metric"]["id"]: r for r in item.report["evaluations"][0].get("results", [])}


def rows(item: Converted) -> list[dict[str, Any]]:
    assert item.report is not None
    return item.report["evaluations"][0].get("samples", {}).get("inline", [])


def log_json(name: str) -> dict[str, Any]:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


# ---- every fixture ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_converts_and_validates(path: Path) -> None:
    item = one(path)
    assert item.report is not None
    assert errors(item) == []
    assert errors(Converted(str(path), item.report, list(riskfmt.validate_data(item.report).findings))) == []
    report = item.report
    assert report["producer"]["tool"] == {"name": "inspect-ai", "version": "0.3.285"}
    assert report["producer"]["organization"]["name"] == {"en": "Test Lab"}
    assert report["provenance"]["source_format"] == ("inspect-eval" if path.suffix == ".eval" else "inspect-json")
    assert report["provenance"]["source_digests"][0].startswith("sha256:")
    model = report["model"]
    assert model == {"name": "mockllm/model", "developer": "unknown", "access": "other"}
    assert any(f.code == "RF609" and f.params["field"] == "model.developer" for f in item.findings)
    evaluation = report["evaluations"][0]
    assert evaluation["method"] == "benchmark"
    assert evaluation["task"]["version"] == "0"
    assert evaluation["task"]["dataset"] == {"size": 6}
    assert evaluation["settings"]["seed"] == 0  # plan.config (eval(..., seed=0))
    assert evaluation["started"] == evaluation["completed"] == "2026-11-23T10:59:18+00:00"
    # never copied: the task file, tracebacks and venv paths of the generating machine
    text = json.dumps(report)
    assert "/work/" not in text and "/tmp/" not in text and "Traceback" not in text
    assert {"stats.model_usage", "plan.steps", "eval.task_file"} <= set(lost(item))


@pytest.mark.parametrize("name", LOGS)
def test_eval_and_json_give_the_same_report(name: str) -> None:
    a, b = one(HERE / f"{name}.eval"), one(HERE / f"{name}.json")
    assert a.report is not None and b.report is not None
    ra, rb = dict(a.report), dict(b.report)
    assert ra.pop("provenance")["source_digests"] != rb.pop("provenance")["source_digests"]
    assert ra == rb
    assert ra["report_id"] == rb["report_id"]


# ---- facts of each log -----------------------------------------------------------------------------------


def test_success_facts() -> None:
    item = one(HERE / "tiny_success.eval")
    got = results(item)
    assert list(got) == ["includes/accuracy", "match/accuracy"]
    for result in got.values():
        assert result["value"] == pytest.approx(2 / 3)
        assert result["n"] == 6
        assert result["uncertainty"] == {"standard_error": 0.210818510677892, "method": "analytic"}
        assert result["metric"] == {"id": result["metric"]["id"], "direction": "higher_is_better",
                                    "kind": "proportion", "unit": "1", "min": 0, "max": 1}
        assert result["risks"] == ["R0000"]
    assert "RF602" in codes(item) and "RF603" not in codes(item) and "RF604" not in codes(item)
    evaluation = item.report["evaluations"][0]  # type: ignore[index]
    assert "status" not in evaluation
    assert evaluation["settings"]["epochs"] == 1
    assert evaluation["settings"]["other"]["scorer.match.location"] == "any"  # results.scores[].params
    assert evaluation["settings"]["other"]["fail_on_error"] is True
    verdicts = {r["sample_id"]: (r["score"], r["verdict"]) for r in rows(item)}
    assert verdicts == {"q1": (1.0, "pass"), "q2": (1.0, "pass"), "q3": (1.0, "pass"), "q4": (0.0, "fail"),
                        "q5": (1.0, "pass"), "q6": (0.0, "fail")}
    assert all(r["epoch"] == 1 and r["input_digest"].startswith("sha256:") and "input" not in r for r in rows(item))
    assert "samples[].scores.match" in lost(item)  # a row holds the headline scorer's score only
    ext = item.report["extensions"]["inspect"]  # type: ignore[index]
    assert ext["headline"] == "includes/accuracy"
    assert ext["eval_id"] == log_json("tiny_success")["eval"]["eval_id"]
    directions = [f for f in item.findings if f.code == "RF609" and f.params["field"] == "results[].metric.direction"]
    assert len(directions) == 1


def test_epochs_facts() -> None:
    item = one(HERE / "tiny_epochs.eval")
    got = results(item)
    assert list(got) == ["includes/accuracy@mean", "includes/accuracy@max", "answer_precision/mean@mean",
                         "answer_precision/mean@max", "graded/accuracy@mean", "graded/accuracy@max"]
    assert got["includes/accuracy@mean"]["value"] == 0.75
    assert got["includes/accuracy@max"]["value"] == pytest.approx(5 / 6)
    assert got["graded/accuracy@mean"]["value"] == pytest.approx(0.5833333333333334)
    assert got["includes/accuracy@mean"]["uncertainty"] == {"standard_error": 0.17078251276599332, "method": "analytic"}
    # the std sibling metric is a standard deviation, not a result of its own
    assert got["answer_precision/mean@mean"]["uncertainty"] == {
        "standard_error": 0.16724556878368343, "method": "analytic", "standard_deviation": 0.409666305261571}
    # a numeric scorer's mean has no known bounds or unit
    assert got["answer_precision/mean@max"]["metric"] == {"id": "answer_precision/mean@max",
                                                          "direction": "higher_is_better", "kind": "score"}
    # n = items x epochs (12), though Inspect's stderr is over the 6 reduced scores
    assert {r["n"] for r in got.values()} == {12}
    evaluation = item.report["evaluations"][0]  # type: ignore[index]
    assert evaluation["settings"]["epochs"] == 2
    assert evaluation["settings"]["other"]["epochs_reducer"] == "mean,max"
    assert len({r["id"] for r in evaluation["results"]}) == 6
    table = {(r["sample_id"], r["epoch"]): r["verdict"] for r in rows(item)}
    assert len(table) == 12
    assert table[("q4", 1)] == "fail" and table[("q4", 2)] == "pass"  # right only on the second attempt
    assert "reductions" in lost(item)
    assert "samples[].scores.answer_precision, graded" in lost(item)


def test_error_facts() -> None:
    item = one(HERE / "tiny_error.eval")
    assert item.report is not None
    evaluation = item.report["evaluations"][0]
    assert evaluation["status"] == "error"
    assert [f.params["status"] for f in item.findings if f.code == "RF603"] == ["error"]
    assert "results" not in evaluation  # the log has none
    assert [(r["sample_id"], r.get("score"), r["verdict"]) for r in rows(item)] == [
        ("q1", 1.0, "pass"), ("q2", 1.0, "pass"), ("q3", 1.0, "pass"), ("q4", None, "error"), ("q5", None, "error")]
    assert "error.message, error.traceback" in lost(item)
    assert "samples[].error" in lost(item)
    messages = " ".join(f.message("en") + f.message("zh") for f in item.findings)
    assert "site-packages" not in messages and "deliberate solver failure" not in messages


def test_invalidated_facts() -> None:
    item = one(HERE / "tiny_invalidated.eval")
    assert item.report is not None
    evaluation = item.report["evaluations"][0]
    assert evaluation["status"] == "invalidated"
    assert [f.params["count"] for f in item.findings if f.code == "RF604"] == ["1"]
    assert "RF603" not in codes(item)  # the run itself succeeded
    # Inspect does not recompute metrics after an invalidation, and neither does the converter
    assert results(item)["includes/accuracy"]["value"] == pytest.approx(2 / 3)
    ext = item.report["extensions"]["inspect"]
    assert ext["invalidated_samples"] == [{"sample_id": "q4", "epoch": 1}]
    assert ext["tags"] == ["reviewed"]
    assert {"log_updates", "samples[].invalidation", "metadata, eval.metadata"} <= set(lost(item))
    assert "fixture-bot" not in json.dumps(item.report)  # the author of the invalidation is not copied


def test_invalidation_recorded_as_an_edit(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["log_updates"] = [{"edits": [{"type": "invalidation", "sample_uuids": ["a", "b"]}],
                             "provenance": {"author": "someone", "reason": "leak",
                                            "timestamp": "2026-11-23T12:00:00Z"}}]
    item = one(_variant(tmp_path, "e.json", change))
    assert item.report["evaluations"][0]["status"] == "invalidated"  # type: ignore[index]
    assert [f.params["count"] for f in item.findings if f.code == "RF604"] == ["2"]


def test_success_and_invalidated_are_copies_of_one_run() -> None:
    a, b = one(HERE / "tiny_success.json"), one(HERE / "tiny_invalidated.json")
    assert a.report is not None and b.report is not None
    assert a.report["evaluations"][0]["results"] == b.report["evaluations"][0]["results"]
    assert "status" not in a.report["evaluations"][0]
    # the amended log describes the same run (same producer, model, task, settings and dates), so it gets the same
    # report id: riskfmt's way of telling that two files are conflicting copies of one evaluation
    assert a.report["report_id"] == b.report["report_id"]


# ---- options ---------------------------------------------------------------------------------------------


def test_include_content_and_task_map(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("tasks:\n  - match: tiny_*\n    risks: [R0013]\n", encoding="utf-8")
    item = one(HERE / "tiny_success.eval", ConvertOptions(organization="Lab", include_content=True,
                                                          task_map=mapping))
    assert {r["risks"][0] for r in results(item).values()} == {"R0013"}
    assert "RF602" not in codes(item)
    first = rows(item)[0]
    assert (first["input"], first["output"], first["target"]) == ("What is 2+2?", "The answer is 4", "4")


def test_samples_none_and_developer(tmp_path: Path) -> None:
    item = one(HERE / "tiny_success.json", ConvertOptions(samples="none", developer="Mock Labs"))
    assert rows(item) == []
    assert "eval.dataset.sample_ids" in lost(item)
    assert item.report["model"]["developer"] == "Mock Labs"  # type: ignore[index]
    assert not any(f.code == "RF609" and f.params["field"] == "model.developer" for f in item.findings)


def _variant(tmp_path: Path, name: str, change: Any, source: str = "tiny_success") -> Path:
    data = log_json(source)
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("model", "expected"), [
    ("openai/gpt-4o-2024-08-06", {"name": "openai/gpt-4o-2024-08-06", "developer": "OpenAI", "access": "api",
                                  "id": "gpt-4o-2024-08-06"}),
    ("anthropic/claude-3-5-sonnet-latest", {"name": "anthropic/claude-3-5-sonnet-latest", "developer": "Anthropic",
                                            "access": "api", "id": "claude-3-5-sonnet-latest"}),
    ("together/meta-llama/Llama-3-70b", {"name": "together/meta-llama/Llama-3-70b", "developer": "meta-llama",
                                         "access": "api", "id": "meta-llama/Llama-3-70b",
                                         "inference_platform": "together"}),
    ("hf/demo-org/tiny-mock", {"name": "hf/demo-org/tiny-mock", "developer": "demo-org", "access": "other",
                               "id": "demo-org/tiny-mock",
                               "inference_engine": {"name": "transformers", "version": "unknown"}}),
    ("groq/llama3-70b-8192", {"name": "groq/llama3-70b-8192", "developer": "unknown", "access": "api",
                              "id": "llama3-70b-8192", "inference_platform": "groq"}),
])
def test_model_identity(tmp_path: Path, model: str, expected: dict[str, Any]) -> None:
    def change(d: dict[str, Any]) -> None:
        d["eval"]["model"] = model
    item = one(_variant(tmp_path, "m.json", change))
    assert item.report["model"] == expected  # type: ignore[index]
    defaulted = any(f.code == "RF609" and f.params["field"] == "model.developer" for f in item.findings)
    assert defaulted == (expected["developer"] == "unknown")


def test_generate_config_and_dates(tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["eval"]["model_generate_config"] = {"temperature": 0.7, "top_p": 0.9, "max_tokens": 256, "top_k": 40,
                                              "stop_seqs": ["\n"], "timeout": 30}
        d["plan"]["config"]["temperature"] = 0.0  # the run's own config wins
        d["eval"]["created"] = "2026-11-23T10:59:17+08:00"
        d["stats"]["started_at"] = "2026-11-23T10:59:18"  # no zone: never invented
        d["eval"]["dataset"]["location"] = "/home/me/data.jsonl"
        d["eval"]["dataset"]["name"] = "tiny"
        d["eval"]["task_args"] = {"subset": "bio", "shots": 5, "nested": {"a": 1}}
    item = one(_variant(tmp_path, "g.json", change))
    evaluation = item.report["evaluations"][0]  # type: ignore[index]
    settings_ = evaluation["settings"]
    assert (settings_["temperature"], settings_["top_p"], settings_["max_tokens"], settings_["seed"]) == (0.0, 0.9,
                                                                                                        256, 0)
    assert settings_["other"]["top_k"] == 40 and settings_["other"]["stop_seqs"] == '["\\n"]'
    assert settings_["other"]["task_args.subset"] == "bio" and settings_["other"]["task_args.shots"] == 5
    assert "eval.task_args.nested" in lost(item)
    assert "eval.model_generate_config.timeout, plan.config.max_connections" in lost(item)
    assert evaluation["started"] == "2026-11-23T10:59:17+08:00"
    assert "stats.started_at" in lost(item)
    assert any(f.code == "RF608" and f.params["field"] == "evaluations[0].started" for f in item.findings)
    assert evaluation["task"]["dataset"] == {"name": "tiny", "size": 6}
    assert "eval.dataset.location" in lost(item)
    assert errors(item) == []


def test_started_log_in_an_archive(tmp_path: Path) -> None:
    """An .eval still being written has no header.json yet: its journal says what ran."""
    from riskfmt.convert.archive import SafeZip

    with SafeZip(HERE / "tiny_success.eval") as z:
        start = z.read("_journal/start.json")
        sample = z.read("samples/q1_epoch_1.json")
    import zipfile

    path = tmp_path / "running.eval"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("_journal/start.json", start)
        out.writestr("samples/q1_epoch_1.json", sample)
    item = one(path)
    assert item.report is not None and errors(item) == []
    assert item.report["evaluations"][0]["status"] == "incomplete"
    assert [f.params["status"] for f in item.findings if f.code == "RF603"] == ["started"]
    assert [r["sample_id"] for r in rows(item)] == ["q1"]


@pytest.mark.parametrize("status", ["cancelled", "started"])
def test_other_statuses(tmp_path: Path, status: str) -> None:
    def change(d: dict[str, Any]) -> None:
        d["status"] = status
    item = one(_variant(tmp_path, "s.json", change))
    assert item.report["evaluations"][0]["status"] == {"cancelled": "cancelled", "started": "incomplete"}[status]
    assert [f.params["status"] for f in item.findings if f.code == "RF603"] == [status]


def test_folder_of_logs() -> None:
    items = list(InspectConverter().read(HERE, OPTIONS))
    assert len(items) == 8 and all(i.report is not None for i in items)


# ---- malformed input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "detail"), [
    (b"{not json", "tiny.json is not valid JSON"),
    (b"[1, 2]", "tiny.json is not a JSON object"),
    (b'{"version": 2, "status": "success", "eval": {"task": "t"}}', "not an Inspect log: eval.task or eval.model"),
    (b'{"version": 2, "status": "success", "eval": {"task": "t", "model": "m"}, "samples": {"a": 1}}',
     "samples is not a list"),
])
def test_malformed_json_logs(tmp_path: Path, content: bytes, detail: str) -> None:
    path = tmp_path / "tiny.json"
    path.write_bytes(content)
    item = one(path)
    assert item.report is None
    [finding] = item.findings
    assert finding.code == "RF607" and finding.params["detail"].startswith(detail)


# ---- detection -------------------------------------------------------------------------------------------


def _all_inputs() -> list[Path]:
    return sorted(p for p in INPUTS.rglob("*") if ".venv" not in p.parts)


def test_detection_picks_inspect_for_its_fixtures() -> None:
    for path in [*FIXTURES, HERE]:
        found = detect(path)
        assert found is not None and found.name == "inspect", path


def test_detection_leaves_other_tools_alone() -> None:
    converter = get("inspect")
    for path in _all_inputs():
        if path == HERE or path.parent == HERE:
            continue
        assert not converter.sniff(path), path
        found = detect(path)
        assert found is None or found.name != "inspect", path


def test_sniff_never_raises(tmp_path: Path) -> None:
    converter = InspectConverter()
    assert not converter.sniff(tmp_path / "missing.json")
    (tmp_path / "x.json").write_text('{"kind": "evaluation-report"}', encoding="utf-8")
    assert not converter.sniff(tmp_path / "x.json")
    assert not converter.sniff(tmp_path)  # a folder without logs


# ---- properties ------------------------------------------------------------------------------------------


@given(st.sampled_from(["C", "I", "P", "N", True, False]))
def test_score_categories(value: Any) -> None:
    score, verdict = score_to_float(value)
    assert score in (0.0, 0.5, 1.0)
    assert verdict in ("pass", "fail", "partial", None)
    assert (verdict == "pass") == (score == 1.0 and value in ("C", True))


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6)))
def test_numeric_scores(value: float) -> None:
    score, verdict = score_to_float(value)
    assert verdict is None
    assert score == (float(value) if math.isfinite(value) else None)


@given(st.one_of(st.text(max_size=20), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
                 st.lists(st.integers(), max_size=2), st.none()))
def test_other_scores_never_raise(value: Any) -> None:
    score, _ = score_to_float(value)
    assert score is None or math.isfinite(score)


# naive bounds: hypothesis draws naive times, and the zone is the separate integer below
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),  # noqa: DTZ001
       st.integers(-14 * 60, 14 * 60))
def test_dates_keep_their_zone(moment: datetime, offset_minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=offset_minutes)))
    text, why = parse_date(aware.isoformat())
    assert why == "" and text is not None
    assert datetime.fromisoformat(text) == aware
    assert datetime.fromisoformat(text).utcoffset() == aware.utcoffset()
    naive, why = parse_date(moment.isoformat())
    assert naive is None and "time zone" in why


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12), st.one_of(st.none(),
                                                                                     st.text(min_size=1, max_size=6)))
def test_metric_ids_are_distinct(scorer: str, metric: str, reducer: str | None) -> None:
    assert metric_id(scorer, metric, reducer) != metric_id(scorer, metric, None if reducer else "mean")


_SUCCESS = log_json("tiny_success")
_finite = st.floats(min_value=0, max_value=1, allow_nan=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(accuracy=_finite, stderr=st.floats(min_value=0, max_value=0.5, allow_nan=False),
       scored=st.integers(1, 10**6), task=st.from_regex(r"[a-z][a-z0-9_/]{0,30}", fullmatch=True))
def test_values_map_through_unchanged(tmp_path: Path, accuracy: float, stderr: float, scored: int,
                                      task: str) -> None:
    data = copy.deepcopy(_SUCCESS)
    data.pop("samples")  # without samples, n comes from scored_samples
    entry = data["results"]["scores"][0]
    entry["metrics"]["accuracy"]["value"] = accuracy
    entry["metrics"]["stderr"]["value"] = stderr
    entry["scored_samples"] = scored
    data["eval"]["task"] = task
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    item = one(path)
    result = results(item)["includes/accuracy"]
    assert result["value"] == accuracy and result["n"] == scored
    assert result["uncertainty"]["standard_error"] == stderr
    assert item.report["evaluations"][0]["task"]["id"] == task  # type: ignore[index]
    assert errors(item) == []


def _mutations() -> st.SearchStrategy[list[tuple[list[str], Any]]]:
    paths = st.sampled_from([["eval"], ["eval", "model"], ["eval", "config"], ["eval", "config", "epochs"],
                             ["results"], ["results", "scores"], ["stats"], ["stats", "started_at"], ["status"],
                             ["eval", "dataset"], ["eval", "scorers"], ["plan"], ["eval", "task_version"],
                             ["samples"], ["eval", "created"], ["results", "headline"], ["invalidated"],
                             ["version"], ["tags"], ["eval", "revision"], ["eval", "packages"], ["log_updates"],
                             ["eval", "task_args"], ["eval", "model_roles"], ["eval", "model_generate_config"]])
    junk = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2),
                     st.just({}), st.just(float("nan")), st.booleans())
    return st.lists(st.tuples(paths, junk), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_mutations())
def test_malformed_variants_never_raise(tmp_path: Path, mutations: list[tuple[list[str], Any]]) -> None:
    data = copy.deepcopy(_SUCCESS)
    for keys, value in mutations:
        target = data
        for key in keys[:-1]:
            target = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, dict):
            target[keys[-1]] = copy.deepcopy(value)  # a shared {} could otherwise end up inside itself
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    item = one(path)
    if item.report is None:
        # unreadable (RF607), or readable with nothing measured (RF614: never an empty report)
        assert codes(item) == ["RF607"] or "RF614" in codes(item)
    else:
        assert errors(item) == []


# ---- the command line, and a real regeneration -----------------------------------------------------------


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(HERE / "tiny_epochs.eval"), "-o", str(out),
                           "--organization", "Test Lab"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    check = subprocess.run([sys.executable, "-m", "riskfmt", "validate", str(out)], capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["evaluations"][0]["settings"]["epochs"] == 2


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="set RISKFMT_SLOW=1 to run inspect-ai for real")
def test_regenerated_logs_convert(tmp_path: Path) -> None:
    work = tmp_path / "inspect"
    shutil.copytree(HERE, work)
    proc = subprocess.run(["bash", str(work / "generate.sh")], capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for name in LOGS:
        for suffix in ("eval", "json"):
            item = one(work / f"{name}.{suffix}")
            assert item.report is not None and errors(item) == []
    assert results(one(work / "tiny_epochs.eval"))["includes/accuracy@max"]["value"] == pytest.approx(5 / 6)
