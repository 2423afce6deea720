"""The corpus view: a coverage heatmap of models x top risk concepts, drawn from a corpus store as one
self-contained bilingual page (``riskfmt corpus coverage --format html``).

A cell counts the results, findings and incidents on a model that cite a concept under a top concept (rolled up
the hierarchy, as ``riskfmt corpus coverage`` does). The number is written in every cell that has one, and a
cell's shade only repeats it, so nothing is told by colour alone; an empty cell says "not tested" in words for a
screen reader. Markings travel: every model row shows the strictest TLP label over the rows it counts, and the
page carries the strictest of all of them in its banner (and on every printed page). The page is built with the
same pieces as the report views (``riskfmt.views.html``: escaping, tables, the page shell and style sheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from riskfmt.i18n import pair
from riskfmt.integrity.markings import TLP_LEVELS
from riskfmt.views.html import Page, code, esc

__all__ = ["HEAT_STYLE", "coverage_cells_sql", "coverage_html", "render_coverage", "top_concepts_sql"]

_LABELS = {
    "title": "Coverage of risk concepts by model",
    "intro": ("Each cell counts the results, findings and incidents on a model that cite a risk concept under the "
              "column's top concept (rolled up the hierarchy). Darker cells hold more; the number is always "
              "written. Rows marked stricter than {max_tlp} are left out."),
    "caption": "Models (rows) by top risk concepts (columns): items that test each concept",
    "model": "Model",
    "marking": "Marking",
    "total": "Total",
    "untested": "not tested",
    "nothing": "The corpus holds no result, finding or incident that cites a risk concept.",
    "generated": "Drawn by riskfmt {version} from the corpus {source}. This page loads nothing from the network.",
}
L = {key: pair(english, f"label:corpus-{key}", "label") for key, english in _LABELS.items()}

# five shades of one hue, lightest to darkest; the text turns white on the two darkest for contrast
HEAT_STYLE = """\
table.heat td.h { text-align: center; font-variant-numeric: tabular-nums; min-width: 3.2em; position: relative; }
table.heat thead th { font-size: 0.85em; min-width: 7em; vertical-align: bottom; }
table.heat tbody th { min-width: 12em; text-align: left; } table.heat td.tlpcell { white-space: nowrap; }
table.heat td.h0 { color: var(--muted); }
table.heat td.h1 { background: #e8f0fe; } table.heat td.h2 { background: #b9d0fb; }
table.heat td.h3 { background: #7aa7f5; } table.heat td.h4 { background: #1f5fd1; color: #fff; }
table.heat td.h5 { background: #0b3a8c; color: #fff; }
table.heat td.h { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
"""


def _rank_limit(max_tlp: str) -> int:
    return TLP_LEVELS.index(max_tlp) if max_tlp in TLP_LEVELS else len(TLP_LEVELS) - 1


def top_concepts_sql() -> str:
    """The columns: every active top concept of the risk scheme, with both labels."""
    return ("SELECT concept_id, label_en, COALESCE(label_zh, label_en) AS label_zh FROM concepts "
            "WHERE scheme = 'risk' AND depth = 0 AND status <> 'deprecated' ORDER BY concept_id")


def coverage_cells_sql(max_tlp: str = "RED") -> str:
    """The cells: per model and top concept, the distinct items citing a concept under it and the strictest
    TLP rank among their rows (``risk_links.top_concept`` is the cited concept's top concept)."""
    return f"""
SELECT model, top_concept,
  COUNT(DISTINCT item_kind || '/' || report_id || '/' || COALESCE(evaluation_id, '') || '/' || COALESCE(item_id, ''))
    AS items,
  MAX(tlp_rank) AS tlp_rank
FROM risk_links
WHERE top_concept <> 'none' AND concept_id IS NOT NULL AND tlp_rank <= {_rank_limit(max_tlp)}
GROUP BY model, top_concept
ORDER BY model, top_concept
"""


def _shade(count: int, most: int) -> int:
    """0 for an empty cell, else 1..5 by the count's share of the largest cell."""
    if count <= 0 or most <= 0:
        return 0
    return min(5, 1 + (count * 5 - 1) // most)


def _tlp_text(rank: int) -> str:
    return f"TLP:{TLP_LEVELS[rank]}" if 0 <= rank < len(TLP_LEVELS) else ""


def render_coverage(cells: Sequence[dict[str, Any]], concepts: Sequence[dict[str, Any]], page: Page, *,
                    source: str, max_tlp: str = "RED") -> tuple[str, str, str]:
    """(title, body HTML, page TLP label) of the heatmap. ``cells`` are rows of ``coverage_cells_sql``,
    ``concepts`` rows of ``top_concepts_sql``."""
    from riskfmt import __version__
    from riskfmt.views.html import table
    from riskfmt.views.labels import TLP_MEANING

    columns = [str(c["concept_id"]) for c in concepts]
    grid: dict[str, dict[str, int]] = {}
    marks: dict[str, int] = {}
    for cell in cells:
        model, concept = str(cell["model"] or ""), str(cell["top_concept"])
        if concept not in columns:
            continue
        grid.setdefault(model, {})[concept] = int(cell["items"])
        marks[model] = max(marks.get(model, 0), int(cell["tlp_rank"]))
    most = max((n for row in grid.values() for n in row.values()), default=0)
    page_rank = max(marks.values(), default=0)
    page_tlp = TLP_LEVELS[page_rank] if grid else ""

    head = [page.t(L["model"]), page.t(L["marking"])]
    head += [f'{code(c["concept_id"])} {page.pair(str(c["label_en"]), str(c["label_zh"]))}' for c in concepts]
    head.append(page.t(L["total"]))
    untested = page.t(L["untested"])
    rows = []
    for model in sorted(grid):
        counts = grid[model]
        row = [f'<th scope="row">{esc(model)}</th>',
               f'<td class="tlpcell"><strong>{esc(_tlp_text(marks[model]))}</strong></td>']
        for concept in columns:
            count = counts.get(concept, 0)
            shade = _shade(count, most)
            text = str(count) if count else f'<span aria-hidden="true">·</span><span class="sr">{untested}</span>'
            row.append(f'<td class="h h{shade}">{text}</td>')
        row.append(str(sum(counts.values())))
        rows.append(row)

    title = page.plain(L["title"])
    banner = ""
    if page_tlp:
        klass = "tlp-" + page_tlp.replace("+", "")
        banner = (f'<header class="tlp {klass}" role="banner"><span class="label">TLP:{esc(page_tlp)}</span>'
                  f'<span class="meaning">{page.t(TLP_MEANING[page_tlp])}</span></header>')
    body = [banner, "<main>", f"<h1>{page.t(L['title'])}</h1>", f"<p>{page.t(L['intro'], max_tlp=max_tlp)}</p>"]
    if rows:
        body.append(_heat_table(table(head, [], cls="heat"), rows, page.t(L["caption"])))
    else:
        body.append(f"<p>{page.t(L['nothing'])}</p>")
    body.append(f"<footer>{page.t(L['generated'], version=__version__, source=source)}</footer></main>")
    return title, "\n".join(body), page_tlp


def _heat_table(empty: str, rows: list[list[str]], caption: str) -> str:
    # views.html.table writes every body cell as <td>: the model cell must be a row header (<th scope="row">) so
    # that a screen reader names the model with each count; the head and the scrolling box are table()'s own
    head, _, _ = empty.partition("<tbody>")
    head = head.replace('<table class="heat">', f'<table class="heat"><caption>{caption}</caption>', 1)
    body = "".join("<tr>" + "".join(c if c.startswith(("<th", "<td")) else f'<td class="num">{c}</td>' for c in row)
                   + "</tr>" for row in rows)
    return f"{head}<tbody>{body}</tbody></table></div>"


def coverage_html(runner: Any, *, source: str, max_tlp: str = "RED", lang: str = "both") -> str:
    """The whole page, asked of a corpus engine (``riskfmt.corpus.engines``: DuckDB or Spark).

    .. versionadded:: 0.2
    """
    from riskfmt.views.html import document

    concepts = runner.sql(top_concepts_sql()).to_pylist()
    cells = runner.sql(coverage_cells_sql(max_tlp)).to_pylist()
    page = Page(lang)
    title, body, tlp = render_coverage(cells, concepts, page, source=source, max_tlp=max_tlp)
    return document(page, title=title, body=body, tlp=tlp, style=HEAT_STYLE)
