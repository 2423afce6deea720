"""Detection by content and folder conversion, on the real corpus files: any name or extension, folders walked
recursively, every file converted or named by a finding, no report that fails validation, no sample content in
messages. Also the fidelity points of the Inspect and Every Eval Ever readers that the corpus shows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt.convert import Converted, ConvertOptions, convert, detect, get
from riskfmt.findings import Severity

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
INSPECT_JSON = HERE / "inspect" / "eee-tests" / "data_arc_sonnet.json"
INSPECT_EVAL = HERE / "inspect" / "inspect-ai-tests" / "log__test_eval_log__log_read_sample.eval"
EEE_RECORD = HERE / "eee" / "v0.2.2" / "hal-gaia" / \
    "anthropic__claude-opus-4-1__cf7f2766-c8f7-4f87-a8f1-6943188f8b17.json"
EEE_CI = HERE / "eee" / "v0.0.1" / "global-mmlu-lite" / \
    "anthropic__claude-3-5-haiku-20241022__01da18cd-7b25-4bac-bc38-e7c7030efceb.json"
EEE_INT_IDS = HERE / "eee" / "v0.1.0" / "inspect_local_evals" / \
    "ai2_arc__anthropic__claude-sonnet-4-0__18db349a-d2e2-483e-aa1f-2708e7d02eaa.json"
OLD_LAYOUT = ROOT / "tests" / "convert" / "data" / "inspect_0_3_10" / "tiny_scorer_layout.json"
REPORT = ROOT / "examples" / "reports" / "valid" / "minimal.json"
INCIDENT = ROOT / "examples" / "incidents" / "valid" / "voice-clone-near-miss.yaml"


@pytest.mark.parametrize(("source", "tool"), [
    (INSPECT_JSON, "inspect"), (INSPECT_EVAL, "inspect"), (EEE_RECORD, "eee"), (REPORT, "riskfmt"),
    (INCIDENT, "riskfmt"),
])
@pytest.mark.parametrize("name", ["renamed.txt", "no_extension", "log.JSON.bak"])
def test_any_name(source: Path, tool: str, name: str, tmp_path: Path) -> None:
    """A copy of a real file under another name (not a published file: the bytes are the published ones)."""
    path = tmp_path / name
    shutil.copyfile(source, path)
    found = detect(path)
    assert found is not None and found.name == tool
    results = convert([path])
    assert len(results) == 1 and results[0].report is not None, [f.message() for f in results[0].findings]


def _accounted(results: list[Converted]) -> set[str]:
    named = {r.source for r in results}
    for r in results:
        for f in r.findings:
            if f.code in ("RF611", "RF612"):
                named.add(str(f.params["path"]))
    return named


def test_folder_walked_recursively_and_nothing_skipped_silently(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copyfile(INSPECT_JSON, tmp_path / "a" / "log.txt")
    shutil.copyfile(INSPECT_EVAL, tmp_path / "a" / "b" / "run")
    shutil.copyfile(EEE_RECORD, tmp_path / "record")
    eee_dir = ROOT / "examples" / "inputs" / "eee" / "data" / "tiny_gen" / "demo-org" / "dummy-model"
    for member in eee_dir.iterdir():  # a record with its _samples.jsonl
        shutil.copyfile(member, tmp_path / "a" / member.name)
    (tmp_path / "a" / "b" / "notes.md").write_text("# not an evaluation output\n", encoding="utf-8")
    results = convert([tmp_path])
    files = {str(p) for p in tmp_path.rglob("*") if p.is_file()}
    assert _accounted(results) >= files
    reports = [r for r in results if r.report is not None]
    assert len(reports) == 4
    unknown = [f for r in results for f in r.findings if f.code == "RF611"]
    assert [str(f.params["path"]) for f in unknown] == [str(tmp_path / "a" / "b" / "notes.md")]
    companions = [f for r in results for f in r.findings if f.code == "RF612"]
    assert len(companions) == 1 and str(companions[0].params["path"]).endswith("_samples.jsonl")
    # --from inspect on the folder: the other files are named, not converted as Inspect logs
    forced = convert([tmp_path], from_="inspect")
    assert len([r for r in forced if r.report is not None]) == 2
    assert _accounted(forced) >= files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from([b"", b"{", b'{"version": 2, "status": "success", "eval": {', b"PK\x03\x04", b"kind: ",
                             b'{"schema_version": "0.2.2", "evaluation_results": [']),
       tail=st.binary(max_size=300), name=st.sampled_from(["x", "x.json", "x.eval", "x_samples.jsonl", "x.yaml"]))
def test_detection_and_conversion_never_raise(head: bytes, tail: bytes, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(head + tail)
    detect(path)
    results = convert([tmp_path])
    assert results and _accounted(results) >= {str(path)}
    for r in results:
        assert r.report is not None or any(f.severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                                           for f in r.findings)


class _Corrupting:
    """Reads with the real EEE converter, then puts a value outside its metric's bounds: the shape of a converter
    bug. The dispatcher must not hand the report on."""

    name = "corrupting"
    title = "test double"

    def sniff(self, path: Path) -> bool:
        return True

    def read(self, path: Path, options: ConvertOptions) -> Any:
        for item in get("eee").read(path, options):
            result = item.report["evaluations"][0]["results"][0]
            result["metric"].update(min=0, max=1)
            result["value"] = 7.0
            yield item


def test_a_report_that_fails_validation_is_withheld(monkeypatch: pytest.MonkeyPatch) -> None:
    import riskfmt.convert as registry

    monkeypatch.setitem(registry._loaded, "corrupting", _Corrupting())
    (item,) = convert([EEE_RECORD], from_="corrupting")
    assert item.report is None
    codes = {f.code for f in item.findings}
    assert "RF613" in codes and "RF503" in codes


def test_messages_never_echo_sample_content() -> None:
    log = json.loads(INSPECT_JSON.read_text(encoding="utf-8"))
    texts = [s["input"] for s in log["samples"] if isinstance(s.get("input"), str)]
    texts += [s["output"]["completion"] for s in log["samples"] if s["output"].get("completion")]
    texts = [t for t in texts if len(t) > 3]
    assert texts
    for source in (INSPECT_JSON, EEE_INT_IDS):
        for item in convert([source]):
            for finding in item.findings:
                for lang in ("en", "zh"):
                    message = finding.message(lang)
                    assert not any(t in message for t in texts), (finding.code, message)
            if item.report is not None:
                dumped = json.dumps(item.report, ensure_ascii=False)
                assert not any(t in dumped for t in texts if len(t) > 20)


def test_eee_interval_of_unknown_level_is_a_finding_not_an_invention() -> None:
    (item,) = convert([EEE_CI])
    assert item.report is not None
    flagged = [f for f in item.findings if f.code == "RF615"]
    assert len(flagged) == 16  # the 16 languages; the overall score has no interval
    assert all("uncertainty" not in r for e in item.report["evaluations"] for r in e.get("results", []))


def test_eee_integer_sample_ids_do_not_trip_the_leak_check(tmp_path: Path) -> None:
    """EEE 0.1.0 wrote sample ids as integers; the report keeps them as strings and validates, so diff reads it."""
    (item,) = convert([EEE_INT_IDS])
    assert item.report is not None
    assert not [f for f in item.findings if f.severity is Severity.ERROR]
    ext = item.report["extensions"]["every-eval-ever"]
    assert ext["source_data"]["sample_ids"] == ["1", "2", "3", "4", "5"]


def test_inspect_log_before_0_3_18_converts() -> None:
    """A log written by inspect-ai 0.3.10 (results.scorer, results.metrics, samples with one ``score``)."""
    (item,) = convert([OLD_LAYOUT])
    assert item.report is not None
    (evaluation,) = item.report["evaluations"]
    (result,) = evaluation["results"]
    assert result["metric"]["id"] == "match/accuracy"
    assert result["value"] == pytest.approx(2 / 3) and result["n"] == 3
    assert result["uncertainty"] == {"standard_error": pytest.approx(0.271891318156518), "method": "bootstrap"}
    assert "started" not in evaluation  # its dates have no time zone: none is invented
    assert any(f.code == "RF608" and "results.scorer" in f.message() for f in item.findings)


def test_inspect_n_is_the_runs_count_when_samples_were_trimmed() -> None:
    path = HERE / "inspect" / "eee-tests" / "data_intercode_ctf_local_path.json"
    (item,) = convert([path])
    (result,) = item.report["evaluations"][0]["results"]
    assert result["n"] == 79
    assert len(item.report["evaluations"][0]["samples"]["inline"]) == 1
    assert any(f.code == "RF608" and "1 of the run's 79" in f.message() for f in item.findings)


def test_inspect_log_without_scores_is_refused_not_empty() -> None:
    """inspect_ai's own test log whose results.scores is empty: a finding, never a report with nothing measured."""
    path = HERE / "inspect" / "inspect-ai-tests" / \
        "scorer__logs__2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval"
    (item,) = convert([path])
    assert item.report is None
    assert "RF614" in {f.code for f in item.findings}


