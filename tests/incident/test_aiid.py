"""The AIID converter on real AI Incident Database records and CSET classifications (examples/inputs/aiid)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from incident._data import AIID_INPUTS, GOLDEN
from riskfmt.convert import Converted, ConvertOptions, convert, detect, get
from riskfmt.incident.aiid import AiidConverter, report_id_for


@pytest.fixture(scope="module")
def converted() -> dict[int, Converted]:
    items = convert([AIID_INPUTS], from_="aiid")
    return {int(item.report["provenance"]["source_id"].rsplit(":", 1)[1]): item for item in items if item.report}


def _codes(item: Converted) -> list[str]:
    return [f.code for f in item.findings]


def test_registered_and_detected() -> None:
    assert isinstance(get("aiid"), AiidConverter)
    for path in [AIID_INPUTS, *AIID_INPUTS.glob("*.json")]:
        found = detect(path)
        assert found is not None and found.name == "aiid", path
    assert not AiidConverter().sniff(Path(__file__))


def test_every_incident_in_the_inputs_becomes_a_valid_report(converted: dict[int, Converted]) -> None:
    from riskfmt.validation import validate_data

    assert sorted(converted) == [1, 2, 3, 52, 97]
    for incident_id, item in converted.items():
        assert item.report is not None
        assert [f.code for f in validate_data(item.report).findings] == []
        assert item.report["report_id"] == report_id_for(incident_id)


def test_cset_v0_classification_maps_event_cause_severity_sector(converted: dict[int, Converted]) -> None:
    lion_air = converted[3].report
    assert lion_air is not None
    assert lion_air["event_type"] == "incident"
    assert lion_air["severity"] == {"scale": "generic-5", "level": "critical"}  # CSET "Critical"
    assert lion_air["attribution"]["cause"] == "accident"  # CSET Intent "Accident"
    assert lion_air["sectors"] == ["H"]  # "Transportation and storage"
    assert lion_air["systems"][0]["developer"] == "Boeing" and lion_air["systems"][0]["deployer"] == "Lion Air"
    assert lion_air["dates"]["occurred"] == "2018-10-29"
    assert "RF691" in _codes(converted[3])  # no incident record among the inputs


def test_cset_v0_near_miss_and_severity_names(converted: dict[int, Converted]) -> None:
    tesla = converted[97].report
    assert tesla is not None
    assert (tesla["event_type"], tesla["status"]) == ("near-miss", "near_miss")
    assert tesla["severity"]["level"] == "negligible"
    # the classification has no date at all; the converter says what it set
    assert any(f.code == "RF609" and f.params["field"] == "the incident date" for f in converted[97].findings)


def test_csetv1_annotators_disagree(converted: dict[int, Converted]) -> None:
    item = converted[52]
    assert item.report is not None
    assert item.report["event_type"] == "near-miss"  # Annotator-1's "AI tangible harm near-miss"
    assert item.report["countries"] == ["US"]
    assert item.report["dates"]["occurred"] == "2016-05-07"
    disagreement = [f for f in item.findings if f.code == "RF693"]
    assert len(disagreement) == 1 and disagreement[0].params["field"] == "event_type"
    assert "CSETv1_Annotator-2: hazard" in disagreement[0].params["values"]
    # "No. Not intentionally designed to perform harm" does not say who or what caused it
    assert item.report["attribution"]["cause"] == "undetermined"
    assert "RF692" in _codes(item)


def test_incident_record_maps_title_entities_and_reports(converted: dict[int, Converted]) -> None:
    youtube = converted[1].report
    assert youtube is not None
    assert youtube["title"]["en"] == "YouTube Kids app is STILL showing disturbing videos"
    assert youtube["summary"]["en"].startswith("YouTube’s content filtering")
    assert youtube["systems"][0]["developer"] == "YouTube"
    urls = [s["url"] for s in youtube["links"]["sources"]]
    assert urls[0] == "https://incidentdatabase.ai/cite/1/" and len(urls) == 1 + 14
    assert youtube["reporter"]["role"] == "incident_database"


def test_every_field_with_a_value_is_mapped_or_reported(converted: dict[int, Converted]) -> None:
    """No silent loss: each CSET attribute with a value is read or named by an RF601/RF690 finding."""
    from riskfmt.incident.aiid import _CSET_READ, _CSET_WORKFLOW, _empty, _key

    data = json.loads((AIID_INPUTS / "classifications-cset-2-3.json").read_text(encoding="utf-8"))
    for classification in data["data"]["classifications"]:
        iid = classification["incidents"][0]["incident_id"]
        reported = " | ".join(f.params.get("field", "") for f in converted[iid].findings)
        for attribute in classification["attributes"]:
            value = json.loads(attribute["value_json"]) if attribute["value_json"] is not None else None
            key = _key(attribute["short_name"])
            if _empty(value) or key in _CSET_READ or key in _CSET_WORKFLOW:
                continue
            assert f"incident {iid} CSET {attribute['short_name']}" in reported, attribute["short_name"]


def test_output_is_deterministic_and_matches_golden(converted: dict[int, Converted]) -> None:
    again = {int(i.report["provenance"]["source_id"].rsplit(":", 1)[1]): i for i in convert([AIID_INPUTS], from_="aiid")
             if i.report}
    assert again[3].report == converted[3].report
    actual = json.dumps(converted[3].report, indent=2, ensure_ascii=False) + "\n"
    path = GOLDEN / "aiid-incident-3.json"
    if os.environ.get("RISKFMT_REGEN_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), "RISKFMT_REGEN_GOLDEN=1 rewrites the golden file"


def test_options_reach_the_report() -> None:
    items = convert([AIID_INPUTS / "classifications-cset-97.json"], from_="aiid",
                    options=ConvertOptions(tlp="CLEAR"))
    report: dict[str, Any] | None = items[0].report
    assert report is not None and report["marking"] == {"tlp": "CLEAR"}


def test_files_without_aiid_content_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"data": {"something": []}}', encoding="utf-8")
    items = convert([path], from_="aiid")
    assert items[0].report is None and [f.code for f in items[0].findings] == ["RF607"]


def test_other_taxonomies_are_named_not_dropped(tmp_path: Path) -> None:
    data = json.loads((AIID_INPUTS / "classifications-cset-97.json").read_text(encoding="utf-8"))
    data["data"]["classifications"][0]["namespace"] = "GMF"
    path = tmp_path / "gmf.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    items = convert([path], from_="aiid")
    assert [f.code for f in items[0].findings] == ["RF601", "RF607"]
    assert "GMF" in items[0].findings[0].message("en")


def test_unmapped_cset_values_are_findings(tmp_path: Path) -> None:
    data = json.loads((AIID_INPUTS / "classifications-cset-97.json").read_text(encoding="utf-8"))
    values = data["data"]["classifications"][0]["classifications"]
    values.update(Severity="Unclear/unknown", SectorOfDeployment=["Other"], NearMiss="Unclear/unknown")
    path = tmp_path / "unclear.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    item = convert([path], from_="aiid")[0]
    unmapped = sorted(f.params["value"] for f in item.findings if f.code == "RF690")
    assert unmapped == ["Other", "Unclear/unknown", "Unclear/unknown"]
    assert item.report is not None and "severity" not in item.report
