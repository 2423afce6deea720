"""Vocabulary releases: deprecation warnings that name the replacement, ids newer than the cited release,
and the newer-minor format policy. Uses a temporary copy of the shipped schemas with an extra release."""

from __future__ import annotations

import json
import shutil
import types
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import riskfmt


@pytest.fixture
def two_releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A schemas folder holding the shipped releases plus a later one that deprecates R0013 for R0012
    and adds R0999."""
    from riskfmt import resources, vocab, vocab_index
    from tools.build_quick import vocab_index_source

    copy = tmp_path / "schemas"
    shutil.copytree(ROOT / "schemas", copy, ignore=shutil.ignore_patterns("next"))
    latest = resources.vocabulary_versions()[-1]
    data = json.loads((copy / "vocab" / "releases" / latest / "vocabulary.json").read_text(encoding="utf-8"))
    data["version"] = "99.0"
    for concept in data["concepts"]:
        if concept["id"] == "R0013":
            concept.update(status="deprecated", deprecated_in="99.0", replaced_by="R0012")
    data["concepts"].append({
        "id": "R0999", "scheme": "risk", "status": "stable", "added_in": "99.0", "broader": "R0012",
        "pref_label": {"en": "Test-only concept", "zh": "仅供测试的概念"},
        "definition": {"en": "Exists only in this test.", "zh": "仅存在于本测试中。"},
    })
    target = copy / "vocab" / "releases" / "99.0"
    target.mkdir()
    (target / "vocabulary.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for cached in (resources.schemas_dir, resources.vocabulary_versions, resources.vocabulary_data,
                   resources.load_schema, vocab.load_vocabulary, vocab_index.plain_risk_ids):
        cached.cache_clear()
    monkeypatch.setattr(resources, "schemas_dir", lambda: copy)
    # the build-time index of releases, as `python tools/build.py` would write it for this folder
    releases = {p.parent.name: json.loads(p.read_bytes())
                for p in (copy / "vocab" / "releases").glob("*/vocabulary.json")}
    index = types.ModuleType("vocab_index")
    exec(vocab_index_source(releases), index.__dict__)
    monkeypatch.setattr(vocab_index, "_index", index)
    yield copy
    for cached in (resources.vocabulary_versions, resources.vocabulary_data, resources.load_schema,
                   vocab.load_vocabulary, vocab_index.plain_risk_ids):
        cached.cache_clear()


def report(vocabulary_version: str, risks: list[str]) -> dict:
    doc = json.loads((EXAMPLES / "valid" / "minimal.json").read_text(encoding="utf-8"))
    doc["vocabulary_version"] = vocabulary_version
    doc["evaluations"][0]["results"][0]["risks"] = risks
    return doc


def test_deprecated_id_is_a_warning_naming_its_replacement(two_releases: Path) -> None:
    [finding] = riskfmt.validate_data(report("99.0", ["R0013"])).findings
    assert finding.code == "RF402" and finding.severity is riskfmt.Severity.WARNING
    assert "R0012" in finding.message("en") and "Misinformation and unreliable output" in finding.message("en")
    assert "R0012" in finding.message("zh") and "虚假信息与输出不可靠" in finding.message("zh")
    assert finding.location.pointer == "/evaluations/0/results/0/risks/0"


def test_reports_citing_an_older_release_still_validate(two_releases: Path) -> None:
    older = riskfmt.load_vocabulary.__wrapped__  # noqa: F841 - documents that releases are loaded by version
    assert riskfmt.validate_data(report("0.1", ["R0013"])).findings == []


def test_id_newer_than_the_cited_release(two_releases: Path) -> None:
    [finding] = riskfmt.validate_data(report("0.1", ["R0999"])).findings
    assert finding.code == "RF404" and "99.0" in finding.message("en")


def test_newer_minor_format_is_a_warning(tmp_path: Path) -> None:
    doc = report("0.1", ["R0013"])
    doc["format_version"] = "1.9"
    codes = [f.code for f in riskfmt.validate_data(doc).findings]
    assert codes == ["RF204"]
    doc["extensions"] = {"anything": 1}
    doc["future_field"] = True  # a field a newer minor might add: reported, because 1.0 does not know it
    assert [f.code for f in riskfmt.validate_data(doc).findings] == ["RF204", "RF302"]


def test_label_search_is_forgiving(two_releases: Path) -> None:
    vocab = riskfmt.load_vocabulary("0.1")
    assert vocab.suggest("PROMPT  injection!")[0].id == "R0011"
    assert vocab.suggest("提示词注入。")[0].id == "R0011"


def test_shipped_releases_are_all_loadable() -> None:
    from riskfmt import resources

    for version in resources.vocabulary_versions():
        vocab = riskfmt.load_vocabulary(version)
        assert len(vocab) > 0
        for concept in vocab:
            assert concept.pref_label["en"] and concept.pref_label["zh"]
            assert concept.definition["en"] and concept.definition["zh"]
