"""The AIID converter on real AI Incident Database records and CSET classifications.

The records cannot be checked in (AGPL-3.0 / CC BY-SA 4.0, see tests/realworld/aiid/README.md): the tests that read
them are opt-in (``RISKFMT_AIID_DATA=DIR`` after ``python tests/realworld/aiid/download.py DIR``). The detection tests
at the end read only byte patterns and run always.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident._data import AIID_INPUTS, needs_aiid
from riskfmt.convert import Converted, ConvertOptions, convert, detect, get
from riskfmt.incident.aiid import AiidConverter, report_id_for


@pytest.fixture(scope="module")
def converted() -> dict[int, Converted]:
    _check_download()
    items = convert([AIID_INPUTS], from_="aiid")
    return {int(item.report["provenance"]["source_id"].rsplit(":", 1)[1]): item for item in items if item.report}


def _check_download() -> None:
    """Opted in: the files must be there, byte for byte (a failure here, not a skip, says what to run)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "aiid_download", Path(__file__).resolve().parents[1] / "realworld" / "aiid" / "download.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    absent = module.missing(AIID_INPUTS)
    assert not absent, f"RISKFMT_AIID_DATA is set but {absent} are missing or changed: run download.py"


def _codes(item: Converted) -> list[str]:
    return [f.code for f in item.findings]


@needs_aiid
def test_registered_and_detected() -> None:
    assert isinstance(get("aiid"), AiidConverter)
    for path in [AIID_INPUTS, *AIID_INPUTS.glob("*.json")]:
        found = detect(path)
        assert found is not None and found.name == "aiid", path
    assert not AiidConverter().sniff(Path(__file__))


@needs_aiid
def test_every_incident_in_the_inputs_becomes_a_valid_report(converted: dict[int, Converted]) -> None:
    from riskfmt.validation import validate_data

    assert sorted(converted) == [1, 2, 3, 52]  # 97 has no date: refused, see below
    for incident_id, item in converted.items():
        assert item.report is not None
        assert [f.code for f in validate_data(item.report).findings] == []
        assert item.report["report_id"] == report_id_for(incident_id)


@needs_aiid
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


@needs_aiid
def test_classification_without_a_date_is_refused_not_given_1970() -> None:
    # CSET v0 classification of incident 97 (Tesla Autopilot, a near miss): no record joins it and it has no date.
    # Before, the report said 1970-01-01 for the incident, its reporting and its assessment.
    _check_download()
    items = convert([AIID_INPUTS / "classifications-cset-97.json"], from_="aiid")
    assert [i.report for i in items] == [None]
    assert [f.params["incident"] for f in items[0].findings if f.code == "RF643"] == ["97"] or \
        [f.params["incident"] for f in items[0].findings if f.code == "RF643"] == [97]
    assert "1970" not in json.dumps([f.params for f in items[0].findings], default=str)


@needs_aiid
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


@needs_aiid
def test_incident_record_maps_title_entities_and_reports(converted: dict[int, Converted]) -> None:
    youtube = converted[1].report
    assert youtube is not None
    assert youtube["title"]["en"] == "YouTube Kids app is STILL showing disturbing videos"
    assert youtube["summary"]["en"].startswith("YouTube’s content filtering")
    assert youtube["systems"][0]["developer"] == "YouTube"
    urls = [s["url"] for s in youtube["links"]["sources"]]
    assert urls[0] == "https://incidentdatabase.ai/cite/1/" and len(urls) == 1 + 14
    assert youtube["reporter"]["role"] == "incident_database"


@needs_aiid
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


@needs_aiid
def test_output_is_deterministic(converted: dict[int, Converted]) -> None:
    again = {int(i.report["provenance"]["source_id"].rsplit(":", 1)[1]): i for i in convert([AIID_INPUTS], from_="aiid")
             if i.report}
    assert again[3].report == converted[3].report
    # no golden file: the converted report carries the AIID's CC BY-SA / AGPL text, which may not be checked in


@needs_aiid
def test_options_reach_the_report() -> None:
    items = convert([AIID_INPUTS / "classifications-cset-2-3.json"], from_="aiid",
                    options=ConvertOptions(tlp="CLEAR"))
    report: dict[str, Any] | None = items[0].report
    assert report is not None and report["marking"] == {"tlp": "CLEAR"}


def test_files_without_aiid_content_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"data": {"something": []}}', encoding="utf-8")
    items = convert([path], from_="aiid")
    assert items[0].report is None and [f.code for f in items[0].findings] == ["RF607"]


@needs_aiid
def test_other_taxonomies_are_named_not_dropped(tmp_path: Path) -> None:
    data = json.loads((AIID_INPUTS / "classifications-cset-97.json").read_text(encoding="utf-8"))
    data["data"]["classifications"][0]["namespace"] = "GMF"
    path = tmp_path / "gmf.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    items = convert([path], from_="aiid")
    assert [f.code for f in items[0].findings] == ["RF601", "RF607"]
    assert "GMF" in items[0].findings[0].message("en")


