"""``riskfmt diff`` of two files, reading each samples file once: its validation runs inside the pairing stream.

A diff starts only from documents that validate, and validating a report reads every samples file it pins
(digest, row count, each line's schema, duplicates, leaks). The pairing then needs the same lines again. Here
each report is validated with the samples-file checks held back (``riskfmt.semantic.check_report`` takes a
stand-in that records their arguments); the comparison reads each samples file once, a chunk of lines at a
time, handing every chunk to its check (``riskfmt.semantic.SamplesFileCheck``) and pairing the samples the check
parsed. Samples files no pair reads are checked on their own afterwards. Memory stays what the pairing needs
(the current chunks, or at most ``memory_rows`` unpaired rows before the rest goes through temporary files) plus
what a check needs (bounded by itself).

The findings are those of validating first: the checks' findings are the same whatever the chunking, and the
document's are what the validator found without them. When any check finds an error (or a check cannot finish)
both documents are validated again in full, the usual way, so that a refusal carries exactly the findings it
always carried; a diff that succeeds never pays for that.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from riskfmt.compare.inputs import InputError, LoadedDocument, ReadDocument, accept, read_document
from riskfmt.compare.options import DiffOptions
from riskfmt.compare.samples import PIECE_ROWS, checked_while_read
from riskfmt.findings import FileResult, Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from riskfmt.semantic import SamplesFileCheck

__all__ = ["diff_paths"]

Differ = Callable[..., Any]


class _Failed(Exception):
    """A samples-file check raised while the comparison read its file: the comparison is abandoned and both
    documents are validated again the usual way (where the same failure becomes the validator's RF900)."""


class _CheckedFile:
    """One samples file under check, read once by whoever gets to it first: the pairing, or ``finish``."""

    def __init__(self, check: SamplesFileCheck, call: tuple[Any, ...]) -> None:
        self.check, self.call = check, call  # call: what opened the check (to open it afresh)
        self.state = "unread"  # reading, read, failed
        self.found: list[Finding] | None = None  # the findings, when another process read and checked the file

    def unread(self) -> bool:
        return self.state == "unread"

    def adopt(self, findings: list[Finding]) -> None:
        """The file was read and checked by another process (``riskfmt.compare.forked``), which found these."""
        self.state, self.found = "read", findings

    def read(self, rows: int) -> Iterator[tuple[list[Any], bool]] | None:
        """The file's samples (those of the schema's shape), a piece of lines at a time, each piece checked as it
        goes by and marked True when it ends a chunk of ``rows`` lines; None when the file has been read already
        (a second pass reads it plainly)."""
        if self.state != "unread":
            return None
        self.state = "reading"
        return self._pieces(rows)

    def _pieces(self, rows: int) -> Iterator[tuple[list[Any], bool]]:
        # Pieces of a few hundred lines: parsed, checked and taken apart into columns while they are still in the
        # processor's cache (at 4,096 lines the same work took about half as long again).
        try:
            with self.check.target.open("rb") as handle:
                taken = 0
                while lines := list(islice(handle, min(PIECE_ROWS, rows - taken))):
                    taken += len(lines)
                    samples = self.check.feed(lines)
                    if taken == rows:
                        taken = 0
                        yield samples, True
                    elif samples:
                        yield samples, False
                if taken:
                    yield [], True
        except Exception as exc:
            self.state = "failed"
            raise _Failed from exc
        self.state = "read"

    def finish(self) -> list[Finding]:
        if self.state == "unread":  # no pair read it: check it on its own
            for _ in self.read(PIECE_ROWS) or ():
                pass
        if self.state != "read":
            raise _Failed
        return self.check.finish() if self.found is None else self.found


class _Deferred:
    """Stands in for ``riskfmt.semantic.check_samples_file`` while a report is validated: records each call and
    finds nothing, so the document's own findings come out; the checks run later, while the files are read."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, spec: dict[str, Any], pointer: str, source: str, base_dir: Path | None, format_version: str,
                 vocab: Any, cited: str, report: dict[str, Any] | None = None) -> list[Finding]:
        self.calls.append((spec, pointer, source, base_dir, format_version, vocab, cited, report))
        return []


def _validate(read: ReadDocument, check_samples: bool | _Deferred) -> FileResult:
    from riskfmt.validation import validate_document

    return validate_document(read.document, base_dir=read.base_dir, check_samples=check_samples)


def _load_all(reads: list[ReadDocument], check_samples: bool) -> list[LoadedDocument]:
    """Validate each document in full, the usual way; ``InputError`` with the findings of every one refused."""
    docs, problems = [], []
    for read in reads:
        try:
            docs.append(accept(read, _validate(read, check_samples)))
        except InputError as exc:
            problems.extend(exc.findings)
    if problems:
        raise InputError(problems)
    return docs


def diff_paths(path_a: str | os.PathLike[str], path_b: str | os.PathLike[str], options: DiffOptions,
               differ: Differ) -> Any:
    """Read, validate and compare two files with ``differ`` (``riskfmt.compare.diff_documents``), each samples
    file read once. Raises ``InputError`` exactly as validating both first would.

    .. versionadded:: 0.2
    """
    reads, problems = [], []
    for path in (path_a, path_b):
        try:
            reads.append(read_document(path))
        except InputError as exc:
            problems.extend(exc.findings)
    if problems:  # an unreadable input: report it with whatever the other one's validation finds
        for read in reads:
            try:
                accept(read, _validate(read, options.samples))
            except InputError as exc:
                problems.extend(exc.findings)
        raise InputError(problems)
    if not options.samples:
        return _compare(_load_all(reads, False), options, differ)
    deferred = [_Deferred(), _Deferred()]
    results = [_validate(read, stand_in) for read, stand_in in zip(reads, deferred, strict=True)]
    files: list[list[_CheckedFile]] = [[], []]
    opened = not any(_has_errors(result) for result in results)
    for side, stand_in in enumerate(deferred):
        for call in stand_in.calls if opened else ():
            check = _open(call)
            if check is None:
                opened = False
                break
            files[side].append(check)
    if opened:
        from riskfmt._worker import WorkerFailed

        docs = [accept(read, result) for read, result in zip(reads, results, strict=True)]
        try:
            done = _single_pass(docs, results, files, options, differ, True)
        except WorkerFailed:  # the second process failed: everything again, in this one, from the first lines
            again = [[_open(f.call) for f in side] for side in files]
            fresh = [[f for f in side if f is not None] for side in again]
            done = (_single_pass(docs, results, fresh, options, differ, False)
                    if list(map(len, fresh)) == list(map(len, files)) else None)
        if done is not None:
            return done
    # an error somewhere (or a check that could not finish): validate both in full, as a diff always did
    return _compare(_load_all(reads, True), options, differ)


def _single_pass(docs: list[LoadedDocument], results: list[FileResult], files: list[list[_CheckedFile]],
                 options: DiffOptions, differ: Differ, jobs: bool) -> Any:
    """The comparison, each samples file checked as it is read (side B in a second process when ``jobs`` and
    ``riskfmt.compare.forked`` agree); None when a check found an error or could not finish."""
    from riskfmt.compare.forked import beside

    streams = {id(f.check.spec): f for side in files for f in side}
    refusal: InputError | None = None
    try:
        with checked_while_read(streams, beside if jobs else None):
            try:
                outcome = _compare(docs, options, differ, attach=False)
            except InputError as exc:  # e.g. kinds that do not go together: said once the inputs validate
                refusal = exc
        found = [[finding for f in side for finding in f.finish()] for side in files]
    except _Failed:
        return None
    if any(f.severity >= Severity.ERROR for side in found for f in side):
        return None
    if refusal is not None:
        raise refusal
    warnings = [_merged(result, more) for result, more in zip(results, found, strict=True)]
    _attach(outcome, *warnings)
    return outcome


def _has_errors(result: FileResult) -> bool:
    return any(f.severity >= Severity.ERROR for f in result.findings)


def _open(call: tuple[Any, ...]) -> _CheckedFile | None:
    from riskfmt.semantic import SamplesFileCheck

    check = SamplesFileCheck.open(*call)
    return None if isinstance(check, list) else _CheckedFile(check, call)


def _merged(result: FileResult, more: list[Finding]) -> list[Finding]:
    """The warnings of a document validated with its samples files: its own, and the files' (which carry
    their line, and are capped per file and code by their check as the validator caps them)."""
    from riskfmt.caps import cap

    return [f for f in cap([*result.findings, *more]) if f.severity < Severity.ERROR]


def _compare(docs: list[LoadedDocument], options: DiffOptions, differ: Differ, attach: bool = True) -> Any:
    a, b = docs
    if options.base_dirs is None:
        options = replace(options, base_dirs=(a.base_dir, b.base_dir))
    outcome = differ(a.data, b.data, sources=(a.source, b.source), options=options)
    if attach:
        _attach(outcome, a.warnings, b.warnings)
    return outcome


def _attach(outcome: Any, warnings_a: list[Finding], warnings_b: list[Finding]) -> None:
    attach = getattr(outcome, "attach_input_findings", None)
    if attach is not None:
        attach(warnings_a, warnings_b)
