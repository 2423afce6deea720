"""lm-eval's tasks and groups as riskfmt evaluations: metrics, directions, standard errors, sample counts, and
the per-sample rows of ``samples_*.jsonl``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from riskfmt.convert._coerce import as_dict, as_int, finite_number
from riskfmt.convert.builder import ReportBuilder, bilingual, sha256_text
from riskfmt.convert.lm_eval.metrics import (
    DEFAULT_AGGREGATION,
    PER_ITEM_BINARY,
    PROPORTIONS,
    RESULT_META,
    aggregation_name,
    metric_id,
    parse_metric_key,
    parse_stderr,
    stderr_method,
)
from riskfmt.convert.lm_eval.values import (
    clean_settings,
    is_local_path,
    parse_gen_kwargs,
    positive,
    setting_value,
    version_text,
)

_GENERIC_BUILDERS = {"json", "csv", "parquet", "text", "arrow", "pandas", "imagefolder", "audiofolder", "webdataset"}


class TaskReader:
    """lm-eval's tasks and groups as evaluations: metrics, directions, standard errors, sample counts and
    per-sample rows (part of ``Run``)."""


    # set by Run
    b: ReportBuilder
    data: dict[str, Any]
    results: dict[str, Any]
    legacy: bool
    group_subtasks: dict[str, Any]
    configs: dict[str, Any]
    config: dict[str, Any]
    n_samples: dict[str, Any]
    sample_files: dict[str, Path]
    started: str | None
    completed: str | None
    common_settings: dict[str, Any]
    samples_noted: bool

    def _task_settings(self, task: str, config: dict[str, Any]) -> dict[str, Any]:
        settings: dict[str, Any] = json.loads(json.dumps(self.common_settings))
        other = settings.setdefault("other", {})
        shots = as_int(as_dict(self.data.get("n-shot")).get(task), strings=True)
        if shots is None:
            shots = as_int(config.get("num_fewshot"), strings=True)
        if shots is None:
            shots = as_int(self.config.get("num_fewshot"), strings=True)  # lm-eval 0.3: one value for the whole run
        if shots is not None:
            settings["num_fewshot"] = shots
        repeats = as_int(config.get("repeats"), strings=True)
        if repeats is not None and repeats > 1:
            settings["epochs"] = repeats
        gen = dict(as_dict(config.get("generation_kwargs")))
        gen.update(parse_gen_kwargs(self.config.get("gen_kwargs")))  # the command line overrides the task
        for key, value in gen.items():
            if key == "temperature" and finite_number(value, strings=True) is not None:
                settings["temperature"] = finite_number(value, strings=True)
            elif key == "top_p" and finite_number(value, strings=True) is not None:
                settings["top_p"] = finite_number(value, strings=True)
            elif key in ("max_gen_toks", "max_new_tokens", "max_tokens") and as_int(value, strings=True) is not None:
                settings["max_tokens"] = as_int(value, strings=True)
            elif key == "seed" and as_int(value, strings=True) is not None:
                other["generation_seed"] = as_int(value, strings=True)
            else:
                other[key] = setting_value(value)
        if not other:
            del settings["other"]
        return clean_settings(settings, self.b.lost, task)


    def _task_object(self, task: str, entry: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
        obj: dict[str, Any] = {"id": task, "version": version_text(as_dict(self.data.get("versions")).get(task))}
        alias = entry.get("alias")
        if isinstance(alias, str):
            alias = alias.strip().lstrip("- ").strip()
            if alias and alias != task:
                obj["name"] = {"en": alias}
        dataset: dict[str, Any] = {}
        path = config.get("dataset_path")
        dataset_name = config.get("dataset_name")
        if isinstance(path, str) and path and path not in _GENERIC_BUILDERS and not is_local_path(path):
            dataset["location"] = path
            dataset["name"] = dataset_name if isinstance(dataset_name, str) and dataset_name else path
        elif isinstance(dataset_name, str) and dataset_name:
            dataset["name"] = dataset_name
        split = config.get("test_split") or config.get("validation_split")
        if isinstance(split, str):
            dataset["split"] = split
        kwargs = as_dict(config.get("dataset_kwargs"))
        if isinstance(kwargs.get("revision"), str):
            dataset["version"] = kwargs["revision"]
        original = as_int(as_dict(self.n_samples.get(task)).get("original"), strings=True)
        if original is not None and original >= 0:
            dataset["size"] = original
        if dataset:
            obj["dataset"] = dataset
        return obj

    def _metric(self, task: str, metric: str, filt: str, value: float, config: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": metric_id(metric, filt), "direction": self._direction(task, metric, config)}
        if metric in PROPORTIONS and 0 <= value <= 1:
            out.update({"unit": "1", "min": 0, "max": 1})
            if metric in PER_ITEM_BINARY:
                out["kind"] = "proportion"
        return out

    def _direction(self, task: str, metric: str, config: dict[str, Any]) -> str:
        flag = as_dict(as_dict(self.data.get("higher_is_better")).get(task)).get(metric)
        if not isinstance(flag, bool):
            for item in config.get("metric_list") or []:
                if (isinstance(item, dict) and item.get("metric") == metric
                        and isinstance(item.get("higher_is_better"), bool)):
                    flag = item["higher_is_better"]
        if isinstance(flag, bool):
            return "higher_is_better" if flag else "lower_is_better"
        self.b.defaulted(f"{task} {metric} metric.direction", "neither")
        return "neither"

    def _aggregation(self, metric: str, config: dict[str, Any]) -> str | None:
        for item in config.get("metric_list") or []:
            if isinstance(item, dict) and item.get("metric") == metric:
                return aggregation_name(item.get("aggregation"))
        return None

    def _metrics(self, task: str, entry: dict[str, Any]) -> list[tuple[str, str, Any, Any, bool]]:
        """(metric, filter, value, stderr, stderr key present) for every metric key of a results entry."""
        values: dict[tuple[str, str], Any] = {}
        errors: dict[tuple[str, str], Any] = {}
        for key, value in entry.items():
            parsed = parse_metric_key(key, self.legacy)
            if parsed is None:
                if key not in RESULT_META:
                    self.b.lost(f"results.{task}.{key}", "not a metric key (\"<metric>,<filter>\")")
                continue
            metric, filt, is_stderr = parsed
            (errors if is_stderr else values)[(metric, filt)] = value
        for (metric, filt) in errors:
            if (metric, filt) not in values:
                self.b.lost(f"results.{task}.{metric}_stderr,{filt}", "a standard error without its metric")
        return [(m, f, v, errors.get((m, f)), (m, f) in errors) for (m, f), v in values.items()]

    def _task(self, task: str, entry: dict[str, Any]) -> None:
        metrics = self._metrics(task, entry)
        if not metrics:
            return
        config = as_dict(self.configs.get(task))
        evaluation = self.b.evaluation(task, self._task_object(task, entry, config),
                                       settings=self._task_settings(task, config),
                                       started=self.started, completed=self.completed)
        n = as_int(as_dict(self.n_samples.get(task)).get("effective"), strings=True)
        if n is None:
            n = as_int(entry.get("sample_len"), strings=True)
        n = positive(n)
        original = as_int(as_dict(self.n_samples.get(task)).get("original"), strings=True)
        if n is not None and original is not None and n < original:
            evaluation["notes"] = {"en": f"{n} of {original} documents evaluated (config.limit)."}
        bootstrap_iters = self.config.get("bootstrap_iters")
        for metric, filt, raw, raw_se, has_se in metrics:
            value = finite_number(raw, nonfinite=True)
            mid = metric_id(metric, filt)
            if value is None:
                self.b.lost(f"results.{task}.{metric},{filt}", "not a number: {raw!r}", raw=raw)
                continue
            se, status = parse_stderr(raw_se) if has_se else (None, "na")
            uncertainty = None
            if status == "ok":
                method, resamples = stderr_method(metric, self._aggregation(metric, config), bootstrap_iters)
                uncertainty = {"method": method, "standard_error": se, "num_bootstrap": resamples}
            elif status == "invalid":
                self.b.lost(f"results.{task}.{metric}_stderr,{filt}", "not a standard error: {raw!r}",
                            raw=raw_se)
            else:
                if bootstrap_iters == 0:
                    self.b.no_uncertainty(f"{task} {mid}", "bootstrap_iters is 0")
                elif has_se:
                    self.b.no_uncertainty(f"{task} {mid}", "lm-eval wrote \"N/A\"")
                else:
                    self.b.no_uncertainty(f"{task} {mid}", "no _stderr key")
            self.b.result(evaluation, self._metric(task, metric, filt, value, config), value, n=n,
                          uncertainty=uncertainty)
        self._samples(task, evaluation, {f for _, f, _, _, _ in metrics})


    def _subtask_n(self, group: str, key: tuple[str, str], depth: int = 0) -> int | None:
        total = 0
        found = False
        for sub in self.group_subtasks.get(group, []):
            if not isinstance(sub, str) or depth > 20:
                continue
            if sub in self.group_subtasks:
                count = self._subtask_n(sub, key, depth + 1)
            else:
                entry = as_dict(self.results.get(sub))
                if f"{key[0]},{key[1]}" not in entry:
                    continue
                count = as_int(as_dict(self.n_samples.get(sub)).get("effective"), strings=True)
                if count is None:
                    count = as_int(entry.get("sample_len"), strings=True)
            if count is not None:
                total += count
                found = True
        return total if found else None

    def _group(self, group: str, entry: dict[str, Any]) -> None:
        metrics = self._metrics(group, entry)
        if not metrics:
            return
        subtasks = [s for s in self.group_subtasks.get(group, []) if isinstance(s, str)]
        task_obj = self._task_object(group, entry, {})
        settings = self._task_settings(group, {})
        evaluation = self.b.evaluation(group, task_obj, settings=settings, started=self.started,
                                       completed=self.completed)
        listed = ", ".join(subtasks) if subtasks else "its subtasks"
        evaluation["notes"] = bilingual("lm-eval task group: its values aggregate {listed}, whose own results are "
                                        "also in this report; they are not independent evidence. Standard errors are "
                                        "lm-eval's pooled within-subtask estimate.", listed=listed)
        counts = as_dict(entry.get("sample_count"))
        for metric, filt, raw, raw_se, has_se in metrics:
            value = finite_number(raw, nonfinite=True)
            mid = metric_id(metric, filt)
            if value is None:
                self.b.lost(f"results.{group}.{metric},{filt}", "not a number: {raw!r}", raw=raw)
                continue
            n = positive(as_int(counts.get(f"{metric},{filt}"), strings=True))
            if n is None:
                n = positive(self._subtask_n(group, (metric, filt)))
                if n is not None:
                    self.b.derived(f"{group} {mid} n", "the sum of its subtasks' n-samples.effective")
            se, status = parse_stderr(raw_se) if has_se else (None, "na")
            uncertainty = None
            if status == "ok":
                uncertainty = {"method": "other", "standard_error": se}
            elif status == "invalid":
                self.b.lost(f"results.{group}.{metric}_stderr,{filt}", "not a standard error: {raw!r}",
                            raw=raw_se)
            else:
                if has_se:
                    self.b.no_uncertainty(f"{group} {mid}", "lm-eval wrote \"N/A\"")
                else:
                    self.b.no_uncertainty(f"{group} {mid}", "no _stderr key")
            self.b.result(evaluation, self._metric(group, metric, filt, value, {}), value, n=n,
                          uncertainty=uncertainty)


    def _samples(self, task: str, evaluation: dict[str, Any], filters: set[str]) -> None:
        path = self.sample_files.get(task)
        if path is None:
            return
        many_filters = len(filters) > 1
        rows = _read_rows(path)
        bad_lines = 0
        mismatched = 0
        other_metrics: set[str] = set()
        seen: set[str] = set()
        for row in rows:
            if not isinstance(row, dict):
                bad_lines += 1
                continue
            doc_id = row.get("doc_id")
            filt = row.get("filter") if isinstance(row.get("filter"), str) else "none"
            if doc_id is None:
                bad_lines += 1
                continue
            sample_id = f"{doc_id}:{filt}" if many_filters else str(doc_id)
            if sample_id in seen:
                bad_lines += 1
                continue
            seen.add(sample_id)
            names = [m for m in row.get("metrics") or [] if isinstance(m, str)] or \
                [k for k in row if k in DEFAULT_AGGREGATION]
            score_metric = next((m for m in names if finite_number(row.get(m), nonfinite=True) is not None), None)
            score = finite_number(row.get(score_metric), nonfinite=True) if score_metric else None
            other_metrics.update(m for m in names if m != score_metric and m in row)
            verdict = None
            if score_metric in PER_ITEM_BINARY and score in (0.0, 1.0):
                verdict = "pass" if score == 1.0 else "fail"
            prompt = _prompt(row.get("arguments"))
            output = _output(row.get("filtered_resps", row.get("resps")))
            target = row.get("target")
            self.b.sample(evaluation, sample_id, score=score, verdict=verdict, input=prompt, output=output,
                          target=None if target is None else str(target))
            prompt_hash = row.get("prompt_hash")
            if isinstance(prompt_hash, str) and re.fullmatch(r"[0-9a-f]{64}", prompt_hash):
                inline = evaluation.get("samples", {}).get("inline") or []
                last = inline[-1] if inline and inline[-1]["sample_id"] == sample_id else None
                if prompt is None and last is not None:
                    last["input_digest"] = "sha256:" + prompt_hash
                elif prompt is not None and sha256_text(prompt) != "sha256:" + prompt_hash:
                    mismatched += 1
        if bad_lines:
            self.b.lost(f"{path.name} ({bad_lines} rows)", "rows that are not JSON objects with a new doc_id")
        if mismatched:
            self.b.lost(f"{path.name} prompt_hash", "{count} rows' prompt_hash is not the sha256 of the logged "
                        "prompt; input_digest is computed from the prompt", count=mismatched)
        if other_metrics:
            self.b.lost(f"{path.name} per-sample " + ",".join(sorted(other_metrics)),
                        "a sample has one score: the first metric the row lists")
        if not self.samples_noted:
            self.samples_noted = True
            self.b.lost("samples_*.jsonl doc,doc_hash,target_hash,resps,arguments",
                        "no per-sample field (input is the prompt, output the filtered response; the target text is "
                        "kept only with --include-content); the hashes are folded into task_hashes, kept in "
                        "extensions")


def _read_rows(path: Path) -> Iterator[Any]:
    if path.suffix == ".json":
        try:
            rows = json.loads(path.read_bytes())
        except (ValueError, UnicodeDecodeError):
            yield None
            return
        yield from (rows if isinstance(rows, list) else [None])
        return
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            try:
                yield json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                yield None


def _prompt(arguments: Any) -> str | None:
    """The context of the first request: arguments.gen_args_0.arg_0 (0.4.3+) or arguments[0][0] (older)."""
    first: Any = None
    if isinstance(arguments, dict) and arguments:
        first = arguments.get("gen_args_0", next(iter(arguments.values())))
        if isinstance(first, dict):
            first = first.get("arg_0")
        elif isinstance(first, list) and first:
            first = first[0]
    elif isinstance(arguments, list) and arguments:
        first = arguments[0]
        if isinstance(first, list) and first:
            first = first[0]
    return first if isinstance(first, str) else None


def _output(responses: Any) -> Any:
    if isinstance(responses, list) and len(responses) == 1 and isinstance(responses[0], str):
        return responses[0]
    return responses
