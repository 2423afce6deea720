"""Odd timelines (empty, unordered, duplicate timestamps, missing fields, entries of the wrong type, integers
no canonical form holds) through validate, ``incident update``, ``incident history`` and ``diff``: findings or
a refusal, never an internal error (exit 3, or RF900 inside validate). Issue 14 found such crashes by fuzzing;
the inputs that crashed are kept in tests/fuzz_regressions/incident/."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cli_invoke import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutated

from incident._data import EXAMPLES, load
from riskfmt.incident.history import check_history, entry_digest

BASE = EXAMPLES / "valid" / "grid-dispatch.operator.yaml"
BASE_DOC = load(BASE)


def _rechain(doc: Any) -> None:
    """Recompute ``previous`` where possible, so that a mutation gets past the chain check to the rules
    behind it."""
    timeline = doc.get("timeline") if isinstance(doc, dict) else None
    if not isinstance(timeline, list):
        return
    for index in range(1, len(timeline)):
        if isinstance(timeline[index], dict):
            # an entry with no canonical form: leave the chain as it is
            with contextlib.suppress(Exception):
                timeline[index]["previous"] = entry_digest(timeline[index - 1])


def _clean(outcome: Any, what: str) -> None:
    assert outcome.crash is None, (what, repr(outcome.crash))
    assert outcome.code in (0, 1, 2), (what, outcome.code)
    assert "RF900" not in outcome.output and "Traceback" not in outcome.output, (what, outcome.output[-500:])


def _all_commands(folder: Path, odd: Any) -> None:
    path = folder / "odd.json"
    path.write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    base = folder / "base.json"
    base.write_text(json.dumps(BASE_DOC, ensure_ascii=False), encoding="utf-8")
    _clean(invoke("validate", str(path)), "validate")
    _clean(invoke("incident", "update", str(path), "--summary", "s", "--author", "a", "--status", "halted",
                  "--likelihood", "misuse=0.1", "--severity", "major", "-o", str(folder / "out.json")), "update")
    # the odd file as the target an update must not erase
    target = folder / "target.json"
    target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    _clean(invoke("incident", "update", str(base), "--summary", "s", "--author", "a", "-o", str(target)),
           "update over it")
    _clean(invoke("incident", "history", str(base), str(path)), "history base odd")
    _clean(invoke("incident", "history", str(path), str(base)), "history odd base")
    _clean(invoke("diff", str(path), str(base), "--format", "json"), "diff")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(odd=mutated(BASE_DOC, under=("timeline",)), rechain=st.booleans())
def test_odd_timelines_never_crash_a_command(tmp_path: Path, odd: Any, rechain: bool) -> None:
    if rechain:
        _rechain(odd)
    _all_commands(tmp_path, odd)
    # and the library function directly, on anything
    check_history(BASE_DOC, odd, "odd")
    check_history(odd, BASE_DOC, "odd")


def _timeline(doc: dict[str, Any], entries: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["timeline"] = entries
    return doc


ENTRIES = BASE_DOC["timeline"]
SHAPES = {
    "empty": [],
    "not-a-list": {"0": ENTRIES[0]},
    "null": None,
    "entry-is-a-string": [ENTRIES[0], "entry"],
    "entry-is-a-number": [7, *ENTRIES],
    "reversed": list(reversed(ENTRIES)),
    "duplicate-timestamps": [ENTRIES[0], {**ENTRIES[1], "date": ENTRIES[0]["date"]}],
    "no-seq": [{k: v for k, v in ENTRIES[0].items() if k != "seq"}, *ENTRIES[1:]],
    "no-date": [ENTRIES[0], {k: v for k, v in ENTRIES[1].items() if k != "date"}],
    "seq-beyond-2-53": [{**ENTRIES[0], "seq": 10**30}, *ENTRIES[1:]],
    "zoneless-date": [ENTRIES[0], {**ENTRIES[1], "date": "2025-05-06T10:00:00"}],
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_odd_shape(tmp_path: Path, name: str) -> None:
    odd = _timeline(BASE_DOC, copy.deepcopy(SHAPES[name]))
    for rechain in (False, True):
        if rechain:
            _rechain(odd)
        _all_commands(tmp_path, odd)


def test_an_entry_with_no_canonical_form_is_a_finding() -> None:
    from riskfmt.validation import validate_data

    odd = _timeline(BASE_DOC, [{**ENTRIES[0], "seq": 10**30}, *copy.deepcopy(ENTRIES[1:])])
    codes = {f.code for f in validate_data(odd).findings}
    assert "RF726" in codes and "RF900" not in codes


def test_an_update_never_writes_over_a_target_whose_timeline_it_cannot_read(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    odd = _timeline(BASE_DOC, {"0": ENTRIES[0]})
    target.write_text(json.dumps(odd))
    before = target.read_bytes()
    source = tmp_path / "base.json"
    source.write_text(json.dumps(BASE_DOC, ensure_ascii=False))
    outcome = invoke("incident", "update", str(source), "--summary", "s", "--author", "a", "-o", str(target))
    assert outcome.code == 1 and "RF847" in outcome.output and target.read_bytes() == before


def test_update_from_standard_input_needs_an_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # before, the new version went to a file named "-" in the working directory
    outcome = invoke("incident", "update", "-", "--summary", "s", "--author", "a",
                     stdin=json.dumps(BASE_DOC, ensure_ascii=False))
    assert outcome.code == 2 and not Path("-").exists()
