"""HTML views of an incident report (the current assessment, the attribution hypotheses with their likelihood,
confidence and evidence, the timeline with what each entry changed) and of ``riskfmt diff`` of two incident
reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from riskfmt.views.forest import Mark, forest
from riskfmt.views.html import Page, badge, code, dl, esc, section, table
from riskfmt.views.labels import L, enum_label
from riskfmt.views.parts import checks, footer, lt_of, marking, num, risk_list, signed

__all__ = ["render_incident", "render_incident_diff"]


def _vocab(doc: dict[str, Any]) -> Any:
    from riskfmt.views.report import vocabulary_of as vocab_of

    return vocab_of(doc)


def _concept(page: Page, vocab: Any, scheme: str, token: Any) -> str:
    """A value of one of the vocabulary's small schemes (event, attribution, jurisdiction) with its label."""
    concept = vocab.by_token(scheme, str(token)) if token is not None else None
    if concept is None:
        return code(token if token is not None else "—")
    return f"{page.pair(concept.label('en'), concept.label('zh'))} {code(token)}"


def _concept_plain(vocab: Any, scheme: str, token: Any) -> tuple[str, str]:
    concept = vocab.by_token(scheme, str(token)) if token is not None else None
    if concept is None:
        return str(token), str(token)
    return f"{concept.label('en')} ({token})", f"{concept.label('zh')}（{token}）"


def _likelihood(page: Page, hypothesis: dict[str, Any]) -> str:
    from riskfmt.incident.likelihood import BANDS, band_label

    parts = []
    if isinstance(hypothesis.get("likelihood"), (int, float)):
        value = float(hypothesis["likelihood"])
        parts.append(f'<span class="meter" aria-hidden="true"><span style="width:{value * 100:.1f}%"></span></span>'
                     f"{esc(num(value))}")
    word = hypothesis.get("estimate")
    if word:
        low, high = BANDS.get(str(word), (0.0, 1.0))
        parts.append(f"{page.t(band_label(str(word)))} "
                     f'<span class="sub">({esc(f"{low:g}–{high:g}")})</span>')
    return " · ".join(parts) or "—"


def _severity(page: Page, severity: Any) -> str:
    if not isinstance(severity, dict):
        return "—"
    out = f"{esc(severity.get('level', ''))} <span class=\"sub\">{esc(severity.get('scale', ''))}</span>"
    if severity.get("rationale"):
        out += f"<br>{page.lt(severity['rationale'])}"
    return out


def render_incident(doc: dict[str, Any], page: Page, *, source: str, findings: Sequence[Any]) -> tuple[str, str]:
    """(title, body) of an incident report."""
    vocab = _vocab(doc)
    title_en, title_zh = lt_of(doc.get("title"))
    parts = [marking(page, doc), "<main>",
             f'<p class="sub">{page.t(L["incident_title"])} · {code(doc.get("report_id", ""))}</p>',
             f"<h1>{page.lt(doc.get('title'))}</h1>",
             f"<p>{page.lt(doc.get('summary'))}</p>",
             _assessment(page, doc, vocab),
             _hypotheses(page, doc, vocab),
             _timeline(page, doc, vocab),
             _facts(page, doc, vocab),
             checks(page, findings),
             footer(page, source), "</main>"]
    return page.plain((title_en, title_zh)), "\n".join(p for p in parts if p)


def _assessment(page: Page, doc: dict[str, Any], vocab: Any) -> str:
    attribution = doc.get("attribution") or {}
    facts = [
        (page.t(L["event_type"]), _concept(page, vocab, "event", doc.get("event_type"))),
        (page.t(L["incident_status"]), page.t(enum_label("incident_status", doc.get("status")))),
        (page.t(L["severity_level"]), _severity(page, doc.get("severity"))),
        (page.t(L["cause"]), _concept(page, vocab, "attribution", attribution.get("cause"))),
        (page.t(L["assessed"]), page.lt(attribution.get("assessed_by"))),
        (page.t(L["assessed_on"]), esc(attribution.get("assessed", "—"))),
    ]
    if attribution.get("rationale"):
        facts.append((page.t(L["rationale"]), page.lt(attribution["rationale"])))
    return section(page.t(L["assessment"]), dl(facts), anchor="assessment")


