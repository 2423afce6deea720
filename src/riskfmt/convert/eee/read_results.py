"""EEE -> riskfmt, one evaluation result at a time: task, metric, value, uncertainty, sample counts and settings,
plus the residue that has no riskfmt field (kept in the report's ``every-eval-ever`` extension)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from riskfmt.convert._coerce import as_dict, as_list, finite_number, is_number
from riskfmt.convert.builder import ReportBuilder
from riskfmt.convert.eee.common import (
    EXTENSION,
    INT_SETTINGS,
    LANG,
    PREFIX,
    SLICE_KEYS,
    UNC_METHODS,
    canon_int,
    ga_scalar,
    infer_method,
    instant,
    is_int,
    jload,
    parse_timestamp,
    str_dict,
    unc_method_in,
    unit_in,
    unit_out,
)
from riskfmt.findings import Finding


@dataclass
class Parsed:
    """One EEE result, read into riskfmt terms plus the residue that has no riskfmt field."""

    position: int
    task: dict[str, Any]
    started: str | None
    settings: dict[str, Any]
    judges: list[str]
    metric: dict[str, Any]
    value: Any
    n: int | None
    uncertainty: dict[str, Any] | None
    slice: dict[str, Any]
    risks: list[str] | None
    result_extra: dict[str, Any]  # riskfmt result fields restored from riskfmt_ keys
    eval_facts: dict[str, Any]  # riskfmt evaluation fields restored from riskfmt_ keys
    eval_id: str | None  # riskfmt_evaluation
    eee_result_id: str | None
    residue: dict[str, Any] = field(default_factory=dict)
    no_se: bool = False  # the record has no standard error for this score


class ResultReader:
    """How one EEE result becomes riskfmt's task, metric, value, uncertainty and settings (part of ``Importer``)."""


    # set by Importer
    b: ReportBuilder
    source: str
    record_source: dict[str, Any] | None
    inspect_origin: bool
    _n_noted: bool

    def _strings(self, value: Any, where: str) -> dict[str, str]:
        """An EEE string map; values that are not strings (EEE forbids them) are reported, not kept."""
        if value is not None and not isinstance(value, dict):
            self.b.lost(where, "not a key-value map")
        elif isinstance(value, dict) and any(not isinstance(v, str) for v in value.values()):
            bad = sorted(str(k) for k, v in value.items() if not isinstance(v, str))
            self.b.lost(f"{where}." + ",".join(bad), "EEE allows only string values here")
        return str_dict(value)

    # ---- results --------------------------------------------------------------------------------------

    def _result(self, index: int, r: Any) -> Parsed | None:
        b = self.b
        if not isinstance(r, dict):
            b.lost(f"evaluation_results[{index}]", "not an object")
            return None
        residue: dict[str, Any] = {"position": index}
        name = r.get("evaluation_name")
        if not isinstance(name, str) or not name:
            b.lost(f"evaluation_results[{index}]", "it has no evaluation_name")
            return None
        if "evaluation_result_id" in r:
            residue["evaluation_result_id"] = r.get("evaluation_result_id")
        eee_result_id = r.get("evaluation_result_id") if isinstance(r.get("evaluation_result_id"), str) else None

        sd = r.get("source_data")
        if sd is None and self.record_source is not None:
            sd = self.record_source
            residue["source_data_from_record"] = True
        sc_value = r.get("score_details")
        sc_raw: dict[str, Any] = sc_value if isinstance(sc_value, dict) else {}
        raw_details = sc_raw.get("details")
        if isinstance(raw_details, dict) and raw_details.get("description") == "No matching runs":
            # HELM leaderboards mark a cell they have no run for with the score -1 and this text
            b.lost(f"evaluation_results[{index}] ({name})",
                   "the score {score!r} is the leaderboard's placeholder for \"No matching runs\", "
                   "not a measurement", score=sc_raw.get("score"))
            return None
        task, eval_facts = self._source_data(sd, name, residue)
        started = None
        if "evaluation_timestamp" in r:
            raw_ts = r.get("evaluation_timestamp")
            residue["evaluation_timestamp"] = raw_ts
            started = parse_timestamp(raw_ts)
            if started is None:
                b.lost(f"evaluation_results[{index}].evaluation_timestamp",
                       "{raw!r} is not epoch seconds or a date-time with a time zone", raw=raw_ts)
        settings = self._generation(r.get("generation_config"), residue)
        mc = as_dict(r.get("metric_config"))
        metric, judges, result_extra, risks = self._metric(mc, index, residue)
        sc = as_dict(r.get("score_details"))
        details = self._strings(sc.get("details"), f"evaluation_results[{index}].score_details.details")
        slice_, rf_details = {}, {}
        kept_details: dict[str, str] = {}
        for key, value in details.items():
            if key.startswith(PREFIX):
                rf_details[key[len(PREFIX):]] = value
            elif key in SLICE_KEYS and value != "" and (key != "language" or LANG.match(value)):
                slice_[key] = value
            else:
                kept_details[key] = value
        if kept_details or "details" in sc:
            residue["details"] = kept_details
        eval_id = rf_details.get("evaluation")
        eval_facts.update(self._eval_facts(rf_details))
        if rf_details.get("started") and started and instant(rf_details["started"]) == instant(started):
            started = rf_details["started"]  # the producer's own spelling of the same instant (its zone offset)
        for key in ("result_notes",):
            text = jload(rf_details.get(key))
            if isinstance(text, dict) and text:
                result_extra["notes"] = text
        value, n, unc, no_se = self._score(sc, index, residue, rf_details)
        if n is None and isinstance(sd, dict):
            n = self._n_from_source(sd, index)
        if self.inspect_origin and not isinstance(mc.get("metric_id"), str):
            before = metric["id"]
            task, metric = inspect_identity(name, task, metric, mc)
            if metric["id"] == before and residue.get("metric", {}).get("metric_id_absent"):
                b.defaulted(f"evaluation_results[{index}].metric_config.metric_id", before)
            elif metric["id"] != before:
                b.derived(f"evaluation_results[{index}] task and metric",
                          "named as the Inspect log names them ({task}, {metric}) from the result's name and "
                          "evaluation_description, as EEE's Inspect adapter writes them", task=task["id"],
                          metric=metric["id"])
        lo, hi = metric.get("min"), metric.get("max")
        if is_number(value) and ((is_number(lo) and value < lo) or (is_number(hi) and value > hi)):
            metric.pop("min", None)
            metric.pop("max", None)
            kept_bounds = residue.setdefault("metric", {})
            for key, bound in (("min_score", lo), ("max_score", hi)):
                if bound is not None:
                    kept_bounds[key] = bound  # written back on export
            b.lost(f"evaluation_results[{index}].metric_config.min_score, max_score",
                   "the score {value} lies outside the declared bounds [{lo}, {hi}]; the bounds were dropped, the "
                   "score kept", value=value, lo=lo, hi=hi)
        extra = sorted(set(r) - {"evaluation_result_id", "evaluation_name", "source_data", "evaluation_timestamp",
                                 "metric_config", "score_details", "generation_config"})
        if extra:
            residue["other"] = {k: r[k] for k in extra}
        return Parsed(position=index, task=task, started=started, settings=settings, judges=judges, metric=metric,
                       value=value, n=n, uncertainty=unc, slice=slice_, risks=risks, result_extra=result_extra,
                       eval_facts=eval_facts, eval_id=eval_id, eee_result_id=eee_result_id, residue=residue,
                       no_se=no_se)

    def _n_from_source(self, sd: dict[str, Any], index: int) -> int | None:
        """n when the score has no num_samples: the ids of the samples evaluated, else ``samples_number``."""
        ids = sd.get("sample_ids")
        if isinstance(ids, list) and ids:
            if index == 0 or not self._n_noted:
                self._n_noted = True
                self.b.derived("results[].n", "the number of source_data.sample_ids (the samples evaluated)")
            return len(ids)
        number = sd.get("samples_number")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            if not self._n_noted:
                self._n_noted = True
                self.b.derived("results[].n", "source_data.samples_number (EEE: the number of samples in the "
                                              "dataset; the record names no subset)")
            return number
        return None

    def _eval_facts(self, rf: dict[str, str]) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        if rf.get("method"):
            facts["method"] = rf["method"]
        if rf.get("status"):
            facts["status"] = rf["status"]
        if rf.get("completed"):
            facts["completed"] = rf["completed"]
        notes = jload(rf.get("evaluation_notes"))
        if isinstance(notes, dict) and notes:
            facts["notes"] = notes
        findings = jload(rf.get("findings"))
        if isinstance(findings, list) and findings:
            facts["findings"] = findings
        return facts

    def _source_data(self, sd: Any, name: str, residue: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        task: dict[str, Any] = {"id": name}
        dataset: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        if not isinstance(sd, dict):
            residue["source_data_absent"] = True
            return task, facts
        source_type = sd.get("source_type")
        residue["source_type"] = source_type
        ds_name = sd.get("dataset_name")
        if isinstance(ds_name, str) and ds_name and ds_name != name:
            dataset["name"] = ds_name
        elif not isinstance(ds_name, str):
            residue["dataset_name_absent"] = True
        if source_type == "url":
            urls = as_list(sd.get("url"))
            if urls and isinstance(urls[0], str):
                dataset["location"] = urls[0]
            if urls[1:]:
                residue["url_extra"] = urls[1:]
        elif source_type == "hf_dataset" or (source_type is None and "hf_repo" in sd):
            if isinstance(sd.get("hf_repo"), str) and sd["hf_repo"]:
                dataset["location"] = sd["hf_repo"]
            if isinstance(sd.get("hf_split"), str) and sd["hf_split"]:
                dataset["split"] = sd["hf_split"]
            if is_int(sd.get("samples_number")) and sd["samples_number"] >= 0:
                dataset["size"] = sd["samples_number"]
            if "sample_ids" in sd:
                # EEE's schema makes sample ids strings; early records wrote integers, and an array of numbers in
                # extensions is what the validator's leak check refuses (it looks like an embedding)
                ids = sd["sample_ids"]
                residue["sample_ids"] = [str(x) for x in ids] if isinstance(ids, list) else ids
        details = self._strings(sd.get("additional_details"), "evaluation_results[].source_data.additional_details")
        kept = {k: v for k, v in details.items() if not k.startswith(PREFIX)}
        rf = {k[len(PREFIX):]: v for k, v in details.items() if k.startswith(PREFIX)}
        if kept or "additional_details" in sd:
            residue["source_data_details"] = kept
        if rf.get("dataset_digest"):
            dataset["digest"] = rf["dataset_digest"]
        if rf.get("dataset_version"):
            dataset["version"] = rf["dataset_version"]
        if rf.get("dataset_location"):
            dataset["location"] = rf["dataset_location"]
        if rf.get("dataset_split"):
            dataset["split"] = rf["dataset_split"]
        if rf.get("task_version"):
            task["version"] = rf["task_version"]
        task_name = jload(rf.get("task_name"))
        if isinstance(task_name, dict) and task_name:
            task["name"] = task_name
        if rf.get("task_languages"):
            task["languages"] = [x for x in rf["task_languages"].split(",") if x]
        if "task_interaction" in rf:
            facts["interaction"] = rf["task_interaction"]
        if dataset:
            task["dataset"] = dataset
        extra = sorted(set(sd) - {"dataset_name", "source_type", "url", "hf_repo", "hf_split", "samples_number",
                                  "sample_ids", "additional_details"})
        if extra:
            residue["source_data_other"] = {k: sd[k] for k in extra}
        return task, facts

    def _generation(self, gc: Any, residue: dict[str, Any]) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        if gc is None:
            return settings
        if not isinstance(gc, dict):
            residue["generation_config"] = gc
            return settings
        other: dict[str, Any] = {}
        ga = gc.get("generation_args")
        ga_extra: dict[str, Any] = {}
        if isinstance(ga, dict):
            for key, value in ga.items():
                if (key in ("temperature", "top_p") and is_number(value)) or (key == "max_tokens" and is_int(value)):
                    settings[key] = value
                elif ga_scalar(key, value):
                    other[key] = value
                else:
                    ga_extra[key] = value
            plan = ga_extra.get("eval_plan")
            if isinstance(plan, dict) and isinstance(plan.get("config"), dict):
                seed = canon_int(plan["config"].get("seed"))
                if seed is not None:
                    settings["seed"] = seed
                    plan = copy.deepcopy(plan)
                    del plan["config"]["seed"]
                    ga_extra["eval_plan"] = plan
                    residue["seed_in_eval_plan"] = True
            residue["generation_args"] = ga_extra
        elif "generation_args" in gc:
            residue["generation_args_raw"] = ga
        gd = self._strings(gc.get("additional_details"), "evaluation_results[].generation_config.additional_details")
        json_keys = set((gd.get(PREFIX + "json_keys") or "").split(",")) - {""}
        for key, value in gd.items():
            if key == PREFIX + "json_keys":
                continue
            if key in (PREFIX + "chat_template_digest", PREFIX + "system_prompt_digest"):
                settings[key[len(PREFIX):]] = value
            elif key in INT_SETTINGS and canon_int(value) is not None and key not in settings:
                settings[key] = canon_int(value)
            elif key in json_keys:
                decoded = jload(value)
                other[key] = decoded if decoded is None or isinstance(decoded, (str, int, float, bool)) else value
            elif key in other:
                residue.setdefault("generation_details_extra", {})[key] = value
            else:
                other[key] = value
        if "additional_details" in gc:
            residue["generation_details_present"] = True
        extra = sorted(set(gc) - {"generation_args", "additional_details"})
        if extra:
            residue["generation_config_other"] = {k: gc[k] for k in extra}
        residue["generation_config_present"] = True
        if other:
            settings["other"] = other
        return settings

    def _metric(self, mc: dict[str, Any], index: int, residue: dict[str, Any]
                ) -> tuple[dict[str, Any], list[str], dict[str, Any], list[str] | None]:
        b = self.b
        extra: dict[str, Any] = {}
        metric_id = mc.get("metric_id")
        if not isinstance(metric_id, str) or not metric_id:
            metric_id = mc.get("metric_name") if isinstance(mc.get("metric_name"), str) and mc.get("metric_name") \
                else "score"
            extra["metric_id_absent"] = True
            if not self.inspect_origin:  # an Inspect record's metric is named by inspect_identity, or defaulted there
                b.defaulted(f"evaluation_results[{index}].metric_config.metric_id", metric_id)
        details = self._strings(mc.get("additional_details"), f"evaluation_results[{index}].metric_config."
                                                              "additional_details")
        rf = {k[len(PREFIX):]: v for k, v in details.items() if k.startswith(PREFIX)}
        kept = {k: v for k, v in details.items() if not k.startswith(PREFIX)}
        lower = mc.get("lower_is_better")
        direction = "lower_is_better" if lower is True else "higher_is_better"
        if rf.get("direction") in ("higher_is_better", "lower_is_better", "neither"):
            direction = rf["direction"]
        elif kept.get("polarity") == "unknown" or not isinstance(lower, bool):
            b.defaulted(f"evaluation_results[{index}] ({metric_id}) direction", direction,
                        hint=" (EEE marks the metric's polarity unknown)")
        metric: dict[str, Any] = {"id": metric_id, "direction": direction}
        if isinstance(mc.get("metric_name"), str) and mc["metric_name"]:
            metric["name"] = mc["metric_name"]
        if isinstance(mc.get("metric_kind"), str) and mc["metric_kind"]:
            metric["kind"] = mc["metric_kind"]
        unit = unit_in(mc.get("metric_unit"))
        if unit:
            metric["unit"] = unit
            if mc.get("metric_unit") != unit_out(unit):
                extra["metric_unit"] = mc.get("metric_unit")
        for key, target in (("min_score", "min"), ("max_score", "max")):
            if key in mc:
                if is_number(mc[key]):
                    metric[target] = mc[key]
                else:
                    extra[key] = mc[key]  # "Infinity", "-Infinity" or null: no riskfmt bound
        for key in ("evaluation_description", "metric_parameters", "score_type", "level_names", "level_metadata",
                    "has_unknown_level"):
            if key in mc:
                extra[key] = mc[key]
        if kept or "additional_details" in mc:
            extra["additional_details"] = kept
        judges: list[str] = []
        scoring = mc.get("llm_scoring")
        if isinstance(scoring, dict):
            extra["llm_scoring"] = scoring
            for judge in scoring.get("judges") or []:
                info = judge.get("model_info") if isinstance(judge, dict) else None
                if isinstance(info, dict):
                    label = info.get("id") or info.get("name")
                    if isinstance(label, str) and label:
                        judges.append(label)
        elif scoring is not None:
            extra["llm_scoring"] = scoring
        other = sorted(set(mc) - {"metric_id", "metric_name", "metric_kind", "metric_unit", "lower_is_better",
                                  "min_score", "max_score", "evaluation_description", "metric_parameters",
                                  "score_type", "level_names", "level_metadata", "has_unknown_level",
                                  "llm_scoring", "additional_details"})
        if other:
            extra["other"] = {k: mc[k] for k in other}
        residue["metric"] = extra
        result_extra: dict[str, Any] = {}
        for key in ("threshold", "risk_level"):
            value = jload(rf.get(key))
            if isinstance(value, dict):
                result_extra[key] = value
        risks = [x.strip() for x in rf["risks"].split(",") if x.strip()] if rf.get("risks") else None
        return metric, judges, result_extra, risks

    def _score(self, sc: dict[str, Any], index: int, residue: dict[str, Any], rf: dict[str, str]
               ) -> tuple[Any, int | None, dict[str, Any] | None, bool]:
        b = self.b
        value = sc.get("score")
        if not is_number(value):
            value = float("nan") if not is_number(value) else value
        u = as_dict(sc.get("uncertainty"))
        n = u.get("num_samples") if is_int(u.get("num_samples")) and u["num_samples"] >= 0 else None
        unc: dict[str, Any] = {}
        se = u.get("standard_error")
        method = None
        if isinstance(se, dict) and is_number(se.get("value")):
            unc["standard_error"] = se["value"]
            residue["se_method"] = se.get("method")
            method = unc_method_in(se.get("method"))
            if se.get("method") not in (None, "", *UNC_METHODS):
                b.lost(f"evaluation_results[{index}].score_details.uncertainty.standard_error.method",
                       "{method!r} is not a riskfmt method; recorded as 'other', the name kept in "
                       "extensions.every-eval-ever", method=se.get("method"))
        elif se is not None:
            residue["standard_error"] = se
        ci = u.get("confidence_interval")
        if isinstance(ci, dict) and is_number(ci.get("lower")) and is_number(ci.get("upper")) \
                and is_number(ci.get("confidence_level")):
            unc["ci"] = {"lower": ci["lower"], "upper": ci["upper"], "level": ci["confidence_level"]}
            if isinstance(ci.get("method"), str) and ci["method"]:
                unc["ci"]["method"] = ci["method"]
        elif ci is not None:
            residue["confidence_interval"] = ci
            b.lost(f"evaluation_results[{index}].score_details.uncertainty.confidence_interval",
                   "it has no confidence_level, which riskfmt requires; kept in extensions.every-eval-ever")
        if is_number(u.get("standard_deviation")):
            unc["standard_deviation"] = u["standard_deviation"]
        if is_int(u.get("num_bootstrap_samples")) and u["num_bootstrap_samples"] >= 0:
            unc["num_bootstrap"] = u["num_bootstrap_samples"]
        if unc:
            if rf.get("uncertainty_method") in UNC_METHODS:
                method = rf["uncertainty_method"]
            unc["method"] = method or infer_method(unc)
        extra = sorted(set(u) - {"standard_error", "confidence_interval", "standard_deviation", "num_samples",
                                 "num_bootstrap_samples"})
        if extra:
            residue["uncertainty_other"] = {k: u[k] for k in extra}
        legacy = sc.get("confidence_interval")
        if legacy is not None and "ci" not in unc:
            # EEE 0.0.1 put the interval beside the score: a number (a half-width) or bounds, with no level
            lower, upper, level = _legacy_interval(value, legacy)
            if lower is not None and level is not None:
                unc["ci"] = {"lower": lower, "upper": upper, "level": level}
                unc.setdefault("method", "reported")
            else:
                b.findings.append(Finding.make(
                    "RF615", self.source, f"/evaluation_results/{index}/score_details/confidence_interval",
                    field=f"evaluation_results[{index}].score_details.confidence_interval", ext=EXTENSION))
        other = sorted(set(sc) - {"score", "details", "uncertainty"})
        if other:
            residue["score_other"] = {k: sc[k] for k in other}
        return value, n, unc or None, "standard_error" not in unc


def _legacy_interval(value: Any, ci: Any) -> tuple[float | None, float | None, float | None]:
    """(lower, upper, level) of an EEE 0.0.1 ``score_details.confidence_interval``; None where it says nothing.
    A bare number is read as a half-width around the score; its level is never assumed."""
    if is_number(ci) and is_number(value) and float(ci) >= 0:
        return float(value) - float(ci), float(value) + float(ci), None
    if isinstance(ci, dict):
        lower, upper = ci.get("lower"), ci.get("upper")
        level = ci.get("confidence_level", ci.get("level"))
        low, high, known = finite_number(lower), finite_number(upper), finite_number(level)
        if low is not None and high is not None and low <= high:
            return low, high, known if known is not None and 0 < known < 1 else None
    return None, None, None


_INSPECT_NAME = re.compile(r"^(?P<metric>\S+) on (?P<task>\S+) for scorer (?P<scorer>\S+)$")
_IDENT = re.compile(r"^[A-Za-z0-9_.:@-]+$")


def inspect_identity(name: str, task: dict[str, Any], metric: dict[str, Any], mc: dict[str, Any]
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Task and metric of an EEE result converted from an Inspect log, named as riskfmt's Inspect converter names
    them (``<scorer>/<metric>``), so that the record and the log align in ``riskfmt diff``.

    EEE's Inspect adapter names a result ``"<metric> on <task> for scorer <scorer>"``; its first version (EEE
    0.1.0) named it after the scorer alone, with the metric in ``evaluation_description`` and the dataset as the
    only trace of the task."""
    description = mc.get("evaluation_description")
    found = _INSPECT_NAME.match(name)
    if found:
        task = {**task, "id": found["task"]}
        metric = {**metric, "id": f"{found['scorer']}/{found['metric']}"}
    elif _IDENT.match(name) and isinstance(description, str) and _IDENT.match(description):
        dataset = task.get("dataset") or {}
        label = dataset.get("name") or str(dataset.get("location") or "").rsplit("/", 1)[-1] or name
        task = {**task, "id": label}
        metric = {**metric, "id": f"{name}/{description}"}
        if task.get("dataset", {}).get("name") == label:
            task["dataset"] = {k: v for k, v in task["dataset"].items() if k != "name"}
            if not task["dataset"]:
                del task["dataset"]
    return task, metric
