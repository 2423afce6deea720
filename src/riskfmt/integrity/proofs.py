"""Checking redacted copies and proving withheld items: the other half of ``riskfmt.integrity.redact``.

``verify_derived`` confirms that a redacted copy is the original minus its withheld items: it withholds the
declared kinds from the original again and compares canonical forms; given the salts, it also checks every
digest. ``reveal`` makes the proof of one item from the owner's salts, ``check_proof`` checks it against the
copy. The ``*_file`` functions are the command line's calls.
"""

from __future__ import annotations

import hmac
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding
from riskfmt.i18n.text import both, params
from riskfmt.integrity import IntegrityError
from riskfmt.integrity.canonical import canonical_bytes, load_document, same_file
from riskfmt.integrity.markings import check_not_weakened, label_at, resolve, where
from riskfmt.integrity.profiles import KINDS
from riskfmt.integrity.withholding import (
    SALT_BYTES,
    SALTS_KIND,
    RowsLoader,
    as_dict,
    as_list,
    copy_document,
    duplicate_records,
    escape_token,
    kind_names,
    refuse,
    rows_loader,
    salted_digest,
    withhold,
)

__all__ = [
    "PROOF_KIND",
    "check_proof",
    "check_proof_file",
    "load_salts",
    "reveal",
    "reveal_file",
    "verify_derived",
    "verify_derived_files",
]

PROOF_KIND = "riskfmt-withheld-proof"
_MAX_DIFFS = 20


def _same_digest(computed: str, recorded: Any) -> bool:
    """Constant-time comparison with a recorded digest of any type (compare_digest refuses non-ASCII str)."""
    return isinstance(recorded, str) and hmac.compare_digest(computed.encode(), recorded.encode("utf-8", "replace"))


def load_salts(path: str | os.PathLike[str]) -> dict[str, str]:
    """pointer -> hex salt from a salts file; ``IntegrityError`` (RF738) when it is not one."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = json.loads(handle.read())
    except FileNotFoundError:
        raise IntegrityError(Finding.make("RF001", name, path=name)) from None
    except (OSError, ValueError):
        raise IntegrityError(Finding.make("RF738", name, path=name,
                                          **params("detail", "not JSON", "integrity"))) from None
    salts = data.get("salts") if isinstance(data, dict) and data.get("kind") == SALTS_KIND else None
    if not isinstance(salts, dict) or not all(isinstance(k, str) and isinstance(v, str) and len(v) == 2 * SALT_BYTES
                                              for k, v in salts.items()):
        raise IntegrityError(Finding.make("RF738", name, path=name, **params("detail",
                                                                             "not a {SALTS_KIND} file", "integrity",
                                                                             SALTS_KIND=SALTS_KIND)))
    try:
        for value in salts.values():
            bytes.fromhex(value)
    except ValueError:
        raise IntegrityError(Finding.make("RF738", name, path=name,
                                          **params("detail", "a salt is not hex", "integrity"))) from None
    return salts


def _diff(a: Any, b: Any, pointer: str = "") -> Iterator[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            child = f"{pointer}/{escape_token(key)}"
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
    # only names can be kinds; anything else in the list already makes it differ from the expected one (RF730)
    named = {k for k in declared if isinstance(k, str)}
    required = set(ALWAYS) | kind_names(before.get("withholds"))
    name = disclosure.get("profile")
    profile = None
    if not (isinstance(name, str) and _PROFILE_NAME.fullmatch(name)):
        out.append(Finding.make("RF730", source, "/disclosure/profile", **where("/disclosure/profile")))
    elif name in profile_names():
        from riskfmt.integrity.profiles import load_profile

        profile = load_profile(name)
        required |= profile.withhold
    # a shipped profile fixes the declaration exactly; a lab's own profile at least to what every one withholds
    expected = [k for k in KINDS if k in (required if profile is not None else named | required)]
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
    disclosure = as_dict(redacted.get("disclosure"))
    before = as_dict(original.get("disclosure"))
    earlier = as_list(before.get("withheld"))
    records = as_list(disclosure.get("withheld"))
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
    copy = copy_document(original, src_original)
    copy_document(redacted, src_redacted)  # the same check: a copy with no canonical form cannot be compared
    items, files = withhold(copy, kind_names(disclosure.get("withholds")), load_rows[0])
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
    disclosure = as_dict(redacted.get("disclosure")) if isinstance(redacted, dict) else {}
    records = as_list(disclosure.get("withheld"))
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
    loaders = (rows_loader(_base(original), names[0]), rows_loader(_base(redacted), names[1]))
    return verify_derived(a, b, salts=load_salts(salts) if salts is not None else None, sources=names,
                          load_rows=loaders, accept_lowered=accept_lowered)


def reveal_file(original: str | os.PathLike[str], salts: str | os.PathLike[str], pointer: str,
                output: str | os.PathLike[str]) -> dict[str, Any]:
    """Write the proof of one item to ``output`` (owner-only: it discloses the item) and return it."""
    from riskfmt.integrity.keys import PRIVATE_MODE
    from riskfmt.io import atomic_write_bytes

    for other in (original, salts):
        if same_file(output, other):
            raise refuse(output, *both("it is an input", "integrity"))
    doc = load_document(original)
    if not isinstance(doc, dict):
        raise IntegrityError(Finding.make("RF201", os.fspath(original)))
    proof = reveal(doc, load_salts(salts), pointer, load_rows=rows_loader(_base(original), os.fspath(original)),
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
