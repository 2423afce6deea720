"""Pieces every view shares: the marking banner, the validator's findings, numbers, risk concepts, the footer."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from riskfmt.integrity.markings import TLP_LEVELS
from riskfmt.views.html import Page, code, esc, table
from riskfmt.views.labels import TLP_MEANING, L, enum_label

__all__ = ["checks", "footer", "marking", "num", "risk_list"]


def tlp_of(doc: dict[str, Any]) -> str:
    tlp = str(((doc.get("marking") or {}).get("tlp")) or "")
    return tlp if tlp in TLP_LEVELS else ""


def marking(page: Page, doc: dict[str, Any]) -> str:
    """The TLP banner, first on the page: the label in its TLP 2.0 colour on black, and what it means."""
    mark = doc.get("marking") or {}
    tlp = tlp_of(doc)
    if not tlp:
        return ""
    meaning = TLP_MEANING[tlp]
    klass = "tlp-" + tlp.replace("+", "")
    out = (f'<header class="tlp {klass}" role="banner"><span class="label">TLP:{esc(tlp)}</span>'
           f'<span class="meaning">{page.t(meaning)}</span></header>')
    granular = [g for g in mark.get("granular") or [] if isinstance(g, dict)]
    if granular:
        items = "".join(f"<li><strong>TLP:{esc(g.get('tlp'))}</strong> "
                        + ", ".join(code(s) for s in g.get("selectors") or []) + "</li>" for g in granular)
        out += f'<div class="granular">{page.t(L["granular"])}<ul class="plain">{items}</ul></div>'
    return out


def num(value: Any, digits: int = 4) -> str:
    """A number as a reader wants it: few significant digits, no float noise."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if abs(value) >= 1e5 or abs(value) < 1e-4:
        return f"{value:.3g}"
    return f"{value:.{digits}g}"


def signed(value: Any) -> str:
    text = num(value)
    return text if value is None or text.startswith("-") or value == 0 else "+" + text


def percent(level: Any) -> str:
    return f"{float(level) * 100:g}%" if isinstance(level, (int, float)) else "?"


def risk_label(page: Page, risk_id: str, vocab: Any) -> str:
    concept = vocab.get(risk_id) if vocab is not None else None
    if concept is None:
        return code(risk_id)
    return f"{code(risk_id)} {page.pair(concept.label('en'), concept.label('zh'))}"


def risk_list(page: Page, risks: Sequence[Any], vocab: Any) -> str:
    return "; ".join(risk_label(page, str(r), vocab) for r in risks)


def checks(page: Page, findings: Sequence[Any]) -> str:
    """The findings of ``riskfmt validate`` on the rendered document, in the page's language(s)."""
    from riskfmt.findings import Severity

    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    summary = page.t(L["checks_summary"], errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING],
                     infos=counts[Severity.INFO])
    if not findings:
        body = f'<p class="good">{page.t(L["checks_clean"])}</p>'
    else:
        rows, classes = [], []
        for f in findings:
            tone = {Severity.ERROR: "bad", Severity.WARNING: "warn"}.get(f.severity, "dim")
            where = code(f.location.pointer or "/")
            if f.location.line:
                where += f' <span class="sub">{esc(f.location.line)}:{esc(f.location.column or 0)}</span>'
            rows.append([code(f.code), f'<span class="badge {tone}">{page.t(enum_label("severity", f.severity.label))}'
                         "</span>", where, page.pair(f.message("en"), f.message("zh"))])
            classes.append("")
        body = f"<p>{summary}</p>" + table([page.t(L["code"]), page.t(L["severity"]), page.t(L["where"]),
                                            page.t(L["message"])], rows, row_classes=classes)
    return f'<section id="checks"><h2>{page.t(L["checks"])}</h2>{body}</section>'


def footer(page: Page, source: str) -> str:
    from riskfmt import __version__

    return f"<footer>{page.t(L['generated'], version=__version__, source=source)}</footer>"


def lt_of(value: Any) -> tuple[str, str]:
    """A LangText as an (English, Chinese) pair, each falling back to the other."""
    if not isinstance(value, dict):
        text = "" if value is None else str(value)
        return text, text
    en, zh = value.get("en") or "", value.get("zh") or ""
    return en or zh, zh or en
