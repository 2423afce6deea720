"""Shareable copies: withheld content replaced by salted digests that the owner can later prove.

``redact`` removes every item of the kinds a profile names (sample inputs, outputs and targets always) and
records each as ``{pointer, kind, digest, reason}`` under ``disclosure.withheld``. The digest is
HMAC-SHA-256 keyed with a fresh random 32-byte salt of that item alone, over the RFC 8785 canonical JSON of
the removed value. The salts go to a separate, owner-only file: without them a reader cannot confirm a guess
of even a one-word answer; with one salt the owner proves one item (``reveal``/``check_proof``) and nothing
else. Samples, results and findings all stay, so counts and aggregates remain checkable.

``verify_derived`` confirms that a redacted copy is the original minus its withheld items: it withholds the
declared kinds from the original again and compares canonical forms; given the salts, it also checks every
digest. Markings are carried over, never weakened (``markings.carry``).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding, Severity
from riskfmt.integrity import IntegrityError, output_mode
from riskfmt.integrity.canonical import canonical_bytes, load_document, same_file
from riskfmt.integrity.markings import carry, check_not_weakened, label_at, relabel, resolve, where
from riskfmt.integrity.profiles import KINDS, Profile

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

# a finding's title is required by the format, so a withheld one is replaced by this fixed text
WITHHELD_TEXT = {"en": "[withheld]", "zh": "[已隐去]"}
SALT_BYTES = 32
SALTS_KIND = "riskfmt-redaction-salts"
PROOF_KIND = "riskfmt-withheld-proof"
_SAMPLE_FIELDS = (("input", "sample_input"), ("output", "sample_output"), ("target", "sample_target"),
                  ("input_digest", "sample_digest"), ("output_digest", "sample_digest"))
_MAX_DIFFS = 20

# the parsed lines of a samples file: each is whatever JSON the line held (a row is a dict when it is valid)
RowsLoader = Callable[[str, dict[str, Any]], "list[Any] | None"]


def _same_digest(computed: str, recorded: Any) -> bool:
    """Constant-time comparison with a recorded digest of any type (compare_digest refuses non-ASCII str)."""
    return isinstance(recorded, str) and hmac.compare_digest(computed.encode(), recorded.encode("utf-8", "replace"))


def salted_digest(salt: bytes, value: Any) -> str:
    """``sha256:`` and HMAC-SHA-256(salt, RFC 8785 canonical JSON of ``value``), in lowercase hex."""
    return "sha256:" + hmac.new(salt, canonical_bytes(value), hashlib.sha256).hexdigest()


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _copy(doc: Any, source: str = "<data>") -> Any:
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


def _seq(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _kinds(value: Any) -> set[str]:
    return {k for k in _seq(value) if isinstance(k, str)}


def _withhold(doc: dict[str, Any], kinds: frozenset[str] | set[str], load_rows: RowsLoader | None
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
            take(extensions, key, f"/extensions/{_escape(str(key))}", "extensions")
        del doc["extensions"]
    sample_fields = [(name, kind) for name, kind in _SAMPLE_FIELDS if kind in kinds]
    for e_index, evaluation in enumerate(_seq(doc.get("evaluations"))):
        if not isinstance(evaluation, dict):
            continue
        e_ptr = f"/evaluations/{e_index}"
        if notes:
            take(evaluation, "notes", f"{e_ptr}/notes", "notes")
        for r_index, result in enumerate(_seq(evaluation.get("results"))):
            if not isinstance(result, dict):
                continue
            r_ptr = f"{e_ptr}/results/{r_index}"
            if notes:
                take(result, "notes", f"{r_ptr}/notes", "notes")
            if rationale and isinstance(result.get("risk_level"), dict):
                take(result["risk_level"], "rationale", f"{r_ptr}/risk_level/rationale", "rationale")
        for f_index, finding in enumerate(_seq(evaluation.get("findings"))):
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
        for s_index, row in enumerate(_seq(samples.get("inline"))):
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


# --------------------------------------------------------------------------------------------------
# redaction
# --------------------------------------------------------------------------------------------------


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
    copy = _copy(doc, source)
    items, files = _withhold(copy, profile.withhold, load_rows)
    used: dict[str, str] = {}
    records = []
    for pointer, kind, value in items:
        known = (salts or {}).get(pointer)
        salt = bytes.fromhex(known) if known else os.urandom(SALT_BYTES)
        used[pointer] = salt.hex()
        records.append({"pointer": pointer, "kind": kind, "digest": salted_digest(salt, value),
                        "reason": profile.reason})
    earlier = copy.get("disclosure") if isinstance(copy.get("disclosure"), dict) else {}
    declared = _kinds(earlier.get("withholds")) | set(profile.withhold)
    disclosure: dict[str, Any] = {"withholds": [k for k in KINDS if k in declared], "profile": profile.name}
    withheld = _seq(earlier.get("withheld")) + records
    if withheld:
        disclosure["withheld"] = withheld
    copy["disclosure"] = disclosure
    carry(doc, copy)
    findings = relabel(copy, tlp, allow_lower=allow_lower, source=source) if tlp else []
    return Redaction(copy, used, findings, files)


def _refuse(path: str | os.PathLike[str], reason: str, reason_zh: str) -> IntegrityError:
    name = os.fspath(path)
    return IntegrityError(Finding.make("RF729", name, path=name, reason=reason, reason_zh=reason_zh))


def _rows_loader(base_dir: Path, source: str) -> RowsLoader:
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
            raise _refuse(target, "it is the input", "这是输入文件")
    if same_file(out, salts_file):
        raise _refuse(out, "the salts must go to a separate file", "盐值必须写入单独的文件")
    doc = load_document(path)
    if not isinstance(doc, dict):
        raise IntegrityError(Finding.make("RF201", source))
    base = Path(source).parent if source != "-" else Path.cwd()
    red = redact(doc, profile, source=str(out), load_rows=_rows_loader(base, source), tlp=tlp,
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
                raise _refuse(target, "it is the input's samples file", "这是输入的样本文件")
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


# --------------------------------------------------------------------------------------------------
# salts, proofs and verification
# --------------------------------------------------------------------------------------------------


def load_salts(path: str | os.PathLike[str]) -> dict[str, str]:
    """pointer -> hex salt from a salts file; ``IntegrityError`` (RF738) when it is not one."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = json.loads(handle.read())
    except FileNotFoundError:
        raise IntegrityError(Finding.make("RF001", name, path=name)) from None
    except (OSError, ValueError):
        raise IntegrityError(Finding.make("RF738", name, path=name, detail="not JSON", detail_zh="不是 JSON")) from None
    salts = data.get("salts") if isinstance(data, dict) and data.get("kind") == SALTS_KIND else None
    if not isinstance(salts, dict) or not all(isinstance(k, str) and isinstance(v, str) and len(v) == 2 * SALT_BYTES
                                              for k, v in salts.items()):
        raise IntegrityError(Finding.make("RF738", name, path=name, detail=f"not a {SALTS_KIND} file",
                                          detail_zh=f"不是 {SALTS_KIND} 文件"))
    try:
        for value in salts.values():
            bytes.fromhex(value)
    except ValueError:
        raise IntegrityError(Finding.make("RF738", name, path=name, detail="a salt is not hex",
                                          detail_zh="有盐值不是十六进制")) from None
    return salts


