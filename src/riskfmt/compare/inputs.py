"""Reading the documents to compare, with riskfmt's own loader and validator: a comparison starts only
from documents that validate, and an invalid one is refused with the validator's findings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskfmt.errors import RiskfmtError
from riskfmt.findings import FileResult, Finding, Severity

__all__ = ["InputError", "LoadedDocument", "load_document"]


class InputError(RiskfmtError):
    """The documents cannot be compared: unreadable, invalid, or of kinds that do not go together.
    ``findings`` say why, in the same form ``riskfmt validate`` reports them (the CLI exits 2)."""

    def __init__(self, findings: list[Finding]) -> None:
        ordered = sorted(findings, key=Finding.sort_key)
        first = ordered[0] if ordered else None
        super().__init__(ordered, f"{first.location.source}: {first.code} {first.message('en')}" if first
                         else "invalid input")


@dataclass
class LoadedDocument:
    source: str
    data: dict[str, Any]
    kind: str
    base_dir: Path | None
    warnings: list[Finding] = field(default_factory=list)


def load_document(path: str | os.PathLike[str], *, check_samples: bool = True,
                  max_size: int | None = None) -> LoadedDocument:
    """Read, parse once and validate one document (``"-"`` is standard input). Raises ``InputError``
    with every finding when it cannot be read or does not validate; warnings travel with the document.

    .. versionadded:: 0.1
    """
    from riskfmt.loading import DEFAULT_MAX_SIZE, load_bytes, paused_gc, read_source
    from riskfmt.validation import validate_document

    name = os.fspath(path)
    raw, problem = read_source(name, max_size=max_size or DEFAULT_MAX_SIZE)
    source = "<stdin>" if name == "-" else name
    if problem is not None or raw is None:
        raise InputError([problem] if problem else [])
    base_dir = None if name == "-" else Path(name).parent
    with paused_gc():
        document = load_bytes(raw, source)
        result: FileResult = validate_document(document, base_dir=base_dir, check_samples=check_samples)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors or not document.parsed:
        raise InputError(result.findings)
    return LoadedDocument(source, document.data, result.kind or document.data.get("kind"), base_dir,
                          [f for f in result.findings if f.severity < Severity.ERROR])
