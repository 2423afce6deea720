"""OpenCompass: judged results folders (score and compare mode), the config expansion bound, and detection by
content (issue 13 part C, issue 14).

The judged folders are made here from the real runner run in examples/inputs/opencompass by renaming a results
folder the way OpenCompass names a judge's output (``opencompass/utils/abbr.py``: the model abbreviations joined by
``_``, then ``_judged-by--<judge>``); the values inside are that run's own. No published compare-mode run was
found (see tests/realworld/opencompass/README.md).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.convert import ConvertOptions, convert, detect
from riskfmt.convert.opencompass import (
    MAX_CONFIG_VALUES,
    ConfigTooLarge,
    OpenCompassConverter,
    parse_config,
    split_judged,
)

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "examples" / "inputs" / "opencompass" / "outputs" / "runner" / "20261123_105600"
STATION_FILE = ROOT / "examples" / "inputs" / "opencompass" / "station" / "zh-safety-gen" / "fake-model-v0.json"
OPTIONS = ConvertOptions(organization="Test Lab")

# 450 bytes (the was 414): ten names, each a list of ten references to the one before. Resolved by
# copying, as the reader did before the bound, it builds 10**10 values.
BOMB = "a0 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n" + "".join(
    f"a{i} = [a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}, a{i - 1}]\n"
    for i in range(1, 10))


def _copy_run(tmp_path: Path) -> Path:
    run = tmp_path / "work" / RUNNER.name
    shutil.copytree(RUNNER, run)
    return run


def test_split_judged_names_one_model_a_pair_or_nothing() -> None:
    models = {"qwen_7b", "glm-4", "qwen"}
    assert split_judged("glm-4_judged-by--gpt-4o", models) == ("gpt-4o", ["glm-4"])
    assert split_judged("qwen_7b_glm-4_judged-by--gpt-4o", models) == ("gpt-4o", ["qwen_7b", "glm-4"])
    assert split_judged("glm-4_qwen_summarized-by--judge", models) == ("judge", ["glm-4", "qwen"])
    assert split_judged("unknown_other_judged-by--j", models) == ("j", None)
    assert split_judged("glm-4", models) is None
    # "qwen_7b_glm-4" could only be read one way; a name that splits two ways is refused, never guessed
    assert split_judged("a_b_c_judged-by--j", {"a", "b_c", "a_b", "c"}) == ("j", None)


def test_pairwise_folder_is_refused_and_neither_model_is_marked_failed(tmp_path: Path) -> None:
    run = _copy_run(tmp_path)
    results = run / "results"
    # compare mode: the pair's folder holds the judged values of zh-safety-gen; the models' own folders lose it
    pair = results / "fake-model-v0_fake-model-v1_judged-by--judge-model"
    pair.mkdir()
    shutil.move(str(results / "fake-model-v0" / "zh-safety-gen.json"), pair / "zh-safety-gen.json")
    (results / "fake-model-v1" / "zh-safety-gen.json").unlink()
    before = {c.report["model"]["name"]: [e["id"] for e in c.report["evaluations"] if e.get("status") == "error"]
              for c in convert([RUNNER], options=OPTIONS) if c.report is not None}
    out = convert([run], options=OPTIONS)
    reports = {c.report["model"]["name"]: c for c in out if c.report is not None}
    assert sorted(reports) == ["fake-model-v0", "fake-model-v1"], "the pair must not become a model"
    for name, item in reports.items():
        codes = [f.code for f in item.findings]
        assert codes.count("RF640") == 1
        pair_finding = next(f for f in item.findings if f.code == "RF640")
        assert (pair_finding.params["model_a"], pair_finding.params["model_b"]) == ("fake-model-v0", "fake-model-v1")
        assert pair_finding.params["judge"] == "judge-model"
        ids = [e["id"] for e in item.report["evaluations"]]
        assert "zh-safety-gen" not in ids, "a pairwise dataset is not converted for either model"
        failed = [e["id"] for e in item.report["evaluations"] if e.get("status") == "error"]
        # the runner run's own failure (fake-model-v1 zh-safety-ppl and its group) stays; nothing is added
        assert failed == [i for i in before[name] if i != "zh-safety-gen"], failed
        assert name == "fake-model-v0" or "zh-safety-ppl" in failed


def test_score_mode_folder_joins_its_model(tmp_path: Path) -> None:
    run = _copy_run(tmp_path)
    results = run / "results"
    judged = results / "fake-model-v0_judged-by--judge-model"
    judged.mkdir()
    shutil.move(str(results / "fake-model-v0" / "zh-safety-gen.json"), judged / "zh-safety-gen.json")
    out = convert([run], options=OPTIONS)
    names = sorted(c.report["model"]["name"] for c in out if c.report is not None)
    assert names == ["fake-model-v0", "fake-model-v1"]
    v0 = next(c.report for c in out if c.report is not None and c.report["model"]["name"] == "fake-model-v0")
    gen = next(e for e in v0["evaluations"] if e["id"] == "zh-safety-gen")
    assert gen.get("status") != "error" and gen["results"]
    assert v0["extensions"]["opencompass"]["judged_by"] == {"zh-safety-gen": judged.name}


def test_unsplittable_judged_folder_is_refused_by_name(tmp_path: Path) -> None:
    run = _copy_run(tmp_path)
    (run / "results" / "someone_else_judged-by--j").mkdir()
    out = convert([run], options=OPTIONS)
    codes = [f.code for c in out for f in c.findings]
    assert codes.count("RF641") == 1
    assert sorted(c.report["model"]["name"] for c in out if c.report is not None) == ["fake-model-v0",
                                                                                      "fake-model-v1"]


def test_config_bomb_is_bounded_and_refused_with_a_finding(tmp_path: Path) -> None:
    assert len(BOMB.encode()) < 500
    started = time.process_time()
    with pytest.raises(ConfigTooLarge):
        parse_config(BOMB)
    # a bound, not a timing test: the point is that it returns at all; 10**10 copies would not
    assert time.process_time() - started < 60
    run = _copy_run(tmp_path)
    for dump in (run / "configs").glob("*.py"):
        dump.write_text(BOMB, encoding="utf-8")
    out = convert([run], options=OPTIONS)
    refusals = [f for c in out for f in c.findings if f.code == "RF642"]
    assert refusals and str(refusals[0].params["limit"]) == str(MAX_CONFIG_VALUES)
    # the run's results are still converted, without the config
    assert sorted(c.report["model"]["name"] for c in out if c.report is not None) == ["fake-model-v0",
                                                                                      "fake-model-v1"]


def test_small_configs_resolve_below_the_bound() -> None:
    env = parse_config("a = dict(x=1)\nb = [a, a]\nc = dict(items=b)\n", limit=50)
    assert env["c"] == {"items": [{"x": 1}, {"x": 1}]}
    with pytest.raises(ConfigTooLarge):
        parse_config("a = dict(x=1)\nb = [a, a]\nc = dict(items=b)\n", limit=5)
    with pytest.raises(ConfigTooLarge):  # string doubling
        parse_config("s = 'xx'\n" + "s = s + s\n" * 40, limit=10_000)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=12))
def test_expansion_never_exceeds_its_budget(widths: list[int]) -> None:
    lines = ["a0 = [0]"] + [f"a{i} = [{', '.join([f'a{i - 1}'] * w)}]" for i, w in enumerate(widths, start=1)]
    try:
        env = parse_config("\n".join(lines), limit=20_000)
    except ConfigTooLarge:
        return
    # when it resolves, it resolved fully: every reference became a copy, down to the leaves
    expected = 1
    for w in widths:
        expected *= w

    def leaves(value: object) -> int:
        return sum(leaves(v) for v in value) if isinstance(value, list) else 1

    assert leaves(env[f"a{len(widths)}"]) == expected


def test_station_file_detected_by_content_under_any_name(tmp_path: Path) -> None:
    for name in ("result.txt", "no_extension", "x.JSON.bak"):
        target = tmp_path / name
        target.write_bytes(STATION_FILE.read_bytes())
        found = detect(target)
        assert found is not None and found.name == "opencompass", name
    folder = tmp_path / "station" / "zh-safety-gen"
    folder.mkdir(parents=True)
    (folder / "fake-model-v0.out").write_bytes(STATION_FILE.read_bytes())
    found = detect(tmp_path / "station")
    assert found is not None and found.name == "opencompass"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_sniff_never_raises(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f"
        path.write_bytes(data)
        assert OpenCompassConverter().sniff(path) in (True, False)


def _station_copy(tmp_path: Path, judge: bool, base: bool) -> Path:
    import json

    data = json.loads(STATION_FILE.read_text(encoding="utf-8"))
    if judge:  # what result_station.py writes for a subjective dataset: cfg.judge_models, datasets.base_models
        data["cfg"]["judge_models"] = {"abbr": "judge-model", "type": "OpenAISDK"}
    if base:
        data["cfg"]["datasets"]["base_models"] = [{"abbr": "baseline-model"}]
    folder = tmp_path / "station" / "zh-safety-gen"
    folder.mkdir(parents=True)
    target = folder / ("baseline-model_fake-model-v0_judged-by--judge-model.json" if base else
                       "fake-model-v0_judged-by--judge-model.json")
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return tmp_path / "station"


def test_station_pairwise_file_is_refused(tmp_path: Path) -> None:
    out = convert([_station_copy(tmp_path, judge=True, base=True)], options=OPTIONS)
    assert [c.report for c in out] == [None]
    pair = [f for c in out for f in c.findings if f.code == "RF640"]
    assert len(pair) == 1 and (pair[0].params["model_a"], pair[0].params["model_b"]) == ("baseline-model",
                                                                                         "fake-model-v0")


def test_station_score_mode_file_is_converted_with_its_judge(tmp_path: Path) -> None:
    out = convert([_station_copy(tmp_path, judge=True, base=False)], options=OPTIONS)
    reports = [c.report for c in out if c.report is not None]
    assert len(reports) == 1 and reports[0]["model"]["name"] == "fake-model-v0"
    assert "zh-safety-gen" in reports[0]["extensions"]["opencompass"]["judged_by"]


def test_renamed_run_folder_is_detected_by_content(tmp_path: Path) -> None:
    run = tmp_path / "my-eval-run"
    shutil.copytree(RUNNER, run)
    found = detect(run)
    assert found is not None and found.name == "opencompass"
    found = detect(tmp_path)  # the parent, as a work_dir
    assert found is not None and found.name == "opencompass"
    reports = [c.report for c in convert([run], options=OPTIONS) if c.report is not None]
    assert len(reports) == 2
    assert all("run_started_local" not in r["extensions"]["opencompass"] for r in reports)  # no date is invented
    # a folder that only looks like one (configs/ and results/, but no config dump) is not taken
    other = tmp_path / "not-opencompass"
    (other / "configs").mkdir(parents=True)
    (other / "results" / "m").mkdir(parents=True)
    (other / "configs" / "settings.py").write_text("x = 1\n", encoding="utf-8")
    (other / "results" / "m" / "r.json").write_text("{}", encoding="utf-8")
    assert not OpenCompassConverter().sniff(other)
