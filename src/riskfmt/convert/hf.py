"""Hugging Face model cards: ``model-index`` front matter, and ``.eval_results/*.yaml`` files.

``model-index`` (in a model card's YAML front matter, ``README.md``, or a bare YAML file) lists, per model,
results ``{task{type,name}, dataset{type,name,config,split,revision,args}, metrics[{type,value,name,config,
args,verified,verifyToken}], source{name,url}}``. The newer ``.eval_results/*.yaml`` (huggingface_hub 2.4's
``EvalResultEntry``) is a list of ``{dataset{id,task_id,revision}, value, date, verifyToken, notes,
source{url,name,user,org}}``; the model is the repository the file lives in.

A model-index result is told apart from its neighbours by more than its dataset: the Hub task (``task.type``),
the task's and the dataset's arguments (a translation card lists one result per language pair, ``task.args:
eng-est``, on the same ``flores_101`` dataset) and the split. These go into the result's ``slice`` (``split``, and
``subgroup`` as ``task=<type>; task.args=<args>; dataset.args=<args>``), so that results stay distinct in
``riskfmt diff`` and Markdown; the task id (``<dataset type>[:<config>]``) is unchanged. A metric repeated with
the same type and config in one result (a Trainer value and an evaluation value of the same WER) keeps the
first value; the others are reported as not carried over and stay in ``extensions["huggingface"]``.

Files are recognised by content, whatever their name: a Markdown card whose front matter holds ``model-index``,
or a YAML file that starts with ``model-index:``.

Neither records a sample count, a standard error or (model-index) a date, nor the unit, bounds or direction
of a metric, nor the harness that produced the numbers: each gap is reported as a finding. A value written
as ``"20.0 ± 1.2"`` is split into the value and an uncertainty of method ``reported`` (the card does not say
whether ± is a standard error, a standard deviation or an interval half-width), with the original string
kept in ``extensions["huggingface"]`` and in the result's notes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import as_dict, as_list
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder
from riskfmt.convert.guard import failed
from riskfmt.findings import Finding

__all__ = ["HuggingFaceConverter", "parse_value", "split_front_matter"]

EXTENSION = "huggingface"
_TOOL = "hf"
_EVAL_RESULTS = ".eval_results"
_MODEL_INDEX = re.compile(r"^model-index\s*:", re.M)
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_VALUE = re.compile(rf"^\s*(?P<value>{_NUMBER})\s*(?P<unit>%)?\s*"
                    rf"(?:(?:±|\+/-|\+-|\+/−)\s*(?P<pm>{_NUMBER})\s*(?P<pm_unit>%)?)?\s*$")
# well-known metric types and their direction; anything else gets a defaulted direction
_HIGHER = ("accuracy", "acc", "exact_match", "em", "f1", "precision", "recall", "rouge", "bleu", "chrf", "meteor",
           "bertscore", "pass@", "pass_at", "matthews_correlation", "mcc", "auc", "roc_auc", "map", "mrr", "ndcg",
           "spearman", "pearson", "squad", "sacrebleu", "win_rate", "elo", "code_eval", "score")
_LOWER = ("perplexity", "ppl", "wer", "cer", "ter", "loss", "error", "mse", "mae", "rmse", "brier", "ece",
          "bits_per_byte", "word_perplexity", "byte_perplexity")


def split_front_matter(text: str) -> str | None:
    """The YAML between the leading ``---`` lines of a Markdown file, or None."""
    text = text.lstrip("\ufeff")
    match = re.match(r"^---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*$", text, re.S | re.M)
    return match.group(1) if match else None


def parse_value(raw: Any) -> tuple[float | None, float | None, str | None]:
    """(value, ± part, unit) from a model-index value: a number, or a string like ``"20.0 ± 1.2"`` / ``"71.3%"``.

    The unit is ``"%"`` only when the string says so; nothing is rescaled.
    """
    if isinstance(raw, bool) or raw is None:
        return None, None, None
    if isinstance(raw, (int, float)):
        return (float(raw), None, None) if math.isfinite(raw) else (None, None, None)
    if not isinstance(raw, str):
        return None, None, None
    match = _VALUE.match(raw)
    if not match:
        return None, None, None
    value = float(match.group("value"))
    pm = float(match.group("pm")) if match.group("pm") is not None else None
    unit = "%" if match.group("unit") else None
    if not math.isfinite(value) or (pm is not None and not math.isfinite(pm)):
        return None, None, None
    return value, pm, unit


def metric_direction(metric_type: str) -> str | None:
    name = metric_type.strip().lower()
    if any(name == k or name.startswith(k) for k in _LOWER):
        return "lower_is_better"
    if any(name == k or name.startswith(k) for k in _HIGHER):
        return "higher_is_better"
    return None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _head(path: Path, size: int = 65536) -> str:
    with path.open("rb") as handle:
        return handle.read(size).decode("utf-8", errors="replace")


def card_text_has_index(head: str) -> bool:
    """Whether the first bytes of a file (any name) are a model card with ``model-index`` or bare model-index YAML."""
    text = head.lstrip("\ufeff")
    if text.startswith("---"):
        front = split_front_matter(text)
        return front is not None and bool(_MODEL_INDEX.search(front))
    return bool(_MODEL_INDEX.search(text)) and "kind: evaluation-report" not in text


def _card_has_index(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        head = _head(path)
    except OSError:
        return False
    return card_text_has_index(head)


def _looks_like_eval_results(path: Path) -> bool:
    if not path.is_file():
        return False
    if path.parent.name == _EVAL_RESULTS and path.suffix.lower() in (".yaml", ".yml"):
        return True
    try:
        head = _head(path)
    except OSError:
        return False
    return bool(re.search(r"^-\s+dataset\s*:", head, re.M)) and ("task_id:" in head or "config:" in head) and \
        bool(re.search(r"^\s+value\s*:", head, re.M)) and "kind: evaluation-report" not in head


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml"))


class HuggingFaceConverter:
    name: ClassVar[str] = "hf"
    title: ClassVar[str] = "Hugging Face model card (model-index) and .eval_results"

    def sniff(self, path: Path) -> bool:
        try:
            if path.is_dir():
                if path.name == _EVAL_RESULTS:
                    return bool(_yaml_files(path))
                readme = path / "README.md"
                if readme.is_file() and _card_has_index(readme):
                    return True
                results = path / _EVAL_RESULTS
                return results.is_dir() and bool(_yaml_files(results))
            if not path.is_file():
                return False
            return _card_has_index(path) or _looks_like_eval_results(path)
        except Exception:
            return False

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        sources: list[tuple[str, Path]] = []
        if path.is_dir():
            folder = path if path.name == _EVAL_RESULTS else path / _EVAL_RESULTS
            readme = path / "README.md"
            if path.name != _EVAL_RESULTS and readme.is_file() and _card_has_index(readme):
                sources.append(("card", readme))
            if folder.is_dir():
                sources.extend(("eval_results", p) for p in _yaml_files(folder))
        elif _card_has_index(path):
            sources.append(("card", path))
        else:
            sources.append(("eval_results", path))
        if not sources:
            yield Converted(str(path), None, [Finding.make("RF607", str(path), path=str(path), tool=_TOOL,
                                                           detail="no model-index and no .eval_results files")])
        for kind, source in sources:
            yield from self._read_one(kind, source, options)

    def _read_one(self, kind: str, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        try:
            if kind == "card":
                yield from _read_card(path, options)
            else:
                yield _read_eval_results(path, options)
        except Exception as exc:
            yield failed(path, _TOOL, exc)


# ---------------------------------------------------------------------------------------------------


def _load_yaml(path: Path, text: str) -> tuple[Any, list[Finding]]:
    from riskfmt.loading import load_bytes

    doc = load_bytes(text.encode("utf-8"), str(path), "yaml")
    return (doc.data if doc.parsed else None), doc.findings


def _unreadable(path: Path, findings: list[Finding], detail: str) -> Converted:
    return Converted(str(path), None, [*findings, Finding.make("RF607", str(path), path=str(path), tool=_TOOL,
                                                               detail=detail)])


def _builder(path: Path, options: ConvertOptions, source_format: str) -> ReportBuilder:
    b = ReportBuilder(path, _TOOL, None, options, source_format=source_format, source_files=[path])
    b.report["producer"]["tool"]["name"] = "unknown"
    b.defaulted("producer.tool.name", "unknown", hint=" (a model card does not say which harness produced its numbers)")
    b.report["provenance"]["source_tool"] = "huggingface_hub"
    b.report["provenance"]["source_version"] = "unknown"
    return b


def _model(b: ReportBuilder, name: str) -> None:
    b.model(name, access="other")
    b.defaulted("model.access", "other", hint=" (a model card does not say how the evaluator reached the model)")


def _read_card(path: Path, options: ConvertOptions) -> Iterator[Converted]:
    text = path.read_text(encoding="utf-8", errors="replace")
    # a card is Markdown with front matter whatever its name; a bare model-index YAML file has none
    front = split_front_matter(text) if text.lstrip("\ufeff").startswith("---") else text
    if front is None:
        yield _unreadable(path, [], "the model card has no YAML front matter")
        return
    data, parse_findings = _load_yaml(path, front)
    if not isinstance(data, dict) or not isinstance(data.get("model-index"), list):
        yield _unreadable(path, parse_findings, "no model-index list in the front matter")
        return
    other_keys = sorted(k for k in data if k != "model-index")
    if not data["model-index"]:
        yield _unreadable(path, parse_findings, "model-index is empty")
        return
    for m_index, entry in enumerate(data["model-index"]):
        if not isinstance(entry, dict):
            yield _unreadable(path, parse_findings, f"model-index[{m_index}] is not a mapping")
            continue
        yield _card_report(path, options, entry, m_index, other_keys, data, parse_findings)


def _card_report(path: Path, options: ConvertOptions, entry: dict[str, Any], m_index: int, other_keys: list[str],
                 card: dict[str, Any], parse_findings: list[Finding]) -> Converted:
    b = _builder(path, options, "hf-model-index")
    b.findings[:0] = parse_findings
    name = _text(entry.get("name")) or _text(card.get("model_name"))
    if name is None:
        name = path.parent.name or "unknown"
        b.defaulted(f"model-index[{m_index}].name", name, hint=" (taken from the folder name)")
    _model(b, name)
    if other_keys:
        b.lost("front matter " + ", ".join(other_keys), "model card metadata, not evaluation results")
    ext_results: list[dict[str, Any]] = []
    results = as_list(entry.get("results"))
    if not results:
        b.lost(f"model-index[{m_index}].results", "there are none")
    for r_index, raw in enumerate(results):
        if not isinstance(raw, dict):
            b.lost(f"model-index[{m_index}].results[{r_index}]", "not a mapping")
            continue
        ext_results.append(_card_result(b, raw, f"model-index[{m_index}].results[{r_index}]"))
    b.defaulted("results[].n", "none", hint=" (model-index records no number of samples)")
    b.defaulted("evaluations[].started/completed", "none", hint=" (model-index records no date)")
    b.defaulted("results[].metric.unit, min, max", "none",
                hint=" (model-index does not say whether a value is a fraction, a percentage or a raw score; "
                     "values are kept as written, never rescaled)")
    if not b.report["evaluations"]:
        return _unreadable(path, b.findings, f"model-index[{m_index}] has no results")
    b.report["extensions"] = {EXTENSION: {"format": "model-index", "model_index": m_index, "results": ext_results}}
    return b.finish()


def _dataset_settings(b: ReportBuilder, args: Any, where: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Dataset args -> riskfmt settings (num_fewshot and plain scalars), and what is left over."""
    settings: dict[str, Any] = {}
    other: dict[str, Any] = {}
    left: dict[str, Any] = {}
    if not isinstance(args, dict):
        if args is not None:
            left["args"] = args
            b.lost(f"{where}.args", "not a mapping; kept in extensions.huggingface")
        return settings, left
    for key, value in args.items():
        if key in ("num_few_shot", "num_fewshot", "fewshot", "n_shot", "num_shots") and isinstance(value, int) \
                and not isinstance(value, bool):
            settings["num_fewshot"] = value
        elif isinstance(value, (str, int, float, bool)) and not (isinstance(value, float) and not math.isfinite(value)):
            other[str(key)] = value
        else:
            left[str(key)] = value
            b.lost(f"{where}.args.{key}", "not a plain value; kept in extensions.huggingface")
    if other:
        settings["other"] = other
    return settings, left


