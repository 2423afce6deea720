"""Typed, read-only access to a release of the riskfmt vocabulary."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from riskfmt import resources
from riskfmt.versions import version_key

__all__ = ["Concept", "Vocabulary", "load_vocabulary", "latest_version", "normalize_label"]


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    scheme: str
    pref_label: dict[str, str]
    definition: dict[str, str]
    status: str
    added_in: str
    broader: str | None = None
    notation: str | None = None
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    scope_note: dict[str, str] = field(default_factory=dict)
    deprecated_in: str | None = None
    replaced_by: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Concept:
        return cls(
            id=data["id"],
            scheme=data["scheme"],
            pref_label=dict(data["pref_label"]),
            definition=dict(data["definition"]),
            status=data["status"],
            added_in=data["added_in"],
            broader=data.get("broader"),
            notation=data.get("notation"),
            alt_labels={k: list(v) for k, v in (data.get("alt_labels") or {}).items()},
            scope_note=dict(data.get("scope_note") or {}),
            deprecated_in=data.get("deprecated_in"),
            replaced_by=data.get("replaced_by"),
        )

    @property
    def deprecated(self) -> bool:
        return self.status == "deprecated"

    @property
    def token(self) -> str:
        """The value a report writes for this concept: the id for risks, the notation for other schemes."""
        if self.scheme == "risk":
            return self.id
        return self.notation or self.id.split(":", 1)[1]

    def label(self, lang: str = "en") -> str:
        return self.pref_label.get(lang) or self.pref_label["en"]


_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_label(text: str) -> str:
    """Fold case, width and punctuation so that 'Prompt-Injection' finds 'prompt injection' and
    full-width Chinese punctuation matches half-width."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _PUNCT.sub("", folded)


class Vocabulary:
    """One vocabulary release: concepts by id, labels in both languages, deprecations."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version: str = data["version"]
        self.released: str | None = data.get("released")
        self.schemes: dict[str, dict[str, Any]] = {s["id"]: s for s in data["schemes"]}
        self._concepts: dict[str, Concept] = {c["id"]: Concept.from_dict(c) for c in data["concepts"]}
        self._tokens: dict[tuple[str, str], Concept] = {(c.scheme, c.token): c for c in self._concepts.values()}

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    def __getitem__(self, concept_id: str) -> Concept:
        return self._concepts[concept_id]

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __len__(self) -> int:
        return len(self._concepts)

    def get(self, concept_id: str) -> Concept | None:
        return self._concepts.get(concept_id)

    def by_token(self, scheme: str, token: str) -> Concept | None:
        return self._tokens.get((scheme, token))

    def in_scheme(self, scheme: str) -> list[Concept]:
        return [c for c in self._concepts.values() if c.scheme == scheme]

    @functools.cached_property
    def risk_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self._concepts.values() if c.scheme == "risk")

    @functools.cached_property
    def deprecated_risk_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self._concepts.values() if c.scheme == "risk" and c.deprecated)

    def children(self, concept_id: str) -> list[Concept]:
        return [c for c in self._concepts.values() if c.broader == concept_id]

    def ancestors(self, concept_id: str) -> list[Concept]:
        out = []
        node = self._concepts.get(concept_id)
        while node is not None and node.broader is not None:
            node = self._concepts.get(node.broader)
            if node is None or node in out:
                break
            out.append(node)
        return out

    def suggest(self, text: str, scheme: str = "risk", limit: int = 3) -> list[Concept]:
        """Closest concepts to a mistyped id or a label someone wrote instead of an id."""
        pool = self.in_scheme(scheme)
        tokens = {c.token: c for c in pool}
        close = [tokens[t] for t in difflib.get_close_matches(text, list(tokens), n=limit, cutoff=0.6)]
        wanted = normalize_label(text)
        if wanted:
            for concept in pool:
                labels = [*concept.pref_label.values(), *(a for alts in concept.alt_labels.values() for a in alts)]
                if any(wanted == normalize_label(label) for label in labels) and concept not in close:
                    close.insert(0, concept)
        return close[:limit]


def latest_version() -> str:
    return resources.vocabulary_versions()[-1]


@functools.cache
def load_vocabulary(version: str | None = None) -> Vocabulary:
    """A shipped vocabulary release (the newest when ``version`` is None)."""
    return Vocabulary(resources.vocabulary_data(version or latest_version()))


def known_version(version: str) -> bool:
    return version in resources.vocabulary_versions()


def newer_than_latest(version: str) -> bool:
    try:
        return version_key(version) > version_key(latest_version())
    except ValueError:
        return False
