"""JSON Schema validation with jsonschema-rs, and the translation of its errors into findings.

The runtime schema is the published one with the vocabulary enumerations removed: risk ids and methods
are checked by the vocabulary pass instead, which knows deprecations, vocabulary versions and the closest
matches, and so gives one clear finding where the enum would give a bare "not one of" list.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable
from typing import Any

from riskfmt import resources
from riskfmt.findings import Finding

__all__ = ["check", "compiled", "pointer_of", "sample_validator"]

_VOCAB_ENUMS = ("RiskId", "MethodId", "AttributionId", "EventId", "JurisdictionId")


def _runtime_schema(kind: str, version: str) -> dict[str, Any]:
    return runtime_schema(resources.load_schema(kind, version))


def runtime_schema(published: dict[str, Any]) -> dict[str, Any]:
    """The schema jsonschema-rs compiles: the published one without the vocabulary enumerations."""
    schema = copy.deepcopy(published)
    for name in _VOCAB_ENUMS:
        definition = schema.get("$defs", {}).get(name)
        if definition is not None:
            definition.pop("enum", None)
    return schema


@functools.cache
def compiled(kind: str, version: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(_runtime_schema(kind, version), validate_formats=True)


@functools.cache
def sample_validator(version: str) -> Any:
    """A validator for one line of a samples JSONL file."""
    import jsonschema_rs

    schema = _runtime_schema("evaluation-report", version)
    line_schema = {"$schema": schema["$schema"], "$ref": "#/$defs/SampleResult", "$defs": schema["$defs"]}
    return jsonschema_rs.validator_for(line_schema, validate_formats=True)


def samples_validator(version: str) -> Any:
    """A validator for a list of samples-file lines (parsed), valid when each one is: one call for a chunk."""
    import jsonschema_rs

    schema = _runtime_schema("evaluation-report", version)
    rows_schema = {"$schema": schema["$schema"], "type": "array", "items": {"$ref": "#/$defs/SampleResult"},
                   "$defs": schema["$defs"]}
    return jsonschema_rs.validator_for(rows_schema, validate_formats=True)


def pointer_of(path: Iterable[object]) -> str:
    from riskfmt._positions import escape_token

    return "".join("/" + escape_token(str(part)) for part in path)


def check(kind: str, version: str, data: Any, source: str, base: str = "") -> list[Finding]:
    validator = compiled(kind, version)
    if _valid_by_column(kind, version, data) or validator.is_valid(data):  # the fast answers for the common case
        return []
    return [f for error in validator.iter_errors(data) for f in translate(error, source, base)]


# A report's model digests, when thousands of them are one object repeated (a flood of placeholders), are checked
# against their pattern once: matching the pattern is most of what the schema check costs on such a report (115 of
# 160 ms for 847,000), where telling that they repeat costs a comparison of dicts in C.
_COLUMN_MIN = 1024


def _valid_by_column(kind: str, version: str, data: Any) -> bool:
    """True when ``data`` is valid, told by the schema without the pattern of the model digests' ``digest`` and
    that pattern matched once, on the one object every digest repeats; False when that cannot tell (the full
    schema then decides)."""
    if kind != "evaluation-report" or data.__class__ is not dict:
        return False
    model = data.get("model")
    digests = model.get("digests") if model.__class__ is dict else None
    if (digests.__class__ is not list or len(digests) < _COLUMN_MIN or digests[-1] != digests[0]
            or digests.count(digests[0]) != len(digests)):
        return False
    validators = _column_validators(version)
    if validators is None:
        return False
    loose, one_digest = validators
    return bool(loose.is_valid(data) and one_digest.is_valid(digests[0]))


@functools.cache
def _column_validators(version: str) -> tuple[Any, Any] | None:
    """The report's schema with the model digests checked without their ``digest`` pattern (copies of the two
    definitions on that path, used from the root's ``model`` alone, so nothing else is checked less), and the model
    digest's own definition; None when the schema is not laid out so."""
    import jsonschema_rs

    schema = _runtime_schema("evaluation-report", version)
    defs = schema.get("$defs", {})
    try:
        if schema["properties"]["model"] != {"$ref": "#/$defs/EvaluatedModel"} or \
                defs["EvaluatedModel"]["properties"]["digests"]["items"] != {"$ref": "#/$defs/ModelDigest"}:
            return None
        digest = defs["ModelDigest"]["properties"]["digest"]
        if digest.get("type") != "string" or "pattern" not in digest:
            return None
    except (KeyError, TypeError):
        return None
    one = {"$schema": schema["$schema"], "$ref": "#/$defs/ModelDigest", "$defs": defs}
    loose = copy.deepcopy(schema)
    loose_defs = loose["$defs"]
    model = loose_defs["riskfmt-column-model"] = copy.deepcopy(loose_defs["EvaluatedModel"])
    model["properties"]["digests"]["items"] = {"$ref": "#/$defs/riskfmt-column-digest"}
    item = loose_defs["riskfmt-column-digest"] = copy.deepcopy(loose_defs["ModelDigest"])
    del item["properties"]["digest"]["pattern"]
    loose["properties"]["model"] = {"$ref": "#/$defs/riskfmt-column-model"}
    return (jsonschema_rs.validator_for(loose, validate_formats=True),
            jsonschema_rs.validator_for(one, validate_formats=True))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else _json_type(value)
    return text if len(text) <= 80 else text[:79] + "…"


