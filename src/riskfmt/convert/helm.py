"""Stanford HELM (``crfm-helm``) run folders: ``benchmark_output/runs/<suite>/<run>/``.

One report per run folder (a suite folder or ``benchmark_output`` gives one report per run inside it).

Choices made here (see also the converter's tests):

- Results are the stats of ``stats.json`` that are measurements; bookkeeping stats (``num_*``,
  ``finish_reason_*``, ``training_*``, ``batch_size``, ``prompt_truncated``, ``inference_*runtime``, ...:
  see ``is_bookkeeping``) are not results. Their unperturbed values are kept in ``extensions["helm"]``
  and they are reported once as not carried over.
- The value is the stat's ``mean``. HELM's aggregate ``stddev``/``variance`` is the spread of the
  per-train-trial means, not a sampling error, so it is never used as one. The standard error is
  recomputed from ``per_instance_stats.json``: the per-instance values of the same metric, split and
  perturbation, averaged over train trials per instance first, then sample sd / sqrt(n instances)
  (method ``derived``). Stats with no per-instance values (corpus-level metrics, ``worst``/``original``
  slices) get no standard error.
- A perturbation becomes ``slice.perturbation`` as ``name[(extra fields)]:computed_on`` (for example
  ``mild_mix:perturbed``, ``robustness:worst``), so every HELM slice stays a distinct result.
- n is the ``num_instances`` stat of the same split and perturbation, else of the unperturbed split (the
  ``worst``/``original`` slices cover the same instances), else the number of distinct instances.
- Dates come from ``request_datetime`` of requests not served from HELM's cache (a cache hit keeps the
  time the response was first made, possibly long before this run).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import as_dict, finite_number
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder, mean_se
from riskfmt.convert.guard import failed
from riskfmt.convert.lm_eval.values import clean_settings, epoch_to_rfc3339, json_safe, positive
from riskfmt.findings import Finding

__all__ = ["HelmConverter", "instance_standard_error", "is_bookkeeping", "perturbation_label", "run_dirs"]

TOOL = "helm"

_BOOKKEEPING_EXACT = {
    "batch_size", "prompt_truncated", "inference_runtime", "inference_denoised_runtime",
    "inference_idealized_runtime", "batch_request_runtime", "max_num_output_tokens", "estimated_num_tokens_cost",
    "predicted_index", "num_references", "num_train_trials", "num_train_instances", "num_instances",
}
_BOOKKEEPING_PREFIXES = ("num_", "finish_reason_", "training_", "inference_", "estimated_")

# direction when schema.json does not say (names as HELM writes them, "@k" stripped)
_HIGHER = {
    "exact_match", "quasi_exact_match", "prefix_exact_match", "quasi_prefix_exact_match", "f1_score", "rouge_1",
    "rouge_2", "rouge_l", "bleu_1", "bleu_4", "classification_macro_f1", "classification_micro_f1", "math_equiv",
    "math_equiv_chain_of_thought", "exact_match_indicator", "final_number_exact_match", "ifeval_strict_accuracy",
    "chain_of_thought_correctness",
}
_LOWER = {"perplexity", "bits_per_byte", "ece_10_bin", "ece_1_bin"}
# fractions of items (0..1)
_FRACTIONS = {
    "exact_match", "quasi_exact_match", "prefix_exact_match", "quasi_prefix_exact_match", "f1_score",
    "classification_macro_f1", "classification_micro_f1", "max_prob", "rouge_1", "rouge_2", "rouge_l",
    "exact_match_indicator", "final_number_exact_match", "math_equiv", "math_equiv_chain_of_thought",
}
_PER_ITEM_BINARY = {"exact_match", "quasi_exact_match", "prefix_exact_match", "quasi_prefix_exact_match",
                    "exact_match_indicator", "final_number_exact_match", "math_equiv", "math_equiv_chain_of_thought"}
_MAIN_PREFERENCE = ("exact_match", "quasi_exact_match", "f1_score", "math_equiv", "rouge_l")
_ACCESS = {"open": "open_weights", "limited": "api", "closed": "other"}
_LANGUAGES = {"english": "en", "chinese": "zh", "french": "fr", "german": "de", "spanish": "es", "japanese": "ja"}
_RUN_FILES = ("run_spec.json", "stats.json")


# ---- pure helpers (property-tested) ----------------------------------------------------------------------


def base_metric(name: str) -> str:
    """``exact_match@5`` -> ``exact_match``."""
    return re.sub(r"@\d+$", "", name)


def is_bookkeeping(name: str) -> bool:
    """A stat that describes the run rather than measures the model: never a result."""
    base = base_metric(name)
    return base in _BOOKKEEPING_EXACT or base.startswith(_BOOKKEEPING_PREFIXES)


def perturbation_label(perturbation: Any) -> str | None:
    """``{"name": "mild_mix", "computed_on": "perturbed", ...}`` -> ``mild_mix:perturbed``; None if unperturbed.

    Fields other than name, robustness, fairness and computed_on (a perturbation's parameters) are kept in
    parentheses, sorted, so that differently parametrised perturbations stay distinct.
    """
    if not isinstance(perturbation, dict) or not perturbation:
        return None
    name = str(perturbation.get("name", "perturbation"))
    extra = {k: v for k, v in perturbation.items() if k not in ("name", "robustness", "fairness", "computed_on")}
    if extra:
        name += "(" + ",".join(f"{k}={_scalar(v)}" for k, v in sorted(extra.items())) + ")"
    computed_on = perturbation.get("computed_on")
    return f"{name}:{computed_on}" if computed_on else name


def _scalar(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _key(perturbation: Any) -> str | None:
    if not isinstance(perturbation, dict) or not perturbation:
        return None
    return json.dumps(perturbation, sort_keys=True, ensure_ascii=False)


def instance_standard_error(values: dict[str, list[float]]) -> tuple[float | None, int]:
    """(standard error, n instances) from per-instance values, each instance's train trials averaged first."""
    means = [sum(v) / len(v) for v in values.values() if v]
    if len(means) < 2:
        return None, len(means)
    se = mean_se(means)
    return (se if math.isfinite(se) else None), len(means)


def _is_run_dir(path: Path) -> bool:
    return all((path / name).is_file() for name in _RUN_FILES)


def run_dirs(path: Path) -> list[Path]:
    """Run folders at ``path``: the run itself, a suite folder, ``runs/``, ``benchmark_output/`` or its parent."""
    if not path.is_dir():
        return []
    if _is_run_dir(path):
        return [path]
    for pattern in ("*", "*/*", "runs/*/*", "benchmark_output/runs/*/*"):
        found = sorted(p for p in path.glob(pattern) if p.is_dir() and _is_run_dir(p))
        if found:
            return found
    return []


def _load(path: Path) -> Any:
    return json.loads(path.read_bytes())


# ---- the converter ---------------------------------------------------------------------------------------


class HelmConverter:
    name: ClassVar[str] = "helm"
    title: ClassVar[str] = "Stanford HELM run folders (benchmark_output/runs/<suite>/<run>)"

    def sniff(self, path: Path) -> bool:
        try:
            return bool(run_dirs(path))
        except Exception:
            return False

    def is_unit(self, folder: Path) -> bool:
        """Whether ``folder`` is one run folder (converted as a unit), not a suite or output folder of runs."""
        return run_dirs(folder) == [folder]

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        runs = run_dirs(path)
        if not runs:
            yield Converted(str(path), None, [Finding.make(
                "RF607", str(path), path=str(path), tool=self.name,
                detail="no HELM run folder (run_spec.json with stats.json)")])
            return
        for run in runs:
            try:
                yield _Run(run, options).convert()
            except Exception as exc:
                yield failed(run, self.name, exc)


class _Run:
    def __init__(self, folder: Path, options: ConvertOptions) -> None:
        self.folder = folder
        self.options = options

    def _unreadable(self, detail: str) -> Converted:
        return Converted(str(self.folder), None, [Finding.make(
            "RF607", str(self.folder), path=str(self.folder), tool=HelmConverter.name, detail=detail)])

    def _optional(self, path: Path, used: list[Path]) -> Any:
        if not path.is_file():
            return None
        try:
            data = _load(path)
        except (ValueError, UnicodeDecodeError, OSError):
            self.problems.append(f"{path.name}: invalid JSON")
            return None
        used.append(path)
        return data

    def convert(self) -> Converted:
        folder = self.folder
        try:
            run_spec = _load(folder / "run_spec.json")
            stats = _load(folder / "stats.json")
        except (ValueError, UnicodeDecodeError) as exc:
            return self._unreadable(f"invalid JSON: {exc}")
        if not isinstance(run_spec, dict) or not isinstance(stats, list):
            return self._unreadable("run_spec.json is not an object or stats.json is not a list")
        used = [folder / "run_spec.json", folder / "stats.json"]
        self.problems: list[str] = []
        per_instance = self._optional(folder / "per_instance_stats.json", used)
        state = self._optional(folder / "scenario_state.json", used)
        scenario = as_dict(self._optional(folder / "scenario.json", used))
        schema = as_dict(self._optional(folder.parent / "schema.json", used))
        self.run_spec, self.stats, self.schema = run_spec, stats, schema
        self.per_instance = per_instance if isinstance(per_instance, list) else []
        self.states = [s for s in as_dict(state).get("request_states") or [] if isinstance(s, dict)]
        adapter = as_dict(run_spec.get("adapter_spec"))

        b = self.b = ReportBuilder(folder, TOOL, None, self.options, source_format="helm", source_files=used)
        for problem in self.problems:
            b.lost(problem, "the file could not be read")
        self.ext: dict[str, Any] = {"run_name": run_spec.get("name"), "suite": folder.parent.name}
        self._model(adapter)

        spec = as_dict(run_spec.get("scenario_spec"))
        groups = [g for g in run_spec.get("groups") or [] if isinstance(g, str)]
        class_name = spec.get("class_name") if isinstance(spec.get("class_name"), str) else None
        scenario_name = scenario.get("name") if isinstance(scenario.get("name"), str) else None
        base = scenario_name or (groups[0] if groups else None) or (class_name or "helm").rsplit(".", 1)[-1]
        args = as_dict(spec.get("args"))
        task_id = base + (":" + ",".join(f"{k}={_scalar(v)}" for k, v in sorted(args.items())) if args else "")
        task: dict[str, Any] = {"id": task_id}
        run_group = next((g for g in schema.get("run_groups") or []
                          if isinstance(g, dict) and g.get("name") in groups), None)
        if run_group:
            if isinstance(run_group.get("display_name"), str):
                task["name"] = {"en": run_group["display_name"]}
            language = as_dict(run_group.get("taxonomy")).get("language")
            if isinstance(language, str) and language.strip().lower() in _LANGUAGES:
                task["languages"] = [_LANGUAGES[language.strip().lower()]]
        self.ext.update({"scenario_class": class_name, "scenario_args": args or None, "groups": groups or None,
                         "scenario_tags": scenario.get("tags"), "scenario_definition": scenario.get("definition_path"),
                         "metric_specs": [m.get("class_name") for m in run_spec.get("metric_specs") or []
                                          if isinstance(m, dict)] or None})

        started, completed, status = self._dates_and_status()
        notes = None
        if isinstance(scenario.get("description"), str):
            notes = {"en": f"HELM run {run_spec.get('name')}: {scenario['description']}"}
        evaluation = b.evaluation(str(run_spec.get("name") or folder.name), task, settings=self._settings(adapter),
                                  started=started, completed=completed, status=status, notes=notes)
        self._results(evaluation, task_id)
        self._samples(evaluation, run_group)
        self._lost(adapter, run_spec, scenario)
        b.report["extensions"] = {"helm": json_safe({k: v for k, v in self.ext.items() if v not in (None, {}, [])})}
        return b.finish()

    # -- model

    def _model(self, adapter: dict[str, Any]) -> None:
        name = adapter.get("model") if isinstance(adapter.get("model"), str) and adapter.get("model") else None
        deployment = adapter.get("model_deployment") if isinstance(adapter.get("model_deployment"), str) else None
        if name is None:
            name = deployment or "unknown"
            if deployment:
                self.b.defaulted("model.name", name, hint=" (from adapter_spec.model_deployment)")
            else:
                self.b.defaulted("model.name", name)
        meta = next((m for m in self.schema.get("models") or [] if isinstance(m, dict) and m.get("name") == name), {})
        developer = meta.get("creator_organization") if isinstance(meta.get("creator_organization"), str) else None
        access = _ACCESS.get(str(meta.get("access")))
        if access is None:
            access = "other"
            self.b.defaulted("model.access", access, hint=" (schema.json does not list the model's access)")
        self.b.model(name, developer=developer, access=access, id=name, inference_platform=deployment)
        dropped = sorted(k for k in meta if k not in ("name", "creator_organization", "access"))
        if dropped:
            self.b.lost("schema.json models[" + name + "]." + ",".join(dropped), "display metadata of the model")

    # -- settings

    def _settings(self, adapter: dict[str, Any]) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        temperature = finite_number(adapter.get("temperature"))
        if temperature is not None:
            settings["temperature"] = temperature
        for field, key in (("max_tokens", "max_tokens"), ("num_fewshot", "max_train_instances")):
            value = adapter.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                settings[field] = value
        other: dict[str, Any] = {}
        for key in ("method", "num_outputs", "num_train_trials", "num_trials", "max_eval_instances", "sample_train",
                    "multi_label"):
            value = adapter.get(key)
            if isinstance(value, (str, int, float, bool)):
                other[key] = value
        if isinstance(adapter.get("stop_sequences"), list):
            other["stop_sequences"] = json.dumps(adapter["stop_sequences"], ensure_ascii=False)
        if adapter:
            canonical = json.dumps(adapter, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            other["adapter_spec_digest"] = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        augmenter = as_dict(self.run_spec.get("data_augmenter_spec"))
        perturbations = [str(p.get("class_name", "")).rsplit(".", 1)[-1]
                         for p in augmenter.get("perturbation_specs") or [] if isinstance(p, dict)]
        if perturbations:
            other["data_augmentation"] = ",".join(perturbations)
        if other:
            settings["other"] = other
        return clean_settings(settings, self.b.lost, "run_spec.json adapter_spec")

    # -- dates and status

    def _dates_and_status(self) -> tuple[str | None, str | None, str | None]:
        fresh: list[int | float] = []
        cached: list[int | float] = []
        failed = 0
        for state in self.states:
            result = as_dict(state.get("result"))
            if result.get("success") is False:
                failed += 1
            when = finite_number(result.get("request_datetime"))
            if when is None:
                continue
            (cached if result.get("cached") is True else fresh).append(when)
        started = completed = None
        if fresh:
            started, completed = epoch_to_rfc3339(min(fresh)), epoch_to_rfc3339(max(fresh))
            if cached:
                self.b.derived("evaluations[].started,completed",
                               "earliest and latest request_datetime of the requests not served from HELM's cache "
                               "({cached} cached responses carry the time they were first made and were ignored)",
                               cached=len(cached))
            else:
                self.b.derived("evaluations[].started,completed",
                               "earliest and latest request_datetime of the requests not served from HELM's cache")
        elif cached:
            self.b.lost("scenario_state.json request_states[].result.request_datetime",
                        "every response came from HELM's cache, so the times are when they were first made, "
                        "not when this run happened")
        status = None
        if failed:
            status = "incomplete"
            self.b.status(status)
            self.ext["failed_requests"] = failed
        return started, completed, status

    # -- results

    def _per_instance_index(self) -> dict[tuple[str, str, str | None], dict[str, list[float]]]:
        index: dict[tuple[str, str, str | None], dict[str, list[float]]] = {}
        for row in self.per_instance:
            if not isinstance(row, dict) or not isinstance(row.get("instance_id"), str):
                continue
            for stat in row.get("stats") or []:
                name = as_dict(as_dict(stat).get("name"))
                value = finite_number(as_dict(stat).get("mean"))
                if value is None or not isinstance(name.get("name"), str):
                    continue
                key = (name["name"], str(name.get("split")), _key(name.get("perturbation")))
                index.setdefault(key, {}).setdefault(row["instance_id"], []).append(value)
        return index

    def _direction(self, metric: str) -> str:
        for entry in self.schema.get("metrics") or []:
            if (isinstance(entry, dict) and entry.get("name") == metric
                    and isinstance(entry.get("lower_is_better"), bool)):
                return "lower_is_better" if entry["lower_is_better"] else "higher_is_better"
        base = base_metric(metric)
        if base in _HIGHER:
            return "higher_is_better"
        if base in _LOWER:
            return "lower_is_better"
        if metric not in self.undirected:
            self.undirected.add(metric)
            self.b.defaulted(f"{metric} metric.direction", "neither",
                             hint=" (not in schema.json nor in the converter's table of known metrics)")
        return "neither"

    def _results(self, evaluation: dict[str, Any], task_id: str) -> None:
        b = self.b
        self.undirected: set[str] = set()
        index = self._per_instance_index()
        per_instance_metrics = {k[0] for k in index}
        counts: dict[tuple[str, str | None], int] = {}
        for stat in self.stats:
            name = as_dict(as_dict(stat).get("name"))
            if name.get("name") == "num_instances" and finite_number(as_dict(stat).get("mean")) is not None:
                counts[(str(name.get("split")), _key(name.get("perturbation")))] = round(stat["mean"])
        bookkeeping: dict[str, float] = {}
        bookkeeping_names: set[str] = set()
        no_values: list[str] = []
        missing_se: dict[str, set[str]] = {"corpus": set(), "slice": set(), "fewer than 2 instances": set()}
        seen: set[tuple[str, str, str | None]] = set()  # (metric, split, perturbation label)
        derived_n = False
        has_spread = {}
        for stat in self.stats:
            stat = as_dict(stat)
            name = as_dict(stat.get("name"))
            metric = name.get("name")
            if not isinstance(metric, str):
                b.lost("stats.json entry without name.name", "not a stat")
                continue
            split = name.get("split") if isinstance(name.get("split"), str) else None
            perturbation = name.get("perturbation")
            pkey = _key(perturbation)
            label = perturbation_label(perturbation)
            value = finite_number(stat.get("mean"))
            if is_bookkeeping(metric):
                bookkeeping_names.add(metric)
                if pkey is None and value is not None:
                    bookkeeping[f"{metric}@{split}"] = value
                continue
            where = f"{metric}@{split}" + (f"[{label}]" if label else "")
            if value is None:
                no_values.append(where)
                continue
            key = (metric, str(split), pkey)
            if (metric, str(split), label) in seen:
                b.lost(f"stats.json {where} (repeated)", "a second stat with the same name, split and perturbation")
                continue
            seen.add((metric, str(split), label))
            n = counts.get((str(split), pkey))
            if n is None and pkey is not None:
                n = counts.get((str(split), None))
                derived_n = derived_n or n is not None
            values = index.get(key)
            uncertainty = None
            if values:
                se, instances = instance_standard_error(values)
                if n is None:
                    n = instances
                    derived_n = True
                if se is not None:
                    uncertainty = {"method": "derived", "standard_error": se}
            if uncertainty is None:
                if values:
                    missing_se["fewer than 2 instances"].add(where)
                elif pkey is not None and metric in per_instance_metrics:
                    missing_se["slice"].add(label or "")
                else:
                    missing_se["corpus"].add(metric)
            trials = finite_number(stat.get("count"))
            if trials is not None and trials > 1 and finite_number(stat.get("stddev")) is not None:
                has_spread[where] = {"train_trials": int(trials), "stddev": stat["stddev"]}
            metric_obj: dict[str, Any] = {"id": metric, "direction": self._direction(metric)}
            if base_metric(metric) in _FRACTIONS and 0 <= value <= 1:
                metric_obj.update({"unit": "1", "min": 0, "max": 1})
                if base_metric(metric) in _PER_ITEM_BINARY:
                    metric_obj["kind"] = "proportion"
            b.result(evaluation, metric_obj, value, n=positive(n), uncertainty=uncertainty,
                     slice={"split": split, "perturbation": label},
                     name=f"{metric}.{split}" + (f".{label}" if label else ""))
        if any(r.get("uncertainty") for r in evaluation["results"]):
            b.derived("results[].uncertainty.standard_error",
                      "sample sd / sqrt(n instances) of the per-instance values in per_instance_stats.json (same "
                      "metric, split and perturbation; train trials averaged per instance first)")
        if derived_n:
            b.derived("results[].n", "num_instances of the unperturbed split (worst/original slices cover the same "
                      "instances), or the number of distinct instances in per_instance_stats.json")
        if missing_se["corpus"]:
            b.no_uncertainty(",".join(sorted(missing_se["corpus"])),
                             "no per-instance values (a corpus-level or aggregate-only metric); HELM's stddev is the "
                             "spread across train trials, not a standard error")
        if missing_se["slice"]:
            b.no_uncertainty("every metric on the slices " + ",".join(sorted(missing_se["slice"])),
                             "HELM computes these slices from aggregates, with no per-instance values")
        if missing_se["fewer than 2 instances"]:
            b.no_uncertainty(",".join(sorted(missing_se["fewer than 2 instances"])), "fewer than 2 instances")
        if no_values:
            b.lost("stats.json " + ",".join(no_values), "stats with no mean (count 0)")
        b.lost("stats.json stddev,variance,min,max,sum,sum_squared,count",
               "HELM's stddev is the spread of per-train-trial means, not a sampling error; the standard error is "
               "recomputed from per_instance_stats.json (the trial spread is kept in extensions when count > 1)")
        if bookkeeping_names:
            b.lost(f"stats.json bookkeeping stats ({len(bookkeeping_names)}: num_*, finish_reason_*, training_*, "
                   "inference_*, batch_size, prompt_truncated, ...)",
                   "they describe the run, not the model; unperturbed values are kept in "
                   "extensions[\"helm\"].bookkeeping")
        self.ext["bookkeeping"] = bookkeeping
        self.ext["train_trial_spread"] = has_spread

    # -- samples

    def _main_metric(self, run_group: dict[str, Any] | None) -> str | None:
        names = {s.get("name", {}).get("name") for row in self.per_instance if isinstance(row, dict)
                 for s in row.get("stats") or [] if isinstance(s, dict) and isinstance(s.get("name"), dict)}
        main = as_dict(as_dict(run_group).get("environment")).get("main_name")
        if isinstance(main, str) and main in names:
            return main
        for candidate in _MAIN_PREFERENCE:
            if candidate in names:
                return candidate
        rest = sorted(n for n in names if isinstance(n, str) and not is_bookkeeping(n))
        return rest[0] if rest else None

    def _samples(self, evaluation: dict[str, Any], run_group: dict[str, Any] | None) -> None:
        if self.options.samples == "none" or not self.per_instance:
            return
        main = self._main_metric(run_group)
        states: dict[tuple[str, str | None, int], list[dict[str, Any]]] = {}
        for state in self.states:
            instance = as_dict(state.get("instance"))
            trial = state.get("train_trial_index", 0)
            if isinstance(instance.get("id"), str) and isinstance(trial, int):
                states.setdefault((instance["id"], _key(instance.get("perturbation")), trial), []).append(state)
        unjoined = repeated = 0
        seen: set[tuple[str, int]] = set()
        for row in self.per_instance:
            if not isinstance(row, dict) or not isinstance(row.get("instance_id"), str):
                continue
            trial = row.get("train_trial_index", 0)
            if not isinstance(trial, int) or isinstance(trial, bool) or trial < 0:
                repeated += 1
                continue
            label = perturbation_label(row.get("perturbation"))
            instance_id = row["instance_id"]
            sample_id = f"{instance_id}:{label}" if label else instance_id
            if (sample_id, trial) in seen:
                repeated += 1
                continue
            seen.add((sample_id, trial))
            score = None
            for stat in row.get("stats") or []:
                name = as_dict(as_dict(stat).get("name"))
                if name.get("name") == main:
                    score = finite_number(as_dict(stat).get("mean"))
                    break
            verdict = None
            if main in _PER_ITEM_BINARY and score in (0.0, 1.0):
                verdict = "pass" if score == 1.0 else "fail"
            matched = states.get((instance_id, _key(row.get("perturbation")), trial), [])
            if not matched:
                unjoined += 1
            prompt, output, target = _content(matched)
            self.b.sample(evaluation, sample_id, epoch=trial + 1,
                          score=score, verdict=verdict, input=prompt, output=output, target=target)
        if repeated:
            self.b.lost(f"per_instance_stats.json ({repeated} rows)",
                        "a repeated instance, perturbation and train trial (the first row is kept), or no valid "
                        "train_trial_index")
        if unjoined:
            self.b.lost(f"per_instance_stats.json ({unjoined} rows)",
                        "no request state with the same instance id, perturbation and train trial: no digests")
        self.b.lost("per_instance_stats.json per-sample values other than " + str(main),
                    "a sample has one score (the run group's main metric, else exact_match)")
        self.b.lost("scenario_state.json request/result details (tokens, logprobs, request_time, output_mapping, "
                    "contrast_inputs)", "only the prompt and completion digests are kept")

    # -- what is not carried over

    def _lost(self, adapter: dict[str, Any], run_spec: dict[str, Any], scenario: dict[str, Any]) -> None:
        formatting = sorted(k for k in adapter if k.endswith(("_prefix", "_suffix")) or k in
                            ("instructions", "substitutions"))
        if formatting:
            self.b.lost("run_spec.json adapter_spec prompt formatting (instructions, *_prefix, *_suffix, "
                        "substitutions)",
                        "the texts are not kept; the sha256 of the whole adapter_spec is "
                        "settings.other.adapter_spec_digest")
        augmenter = as_dict(run_spec.get("data_augmenter_spec"))
        if augmenter.get("perturbation_specs"):
            self.b.lost("run_spec.json data_augmenter_spec (should_*, seeds_per_instance, perturbation args)",
                        "augmentation options; the perturbation classes are settings.other.data_augmentation and "
                        "the perturbations appear as result slices")
        unknown = sorted(set(run_spec) - {"name", "scenario_spec", "adapter_spec", "metric_specs",
                                          "data_augmenter_spec", "groups"})
        if unknown:
            self.b.lost("run_spec.json " + ",".join(unknown), "no riskfmt field")


def _content(states: list[dict[str, Any]]) -> tuple[Any, Any, Any]:
    if not states:
        return None, None, None
    prompts = [as_dict(s.get("request")).get("prompt") for s in states]
    outputs = []
    for s in states:
        texts = [c.get("text") for c in as_dict(s.get("result")).get("completions") or [] if isinstance(c, dict)]
        outputs.append(texts[0] if len(texts) == 1 else texts)
    instance = as_dict(states[0].get("instance"))
    correct = [as_dict(r.get("output")).get("text") for r in instance.get("references") or []
               if isinstance(r, dict) and "correct" in (r.get("tags") or [])]
    prompt = prompts[0] if len(prompts) == 1 else prompts
    output = outputs[0] if len(outputs) == 1 else outputs
    target = correct[0] if len(correct) == 1 else (correct or None)
    return prompt, output, target
