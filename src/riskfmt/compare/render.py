"""Rendering comparisons for people: the blocks of a diff and of a matrix, in English or Chinese, and the
functions of the text, Markdown and JSON output formats (``riskfmt.compare.formats`` lists every format).
Shared by ``riskfmt diff``, ``riskfmt compare`` and ``riskfmt vocab diff``.

The diff and matrix renderers work from the JSON document itself, so every format shows the same facts.
The blocks and their text and Markdown renderers are ``riskfmt.compare.blocks``.
"""

from __future__ import annotations

from typing import Any

from riskfmt.compare.blocks import Block, Bullets, Cell, Heading, Para, Table, Text, pick
from riskfmt.i18n.text import translate

__all__ = ["diff_blocks", "json_output", "label", "markdown_output", "matrix_blocks", "text_output"]


# ---- labels --------------------------------------------------------------------------------------------

# English; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "comparison")
_LABELS: dict[str, str] = {
    "title": "Comparison of two evaluation reports",
    "matrix_title": "Comparison of {n} evaluation reports",
    "field": "field",
    "source": "file",
    "organization": "organization",
    "tool": "tool",
    "model": "model",
    "report_id": "report id",
    "vocabulary": "vocabulary",
    "results": "Results",
    "risk": "risk",
    "task": "task",
    "metric": "metric",
    "slice": "slice",
    "difference": "B − A",
    "interval": "{level} interval",
    "p_adjusted": "p (adj.)",
    "verdict": "verdict",
    "significant_better": "better, significant",
    "significant_worse": "worse, significant",
    "significant_changed": "changed, significant",
    "not_significant": "not significant",
    "cannot_tell": "cannot tell",
    "same": "same",
    "not_compared": "not compared",
    "levels": "Risk levels and threshold verdicts",
    "level": "risk level",
    "threshold": "threshold",
    "met": "met",
    "missed": "missed",
    "higher": "higher in B",
    "lower": "lower in B",
    "changed": "changed",
    "one-sided": "one side only",
    "incomparable": "different scales",
    "samples": "Paired samples",
    "paired": "paired",
    "by": "by",
    "sample_id": "sample id",
    "input_digest": "input digest",
    "a_pass_b_fail": "A pass, B fail",
    "a_fail_b_pass": "A fail, B pass",
    "pass_rates": "pass rate A → B",
    "mcnemar": "McNemar p (adj.)",
    "score_difference": "mean score B − A",
    "score_p": "paired t p (adj.)",
    "findings": "Qualitative findings",
    "both_reports": "In both reports",
    "only_in_a": "Only in A",
    "only_in_b": "Only in B",
    "results_only_a": "Results only in A",
    "results_only_b": "Results only in B",
    "coverage": "Coverage",
    "risks_only_a": "Risks only A evaluated",
    "risks_only_b": "Risks only B evaluated",
    "tasks_only_a": "Tasks only A ran",
    "tasks_only_b": "Tasks only B ran",
    "metadata": "Differences that may explain the results",
    "category": "category",
    "where": "where",
    "report": "report",
    "notes": "Notes",
    "absent": "—",
    "not_exact": "alignment not exact",
    "gate_passed": "Gate --fail-on {gate}: passed.",
    "gate_failed": "Gate --fail-on {gate}: FAILED.",
    "no_differences": "No differences.",
    "no_pairs": "No results align between the two reports.",
    "reports": "Reports",
    "disagree": "disagree",
    "agree": "agree",
    "single": "one report",
    "flag": "flag",
    "disagreements": "Disagreements beyond the uncertainty",
}

# the categories of metadata differences, named by their English (msgctxt "comparison category")
_CATEGORIES = ("model", "producer", "tool", "format", "dates", "task", "dataset", "method", "settings")


def label(key: str, lang: str, **params: object) -> str:
    text = pick(translate(_LABELS[key], lang, "comparison"), lang)
    return text.format(**params) if params else text


def _category(name: str) -> tuple[str, str]:
    return name, translate(name, "zh", "comparison category") if name in _CATEGORIES else name


def _both(key: str, **params: object) -> tuple[str, str]:
    return label(key, "en", **params), label(key, "zh", **params)


# ---- numbers -------------------------------------------------------------------------------------------


def num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if value == 0:
        return "0"
    if abs(value) >= 1e5 or abs(value) < 1e-4:
        return f"{value:.3g}"
    return f"{value:.4g}"


