"""The report id: a digest of what defines an evaluation, never of when it was fetched or converted.

Two files describing the same evaluation (the same producer and tool, model, tasks, methods, settings and
dates) get the same id whatever their results, notes, markings or provenance say, so duplicates and
conflicting copies can be found (Every Eval Ever #270 asked for exactly this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the private modules below have no type stubs; hashlib's sha256 has the same interface
    from hashlib import sha256 as _sha256
else:
    try:  # CPython's own SHA-256 (what hashlib falls back to without OpenSSL): the same digest, and importing
        # it costs a fraction of loading OpenSSL through hashlib, which every clean `riskfmt validate` would pay
        from _sha2 import sha256 as _sha256  # 3.12 and later
    except ImportError:  # pragma: no cover - depends on the Python version
        try:
            from _sha256 import sha256 as _sha256  # 3.11
        except ImportError:
            from hashlib import sha256 as _sha256

__all__ = ["defining_content", "report_id"]

_MANY = 64  # evaluations and model digests from which the defining content is canonicalised by riskfmt.jcs

_MODEL_FIELDS = ("name", "developer", "version", "revision", "digests")
_EVALUATION_FIELDS = ("id", "task", "method", "settings", "started", "completed")


def defining_content(report: dict[str, Any]) -> dict[str, Any]:
    producer = report.get("producer") or {}
    model = report.get("model") or {}
    return {
        "kind": report.get("kind"),
        "organization": (producer.get("organization") or {}),
        "tool": producer.get("tool"),
        "model": {k: model[k] for k in _MODEL_FIELDS if k in model},
        "evaluations": [
            {k: e[k] for k in _EVALUATION_FIELDS if k in e}
            for e in report.get("evaluations") or []
            if isinstance(e, dict)
        ],
    }


def report_id(report: dict[str, Any]) -> str:
    """``rfr-`` and the first 32 hex digits of SHA-256 over the RFC 8785 form of the defining content."""
    defining = defining_content(report)
    digests = defining["model"].get("digests")
    if len(defining["evaluations"]) + (len(digests) if isinstance(digests, list) else 0) < _MANY:
        import rfc8785  # a few evaluations: the reference is quick, and importing orjson would cost more

        canonical = rfc8785.dumps(defining)
    else:
        import hashlib

        from riskfmt import jcs  # the same bytes as rfc8785.dumps at orjson's speed (tests/property/test_jcs.py)

        # OpenSSL's SHA-256 hashes the 36 MB of a results-heavy report's defining content in 20 ms, CPython's own
        # in 115 ms; loading OpenSSL (3 ms) is worth it here, not for the few evaluations above
        return "rfr-" + hashlib.sha256(jcs.dumps(defining)).hexdigest()[:32]
    return "rfr-" + _sha256(canonical).hexdigest()[:32]