def _card_result(b: ReportBuilder, raw: dict[str, Any], where: str) -> dict[str, Any]:
    task = as_dict(raw.get("task"))
    dataset = as_dict(raw.get("dataset"))
    source = as_dict(raw.get("source"))
    location = _text(dataset.get("type"))
    config = _text(dataset.get("config"))
    base = location or _text(dataset.get("name")) or _text(task.get("type")) or "unknown"
    task_id = f"{base}:{config}" if config else base
    slice_ = identity_slice(task, dataset)
    ds = {k: v for k, v in (("name", _text(dataset.get("name"))), ("location", location),
                            ("split", _text(dataset.get("split"))), ("version", _text(dataset.get("revision"))))
          if v}
    settings, args_left = _dataset_settings(b, dataset.get("args"), f"{where}.dataset")
    notes = []
    if source:
        label = " ".join(x for x in (_text(source.get("name")), f"<{source['url']}>" if _text(source.get("url"))
                                     else None) if x)
        notes.append(f"Source: {label}" if label else "Source given without name or URL")
    ext: dict[str, Any] = {"task": task, "source": source} if source else {"task": task}
    if config:
        ext["dataset_config"] = config
    if args_left:
        ext["dataset_args"] = args_left
    if task.get("name") is not None:
        b.lost(f"{where}.task.name {task.get('name')!r}",
               "a display name; the task type and arguments are in the result's slice, all of it in "
               "extensions.huggingface")
    evaluation = b.evaluation(task_id, {"id": task_id, "dataset": ds}, settings=settings or None,
                              notes={"en": "; ".join(notes)} if notes else None)
    metrics = as_list(raw.get("metrics"))
    ext_metrics = []
    seen: set[str] = set()
    for m_index, metric in enumerate(metrics):
        if not isinstance(metric, dict):
            b.lost(f"{where}.metrics[{m_index}]", "not a mapping")
            continue
        ext_metrics.append(_card_metric(b, evaluation, metric, f"{where}.metrics[{m_index}]", slice_, seen))
    ext["metrics"] = ext_metrics
    return ext


