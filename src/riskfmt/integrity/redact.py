"""Shareable copies: withheld content replaced by salted digests that the owner can later prove.

``redact`` removes every item of the kinds a profile names (sample inputs, outputs and targets always) and
records each as ``{pointer, kind, digest, reason}`` under ``disclosure.withheld``. The digest is
HMAC-SHA-256 keyed with a fresh random 32-byte salt of that item alone, over the RFC 8785 canonical JSON of
the removed value. The salts go to a separate, owner-only file: without them a reader cannot confirm a guess
of even a one-word answer; with one salt the owner proves one item (``reveal``/``check_proof``) and nothing
else. Samples, results and findings all stay, so counts and aggregates remain checkable.

Checking a copy against its original and proving an item are in ``riskfmt.integrity.proofs``, the walk both
use in ``riskfmt.integrity.withholding``; their public names are offered here too. Markings are carried
over, never weakened (``markings.carry``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding, Severity
from riskfmt.i18n.text import both
from riskfmt.integrity import IntegrityError, output_mode
from riskfmt.integrity.canonical import load_document, same_file
from riskfmt.integrity.markings import carry, relabel, resolve
from riskfmt.integrity.profiles import KINDS, Profile
from riskfmt.integrity.proofs import (
    PROOF_KIND,
    check_proof,
    check_proof_file,
    load_salts,
    reveal,
    reveal_file,
    verify_derived,
    verify_derived_files,
)
from riskfmt.integrity.withholding import (
    SALT_BYTES,
    SALTS_KIND,
    WITHHELD_TEXT,
    RowsLoader,
    as_list,
    copy_document,
    duplicate_records,
    kind_names,
    refuse,
    rows_loader,
    salted_digest,
    withhold,
)

__all__ = [
    "PROOF_KIND",
    "SALTS_KIND",
    "WITHHELD_TEXT",
    "Redaction",
    "RedactionOutcome",
    "check_proof",
    "check_proof_file",
    "duplicate_records",
    "load_salts",
    "redact",
    "redact_file",
    "reveal",
    "reveal_file",
    "salted_digest",
    "verify_derived",
    "verify_derived_files",
]


@dataclass
class Redaction:
    """A shareable copy (``document``), the salts the owner keeps (pointer -> hex), findings about markings,
    and the redacted rows of each samples file (by the SampleFile's pointer), still to be written."""

    document: dict[str, Any]
    salts: dict[str, str]
    findings: list[Finding] = field(default_factory=list)
    sample_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def withheld(self) -> list[dict[str, Any]]:
        return list((self.document.get("disclosure") or {}).get("withheld") or [])


def redact(doc: dict[str, Any], profile: Profile, *, source: str = "<data>", load_rows: RowsLoader | None = None,
           salts: dict[str, str] | None = None, tlp: str | None = None, allow_lower: bool = False) -> Redaction:
    """A shareable copy of a parsed report, made by ``profile``. ``doc`` is not changed.

    ``salts`` (pointer -> hex) reuses known salts, for reproducing a redaction; every other item gets a
    fresh random salt. ``tlp`` relabels the copy (lowering needs ``allow_lower``, and is reported);
    otherwise the copy carries the original's markings unchanged.

    .. versionadded:: 0.1
    """
    copy = copy_document(doc, source)
    items, files = withhold(copy, profile.withhold, load_rows)
    used: dict[str, str] = {}
    records = []
    for pointer, kind, value in items:
        known = (salts or {}).get(pointer)
        salt = bytes.fromhex(known) if known else os.urandom(SALT_BYTES)
        used[pointer] = salt.hex()
        records.append({"pointer": pointer, "kind": kind, "digest": salted_digest(salt, value),
                        "reason": profile.reason})
    earlier = copy.get("disclosure") if isinstance(copy.get("disclosure"), dict) else {}
    declared = kind_names(earlier.get("withholds")) | set(profile.withhold)
    disclosure: dict[str, Any] = {"withholds": [k for k in KINDS if k in declared], "profile": profile.name}
    withheld = as_list(earlier.get("withheld")) + records
    if withheld:
        disclosure["withheld"] = withheld
    copy["disclosure"] = disclosure
    carry(doc, copy)
    findings = relabel(copy, tlp, allow_lower=allow_lower, source=source) if tlp else []
    return Redaction(copy, used, findings, files)


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _dump(doc: Any, path: Path) -> bytes:
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        from riskfmt.yaml12 import yaml12_safe_dumper

        text: str = yaml.dump(doc, Dumper=yaml12_safe_dumper(), allow_unicode=True, sort_keys=False, width=120)
        return text.encode("utf-8")
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class RedactionOutcome:
    """What ``redact_file`` wrote, or why it wrote nothing (``findings`` with errors)."""

    output: Path
    salts: Path
    samples: list[Path]
    findings: list[Finding]
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not any(f.severity == Severity.ERROR for f in self.findings)


def default_salts_path(output: str | os.PathLike[str]) -> Path:
    out = Path(output)
    return out.with_name(out.name + ".salts.json")


def redact_file(path: str | os.PathLike[str], profile: Profile, output: str | os.PathLike[str], *,
                salts_path: str | os.PathLike[str] | None = None, tlp: str | None = None,
                allow_lower: bool = False) -> RedactionOutcome:
    """Redact the report in ``path`` into ``output`` (JSON, or YAML by suffix), its samples files next to it,
    and the salts into ``salts_path`` (default ``OUTPUT.salts.json``, mode 0600). Nothing is written over an
    input, and nothing at all when the copy would not validate (for example, when a kept field leaks).

    .. versionadded:: 0.1
    """
    from riskfmt.integrity.keys import PRIVATE_MODE
    from riskfmt.io import atomic_write_bytes
    from riskfmt.validation import validate_data

    source, out = os.fspath(path), Path(output)
    salts_file = Path(salts_path) if salts_path is not None else default_salts_path(out)
    for target in (out, salts_file):
        if source != "-" and same_file(target, source):
            raise refuse(target, *both("it is the input", "integrity"))
    if same_file(out, salts_file):
        raise refuse(out, *both("the salts must go to a separate file", "integrity"))
    doc = load_document(path)
    if not isinstance(doc, dict):
        raise IntegrityError(Finding.make("RF201", source))
    base = Path(source).parent if source != "-" else Path.cwd()
    red = redact(doc, profile, source=str(out), load_rows=rows_loader(base, source), tlp=tlp,
                 allow_lower=allow_lower)
    out.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for pointer, rows in red.sample_rows.items():
            sample_file = resolve(red.document, pointer)[1]
            original = Path(sample_file["path"])
            name = f"{original.name.removesuffix('.jsonl')}.{profile.name}.jsonl"
            target = out.parent / name
            if same_file(target, base / original):
                raise refuse(target, *both("it is the input's samples file", "integrity"))
            body = _jsonl(rows)
            atomic_write_bytes(target, body, mode=output_mode())
            written.append(target)
            sample_file.update(path=name, digest="sha256:" + hashlib.sha256(body).hexdigest(), rows=len(rows))
        result = validate_data(red.document, source=str(out), base_dir=out.parent)
        findings = list(red.findings) + list(result.findings)
        counts: dict[str, int] = {}
        for record in red.withheld:
            counts[record["kind"]] = counts.get(record["kind"], 0) + 1
        outcome = RedactionOutcome(out, salts_file, written, findings, counts)
        if not outcome.ok:
            raise _Abort(outcome)
        salts_doc = {"kind": SALTS_KIND, "format_version": "1.0", "profile": profile.name,
                     "report_id": red.document.get("report_id"), "salts": red.salts}
        # the salts first and owner-only: a crash between the two writes must not leave an unprovable copy
        atomic_write_bytes(salts_file, (json.dumps(salts_doc, indent=1) + "\n").encode("utf-8"), mode=PRIVATE_MODE)
        atomic_write_bytes(out, _dump(red.document, out), mode=output_mode())
        return outcome
    except _Abort as abort:
        _remove(written)
        return abort.outcome
    except BaseException:
        _remove(written)
        raise


class _Abort(Exception):
    def __init__(self, outcome: RedactionOutcome) -> None:
        self.outcome = outcome


def _remove(paths: list[Path]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()
