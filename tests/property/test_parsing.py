"""Laws of the parsers and locators, checked on generated inputs."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from riskfmt._positions import escape_token, find_duplicate_keys, locate
from riskfmt.loading import load_bytes

keys = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6)
scalars = (st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=8))
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=25
)
indents = st.sampled_from([None, 0, 1, 2, "\t"])


def pointers(value: object, prefix: str = "") -> list[tuple[str, object]]:
    out = [(prefix, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out += pointers(v, f"{prefix}/{escape_token(k)}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += pointers(v, f"{prefix}/{i}")
    return out


@given(json_values, indents, st.booleans())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_locate_finds_every_pointer(value: object, indent: object, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)  # type: ignore[arg-type]
    wanted = pointers(value)
    found = locate(text, [p for p, _ in wanted])
    decoder = json.JSONDecoder()
    for pointer, expected in wanted:
        assert pointer in found
        parsed, _ = decoder.raw_decode(text, found[pointer])
        assert parsed == expected or (parsed != parsed and expected != expected)


@given(st.dictionaries(keys, json_values, min_size=1, max_size=4), indents)
@settings(max_examples=200)
def test_duplicate_keys_are_found_and_only_then(value: dict, indent: object) -> None:
    text = json.dumps({"outer": [value]}, indent=indent)  # type: ignore[arg-type]
    assert find_duplicate_keys(text) == []
    key = next(iter(value))
    # insert a second copy of the first key at the start of the inner object
    inner_start = text.index("{", 1)
    doubled = text[: inner_start + 1] + json.dumps(key) + ": 0, " + text[inner_start + 1:]
    hits = find_duplicate_keys(doubled)
    assert [(p, k) for p, k, _ in hits] == [(f"/outer/0/{escape_token(key)}", key)]
    assert doubled[hits[0][2]:].startswith(json.dumps(key)) or doubled[hits[0][2]] == '"'
    from riskfmt.loading import load_bytes

    assert [f.code for f in load_bytes(doubled.encode(), "d.json").findings] == ["RF105"]


@given(st.binary(max_size=400))
@settings(max_examples=400)
def test_loader_never_raises_on_bytes(data: bytes) -> None:
    for name in ("x.json", "x.yaml", "-"):
        doc = load_bytes(data, name)
        assert doc.parsed or doc.findings


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_loader_never_raises_on_text(text: str) -> None:
    for name in ("x.json", "x.yaml"):
        doc = load_bytes(text.encode("utf-8", "surrogatepass"), name)
        assert doc.parsed or doc.findings


@given(json_values, indents)
@settings(max_examples=200)
def test_json_round_trip_through_loader(value: object, indent: object) -> None:
    text = json.dumps(value, indent=indent)  # type: ignore[arg-type]
    doc = load_bytes(text.encode(), "x.json")
    if doc.findings:  # only depth or duplicate-free keys can be reported; generated data has neither
        assert {f.code for f in doc.findings} <= {"RF107"}
    else:
        assert doc.data == value


@given(json_values)
@example("0E0")  # text to PyYAML's YAML 1.1, a number under YAML 1.2 unless the writer quotes it
@settings(max_examples=200)
def test_yaml_and_json_parse_alike(value: object) -> None:
    import yaml

    from riskfmt.loading import yaml12_safe_dumper

    # written by the YAML 1.2 writer: PyYAML's own writes "0E0" plain, a number under the YAML 1.2 riskfmt reads
    text = yaml.dump(value, Dumper=yaml12_safe_dumper(), allow_unicode=True)
    doc = load_bytes(text.encode(), "x.yaml")
    assert not [f for f in doc.findings if f.code != "RF111"], doc.findings
    if not doc.findings:
        # PyYAML itself is the oracle (its emitter does not round-trip every control character)
        assert doc.data == yaml.safe_load(text)