def signed(value: Any) -> str:
    if value is None:
        return "—"
    text = num(value)
    return text if text.startswith("-") or value == 0 else "+" + text


def pvalue(value: Any) -> str:
    if value is None:
        return "—"
    if value < 1e-4:
        return "<0.0001"
    return f"{value:.2g}" if value < 0.01 else f"{value:.3f}".rstrip("0").rstrip(".")


def _interval(interval: dict[str, Any] | None) -> str:
    if not interval:
        return "—"
    return f"[{signed(interval['lower'])}, {signed(interval['upper'])}]"


def _level(level: float) -> str:
    return f"{level * 100:g}%"


def _lang_text(value: dict[str, str] | None, lang: str) -> str:
    if not value:
        return "—"
    return value.get(lang) or value.get("en") or value.get("zh") or "—"


def _risk(entry: dict[str, Any], lang: str) -> str:
    return f"`{entry['risk']}` {_lang_text(entry.get('risk_label'), lang)}"


def _slice(entry: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in (entry.get("slice") or {}).items())


def _measured(m: dict[str, Any]) -> str:
    text = num(m["value"]) + ("%" if m.get("unit") == "%" else "")
    if m.get("standard_error") is not None:
        text += f" ±{num(m['standard_error'])}"
    if m.get("n") is not None:
        text += f" n={m['n']}"
    if m.get("status"):
        text += f" ({m['status']})"
    return text


def _verdict(entry: dict[str, Any]) -> Cell:
    significant, change = entry.get("significant"), entry.get("change")
    if entry.get("difference") is None:
        return Cell(_both("not_compared"), "warn")
    if significant is None:
        return Cell(_both("cannot_tell"), "warn")
    if change == "same":
        return Cell(_both("same"), "dim")
    if significant is False:
        return Cell(_both("not_significant"), "dim")
    key = {"better": "significant_better", "worse": "significant_worse"}.get(change or "", "significant_changed")
    return Cell(_both(key), {"better": "good", "worse": "bad"}.get(change or "", "warn"))


# ---- the diff --------------------------------------------------------------------------------------------


def _sides_table(doc: dict[str, Any], lang: str) -> Table:
    a, b = doc["a"], doc["b"]

    def model(m: dict[str, Any]) -> str:
        return " ".join(str(m[k]) for k in ("developer", "name", "version", "revision") if k in m)

    rows = [
        ("source", f"`{a['source']}`", f"`{b['source']}`"),
        ("organization", _lang_text(a["organization"], lang), _lang_text(b["organization"], lang)),
        ("tool", f"{a['tool']['name']} {a['tool']['version']}", f"{b['tool']['name']} {b['tool']['version']}"),
        ("model", model(a["model"]), model(b["model"])),
        ("vocabulary", a["vocabulary_version"], b["vocabulary_version"]),
        ("report_id", f"`{a['report_id']}`", f"`{b['report_id']}`"),
    ]
    return Table(["", "A", "B"], [[Cell(_both(k)), Cell(x), Cell(y)] for k, x, y in rows])


def _marking(doc: dict[str, Any]) -> Para:
    """The label first, as a briefing carries it: TLP 2.0 labels are written the same in every language."""
    tlp = doc["marking"]["tlp"]
    return Para(f"**TLP:{tlp}**", {"RED": "bad", "AMBER": "warn", "AMBER+STRICT": "warn"}.get(tlp, "strong"))


_SUMMARY = ("{pairs} aligned result pairs: {significant} significantly different ({better} better, {worse} worse), "
            "{not_significant} not significantly different, {cannot_tell} cannot tell.")
_TESTS = " {correction} over the {tests} tests made, α = {alpha}."


def _summary_text(doc: dict[str, Any], lang: str) -> str:
    s, options = doc["summary"], doc["options"]
    if not s["pairs"]:
        return label("no_pairs", lang)
    if lang == "zh":  # Chinese has no plural: one template each (the English below has its plurals)
        text = translate(_SUMMARY, lang, "comparison").format(**s)
        if s["tests"]:
            text += translate(_TESTS, lang, "comparison").format(
                tests=s["tests"], correction=_correction(options["correction"], lang), alpha=f"{options['alpha']:g}")
    else:
        text = (f"{s['pairs']} aligned result pair{'s' if s['pairs'] != 1 else ''}: {s['significant']} significantly "
                f"different ({s['better']} better, {s['worse']} worse), {s['not_significant']} not significantly "
                f"different, {s['cannot_tell']} cannot tell.")
        if s["tests"]:
            text += (f" {_correction(options['correction'], lang)} over the {s['tests']} "
                     f"test{'s' if s['tests'] != 1 else ''} made, α = {options['alpha']:g}.")
    return text


