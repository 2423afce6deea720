"""One lm-evaluation-harness results file -> one riskfmt report: the run (model, dates, settings), and a finding
for everything in the file the report does not carry."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from riskfmt.convert._coerce import as_dict, as_int, finite_number
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder, sha256_text
from riskfmt.convert.lm_eval.tasks import TaskReader
from riskfmt.convert.lm_eval.values import (
    NAME,
    TOOL,
    epoch_to_rfc3339,
    is_local_path,
    json_safe,
    parse_model_args,
    setting_value,
    version_text,
)
from riskfmt.findings import Finding
from riskfmt.i18n.text import translate

_LEGACY_GAP = ("that layout records no sample count, so the results have no n (and no filters: keys are read under "
               "lm-eval's \"none\" filter)")
_OPEN_WEIGHT_BACKENDS = {
    "hf-causal", "hf-causal-experimental", "hf-seq2seq", "gpt2",  # lm-eval 0.3 names
    "hf", "hf-auto", "huggingface", "hf-multimodal", "vllm", "vllm-vlm", "sglang", "sglang-generate", "mamba_ssm",
    "nemo_lm", "neuronx", "openvino", "ipex", "optimum-lm", "gguf", "ggml", "hf-audiolm-qwen", "steered",
}
_API_BACKENDS = {
    "openai-completions", "openai-chat-completions", "local-completions", "local-chat-completions", "anthropic",
    "anthropic-chat", "anthropic-chat-completions", "anthropic-completions", "textsynth", "watsonx_llm",
    "gemini", "google-generativeai",
}
_ENGINES = {"hf-causal": "transformers", "hf-causal-experimental": "transformers", "hf-seq2seq": "transformers",
            "gpt2": "transformers", "hf": "transformers", "hf-auto": "transformers", "huggingface": "transformers",
            "hf-multimodal": "transformers", "vllm": "vllm", "vllm-vlm": "vllm", "sglang": "sglang",
            "openvino": "openvino", "neuronx": "neuronx", "ipex": "ipex"}

# top-level keys of a results file this converter reads (everything else is reported as not carried over)
_HANDLED = {
    "results", "groups", "group_subtasks", "configs", "versions", "n-shot", "higher_is_better", "n-samples",
    "config", "date", "lm_eval_version", "task_hashes", "model_source", "model_name", "model_name_sanitized",
    "system_instruction", "system_instruction_sha", "chat_template", "chat_template_sha", "fewshot_as_multiturn",
    "total_evaluation_time_seconds", "model_sha", "model_revision", "model_num_parameters", "model_dtype",
    "transformers_version",
}
_ENVIRONMENT = {
    "git_hash": "the commit of the folder lm-eval ran in (not of lm-eval or the model)",
    "upper_git_hash": "the commit of the enclosing repository",
    "pretty_env_info": "the host's software and hardware environment",
    "start_time": "a perf-counter reading, not a date",
    "end_time": "a perf-counter reading, not a date",
}
_HANDLED |= set(_ENVIRONMENT)


class Run(TaskReader):
    """One results file being converted."""

    def __init__(self, path: Path, options: ConvertOptions) -> None:
        self.path = path
        self.options = options

    def convert(self) -> Converted:
        try:
            data = json.loads(self.path.read_bytes())
        except (ValueError, UnicodeDecodeError) as exc:
            return self._unreadable(f"invalid JSON: {exc}")
        if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
            return self._unreadable("no \"results\" object")
        self.data = data
        self.results: dict[str, Any] = data["results"]
        # lm-eval 0.3: no "<metric>,<filter>" key anywhere (0.4 writes at least "alias" beside comma keys)
        self.legacy = not any(isinstance(k, str) and "," in k
                              for entry in data["results"].values() if isinstance(entry, dict) for k in entry)
        self.groups = as_dict(data.get("groups"))
        self.group_subtasks = {k: v for k, v in as_dict(data.get("group_subtasks")).items()
                               if isinstance(v, list) and v}
        self.group_names = set(self.groups) | set(self.group_subtasks)
        self.configs = as_dict(data.get("configs"))
        self.config = as_dict(data.get("config"))
        self.n_samples = as_dict(data.get("n-samples"))

        stamp = self.path.name[len("results_"):-len(".json")] if self.path.name.startswith("results_") else None
        self.sample_files: dict[str, Path] = {}
        if stamp and self.options.samples != "none":
            for task in self.results:
                if not task or any(c in task for c in "/\\\0") or task in (".", ".."):
                    continue  # never a file name outside the results folder
                for suffix in (".jsonl", ".json"):
                    candidate = self.path.with_name(f"samples_{task}_{stamp}{suffix}")
                    if candidate.is_file():
                        self.sample_files[task] = candidate
                        break

        self.b = ReportBuilder(self.path, TOOL, version_text(data.get("lm_eval_version")), self.options,
                               source_format="lm-eval", source_files=[self.path, *self.sample_files.values()])
        self.ext: dict[str, Any] = {"results_file": self.path.name}
        self.samples_noted = False
        self._model()
        self.started, self.completed = self._dates()
        self.common_settings = self._common_settings()
        self._lost_top_level()

        seen: set[str] = set()
        for task in list(self.results) + [g for g in self.groups if g not in self.results]:
            if task in seen:
                continue
            seen.add(task)
            entry = self.results.get(task) if task in self.results else self.groups.get(task)
            if not isinstance(entry, dict):
                self.b.lost(f"results.{task}", "not an object")
                continue
            if task in self.group_names:
                self._group(task, entry)
            else:
                self._task(task, entry)

        if not self.b.report["evaluations"]:
            return self._unreadable("no task in \"results\" has a metric")
        if not any(e["results"] for e in self.b.report["evaluations"]):
            return Converted(str(self.path), None, [Finding.make(
                "RF621", str(self.path), path=str(self.path), tool=TOOL,
                detail="every metric value is NaN, infinite or not a number")])
        if self.legacy:
            self.b.findings.append(Finding.make(
                "RF620", str(self.path), path=self.path.name, layout="0.3 results", tool=TOOL,
                        gap=_LEGACY_GAP, gap_zh=translate(_LEGACY_GAP, "zh", "conversion")))
        self._lost_configs()
        if self.ext:
            self.b.report["extensions"] = {"lm-eval": json_safe(self.ext)}
        return self.b.finish()

    def _unreadable(self, detail: str) -> Converted:
        return Converted(str(self.path), None, [Finding.make(
            "RF607", str(self.path), path=str(self.path), tool=NAME, detail=detail)])

    def _model(self) -> None:
        data, config = self.data, self.config
        args = parse_model_args(config.get("model_args"))
        backend = config.get("model") if isinstance(config.get("model"), str) else None
        raw_name = next((v for v in (data.get("model_name"), args.get("pretrained"), args.get("model"),
                                     args.get("path"), backend) if isinstance(v, str) and v.strip()), None)
        name = raw_name or "unknown"
        if raw_name is None:
            self.b.defaulted("model.name", name)
        model_id: str | None = name
        if is_local_path(name):
            self.b.lost("model_name", "a local path on the evaluator's system; only its last component is kept")
            name = Path(name.rstrip("/\\")).name or "unknown"
            model_id = None
        elif raw_name is None:
            model_id = None
        revision_arg = args.get("revision") if isinstance(args.get("revision"), str) else None
        recorded_revision = data.get("model_revision") if isinstance(data.get("model_revision"), str) else None
        sha = data.get("model_sha") if isinstance(data.get("model_sha"), str) and data.get("model_sha") else None
        version = recorded_revision or revision_arg
        revision = sha or version
        if revision == version:
            version = None
        if backend in _OPEN_WEIGHT_BACKENDS:
            access = "open_weights"
        elif backend in _API_BACKENDS:
            access = "api"
        else:
            access = "other"
            self.b.defaulted("model.access", access,
                             hint=" (lm-eval backend {backend!r} does not say how the model was reached)",
                             backend=backend)
        engine = None
        if backend in _ENGINES:
            engine_version = "unknown"
            tv = data.get("transformers_version")
            if _ENGINES[backend] == "transformers" and isinstance(tv, str) and tv and tv != "N/A":
                engine_version = tv
            engine = {"name": _ENGINES[backend], "version": engine_version}
        self.b.model(name, access=access, id=model_id, version=version, revision=revision, inference_engine=engine)
        for key in ("model_source", "model_num_parameters", "model_dtype"):
            if data.get(key) not in (None, ""):
                self.ext[key] = data[key]
        if backend:
            self.ext["model_backend"] = backend
        extra = sorted(k for k in args if k not in ("pretrained", "model", "revision"))
        if extra:
            self.b.lost("config.model_args." + ",".join(extra),
                        "backend arguments (they may name local paths or servers); the model is identified by "
                        "name and revision")

    def _dates(self) -> tuple[str | None, str | None]:
        raw = self.data.get("date")
        started = epoch_to_rfc3339(raw)
        if raw is not None and started is None:
            self.b.lost("date", "not a Unix time: {raw!r}", raw=raw)
        completed = None
        duration = finite_number(self.data.get("total_evaluation_time_seconds"), strings=True)
        if started is not None and duration is not None and duration >= 0 and isinstance(raw, (int, float, str)):
            completed = epoch_to_rfc3339(float(raw) + duration)
            if completed is not None:
                self.b.derived("evaluations[].completed",
                               "date (the run's start, Unix seconds) + total_evaluation_time_seconds")
        return started, completed

    def _common_settings(self) -> dict[str, Any]:
        config, data = self.config, self.data
        other: dict[str, Any] = {}
        settings: dict[str, Any] = {}
        seed = as_int(config.get("random_seed"), strings=True)
        if seed is not None:
            settings["seed"] = seed
        for key in ("numpy_seed", "torch_seed", "fewshot_seed", "limit"):
            if config.get(key) is not None:
                other[key] = setting_value(config[key])
        if data.get("fewshot_as_multiturn") is not None:
            other["fewshot_as_multiturn"] = setting_value(data["fewshot_as_multiturn"])
        for field, key, text_key in (("system_prompt_digest", "system_instruction_sha", "system_instruction"),
                                     ("chat_template_digest", "chat_template_sha", "chat_template")):
            sha = data.get(key)
            text = data.get(text_key)
            if isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha):
                settings[field] = "sha256:" + sha
            elif isinstance(text, str) and text:
                settings[field] = sha256_text(text)
                self.b.derived(f"settings.{field}", "sha256 of {text_key}", text_key=text_key)
            if isinstance(text, str) and text:
                self.b.lost(text_key, "the text itself is not kept; its sha256 is settings.{setting}",
                            setting=field)
        if other:
            settings["other"] = other
        if "bootstrap_iters" in config:
            self.ext["bootstrap_iters"] = config.get("bootstrap_iters")
        engineering = [k for k in ("batch_size", "batch_sizes", "device", "use_cache", "max_batch_size", "no_cache")
                       if config.get(k) not in (None, [], "")]
        if engineering:
            self.b.lost("config." + ",".join(engineering), "engineering parameters that do not change results")
        known = {"model", "model_args", "batch_size", "batch_sizes", "device", "use_cache", "limit", "bootstrap_iters",
                 "gen_kwargs", "random_seed", "numpy_seed", "torch_seed", "fewshot_seed", "max_batch_size",
                 "num_fewshot", "no_cache"}
        unknown = sorted(k for k in config if k not in known and config[k] not in (None, "", [], {}))
        if unknown:
            self.b.lost("config." + ",".join(unknown), "run options with no riskfmt field")
        return settings

    def _lost_top_level(self) -> None:
        data = self.data
        for key, why in _ENVIRONMENT.items():
            if data.get(key) not in (None, "", "N/A"):
                self.b.lost(key, why)
        tv = data.get("transformers_version")
        if isinstance(tv, str) and tv not in ("", "N/A") and self.ext.get("model_backend") not in _ENGINES:
            self.b.lost("transformers_version", "the installed transformers version; this backend does not use it")
        for key in sorted(set(data) - _HANDLED):
            if data[key] not in (None, "", [], {}):
                self.b.lost(key, "no riskfmt field")
        hashes = as_dict(data.get("task_hashes"))
        if hashes:
            self.ext["task_hashes"] = hashes

    def _lost_configs(self) -> None:
        digests = {}
        for task, config in self.configs.items():
            if isinstance(config, dict):
                canonical = json.dumps(config, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                digests[task] = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
                if as_dict(config.get("dataset_kwargs")).get("data_files") is not None:
                    self.b.lost(f"configs.{task}.dataset_kwargs.data_files",
                                "local data files; a report never records the evaluator's file paths")
        if digests:
            self.ext["config_digests"] = digests
            self.b.lost("configs (" + ",".join(sorted(digests)) + ")",
                        "the resolved task configurations (prompt templates, filters, metadata) are not kept; "
                        "their sha256 (canonical JSON) is in extensions[\"lm-eval\"].config_digests")
