"""HTML views of ``riskfmt diff`` (two evaluation reports) and ``riskfmt compare`` (a matrix of reports).

The tables come from the same blocks the text and Markdown outputs are built from (``riskfmt.compare.blocks``,
built by ``riskfmt.compare.render``), so every format shows the same facts; the blocks are built once per
language and paired, so a bilingual page shows each label in both. The views add what a table cannot show:
forest plots of the differences (diff) and of each report's value (matrix), and coverage with the concepts'
labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from riskfmt.views.forest import Mark, forest
from riskfmt.views.html import Page, code, esc, inline, section, table
from riskfmt.views.labels import L, enum_label
from riskfmt.views.parts import footer, lt_of, marking, num, percent, signed

__all__ = ["blocks_html", "render_diff", "render_matrix"]

_LEAD = re.compile(r"`[^`]+` ")


# ---- blocks in one or two languages --------------------------------------------------------------------


def _text_pair(text: Any, fallback: Any) -> tuple[str, str]:
    from riskfmt.compare.blocks import pick

    return pick(text, "en"), pick(fallback, "zh")


def _bi(page: Page, en: str, zh: str) -> str:
    """Two texts with the comparison blocks' inline marks, in the page's language(s)."""
    if page.lang == "en" or (page.lang == "both" and en == zh):
        return inline(en)
    if page.lang == "zh":
        return inline(zh)
    # a risk id leading both texts (the same `R0001` before the English and the Chinese label) is shown once
    lead = _LEAD.match(en)
    prefix = ""
    if lead and zh.startswith(lead.group(0)) and len(lead.group(0)) < min(len(en), len(zh)):
        prefix, en, zh = inline(lead.group(0)), en[lead.end():], zh[lead.end():]
    return (f'{prefix}<span class="bi"><span lang="en">{inline(en)}</span>'
            f'<span lang="zh-Hans">{inline(zh)}</span></span>')


def blocks_html(page: Page, en_blocks: Sequence[Any], zh_blocks: Sequence[Any]) -> list[str]:
    """Render the comparison blocks built in English and in Chinese (same structure) as HTML, one string per
    block. Headings become ``h2``/``h3``; styled cells keep their tone as a class."""
    from riskfmt.compare.blocks import Bullets, Heading, Para, Table

    if len(en_blocks) != len(zh_blocks):  # not expected: the builders make the same blocks in each language
        zh_blocks = en_blocks
    out = []
    for a, b in zip(en_blocks, zh_blocks, strict=True):
        if isinstance(a, Heading):
            level = min(3, max(2, a.level))
            out.append(f"<h{level}>{_bi(page, *_text_pair(a.text, b.text))}</h{level}>")
        elif isinstance(a, Para):
            tone = f' class="{esc(a.style)}"' if a.style else ""
            out.append(f"<p{tone}>{_bi(page, *_text_pair(a.text, b.text))}</p>")
        elif isinstance(a, Bullets):
            items = []
            for i, (x, y) in enumerate(zip(a.items, b.items, strict=True)):
                style = a.styles[i] if i < len(a.styles) else ""
                tone = f' class="{esc(style)}"' if style else ""
                items.append(f"<li{tone}>{_bi(page, *_text_pair(x, y))}</li>")
            out.append(f'<ul class="plain">{"".join(items)}</ul>')
        elif isinstance(a, Table):
            head = [_bi(page, *_text_pair(x, y)) for x, y in zip(a.header, b.header, strict=True)]
            rows = []
            for row_a, row_b in zip(a.rows, b.rows, strict=True):
                cells = []
                for ca, cb in zip(row_a, row_b, strict=True):
                    html = _bi(page, *_text_pair(ca.text, cb.text))
                    cells.append(f'<span class="{esc(ca.style)}">{html}</span>' if ca.style else html)
                rows.append(cells)
            out.append(table(head, rows, numeric=a.align))
    return out


# ---- the diff ------------------------------------------------------------------------------------------


def _sides(page: Page, doc: dict[str, Any]) -> str:
    a, b = doc.get("a") or {}, doc.get("b") or {}

    def model(m: dict[str, Any]) -> str:
        return esc(" ".join(str(m[k]) for k in ("developer", "name", "version", "revision") if k in m))

    def tool(t: dict[str, Any]) -> str:
        return f"{esc(t.get('name', ''))} {code(t.get('version', ''))}"

    rows = [
        [page.t(L["source"]), code(a.get("source", "")), code(b.get("source", ""))],
        [page.t(L["report_title"]), page.lt(a.get("title")), page.lt(b.get("title"))],
        [page.t(L["producer"]), page.lt(a.get("organization")), page.lt(b.get("organization"))],
        [page.t(L["tool"]), tool(a.get("tool") or {}), tool(b.get("tool") or {})],
        [page.t(L["model"]), model(a.get("model") or {}), model(b.get("model") or {})],
        [page.t(L["vocabulary"]), esc(a.get("vocabulary_version", "")), esc(b.get("vocabulary_version", ""))],
        [page.t(L["created"]), esc(a.get("created", "—")), esc(b.get("created", "—"))],
        [page.t(L["report_id"]), code(a.get("report_id", "")), code(b.get("report_id", ""))],
    ]
    return section(page.t(L["sides"]), table(["", "A", "B"], rows))


def _verdict(pair: dict[str, Any]) -> tuple[tuple[str, str], str]:
    """The verdict label and tone of a pair, as the text output decides it."""
    significant, change = pair.get("significant"), pair.get("change")
    if pair.get("difference") is None:
        return L["not_compared"], "warn"
    if significant is None:
        return L["cannot_tell"], "warn"
    if change == "same":
        return L["same"], "dim"
    if significant is False:
        return L["not_significant"], "dim"
    if change == "better":
        return L["better"], "good"
    if change == "worse":
        return L["worse"], "bad"
    return L["changed"], "warn"


def _pair_label(page: Page, pair: dict[str, Any]) -> tuple[str, str, str]:
    """(HTML label, English plain, Chinese plain) of a pair or a matrix column."""
    label_en, label_zh = lt_of(pair.get("risk_label"))
    slice_text = ", ".join(f"{k}={v}" for k, v in (pair.get("slice") or {}).items())
    measure = f"{pair.get('task', '')} · {pair.get('metric', '')}" + (f" [{slice_text}]" if slice_text else "")
    html = (f"{code(pair.get('risk', ''))} {page.pair(label_en, label_zh)}"
            f'<br><span class="sub">{esc(measure)}</span>')
    return html, f"{pair.get('risk', '')} {label_en} · {measure}", f"{pair.get('risk', '')} {label_zh} · {measure}"


def _side_text(side: dict[str, Any]) -> str:
    text = num(side.get("value"))
    if side.get("n") is not None:
        text += f" n={side['n']}"
    if side.get("standard_error") is not None:
        text += f" SE={num(side['standard_error'])}"
    return text


def _diff_plot(page: Page, doc: dict[str, Any]) -> str:
    pairs = doc.get("pairs") or []
    if not pairs:
        return ""
    level = percent((doc.get("options") or {}).get("level", 0.95))
    marks = []
    for pair in pairs:
        html, plain_en, plain_zh = _pair_label(page, pair)
        verdict, tone = _verdict(pair)
        interval = pair.get("interval") or {}
        lower, upper = interval.get("lower"), interval.get("upper")
        alignment = pair.get("alignment") or {}
        tier = alignment.get("tier", "exact")
        if not alignment.get("exact", True):
            html += f' <span class="warn">† {page.t(enum_label("tier", tier))}</span>'
        p_adj = pair.get("p_adjusted")
        shown_interval = f"[{signed(lower)}, {signed(upper)}]" if lower is not None else "—"
        facts_en = (f"A {_side_text(pair.get('a') or {})}; B {_side_text(pair.get('b') or {})}; B − A "
                    f"{signed(pair.get('difference'))} {shown_interval}"
                    + (f"; {L['p_adjusted_value'][0].format(p=num(p_adj, 3))}" if p_adj is not None else "")
                    + (f"; {pair['test']}" if pair.get("test") else "") + f"; {verdict[0]}")
        facts_zh = (f"A {_side_text(pair.get('a') or {})}；B {_side_text(pair.get('b') or {})}；B − A "
                    f"{signed(pair.get('difference'))} {shown_interval}"
                    + (f"；{L['p_adjusted_value'][1].format(p=num(p_adj, 3))}" if p_adj is not None else "")
                    + (f"；{pair['test']}" if pair.get("test") else "") + f"；{verdict[1]}")
        shown = f"{esc(signed(pair.get('difference')))}<br><span class=\"{tone}\">{page.t(verdict)}</span>"
        marks.append(Mark(label=html, value=pair.get("difference"), lower=lower, upper=upper,
                          title=page.plain((f"{plain_en}: {facts_en}", f"{plain_zh}：{facts_zh}")), shown=shown,
                          tone=tone))
    # proportions (differences are in fractions, percentages converted) and other scales do not share an axis
    groups: dict[str, list[Mark]] = {}
    for pair, mark in zip(pairs, marks, strict=True):
        units = {(pair.get("a") or {}).get("unit"), (pair.get("b") or {}).get("unit")}
        groups.setdefault("proportion" if units & {"1", "%"} else "other", []).append(mark)
    figures = []
    for key in sorted(groups, key=lambda k: k != "proportion"):
        caption = page.t(L["diff_plot"]) + " · " + page.t(L["diff_" + key])
        figures.append(forest(page, caption, groups[key], zero=True))
    legend = f'<p class="legend">{page.t(L["legend_diff"], level=level)}</p>'
    return "".join(figures) + legend


def _coverage(page: Page, doc: dict[str, Any]) -> str:
    from riskfmt.views.report import vocabulary_of

    vocab = vocabulary_of({"vocabulary_version": (doc.get("a") or {}).get("vocabulary_version")})
    coverage = doc.get("coverage") or {}
    parts = []
    for kind, key in (("risks", "risks_only"), ("tasks", "tasks_only")):
        for side in ("a", "b"):
            values = (coverage.get(kind) or {}).get(f"only_{side}") or []
            if not values:
                continue
            if kind == "risks":
                from riskfmt.views.parts import risk_label

                items = "".join(f"<li>{risk_label(page, str(v), vocab)}</li>" for v in values)
            else:
                items = "".join(f"<li>{code(v)}</li>" for v in values)
            parts.append(f"<h3>{page.t(L[key], side=side.upper())} ({len(values)})</h3>"
                         f'<ul class="plain">{items}</ul>')
    if not parts:
        parts.append(f"<p>{page.t(L['no_coverage_diff'])}</p>")
    return section(page.t(L["coverage_diff"]), "".join(parts), anchor="coverage")


def render_diff(doc: dict[str, Any], page: Page, *, source: str = "", findings: Sequence[Any] = ()) -> tuple[str, str]:
    """(title, body) of a ``riskfmt diff`` document of two evaluation reports."""
    from riskfmt.compare.blocks import Bullets, Heading
    from riskfmt.compare.render import diff_blocks, label

    en, zh = diff_blocks(doc, "en"), diff_blocks(doc, "zh")
    # the first three blocks (title, marking, the two sides) are drawn by this view itself; the coverage
    # block is replaced by one that names the concepts
    coverage_titles = {label("coverage", "en")}
    kept_en, kept_zh = [], []
    skip_next = False
    for x, y in zip(en[3:], zh[3:], strict=False):
        if skip_next and isinstance(x, Bullets):
            skip_next = False
            continue
        if isinstance(x, Heading) and x.text in coverage_titles:
            skip_next = True
            continue
        kept_en.append(x)
        kept_zh.append(y)
    rendered = blocks_html(page, kept_en, kept_zh)
    # the plot goes after the summary (and the gate), before the first table
    first_heading = next((i for i, b in enumerate(kept_en) if isinstance(b, Heading)), len(rendered))
    plot = _diff_plot(page, doc)
    body_blocks = [*rendered[:first_heading], plot, *rendered[first_heading:]]
    parts = [marking(page, doc), "<main>", f"<h1>{page.t(L['diff_title'])}</h1>", _sides(page, doc),
             f'<section id="results">{"".join(body_blocks)}</section>', _coverage(page, doc),
             footer(page, source), "</main>"]
    return page.plain(L["diff_title"]), "\n".join(p for p in parts if p)


# ---- the matrix -------------------------------------------------------------------------------------------


def _matrix_plot(page: Page, doc: dict[str, Any]) -> str:
    reports = doc.get("reports") or []
    level = percent((doc.get("options") or {}).get("level", 0.95))
    figures = []
    for column in doc.get("columns") or []:
        html, plain_en, plain_zh = _pair_label(page, column)
        marks = []
        for index, cell in enumerate(column.get("cells") or []):
            if cell is None:
                continue
            name = str(reports[index].get("label", index + 1)) if index < len(reports) else str(index + 1)
            interval = (f"[{num(cell['lower'])}, {num(cell['upper'])}]" if cell.get("lower") is not None
                        else "—")
            source = cell.get("interval_source", "")
            n = f" n={cell['n']}" if cell.get("n") is not None else ""
            tone = "bad" if cell.get("disagrees") else ""
            marks.append(Mark(
                label=f"<strong>{esc(name)}</strong>", value=cell.get("value"), lower=cell.get("lower"),
                upper=cell.get("upper"),
                title=page.plain((f"{name} · {plain_en}: {num(cell.get('value'))} {interval}{n} ({source})",
                                  f"{name} · {plain_zh}：{num(cell.get('value'))} {interval}{n}（{source}）")),
                shown=esc(num(cell.get("value"))) + (f' <span class="sub">{esc(n)}</span>' if n else ""),
                tone=tone, derived=source in ("standard_error", "wilson")))
        flag = column.get("flag", "")
        tone = {"disagree": "bad", "cannot_tell": "warn"}.get(flag, "dim")
        flag_label = {"disagree": L["flag_disagree"], "agree": L["flag_agree"], "single": L["flag_single"],
                      "cannot_tell": L["cannot_tell"]}.get(flag, flag)
        caption = f'{html} <span class="badge {tone}">{page.t(flag_label)}</span>'
        figures.append(forest(page, caption, marks))
    if not figures:
        return ""
    return (f"<h2>{page.t(L['matrix_plot'])}</h2>" + "".join(figures)
            + f'<p class="legend">{page.t(L["legend_matrix"], level=level)}</p>')


def render_matrix(doc: dict[str, Any], page: Page, *, source: str = "",
                  findings: Sequence[Any] = ()) -> tuple[str, str]:
    """(title, body) of a ``riskfmt compare`` document."""
    from riskfmt.compare.render import matrix_blocks

    en, zh = matrix_blocks(doc, "en"), matrix_blocks(doc, "zh")
    n = len(doc.get("reports") or [])
    rendered = blocks_html(page, en[2:], zh[2:])  # the title and the marking are drawn by this view
    parts = [marking(page, doc), "<main>", f"<h1>{page.t(L['matrix_title'], n=n)}</h1>", rendered[0],
             _matrix_plot(page, doc), f'<section id="results">{"".join(rendered[1:])}</section>',
             footer(page, source), "</main>"]
    return page.plain(L["matrix_title"], n=n), "\n".join(p for p in parts if p)
