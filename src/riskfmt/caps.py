"""A bound on findings: at most so many of one code in one file, then one RF520 that counts the rest.

Three million duplicate sample rows once gave three million RF514 findings (2.3 GB of output). Nobody reads
past the first few hundred of one kind, and a CI log or a SARIF upload has limits of its own. Below the
limit nothing changes; above it the first findings (in the order they were found) are kept and one RF520
per (file, code) says how many more there were.

The limit is ``DEFAULT_PER_CODE`` unless ``RISKFMT_MAX_FINDINGS_PER_CODE`` or a command's
``--max-findings-per-code`` says otherwise; 0 means no limit. Checks that can produce findings without
bound (one per sample row) ask :class:`Tally` as they go, so memory stays flat too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from riskfmt.findings import Finding, Severity

__all__ = ["DEFAULT_PER_CODE", "Tally", "cap", "limit", "limited"]

DEFAULT_PER_CODE = 1000
_ENV = "RISKFMT_MAX_FINDINGS_PER_CODE"
_LIMIT: ContextVar[int | None] = ContextVar("riskfmt_findings_per_code", default=None)


def limit() -> int:
    """The limit in force: the innermost :func:`limited`, else the environment, else the default."""
    chosen = _LIMIT.get()
    if chosen is not None:
        return chosen
    raw = os.environ.get(_ENV, "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_PER_CODE
    return max(value, 0)


@contextmanager
def limited(per_code: int | None) -> Iterator[None]:
    """Use ``per_code`` (None: leave it as it is) for the checks run inside the block."""
    if per_code is None:
        yield
        return
    token = _LIMIT.set(max(per_code, 0))
    try:
        yield
    finally:
        _LIMIT.reset(token)


def _summary(source: str, code: str, more: int, per_code: int, severity: Severity) -> Finding:
    # the summary has the severity of what it stands for, so it is never overlooked by --fail-on
    return Finding.make("RF520", source, severity=severity, more=more, capped=code, limit=per_code)


def cap(findings: Iterable[Finding], per_code: int | None = None) -> list[Finding]:
    """The findings with at most ``per_code`` of each (file, code), plus one RF520 for each cut."""
    bound = limit() if per_code is None else per_code
    items = list(findings)
    if bound <= 0 or len(items) <= bound:
        return items
    seen: dict[tuple[str, str], int] = {}
    kept: list[Finding] = []
    for finding in items:
        key = (finding.location.source, finding.code)
        count = seen.get(key, 0) + 1
        seen[key] = count
        if count <= bound or finding.code == "RF520":
            kept.append(finding)
    worst: dict[tuple[str, str], Severity] = {}
    for finding in items:
        key = (finding.location.source, finding.code)
        worst[key] = max(worst.get(key, finding.severity), finding.severity)
    for (source, code), count in seen.items():
        if count > bound and code != "RF520":
            kept.append(_summary(source, code, count - bound, bound, worst[(source, code)]))
    return kept


class Tally:
    """For a check that may find without bound: ``add`` keeps a finding while its (file, code) is under the
    limit and only counts it afterwards; ``finish`` gives the kept ones and the RF520 summaries."""

    __slots__ = ("bound", "counts", "kept", "severity")

    def __init__(self, per_code: int | None = None) -> None:
        self.bound = limit() if per_code is None else per_code
        self.counts: dict[tuple[str, str], int] = {}
        self.severity: dict[tuple[str, str], Severity] = {}
        self.kept: list[Finding] = []

    def add(self, finding: Finding) -> None:
        if self.admit_many(finding.location.source, finding.code, 1, finding.severity):
            self.kept.append(finding)

    def admit(self, source: str, code: str, severity: Severity | None = None) -> bool:
        """Count one finding of ``code`` in ``source``; True while it is to be listed (the caller then makes it
        and appends it to ``kept``). ``severity``: the code's own unless given."""
        return self.admit_many(source, code, 1, severity) == 1

    def admit_many(self, source: str, code: str, count: int, severity: Severity | None = None) -> int:
        """Count ``count`` findings of ``code`` in ``source`` at once; returns how many of them (the first ones)
        are to be listed. A check that finds in bulk asks before it makes any finding, so past the limit a
        finding costs nothing but its share of one count: no parameters, location or object are made for it."""
        if count <= 0:
            return 0  # nothing found is nothing counted (the summaries keep the order codes were first found in)
        key = (source, code)
        before = self.counts.get(key, 0)
        self.counts[key] = before + count
        listed = count if self.bound <= 0 else max(0, min(count, self.bound - before))
        if listed < count:
            if severity is None:
                from riskfmt.codes import CODES

                severity = CODES[code].severity
            self.severity[key] = max(self.severity.get(key, severity), severity)
        return listed

    def finish(self) -> list[Finding]:
        out = list(self.kept)
        if self.bound > 0:
            for key, count in self.counts.items():
                if count > self.bound:
                    out.append(_summary(key[0], key[1], count - self.bound, self.bound, self.severity[key]))
        return out
