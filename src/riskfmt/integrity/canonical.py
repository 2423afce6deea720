"""The RFC 8785 canonical form of a document and its digest: what signatures and redaction records cover.

Two files that differ only in indentation, key order, escapes or number spelling (``1.0`` and ``1``) have the
same canonical form, so re-serialising a report never breaks its signature; a changed value always changes it.
The canonical bytes come from the ``rfc8785`` package (the same one compliance-trestle uses), never from our
own serialiser.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding, Severity
from riskfmt.integrity import IntegrityError

__all__ = ["ALGORITHMS", "canonical_bytes", "digest", "digest_bytes", "load_document"]

# in-toto digest names that hashlib knows; sha256 is the default everywhere (the Digest type allows these three)
ALGORITHMS = ("sha256", "sha384", "sha512")


def canonical_bytes(data: Any, source: str = "<data>") -> bytes:
    """The RFC 8785 (JSON Canonicalization Scheme) UTF-8 bytes of ``data``.

    Raises ``IntegrityError`` (RF726) for values JSON cannot represent exactly: integers beyond ±2**53,
    NaN or infinity, non-string keys, lone surrogates.

    .. versionadded:: 0.1
    """
    import rfc8785

    try:
        return rfc8785.dumps(data)
    except (rfc8785.CanonicalizationError, TypeError, ValueError, UnicodeError) as exc:
        detail = f"{type(exc).__name__}: {exc}"  # the library's own words; no translation exists
        raise IntegrityError(Finding.make("RF726", source, detail=detail, detail_zh=detail)) from exc


def digest_bytes(data: bytes, algorithm: str = "sha256") -> str:
    """``<algorithm>:<hex>`` of raw bytes."""
    return f"{algorithm}:{hashlib.new(algorithm, data).hexdigest()}"


def digest(data: Any, algorithm: str = "sha256", source: str = "<data>") -> str:
    """``sha256:<hex>`` (or sha384/sha512) of the RFC 8785 canonical form of a parsed document.

    .. versionadded:: 0.1
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unsupported digest algorithm {algorithm!r} (use one of {', '.join(ALGORITHMS)})")
    return digest_bytes(canonical_bytes(data, source), algorithm)


def load_document(path: str | os.PathLike[str], *, max_size: int | None = None) -> Any:
    """Parse a JSON or YAML file (``"-"`` for standard input) with riskfmt's strict loader.

    Duplicate keys, NaN, overflowing numbers and other parse errors make it raise ``IntegrityError`` with
    the loader's findings: a digest or signature over an ambiguous document would not mean one thing.

    .. versionadded:: 0.1
    """
    from riskfmt.loading import DEFAULT_MAX_SIZE, load_bytes, read_source

    name = os.fspath(path)
    raw, problem = read_source(name, max_size=max_size or DEFAULT_MAX_SIZE)
    source = "<stdin>" if name == "-" else name
    if problem is not None or raw is None:
        raise IntegrityError(problem or Finding.make("RF003", source, reason="unreadable"))
    document = load_bytes(raw, source)
    errors = [f for f in document.findings if f.severity == Severity.ERROR]
    if errors or not document.parsed:
        if not errors:
            errors = [Finding.make("RF102", source)]
        raise IntegrityError(*errors)
    return document.data


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when two paths name the same file (or the same not-yet-existing path)."""
    pa, pb = Path(a), Path(b)
    try:
        return (pa.exists() and pb.exists() and os.path.samefile(pa, pb)) or pa.resolve() == pb.resolve()
    except OSError:
        return pa.resolve() == pb.resolve()
