"""Hypothesis strategies that mutate a valid document the way a fuzzer or an adversary would: a node replaced
by a value of another type or at the edge of a range, a key deleted, a list element duplicated, a list
reordered. Shared by the tests that feed hostile documents through riskfmt's commands (no exit 3, no
traceback)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

# odd values: wrong types, empty containers, numbers at the ends of the float and integer ranges, dates with
# and without zones, strings that look like ids
ODD_VALUES: tuple[Any, ...] = (
    None, "", "x", 0, -1, 1, 2, 2**53, 10**30, 1.5, 1e308, -1e308, 5e-324, 1e200, [], {}, True, False,
    "2025-01-01", "2025-05-06T10:00:00Z", "2025-05-06T10:00:00", "9999-12-31T23:59:59+14:00", "0001-01-01",
    "sha256:" + "0" * 64, {"en": "x"}, {"en": 1}, ["x"], [{}], [1, 2], "<<x>>", "R0013", "misuse",
    "undetermined", "generic-5", "deprecated", "\u202e\ufeff", "a/b~c",
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*path, index)))
    return out


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


@st.composite
def mutated(draw: st.DrawFn, document: Any, *, under: tuple[Any, ...] = (), steps: int = 3) -> Any:
    """A copy of ``document`` with 1 to ``steps`` mutations, preferably at or below the path ``under``."""
    doc = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, steps))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        preferred = [p for p in paths if p[: len(under)] == under] or paths
        path = draw(st.sampled_from(preferred))
        parent, key = _at(doc, path[:-1]), path[-1]
        how = draw(st.sampled_from(["replace", "replace", "delete", "duplicate", "shuffle", "add-key", "graft"]))
        if how == "replace":
            parent[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif how == "delete":
            del parent[key]
        elif how == "duplicate" and isinstance(parent, list):
            parent.insert(draw(st.integers(0, len(parent))), copy.deepcopy(parent[key]))
        elif how == "shuffle" and isinstance(parent, list):
            parent[:] = draw(st.permutations(parent))
        elif how == "add-key" and isinstance(parent[key], dict):
            name = draw(st.sampled_from(["seq", "date", "previous", "assessment", "id", "status", "broader",
                                         "pointer", "kind", "extra", "value"]))
            parent[key][name] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif how == "graft":  # a piece of the document moved somewhere else (a subtree of the right shape)
            parent[key] = copy.deepcopy(_at(doc, draw(st.sampled_from(paths))))
    return doc
