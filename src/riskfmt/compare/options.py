"""The options of a comparison, shared by every differ (evaluation reports, incident reports) and by
``riskfmt compare``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["CORRECTIONS", "FAIL_ON", "MATRIX_FAIL_ON", "DiffOptions"]

FAIL_ON = ("difference", "regression")  # the gates of riskfmt diff
MATRIX_FAIL_ON = ("difference",)  # riskfmt compare: a matrix has no before and after
CORRECTIONS = ("holm", "bonferroni", "none")


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How to compare.

    ``alpha`` is the family-wise error rate the ``correction`` controls over all the tests one comparison
    makes; intervals are shown at the 1 - alpha level. ``fail_on`` selects the gate ``DiffOutcome.gate``
    applies when called without an argument. ``samples`` turns the paired per-sample comparison on;
    ``memory_rows`` bounds how many unpaired sample rows are held in memory before the rest goes through
    temporary files. ``base_dirs`` are the folders of the two documents (for their samples files); by
    default the folders of the ``sources`` passed to the differ.

    .. versionadded:: 0.1
    """

    alpha: float = 0.05
    correction: str = "holm"
    fail_on: str | None = None
    color: bool = False
    samples: bool = True
    memory_rows: int = 50_000
    base_dirs: tuple[Path | None, Path | None] | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.alpha < 1.0:
            raise ValueError(f"alpha must be between 0 and 1, not {self.alpha}")
        if self.correction not in CORRECTIONS:
            raise ValueError(f"unknown correction {self.correction!r} (known: {', '.join(CORRECTIONS)})")
        if self.fail_on is not None and self.fail_on not in FAIL_ON:
            raise ValueError(f"unknown gate {self.fail_on!r} (known: {', '.join(FAIL_ON)})")
        if self.memory_rows < 1:
            raise ValueError("memory_rows must be at least 1")

    @property
    def level(self) -> float:
        """The confidence level of the intervals shown (0.95 for alpha 0.05)."""
        return round(1.0 - self.alpha, 10)
