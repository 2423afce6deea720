"""``riskfmt._byte_positions``: a large UTF-8 text that is not ASCII is placed without being decoded to characters.
Its places must be exactly those ``Document.positions`` finds in the decoded text, for pointers that exist, pointers
to missing members (placed at their parent) and pointers that lead nowhere, whatever the characters, the keys and
the layout."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import loading
from riskfmt._byte_positions import byte_positions

_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))  # no control: json.dumps escapes them as \u
_text = st.text(_chars, max_size=6) | st.sampled_from(["模型回答", "é", "\U0001f600x", "a/b", "t~1", "", "ü\n"])
_scalar = st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False, allow_infinity=False) | _text
_tree = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
                     max_leaves=20)


def _pointers(node: Any, here: str = "") -> list[str]:
    out = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _pointers(value, f"{here}/{key.replace('~', '~0').replace('/', '~1')}")
        out.append(f"{here}/no-such-member-é")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _pointers(value, f"{here}/{index}")
        out.append(f"{here}/{len(node)}")
    return out


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_text, _tree, min_size=1, max_size=4), st.sampled_from([None, 1, 2]), st.booleans())
def test_places_from_the_bytes_are_those_of_the_decoded_text(tree: dict[str, Any], indent: int | None,
                                                             compact: bool) -> None:
    separators = (",", ":") if compact and indent is None else None
    text = json.dumps(tree, ensure_ascii=False, indent=indent, separators=separators)
    data = text.encode("utf-8", "surrogatepass")
    pointers = [*_pointers(tree), "/missing/deeper", "/" + "x" * 3]
    got = byte_positions(data, pointers)
    if b"\\u" in data:
        assert got is None
        return
    document = loading.load_bytes(data, "tree.json")
    assert document.parsed
    assert got == document.positions(pointers)  # the decoded way (a small text: never the byte way)


def test_a_large_report_that_is_not_ascii_is_placed_from_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"sample_id": f"s{k}", "output": "模型回答：示例" * 3, "verdict": "pass"} for k in range(40_000)]
    data = json.dumps({"kind": "x", "evaluations": [{"samples": {"inline": rows}}]}, ensure_ascii=False).encode()
    assert len(data) >= loading.BYTES_MIN and not data.isascii()
    wanted = [f"/evaluations/0/samples/inline/{k}/verdict" for k in range(0, 40_000, 997)] + ["/evaluations/0/nope"]
    document = loading.load_bytes(data, "big.json")
    decoded = loading.load_bytes(data, "big.json")
    decoded._text()  # the decoded way: the text in hand
    calls: list[int] = []
    real = loading.byte_positions

    def counted(raw: bytes, pointers: Any) -> Any:
        calls.append(len(raw))
        return real(raw, pointers)

    monkeypatch.setattr(loading, "byte_positions", counted)
    assert document.positions(wanted) == decoded.positions(wanted)
    assert calls == [len(data)] and document.text is None  # placed from the bytes, never decoded
