"""``riskfmt validate --stream`` gives the findings of the normal path: codes, severities, pointers, lines,
columns and parameters, on every example, every real-world conversion and hypothesis-generated reports, valid
and broken, with the rows taken out a few at a time (a tiny read size) so that every batch boundary is crossed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("ijson.backends.yajl2_c")  # the [stream] extra (also in [test])

from riskfmt import stream, stream_rows
from riskfmt.caps import limited
from riskfmt.findings import FileResult
from riskfmt.identity import report_id
from riskfmt.validation import validate

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))


def _findings(result: FileResult) -> list[str]:
    return sorted(json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True) for f in result.findings)


def _both(path: Path, *, streamed: bool | None = True) -> tuple[FileResult, FileResult]:
    normal = validate([path]).files[0]
    fallbacks: list[str] = []
    original = stream._normal

    def normal_path(*args: Any, **kwargs: Any) -> FileResult:
        fallbacks.append(args[0])
        return original(*args, **kwargs)

    stream._normal = normal_path  # type: ignore[assignment]
    try:
        ours = stream.validate_stream(path)
    finally:
        stream._normal = original  # type: ignore[assignment]
    if streamed is not None:
        assert (not fallbacks) is streamed, f"{path}: {'fell back' if fallbacks else 'streamed'}"
    return normal, ours


@pytest.fixture(autouse=True)
def _small_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # a few hundred bytes per read: rows are taken out in many small batches, across every boundary; and the key
    # hashes of the duplicate rule go to their slice files after a few rows, as they do after 262,144
    monkeypatch.setattr(stream, "_READ", 331)
    monkeypatch.setattr(stream_rows, "_IN_MEMORY", 5)


# the files the streaming path hands to the normal path (not well-formed JSON, or what it cannot judge exactly)
_NORMAL = {"absurd-nesting.RF107.json", "binary-content.RF005.json", "byte-order-mark.RF104.json",
           "duplicate-key.RF105.json", "empty-file.RF102.json", "infinite-value.RF106.json",
           "invalid-utf8.RF103.json", "nan-value.RF106.json", "number-overflow.RF110.json",
           "top-level-array.RF201.json", "truncated.RF101.json", "unknown-kind.RF202.json"}


@pytest.mark.parametrize("path", sorted((ROOT / "examples").rglob("*.json")), ids=lambda p: p.name)
def test_every_example_gives_the_same_findings(path: Path) -> None:
    expected_streamed = None
    if path.parent.name in ("valid", "invalid") and path.parent.parent.name == "reports":
        expected_streamed = path.name not in _NORMAL
    normal, ours = _both(path, streamed=expected_streamed)
    assert _findings(ours) == _findings(normal)
    assert (ours.kind, ours.format_version) == (normal.kind, normal.format_version)


def _realworld_reports(tmp: Path) -> list[Path]:
    import yaml

    from riskfmt.convert import convert

    out = []
    for manifest in sorted((ROOT / "tests" / "realworld").glob("*/MANIFEST.yaml")):
        for entry in yaml.safe_load(manifest.read_text(encoding="utf-8")).get("files") or []:
            source = manifest.parent / entry["path"]
            for index, converted in enumerate(convert([source])):
                if converted.report is None:
                    continue
                name = f"{manifest.parent.name}-{entry['path'].replace('/', '_')}-{index}.json"
                target = tmp / name
                # indented, so that lines and columns differ from row to row
                target.write_text(json.dumps(converted.report, ensure_ascii=False, indent=1), encoding="utf-8")
                out.append(target)
    return out


def test_every_realworld_conversion_gives_the_same_findings(tmp_path: Path) -> None:
    reports = _realworld_reports(tmp_path)
    assert len(reports) >= 200
    with_rows = 0
    for path in reports:
        normal, ours = _both(path)
        assert _findings(ours) == _findings(normal), path.name
        doc = json.loads(path.read_text(encoding="utf-8"))
        with_rows += any((e.get("samples") or {}).get("inline") for e in doc["evaluations"])
    assert with_rows >= 100  # the conversions that carry inline samples are the ones that matter here


# ------------------------------------------------------------------------------------------------
# generated reports
# ------------------------------------------------------------------------------------------------

_IDS = st.sampled_from(["q1", "q2", "q3", "item-7", "AKIAIOSFODNN7EXAMPLE", "x" * 40, "bad id", "q1"])
_RISKS = st.lists(st.sampled_from(["R0013", "R0001", "R9999", "ailuminate:iwp", "R0013"]), max_size=3)
_TEXT = st.one_of(st.text(max_size=30), st.just("QUJD" * 80), st.just("模型回答：示例。"),
                  st.just("see model.safetensors"), st.just("a\nb\n\nc"))


@st.composite
def _row(draw: st.DrawFn) -> Any:
    row: dict[str, Any] = {"sample_id": draw(_IDS)}
    if draw(st.booleans()):
        row["epoch"] = draw(st.sampled_from([1, 2, 0, "1"]))
    for name in ("input", "output", "target"):
        if draw(st.integers(0, 3)) == 0:
            row[name] = draw(_TEXT)
    if draw(st.booleans()):
        row["score"] = draw(st.one_of(st.floats(-2, 2, allow_nan=False), st.integers(-3, 3)))
    if draw(st.booleans()):
        row["verdict"] = draw(st.sampled_from(["pass", "fail", "maybe"]))
    if draw(st.booleans()):
        row["risks"] = draw(_RISKS)
    if draw(st.integers(0, 4)) == 0:
        row["input_digest"] = "sha256:" + hashlib.sha256(draw(_TEXT).encode()).hexdigest()
    if draw(st.integers(0, 9)) == 0:
        row["unexpected"] = True
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([None, 3, "row", [1, 2]]))
    return row


@st.composite
def _report(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(MINIMAL)
    template = doc["evaluations"][0]
    evaluations = []
    for index in range(draw(st.integers(1, 3))):
        evaluation = copy.deepcopy(template)
        evaluation["id"] = f"e{index}"
        if draw(st.integers(0, 3)):
            evaluation["samples"] = {"inline": draw(st.lists(_row(), max_size=25))}
        if draw(st.booleans()):
            evaluation["findings"] = [{
                "id": f"f{index}", "title": {"en": "A finding"}, "risks": ["R0013"],
                "sample_ids": draw(st.lists(_IDS, min_size=1, max_size=3)),
            }]
        evaluations.append(evaluation)
    doc["evaluations"] = evaluations
    if draw(st.booleans()):
        doc["disclosure"] = {"withholds": draw(st.lists(st.sampled_from(
            ["sample_input", "sample_output", "sample_target", "sample_digest", "notes"]), max_size=3, unique=True))}
        if draw(st.booleans()):
            doc["notes"] = {"en": draw(_TEXT)}
    if draw(st.booleans()):
        doc["vocabulary_version"] = draw(st.sampled_from(["0.1", "1.0", "9.9", "x"]))
    doc["report_id"] = report_id(doc)
    if draw(st.integers(0, 5)) == 0:
        doc["report_id"] = "rfr-" + "0" * 32
    if draw(st.booleans()):  # what the rows need may come after them in the file
        doc = dict(reversed(list(doc.items())))
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(doc=_report(), indent=st.sampled_from([None, 1, 2]), cap=st.sampled_from([None, 2]))
def test_generated_reports_give_the_same_findings(tmp_path: Path, doc: dict[str, Any], indent: int | None,
                                                  cap: int | None) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=indent), encoding="utf-8")
    with limited(cap):
        normal, ours = _both(path)
    assert _findings(ours) == _findings(normal)


def test_rows_are_not_kept(tmp_path: Path) -> None:
    """The skeleton holds no row: each inline array is a StreamedRows, empty as a list, once read."""
    doc = copy.deepcopy(MINIMAL)
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": f"s{i}", "score": 1} for i in range(2000)]}
    doc["report_id"] = report_id(doc)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    document = stream._streamed(str(path), str(path))
    assert document is not None
    rows = document.data["evaluations"][0]["samples"]["inline"]
    assert isinstance(rows, stream.StreamedRows)
    assert (len(rows), rows.rows) == (0, 2000)


@pytest.mark.parametrize("value", ["9007199254740993", "-9007199254740993", "1e400", "-1.5E+999",
                                   '"\\ud800"', '"a\\u003ab"'])
def test_what_only_the_normal_path_judges_goes_there(tmp_path: Path, value: str) -> None:
    """An integer past 2^53 (RF116), a number past a double (RF110), a lone surrogate (RF115), an escaped
    colon (the duplicate-key count cannot be trusted): the normal path takes the file, findings unchanged."""
    doc = copy.deepcopy(MINIMAL)
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": f"s{i}", "score": 1} for i in range(40)]}
    doc["report_id"] = report_id(doc)
    text = json.dumps(doc).replace('"score": 1}', f'"score": {value}}}', 1)
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    normal, ours = _both(path, streamed=False)
    assert _findings(ours) == _findings(normal)
    assert normal.findings


def test_escapes_and_pairs_are_streamed(tmp_path: Path) -> None:
    """Escapes that are no trouble (a surrogate pair, a newline, a quote) keep the streaming path."""
    doc = copy.deepcopy(MINIMAL)
    doc["evaluations"][0]["samples"] = {"inline": [{"sample_id": f"s{i}", "output": 'a "quote"\n😀 and null'}
                                                   for i in range(40)]}
    doc["report_id"] = report_id(doc)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii: the emoji as \\ud83d\\ude00
    normal, ours = _both(path, streamed=True)
    assert _findings(ours) == _findings(normal)


def test_duplicate_key_in_a_row_goes_to_the_normal_path(tmp_path: Path) -> None:
    text = json.dumps(MINIMAL).replace('"method"', '"samples": {"inline": [{"sample_id": "a", "sample_id": "b"}]}, '
                                       '"method"', 1)
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    normal, ours = _both(path, streamed=False)
    assert "RF105" in {f.code for f in ours.findings}
    assert _findings(ours) == _findings(normal)


def test_cli_stream_flag() -> None:
    from cli_invoke import invoke

    example = ROOT / "examples" / "reports" / "invalid" / "duplicate-sample.RF514.json"
    streamed = invoke("validate", "--stream", "--format", "json", str(example))
    normal = invoke("validate", "--no-stream", "--format", "json", str(example))
    assert streamed.code == normal.code == 1
    assert streamed.output == normal.output
    assert "RF514" in streamed.output


def test_threshold_chooses_streaming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    example = ROOT / "examples" / "reports" / "invalid" / "duplicate-sample.RF514.json"
    seen: list[str] = []
    monkeypatch.setattr(stream, "validate_stream", lambda path, **kwargs: seen.append(path))  # type: ignore[func-returns-value]
    offer = stream.chooser(None, threshold=example.stat().st_size)
    assert offer is not None
    offer(str(example))
    assert seen == [str(example)]
    offer = stream.chooser(None, threshold=example.stat().st_size + 1)
    assert offer is not None and offer(str(example)) is None
    assert stream.chooser(False) is None