def _direction(b: ReportBuilder, metric_type: str, where: str) -> str:
    direction = metric_direction(metric_type)
    if direction is None:
        b.defaulted(f"{where} direction", "higher_is_better", hint=" (unknown metric type {metric_type!r})",
                    metric_type=metric_type)
        return "higher_is_better"
    b.derived(f"{where} direction", "{direction} for the well-known metric type {metric_type!r}", direction=direction,
              metric_type=metric_type)
    return direction


def identity_slice(task: Any, dataset: Any) -> dict[str, str]:
    """The slice that keeps one model-index result apart from the others on the same dataset: the split, and the
    Hub task with the task's and the dataset's arguments (language pair, subset) as ``subgroup``."""
    task = task if isinstance(task, dict) else {}
    dataset = dataset if isinstance(dataset, dict) else {}
    parts = []
    for label, value in (("task", task.get("type")), ("task.args", task.get("args")),
                         ("dataset.args", dataset.get("args"))):
        text = _arg_text(value)
        if text:
            parts.append(f"{label}={text}")
    out = {}
    split = _text(dataset.get("split"))
    if split:
        out["split"] = split
    if parts:
        out["subgroup"] = "; ".join(parts)
    return out


def _arg_text(value: Any) -> str | None:
    """A scalar or flat list/mapping of arguments as stable text (mappings sorted by key); None when empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return _text(str(value))
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return _text(",".join(str(v) for v in value))
    if isinstance(value, dict) and all(isinstance(v, (str, int, float, bool)) for v in value.values()):
        return _text(",".join(f"{k}={value[k]}" for k in sorted(value, key=str)))
    return None


def _card_metric(b: ReportBuilder, evaluation: dict[str, Any], metric: dict[str, Any], where: str,
                 slice_: dict[str, str] | None = None, seen: set[str] | None = None) -> dict[str, Any]:
    mtype = _text(metric.get("type")) or _text(metric.get("name")) or "score"
    config = _text(metric.get("config"))
    metric_id = f"{mtype}:{config}" if config else mtype
    if seen is not None and metric_id in seen:
        b.lost(f"{where} (a second {metric_id!r} in one result)",
               "one result holds one value per metric: the first is kept, this one stays in extensions.huggingface")
        return {"type": metric.get("type"), "value": metric.get("value"), "name": metric.get("name"),
                "repeated": True}
    if seen is not None:
        seen.add(metric_id)
    spec: dict[str, Any] = {"id": metric_id, "direction": _direction(b, mtype, where)}
    if _text(metric.get("name")):
        spec["name"] = metric["name"].strip()
    ext: dict[str, Any] = {"type": metric.get("type")}
    if config:
        ext["config"] = config
    for key in ("verified", "verifyToken", "args"):
        if key in metric:
            ext[key] = metric[key]
    if "args" in metric:
        b.lost(f"{where}.args", "metric arguments have no riskfmt field; kept in extensions.huggingface")
    raw_value = metric.get("value")
    value, pm, unit = parse_value(raw_value)
    notes = []
    if isinstance(raw_value, str):
        ext["value"] = raw_value
    if unit:
        spec["unit"] = unit
    uncertainty = None
    if value is None:
        b.lost(f"{where}.value", "{raw!r} is not a number", raw=raw_value)
        return ext
    if pm is not None:
        uncertainty = {"standard_error": pm, "method": "reported"}
        b.defaulted(f"{where}.value {raw_value!r}: the meaning of ±", "standard error (method: reported)",
                    hint=" (the card does not say whether ± is a standard error, a standard deviation or an "
                         "interval half-width; the original string is kept in extensions.huggingface)")
        notes.append(f"Reported as {raw_value!r}; the card does not say what ± means (recorded as a standard error "
                     "with method 'reported').")
    else:
        b.no_uncertainty(metric_id, "model-index has no standard-error field")
    if metric.get("verified") is False:
        notes.append("verified: false (model-index)")
    elif metric.get("verified") is True:
        notes.append("verified: true (model-index)")
    if metric.get("verifyToken"):
        notes.append("The Hub verification token is kept in extensions.huggingface.")
    name = None
    if slice_ and slice_.get("subgroup"):  # a readable, distinct result id: <task>.<metric>.<pair or subset>
        name = f"{evaluation['id']}.{metric_id}.{slice_['subgroup']}"
    result = b.result(evaluation, spec, value, uncertainty=uncertainty, slice=slice_ or None, name=name)
    if result is not None and notes:
        result["notes"] = {"en": " ".join(notes)}
    return ext


# ---------------------------------------------------------------------------------------------------


def _repo_model_name(path: Path) -> str | None:
    """The model of a ``.eval_results`` file: the repository's model card names it, if there is one."""
    repo = path.parent.parent if path.parent.name == _EVAL_RESULTS else path.parent
    readme = repo / "README.md"
    if not readme.is_file():
        return None
    front = split_front_matter(readme.read_text(encoding="utf-8", errors="replace"))
    if front is None:
        return None
    data, _findings = _load_yaml(readme, front)
    if not isinstance(data, dict):
        return None
    index = data.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict) and _text(index[0].get("name")):
        return str(index[0]["name"]).strip()
    return _text(data.get("model_name"))


