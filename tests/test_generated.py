"""Generated artifacts are checked in; they must match what the sources generate, byte for byte."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT, required


def _artifacts() -> dict[str, bytes]:
    try:
        import linkml  # noqa: F401
    except ImportError:
        if required("RISKFMT_REQUIRE_BUILD"):
            raise
        pytest.skip("LinkML is not installed: pip install -e '.[build]' to run the drift check")
    from tools.build import build_artifacts

    return build_artifacts(ROOT)


@pytest.fixture(scope="module")
def artifacts() -> dict[str, bytes]:
    return _artifacts()


def test_generated_files_match_their_sources(artifacts: dict[str, bytes]) -> None:
    stale = [rel for rel, content in artifacts.items()
             if not (ROOT / rel).exists() or (ROOT / rel).read_bytes() != content]
    assert not stale, f"generated files are out of date: {stale}; run `python tools/build.py` and commit"


def test_generation_is_deterministic(artifacts: dict[str, bytes]) -> None:
    assert _artifacts() == artifacts


def test_no_generation_timestamps(artifacts: dict[str, bytes]) -> None:
    for rel, content in artifacts.items():
        text = content.decode("utf-8")
        assert "generation_date" not in text and "Generation date" not in text, rel


@pytest.mark.parametrize("path", sorted((ROOT / "schemas" / "jsonschema").glob("*.json")) +
                         sorted((ROOT / "schemas" / "releases").glob("*.json")), ids=lambda p: p.name)
def test_published_schemas_are_valid_2020_12(path: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://w3id.org/riskfmt/schema/")
    Draft202012Validator.check_schema(schema)


def test_risk_ids_are_checkable_by_the_schema_alone() -> None:
    """A pipeline with only the schema file (any language) must still reject an unknown risk id."""
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "jsonschema" / "evaluation-report-1.0.json").read_text())
    report = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text())
    validator = Draft202012Validator(schema)
    assert validator.is_valid(report)
    report["evaluations"][0]["results"][0]["risks"] = ["R9999"]
    assert not validator.is_valid(report)


def test_released_files_are_frozen() -> None:
    """Files listed in schemas/SHA256SUMS never change once released."""
    sums = (ROOT / "schemas" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    entries = [line.split(maxsplit=1) for line in sums if line.strip() and not line.startswith("#")]
    assert entries, "no released files recorded"
    for digest, name in entries:
        path = ROOT / "schemas" / name
        assert path.exists(), f"released file {name} was deleted"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"released file {name} changed"


def test_every_vocabulary_release_and_bundle_is_frozen() -> None:
    sums = (ROOT / "schemas" / "SHA256SUMS").read_text(encoding="utf-8")
    releases = [*(ROOT / "schemas" / "releases").glob("*.json"),
                *(ROOT / "schemas" / "vocab" / "releases").glob("*/*.json")]
    for path in releases:
        rel = path.relative_to(ROOT / "schemas").as_posix()
        assert rel in sums, f"{rel} is shipped but not frozen: run `python tools/build.py --release`"


def test_vocabulary_sources_are_sound() -> None:
    pytest.importorskip("yaml")
    from tools.build import check_vocabulary, load_vocabulary_sources

    assert check_vocabulary(load_vocabulary_sources(ROOT)) == []
