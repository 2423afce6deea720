"""Every note riskfmt diff can attach, produced by the situation it describes."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import riskfmt
from compare.reports import evaluation, report, result, samples_file
from riskfmt.compare import DiffOptions, diff_documents
from riskfmt.compare.diff import diff_reports

Pair = tuple[dict[str, Any], dict[str, Any]]


def _one(a_risks: list[str], b_risks: list[str]) -> Pair:
    return (report([evaluation("e", "t", [result("r", a_risks, 0.5, n=100)])]),
            report([evaluation("e", "t", [result("r", b_risks, 0.5, n=100)])]))


def _unmapped() -> Pair:
    return _one(["ailuminate:physical"], ["ailuminate:physical"])  # a grouping with no riskfmt concept


def _incomplete() -> Pair:
    a, b = _one(["R0013"], ["R0013"])
    b["evaluations"][0]["status"] = "incomplete"
    return a, b


def _other_model() -> Pair:
    a, b = _one(["R0013"], ["R0013"])
    b["model"] = dict(b["model"], name="another-model")
    return a, b


def _other_weights() -> Pair:
    a, b = _one(["R0013"], ["R0013"])
    a["model"]["digests"] = [{"digest": "sha256:" + "1f" * 32, "subject": "weights_manifest"}]
    b["model"]["digests"] = [{"digest": "sha256:" + "2e" * 32, "subject": "weights_manifest"}]
    return a, b


def _other_vocabulary() -> Pair:
    a, b = _one(["R0013"], ["R0013"])
    a["vocabulary_version"] = "0.1"
    return a, b


def _with_samples(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> Pair:
    return (report([evaluation("e", "t", [result("r", ["R0013"], 0.5, n=10)], samples={"inline": rows_a})]),
            report([evaluation("e", "t", [result("r", ["R0013"], 0.5, n=10)], samples={"inline": rows_b})]))


def _digest(i: int) -> str:
    return f"sha256:{i:064x}"


SCENARIOS: dict[str, Callable[[], Pair]] = {
    "RF813": _unmapped,
    "RF825": _incomplete,
    "RF830": _other_model,
    "RF831": _other_weights,
    "RF832": _other_vocabulary,
    "RF840": lambda: _with_samples([{"sample_id": "x"}], [{"sample_id": "y"}]),
    "RF841": lambda: _with_samples([{"sample_id": "x", "input_digest": _digest(1)}],
                                   [{"sample_id": "x", "input_digest": _digest(2)}]),
    "RF843": lambda: _with_samples([{"sample_id": "x", "input_digest": _digest(1), "verdict": "pass"}],
                                   [{"sample_id": "y", "input_digest": _digest(1), "verdict": "fail"}]),
    "RF844": lambda: _with_samples([{"sample_id": "x"}, {"sample_id": "z"}], [{"sample_id": "x"}]),
}


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_each_situation_gets_its_note(code: str) -> None:
    a, b = SCENARIOS[code]()
    doc = diff_reports(a, b).to_dict()
    assert code in {n["code"] for n in doc["notes"]}
    for note in doc["notes"]:
        assert note["message"]["en"] and note["message"]["zh"]
        assert "{" not in note["message"]["en"] + note["message"]["zh"], note  # every parameter filled


def test_samples_in_different_orders_note_the_temporary_files(tmp_path: Path) -> None:
    rows = [{"sample_id": f"s{i:03d}", "verdict": "pass" if i % 2 else "fail"} for i in range(200)]
    shuffled = copy.deepcopy(rows)
    random.Random(3).shuffle(shuffled)
    docs = [report([evaluation("e", "t", [result("r", ["R0013"], 0.5, n=200)],
                               samples=samples_file(tmp_path, f"{name}.jsonl", data))])
            for name, data in (("a", rows), ("b", shuffled))]
    doc = diff_documents(docs[0], docs[1], sources=(str(tmp_path / "a.json"), str(tmp_path / "b.json")),
                         options=DiffOptions(memory_rows=10)).to_dict()
    assert "RF842" in {n["code"] for n in doc["notes"]}
    assert doc["samples"][0]["matched"] == 200


def test_a_deprecated_id_aligns_through_its_replacement_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """No released id is deprecated yet; a vocabulary where R0013 is deprecated for R0081 shows the note."""
    from riskfmt import compare, resources
    from riskfmt.compare.align import Canonicalizer
    from riskfmt.vocab import Vocabulary

    data = copy.deepcopy(resources.vocabulary_data(riskfmt.load_vocabulary().version))
    for concept in data["concepts"]:
        if concept["id"] == "R0013":
            concept.update(status="deprecated", deprecated_in="9.9", replaced_by="R0081")
    canon = Canonicalizer(Vocabulary(data))
    monkeypatch.setattr(compare.diff, "canonicalizer", lambda: canon)
    a, b = _one(["R0013"], ["R0081"])
    doc = diff_reports(a, b).to_dict()
    assert [p["risk"] for p in doc["pairs"]] == ["R0081"]
    assert doc["pairs"][0]["alignment"]["tier"] == "inexact"
    assert "RF811" in {n["code"] for n in doc["notes"]}
