"""``riskfmt vocab diff`` with odd vocabularies (missing fields, wrong types, cycles, repeated ids, YAML, a
BOM, standard input): a diff, or the validator's findings with exit 2, never an internal error. Issue 14 found
crashes here by fuzzing; the inputs are kept in tests/fuzz_regressions/vocab/."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cli_invoke import invoke
from hypothesis import HealthCheck, given, settings
from mutations import mutated

from riskfmt import resources
from riskfmt.vocab_diff import diff_vocabularies

RELEASE = resources.vocabulary_versions()[-1]
FULL = resources.vocabulary_data(RELEASE)
# a small release keeps each example fast: the first concepts of each scheme are enough to be odd with
SMALL = dict(FULL, concepts=FULL["concepts"][:12])


def _clean(outcome: Any, what: str) -> None:
    assert outcome.crash is None, (what, repr(outcome.crash))
    assert outcome.code in (0, 1, 2), (what, outcome.code)
    assert "Traceback" not in outcome.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(odd=mutated(SMALL, under=("concepts",)))
def test_odd_vocabularies_never_crash(tmp_path: Path, odd: Any) -> None:
    # the library function takes anything and never fails on its shape
    for old, new in ((SMALL, odd), (odd, SMALL), (odd, odd)):
        result = diff_vocabularies(old, new)
        json.dumps(result.to_dict(), allow_nan=False)
        result.render("text")
        result.render("markdown", "zh")
    path = tmp_path / "vocabulary.json"
    path.write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    for fmt in ("json", "text"):
        _clean(invoke("vocab", "diff", RELEASE, str(path), "--format", fmt), fmt)
        _clean(invoke("vocab", "diff", str(path), RELEASE, "--format", fmt), fmt)


def _write(tmp_path: Path, data: Any, name: str = "vocabulary.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_repeated_id_is_refused(tmp_path: Path) -> None:
    doubled = dict(SMALL, concepts=[*SMALL["concepts"], copy.deepcopy(SMALL["concepts"][3])])
    outcome = invoke("vocab", "diff", RELEASE, str(_write(tmp_path, doubled)))
    assert outcome.code == 2 and "RF506" in outcome.output and "/concepts/12/id" in outcome.output


def test_a_cycle_gives_a_diff(tmp_path: Path) -> None:
    cyclic = copy.deepcopy(SMALL)
    a, b = cyclic["concepts"][1], cyclic["concepts"][2]
    a["broader"], b["broader"] = b["id"], a["id"]
    outcome = invoke("vocab", "diff", str(_write(tmp_path, SMALL, "old.json")), str(_write(tmp_path, cyclic)),
                     "--format", "json")
    assert outcome.code == 0
    moved = {m["id"] for m in json.loads(outcome.output)["moved"]}
    expected = {new["id"] for new, old in zip(cyclic["concepts"], SMALL["concepts"], strict=True)
                if new.get("broader") != old.get("broader")}
    assert moved == expected and a["id"] in moved


@pytest.mark.parametrize("damage", ["missing-labels", "concept-is-a-string", "id-is-a-number", "no-concepts",
                                    "not-a-vocabulary"])
def test_damaged_vocabularies_are_refused_with_findings(tmp_path: Path, damage: str) -> None:
    odd: Any = copy.deepcopy(SMALL)
    if damage == "missing-labels":
        del odd["concepts"][0]["pref_label"]
    elif damage == "concept-is-a-string":
        odd["concepts"][0] = "R0013"
    elif damage == "id-is-a-number":
        odd["concepts"][0]["id"] = 13
    elif damage == "no-concepts":
        del odd["concepts"]
    else:
        odd = json.loads((Path(__file__).parents[1] / "examples/reports/valid/minimal.json").read_text())
    outcome = invoke("vocab", "diff", RELEASE, str(_write(tmp_path, odd)))
    assert outcome.crash is None and outcome.code == 2 and "RF" in outcome.output
    # the library function still gives a defined result
    diff_vocabularies(SMALL, odd).to_dict()


def test_yaml_a_bom_and_standard_input(tmp_path: Path) -> None:
    import yaml

    changed = copy.deepcopy(SMALL)
    changed["concepts"][0]["pref_label"]["en"] += " (revised)"
    as_yaml = tmp_path / "vocabulary.yaml"
    as_yaml.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    outcome = invoke("vocab", "diff", str(_write(tmp_path, SMALL, "old.json")), str(as_yaml), "--format", "json")
    assert outcome.code == 0 and json.loads(outcome.output)["relabelled"][0]["id"] == SMALL["concepts"][0]["id"]
    outcome = invoke("vocab", "diff", str(tmp_path / "old.json"), "-", "--format", "json",
                     stdin=as_yaml.read_text(encoding="utf-8"))
    assert outcome.code == 0 and json.loads(outcome.output)["relabelled"]
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(changed, ensure_ascii=False).encode())
    _clean(invoke("vocab", "diff", str(tmp_path / "old.json"), str(bom)), "bom")
    bad = tmp_path / "latin1.json"
    bad.write_bytes(json.dumps(changed).encode().replace(b"Confabulation", b"Confabulaci\xf3n"))
    _clean(invoke("vocab", "diff", str(tmp_path / "old.json"), str(bad)), "latin-1")
    assert invoke("vocab", "diff", "-", "-", stdin="{}").code == 2


def test_a_broken_mapping_file_beside_the_vocabulary_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, SMALL)
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "x.sssom.tsv").write_text("#curie_map: [\nsubject_id\tobject_id\na\n", encoding="utf-8")
    outcome = invoke("vocab", "diff", RELEASE, str(path))
    assert outcome.crash is None and outcome.code == 2 and "RF003" in outcome.output