def _correction(name: str, lang: str) -> str:
    english = {"holm": "Holm correction", "bonferroni": "Bonferroni correction", "none": "No correction"}[name]
    return translate(english, lang, "comparison")


def diff_blocks(doc: dict[str, Any], lang: str = "en") -> list[Block]:
    """The blocks of a ``riskfmt diff`` document of evaluation reports."""
    blocks: list[Block] = [Heading(_both("title"), 1), _marking(doc), _sides_table(doc, lang),
                           Para(_summary_text(doc, lang))]
    gate = doc.get("gate")
    if gate:
        key = "gate_passed" if gate["passed"] else "gate_failed"
        blocks.append(Para(label(key, lang, gate=gate["fail_on"]), "good" if gate["passed"] else "bad"))
    level = _level(doc["options"]["level"])
    pairs = doc["pairs"]
    if pairs:
        blocks.append(Heading(f"{label('results', lang)} ({len(pairs)})"))
        rows = []
        for p in pairs:
            risk = _risk(p, lang) + ("" if p["alignment"]["exact"] else " †")
            rows.append([Cell(risk), Cell(p["task"]), Cell(p["metric"] + (f" [{_slice(p)}]" if p.get("slice") else "")),
                         Cell(_measured(p["a"])), Cell(_measured(p["b"])), Cell(signed(p["difference"])),
                         Cell(_interval(p.get("interval"))), Cell(pvalue(p.get("p_adjusted"))), _verdict(p)])
        header: list[Text] = [_both("risk"), _both("task"), _both("metric"), "A", "B", _both("difference"),
                              _both("interval", level=level), _both("p_adjusted"), _both("verdict")]
        blocks.append(Table(header, rows, "lllrrrrrl"))
        if any(not p["alignment"]["exact"] for p in pairs):
            blocks.append(Para("† " + label("not_exact", lang), "dim"))
    blocks += _levels_blocks(doc, lang)
    blocks += _samples_blocks(doc, lang, level)
    blocks += _findings_blocks(doc, lang)
    for side in ("a", "b"):
        entries = doc[f"only_{side}"]
        if entries:
            blocks.append(Heading(f"{label('results_only_' + side, lang)} ({len(entries)})"))
            blocks.append(Bullets([f"{_risk(e, lang)} · {e['task']} · {e['metric']} = {_measured(e['measurement'])}"
                                   for e in entries]))
    blocks += _coverage_blocks(doc, lang)
    blocks += _metadata_blocks(doc, lang)
    blocks += _notes_blocks(doc["notes"], lang)
    if not doc["summary"]["differences"] and not doc["metadata"]:
        blocks.append(Para(_both("no_differences")))
    return blocks


def _level_text(level: dict[str, Any] | None) -> str:
    return f"{level['scale']}: {level['level']}" if level else "—"


def _levels_blocks(doc: dict[str, Any], lang: str) -> list[Block]:
    rows = []
    for p in doc["pairs"]:
        level, threshold = p.get("level"), p.get("threshold")
        if level and level["change"] != "same":
            style = "bad" if level["change"] == "higher" else "good" if level["change"] == "lower" else "warn"
            rows.append([Cell(_risk(p, lang)), Cell(p["metric"]), Cell(_both("level")),
                         Cell(_level_text(level.get("a"))),
                         Cell(_level_text(level.get("b"))), Cell(_both(level["change"]), style)])
        if threshold and threshold["changed"]:
            style = "bad" if threshold["a_met"] else "good"
            rows.append([Cell(_risk(p, lang)), Cell(p["metric"]), Cell(_both("threshold")),
                         Cell(_both("met" if threshold["a_met"] else "missed")),
                         Cell(_both("met" if threshold["b_met"] else "missed")), Cell(_both("changed"), style)])
    if not rows:
        return []
    header: list[Text] = [_both("risk"), _both("metric"), "", "A", "B", ""]
    return [Heading(f"{label('levels', lang)} ({len(rows)})"), Table(header, rows)]


