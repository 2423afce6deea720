"""The published schemas work in another language's validator: ajv (JavaScript) in strict mode compiles
them and gives the same verdicts as riskfmt on every example that parses."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, invalid_examples, required, valid_examples

JS = ROOT / "tests" / "js"
SCHEMA_LEVEL = lambda code: code.startswith("RF3") or code in ("RF401", "RF403")  # noqa: E731


def _node_ready() -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        if required("RISKFMT_REQUIRE_AJV"):
            pytest.fail("node and npm are required (RISKFMT_REQUIRE_AJV is set)")
        pytest.skip("node/npm not installed")
    modules = JS / "node_modules"
    if not (modules / "ajv").is_dir() or not (modules / "@microsoft" / "sarif-multitool").is_dir():
        proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True,
                              timeout=600)
        if proc.returncode != 0:
            message = f"npm ci failed: {proc.stderr[-2000:]}"
            if required("RISKFMT_REQUIRE_AJV"):
                pytest.fail(message)
            pytest.skip(message)


def _load(path: Path) -> object:
    from riskfmt.loading import load_bytes

    doc = load_bytes(path.read_bytes(), str(path))
    return doc.data if doc.parsed else None


def _ajv(schema_file: Path, documents: list[tuple[str, object]]) -> dict[str, dict]:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    payload = {"schemas": [schema], "main": schema["$id"],
               "documents": [{"name": name, "data": data} for name, data in documents]}
    proc = subprocess.run(["node", str(JS / "validate.mjs")], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {entry["name"]: entry for entry in json.loads(proc.stdout)}


@pytest.mark.parametrize("schema_file", sorted((ROOT / "schemas").glob("**/*.json")), ids=lambda p: p.name)
def test_every_published_schema_compiles_in_strict_mode(schema_file: Path) -> None:
    if "vocab" in schema_file.parts:
        pytest.skip("vocabulary data, not a schema")
    _node_ready()
    _ajv(schema_file, [])


def test_ajv_agrees_with_riskfmt_on_examples() -> None:
    import riskfmt

    _node_ready()
    documents = []
    expected: dict[str, bool] = {}
    for path in valid_examples() + invalid_examples():
        data = _load(path)
        if not isinstance(data, dict) or data.get("kind") != "evaluation-report" or data.get("format_version") != "1.0":
            continue  # parse errors and version policy are decided before any schema applies
        if data.get("vocabulary_version") not in ("0.1",):
            continue  # the schema file embeds one vocabulary release
        documents.append((path.name, data))
        codes = {f.code for f in riskfmt.validate([path]).findings}
        expected[path.name] = not any(SCHEMA_LEVEL(c) for c in codes)
    assert len(documents) >= 25
    verdicts = _ajv(ROOT / "schemas" / "jsonschema" / "evaluation-report-1.0.json", documents)
    disagreements = {name: verdicts[name]["errors"] for name in expected if verdicts[name]["valid"] != expected[name]}
    assert disagreements == {}
    assert any(not v for v in expected.values()) and any(expected.values())


def test_ajv_validates_the_vocabulary_release() -> None:
    _node_ready()
    releases = sorted((ROOT / "schemas" / "vocab" / "releases").glob("*/vocabulary.json"))
    docs = [(p.parent.name, json.loads(p.read_text(encoding="utf-8"))) for p in releases]
    verdicts = _ajv(ROOT / "schemas" / "jsonschema" / "vocabulary-1.0.json", docs)
    assert all(v["valid"] for v in verdicts.values()), verdicts
