"""riskfmt -> EEE, one result at a time (source data, metric config, score details, generation config) and each
evaluation's instance rows; every riskfmt fact EEE has no field for goes to an ``additional_details`` string and
is reported as a loss."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from riskfmt.convert.base import Converted
from riskfmt.convert.builder import sha256_text
from riskfmt.convert.eee.common import (
    PREFIX,
    SCHEMA_VERSION,
    epoch_string,
    ga_scalar,
    infer_method,
    instant,
    jdump,
    parse_timestamp,
    unc_method_in,
    unit_in,
    unit_out,
)


def _risk_labels(report: dict[str, Any], risks: list[str]) -> str:
    try:
        from riskfmt.vocab import load_vocabulary

        vocab = load_vocabulary(report.get("vocabulary_version"))
    except Exception:
        return ""
    labels = []
    for risk in risks:
        concept = vocab.get(risk)
        labels.append(f"{risk}: {concept.label('en')}" if concept else risk)
    return "; ".join(labels)


def _load_rows(item: Converted | None, evaluation: dict[str, Any]) -> list[dict[str, Any]]:
    samples = evaluation.get("samples") or {}
    if samples.get("inline"):
        return list(samples["inline"])
    if item is not None and item.samples_files:
        for eval_id, rows in item.samples_files:
            if eval_id == evaluation.get("id"):
                return list(rows)
    spec = samples.get("file")
    if spec and item is not None:
        path = Path(item.source).parent / str(spec.get("path", ""))
        try:
            return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, ValueError):
            return []
    return []


class ResultWriter:
    """How each riskfmt result becomes one EEE evaluation result (part of ``Exporter``)."""


    # set by Exporter
    report: dict[str, Any]
    item: Converted | None
    ext: dict[str, Any]
    losses: dict[str, str]

    def lose(self, field_: str, where: str, *, why: str | None = None) -> None:
        """Record that ``field_`` has no EEE field: it went to ``where`` (or, with ``why``, what happened)."""
        self.losses.setdefault(field_, why or f"EEE has no field for it; written to {where}")

    def _rows(self, evaluation: dict[str, Any], primary: str | None, model_info: dict[str, Any]
              ) -> list[dict[str, Any]]:
        samples = _load_rows(self.item, evaluation)
        if not samples:
            if (evaluation.get("samples") or {}).get("file"):
                self.lose(f"evaluations[{evaluation['id']}].samples.file", "", why="the samples file could not be read")
            return []
        task = evaluation["task"]
        interaction = task.get("interaction") or "single_turn"
        results = evaluation.get("results") or []
        direction = results[0]["metric"]["direction"] if results else "higher_is_better"
        out = []
        derived = skipped = 0
        for sample in samples:
            verdict = sample.get("verdict")
            score = sample.get("score")
            meta: dict[str, str] = {}
            if sample.get("epoch") is not None:
                meta["epoch"] = str(sample["epoch"])
            if score is None:
                if verdict is None:
                    skipped += 1
                    continue
                score = 1.0 if verdict in ("pass", "partial") else 0.0
                meta[PREFIX + "score"] = "absent"
            if verdict is not None:
                correct = verdict in ("pass", "partial")
            else:
                correct = score > 0 if direction != "lower_is_better" else score <= 0
                derived += 1
            if verdict not in ("pass", "fail"):
                meta[PREFIX + "verdict"] = verdict or ""
            if sample.get("risks"):
                meta[PREFIX + "risks"] = ",".join(sample["risks"])
            raw_input = sample.get("input")
            output = sample.get("output")
            # the digests travel when the text does not reproduce them (content withheld, or a digest the
            # producer took over structured content that riskfmt renders as JSON text)
            for key, text in (("input_digest", raw_input), ("output_digest", output)):
                if sample.get(key) and (text is None or sha256_text(text) != sample[key]):
                    meta[PREFIX + key] = sample[key]
            row: dict[str, Any] = {
                "schema_version": SCHEMA_VERSION,
                "evaluation_id": "",
                "model_id": model_info["id"],
                "evaluation_name": task["id"],
            }
            if primary is not None:
                row["evaluation_result_id"] = primary
            row.update({
                "sample_id": str(sample["sample_id"]),
                "interaction_type": interaction,
                "input": {"raw": raw_input or "",
                          "reference": [sample["target"]] if sample.get("target") is not None else []},
            })
            if interaction == "single_turn":
                row["output"] = {"raw": [output] if output is not None else []}
                row["messages"] = None
            else:
                row["output"] = None
                row["messages"] = []
            row["answer_attribution"] = []
            row["evaluation"] = {"score": float(score), "is_correct": bool(correct)}
            row["metadata"] = meta or None
            out.append(row)
        if derived:
            self.lose("samples[].verdict (absent)", "", why="EEE requires is_correct; derived from the score (> 0 "
                      "counts as correct, or <= 0 for a lower-is-better metric); metadata.riskfmt_verdict is empty")
        if skipped:
            self.lose(f"{skipped} sample(s) with neither a score nor a verdict", "",
                      why="EEE requires a score; left out")
        if any(s.get("input") is None for s in samples):
            self.lose("samples[].input/output", "", why="withheld by riskfmt: EEE's input.raw is left empty and the "
                      "digests are written to metadata.riskfmt_input_digest/riskfmt_output_digest")
        return out

    # ---- results ----------------------------------------------------------------------------------------

    def _results(self, model_info: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                             list[dict[str, Any]]]:
        report = self.report
        residues = {(r.get("evaluation"), r.get("result")): r for r in self.ext.get("results") or []
                    if isinstance(r, dict) and r.get("result")}
        keyed: list[tuple[float, int, dict[str, Any]]] = []
        rows: list[dict[str, Any]] = []
        without: list[dict[str, Any]] = []
        counter = 0
        for e_index, evaluation in enumerate(report["evaluations"]):
            results = evaluation.get("results") or []
            if not results:
                without.append({"index": e_index, "evaluation": evaluation})
                continue
            primary_eee_id = None
            for r_index, result in enumerate(results):
                residue = residues.get((evaluation["id"], result["id"])) or {}
                out = self._result(evaluation, result, residue, first=r_index == 0)
                if r_index == 0:
                    primary_eee_id = out.get("evaluation_result_id")
                position = residue.get("position")
                keyed.append((position if isinstance(position, int) else float("inf"), counter, out))
                counter += 1
            rows.extend(self._rows(evaluation, primary_eee_id, model_info))
        keyed.sort(key=lambda k: (k[0], k[1]))
        return [k[2] for k in keyed], rows, without

    def _result(self, evaluation: dict[str, Any], result: dict[str, Any], residue: dict[str, Any],
                first: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "evaluation_result_id" in residue:
            if residue["evaluation_result_id"] is not None:
                out["evaluation_result_id"] = residue["evaluation_result_id"]
        else:
            out["evaluation_result_id"] = result["id"]
        task = evaluation["task"]
        out["evaluation_name"] = task["id"]
        out["source_data"] = self._source_data(evaluation, residue, first)
        started = evaluation.get("started")
        if started:
            original = residue.get("evaluation_timestamp")
            parsed = parse_timestamp(original) if original is not None else None
            if parsed is not None and instant(parsed) == instant(started):
                out["evaluation_timestamp"] = original
            else:
                out["evaluation_timestamp"] = epoch_string(started) or started
        elif "evaluation_timestamp" in residue and parse_timestamp(residue["evaluation_timestamp"]) is None:
            out["evaluation_timestamp"] = residue["evaluation_timestamp"]
        out["metric_config"] = self._metric_config(evaluation, result, residue)
        out["score_details"] = self._score_details(evaluation, result, residue, first)
        generation = self._generation(evaluation.get("settings") or {}, residue)
        if generation is not None:
            out["generation_config"] = generation
        for key, value in (residue.get("other") or {}).items():
            out.setdefault(key, value)
        return out

    def _source_data(self, evaluation: dict[str, Any], residue: dict[str, Any], first: bool) -> dict[str, Any]:
        task = evaluation["task"]
        dataset = task.get("dataset") or {}
        name = dataset.get("name") or task["id"]
        location = dataset.get("location")
        hint = residue.get("source_type")
        is_url = isinstance(location, str) and re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I) is not None
        hf_only = bool(dataset.get("split")) or "size" in dataset  # fields only EEE's hf_dataset variant has
        # EEE's own variant when it still holds the riskfmt facts; else the variant they fit
        if hint == "hf_dataset":
            source_type = "hf_dataset"
        elif hint == "url" and is_url and not hf_only:
            source_type = "url"
        elif hint == "other" and not location and not hf_only:
            source_type = "other"
        elif is_url and not hf_only:
            source_type = "url"
        elif location or hf_only:
            source_type = "hf_dataset"
        else:
            source_type = "other"
        out: dict[str, Any] = {"dataset_name": name, "source_type": source_type}
        details: dict[str, str] = dict(residue.get("source_data_details") or {})
        if source_type == "url":
            out["url"] = [location] + [u for u in residue.get("url_extra") or [] if isinstance(u, str)]
        elif source_type == "hf_dataset":
            if location:
                out["hf_repo"] = location
            if dataset.get("split"):
                out["hf_split"] = dataset["split"]
            if "size" in dataset:
                out["samples_number"] = dataset["size"]
            if "sample_ids" in residue:
                out["sample_ids"] = residue["sample_ids"]
        if location and source_type == "other":
            details[PREFIX + "dataset_location"] = location
            self.lose("task.dataset.location", "source_data.additional_details.riskfmt_dataset_location")
        if dataset.get("split") and source_type != "hf_dataset":
            details[PREFIX + "dataset_split"] = dataset["split"]
            self.lose("task.dataset.split", "source_data.additional_details.riskfmt_dataset_split")
        if "size" in dataset and source_type != "hf_dataset":
            self.lose("task.dataset.size", "", why="EEE keeps a sample count only for Hugging Face datasets")
        if first:
            for key, value, label in (("dataset_digest", dataset.get("digest"), "task.dataset.digest"),
                                      ("dataset_version", dataset.get("version"), "task.dataset.version"),
                                      ("task_version", task.get("version"), "task.version")):
                if value:
                    details[PREFIX + key] = str(value)
                    self.lose(label, f"source_data.additional_details.riskfmt_{key}")
            if task.get("name"):
                details[PREFIX + "task_name"] = jdump(task["name"])
                self.lose("task.name", "source_data.additional_details.riskfmt_task_name (JSON)")
            if task.get("languages"):
                details[PREFIX + "task_languages"] = ",".join(task["languages"])
                self.lose("task.languages", "source_data.additional_details.riskfmt_task_languages")
            has_samples = bool((evaluation.get("samples") or {}).get("inline") or (evaluation.get("samples") or {}
                                                                                    ).get("file"))
            if task.get("interaction") and not has_samples:
                details[PREFIX + "task_interaction"] = task["interaction"]
                self.lose("task.interaction", "source_data.additional_details.riskfmt_task_interaction "
                                              "(EEE records it per instance row)")
            elif not task.get("interaction") and has_samples:
                details[PREFIX + "task_interaction"] = ""
        if details or "source_data_details" in residue:
            out["additional_details"] = details
        for key, value in (residue.get("source_data_other") or {}).items():
            out.setdefault(key, value)
        return out

    def _metric_config(self, evaluation: dict[str, Any], result: dict[str, Any], residue: dict[str, Any]
                       ) -> dict[str, Any]:
        metric = result["metric"]
        extra = residue.get("metric") or {}
        out: dict[str, Any] = {}
        if "evaluation_description" in extra:
            out["evaluation_description"] = extra["evaluation_description"]
        if not extra.get("metric_id_absent"):
            out["metric_id"] = metric["id"]
        if metric.get("name"):
            out["metric_name"] = metric["name"]
        if metric.get("kind"):
            out["metric_kind"] = metric["kind"]
        if metric.get("unit"):
            original = extra.get("metric_unit")
            out["metric_unit"] = original if isinstance(original, str) and unit_in(original) == metric["unit"] \
                else unit_out(metric["unit"])
        if "metric_parameters" in extra:
            out["metric_parameters"] = extra["metric_parameters"]
        out["lower_is_better"] = metric["direction"] == "lower_is_better"
        details: dict[str, str] = dict(extra.get("additional_details") or {})
        if metric["direction"] == "neither":
            details[PREFIX + "direction"] = "neither"
            self.lose("metric.direction: neither", "EEE's lower_is_better is a boolean; false, with "
                                                   "metric_config.additional_details.riskfmt_direction")
        score_type = extra.get("score_type")
        if score_type is None and "min" in metric and "max" in metric and "score_type" not in extra:
            score_type = "continuous"
        if score_type is not None:
            out["score_type"] = score_type
        for key in ("level_names", "level_metadata", "has_unknown_level"):
            if key in extra:
                out[key] = extra[key]
        for key, source in (("min_score", "min"), ("max_score", "max")):
            if source in metric:
                out[key] = metric[source]
            elif key in extra:
                out[key] = extra[key]
            elif score_type == "continuous":
                out[key] = None
        judges = evaluation.get("judges") or []
        scoring = extra.get("llm_scoring")
        if isinstance(scoring, dict):
            names = [(j.get("model_info") or {}).get("id") or (j.get("model_info") or {}).get("name")
                     for j in scoring.get("judges") or [] if isinstance(j, dict)]
            if names != judges:
                scoring = None
        if scoring is not None:
            out["llm_scoring"] = scoring
        elif judges:
            out["llm_scoring"] = {
                "judges": [{"model_info": {"name": j, "id": j, "additional_details": {
                    "deployment_type": "unknown", "model_availability": "unknown"}}} for j in judges],
                "input_prompt": "",
            }
            self.lose("judges", "metric_config.llm_scoring.judges (EEE also requires the judge prompt, which riskfmt "
                                "does not record: input_prompt is empty)")
        details[PREFIX + "risks"] = ",".join(result["risks"])
        labels = _risk_labels(self.report, result["risks"])
        if labels:
            details[PREFIX + "risk_labels"] = labels
        self.lose("results[].risks", "metric_config.additional_details.riskfmt_risks and riskfmt_risk_labels")
        for key in ("threshold", "risk_level"):
            if result.get(key):
                details[PREFIX + key] = jdump(result[key])
                self.lose(f"results[].{key}", f"metric_config.additional_details.riskfmt_{key} (JSON)")
        if details:
            out["additional_details"] = details
        for key, value in (extra.get("other") or {}).items():
            out.setdefault(key, value)
        return out

    def _score_details(self, evaluation: dict[str, Any], result: dict[str, Any], residue: dict[str, Any],
                       first: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"score": result["value"]}
        details: dict[str, str] = dict(residue.get("details") or {})
        for key, value in (result.get("slice") or {}).items():
            details[key] = str(value)
            if not residue:
                self.lose(f"results[].slice.{key}", f"score_details.details.{key}")
        details[PREFIX + "evaluation"] = evaluation["id"]
        if result.get("notes"):
            details[PREFIX + "result_notes"] = jdump(result["notes"])
            self.lose("results[].notes", "score_details.details.riskfmt_result_notes (JSON)")
        if first:
            if evaluation.get("method", "benchmark") != "benchmark":
                details[PREFIX + "method"] = evaluation["method"]
                self.lose("evaluations[].method", "score_details.details.riskfmt_method")
            for key in ("status", "completed"):
                if evaluation.get(key):
                    details[PREFIX + key] = str(evaluation[key])
                    self.lose(f"evaluations[].{key}", f"score_details.details.riskfmt_{key}")
            started = evaluation.get("started")
            if started and instant(started) is not None and parse_timestamp(epoch_string(started)) != started:
                details[PREFIX + "started"] = started  # keeps the producer's zone offset
            for key, label in (("notes", "evaluation_notes"), ("findings", "findings")):
                if evaluation.get(key):
                    details[PREFIX + label] = jdump(evaluation[key])
                    self.lose(f"evaluations[].{key}", f"score_details.details.riskfmt_{label} (JSON)")
        out["details"] = details
        unc_out: dict[str, Any] = {}
        unc = result.get("uncertainty") or {}
        if "standard_error" in unc:
            se: dict[str, Any] = {"value": unc["standard_error"]}
            if "se_method" in residue and unc_method_in(residue["se_method"]) == unc["method"]:
                if residue["se_method"] is not None:
                    se["method"] = residue["se_method"]
            else:
                se["method"] = unc["method"]
            unc_out["standard_error"] = se
        elif unc and unc.get("method") != infer_method(unc):
            details[PREFIX + "uncertainty_method"] = unc["method"]
            self.lose("results[].uncertainty.method", "score_details.details.riskfmt_uncertainty_method (EEE keeps a "
                                                      "method only with a standard error)")
        elif "standard_error" in residue:
            unc_out["standard_error"] = residue["standard_error"]
        if "ci" in unc:
            ci = unc["ci"]
            unc_out["confidence_interval"] = {"lower": ci["lower"], "upper": ci["upper"],
                                              "confidence_level": ci["level"]}
            if ci.get("method"):
                unc_out["confidence_interval"]["method"] = ci["method"]
        elif "confidence_interval" in residue:
            unc_out["confidence_interval"] = residue["confidence_interval"]
        if "standard_deviation" in unc:
            unc_out["standard_deviation"] = unc["standard_deviation"]
        if "n" in result:
            unc_out["num_samples"] = result["n"]
        if "num_bootstrap" in unc:
            unc_out["num_bootstrap_samples"] = unc["num_bootstrap"]
        for key, value in (residue.get("uncertainty_other") or {}).items():
            unc_out.setdefault(key, value)
        if unc_out:
            out["uncertainty"] = unc_out
        for key, value in (residue.get("score_other") or {}).items():
            out.setdefault(key, value)
        return out

    def _generation(self, settings: dict[str, Any], residue: dict[str, Any]) -> dict[str, Any] | None:
        if "generation_config" in residue:
            kept: dict[str, Any] | None = residue["generation_config"]
            return kept
        ga: dict[str, Any] = copy.deepcopy(residue.get("generation_args") or {})
        gd: dict[str, str] = dict(residue.get("generation_details_extra") or {})
        for key in ("temperature", "top_p"):
            if key in settings:
                ga[key] = settings[key]
        if "max_tokens" in settings:
            if settings["max_tokens"] >= 1:
                ga["max_tokens"] = settings["max_tokens"]
            else:
                gd["max_tokens"] = str(settings["max_tokens"])
        if "seed" in settings:
            plan = ga.get("eval_plan")
            if residue.get("seed_in_eval_plan") and isinstance(plan, dict) and isinstance(plan.get("config"), dict):
                plan["config"]["seed"] = str(settings["seed"])
            else:
                gd["seed"] = str(settings["seed"])
                self.lose("settings.seed", "generation_config.additional_details.seed")
        for key in ("num_fewshot", "epochs"):
            if key in settings:
                gd[key] = str(settings[key])
                self.lose(f"settings.{key}", f"generation_config.additional_details.{key}")
        for key in ("chat_template_digest", "system_prompt_digest"):
            if key in settings:
                gd[PREFIX + key] = settings[key]
                self.lose(f"settings.{key}", f"generation_config.additional_details.riskfmt_{key}")
        json_keys = []
        for key, value in (settings.get("other") or {}).items():
            if ga_scalar(key, value):
                ga[key] = value
            elif isinstance(value, str) and key not in gd:
                gd[key] = value
                self.lose(f"settings.other.{key}", f"generation_config.additional_details.{key}")
            else:
                gd[key] = json.dumps(value)
                json_keys.append(key)
                self.lose(f"settings.other.{key}", f"generation_config.additional_details.{key} (as JSON text)")
        if json_keys:
            gd[PREFIX + "json_keys"] = ",".join(json_keys)
        if "generation_args_raw" in residue:
            ga_out: Any = residue["generation_args_raw"]
        else:
            ga_out = ga
        out: dict[str, Any] = {}
        if ga or "generation_args" in residue or "generation_args_raw" in residue:
            out["generation_args"] = ga_out
        if gd or residue.get("generation_details_present"):
            out["additional_details"] = gd
        for key, value in (residue.get("generation_config_other") or {}).items():
            out.setdefault(key, value)
        if not out and not residue.get("generation_config_present"):
            return None
        return out
