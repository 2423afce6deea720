"""Every output format, written in bulk, is byte for byte what writing one finding at a time wrote.

The renderers look each code's template and title up once per run, escape each file name once, order the
findings by a short key with ties broken by the full one, and write SARIF through orjson. The references below
are the plain one-finding-at-a-time writers they replaced (``Finding.message``, ``Finding.to_dict``,
``sorted(key=Finding.sort_key)``, ``json.dump`` of the standard library); generated floods of findings, with
parameters holding any text (controls, direction marks, quotes, Chinese), repeated locations and codes, in several
files, must come out identical in every format and language.
"""

from __future__ import annotations

import io
import json
import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt.codes import CODES
from riskfmt.findings import FileResult, Finding, Severity, ValidationResult, ordered
from riskfmt.render import RENDERERS
from riskfmt.render.machine import _artifact_uri, _escape_data, _escape_property, _indented
from riskfmt.render.safe import printable
from riskfmt.render.text import _COLOURS, _RESET, _where, summary_line

# written out here, not read from the catalogue: the reference writer stays independent of what it checks
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

_CODES = sorted(CODES)
_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("%:,\n\r\x1b\u202e\"\\"),
                    max_size=12)
_SOURCES = st.sampled_from(["a.json", "dir/b c.json", "x\ny.json", "/abs/ü 评测.json", "<stdin>", "100%.yaml"])


def _placeholders(code: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(CODES[code].en) if name]


@st.composite
def _finding(draw: st.DrawFn) -> Finding:
    code = draw(st.sampled_from(_CODES))
    names = _placeholders(code)
    # usually every parameter, sometimes one missing (the template is then shown as it is)
    if names and draw(st.booleans()) and draw(st.booleans()):
        names = names[1:]
    params = {name: draw(_ANY_TEXT) for name in names}
    line = draw(st.none() | st.integers(1, 10**6))
    column = None if line is None else draw(st.none() | st.integers(1, 500))
    severity = draw(st.none() | st.sampled_from(list(Severity)))
    pointer = draw(st.sampled_from(["", "/a", "/model/digests/0/digest"]) | _ANY_TEXT.map(lambda t: "/" + t))
    return Finding.make(code, draw(_SOURCES), pointer, severity=severity, line=line, column=column, **params)


@st.composite
def _flood(draw: st.DrawFn) -> ValidationResult:
    findings = draw(st.lists(_finding(), max_size=40))
    # the same location and code again with other parameters: ties on the short key
    for finding in draw(st.lists(st.sampled_from(findings), max_size=10)) if findings else []:
        loc = finding.location
        params = {k: v + "·" for k, v in finding.params.items()}
        findings.append(Finding(finding.code, finding.severity, loc, params))
    findings = draw(st.permutations(findings))
    cut = draw(st.integers(0, len(findings)))
    return ValidationResult([FileResult("a.json", "evaluation-report", "1.0", findings[:cut]),
                             FileResult("z.json", None, None, findings[cut:])])


# ---- the one-finding-at-a-time references -------------------------------------------------------------------


def _reference_findings(result: ValidationResult) -> list[Finding]:
    return sorted((f for r in result.files for f in r.findings), key=Finding.sort_key)


def _reference_json(result: ValidationResult, lang: str) -> str:
    from riskfmt import __version__

    document = {
        "format": "riskfmt-findings/1.0",
        "tool": {"name": "riskfmt", "version": __version__},
        "summary": {"files": len(result.files), "errors": result.count(Severity.ERROR),
                    "warnings": result.count(Severity.WARNING), "infos": result.count(Severity.INFO)},
        "files": [{"file": r.source, "kind": r.kind, "format_version": r.format_version,
                   "valid": not any(f.severity == Severity.ERROR for f in r.findings)} for r in result.files],
        "findings": [f.to_dict(lang) for f in _reference_findings(result)],
    }
    return _indented(document) + "\n"  # the JSON format wrote through orjson before too


def _reference_github(result: ValidationResult, lang: str) -> str:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for finding in _reference_findings(result):
        loc = finding.location
        props = [f"file={_escape_property(loc.source)}"]
        if loc.line is not None:
            props.append(f"line={loc.line}")
        if loc.column is not None:
            props.append(f"col={loc.column}")
        props.append(f"title={_escape_property(finding.code + ' ' + finding.title)}")
        message = finding.message(lang) + (f" [{loc.pointer}]" if loc.pointer else "")
        out.append(f"::{level[finding.severity]} {','.join(props)}::{_escape_data(message)}\n")
    return "".join(out)


