"""``riskfmt corpus index``: validate reports and load the valid ones into a store, one file at a time.

A file is read once: its bytes give the digest that decides whether anything changed, the parsed document
is validated (``riskfmt.validation.validate_document``) and, when valid, turned into rows. A file whose
path and digest are already in the store is skipped without parsing, so re-indexing a folder costs a
lookup per unchanged file.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding, Severity
from riskfmt.kinds import KINDS

__all__ = ["INDEXED_KINDS", "IndexResult", "index_paths"]

# the kinds riskfmt.kinds says how to turn into rows (its ``corpus`` entries); the others are reported (RF904)
INDEXED_KINDS = tuple(kind.name for kind in KINDS.values() if kind.corpus is not None)
_DIRECT_BYTES = 4 << 20
_CHUNK_BYTES = 1 << 20


@dataclass
class IndexResult:
    indexed: int = 0
    replaced: int = 0
    unchanged: int = 0
    not_indexed: int = 0
    samples: int = 0
    findings: list[Finding] = field(default_factory=list)


def index_paths(paths: Iterable[str | os.PathLike[str]], store: Any, *,
                progress: Callable[[str], None] | None = None) -> IndexResult:
    """Index every report under ``paths`` into ``store`` (``store.DuckDBStore`` or ``store.ParquetStore``)."""
    from riskfmt.corpus.vocabulary import resolver
    from riskfmt.loading import read_source
    from riskfmt.validation import expand_paths

    resolve = resolver()
    out = IndexResult()
    store.begin()
    try:
        for path, problem in expand_paths(paths):
            if progress is not None:
                progress(path)
            if problem is not None:
                out.findings.append(problem)
                out.not_indexed += 1
                continue
            data, problem = read_source(path)
            if problem is not None or data is None:
                out.findings.extend([problem] if problem else [])
                out.not_indexed += 1
                continue
            _index_file(path, data, store, resolve, out)
            store.file_done()
        store.commit()
    except BaseException:
        store.rollback()  # an interrupted run leaves the store as it was
        raise
    return out


def _index_file(path: str, data: bytes, store: Any, resolve: Any, out: IndexResult) -> None:
    from riskfmt.corpus.rows import marks_at, report_rows
    from riskfmt.loading import load_bytes, paused_gc
    from riskfmt.validation import validate_document

    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    same = store.unchanged(path, digest)
    if same is not None:
        out.findings.append(Finding.make("RF902", path, report_id=same))
        out.unchanged += 1
        return
    with paused_gc():
        document = load_bytes(data, path)
    doc = document.data if document.parsed else None
    report_id = doc.get("report_id") if isinstance(doc, dict) and isinstance(doc.get("report_id"), str) else None
    kind = doc.get("kind") if isinstance(doc, dict) else None
    if document.parsed and isinstance(doc, dict) and kind not in INDEXED_KINDS:
        found = [Finding.make("RF904", path, "/kind", kind=str(kind))]
        _record(store, path, report_id, found, out)
        out.not_indexed += 1
        return
    read = _SamplesRead()
    result = validate_document(document, base_dir=Path(path).parent, check_samples=read.check)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors or not isinstance(doc, dict) or report_id is None:
        found = [*result.findings, Finding.make("RF901", path, errors=len(errors))]
        _record(store, path, report_id, found, out)
        out.not_indexed += 1
        return
    notes = list(result.findings)
    for old_id, _, old_digest in store.known(path, report_id):
        if old_id == report_id and old_digest == digest:
            out.findings.append(Finding.make("RF902", path, report_id=report_id))
            out.unchanged += 1
            return
    for old_id, old_path, old_digest in store.known(path, report_id):
        store.delete(old_id)
        notes.append(Finding.make("RF903", path, old_id=old_id, old_path=old_path, old_digest=old_digest))
        out.replaced += 1
    rows, files = report_rows(doc, path, digest, resolve)
    key = {"report_id": report_id, "producer": rows["reports"]["producer"][0], "model": rows["reports"]["model"][0]}
    samples = len(rows.get("samples", {}).get("sample_id", []))
    for evaluation_id, relative, pointer in files:
        label, rank = marks_at(doc, pointer)
        constants = {**key, "evaluation_id": evaluation_id, "tlp": label, "tlp_rank": rank}
        checked = read.files.get(f"{pointer}/file")
        if checked is not None:  # the very bytes validation read and checked: no second read, nothing can change
            samples += store.add_samples_bytes(checked[0], checked[1], constants, report_id)
            continue
        try:
            target = Path(path).parent / relative
            # DuckDB's JSON reader streams a file of any size but costs ~10 ms to set up: worth it for big files;
            # a small one is read whole by pyarrow's reader (about a millisecond) and batched with the others
            if hasattr(store, "load_samples_file") and target.stat().st_size > _DIRECT_BYTES:
                samples += store.load_samples_file(target, constants)
            else:
                samples += store.add_samples_file(target, constants, report_id)
        except (OSError, ValueError) as exc:  # the file changed between validation and loading
            store.flush()
            store.delete(report_id)
            _record(store, path, report_id, [Finding.make("RF905", path, pointer, path=relative,
                                                          detail=f"{type(exc).__name__}: {exc}")], out)
            out.not_indexed += 1
            return
    rows["reports"]["samples"] = [samples]
    for table, columns in rows.items():
        store.append(table, columns, report_id)
    store.added(report_id, path, digest)
    _record(store, path, report_id, notes, out)
    out.indexed += 1
    out.samples += samples


class _SamplesRead:
    """Stands in for the samples-file check of validation (``riskfmt.semantic.check_report``): a file of up to
    ``_DIRECT_BYTES`` is read whole, checked from those bytes exactly as ``check_samples_file`` checks it, and the
    bytes are kept, so that its rows are loaded from what was validated, without reading the file again. A larger
    file is checked the usual way, streamed, and loaded by the store's own reader afterwards."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, int]] = {}  # pointer of the file spec -> (bytes, rows of schema shape)

    def check(self, spec: dict[str, Any], pointer: str, source: str, base_dir: Path | None, format_version: str,
              vocab: Any, cited: str, report: dict[str, Any] | None = None) -> list[Finding]:
        from riskfmt.semantic import SamplesFileCheck, check_samples_file

        args = (spec, pointer, source, base_dir, format_version, vocab, cited, report)
        check = SamplesFileCheck.open(*args)
        if isinstance(check, list):
            return check
        with check.target.open("rb") as handle:
            data = handle.read(_DIRECT_BYTES + 1)
        if len(data) > _DIRECT_BYTES:
            return check_samples_file(*args)
        rows, lines = 0, io.BytesIO(data)
        # the lines and chunks of check_samples_file (readlines: split at b"\n" only, about a megabyte at a time)
        while chunk := lines.readlines(_CHUNK_BYTES):
            rows += len(check.feed(chunk))
        found = check.finish()
        self.files[pointer] = (data, rows)
        return found


def _record(store: Any, path: str, report_id: str | None, findings: list[Finding], out: IndexResult) -> None:
    store.forget_findings(path)
    out.findings.extend(findings)
    if not findings:
        return
    store.noted(path)
    columns: dict[str, list[Any]] = {"path": [], "report_id": [], "code": [], "severity": [], "pointer": [],
                                     "message_en": [], "message_zh": []}
    for finding in findings:
        for key, value in (("path", path), ("report_id", report_id), ("code", finding.code),
                           ("severity", finding.severity.label), ("pointer", finding.location.pointer),
                           ("message_en", finding.message("en")), ("message_zh", finding.message("zh"))):
            columns[key].append(value)
    store.append("index_findings", columns)
