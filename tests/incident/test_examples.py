"""The incident examples are a data-driven suite: valid ones are clean in both languages, each invalid one
produces exactly the codes its name lists."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest

import riskfmt
from incident._data import EXAMPLES, expected_codes, invalid_examples, load, valid_examples


def test_there_are_examples_in_english_chinese_and_both() -> None:
    languages = set()
    for path in valid_examples():
        title = load(path)["title"]
        languages.add(tuple(sorted(title)))
    assert {("en",), ("zh",), ("en", "zh")} <= languages


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.name)
def test_valid_example_has_no_findings(path: Path) -> None:
    result = riskfmt.validate([path])
    assert [f.code for f in result.findings] == []
    assert result.files[0].kind == "incident-report"
    assert result.exit_code() == 0


def test_a_valid_example_has_a_disputed_attribution_and_a_history() -> None:
    doc = load(EXAMPLES / "valid" / "grid-dispatch.operator.yaml")
    assert len(doc["timeline"]) >= 2
    causes = {h["cause"] for h in doc["attribution"]["hypotheses"]}
    assert {"accidental-malfunction", "deliberate-attack"} <= causes
    assert doc["attribution"]["cause"] == "undetermined"
    # the assessment changed over time and both versions are kept
    first = doc["timeline"][0]["assessment"]["attribution"]["hypotheses"][0]["likelihood"]
    assert first != doc["attribution"]["hypotheses"][0]["likelihood"]


@pytest.mark.parametrize("path", invalid_examples(), ids=lambda p: p.name)
def test_invalid_example_yields_exactly_its_codes(path: Path) -> None:
    expected = expected_codes(path)
    assert expected, f"{path.name} names no expected code"
    result = riskfmt.validate([path])
    assert {f.code for f in result.findings} == expected
    for finding in result.findings:
        for lang in ("en", "zh"):
            message = finding.message(lang)
            assert message, finding
            if finding.code != "RF305":  # RF305 may quote a regular expression, braces and all
                assert "{" not in message, message  # every template parameter filled
        assert finding.location.line is not None, finding  # located in the YAML text


def test_examples_are_current(tmp_path: Path) -> None:
    """make_examples.py is the source of every example file: they must match what it writes now."""
    copy = tmp_path / "incidents"
    shutil.copytree(EXAMPLES, copy)
    runpy.run_path(str(copy / "make_examples.py"), run_name="__main__")
    for folder in ("valid", "invalid"):
        ours = sorted(p.name for p in (EXAMPLES / folder).glob("*.yaml"))
        assert sorted(p.name for p in (copy / folder).glob("*.yaml")) == ours
        for name in ours:
            assert (copy / folder / name).read_bytes() == (EXAMPLES / folder / name).read_bytes(), (
                f"{folder}/{name} is stale: run python examples/incidents/make_examples.py")


def test_every_incident_code_is_produced_by_an_example_or_named_by_a_test() -> None:
    from riskfmt.codes import CODES

    mine = {code for code, spec in CODES.items() if spec.category == "incident"}
    named = set().union(*(expected_codes(p) for p in invalid_examples()))
    texts = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    assert sorted(c for c in mine - named if f'"{c}"' not in texts) == []


def test_codes_stay_in_the_incident_range() -> None:
    from riskfmt.incident.codes import TABLE

    # RF845-RF849 were assigned to incident history when RF650-RF699 filled up (issue 14)
    assert all((650 <= int(spec.code[2:]) <= 699 or 845 <= int(spec.code[2:]) <= 849) and spec.category == "incident"
               for spec in TABLE)
    assert all(spec.en and spec.zh and spec.en != spec.zh for spec in TABLE)

