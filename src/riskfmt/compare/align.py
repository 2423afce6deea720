"""Which result of one report measures the same thing as which result of another.

Results are aligned by risk concept, task, metric and slice. Risk labels are first made canonical: a
current riskfmt id stands for itself, a deprecated id for its replacement, and a framework's own code
(``ailuminate:iwp``) for the riskfmt concepts its crosswalk maps it to. Every step that is not an identity
or an ``skos:exactMatch`` is recorded, so the output can say when an alignment is not exact.

Alignment is symmetric by construction: each result's canonical key is computed from its own report
alone, and ties between candidates are broken by keys that do not depend on which report is A. So
``align(a, b)`` finds exactly the mirror of ``align(b, a)``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Canonicalizer",
    "Item",
    "Via",
    "align",
    "align_by_dataset",
    "canonicalizer",
    "evaluation_items",
    "finding_items",
    "norm_slice",
    "norm_task",
    "result_items",
]

_EXACT = "skos:exactMatch"
_RELATED = "skos:relatedMatch"
_SEPARATORS = re.compile(r"[\s_\-]+")


# registry prefixes that say where a task is registered, not which task it is: Inspect records
# "inspect_evals/arc_easy" where Every Eval Ever's Inspect adapter writes "arc_easy"
_REGISTRY_PREFIXES = ("inspect_evals/",)


def norm_task(task_id: str) -> str:
    """Task ids as publishers write them differ in case and separators (TruthfulQA-MC2, truthfulqa_mc2), and in
    the registry prefix a tool adds (inspect_evals/arc_easy, arc_easy)."""
    text = task_id.strip().casefold()
    for prefix in _REGISTRY_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
            break
    return _SEPARATORS.sub("_", text)


def norm_slice(slice_: dict[str, Any] | None) -> tuple[tuple[str, str], ...]:
    """A slice as a sorted key; language tags compare case-insensitively (BCP 47)."""
    if not slice_:
        return ()
    out = []
    for key, value in slice_.items():
        text = str(value).strip()
        out.append((key, text.casefold() if key == "language" else text))
    return tuple(sorted(out))


@dataclass(frozen=True, slots=True)
class Via:
    """How one cited risk label became riskfmt concepts."""

    cited: str  # as normalised (a framework code in its crosswalk spelling)
    concepts: tuple[str, ...]
    kind: str  # concept | crosswalk | replacement | unmapped | unknown
    predicates: tuple[str, ...] = ()
    exact: bool = True
    framework: str | None = None

    def to_dict(self, side: str) -> dict[str, Any]:
        out: dict[str, Any] = {"side": side, "cited": self.cited, "kind": self.kind, "concepts": list(self.concepts)}
        if self.predicates:
            out["predicates"] = list(self.predicates)
        if self.framework:
            out["framework"] = self.framework
        return out


class Canonicalizer:
    """Risk labels to canonical concepts, with the newest vocabulary and its crosswalks (ids are never
    deleted, so the newest release knows every id an older report can cite)."""

    def __init__(self, vocab: Any = None, crosswalk: Any = None) -> None:
        if vocab is None:
            from riskfmt.vocab import load_vocabulary

            vocab = load_vocabulary()
        self.vocab = vocab
        self._crosswalk = crosswalk
        self.via = functools.lru_cache(maxsize=None)(self._via)

    @property
    def crosswalk(self) -> Any:
        """The release's crosswalks, loaded when a label first needs them: only framework codes (labels with a
        colon) do, and reading the mapping sets (YAML headers, TSV) was a tenth of a second of every diff."""
        if self._crosswalk is None:
            from riskfmt.mappings import load_crosswalk

            self._crosswalk = load_crosswalk(self.vocab.version)
        return self._crosswalk

    def _via(self, label: str) -> Via:
        concept = self.vocab.get(label)
        if concept is not None and concept.scheme == "risk":
            if not concept.deprecated or not concept.replaced_by:
                return Via(label, (label,), "concept")
            seen = {label}
            target = concept
            while target.deprecated and target.replaced_by and target.replaced_by not in seen:
                seen.add(target.replaced_by)
                nxt = self.vocab.get(target.replaced_by)
                if nxt is None:
                    break
                target = nxt
            return Via(label, (target.id,), "replacement", exact=False)
        if ":" in label:
            mappings = [m for m in self.crosswalk.resolve(label) if m.predicate_modifier != "Not"]
            if mappings:
                subject = mappings[0].subject_id
                framework = mappings[0].framework
                exact = sorted({m.concept for m in mappings if m.concept and m.predicate_id == _EXACT})
                if exact:
                    return Via(subject, tuple(exact), "crosswalk", (_EXACT,) * len(exact), True, framework)
                # close, broad and narrow matches overlap the code's meaning; a related match does not
                best: dict[str, str] = {}
                for m in mappings:
                    if m.concept and m.predicate_id != _RELATED and m.concept not in best:
                        best[m.concept] = m.predicate_id
                if best:
                    ids = tuple(sorted(best))
                    return Via(subject, ids, "crosswalk", tuple(best[i] for i in ids), False, framework)
                return Via(subject, (subject,), "unmapped", exact=False, framework=framework)
        return Via(label, (label,), "unknown", exact=False)

    def concepts(self, labels: Iterable[str]) -> tuple[frozenset[str], frozenset[str], tuple[Via, ...]]:
        """(canonical concepts, normalised cited labels, the steps taken) for one list of risk labels."""
        vias = tuple(self.via(label) for label in labels)
        concepts = frozenset(c for v in vias for c in v.concepts)
        return concepts, frozenset(v.cited for v in vias), vias

    def label(self, concept: str, lang: str) -> str | None:
        found = self.vocab.get(concept)
        return found.label(lang) if found is not None else None


@functools.cache
def canonicalizer() -> Canonicalizer:
    return Canonicalizer()


@dataclass(frozen=True, slots=True)
class Item:
    """One result, finding or evaluation of one report, with everything alignment looks at."""

    bucket: tuple[Any, ...]  # must be equal to align at all: task, metric, slice (results); task (evaluations)
    concepts: frozenset[str]
    cited: frozenset[str]
    vias: tuple[Via, ...]
    id: str
    evaluation: str
    pointer: str
    secondary: str = ""  # evaluations: the method, preferred equal
    data: Any = field(default=None, compare=False, hash=False)
    evaluation_data: Any = field(default=None, compare=False, hash=False)

    @property
    def canonical_exact(self) -> bool:
        return all(v.exact for v in self.vias)


def result_items(report: dict[str, Any], canon: Canonicalizer) -> list[Item]:
    items = []
    for e_index, evaluation in enumerate(report["evaluations"]):
        task = norm_task(evaluation["task"]["id"])
        for r_index, result in enumerate(evaluation.get("results", [])):
            concepts, cited, vias = canon.concepts(result["risks"])
            items.append(Item(
                (task, result["metric"]["id"], norm_slice(result.get("slice"))), concepts, cited, vias,
                result["id"], evaluation["id"], f"/evaluations/{e_index}/results/{r_index}",
                data=result, evaluation_data=evaluation,
            ))
    return items


def finding_items(report: dict[str, Any], canon: Canonicalizer) -> list[Item]:
    """Qualitative findings align by their risks alone: red teams name their tasks as they please."""
    items = []
    for e_index, evaluation in enumerate(report["evaluations"]):
        for f_index, finding in enumerate(evaluation.get("findings", [])):
            concepts, cited, vias = canon.concepts(finding["risks"])
            items.append(Item((), concepts, cited, vias, finding["id"], evaluation["id"],
                              f"/evaluations/{e_index}/findings/{f_index}", data=finding, evaluation_data=evaluation))
    return items


def evaluation_items(report: dict[str, Any]) -> list[Item]:
    return [
        Item((norm_task(e["task"]["id"]),), frozenset(), frozenset(), (), e["id"], e["id"], f"/evaluations/{i}",
             secondary=e["method"], data=e, evaluation_data=e)
        for i, e in enumerate(report["evaluations"])
    ]


@dataclass(frozen=True, slots=True)
class Aligned:
    a: Item
    b: Item
    tier: int  # 0 exact, 1 same concepts through an inexact step, 2 overlapping concepts only
    concepts: frozenset[str]

    @property
    def exact(self) -> bool:
        return self.tier == 0


def _tier(a: Item, b: Item) -> int | None:
    if a.bucket != b.bucket:
        return None
    if not a.concepts and not b.concepts:  # evaluations carry no concepts: they align on the task alone
        return 0 if a.secondary == b.secondary else 1
    if a.concepts == b.concepts:
        if a.cited == b.cited or (a.canonical_exact and b.canonical_exact):
            return 0
        return 1
    return 2 if a.concepts & b.concepts else None


def _order(a: Item, b: Item, tier: int) -> tuple[Any, ...]:
    """A sort key that is the same whichever item is called a: ties never depend on the side."""
    return (
        tier,
        a.id != b.id,
        a.evaluation != b.evaluation,
        a.secondary != b.secondary,
        tuple(sorted((a.id, b.id))),
        tuple(sorted((a.evaluation, b.evaluation))),
        tuple(sorted((a.pointer, b.pointer))),
    )


def align(items_a: Sequence[Item], items_b: Sequence[Item]) -> tuple[list[Aligned], list[Item], list[Item]]:
    """Greedy one-to-one matching, best tier first: (pairs, unmatched of A, unmatched of B)."""
    by_bucket: dict[Any, list[Item]] = {}
    for item in items_b:
        by_bucket.setdefault(item.bucket, []).append(item)
    candidates = []
    for a in items_a:
        for b in by_bucket.get(a.bucket, ()):
            tier = _tier(a, b)
            if tier is not None:
                candidates.append((_order(a, b, tier), a, b, tier))
    candidates.sort(key=lambda c: c[0])
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, a, b, tier in candidates:
        if id(a) in used_a or id(b) in used_b:
            continue
        used_a.add(id(a))
        used_b.add(id(b))
        pairs.append(Aligned(a, b, tier, a.concepts & b.concepts if tier == 2 else a.concepts))
    only_a = [a for a in items_a if id(a) not in used_a]
    only_b = [b for b in items_b if id(b) not in used_b]
    return pairs, only_a, only_b


def dataset_key(evaluation: dict[str, Any]) -> str | None:
    """The dataset an evaluation ran on, as a key: its published location (a hub id, a URL), else its name."""
    dataset = (evaluation.get("task") or {}).get("dataset") or {}
    for field_name in ("location", "name"):
        value = dataset.get(field_name)
        if isinstance(value, str) and value.strip():
            return field_name + ":" + value.strip().casefold()
    return None


def align_by_dataset(only_a: Sequence[Item], only_b: Sequence[Item]
                     ) -> tuple[list[Aligned], list[Item], list[Item]]:
    """A second pass over results left unaligned: the same dataset, metric and slice, when each side has exactly one
    such result. One tool names a run after the task (Inspect ``inspect_evals/arc_easy``), another after the
    dataset it read (Every Eval Ever's first Inspect records: ``ai2_arc``); several tasks on one dataset never
    align this way, because the key must be unique on both sides."""
    def rekey(items: Sequence[Item]) -> dict[tuple[Any, ...], list[Item]]:
        out: dict[tuple[Any, ...], list[Item]] = {}
        for item in items:
            key = dataset_key(item.evaluation_data or {})
            if key is not None:
                out.setdefault((key, *item.bucket[1:]), []).append(item)
        return out

    keyed_a, keyed_b = rekey(only_a), rekey(only_b)
    pairs: list[Aligned] = []
    for key, items in keyed_a.items():
        others = keyed_b.get(key, [])
        if len(items) != 1 or len(others) != 1:
            continue
        a, b = items[0], others[0]
        tier = _tier(Item(key, a.concepts, a.cited, a.vias, a.id, a.evaluation, a.pointer),
                     Item(key, b.concepts, b.cited, b.vias, b.id, b.evaluation, b.pointer))
        if tier is not None:
            pairs.append(Aligned(a, b, tier, a.concepts & b.concepts if tier == 2 else a.concepts))
    paired_a = {id(p.a) for p in pairs}
    paired_b = {id(p.b) for p in pairs}
    return pairs, [a for a in only_a if id(a) not in paired_a], [b for b in only_b if id(b) not in paired_b]
