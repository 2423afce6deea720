"""The facts of an Inspect log around its results: which model (and who developed and served it), which task,
the generation settings, dates and judges, and what of the log a report cannot carry."""

from __future__ import annotations

import json
import re
from typing import Any

from riskfmt.convert._coerce import as_dict, as_list, filled, finite_number, is_scalar, parse_date
from riskfmt.convert.base import ConvertOptions
from riskfmt.convert.builder import ReportBuilder
from riskfmt.convert.inspect_ai.samples import Sample

# providers that are the model's developer
_DEVELOPER_PROVIDERS = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "google": "Google",
    "mistral": "Mistral AI",
    "grok": "xAI",
    "perplexity": "Perplexity AI",
    "deepseek": "DeepSeek",
}
# providers that serve other developers' models through an API
_HOSTS = {"together", "groq", "fireworks", "openrouter", "bedrock", "azureai", "cloudflare", "sambanova", "nvidia",
          "vertex", "hf-inference-providers", "goodfire", "openai-api"}
# providers that run the model locally: an inference engine
_ENGINES = {"hf": "transformers", "vllm": "vllm", "sglang": "sglang", "ollama": "ollama",
            "llama-cpp-python": "llama-cpp-python", "transformer_lens": "transformer_lens"}
# generate-config fields that change how a run is scheduled, not what the model answers
_OPERATIONAL_GENERATE = {"max_connections", "timeout", "attempt_timeout", "max_retries", "batch", "cache_prompt",
                         "parallel_tool_calls", "internal_tools", "max_tool_output"}
# eval.config fields that change which samples were run and how they were scored
_COMPARABLE_CONFIG = {"epochs_reducer", "limit", "sample_id", "message_limit", "token_limit", "time_limit",
                      "working_limit", "fail_on_error", "continue_on_fail", "score_on_error", "retry_on_error",
                      "sample_shuffle"}
_LOCAL_PATH = re.compile(r"^(/|~|\.{1,2}[/\\]|[A-Za-z]:[\\/]|\\\\|file:)")

# what sample records hold that is not carried over, grouped so that each kind of loss is one finding
_SAMPLE_KEY_GROUP = {
    "messages": "transcript", "events": "transcript", "events_data": "transcript", "store": "transcript",
    "attachments": "transcript", "output": "transcript",
    "model_usage": "usage", "role_usage": "usage",
    "started_at": "timing", "completed_at": "timing", "total_time": "timing", "working_time": "timing",
    "metadata": "metadata",
    "error": "error", "error_retries": "error",
    "limit": "limit",
    "invalidation": "invalidation",
    "uuid": "ids", "turn_count": "ids", "retries": "ids", "message_count": "ids",
}
_GROUP_WHY = {
    "transcript": "transcripts, solver state and attachments; the report keeps digests of each sample's input and "
                  "output",
    "usage": "token counts have no place in a riskfmt report",
    "timing": "per-sample times",
    "metadata": "free-form sample metadata",
    "error": "error messages and tracebacks are never copied (they hold absolute paths); the sample's verdict is "
             "error",
    "limit": "which limit (tokens, messages, time) stopped a sample",
    "invalidation": "who invalidated a sample, when and why; the evaluation is marked invalidated and the samples are "
                    "listed under extensions.inspect.invalidated_samples",
    "ids": "Inspect's internal ids and counters",
}


