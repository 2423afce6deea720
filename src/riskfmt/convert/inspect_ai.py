"""UK AISI Inspect (``inspect-ai``) logs: ``.eval`` archives and ``.json`` documents, read without inspect-ai.

An ``.eval`` log is a ZIP archive (``header.json``: the log without its samples; ``samples/<id>_epoch_<n>.json``:
one sample each; ``summaries.json``, ``reductions.json`` and ``_journal/``: not needed here). A ``.json`` log is the
same ``EvalLog`` as one document. Both are read with the standard library only, the archive through
:mod:`riskfmt.convert.archive` (in memory, with size, ratio and member limits; every refusal is an RF606 finding).

Mapping (one report per log, one evaluation per log):

* model: ``eval.model`` (``provider/name``). The developer comes from the provider only when the provider *is* the
  developer (openai, anthropic, google, ...); behind a host or a local engine (together, hf, vllm, ...) it is the
  organization of an ``org/model`` hub id; otherwise (``mockllm``) it is defaulted with an RF609 finding.
* task: ``eval.task``, ``task_version``, ``dataset.{name, location, samples}`` (a local dataset path is never copied).
* settings: the generate config (``eval.model_generate_config`` overridden by ``plan.config``: temperature, top_p,
  max_tokens, seed, others by name), ``eval.config`` (epochs, reducers, limits), task arguments and scorer options.
* results: one per scorer x value metric (x reducer when the log has epochs), with metric id
  ``<scorer>/<metric>[@<reducer>]`` so that ids stay distinct and align across logs. ``stderr``, ``std``, ``var``
  and ``bootstrap_stderr`` are sibling metrics in Inspect, not results: they become the uncertainty of the
  mean-like metric of the same scorer (``accuracy``, ``mean``). n counts the (sample, epoch) records the scorer
  scored, i.e. items x epochs as the report format defines n (12 for 6 samples x 2 epochs), not
  ``results.scores[].scored_samples`` (6, the reduced items); Inspect computes the value and its stderr over
  those reduced items, so with epochs the stderr is not sd / sqrt(n), which ``settings.epochs`` makes visible.
  Without per-sample records, n is ``scored_samples`` (x epochs when the score was reduced).
* samples: one row per (sample, epoch) with the headline scorer's per-epoch score (C=1 pass, I=0 fail, P=0.5
  partial, N=0, booleans, numbers), or verdict ``error`` for a sample that failed without a score.
* status: a log whose status is not ``success`` is flagged (RF603) and its evaluation status set; invalidated
  samples are flagged (RF604) and the evaluation marked ``invalidated`` (Inspect does not recompute the metrics,
  and neither does the converter: the values stay as the log reports them).

Everything else (transcripts, token usage, the error traceback, solver plan, metadata...) is reported with an
RF601 finding naming the field, and never copied: tracebacks and task files hold absolute paths.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import DATE_WHY_ZH, as_dict, as_list, filled, finite_number, is_scalar, parse_date
from riskfmt.convert.archive import ArchiveLimits, SafeZip, UnreadableArchive, UnsafeArchive
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder
from riskfmt.findings import Finding

__all__ = ["InspectConverter", "metric_id", "parse_date", "score_to_float"]

TOOL = "inspect-ai"

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

# bootstrap_std: the name of bootstrap_stderr before inspect-ai 0.3.58
_UNCERTAINTY_METRICS = {"stderr", "std", "var", "bootstrap_stderr", "bootstrap_std"}
_MEAN_LIKE = {"accuracy", "mean"}
_CATEGORICAL = {"C", "I", "P", "N"}
# generate-config fields that change how a run is scheduled, not what the model answers
_OPERATIONAL_GENERATE = {"max_connections", "timeout", "attempt_timeout", "max_retries", "batch", "cache_prompt",
                         "parallel_tool_calls", "internal_tools", "max_tool_output"}
# eval.config fields that change which samples were run and how they were scored
_COMPARABLE_CONFIG = {"epochs_reducer", "limit", "sample_id", "message_limit", "token_limit", "time_limit",
                      "working_limit", "fail_on_error", "continue_on_fail", "score_on_error", "retry_on_error",
                      "sample_shuffle"}

_SAMPLE_NAME = re.compile(r"^samples/[^/]+\.json$")
_JSON_HEAD = re.compile(rb'^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"[a-z]+"\s*,\s*"eval"\s*:\s*\{')
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
_GROUP_WHY_ZH = {
    "transcript": "对话记录、求解器状态和附件；报告只保留每个样本输入和输出的摘要",
    "usage": "riskfmt 报告中没有记录 token 数的字段",
    "timing": "逐样本的时间",
    "metadata": "样本的自由格式元数据",
    "error": "错误信息和回溯一律不予复制（其中含有绝对路径）；该样本的判定为 error",
    "limit": "使样本停止的限制（token 数、消息数或时间）",
    "invalidation": "谁在何时因何将样本标记为无效；该评估已标记为 invalidated，相关样本列于 "
                    "extensions.inspect.invalidated_samples",
    "ids": "Inspect 内部的标识和计数",
}
def score_to_float(value: Any) -> tuple[float | None, str | None]:
    """(score, verdict) of one Inspect score value, as Inspect's own ``value_to_float`` reads it.

    C -> (1, pass), I -> (0, fail), P -> (0.5, partial), N (no answer) -> (0, None); booleans -> (1|0, pass|fail);
    numbers and numeric strings -> (number, None); yes/true/no/false -> 1 or 0. Lists and dicts (multi-valued
    scores) and anything unreadable -> (None, None).
    """
    if isinstance(value, bool):
        return (1.0, "pass") if value else (0.0, "fail")
    if isinstance(value, (int, float)):
        number = float(value)
        return (number, None) if math.isfinite(number) else (None, None)
    if isinstance(value, str):
        if value == "C":
            return 1.0, "pass"
        if value == "I":
            return 0.0, "fail"
        if value == "P":
            return 0.5, "partial"
        if value == "N":
            return 0.0, None
        low = value.strip().lower()
        if low in ("yes", "true"):
            return 1.0, None
        if low in ("no", "false"):
            return 0.0, None
        # isdigit() accepts superscripts ('¹') that float() refuses: ASCII digits only
        if low.isascii() and low.replace(".", "", 1).isdigit():
            return float(low), None
    return None, None


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


@dataclass
class _Sample:
    """What the converter keeps of one sample record (the transcript is dropped as soon as it is read)."""

    id: Any
    epoch: int
    scores: dict[str, Any]
    score_details: set[str]
    errored: bool
    invalidated: bool
    input: Any
    output: Any
    target: Any
    keys: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, data: bytes) -> _Sample | None:
        try:
            return cls.of(json.loads(data))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return None

    @classmethod
    def of(cls, raw: Any) -> _Sample | None:
        """What is kept of one sample record, or None for a record that is not a sample."""
        if not isinstance(raw, dict):
            return None
        scores_raw = as_dict(raw.get("scores"))
        scores: dict[str, Any] = {}
        details: set[str] = set()
        for name, score in scores_raw.items():
            if isinstance(score, dict):
                scores[name] = score.get("value")
                details.update(k for k, v in score.items() if k != "value" and filled(v, deep=True))
            else:
                scores[name] = score
        output = raw.get("output")
        completion = output.get("completion") if isinstance(output, dict) else None
        epoch = raw.get("epoch", 1)
        return cls(
            id=raw.get("id"),
            epoch=epoch if isinstance(epoch, int) and not isinstance(epoch, bool) and epoch >= 1 else 1,
            scores=scores,
            score_details=details,
            errored=filled(raw.get("error"), deep=True),
            invalidated=filled(raw.get("invalidation"), deep=True),
            input=raw.get("input"),
            output=completion,
            target=raw.get("target"),
            keys={k for k, v in raw.items() if filled(v, deep=True)},
        )


class InspectConverter:
    name: ClassVar[str] = "inspect"
    title: ClassVar[str] = "Inspect (UK AISI inspect-ai) log, .eval or .json"

    def __init__(self, limits: ArchiveLimits | None = None) -> None:
        self.limits = limits or ArchiveLimits()

    # ---- detection ----------------------------------------------------------------------------------

    def sniff(self, path: Path) -> bool:
        try:
            path = Path(path)
            if path.is_dir():
                return any(True for _ in self._logs_in(path, limit=200))
            return self._sniff_file(path)
        except Exception:
            return False

    @staticmethod
    def _sniff_file(path: Path) -> bool:
        """By content whatever the name: a ZIP whose members include ``header.json`` or ``_journal/start.json``
        (an ``.eval`` log; the suffix alone still routes a broken ``.eval`` here, to be told why it fails), or a
        JSON document opening like an ``EvalLog``. Reads at most the first 8 KiB and the ZIP's directory."""
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(8192)
        if head.startswith(b"PK\x03\x04"):
            if path.suffix.lower() == ".eval":
                return True
            import zipfile

            try:
                with zipfile.ZipFile(path) as archive:
                    names = set(archive.namelist()[:10_000])
            except (zipfile.BadZipFile, OSError, ValueError):
                return False
            return "header.json" in names or "_journal/start.json" in names
        if path.suffix.lower() == ".eval":
            return True
        if _JSON_HEAD.match(head):
            return True
        # a log written by other means (keys in another order): Inspect's own field names near the top of a JSON
        # object (not a text that merely quotes them)
        return (head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b'"eval"' in head and b'"status"' in head
                and b'"eval_id"' in head and b'"run_id"' in head
                and b'"task"' in head and b'evaluation-report' not in head)

    def _logs_in(self, folder: Path, limit: int = 100_000) -> Iterator[Path]:
        for index, child in enumerate(sorted(folder.iterdir())):
            if index >= limit:
                return
            if child.is_file() and self._sniff_file(child):
                yield child

    # ---- reading ------------------------------------------------------------------------------------

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        path = Path(path)
        if path.is_dir():
            logs = list(self._logs_in(path))
            if not logs:
                yield Converted(str(path), None, [Finding.make(
                    "RF607", str(path), path=str(path), tool=TOOL, detail="the folder holds no Inspect logs")])
            for log in logs:
                yield self._read_one(log, options)
            return
        yield self._read_one(path, options)

    def _read_one(self, path: Path, options: ConvertOptions) -> Converted:
        source = str(path)
        try:
            with path.open("rb") as handle:
                zipped = handle.read(4) == b"PK\x03\x04"
            if zipped or path.suffix.lower() == ".eval":
                log, samples, fmt = self._read_eval(path)
            else:
                log, samples, fmt = self._read_json(path)
            kept = [s for s in samples if s is not None]
            return self._build(path, log, kept, fmt, options, unreadable=len(samples) - len(kept))
        except UnsafeArchive as exc:
            return Converted(source, None, [
                Finding.make("RF606", source, member=r.member, reason=r.reason, reason_zh=r.reason_zh)
                for r in exc.refusals])
        except UnreadableArchive as exc:
            return Converted(source, None, [Finding.make("RF607", source, path=source, tool=TOOL, detail=str(exc))])
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            detail = str(exc) if isinstance(exc, (ValueError, OSError)) else f"{type(exc).__name__}: {exc}"
            return Converted(source, None, [Finding.make("RF607", source, path=source, tool=TOOL, detail=detail)])

    def _read_eval(self, path: Path) -> tuple[dict[str, Any], list[_Sample | None], str]:
        with SafeZip(path, self.limits) as archive:
            if "header.json" in archive:
                log = _json_object(archive.read("header.json"), "header.json")
            elif "_journal/start.json" in archive:
                # a log still being written (or whose writer died): the header comes at the end
                log = _json_object(archive.read("_journal/start.json"), "_journal/start.json")
                log["status"] = "started"
            else:
                raise ValueError("not an Inspect log: the archive has no header.json")
            samples = [_Sample.parse(archive.read(name)) for name in archive.names() if _SAMPLE_NAME.match(name)]
            if "reductions.json" in archive and "reductions" not in log:
                log["reductions"] = ["(reductions.json, not read: the per-epoch samples are)"]
        return log, samples, "inspect-eval"

    @staticmethod
    def _read_json(path: Path) -> tuple[dict[str, Any], list[_Sample | None], str]:
        log = _json_object(path.read_bytes(), path.name)
        raw = log.pop("samples", None) or []
        if not isinstance(raw, list):
            raise ValueError("samples is not a list")
        scorer = as_dict(as_dict(log.get("results")).get("scorer")).get("name")
        if isinstance(scorer, str) and scorer:
            # before inspect-ai 0.3.18 a sample held one ``score``, of the log's one scorer
            raw = [{**s, "scores": {scorer: s["score"]}} if isinstance(s, dict) and "score" in s and "scores" not in s
                   else s for s in raw]
        return log, [_Sample.of(s) for s in raw], "inspect-json"

    # ---- the report ---------------------------------------------------------------------------------

    def _build(self, path: Path, log: dict[str, Any], samples: list[_Sample], fmt: str,
               options: ConvertOptions, unreadable: int = 0) -> Converted:
        spec = log.get("eval")
        if not isinstance(spec, dict) or not spec.get("task") or not spec.get("model"):
            raise ValueError("not an Inspect log: eval.task or eval.model is missing")
        packages = as_dict(spec.get("packages"))
        version = packages.get("inspect_ai")
        b = ReportBuilder(path, TOOL, str(version) if version else None, options, source_format=fmt,
                          source_files=[path])
        log_version = log.get("version")
        extension: dict[str, Any] = {"log_version": log_version if isinstance(log_version, int) else None}
        for key in ("eval_id", "run_id", "task_id", "eval_set_id"):
            if isinstance(spec.get(key), str) and spec[key]:
                extension[key] = spec[key]
        if packages:
            extension["packages"] = {str(k): str(v) for k, v in packages.items()}

        self._model(b, spec)
        status = log.get("status") or "success"
        order = _sample_order(spec)
        samples.sort(key=lambda s: (s.epoch, order.get(str(s.id), len(order)), str(s.id)))

        config = as_dict(spec.get("config"))
        epochs = config.get("epochs")
        epochs = epochs if isinstance(epochs, int) and not isinstance(epochs, bool) and epochs >= 1 else 1

        evaluation_fields: dict[str, Any] = {}
        settings = self._settings(b, log, spec, config, epochs)
        if settings:
            evaluation_fields["settings"] = settings
        started, completed = self._dates(b, log, spec)
        evaluation_fields["started"] = started
        evaluation_fields["completed"] = completed
        judges = self._judges(b, spec)
        if judges:
            evaluation_fields["judges"] = judges

        invalidated = [s for s in samples if s.invalidated]
        # invalidations show on the samples (``invalidation``), on the log (``invalidated: true``) and, in case a
        # log records them as edits, in ``log_updates``; the count is the largest any of them gives
        edited = _invalidation_edits(log.get("log_updates"))
        if status != "success":
            b.status(str(status))
        evaluation_status = {"success": None, "error": "error", "cancelled": "cancelled"}.get(str(status), "incomplete")
        if invalidated or edited or log.get("invalidated") is True:
            b.invalidated(max(len(invalidated), edited))
            if evaluation_status is None:
                evaluation_status = "invalidated"
            extension["invalidated_samples"] = [{"sample_id": str(s.id), "epoch": s.epoch} for s in invalidated]
        evaluation = b.evaluation(str(spec["task"]), self._task(b, spec), status=evaluation_status,
                                  **evaluation_fields)

        results = as_dict(log.get("results"))
        headline = self._results(b, evaluation, results, spec, samples, epochs)
        if not evaluation["results"] and evaluation.get("status") is None:
            # a successful run with no metric at all (results.scores empty, or no results): an empty report would
            # claim an evaluation with nothing measured
            why = (" (results.scores is empty)" if isinstance(results.get("scores"), list)
                   else " (the log has no results)")
            why_zh = "（results.scores 为空）" if isinstance(results.get("scores"), list) else "（日志中没有 results）"
            return Converted(str(path), None, [*b.findings, Finding.make(
                "RF614", str(path), path=str(path), tool=TOOL, why=why, why_zh=why_zh)])
        if headline:
            extension["headline"] = headline
        self._samples(b, evaluation, samples, results, spec)
        self._report_losses(b, log, spec, samples, epochs, options)
        if unreadable:
            b.lost("samples[] (unreadable)", f"{unreadable} sample record(s) that are not JSON objects",
                   f"{unreadable} 条样本记录不是 JSON 对象")

        tags = [t for t in as_list(log.get("tags")) + as_list(spec.get("tags")) if isinstance(t, str)]
        if tags:
            extension["tags"] = sorted(set(tags))
        revision = spec.get("revision")
        if isinstance(revision, dict):
            kept = {k: revision[k] for k in ("type", "commit", "dirty")
                    if revision.get(k) is not None and is_scalar(revision.get(k), none=True)}
            if kept:
                extension["revision"] = kept
            if filled(revision.get("origin"), deep=True):
                b.lost("eval.revision.origin", "the repository address may be private; the commit is kept under "
                                               "extensions.inspect.revision",
                       "仓库地址可能是私有的；提交号保留于 extensions.inspect.revision")
        b.report["extensions"] = {"inspect": {k: v for k, v in extension.items() if v is not None}}
        return b.finish()

    # ---- pieces -------------------------------------------------------------------------------------

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
                        hint=f" (the provider \"{provider}\" is not the developer; use --developer)",
                        hint_zh=f"（提供方 \"{provider}\" 并非开发者；可用 --developer 指定）")
        if filled(spec.get("model_args"), deep=True):
            b.lost("eval.model_args", "model arguments may hold local paths or keys", "模型参数可能包含本地路径或密钥")
        if filled(spec.get("model_base_url"), deep=True):
            b.lost("eval.model_base_url", "the serving address may be internal", "服务地址可能是内部地址")

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
                b.lost("eval.dataset.location", "a local path is never copied", "本地路径一律不予复制")
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
                b.lost(f"{origin[key]}.{key}", "not a plain value", "不是简单值")
        if operational:
            b.lost(", ".join(sorted(operational)),
                   "scheduling settings that do not change what the model answers", "只影响调度、不改变模型回答的设置")
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
                    b.lost(f"eval.config.{key}", "not a plain value", "不是简单值")
            elif filled(value, deep=True):
                config_lost.append(key)
        if config_lost:
            b.lost("eval.config." + ", ".join(sorted(config_lost)),
                   "run settings (concurrency, logging, sandboxes) that do not change the results",
                   "不改变结果的运行设置（并发、日志、沙箱）")
        task_args = spec.get("task_args")
        if isinstance(task_args, dict):
            for key, value in task_args.items():
                if is_scalar(value, none=True) and value is not None:
                    other[f"task_args.{key}"] = value
                elif filled(value, deep=True):
                    b.lost(f"eval.task_args.{key}", "not a plain value", "不是简单值")
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
                    b.lost(f"scorer {scorer_name} option {key}", "not a plain value", "不是简单值")
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
                b.lost(field_name, why, DATE_WHY_ZH.get(why, why))
            out.append(date)
        started, completed = out
        created, why = parse_date(spec.get("created")) if spec.get("created") else (None, "")
        if spec.get("created") and created is None:
            b.lost("eval.created", why, DATE_WHY_ZH.get(why, why))
        elif created and started is None:
            started = created
            b.derived("evaluations[0].started", "from eval.created (the log has no stats.started_at)",
                      "取自 eval.created（日志中没有 stats.started_at）")
        elif created and started and created != started:
            b.lost("eval.created", "when the run was set up; stats.started_at is kept as the start",
                   "评估创建的时间；开始时间采用 stats.started_at")
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
            b.lost("eval.model_roles." + ", ".join(sorted(others)), "models in roles other than grading",
                   "承担评分以外角色的模型")
        return judges

    def _results(self, b: ReportBuilder, evaluation: dict[str, Any], results: dict[str, Any], spec: dict[str, Any],
                 samples: list[_Sample], epochs: int) -> str | None:
        entries = [e for e in as_list(results.get("scores")) if isinstance(e, dict)]
        if not entries and isinstance(results.get("scorers"), list):
            entries = [e for e in results["scorers"] if isinstance(e, dict)]
        if not entries and isinstance(results.get("scorer"), dict):
            # the layout of inspect-ai before 0.3.18 (mid 2024): one scorer, its metrics beside it; read as Inspect's
            # own migration reads it (EvalResults.convert_scorer_to_scorers)
            entries = [{**results["scorer"], "scorer": results["scorer"].get("name"),
                        "metrics": as_dict(results.get("metrics"))}]
            b.derived("results.scores", "from results.scorer and results.metrics (the log layout before inspect-ai "
                                        "0.3.18), as Inspect itself migrates it",
                      "取自 results.scorer 和 results.metrics（inspect-ai 0.3.18 之前的日志结构），"
                      "与 Inspect 自身的迁移方式相同")
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
            held = (f"the log holds {records} of the run's {completed} sample records" if samples and completed
                    else "the log holds no sample records")
            held_zh = (f"日志只保留了该次运行 {completed} 条样本记录中的 {records} 条" if samples and completed
                       else "日志中没有样本记录")
            b.derived("results[].n", f"from results.scores[].scored_samples, else results.completed_samples: {held}",
                      f"取自 results.scores[].scored_samples，缺失时取 results.completed_samples：{held_zh}")
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
                       f"{unscored} sample(s) the scorer could not score are not counted in n",
                       f"评分器未能评分的 {unscored} 个样本未计入 n")
            uncertainty = self._uncertainty(b, scorer, metrics, registered.get(scorer, set()))
            values = [k for k in metrics if k not in _UNCERTAINTY_METRICS]
            if not values and any(k in metrics for k in _UNCERTAINTY_METRICS):
                b.lost(f"results.scores[{scorer}].metrics", "an uncertainty metric without a value metric beside it",
                       "只有不确定性指标，没有与之对应的取值指标")
            for key in values:
                value = _metric_value(metrics[key])
                mid = metric_id(scorer, key, reducer)
                if value is None:
                    b.lost(f"results.scores[{scorer}].metrics.{key}", "not a finite number", "不是有限数值")
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
                    b.no_uncertainty(mid, f"the stderr metric beside it is the standard error of the mean score, "
                                          f"not of {key}",
                                     f"与之并列的 stderr 指标是平均分的标准误，而不是 {key} 的标准误")
                else:
                    b.no_uncertainty(mid, "the scorer declares no stderr metric", "评分器未声明 stderr 指标")
                result = b.result(evaluation, metric, value, n=n, uncertainty=unc)
                if result is not None and self._is_headline(headline_raw, scorer, key, reducer):
                    headline = mid
        if directions_defaulted:
            b.defaulted("results[].metric.direction", "higher_is_better",
                        hint=" (Inspect records no direction; check it for scores where higher means more harm)",
                        hint_zh="（Inspect 不记录指标方向；若分数越高代表危害越大，请核实）")
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
                       "not a finite, non-negative number (too few samples?)", "不是非负的有限数值（样本过少？）")
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
            b.derived("uncertainty.standard_deviation", "the square root of Inspect's var metric",
                      "取 Inspect var 指标的平方根")
        if out and "method" not in out:
            out["method"] = "reported"
        return out

    def _samples(self, b: ReportBuilder, evaluation: dict[str, Any], samples: list[_Sample], results: dict[str, Any],
                 spec: dict[str, Any]) -> None:
        if not samples:
            return
        primary = _primary_scorer(results, spec, samples)
        others = sorted({name for s in samples for name in s.scores if name != primary})
        if others:
            b.lost("samples[].scores." + ", ".join(others),
                   f"a sample row holds one score; the headline scorer's ({primary}) is kept",
                   f"每个样本行只保留一个分数，即主评分器（{primary}）的分数")
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
            b.lost("samples[] (repeated id and epoch)", f"{repeated} record(s) repeating a sample already kept",
                   f"{repeated} 条记录与已保留的样本重复")

    @staticmethod
    def _report_losses(b: ReportBuilder, log: dict[str, Any], spec: dict[str, Any], samples: list[_Sample],
                       epochs: int, options: ConvertOptions) -> None:
        error = log.get("error")
        if filled(error, deep=True):
            b.lost("error.message, error.traceback", "never copied: a traceback holds absolute paths of the "
                                                     "machine that ran the evaluation",
                   "一律不予复制：错误回溯包含运行评估的机器上的绝对路径")
        stats = as_dict(log.get("stats"))
        usage = [k for k in ("model_usage", "role_usage") if filled(stats.get(k), deep=True)]
        if usage:
            b.lost(", ".join(f"stats.{k}" for k in usage), _GROUP_WHY["usage"], _GROUP_WHY_ZH["usage"])
        stats_rest = [k for k, v in stats.items() if k not in ("started_at", "completed_at", "model_usage",
                                                                 "role_usage") and filled(v, deep=True)]
        if stats_rest:
            b.lost(", ".join(f"stats.{k}" for k in sorted(stats_rest)), "run statistics", "运行统计信息")
        plan = log.get("plan")
        if isinstance(plan, dict) and filled({k: v for k, v in plan.items() if k != "config"}, deep=True):
            b.lost("plan.steps", "the solver plan (solvers and their parameters) has no place in a riskfmt report",
                   "求解器计划（求解器及其参数）在 riskfmt 报告中没有对应字段")
        if filled(log.get("metadata"), deep=True) or filled(spec.get("metadata"), deep=True):
            b.lost("metadata, eval.metadata", "free-form producer metadata", "生产方的自由格式元数据")
        if filled(log.get("log_updates"), deep=True):
            b.lost("log_updates", "the log's edit history (what changed, by whom, when); the edited values are kept",
                   "日志的编辑历史（改了什么、由谁、何时）；保留编辑后的值")
        if epochs > 1 and filled(log.get("reductions"), deep=True):
            b.lost("reductions", "per-sample scores reduced over epochs; the per-epoch rows are kept",
                   "按轮次归约后的逐样本分数；保留每一轮的样本行")
        handled_log = {"version", "status", "eval", "plan", "results", "stats", "error", "invalidated", "tags",
                       "metadata", "samples", "reductions", "log_updates", "location", "etag"}
        rest = sorted(k for k, v in log.items() if k not in handled_log and filled(v, deep=True))
        if rest:
            b.lost(", ".join(rest), "no riskfmt field", "riskfmt 中没有对应字段")
        handled_eval = {"eval_id", "run_id", "task_id", "eval_set_id", "created", "task", "task_version",
                        "task_display_name", "task_registry_name", "task_args", "task_args_passed", "dataset", "model",
                        "model_generate_config", "model_args", "model_base_url", "model_roles", "config", "revision",
                        "packages", "scorers", "metadata", "tags"}
        if spec.get("task_file"):
            b.lost("eval.task_file", "a path on the machine that ran the evaluation is never copied",
                   "运行评估的机器上的路径一律不予复制")
        rest = sorted(k for k, v in spec.items() if k not in handled_eval | {"task_file"} and filled(v, deep=True))
        registry = spec.get("task_registry_name")
        if isinstance(registry, str) and registry and registry != spec.get("task"):
            rest.append("task_registry_name")
        if rest:
            b.lost(", ".join(f"eval.{k}" for k in rest), "solver, sandbox and other run details have no riskfmt field",
                   "求解器、沙箱等运行细节在 riskfmt 中没有对应字段")
        dataset = as_dict(spec.get("dataset"))
        if filled(dataset.get("sample_ids"), deep=True) and (not samples or options.samples == "none"):
            b.lost("eval.dataset.sample_ids", "the ids of the samples run", "所运行样本的标识")
        # what the sample records hold beyond id, epoch, scores, input, output.completion and target
        groups: dict[str, list[str]] = {}
        for key in sorted({k for s in samples for k in s.keys} - {"id", "epoch", "scores", "score", "input", "target"}):
            groups.setdefault(_SAMPLE_KEY_GROUP.get(key, "other"), []).append(
                "output (all but the completion)" if key == "output" else key)
        for group, keys in groups.items():
            b.lost("samples[]." + ", ".join(keys), _GROUP_WHY.get(group, "no riskfmt field"),
                   _GROUP_WHY_ZH.get(group, "riskfmt 中没有对应字段"))
        details = sorted({k for s in samples for k in s.score_details})
        if details:
            b.lost("samples[].scores.*." + ", ".join(details), "the grader's answers, explanations and history",
                   "评分器提取的答案、解释和历史")


