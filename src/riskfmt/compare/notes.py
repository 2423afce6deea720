"""The notes of a comparison: what it says about how it compared (inexact alignments, untestable pairs,
unpaired samples, ...), each a coded finding made into a bilingual entry of the outcome document."""

from __future__ import annotations

from typing import Any

from riskfmt.findings import Finding

__all__ = ["finding_note", "note", "note_order"]


def note(code: str, source: str, pointer: str = "", side: str | None = None, **params: Any) -> dict[str, Any]:
    finding = Finding.make(code, source, pointer, **params)
    out: dict[str, Any] = {"code": code, "severity": finding.severity.label, "title": finding.title,
                           "message": {"en": finding.message("en"), "zh": finding.message("zh")}}
    if side:
        out["side"] = side
    if source:
        out["source"] = source
    if pointer:
        out["pointer"] = pointer
    return out


def finding_note(finding: Finding, side: str) -> dict[str, Any]:
    out: dict[str, Any] = {"code": finding.code, "severity": finding.severity.label, "title": finding.title,
                           "message": {"en": finding.message("en"), "zh": finding.message("zh")}, "side": side,
                           "source": finding.location.source}
    if finding.location.pointer:
        out["pointer"] = finding.location.pointer
    return out


def note_order(note: dict[str, Any]) -> tuple[str, ...]:
    return (note["code"], note.get("side") or "", note.get("pointer") or "", note["message"]["en"])
