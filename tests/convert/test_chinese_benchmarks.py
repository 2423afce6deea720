"""The Chinese safety-benchmark tables (schemas/vocab/benchmarks/*.yaml), the label normaliser of
riskfmt.convert.zh_labels, the CAICT grading and the Chinese task-map entries (schemas/vocab/task-risks-zh.yaml)."""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.convert.tasks import load_task_map
from riskfmt.convert.zh_labels import (
    MATCH_VALUES,
    benchmark_category,
    caict_band,
    label_key,
    load_benchmark_tables,
    tc260_item,
    tc260_label_index,
)
from riskfmt.mappings import load_crosswalk

ROOT = Path(__file__).resolve().parents[2]
VOCAB = ROOT / "schemas" / "vocab"
TABLES = sorted((VOCAB / "benchmarks").glob("*.yaml"))
EXPECTED = {"chisafetybench": "CHiSafetyBench", "jade": "JADE-DB", "safetybench": "SafetyBench", "flames": "Flames",
            "s-eval": "S-Eval", "cvalues": "CValues", "superclue-safety": "SuperCLUE-Safety",
            "caict-grading": "CAICT AI Safety Benchmark"}
PREDICATE = {"exact": "skos:exactMatch", "close": "skos:closeMatch", "broad": "skos:broadMatch",
             "narrow": "skos:narrowMatch", "related": "skos:relatedMatch"}


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _concepts(scheme: str) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in _yaml(VOCAB / "terms" / f"{scheme}.yaml")["concepts"]}


RISKS = _concepts("risk")
SEVERITY = _concepts("severity")
METRIC_KINDS = _concepts("metric-kind")


def _tc260_codes() -> dict[str, str]:
    frameworks = _yaml(VOCAB / "frameworks.yaml")
    items = frameworks if isinstance(frameworks, list) else frameworks["frameworks"]
    [tc260] = [f for f in items if f["id"] == "tc260-003-2024"]
    return {str(c["code"]): str(c["title"]) for c in tc260["codes"]}


TC260 = _tc260_codes()
TC260_ITEMS = sorted(c for c in TC260 if c.count(".") == 2)
TC260_CLASSES = sorted(c for c in TC260 if c.count(".") == 1)