def _hypotheses(page: Page, doc: dict[str, Any], vocab: Any) -> str:
    from riskfmt.incident.likelihood import BANDS

    hypotheses = (doc.get("attribution") or {}).get("hypotheses") or []
    if not hypotheses:
        return ""
    marks, cards = [], []
    for h in hypotheses:
        cause_en, cause_zh = _concept_plain(vocab, "attribution", h.get("cause"))
        confidence = enum_label("confidence", h.get("confidence")) if h.get("confidence") else L["unknown"]
        conf_en, conf_zh = (confidence, confidence) if isinstance(confidence, str) else confidence
        value = h.get("likelihood") if isinstance(h.get("likelihood"), (int, float)) else None
        lower: float | None = None
        upper: float | None = None
        middle: float | None = value
        if value is None and h.get("estimate") in BANDS:
            lower, upper = BANDS[str(h["estimate"])]
            middle = (lower + upper) / 2
        shown_value = num(value) if value is not None else f"{num(lower)}–{num(upper)}"
        marks.append(Mark(
            label=f"{_concept(page, vocab, 'attribution', h.get('cause'))}",
            value=middle,
            lower=lower, upper=upper, tone="" if value is not None else "warn",
            title=page.plain((L["hypothesis_mark"][0].format(cause=cause_en, value=shown_value, confidence=conf_en),
                              L["hypothesis_mark"][1].format(cause=cause_zh, value=shown_value, confidence=conf_zh))),
            shown=esc(shown_value)))
        evidence = []
        for key, word in (("evidence_for", "evidence_for"), ("evidence_against", "evidence_against")):
            items = h.get(key) or []
            if items:
                lis = "".join(f"<li>{page.lt(e.get('description'))}"
                              + (f' <span class="sub">{esc(e["source"])}</span>' if e.get("source") else "")
                              + "</li>" for e in items)
                tone = "good" if key == "evidence_for" else "bad"
                evidence.append(f'<p class="{tone}">{page.t(L[word])} ({len(items)})</p>'
                                f'<ul class="evidence">{lis}</ul>')
        facts = dl([
            (page.t(L["likelihood"]), _likelihood(page, h)),
            (page.t(L["confidence"]), page.t(confidence)),
            (page.t(L["assessed"]),
             page.lt(h.get("assessed_by")) + f' <span class="sub">{esc(h.get("assessed", ""))}</span>'),
        ])
        cards.append(f"<h3>{_concept(page, vocab, 'attribution', h.get('cause'))} "
                     f'<span class="sub">{code(h.get("id", ""))}</span></h3>{facts}{"".join(evidence)}')
    plot = forest(page, page.t(L["likelihood_plot"]), marks, lo=0.0, hi=1.0,
                  legend=page.t(L["legend_likelihood"]))
    return section(page.t(L["hypotheses"]) + f" ({len(hypotheses)})", plot + "".join(cards), anchor="hypotheses")


def _state_of(assessment: dict[str, Any]) -> dict[str, Any]:
    """The comparable facts one assessment states (only those it states)."""
    state: dict[str, Any] = {}
    for key in ("event_type", "status"):
        if key in assessment:
            state[key] = assessment[key]
    if "severity" in assessment:
        s = assessment["severity"] or {}
        state["severity"] = f"{s.get('scale', '')}:{s.get('level', '')}"
    attribution = assessment.get("attribution")
    if attribution:
        state["cause"] = attribution.get("cause")
        for h in attribution.get("hypotheses") or []:
            shown = h.get("likelihood") if h.get("likelihood") is not None else h.get("estimate")
            state[f"hypothesis:{h.get('cause')}"] = shown
            if h.get("confidence"):
                state[f"confidence:{h.get('cause')}"] = h.get("confidence")
    return state


