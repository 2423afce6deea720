"""``riskfmt.integrity``: share the evidence, prove it, expose nothing else.

- canonical digests (RFC 8785) and Ed25519 signatures as detached DSSE envelopes carrying an in-toto
  statement, interoperable with compliance-trestle's ``trestle sign`` / ``trestle verify``;
- TLP 2.0 markings, document-level and granular (JSON-pointer selectors), that no command may silently weaken;
- redaction by profile (profiles are data): withheld items become salted digests the owner can later prove;
- the leak scan ``riskfmt validate`` runs on every report (weights, blobs, secrets, withheld content).

Every command of the CLI is one call here::

    from riskfmt import integrity
    envelope = integrity.sign(report, integrity.load_private_key("key.pem"))
    outcome = integrity.verify(report, envelope, integrity.load_public_key("key.pem.pub"))
    assert outcome.ok

Problems with inputs (unreadable files, unusable keys) raise ``IntegrityError``, whose ``findings`` say what
and where; a signature that does not verify is an outcome, not an exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from riskfmt.errors import RiskfmtError
from riskfmt.findings import Finding

__all__ = [
    "TLP_LEVELS",
    "IntegrityError",
    "MarkingError",
    "Profile",
    "Redaction",
    "Verification",
    "canonical_bytes",
    "carry",
    "check_markings",
    "check_not_weakened",
    "check_proof",
    "digest",
    "generate_keypair",
    "key_id",
    "label_at",
    "load_document",
    "load_private_key",
    "load_profile",
    "load_public_key",
    "profile_names",
    "redact",
    "redact_file",
    "relabel",
    "reveal",
    "scan",
    "sign",
    "sign_file",
    "strictest",
    "verify",
    "verify_derived",
    "verify_file",
]


class IntegrityError(RiskfmtError):
    """An input cannot be used (exit code 2): unreadable file, unusable key, malformed salts or profile."""

    def __init__(self, *findings: Finding) -> None:
        super().__init__(findings)


def output_mode() -> int:
    """Permissions of an ordinary output file under the current umask. ``atomic_write_bytes`` creates its
    temporary file 0600, which a shareable report, signature or samples file must not keep."""
    import os

    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.integrity.canonical import canonical_bytes, digest, load_document
    from riskfmt.integrity.keys import generate_keypair, key_id, load_private_key, load_public_key
    from riskfmt.integrity.leaks import scan
    from riskfmt.integrity.markings import (
        TLP_LEVELS,
        MarkingError,
        carry,
        check_markings,
        check_not_weakened,
        label_at,
        relabel,
        strictest,
    )
    from riskfmt.integrity.profiles import Profile, load_profile, profile_names
    from riskfmt.integrity.proofs import check_proof, reveal, verify_derived
    from riskfmt.integrity.redact import Redaction, redact, redact_file
    from riskfmt.integrity.signing import Verification, sign, sign_file, verify, verify_file

_LAZY = {
    "canonical_bytes": "canonical", "digest": "canonical", "load_document": "canonical",
    "generate_keypair": "keys", "load_private_key": "keys", "load_public_key": "keys", "key_id": "keys",
    "Verification": "signing", "sign": "signing", "sign_file": "signing", "verify": "signing", "verify_file": "signing",
    "TLP_LEVELS": "markings", "MarkingError": "markings", "label_at": "markings", "strictest": "markings",
    "carry": "markings", "check_markings": "markings", "check_not_weakened": "markings", "relabel": "markings",
    "Profile": "profiles", "load_profile": "profiles", "profile_names": "profiles",
    "Redaction": "redact", "redact": "redact", "redact_file": "redact", "verify_derived": "proofs",
    "reveal": "proofs", "check_proof": "proofs",
    "scan": "leaks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'riskfmt.integrity' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"riskfmt.integrity.{module}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
