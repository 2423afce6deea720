"""What a redacted copy withholds and how each item is recorded: the one walk that both redaction
(``riskfmt.integrity.redact``) and its verification (``riskfmt.integrity.proofs``) use, the salted digest of
an item, and the rule of one record per withheld item, which validation checks of every report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding
from riskfmt.integrity import IntegrityError
from riskfmt.integrity.canonical import canonical_bytes
from riskfmt.integrity.markings import where

__all__ = [
    "SALTS_KIND",
    "SALT_BYTES",
    "WITHHELD_TEXT",
    "RowsLoader",
    "as_dict",
    "as_list",
    "copy_document",
    "duplicate_records",
    "escape_token",
    "kind_names",
    "refuse",
    "rows_loader",
    "salted_digest",
    "withhold",
]

# a finding's title is required by the format, so a withheld one is replaced by this fixed text
WITHHELD_TEXT = {"en": "[withheld]", "zh": "[已隐去]"}
SALT_BYTES = 32
SALTS_KIND = "riskfmt-redaction-salts"
_SAMPLE_FIELDS = (("input", "sample_input"), ("output", "sample_output"), ("target", "sample_target"),
                  ("input_digest", "sample_digest"), ("output_digest", "sample_digest"))

# the parsed lines of a samples file: each is whatever JSON the line held (a row is a dict when it is valid)
RowsLoader = Callable[[str, dict[str, Any]], "list[Any] | None"]


def salted_digest(salt: bytes, value: Any) -> str:
    """``sha256:`` and HMAC-SHA-256(salt, RFC 8785 canonical JSON of ``value``), in lowercase hex."""
    return "sha256:" + hmac.new(salt, canonical_bytes(value), hashlib.sha256).hexdigest()


def escape_token(token: str) -> str:
    """A key as a JSON-pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def copy_document(doc: Any, source: str = "<data>") -> Any:
    import orjson

    # a structural copy at C speed: reports with 500,000 samples make copy.deepcopy take seconds. Strict
    # integers: digests and comparisons are over RFC 8785 canonical JSON, which has no integer beyond
    # +-2**53, so such a document can be neither redacted nor verified (RF726, an input error), and orjson
    # says so here at C speed instead of failing later (beyond 64 bits it failed with a TypeError: exit 3)
    try:
        return orjson.loads(orjson.dumps(doc, option=orjson.OPT_STRICT_INTEGER))
    except (orjson.JSONEncodeError, TypeError, ValueError) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        raise IntegrityError(Finding.make("RF726", source, detail=detail, detail_zh=detail)) from None


# --------------------------------------------------------------------------------------------------
# withholding: the one walk that both redaction and its verification use
# --------------------------------------------------------------------------------------------------


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def kind_names(value: Any) -> set[str]:
    return {k for k in as_list(value) if isinstance(k, str)}


