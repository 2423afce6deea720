"""The schema check of a report whose model digests repeat one object (a flood of placeholders): the digests'
pattern matched once on that object, the rest of the schema without it, gives exactly what the full schema gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import schema_check

ROOT = Path(__file__).resolve().parents[2]
_MINIMAL = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))

_DIGESTS = st.sampled_from([
    "sha256:" + "0" * 64, "sha256:" + "4f" * 32, "sha384:" + "a" * 96, "sha512:" + "1" * 128,
    "sha256:" + "0" * 63, "sha256:" + "0" * 64 + "\n", "sha256:" + "A" * 64, "md5:" + "0" * 32, "", "sha256:",
])
_ITEMS = st.one_of(
    st.fixed_dictionaries({"subject": st.sampled_from(["weights_file", "container_image", "nope"]),
                           "digest": _DIGESTS},
                          optional={"name": st.sampled_from(["w.safetensors", "a/b", ""]), "extra": st.just(1)}),
    st.just({"digest": "sha256:" + "0" * 64}), st.just("sha256:" + "0" * 64), st.just(None),
    st.just({"subject": "weights_file", "digest": 7}),
)


def _full(data: Any) -> list[str]:
    validator = schema_check.compiled("evaluation-report", "1.0")
    if validator.is_valid(data):
        return []
    return [repr(f) for e in validator.iter_errors(data) for f in schema_check.translate(e, "r.json")]


@given(_ITEMS, st.integers(0, 40), st.lists(st.tuples(st.integers(0, 40), _ITEMS), max_size=2),
       st.sampled_from(["none", "bad version", "model not an object", "unknown field"]))
@settings(max_examples=300, deadline=None)
def test_a_repeated_digest_checked_once_is_checked_as_by_the_full_schema(item: object, count: int,
                                                                          changed: list[tuple[int, object]],
                                                                          other: str) -> None:
    """Digests that repeat one object (a few changed, or not), valid or not in any way, and other errors elsewhere
    in the report: the findings of ``check`` are those of the full schema, and the column path answers "valid"
    only for what the full schema finds valid."""
    doc = json.loads(json.dumps(_MINIMAL))
    digests = [item] * count
    for index, value in changed:
        if index < count:
            digests[index] = value
    doc["model"]["digests"] = digests
    if other == "bad version":
        doc["format_version"] = 3
    elif other == "model not an object":
        doc["model"] = [doc["model"]]
    elif other == "unknown field":
        doc["model"]["unknown"] = True
    old = schema_check._COLUMN_MIN
    try:
        schema_check._COLUMN_MIN = 1
        by_column = schema_check._valid_by_column("evaluation-report", "1.0", doc)
        found = [repr(f) for f in schema_check.check("evaluation-report", "1.0", doc, "r.json")]
    finally:
        schema_check._COLUMN_MIN = old
    expected = _full(doc)
    assert found == expected
    assert not by_column or not expected


@pytest.mark.parametrize("digest", ["sha256:" + "0" * 64, "sha256:" + "0" * 64 + "\n"])
def test_a_flood_of_one_digest_is_told_by_the_column(digest: str) -> None:
    """At the real size (the column path on), a trailing line break is no match (the schema's '$' is the end of
    the text, not of a line)."""
    doc = json.loads(json.dumps(_MINIMAL))
    doc["model"]["digests"] = [{"subject": "weights_file", "digest": digest}] * (schema_check._COLUMN_MIN + 1)
    valid = digest.endswith("0")
    assert schema_check._valid_by_column("evaluation-report", "1.0", doc) is valid
    found = schema_check.check("evaluation-report", "1.0", doc, "r.json")
    assert [repr(f) for f in found] == _full(doc)
    assert (found == []) is valid