def _change_label(page: Page, vocab: Any, key: str) -> str:
    if key.startswith("hypothesis:"):
        return f"{page.t(L['likelihood'])} {_concept(page, vocab, 'attribution', key.split(':', 1)[1])}"
    if key.startswith("confidence:"):
        return f"{page.t(L['confidence'])} {_concept(page, vocab, 'attribution', key.split(':', 1)[1])}"
    names = {"event_type": "event_type", "status": "incident_status", "severity": "severity_level", "cause": "cause"}
    return page.t(L[names.get(key, "field")])


def _shown(page: Page, vocab: Any, key: str, value: Any) -> str:
    """One stated value of an assessment, with its label where the catalogue or the vocabulary has one."""
    from riskfmt.incident.likelihood import BAND_WORDS, band_label

    if value is None:
        return "—"
    if key == "status":
        return page.t(enum_label("incident_status", value))
    if key == "event_type":
        return _concept(page, vocab, "event", value)
    if key == "cause":
        return _concept(page, vocab, "attribution", value)
    if key.startswith("confidence:"):
        return page.t(enum_label("confidence", value))
    if key.startswith("hypothesis:") and isinstance(value, str) and value in BAND_WORDS:
        return page.t(band_label(value))
    return code(num(value) if isinstance(value, float) else value)


def _timeline(page: Page, doc: dict[str, Any], vocab: Any) -> str:
    entries = doc.get("timeline") or []
    if not entries:
        return ""
    state: dict[str, Any] = {}
    items = []
    for entry in entries:
        new = _state_of(entry.get("assessment") or {})
        changes = []
        if not state and new:
            changes.append(f'<li class="dim">{page.t(L["first_entry"])}</li>')
        else:
            for key in sorted(new):
                if (key in state and state[key] != new[key]) or key not in state:
                    changes.append(f"<li>{_change_label(page, vocab, key)}: {_shown(page, vocab, key, state.get(key))}"
                                   f" → {_shown(page, vocab, key, new[key])}</li>")
            if not changes:
                changes.append(f'<li class="dim">{page.t(L["no_change"])}</li>')
        state.update(new)
        items.append(f"<li><p><strong>#{esc(entry.get('seq', ''))}</strong> {esc(entry.get('date', ''))} · "
                     f"{page.lt(entry.get('author'))}</p><p>{page.lt(entry.get('summary'))}</p>"
                     f'<p class="sub">{page.t(L["what_changed"])}</p><ul class="plain">{"".join(changes)}</ul></li>')
    return section(page.t(L["timeline"]) + f" ({len(entries)})", f'<ol class="timeline">{"".join(items)}</ol>',
                   anchor="timeline")


