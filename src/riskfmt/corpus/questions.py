"""The named questions people ask of a corpus, as SQL that runs unchanged on DuckDB and on Spark.

- ``coverage``: for each risk concept, how many results, findings and incidents bear on it (rolled up the
  hierarchy: a result on a narrower concept counts for its ancestors too), by which producers, on which models;
  concepts nobody tests have zero.
- ``disagreements``: pairs of results of the same task, metric, model and slice from different producers whose
  95% intervals do not overlap, or whose difference exceeds ``z`` standard errors of the difference.
- ``history``: one model's results over time (results with no known time last).

Every question takes ``max_tlp``: rows marked stricter than this label are left out, so an answer can be
shared as widely as that label allows.
"""

from __future__ import annotations

from typing import Any

from riskfmt.integrity.markings import TLP_LEVELS, rank

__all__ = ["HEADINGS", "coverage_sql", "disagreements_sql", "heading", "history_sql"]

# z of a two-sided 95% interval: a standard error from an interval's width when only the interval is given
_Z95 = 1.959963984540054


def _rank(max_tlp: str) -> int:
    return rank(max_tlp) if max_tlp in TLP_LEVELS else len(TLP_LEVELS) - 1


def coverage_sql(engine: Any, *, lang: str = "en", max_tlp: str = "RED", untested: bool = False) -> str:
    label = "label_zh" if lang == "zh" else "label_en"
    return f"""
WITH links AS (
  SELECT l.report_id, COALESCE(l.evaluation_id, '') AS evaluation_id, l.item_kind, l.item_id, l.producer,
         l.model, c.ancestor AS concept_id
  FROM risk_links l JOIN concept_closure c ON c.descendant = l.concept_id
  WHERE l.tlp_rank <= {_rank(max_tlp)}
)
SELECT k.concept_id, COALESCE(k.{label}, k.label_en) AS label, k.depth,
  COUNT(DISTINCT CASE WHEN links.item_kind = 'result'
        THEN links.report_id || '/' || links.evaluation_id || '/' || links.item_id END) AS results,
  COUNT(DISTINCT CASE WHEN links.item_kind = 'finding'
        THEN links.report_id || '/' || links.evaluation_id || '/' || links.item_id END) AS findings,
  COUNT(DISTINCT CASE WHEN links.item_kind = 'incident' THEN links.report_id END) AS incidents,
  COUNT(DISTINCT links.producer) AS producer_count,
  {engine.agg('links.producer')} AS producers,
  {engine.agg('links.model')} AS models
FROM concepts k LEFT JOIN links ON links.concept_id = k.concept_id
WHERE k.scheme = 'risk' AND k.status <> 'deprecated'
GROUP BY k.concept_id, COALESCE(k.{label}, k.label_en), k.depth
{"HAVING COUNT(links.report_id) = 0" if untested else ""}
ORDER BY k.concept_id
"""


def disagreements_sql(engine: Any, *, z: float = 3.0, max_tlp: str = "RED") -> str:
    return f"""
WITH r AS (
  SELECT report_id, producer, model, model_version, task_id, metric_id, COALESCE(slice, '') AS slice, value,
         COALESCE(standard_error, (ci_upper - ci_lower) / {2 * _Z95}) AS se,
         COALESCE(ci_lower, value - {_Z95} * standard_error) AS lo,
         COALESCE(ci_upper, value + {_Z95} * standard_error) AS hi
  FROM results
  WHERE value IS NOT NULL AND tlp_rank <= {_rank(max_tlp)}
),
pairs AS (
  SELECT a.task_id, a.metric_id, a.model, a.slice,
         a.producer AS producer_a, a.value AS value_a, a.lo AS lower_a, a.hi AS upper_a, a.report_id AS report_a,
         b.producer AS producer_b, b.value AS value_b, b.lo AS lower_b, b.hi AS upper_b, b.report_id AS report_b,
         CASE WHEN a.se * a.se + b.se * b.se > 0
              THEN ABS(a.value - b.value) / SQRT(a.se * a.se + b.se * b.se) END AS z,
         CASE WHEN a.hi < b.lo OR b.hi < a.lo THEN 1 ELSE 0 END AS apart
  FROM r a JOIN r b ON a.task_id = b.task_id AND a.metric_id = b.metric_id AND a.model = b.model
                   AND a.slice = b.slice AND a.producer < b.producer
)
SELECT task_id, metric_id, model, slice, producer_a, value_a, lower_a, upper_a, producer_b, value_b, lower_b,
       upper_b, ROUND(z, 3) AS z, apart AS intervals_apart, report_a, report_b
FROM pairs
WHERE apart = 1 OR z > {float(z)}
ORDER BY z DESC, task_id, metric_id, model, producer_a, producer_b
"""


def history_sql(engine: Any, model: str, *, max_tlp: str = "RED") -> str:
    return f"""
SELECT observed, producer, model_version, task_id, metric_id, slice, value, ci_lower, ci_upper, n, risks, report_id
FROM results
WHERE model = {engine.literal(model)} AND tlp_rank <= {_rank(max_tlp)}
ORDER BY observed NULLS LAST, task_id, metric_id, slice NULLS FIRST, producer, report_id
"""


# Column headings of the named questions: the column names; their Chinese is in riskfmt/i18n/zh_CN.po (msgctxt
# "corpus heading"); a column not listed keeps its name
HEADINGS: tuple[str, ...] = (
    "concept_id", "label", "depth", "results", "findings", "incidents", "producer_count", "producers", "models",
    "task_id", "metric_id", "model", "slice", "producer_a", "value_a", "lower_a", "upper_a", "producer_b",
    "value_b", "lower_b", "upper_b", "z", "intervals_apart", "report_a", "report_b", "observed", "producer",
    "model_version", "value", "ci_lower", "ci_upper", "n", "risks", "report_id",
)


def heading(column: str, lang: str) -> str:
    from riskfmt.i18n.text import translate

    return translate(column, lang, "corpus heading") if column in HEADINGS else column
