"""The report id: a digest of what defines an evaluation, never of when it was fetched or converted.

Two files describing the same evaluation (the same producer and tool, model, tasks, methods, settings and
dates) get the same id whatever their results, notes, markings or provenance say, so duplicates and
conflicting copies can be found (Every Eval Ever #270 asked for exactly this).
"""

from __future__ import annotations

import sys
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

__all__ = ["defining_content", "report_id", "report_id_of_text"]

_MANY = 64  # evaluations and model digests from which the defining content is canonicalised by riskfmt.jcs

_MODEL_FIELDS = ("name", "developer", "version", "revision", "digests")
_EVALUATION_FIELDS = ("id", "task", "method", "settings", "started", "completed")


def defining_content(report: dict[str, Any]) -> dict[str, Any]:
    return _defining(report, _evaluations(report.get("evaluations") or []))


def _defining(report: dict[str, Any], evaluations: list[dict[str, Any]]) -> dict[str, Any]:
    """The defining content of ``report`` whose evaluations' defining fields are ``evaluations``."""
    producer = report.get("producer") or {}
    model = report.get("model") or {}
    return {
        "kind": report.get("kind"),
        "organization": (producer.get("organization") or {}),
        "tool": producer.get("tool"),
        "model": {k: model[k] for k in _MODEL_FIELDS if k in model},
        "evaluations": evaluations,
    }


def _evaluations(evaluations: Any) -> list[dict[str, Any]]:
    """The defining fields of each evaluation (a dict each; anything else is left out). Thousands of them are
    picked by msgspec in C, into the same dicts holding the same values (a third less time than the
    comprehension below on 262,000 evaluations); anything it refuses goes the plain way. Only when msgspec is
    already loaded (it parses every large input, ``riskfmt.loading``): importing it costs more (30-60 ms, it
    brings typing and datetime) than it saves on fewer than about 100,000 evaluations."""
    msgspec = sys.modules.get("msgspec")
    if msgspec is not None and type(evaluations) is list and len(evaluations) >= _MANY:
        try:
            return msgspec.convert(evaluations, _defining_type())  # type: ignore[no-any-return]
        except msgspec.ValidationError:
            pass
    return [{k: e[k] for k in _EVALUATION_FIELDS if k in e} for e in evaluations if isinstance(e, dict)]


_DEFINING_TYPE: list[Any] = []


def _defining_type() -> Any:
    """``list[Defining]``, a TypedDict of ``_EVALUATION_FIELDS``, none required, each of any type: made on first
    use, since a small report never needs it."""
    if not _DEFINING_TYPE:
        from typing import TypedDict

        defining = TypedDict("defining", dict.fromkeys(_EVALUATION_FIELDS, Any), total=False)  # type: ignore[misc]
        _DEFINING_TYPE.append(list[defining])
    return _DEFINING_TYPE[0]


def report_id_of_text(data: bytes) -> str | None:
    """The report id of the evaluation report in JSON text ``data``, parsing only what ``defining_content`` reads:
    msgspec passes over results, samples and notes without building them (0.29 s against 0.65 s for all of a
    108 MB results-heavy report). The id ``report_id`` gives for the tree of ``data`` whenever no key repeats in
    it (msgspec keeps the last of repeated keys, the exact parser finds them); None where the text is no such
    report or has another shape than this reads (a producer that is no object, an evaluation that is none):
    ``report_id`` of the tree then says what it says."""
    import msgspec

    from riskfmt.loading import paused_gc

    with paused_gc():  # hundreds of thousands of fresh dicts: collection passes would only cost time
        try:
            report = msgspec.json.decode(data, type=_report_type())
        except msgspec.MsgspecError:
            return None
        if report.get("kind") != "evaluation-report":
            return None
        # the evaluations are decoded as their defining fields already (every one an object): picked once, not twice
        return _id_of(_defining(report, report.get("evaluations") or []))


_REPORT_TYPE: list[Any] = []


def _report_type() -> Any:
    """A TypedDict of the members ``defining_content`` reads (``_defining_type`` for the evaluations)."""
    if not _REPORT_TYPE:
        from typing import TypedDict

        # made from the field lists, which stay the one place that says what defines a report (the class syntax would
        # repeat them; its annotations, strings here, would not resolve inside a function either)
        typed: Any = TypedDict
        producer = typed("producer", {"organization": Any, "tool": Any}, total=False)
        model = typed("model", dict.fromkeys(_MODEL_FIELDS, Any), total=False)
        _REPORT_TYPE.append(typed("report", {"kind": Any, "producer": producer, "model": model,
                                             "evaluations": _defining_type()}, total=False))
    return _REPORT_TYPE[0]


