"""One OpenCompass model run -> one riskfmt report: model, evaluations, results, uncertainty, samples, and a
finding for everything the report cannot carry."""

from __future__ import annotations

import math
from typing import Any

from riskfmt.convert._coerce import as_dict, as_int, finite_number
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder, bilingual, binomial_se, mean_se
from riskfmt.convert.opencompass.config import prompt_hash
from riskfmt.convert.opencompass.layout import CONFIG_LOST, ModelRun, SummaryRow, Task, exception_name
from riskfmt.convert.opencompass.models import API_CLASSES, OPEN_WEIGHT_CLASSES, is_hub_id, scalar, short_type
from riskfmt.convert.opencompass.names import (
    GPASS,
    GROUP_METRICS,
    HIGHER_IS_BETTER,
    IGNORED_RESULT_KEYS,
    TOOL,
    MetricKey,
    parse_metric_key,
    parse_run_folder_name,
    percent_scale,
)
from riskfmt.convert.opencompass.samples import PerSample, cell, read_per_sample
from riskfmt.findings import Finding


class Report:
    """One model of one run (or of a station folder) being converted."""

    def __init__(self, run: ModelRun, options: ConvertOptions) -> None:
        self.run = run
        self.options = options
        self.b = ReportBuilder(run.source, TOOL, None, options, source_format="opencompass",
                               source_files=sorted({p for p in run.files if p.is_file()}))
        self.ext: dict[str, Any] = {}
        self.questions: dict[str, int] = {}  # evaluation id -> questions counted

    # -- entry point

    def build(self) -> Converted:
        run = self.run
        if not run.tasks and run.findings:  # everything of this model was refused (pairwise, expansion limit)
            return Converted(run.source, None, list(run.findings))
        self.b.findings.extend(run.findings)
        self._model()
        self._run_facts()
        evaluations: dict[str, dict[str, Any]] = {}
        for task in run.tasks:
            evaluations[task.dataset] = self._dataset(task)
        if run.summary is not None:
            self._groups(evaluations)
        if not self.b.report["evaluations"]:
            raise ValueError(f"no dataset results, predictions or summary rows for model {run.model}")
        if self.ext:
            self.b.report["extensions"] = {"opencompass": self.ext}
        return self.b.finish()

    # -- model

    def _model(self) -> None:
        run, cfg = self.run, self.run.model_cfg or {}
        model_type = cfg.get("type")
        short = short_type(model_type)
        path = cfg.get("path")
        model_id = path if is_hub_id(path) else None
        if short and API_CLASSES.search(short):
            access = "api"
        elif short and OPEN_WEIGHT_CLASSES.search(short):  # the evaluator loaded the weights (hub id or local path)
            access = "open_weights"
        else:
            access = "other"
            if short:
                self.b.defaulted("model.access", access,
                                 hint=" (model class {short} is not an OpenCompass class riskfmt knows)", short=short)
            else:
                self.b.defaulted("model.access", access, hint=" (no model config: the class is unknown)")
        self.b.model(run.model, access=access, id=model_id)
        if not cfg:
            self.b.lost("models[].*", "no config for model {model}: only its abbreviation is known", model=run.model)
            return
        if isinstance(model_type, str):
            self.ext["model_type"] = model_type
        if path is not None and model_id is None:
            self.b.lost(f"models[{run.model}].path", "not a model hub id (org/name): a local path or name is not "
                                                      "carried over")
        engineering = [k for k in ("batch_size", "run_cfg", "max_seq_len", "batch_padding", "tokenizer_path",
                                   "tokenizer_kwargs", "model_kwargs", "peft_path", "end_str")
                       if cfg.get(k) not in (None, "", [], {})]
        if engineering:
            self.b.lost(f"models[{run.model}]." + ",".join(engineering),
                        "loading and engineering parameters (they may name local paths)")
        if cfg.get("meta_template") not in (None, {}, []):
            self.b.lost(f"models[{run.model}].meta_template", "the chat role template has no riskfmt field")
        known = {"abbr", "type", "path", "max_out_len", "generation_kwargs", "meta_template", *engineering}
        extra = {k: scalar(v) for k, v in cfg.items() if k not in known and scalar(v) is not None}
        if extra:
            self.ext["model_config"] = extra
        dropped = sorted(k for k, v in cfg.items() if k not in known and scalar(v) is None)
        if dropped:
            self.b.lost(f"models[{run.model}]." + ",".join(dropped), "model config values that are not scalars")

    # -- run-level facts

    def _run_facts(self) -> None:
        run = self.run
        if run.run_folder is not None:
            local = parse_run_folder_name(run.run_folder.name)
            self.ext["run_folder"] = run.run_folder.name
            if local:
                self.ext["run_started_local"] = local
        if run.run_folder is not None and parse_run_folder_name(run.run_folder.name):
            self.b.lost(f"run folder name {run.run_folder.name}",
                        "the run's start in local time without a time zone; riskfmt dates need a zone, so it is "
                        "not given as evaluations[].started (kept in extensions.opencompass.run_started_local)")
        if run.config_dumps:
            self.ext["config_dumps"] = run.config_dumps
            if len(run.config_dumps) > 1:
                self.b.lost("configs/" + ",".join(run.config_dumps[:-1]),
                            "earlier config dumps of re-runs (-r); the newest one was read")
        for name, key, values in run.config_lost:
            self.b.lost(name, CONFIG_LOST[key], "", **values)
        if run.summary is not None and run.summary.csv_path is not None:
            self.ext["summary_files"] = sorted(p.name for p in (run.summary.csv_path, run.summary.txt_path) if p)
        if run.logs is not None:
            self.b.lost("logs/infer,logs/eval", "task logs are not carried over (read only to name the error of "
                                                "a failed task)")
        if run.station:
            self.ext["station"] = True

    # -- datasets

    def _dataset(self, task: Task) -> dict[str, Any]:
        cfg = task.dataset_cfg or {}
        results = task.results if isinstance(task.results, dict) else None
        replicas = max(as_int(cfg.get("n")) or 1, 1)
        if results:
            for key in results:
                parsed = parse_metric_key(key)
                if parsed and parsed.replicas:
                    replicas = parsed.replicas if replicas == 1 else replicas
        task_obj, settings = self._task_object(task, cfg, replicas)
        evaluation = self.b.evaluation(task.dataset, task_obj, settings=settings)
        eval_id = evaluation["id"]
        if task.dataset in self.run.judged:  # score mode: a judge model gave the values
            self.ext.setdefault("judged_by", {})[task.dataset] = self.run.judged[task.dataset].name

        failed = self._failure(task, results, evaluation)
        if failed:
            return evaluation

        per_sample = None
        details = results.get("details") if results else None
        if details is not None:
            per_sample = read_per_sample(details, replicas)
            if per_sample is None:
                self.b.lost(f"{self._rel(task)} details", "per-sample details in a shape riskfmt does not read")
        questions = self._questions(task, per_sample, replicas, f"{eval_id} results[].n")

        if questions is not None:
            self.questions[eval_id] = questions
        entries: list[tuple[str, MetricKey, float]] = []
        for key, raw in (results or {}).items():
            if key in ("details", "error"):
                continue
            parsed = parse_metric_key(key)
            value = finite_number(raw)
            if parsed is None or value is None:
                if key in IGNORED_RESULT_KEYS:
                    self.b.lost(f"{self._rel(task)} {key}", "a BLEU internal the OpenCompass summarizer ignores")
                else:  # the repr cut so that the whole text stays within 200 characters
                    self.b.lost(f"{self._rel(task)} {key}", "not a number: {raw!r:.186}", raw=raw)
                continue
            entries.append((key, parsed, value))
        # G-Pass metrics come twice: "<subdivision>/G-Pass@k_t" and plain "G-Pass@k_t". When the subdivision is the
        # dataset itself (example_abbr is "<dataset>_<i>"), both are the whole dataset: keep one result, note the alias.
        plain = {(p.metric, p.replicas): v for _, p, v in entries if p.subdivision is None}
        aliases: dict[str, str] = {}
        kept: list[tuple[str, MetricKey, float]] = []
        for key, parsed, value in entries:
            if parsed.subdivision == task.dataset:
                twin = plain.get((parsed.metric, parsed.replicas))
                if twin is not None and math.isclose(twin, value, rel_tol=1e-12, abs_tol=1e-12):
                    aliases[parsed.metric] = key
                    continue
                if twin is None:
                    parsed = MetricKey(parsed.metric, parsed.replicas, None)
            kept.append((key, parsed, value))
        derived: list[str] = []
        seen: set[tuple[str, str | None]] = set()
        for key, parsed, value in kept:
            if (parsed.metric, parsed.subdivision) in seen:  # two keys, one metric id: keep the key as the id
                parsed = MetricKey(key, None, None)
                if (key, None) in seen:
                    self.b.lost(f"{self._rel(task)} {key}", "a second value for a metric id already reported")
                    continue
            seen.add((parsed.metric, parsed.subdivision))
            self._metric_result(evaluation, task, parsed, key, value, per_sample, questions, replicas, derived,
                                alias=aliases.get(parsed.metric) if parsed.subdivision is None else None)
        if derived:
            self.b.derived(f"{eval_id} uncertainty.standard_error ({', '.join(derived)})",
                           "computed by riskfmt from the per-sample correctness in the results' details "
                           "(binomial for a single run; for replicated runs and G-Pass the standard error of the "
                           "per-question values), on the value's scale; OpenCompass reports none")
        self._samples(evaluation, task, per_sample, replicas)
        return evaluation

    def _rel(self, task: Task) -> str:
        if self.run.station and task.results_path is not None:
            return f"{task.results_path.parent.name}/{task.results_path.name} results"
        return f"results/{self.run.model}/{task.dataset}.json"

    def _task_object(self, task: Task, cfg: dict[str, Any], replicas: int) -> tuple[dict[str, Any], dict[str, Any]]:
        obj: dict[str, Any] = {"id": task.dataset}
        summary = self.run.summary
        listed = summary.version(task.dataset) if summary else None
        computed = prompt_hash(cfg) if cfg else None
        if listed:
            obj["version"] = listed
            if computed and computed[:len(listed)] != listed:
                self.ext.setdefault("prompt_hash_mismatch", {})[task.dataset] = computed[:6]
        elif computed:
            obj["version"] = computed[:6]
            self.b.derived(f"{task.dataset} task.version", "OpenCompass' get_prompt_hash of the dataset's infer_cfg "
                                                           "(first 6 hex digits, as its summary writes it)")
        elif cfg:
            self.b.lost(f"datasets[{task.dataset}].infer_cfg", "contains expressions riskfmt does not evaluate: no "
                                                               "prompt hash for task.version")
        dataset: dict[str, Any] = {}
        path = cfg.get("path")
        if is_hub_id(path):
            dataset["location"] = path
        elif path is not None:
            self.b.lost(f"datasets[{task.dataset}].path", "a local data path is not carried over")
        if isinstance(cfg.get("name"), str) and cfg["name"]:
            dataset["name"] = cfg["name"]
        if dataset:
            obj["dataset"] = dataset

        settings: dict[str, Any] = {}
        other: dict[str, Any] = {}
        model_cfg = self.run.model_cfg or {}
        infer = as_dict(cfg.get("infer_cfg"))
        inferencer = as_dict(infer.get("inferencer"))
        max_out = as_int(inferencer.get("max_out_len"))
        if max_out is None:
            max_out = as_int(model_cfg.get("max_out_len"))
        if max_out is not None:
            settings["max_tokens"] = max_out
        generation = as_dict(model_cfg.get("generation_kwargs"))
        for key, value in generation.items():
            number = finite_number(value)
            if key == "temperature" and number is not None:
                settings["temperature"] = number
            elif key == "top_p" and number is not None:
                settings["top_p"] = number
            elif key == "seed" and as_int(value) is not None:
                settings["seed"] = as_int(value)
            elif scalar(value) is not None:
                other[key] = scalar(value)
        if replicas > 1:
            settings["epochs"] = replicas
        if as_int(cfg.get("k")) is not None:
            other["k"] = as_int(cfg.get("k"))
        retriever = as_dict(infer.get("retriever"))
        retriever_type = short_type(retriever)
        if retriever_type == "ZeroRetriever":
            settings["num_fewshot"] = 0
        elif isinstance(retriever.get("fix_id_list"), list):
            settings["num_fewshot"] = len(retriever["fix_id_list"])
        elif as_int(retriever.get("ice_num")) is not None:
            settings["num_fewshot"] = as_int(retriever.get("ice_num"))
        for name, value in (("retriever", retriever_type), ("inferencer", short_type(inferencer)),
                            ("dataset_class", short_type(cfg.get("type")))):
            if value:
                other[name] = value
        eval_cfg = as_dict(cfg.get("eval_cfg"))
        for name in ("evaluator", "pred_postprocessor", "dataset_postprocessor"):
            value = short_type(eval_cfg.get(name))
            if value:
                other[name] = value
        if isinstance(eval_cfg.get("pred_role"), str):
            other["pred_role"] = eval_cfg["pred_role"]
        mode = summary.mode(task.dataset) if summary else None
        if mode:
            other["mode"] = mode
        if other:
            settings["other"] = other
        for name, low, high in (("max_tokens", 1, None), ("epochs", 1, None), ("num_fewshot", 0, None),
                                ("temperature", 0, None), ("top_p", 0, 1)):
            value = settings.get(name)
            if value is not None and (value < low or (high is not None and value > high)):
                del settings[name]
                self.b.lost(f"datasets[{task.dataset}] settings.{name}", "{value} is outside the range riskfmt allows",
                            value=value)
        if cfg:
            lost = [name for name in ("infer_cfg.prompt_template", "reader_cfg") if
                    (infer.get("prompt_template") if name.startswith("infer") else cfg.get("reader_cfg"))]
            judge = as_dict(eval_cfg.get("evaluator"))
            if any(k in judge for k in ("prompt_template", "judge_cfg")):
                lost.append("eval_cfg.evaluator.prompt_template")
            known = {"abbr", "type", "path", "name", "reader_cfg", "infer_cfg", "eval_cfg", "n", "k"}
            lost += sorted(str(k) for k in cfg if k not in known)
            if lost:
                self.b.lost(f"datasets[{task.dataset}]." + ",".join(lost),
                            "prompt and reader configuration has no riskfmt field; task.version is the prompt hash")
        return obj, settings

    def _failure(self, task: Task, results: dict[str, Any] | None, evaluation: dict[str, Any]) -> bool:
        """Mark a failed task; True when there are no values to convert."""
        index = len(self.b.report["evaluations"]) - 1
        pointer = f"/evaluations/{index}"
        summary = self.run.summary
        dashes = summary.dashes(task.dataset, self.run.model) if summary else []
        reason = None
        if task.problem:
            reason = task.problem
        elif results is not None and "error" in results:
            reason = f"the results file holds an error entry: {str(results['error'])[:300]}"
        elif results is None:
            parts = ["no results file"]
            if task.predictions is None:
                parts.append("no predictions file")
            if dashes:
                parts.append("summary shows '-' for " + ", ".join(dashes))
            for stage in ("infer", "eval"):
                log = self.run.logs / stage / self.run.model / f"{task.dataset}.out" if self.run.logs else None
                name = exception_name(log) if log is not None and log.is_file() else None
                if name:
                    parts.append(f"{stage} log ends with {name}")
            reason = "; ".join(parts)
        if reason is None:
            return False  # values exist: they are converted
        evaluation["status"] = "error"
        self.b.findings.append(Finding.make("RF603", self.b.source, pointer, status="error"))
        self.b.lost(self._rel(task), "task failed, no value reported (never a zero): {reason}", reason=reason)
        no_values = results is None or not any(finite_number(v) is not None
                                               for k, v in results.items() if k != "details")
        if no_values and task.predictions is not None:  # otherwise the values and samples are converted as usual
            self._samples(evaluation, task, None, max(as_int((task.dataset_cfg or {}).get("n")) or 1, 1))
        return no_values

    def _questions(self, task: Task, per_sample: PerSample | None, replicas: int, n_field: str) -> int | None:
        """The number of questions of a task, with a note on how it was counted (``n_field``: where n goes)."""
        where = self._rel(task).replace(" results", " predictions") if self.run.station else \
            f"predictions/{self.run.model}/{task.dataset}.json"
        if task.predictions is not None and len(task.predictions) and len(task.predictions) % replicas == 0:
            count = len(task.predictions)
            questions = count // replicas
            if per_sample is not None and per_sample.questions != questions:
                self.b.lost(f"{self._rel(task)} details", "{entries} question entries, but the predictions hold "
                            "{questions}: per-sample correctness not used", entries=per_sample.questions,
                            questions=questions)
            if replicas > 1:
                self.b.derived(n_field, "counted from {where}: {count} predictions / {replicas} replicas", where=where,
                               count=count, replicas=replicas)
            else:
                self.b.derived(n_field, "counted from {where}: {count} predictions", where=where, count=count)
            return questions
        if per_sample is not None:
            self.b.derived(n_field, "counted from the details entries of {where}", where=self._rel(task))
            return per_sample.questions
        return None

    def _metric_result(self, evaluation: dict[str, Any], task: Task, parsed: MetricKey, key: str, value: float,
                       per_sample: PerSample | None, questions: int | None, replicas: int,
                       derived: list[str], alias: str | None = None) -> None:
        eval_id = evaluation["id"]
        metric = parsed.metric
        gpass = bool(GPASS.match(metric))
        metric_obj: dict[str, Any] = {"id": metric, "direction": self._direction(task, metric)}
        if key != metric:
            metric_obj["name"] = key
        usable = per_sample is not None and questions is not None and per_sample.questions == questions
        rows: list[float] | None = None  # per-unit values on the 0..1 scale behind this result
        unit_n: int | None = None
        clustered = False
        if usable and per_sample is not None:
            keep = [i for i in range(per_sample.questions)
                    if parsed.subdivision is None or per_sample.subdivisions[i] == parsed.subdivision]
            if gpass and metric in per_sample.per_question:
                rows = [per_sample.per_question[metric][i] for i in keep]
                unit_n = len(rows)
            elif not gpass and per_sample.grid is not None and metric in ("accuracy", "acc"):
                if per_sample.replicas > 1:
                    rows = [sum(per_sample.grid[i]) / len(per_sample.grid[i]) for i in keep]
                    clustered = True
                else:
                    rows = [1.0 if per_sample.grid[i][0] else 0.0 for i in keep]
                unit_n = len(rows) * per_sample.replicas  # this branch is for non-G-Pass metrics
        scale = None  # 100.0 for percent, 1.0 for fractions
        reproduced = False  # the per-sample rows give the reported value (on one of the two scales)
        if rows:
            mean = sum(rows) / len(rows)
            if math.isclose(mean * 100, value, rel_tol=1e-9, abs_tol=1e-6):
                scale, reproduced = 100.0, True
            elif math.isclose(mean, value, rel_tol=1e-9, abs_tol=1e-9):
                scale, reproduced = 1.0, True
        if scale is None and percent_scale(metric) and 0 <= value <= 100:
            scale = 100.0 if (value > 1 or rows is None) else None
        if scale == 100.0:
            metric_obj.update({"unit": "%", "min": 0, "max": 100})
        elif scale == 1.0:
            metric_obj.update({"unit": "1", "min": 0, "max": 1})
        if metric in ("accuracy", "acc"):
            metric_obj["kind"] = "accuracy"
        elif metric.startswith("G-Pass"):
            metric_obj["kind"] = "proportion"

        n: int | None
        if parsed.subdivision is not None and rows is not None:
            n = len(rows)
        elif gpass:
            n = questions
        elif parsed.replicas and questions is not None:
            n = questions * parsed.replicas
        elif questions is not None:
            n = questions * (replicas if replicas > 1 else 1)
        else:
            n = None
        if unit_n is not None and not gpass and parsed.subdivision is None:
            n = unit_n

        uncertainty = None
        mid = f"{eval_id} {key}"
        if rows and reproduced and scale is not None:
            se = mean_se(rows) if clustered or gpass else binomial_se(sum(rows) / len(rows), len(rows))
            if math.isfinite(se):
                uncertainty = {"method": "derived", "standard_error": se * scale}
                derived.append(key)
            else:
                self.b.no_uncertainty(mid, "fewer than two questions")
        elif rows:
            self.b.no_uncertainty(mid, "the per-sample data do not reproduce the reported value, so no standard "
                                       "error is derived from them")
        elif not usable:
            self.b.no_uncertainty(mid, "no per-sample correctness in the results' details")
        else:
            self.b.no_uncertainty(mid, "no per-sample values for this metric")
        slice_ = {"subgroup": parsed.subdivision} if parsed.subdivision else None
        result = self.b.result(evaluation, metric_obj, value, n=n, uncertainty=uncertainty, slice=slice_,
                               name=f"{eval_id}.{key}")
        if result is None:
            return
        notes: list[dict[str, str]] = []
        if parsed.replicas:
            notes.append(bilingual("OpenCompass key \"{key}\": the mean over {replicas} runs of each question "
                                   "(settings.epochs); n counts questions x runs.", key=key, replicas=parsed.replicas))
        if gpass:
            notes.append(bilingual("G-Pass family value over questions answered {replicas} times each; n counts "
                                   "questions.", replicas=replicas))
        if alias and alias != key:
            notes.append(bilingual("OpenCompass reports the same value under \"{alias}\" too (the subdivision there "
                                   "is the whole dataset); one result is kept.", alias=alias))
        if parsed.subdivision:
            notes.append(bilingual("Subdivision \"{subdivision}\" (OpenCompass takes it from example_abbr up to its "
                                   "first underscore).", subdivision=parsed.subdivision))
        if notes:
            result["notes"] = {"en": " ".join(n["en"] for n in notes), "zh": "".join(n["zh"] for n in notes)}

    def _direction(self, task: Task, metric: str) -> str:
        if GPASS.match(metric) or HIGHER_IS_BETTER.search(metric):
            return "higher_is_better"
        self.b.defaulted(f"{task.dataset} {metric} metric.direction", "neither")
        return "neither"

    # -- samples

    def _samples(self, evaluation: dict[str, Any], task: Task, per_sample: PerSample | None, replicas: int) -> None:
        predictions = task.predictions
        if per_sample is not None:
            questions, replicas = per_sample.questions, per_sample.replicas
        elif predictions is not None and replicas and len(predictions) % replicas == 0:
            questions = len(predictions) // replicas
        else:
            return
        if predictions is not None and len(predictions) != questions * replicas:
            predictions = None
        for q in range(questions):
            for r in range(replicas):
                entry = predictions[r * questions + q] if predictions is not None else None
                entry = entry if isinstance(entry, dict) else {}
                correct = per_sample.grid[q][r] if per_sample is not None and per_sample.grid is not None else None
                prompt = entry.get("origin_prompt")
                output = entry.get("prediction")
                target = entry.get("gold")
                if per_sample is not None:
                    prompt = prompt if prompt is not None else cell(per_sample.prompts, q, r)
                    output = output if output is not None else cell(per_sample.outputs, q, r)
                    target = target if target is not None else cell(per_sample.targets, q, r)
                self.b.sample(evaluation, per_sample.question_ids[q] if per_sample is not None else str(q),
                              epoch=r + 1 if replicas > 1 else None,
                              score=None if correct is None else float(correct),
                              verdict=None if correct is None else ("pass" if correct else "fail"),
                              input=prompt, output=output, target=target)

    # -- summary groups

    def _groups(self, evaluations: dict[str, dict[str, Any]]) -> None:
        summary = self.run.summary
        assert summary is not None
        groups: dict[str, list[SummaryRow]] = {}
        for row in summary.rows:
            if row.version in ("", "-") and row.metric in GROUP_METRICS and row.dataset not in evaluations:
                groups.setdefault(row.dataset, []).append(row)
        configured = {}
        for group in (self.run.summarizer_cfg or {}).get("summary_groups") or []:
            if isinstance(group, dict) and isinstance(group.get("name"), str):
                configured[group["name"]] = group
        raw = summary.raw.get(self.run.model, {})
        for name, rows in groups.items():
            group_cfg = configured.get(name, {})
            members = []
            for subset in group_cfg.get("subsets") or []:
                if isinstance(subset, str):
                    members.append(subset)
                elif isinstance(subset, list) and subset and isinstance(subset[0], str):
                    members.append(subset[0])
            evaluation = self.b.evaluation(name, {"id": name}, settings={"other": {"mode": rows[0].mode}}
                                           if rows[0].mode not in ("", "-") else None)
            listed = ", ".join(members) if members else "its member datasets"
            evaluation["notes"] = bilingual("OpenCompass summary group ({metric} of {listed}); its members' own "
                                            "results are in this report, so it is not independent evidence.",
                                            metric=rows[0].metric, listed=listed)
            raw_values = raw.get(name, {})
            if isinstance(raw_values.get("error"), str) or any(row.values.get(self.run.model) == "-" for row in rows):
                evaluation["status"] = "error"
                pointer = f"/evaluations/{len(self.b.report['evaluations']) - 1}"
                self.b.findings.append(Finding.make("RF603", self.b.source, pointer, status="error"))
                reason = raw_values.get("error") or "the summary shows '-'"
                self.b.lost(f"summary group {name}", "not computed, no value reported (never a zero): {reason}",
                            reason=reason)
                continue
            member_evals = [evaluations[m] for m in members if m in evaluations]
            counts = [self.questions.get(m["id"]) for m in member_evals]
            known = [c for c in counts if c is not None]
            n_total = sum(known) if known and len(known) == len(counts) else 0
            percent = bool(member_evals) and all(
                any(r["metric"].get("unit") == "%" for r in m.get("results", [])) for m in member_evals)
            for row in rows:
                value = finite_number(raw_values.get(row.metric))
                precise = value is not None
                if value is None:
                    try:
                        value = float(row.values.get(self.run.model, ""))
                    except ValueError:
                        self.b.lost(f"summary group {name} {row.metric}", "no value in the summary")
                        continue
                    self.b.lost(f"summary_*.csv {name} {row.metric}", "only the 2-decimal summary value exists (no "
                                                                       "raw-format block): the value is rounded")
                metric_obj: dict[str, Any] = {"id": row.metric, "direction": "higher_is_better" if percent
                                              and row.metric in ("naive_average", "weighted_average", "harmonic_mean")
                                              else "neither"}
                if percent and row.metric in ("naive_average", "weighted_average", "harmonic_mean"):
                    metric_obj.update({"unit": "%", "min": 0, "max": 100})
                elif metric_obj["direction"] == "neither":
                    self.b.defaulted(f"{name} {row.metric} metric.direction", "neither")
                n = n_total or None
                if n:
                    self.b.derived(f"{name} {row.metric} n", "the sum of the member datasets' question counts "
                                   "(each question once, whatever its number of runs)")
                self.b.no_uncertainty(f"{name} {row.metric}", "a summary-group aggregate of other results")
                self.b.result(evaluation, metric_obj, value, n=n, name=f"{evaluation['id']}.{row.metric}")
                if precise:
                    self.ext.setdefault("group_values_from", "summary_*.txt raw format (full precision)")