# ---- helpers ----------------------------------------------------------------------------------------


def _json_object(data: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{what} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not a JSON object")
    return value


def _invalidation_edits(updates: Any) -> int:
    """How many samples ``log_updates`` edits invalidate (an edit naming none counts as one)."""
    count = 0
    for update in as_list(updates):
        for edit in as_list(as_dict(update).get("edits")):
            edit = as_dict(edit)
            if "invalid" in str(edit.get("type", "")).lower():
                named = next((v for k, v in edit.items() if "sample" in k and isinstance(v, list)), [])
                count += len(named) or 1
    return count


def _sample_order(spec: dict[str, Any]) -> dict[str, int]:
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


def _scored_counts(samples: list[_Sample]) -> dict[str, int]:
    out: dict[str, int] = {}
    for sample in samples:
        for name, value in sample.scores.items():
            if value is not None:
                out[name] = out.get(name, 0) + 1
    return out


def _categorical_scorers(samples: list[_Sample]) -> dict[str, bool]:
    """Scorers whose every sample value is C/I/P/N or a boolean: their accuracy lies in [0, 1]."""
    out: dict[str, bool] = {}
    for sample in samples:
        for name, value in sample.scores.items():
            if value is None:
                continue
            ok = isinstance(value, bool) or (isinstance(value, str) and value in _CATEGORICAL)
            out[name] = out.get(name, True) and ok
    return out


def _primary_scorer(results: dict[str, Any], spec: dict[str, Any], samples: list[_Sample]) -> str | None:
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
