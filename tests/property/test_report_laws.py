"""Laws of reports: the id ignores serialisation and non-defining fields, and reacts to defining ones;
validation agrees with the python-jsonschema oracle on schema validity."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import riskfmt
from riskfmt.validation import validate_bytes

ROOT = Path(__file__).resolve().parents[2]
BASE = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((ROOT / "schemas" / "jsonschema" / "evaluation-report-1.0.json").read_text(encoding="utf-8"))


def shuffled(value: object, rnd: st.DataObject) -> object:
    if isinstance(value, dict):
        items = list(value.items())
        items = rnd.draw(st.permutations(items))
        return {k: shuffled(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [shuffled(v, rnd) for v in value]
    return value


@given(st.data(), st.sampled_from([None, 1, 4]))
@settings(max_examples=100)
def test_report_id_ignores_key_order_and_layout(data: st.DataObject, indent: int | None) -> None:
    other = shuffled(BASE, data)
    assert riskfmt.report_id(other) == riskfmt.report_id(BASE)  # type: ignore[arg-type]
    text = json.dumps(other, indent=indent, ensure_ascii=data.draw(st.booleans()))
    assert validate_bytes(text.encode(), "r.json").findings == []


@given(st.floats(0, 1), st.sampled_from(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]), st.text(max_size=20))
@settings(max_examples=100)
def test_report_id_ignores_results_and_markings(value: float, tlp: str, note: str) -> None:
    other = copy.deepcopy(BASE)
    other["evaluations"][0]["results"][0]["value"] = value
    other["marking"]["tlp"] = tlp
    other["notes"] = {"en": note or "-"}
    assert riskfmt.report_id(other) == BASE["report_id"]


@given(st.sampled_from([("model", "version"), ("model", "name"), ("producer", "tool")]),
       st.text(min_size=1, max_size=10))
@settings(max_examples=100)
def test_report_id_changes_with_defining_content(path: tuple[str, str], text: str) -> None:
    other = copy.deepcopy(BASE)
    if path == ("producer", "tool"):
        other["producer"]["tool"]["version"] = text
        changed = text != BASE["producer"]["tool"]["version"]
    else:
        other[path[0]][path[1]] = text
        changed = text != BASE[path[0]][path[1]]
    assert (riskfmt.report_id(other) != BASE["report_id"]) == changed


mutations = st.sampled_from([
    ("/marking/tlp", "PURPLE"), ("/evaluations/0/results/0/n", -3), ("/evaluations/0/results/0/value", "x"),
    ("/model/access", "weights"), ("/producer/relationship", "friend"), ("/evaluations/0/id", "bad id!"),
    ("/evaluations/0/results/0/metric/direction", "up"), ("/created", "2026-13-45T25:61:00Z"),
    ("/evaluations/0/task/languages", ["english!"]), ("/evaluations/0/results/0/risks", []),
])


@given(st.lists(mutations, min_size=1, max_size=3, unique_by=lambda m: m[0]))
@settings(max_examples=150)
def test_schema_verdict_agrees_with_python_jsonschema(changes: list[tuple[str, object]]) -> None:
    """jsonschema-rs (the engine) and python-jsonschema (the oracle) agree on every mutated report."""
    from jsonschema import Draft202012Validator, FormatChecker

    doc = copy.deepcopy(BASE)
    for pointer, value in changes:
        *parents, last = pointer.strip("/").split("/")
        node = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    oracle = Draft202012Validator(SCHEMA, format_checker=FormatChecker()).is_valid(doc)
    found = {f.code for f in riskfmt.validate_data(doc).findings}
    schema_level = {c for c in found if c.startswith("RF3") or c in ("RF401", "RF403")}
    assert oracle == (not schema_level), (changes, found)
