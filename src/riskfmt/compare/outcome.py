"""What a comparison returns, whatever it compared: one document (its ``--format json`` output) and the
options it was made with. ``riskfmt diff`` (``ReportDiff``) and ``riskfmt compare`` (``Comparison``) share this
skeleton and differ only in the blocks they render and the gates they know; both correct their p-values the
same way, once over every test they made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from riskfmt.compare import stats
from riskfmt.compare.options import DiffOptions

__all__ = ["Outcome", "combined_marking", "correct", "lang_text"]



@dataclass
class Outcome:
    """A comparison's document and options (a ``riskfmt.compare.DiffOutcome``).

    .. versionadded:: 0.2
    """

    document: dict[str, Any]
    options: DiffOptions = field(default_factory=DiffOptions)

    #: the values of ``fail_on`` this kind of comparison defines
    GATES: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def finish(cls, document: dict[str, Any], options: DiffOptions) -> Self:
        """The outcome of a finished document; with a gate in the options, the document records whether it
        passed (as its last entry)."""
        outcome = cls(document, options)
        if options.fail_on is not None:
            document["gate"] = {"fail_on": options.fail_on, "passed": outcome.gate()}
        return outcome

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` document."""
        return self.document

    def blocks(self, lang: str) -> list[Any]:
        """The document as blocks of ``riskfmt.compare.blocks``, for the text and Markdown renderers."""
        raise NotImplementedError

    def render(self, fmt: str, lang: str = "en") -> str:
        """Text for a terminal (``text``, coloured when the options say so) or Markdown."""
        from riskfmt.compare.blocks import render_blocks

        return render_blocks(self.blocks(lang), fmt, lang, color=self.options.color)

    def gate(self, fail_on: str | None = None) -> bool:
        """True when the gate passes (always without one); ``fail_on`` defaults to the options' gate."""
        fail_on = fail_on if fail_on is not None else self.options.fail_on
        if fail_on is None:
            return True
        return self.passes(fail_on)

    def passes(self, fail_on: str) -> bool:
        """Whether the gate ``fail_on`` (one of ``GATES``) passes; raises ``ValueError`` for any other."""
        raise NotImplementedError


def correct(tests: Sequence[tuple[dict[str, Any], float]], options: DiffOptions) -> None:
    """One correction over every test a comparison made: each holder (a pair, a paired-samples test, a matrix
    comparison) gets its adjusted p-value and whether it is significant at the options' alpha."""
    adjusted = stats.adjust([p for _, p in tests], options.correction)
    for (holder, _), p_adj in zip(tests, adjusted, strict=True):
        holder.pop("significant", None)  # re-added after p_adjusted, where a reader looks for it
        holder["p_adjusted"] = p_adj
        holder["significant"] = p_adj <= options.alpha


def lang_text(value: Any) -> dict[str, str] | None:
    """Bilingual text of a report as the outcome shows it: only its ``en`` and ``zh`` strings."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k in ("en", "zh") and isinstance(v, str)}
    if isinstance(value, str):
        return {"en": value}
    return None


def combined_marking(*reports: dict[str, Any]) -> dict[str, str]:
    """The TLP label of a document built from parts of several reports: the strictest label anywhere in
    any of them (the inputs' pointers mean nothing in the new document, so granular labels cannot carry
    over part by part, and taking the strictest never weakens one)."""
    from riskfmt.integrity.markings import combine

    return combine(*reports)
