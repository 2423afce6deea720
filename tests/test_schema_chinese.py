"""Every description a user reads in the schemas is bilingual, with the LinkML sources as the only place
the Chinese is written: each described LinkML element carries ``alt_descriptions`` with source ``zh``, and
the build turns every JSON Schema description into the English text, a blank line, and the Chinese text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

LINKML = sorted((ROOT / "schemas" / "linkml").glob("*.yaml"))
JSON_SCHEMAS = sorted((ROOT / "schemas" / "jsonschema").glob("*.json"))
HAN = re.compile("[\u4e00-\u9fff]")
SEPARATOR = "\n\n"


def missing_chinese(node: Any, path: str = "") -> list[str]:
    """Paths of the LinkML elements with a description but no Chinese ``alt_descriptions`` (source zh).

    Generic on purpose: any mapping whose ``description`` is text is an element's metadata (schema, class,
    slot, attribute, slot_usage, enum, permissible value, type, or an anonymous expression); a slot that
    happens to be *named* description has a mapping or nothing as its value and is not matched."""
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            alts = node.get("alt_descriptions") or {}
            zh = alts.get("zh") if isinstance(alts, dict) else None
            if isinstance(zh, dict):  # the expanded form {source: zh, description: ...}
                zh = zh.get("description")
            if not (isinstance(zh, str) and HAN.search(zh)):
                found.append(path or "(schema)")
        for key, value in node.items():
            if key != "alt_descriptions":
                found += missing_chinese(value, f"{path}/{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += missing_chinese(value, f"{path}/{index}")
    return found


def descriptions(node: Any, path: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(JSON pointer, text) of every ``description`` keyword of a JSON Schema."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                found.append(("/" + "/".join(path), value))
            else:
                found += descriptions(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += descriptions(value, (*path, str(index)))
    return found


@pytest.mark.parametrize("source", LINKML, ids=lambda p: p.name)
def test_every_described_linkml_element_has_a_chinese_alt_description(source: Path) -> None:
    schema = yaml.safe_load(source.read_text(encoding="utf-8"))
    missing = missing_chinese(schema)
    assert not missing, f"{source.name}: no alt_descriptions zh for: {', '.join(missing)}"


def test_the_linkml_check_names_the_element_that_lacks_chinese() -> None:
    schema = {"description": "x", "alt_descriptions": {"zh": "某"},
              "classes": {"A": {"description": "a", "attributes": {
                  "description": {"range": "LangText"},  # a slot named description: not metadata
                  "b": {"description": "b", "alt_descriptions": {"zh": {"source": "zh", "description": "乙"}}},
                  "c": {"description": "c", "alt_descriptions": {"zh": "c"}}}}}}
    assert missing_chinese(schema) == ["classes/A", "classes/A/attributes/c"]


def test_chinese_is_not_the_english_text() -> None:
    """Written, not copied: no element's Chinese is its English description."""
    def copied(node: Any, path: str) -> list[str]:
        if not isinstance(node, dict):
            return []
        alts = node.get("alt_descriptions")
        zh = alts.get("zh") if isinstance(alts, dict) else None
        same = [path] if isinstance(zh, str) and zh.strip() == str(node.get("description", "")).strip() else []
        return same + [hit for key, value in node.items() for hit in copied(value, f"{path}/{key}")]

    same = [f"{source.name}:{hit}" for source in LINKML
            for hit in copied(yaml.safe_load(source.read_text(encoding="utf-8")), "")]
    assert not same


