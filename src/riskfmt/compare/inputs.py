"""Reading the documents to compare, with riskfmt's own loader and validator: a comparison starts only
from documents that validate, and an invalid one is refused with the validator's findings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from riskfmt.errors import RiskfmtError
from riskfmt.findings import FileResult, Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.loading import Document

__all__ = ["InputError", "LoadedDocument", "ReadDocument", "accept", "load_document", "read_document"]


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


@dataclass
class ReadDocument:
    """A document read and parsed, not yet validated."""

    source: str
    document: Document
    base_dir: Path | None


def read_document(path: str | os.PathLike[str], *, max_size: int | None = None) -> ReadDocument:
    """Read and parse one document once (``"-"`` is standard input). Raises ``InputError`` when it cannot be
    read; what does not parse is left to the validator to report.

    .. versionadded:: 0.2
    """
    from riskfmt.loading import DEFAULT_MAX_SIZE, load_bytes, paused_gc, read_source

    name = os.fspath(path)
    raw, problem = read_source(name, max_size=max_size or DEFAULT_MAX_SIZE)
    source = "<stdin>" if name == "-" else name
    if problem is not None or raw is None:
        raise InputError([problem] if problem else [])
    with paused_gc():
        document = load_bytes(raw, source)
    return ReadDocument(source, document, None if name == "-" else Path(name).parent)


def accept(read: ReadDocument, result: FileResult) -> LoadedDocument:
    """The document as a comparison takes it, given what the validator found; raises ``InputError`` with every
    finding when it does not validate (warnings travel with the document).

    .. versionadded:: 0.2
    """
    document = read.document
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors or not document.parsed:
        raise InputError(result.findings)
    return LoadedDocument(read.source, document.data, result.kind or document.data.get("kind"), read.base_dir,
                          [f for f in result.findings if f.severity < Severity.ERROR])


def load_document(path: str | os.PathLike[str], *, check_samples: bool = True,
                  max_size: int | None = None) -> LoadedDocument:
    """Read, parse once and validate one document (``"-"`` is standard input). Raises ``InputError``
    with every finding when it cannot be read or does not validate; warnings travel with the document.

    .. versionadded:: 0.1
    """
    from riskfmt.loading import paused_gc
    from riskfmt.validation import validate_document

    read = read_document(path, max_size=max_size)
    with paused_gc():
        result = validate_document(read.document, base_dir=read.base_dir, check_samples=check_samples)
    return accept(read, result)