def _diff(a: Any, b: Any, pointer: str = "") -> Iterator[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            child = f"{pointer}/{_escape(key)}"
            if key not in a or key not in b:
                yield child
            else:
                yield from _diff(a[key], b[key], child)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, f"{pointer}/{index}")
    elif canonical_bytes(a) != canonical_bytes(b):
        yield pointer


def _value_at(doc: Any, pointer: str, load_rows: RowsLoader | None) -> tuple[bool, Any]:
    if "/samples/file/rows/" in pointer and load_rows is not None:
        file_ptr, rest = pointer.split("/rows/", 1)
        found, sample_file = resolve(doc, file_ptr)
        rows = load_rows(file_ptr, sample_file) if found and isinstance(sample_file, dict) else None
        return resolve(rows, "/" + rest) if rows is not None else (False, None)
    return resolve(doc, pointer)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def duplicate_records(doc: Any, source: str) -> list[Finding]:
    """RF740 for every pointer with more than one ``disclosure.withheld`` record (at each extra record). One
    record per item is what makes a proof unambiguous: with two, a verification and a proof check could
    each pick a different one, and an invented value would be "proven".

    .. versionadded:: 0.2
    """
    disclosure = _mapping(doc.get("disclosure")) if isinstance(doc, dict) else {}
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


_RECORD_KEYS = frozenset({"pointer", "kind", "digest", "reason"})
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
_PROFILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")  # the schema's pattern


def _well_formed(marking: Any) -> bool:
    from riskfmt.integrity.markings import TLP_LEVELS

    if not isinstance(marking, dict) or marking.get("tlp") not in TLP_LEVELS:
        return False
    granular = marking.get("granular", [])
    return isinstance(granular, list) and all(
        isinstance(e, dict) and e.get("tlp") in TLP_LEVELS and isinstance(e.get("selectors"), list)
        and e["selectors"] and all(isinstance(x, str) for x in e["selectors"]) for e in granular)


