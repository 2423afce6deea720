"""Concept ids written anywhere in text files (task maps, docs, spreadsheets): do they exist, are they current?

Used by ``riskfmt vocab check`` and the ``riskfmt-vocab-ids`` pre-commit hook. Only the risk ids' own shape
(``R`` and four digits, as a whole word) is looked for: a free-text file has no schema to say where an id is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from riskfmt.findings import FileResult, Finding, ValidationResult

__all__ = ["check_files", "check_text"]

_RISK_ID = re.compile(r"(?<![A-Za-z0-9_])R\d{4}(?![A-Za-z0-9_])")
_MAX_BYTES = 16 * 1024 * 1024  # a hook runs on every committed text file; a larger one is not a vocabulary list


def check_text(text: str, source: str, version: str | None = None) -> list[Finding]:
    """Unknown (RF401) and deprecated (RF402) risk ids in ``text``, each at its line and column."""
    from riskfmt.semantic import unknown_id
    from riskfmt.vocab import load_vocabulary

    vocab = load_vocabulary(version)
    out: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _RISK_ID.finditer(line):
            token, column = match.group(), match.start() + 1
            concept = vocab.get(token)
            if concept is None or concept.scheme != "risk":
                found = unknown_id(vocab, "RF401", token, "", source)
                out.append(Finding(found.code, found.severity, found.location.with_position(number, column),
                                   found.params))
            elif concept.deprecated:
                replacement = vocab.get(concept.replaced_by or "")
                out.append(Finding.make(
                    "RF402", source, line=number, column=column, id=token, label=concept.label("en"),
                    label_zh=concept.label("zh"), since=concept.deprecated_in or "?",
                    replacement=concept.replaced_by or "?",
                    replacement_label=replacement.label("en") if replacement else "?",
                    replacement_label_zh=replacement.label("zh") if replacement else "?"))
    return out


def check_files(paths: Iterable[str | Path], version: str | None = None) -> ValidationResult:
    """Check every file; unreadable or binary files get the usual I/O findings, never an exception.

    .. versionadded:: 0.2
    """
    result = ValidationResult()
    for raw in paths:
        path = Path(raw)
        source = str(raw)
        file_result = FileResult(source)
        result.files.append(file_result)
        try:
            if not path.is_file():
                file_result.add(Finding.make("RF001", source, path=source))
                continue
            with path.open("rb") as fh:
                data = fh.read(_MAX_BYTES + 1)
        except OSError as exc:
            file_result.add(Finding.make("RF003", source, reason=exc.strerror or type(exc).__name__))
            continue
        if len(data) > _MAX_BYTES:
            file_result.add(Finding.make("RF004", source, size=f"> {_MAX_BYTES}", limit=_MAX_BYTES))
            continue
        if b"\0" in data:
            continue  # binary: nothing written by a person to check
        text = data.decode("utf-8", errors="replace")
        file_result.extend(check_text(text, source, version))
    return result
