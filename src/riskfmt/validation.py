"""``riskfmt.validate``: check riskfmt documents and report every problem as a located finding."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from riskfmt import _sidecar
from riskfmt.findings import FileResult, Finding, ValidationResult
from riskfmt.kinds import KINDS, document_checks, resolve, validated_kinds
from riskfmt.loading import (
    DEFAULT_MAX_SIZE,
    Document,
    guess_syntax,
    keep_until_exit,
    load_bytes,
    paused_gc,
    read_source,
)
from riskfmt.versions import resolve_format

__all__ = ["expand_paths", "validate", "validate_bytes", "validate_data", "validate_document"]

_SUFFIXES = (".json", ".yaml", ".yml")
_SKIP_DIRS = {"node_modules", "__pycache__"}


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Finding | None]]:
    """Files to check, in a stable order; a directory stands for the documents below it."""
    for raw in paths:
        path = os.fspath(raw)
        if path != "-" and os.path.isdir(path):
            found = False
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
                for name in sorted(filenames):
                    if name.lower().endswith(_SUFFIXES) and not name.startswith("."):
                        found = True
                        yield os.path.join(dirpath, name), None
            if not found:
                yield path, Finding.make("RF002", path, path=path)
        else:
            yield path, None


def validate(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    check_samples: bool = True,
    max_findings_per_code: int | None = None,
    progress: Callable[[str], None] | None = None,
    stream: Callable[[str], FileResult | None] | None = None,
) -> ValidationResult:
    """Validate files (``"-"`` is standard input) and directories; never raises on bad input.

    ``max_size`` bounds the bytes read from each file; ``max_findings_per_code`` the findings of one code
    listed per file (``riskfmt.caps``; None: the environment or the default, 0: no limit). ``progress`` is
    called with each file's path before it is read (the CLI shows it on a terminal). ``stream``, when given, is
    offered each file first and returns its result or None (``riskfmt.stream.chooser``: huge reports are read
    in bounded memory; the core never imports it).

    .. versionadded:: 0.1
    """
    from riskfmt.caps import limited

    with limited(max_findings_per_code):
        return _validate(paths, max_size, check_samples, progress, stream)


def _validate(paths: Iterable[str | os.PathLike[str]], max_size: int, check_samples: bool,
              progress: Callable[[str], None] | None = None,
              stream: Callable[[str], FileResult | None] | None = None) -> ValidationResult:
    result = ValidationResult()
    for path, problem in expand_paths(paths):
        if progress is not None:
            progress(path)
        if problem is not None:
            result.files.append(FileResult(source=path, findings=[problem]))
            continue
        streamed = stream(path) if stream is not None and path != "-" else None
        if streamed is not None:
            result.files.append(streamed)
            continue
        data, problem = read_source(path, max_size=max_size)
        source = "<stdin>" if path == "-" else path
        if problem is not None or data is None:
            result.files.append(FileResult(source=source, findings=[problem] if problem else []))
            continue
        base_dir = None if path == "-" else Path(path).parent
        result.files.append(validate_bytes(data, source, base_dir=base_dir, check_samples=check_samples))
    return result


def validate_bytes(
    data: bytes,
    source: str = "<bytes>",
    *,
    syntax: str | None = None,
    base_dir: Path | None = None,
    check_samples: bool = True,
) -> FileResult:
    """Validate one document given as bytes (JSON or YAML)."""
    with paused_gc():
        sidecar = (_sidecar.start(data, syntax or guess_syntax(source, data))
                   if _sidecar.ENABLED and len(data) >= _sidecar.MIN_SIZE else None)
        if sidecar is None:
            document = load_bytes(data, source, syntax)
            result = validate_document(document, base_dir=base_dir, check_samples=check_samples)
        else:
            document, result = _beside(sidecar, data, source, syntax, base_dir, check_samples)
        keep_until_exit(document, result.findings)  # the command line frees no tree and no finding at exit
        return result


def _beside(sidecar: _sidecar.Sidecar, data: bytes, source: str, syntax: str | None, base_dir: Path | None,
            check_samples: bool) -> tuple[Document, FileResult]:
    """``validate_bytes`` with a second process working out part of it (``riskfmt._sidecar``)."""
    from riskfmt._ahead import beside

    with beside(sidecar):
        document = load_bytes(data, source, syntax)
        if document.fast:
            sidecar.bind(document.data)
        else:  # parsed exactly (a key repeats, or the input is broken): the child's report id is not this tree's
            sidecar.close()
        return document, validate_document(document, base_dir=base_dir, check_samples=check_samples)


def validate_document(document: Document, *, base_dir: Path | None = None,
                      check_samples: bool | Callable[..., list[Finding]] = True) -> FileResult:
    """Validate a document ``load_bytes`` has parsed, so that a caller who also needs the data (``riskfmt
    diff``) parses it only once. The findings are the same as ``validate_bytes`` gives. ``check_samples`` may
    also be a function that stands in for the samples-file check (``riskfmt.semantic.check_report``)."""
    source = document.source
    file_result = FileResult(source=source, findings=list(document.findings))
    if not document.parsed:
        return file_result
    try:
        with paused_gc():
            _check(document.data, file_result, base_dir, check_samples, document)
    except Exception as exc:
        if os.environ.get("RISKFMT_DEBUG"):
            raise
        file_result.add(Finding.make("RF900", source, detail=f"{type(exc).__name__}: {exc}"))
    from riskfmt.caps import cap

    file_result.findings = cap(file_result.findings)
    _attach_positions(document, file_result)
    return file_result


def validate_data(data: Any, source: str = "<data>", *, base_dir: Path | None = None,
                  check_samples: bool = True) -> FileResult:
    """Validate an already-parsed document (a dict as json.load returns it). No line numbers.
    ``check_samples=False`` skips opening samples files (an output checked before they are written)."""
    file_result = FileResult(source=source)
    # text never holds NaN or infinity (the loaders refuse them), but Python objects can
    bad = list(_non_finite(data))
    if bad:
        file_result.extend(Finding.make("RF519", source, pointer) for pointer in bad)
        return file_result
    _check(data, file_result, base_dir, check_samples=check_samples)
    return file_result


def _non_finite(data: Any) -> Iterator[str]:
    import math

    from riskfmt._positions import escape_token

    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            yield pointer
        elif isinstance(node, dict):
            stack.extend((v, f"{pointer}/{escape_token(str(k))}") for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))


def _check(data: Any, result: FileResult, base_dir: Path | None, check_samples: bool | Callable[..., list[Finding]],
           document: Document | None = None) -> None:
    from riskfmt import schema_check

    source = result.source
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        result.add(Finding.make("RF201", source))
        return
    kind = data["kind"]
    result.kind = kind
    formats = validated_kinds()
    if kind not in formats:
        result.add(Finding.make("RF202", source, "/kind", kind=kind, known=", ".join(formats)))
        return
    declared = data.get("format_version")
    resolution = resolve_format(kind, declared)
    supported = ", ".join(formats[kind])
    if resolution.code is not None:
        result.add(Finding.make(resolution.code, source, "/format_version", version=declared,
                                supported=supported, known=resolution.use or supported))
    if resolution.use is None:
        return
    result.format_version = resolution.use
    checks = document_checks(kind)
    if checks:
        # the whole-document checks (riskfmt.kinds.DOCUMENT_CHECKS: the leak scan) look at the document whatever
        # its shape, so a leak in an unknown field is named as a leak; they read the text the document came
        # from (raw JSON as is, YAML for its comments)
        raw = None if document is None else (document._raw if document._raw is not None else document.text)
        syntax = "yaml" if document is not None and document.syntax == "yaml" else "json"
        for check in checks:
            result.extend(resolve(check.document)(data, source, raw, syntax))
    schema_findings = schema_check.check(kind, resolution.use, data, source)
    streamed = getattr(document, "row_schema_findings", None)
    if streamed is not None:  # riskfmt.stream: the inline samples, checked row by row as they were read
        schema_findings += streamed()
    result.extend(schema_findings)
    if schema_findings:
        return  # semantic rules assume the shape the schema guarantees
    checker = KINDS[kind].checker
    if checker is not None:
        result.extend(resolve(checker)(data, source, base_dir, resolution.use, check_samples))


def _attach_positions(document: Document, result: FileResult) -> None:
    if not document.parsed:
        return
    source = result.source
    if _place_run(document, result.findings, source):
        return
    # in the findings' order (a dict, not a set), which is most often the text's: read in that order (locate)
    pending = {loc.pointer: None for f in result.findings for loc in (f.location,)
               if loc.line is None and loc.source == source and f.code != "RF102"}
    if not pending:
        return
    positions = document.positions(pending)  # all at once: one walk over the text (riskfmt._positions)
    if positions:
        from riskfmt.findings import place

        place(result.findings, positions.get)  # (the list is this result's own: riskfmt.caps.cap made it)


def _place_run(document: Document, findings: list[Finding], source: str) -> bool:
    """Place a flood of findings (one pointer ``ARRAY/N/KEY`` each, N increasing, none placed yet, all of this
    file) from lists in their order, as the pointers-by-dict way below places them; False for anything else."""
    from riskfmt._positions import RUN_MIN

    if len(findings) < RUN_MIN:
        return False
    from operator import attrgetter

    # (a finding placed already keeps its place there as here: no two share a pointer in a run)
    if (any(map(source.__ne__, map(attrgetter("location.source"), findings)))
            or "RF102" in map(attrgetter("code"), findings)):
        return False
    placed = document.run_positions(list(map(attrgetter("location.pointer"), findings)))
    if placed is None:
        return False
    from riskfmt.findings import place_each

    place_each(findings, *placed)
    return True