def _samples_blocks(doc: dict[str, Any], lang: str, level: str) -> list[Block]:
    entries = doc["samples"]
    if not entries:
        return []
    rows = []
    for s in entries:
        mc, scores = s.get("mcnemar"), s.get("scores")
        mc_cells = [Cell("—"), Cell("—"), Cell("—"), Cell("—")]
        if mc:
            verdicts = s["verdicts"]
            style = "dim" if not mc["significant"] else "bad" if mc["change"] == "worse" else "good"
            mc_cells = [Cell(str(verdicts["a_pass_b_fail"])), Cell(str(verdicts["a_fail_b_pass"])),
                        Cell(f"{num(mc['pass_rate_a'])} → {num(mc['pass_rate_b'])}"),
                        Cell(pvalue(mc.get("p_adjusted")), style)]
        score_cells = [Cell("—"), Cell("—")]
        if scores:
            shown = signed(scores["mean_difference"])
            if scores.get("interval"):
                shown += " " + _interval(scores["interval"])
            style = "warn" if scores.get("significant") is None else "dim" if not scores["significant"] else "strong"
            score_cells = [Cell(shown), Cell(pvalue(scores.get("p_adjusted")) if "p_adjusted" in scores
                                             else label("cannot_tell", lang), style)]
        rows.append([Cell(s["task"]), Cell(str(s["matched"])), Cell(_both(s["matched_by"])), *mc_cells, *score_cells])
    header: list[Text] = [_both("task"), _both("paired"), _both("by"), _both("a_pass_b_fail"), _both("a_fail_b_pass"),
                          _both("pass_rates"), _both("mcnemar"), _both("score_difference"), _both("score_p")]
    return [Heading(f"{label('samples', lang)} ({len(entries)})"), Table(header, rows, "lrlrrrrrr")]


def _finding_text(ref: dict[str, Any], lang: str) -> str:
    text = f"{_lang_text(ref['title'], lang)} (`{ref['finding']}`)"
    if ref.get("risk_level"):
        text += f" [{_level_text(ref['risk_level'])}]"
    return text


def _findings_blocks(doc: dict[str, Any], lang: str) -> list[Block]:
    findings = doc["findings"]
    total = len(findings["matched"]) + len(findings["only_a"]) + len(findings["only_b"])
    if not total:
        return []
    blocks: list[Block] = [Heading(f"{label('findings', lang)} ({total})")]
    if findings["matched"]:
        rows = []
        for f in findings["matched"]:
            change = (f.get("level") or {}).get("change", "same")
            style = "bad" if change == "higher" else "good" if change == "lower" else "warn" if change != "same" else ""
            rows.append([Cell(_risk(f, lang)), Cell(_finding_text(f["a"], lang)), Cell(_finding_text(f["b"], lang)),
                         Cell(_both(change) if change != "same" else "", style)])
        blocks += [Para(f"**{label('both_reports', lang)}**"), Table([_both("risk"), "A", "B", _both("level")], rows)]
    for side in ("a", "b"):
        refs = findings[f"only_{side}"]
        if refs:
            blocks.append(Para(f"**{label('only_in_' + side, lang)}**"))
            blocks.append(Bullets([f"{', '.join('`' + r + '`' for r in ref['risks'])}: {_finding_text(ref, lang)}"
                                   for ref in refs], ["bad" if side == "b" else ""] * len(refs)))
    return blocks


def _coverage_blocks(doc: dict[str, Any], lang: str) -> list[Block]:
    coverage = doc["coverage"]
    items: list[Text] = []
    for kind in ("risks", "tasks"):
        for side in ("a", "b"):
            values = coverage[kind][f"only_{side}"]
            if values:
                shown = ", ".join(f"`{v}`" for v in values)
                items.append((f"{label(f'{kind}_only_{side}', 'en')}: {shown}",
                              f"{label(f'{kind}_only_{side}', 'zh')}：{shown}"))
    if not items:
        return []
    return [Heading(label("coverage", lang)), Bullets(items)]


def _metadata_blocks(doc: dict[str, Any], lang: str) -> list[Block]:
    entries = doc["metadata"]
    if not entries:
        return []
    rows = [[Cell(_category(m["category"])),
             Cell(m.get("task", "") or _both("report")),
             Cell(f"`{m['field']}`"), Cell(m.get("a", "—")), Cell(m.get("b", "—"))] for m in entries]
    header: list[Text] = [_both("category"), _both("where"), _both("field"), "A", "B"]
    return [Heading(f"{label('metadata', lang)} ({len(entries)})"), Table(header, rows)]


