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
    json.dump(as_dict(result, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")


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


def render_sarif(result: ValidationResult, out: TextIO, lang: str = "en") -> None:
    from riskfmt import __version__
    from riskfmt.codes import CODES

    used = sorted({f.code for f in result.findings})
    rules = [
        {
            "id": code,
            "name": CODES[code].title,
            "shortDescription": {"text": CODES[code].zh if lang == "zh" else CODES[code].en},
            "defaultConfiguration": {"level": _SARIF_LEVEL[CODES[code].severity]},
            "helpUri": f"https://w3id.org/riskfmt/docs/findings#{code.lower()}",
        }
        for code in used
    ]
    index = {code: i for i, code in enumerate(used)}
    results = []
    for finding in result.findings:
        loc = finding.location
        physical: dict[str, Any] = {"artifactLocation": {"uri": loc.source}}
        if loc.line is not None:
            physical["region"] = {"startLine": loc.line, **({"startColumn": loc.column} if loc.column else {})}
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
                                "informationUri": "https://w3id.org/riskfmt", "rules": rules}},
            "language": "zh-Hans" if lang == "zh" else "en",
            "results": results,
        }],
    }
    json.dump(sarif, out, ensure_ascii=False, indent=2)
    out.write("\n")
