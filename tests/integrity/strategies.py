"""Hypothesis strategies for the integrity tests: schema-valid reports with content to withhold and markings."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text(encoding="utf-8"))
TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
RISKS = ("R0010", "R0011", "R0013", "R0015")

# Letters, digits, spaces and Chinese: free text that can never look like a blob, a file name or a token
# (those are the leak scan's business and have their own tests).
_ALPHABET = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 模型拒绝回答风险评估安全")
text = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
lang_text = st.one_of(
    st.builds(lambda en: {"en": en}, text),
    st.builds(lambda zh: {"zh": zh}, text),
    st.builds(lambda en, zh: {"en": en, "zh": zh}, text, text),
)


@st.composite
def samples(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for index in range(draw(st.integers(0, 6))):
        row: dict[str, Any] = {"sample_id": f"s{index}", "epoch": 1, "score": draw(st.sampled_from([0.0, 1.0]))}
        for field in ("input", "output", "target"):
            if draw(st.booleans()):
                row[field] = draw(text)
        if draw(st.booleans()):
            row["input_digest"] = "sha256:" + draw(st.sampled_from(["ab", "cd", "ef"])) * 32
        rows.append(row)
    return rows


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    """A valid report with random samples, findings, notes, rationales, extensions and markings."""
    from riskfmt.identity import report_id

    doc = copy.deepcopy(MINIMAL)
    evaluation = doc["evaluations"][0]
    result = evaluation["results"][0]
    rows = draw(samples())
    if rows:
        evaluation["samples"] = {"inline": rows}
    findings = []
    for index in range(draw(st.integers(0, 3))):
        finding: dict[str, Any] = {"id": f"f{index}", "risks": [draw(st.sampled_from(RISKS))], "title": draw(lang_text)}
        if draw(st.booleans()):
            finding["description"] = draw(lang_text)
        if draw(st.booleans()):
            finding["risk_level"] = {"scale": "generic-5", "level": "moderate", "rationale": draw(lang_text)}
        findings.append(finding)
    if findings:
        evaluation["findings"] = findings
    for container in (doc, evaluation, result):
        if draw(st.booleans()):
            container["notes"] = draw(lang_text)
    if draw(st.booleans()):
        result["risk_level"] = {"scale": "generic-5", "level": "low", "rationale": draw(lang_text)}
    if draw(st.booleans()):
        doc["extensions"] = {draw(st.sampled_from(["example.org/a", "tool~b", "x/y"])): {"note": draw(text)}}
    doc["marking"] = draw(markings(doc))
    doc["report_id"] = report_id(doc)
    return doc


def pointers(doc: Any, prefix: str = "") -> list[str]:
    """Every pointer of a document (the root excluded)."""
    out = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            child = f"{prefix}/{key.replace('~', '~0').replace('/', '~1')}"
            out.append(child)
            out.extend(pointers(value, child))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            child = f"{prefix}/{index}"
            out.append(child)
            out.extend(pointers(value, child))
    return out


@st.composite
def markings(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """A document label and granular labels, all stricter than it, on parts that exist."""
    level = draw(st.integers(0, len(TLP) - 1))
    marking: dict[str, Any] = {"tlp": TLP[level]}
    stricter = TLP[level + 1:]
    candidates = [p for p in pointers(doc) if not p.startswith(("/marking", "/report_id"))]
    if stricter and candidates:
        granular = []
        for _ in range(draw(st.integers(0, 3))):
            granular.append({"tlp": draw(st.sampled_from(stricter)),
                             "selectors": draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3,
                                                        unique=True))})
        if granular:
            marking["granular"] = granular
    return marking
