"""An Inspect log's scores as riskfmt results: metric ids, headline values, uncertainty, the primary scorer,
and the samples' scores."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from riskfmt.convert._coerce import as_dict, as_list, filled, finite_number
from riskfmt.convert.builder import ReportBuilder
from riskfmt.convert.inspect_ai.samples import Sample, score_to_float

# bootstrap_std: the name of bootstrap_stderr before inspect-ai 0.3.58
_UNCERTAINTY_METRICS = {"stderr", "std", "var", "bootstrap_stderr", "bootstrap_std"}
_MEAN_LIKE = {"accuracy", "mean"}
_CATEGORICAL = {"C", "I", "P", "N"}


def metric_id(scorer: str, metric: str, reducer: str | None) -> str:
    """``<scorer>/<metric>``, and ``@<reducer>`` when the log reduced epochs: distinct for every result of a log,
    and the same for the same scorer, metric and reducer in another log, so that results align."""
    base = f"{scorer}/{metric}"
    return f"{base}@{reducer}" if reducer else base








def _metric_value(metric: Any) -> float | None:
    return finite_number(metric.get("value")) if isinstance(metric, dict) else finite_number(metric)


def _spread_value(metric: Any) -> float | None:
    """A standard error, deviation or variance: finite and not negative."""
    value = _metric_value(metric)
    return value if value is not None and value >= 0 else None


class ResultReader:
    """An Inspect log's scores as riskfmt results, with their uncertainty, and its samples (part of
    ``InspectConverter``)."""

    def _results(self, b: ReportBuilder, evaluation: dict[str, Any], results: dict[str, Any], spec: dict[str, Any],
                 samples: list[Sample], epochs: int) -> str | None:
        entries = [e for e in as_list(results.get("scores")) if isinstance(e, dict)]
        if not entries and isinstance(results.get("scorers"), list):
            entries = [e for e in results["scorers"] if isinstance(e, dict)]
        if not entries and isinstance(results.get("scorer"), dict):
            # the layout of inspect-ai before 0.3.18 (mid 2024): one scorer, its metrics beside it; read as Inspect's
            # own migration reads it (EvalResults.convert_scorer_to_scorers)
            entries = [{**results["scorer"], "scorer": results["scorer"].get("name"),
                        "metrics": as_dict(results.get("metrics"))}]
            b.derived("results.scores", "from results.scorer and results.metrics (the log layout before inspect-ai "
                                        "0.3.18), as Inspect itself migrates it")
        registered = _registered_metrics(spec)
        # n comes from the sample records only when the log holds all of them; a log whose samples were trimmed
        # (or never written) keeps the run's own counts in results
        completed = results.get("completed_samples")
        completed = completed if isinstance(completed, int) and not isinstance(completed, bool) and completed > 0 \
            else None
        records = len({(str(s.id), s.epoch) for s in samples})
        partial = not samples or (completed is not None and records < completed)
        counted = {} if partial else _scored_counts(samples)
        if partial and entries:
            if samples and completed:
                b.derived("results[].n", "from results.scores[].scored_samples, else results.completed_samples: the "
                          "log holds {records} of the run's {completed} sample records", records=records,
                          completed=completed)
            else:
                b.derived("results[].n", "from results.scores[].scored_samples, else results.completed_samples: the "
                          "log holds no sample records")
        categorical = _categorical_scorers(samples)
        headline_raw = as_dict(results.get("headline"))
        headline: str | None = None
        directions_defaulted = False
        unscored_reported: set[str] = set()
        for entry in entries:
            scorer = str(entry.get("name") or entry.get("scorer") or "score")
            reducer = entry.get("reducer") if isinstance(entry.get("reducer"), str) else None
            metrics = as_dict(entry.get("metrics"))
            # n: the (sample, epoch) records scored, i.e. items x epochs as the report format defines n. With
            # epochs Inspect computes the metric and its stderr over the *reduced* per-item scores
            # (scored_samples of them), so the stderr is not sd / sqrt(n) here; settings.epochs says so.
            n = counted.get(scorer)
            scored = entry.get("scored_samples")
            if not n and isinstance(scored, int) and not isinstance(scored, bool):
                n = scored * (epochs if reducer else 1)
            if not n and partial and completed is not None:
                n = completed
            if n is not None and n < 1:
                n = None
            unscored = entry.get("unscored_samples")
            if isinstance(unscored, int) and unscored > 0 and scorer not in unscored_reported:
                unscored_reported.add(scorer)
                b.lost(f"results.scores[{scorer}].unscored_samples",
                       "{unscored} sample(s) the scorer could not score are not counted in n", unscored=unscored)
            uncertainty = self._uncertainty(b, scorer, metrics, registered.get(scorer, set()))
            values = [k for k in metrics if k not in _UNCERTAINTY_METRICS]
            if not values and any(k in metrics for k in _UNCERTAINTY_METRICS):
                b.lost(f"results.scores[{scorer}].metrics", "an uncertainty metric without a value metric beside it")
            for key in values:
                value = _metric_value(metrics[key])
                mid = metric_id(scorer, key, reducer)
                if value is None:
                    b.lost(f"results.scores[{scorer}].metrics.{key}", "not a finite number")
                    continue
                mean_like = key in _MEAN_LIKE
                metric: dict[str, Any] = {"id": mid, "direction": "higher_is_better"}
                if key == "accuracy" and categorical.get(scorer) and 0 <= value <= 1:
                    metric.update(kind="proportion", unit="1", min=0, max=1)
                elif key == "accuracy":
                    metric["kind"] = "proportion"
                else:
                    metric["kind"] = "score"
                directions_defaulted = True
                unc: dict[str, Any] | None = None
                if mean_like and uncertainty:
                    unc = dict(uncertainty)
                elif uncertainty:
                    b.no_uncertainty(mid, "the stderr metric beside it is the standard error of the mean score, not "
                                          "of {key}", key=key)
                else:
                    b.no_uncertainty(mid, "the scorer declares no stderr metric")
                result = b.result(evaluation, metric, value, n=n, uncertainty=unc)
                if result is not None and self._is_headline(headline_raw, scorer, key, reducer):
                    headline = mid
        if directions_defaulted:
            b.defaulted("results[].metric.direction", "higher_is_better",
                        hint=" (Inspect records no direction; check it for scores where higher means more harm)")
        return headline

    @staticmethod
    def _is_headline(headline: dict[str, Any], scorer: str, key: str, reducer: str | None) -> bool:
        if not headline:
            return False
        name = headline.get("score") or headline.get("scorer")
        return name == scorer and headline.get("metric") == key and headline.get("reducer") == reducer

    @staticmethod
    def _uncertainty(b: ReportBuilder, scorer: str, metrics: dict[str, Any], registered: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in sorted(_UNCERTAINTY_METRICS & set(metrics)):
            if _spread_value(metrics[key]) is None:
                b.lost(f"results.scores[{scorer}].metrics.{key}",
                       "not a finite, non-negative number (too few samples?)")
        stderr = _spread_value(metrics.get("stderr")) if "stderr" in metrics else None
        boot_key = "bootstrap_stderr" if "bootstrap_stderr" in metrics else "bootstrap_std"
        boot = _spread_value(metrics.get(boot_key)) if boot_key in metrics else None
        std = _spread_value(metrics.get("std")) if "std" in metrics else None
        var = _spread_value(metrics.get("var")) if "var" in metrics else None
        if stderr is not None:
            params = metrics["stderr"].get("params") if isinstance(metrics["stderr"], dict) else None
            clustered = isinstance(params, dict) and filled(params.get("cluster"), deep=True)
            out["standard_error"] = stderr
            # Inspect's own stderr metric is the CLT standard error: sample sd (ddof=1) / sqrt(n), optionally
            # clustered; a custom metric that happens to be called stderr is only "reported"
            if "inspect_ai/stderr" in registered or not registered:
                out["method"] = "clustered" if clustered else "analytic"
            else:
                out["method"] = "reported"
        elif boot is not None:
            out["standard_error"] = boot
            out["method"] = "bootstrap"
            params = metrics[boot_key].get("params") if isinstance(metrics[boot_key], dict) else {}
            samples = params.get("num_samples") if isinstance(params, dict) else None
            if isinstance(samples, int) and not isinstance(samples, bool) and samples > 0:
                out["num_bootstrap"] = samples
        if std is not None:
            out["standard_deviation"] = std
        elif var is not None and var >= 0:
            out["standard_deviation"] = math.sqrt(var)
            b.derived("uncertainty.standard_deviation", "the square root of Inspect's var metric")
        if out and "method" not in out:
            out["method"] = "reported"
        return out

    def _samples(self, b: ReportBuilder, evaluation: dict[str, Any], samples: list[Sample], results: dict[str, Any],
                 spec: dict[str, Any]) -> None:
        if not samples:
            return
        primary = _primary_scorer(results, spec, samples)
        others = sorted({name for s in samples for name in s.scores if name != primary})
        if others:
            b.lost("samples[].scores." + ", ".join(others),
                   "a sample row holds one score; the headline scorer's ({primary}) is kept", primary=primary)
        seen: set[tuple[str, int]] = set()
        repeated = 0
        for sample in samples:
            key = (str(sample.id), sample.epoch)
            if key in seen:
                repeated += 1
                continue
            seen.add(key)
            value = sample.scores.get(primary) if primary else None
            score, verdict = score_to_float(value) if value is not None else (None, None)
            if score is None and verdict is None and sample.errored:
                verdict = "error"
            b.sample(evaluation, sample.id if sample.id is not None else "", epoch=sample.epoch, score=score,
                     verdict=verdict, input=sample.input, output=sample.output, target=sample.target)
        if repeated:
            b.lost("samples[] (repeated id and epoch)", "{repeated} record(s) repeating a sample already kept",
                   repeated=repeated)


def sample_order(spec: dict[str, Any]) -> dict[str, int]:
    dataset = as_dict(spec.get("dataset"))
    ids = as_list(dataset.get("sample_ids"))
    return {str(sample_id): index for index, sample_id in enumerate(ids)}


def _registered_metrics(spec: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for scorer in as_list(spec.get("scorers")):
        if not isinstance(scorer, dict):
            continue
        names = set()
        metrics = scorer.get("metrics")
        items: Iterable[Any] = metrics.values() if isinstance(metrics, dict) else as_list(metrics)
        for metric in items:
            for m in metric if isinstance(metric, list) else [metric]:
                if isinstance(m, dict) and isinstance(m.get("name"), str):
                    names.add(m["name"])
        out[str(scorer.get("name"))] = names
    return out


def _scored_counts(samples: list[Sample]) -> dict[str, int]:
    out: dict[str, int] = {}
    for sample in samples:
        for name, value in sample.scores.items():
            if value is not None:
                out[name] = out.get(name, 0) + 1
    return out


def _categorical_scorers(samples: list[Sample]) -> dict[str, bool]:
    """Scorers whose every sample value is C/I/P/N or a boolean: their accuracy lies in [0, 1]."""
    out: dict[str, bool] = {}
    for sample in samples:
        for name, value in sample.scores.items():
            if value is None:
                continue
            ok = isinstance(value, bool) or (isinstance(value, str) and value in _CATEGORICAL)
            out[name] = out.get(name, True) and ok
    return out


def _primary_scorer(results: dict[str, Any], spec: dict[str, Any], samples: list[Sample]) -> str | None:
    present = {name for s in samples for name in s.scores}
    headline = as_dict(results.get("headline"))
    candidates = [headline.get("score"), headline.get("scorer")]
    candidates += [s.get("name") for s in as_list(spec.get("scorers")) if isinstance(s, dict)]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate in present:
            return candidate
    for sample in samples:
        for name in sample.scores:
            return name
    return None