def withhold(doc: dict[str, Any], kinds: frozenset[str] | set[str], load_rows: RowsLoader | None
              ) -> tuple[list[tuple[str, str, Any]], dict[str, list[dict[str, Any]]]]:
    """Remove every item of ``kinds`` from ``doc`` (in place); return the removed (pointer, kind, value)
    in document order, and the rows of each samples file after removal, by the SampleFile's pointer."""
    items: list[tuple[str, str, Any]] = []
    files: dict[str, list[dict[str, Any]]] = {}

    def take(container: dict[str, Any], key: str, pointer: str, kind: str) -> None:
        if key in container:
            items.append((pointer, kind, container.pop(key)))

    # Any shape is walked without failing (a report that does not validate is refused later, by the
    # validation of the copy, or is simply not derived): only objects are looked into, only lists iterated.
    notes, rationale = "notes" in kinds, "rationale" in kinds
    if notes:
        take(doc, "notes", "/notes", "notes")
    extensions = doc.get("extensions")
    if "extensions" in kinds and isinstance(extensions, dict):
        for key in list(extensions):
            take(extensions, key, f"/extensions/{escape_token(str(key))}", "extensions")
        del doc["extensions"]
    sample_fields = [(name, kind) for name, kind in _SAMPLE_FIELDS if kind in kinds]
    for e_index, evaluation in enumerate(as_list(doc.get("evaluations"))):
        if not isinstance(evaluation, dict):
            continue
        e_ptr = f"/evaluations/{e_index}"
        if notes:
            take(evaluation, "notes", f"{e_ptr}/notes", "notes")
        for r_index, result in enumerate(as_list(evaluation.get("results"))):
            if not isinstance(result, dict):
                continue
            r_ptr = f"{e_ptr}/results/{r_index}"
            if notes:
                take(result, "notes", f"{r_ptr}/notes", "notes")
            if rationale and isinstance(result.get("risk_level"), dict):
                take(result["risk_level"], "rationale", f"{r_ptr}/risk_level/rationale", "rationale")
        for f_index, finding in enumerate(as_list(evaluation.get("findings"))):
            if not isinstance(finding, dict):
                continue
            f_ptr = f"{e_ptr}/findings/{f_index}"
            if "finding_title" in kinds and "title" in finding and finding["title"] != WITHHELD_TEXT:
                items.append((f"{f_ptr}/title", "finding_title", finding["title"]))
                finding["title"] = dict(WITHHELD_TEXT)
            if "finding_description" in kinds:
                take(finding, "description", f"{f_ptr}/description", "finding_description")
            if rationale and isinstance(finding.get("risk_level"), dict):
                take(finding["risk_level"], "rationale", f"{f_ptr}/risk_level/rationale", "rationale")
        samples = evaluation.get("samples")
        if not sample_fields or not isinstance(samples, dict):
            continue
        for s_index, row in enumerate(as_list(samples.get("inline"))):
            if not isinstance(row, dict):
                continue
            for name, kind in sample_fields:
                if name in row:
                    items.append((f"{e_ptr}/samples/inline/{s_index}/{name}", kind, row.pop(name)))
        sample_file = samples.get("file")
        if isinstance(sample_file, dict) and load_rows is not None:
            f_ptr = f"{e_ptr}/samples/file"
            rows = load_rows(f_ptr, sample_file)
            if rows is None:
                continue
            for n, row in enumerate(rows):
                if not isinstance(row, dict):
                    continue
                for name, kind in sample_fields:
                    if name in row:
                        items.append((f"{f_ptr}/rows/{n}/{name}", kind, row.pop(name)))
            files[f_ptr] = rows
    return items, files


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def duplicate_records(doc: Any, source: str) -> list[Finding]:
    """RF740 for every pointer with more than one ``disclosure.withheld`` record (at each extra record). One
    record per item is what makes a proof unambiguous: with two, a verification and a proof check could
    each pick a different one, and an invented value would be "proven".

    .. versionadded:: 0.2
    """
    disclosure = as_dict(doc.get("disclosure")) if isinstance(doc, dict) else {}
    records = disclosure.get("withheld")
    if not isinstance(records, list):
        return []
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index, record in enumerate(records):
        pointer = record.get("pointer") if isinstance(record, dict) else None
        if isinstance(pointer, str):
            first.setdefault(pointer, index)
            counts[pointer] = counts.get(pointer, 0) + 1
    out = []
    for index, record in enumerate(records):
        pointer = record.get("pointer") if isinstance(record, dict) else None
        if isinstance(pointer, str) and counts[pointer] > 1 and first[pointer] != index:
            out.append(Finding.make("RF740", source, f"/disclosure/withheld/{index}/pointer", **where(pointer),
                                    count=counts[pointer], first=first[pointer]))
    return out


def refuse(path: str | os.PathLike[str], reason: str, reason_zh: str) -> IntegrityError:
    """RF729: an output that must not be written (an input, or the salts beside the copy)."""
    name = os.fspath(path)
    return IntegrityError(Finding.make("RF729", name, path=name, reason=reason, reason_zh=reason_zh))


def rows_loader(base_dir: Path, source: str) -> RowsLoader:
    """Reads the samples files a report in ``base_dir`` names; a path leaving that folder is RF518."""
    def load(pointer: str, sample_file: dict[str, Any]) -> list[Any]:
        name = sample_file.get("path")
        if not isinstance(name, str) or name.startswith("/") or ".." in Path(name).parts:
            raise IntegrityError(Finding.make("RF518", source, pointer, path=name))
        path = base_dir / name
        try:
            with path.open("rb") as handle:
                return [json.loads(line) for line in handle if line.strip()]
        except FileNotFoundError:
            raise IntegrityError(Finding.make("RF509", source, pointer, path=name)) from None
        except (OSError, ValueError) as exc:
            raise IntegrityError(Finding.make("RF003", str(path), reason=str(exc))) from None
    return load