def _facts(page: Page, doc: dict[str, Any], vocab: Any) -> str:
    reporter = doc.get("reporter") or {}
    org = reporter.get("organization") or {}
    dates = doc.get("dates") or {}
    facts = [(page.t(L["reporter"]), page.lt(org.get("name"))
              + f' <span class="sub">{page.t(enum_label("reporter_role", reporter.get("role")))}</span>')]
    for key in ("occurred", "detected", "reported"):
        if dates.get(key):
            facts.append((page.t(L[key]), esc(dates[key])))
    if doc.get("sectors"):
        facts.append((page.t(L["sectors"]), ", ".join(code(s) for s in doc["sectors"])))
    if doc.get("jurisdictions"):
        facts.append((page.t(L["jurisdictions"]),
                      ", ".join(_concept(page, vocab, "jurisdiction", j) for j in doc["jurisdictions"])))
    if doc.get("countries"):
        facts.append((page.t(L["countries"]), ", ".join(code(c) for c in doc["countries"])))
    out = section(page.t(L["reporter_dates"]), dl(facts))
    harms = doc.get("harms") or []
    if harms:
        rows = [[risk_list(page, h.get("risks") or [], vocab), page.lt(h.get("description")),
                 page.lt(h.get("affected"))] for h in harms]
        out += section(page.t(L["harms"]), table([page.t(L["risks"]), page.t(L["summary"]), page.t(L["affected"])],
                                                 rows), anchor="harms")
    systems = doc.get("systems") or []
    if systems:
        rows = []
        for s in systems:
            who = " · ".join(esc(s[k]) for k in ("developer", "deployer") if s.get(k))
            digests = "<br>".join(f"{page.t(enum_label('subject', d.get('subject')))}: {code(d.get('digest', ''))}"
                                  for d in s.get("digests") or [])
            digests = digests or f'<span class="warn">{page.t(L["unknown"])}</span>'
            rows.append([f"<strong>{esc(s.get('name', s.get('id', '')))}</strong> {code(s.get('version', ''))}"
                         + (f"<br>{page.lt(s['description'])}" if s.get("description") else ""),
                         who, page.t(enum_label("system_role", s.get("role"))), digests])
        out += section(page.t(L["systems"]), table([page.t(L["system"]), page.t(L["developer"]), page.t(L["role"]),
                                                    page.t(L["digests"])], rows), anchor="systems")
    links = doc.get("links") or {}
    link_parts = []
    if links.get("incident_reports"):
        lis = "".join(f"<li>{code(x.get('report_id', ''))} {page.t(enum_label('relation', x.get('relation')))}"
                      + (f" · {page.lt(x['reporter'])}" if x.get("reporter") else "") + "</li>"
                      for x in links["incident_reports"])
        link_parts.append(f"<h3>{page.t(L['related_reports'])}</h3><ul class=\"plain\">{lis}</ul>")
    if links.get("evaluation_reports"):
        lis = "".join(f"<li>{code(x.get('report_id', ''))}" + (f" · {page.lt(x['note'])}" if x.get("note") else "")
                      + "</li>" for x in links["evaluation_reports"])
        link_parts.append(f"<h3>{page.t(L['evaluation_reports'])}</h3><ul class=\"plain\">{lis}</ul>")
    if links.get("sources"):
        # addresses are shown as text, never as links: opening one from a confidential report is the reader's act
        lis = "".join(f"<li>{page.lt(x['title']) + ' · ' if x.get('title') else ''}{code(x.get('url', ''))}"
                      + (f' <span class="sub">{esc(x["published"])}</span>' if x.get("published") else "") + "</li>"
                      for x in links["sources"])
        link_parts.append(f"<h3>{page.t(L['sources'])}</h3><ul class=\"plain\">{lis}</ul>")
    if link_parts:
        out += section(page.t(L["links"]), "".join(link_parts))
    provenance = doc.get("provenance") or {}
    if provenance:
        facts = [(page.t(L["provenance"]), code(provenance.get("source_format", ""))
                  + (f" {code(provenance['source_id'])}" if provenance.get("source_id") else ""))]
        if provenance.get("converter"):
            facts.append((page.t(L["converter"]), esc(provenance["converter"])))
        out += section(page.t(L["provenance"]), dl(facts))
    if doc.get("notes"):
        out += section(page.t(L["notes"]), f"<p>{page.lt(doc['notes'])}</p>")
    return out


# ---- the diff of two incident reports ----------------------------------------------------------------


