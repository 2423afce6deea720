"""The one model of a problem riskfmt reports: a coded, located, bilingual finding."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable, Mapping

__all__ = ["Severity", "Location", "Finding", "FileResult", "ValidationResult"]

_MAX_PARAM = 200  # never paste whole documents or schemas into a message


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= fail_on`` decides the exit code."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.upper()]


@dataclass(frozen=True, slots=True)
class Location:
    source: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    def with_position(self, line: int | None, column: int | None) -> "Location":
        return Location(self.source, self.pointer, line, column)


def _shorten(value: object) -> str:
    text = str(value)
    return text if len(text) <= _MAX_PARAM else text[: _MAX_PARAM - 1] + "…"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    location: Location
    params: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def make(
        cls,
        code: str,
        source: str,
        pointer: str = "",
        *,
        severity: Severity | None = None,
        line: int | None = None,
        column: int | None = None,
        **params: object,
    ) -> "Finding":
        from riskfmt.codes import CODES

        spec = CODES[code]
        return cls(
            code=code,
            severity=spec.severity if severity is None else severity,
            location=Location(source, pointer, line, column),
            params={k: _shorten(v) for k, v in params.items()},
        )

    def message(self, lang: str = "en") -> str:
        from riskfmt.codes import CODES

        return CODES[self.code].render(lang, self.params)

    @property
    def title(self) -> str:
        from riskfmt.codes import CODES

        return CODES[self.code].title

    def sort_key(self) -> tuple[object, ...]:
        loc = self.location
        return (loc.source, loc.line or 0, loc.column or 0, loc.pointer, self.code, tuple(self.params.items()))

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.label,
            "file": loc.source,
            "pointer": loc.pointer,
            "line": loc.line,
            "column": loc.column,
            "message": self.message(lang),
            "title": self.title,
        }


@dataclass(slots=True)
class FileResult:
    """Everything found in one input."""

    source: str
    kind: str | None = None
    format_version: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)


@dataclass(slots=True)
class ValidationResult:
    """The outcome of validating one or more inputs."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.files for f in r.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        severities = [f.severity for r in self.files for f in r.findings]
        return max(severities) if severities else None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.count(Severity.ERROR) == 0

    @property
    def has_io_error(self) -> bool:
        """An input could not be read at all (missing, a directory without documents, unreadable)."""
        from riskfmt.codes import CODES

        return any(CODES[f.code].category == "io" for r in self.files for f in r.findings)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """2 when an input could not be read, else 1 when a finding reaches ``fail_on``, else 0.
        Internal errors (3) are decided by the CLI, which sees them as exceptions."""
        if self.has_io_error:
            return 2
        worst = self.worst()
        return 1 if worst is not None and worst >= fail_on else 0
