"""The OpenAI evals converter, on the real record logs in examples/inputs/openai-evals (evals 3.0.1.post1)."""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import Converted, ConvertOptions, convert, detect, get
from riskfmt.convert.openai_evals import OpenAIEvalsConverter, eval_version, parse_date
from riskfmt.findings import Severity

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
HERE = INPUTS / "openai-evals"
MATCH = HERE / "tiny-match.jsonl"
INCLUDES = HERE / "tiny-includes.jsonl"
ABORTED = HERE / "tiny-match-aborted.jsonl"
FIXTURES = [MATCH, INCLUDES, ABORTED]
OPTIONS = ConvertOptions(organization="Test Lab")


def one(path: Path, options: ConvertOptions = OPTIONS) -> Converted:
    items = list(OpenAIEvalsConverter().read(path, options))
    assert len(items) == 1
    return items[0]


def errors(item: Converted) -> list[str]:
    return [f"{f.code} {f.message('en')}" for f in item.findings if f.severity >= Severity.ERROR]


def lost(item: Converted) -> list[str]:
    return [f.params["field"] for f in item.findings if f.code == "RF601"]


def derived(item: Converted) -> dict[str, str]:
    return {f.params["field"]: f.params["how"] for f in item.findings if f.code == "RF608"}


def evaluation(item: Converted) -> dict[str, Any]:
    assert item.report is not None
    return item.report["evaluations"][0]


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# ---- every fixture ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_converts_and_validates(path: Path) -> None:
    item = one(path)
    assert item.report is not None
    assert errors(item) == []
    assert [f for f in riskfmt.validate_data(item.report).findings if f.severity >= Severity.ERROR] == []
    report = item.report
    assert report["producer"]["tool"] == {"name": "openai-evals", "version": "unknown"}
    assert report["provenance"]["source_format"] == "openai-evals-jsonl"
    assert report["model"]["developer"] == "unknown"
    fields = {f.params["field"] for f in item.findings if f.code == "RF609"}
    assert {"producer.tool.version", "model.developer"} <= fields
    ev = evaluation(item)
    assert ev["id"] == ("tiny-match.dev.v0" if "match" in path.name else "tiny-includes.dev.v0")
    assert ev["task"]["version"] == "v0"
    assert ev["task"]["dataset"] == {"name": "tiny/samples.jsonl", "split": "dev"}
    assert ev["settings"]["seed"] == 20220722
    # spec.created_at has no time zone: it is reported, never given one
    assert "spec.created_at" in lost(item)
    text = json.dumps(report)
    assert "/tmp/" not in text and "riskfmt-fx-venv" not in text  # run_config.command is never copied
    assert {"spec.run_config.command", "spec.run_config.eval_spec.registry_path"} <= set(lost(item))


@pytest.mark.parametrize(("path", "eval_class"), [(MATCH, "evals.elsuite.basic.match:Match"),
                                                  (INCLUDES, "evals.elsuite.basic.includes:Includes")])
def test_completed_run_facts(path: Path, eval_class: str) -> None:
    item = one(path)
    report = item.report
    assert report is not None
    assert report["model"] == {"name": "offline/canned", "developer": "unknown", "access": "other",
                               "version": "offline/canned-v1"}  # data.model of the sampling events
    ev = evaluation(item)
    assert "status" not in ev
    assert ev["settings"]["other"] == {"eval_class": eval_class}
    [result] = ev["results"]
    assert result["metric"] == {"id": "accuracy", "kind": "proportion", "unit": "1", "direction": "higher_is_better",
                                "min": 0, "max": 1}
    assert result["value"] == pytest.approx(2 / 3)
    assert result["n"] == 6  # the match events
    # a binomial standard error derived from p and n; boostrap_std is not one (see openai_evals.py)
    assert result["uncertainty"] == {"standard_error": pytest.approx(math.sqrt(2 / 3 * 1 / 3 / 6)),
                                     "method": "derived"}
    assert "n = 6 match events" in derived(item)["accuracy uncertainty.standard_error"]
    assert "boostrap_std" in derived(item)["accuracy uncertainty.standard_error"]
    ext = report["extensions"]["openai-evals"]
    assert ext["final_report.boostrap_std"] == next(
        json.loads(line)["final_report"]["boostrap_std"] for line in lines(path) if '"final_report"' in line)
    assert ext["run_id"] == json.loads(lines(path)[0])["spec"]["run_id"]
    rows = ev["samples"]["inline"]
    prefix = path.stem + ".dev."
    assert {r["sample_id"]: r["verdict"] for r in rows} == {
        prefix + "0": "pass", prefix + "1": "pass", prefix + "2": "pass", prefix + "3": "fail",
        prefix + "4": "pass", prefix + "5": "fail"}
    assert all(r["score"] == (1.0 if r["verdict"] == "pass" else 0.0) for r in rows)
    assert all(r["input_digest"].startswith("sha256:") and r["output_digest"].startswith("sha256:") for r in rows)
    # dates come from the events (with a zone), flagged as derived
    assert ev["started"].startswith("2026-11-23T11:01:") and ev["started"].endswith("+00:00")
    assert ev["started"] <= ev["completed"]
    assert {"evaluations[0].started", "evaluations[0].completed"} <= set(derived(item))
    assert any(f.startswith("final_report.usage_prompt_tokens") for f in lost(item))


