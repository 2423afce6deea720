"""riskfmt._sidecar: a second process working out part of a large report's checks gives the same findings as one
process, for every shipped example and for the cases where its work must not be used."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from riskfmt import _sidecar, _worker, loading
from riskfmt._ahead import MISSING
from riskfmt.findings import FileResult
from riskfmt.validation import validate_bytes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the second process forks on Linux only")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in (".json", ".yaml", ".yml"))


def _seen(result: FileResult) -> list[tuple[object, ...]]:
    return [(f.code, f.severity, f.location.pointer, f.location.line, f.location.column, f.params)
            for f in result.findings]


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[_sidecar.Sidecar]:
    """A child for every input, whatever its size (and the fast decoder too); the children started, kept."""
    started: list[_sidecar.Sidecar] = []
    real = _sidecar.Sidecar

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, data: bytes) -> None:
            super().__init__(data)
            started.append(self)

    monkeypatch.setattr(_sidecar, "Sidecar", Counted)
    monkeypatch.setattr(_sidecar, "MIN_SIZE", 0)
    monkeypatch.setattr(_sidecar, "_FEW_EVALUATIONS", 0)  # the child computes every report id
    monkeypatch.setattr(_sidecar, "_few_evaluations", lambda data: False)  # and is started for every report
    monkeypatch.setattr(_sidecar, "_room_for", lambda size: True)
    monkeypatch.setattr(loading, "_LARGE", 0)
    monkeypatch.delenv("RISKFMT_JOBS", raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # whatever else runs beside the tests
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(_worker, "idle_processor", lambda processors: True)
    return started


def _both(path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[FileResult, FileResult]:
    source = str(path)
    monkeypatch.setattr(_sidecar, "ENABLED", False)
    alone = validate_bytes(data, source, base_dir=path.parent)
    monkeypatch.setattr(_sidecar, "ENABLED", True)
    return alone, validate_bytes(data, source, base_dir=path.parent)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_gives_the_same_findings_with_a_child(path: Path, children: list[_sidecar.Sidecar],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    alone, beside = _both(path, data, monkeypatch)
    assert _seen(beside) == _seen(alone)
    json_input = path.suffix == ".json" and not data.startswith(b"\xef\xbb\xbf")
    assert len(children) == (1 if json_input else 0)


_SECRETS = "key AKIA" + "Z" * 16 + " sk-" + "a1B2" * 12 + " " + "ab12cd34" * 8  # shaped like credentials


def _report() -> dict[str, object]:
    return json.loads((ROOT / "examples/reports/valid/minimal.json").read_text(encoding="utf-8"))


def _took(children: list[_sidecar.Sidecar]) -> dict[str, object]:
    assert len(children) == 1
    return children[0]._sent


def test_the_childs_report_id_is_used_and_a_wrong_one_is_found(children: list[_sidecar.Sidecar],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report()
    report["report_id"] = "rfr-" + "0" * 32
    data = json.dumps(report).encode()
    alone, beside = _both(Path("wrong-id.json"), data, monkeypatch)
    assert [f.code for f in beside.findings] == [f.code for f in alone.findings] == ["RF508"]
    assert _seen(beside) == _seen(alone)
    assert _took(children)["report_id"] == beside.findings[0].params["expected"]


def test_a_repeated_key_sends_the_input_to_the_exact_parser_and_the_childs_id_is_not_used(
        children: list[_sidecar.Sidecar], monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report()
    report["report_id"] = "rfr-" + "0" * 32
    text = json.dumps(report)
    # the model's name twice: msgspec (the child) keeps the second, so its id differs from the first's
    data = text.replace('"model": {', '"model": {"name": "another-model", ', 1).encode()
    assert data != text.encode()
    alone, beside = _both(Path("dup.json"), data, monkeypatch)
    assert "RF105" in [f.code for f in alone.findings]
    assert _seen(beside) == _seen(alone)
    monkeypatch.setattr(_sidecar, "ENABLED", True)
    children.clear()
    validate_bytes(data, "dup.json")
    taken = children[0]
    assert taken.tree is MISSING  # nothing bound, so nothing of the child's is taken for the tree


def test_a_leak_found_by_the_childs_raw_pass(children: list[_sidecar.Sidecar],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report()
    report["notes"] = {"en": _SECRETS}
    data = json.dumps(report).encode()
    alone, beside = _both(Path("leak.json"), data, monkeypatch)
    assert "RF705" in [f.code for f in alone.findings]
    assert _seen(beside) == _seen(alone)
    assert _took(children)["leaks"], "the raw pass found candidates"


def _fails_after_first(data: bytes) -> Iterator[tuple[str, object]]:
    from riskfmt.integrity.leaks.candidates import candidates

    yield "leaks", candidates(data)  # sent whole, so it stands; what was to follow is computed by the parent
    raise RuntimeError("the child failed")


def _bad_report() -> bytes:
    report = _report()
    report["report_id"] = "rfr-" + "1" * 32
    report["notes"] = {"en": _SECRETS}
    return json.dumps(report).encode()


def _wrong_answers(data: bytes) -> Iterator[tuple[str, object]]:
    yield "leaks", None  # could not compute
    yield "report_id", None


@pytest.mark.parametrize(("produce", "sent"),
                         [(_fails_after_first, {"leaks"}), (_wrong_answers, {"leaks", "report_id"})],
                         ids=["fails half way", "computes nothing"])
def test_what_the_child_did_not_send_is_computed_here(produce: object, sent: set[str],
                                                      children: list[_sidecar.Sidecar],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sidecar, "_produce", produce)
    alone, beside = _both(Path("failing.json"), _bad_report(), monkeypatch)
    assert _seen(beside) == _seen(alone)
    assert {"RF508", "RF705"} <= {f.code for f in alone.findings}
    assert set(_took(children)) == sent


def test_riskfmt_jobs_1_keeps_one_process(children: list[_sidecar.Sidecar], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKFMT_JOBS", "1")
    _both(Path("one.json"), json.dumps(_report()).encode(), monkeypatch)
    assert children == []


def test_no_child_without_room_or_below_the_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sidecar, "_room_for", lambda size: False)
    assert _sidecar.start(b"{}" * (_sidecar.MIN_SIZE // 2 + 1), "json") is None
    monkeypatch.setattr(_sidecar, "_room_for", lambda size: True)
    assert _sidecar.start(b"{}", "json") is None
    assert _sidecar.start(b"x" * _sidecar.MIN_SIZE, "yaml") is None


def test_room_is_read_from_the_kernels_estimate() -> None:
    assert _sidecar._room_for(1) is True
    assert _sidecar._room_for(1 << 60) is False


@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.suffix == ".json"], ids=lambda p: str(p.relative_to(ROOT)))
def test_the_childs_raw_pass_is_there_whenever_the_scan_reads_the_text_as_is(path: Path) -> None:
    from riskfmt.integrity.leaks.candidates import candidates
    from riskfmt.integrity.leaks.document import _metadata_bytes, raw_pass

    raw = path.read_bytes()
    try:
        tree = json.loads(raw)
    except ValueError:
        return  # not JSON: no tree to scan
    ahead = raw_pass(raw)
    assert ahead is None or ahead == candidates(raw)
    inline = b'"samples"' in raw and b'"inline"' in raw  # maybe inline samples: left to this process, never wrong
    if isinstance(tree, dict) and _metadata_bytes(tree, raw).text is raw and not inline:
        assert ahead is not None


def _long_report(evaluations: int, bad: set[int], note: str = "") -> bytes:
    """A report of ``evaluations`` copies of the example's evaluation, values out of bounds in ``bad``."""
    import copy

    report = _report()
    first = report["evaluations"][0]  # type: ignore[index]
    listed = []
    for k in range(evaluations):
        evaluation = copy.deepcopy(first)
        evaluation["id"] = f"e-{k:06d}"
        for r, result in enumerate(evaluation.get("results", [])):
            result["id"] = f"r-{k:06d}-{r}"
            if k in bad:
                result["value"] = 7.5
        listed.append(evaluation)
    report["evaluations"] = listed
    if note:
        report["notes"] = {"en": note}
    return json.dumps(report, ensure_ascii=False).encode()


