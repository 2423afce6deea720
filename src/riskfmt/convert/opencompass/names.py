"""What OpenCompass's names mean: result keys (``accuracy (3 runs average)``, G-Pass@k), run folder names
(``YYYYMMDD_HHMMSS``), judged dataset names, and which metrics are percentages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TOOL = "opencompass"
TS = re.compile(r"^\d{8}_\d{6}$")
_RUNS_AVERAGE = re.compile(r"^(?P<metric>.+?) \((?P<n>\d+) runs? average\)$")
GPASS = re.compile(r"^(?:G-Pass@\d+_\d+(?:\.\d+)?|mG-Pass@\d+)$")
HIGHER_IS_BETTER = re.compile(
    r"(^|[_\-/])(acc|accuracy|score|f1|em|exact_match|bleu|rouge\w*|pass@\d+|humaneval_pass@\d+|correct|win_rate)$",
    re.IGNORECASE)
IGNORED_RESULT_KEYS = {"bp", "sys_len", "ref_len"}  # BLEU internals the OpenCompass summarizer ignores
GROUP_METRICS = {"naive_average", "weighted_average", "sum", "standard_deviation", "harmonic_mean"}


# ---- pure helpers (property-tested) --------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricKey:
    """A results key, split: ``metric`` (the riskfmt metric id), ``replicas`` ("(N runs average)"), ``subdivision``."""

    metric: str
    replicas: int | None = None
    subdivision: str | None = None


def parse_metric_key(key: Any) -> MetricKey | None:
    """``"accuracy (2 runs average)"`` -> ``MetricKey("accuracy", 2)``; ``"sub/G-Pass@2_0.5"`` ->
    ``MetricKey("G-Pass@2_0.5", None, "sub")``; None for a key that cannot be a metric (not a string, empty)."""
    if not isinstance(key, str) or not key.strip():
        return None
    text = key.strip()
    replicas: int | None = None
    found = _RUNS_AVERAGE.match(text)
    if found:
        text, replicas = found.group("metric"), int(found.group("n"))
    subdivision = None
    head, sep, tail = text.rpartition("/")
    if sep and head and GPASS.match(tail):
        text, subdivision = tail, head
    return MetricKey(text, replicas, subdivision)


def parse_run_folder_name(name: object) -> str | None:
    """``"20261123_105547"`` -> ``"2026-11-23T10:55:47"`` (no zone: OpenCompass writes local time), else None."""
    if not isinstance(name, str) or not TS.match(name):
        return None
    try:
        # OpenCompass names its run folders by local time and records no zone: the value stays naive
        return datetime.strptime(name, "%Y%m%d_%H%M%S").isoformat()  # noqa: DTZ007
    except ValueError:
        return None


def percent_scale(metric: str) -> bool:
    """Metrics OpenCompass reports in percent (AccEvaluator-style accuracy and the G-Pass family)."""
    return metric in ("accuracy", "acc") or bool(GPASS.match(metric))


JUDGED = re.compile(r"^(?P<prefix>.+?)_(?:judged|summarized)-by--(?P<judge>.+)$")


def split_judged(name: str, models: set[str]) -> tuple[str, list[str] | None] | None:
    """``"<model>_judged-by--<judge>"`` -> ``(judge, [model])``; ``"<a>_<b>_judged-by--<judge>"`` (compare mode:
    OpenCompass joins the pair's abbreviations with ``_``) -> ``(judge, [a, b])``, split where both halves are
    models of the run; ``(judge, None)`` when no split (or more than one) names known models; None when the folder
    is not a judge's results folder."""
    found = JUDGED.match(name)
    if not found:
        return None
    prefix, judge = found.group("prefix"), found.group("judge")
    if prefix in models:
        return judge, [prefix]
    splits = [[prefix[:i], prefix[i + 1:]] for i, ch in enumerate(prefix)
              if ch == "_" and prefix[:i] in models and prefix[i + 1:] in models]
    return (judge, splits[0]) if len(splits) == 1 else (judge, None)