# The forms the schema's patterns require, in words; an unlisted pattern is shown as the regex itself. The Chinese
# of these and of the other words below is in riskfmt/i18n/zh_CN.po (msgctxt "schema check").
_PATTERN_WORDS = {
    "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$":
        "a digest such as sha256: followed by 64 lowercase hex digits",
    "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$":
        "an id of letters, digits, '.', '_', ':' or '-', at most 128 characters",
    "^(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\\\\\x00]{1,255}$":
        "a relative path inside the report's folder (no leading '/', no '..')",
    "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$":
        "a BCP 47 language tag such as en or zh-Hans",
    "^[0-9]+\\.[0-9]+$":
        "a MAJOR.MINOR version such as 1.0",
    "^rfr-[0-9a-f]{32}$":
        "rfr- followed by 32 lowercase hex digits",
    "^[A-Z]{2}$":
        "a two-letter ISO 3166-1 country code",
    "^[^/\\\\]{1,255}$":
        "a file name without folders",
    "^rfi-[0-9a-f]{32}$":
        "rfi- followed by 32 lowercase hex digits",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$":
        "a date (2026-11-02) or a date and time with its zone (2026-11-02T09:00:00+08:00)",
}

_RELATIONS = {"Minimum": "below the minimum", "Maximum": "above the maximum", "ExclusiveMinimum": "not above",
              "ExclusiveMaximum": "not below"}


def _zh(text: str) -> str:
    """``text`` in Chinese; read only when a finding is made, so a valid document never loads the table."""
    from riskfmt.i18n.text import translate as in_language

    return in_language(text, "zh", "schema check")


def translate(error: Any, source: str, base: str = "") -> list[Finding]:
    """One jsonschema-rs error as one or more findings (one per unexpected field)."""
    kind = error.kind
    name = type(kind).__name__
    pointer = base + pointer_of(error.instance_path)
    instance = error.instance
    if name == "Required":
        return [Finding.make("RF301", source, f"{pointer}/{kind.property}", field=kind.property)]
    if name in ("AdditionalProperties", "UnevaluatedProperties"):
        return [Finding.make("RF302", source, f"{pointer}/{field}", field=field) for field in kind.unexpected]
    if name == "Type":
        expected = " or ".join(kind.types)
        found = _json_type(instance)
        return [Finding.make("RF303", source, pointer, expected=expected, found=found,
                             expected_zh=_zh(" or ").join(_zh(t) for t in kind.types), found_zh=_zh(found))]
    if name == "Enum":
        options = [str(o) for o in kind.options]
        few = len(options) <= 8
        hint = ": " + ", ".join(options) if few else f" ({len(options)} allowed values)"
        hint_zh = "：" + "、".join(options) if few else _zh(" ({count} allowed values)").format(count=len(options))
        return [Finding.make("RF304", source, pointer, value=_show(instance), hint=hint, hint_zh=hint_zh)]
    if name == "Pattern":
        en = _PATTERN_WORDS.get(kind.pattern, kind.pattern)
        zh = _zh(en) if kind.pattern in _PATTERN_WORDS else en
        return [Finding.make("RF305", source, pointer, value=_show(instance), pattern=en, pattern_zh=zh)]
    if name in ("Minimum", "Maximum", "ExclusiveMinimum", "ExclusiveMaximum"):
        relation = _RELATIONS[name]
        return [Finding.make("RF306", source, pointer, value=_show(instance), relation=relation,
                             relation_zh=_zh(relation), limit=kind.limit)]
    if name == "Format":
        return [Finding.make("RF307", source, pointer, value=_show(instance), format=kind.format)]
    if name == "MinItems":
        count = len(instance) if isinstance(instance, list) else "?"
        return [Finding.make("RF308", source, pointer, limit=kind.limit, found=count)]
    if name in ("AnyOf", "OneOfNotValid"):
        closest = _closest(kind.context, source, base)
        en = closest.message("en") if closest else error.message
        zh = closest.message("zh") if closest else error.message
        where = closest.location.pointer if closest else pointer
        return [Finding.make("RF309", source, where, detail=en, detail_zh=zh)]
    if name == "OneOfMultipleValid":
        fields = ", ".join(sorted(instance)) if isinstance(instance, dict) else _json_type(instance)
        return [Finding.make("RF310", source, pointer, detail=fields)]
    return [Finding.make("RF300", source, pointer, detail=error.message,
                         detail_zh=_zh("not allowed by the JSON Schema: {message}").format(message=error.message))]


def _closest(context: list[list[Any]], source: str, base: str) -> Finding | None:
    """The alternative that came closest (fewest errors, deepest first error), as check-jsonschema does."""
    best: tuple[int, int] | None = None
    chosen: Finding | None = None
    for errors in context:
        if not errors:
            continue
        findings = [f for e in errors for f in translate(e, source, base)]
        if not findings:
            continue
        score = (len(findings), -max(len(e.instance_path) for e in errors))
        if best is None or score < best:
            best, chosen = score, findings[0]
    return chosen