@needs_aiid
def test_unmapped_cset_values_are_findings(tmp_path: Path) -> None:
    data = json.loads((AIID_INPUTS / "classifications-cset-97.json").read_text(encoding="utf-8"))
    values = data["data"]["classifications"][0]["classifications"]
    values.update(Severity="Unclear/unknown", SectorOfDeployment=["Other"], NearMiss="Unclear/unknown",
                  BeginningDate="2020-01-01T00:00:00.000Z")  # a date, so that the incident is converted
    path = tmp_path / "unclear.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    item = convert([path], from_="aiid")[0]
    unmapped = sorted(f.params["value"] for f in item.findings if f.code == "RF690")
    # Sector "Other", Severity and Near Miss "Unclear/unknown", and the Harm Type "Other" (no riskfmt concept)
    assert unmapped == ["Other", "Other", "Unclear/unknown", "Unclear/unknown"]
    assert item.report is not None and "severity" not in item.report


# ---- detection by content: byte patterns only (no AIID data), run always ----------------------------------------

RECORD_HEAD = b'{"data": {"incident": {"incident_id": 7, "date": "2020-01-01", "alleged_deployer_of_ai_system": []'
CSET_HEAD = b'{"data": {"classifications": [{"namespace": "CSETv1", "incidents": [{"incident_id": 7}], "attributes": []'


@pytest.mark.parametrize("name", ["export.json", "export.txt", "export", "EXPORT.JSON.bak"])
def test_detected_by_content_under_any_name(tmp_path: Path, name: str) -> None:
    for head in (RECORD_HEAD, CSET_HEAD):
        path = tmp_path / name
        path.write_bytes(head + b"]}]}}")
        found = detect(path)
        assert found is not None and found.name == "aiid", (name, head[:40])
    folder = tmp_path / "folder"
    folder.mkdir(exist_ok=True)
    (folder / "noext").write_bytes(CSET_HEAD + b"]}]}}")
    found = detect(folder)
    assert found is not None and found.name == "aiid"


def test_detection_reads_a_bounded_prefix(tmp_path: Path) -> None:
    path = tmp_path / "late.json"
    path.write_bytes(b'{"pad": "' + b"x" * 70000 + b'", ' + RECORD_HEAD[1:] + b"]}}}")
    assert not AiidConverter().sniff(path)  # the markers come after the first 64 KiB
    assert not AiidConverter().sniff(Path(__file__))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_sniff_never_raises(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f"
        path.write_bytes(data)
        assert AiidConverter().sniff(path) in (True, False)
        assert AiidConverter().sniff(Path(tmp)) in (True, False)


# ---- harms from the CSET crosswalk (vocabulary 1.1) -------------------------------------------------------------


@needs_aiid
def test_cset_harm_types_become_harms(converted: dict[int, Converted]) -> None:
    # incident 3 (Lion Air 610), CSET v0 Harm Type: physical health/safety, psychological, physical property,
    # intangible property; riskfmt has no concept for physical property (RF690), the others map
    lion_air = converted[3].report
    assert lion_air is not None
    assert [h["risks"] for h in lion_air["harms"]] == [["R0155"], ["R0040"], ["R0180"]]
    codes = _codes(converted[3])
    assert codes.count("RF646") == 3
    assert any(f.code == "RF690" and f.params["value"] == "Harm to physical property" for f in converted[3].findings)
    # incident 52, CSETv1: the harmed entities' Harm Type Experienced (physical health/safety, physical property)
    tesla = converted[52].report
    assert tesla is not None and [h["risks"] for h in tesla["harms"]] == [["R0155"]]


@needs_aiid
def test_harms_need_the_1_1_crosswalk() -> None:
    _check_download()
    items = convert([AIID_INPUTS / "classifications-cset-2-3.json"], from_="aiid",
                    options=ConvertOptions(vocabulary_version="1.0"))
    for item in items:
        assert item.report is not None and "harms" not in item.report
        assert "RF645" in _codes(item)


def test_harms_from_the_crosswalk_without_aiid_data() -> None:
    """The mapping step alone, on the values the AIID taxonomies define (no AIID record involved)."""
    from riskfmt.incident.aiid import _harms, _Mapped

    mapped = _Mapped(harm_types=[("Harm Type", "Psychological harm", ""), ("Harm Type", "Financial harm", ""),
                                 ("Harm Type", "Psychological harm", ""), ("Harm Type", "Not a CSET value", ""),
                                 ("Detrimental Content", "yes", "v1.detrimental-content")])
    findings: list = []
    harms = _harms(mapped, 7, "1.1", "x", findings)
    assert [h["risks"] for h in harms] == [["R0040"], ["R0001"]]  # each value once; financial has no concept
    assert [f.code for f in findings] == ["RF646", "RF690", "RF690", "RF646"]
    findings = []
    assert _harms(mapped, 7, "1.0", "x", findings) == [] and [f.code for f in findings] == ["RF645"]
