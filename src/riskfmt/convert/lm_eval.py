"""EleutherAI lm-evaluation-harness (``lm-eval`` 0.3 and 0.4.x): ``results_<time>.json`` plus its ``samples_*.jsonl``.

Files are recognised by content, whatever their name (lm-eval 0.3 wrote wherever ``--output_path`` said, and
published results are often renamed): a JSON object whose first 64 KiB hold ``"results"`` and ``"versions"``
(both layouts) or a 0.4 marker (``"n-samples"``, ``"lm_eval_version"``, ``"<metric>_stderr,<filter>"``).

One report per results file, one evaluation per task, and one per task group (kept apart: a group's values
pool its subtasks, so they are never independent evidence).

Choices made here (see also the converter's tests):

- lm-eval 0.3 results (``{"results": {task: {"acc": .., "acc_stderr": ..}}, "versions", "config"}``) have no
  filters: a key without a comma is read as the metric under lm-eval's ``none`` filter, so a 0.3 and a 0.4
  result of the same task align. The 0.3 layout records no sample count: its results have no n (RF620 says so).
- A result key ``"<metric>,<filter>"`` is split at its first comma. The filter stays in the metric id
  (``exact_match,strict-match``) unless it is lm-eval's ``none`` (then the id is the bare metric name,
  ``acc``), so results under different filters stay distinct and a round trip can restore the key.
- ``"<metric>_stderr,<filter>"`` is the standard error; the string ``"N/A"`` means lm-eval computed none.
  The method follows lm-eval's own rule (``stderr_for_metric``): ``mean`` aggregation -> analytic (sample
  sd / sqrt(n)); median, f1, matthews_corrcoef, perplexity, bleu, chrf, ter, nanmean -> bootstrap with
  ``config.bootstrap_iters`` resamples (at most 100 for bleu, chrf and ter, as lm-eval does). Group
  standard errors are lm-eval's pooled within-subtask estimate: method ``other``.
- ``task_hashes[task]`` is the sha256 of the concatenated per-sample ``doc_hash + prompt_hash +
  target_hash``: it depends on the prompt template and the sample order as well as on the documents, so it
  is not a dataset digest. It is kept in ``extensions["lm-eval"]``.
- A sample's ``input`` is the prompt lm-eval sent (the first request's context). lm-eval's ``prompt_hash``
  is sha256 of exactly that text, so it equals riskfmt's ``input_digest`` (checked row by row; used as
  the digest when the prompt text itself is missing). ``doc_hash`` (sha256 of the document as indented
  JSON) and ``target_hash`` have no per-sample field and are reported as not carried over.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.guard import failed
from riskfmt.convert.builder import ReportBuilder, sha256_text
from riskfmt.findings import Finding
from riskfmt.convert._coerce import as_dict, as_int, finite_number


__all__ = [
    "LmEvalConverter",
    "clean_settings",
    "epoch_to_rfc3339",
    "json_safe",
    "metric_id",
    "parse_metric_key",
    "parse_stderr",
    "stderr_method",
]

TOOL = "lm-evaluation-harness"
_STDERR = "_stderr"

# lm-eval's aggregation names (api/registry) and what its stderr_for_metric does with each
_ANALYTIC = {"mean", "acc_all"}
_BOOTSTRAP = {"median", "matthews_corrcoef", "f1", "f1_score", "perplexity", "bleu", "chrf", "ter", "nanmean"}
_FEW_BOOTSTRAP = {"bleu", "chrf", "ter"}  # metric names lm-eval bootstraps with min(bootstrap_iters, 100)
# aggregations of lm-eval's built-in metrics, for tasks whose config lists none
_DEFAULT_AGGREGATION = {
    "acc": "mean", "acc_norm": "mean", "acc_mutual_info": "mean", "exact_match": "mean", "em": "mean",
    "acc_all": "acc_all", "mcc": "matthews_corrcoef", "f1": "f1", "bleu": "bleu", "chrf": "chrf", "ter": "ter",
    "perplexity": "perplexity", "word_perplexity": "weighted_perplexity", "byte_perplexity": "weighted_perplexity",
    "bits_per_byte": "bits_per_byte", "brier_score": "brier_score",
}
# metrics whose values are fractions of items (0..1)
_PROPORTIONS = {"acc", "acc_norm", "acc_mutual_info", "exact_match", "em", "acc_all", "pass@1", "f1"}
_PER_ITEM_BINARY = _PROPORTIONS - {"f1"}

_GENERIC_BUILDERS = {"json", "csv", "parquet", "text", "arrow", "pandas", "imagefolder", "audiofolder", "webdataset"}
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
_RESULT_META = {"alias", "name", "sample_len", "sample_count", "samples", " "}


# ---- parsing helpers (pure; property-tested) ---------------------------------------------------------


def parse_metric_key(key: str, legacy: bool = False) -> tuple[str, str, bool] | None:
    """``"acc,none"`` -> ``("acc", "none", False)``; ``"acc_stderr,none"`` -> ``("acc", "none", True)``.

    Split at the first comma (lm-eval metric names hold no comma; filter names may). Keys without a comma
    (``alias``, ``sample_len``) are not metrics: None, unless ``legacy`` (the lm-eval 0.3 layout, where
    ``"acc"`` and ``"acc_stderr"`` are the metric and its standard error under no filter, read as ``none``).
    """
    if not isinstance(key, str):
        return None
    metric, sep, filt = key.partition(",")
    if not sep and legacy and metric and key not in _RESULT_META:
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


def epoch_to_rfc3339(value: Any) -> str | None:
    """Unix seconds (number or numeric string) -> RFC 3339 in UTC (``...Z``); None when not a usable time."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    try:
        moment = datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not 1 <= moment.year <= 9999:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def _aggregation_name(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    found = re.match(r"^<function (\w+)", value)
    return found.group(1) if found else value.strip()


def stderr_method(metric: str, aggregation: str | None, bootstrap_iters: Any) -> tuple[str, int | None]:
    """The uncertainty method lm-eval used for a task metric, and its number of bootstrap resamples."""
    agg = aggregation if aggregation is not None else _DEFAULT_AGGREGATION.get(metric, "mean")
    if agg in _ANALYTIC:
        return "analytic", None
    if agg in _BOOTSTRAP:
        iters = bootstrap_iters if isinstance(bootstrap_iters, int) and not isinstance(bootstrap_iters, bool) else None
        if iters is not None and iters > 0:
            return "bootstrap", min(iters, 100) if metric in _FEW_BOOTSTRAP else iters
        return "bootstrap", None
    return "reported", None


def json_safe(value: Any) -> Any:
    """A copy of a JSON value with non-finite numbers replaced by None (a report never holds NaN)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value


# the ranges evaluation-report 1.0 allows for generation settings
_SETTING_RANGES: dict[str, tuple[float | None, float | None]] = {
    "temperature": (0, None), "top_p": (0, 1), "max_tokens": (1, None), "num_fewshot": (0, None), "epochs": (1, None),
}


def clean_settings(settings: dict[str, Any], lost: Callable[[str, str], None], where: str) -> dict[str, Any]:
    """Drop settings the format cannot hold (out of range), reporting each through ``lost``."""
    for key, (low, high) in _SETTING_RANGES.items():
        value = settings.get(key)
        if value is None:
            continue
        if (low is not None and value < low) or (high is not None and value > high):
            del settings[key]
            lost(f"{where} {key}", f"{value!r} is outside the range riskfmt allows")
    return settings


def positive(n: int | None) -> int | None:
    """n as the format allows it (at least 1)."""
    return n if n is not None and n >= 1 else None




def _is_local_path(text: str) -> bool:
    return text.startswith(("/", "./", "../", "~", "\\")) or bool(re.match(r"^[A-Za-z]:[\\/]", text))


def _model_args(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    if isinstance(value, str):
        for part in value.split(","):
            key, sep, val = part.partition("=")
            if sep and key.strip():
                out[key.strip()] = val.strip()
    return out


def _gen_kwargs(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        return _model_args(value)
    return {}


def _setting(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _version(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, str)):
        text = str(value).strip()
        return text or None
    return None


# ---- the converter ---------------------------------------------------------------------------------------


class LmEvalConverter:
    name: ClassVar[str] = "lm-eval"
    title: ClassVar[str] = "EleutherAI lm-evaluation-harness results (0.3 and 0.4 results JSON, any name; samples_*.jsonl)"

    # -- detection

    def sniff(self, path: Path) -> bool:
        try:
            if path.is_file():
                return _looks_like_results(path)
            if path.is_dir():
                return bool(_results_files(path))
        except Exception:
            return False
        return False

    # -- conversion

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        files = [path] if path.is_file() else _results_files(path)
        if not files:
            yield Converted(str(path), None, [Finding.make(
                "RF607", str(path), path=str(path), tool=self.name, detail="no lm-eval results_*.json found")])
            return
        for file in files:
            try:
                yield _Run(file, options).convert()
            except Exception as exc:
                yield failed(file, self.name, exc)


_SNIFF_BYTES = 65536


def looks_like_results_text(head: bytes) -> bool:
    """Whether the first bytes of a file look like an lm-eval results file (0.3 or 0.4), whatever its name.

    Cheap and total: a JSON object holding ``"results"`` plus ``"versions"`` (written by both layouts) or a
    0.4 marker. Inspect logs (``"eval"`` with ``"results"``) and riskfmt reports are told apart by their own keys.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{") or b'"results"' not in text:
        return False
    if b'"evaluations"' in text or b'"report_id"' in text or b'"eval": {' in text or b'"eval":{' in text:
        return False
    return (b'"versions"' in text or b'_stderr,' in text or b'"n-samples"' in text or b'"lm_eval_version"' in text
            or b'"group_subtasks"' in text)


def _looks_like_results(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_results_text(head)


_MAX_FOLDER_PROBES = 500  # files sniffed when a folder has no results_*.json (bounded: detection must stay cheap)


def _results_files(folder: Path) -> list[Path]:
    """results_*.json in the folder or up to two levels down (lm-eval writes <output_path>/<model>/results_*.json);
    failing that, any *.json there whose content is an lm-eval results file (0.3 wrote any name)."""
    for pattern in ("results*.json", "*/results*.json", "*/*/results*.json"):
        found = [c for c in sorted(folder.glob(pattern)) if c.is_file() and _looks_like_results(c)]
        if found:
            return found
    probes = 0
    for pattern in ("*.json", "*/*.json", "*/*/*.json"):
        found = []
        for candidate in sorted(folder.glob(pattern)):
            if candidate.name.startswith("samples_"):
                continue
            probes += 1
            if probes > _MAX_FOLDER_PROBES:
                return found
            if _looks_like_results(candidate):
                found.append(candidate)
        if found:
            return found
    return []


class _Run:
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
        self.group_subtasks = {k: v for k, v in as_dict(data.get("group_subtasks")).items() if isinstance(v, list) and v}
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

        self.b = ReportBuilder(self.path, TOOL, _version(data.get("lm_eval_version")), self.options,
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
                        gap="that layout records no sample count, so the results have no n (and no filters: keys "
                            "are read under lm-eval's \"none\" filter)",
                        gap_zh="该格式不记录样本数，因此结果没有 n（也没有过滤器：指标键按 lm-eval 的 \"none\" 过滤器读取）"))
        self._lost_configs()
        if self.ext:
            self.b.report["extensions"] = {"lm-eval": json_safe(self.ext)}
        return self.b.finish()

    def _unreadable(self, detail: str) -> Converted:
        return Converted(str(self.path), None, [Finding.make(
            "RF607", str(self.path), path=str(self.path), tool=LmEvalConverter.name, detail=detail)])

    # -- model

    def _model(self) -> None:
        data, config = self.data, self.config
        args = _model_args(config.get("model_args"))
        backend = config.get("model") if isinstance(config.get("model"), str) else None
        raw_name = next((v for v in (data.get("model_name"), args.get("pretrained"), args.get("model"),
                                     args.get("path"), backend) if isinstance(v, str) and v.strip()), None)
        name = raw_name or "unknown"
        if raw_name is None:
            self.b.defaulted("model.name", name)
        model_id: str | None = name
        if _is_local_path(name):
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
                             hint=f" (lm-eval backend {backend!r} does not say how the model was reached)")
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

    # -- dates

    def _dates(self) -> tuple[str | None, str | None]:
        raw = self.data.get("date")
        started = epoch_to_rfc3339(raw)
        if raw is not None and started is None:
            self.b.lost("date", f"not a Unix time: {raw!r}")
        completed = None
        duration = finite_number(self.data.get("total_evaluation_time_seconds"), strings=True)
        if started is not None and duration is not None and duration >= 0 and isinstance(raw, (int, float, str)):
            completed = epoch_to_rfc3339(float(raw) + duration)
            if completed is not None:
                self.b.derived("evaluations[].completed",
                               "date (the run's start, Unix seconds) + total_evaluation_time_seconds")
        return started, completed

    # -- settings

    def _common_settings(self) -> dict[str, Any]:
        config, data = self.config, self.data
        other: dict[str, Any] = {}
        settings: dict[str, Any] = {}
        seed = as_int(config.get("random_seed"), strings=True)
        if seed is not None:
            settings["seed"] = seed
        for key in ("numpy_seed", "torch_seed", "fewshot_seed", "limit"):
            if config.get(key) is not None:
                other[key] = _setting(config[key])
        if data.get("fewshot_as_multiturn") is not None:
            other["fewshot_as_multiturn"] = _setting(data["fewshot_as_multiturn"])
        for field, key, text_key in (("system_prompt_digest", "system_instruction_sha", "system_instruction"),
                                     ("chat_template_digest", "chat_template_sha", "chat_template")):
            sha = data.get(key)
            text = data.get(text_key)
            if isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha):
                settings[field] = "sha256:" + sha
            elif isinstance(text, str) and text:
                settings[field] = sha256_text(text)
                self.b.derived(f"settings.{field}", f"sha256 of {text_key}")
            if isinstance(text, str) and text:
                self.b.lost(text_key, "the text itself is not kept; its sha256 is settings." + field)
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
        gen.update(_gen_kwargs(self.config.get("gen_kwargs")))  # the command line overrides the task
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
                other[key] = _setting(value)
        if not other:
            del settings["other"]
        return clean_settings(settings, self.b.lost, task)

    # -- tasks

    def _task_object(self, task: str, entry: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
        obj: dict[str, Any] = {"id": task, "version": _version(as_dict(self.data.get("versions")).get(task))}
        alias = entry.get("alias")
        if isinstance(alias, str):
            alias = alias.strip().lstrip("- ").strip()
            if alias and alias != task:
                obj["name"] = {"en": alias}
        dataset: dict[str, Any] = {}
        path = config.get("dataset_path")
        dataset_name = config.get("dataset_name")
        if isinstance(path, str) and path and path not in _GENERIC_BUILDERS and not _is_local_path(path):
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
        if metric in _PROPORTIONS and 0 <= value <= 1:
            out.update({"unit": "1", "min": 0, "max": 1})
            if metric in _PER_ITEM_BINARY:
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
                return _aggregation_name(item.get("aggregation"))
        return None

    def _metrics(self, task: str, entry: dict[str, Any]) -> list[tuple[str, str, Any, Any, bool]]:
        """(metric, filter, value, stderr, stderr key present) for every metric key of a results entry."""
        values: dict[tuple[str, str], Any] = {}
        errors: dict[tuple[str, str], Any] = {}
        for key, value in entry.items():
            parsed = parse_metric_key(key, self.legacy)
            if parsed is None:
                if key not in _RESULT_META:
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
                self.b.lost(f"results.{task}.{metric},{filt}", f"not a number: {raw!r}")
                continue
            se, status = parse_stderr(raw_se) if has_se else (None, "na")
            uncertainty = None
            if status == "ok":
                method, resamples = stderr_method(metric, self._aggregation(metric, config), bootstrap_iters)
                uncertainty = {"method": method, "standard_error": se, "num_bootstrap": resamples}
            elif status == "invalid":
                self.b.lost(f"results.{task}.{metric}_stderr,{filt}", f"not a standard error: {raw_se!r}")
            else:
                why = ("bootstrap_iters is 0" if bootstrap_iters == 0 else
                       "lm-eval wrote \"N/A\"" if has_se else "no _stderr key")
                self.b.no_uncertainty(f"{task} {mid}", why)
            self.b.result(evaluation, self._metric(task, metric, filt, value, config), value, n=n,
                          uncertainty=uncertainty)
        self._samples(task, evaluation, {f for _, f, _, _, _ in metrics})

    # -- groups

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
        evaluation["notes"] = {
            "en": f"lm-eval task group: its values aggregate {listed}, whose own results are also in this report; "
                  "they are not independent evidence. Standard errors are lm-eval's pooled within-subtask "
                  "estimate.",
            "zh": f"lm-eval 任务组：其取值汇总自 {listed}（这些子任务的结果也在本报告中），并非独立证据。"
                  "标准误为 lm-eval 按子任务合并的估计。",
        }
        counts = as_dict(entry.get("sample_count"))
        for metric, filt, raw, raw_se, has_se in metrics:
            value = finite_number(raw, nonfinite=True)
            mid = metric_id(metric, filt)
            if value is None:
                self.b.lost(f"results.{group}.{metric},{filt}", f"not a number: {raw!r}")
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
                self.b.lost(f"results.{group}.{metric}_stderr,{filt}", f"not a standard error: {raw_se!r}")
            else:
                self.b.no_uncertainty(f"{group} {mid}", "lm-eval wrote \"N/A\"" if has_se else "no _stderr key")
            self.b.result(evaluation, self._metric(group, metric, filt, value, {}), value, n=n,
                          uncertainty=uncertainty)

    # -- samples

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
                [k for k in row if k in _DEFAULT_AGGREGATION]
            score_metric = next((m for m in names if finite_number(row.get(m), nonfinite=True) is not None), None)
            score = finite_number(row.get(score_metric), nonfinite=True) if score_metric else None
            other_metrics.update(m for m in names if m != score_metric and m in row)
            verdict = None
            if score_metric in _PER_ITEM_BINARY and score in (0.0, 1.0):
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
            self.b.lost(f"{path.name} prompt_hash", f"{mismatched} rows' prompt_hash is not the sha256 of the logged "
                        "prompt; input_digest is computed from the prompt")
        if other_metrics:
            self.b.lost(f"{path.name} per-sample " + ",".join(sorted(other_metrics)),
                        "a sample has one score: the first metric the row lists")
        if not self.samples_noted:
            self.samples_noted = True
            self.b.lost("samples_*.jsonl doc,doc_hash,target_hash,resps,arguments",
                        "no per-sample field (input is the prompt, output the filtered response; the target text is "
                        "kept only with --include-content); the hashes are folded into task_hashes, kept in "
                        "extensions")

    # -- what is not carried over

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