class LogFacts:
    """The facts of an Inspect log around its results: model, task, settings, dates, judges, and a finding for
    every part of the log the report does not carry (part of ``InspectConverter``)."""


    @staticmethod
    def _model(b: ReportBuilder, spec: dict[str, Any]) -> None:
        full = str(spec["model"])
        provider, _, rest = full.partition("/")
        fields: dict[str, Any] = {}
        developer: str | None = None
        access = "other"
        if provider in _DEVELOPER_PROVIDERS and rest:
            developer = _DEVELOPER_PROVIDERS[provider]
            fields["id"] = rest
            access = "api"
        elif (provider in _HOSTS or provider in _ENGINES) and rest:
            if provider in _HOSTS:
                fields["inference_platform"] = provider
                access = "api"
            else:
                packages = spec.get("packages") or {}
                engine = _ENGINES[provider]
                engine_version = packages.get(engine) if isinstance(packages, dict) else None
                fields["inference_engine"] = {"name": engine, "version": str(engine_version or "unknown")}
                if not engine_version:
                    b.defaulted("model.inference_engine.version", "unknown")
            fields["id"] = rest
            org, slash, _model_name = rest.partition("/")
            if slash and org:
                developer = org
        if b.options.developer:
            b.model(full, developer=b.options.developer, access=access, **fields)
            return
        b.model(full, developer=developer or "unknown", access=access, **fields)
        if not developer:
            b.defaulted("model.developer", "unknown",
                        hint=" (the provider \"{provider}\" is not the developer; use --developer)", provider=provider)
        if filled(spec.get("model_args"), deep=True):
            b.lost("eval.model_args", "model arguments may hold local paths or keys")
        if filled(spec.get("model_base_url"), deep=True):
            b.lost("eval.model_base_url", "the serving address may be internal")

    @staticmethod
    def _task(b: ReportBuilder, spec: dict[str, Any]) -> dict[str, Any]:
        task: dict[str, Any] = {"id": str(spec["task"])}
        version = spec.get("task_version")
        if is_scalar(version, none=True) and version is not None and version != "":
            task["version"] = str(version)
        display = spec.get("task_display_name")
        if isinstance(display, str) and display and display != task["id"]:
            task["name"] = {"en": display}
        dataset_raw = as_dict(spec.get("dataset"))
        dataset: dict[str, Any] = {}
        if isinstance(dataset_raw.get("name"), str) and dataset_raw["name"]:
            dataset["name"] = dataset_raw["name"]
        location = dataset_raw.get("location")
        if isinstance(location, str) and location:
            if _LOCAL_PATH.match(location):
                b.lost("eval.dataset.location", "a local path is never copied")
            else:
                dataset["location"] = location
        size = dataset_raw.get("samples")
        if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
            dataset["size"] = size
        if dataset:
            task["dataset"] = dataset
        return task

    @staticmethod
    def _settings(b: ReportBuilder, log: dict[str, Any], spec: dict[str, Any], config: dict[str, Any],
                  epochs: int) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        other: dict[str, Any] = {}
        if "epochs" in config:
            settings["epochs"] = epochs
        # the model's own generate config, overridden by the one the run was given (plan.config)
        generate: dict[str, Any] = {}
        origin: dict[str, str] = {}
        plan = as_dict(log.get("plan"))
        for where, source in (("eval.model_generate_config", spec.get("model_generate_config")),
                              ("plan.config", plan.get("config"))):
            if isinstance(source, dict):
                for key, value in source.items():
                    if value is not None:
                        generate[key] = value
                        origin[key] = where
        operational: list[str] = []
        for key, value in generate.items():
            ok = finite_number(value) is not None and not isinstance(value, bool)
            if key == "temperature" and ok and value >= 0:
                settings["temperature"] = float(value)
            elif key == "top_p" and ok and 0 <= value <= 1:
                settings["top_p"] = float(value)
            elif key == "max_tokens" and isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                settings["max_tokens"] = value
            elif key == "seed" and isinstance(value, int) and not isinstance(value, bool):
                settings["seed"] = value
            elif key in _OPERATIONAL_GENERATE:
                operational.append(f"{origin[key]}.{key}")
            elif is_scalar(value, none=True):
                other[key] = value
            elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
                other[key] = json.dumps(value, ensure_ascii=False)
            else:
                b.lost(f"{origin[key]}.{key}", "not a plain value")
        if operational:
            b.lost(", ".join(sorted(operational)),
                   "scheduling settings that do not change what the model answers")
        config_lost: list[str] = []
        for key, value in config.items():
            if key == "epochs" or value is None:
                continue
            if key in _COMPARABLE_CONFIG:
                if is_scalar(value, none=True):
                    other[key] = value
                elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
                    other[key] = ",".join(str(v) for v in value)
                else:
                    b.lost(f"eval.config.{key}", "not a plain value")
            elif filled(value, deep=True):
                config_lost.append(key)
        if config_lost:
            b.lost("eval.config." + ", ".join(sorted(config_lost)),
                   "run settings (concurrency, logging, sandboxes) that do not change the results")
        task_args = spec.get("task_args")
        if isinstance(task_args, dict):
            for key, value in task_args.items():
                if is_scalar(value, none=True) and value is not None:
                    other[f"task_args.{key}"] = value
                elif filled(value, deep=True):
                    b.lost(f"eval.task_args.{key}", "not a plain value")
        dataset = as_dict(spec.get("dataset"))
        if isinstance(dataset.get("shuffled"), bool):
            other["dataset_shuffled"] = dataset["shuffled"]
        # scorer options matter (match(location="any") is not match(location="end"))
        results = as_dict(log.get("results"))
        params_sources: list[tuple[str, Any]] = []
        for entry in as_list(results.get("scores")):
            if isinstance(entry, dict):
                params_sources.append((str(entry.get("name") or entry.get("scorer")), entry.get("params")))
        for scorer in as_list(spec.get("scorers")):
            if isinstance(scorer, dict):
                params_sources.append((str(scorer.get("name")), scorer.get("options")))
        for scorer_name, params in params_sources:
            if not isinstance(params, dict):
                continue
            for key, value in params.items():
                if is_scalar(value, none=True) and value is not None:
                    other[f"scorer.{scorer_name}.{key}"] = value
                elif filled(value, deep=True):
                    b.lost(f"scorer {scorer_name} option {key}", "not a plain value")
        if other:
            settings["other"] = dict(sorted(other.items()))
        return settings

    @staticmethod
    def _dates(b: ReportBuilder, log: dict[str, Any], spec: dict[str, Any]) -> tuple[str | None, str | None]:
        stats = as_dict(log.get("stats"))
        out: list[str | None] = []
        for field_name, value in (("stats.started_at", stats.get("started_at")),
                                  ("stats.completed_at", stats.get("completed_at"))):
            if value in (None, ""):
                out.append(None)
                continue
            date, why = parse_date(value)
            if date is None:
                b.lost(field_name, why)
            out.append(date)
        started, completed = out
        created, why = parse_date(spec.get("created")) if spec.get("created") else (None, "")
        if spec.get("created") and created is None:
            b.lost("eval.created", why)
        elif created and started is None:
            started = created
            b.derived("evaluations[0].started", "from eval.created (the log has no stats.started_at)")
        elif created and started and created != started:
            b.lost("eval.created", "when the run was set up; stats.started_at is kept as the start")
        return started, completed

    @staticmethod
    def _judges(b: ReportBuilder, spec: dict[str, Any]) -> list[str]:
        roles = spec.get("model_roles")
        judges: list[str] = []
        if not isinstance(roles, dict):
            return judges
        others: list[str] = []
        for role, value in roles.items():
            model = value.get("model") if isinstance(value, dict) else value
            if not isinstance(model, str):
                continue
            if any(word in str(role).lower() for word in ("grader", "judge", "scorer", "grading")):
                judges.append(model)
            else:
                others.append(str(role))
        if others:
            b.lost("eval.model_roles." + ", ".join(sorted(others)), "models in roles other than grading")
        return judges

    @staticmethod
    def _report_losses(b: ReportBuilder, log: dict[str, Any], spec: dict[str, Any], samples: list[Sample],
                       epochs: int, options: ConvertOptions) -> None:
        error = log.get("error")
        if filled(error, deep=True):
            b.lost("error.message, error.traceback", "never copied: a traceback holds absolute paths of the "
                                                     "machine that ran the evaluation")
        stats = as_dict(log.get("stats"))
        usage = [k for k in ("model_usage", "role_usage") if filled(stats.get(k), deep=True)]
        if usage:
            b.lost(", ".join(f"stats.{k}" for k in usage), _GROUP_WHY["usage"])
        stats_rest = [k for k, v in stats.items() if k not in ("started_at", "completed_at", "model_usage",
                                                                 "role_usage") and filled(v, deep=True)]
        if stats_rest:
            b.lost(", ".join(f"stats.{k}" for k in sorted(stats_rest)), "run statistics")
        plan = log.get("plan")
        if isinstance(plan, dict) and filled({k: v for k, v in plan.items() if k != "config"}, deep=True):
            b.lost("plan.steps", "the solver plan (solvers and their parameters) has no place in a riskfmt report")
        if filled(log.get("metadata"), deep=True) or filled(spec.get("metadata"), deep=True):
            b.lost("metadata, eval.metadata", "free-form producer metadata")
        if filled(log.get("log_updates"), deep=True):
            b.lost("log_updates", "the log's edit history (what changed, by whom, when); the edited values are kept")
        if epochs > 1 and filled(log.get("reductions"), deep=True):
            b.lost("reductions", "per-sample scores reduced over epochs; the per-epoch rows are kept")
        handled_log = {"version", "status", "eval", "plan", "results", "stats", "error", "invalidated", "tags",
                       "metadata", "samples", "reductions", "log_updates", "location", "etag"}
        rest = sorted(k for k, v in log.items() if k not in handled_log and filled(v, deep=True))
        if rest:
            b.lost(", ".join(rest), "no riskfmt field")
        handled_eval = {"eval_id", "run_id", "task_id", "eval_set_id", "created", "task", "task_version",
                        "task_display_name", "task_registry_name", "task_args", "task_args_passed", "dataset", "model",
                        "model_generate_config", "model_args", "model_base_url", "model_roles", "config", "revision",
                        "packages", "scorers", "metadata", "tags"}
        if spec.get("task_file"):
            b.lost("eval.task_file", "a path on the machine that ran the evaluation is never copied")
        rest = sorted(k for k, v in spec.items() if k not in handled_eval | {"task_file"} and filled(v, deep=True))
        registry = spec.get("task_registry_name")
        if isinstance(registry, str) and registry and registry != spec.get("task"):
            rest.append("task_registry_name")
        if rest:
            b.lost(", ".join(f"eval.{k}" for k in rest), "solver, sandbox and other run details have no riskfmt field")
        dataset = as_dict(spec.get("dataset"))
        if filled(dataset.get("sample_ids"), deep=True) and (not samples or options.samples == "none"):
            b.lost("eval.dataset.sample_ids", "the ids of the samples run")
        # what the sample records hold beyond id, epoch, scores, input, output.completion and target
        groups: dict[str, list[str]] = {}
        for key in sorted({k for s in samples for k in s.keys} - {"id", "epoch", "scores", "score", "input", "target"}):
            groups.setdefault(_SAMPLE_KEY_GROUP.get(key, "other"), []).append(
                "output (all but the completion)" if key == "output" else key)
        for group, keys in groups.items():
            b.lost("samples[]." + ", ".join(keys), _GROUP_WHY.get(group, "no riskfmt field"))
        details = sorted({k for s in samples for k in s.score_details})
        if details:
            b.lost("samples[].scores.*." + ", ".join(details), "the grader's answers, explanations and history")
