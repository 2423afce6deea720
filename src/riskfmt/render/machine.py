"""Machine-readable output: riskfmt's JSON, GitHub workflow commands, and SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any, TextIO

from riskfmt.findings import Severity, ValidationResult

FINDINGS_FORMAT = "riskfmt-findings/1.0"


def as_dict(result: ValidationResult, lang: str = "en") -> dict[str, Any]:
    from riskfmt import __version__

    return {
        "format": FINDINGS_FORMAT,
        "tool": {"name": "riskfmt", "version": __version__},
        "summary": {
            "files": len(result.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
        },
        "files": [
            {"file": r.source, "kind": r.kind, "format_version": r.format_version,
             "valid": not any(f.severity == Severity.ERROR for f in r.findings)}
            for r in result.files
        ],
        "findings": [f.to_dict(lang) for f in result.findings],
    }


def render_json(result: ValidationResult, out: TextIO, lang: str = "en") -> None:
    out.write(_indented(as_dict(result, lang)))
    out.write("\n")


def _indented(document: dict[str, Any]) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, written by orjson when it can: the standard
    library indents in pure Python, which for hundreds of thousands of findings costs seconds. The two agree
    byte for byte on what findings hold (strings, integers, booleans, null; tests/test_fast_paths.py); what
    orjson refuses (a lone surrogate, an integer beyond 64 bits) is left to the standard library."""
    try:
        import orjson

        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (ImportError, TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
        return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    # GitHub's own escapes first (a line break must stay one annotation), then every other control
    from riskfmt.render.safe import printable

    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(result: ValidationResult, out: TextIO, lang: str = "en") -> None:
    """GitHub Actions workflow commands, so findings show as annotations on the pull request."""
    for finding in result.findings:
        loc = finding.location
        props = [f"file={_escape_property(loc.source)}"]
        if loc.line is not None:
            props.append(f"line={loc.line}")
        if loc.column is not None:
            props.append(f"col={loc.column}")
        props.append(f"title={_escape_property(finding.code + ' ' + finding.title)}")
        message = finding.message(lang) + (f" [{loc.pointer}]" if loc.pointer else "")
        out.write(f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{_escape_data(message)}\n")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _artifact_uri(source: str) -> str:
    """A SARIF artifact URI: absolute paths as file: URIs, relative ones as percent-encoded relative references
    (what code scanning resolves against the repository root)."""
    from pathlib import PurePath
    from urllib.parse import quote

    path = PurePath(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def render_sarif(result: ValidationResult, out: TextIO, lang: str = "en") -> None:
    from riskfmt import __version__
    from riskfmt.codes import CODES
    from riskfmt.render.sarif_rules import rule

    used = sorted({f.code for f in result.findings})
    rules = [rule(CODES[code], lang) for code in used]
    index = {code: i for i, code in enumerate(used)}
    results = []
    for finding in result.findings:
        loc = finding.location
        physical: dict[str, Any] = {"artifactLocation": {"uri": _artifact_uri(loc.source)}}
        # Code scanning needs a region to place an alert; a finding about the whole file points at its start.
        physical["region"] = {"startLine": loc.line or 1, **({"startColumn": loc.column} if loc.column else {})}
        entry: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message(lang)},
            "locations": [{"physicalLocation": physical}],
        }
        if loc.pointer:
            entry["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": loc.pointer, "kind": "member"}]
        results.append(entry)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "riskfmt", "version": __version__,
                                "informationUri": "https://w3id.org/riskfmt/", "rules": rules}},
            "language": "zh-CN" if lang == "zh" else "en",  # the SARIF schema allows only ll or ll-CC
            "results": results,
        }],
    }
    json.dump(sarif, out, ensure_ascii=False, indent=2)
    out.write("\n")
