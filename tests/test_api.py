"""The Python API that other programs use: the same functions the CLI calls."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, ROOT

import riskfmt


def test_public_surface_is_lazy_and_complete() -> None:
    for name in riskfmt.__all__:
        assert getattr(riskfmt, name) is not None
    with pytest.raises(AttributeError):
        riskfmt.nothing_here  # noqa: B018


def test_validate_returns_findings_with_both_languages() -> None:
    result = riskfmt.validate([EXAMPLES / "invalid" / "interval-excludes-value.RF501.json"])
    [finding] = result.findings
    assert finding.severity is riskfmt.Severity.ERROR
    assert finding.to_dict("zh")["message"].startswith("置信区间")
    assert not result.ok and result.exit_code() == 1


def test_validate_data_accepts_python_objects() -> None:
    data = json.loads((EXAMPLES / "valid" / "minimal.json").read_text())
    assert riskfmt.validate_data(data).findings == []
    data["evaluations"][0]["results"][0]["value"] = float("nan")
    assert [f.code for f in riskfmt.validate_data(data).findings] == ["RF519"]


def test_offline_validation_with_plain_jsonschema_and_the_registry() -> None:
    """Other programs can validate with python-jsonschema alone, offline, through the shipped registry."""
    from jsonschema import Draft202012Validator

    from riskfmt.resources import load_schema, registry

    reg = registry()
    schema = load_schema("evaluation-report", "1.0")
    resolved = reg.contents(schema["$id"])
    assert resolved["$id"] == schema["$id"]
    bundle = {"$schema": schema["$schema"], "$ref": schema["$id"]}
    validator = Draft202012Validator(bundle, registry=reg)
    report = json.loads((EXAMPLES / "valid" / "minimal.json").read_text())
    assert validator.is_valid(report)
    report["marking"]["tlp"] = "BLUE"
    assert not validator.is_valid(report)


def test_typed_vocabulary_access() -> None:
    vocab = riskfmt.load_vocabulary("0.1")
    concept = vocab["R0013"]
    assert concept.label("en") == "Confabulation" and concept.label("zh") == "幻觉"
    assert concept.broader == "R0012"
    assert [c.id for c in vocab.ancestors("R0020")] == ["R0019", "R0017"]
    latest = riskfmt.load_vocabulary()
    assert latest["R0013"].label("zh") == "幻觉"  # ids keep their meaning across releases
    assert vocab.by_token("method", "red-teaming").id == "method:red-teaming"
    assert vocab.suggest("prompt-injection")[0].id == "R0011"
    assert vocab.suggest("提示词注入")[0].id == "R0011"


def test_internal_errors_become_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt import semantic

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise KeyError("simulated")

    monkeypatch.setattr(semantic, "check_report", broken)
    monkeypatch.delenv("RISKFMT_DEBUG", raising=False)
    result = riskfmt.validate([EXAMPLES / "valid" / "minimal.json"])
    assert [f.code for f in result.findings] == ["RF900"]
    assert result.has_internal_error and result.exit_code() == 3


def test_schema_files_ship_in_the_package_data_path() -> None:
    from riskfmt.resources import schema_path, schemas_dir

    assert schema_path("evaluation-report", "1.0").is_file()
    assert (schemas_dir() / "vocab" / "releases").is_dir()
    checkout = (ROOT / "schemas", (ROOT / "schemas").resolve())
    assert schemas_dir().resolve() in checkout or "site-packages" in str(schemas_dir())


def test_schema_errors_outside_the_catalogue_still_get_a_readable_code() -> None:
    """Keywords riskfmt's schemas do not use today (const, maxLength, ...) fall back to RF300, never a crash."""
    import jsonschema_rs

    from riskfmt.schema_check import translate

    validator = jsonschema_rs.validator_for({"properties": {"a": {"const": 1}, "b": {"maxLength": 2}}})
    findings = [f for e in validator.iter_errors({"a": 2, "b": "long"}) for f in translate(e, "x.json")]
    assert [f.code for f in findings] == ["RF300", "RF300"]
    assert {f.location.pointer for f in findings} == {"/a", "/b"}
    assert all(f.message("zh").startswith("不符合 JSON Schema 约束") for f in findings)
