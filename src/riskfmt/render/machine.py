"""Machine-readable output: riskfmt's JSON, GitHub workflow commands, and SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any, TextIO

from riskfmt.findings import Finding, Severity, ValidationResult, message_texts
from riskfmt.render.safe import all_printable, printable

FINDINGS_FORMAT = "riskfmt-findings/1.0"


def as_dict(result: ValidationResult, lang: str = "en") -> dict[str, Any]:
    document = _summary(result)
    document["findings"] = finding_dicts(result.findings, lang)
    return document


_SEVERITY = attrgetter("severity")


def _summary(result: ValidationResult) -> dict[str, Any]:
    """The findings document but its findings (the last member)."""
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
             "valid": Severity.ERROR not in map(_SEVERITY, r.findings)}  # (compared in C)
            for r in result.files
        ],
    }


_LABEL = {severity: severity.label for severity in Severity}


def finding_dicts(findings: list[Finding], lang: str = "en") -> list[dict[str, object]]:
    """``[f.to_dict(lang) for f in findings]``, with what is the same for every finding of a code (its
    template, its title) looked up once per code rather than once per finding."""
    from riskfmt.codes import CODES

    titles: dict[str, str] = {}
    out: list[dict[str, object]] = []
    append = out.append
    for finding, text in zip(findings, message_texts(findings, lang), strict=True):
        loc = finding.location
        code = finding.code
        title = titles.get(code)
        if title is None:
            title = titles[code] = CODES[code].title
        append({"code": code, "severity": _LABEL[finding.severity], "file": loc.source, "pointer": loc.pointer,
                "line": loc.line, "column": loc.column, "message": text, "title": title})
    return out


def render_json(result: ValidationResult, out: TextIO, lang: str = "en") -> None:
    """``as_dict`` written as indented JSON, the findings a slice at a time (as SARIF's results): 847,000
    findings are 335 MB of text, which written at once were held three times over (UTF-8, text, encoded)."""
    document = _summary(result)
    document["findings"] = _RESULTS
    head, _, tail = _indented(document).rpartition(f'"{_RESULTS}"')  # the last member: its placeholder is last
    findings = result.findings
    out.write(head)
    _write_list(out, len(findings), lambda start, end: finding_dicts(findings[start:end], lang), "  ")
    out.write(tail)
    out.write("\n")


def _indented(document: dict[str, Any]) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, written by orjson when it can: the standard
    library indents in pure Python, which for hundreds of thousands of findings costs seconds (for SARIF, whose
    results nest five deep, half a minute for 85,000). The two agree
    byte for byte on what findings hold (strings, integers, booleans, null; tests/test_fast_paths.py); what
    orjson refuses (a lone surrogate, an integer beyond 64 bits) is left to the standard library."""
    try:
        import orjson

        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (ImportError, TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
        return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    # GitHub's own escapes first (a line break must stay one annotation), then every other control
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(result: ValidationResult, out: TextIO, lang: str = "en") -> None:
    """GitHub Actions workflow commands, so findings show as annotations on the pull request."""
    out.writelines(_github_lines(result.findings, lang))


def _github_lines(findings: list[Finding], lang: str) -> Iterator[str]:
    from riskfmt.codes import CODES

    texts = [text + f" [{f.location.pointer}]" if f.location.pointer else text
             for f, text in zip(findings, message_texts(findings, lang), strict=True)]
    if not all_printable(texts) or "%" in "\t".join(texts):  # GitHub's escapes only when one is needed
        texts = list(map(_escape_data, texts))
    files: dict[str, str] = {}  # escaped once per file and once per code, not once per finding
    titles: dict[str, str] = {}
    for finding, text in zip(findings, texts, strict=True):
        loc = finding.location
        props = files.get(loc.source)
        if props is None:
            props = files[loc.source] = f"file={_escape_property(loc.source)}"
        if loc.line is not None:
            props += f",line={loc.line},col={loc.column}" if loc.column is not None else f",line={loc.line}"
        elif loc.column is not None:
            props += f",col={loc.column}"
        title = titles.get(finding.code)
        if title is None:
            title = titles[finding.code] = _escape_property(finding.code + " " + CODES[finding.code].title)
        yield f"::{_GITHUB_LEVEL[finding.severity]} {props},title={title}::{text}\n"


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

    findings = result.findings
    used = sorted({f.code for f in findings})
    rules = [rule(CODES[code], lang) for code in used]
    index = {code: i for i, code in enumerate(used)}
    artifacts: dict[str, dict[str, str]] = {}  # one artifact location per file, the same object in each result

    def results(start: int, end: int) -> list[dict[str, Any]]:
        """The SARIF results of ``findings[start:end]`` (made a slice at a time, as they are written)."""
        chosen = findings[start:end]
        out: list[dict[str, Any]] = []
        append = out.append
        for finding, text in zip(chosen, message_texts(chosen, lang), strict=True):
            loc = finding.location
            artifact = artifacts.get(loc.source)
            if artifact is None:
                artifact = artifacts[loc.source] = {"uri": _artifact_uri(loc.source)}
            # Code scanning needs a region to place an alert; a finding about the whole file points at its start.
            region = ({"startLine": loc.line or 1, "startColumn": loc.column} if loc.column
                      else {"startLine": loc.line or 1})
            location: dict[str, Any] = (
                {"physicalLocation": {"artifactLocation": artifact, "region": region},
                 "logicalLocations": [{"fullyQualifiedName": loc.pointer, "kind": "member"}]} if loc.pointer
                else {"physicalLocation": {"artifactLocation": artifact, "region": region}})
            code = finding.code
            append({"ruleId": code, "ruleIndex": index[code], "level": _SARIF_LEVEL[finding.severity],
                    "message": {"text": text}, "locations": [location]})
        return out

    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "riskfmt", "version": __version__,
                                "informationUri": "https://w3id.org/riskfmt/", "rules": rules}},
            "language": "zh-CN" if lang == "zh" else "en",  # the SARIF schema allows only ll or ll-CC
            "results": _RESULTS,
        }],
    }
    # as json.dump(sarif, out, ensure_ascii=False, indent=2) writes it, in C, and the results made and written a
    # slice at a time: one string of 847,000 results would be 700 MB, twice over while it is decoded
    head, tail = _indented(sarif).split(f'"{_RESULTS}"')
    out.write(head)
    _write_list(out, len(findings), results, "      ")
    out.write(tail)
    out.write("\n")