def _reference_sarif(result: ValidationResult, lang: str) -> str:
    from riskfmt import __version__
    from riskfmt.render.sarif_rules import rule

    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    findings = _reference_findings(result)
    used = sorted({f.code for f in findings})
    results = []
    for finding in findings:
        loc = finding.location
        physical: dict[str, Any] = {"artifactLocation": {"uri": _artifact_uri(loc.source)}}
        physical["region"] = {"startLine": loc.line or 1, **({"startColumn": loc.column} if loc.column else {})}
        entry: dict[str, Any] = {"ruleId": finding.code, "ruleIndex": used.index(finding.code),
                                 "level": level[finding.severity], "message": {"text": finding.message(lang)},
                                 "locations": [{"physicalLocation": physical}]}
        if loc.pointer:
            entry["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": loc.pointer, "kind": "member"}]
        results.append(entry)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "riskfmt", "version": __version__,
                                      "informationUri": "https://w3id.org/riskfmt/",
                                      "rules": [rule(CODES[code], lang) for code in used]}},
                  "language": "zh-CN" if lang == "zh" else "en", "results": results}],
    }
    out = io.StringIO()
    json.dump(sarif, out, ensure_ascii=False, indent=2)  # the standard library's writer, as before
    return out.getvalue() + "\n"


def _reference_text(result: ValidationResult, lang: str, color: bool, summary: bool) -> str:
    out = []
    for finding in _reference_findings(result):
        loc = finding.location
        severity = SEVERITY_ZH[finding.severity] if lang == "zh" else finding.severity.label
        if color:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        pointer = f" [{printable(loc.pointer)}]" if loc.pointer else ""
        out.append(f"{_where(printable(loc.source), loc.line, loc.column)}: {severity} {finding.code} "
                   f"{printable(finding.message(lang))}{pointer}\n")
    if summary:
        out.append(summary_line(len(result.files), result.count(Severity.ERROR), result.count(Severity.WARNING),
                                lang))
    return "".join(out)


# ---- the laws ------------------------------------------------------------------------------------------------


@given(_flood(), st.sampled_from(["en", "zh"]), st.booleans(), st.sampled_from([10_000, 3, 1]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_every_format_writes_a_flood_as_one_finding_at_a_time_did(result: ValidationResult, lang: str,
                                                                  color: bool, slice_size: int) -> None:
    """... with JSON's findings and SARIF's results made and written in slices of any size."""
    from riskfmt.render import machine

    written = {}
    old = machine._SLICE
    try:
        machine._SLICE = slice_size
        for name in ("text", "json", "github", "sarif"):
            out = io.StringIO()
            RENDERERS[name](result, out, lang, color, False)
            written[name] = out.getvalue()
    finally:
        machine._SLICE = old
    assert written["json"] == _reference_json(result, lang)
    assert written["github"] == _reference_github(result, lang)
    assert written["sarif"] == _reference_sarif(result, lang)
    assert written["text"] == _reference_text(result, lang, color, summary=True)


@given(st.lists(_finding(), max_size=60))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_ordered_is_the_full_sort(findings: list[Finding]) -> None:
    twins = [Finding(f.code, f.severity, f.location, {k: v[::-1] for k, v in f.params.items()}) for f in findings]
    everything = findings + twins + findings
    assert ordered(everything) == sorted(everything, key=Finding.sort_key)
    assert [id(f) for f in ordered(everything)] == [id(f) for f in sorted(everything, key=Finding.sort_key)]
    # found in order already (the usual case: one pass and no sort), or nearly (one pair swapped)
    for start in (findings, list(dict.fromkeys(sorted(findings, key=Finding.sort_key)))):
        expected = sorted(start, key=Finding.sort_key)
        assert [id(f) for f in ordered(start)] == [id(f) for f in expected]
        assert [id(f) for f in ordered(expected)] == [id(f) for f in expected]
        if len(expected) > 1:
            swapped = [expected[1], expected[0], *expected[2:]]
            assert [id(f) for f in ordered(swapped)] == [id(f) for f in sorted(swapped, key=Finding.sort_key)]


@pytest.mark.parametrize("slice_size", [10_000, 7, 1])
def test_a_large_generated_flood_in_every_format(slice_size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of one code and a few of others: the flood's shape at a test's size (SARIF's results written
    in one slice, or in slices of 7 or 1)."""
    from riskfmt.render import machine

    monkeypatch.setattr(machine, "_SLICE", slice_size)
    findings = [Finding.make("RF513", "r.json", f"/model/digests/{i}/digest", line=1, column=40 + 80 * i,
                             digest="sha256:" + "0" * 64) for i in range(3000)]
    findings += [Finding.make("RF520", "r.json", more=846000, capped="RF513", limit=1000),
                 Finding.make("RF503", "s.json", "/evaluations/1/results/0/value", value="1.5", min="0", max="1")]
    result = ValidationResult([FileResult("r.json", findings=findings[::-1]), FileResult("empty.json")])
    for lang in ("en", "zh"):
        for name, reference in (("json", _reference_json), ("github", _reference_github), ("sarif", _reference_sarif)):
            out = io.StringIO()
            RENDERERS[name](result, out, lang, False, False)
            assert out.getvalue() == reference(result, lang), (name, lang)
        out = io.StringIO()
        RENDERERS["text"](result, out, lang, False, False)
        assert out.getvalue() == _reference_text(result, lang, False, summary=True)
