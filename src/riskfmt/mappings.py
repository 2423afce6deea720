"""Crosswalks between riskfmt concepts and public frameworks, read from SSSOM mapping sets.

Each ``<framework>.sssom.tsv`` holds a YAML metadata block (lines starting with ``#``) and a tab-separated
table with one row per mapping: a framework code as subject (``ailuminate:iwp``), a SKOS predicate, and a
riskfmt concept as object (``rfv:R0013``), or ``sssom:NoTermFound`` where nothing fits.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Mapping", "MappingSet", "load_mapping_set", "Crosswalk", "load_crosswalk", "NO_TERM", "PREDICATES"]

NO_TERM = "sssom:NoTermFound"
RFV = "rfv:"
PREDICATES = ("skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch")


@dataclass(frozen=True, slots=True)
class Mapping:
    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    object_label: str
    justification: str
    confidence: float | None
    comment: str
    predicate_modifier: str = ""

    @property
    def concept(self) -> str | None:
        """The riskfmt concept id (``R0013``), or None for a no-equivalent row."""
        if self.object_id == NO_TERM or not self.object_id.startswith(RFV):
            return None
        return self.object_id[len(RFV):]

    @property
    def framework(self) -> str:
        return self.subject_id.split(":", 1)[0]


@dataclass
class MappingSet:
    path: Path
    metadata: dict[str, Any]
    mappings: list[Mapping]

    @property
    def prefix(self) -> str:
        return self.mappings[0].framework if self.mappings else self.path.name.split(".")[0]


def parse_sssom(text: str, path: Path | None = None) -> MappingSet:
    import yaml

    header = [line[1:] for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if line and not line.startswith("#"))
    metadata = yaml.safe_load("\n".join(header)) or {}
    rows = csv.DictReader(io.StringIO(body), delimiter="\t")
    mappings = []
    for row in rows:
        confidence = row.get("confidence") or ""
        mappings.append(Mapping(
            subject_id=row["subject_id"].strip(), subject_label=(row.get("subject_label") or "").strip(),
            predicate_id=row["predicate_id"].strip(), object_id=row["object_id"].strip(),
            object_label=(row.get("object_label") or "").strip(),
            justification=(row.get("mapping_justification") or "").strip(),
            confidence=float(confidence) if confidence.strip() else None,
            comment=(row.get("comment") or "").strip(),
            predicate_modifier=(row.get("predicate_modifier") or "").strip(),
        ))
    return MappingSet(path=path or Path("<text>"), metadata=metadata, mappings=mappings)


def load_mapping_set(path: Path) -> MappingSet:
    return parse_sssom(path.read_text(encoding="utf-8"), path)


class Crosswalk:
    """All mapping sets of one vocabulary release, indexed both ways."""

    def __init__(self, sets: Iterable[MappingSet]) -> None:
        self.sets = list(sets)
        self.by_subject: dict[str, list[Mapping]] = {}
        self.by_concept: dict[str, list[Mapping]] = {}
        for mapping_set in self.sets:
            for mapping in mapping_set.mappings:
                self.by_subject.setdefault(mapping.subject_id, []).append(mapping)
                if mapping.concept:
                    self.by_concept.setdefault(mapping.concept, []).append(mapping)

    def resolve(self, code: str) -> list[Mapping]:
        """Mappings of a framework code (case-insensitive prefix), best predicates first."""
        found = self.by_subject.get(code)
        if found is None:
            # forgiving of case and of '-' for '_' in the prefix (nist-600-1:cbrn is nist_600_1:cbrn)
            prefix, _, local = code.partition(":")
            wanted = (prefix.casefold().replace("-", "_"), local.casefold())
            for subject, mappings in self.by_subject.items():
                sp, _, sl = subject.partition(":")
                if (sp.casefold().replace("-", "_"), sl.casefold()) == wanted:
                    found = mappings
                    break
        order = {p: i for i, p in enumerate(PREDICATES)}
        return sorted(found or [], key=lambda m: (m.concept is None, order.get(m.predicate_id, 99)))

    def concepts_for(self, code: str) -> list[str]:
        return [m.concept for m in self.resolve(code) if m.concept and m.predicate_modifier != "Not"]

    def is_code(self, code: str) -> bool:
        return bool(self.resolve(code))

    @property
    def prefixes(self) -> set[str]:
        return {s.split(":", 1)[0] for s in self.by_subject}


@functools.cache
def load_crosswalk(version: str | None = None) -> Crosswalk:
    """The mapping sets shipped with a vocabulary release (empty for releases without mappings)."""
    from riskfmt import resources
    from riskfmt.vocab import latest_version

    base = resources.schemas_dir() / "vocab" / "releases" / (version or latest_version()) / "mappings"
    if not base.is_dir():
        return Crosswalk([])
    return Crosswalk(load_mapping_set(p) for p in sorted(base.glob("*.sssom.tsv")))