def report_id(report: dict[str, Any]) -> str:
    """``rfr-`` and the first 32 hex digits of SHA-256 over the RFC 8785 form of the defining content."""
    return _id_of(defining_content(report))


def _id_of(defining: dict[str, Any]) -> str:
    digests = defining["model"].get("digests")
    if len(defining["evaluations"]) + (len(digests) if isinstance(digests, list) else 0) < _MANY:
        import rfc8785  # a few evaluations: the reference is quick, and importing orjson would cost more

        canonical = rfc8785.dumps(defining)
    else:
        import hashlib

        from riskfmt import jcs  # the same bytes as rfc8785.dumps at orjson's speed (tests/property/test_jcs.py)

        # OpenSSL's SHA-256 hashes the 36 MB of a results-heavy report's defining content in 20 ms, CPython's own
        # in 115 ms; loading OpenSSL (3 ms) is worth it here, not for the few evaluations above
        parts = _one_digest_repeated(defining, jcs.dumps)
        if parts is None:
            return "rfr-" + hashlib.sha256(jcs.dumps(defining)).hexdigest()[:32]
        sha = hashlib.sha256()
        for piece, times in parts:  # a repeated piece hashed a block of copies at a time, never written out whole
            block = piece * min(times, _BLOCK)
            for _ in range(times // _BLOCK):
                sha.update(block)
            sha.update(piece * (times % _BLOCK))
        return "rfr-" + sha.hexdigest()[:32]
    return "rfr-" + _sha256(canonical).hexdigest()[:32]


_BLOCK = 8192  # copies of a repeated piece hashed at a time (about 1 MB for a digest object)
_HOLE = b"\x00"  # where the digests go in the canonical form: RFC 8785 writes U+0000 as \u0000, never as this byte


def _one_digest_repeated(defining: dict[str, Any], dumps: Any) -> list[tuple[bytes, int]] | None:
    """The RFC 8785 form of ``defining`` as pieces, each with how many times it repeats, when its model digests are
    one value repeated (a placeholder flood): that value is written once and hashed as many times as it occurs.
    None otherwise.

    RFC 8785 is compositional: an object is its members in key order, each key and value in canonical form, and an
    array its elements in canonical form, joined by commas. The parts here are the fixed keys of
    ``defining_content`` (ASCII, where UTF-16 order is byte order). The digests are the same value when each one
    equals the first and the first holds no number and no boolean: equality then leaves no room for ``1 == 1.0 ==
    True`` (each written otherwise) and means the same strings in the same shape, so the same canonical form.
    Canonicalising 847,000 digest objects took 0.22 s and 93 MB; counting the equal ones in C takes 0.04 s."""
    model = defining["model"]
    digests = model.get("digests")
    if type(digests) is not list or len(digests) < _MANY or not _without_numbers(digests[0]):
        return None
    if digests.count(digests[0]) != len(digests):
        return None
    try:
        one = dumps(digests[0])
        written = {k: (_HOLE if k == "digests" else dumps(v)) for k, v in model.items()}
        members = {k: dumps(v) for k, v in defining.items() if k != "model"}
        whole = _object({**members, "model": _object(written, dumps)}, dumps)
    except Exception:  # a part the canonical form refuses: the whole way raises what it raises
        return None
    at = whole.index(_HOLE)
    return [(whole[:at] + b"[" + one, 1), (b"," + one, len(digests) - 1), (b"]" + whole[at + 1:], 1)]


def _object(members: dict[str, bytes], dumps: Any) -> bytes:
    """An object in RFC 8785 form from its members' canonical values (keys ASCII: sorted as UTF-16 sorts them)."""
    return b"{" + b",".join(dumps(k) + b":" + members[k] for k in sorted(members)) + b"}"


def _without_numbers(value: Any) -> bool:
    """Whether ``value`` holds only strings, null, lists and objects (no number, no boolean), at any depth."""
    kind = type(value)
    if kind is str or value is None:
        return True
    if kind is list:
        return all(map(_without_numbers, value))
    if kind is dict:
        return all(type(k) is str for k in value) and all(map(_without_numbers, value.values()))
    return False