def _read_eval_results(path: Path, options: ConvertOptions) -> Converted:
    from riskfmt.convert.eee import parse_timestamp

    text = path.read_text(encoding="utf-8", errors="replace")
    data, parse_findings = _load_yaml(path, text)
    if isinstance(data, dict) and isinstance(data.get("data"), (list, dict)):
        data = data["data"]  # the Hub API's wrapping
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        return _unreadable(path, parse_findings, "not a list of .eval_results entries")
    b = _builder(path, options, "hf-eval-results")
    b.findings[:0] = parse_findings
    name = _repo_model_name(path)
    if name is None:
        repo = path.parent.parent if path.parent.name == _EVAL_RESULTS else path.parent
        name = repo.name or "unknown"
        b.defaulted("model.name", name, hint=" (.eval_results names no model; taken from the repository folder)")
    _model(b, name)
    ext_entries: list[dict[str, Any]] = []
    dated = True
    for index, entry in enumerate(data):
        if isinstance(entry, dict) and isinstance(entry.get("data"), dict):
            entry = entry["data"]
        where = f"[{index}]"
        if not isinstance(entry, dict):
            b.lost(where, "not a mapping")
            continue
        if "error" in entry:
            b.lost(where, "the Hub rejected this entry: {error!r}", error=entry.get("error"))
            continue
        dataset = as_dict(entry.get("dataset"))
        dataset_id = _text(dataset.get("id")) or "unknown"
        sub = _text(dataset.get("task_id"))
        config = _text(dataset.get("config"))  # the Hub's spec (hub-docs eval_results.yaml) names the subset config
        task_id = f"{dataset_id}:{sub or config}" if (sub or config) else dataset_id
        entry_slice = {k: v for k, v in (("split", _text(dataset.get("split"))),
                                         ("subgroup", f"config={config}" if sub and config else None)) if v}
        unknown = sorted(set(dataset) - {"id", "task_id", "config", "split", "revision"})
        if unknown:
            b.lost(f"{where}.dataset." + ",".join(map(str, unknown)), "not part of the .eval_results format")
        ds = {k: v for k, v in (("location", _text(dataset.get("id"))), ("version", _text(dataset.get("revision"))))
              if v}
        notes = []
        variant = _text(entry.get("notes"))
        if variant:
            notes.append(f"Notes: {variant}")
        source = as_dict(entry.get("source"))
        if source:
            who = ", ".join(f"{k} {source[k]}" for k in ("org", "user") if _text(source.get(k)))
            label = " ".join(x for x in (_text(source.get("name")), f"<{source['url']}>" if _text(source.get("url"))
                                         else None, f"({who})" if who else None) if x)
            notes.append(f"Source: {label}")
        if entry.get("verifyToken"):
            notes.append("Verified by the Hub (verifyToken kept in extensions.huggingface).")
        kwargs: dict[str, Any] = {}
        date = entry.get("date")
        if date is not None:
            completed = parse_timestamp(str(date)) if not str(date).replace(".", "").isdigit() else None
            if completed:
                kwargs["completed"] = completed
            else:
                b.lost(f"{where}.date", "{date!r} names no time zone (or is not a date-time); none was invented",
                       date=date)
        else:
            dated = False
        evaluation = b.evaluation(f"{task_id}-{variant}" if variant else task_id, {"id": task_id, "dataset": ds},
                                  notes={"en": "; ".join(notes)} if notes else None, **kwargs)
        value, pm, unit = parse_value(entry.get("value"))
        ext: dict[str, Any] = {k: entry[k] for k in ("verifyToken", "source", "notes") if k in entry}
        if isinstance(entry.get("value"), str):
            ext["value"] = entry["value"]
        extra = sorted(set(entry) - {"dataset", "value", "date", "verifyToken", "notes", "source"})
        if extra:
            ext["other"] = {k: entry[k] for k in extra}
            b.lost(f"{where}." + ",".join(extra),
                   "not part of the .eval_results format; kept in extensions.huggingface")
        ext_entries.append(ext)
        if value is None:
            b.lost(f"{where}.value", "{raw!r} is not a number", raw=entry.get("value"))
            continue
        spec: dict[str, Any] = {"id": "score", "direction": "higher_is_better"}
        if unit:
            spec["unit"] = unit
        uncertainty = {"standard_error": pm, "method": "reported"} if pm is not None else None
        if pm is not None:
            b.defaulted(f"{where}.value {entry.get('value')!r}: the meaning of ±", "standard error (method: reported)")
        result = b.result(evaluation, spec, value, uncertainty=uncertainty, slice=entry_slice or None)
        if result is not None and isinstance(entry.get("value"), str):
            result["notes"] = {"en": f"Reported as {entry['value']!r}."}
    b.defaulted("results[].metric", "score (higher_is_better)",
                hint=" (.eval_results names no metric: the benchmark dataset's eval.yaml defines it)")
    b.defaulted("results[].n", "none", hint=" (.eval_results records no number of samples)")
    b.defaulted("results[].metric.unit, min, max", "none", hint=" (.eval_results records no unit or bounds; "
                                                                  "values are kept as written, never rescaled)")
    b.no_uncertainty("score", ".eval_results has no standard-error field")
    if not dated:
        b.defaulted("evaluations[].completed", "none", hint=" (some entries have no date)")
    if not b.report["evaluations"]:
        return _unreadable(path, b.findings, "no usable .eval_results entry")
    b.report["extensions"] = {EXTENSION: {"format": ".eval_results", "entries": ext_entries}}
    return b.finish()
