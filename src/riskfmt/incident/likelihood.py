"""Likelihoods of attribution hypotheses: words and numbers, and which hypotheses exclude each other.

Causes form a hierarchy in the vocabulary's attribution scheme (accident > accidental-malfunction, ...). Two
hypotheses are nested when one cause is broader than the other, and exclusive otherwise: the assessor cannot
hold both. So the likelihoods of any set of pairwise exclusive hypotheses add up to at most 1, and the
narrower hypotheses under one broader hypothesis add up to at most its likelihood.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from riskfmt.vocab import Vocabulary

__all__ = ["BANDS", "BAND_WORDS", "Node", "ancestors", "band_of", "bounds", "exclusive_total", "hierarchy", "point",
           "related", "show", "top"]

# Words of estimative probability with the ranges of US ICD 203; the two extreme bands are closed at 0 and 1.
BANDS: dict[str, tuple[float, float]] = {
    "almost_no_chance": (0.0, 0.05),
    "very_unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly_even_chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very_likely": (0.80, 0.95),
    "almost_certain": (0.95, 1.0),
}

# the words of the bands in English; their Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "likelihood")
BAND_WORDS: dict[str, str] = {
    "almost_no_chance": "almost no chance",
    "very_unlikely": "very unlikely",
    "unlikely": "unlikely",
    "roughly_even_chance": "roughly even chance",
    "likely": "likely",
    "very_likely": "very likely",
    "almost_certain": "almost certain",
}


def band_label(word: str) -> tuple[str, str]:
    """(English, Chinese) of a likelihood word; a word riskfmt does not know is shown as written."""
    from riskfmt.i18n.text import translate

    english = BAND_WORDS.get(word)
    return (english, translate(english, "zh", "likelihood")) if english is not None else (word, word)


EPSILON = 1e-9  # likelihoods are decimals written by people: 0.1 + 0.2 must not exceed 0.3


def bounds(hypothesis: dict[str, Any]) -> tuple[float, float]:
    """The range a hypothesis' likelihood is known to lie in: the number itself, or its word's band."""
    if isinstance(hypothesis.get("likelihood"), (int, float)):
        value = float(hypothesis["likelihood"])
        return value, value
    return BANDS.get(hypothesis.get("estimate", ""), (0.0, 1.0))


def point(hypothesis: dict[str, Any]) -> float:
    """One number for comparisons: the likelihood, or the middle of the word's band."""
    low, high = bounds(hypothesis)
    return (low + high) / 2


def band_of(value: float) -> str:
    for name, (low, high) in BANDS.items():
        if low <= value <= high:
            return name
    return "almost_certain"


def show(hypothesis: dict[str, Any], lang: str = "en") -> str:
    if isinstance(hypothesis.get("likelihood"), (int, float)):
        return f"{float(hypothesis['likelihood']):g}"
    word = hypothesis.get("estimate", "")
    low, high = BANDS.get(word, (0.0, 1.0))
    label = band_label(word)[1 if lang == "zh" else 0]
    return f"{label} ({low:g}-{high:g})"


def ancestors(vocab: Vocabulary, cause: str) -> list[str]:
    """Broader causes of a cause token, nearest first (tokens, not concept ids)."""
    concept = vocab.by_token("attribution", cause)
    return [c.token for c in vocab.ancestors(concept.id)] if concept is not None else []


def top(vocab: Vocabulary, cause: str) -> str:
    """The broadest cause above a cause (itself when it has none)."""
    above = ancestors(vocab, cause)
    return above[-1] if above else cause


def related(vocab: Vocabulary, a: str, b: str) -> bool:
    """True when one cause is the other or broader than it: such hypotheses are nested, not exclusive."""
    return a == b or a in ancestors(vocab, b) or b in ancestors(vocab, a)


@dataclass
class Node:
    """A hypothesis in the forest its causes form; children are the nearest narrower hypotheses."""

    index: int
    cause: str
    low: float
    children: list[Node] = field(default_factory=list)

    def best(self) -> tuple[float, list[Node]]:
        """The largest likelihood total of pairwise exclusive hypotheses within this subtree, and which."""
        below = [child.best() for child in self.children]
        total = sum(t for t, _ in below)
        if self.children and total > self.low:
            return total, [n for _, nodes in below for n in nodes]
        return self.low, [self]

    def children_total(self) -> tuple[float, list[Node]]:
        below = [child.best() for child in self.children]
        return sum(t for t, _ in below), [n for _, nodes in below for n in nodes]


def hierarchy(vocab: Vocabulary, hypotheses: Iterable[tuple[int, dict[str, Any]]],
              value: Callable[[dict[str, Any]], float] | None = None) -> list[Node]:
    """The forest of hypotheses (index, hypothesis) whose causes the vocabulary knows, weighted by ``value``
    (default: the lower bound of the likelihood, so that a violation found is certain)."""
    nodes: dict[str, Node] = {}
    for index, hypothesis in hypotheses:
        cause = hypothesis["cause"]
        if cause in nodes or vocab.by_token("attribution", cause) is None:
            continue  # duplicates and unknown causes are reported elsewhere
        nodes[cause] = Node(index, cause, value(hypothesis) if value else bounds(hypothesis)[0])
    roots: list[Node] = []
    for cause, node in nodes.items():
        parent = next((nodes[a] for a in ancestors(vocab, cause) if a in nodes), None)
        (parent.children if parent is not None else roots).append(node)
    return roots


def exclusive_total(roots: list[Node]) -> tuple[float, list[Node]]:
    """The largest sum of lower-bound likelihoods over pairwise exclusive hypotheses, and the hypotheses."""
    results = [root.best() for root in roots]
    return sum(t for t, _ in results), [n for _, nodes in results for n in nodes]