def _declaration(before: dict[str, Any], disclosure: dict[str, Any], fresh: list[tuple[int, Any]],
                 source: str) -> list[Finding]:
    """What a copy declares must be what ``redact`` writes: the withheld kinds in the order of ``KINDS``,
    at least the earlier copy's and the ones every profile withholds (all of a shipped profile's, when the
    copy names one), one reason for the new records (the profile's), and nothing else in a record."""
    from riskfmt.integrity.profiles import ALWAYS, profile_names

    out: list[Finding] = []
    declared = disclosure.get("withholds")
    declared = declared if isinstance(declared, list) else []
    required = set(ALWAYS) | _kinds(before.get("withholds"))
    name = disclosure.get("profile")
    profile = None
    if not (isinstance(name, str) and _PROFILE_NAME.fullmatch(name)):
        out.append(Finding.make("RF730", source, "/disclosure/profile", **where("/disclosure/profile")))
    elif name in profile_names():
        from riskfmt.integrity.profiles import load_profile

        profile = load_profile(name)
        required |= profile.withhold
    # a shipped profile fixes the declaration exactly; a lab's own profile at least to what every one withholds
    expected = [k for k in KINDS if k in (required if profile is not None else set(declared) | required)]
    if declared != expected:
        out.append(Finding.make("RF730", source, "/disclosure/withholds", **where("/disclosure/withholds")))
    reasons = {str(r.get("reason")) for _, r in fresh}
    if len(reasons) > 1 or (profile is not None and reasons and reasons != {profile.reason}):
        wanted = profile.reason if profile is not None else str(fresh[0][1].get("reason"))
        out.extend(Finding.make("RF730", source, f"/disclosure/withheld/{i}/reason",
                                **where(f"/disclosure/withheld/{i}/reason"))
                   for i, r in fresh if str(r.get("reason")) != wanted)
    out.extend(Finding.make("RF730", source, f"/disclosure/withheld/{i}", **where(f"/disclosure/withheld/{i}"))
               for i, r in fresh if set(r) - _RECORD_KEYS)
    # redact writes these three keys and no other: anything else in the block is not derived (found by the
    # mutation property test: `seq: null` added to the block verified)
    out.extend(Finding.make("RF730", source, f"/disclosure/{key}", **where(f"/disclosure/{key}"))
               for key in sorted(set(disclosure) - {"withholds", "profile", "withheld"}, key=str))
    # the form of a digest is checkable without the salts: what salted_digest writes, and nothing else
    out.extend(Finding.make("RF730", source, f"/disclosure/withheld/{i}/digest",
                            **where(f"/disclosure/withheld/{i}/digest"))
               for i, r in fresh if not (isinstance(r.get("digest"), str) and _DIGEST.fullmatch(r["digest"])))
    return out