def test_a_run_folder_is_one_unit_and_files_beside_it_are_named(tmp_path: Path) -> None:
    """A HELM run folder is converted as one run; a suite folder holding runs among other files is walked, so
    the files beside the runs are named (RF611) instead of disappearing into the HELM converter."""
    suite = ROOT / "examples" / "inputs" / "helm" / "benchmark_output" / "runs" / "v1"
    run = "simple_mcqa:model=simple_model1"  # as HELM names it (the fixture is stored under a Windows-safe name)
    shutil.copytree(suite / run.replace(":", "_"), tmp_path / "suite" / run)
    shutil.copyfile(INSPECT_JSON, tmp_path / "suite" / "inspect-log")
    (tmp_path / "suite" / "costs.json").write_text("{}", encoding="utf-8")
    results = convert([tmp_path])
    by_source = {r.source: r for r in results}
    assert by_source[str(tmp_path / "suite" / run)].report is not None
    assert by_source[str(tmp_path / "suite" / "inspect-log")].report is not None
    assert [str(f.params["path"]) for r in results for f in r.findings if f.code == "RF611"] == [
        str(tmp_path / "suite" / "costs.json")]


def test_cli_converts_a_folder_and_names_what_it_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from riskfmt.cli import run

    (tmp_path / "in" / "sub").mkdir(parents=True)
    shutil.copyfile(INSPECT_JSON, tmp_path / "in" / "sub" / "log.txt")
    shutil.copyfile(EEE_RECORD, tmp_path / "in" / "record")
    (tmp_path / "in" / "README.md").write_text("notes\n", encoding="utf-8")
    assert run(["convert", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    output = capsys.readouterr().out
    assert "RF611" in output and "README.md" in output
    assert len(list((tmp_path / "out").iterdir())) == 2
    assert run(["validate", "-q", str(tmp_path / "out")]) == 0


def test_dataset_alignment_needs_one_result_per_dataset_on_each_side(tmp_path: Path) -> None:
    """EEE's first Inspect records name only the dataset; when A ran two tasks on that dataset (arc_easy and
    arc_challenge both read allenai/ai2_arc), the record's result must not be paired with either."""
    import copy

    from riskfmt.compare import diff_files

    (inspect_item,) = convert([INSPECT_JSON])
    (eee_item,) = convert([EEE_INT_IDS])
    a = copy.deepcopy(inspect_item.report)
    twin = copy.deepcopy(a["evaluations"][0])
    twin["id"] = "inspect_evals-arc_challenge"
    twin["task"]["id"] = "inspect_evals/arc_challenge"
    for result in twin["results"]:
        result["id"] = "inspect_evals-arc_challenge." + result["id"].split(".", 1)[1]
    twin.pop("samples", None)
    a["evaluations"].append(twin)
    from riskfmt.identity import report_id

    a["report_id"] = report_id(a)  # the id digests the evaluations: an edited report gets its own
    paths = []
    for name, report in (("a", a), ("b", eee_item.report)):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(report), encoding="utf-8")
    document = diff_files(*paths).to_dict()
    assert document["pairs"] == [] and document["summary"]["only_b"] == 1
    one = diff_files(_write(tmp_path / "one.json", inspect_item.report), paths[1]).to_dict()
    assert len(one["pairs"]) == 1 and one["pairs"][0]["difference"] == 0


def _write(path: Path, report: dict[str, Any]) -> Path:
    path.write_text(json.dumps(report), encoding="utf-8")
    return path
