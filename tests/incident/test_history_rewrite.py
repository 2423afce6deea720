"""What the hash chain proves and what it does not: an entry rewritten together with a recomputed chain passes
``validate`` on its own (the chain is consistent), and is caught only against an earlier copy, where every
entry both versions hold is compared and each change named; content no entry can revise must not change."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from cli_invoke import invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident._data import EXAMPLES, load
from riskfmt.findings import Severity
from riskfmt.incident.history import apply_update, check_history, entry_digest
from riskfmt.validation import validate_data

from .test_history import BASE, _start, updates

BASE_DOC = load(BASE)
texts = st.text(alphabet="abcdefghij klmnop 事件调度", min_size=1, max_size=20).filter(str.strip)


def _rechain(doc: dict[str, Any]) -> None:
    """Recompute every ``previous``: what someone rewriting history would do to keep the chain consistent."""
    timeline = doc["timeline"]
    for index in range(1, len(timeline)):
        timeline[index]["previous"] = entry_digest(timeline[index - 1])


def _errors(doc: dict[str, Any]) -> set[str]:
    return {f.code for f in validate_data(doc).findings if f.severity >= Severity.ERROR}


@given(updates(_start(BASE_DOC)), st.data())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_rewritten_entry_with_a_recomputed_chain_is_caught_only_against_an_earlier_copy(
        sequence: list[Any], data: st.DataObject) -> None:
    versions = [BASE_DOC]
    for update in sequence:
        versions.append(apply_update(versions[-1], update))
    old = data.draw(st.sampled_from(versions[:-1]))
    new = copy.deepcopy(versions[-1])
    index = data.draw(st.integers(0, len(old["timeline"]) - 1))
    entry = new["timeline"][index]
    field = data.draw(st.sampled_from(["summary", "author"]))
    entry[field] = {"en": data.draw(texts)}
    if entry[field] == old["timeline"][index][field]:
        return
    _rechain(new)
    # from the file alone: nothing to see (this is what the chain cannot prove)
    assert _errors(new) == set()
    # against the earlier copy: the entry, and the field that changed in it
    found = [f for f in check_history(old, new, "new") if f.code == "RF681"]
    assert found and found[0].location.pointer == f"/timeline/{index}"
    assert field in found[0].params["fields"]
    # an entry after it holds a different previous now: reported as changed too (that is the chain at work)
    later = [f.location.pointer for f in found[1:]]
    assert later == [f"/timeline/{i}" for i in range(index + 1, len(old["timeline"]))]


@given(st.sampled_from(["title", "summary", "harms", "systems", "dates", "notes", "links", "sectors"]), st.data())
@settings(max_examples=30, deadline=None)
def test_content_no_entry_can_revise_must_not_change(name: str, data: st.DataObject) -> None:
    old = load(BASE)
    new = copy.deepcopy(old)
    if name in ("title", "summary", "notes"):
        new[name] = {"en": data.draw(texts)}
    elif name == "harms":
        new["harms"][0]["description"] = {"en": data.draw(texts)}
    elif name == "systems":
        new["systems"] = new["systems"][:-1] if len(new["systems"]) > 1 else []
    elif name == "dates":
        new["dates"] = {k: v for k, v in new["dates"].items() if k != "reported"} or {"occurred": "2020-01-01"}
    elif name == "links":
        new["links"] = [{"kind": "source", "url": "https://example.org/" + data.draw(st.sampled_from("abc"))}]
    else:
        new["sectors"] = ["A"] if new.get("sectors") != ["A"] else ["B"]
    if new.get(name) == old.get(name):
        return
    assert [(f.code, f.location.pointer) for f in check_history(old, new, "new")] == [("RF845", f"/{name}")]


def test_markings_may_only_get_stricter() -> None:
    old = load(BASE)
    label = old["marking"]["tlp"]
    raised = copy.deepcopy(old)
    raised["marking"] = {"tlp": "RED"}
    assert check_history(old, raised, "new") == []
    if label != "CLEAR":
        lowered = copy.deepcopy(old)
        lowered["marking"] = {"tlp": "CLEAR"}
        findings = check_history(old, lowered, "new")
        assert [f.code for f in findings] == ["RF846"] and findings[0].params["before"] == label


def test_history_command_says_extends_only_when_nothing_but_entries_was_added(tmp_path: Path) -> None:
    """Issue 14: NEW with title, summary and harms rewritten (and an entry with a recomputed chain) was said
    to "extend the history" of OLD."""
    old = load(BASE)
    new = copy.deepcopy(old)
    new["title"] = {"en": "Nothing happened"}
    new["summary"] = {"en": "All fine"}
    new["harms"][0]["affected"] = {"en": "nobody"}
    new["timeline"][0]["summary"] = {"en": "rewritten"}
    _rechain(new)
    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False))
    (tmp_path / "new.json").write_text(json.dumps(new, ensure_ascii=False))
    outcome = invoke("incident", "history", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    assert outcome.crash is None and outcome.code == 1
    assert "extends" not in outcome.output
    for expected in ("RF845", "/title", "/summary", "/harms", "RF681", "/timeline/0"):
        assert expected in outcome.output, expected
    outcome = invoke("incident", "history", str(tmp_path / "old.json"), str(tmp_path / "old.json"))
    assert outcome.code == 0 and "extends the history" in outcome.output and "nothing else changed" in outcome.output
    # standard input for one of the two, never both
    outcome = invoke("incident", "history", "-", str(tmp_path / "new.json"),
                     stdin=(tmp_path / "old.json").read_text())
    assert outcome.code == 1 and "RF845" in outcome.output
    assert invoke("incident", "history", "-", "-", stdin="{}").code == 2


def test_the_docs_no_longer_promise_what_the_chain_cannot_prove() -> None:
    text = (EXAMPLES.parents[1] / "docs" / "incidents.md").read_text(encoding="utf-8")
    assert "internal consistency" in text and "recomputed" in text
    assert "from one file alone, `riskfmt validate` detects an edited or removed earlier entry" not in text
