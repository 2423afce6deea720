"""The one base of every exception riskfmt raises to its user.

A :class:`RiskfmtError` carries the findings that say what went wrong (the same coded, bilingual findings
``riskfmt validate`` prints) and the exit code a command line gives for it (2: usage or input/output error,
unless a subclass says otherwise). The command line catches it in one place, ``riskfmt.cli._boundary``,
which prints the findings on standard error and exits with the code; a program using the Python API catches
``RiskfmtError`` (or one of its subclasses) and reads ``findings``.

Exceptions used for control flow inside a module (``_Abort``, ``_OverCap``, ...) stay private and do not
derive from it: they never reach a user.

This module imports nothing from riskfmt at run time, so every layer can raise its errors without an import
cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.findings import Finding

__all__ = ["RiskfmtError"]


class RiskfmtError(Exception):
    """An error reported to the user: ``findings`` say why, ``exit_code`` is what the command line exits with.

    ``usage`` marks an error that is the command line's own misuse (a missing ``-o``, say) and carries no
    findings: the command line shows it as a usage error, with the command's usage line.
    """

    exit_code: int = 2
    usage: bool = False

    def __init__(self, findings: Iterable[Finding] = (), message: str | None = None) -> None:
        self.findings: list[Finding] = list(findings)
        if message is None:
            message = "; ".join(f"{f.code} {f.message('en')}" for f in self.findings)
        super().__init__(message)

    @property
    def finding(self) -> Finding:
        """The first finding (errors that always carry exactly one, such as ``InputRefused``)."""
        return self.findings[0]