def test_final_report_is_found_by_key_not_position() -> None:
    assert '"final_report"' in lines(MATCH)[1] and '"final_report"' not in lines(MATCH)[-1]


def test_aborted_run() -> None:
    item = one(ABORTED)
    assert item.report is not None
    ev = evaluation(item)
    assert ev["status"] == "incomplete"
    assert "results" not in ev and "samples" not in ev
    assert "started" not in ev and "completed" not in ev  # only the zone-less spec date exists
    [status] = [f.params["status"] for f in item.findings if f.code == "RF603"]
    assert status == "incomplete (no final_report)"
    assert item.report["model"]["name"] == "offline/failing"


def test_include_content_and_task_map(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("tasks:\n  - match: tiny-*\n    risks: [R0013]\n", encoding="utf-8")
    item = one(MATCH, ConvertOptions(include_content=True, task_map=mapping, developer="Offline Inc."))
    ev = evaluation(item)
    assert ev["results"][0]["risks"] == ["R0013"]
    assert item.report["model"]["developer"] == "Offline Inc."  # type: ignore[index]
    first = ev["samples"]["inline"][0]
    assert (first["output"], first["target"]) == ("Saturn", "Jupiter")
    assert json.loads(first["input"])[1] == {"role": "user", "content": "Largest planet?"}


# ---- variants of the real logs ---------------------------------------------------------------------------


def _write(tmp_path: Path, text_lines: list[str], name: str = "log.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(text_lines) + "\n", encoding="utf-8")
    return path


def test_several_runs_in_one_file(tmp_path: Path) -> None:
    path = _write(tmp_path, lines(MATCH) + lines(INCLUDES) + lines(ABORTED))
    items = list(OpenAIEvalsConverter().read(path, OPTIONS))
    assert [evaluation(i)["id"] for i in items] == ["tiny-match.dev.v0", "tiny-includes.dev.v0", "tiny-match.dev.v0"]
    assert [len(evaluation(i).get("results", [])) for i in items] == [1, 1, 0]
    assert all(errors(i) == [] for i in items)


def test_error_events_and_broken_lines(tmp_path: Path) -> None:
    spec = json.loads(lines(MATCH)[0])
    run_id = spec["spec"]["run_id"]
    error = {"run_id": run_id, "event_id": 99, "sample_id": "tiny-match.dev.9", "type": "error",
             "data": {"message": "boom at /home/me/x.py"}, "created_at": "2026-11-23 11:01:16.000000+00:00"}
    path = _write(tmp_path, [*lines(MATCH), json.dumps(error), '{"run_id": "x", "event_id"'])
    item = one(path)
    rows = {r["sample_id"]: r for r in evaluation(item)["samples"]["inline"]}
    assert rows["tiny-match.dev.9"]["verdict"] == "error" and "score" not in rows["tiny-match.dev.9"]
    assert "error events" in lost(item) and "line(s) 16" in lost(item)  # 14 lines, the event, then this
    assert "/home/me" not in json.dumps(item.report)
    assert evaluation(item)["results"][0]["n"] == 6  # error events are not matches


def test_other_metrics_in_the_final_report(tmp_path: Path) -> None:
    text = lines(MATCH)
    report = json.loads(text[1])
    report["final_report"].update({"f1_score": 0.5, "counts/Yes": 4, "notes": "text"})
    text[1] = json.dumps(report)
    item = one(_write(tmp_path, text))
    got = {r["metric"]["id"]: r for r in evaluation(item)["results"]}
    assert got["f1_score"]["metric"] == {"id": "f1_score", "kind": "score", "direction": "higher_is_better"}
    assert got["counts/Yes"]["metric"]["unit"] == "count" and got["counts/Yes"]["value"] == 4
    assert "final_report.notes" in lost(item)
    assert any(f.code == "RF610" and f.params["metric"] == "f1_score" for f in item.findings)
    assert errors(item) == []


@pytest.mark.parametrize(("content", "detail"), [
    ("", "no spec line: not an OpenAI evals record log"),
    ('{"final_report": {"accuracy": 1.0}}', "no spec line: not an OpenAI evals record log"),
    ("not json at all", "no spec line: not an OpenAI evals record log"),
])
def test_unreadable_logs(tmp_path: Path, content: str, detail: str) -> None:
    item = one(_write(tmp_path, [content]))
    assert item.report is None
    assert [(f.code, f.params["detail"]) for f in item.findings] == [("RF607", detail)]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"spec": {"eval_name": "\xff\xfe"}}\n')
    item = one(path)
    assert item.report is None and [f.code for f in item.findings] == ["RF607"]


# ---- detection -------------------------------------------------------------------------------------------


def test_detection_picks_openai_evals_for_its_fixtures() -> None:
    for path in FIXTURES:
        found = detect(path)
        assert found is not None and found.name == "openai-evals", path


def test_detection_leaves_other_tools_alone() -> None:
    converter = get("openai-evals")
    for path in sorted(INPUTS.rglob("*")):
        if path in FIXTURES:
            continue
        assert not converter.sniff(path), path
        found = detect(path)
        assert found is None or found.name != "openai-evals", path


# ---- properties ------------------------------------------------------------------------------------------


@given(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), st.from_regex(r"[a-z]{1,8}", fullmatch=True),
       st.from_regex(r"v[0-9]{1,3}", fullmatch=True))
