"""Rules of incident reports that the examples do not pin down one by one."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from incident._data import EXAMPLES, load
from riskfmt.findings import Severity
from riskfmt.validation import validate_data

CERT = EXAMPLES / "valid" / "grid-dispatch.cert.yaml"


def _with_current_attribution(change: Any) -> dict[str, Any]:
    """The CERT report with its current attribution changed, in the last entry alike (so no RF673)."""
    doc = load(CERT)
    change(doc["attribution"])
    doc["timeline"][-1]["assessment"]["attribution"] = copy.deepcopy(doc["attribution"])
    return doc


def _codes(doc: dict[str, Any]) -> list[str]:
    return sorted(f.code for f in validate_data(doc).findings)


def _hyp(doc_attr: dict[str, Any], cause: str, **values: Any) -> dict[str, Any]:
    template = copy.deepcopy(doc_attr["hypotheses"][0])
    template.pop("likelihood", None)
    return {**template, "id": cause, "cause": cause, **values}


def test_nested_hypotheses_are_not_exclusive() -> None:
    """accident 0.7 containing malfunction 0.5 and operator error 0.2, plus attack 0.3: coherent (total 1)."""
    def change(a: dict[str, Any]) -> None:
        a["hypotheses"] = [_hyp(a, "accident", likelihood=0.7), _hyp(a, "accidental-malfunction", likelihood=0.5),
                           _hyp(a, "operator-error", likelihood=0.2), _hyp(a, "deliberate-attack", likelihood=0.3)]
    assert _codes(_with_current_attribution(change)) == []


def test_narrower_hypotheses_cannot_outweigh_their_broader_one() -> None:
    def change(a: dict[str, Any]) -> None:
        a["hypotheses"] = [_hyp(a, "accident", likelihood=0.6), _hyp(a, "accidental-malfunction", likelihood=0.5),
                           _hyp(a, "operator-error", likelihood=0.3)]
    assert _codes(_with_current_attribution(change)) == ["RF655"]


def test_words_of_estimative_probability_count_by_their_lower_bound() -> None:
    # likely (>= 0.55) and likely (>= 0.55) cannot both hold for exclusive causes
    def change(a: dict[str, Any]) -> None:
        a["hypotheses"] = [_hyp(a, "deliberate-attack", estimate="likely"),
                           _hyp(a, "accidental-malfunction", estimate="likely")]
    assert _codes(_with_current_attribution(change)) == ["RF654"]

    # roughly even chance twice can (0.45 + 0.45)
    def even(a: dict[str, Any]) -> None:
        a["hypotheses"] = [_hyp(a, "deliberate-attack", estimate="roughly_even_chance"),
                           _hyp(a, "accidental-malfunction", estimate="roughly_even_chance")]
    assert _codes(_with_current_attribution(even)) == []


def test_decimal_likelihoods_that_add_up_to_one_pass() -> None:
    def change(a: dict[str, Any]) -> None:
        a["hypotheses"] = [_hyp(a, "deliberate-attack", likelihood=0.1), _hyp(a, "misuse", likelihood=0.2),
                           _hyp(a, "accidental-malfunction", likelihood=0.7)]
    assert _codes(_with_current_attribution(change)) == []


def test_a_settled_broader_cause_is_backed_by_a_narrower_hypothesis() -> None:
    def change(a: dict[str, Any]) -> None:
        a["cause"] = "intentional"
    assert _codes(_with_current_attribution(change)) == []  # deliberate-attack is a kind of intentional act


def test_a_settled_cause_without_hypotheses_is_allowed() -> None:
    def change(a: dict[str, Any]) -> None:
        a["cause"] = "misuse"
        a.pop("hypotheses")
    assert _codes(_with_current_attribution(change)) == []


def test_superseded_assessments_are_history_and_only_warn() -> None:
    """An error in an entry a later entry revised can never be corrected; it is reported as a warning."""
    from riskfmt.incident.history import entry_digest

    doc = load(EXAMPLES / "valid" / "chatbot-order-leak.en.yaml")
    first = doc["timeline"][0]["assessment"]["attribution"]
    first["hypotheses"][1]["likelihood"] = 0.6  # 0.6 + 0.6 > 1, but entry 3 has since revised the attribution
    for index in range(1, len(doc["timeline"])):
        doc["timeline"][index]["previous"] = entry_digest(doc["timeline"][index - 1])
    findings = validate_data(doc).findings
    assert [(f.code, f.severity) for f in findings] == [("RF654", Severity.WARNING)]
    assert findings[0].location.pointer == "/timeline/0/assessment/attribution/hypotheses"


@pytest.mark.parametrize(("occurred", "detected", "ok"), [
    ("2025-05-06", "2025-05-06T14:31:00Z", True),  # same day: a date compares by day
    ("2025-05-06T14:40:00Z", "2025-05-06T14:31:00Z", False),
    ("2025-05-07", "2025-05-06T14:31:00Z", False),
    ("2025-05-06T16:31:00+02:00", "2025-05-06T14:31:00Z", True),  # the same moment in another zone
])
def test_dates_compare_as_precisely_as_they_are_given(occurred: str, detected: str, ok: bool) -> None:
    doc = load(CERT)
    doc["dates"].update(occurred=occurred, detected=detected)
    assert (_codes(doc) == []) is ok


def test_unknown_jurisdiction_and_event_type_suggest_the_closest() -> None:
    doc = load(CERT)
    doc["jurisdictions"] = ["EU-AI-Act"]
    findings = list(validate_data(doc).findings)
    assert [f.code for f in findings] == ["RF651"]
    assert "eu-ai-act" in findings[0].message("en")
    assert "法域" in findings[0].message("zh")


def test_unknown_vocabulary_version_skips_vocabulary_checks() -> None:
    doc = load(CERT)
    doc["vocabulary_version"] = "0.9"
    assert _codes(doc) == ["RF207"]


def test_severity_levels_by_number_name_or_chinese_label() -> None:
    for level in ("4", "major", "Major", "严重"):
        doc = load(CERT)
        doc["severity"]["level"] = level
        doc["timeline"][0]["assessment"]["severity"]["level"] = level
        from riskfmt.incident.history import entry_digest

        doc["timeline"][1]["previous"] = entry_digest(doc["timeline"][0])
        assert _codes(doc) == [], level
