"""Replay every crash input kept under tests/fuzz_regressions/ for the areas of proofs, incident history,
vocabulary diffs and comparisons of extreme values: each command that once exited 3 on it now gives a
result, findings or a refusal (exit 0, 1 or 2), with no traceback and no RF900.

File names say how to replay them: ``<area>-<short>.json|yaml``; in ``diff/`` a pair is ``...-a.json`` and
``...-b.json`` (a file without a partner is compared with itself); in ``proof/`` each proof is checked
against every ``...-copy.json`` (``proof-redacted-copy.json`` is genuine: made with the fixed salts of
``verify/verify-salts.json``); in ``verify/`` each copy is verified against the example it was made from."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_invoke import Outcome, invoke

FOLDER = Path(__file__).parent / "fuzz_regressions"
ROOT = Path(__file__).parents[1]
INCIDENT_BASE = ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.operator.yaml"
REPORT = ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml"


def _files(area: str) -> list[Path]:
    folder = FOLDER / area
    return sorted(p for p in folder.iterdir() if p.suffix in (".json", ".yaml", ".yml")) if folder.is_dir() else []


def _clean(outcome: Outcome, what: str) -> None:
    assert outcome.crash is None, (what, repr(outcome.crash))
    assert outcome.code in (0, 1, 2), (what, outcome.code)
    assert "Traceback" not in outcome.output and "RF900" not in outcome.output, (what, outcome.output[-400:])


def test_every_area_has_its_regressions() -> None:
    for area in ("incident", "vocab", "diff", "proof", "redact", "verify"):
        assert _files(area), area
        assert all(p.name.startswith(f"{area}-") for p in _files(area)), area


@pytest.mark.parametrize("path", _files("incident"), ids=lambda p: p.name)
def test_incident(tmp_path: Path, path: Path) -> None:
    _clean(invoke("validate", str(path)), "validate")
    _clean(invoke("incident", "update", str(path), "--summary", "s", "--author", "a", "--status", "halted",
                  "-o", str(tmp_path / "out.json")), "update")
    target = tmp_path / path.name
    target.write_bytes(path.read_bytes())
    _clean(invoke("incident", "update", str(INCIDENT_BASE), "--summary", "s", "--author", "a", "-o", str(target)),
           "update over it")
    assert target.read_bytes() == path.read_bytes()  # its history is not erased
    _clean(invoke("incident", "history", str(INCIDENT_BASE), str(path)), "history")
    _clean(invoke("incident", "history", str(path), str(INCIDENT_BASE)), "history reversed")
    _clean(invoke("diff", str(path), str(INCIDENT_BASE), "--format", "json"), "diff")


@pytest.mark.parametrize("path", _files("vocab"), ids=lambda p: p.name)
def test_vocab(path: Path) -> None:
    for fmt in ("json", "text", "markdown"):
        _clean(invoke("vocab", "diff", "1.0", str(path), "--format", fmt), fmt)
        _clean(invoke("vocab", "diff", str(path), "1.0", "--format", fmt), fmt)
    _clean(invoke("vocab", "diff", "1.0", "-", stdin=path.read_bytes()), "stdin")


def _pairs() -> list[tuple[Path, Path]]:
    files = _files("diff")
    out = []
    for path in files:
        if path.stem.endswith("-b"):
            continue
        partner = path.with_name(path.stem[:-2] + "-b" + path.suffix) if path.stem.endswith("-a") else path
        out.append((path, partner if partner.exists() else path))
    return out


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: p[0].name)
def test_diff(pair: tuple[Path, Path]) -> None:
    import json

    a, b = (str(p) for p in pair)
    for fmt in ("json", "text", "markdown"):
        for command in ("diff", "compare"):
            outcome = invoke(command, a, b, "--format", fmt)
            _clean(outcome, f"{command} {fmt}")
            if fmt == "json" and outcome.code in (0, 1):
                json.loads(outcome.output, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))


@pytest.mark.parametrize("path", [p for p in _files("proof") if not p.stem.endswith("-copy")], ids=lambda p: p.name)
def test_proof(path: Path) -> None:
    genuine = FOLDER / "proof" / "proof-redacted-copy.json"
    outcome = invoke("redact", "--check-proof", str(path), str(genuine))
    _clean(outcome, "check-proof")
    assert outcome.code == 0 and "Proven" in outcome.output  # each kept proof is a genuine one
    outcome = invoke("redact", "--check-proof", "-", str(genuine), stdin=path.read_bytes())
    _clean(outcome, "stdin")
    assert outcome.code == 0
    ambiguous = invoke("redact", "--check-proof", str(path), str(FOLDER / "proof" / "proof-duplicate-record-copy.json"))
    _clean(ambiguous, "ambiguous copy")
    assert ambiguous.code == 1 and "RF740" in ambiguous.output
    for other in _files("proof"):
        if other.stem.endswith("-copy") and other != genuine:
            _clean(invoke("redact", "--check-proof", str(path), str(other)), other.name)


@pytest.mark.parametrize("path", [p for p in _files("verify") if p.stem != "verify-salts"], ids=lambda p: p.name)
def test_verify(tmp_path: Path, path: Path) -> None:
    """Hand-edited redacted copies (of proof/proof-redacted-copy.json, whose salts are verify-salts.json):
    never derived, never a crash."""
    salts = FOLDER / "verify" / "verify-salts.json"
    for extra in ((), ("--salts", str(salts))):
        outcome = invoke("redact", "--verify", str(REPORT), str(path), *extra)
        _clean(outcome, "verify")
        assert outcome.code == 1 and "Not derived" in outcome.output
    _clean(invoke("redact", str(path), "--profile", "tlp-clear", "-o", str(tmp_path / "again.json")), "redact")


@pytest.mark.parametrize("path", [p for p in _files("verify") if p.stem != "verify-salts"], ids=lambda p: p.name)
def test_validate_verify_fixtures(path: Path) -> None:
    outcome = invoke("validate", str(path))
    assert outcome.crash is None and outcome.code in (0, 1, 2)
    assert "RF900" not in outcome.output


@pytest.mark.parametrize("path", _files("redact"), ids=lambda p: p.name)
def test_redact(tmp_path: Path, path: Path) -> None:
    _clean(invoke("validate", str(path)), "validate")
    _clean(invoke("redact", str(path), "--profile", "tlp-red", "-o", str(tmp_path / "shared.json")), "redact")
    _clean(invoke("redact", "--verify", str(path), str(path)), "verify")
    _clean(invoke("redact", "--verify", str(REPORT), str(path)), "verify against another")