def test_eval_version(base: str, split: str, version: str) -> None:
    assert eval_version(f"{base}.{split}.{version}", base, split) == version
    assert eval_version(f"{base}.{split}", base, split) is None
    assert eval_version(f"other.{split}.{version}", base + "x", split) is None


@given(st.datetimes())
def test_spec_dates_without_zone_are_never_completed(moment: Any) -> None:
    text, why = parse_date(moment.isoformat(sep=" "))
    assert text is None and "time zone" in why


_MATCH_LINES = lines(MATCH)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outcomes=st.lists(st.booleans(), min_size=1, max_size=40), seed=st.integers(0, 2**16))
def test_perturbed_logs_map_through(tmp_path: Path, outcomes: list[bool], seed: int) -> None:
    """Any set of match outcomes, and the lines in any order: n, value, SE and verdicts follow."""
    spec = _MATCH_LINES[0]
    run_id = json.loads(spec)["spec"]["run_id"]
    accuracy = sum(outcomes) / len(outcomes)
    body = [json.dumps({"final_report": {"accuracy": accuracy, "boostrap_std": 0.1}, "run_id": run_id})]
    for index, correct in enumerate(outcomes):
        body.append(json.dumps({"run_id": run_id, "event_id": index, "sample_id": f"tiny-match.dev.{index}",
                                "type": "match", "data": {"correct": correct, "expected": "a", "sampled": "b"},
                                "created_at": f"2026-11-23 11:01:{index % 60:02d}.000000+00:00"}))
    random.Random(seed).shuffle(body)
    item = one(_write(tmp_path, [spec, *body]))
    [result] = evaluation(item)["results"]
    assert result["value"] == accuracy and result["n"] == len(outcomes)
    se = math.sqrt(accuracy * (1 - accuracy) / len(outcomes))
    if se > 0:
        assert result["uncertainty"]["standard_error"] == pytest.approx(se)
    verdicts = {r["sample_id"]: r["verdict"] for r in evaluation(item)["samples"]["inline"]}
    assert verdicts == {f"tiny-match.dev.{i}": ("pass" if c else "fail") for i, c in enumerate(outcomes)}
    assert errors(item) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_logs_never_raise(tmp_path: Path, data: st.DataObject) -> None:
    text = "\n".join(_MATCH_LINES)
    damaged = list(text)
    for _ in range(data.draw(st.integers(1, 10))):
        where = data.draw(st.integers(0, len(damaged) - 1))
        damaged[where] = data.draw(st.sampled_from(list('{}[]",:0aZ\n')))
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(0, len(damaged)))]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(damaged), encoding="utf-8")
    for item in OpenAIEvalsConverter().read(path, OPTIONS):
        if item.report is None:
            assert [f.code for f in item.findings] == ["RF607"]
        else:
            assert errors(item) == []


# ---- the command line, and a real regeneration -----------------------------------------------------------


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "riskfmt", "convert", str(MATCH), "-o", str(out),
                           "--organization", "Test Lab"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    check = subprocess.run([sys.executable, "-m", "riskfmt", "validate", str(out)], capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["evaluations"][0]["results"][0]["n"] == 6


def test_api_convert_of_the_aborted_log() -> None:
    [item] = convert([ABORTED], options=OPTIONS)
    assert item.report is not None and evaluation(item)["status"] == "incomplete"


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RISKFMT_SLOW") != "1", reason="set RISKFMT_SLOW=1 to run oaieval for real")
def test_regenerated_logs_convert(tmp_path: Path) -> None:
    work = tmp_path / "openai-evals"
    shutil.copytree(HERE, work)
    proc = subprocess.run(["bash", str(work / "generate.sh")], capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for name in ("tiny-match", "tiny-includes", "tiny-match-aborted"):
        item = one(work / f"{name}.jsonl")
        assert item.report is not None and errors(item) == []
    [result] = evaluation(one(work / "tiny-match.jsonl"))["results"]
    assert result["value"] == pytest.approx(2 / 3) and result["n"] == 6
