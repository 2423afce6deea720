"""The append-only history: any sequence of updates keeps every earlier entry byte for byte (in RFC 8785
canonical form), and removing or editing an earlier entry is detected."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import rfc8785
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from incident._data import EXAMPLES, load
from riskfmt.findings import Severity
from riskfmt.incident.history import Update, apply_update, check_history, dump_document, entry_digest, update_file
from riskfmt.validation import validate_bytes, validate_data

BASE = EXAMPLES / "valid" / "grid-dispatch.operator.yaml"
CAUSES = ("accidental-malfunction", "deliberate-attack", "operator-error")

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@st.composite
def updates(draw: st.DrawFn, start: datetime) -> list[Update]:
    """A sequence of updates, dated in order, each revising some part of the assessment coherently."""
    out = []
    when = start
    for _ in range(draw(st.integers(1, 6))):
        when += timedelta(minutes=draw(st.integers(0, 60 * 24 * 30)))
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        # three exclusive likelihoods in hundredths that add up to at most 1
        first = draw(st.integers(0, 100))
        second = draw(st.integers(0, 100 - first))
        shares = [first, second, draw(st.integers(0, 100 - first - second))]
        revise = draw(st.booleans())
        summary = {k: v for k, v in (("en", draw(texts)), ("zh", draw(st.none() | texts))) if v}
        out.append(Update(
            author={"en": draw(texts)}, summary=summary, date=stamp,
            status=draw(st.none() | st.sampled_from(["ongoing", "halted", "mitigated"])),
            severity=draw(st.none() | st.sampled_from(["minor", "moderate", "major"]).map(
                lambda level: {"scale": "generic-5", "level": level})),
            likelihoods=tuple(zip(CAUSES, (s / 100 for s in shares), strict=True)) if revise else (),
        ))
    return out


def _start(doc: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(doc["timeline"][-1]["date"]).astimezone(UTC)


def _errors(doc: dict[str, Any]) -> list[str]:
    return [f"{f.code} {f.location.pointer}" for f in validate_data(doc).findings if f.severity >= Severity.ERROR]


def _history(draw_updates: list[Update]) -> list[dict[str, Any]]:
    versions = [load(BASE)]
    for update in draw_updates:
        versions.append(apply_update(versions[-1], update))
    return versions


BASE_DOC = load(BASE)


@given(updates(_start(BASE_DOC)))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_sequence_of_updates_keeps_every_earlier_entry_byte_for_byte(sequence: list[Update]) -> None:
    versions = _history(sequence)
    for before, after in pairwise(versions):
        assert len(after["timeline"]) == len(before["timeline"]) + 1
        for old, new in zip(before["timeline"], after["timeline"], strict=False):
            assert rfc8785.dumps(old) == rfc8785.dumps(new)
        assert check_history(before, after, "new") == []
        assert _errors(after) == []
    # every version in both file forms reads back as itself, and validates from its bytes alike
    last = versions[-1]
    for syntax in ("yaml", "json"):
        data = dump_document(last, syntax)
        result = validate_bytes(data, f"x.{syntax}")
        assert [f.code for f in result.findings if f.severity >= Severity.ERROR] == []
        from riskfmt.loading import load_bytes

        assert load_bytes(data, f"x.{syntax}").data == last


@given(updates(_start(BASE_DOC)), st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_removing_an_entry_is_detected(sequence: list[Update], data: st.DataObject) -> None:
    full = _history(sequence)[-1]
    index = data.draw(st.integers(0, len(full["timeline"]) - 1))
    cut = copy.deepcopy(full)
    del cut["timeline"][index]
    # the last entry is missing; any entry after the removed one now sits where another was
    assert "RF680" in {f.code for f in check_history(full, cut, "cut")}
    codes = {f.code for f in validate_data(cut).findings if f.severity >= Severity.ERROR} if cut["timeline"] else set()
    if index < len(full["timeline"]) - 1:
        # from the file alone: the next entry pins an entry that is no longer there
        assert codes & {"RF670", "RF671"}, codes


_EDITS = ("summary", "date", "author", "likelihood", "new-key")


@given(updates(_start(BASE_DOC)), st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_editing_an_entry_is_detected(sequence: list[Update], data: st.DataObject) -> None:
    full = _history(sequence)[-1]
    index = data.draw(st.integers(0, len(full["timeline"]) - 1))
    how = data.draw(st.sampled_from(_EDITS))
    edited = copy.deepcopy(full)
    entry = edited["timeline"][index]
    if how == "summary":
        entry["summary"]["en"] = entry["summary"].get("en", "") + data.draw(texts)
    elif how == "date":
        entry["date"] = "2025-05-06T18:30:01Z" if entry["date"] != "2025-05-06T18:30:01Z" else "2025-05-06T18:30:02Z"
    elif how == "author":
        entry["author"] = {"zh": data.draw(texts)}
    elif how == "likelihood":
        attribution = entry.setdefault("assessment", {}).setdefault("attribution", copy.deepcopy(full["attribution"]))
        hypothesis = attribution["hypotheses"][0]
        hypothesis["likelihood"] = 0.01 if hypothesis["likelihood"] != 0.01 else 0.02
    else:
        entry["summary"]["zh"] = entry["summary"].get("zh", "") + "改"
    assert rfc8785.dumps(entry) != rfc8785.dumps(full["timeline"][index])
    assert {f.code for f in check_history(full, edited, "edited")} == {"RF681"}
    if index < len(full["timeline"]) - 1:
        codes = {f.code for f in validate_data(edited).findings}
        assert "RF671" in codes, codes


def test_the_chain_pins_the_canonical_digest_of_the_previous_entry() -> None:
    doc = load(BASE)
    for before, entry in pairwise(doc["timeline"]):
        assert entry["previous"] == entry_digest(before)
    # key order and number spelling do not matter, content does
    shuffled = dict(reversed(list(doc["timeline"][0].items())))
    assert entry_digest(shuffled) == entry_digest(doc["timeline"][0])


# --------------------------------------------------------------------------------------------------
# Likelihoods: the exclusivity rule against brute force
# --------------------------------------------------------------------------------------------------

ALL_CAUSES = [c.token for c in riskfmt.load_vocabulary().in_scheme("attribution")]


@given(st.dictionaries(st.sampled_from(ALL_CAUSES), st.integers(0, 100), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_exclusive_likelihoods_rule_matches_brute_force(weights: dict[str, int]) -> None:
    """RF654 fires exactly when some set of pairwise exclusive hypotheses adds up to more than 1."""
    from itertools import combinations

    from riskfmt.incident.likelihood import related

    vocab = riskfmt.load_vocabulary()
    causes = list(weights)
    worst = 0
    for size in range(1, len(causes) + 1):
        for group in combinations(causes, size):
            if all(not related(vocab, a, b) for a, b in combinations(group, 2)):
                worst = max(worst, sum(weights[c] for c in group))
    doc = load(BASE)
    attribution = copy.deepcopy(doc["attribution"])
    template = attribution["hypotheses"][0]
    attribution["hypotheses"] = [{**copy.deepcopy(template), "id": f"h{i}", "cause": c, "likelihood": w / 100}
                                 for i, (c, w) in enumerate(weights.items())]
    doc["attribution"] = attribution
    doc["timeline"][-1]["assessment"]["attribution"] = copy.deepcopy(attribution)
    codes = {f.code for f in validate_data(doc).findings}
    assert ("RF654" in codes) == (worst > 100), (weights, worst, codes)


# --------------------------------------------------------------------------------------------------
# Files: update_file writes atomically and never over history
# --------------------------------------------------------------------------------------------------


def _update(**kw: Any) -> Update:
    return Update(author={"en": "tester"}, summary={"en": "next"}, date="2025-06-01T00:00:00Z", **kw)


def test_update_file_appends_and_keeps_yaml(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_bytes(BASE.read_bytes())
    outcome = update_file(path, _update(status="concluded", cause="accidental-malfunction"))
    assert outcome.ok, [f.message() for f in outcome.findings]
    new = load(path)
    assert new["status"] == "concluded" and new["attribution"]["cause"] == "accidental-malfunction"
    assert check_history(load(BASE), new, "x") == []
    assert len(new["timeline"]) == len(load(BASE)["timeline"]) + 1
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place


def test_update_refuses_an_input_whose_history_was_edited(tmp_path: Path) -> None:
    path = tmp_path / "edited.yaml"
    path.write_bytes((EXAMPLES / "invalid" / "edited-history.RF671.yaml").read_bytes())
    before = path.read_bytes()
    outcome = update_file(path, _update())
    assert not outcome.ok
    assert {"RF671", "RF683"} <= {f.code for f in outcome.findings}
    assert path.read_bytes() == before


def test_update_refuses_a_revision_that_would_not_validate(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(BASE.read_bytes())
    before = path.read_bytes()
    outcome = update_file(path, _update(likelihoods=(("misuse", 0.9),)))
    assert {"RF654", "RF683"} <= {f.code for f in outcome.findings}
    assert path.read_bytes() == before


def test_update_never_writes_over_history_it_lacks(tmp_path: Path) -> None:
    """Two people update the same report; the second write must not erase the first one's entry."""
    path = tmp_path / "shared.json"
    path.write_bytes(dump_document(load(BASE), "json"))
    stale = tmp_path / "stale.json"
    stale.write_bytes(path.read_bytes())
    assert update_file(path, _update(status="halted")).ok
    landed = path.read_bytes()
    outcome = update_file(stale, _update(status="mitigated"), output=path)
    assert not outcome.ok
    codes = {f.code for f in outcome.findings}
    assert "RF683" in codes and codes & {"RF680", "RF681"}, codes  # the other entry 3 would be overwritten
    assert path.read_bytes() == landed


def test_update_file_reports_a_missing_input_as_io(tmp_path: Path) -> None:
    outcome = update_file(tmp_path / "missing.yaml", _update())
    assert [f.code for f in outcome.findings] == ["RF001"]


def test_history_check_reports_a_changed_report_id() -> None:
    old = load(BASE)
    new = copy.deepcopy(old)
    new["report_id"] = "rfi-" + "1" * 32
    assert [f.code for f in check_history(old, new, "x")] == ["RF682"]


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_dump_never_uses_yaml_anchors_or_reorders(syntax: str) -> None:
    doc = load(BASE)
    text = dump_document(doc, syntax).decode()
    assert "&id" not in text and "*id" not in text
    if syntax == "json":
        assert list(json.loads(text)) == list(doc)
