"""Detached signatures: a DSSE envelope whose payload is an in-toto Statement over the canonical digest.

The envelope is the one compliance-trestle's ``trestle sign`` writes (payload type
``application/vnd.in-toto+json``; the Statement's single subject carries the RFC 8785 digest of the document;
the predicate names the canonicalisation, digest algorithm and digest source), so each tool verifies the
other's signatures. The predicate type is trestle's, because trestle's verifier accepts no other and the
predicate says nothing OSCAL-specific: "this digest is of the canonical JSON".

Because the signed digest is of the canonical form, re-indenting, re-ordering keys or converting the file
between JSON and YAML keeps the signature valid; changing any value breaks it.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from riskfmt.findings import Finding
from riskfmt.i18n.text import both, params
from riskfmt.integrity import IntegrityError, output_mode
from riskfmt.integrity.canonical import ALGORITHMS, canonical_bytes, load_document, same_file

if TYPE_CHECKING:  # pragma: no cover
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "PAYLOAD_TYPE",
    "PREDICATE_TYPE",
    "STATEMENT_TYPE",
    "Verification",
    "dump_envelope",
    "load_envelope",
    "pae",
    "sign",
    "sign_file",
    "statement",
    "verify",
    "verify_file",
]

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://oscal-compass.github.io/compliance-trestle/predicates/oscal-signing/v1"
CANONICALIZATION = "RFC8785"
DIGEST_SOURCE = "canonical-json"
MAX_SIGNATURES = 16  # as trestle: an envelope with thousands of entries is an attack on the verifier
# digest names trestle may write (its --digest-algorithm choices, in in-toto spelling), all known to hashlib
_VERIFIABLE = (*ALGORITHMS, "sha224", "sha3_224", "sha3_256", "sha3_384", "sha3_512")


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE pre-authentication encoding: what is actually signed."""
    kind = payload_type.encode("utf-8")
    return b" ".join([b"DSSEv1", str(len(kind)).encode(), kind, str(len(payload)).encode(), payload])


def statement(subject_name: str, digest_hex: str, algorithm: str = "sha256") -> dict[str, Any]:
    """The in-toto Statement v1 for one document's canonical digest."""
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": subject_name, "digest": {algorithm: digest_hex}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "canonicalization": CANONICALIZATION,
            "digestAlgorithm": algorithm,
            "digestSource": DIGEST_SOURCE,
            "tool": "riskfmt",
        },
    }


def sign(document: Any, private_key: Ed25519PrivateKey, *, subject_name: str = "document.json",
         algorithm: str = "sha256", source: str = "<data>") -> dict[str, Any]:
    """A DSSE envelope signing the canonical digest of a parsed document.

    .. versionadded:: 0.1
    """
    import hashlib

    from riskfmt.integrity.keys import key_id

    if algorithm not in ALGORITHMS:
        raise ValueError(f"unsupported digest algorithm {algorithm!r}")
    digest_hex = hashlib.new(algorithm, canonical_bytes(document, source)).hexdigest()
    payload = canonical_bytes(statement(subject_name, digest_hex, algorithm))
    signature = private_key.sign(pae(PAYLOAD_TYPE, payload))
    return {
        "payload": base64.b64encode(payload).decode("ascii"),
        "payloadType": PAYLOAD_TYPE,
        "signatures": [{"keyid": key_id(private_key.public_key()), "sig": base64.b64encode(signature).decode("ascii")}],
    }


def dump_envelope(envelope: dict[str, Any]) -> bytes:
    """The envelope file's bytes, laid out as trestle writes them."""
    return (json.dumps(envelope, indent=2, sort_keys=True) + "\n").encode("utf-8")


