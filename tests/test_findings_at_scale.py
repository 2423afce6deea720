"""A flood of findings: the cap per code lists the same first findings whether they are made in bulk or one by one,
and the command line writes every format of a generated flood as the library renders it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.caps import Tally
from riskfmt.findings import Finding, Severity
from riskfmt.identity import report_id
from riskfmt.validation import validate_bytes

ROOT = Path(__file__).resolve().parents[1]


def _flood(placeholders: int) -> bytes:
    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    real = {"subject": "weights_file", "digest": "sha256:" + "4f" * 32}
    fake = {"subject": "weights_file", "digest": "sha256:" + "0" * 64}
    # placeholders with a real digest every 7th item, so the listed ones are not simply the first indices
    doc["model"]["digests"] = [real if i % 7 == 3 else fake for i in range(placeholders)]
    doc["report_id"] = report_id(doc)
    return json.dumps(doc, indent=1, ensure_ascii=False).encode()


@pytest.mark.parametrize("per_code", [1, 7, 1000])
def test_capped_flood_lists_the_first_findings_of_the_full_list(per_code: int) -> None:
    from riskfmt.caps import limited

    data = _flood(2500)
    with limited(0):
        every = validate_bytes(data, "flood.json").findings
    with limited(per_code):
        capped = validate_bytes(data, "flood.json").findings
    placeholders = [f for f in every if f.code == "RF513"]
    assert len(placeholders) == 2500 - len(range(3, 2500, 7))
    assert all(f.location.line is not None for f in placeholders)  # every one located
    assert [f for f in capped if f.code == "RF513"] == placeholders[:per_code]
    summary = [f for f in capped if f.code == "RF520"]
    assert len(summary) == 1
    assert summary[0].severity is Severity.WARNING  # the severity of what it stands for
    assert summary[0].params == {"more": str(len(placeholders) - per_code), "capped": "RF513",
                                 "limit": str(per_code)}
    assert [f for f in every if f.code not in ("RF513", "RF520")] == \
        [f for f in capped if f.code not in ("RF513", "RF520")]


_COUNTS = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["RF513", "RF514"]), st.integers(0, 9)),
                   max_size=12)


@given(_COUNTS, st.integers(0, 12))
@settings(max_examples=200, deadline=None)
def test_admitting_in_bulk_is_admitting_one_by_one(batches: list[tuple[str, str, int]], bound: int) -> None:
    bulk, single = Tally(bound), Tally(bound)
    for source, code, count in batches:
        listed = bulk.admit_many(source, code, count)
        bulk.kept += [Finding.make(code, source, f"/{n}") for n in range(listed)]
        for n in range(count):
            single.add(Finding.make(code, source, f"/{n}"))
    assert bulk.finish() == single.finish()
