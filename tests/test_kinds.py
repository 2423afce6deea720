"""The table of document kinds (riskfmt.kinds): every entry keeps its promises, and everyone reads it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import riskfmt
from riskfmt import kinds


@pytest.mark.parametrize("kind", list(kinds.KINDS.values()), ids=lambda k: k.name)
def test_every_entry_points_at_what_exists(kind: kinds.DocumentKind) -> None:
    from riskfmt.resources import schema_path

    assert kind.versions, kind.name
    for version in kind.versions:
        assert schema_path(kind.name, version).is_file()
    assert (ROOT / "schemas" / "linkml" / kind.linkml).is_file()
    for target in (kind.checker, kind.differ, kind.view):
        if target is not None:
            assert callable(kinds.resolve(target)), target
    assert kind.en and kind.zh and kind.zh != kind.en


def test_every_document_check_resolves_and_names_known_kinds() -> None:
    assert kinds.DOCUMENT_CHECKS
    for check in kinds.DOCUMENT_CHECKS:
        assert set(check.kinds) <= set(kinds.KINDS), check.name
        for target in (check.document, check.rules, check.samples):
            if target is not None:
                assert callable(kinds.resolve(target)), target


def test_a_missing_module_is_an_error_never_a_skipped_check() -> None:
    with pytest.raises(ModuleNotFoundError):
        kinds.resolve("riskfmt.no_such_module:scan")
    with pytest.raises(AttributeError):
        kinds.resolve("riskfmt.kinds:no_such_function")


def test_a_missing_leak_scan_fails_validation_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the leak scan's module missing, a report must not pass as clean: it becomes RF900."""
    broken = kinds.DocumentCheck("leaks", ("evaluation-report",), document="riskfmt.integrity.no_such_module:scan")
    monkeypatch.setattr(kinds, "DOCUMENT_CHECKS", (broken,))
    monkeypatch.delenv("RISKFMT_DEBUG", raising=False)
    result = riskfmt.validate([EXAMPLES / "valid" / "minimal.json"])
    assert [f.code for f in result.findings] == ["RF900"]
    assert "no_such_module" in result.findings[0].params["detail"]


def test_the_leak_scan_runs_through_the_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A registered check sees every document of its kinds, before the schema, whatever the shape."""
    seen: list[tuple[str, str]] = []

    def spy(data: dict[str, object], source: str, raw: bytes | str | None, syntax: str) -> list[object]:
        seen.append((str(data.get("kind")), syntax))
        return []

    monkeypatch.setattr(kinds, "DOCUMENT_CHECKS", (kinds.DocumentCheck("spy", ("incident-report",),
                                                                       document=f"{__name__}:_spy"),))
    monkeypatch.setattr(sys.modules[__name__], "_spy", spy, raising=False)
    report = json.loads((EXAMPLES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    incident = tmp_path / "incident.yaml"
    incident.write_text("kind: incident-report\nformat_version: '1.0'\n", encoding="utf-8")  # fails the schema
    riskfmt.validate_data(report)
    riskfmt.validate([incident])
    assert seen == [("incident-report", "yaml")]


def test_validation_diff_and_build_read_the_table() -> None:
    from riskfmt.compare import DIFFERS

    validated = [k.name for k in kinds.KINDS.values() if k.validated]
    result = riskfmt.validate_data({"kind": "no-such-kind", "format_version": "1.0"})
    assert [f.code for f in result.findings] == ["RF202"]
    assert result.findings[0].params["known"] == ", ".join(validated)
    assert {k.name: k.differ for k in kinds.KINDS.values() if k.differ} == DIFFERS
    # the Chinese name of every kind comes from the catalogue (riskfmt.compare shows it in RF801)
    assert all(kinds.label(name, "zh") == kind.zh != kind.en for name, kind in kinds.KINDS.items())
    assert kinds.label("incident-report", "zh") == "事件报告" and kinds.label("other", "zh") == "other"


def test_views_and_the_build_read_the_table() -> None:
    from riskfmt.views import RENDERABLE, VIEWS
    from tools.build import KINDS as BUILT

    assert tuple(k.name for k in kinds.KINDS.values() if k.view) == RENDERABLE
    assert all(VIEWS[k.name] == k.view for k in kinds.KINDS.values() if k.view)
    assert [(k.name, k.linkml, k.top_class, k.versions[-1]) for k in kinds.KINDS.values()] == BUILT


def test_the_quick_path_runs_the_registered_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick path says "clean" only when the full path would: a registered check that finds something
    makes it hand over, as it would for a leak."""
    from riskfmt import _quick
    from riskfmt.findings import Finding

    report = json.loads((EXAMPLES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    assert _quick.accepts(report, "minimal.json")

    def objects(data: dict[str, object], source: str, raw: bytes | str | None, syntax: str) -> list[Finding]:
        return [Finding.make("RF900", source, detail="planted by the test")]

    monkeypatch.setattr(sys.modules[__name__], "_objects", objects, raising=False)
    monkeypatch.setattr(kinds, "DOCUMENT_CHECKS", (kinds.DocumentCheck("objects", ("evaluation-report",),
                                                                       document=f"{__name__}:_objects"),))
    assert not _quick.accepts(report, "minimal.json")
    assert [f.code for f in riskfmt.validate_data(report).findings] == ["RF900"]