@pytest.mark.parametrize("note", ["", "模型回答"], ids=["ascii", "not-ascii"])
def test_findings_deep_in_a_long_array_are_placed_from_the_childs_item_places(
        note: str, children: list[_sidecar.Sidecar], monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt._positions import SPARSE_MIN

    data = _long_report(SPARSE_MIN * 3, {5, SPARSE_MIN * 2 + 17}, note)
    used: list[str] = []
    real_take = _sidecar.Sidecar.take

    def take(self: _sidecar.Sidecar, name: str, subject: object) -> object:
        value = real_take(self, name, subject)
        if value is not MISSING:
            used.append(name)
        return value

    monkeypatch.setattr(_sidecar.Sidecar, "take", take)
    alone, beside = _both(Path("long.json"), data, monkeypatch)
    placed = [f for f in alone.findings if f.code == "RF503"]
    assert len(placed) == 2 and all(f.location.line is not None for f in placed)
    assert _seen(beside) == _seen(alone)
    items = _took(children).get("items")
    if note:
        assert items is None  # not ASCII: msgspec's byte offsets are no character indices, the walk decides
    else:
        assert items is not None and ("evaluations",) in items and "items" in used
        at, starts, end = items[("evaluations",)]
        assert data[at:at + 1] == b"[" and len(starts) == SPARSE_MIN * 3 and data[starts[0]:starts[0] + 1] == b"{"
        assert end <= len(data)


def test_a_report_of_few_evaluations_leaves_its_id_to_this_process(children: list[_sidecar.Sidecar],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sidecar, "_FEW_EVALUATIONS", 1000)
    report = _report()
    report["report_id"] = "rfr-" + "0" * 32
    data = json.dumps(report).encode()
    alone, beside = _both(Path("few.json"), data, monkeypatch)
    assert [f.code for f in beside.findings] == ["RF508"] and _seen(beside) == _seen(alone)
    assert _took(children)["report_id"] is None  # sent as "not computed": the parent computed it


def test_no_child_for_a_report_of_few_evaluations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sidecar, "_room_for", lambda size: True)
    monkeypatch.setattr(_sidecar, "MIN_SIZE", 0)
    monkeypatch.setattr(_sidecar, "_ENDS", 600)
    few = b'{"evaluations": [{"task": 1, "samples": {"inline": ["' + b"x" * 1000 + b'"]}}]}'
    assert _sidecar._few_evaluations(few)
    assert _sidecar.start(few, "json") is None
    without_samples = few.replace(b'"inline"', b'"file"')  # the child's raw pass applies: a child is worth it
    assert not _sidecar._few_evaluations(without_samples)
    many = b'{"evaluations": [' + b",".join([b'{"task": 1, "samples": {"inline": []}}'] * 40) + b"]}"
    assert not _sidecar._few_evaluations(many)
    middle = (b'{"evaluations": [' + b"x" * 700 + b",".join([b'{"task": 1}'] * 40) + b"x" * 700
              + b'], "inline": 1}')
    assert _sidecar._few_evaluations(middle)  # a guess: evaluations seen at neither end
