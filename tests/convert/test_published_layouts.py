"""Published layouts of lm-eval, HELM, Hugging Face model cards and OpenAI evals (issue 13, part B).

The files are the real ones under ``tests/realworld/`` (provenance in each MANIFEST.yaml); these tests pin the
behaviour the generic corpus test does not name: detection by content whatever the file name, the lm-eval 0.3
layout (RF620), refusal of a file with no usable value (RF621), the result identity of model-index cards, n from
the producer's own count, and the producers' task names in the task-to-risk table.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.convert import convert, detect
from riskfmt.convert.hf import card_text_has_index, identity_slice
from riskfmt.convert.lm_eval import looks_like_results_text, parse_metric_key
from riskfmt.convert.tasks import load_task_map
from riskfmt.mappings import load_crosswalk

CORPUS = ROOT / "tests" / "realworld"
LM = CORPUS / "lm-eval"
TABLE = yaml.safe_load((ROOT / "schemas" / "vocab" / "task-risks-producers.yaml").read_text(encoding="utf-8"))


def _codes(results: list) -> set[str]:
    return {f.code for r in results for f in r.findings}


# ---- lm-eval ------------------------------------------------------------------------------------------


def test_lm_eval_03_layout_converts_with_its_gap_said() -> None:
    path = LM / "v0.3" / "llama-7B" / "llama-7B_human_alignment_0-shot.json"
    (result,) = convert([path])
    assert result.report is not None
    assert "RF620" in _codes([result])
    evaluations = {e["task"]["id"]: e for e in result.report["evaluations"]}
    source = json.loads(path.read_text(encoding="utf-8"))["results"]
    assert set(evaluations) == set(source)  # every task of the file, none invented
    toxigen = {r["metric"]["id"]: r for r in evaluations["toxigen"]["results"]}
    assert set(toxigen) == {"acc", "acc_norm"}  # the _stderr keys are uncertainties, not metrics
    assert toxigen["acc"]["uncertainty"]["standard_error"] == source["toxigen"]["acc_stderr"]
    assert all("n" not in r for e in evaluations.values() for r in e["results"])  # 0.3 records no n
    assert evaluations["toxigen"]["settings"]["num_fewshot"] == 0  # config.num_fewshot applies to every task


def test_lm_eval_04_file_not_named_results_is_detected_and_has_n(tmp_path: Path) -> None:
    original = LM / "v0.4" / "truthfulqa_gen_neo125_2025-05-31T13-51-32.759677.json"
    renamed = tmp_path / "my-run"
    shutil.copyfile(original, renamed)
    found = detect(renamed)
    assert found is not None and found.name == "lm-eval"
    (result,) = convert([renamed])
    assert result.report is not None and "RF620" not in _codes([result])
    data = json.loads(original.read_text(encoding="utf-8"))
    n = data["n-samples"]["truthfulqa_gen"]["effective"]
    assert {r.get("n") for e in result.report["evaluations"] for r in e["results"]} == {n}


def test_lm_eval_folder_of_03_files_is_found_by_content(tmp_path: Path) -> None:
    for name in ("llama-7B_gsm8k_8-shot.json", "llama-7B_anli_0-shot.json"):
        shutil.copyfile(LM / "v0.3" / "llama-7B" / name, tmp_path / name)
    found = detect(tmp_path)
    assert found is not None and found.name == "lm-eval"
    results = convert([tmp_path])
    assert len(results) == 2 and all(r.report is not None for r in results)


def test_lm_eval_file_without_a_usable_value_is_refused() -> None:
    path = LM / "v0.4" / "gpt-4o-mini-tgpred" / "results_2025-06-30T19-40-09.461247.json"
    results = convert([path])
    assert [r.report for r in results] == [None]
    assert "RF621" in _codes(results)


@given(st.binary(max_size=400))
def test_lm_eval_sniff_never_raises(head: bytes) -> None:
    assert looks_like_results_text(head) in (True, False)


@given(st.from_regex(r"[a-z_@0-9]{1,12}", fullmatch=True), st.booleans())
def test_legacy_keys_read_as_the_none_filter(metric: str, stderr: bool) -> None:
    key = metric + ("_stderr" if stderr else "")
    parsed = parse_metric_key(key, legacy=True)
    if key in ("alias", "name", "samples", "sample_len", "sample_count"):
        assert parsed is None
        return
    assert parsed is not None and parsed[1] == "none"
    if stderr:
        assert parsed == (metric, "none", True)
    assert parse_metric_key(key) is None  # without the legacy flag a comma-less key is never a metric
    assert parse_metric_key(f"{key},none") == parsed  # 0.3 and 0.4 spellings of one result agree


def test_other_tools_files_are_not_taken_for_lm_eval() -> None:
    for path in [*sorted((CORPUS / "helm").rglob("*.json"))[:5], *sorted((CORPUS / "hf").rglob("*.md"))[:3],
                 CORPUS / "openai-evals" / "self_prompting" / "oriprompt.log"]:
        assert not looks_like_results_text(path.read_bytes()[:65536]), path


# ---- Hugging Face -------------------------------------------------------------------------------------


def test_card_without_extension_is_detected() -> None:
    path = CORPUS / "hf" / "cards" / "Helsinki-NLP_opus-mt-tc-big-ar-en_README"
    found = detect(path)
    assert found is not None and found.name == "hf"
    (result,) = convert([path])
    assert result.report is not None and result.report["evaluations"]


def test_language_pairs_stay_distinct_results() -> None:
    (result,) = convert([CORPUS / "hf" / "cards" / "Helsinki-NLP_opus-mt-tc-big-en-zle_README.md"])
    keys = [(e["task"]["id"], r["metric"]["id"], json.dumps(r.get("slice"), sort_keys=True))
            for e in result.report["evaluations"] for r in e["results"]]
    assert len(keys) == len(set(keys)) == 15
    pairs = {r["slice"]["subgroup"].split("; ")[1] for e in result.report["evaluations"] for r in e["results"]}
    assert pairs == {"task.args=eng-bel", "task.args=eng-rus", "task.args=eng-ukr"}


def test_a_repeated_metric_in_one_result_keeps_the_first() -> None:
    (result,) = convert([CORPUS / "hf" / "cards" / "Charalampos_whisper-medium-el_README.md"])
    common_voice = next(e for e in result.report["evaluations"] if e["task"]["id"].startswith("mozilla"))
    assert [r["value"] for r in common_voice["results"]] == [11.469167904903417]
    assert any(f.code == "RF601" and "second 'wer'" in f.message() for f in result.findings)


_ARGS = st.one_of(st.none(), st.text(max_size=12), st.integers(), st.lists(st.text(max_size=5), max_size=3),
                  st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))


@given(_ARGS, _ARGS, _ARGS, st.one_of(st.none(), st.text(max_size=8)))
def test_identity_slice_is_total_and_stable(task_type, task_args, dataset_args, split) -> None:
    task = {"type": task_type, "args": task_args}
    dataset = {"args": dataset_args, "split": split}
    first = identity_slice(task, dataset)
    assert first == identity_slice(dict(task), dict(dataset))
    assert set(first) <= {"split", "subgroup"}
    assert all(isinstance(v, str) and v for v in first.values())


@given(st.text(min_size=1, max_size=10).filter(lambda s: s.strip() and ";" not in s and "=" not in s),
       st.text(min_size=1, max_size=10).filter(lambda s: s.strip() and ";" not in s and "=" not in s))
def test_different_language_pairs_give_different_slices(a: str, b: str) -> None:
    sa = identity_slice({"type": "translation", "args": a}, {})
    sb = identity_slice({"type": "translation", "args": b}, {})
    assert (sa == sb) == (a.strip() == b.strip())


@settings(max_examples=60)
@given(st.text(max_size=300))
def test_card_sniff_never_raises(text: str) -> None:
    assert card_text_has_index(text) in (True, False)


# ---- OpenAI evals -------------------------------------------------------------------------------------


def test_log_with_another_extension_is_detected_and_n_is_the_evals_count() -> None:
    path = CORPUS / "openai-evals" / "self_prompting" / "oriprompt.log"
    found = detect(path)
    assert found is not None and found.name == "openai-evals"
    (result,) = convert([path])
    results = {r["metric"]["id"]: r for e in result.report["evaluations"] for r in e["results"]}
    assert "n_samples" not in results  # a count, used as n, not a result
    assert results["accuracy"]["n"] == 1500


# ---- HELM ---------------------------------------------------------------------------------------------


def test_helm_perturbations_are_distinct_results() -> None:
    for run in sorted((CORPUS / "helm" / "runs").iterdir()):
        (result,) = convert([run])
        stats = json.loads((run / "stats.json").read_text(encoding="utf-8"))
        perturbed = {s["name"]["perturbation"]["name"] for s in stats if s["name"].get("perturbation")}
        slices = {r.get("slice", {}).get("perturbation", "").split(":")[0]
                  for e in result.report["evaluations"] for r in e["results"]}
        assert perturbed and perturbed <= slices, run.name


# ---- the task-to-risk table -----------------------------------------------------------------------------


def test_every_mapped_risk_exists() -> None:
    vocab = riskfmt.load_vocabulary()
    crosswalk = load_crosswalk(vocab.version)
    for entry in TABLE["tasks"]:
        for risk in entry["risks"]:
            assert risk in vocab or crosswalk.concepts_for(risk), (entry["benchmark"], risk)


@pytest.mark.parametrize(("task", "risks"), [
    ("bbq:subject=all", ["R0005"]), ("anthropic_red_team", ["R0001", "R0010"]),
    ("simple_safety_tests", ["R0001"]), ("harm_bench", ["R0010", "R0001"]),
    ("harm_bench_gcg_transfer", ["R0010", "R0001"]), ("xstest", ["R0149", "R0001"]),
    ("xstest:subset=all", ["R0149", "R0001"]), ("ethics_cm", ["R0041"]),
    ("ethics_utilitarianism_original", ["R0041"]), ("civil_comments:demographic=all", ["R0002"]),
    ("mmlu:subject=philosophy", ["R0000"]),
])
def test_producers_task_names(task: str, risks: list[str]) -> None:
    assert load_task_map().risks_for(task) == (risks, True)


def test_safety_results_of_the_corpus_map_to_a_risk() -> None:
    """Every result of a file the manifests mark ``safety: true`` maps to a concept other than R0000."""
    unmapped = []
    for tool in ("lm-eval", "helm", "hf", "openai-evals"):
        manifest = yaml.safe_load((CORPUS / tool / "MANIFEST.yaml").read_text(encoding="utf-8"))
        for entry in manifest["files"]:
            if not entry.get("safety"):
                continue
            for converted in convert([CORPUS / tool / entry["path"]]):
                for evaluation in (converted.report or {}).get("evaluations", []):
                    unmapped += [evaluation["task"]["id"] for r in evaluation["results"] if r["risks"] == ["R0000"]]
    assert not unmapped, sorted(set(unmapped))


def test_eval_results_config_and_task_id_spellings_align() -> None:
    """The Hub's spec first named the benchmark subset ``dataset.config``, later ``dataset.task_id``."""
    spec = CORPUS / "hf" / "eval-results-spec"
    tasks = []
    for name in ("eval_results.early.yaml", "eval_results.yaml"):
        found = detect(spec / name)
        assert found is not None and found.name == "hf"
        (result,) = convert([spec / name])
        tasks.append({e["task"]["id"] for e in result.report["evaluations"] if e.get("results")})
    assert tasks[0] == tasks[1] == {"Idavidrein/gpqa:gpqa_diamond"}


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["", ".json", ".log", ".md", ".yaml", ".txt"]))
def test_content_sniffers_never_raise_on_any_file(data: bytes, suffix: str) -> None:
    import tempfile

    from riskfmt.convert import get

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        for name in ("lm-eval", "hf", "openai-evals"):
            assert get(name).sniff(path) in (True, False)
