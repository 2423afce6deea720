"""What lm-eval's metric keys say: ``acc,none`` and its ``acc_stderr,none``, the filter, and how lm-eval
computed a standard error (analytic or bootstrap, and with how many resamples)."""

from __future__ import annotations

import math
import re
from typing import Any

_STDERR = "_stderr"

# lm-eval's aggregation names (api/registry) and what its stderr_for_metric does with each
_ANALYTIC = {"mean", "acc_all"}
_BOOTSTRAP = {"median", "matthews_corrcoef", "f1", "f1_score", "perplexity", "bleu", "chrf", "ter", "nanmean"}
_FEW_BOOTSTRAP = {"bleu", "chrf", "ter"}  # metric names lm-eval bootstraps with min(bootstrap_iters, 100)
# aggregations of lm-eval's built-in metrics, for tasks whose config lists none
DEFAULT_AGGREGATION = {
    "acc": "mean", "acc_norm": "mean", "acc_mutual_info": "mean", "exact_match": "mean", "em": "mean",
    "acc_all": "acc_all", "mcc": "matthews_corrcoef", "f1": "f1", "bleu": "bleu", "chrf": "chrf", "ter": "ter",
    "perplexity": "perplexity", "word_perplexity": "weighted_perplexity", "byte_perplexity": "weighted_perplexity",
    "bits_per_byte": "bits_per_byte", "brier_score": "brier_score",
}
# metrics whose values are fractions of items (0..1)
PROPORTIONS = {"acc", "acc_norm", "acc_mutual_info", "exact_match", "em", "acc_all", "pass@1", "f1"}
PER_ITEM_BINARY = PROPORTIONS - {"f1"}
RESULT_META = {"alias", "name", "sample_len", "sample_count", "samples", " "}


# ---- parsing helpers (pure; property-tested) ---------------------------------------------------------


def parse_metric_key(key: object, legacy: bool = False) -> tuple[str, str, bool] | None:
    """``"acc,none"`` -> ``("acc", "none", False)``; ``"acc_stderr,none"`` -> ``("acc", "none", True)``.

    Split at the first comma (lm-eval metric names hold no comma; filter names may). Keys without a comma
    (``alias``, ``sample_len``) are not metrics: None, unless ``legacy`` (the lm-eval 0.3 layout, where
    ``"acc"`` and ``"acc_stderr"`` are the metric and its standard error under no filter, read as ``none``).
    """
    if not isinstance(key, str):
        return None
    metric, sep, filt = key.partition(",")
    if not sep and legacy and metric and key not in RESULT_META:
        filt = "none"
    elif not sep or not metric:
        return None
    if metric.endswith(_STDERR) and len(metric) > len(_STDERR):
        return metric[: -len(_STDERR)], filt, True
    return metric, filt, False


def metric_id(metric: str, filt: str) -> str:
    """The riskfmt metric id: the bare metric under lm-eval's ``none`` filter, else ``metric,filter``."""
    return metric if filt == "none" else f"{metric},{filt}"


def parse_stderr(value: Any) -> tuple[float | None, str]:
    """(standard error, status): status is ``ok``, ``na`` (lm-eval's "N/A": none computed) or ``invalid``."""
    if isinstance(value, str) and value.strip().upper() in ("N/A", "NA", ""):
        return None, "na"
    if value is None:
        return None, "na"
    if isinstance(value, bool):
        return None, "invalid"
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None, "invalid"
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isfinite(number) and number >= 0:
            return number, "ok"
    return None, "invalid"


def aggregation_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    found = re.match(r"^<function (\w+)", value)
    return found.group(1) if found else value.strip()


def stderr_method(metric: str, aggregation: str | None, bootstrap_iters: Any) -> tuple[str, int | None]:
    """The uncertainty method lm-eval used for a task metric, and its number of bootstrap resamples."""
    agg = aggregation if aggregation is not None else DEFAULT_AGGREGATION.get(metric, "mean")
    if agg in _ANALYTIC:
        return "analytic", None
    if agg in _BOOTSTRAP:
        iters = bootstrap_iters if isinstance(bootstrap_iters, int) and not isinstance(bootstrap_iters, bool) else None
        if iters is not None and iters > 0:
            return "bootstrap", min(iters, 100) if metric in _FEW_BOOTSTRAP else iters
        return "bootstrap", None
    return "reported", None