def sign_file(path: str | os.PathLike[str], key: str | os.PathLike[str], output: str | os.PathLike[str], *,
              subject_name: str | None = None, password: bytes | None = None,
              algorithm: str = "sha256") -> dict[str, Any]:
    """Sign the document in ``path`` with the PEM private key ``key``; write the envelope to ``output``
    atomically, never over the document or the key. The subject name defaults to the file's name, as trestle's.

    .. versionadded:: 0.1
    """
    from riskfmt.integrity.keys import load_private_key
    from riskfmt.io import atomic_write_bytes

    for other, what in ((path, both("the document", "integrity")), (key, both("the key", "integrity"))):
        if os.fspath(other) != "-" and same_file(output, other):
            out = os.fspath(output)
            raise IntegrityError(Finding.make("RF729", out, path=out, reason=f"it is {what[0]}", reason_zh=what[1]))
    document = load_document(path)
    private_key = load_private_key(key, password)
    name = subject_name or (Path(path).name if os.fspath(path) != "-" else "document.json")
    envelope = sign(document, private_key, subject_name=name, algorithm=algorithm, source=os.fspath(path))
    atomic_write_bytes(output, dump_envelope(envelope), mode=output_mode())
    return envelope


@dataclass
class Verification:
    """The outcome of checking a document against an envelope. ``ok`` only when the signature verifies
    with the key AND the signed digest equals the document's canonical digest (AND, when asked, the subject
    name matches)."""

    ok: bool
    findings: list[Finding] = field(default_factory=list)
    subject: str | None = None
    algorithm: str | None = None
    digest: str | None = None
    keyid: str | None = None

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def _b64(value: Any) -> bytes | None:
    if not isinstance(value, str):
        return None
    for altchars in (None, b"-_"):  # DSSE allows standard or URL-safe base64
        try:
            return base64.b64decode(value.encode("ascii"), altchars=altchars, validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            continue
    return None


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def verify(document: Any, envelope: Any, public_key: Ed25519PublicKey, *, subject_name: str | None = None,
           source: str = "<data>", signature_source: str = "<signature>") -> Verification:
    """Check a parsed document against a DSSE envelope with an Ed25519 public key.

    The subject name recorded in the Statement is reported but only required to match when ``subject_name``
    is given: the signature covers the content, and files get renamed on their way to a reader.

    .. versionadded:: 0.1
    """
    import hashlib

    from cryptography.exceptions import InvalidSignature

    from riskfmt.integrity.keys import key_id

    outcome = Verification(ok=False, keyid=key_id(public_key))

    def fail(code: str, where: str = signature_source, **params: Any) -> Verification:
        outcome.findings.append(Finding.make(code, where, **params))
        return outcome

    if not isinstance(envelope, dict):
        return fail("RF723", **params("detail", "the signature file is not a JSON object", "integrity"))
    if envelope.get("payloadType") != PAYLOAD_TYPE:
        found = str(envelope.get("payloadType"))
        return fail("RF723", **params("detail",
                                      "payload type {found}, expected {PAYLOAD_TYPE}", "integrity", found=found,
                                      PAYLOAD_TYPE=PAYLOAD_TYPE))
    payload = _b64(envelope.get("payload"))
    if payload is None:
        return fail("RF723", **params("detail", "the payload is not base64 text", "integrity"))
    signatures = envelope.get("signatures")
    if not isinstance(signatures, list) or not signatures:
        return fail("RF723", **params("detail", "no signatures", "integrity"))
    if len(signatures) > MAX_SIGNATURES:
        return fail("RF723", **params("detail",
                                      "more than {MAX_SIGNATURES} signatures", "integrity",
                                      MAX_SIGNATURES=MAX_SIGNATURES))
    signed = pae(PAYLOAD_TYPE, payload)
    for entry in signatures:
        raw = _b64(entry.get("sig")) if isinstance(entry, dict) else None
        if raw is None:
            continue
        try:
            public_key.verify(raw, signed)
            break
        except InvalidSignature:
            continue
    else:
        return fail("RF720", keyid=outcome.keyid)
    # from here on the payload is authentic: what it says is what the key holder signed
    try:
        stmt = json.loads(payload.decode("utf-8"), object_pairs_hook=_strict_object)
    except (UnicodeDecodeError, ValueError) as exc:
        return fail("RF724", **params("detail", "the payload is not JSON ({exc})", "integrity", exc=exc))
    problem = _statement_problem(stmt)
    if problem:
        return fail("RF724", detail=problem[0], detail_zh=problem[1])
    algorithm = stmt["predicate"]["digestAlgorithm"]
    subject = stmt["subject"][0]
    outcome.subject, outcome.algorithm = subject["name"], algorithm
    expected = subject["digest"][algorithm]
    found = hashlib.new(algorithm, canonical_bytes(document, source)).hexdigest()
    outcome.digest = f"{algorithm}:{found}"
    if subject_name is not None and subject["name"] != subject_name:
        fail("RF722", found=subject["name"], expected=subject_name)
    if not hmac.compare_digest(found, expected):
        fail("RF721", source, algorithm=algorithm, found=f"{algorithm}:{found}", expected=f"{algorithm}:{expected}")
    outcome.ok = not outcome.findings
    return outcome


def _statement_problem(stmt: Any) -> tuple[str, str] | None:
    """What makes a statement unusable, in English and Chinese; None when it is a canonical-JSON signature."""
    if not isinstance(stmt, dict) or stmt.get("_type") != STATEMENT_TYPE:
        return both("not an in-toto Statement v1", "integrity")
    if stmt.get("predicateType") != PREDICATE_TYPE:
        found = str(stmt.get("predicateType"))
        return both("predicate type {found}", "integrity", found=found)
    predicate = stmt.get("predicate")
    if not isinstance(predicate, dict):
        return both("the predicate is not an object", "integrity")
    if predicate.get("canonicalization") != CANONICALIZATION:
        found = str(predicate.get("canonicalization"))
        return both("canonicalization {found}, expected {CANONICALIZATION}",
                    "integrity", found=found, CANONICALIZATION=CANONICALIZATION)
    if predicate.get("digestSource") != DIGEST_SOURCE:
        found = str(predicate.get("digestSource"))
        return both("digest source {found}, expected {DIGEST_SOURCE}",
                    "integrity", found=found, DIGEST_SOURCE=DIGEST_SOURCE)
    algorithm = predicate.get("digestAlgorithm")
    if algorithm not in _VERIFIABLE:
        return both("digest algorithm {algorithm}", "integrity", algorithm=algorithm)
    subjects = stmt.get("subject")
    if not isinstance(subjects, list) or len(subjects) != 1 or not isinstance(subjects[0], dict):
        return both("a document signature has exactly one subject", "integrity")
    subject = subjects[0]
    if not isinstance(subject.get("name"), str):
        return both("the subject has no name", "integrity")
    digests = subject.get("digest")
    if not isinstance(digests, dict) or not isinstance(digests.get(algorithm), str):
        return both("the subject has no {algorithm} digest", "integrity", algorithm=algorithm)
    return None


def load_envelope(path: str | os.PathLike[str]) -> Any:
    """The parsed signature file. A file that cannot be read or is not JSON raises ``IntegrityError``."""
    from riskfmt.loading import read_source

    name = os.fspath(path)
    raw, problem = read_source(name, max_size=16 << 20)
    if problem is not None or raw is None:
        raise IntegrityError(problem or Finding.make("RF003", name, reason="unreadable"))
    try:
        return json.loads(raw.decode("utf-8"), object_pairs_hook=_strict_object)
    except (UnicodeDecodeError, ValueError) as exc:
        raise IntegrityError(Finding.make("RF723", name, **params("detail",
                                                                  "not JSON ({exc})", "integrity", exc=exc))) from None


def verify_file(path: str | os.PathLike[str], signature: str | os.PathLike[str], key: str | os.PathLike[str], *,
                subject_name: str | None = None) -> Verification:
    """Verify the document in ``path`` against the envelope in ``signature`` with the PEM public key ``key``.

    .. versionadded:: 0.1
    """
    from riskfmt.integrity.keys import load_public_key

    public_key = load_public_key(key)
    envelope = load_envelope(signature)
    document = load_document(path)
    source = "<stdin>" if os.fspath(path) == "-" else os.fspath(path)
    return verify(document, envelope, public_key, subject_name=subject_name, source=source,
                  signature_source=os.fspath(signature))