@pytest.mark.parametrize("path", JSON_SCHEMAS, ids=lambda p: p.name)
def test_every_published_description_is_english_then_chinese(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    found = descriptions(schema)
    assert found, f"{path.name} has no descriptions"
    wrong = []
    for pointer, text in found:
        english, separator, chinese = text.partition(SEPARATOR)
        if not separator or not re.search("[A-Za-z]", english) or HAN.search(english) or not HAN.search(chinese):
            wrong.append(pointer)
    assert not wrong, f"{path.name}: descriptions not 'English, blank line, Chinese' at {wrong}"


def test_the_english_text_is_unchanged() -> None:
    """The frozen bundles were generated before the descriptions became bilingual; the current schema's
    English halves are the descriptions of the bundle with the newest vocabulary, word for word, at the same
    places."""
    newest = sorted((ROOT / "schemas" / "releases").glob("evaluation-report-1.0+vocab-*.json"))[-1]
    frozen = json.loads(newest.read_text("utf-8"))
    current = json.loads((ROOT / "schemas" / "jsonschema" / "evaluation-report-1.0.json").read_text("utf-8"))
    before = dict(descriptions(frozen))
    after = {pointer: text.partition(SEPARATOR)[0] for pointer, text in descriptions(current)}
    assert after == before


@pytest.mark.parametrize("path", JSON_SCHEMAS, ids=lambda p: p.name)
def test_the_format_reference_shows_both_languages(path: Path) -> None:
    """docs/format/<kind>.md is generated from the schema: each description appears there in both
    languages (a table cell joins them with <br>)."""
    if path.name.startswith("sample-result"):
        pytest.skip("one line of a samples file: documented with the evaluation report")
    page = (ROOT / "docs" / "format" / path.with_suffix(".md").name).read_text(encoding="utf-8")
    absent = []
    for pointer, text in descriptions(json.loads(path.read_text(encoding="utf-8"))):
        for half in text.split(SEPARATOR):
            if half not in page and half.replace("|", "\\|") not in page:
                absent.append(pointer)
    assert not absent, f"{path.name}: descriptions missing from the format reference: {absent}"


def test_a_permissible_value_is_documented_in_both_languages() -> None:
    page = (ROOT / "docs" / "format" / "evaluation-report-1.0.md").read_text(encoding="utf-8")
    assert "| `RED` | For the eyes and ears of the individual recipients only.<br>仅限接收者本人知悉" in page


def test_the_build_refuses_a_description_without_chinese() -> None:
    from tools.build import add_chinese

    schema = {"description": "Root.", "$defs": {"Foo": {"description": "A foo.", "properties": {
        "bar": {"description": "A bar.", "type": "string"}}}}}
    chinese = {(): ("Root.", "根。"), ("$defs", "Foo"): ("A foo.", "甲。")}
    with pytest.raises(SystemExit, match="Foo/properties/bar"):
        add_chinese(schema, chinese)


def test_the_build_refuses_chinese_that_labels_another_node() -> None:
    from tools.build import add_chinese

    schema = {"$defs": {"Foo": {"description": "A foo."}}}
    with pytest.raises(SystemExit, match=r"\$defs/Foo"):
        add_chinese(schema, {("$defs", "Foo"): ("Another text.", "乙。")})
    with pytest.raises(SystemExit, match=r"\$defs/Bar"):
        add_chinese(schema, {("$defs", "Foo"): ("A foo.", "甲。"), ("$defs", "Bar"): ("A bar.", "乙。")})


def test_the_build_joins_english_and_chinese() -> None:
    from tools.build import add_chinese

    schema = {"description": "Root.", "properties": {"description": {"description": "The text."}}}
    add_chinese(schema, {(): ("Root.", "根。"), ("properties", "description"): ("The text.", "正文。")})
    assert schema == {"description": "Root.\n\n根。",
                      "properties": {"description": {"description": "The text.\n\n正文。"}}}


def _published_sources() -> list[Path]:
    """The LinkML sources the build turns into a document kind with a format page (docs/format/); common.yaml
    (imported by them) and corpus.yaml (the corpus tables, documented in docs/corpus.md) have none."""
    from tools.build import KINDS

    return [p for p in LINKML if p.name in {source for _, source, _, _ in KINDS}]


@pytest.mark.parametrize("source", _published_sources(), ids=lambda p: p.name)
def test_the_format_reference_opens_with_the_schema_description_in_both_languages(source: Path) -> None:
    schema = yaml.safe_load(source.read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "format" / f"{source.stem.replace('_', '-')}-1.0.md").read_text(encoding="utf-8")
    opening = page.split("\n## ", 1)[0]
    assert f"{schema['description']}\n\n{schema['alt_descriptions']['zh']}" in opening
