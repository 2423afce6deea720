"""How serious a finding is: ``info`` < ``warning`` < ``error``.

A module of its own because both the finding model (``riskfmt.findings``) and the code catalogue
(``riskfmt.codes``, which gives each code its default severity) need it, and the findings look codes up: with
``Severity`` here, neither of those two imports the other at module level, and the import graph has no cycle.
"""

from __future__ import annotations

import enum

__all__ = ["Severity"]


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= fail_on`` decides the exit code."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]