def verify_derived(original: dict[str, Any], redacted: dict[str, Any], *, salts: dict[str, str] | None = None,
                   sources: tuple[str, str] = ("<original>", "<redacted>"),
                   load_rows: tuple[RowsLoader | None, RowsLoader | None] = (None, None),
                   accept_lowered: bool = False) -> list[Finding]:
    """Findings on whether ``redacted`` is ``original`` minus withheld items (no errors: it is).

    The copy has one form only: exactly one record per withheld item (RF740), in the order of the original
    (RF742), each of the kind the item has there (RF743); given the salts, every digest is checked (RF731).
    A marking weaker anywhere than the original's is not derived (RF741) unless ``accept_lowered`` (the
    owner lowered it on purpose, ``redact --tlp ... --lower-marking``): then it is a warning (RF712).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 duplicate, reordered and re-kinded records and lowered markings fail.
    """
    src_original, src_redacted = sources
    out: list[Finding] = []
    disclosure = _mapping(redacted.get("disclosure"))
    before = _mapping(original.get("disclosure"))
    earlier = _seq(before.get("withheld"))
    records = _seq(disclosure.get("withheld"))
    if "withheld" in disclosure and not isinstance(disclosure["withheld"], list):
        out.append(Finding.make("RF730", src_redacted, "/disclosure/withheld", **where("/disclosure/withheld")))
    out.extend(duplicate_records(redacted, src_redacted))
    if records[: len(earlier)] != earlier:
        out.append(Finding.make("RF730", src_redacted, "/disclosure/withheld", **where("/disclosure/withheld")))
    fresh = [(len(earlier) + i, r) for i, r in enumerate(records[len(earlier):]) if isinstance(r, dict)]
    out.extend(Finding.make("RF730", src_redacted, f"/disclosure/withheld/{i}", **where(f"/disclosure/withheld/{i}"))
               for i, r in enumerate(records) if not isinstance(r, dict))
    new_records = {str(r.get("pointer")): r for _, r in fresh}
    out.extend(_declaration(before, disclosure, fresh, src_redacted))
    if not _well_formed(redacted.get("marking")):  # a raised label is fine; a marking that means nothing is not
        out.append(Finding.make("RF730", src_redacted, "/marking", **where("/marking")))
    copy = _copy(original, src_original)
    _copy(redacted, src_redacted)  # the same check: a copy with no canonical form cannot be compared
    items, files = _withhold(copy, _kinds(disclosure.get("withholds")), load_rows[0])
    removed = {pointer: value for pointer, _, value in items}
    kinds = {pointer: kind for pointer, kind, _ in items}
    for pointer in new_records:
        if pointer not in removed:
            out.append(Finding.make("RF732", src_redacted, "/disclosure/withheld", **where(pointer)))
    missing = [p for p in removed if p not in new_records]
    out.extend(Finding.make("RF730", src_redacted, p, **where(p)) for p in missing[:_MAX_DIFFS])
    # one form: the records of the items withheld, in the order the original holds them, with their kinds
    expected = [p for p, _, _ in items if p in new_records]
    listed = [(i, str(r.get("pointer"))) for i, r in fresh if str(r.get("pointer")) in removed]
    for (index, named), wanted in zip(listed, expected, strict=False):
        if named != wanted:
            out.append(Finding.make("RF742", src_redacted, f"/disclosure/withheld/{index}/pointer", index=index,
                                    found=named, expected=wanted))
            break  # one misplaced record shifts all that follow: the first says it
    for index, record in fresh:
        pointer = str(record.get("pointer"))
        if pointer in kinds and record.get("kind") != kinds[pointer]:
            out.append(Finding.make("RF743", src_redacted, f"/disclosure/withheld/{index}/kind", **where(pointer),
                                    found=str(record.get("kind")), expected=kinds[pointer]))
    for pointer, rows in files.items():
        found, redacted_file = resolve(redacted, pointer)
        loader = load_rows[1]
        theirs = loader(pointer, redacted_file) if found and isinstance(redacted_file, dict) and loader else None
        if theirs != rows:
            out.append(Finding.make("RF730", src_redacted, pointer, **where(pointer)))
        parent, key = pointer.rsplit("/", 1)
        resolve(copy, parent)[1][key] = redacted_file  # its new name and digest are expected to differ
    for lowered in check_not_weakened(original, redacted, src_redacted, allow_lower=True):
        if accept_lowered:
            out.append(lowered)
        else:
            out.append(Finding.make("RF741", src_redacted, lowered.location.pointer, **where(lowered.location.pointer),
                                    before=lowered.params["before"], after=lowered.params["after"]))
    copy["marking"] = redacted.get("marking")
    if "disclosure" in redacted:
        copy["disclosure"] = redacted["disclosure"]
    else:
        copy.pop("disclosure", None)
    if canonical_bytes(copy) != canonical_bytes(redacted):
        for pointer in list(_diff(copy, redacted))[:_MAX_DIFFS]:
            out.append(Finding.make("RF730", src_redacted, pointer, **where(pointer)))
    if salts is None:
        if new_records:
            out.append(Finding.make("RF734", src_redacted, "/disclosure/withheld", count=len(new_records)))
        return out
    for _, record in fresh:
        pointer = str(record.get("pointer"))
        if pointer not in removed:
            continue
        salt = salts.get(pointer)
        if salt is None:
            out.append(Finding.make("RF733", src_original, **where(pointer)))
        elif not _same_digest(salted_digest(bytes.fromhex(salt), removed[pointer]), record.get("digest")):
            out.append(Finding.make("RF731", src_redacted, pointer, **where(pointer)))
    return out


def reveal(original: dict[str, Any], salts: dict[str, str], pointer: str, *,
           load_rows: RowsLoader | None = None, source: str = "<original>") -> dict[str, Any]:
    """A proof of one withheld item: its value, its salt and its digest, marked with the label the item had
    in the original (the proof discloses it). Raises ``IntegrityError`` when the item or its salt is unknown.

    .. versionadded:: 0.1
    """
    salt = salts.get(pointer)
    if salt is None:
        raise IntegrityError(Finding.make("RF733", source, **where(pointer)))
    found, value = _value_at(original, pointer, load_rows)
    if not found:
        raise IntegrityError(Finding.make("RF732", source, **where(pointer)))
    label_pointer = pointer.split("/rows/", 1)[0] if "/samples/file/rows/" in pointer else pointer
    return {
        "kind": PROOF_KIND,
        "format_version": "1.0",
        "marking": {"tlp": label_at(original, label_pointer)},
        "pointer": pointer,
        "value": value,
        "salt": salt,
        "digest": salted_digest(bytes.fromhex(salt), value),
    }