def _notes_blocks(notes: list[dict[str, Any]], lang: str) -> list[Block]:
    if not notes:
        return []
    items: list[Text] = []
    styles = []
    for note in notes:
        side = f"{note['side'].upper()} " if note.get("side") else ""
        items.append(f"{side}{note['code']} {note['message']['zh' if lang == 'zh' else 'en']}")
        styles.append({"error": "bad", "warning": "warn"}.get(note["severity"], "dim"))
    return [Heading(f"{label('notes', lang)} ({len(notes)})"), Bullets(items, styles)]


# ---- the matrix ------------------------------------------------------------------------------------------


def _cell_text(cell: dict[str, Any] | None) -> str:
    if cell is None:
        return "—"
    percent = "%" if cell.get("unit") == "%" else ""
    text = num(cell["value"]) + percent
    if cell.get("lower") is not None and cell.get("upper") is not None:
        text += f" [{num(cell['lower'])}{percent}, {num(cell['upper'])}{percent}]"
    if cell.get("n") is not None:
        text += f" n={cell['n']}"
    return text


_DISAGREEMENT = "{where}: {difference} {interval}, p (adj.) {p}"


def matrix_blocks(doc: dict[str, Any], lang: str = "en") -> list[Block]:
    """The blocks of a ``riskfmt compare`` document."""
    reports = doc["reports"]
    blocks: list[Block] = [Heading(label("matrix_title", lang, n=len(reports)), 1), _marking(doc)]
    blocks.append(Table(["", _both("source"), _both("organization"), _both("model")], [
        [Cell(r["label"], "strong"), Cell(f"`{r['source']}`"), Cell(_lang_text(r["organization"], lang)),
         Cell(" ".join(str(r["model"][k]) for k in ("developer", "name", "version") if k in r["model"]))]
        for r in reports]))
    level = _level(doc["options"]["level"])
    columns = doc["columns"]
    if columns:
        rows = []
        for col in columns:
            flag = col["flag"]
            style = {"disagree": "bad", "cannot_tell": "warn", "agree": "dim", "single": "dim"}[flag]
            cells = []
            for cell in col["cells"]:
                cells.append(Cell(_cell_text(cell), "bad" if cell and cell.get("disagrees") else ""))
            measure = f"{col['task']} · {col['metric']}" + (f" [{_slice(col)}]" if col.get("slice") else "")
            rows.append([Cell(_risk(col, lang) + ("" if col["exact"] else " †")), Cell(measure), *cells,
                         Cell(_both(flag), style)])
        header: list[Text] = [_both("risk"), (f"{label('task', 'en')} · {label('metric', 'en')}",
                                              f"{label('task', 'zh')} · {label('metric', 'zh')}"),
                              *[r["label"] for r in reports], _both("flag")]
        blocks.append(Heading(f"{label('results', lang)} ({len(columns)}; {label('interval', lang, level=level)})"))
        blocks.append(Table(header, rows, "ll" + "r" * len(reports) + "l"))
        if any(not c["exact"] for c in columns):
            blocks.append(Para("† " + label("not_exact", lang), "dim"))
    disagreements = [(col, d) for col in columns for d in col["comparisons"] if d["significant"]]
    if disagreements:
        items: list[Text] = []
        for col, d in disagreements:
            a, b = reports[d["a"]]["label"], reports[d["b"]]["label"]
            params = {"where": f"`{col['risk']}` {col['task']} · {col['metric']}",
                      "difference": f"{b} − {a} = {signed(d['difference'])}", "interval": _interval(d.get("interval")),
                      "p": pvalue(d["p_adjusted"])}
            items.append((_DISAGREEMENT.format(**params),
                          translate(_DISAGREEMENT, "zh", "comparison").format(**params)))
        blocks += [Heading(f"{label('disagreements', lang)} ({len(items)})"), Bullets(items, ["bad"] * len(items))]
    blocks += _notes_blocks(doc["notes"], lang)
    return blocks


# ---- the output formats (registered by name in riskfmt.compare.formats) --------------------------------


def text_output(outcome: Any, lang: str) -> str:
    """``--format text``: the outcome's blocks for a terminal."""
    return str(outcome.render("text", lang))


def markdown_output(outcome: Any, lang: str) -> str:
    """``--format markdown``: the outcome's blocks as Markdown."""
    return str(outcome.render("markdown", lang))


def json_output(outcome: Any, lang: str) -> str:
    """``--format json``: the outcome's document."""
    import json

    # a NaN is a bug: fail (exit 3) rather than print what is not JSON
    return json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
