"""The vocabulary as rows: concepts in both languages, the hierarchy as a closure table, the crosswalks.

The closure table holds one row per (ancestor, descendant) pair, the concept itself included at distance 0,
so rolling results up the hierarchy is one join (``JOIN concept_closure c ON c.descendant = r.concept_id``)
and needs no recursive query, which Spark SQL does not have.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

__all__ = ["Resolver", "resolver", "vocabulary_rows"]


@dataclass(frozen=True)
class Resolver:
    """Risk citations to concepts: a riskfmt id stands for itself, a framework code for its crosswalk matches."""

    version: str
    top: dict[str, str]  # concept id -> its top concept
    by_code: dict[str, tuple[str, ...]]  # framework code (case-folded) -> concepts

    def concepts(self, cited: str) -> tuple[str, ...]:
        if cited in self.top:
            return (cited,)
        return self.by_code.get(cited.casefold(), ())


@functools.cache
def resolver(version: str | None = None) -> Resolver:
    from riskfmt.mappings import load_crosswalk
    from riskfmt.vocab import latest_version, load_vocabulary

    version = version or latest_version()
    vocab = load_vocabulary(version)
    top = {c.id: _top(vocab, c.id) for c in vocab}
    crosswalk = load_crosswalk(version)
    by_code = {code.casefold(): tuple(dict.fromkeys(crosswalk.concepts_for(code)))
               for code in crosswalk.by_subject}
    return Resolver(version, top, {k: v for k, v in by_code.items() if v})


def _top(vocab: Any, concept_id: str) -> str:
    seen = {concept_id}
    current = vocab[concept_id]
    while current.broader and current.broader in vocab and current.broader not in seen:
        seen.add(current.broader)
        current = vocab[current.broader]
    return str(current.id)


def vocabulary_rows(version: str | None = None) -> dict[str, dict[str, list[Any]]]:
    """Columns of the concepts, concept_closure and crosswalk tables for one release (the shipped latest)."""
    from riskfmt.mappings import load_crosswalk
    from riskfmt.vocab import latest_version, load_vocabulary

    version = version or latest_version()
    vocab = load_vocabulary(version)
    concepts: dict[str, list[Any]] = {k: [] for k in ("concept_id", "scheme", "label_en", "label_zh", "broader",
                                                      "top_concept", "depth", "status", "replaced_by")}
    closure: dict[str, list[Any]] = {"ancestor": [], "descendant": [], "distance": []}
    for concept in vocab:
        chain = [concept.id]
        while True:
            parent = vocab[chain[-1]].broader  # in vocab: the concept itself, or a parent checked below
            if not parent or parent not in vocab or parent in chain:
                break
            chain.append(parent)
        for distance, ancestor in enumerate(chain):
            closure["ancestor"].append(ancestor)
            closure["descendant"].append(concept.id)
            closure["distance"].append(distance)
        for key, value in (("concept_id", concept.id), ("scheme", concept.scheme),
                           ("label_en", concept.pref_label.get("en")), ("label_zh", concept.pref_label.get("zh")),
                           ("broader", concept.broader), ("top_concept", chain[-1]), ("depth", len(chain) - 1),
                           ("status", concept.status), ("replaced_by", concept.replaced_by)):
            concepts[key].append(value)
    crosswalk: dict[str, list[Any]] = {k: [] for k in ("framework", "code", "label", "predicate", "concept_id")}
    for mapping_set in load_crosswalk(version).sets:
        for m in mapping_set.mappings:
            for key, value in (("framework", m.framework), ("code", m.subject_id), ("label", m.subject_label),
                               ("predicate", m.predicate_id), ("concept_id", m.concept)):
                crosswalk[key].append(value)
    return {"concepts": concepts, "concept_closure": closure, "crosswalk": crosswalk}
