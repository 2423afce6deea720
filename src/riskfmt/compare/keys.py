"""How the entries of a comparison are keyed, labelled and ordered: a risk key is the sorted concept ids
joined by ``+`` (the same key in every output), and items and pairs sort by keys that do not depend on which
report is A, so a comparison is symmetric in its order too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from riskfmt.compare.align import Aligned, Canonicalizer, Item

__all__ = ["item_sort", "pair_sort", "risk_key", "risk_label", "slice_dict"]


def risk_key(concepts: Iterable[str]) -> str:
    return "+".join(sorted(concepts))


def risk_label(canon: Canonicalizer, concepts: Iterable[str]) -> dict[str, str]:
    ids = sorted(concepts)
    out = {}
    for lang in ("en", "zh"):
        out[lang] = " + ".join(canon.label(c, lang) or c for c in ids)
    return out


def slice_dict(key: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(key)


def item_sort(item: Item) -> tuple[Any, ...]:
    return (risk_key(item.concepts), item.bucket, item.evaluation, item.id, item.pointer)


def pair_sort(pair: Aligned) -> tuple[Any, ...]:
    return (risk_key(pair.concepts), pair.a.bucket, pair.tier, tuple(sorted((pair.a.id, pair.b.id))),
            tuple(sorted((pair.a.evaluation, pair.b.evaluation))), tuple(sorted((pair.a.pointer, pair.b.pointer))))
