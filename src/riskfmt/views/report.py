"""The report card of an evaluation report: marking, who evaluated what and when, every result on a forest
plot and in a table, results along the vocabulary's hierarchy with its coverage, qualitative findings, the
validator's findings and what the copy withholds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from riskfmt.views.forest import Mark, forest
from riskfmt.views.html import Page, badge, code, dl, esc, section, table
from riskfmt.views.labels import L, enum_label
from riskfmt.views.parts import checks, footer, lt_of, marking, num, percent, risk_label, risk_list

__all__ = ["render_report", "vocabulary_of"]


def vocabulary_of(doc: dict[str, Any]) -> Any:
    """The vocabulary release a document cites (``vocabulary_version``), else the latest one."""
    from riskfmt.vocab import known_version, latest_version, load_vocabulary

    version = str(doc.get("vocabulary_version") or "")
    return load_vocabulary(version if known_version(version) else latest_version())


def render_report(doc: dict[str, Any], page: Page, *, source: str, findings: Sequence[Any]) -> tuple[str, str]:
    """(title, body HTML) of the report card."""
    vocab = vocabulary_of(doc)
    rows = list(_results(doc))
    title_en, title_zh = lt_of(doc.get("title"))
    heading = page.lt(doc.get("title")) if doc.get("title") else page.t(L["report_title"])
    parts = [marking(page, doc), "<main>",
             f'<p class="sub">{page.t(L["report_title"])} · {code(doc.get("report_id", ""))}</p>',
             f"<h1>{heading}</h1>",
             _identity(page, doc),
             _results_section(page, rows, vocab),
             _concepts(page, doc, rows, vocab),
             _qualitative(page, doc, vocab),
             checks(page, findings),
             _withheld(page, doc),
             _notes(page, doc),
             footer(page, source), "</main>"]
    title = page.plain((title_en, title_zh)) if title_en else page.plain(L["report_title"])
    return title, "\n".join(p for p in parts if p)


# ---- identity ---------------------------------------------------------------------------------------------


def _identity(page: Page, doc: dict[str, Any]) -> str:
    producer, model = doc.get("producer") or {}, doc.get("model") or {}
    org = producer.get("organization") or {}
    tool = producer.get("tool") or {}
    facts: list[tuple[str, str]] = [
        (page.t(L["producer"]), page.lt(org.get("name"))
         + (f' <span class="sub">{esc(org["jurisdiction"])}</span>' if org.get("jurisdiction") else "")),
        (page.t(L["relationship"]), page.t(enum_label("relationship", producer.get("relationship")))),
        (page.t(L["tool"]), f"{esc(tool.get('name', ''))} {code(tool.get('version', ''))}"),
    ]
    if producer.get("contact"):
        facts.append((page.t(L["contact"]), esc(producer["contact"])))
    facts += [
        (page.t(L["model"]), f"<strong>{esc(model.get('name', ''))}</strong>"),
        (page.t(L["developer"]), esc(model.get("developer", ""))),
    ]
    for key, label in (("version", "model_version"), ("id", "model_id"), ("revision", "revision")):
        if model.get(key):
            facts.append((page.t(L[label]), code(model[key])))
    facts.append((page.t(L["access"]), page.t(enum_label("access", model.get("access")))))
    digests = model.get("digests") or []
    if digests:
        items = "".join(f"<li>{page.t(enum_label('subject', d.get('subject')))}"
                        + (f" {code(d['name'])}" if d.get("name") else "") + f": {code(d.get('digest', ''))}</li>"
                        for d in digests)
        facts.append((page.t(L["digests"]), f'<ul class="plain">{items}</ul>'))
    else:
        facts.append((page.t(L["digests"]), f'<span class="warn">{page.t(L["unknown"])}</span>'))
    engine = model.get("inference_engine") or {}
    if engine:
        facts.append((page.t(L["engine"]), f"{esc(engine.get('name', ''))} {code(engine.get('version', ''))}"))
    if model.get("inference_platform"):
        facts.append((page.t(L["platform"]), esc(model["inference_platform"])))
    if doc.get("created"):
        facts.append((page.t(L["created"]), esc(doc["created"])))
    starts = sorted(str(e["started"]) for e in doc.get("evaluations") or [] if e.get("started"))
    ends = sorted(str(e["completed"]) for e in doc.get("evaluations") or [] if e.get("completed"))
    if starts or ends:
        first, last = (starts or ends)[0], (ends or starts)[-1]
        facts.append((page.t(L["run_dates"]), esc(first) + (" → " + esc(last) if last != first else "")))
    facts.append((page.t(L["formats"]), page.t(L["format_versions"], format=doc.get("format_version", ""),
                                                vocab=doc.get("vocabulary_version", ""))))
    provenance = doc.get("provenance") or {}
    if provenance:
        shown = " ".join(esc(provenance[k]) for k in ("source_tool", "source_version") if provenance.get(k))
        facts.append((page.t(L["provenance"]), f"{code(provenance.get('source_format', ''))} {shown}".strip()))
        if provenance.get("converter"):
            facts.append((page.t(L["converter"]), esc(provenance["converter"])))
    return section(page.t(L["identity"]), dl(facts))


# ---- results ---------------------------------------------------------------------------------------------


class _Row:
    """One result with what the views need: where it is, its interval and where that interval came from."""

    def __init__(self, evaluation: dict[str, Any], result: dict[str, Any], index: int) -> None:
        self.evaluation = evaluation
        self.result = result
        self.anchor = f"result-{index}"
        self.metric = result.get("metric") or {}
        self.value = result.get("value")
        self.n = result.get("n")
        unc = result.get("uncertainty") or {}
        self.method = unc.get("method")
        self.se = unc.get("standard_error")
        ci = unc.get("ci") or {}
        self.lower = self.upper = None
        self.level = 0.95
        self.source = ""  # recorded | standard_error | wilson | ""
        self.ci_method = ci.get("method")
        if ci:
            self.lower, self.upper, self.level, self.source = ci.get("lower"), ci.get("upper"), ci.get("level", 0.95), \
                "recorded"
        elif isinstance(self.se, (int, float)) and isinstance(self.value, (int, float)):
            from riskfmt.compare import stats

            half = stats.z_for(0.95) * self.se
            self.lower, self.upper, self.source = self.value - half, self.value + half, "standard_error"
        elif self._proportion() and isinstance(self.n, int) and self.n > 0 and isinstance(self.value, (int, float)):
            from riskfmt.compare import stats

            factor = 0.01 if self.metric.get("unit") == "%" else 1.0
            p = self.value * factor
            if 0.0 <= p <= 1.0:
                low, high = stats.wilson(p, self.n, stats.z_for(0.95))
                self.lower, self.upper, self.source = low / factor, high / factor, "wilson"

    def _proportion(self) -> bool:
        return self.metric.get("kind") in ("proportion", "accuracy", "rate")

    def scale(self) -> tuple[Any, ...]:
        lo, hi, unit = self.metric.get("min"), self.metric.get("max"), self.metric.get("unit")
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and hi > lo:
            return ("fixed", float(lo), float(hi))
        if unit == "%":
            return ("fixed", 0.0, 100.0)
        if self._proportion() or (unit == "1" and isinstance(self.value, (int, float)) and 0 <= self.value <= 1):
            return ("fixed", 0.0, 1.0)
        return ("free", str(self.metric.get("id", "")), str(unit or ""))

    def interval_text(self, page: Page) -> str:
        if self.lower is None or self.upper is None:
            return f'<span class="warn">{page.t(L["no_interval"])}</span>'
        how = self.interval_how()
        note = f'<br><span class="sub">{page.pair(*how)}</span>' if how else ""
        return f'<span class="nowrap">[{esc(num(self.lower))}, {esc(num(self.upper))}]</span>{note}'

    def interval_how(self) -> tuple[str, str] | None:
        level = percent(self.level)
        if self.source == "recorded":
            how = self.ci_method or "?"
            en, zh = L["interval_recorded"]
            return en.format(level=level, how=how), zh.format(level=level, how=how)
        if self.source == "standard_error":
            en, zh = L["interval_se"]
            return en.format(level=level), zh.format(level=level)
        if self.source == "wilson":
            en, zh = L["interval_wilson"]
            return en.format(level=level), zh.format(level=level)
        return None

    def uncertainty_pair(self, with_interval: bool = True) -> tuple[str, str]:
        """n, standard error, method (and where the interval came from) in both languages."""
        method = enum_label("uncertainty", self.method) if self.method else L["unknown"]
        m_en, m_zh = (method, method) if isinstance(method, str) else method
        n_en, n_zh = (L["n_value"][0].format(n=self.n), L["n_value"][1].format(n=self.n)) if self.n is not None \
            else L["n_missing"]
        se_en = f"; {L['se'][0].format(se=num(self.se))}" if self.se is not None else ""
        se_zh = f"；{L['se'][1].format(se=num(self.se))}" if self.se is not None else ""
        how = self.interval_how() if with_interval else None
        how_en = f"; {how[0]}" if how else ""
        how_zh = f"；{how[1]}" if how else ""
        return f"{n_en}; {m_en}{se_en}{how_en}", f"{n_zh}；{m_zh}{se_zh}{how_zh}"


def _results(doc: dict[str, Any]) -> list[_Row]:
    rows: list[_Row] = []
    for evaluation in doc.get("evaluations") or []:
        for result in evaluation.get("results") or []:
            rows.append(_Row(evaluation, result, len(rows) + 1))
    return rows


def _task_text(evaluation: dict[str, Any]) -> tuple[str, str]:
    task = evaluation.get("task") or {}
    name = task.get("name")
    if name:
        return lt_of(name)
    return str(task.get("id", "")), str(task.get("id", ""))


def _slice_text(result: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in (result.get("slice") or {}).items())


def _results_section(page: Page, rows: list[_Row], vocab: Any) -> str:
    if not rows:
        return section(page.t(L["results"]), f"<p>{page.t(L['no_results'])}</p>")
    groups: dict[tuple[Any, ...], list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.scale(), []).append(row)
    figures = []
    for key in sorted(groups, key=lambda k: (k[0] != "fixed", tuple(str(x) for x in k))):
        members = groups[key]
        marks = [_mark(page, row) for row in members]
        if key[0] == "fixed":
            caption = page.t(L["scale"], lo=num(key[1]), hi=num(key[2]))
            figures.append(forest(page, caption, marks, lo=key[1], hi=key[2]))
        else:
            label = L["free_scale"] if key[2] else L["free_scale_nounit"]
            figures.append(forest(page, page.t(label, metric=key[1], unit=key[2]), marks))
    legend = f'<p class="legend">{page.t(L["legend_report"])}</p>'
    plot = f'<h3>{page.t(L["results_plot"])}</h3>' + "".join(figures) + legend
    return section(page.t(L["results"]) + f" ({len(rows)})", plot + _results_table(page, rows, vocab),
                   anchor="results")


def _mark(page: Page, row: _Row) -> Mark:
    task_en, task_zh = _task_text(row.evaluation)
    metric = str(row.metric.get("id", ""))
    slice_text = _slice_text(row.result)
    label = (f'<a href="#{row.anchor}">{page.pair(task_en, task_zh)}</a> · {code(metric)}'
             + (f' <span class="sub">[{esc(slice_text)}]</span>' if slice_text else "")
             + f' <span class="sub">{" ".join(code(r) for r in row.result.get("risks") or [])}</span>')
    unc_en, unc_zh = row.uncertainty_pair()
    interval = f"[{num(row.lower)}, {num(row.upper)}]" if row.lower is not None else "—"
    head = f"{task_en} · {metric}" + (f" [{slice_text}]" if slice_text else "")
    title_en = f"{head}: {num(row.value)} {interval}; {unc_en}"
    title_zh = f"{task_zh} · {metric}" + (f" [{slice_text}]" if slice_text else "") + \
        f"：{num(row.value)} {interval}；{unc_zh}"
    threshold = (row.result.get("threshold") or {}).get("value")
    tone = ""
    met = _threshold_met(row.result)
    if met is not None:
        tone = "good" if met else "bad"
    shown = esc(num(row.value)) + (f' <span class="sub">n={esc(row.n)}</span>' if row.n is not None else "")
    return Mark(label=label, value=row.value if isinstance(row.value, (int, float)) else None, lower=row.lower,
                upper=row.upper, title=page.plain((title_en, title_zh)), shown=shown, tone=tone,
                derived=row.source in ("standard_error", "wilson"),
                threshold=threshold if isinstance(threshold, (int, float)) else None)


def _threshold_met(result: dict[str, Any]) -> bool | None:
    threshold = result.get("threshold") or {}
    value = result.get("value")
    if not isinstance(threshold.get("value"), (int, float)) or not isinstance(value, (int, float)):
        return None
    if threshold.get("comparison") == "at_most":
        return bool(value <= threshold["value"])
    if threshold.get("comparison") == "at_least":
        return bool(value >= threshold["value"])
    return None


def _results_table(page: Page, rows: list[_Row], vocab: Any) -> str:
    body, classes = [], []
    for row in rows:
        evaluation, result = row.evaluation, row.result
        task_en, task_zh = _task_text(evaluation)
        status = evaluation.get("status")
        task = f'<span id="{row.anchor}">{page.pair(task_en, task_zh)}</span>'
        task_id = str((evaluation.get("task") or {}).get("id", ""))
        if task_id and task_id not in (task_en, task_zh):
            task += f' <span class="sub">{code(task_id)}</span>'
        if status and status != "completed":
            task += " " + badge(page.t(enum_label("status", status)), "warn")
        direction = page.t(enum_label("direction", row.metric.get("direction")))
        metric = code(row.metric.get("id", "")) + f' <span class="sub">{direction}</span>'
        if _slice_text(result):
            metric += f' <span class="sub">[{esc(_slice_text(result))}]</span>'
        unit = row.metric.get("unit")
        value = esc(num(row.value)) + (f" {esc(unit)}" if unit and unit not in ("1",) else "")
        method = enum_label("uncertainty", row.method) if row.method else L["unknown"]
        unc_html = page.t(method)
        if row.se is not None:
            unc_html += f'<br><span class="sub">SE {esc(num(row.se))}</span>'
        threshold = result.get("threshold") or {}
        t_html = "—"
        if threshold:
            key = "at_most" if threshold.get("comparison") == "at_most" else "at_least"
            met = _threshold_met(result)
            t_html = page.t(L[key], value=num(threshold.get("value")))
            if met is not None:
                t_html += " " + badge(page.t(L["met" if met else "missed"]), "good" if met else "bad")
            if threshold.get("source"):
                t_html += f'<br><span class="sub">{esc(threshold["source"])}</span>'
        level = result.get("risk_level") or {}
        l_html = "—"
        if level:
            l_html = f"{esc(level.get('level', ''))} <span class=\"sub\">{esc(level.get('scale', ''))}</span>"
            if level.get("rationale"):
                l_html += f"<br>{page.lt(level['rationale'])}"
        body.append([task, metric, value, row.interval_text(page), esc(row.n if row.n is not None else "—"),
                     unc_html, t_html, l_html, risk_list(page, result.get("risks") or [], vocab)])
        classes.append("")
    head = [page.t(L[k]) for k in ("task", "metric", "value", "interval", "n", "uncertainty", "threshold",
                                   "risk_level", "risks")]
    return f'<h3>{page.t(L["results_table"])}</h3>' + table(head, body, numeric="llrrr", row_classes=classes)


# ---- risk concepts --------------------------------------------------------------------------------------


def _concepts(page: Page, doc: dict[str, Any], rows: list[_Row], vocab: Any) -> str:
    """Results and findings under the concepts they cite, along the hierarchy; then the coverage of each
    top-level domain (concepts tested and not)."""
    from riskfmt.compare.align import canonicalizer

    canon = canonicalizer()
    cited: dict[str, list[str]] = {}  # concept id -> HTML links to what cites it

    def cite(label: str, entry: str) -> None:
        # a framework's own code (ailuminate:iwp) goes under the concepts its crosswalk maps it to
        via = canon.via(label)
        if via.kind in ("crosswalk", "replacement"):
            mark = "=" if via.exact else "≈"
            entry += f' <span class="sub">{mark} {code(label)}</span>'
            for concept in via.concepts:
                cited.setdefault(concept, []).append(entry)
        else:
            cited.setdefault(label, []).append(entry)

    for row in rows:
        task_en, task_zh = _task_text(row.evaluation)
        for risk in row.result.get("risks") or []:
            cite(str(risk), f'<a href="#{row.anchor}">{page.pair(task_en, task_zh)} · {code(row.metric.get("id", ""))}'
                            f"</a> = {esc(num(row.value))}")
    for evaluation in doc.get("evaluations") or []:
        for finding in evaluation.get("findings") or []:
            for risk in finding.get("risks") or []:
                cite(str(risk), page.lt(finding.get("title")))
    if not cited:
        return ""
    tested: set[str] = set()  # a concept counts as tested when it or a narrower concept is cited
    for risk in cited:
        concept = vocab.get(risk)
        tested.add(risk)
        if concept is not None:
            tested.update(a.id for a in vocab.ancestors(risk))
    concepts = [c for c in vocab.in_scheme("risk") if not c.deprecated]
    tops = [c for c in concepts if not c.broader]

    def subtree(concept: Any) -> str:
        children = [c for c in vocab.children(concept.id) if not c.deprecated and c.id in tested]
        own = cited.get(concept.id, [])
        items = "".join(f"<li>{entry}</li>" for entry in own)
        nested = "".join(subtree(c) for c in children)
        return (f'<li class="hit">{risk_label(page, concept.id, vocab)}'
                + (f'<ul class="plain">{items}</ul>' if items else "")
                + (f'<ul class="tree">{nested}</ul>' if nested else "") + "</li>")

    tree = "".join(subtree(c) for c in tops if c.id in tested)
    unknown = [r for r in cited if vocab.get(r) is None]  # e.g. a framework's own code
    if unknown:
        tree += "".join(f'<li class="hit">{code(r)}<ul class="plain">'
                        + "".join(f"<li>{e}</li>" for e in cited[r]) + "</ul></li>" for r in sorted(unknown))
    grouped = section(page.t(L["by_concept"]), f'<ul class="tree">{tree}</ul>', anchor="concepts")

    cov_rows = []
    for top in tops:
        members = [top, *_descendants(vocab, top.id)]
        members = [c for c in members if not c.deprecated]
        hit = [c for c in members if c.id in tested]
        fraction = len(hit) / len(members) if members else 0.0
        missing = [c for c in members if c.id not in tested]
        listing = ""
        if missing:
            listing = (f"<details><summary>{page.t(L['untested_list'], n=len(missing))}</summary>"
                       '<ul class="tree">' + "".join(f'<li class="miss">{risk_label(page, c.id, vocab)}</li>'
                                                     for c in missing) + "</ul></details>")
        cov_rows.append(f'<div>{risk_label(page, top.id, vocab)}{listing}</div>'
                        f'<div class="num">{len(hit)} / {len(members)}</div>'
                        f'<div class="bar" role="img" aria-label="{esc(f"{fraction:.0%}")}">'
                        f'<span style="width:{fraction * 100:.1f}%"></span></div>')
    coverage = (f"<p>{page.t(L['coverage_intro'], version=vocab.version)}</p>"
                f'<div class="cov">{"".join(cov_rows)}</div>')
    return grouped + section(page.t(L["coverage"]), coverage, anchor="coverage")


def _descendants(vocab: Any, concept_id: str) -> list[Any]:
    out = []
    for child in vocab.children(concept_id):
        out.append(child)
        out.extend(_descendants(vocab, child.id))
    return out


# ---- findings, withheld, notes --------------------------------------------------------------------------


def _qualitative(page: Page, doc: dict[str, Any], vocab: Any) -> str:
    items = []
    for evaluation in doc.get("evaluations") or []:
        task_en, task_zh = _task_text(evaluation)
        for finding in evaluation.get("findings") or []:
            level = finding.get("risk_level") or {}
            head = f"<strong>{page.lt(finding.get('title'))}</strong>"
            if level:
                head += " " + badge(f"{esc(level.get('level', ''))} · {esc(level.get('scale', ''))}", "warn")
            body = f"<p>{page.lt(finding['description'])}</p>" if finding.get("description") else ""
            meta = (f'<p class="sub">{page.pair(task_en, task_zh)} · {code(finding.get("id", ""))} · '
                    f'{risk_list(page, finding.get("risks") or [], vocab)}</p>')
            items.append(f"<li>{head}{body}{meta}</li>")
    if not items:
        return ""
    return section(page.t(L["qualitative"]) + f" ({len(items)})", f'<ul class="plain">{"".join(items)}</ul>',
                   anchor="qualitative")


def _withheld(page: Page, doc: dict[str, Any]) -> str:
    disclosure = doc.get("disclosure") or {}
    if not disclosure:
        return section(page.t(L["withheld"]), f"<p>{page.t(L['withheld_none'])}</p>", anchor="withheld")
    withheld = disclosure.get("withheld") or []
    counts: dict[str, int] = {}
    for item in withheld:
        counts[str(item.get("kind"))] = counts.get(str(item.get("kind")), 0) + 1
    kinds = sorted(set(map(str, disclosure.get("withholds") or [])) | set(counts))
    facts = []
    if disclosure.get("profile"):
        facts.append((page.t(L["withheld_profile"]), code(disclosure["profile"])))
    body = dl(facts) if facts else ""
    body += table([page.t(L["kind"]), page.t(L["count"])],
                  [[page.t(enum_label("withheld", k)) + f' <span class="sub">{code(k)}</span>', esc(counts.get(k, 0))]
                   for k in kinds], numeric="lr")
    if withheld:
        rows = [[code(i.get("pointer", "")), page.t(enum_label("withheld", i.get("kind"))), esc(i.get("reason", "—")),
                 code(i.get("digest", ""))] for i in withheld]
        body += (f"<details><summary>{page.t(L['withheld_items'], n=len(withheld))}</summary>"
                 + table([page.t(L["where"]), page.t(L["kind"]), page.t(L["reason"]), page.t(L["digest"])], rows)
                 + "</details>")
    return section(page.t(L["withheld"]), body, anchor="withheld")


def _notes(page: Page, doc: dict[str, Any]) -> str:
    notes = []
    if doc.get("notes"):
        notes.append(f"<li>{page.lt(doc['notes'])}</li>")
    for evaluation in doc.get("evaluations") or []:
        if evaluation.get("notes"):
            notes.append(f"<li>{code(evaluation.get('id', ''))}: {page.lt(evaluation['notes'])}</li>")
        for result in evaluation.get("results") or []:
            if result.get("notes"):
                notes.append(f"<li>{code(evaluation.get('id', ''))} · {code(result.get('id', ''))}: "
                             f"{page.lt(result['notes'])}</li>")
    if not notes:
        return ""
    return section(page.t(L["notes"]), f'<ul class="plain">{"".join(notes)}</ul>')