# a placeholder no other value of the SARIF skeleton holds; in the JSON document, the last member's value
_RESULTS = "riskfmt-results-go-here"
_SLICE = 10_000


def _write_list(out: TextIO, count: int, items: Callable[[int, int], list[Any]], indent: str) -> None:
    """``count`` items as an indented JSON list whose closing bracket stands at ``indent`` (exactly what the
    indented writer puts at that depth), written a slice at a time, ``items(start, end)`` giving each slice's
    (made only when it is written). Each slice is written nested in as many
    lists as ``indent`` has levels, so the indented writer itself puts every line of its items at their depth;
    the slice's items are then what lies between the fixed lines of those brackets (one copy, no replacement)."""
    if not count:
        out.write("[]")
        return
    depth = len(indent) // 2
    head = "".join("  " * level + "[\n" for level in range(depth)) + indent + "["
    tail = "\n" + "\n".join("  " * level + "]" for level in range(depth, -1, -1))
    out.write("[")
    for start in range(0, count, _SLICE):
        nested: Any = items(start, min(start + _SLICE, count))
        for _ in range(depth):
            nested = [nested]
        text = _indented(nested)
        if not (text.startswith(head) and text.endswith(tail)):  # not the layout of an indented writer
            raise AssertionError("unexpected layout of an indented list")
        if start:
            out.write(",")
        out.write(text[len(head):len(text) - len(tail)])
        del text, nested
    out.write("\n" + indent + "]")