def render_incident_diff(doc: dict[str, Any], page: Page, *, source: str = "",
                         findings: Sequence[Any] = ()) -> tuple[str, str]:
    """(title, body) of ``riskfmt diff`` of two incident reports (``IncidentDiff.to_dict()``)."""
    from riskfmt.vocab import load_vocabulary

    vocab = load_vocabulary()
    a, b = doc.get("a") or {}, doc.get("b") or {}
    sides = table(["", "A", "B"], [
        [page.t(L["source"]), code(a.get("source", "")), code(b.get("source", ""))],
        [page.t(L["reporter"]), page.lt(a.get("reporter")), page.lt(b.get("reporter"))],
        [page.t(L["report_id"]), code(a.get("report_id", "")), code(b.get("report_id", ""))],
    ])
    attribution = doc.get("attribution") or {}
    tvd = attribution.get("total_variation_distance")
    body = [f"<p>{page.t(L['tvd'])}: <strong>{esc(num(tvd, 3)) if tvd is not None else page.t(L['cannot_tell'])}"
            "</strong></p>"]
    marks = []
    for pair in doc.get("pairs") or []:
        cause_en, cause_zh = _concept_plain(vocab, "attribution", pair.get("cause"))
        diff = pair.get("difference")
        tone = "warn" if diff is None else "dim" if diff == 0 else ""
        marks.append(Mark(label=_concept(page, vocab, "attribution", pair.get("cause")), value=diff, lower=None,
                          upper=None, tone=tone, shown=esc(signed(diff)),
                          title=page.plain((f"{cause_en}: A {num(pair.get('a'))}, B {num(pair.get('b'))}, "
                                            f"B − A {signed(diff)}",
                                            f"{cause_zh}：A {num(pair.get('a'))}，B {num(pair.get('b'))}，"
                                            f"B − A {signed(diff)}"))))
    if marks:
        body.append(forest(page, page.t(L["likelihood"]) + " B − A", marks, lo=-1.0, hi=1.0, zero=True))
        body.append(table([page.t(L["hypothesis"]), "A", "B", "B − A"], [
            [_concept(page, vocab, "attribution", p.get("cause")), esc(num(p.get("a"))), esc(num(p.get("b"))),
             esc(signed(p.get("difference")))] for p in doc.get("pairs") or []], numeric="lrrr"))
    broad = attribution.get("broadest_causes") or []
    if broad:
        body.append(table([page.t(L["broadest"]), "A", "B"], [
            [_concept(page, vocab, "attribution", c.get("cause")), esc(num(c.get("a"))), esc(num(c.get("b")))]
            for c in broad], numeric="lrr"))
    most, settled = attribution.get("most_likely") or {}, attribution.get("settled") or {}
    body.append(dl([
        (page.t(L["most_likely"]), f"A {', '.join(code(x) for x in most.get('a') or []) or '—'}; "
                                   f"B {', '.join(code(x) for x in most.get('b') or []) or '—'} "
                                   + badge(page.t(enum_label("agreement", most.get("agreement"))), "warn"
                                           if most.get("agreement") != "same" else "dim")),
        (page.t(L["settled"]), f"A {code(settled.get('a', '—'))}; B {code(settled.get('b', '—'))} "
                               + badge(page.t(enum_label("agreement", settled.get("agreement"))), "warn"
                                       if settled.get("agreement") != "same" else "dim")),
    ]))
    parts = [marking(page, doc), "<main>", f"<h1>{page.t(L['incident_diff_title'])}</h1>",
             section(page.t(L["sides"]), sides), section(page.t(L["hypotheses"]), "".join(body), anchor="results")]
    fields = doc.get("fields") or []
    if fields:
        parts.append(section(page.t(L["other_differences"]), table(
            [page.t(L["field"]), "A", "B"],
            [[code(f.get("field", "")), esc(_value(f.get("a"))), esc(_value(f.get("b")))] for f in fields])))
    rows = []
    for key, label in (("harms", "harms"), ("systems", "systems")):
        group = doc.get(key) or {}
        rows.append([page.t(L[label]), ", ".join(code(x) for x in group.get("shared") or []) or "—",
                     ", ".join(code(x) for x in group.get("only_a") or []) or "—",
                     ", ".join(code(x) for x in group.get("only_b") or []) or "—"])
    parts.append(section(page.t(L["coverage_diff"]), table(
        ["", page.t(L["shared"]), page.t(L["only"], side="A"), page.t(L["only"], side="B")], rows)))
    history = doc.get("history")
    if history:
        problems = history.get("problems") or []
        text = ("; ".join(page.pair(p.get("message", ""), p.get("message_zh", p.get("message", ""))) for p in problems)
                if problems else f"{esc(history.get('kept', ''))} + {esc(history.get('appended', ''))}")
        parts.append(section(page.t(L["history"]), f'<p class="{"bad" if problems else "good"}">{text}</p>'))
    parts += [footer(page, source), "</main>"]
    return page.plain(L["incident_diff_title"]), "\n".join(p for p in parts if p)


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "/".join(str(v) for v in value.values() if not isinstance(v, dict))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
