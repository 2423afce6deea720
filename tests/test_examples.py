"""The shipped examples are the data-driven core of the suite: valid ones are clean, each invalid one
produces exactly the finding codes its name lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, expected_codes, invalid_examples, invalid_incident_examples, valid_examples

import riskfmt


@pytest.mark.parametrize("path", valid_examples(), ids=lambda p: p.name)
def test_valid_example_has_no_findings(path: Path) -> None:
    result = riskfmt.validate([path])
    assert [f.code for f in result.findings] == []
    assert result.exit_code() == 0
    assert result.files[0].kind == "evaluation-report"


@pytest.mark.parametrize("path", invalid_examples(), ids=lambda p: p.name)
def test_invalid_example_yields_exactly_its_codes(path: Path) -> None:
    expected = expected_codes(path)
    assert expected, f"{path.name} names no expected code"
    result = riskfmt.validate([path])
    assert {f.code for f in result.findings} == expected
    for finding in result.findings:
        assert finding.message("en") and finding.message("zh")
        assert "{" not in finding.message("en"), finding.message("en")  # every template parameter filled
        assert "{" not in finding.message("zh"), finding.message("zh")


@pytest.mark.parametrize("path", invalid_examples(), ids=lambda p: p.name)
def test_findings_are_located(path: Path) -> None:
    """Every finding names its file; content findings carry a line and column where the text allows."""
    result = riskfmt.validate([path])
    for finding in result.findings:
        assert finding.location.source
        if finding.code in ("RF102", "RF005", "RF107", "RF109", "RF201"):
            continue  # whole-file problems have no single place
        assert finding.location.line is not None, finding
        assert finding.location.column is not None, finding


def test_every_code_in_the_catalogue_has_an_example_or_a_test() -> None:
    """A code no example produces must at least be named by some other test (which asserts it)."""
    from riskfmt.codes import CODES

    named = set().union(*(expected_codes(p) for p in invalid_examples() + invalid_incident_examples()))
    tests_dir = Path(__file__).parent
    texts = "\n".join(
        p.read_text(encoding="utf-8") for p in tests_dir.rglob("test_*.py") if p.name != "test_examples.py"
    )
    untested = sorted(code for code in set(CODES) - named if f'"{code}"' not in texts)
    assert untested == [], f"codes with neither an example nor a test: {untested}"


def test_invalid_examples_never_change_their_input(tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in (EXAMPLES / "invalid").iterdir()}
    riskfmt.validate([EXAMPLES / "invalid"])
    assert {p: p.read_bytes() for p in (EXAMPLES / "invalid").iterdir()} == before


def test_generated_examples_are_current(tmp_path: Path) -> None:
    """examples/reports/make_examples.py is the source of the invalid examples: they must match it."""
    import runpy
    import shutil

    copy = tmp_path / "reports"
    shutil.copytree(EXAMPLES, copy)
    runpy.run_path(str(copy / "make_examples.py"), run_name="__main__")
    for path in (EXAMPLES / "invalid").iterdir():
        assert (copy / "invalid" / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} is stale: run python examples/reports/make_examples.py"
        )
    copied = sorted(p.name for p in (copy / "invalid").iterdir())
    assert copied == sorted(p.name for p in (EXAMPLES / "invalid").iterdir())


def test_json_and_yaml_forms_validate_alike(tmp_path: Path) -> None:
    import yaml

    source = EXAMPLES / "valid" / "minimal.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    as_yaml = tmp_path / "minimal.yaml"
    as_yaml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert riskfmt.validate([as_yaml]).findings == []