def check_proof(proof: Any, redacted: Any, *, source: str = "<proof>",
                redacted_source: str = "<redacted>") -> list[Finding]:
    """Findings on a proof against a redacted copy (none: the revealed value is the withheld item).

    A copy with more than one record for a pointer proves nothing (RF740): which record a proof is checked
    against must not be a matter of choice.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 copies with duplicate records are refused.
    """
    if not isinstance(proof, dict) or proof.get("kind") != PROOF_KIND or not isinstance(proof.get("pointer"), str):
        return [Finding.make("RF735", source, **where("?"))]
    pointer = proof["pointer"]
    disclosure = _mapping(redacted.get("disclosure")) if isinstance(redacted, dict) else {}
    records = _seq(disclosure.get("withheld"))
    duplicates = duplicate_records(redacted, redacted_source)
    if duplicates:
        return duplicates
    record = next((r for r in records if isinstance(r, dict) and r.get("pointer") == pointer), None)
    if record is None:
        return [Finding.make("RF736", redacted_source, "/disclosure/withheld", **where(pointer))]
    salt_text = proof.get("salt")
    try:
        salt = bytes.fromhex(salt_text) if isinstance(salt_text, str) else b""
        digest = salted_digest(salt, proof.get("value"))
    except (ValueError, TypeError, IntegrityError):
        return [Finding.make("RF735", source, **where(pointer))]
    if len(salt) != SALT_BYTES or not _same_digest(digest, record.get("digest")):
        return [Finding.make("RF735", source, **where(pointer))]
    return []


# ---- file-level wrappers (the CLI's calls) ---------------------------------------------------------


def _base(path: str | os.PathLike[str]) -> Path:
    return Path(os.fspath(path)).parent if os.fspath(path) != "-" else Path.cwd()


def verify_derived_files(original: str | os.PathLike[str], redacted: str | os.PathLike[str], *,
                         salts: str | os.PathLike[str] | None = None, accept_lowered: bool = False) -> list[Finding]:
    """``verify_derived`` on two files (their samples files are read from beside them)."""
    a, b = load_document(original), load_document(redacted)
    names = (os.fspath(original), os.fspath(redacted))
    for doc, name in ((a, names[0]), (b, names[1])):
        if not isinstance(doc, dict):
            raise IntegrityError(Finding.make("RF201", name))
    loaders = (_rows_loader(_base(original), names[0]), _rows_loader(_base(redacted), names[1]))
    return verify_derived(a, b, salts=load_salts(salts) if salts is not None else None, sources=names,
                          load_rows=loaders, accept_lowered=accept_lowered)


def reveal_file(original: str | os.PathLike[str], salts: str | os.PathLike[str], pointer: str,
                output: str | os.PathLike[str]) -> dict[str, Any]:
    """Write the proof of one item to ``output`` (owner-only: it discloses the item) and return it."""
    from riskfmt.integrity.keys import PRIVATE_MODE
    from riskfmt.io import atomic_write_bytes

    for other in (original, salts):
        if same_file(output, other):
            raise _refuse(output, "it is an input", "这是输入文件")
    doc = load_document(original)
    if not isinstance(doc, dict):
        raise IntegrityError(Finding.make("RF201", os.fspath(original)))
    proof = reveal(doc, load_salts(salts), pointer, load_rows=_rows_loader(_base(original), os.fspath(original)),
                   source=os.fspath(original))
    atomic_write_bytes(output, (json.dumps(proof, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
                       mode=PRIVATE_MODE)
    return proof


def check_proof_file(proof: str | os.PathLike[str], redacted: str | os.PathLike[str]
                     ) -> tuple[list[Finding], str | None]:
    """``check_proof`` on two files (JSON or YAML, ``-`` for standard input): the findings, and the pointer
    the proof is about (None when it names none)."""
    document = load_document(proof)
    doc = load_document(redacted)
    pointer = document.get("pointer") if isinstance(document, dict) else None
    findings = check_proof(document, doc, source=os.fspath(proof), redacted_source=os.fspath(redacted))
    return findings, pointer if isinstance(pointer, str) else None
