"""The quick path of `riskfmt validate` (riskfmt/_quick.py) may only ever accept what the full path accepts.

Checked three ways: on every evaluation report in the repository (examples, converter outputs of real tools,
golden files), on documents mutated by hypothesis, and at the command line (same output, same exit code).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt import _quick
from riskfmt._generated import report_1_0
from riskfmt.identity import report_id
from riskfmt.schema_check import compiled
from riskfmt.validation import validate, validate_data

MINIMAL = ROOT / "examples" / "reports" / "valid" / "minimal.json"


def _corpus() -> list[Path]:
    found = []
    for base in ("examples", "tests"):
        for path in sorted((ROOT / base).rglob("*.json")):
            if "node_modules" in path.parts or path.stat().st_size > _quick._MAX_BYTES:
                continue
            head = path.read_bytes()
            if b'"evaluation-report"' in head:
                found.append(path)
    return found


CORPUS = _corpus()


def _full_findings(path: Path) -> list[Any]:
    return validate([path]).findings


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    assert len(CORPUS) >= 100


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_quick_verdict_agrees_with_the_full_path(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quick = _quick.attempt(["-q", str(path)])
    findings = _full_findings(path)
    if quick == 0:
        assert findings == [], "the quick path accepted a report the full path does not"
    else:
        assert quick is None
        raw = path.read_bytes()
        samples_file = b'"file"' in raw and b'"samples"' in raw
        # a clean, ordinary report should not need the slow path (a performance bug, not a wrong verdict)
        assert findings or samples_file or raw.startswith(b"\xef\xbb\xbf"), "a clean report missed the quick path"
    assert capsys.readouterr().out == ""


def test_most_clean_reports_take_the_quick_path() -> None:
    accepted = sum(_quick.attempt(["-q", str(path)]) == 0 for path in CORPUS)
    assert accepted >= 25, accepted  # every clean one of them, as the test above checks one by one


# ------------------------------------------------------------------------------------------------
# mutations
# ------------------------------------------------------------------------------------------------

CLEAN = [json.loads(p.read_bytes()) for p in CORPUS if _quick.attempt(["-q", str(p)]) == 0][:40]

_TRICKY_STRINGS = [
    "", " ", "x\n", "1.0\n", "R0001", "R0001\n", "R9999", "rfr-" + "0" * 32, "sha256:" + "a" * 64,
    "sha256:" + "a" * 64 + "\n", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z\n", "2026-02-29T00:00:00Z",
    "2024-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01t00:00:00z", "2026-01-01T23:59:60Z",
    "2026-01-01T00:00:00+0000", "2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00.1234567891Z",
    "２０２６-01-01T00:00:00Z", "٢٠٢٦-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-01-01 00:00:00Z",
    "../x.jsonl", "a/../../x", "x" * 300, "zh-Hans", "en", "e", "CN", "cn", "1.0", "2.0", "1", "/a~2",
    "model.safetensors", "benchmark", "red-teaming", "TLP:CLEAR", "CLEAR", "AMBER+STRICT", "higher", "lower",
]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**60), 2**60), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(_TRICKY_STRINGS), st.text(max_size=12),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["id", "x", "value", "risks", "name"]), inner, max_size=3),
), max_leaves=6)


def _locations(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_locations(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_locations(value, (*path, index)))
    return out


@st.composite
def mutated_reports(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(CLEAN)))
    for _ in range(draw(st.integers(1, 3))):
        places = _locations(doc)[1:]
        where = draw(st.sampled_from(places))
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if action == "replace":
            parent[last] = draw(_VALUES)
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "id", "unit", "n", "notes", "x-y"]))] = draw(_VALUES)
        elif action == "add" and isinstance(parent, list):
            parent.append(draw(_VALUES))
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    if draw(st.booleans()):
        try:  # keep the report id right, so that the mutation itself is what gets judged
            doc["report_id"] = report_id(doc)
        except Exception:
            pass
    return doc


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_reports())
def test_quick_acceptance_implies_full_acceptance(doc: dict[str, Any]) -> None:
    if _quick.accepts(doc, "<mutated>"):
        assert validate_data(doc, "<mutated>").findings == []


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_reports())
def test_generated_validator_is_never_looser_than_jsonschema_rs(doc: dict[str, Any]) -> None:
    try:
        report_1_0.validate(doc)
    except report_1_0.JsonSchemaValueException:
        return
    assert compiled("evaluation-report", report_1_0.FORMAT_VERSION).is_valid(doc)


@pytest.mark.parametrize("text", _TRICKY_STRINGS)
def test_date_times_the_generated_validator_takes_are_date_times_to_jsonschema_rs(text: str) -> None:
    doc = copy.deepcopy(CLEAN[0])
    doc["created"] = text
    try:
        report_1_0.validate(doc)
    except report_1_0.JsonSchemaValueException:
        return
    assert compiled("evaluation-report", report_1_0.FORMAT_VERSION).is_valid(doc), text


def test_the_generated_validator_rejects_what_it_should() -> None:
    # It must not be a validator that accepts everything: each of these breaks one rule of the schema.
    for change in (
        lambda d: d.pop("model"),
        lambda d: d.update(format_version=1.0),
        lambda d: d.update(extra=1),
        lambda d: d.update(created="2026-01-01"),
        lambda d: d["evaluations"].clear(),
        lambda d: d.update(report_id="rfr-xyz"),
    ):
        doc = copy.deepcopy(CLEAN[0])
        change(doc)
        with pytest.raises(report_1_0.JsonSchemaValueException):
            report_1_0.validate(doc)


# ------------------------------------------------------------------------------------------------
# parsing and arguments
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    b'{"a": 1, "a": 2}', b'{"a": NaN}', b'{"a": 1e400}', b'{"a": 12345678901234567890}', b"\xef\xbb\xbf{}",
    b'{"a": "\\ud800"}', b'{"a": "\x00"}', b"[" * 300 + b"]" * 300, b"\xff{}", b"{", b"",
])
def test_unusual_json_goes_to_the_full_path(raw: bytes) -> None:
    assert _quick._parse(raw) is None


def test_ordinary_json_parses() -> None:
    assert _quick._parse(b'{"a": [1, 2.5, "x", null, true]}') == {"a": [1, 2.5, "x", None, True]}


@pytest.mark.parametrize("args", [
    [], ["--format", "json", "r.json"], ["-"], ["examples"], ["r.yaml"], ["--lang", "fr", "r.json"],
    ["--fail-on", "warning", "r.json"], ["--", "r.json"], ["--no-samples", "r.json"], ["-h"],
])
def test_anything_but_plain_files_goes_to_click(args: list[str]) -> None:
    assert _quick._parse_args(args) is None


def test_plain_arguments_are_understood() -> None:
    assert _quick._parse_args(["-q", "--lang=zh", "a.json", "b.json"]) == (["a.json", "b.json"], True, "zh")
    assert _quick._parse_args(["--lang", "en", "a.json"]) == (["a.json"], False, "en")


def test_a_missing_or_odd_file_goes_to_the_full_path(tmp_path: Path) -> None:
    assert _quick.attempt([str(tmp_path / "missing.json")]) is None
    (tmp_path / "dir.json").mkdir()
    assert _quick.attempt([str(tmp_path / "dir.json")]) is None
    (tmp_path / "empty.json").write_bytes(b"")
    assert _quick.attempt([str(tmp_path / "empty.json")]) is None


# ------------------------------------------------------------------------------------------------
# the command line
# ------------------------------------------------------------------------------------------------


def _cli(*args: str, quick: bool, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RISKFMT_NO_QUICK", "RISKFMT_LANG")}
    if not quick:
        env["RISKFMT_NO_QUICK"] = "1"
    if lang:
        env["RISKFMT_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "riskfmt", *args], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("args,lang", [
    (("validate", str(MINIMAL)), None),
    (("validate", "-q", str(MINIMAL)), None),
    (("validate", "--lang", "zh", str(MINIMAL), str(MINIMAL)), None),
    (("validate", str(MINIMAL)), "zh"),
    (("validate", str(ROOT / "examples" / "reports" / "invalid" / "interval-excludes-value.RF501.json")), None),
    (("validate", str(MINIMAL), "missing.json"), None),
])
def test_same_output_and_exit_code_either_way(args: tuple[str, ...], lang: str | None) -> None:
    quick, full = _cli(*args, quick=True, lang=lang), _cli(*args, quick=False, lang=lang)
    assert (quick.returncode, quick.stdout, quick.stderr) == (full.returncode, full.stdout, full.stderr)


def test_a_clean_file_loads_neither_click_nor_jsonschema_rs() -> None:
    code = (
        "import sys\nfrom riskfmt.cli import main\n"
        f"try:\n    main(['validate', '-q', {str(MINIMAL)!r}])\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print(code, sorted(m for m in ('click', 'jsonschema_rs', 'orjson', 'yaml', 'dataclasses')"
        " if m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "RISKFMT_NO_QUICK"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.stdout.strip() == "0 []", proc.stdout + proc.stderr


# ------------------------------------------------------------------------------------------------
# the vocabulary index the semantic pass now reads
# ------------------------------------------------------------------------------------------------


def test_vocabulary_index_agrees_with_the_shipped_releases() -> None:
    from riskfmt import resources, vocab_index
    from riskfmt.versions import version_key
    from riskfmt.vocab import load_vocabulary

    assert vocab_index.releases() == resources.vocabulary_versions()
    for release in vocab_index.releases():
        full = load_vocabulary(release)
        for cited in vocab_index.releases():
            expected = {c.id for c in full if c.scheme == "risk" and not c.deprecated
                        and version_key(c.added_in) <= version_key(cited)}
            assert vocab_index.plain_risk_ids(release, cited) == expected
        for concept in full:
            assert vocab_index.has_token(release, concept.scheme, concept.token)
        assert not vocab_index.has_token(release, "method", "no-such-method")


def test_report_id_digest_is_plain_sha256() -> None:
    import hashlib

    import rfc8785

    from riskfmt.identity import defining_content

    doc = json.loads(MINIMAL.read_bytes())
    expected = "rfr-" + hashlib.sha256(rfc8785.dumps(defining_content(doc))).hexdigest()[:32]
    assert report_id(doc) == expected == doc["report_id"]