def _rows(stem: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = load_benchmark_tables()[stem]["categories"]
    return rows


# ---- shape -------------------------------------------------------------------------------------------------


def test_the_expected_tables_exist() -> None:
    assert {p.stem for p in TABLES} == set(EXPECTED)
    assert set(load_benchmark_tables()) == set(EXPECTED)


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_table_loads_with_the_agreed_shape(path: Path) -> None:
    table = _yaml(path)
    assert table["benchmark"] == EXPECTED[path.stem]
    assert set(table["publisher"]) == {"en", "zh"} and all(table["publisher"].values())
    for key in ("source", "licence", "version"):
        assert isinstance(table[key], str) and table[key].strip(), key
    assert set(table["notes"]) == {"en", "zh"} and all(isinstance(v, str) and v for v in table["notes"].values())
    assert set(table) <= {"benchmark", "publisher", "source", "licence", "version", "notes", "categories", "grading"}
    rows = table["categories"]
    assert rows, "a table without categories"
    codes = [row["code"] for row in rows]
    assert all(isinstance(c, str) and c.strip() == c and c for c in codes)  # e.g. SafetyBench's OFF stays a string
    assert len(set(codes)) == len(codes), "codes are unique"
    for row in rows:
        where = f"{path.stem}:{row['code']}"
        assert set(row) <= {"code", "labels", "tc260_003", "risks", "match", "comment"}, where
        assert set(row["labels"]) == {"zh", "en"}, where
        for lang in ("zh", "en"):
            labels = row["labels"][lang]
            assert isinstance(labels, list) and all(isinstance(x, str) and x.strip() for x in labels), where
            assert len(set(labels)) == len(labels), where
        assert row["match"] in MATCH_VALUES, where
        assert isinstance(row["risks"], list), where
        if row["match"] != "exact":
            assert isinstance(row.get("comment"), str) and row["comment"].strip(), f"{where}: comment required"
        if row["match"] == "none":
            assert row["risks"] == [], where
        else:
            assert row["risks"], f"{where}: a {row['match']} match names at least one concept"
        if "tc260_003" in row:
            assert row["tc260_003"] in TC260, where
        assert row["labels"]["zh"] or row["labels"]["en"] or "UNVERIFIED" in row.get("comment", "") or \
            row["match"] == "none" or path.stem in ("flames", "safetybench"), where


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_risk_id_exists_in_the_vocabulary(path: Path) -> None:
    release = json.loads((VOCAB / "releases" / "1.0" / "vocabulary.json").read_text(encoding="utf-8"))
    released = json.dumps(release)
    for row in _rows(path.stem):
        for risk in row["risks"]:
            assert re.fullmatch(r"R\d{4}", risk), risk
            assert risk in RISKS, f"{path.stem}:{row['code']}: {risk} is not a risk concept"
            assert RISKS[risk].get("status") != "deprecated", f"{path.stem}:{row['code']}: {risk} is deprecated"
            assert risk != "R0000", "R0000 means 'no specific risk': use match none instead"
            assert f'"{risk}"' in released, f"{risk} is not in the 1.0 release"


def test_unverified_names_are_not_presented_as_labels() -> None:
    # chinese_tools.md marks SafetyBench's and Flames' Chinese category names UNVERIFIED: they may only be named
    # in comments
    for stem in ("safetybench", "flames"):
        for row in _rows(stem):
            assert row["labels"]["zh"] == [], f"{stem}:{row['code']}"
    safety = {row["code"]: row for row in _rows("safetybench")}
    assert set(safety) == {"OFF", "UB", "PH", "MH", "IA", "EM", "PP", "Avg."}
    assert "UNVERIFIED" in safety["UB"]["comment"]
    for stem in ("s-eval", "cvalues", "superclue-safety", "jade", "caict-grading"):
        for row in _rows(stem):
            text = row.get("comment", "")
            for label in row["labels"]["zh"]:
                assert f"{label} UNVERIFIED" not in text and f"{label}（UNVERIFIED" not in text, (stem, label)


def test_match_counts_per_table() -> None:
    counts = {stem: {m: sum(r["match"] == m for r in _rows(stem)) for m in MATCH_VALUES if
                     any(r["match"] == m for r in _rows(stem))} for stem in EXPECTED}
    assert counts["chisafetybench"] == {"exact": 11, "close": 10, "broad": 12, "narrow": 2, "related": 1, "none": 1}
    assert sum(counts["chisafetybench"].values()) == 37
    assert sum(counts["jade"].values()) == 36
    assert all(counts[stem].get("none") for stem in ("safetybench", "flames", "s-eval", "cvalues",
                                                     "superclue-safety", "caict-grading")), counts


# ---- CHiSafetyBench and TC260-003 ----------------------------------------------------------------------------


def test_chisafetybench_covers_every_tc260_003_item_once() -> None:
    assert len(TC260_ITEMS) == 31 and len(TC260_CLASSES) == 5
    rows = [r for r in _rows("chisafetybench") if "tc260_003" in r]
    mapped = [r["tc260_003"] for r in rows]
    assert sorted(mapped) == sorted(TC260)  # 5 classes + 31 items, each once
    for row in rows:
        assert row["code"] == row["tc260_003"]  # CHiSafetyBench has no ids of its own: the item code is used
    [other] = [r for r in _rows("chisafetybench") if "tc260_003" not in r]
    assert other["code"] == "qa-refusal" and other["labels"]["zh"] == ["应拒答"] and other["match"] == "none"


def test_chisafetybench_rows_follow_the_tc260_003_crosswalk() -> None:
    crosswalk = load_crosswalk("1.0")
    for row in _rows("chisafetybench"):
        code = row.get("tc260_003")
        if not code:
            continue
        mappings = [m for m in crosswalk.resolve(f"tc260_003:{code}") if m.concept]
        assert mappings, code
        primary = mappings[0].predicate_id
        assert PREDICATE[row["match"]] == primary, code
        assert row["risks"] == [m.concept for m in mappings if m.predicate_id == primary], code


def test_chisafetybench_canonical_labels_are_the_tc260_titles() -> None:
    for row in _rows("chisafetybench"):
        if "tc260_003" in row:
            assert row["labels"]["zh"][0] == TC260[row["tc260_003"]], row["code"]


def test_the_observed_label_drift_is_recorded() -> None:
    rows = {r["code"]: r["labels"]["zh"] for r in _rows("chisafetybench")}
    assert "侵害他人其他合法权益" in rows["A.4.7"] and "侵犯他人其他合法权益" in rows["A.4.7"]  # 侵犯 vs 侵害
    assert "违反社会核心价值观内容" in rows["A.1"]  # A.1 without 主义
    assert "内容不准确" in rows["A.5.1"] and "内容不可靠" in rows["A.5.2"]  # without the gloss
    assert "民族歧视" in rows["A.2.1"]  # without 内容
    assert any("," in label for label in rows["A.3.4"])  # the ASCII comma


# ---- the normaliser -----------------------------------------------------------------------------------------


def test_every_label_variant_normalises_to_its_item() -> None:
    index = tc260_label_index()  # raises if two items shared a normalised label
    assert len(set(index.values())) == len(TC260)
    for stem in ("chisafetybench", "jade"):
        for row in _rows(stem):
            code = row.get("tc260_003")
            for label in row["labels"]["zh"]:
                assert tc260_item(label) == code, (stem, label)
    for code, title in TC260.items():
        assert tc260_item(title) == code


@pytest.mark.parametrize(("label", "code"), [
    ("侵害他人其他合法权益", "A.4.7"), ("侵犯他人其他合法权益", "A.4.7"), ("违背价值观", "A.1"),
    ("违反社会核心价值观内容", "A.1"), ("包含违反社会主义核心价值观的内容", "A.1"), ("民族歧视", "A.2.1"),
    ("民族歧视内容", "A.2.1"), ("内容不准确", "A.5.1"), ("内容不准确（严重不符合科学常识或主流认知）", "A.5.1"),
    ("内容不准确(严重不符合科学常识或主流认知)", "A.5.1"),
    ("利用算法、数据、平台等优势,实施垄断和不正当竞争行为", "A.3.4"),
    ("侵犯他人隐私权", "A.4.5"), (" 歧视性内容 ", "A.2"), ("应拒答", None), ("", None), ("违法犯罪", None),
])
def test_known_variants(label: str, code: str | None) -> None:
    assert tc260_item(label) == code


def _variants() -> list[tuple[str, str]]:
    out = []
    for stem in ("chisafetybench", "jade"):
        for row in _rows(stem):
            if row.get("tc260_003"):
                out += [(label, row["tc260_003"]) for label in row["labels"]["zh"]]
    return out


VARIANTS = _variants()
_FULLWIDTH = {",": "，", "(": "（", ")": "）", "、": "、"}


@st.composite
def spelled(draw: st.DrawFn) -> tuple[str, str, str]:
    label, code = draw(st.sampled_from(VARIANTS))
    text = label
    if draw(st.booleans()):  # swap the two verbs the data use for one right
        text = text.replace("侵害", "侵犯") if draw(st.booleans()) else text.replace("侵犯", "侵害")
    if draw(st.booleans()):  # full-width <-> ASCII punctuation
        text = "".join(_FULLWIDTH.get(ch, ch) for ch in text) if draw(st.booleans()) else \
            unicodedata.normalize("NFKC", text)
    if draw(st.booleans()) and not text.endswith(("）", ")")):  # the trailing 内容 comes and goes
        text = text + "内容" if not text.endswith("内容") else text[:-2]
    if draw(st.booleans()):  # a gloss after the name
        text += draw(st.sampled_from(["（示例）", "(见附录A)", "（严重不符合科学常识或主流认知）"]))
    spaces = draw(st.lists(st.sampled_from([" ", "\u3000", "\t"]), max_size=3))
    for space in spaces:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + space + text[at:]
    return label, text, code


@given(spelled())
@settings(max_examples=300, deadline=None)
def test_spelling_variants_normalise_to_one_item(case: tuple[str, str, str]) -> None:
    label, text, code = case
    if text.strip() in ("内容", ""):
        return
    assert tc260_item(text) == code, (label, text)
    assert label_key(text) == label_key(label) or tc260_item(label) == code


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_label_key_is_idempotent_and_total(text: str) -> None:
    key = label_key(text)
    assert label_key(key) == key
    assert not re.search(r"\s", key)
    tc260_item(text)  # never raises


def test_benchmark_category_finds_rows_by_code_or_label() -> None:
    assert benchmark_category("chisafetybench", "侵害他人其他合法权益")["code"] == "A.4.7"  # type: ignore[index]
    assert benchmark_category("jade", "侵害权益")["code"] == "type:rights"  # type: ignore[index]
    assert benchmark_category("safetybench", "OFF")["match"] == "close"  # type: ignore[index]
    assert benchmark_category("safetybench", "Avg.")["match"] == "none"  # type: ignore[index]
    assert benchmark_category("s-eval", "Crimes and Illegal Activities") is not None
    assert benchmark_category("nope", "x") is None and benchmark_category("jade", "没有这一类") is None


# ---- CAICT grading ----------------------------------------------------------------------------------------


def test_caict_grading_is_a_severity_scale_of_the_vocabulary() -> None:
    grading = load_benchmark_tables()["caict-grading"]["grading"]
    assert grading["scale"] in SEVERITY and grading["metric_kind"] in METRIC_KINDS
    assert grading["unit"] == "%"
    levels = [band["level"] for band in grading["bands"]]
    assert set(levels) == {c for c, v in SEVERITY.items() if v.get("broader") == grading["scale"]}
    # the bands tile 0..100 without gap or overlap
    spans = sorted((b["min"], b["max"]) for b in grading["bands"])
    assert spans[0][0] == 0 and spans[-1][1] == 100
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    for band in grading["bands"]:
        pref = SEVERITY[band["level"]]["pref_label"]
        assert band["labels"]["zh"] == [pref["zh"]]


@pytest.mark.parametrize(("rate", "level"), [
    (100, "severity:caict-controllable"), (90, "severity:caict-controllable"), (89.999, "severity:caict-low"),
    (80, "severity:caict-low"), (79.9, "severity:caict-medium"), (60, "severity:caict-medium"),
    (59.99, "severity:caict-high"), (0, "severity:caict-high"), (-1, None), (100.5, None), (math.nan, None),
    (True, None), ("90", None),
])
def test_caict_band_edges(rate: Any, level: str | None) -> None:
    assert caict_band(rate) == level


@given(st.floats(0, 100))
def test_caict_band_is_monotone(rate: float) -> None:
    order = ["severity:caict-high", "severity:caict-medium", "severity:caict-low", "severity:caict-controllable"]
    band = caict_band(rate)
    assert band is not None
    assert order.index(band) == sum(rate >= edge for edge in (60, 80, 90))


# ---- the task map -----------------------------------------------------------------------------------------

TASK_NAMES = {
    # name -> (benchmark prefix of the rule that must match, tool)
    "CHiSafetyBench": ("CHiSafetyBench", None), "chisafetybench_mcq": ("CHiSafetyBench", None),
    "jade_db": ("JADE-DB", None), "jade-db-v2": ("JADE-DB", None),
    "safetybench": ("SafetyBench", None), "safetybench_zh": ("SafetyBench", None),
    "flames": ("Flames", None), "flames_zh": ("Flames", None),
    "s-eval": ("S-Eval", None), "s_eval_base_risk_set_zh": ("S-Eval", None),
    "s_eval_zh_hate_speech": ("S-Eval Hate Speech", None),
    "CValues-Responsibility": ("CValues", None), "cvalues_rp": ("CValues", None),
    "superclue-safety": ("SuperCLUE-Safety", None), "sc_safety": ("SuperCLUE-Safety", None),
    "fairness": ("Flames Fairness", "opencompass"), "legality": ("Flames Legality", "opencompass"),
    "data_protection": ("Flames Data protection", "opencompass"),
    "morality_chinese_values": ("Flames Morality", "opencompass"),
    "safety_physical_harm": ("Flames Safety, physical harm", "opencompass"),
}


@pytest.mark.parametrize("name", sorted(TASK_NAMES))
def test_task_map_maps_the_chinese_benchmark_names(name: str) -> None:
    benchmark, tool = TASK_NAMES[name]
    rule = load_task_map().lookup(name, tool)
    assert rule is not None and rule.benchmark.startswith(benchmark), (name, rule)
    crosswalk = load_crosswalk("1.0")
    for risk in rule.risks:
        if ":" in risk:  # a framework code, resolved through the crosswalk
            assert crosswalk.concepts_for(risk), risk
        else:
            assert risk in RISKS and risk != "R0000", risk


def test_ordinary_words_map_only_for_opencompass() -> None:
    tasks = load_task_map()
    for word in ("fairness", "legality", "data_protection", "safety_physical_harm"):
        assert tasks.lookup(word, "opencompass") is not None
        rule = tasks.lookup(word, "lm-eval")
        assert rule is None or "Flames" not in rule.benchmark, word
    # Flames' property-safety subset has no verified concept: it stays unmapped (R0000 with RF602)
    assert tasks.risks_for("safety_property_safety", "opencompass") == (["R0000"], False)


def test_chinese_task_map_risks_agree_with_the_tables() -> None:
    tasks = load_task_map()
    for stem, name in (("safetybench", "safetybench"), ("flames", "flames"), ("superclue-safety", "sc_safety")):
        table_risks = {risk for row in _rows(stem) for risk in row["risks"]}
        rule = tasks.lookup(name)
        assert rule is not None and set(rule.risks) <= table_risks, (stem, set(rule.risks) - table_risks)
    rule = tasks.lookup("chisafetybench")
    assert rule is not None and sorted(rule.risks) == [f"tc260_003:{c}" for c in TC260_CLASSES]


def test_zh_task_patterns_do_not_shadow_other_tables() -> None:
    own = _yaml(VOCAB / "task-risks-zh.yaml")
    mine = {str(p).casefold() for entry in own["tasks"] for p in
            (entry["match"] if isinstance(entry["match"], list) else [entry["match"]])}
    tasks = load_task_map()
    for path in sorted(VOCAB.glob("task-risks*.yaml")):
        if path.name == "task-risks-zh.yaml":
            continue
        for entry in _yaml(path).get("tasks", []):
            patterns = entry["match"] if isinstance(entry["match"], list) else [entry["match"]]
            for pattern in patterns:
                assert str(pattern).casefold() not in mine, (path.name, pattern)
                if not any(ch in str(pattern) for ch in "*?["):  # an exact name of another table keeps its rule
                    tools = entry.get("tools") or [None]
                    rule = tasks.lookup(str(pattern), tools[0])
                    assert rule is not None and rule.benchmark == entry.get("benchmark", ""), (path.name, pattern)
