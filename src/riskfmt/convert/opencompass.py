"""OpenCompass (Shanghai AI Laboratory) work directories and ``--station-path`` output.

Accepted inputs (``sniff`` recognises these and nothing else):

- a run folder ``<work_dir>/<YYYYMMDD_HHMMSS>/`` holding ``configs/`` and ``predictions/`` or ``results/``;
- its parent ``work_dir``: every run folder in it is converted, oldest first. Each run folder is a separate run
  with its own config dump, and converting only the newest would drop the others without a trace; to convert one
  run, pass its folder;
- a station folder (``--station-path DIR``: ``DIR/<dataset_abbr>/<model_abbr>.json``) or one station JSON file.

One report per model (a riskfmt report describes one model); one evaluation per dataset abbreviation, plus one per
summary group of the summarizer.

Choices made here (see also the converter's tests):

- Values come from ``results/<model>/<dataset>.json`` at full precision, never from the summary CSV (rounded to
  two decimals). Summary groups exist only in the summary: their values come from the raw-format block of
  ``summary_*.txt`` (full precision), else from the CSV (reported as rounded).
- The dataset's prompt hash (the summary CSV ``version`` column, OpenCompass' ``get_prompt_hash(dataset)[:6]``)
  is ``task.version``; without a summary it is recomputed from the dataset's ``infer_cfg`` the same way (derived).
- Metric keys: ``"accuracy (2 runs average)"`` becomes metric ``accuracy`` with ``settings.epochs = 2``;
  ``"<subdivision>/G-Pass@2_0.5"`` becomes metric ``G-Pass@2_0.5`` on ``slice.subgroup = <subdivision>``; every
  G-Pass@k_t and mG-Pass@k value is its own result. OpenCompass writes each G-Pass value twice, plain and under
  ``"<dataset>/..."`` (the subdivision taken from ``example_abbr`` is the dataset itself): one result is kept and
  its notes name the twin key. Two keys that would give one metric id keep the raw key as the id.
- Scale: ``accuracy`` and the G-Pass family are percentages in OpenCompass (4/8 -> 50.0): unit ``"%"``, bounds
  0..100. Where per-sample correctness exists the scale is checked against it (a value equal to the fraction is
  recorded as unit ``"1"``). Nothing is rescaled. Metrics of unknown scale get no unit and no bounds.
- n: OpenCompass records none. It is counted from the predictions (or the details) and divided by the number of
  replicas ``n`` where a value is per question (G-Pass); a "(N runs average)" value averages questions x N
  predictions, so its n is questions x N (riskfmt's n is items x epochs). A summary group's n is the sum of its
  members' question counts (derived).
- Standard errors: OpenCompass records none. From per-sample correctness (details) riskfmt derives a binomial
  standard error on the fraction, converted to the value's scale; for replicated tasks the standard error of the
  per-question means (clustered by question); for G-Pass the standard error of the per-question G-Pass values.
  Method ``derived`` with an RF608 finding; the derived value is used only if the per-sample data reproduce the
  reported value. Otherwise RF610.
- Dates: the run folder name is local time without a zone; it is kept in ``extensions`` and reported lost, never
  given a zone. OpenCompass records no version of itself: ``producer.tool.version`` is "unknown" (RF609).
- A failed task (no results file, an ``error`` entry, or ``-`` in the summary) gives an evaluation with status
  ``error``, no value, an RF603 finding and an RF601 finding saying what is missing. Never a zero.
- The config dump (``configs/*.py``) is read with ``ast`` only: literals, ``dict(...)`` calls and names bound
  earlier in the file. It is never executed or imported. Resolving names copies values, so the number of values
  built is bounded (``MAX_CONFIG_VALUES``); a config past it is not read (RF642) and the run converts without it.
- Subjective runs: a judge's results folder ``<model>_judged-by--<judge>`` (score mode) joins that model's report,
  the judge named in ``extensions.opencompass.judged_by``. A compare-mode folder ``<a>_<b>_judged-by--<judge>``
  (two run models, or a dataset's ``base_models`` baseline and a run model) is refused with RF640: a report
  describes one model and the results do not say whose each value is. Neither model is marked failed for it. A
  judged folder whose name splits into no known model, or more than one way, is RF641. Station files with
  ``cfg.judge_models`` are read the same way.
- Detection reads content, not names: a station file under any name (4 KiB head, 64 KiB tail).
- Model access from the model class: HuggingFace/vLLM/LMDeploy classes (hub id or local path) -> ``open_weights``; API
  classes -> ``api``; anything else (a custom or fake class) -> ``other`` with an RF609 finding. The model path
  is ``model.id`` only when it looks like a hub id; the developer is never guessed from it.
"""

from __future__ import annotations

import ast
import hashlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import as_dict, as_int, as_list, finite_number
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder, binomial_se, mean_se
from riskfmt.convert.guard import failed, unreadable
from riskfmt.findings import Finding

__all__ = [
    "MetricKey",
    "OpenCompassConverter",
    "parse_config",
    "parse_metric_key",
    "parse_run_folder_name",
    "percent_scale",
    "prompt_hash",
]

TOOL = "opencompass"
_TS = re.compile(r"^\d{8}_\d{6}$")
_RUNS_AVERAGE = re.compile(r"^(?P<metric>.+?) \((?P<n>\d+) runs? average\)$")
_GPASS = re.compile(r"^(?:G-Pass@\d+_\d+(?:\.\d+)?|mG-Pass@\d+)$")
_HIGHER_IS_BETTER = re.compile(
    r"(^|[_\-/])(acc|accuracy|score|f1|em|exact_match|bleu|rouge\w*|pass@\d+|humaneval_pass@\d+|correct|win_rate)$",
    re.IGNORECASE)
_IGNORED_RESULT_KEYS = {"bp", "sys_len", "ref_len"}  # BLEU internals the OpenCompass summarizer ignores
_GROUP_METRICS = {"naive_average", "weighted_average", "sum", "standard_deviation", "harmonic_mean"}
_MAX_CONFIG_BYTES = 20 * 1024 * 1024
_MAX_SNIFF_ENTRIES = 2000

_OPEN_WEIGHT_CLASSES = re.compile(r"(HuggingFace|VLLM|LMDeploy|TurboMind|Llama2?$|InternLM|Mixtral|GLM$|Qwen.*HF)",
                                  re.IGNORECASE)
_API_CLASSES = re.compile(
    r"(API|SDK|^OpenAI|^Claude|^Gemini|^ZhiPu|^BaiChuan|^MiniMax|^XunFei|^ERNIEBot|^Moonshot|^Hunyuan|^SenseTime|"
    r"^Doubao|^Qwen$|^Yi$|^DeepseekAPI|^Mistral)", re.IGNORECASE)


# ---- pure helpers (property-tested) --------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricKey:
    """A results key, split: ``metric`` (the riskfmt metric id), ``replicas`` ("(N runs average)"), ``subdivision``."""

    metric: str
    replicas: int | None = None
    subdivision: str | None = None


def parse_metric_key(key: Any) -> MetricKey | None:
    """``"accuracy (2 runs average)"`` -> ``MetricKey("accuracy", 2)``; ``"sub/G-Pass@2_0.5"`` ->
    ``MetricKey("G-Pass@2_0.5", None, "sub")``; None for a key that cannot be a metric (not a string, empty)."""
    if not isinstance(key, str) or not key.strip():
        return None
    text = key.strip()
    replicas: int | None = None
    found = _RUNS_AVERAGE.match(text)
    if found:
        text, replicas = found.group("metric"), int(found.group("n"))
    subdivision = None
    head, sep, tail = text.rpartition("/")
    if sep and head and _GPASS.match(tail):
        text, subdivision = tail, head
    return MetricKey(text, replicas, subdivision)


def parse_run_folder_name(name: str) -> str | None:
    """``"20261123_105547"`` -> ``"2026-11-23T10:55:47"`` (no zone: OpenCompass writes local time), else None."""
    if not isinstance(name, str) or not _TS.match(name):
        return None
    try:
        return datetime.strptime(name, "%Y%m%d_%H%M%S").isoformat()
    except ValueError:
        return None


def percent_scale(metric: str) -> bool:
    """Metrics OpenCompass reports in percent (AccEvaluator-style accuracy and the G-Pass family)."""
    return metric in ("accuracy", "acc") or bool(_GPASS.match(metric))


class Opaque:
    """A config expression the literal reader does not evaluate (kept as its source text)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __repr__(self) -> str:
        return f"Opaque({self.source!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.source == self.source

    __hash__ = None  # type: ignore[assignment]


MAX_CONFIG_VALUES = 1_000_000  # values built while resolving a config; a real dump builds a few thousand


class ConfigTooLarge(ValueError):
    """Resolving the config's name references would build more than ``MAX_CONFIG_VALUES`` values."""


class _Budget:
    """Counts every value built while a config is resolved. A name reference copies the value it names, so a few
    hundred bytes of ``b = [a, a, a]; c = [b, b, b] ...`` expand geometrically; counting as we build stops that
    before memory does."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit

    def spend(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise ConfigTooLarge(f"more than {self.limit} values")


def _literal(node: ast.AST, env: dict[str, Any], depth: int = 0, budget: _Budget | None = None) -> Any:
    if depth > 200:
        return Opaque("<too deep>")
    budget = budget if budget is not None else _Budget(MAX_CONFIG_VALUES)
    budget.spend()

    def rec(child: ast.AST) -> Any:
        return _literal(child, env, depth + 1, budget)

    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        out: list[Any] = []
        for item in node.elts:
            if isinstance(item, ast.Starred):
                value = rec(item.value)
                if isinstance(value, (list, tuple)):
                    out.extend(value)
                else:
                    out.append(Opaque(ast.unparse(item)))
            else:
                out.append(rec(item))
        return out
    if isinstance(node, ast.Dict):
        result: dict[Any, Any] = {}
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                merged = rec(value)
                if isinstance(merged, dict):
                    result.update(merged)
                continue
            k = rec(key)
            try:
                hash(k)
            except TypeError:
                k = ast.unparse(key)
            result[k] = rec(value)
        return result
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("dict", "list", "tuple"):
        if node.func.id == "dict":
            result = {}
            for arg in node.args:
                value = rec(arg)
                if isinstance(value, dict):
                    result.update(value)
            for keyword in node.keywords:
                if keyword.arg is None:
                    value = rec(keyword.value)
                    if isinstance(value, dict):
                        result.update(value)
                else:
                    result[keyword.arg] = rec(keyword.value)
            return result
        if len(node.args) == 1 and not node.keywords:
            value = rec(node.args[0])
            return list(value) if isinstance(value, (list, tuple)) else Opaque(ast.unparse(node))
        return [] if not node.args and not node.keywords else Opaque(ast.unparse(node))
    if isinstance(node, ast.Name):
        if node.id in env:
            return _copy(env[node.id], budget)
        return Opaque(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = rec(node.operand)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = rec(node.left), rec(node.right)
        if isinstance(left, str) and isinstance(right, str):
            budget.spend(len(left) + len(right))  # "s = s + s" doubles a string per line
            return left + right
        if isinstance(left, list) and isinstance(right, list):
            budget.spend(len(left) + len(right))
            return left + right
    return Opaque(ast.unparse(node))


def _copy(value: Any, budget: _Budget | None = None) -> Any:
    if budget is not None:
        budget.spend()
    if isinstance(value, dict):
        return {k: _copy(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v, budget) for v in value]
    return value


def parse_config(text: str, limit: int = MAX_CONFIG_VALUES) -> dict[str, Any]:
    """Top-level assignments of an OpenCompass config dump, read with ``ast`` (never executed). Expressions that
    are not literals, ``dict()``/``list()`` calls or names bound earlier become :class:`Opaque`. Raises
    SyntaxError/ValueError for text that is not Python, and :class:`ConfigTooLarge` (a ValueError) when resolving
    it would build more than ``limit`` values."""
    tree = ast.parse(text)
    env: dict[str, Any] = {}
    budget = _Budget(limit)
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            env[node.targets[0].id] = _literal(node.value, env, 0, budget)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            env[node.target.id] = _literal(node.value, env, 0, budget)
    return env


def _contains_opaque(value: Any) -> bool:
    if isinstance(value, Opaque):
        return True
    if isinstance(value, dict):
        return any(_contains_opaque(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_opaque(v) for v in value)
    return False


def prompt_hash(dataset_cfg: Any) -> str | None:
    """OpenCompass' ``get_prompt_hash`` (opencompass/utils/prompt.py) of one dataset config with string types, as a
    full hex digest; the summary's ``version`` column is its first 6 characters. None when the config holds
    expressions the converter did not evaluate."""
    if not isinstance(dataset_cfg, dict) or _contains_opaque(dataset_cfg):
        return None
    cfg = _copy(dataset_cfg)
    if "infer_cfg" not in cfg:  # custom datasets
        cfg.pop("abbr", None)
        cfg.pop("path", None)
        return hashlib.sha256(json.dumps(cfg, sort_keys=True).encode()).hexdigest()
    infer = cfg["infer_cfg"]
    if not isinstance(infer, dict):
        return None
    if "reader_cfg" in infer:  # old-style configs
        reader = as_dict(cfg.get("reader_cfg"))
        infer["reader"] = {"type": "DatasetReader", "input_columns": reader.get("input_columns"),
                           "output_column": reader.get("output_column")}
        inner = infer["reader_cfg"] if isinstance(infer["reader_cfg"], dict) else {}
        retriever = as_dict(infer.get("retriever"))
        if "train_split" in inner:
            retriever["index_split"] = inner["train_split"]
        if "test_split" in inner:
            retriever["test_split"] = inner["test_split"]
        for value in infer.values():
            if isinstance(value, dict) and isinstance(value.get("type"), str):
                value["type"] = value["type"].split(".")[-1]
    retr = infer.get("retriever")
    if isinstance(retr, dict) and "fix_id_list" in retr:
        fix_id_list = retr.pop("fix_id_list")
        if isinstance(infer.get("inferencer"), dict):
            infer["inferencer"]["fix_id_list"] = fix_id_list
    try:
        return hashlib.sha256(json.dumps(infer, sort_keys=True).encode()).hexdigest()
    except (TypeError, ValueError):
        return None






def _scalar(value: Any) -> str | int | float | bool | None:
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None


def _short_type(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("type")
    if isinstance(value, str) and value:
        return value.split(".")[-1]
    if isinstance(value, Opaque):
        return value.source.split(".")[-1]
    return None


def _is_hub_id(path: Any) -> bool:
    """``org/name`` as published on a model hub (no local path, no URL scheme, no file extension)."""
    if not isinstance(path, str):
        return False
    if path.startswith(("/", "./", "../", "~", "\\")) or re.match(r"^[A-Za-z]:[\\/]", path) or "://" in path:
        return False
    parts = path.split("/")
    return len(parts) == 2 and all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", p) for p in parts) and \
        not re.search(r"\.(jsonl?|csv|txt|parquet|py|bin|safetensors)$", path, re.IGNORECASE)


def _exception_name(log: Path) -> str | None:
    """The exception class named on the last traceback line of a task log."""
    try:
        with log.open("rb") as handle:
            handle.seek(max(0, log.stat().st_size - 65536))
            tail = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return None
    found = re.findall(r"^(\w+(?:Error|Exception))\b", tail, re.MULTILINE)
    return found[-1] if found else None


def _read_json(path: Path) -> Any:
    with path.open("rb") as handle:
        return json.load(handle)


# ---- summary files ---------------------------------------------------------------------------------------------


@dataclass
class _SummaryRow:
    dataset: str
    version: str
    metric: str
    mode: str
    values: dict[str, str]  # model abbr -> cell text


@dataclass
class _Summary:
    csv_path: Path | None = None
    txt_path: Path | None = None
    rows: list[_SummaryRow] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    raw: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # model -> dataset -> {metric: value}

    def version(self, dataset: str) -> str | None:
        for row in self.rows:
            if row.dataset == dataset and row.version not in ("", "-"):
                return row.version
        return None

    def mode(self, dataset: str) -> str | None:
        for row in self.rows:
            if row.dataset == dataset and row.mode not in ("", "-"):
                return row.mode
        return None

    def dashes(self, dataset: str, model: str) -> list[str]:
        return [row.metric for row in self.rows if row.dataset == dataset and row.values.get(model) == "-"]


def _read_summary(folder: Path) -> _Summary:
    import csv

    summary = _Summary()
    if not folder.is_dir():
        return summary
    csvs = sorted(folder.glob("summary_*.csv"))
    if csvs:
        summary.csv_path = csvs[-1]
        with summary.csv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            if header[:4] == ["dataset", "version", "metric", "mode"]:
                summary.models = header[4:]
                for cells in reader:
                    if len(cells) < 4:
                        continue
                    summary.rows.append(_SummaryRow(cells[0], cells[1], cells[2], cells[3],
                                                    dict(zip(summary.models, cells[4:], strict=False))))
    txts = sorted(folder.glob("summary_*.txt"))
    if txts:
        summary.txt_path = txts[-1]
        model = None
        in_raw = False
        for line in summary.txt_path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("raw format"):
                in_raw = True
                continue
            if not in_raw:
                continue
            if line.startswith("Model: "):
                model = line[len("Model: "):].strip()
                summary.raw.setdefault(model, {})
                continue
            head, sep, tail = line.partition(": ")
            if model is None or not sep or not tail.startswith("{"):
                continue
            try:
                value = ast.literal_eval(tail)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                continue
            if isinstance(value, dict):
                summary.raw[model][head] = value
    return summary


# ---- per-sample correctness ------------------------------------------------------------------------------------


@dataclass
class _PerSample:
    questions: int
    replicas: int
    grid: list[list[bool]] | None  # [question][replica]; None when some entry has no correctness
    question_ids: list[str]
    subdivisions: list[str | None]
    per_question: dict[str, list[float]]  # G-Pass metric -> value per question (0..1)
    prompts: list[list[Any]]  # [question][replica] (details' prompt, when the predictions are missing)
    outputs: list[list[Any]]
    targets: list[list[Any]]
    how: str  # where correctness came from


def _ordered_entries(obj: Any) -> list[Any] | None:
    """Entries of a predictions or details object in index order (dict keyed "0".."N-1", or a list)."""
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        keys = [k for k in obj if isinstance(k, str) and k.isdigit()]
        return [obj[k] for k in sorted(keys, key=int)]
    return None


def _cell(rows: list[list[Any]], q: int, r: int) -> Any:
    return rows[q][r] if q < len(rows) and r < len(rows[q]) else None


def _correct_of(entry: dict[str, Any]) -> bool | None:
    if isinstance(entry.get("correct"), bool):
        return bool(entry["correct"])
    pred, ref = entry.get("predictions"), entry.get("references")
    if isinstance(pred, (str, int, float)) and not isinstance(pred, bool) and \
            isinstance(ref, (str, int, float)) and not isinstance(ref, bool):
        return str(pred) == str(ref)
    return None


def _per_sample(details: Any, replicas: int) -> _PerSample | None:
    """Correctness by question and replica from the three ``details`` shapes OpenCompass writes."""
    entries = _ordered_entries(details)
    if not entries or not all(isinstance(e, dict) for e in entries):
        return None
    if isinstance(details, list):  # evaluator-provided: one entry per question, lists per replica
        grid: list[list[bool]] | None = []
        ids, subs, prompts, outputs, targets = [], [], [], [], []
        per_question: dict[str, list[float]] = {}
        width = None
        for position, entry in enumerate(entries):
            abbr = entry.get("example_abbr")
            suffix = abbr.rsplit("_", 1)[-1] if isinstance(abbr, str) else ""
            ids.append(suffix if suffix.isdigit() else str(position))
            subs.append(abbr.split("_")[0] if isinstance(abbr, str) else None)
            marks = entry.get("is_correct", entry.get("correct"))
            marks = marks if isinstance(marks, list) else [marks]
            if grid is not None and all(isinstance(m, bool) for m in marks) and marks:
                grid.append(list(marks))
                width = len(marks) if width is None else width
                if len(marks) != width:
                    grid = None
            else:
                grid = None
            prompts.append(as_list(entry.get("prompt"), wrap=True))
            outputs.append(as_list(entry.get("pred"), wrap=True))
            targets.append(as_list(entry.get("refr"), wrap=True))
            for key, value in entry.items():
                if isinstance(key, str) and _GPASS.match(key) and finite_number(value) is not None:
                    per_question.setdefault(key, []).append(float(value))
        if len(set(ids)) != len(ids):  # example_abbr suffixes must identify questions; else use positions
            ids = [str(i) for i in range(len(entries))]
        per_question = {k: v for k, v in per_question.items() if len(v) == len(entries)}
        found_replicas = width or max(replicas, 1)
        return _PerSample(len(entries), found_replicas, grid, ids, subs, per_question, prompts, outputs, targets,
                          "is_correct of each details entry")
    # dict shapes: one entry per prediction (questions x replicas), replica-major like the predictions
    replicas = max(replicas, 1)
    if len(entries) % replicas:
        return None
    questions = len(entries) // replicas
    marks = [_correct_of(e) for e in entries]
    grid = None
    if all(m is not None for m in marks):
        grid = [[bool(marks[r * questions + q]) for r in range(replicas)] for q in range(questions)]
    kind = details.get("type") if isinstance(details, dict) else None
    how = "the correct flag of each details entry" if any("correct" in e for e in entries) else \
        "predictions == references of each details entry (the evaluator wrote no correctness flag)"

    def pick(key: str) -> list[list[Any]]:
        return [[entries[r * questions + q].get(key) for r in range(replicas)] for q in range(questions)]

    return _PerSample(questions, replicas, grid, [str(q) for q in range(questions)], [None] * questions, {},
                      pick("prompt"), pick("predictions"), pick("references"), how + (f" ({kind})" if kind else ""))


# ---- inputs ----------------------------------------------------------------------------------------------------


@dataclass
class _Task:
    """One (model, dataset) pair of a run."""

    dataset: str
    results: dict[str, Any] | None = None
    results_path: Path | None = None
    predictions: list[Any] | None = None
    prediction_paths: list[Path] = field(default_factory=list)
    dataset_cfg: dict[str, Any] | None = None
    problem: str | None = None  # unreadable file


@dataclass
class _ModelRun:
    """Everything one report is built from."""

    source: str
    model: str
    model_cfg: dict[str, Any] | None
    tasks: list[_Task]
    files: list[Path]
    run_folder: Path | None = None
    summary: _Summary | None = None
    summarizer_cfg: dict[str, Any] | None = None
    config_dumps: list[str] = field(default_factory=list)
    config_lost: list[tuple[str, str]] = field(default_factory=list)
    logs: Path | None = None
    station: bool = False
    findings: list[Finding] = field(default_factory=list)  # refusals that belong to this model's report
    judged: dict[str, Path] = field(default_factory=dict)  # dataset -> results folder of a judge (score mode)


_DUMP_NAMES = re.compile(rb"^(?:datasets|models)\s*=", re.MULTILINE)


def _looks_like_config_dump(configs: Path) -> bool:
    """A config dump: a ``.py`` file whose first 64 KiB bind both ``models`` and ``datasets`` at top level."""
    for index, dump in enumerate(sorted(configs.glob("*.py"))):
        if index >= 20:
            break
        with dump.open("rb") as handle:
            head = handle.read(65536)
        if len({m.group(0).split(b"=")[0].strip() for m in _DUMP_NAMES.finditer(head)}) == 2:
            return True
    return False


def _has_model_json(run: Path) -> bool:
    """``results/<model>/*.json`` or ``predictions/<model>/*.json`` (the first entries only)."""
    for sub in ("results", "predictions"):
        folder = run / sub
        if not folder.is_dir():
            continue
        for index, child in enumerate(sorted(folder.iterdir())):
            if index >= 50:
                break
            if child.is_dir() and next(child.glob("*.json"), None) is not None:
                return True
    return False


def _is_run_folder(path: Path) -> bool:
    """A run folder: ``configs/`` and ``predictions/`` or ``results/``. OpenCompass names it ``YYYYMMDD_HHMMSS``;
    a renamed one is recognised by its content (a config dump and per-model JSON files)."""
    try:
        if not (path.is_dir() and (path / "configs").is_dir()
                and ((path / "predictions").is_dir() or (path / "results").is_dir())):
            return False
        return bool(_TS.match(path.name)) or (_looks_like_config_dump(path / "configs") and _has_model_json(path))
    except OSError:
        return False


def _run_folders(path: Path) -> list[Path]:
    if _is_run_folder(path):
        return [path]
    found = []
    try:
        for count, child in enumerate(sorted(path.iterdir())):
            if count > _MAX_SNIFF_ENTRIES:
                break
            if _is_run_folder(child):
                found.append(child)
    except OSError:
        return []
    return found


_STATION_HEAD = re.compile(rb'\s*\{\s*"predictions"\s*:')


def _looks_like_station_file(path: Path) -> bool:
    """By content, whatever the file's name: a JSON object opening with ``"predictions"`` and closing with the
    ``cfg`` of models and datasets (reads at most 4 KiB at the start and 64 KiB at the end)."""
    if not path.is_file():
        return False
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
            handle.seek(max(0, size - 65536))
            tail = handle.read()
    except OSError:
        return False
    return bool(_STATION_HEAD.match(head)) and b'"results"' in head + tail and \
        b'"cfg"' in tail and b'"models"' in tail and b'"datasets"' in tail


def _station_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if _looks_like_station_file(path) else []
    found = []
    try:
        for count, child in enumerate(sorted(path.iterdir())):
            if count > _MAX_SNIFF_ENTRIES:
                break
            if child.is_dir():  # <station>/<dataset>/<model>.json (any file name: judged by content)
                for index, candidate in enumerate(sorted(child.iterdir())):
                    if index >= _MAX_SNIFF_ENTRIES:
                        break
                    if _looks_like_station_file(candidate):
                        found.append(candidate)
            elif _looks_like_station_file(child):  # one dataset's folder, <dataset>/<model>.json
                found.append(child)
    except OSError:
        return []
    return found


def _load_predictions(folder: Path, dataset: str) -> tuple[list[Any] | None, list[Path]]:
    """``<dataset>.json``, or the split files ``<dataset>_0.json``, ``_1.json`` ... concatenated in order."""
    single = folder / f"{dataset}.json"
    if single.is_file():
        return _ordered_entries(_read_json(single)), [single]
    parts, entries = [], []
    index = 0
    while (folder / f"{dataset}_{index}.json").is_file():
        part = folder / f"{dataset}_{index}.json"
        parts.append(part)
        entries.extend(_ordered_entries(_read_json(part)) or [])
        index += 1
    return (entries, parts) if parts else (None, [])


_JUDGED = re.compile(r"^(?P<prefix>.+?)_(?:judged|summarized)-by--(?P<judge>.+)$")


def split_judged(name: str, models: set[str]) -> tuple[str, list[str] | None] | None:
    """``"<model>_judged-by--<judge>"`` -> ``(judge, [model])``; ``"<a>_<b>_judged-by--<judge>"`` (compare mode:
    OpenCompass joins the pair's abbreviations with ``_``) -> ``(judge, [a, b])``, split where both halves are
    models of the run; ``(judge, None)`` when no split (or more than one) names known models; None when the folder
    is not a judge's results folder."""
    found = _JUDGED.match(name)
    if not found:
        return None
    prefix, judge = found.group("prefix"), found.group("judge")
    if prefix in models:
        return judge, [prefix]
    splits = [[prefix[:i], prefix[i + 1:]] for i, ch in enumerate(prefix)
              if ch == "_" and prefix[:i] in models and prefix[i + 1:] in models]
    return (judge, splits[0]) if len(splits) == 1 else (judge, None)


_PAIR_WHY = ("a riskfmt report describes one model, and which of the two models each value belongs to is set by "
             "the dataset's postprocessor, which the results file does not record")
_PAIR_WHY_ZH = ("riskfmt 报告只描述一个模型，而结果中每个取值属于两个模型中的哪一个由数据集的后处理器决定，"
                "结果文件并未记录")


def _model_runs_of_folder(run: Path) -> list[_ModelRun]:
    config: dict[str, Any] = {}
    dumps = sorted((run / "configs").glob("*.py"))
    config_lost: list[tuple[str, str]] = []
    refused: list[Finding] = []
    for dump in dumps[-1:]:
        if dump.stat().st_size > _MAX_CONFIG_BYTES:
            config_lost.append((f"configs/{dump.name}", f"larger than {_MAX_CONFIG_BYTES} bytes: not read"))
            continue
        try:
            config = parse_config(dump.read_text(encoding="utf-8", errors="replace"))
        except ConfigTooLarge:
            refused.append(Finding.make("RF642", str(dump), path=f"configs/{dump.name}", limit=MAX_CONFIG_VALUES))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            config_lost.append((f"configs/{dump.name}",
                                f"not readable as a Python literal config ({type(exc).__name__}): model and dataset "
                                "settings, prompt hashes and summary groups are unknown"))
    datasets = [d for d in config.get("datasets", []) if isinstance(d, dict)] if isinstance(
        config.get("datasets"), list) else []
    models = [m for m in config.get("models", []) if isinstance(m, dict)] if isinstance(
        config.get("models"), list) else []
    dataset_cfgs = {str(d.get("abbr")): d for d in datasets if isinstance(d.get("abbr"), str)}
    model_cfgs = {str(m.get("abbr")): m for m in models if isinstance(m.get("abbr"), str)}
    summary = _read_summary(run / "summary")
    summarizer = (as_dict(config.get("summarizer")) or None)

    names: list[str] = list(model_cfgs)
    judged_dirs: list[Path] = []
    for sub in ("results", "predictions"):
        folder = run / sub
        if folder.is_dir():
            for child in sorted(p for p in folder.iterdir() if p.is_dir()):
                if _JUDGED.match(child.name):
                    if sub == "results":
                        judged_dirs.append(child)
                else:
                    names.append(child.name)
    names += [m for m in summary.models if not _JUDGED.match(m)]
    names = list(dict.fromkeys(names))
    # Judges' results folders: one model (score mode) joins that model's report; a pair (compare mode) is refused,
    # and the two models are not marked failed for the datasets judged pairwise.
    judged_by_model: dict[str, dict[str, Path]] = {}
    pairwise: dict[str, set[str]] = {}
    pair_findings: dict[str, list[Finding]] = {}
    orphans: list[Finding] = []
    # compare mode against fixed baselines: the dataset config names them (base_models), they need not be run models
    base_models = {str(b.get("abbr")) for d in datasets for b in (d.get("base_models") or [])
                   if isinstance(d.get("base_models"), list) and isinstance(b, dict) and isinstance(b.get("abbr"), str)}
    for folder in judged_dirs:
        judge, members = split_judged(folder.name, set(names) | base_models) or ("", None)
        judged_sets = {p.stem for p in folder.glob("*.json")}
        rel = f"results/{folder.name}"
        if members is None:
            prefix = _JUDGED.match(folder.name).group("prefix")  # type: ignore[union-attr]
            orphans.append(Finding.make("RF641", str(folder), folder=rel, prefix=prefix))
        elif len(members) == 1:
            for dataset in judged_sets:
                judged_by_model.setdefault(members[0], {})[dataset] = folder
        else:
            finding = Finding.make("RF640", str(folder), folder=rel, model_a=members[0], model_b=members[1],
                                   judge=judge, why=_PAIR_WHY, why_zh=_PAIR_WHY_ZH)
            for member in members:
                pairwise.setdefault(member, set()).update(judged_sets)
                pair_findings.setdefault(member, []).append(finding)

    leftovers = [(f"configs/*.py {name}", "a path on the evaluator's system" if name == "work_dir" else
                  "config entries with no riskfmt field") for name in _config_leftovers(config)]
    group_names = {row.dataset for row in summary.rows if row.version in ("", "-") and row.metric in _GROUP_METRICS}
    out: list[_ModelRun] = []
    for model in names:
        abbrs: list[str] = list(dataset_cfgs)
        results_dir = run / "results" / model
        judged = judged_by_model.get(model, {})
        if results_dir.is_dir():
            abbrs += sorted(p.stem for p in results_dir.glob("*.json"))
        abbrs += sorted(judged)
        abbrs += [row.dataset for row in summary.rows if row.dataset not in group_names]
        abbrs = [a for a in dict.fromkeys(abbrs) if a not in pairwise.get(model, set())]
        tasks, files = [], []
        for abbr in abbrs:
            task = _Task(abbr, dataset_cfg=dataset_cfgs.get(abbr))
            path = results_dir / f"{abbr}.json"
            if not path.is_file() and abbr in judged:
                path = judged[abbr] / f"{abbr}.json"
            if path.is_file():
                task.results_path = path
                files.append(path)
                try:
                    data = _read_json(path)
                    task.results = data if isinstance(data, dict) else None
                    if task.results is None:
                        task.problem = f"results/{model}/{abbr}.json is not a JSON object"
                except (ValueError, UnicodeDecodeError) as exc:
                    task.problem = f"results/{model}/{abbr}.json is not JSON ({exc})"
            try:
                task.predictions, task.prediction_paths = _load_predictions(run / "predictions" / model, abbr)
            except (ValueError, UnicodeDecodeError) as exc:
                task.problem = (task.problem + "; " if task.problem else "") + f"predictions not JSON ({exc})"
            files += task.prediction_paths
            tasks.append(task)
        files += [p for p in (*dumps[-1:], summary.csv_path, summary.txt_path) if p is not None]
        out.append(_ModelRun(source=str(run / "results" / model), model=model, model_cfg=model_cfgs.get(model),
                             tasks=tasks, files=files, run_folder=run, summary=summary, summarizer_cfg=summarizer,
                             config_dumps=[p.name for p in dumps], config_lost=config_lost + leftovers,
                             logs=run / "logs" if (run / "logs").is_dir() else None,
                             findings=refused + pair_findings.get(model, []) + (orphans if not out else []),
                             judged=judged))
    if not out and (refused or orphans):
        out.append(_ModelRun(source=str(run), model="", model_cfg=None, tasks=[], files=[], run_folder=run,
                             findings=refused + orphans))
    return out


def _config_leftovers(config: dict[str, Any]) -> list[str]:
    """Top-level config names the report does not carry (helper copies of dataset/model dicts are not listed)."""
    used = {"datasets", "models", "summarizer"}
    parts = [*(config.get("datasets") or []), *(config.get("models") or [])] if isinstance(
        config.get("datasets"), list) and isinstance(config.get("models"), list) else []
    out = []
    for name, value in config.items():
        if name in used or name.startswith("_"):
            continue
        if isinstance(value, dict) and value in parts:
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) and v in parts for v in value):
            continue
        out.append(name)
    return out


def _model_runs_of_station(files: list[Path]) -> list[_ModelRun]:
    by_model: dict[str, _ModelRun] = {}
    for path in files:
        data = _read_json(path)
        if not isinstance(data, dict):
            raise ValueError(f"{path.name} is not a JSON object")
        cfg = as_dict(data.get("cfg"))
        model_cfg = (as_dict(cfg.get("models")) or None)
        dataset_cfg = (as_dict(cfg.get("datasets")) or None)
        model = str(model_cfg.get("abbr")) if model_cfg and isinstance(model_cfg.get("abbr"), str) else path.stem
        dataset = str(dataset_cfg.get("abbr")) if dataset_cfg and isinstance(dataset_cfg.get("abbr"), str) \
            else path.parent.name
        run = by_model.get(model)
        if run is None:
            run = _ModelRun(source=str(path), model=model, model_cfg=model_cfg, tasks=[], files=[], station=True)
            by_model[model] = run
        judge_cfg = as_dict(cfg.get("judge_models"))
        bases = [b for b in (dataset_cfg or {}).get("base_models") or [] if isinstance(b, dict)] \
            if isinstance((dataset_cfg or {}).get("base_models"), list) else []
        if judge_cfg and bases:  # compare mode: values of a pair (the baseline and this model), refused
            base = str(bases[0].get("abbr", "the baseline"))
            run.findings.append(Finding.make(
                "RF640", str(path), folder=f"{path.parent.name}/{path.name}", model_a=base, model_b=model,
                judge=str(judge_cfg.get("abbr", "a judge model")), why=_PAIR_WHY, why_zh=_PAIR_WHY_ZH))
            run.files.append(path)
            continue
        results = (as_dict(data.get("results")) or None)
        task = _Task(dataset, results=results, results_path=path, predictions=_ordered_entries(data.get("predictions")),
                     prediction_paths=[path], dataset_cfg=dataset_cfg)
        if judge_cfg:  # score mode: a judge model gave the values
            run.judged[dataset] = path
        if results is None:
            task.problem = f"{path.name} has no results object"
        run.tasks.append(task)
        run.files.append(path)
    for run in by_model.values():
        if len(run.files) > 1:  # one model's files across dataset folders: <station>/*/<model>.json
            stems = {f.name for f in run.files}
            roots = {f.parent.parent for f in run.files}
            if len(stems) == 1 and len(roots) == 1:
                run.source = str(next(iter(roots)) / "*" / next(iter(stems)))
            else:
                run.source = str(run.files[0]) + f" (+{len(run.files) - 1} station files)"
    return list(by_model.values())


# ---- the converter ---------------------------------------------------------------------------------------------


class OpenCompassConverter:
    name: ClassVar[str] = "opencompass"
    title: ClassVar[str] = "OpenCompass work directory (results, predictions, summary) or --station-path output"

    def sniff(self, path: Path) -> bool:
        try:
            if path.is_file():
                return _looks_like_station_file(path)
            if path.is_dir():
                return bool(_run_folders(path)) or bool(_station_files(path))
        except Exception:
            return False
        return False

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        try:
            folders = [] if path.is_file() else _run_folders(path)
            station = [] if folders else _station_files(path)
        except OSError as exc:
            yield unreadable(path, self.name, f"{type(exc).__name__}: {exc}")
            return
        if not folders and not station:
            yield unreadable(path, self.name, "no OpenCompass run folder (YYYYMMDD_HHMMSS with configs/ and "
                                              "results/) or station file found")
            return
        units: list[tuple[Path, Any]] = [(f, f) for f in folders] or [(path, station)]
        for where, unit in units:
            try:
                runs = _model_runs_of_folder(unit) if isinstance(unit, Path) else _model_runs_of_station(unit)
            except Exception as exc:
                yield failed(where, self.name, exc)
                continue
            if not runs:
                yield unreadable(where, self.name,
                                 "no model found in configs/, results/, predictions/ or the summary")
            for run in runs:
                try:
                    yield _Report(run, options).build()
                except Exception as exc:
                    yield failed(Path(run.source), self.name, exc)


class _Report:
    """One model of one run (or of a station folder) being converted."""

    def __init__(self, run: _ModelRun, options: ConvertOptions) -> None:
        self.run = run
        self.options = options
        self.b = ReportBuilder(run.source, TOOL, None, options, source_format="opencompass",
                               source_files=sorted(set(p for p in run.files if p.is_file())))
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
        short = _short_type(model_type)
        path = cfg.get("path")
        model_id = path if _is_hub_id(path) else None
        if short and _API_CLASSES.search(short):
            access = "api"
        elif short and _OPEN_WEIGHT_CLASSES.search(short):  # the evaluator loaded the weights (hub id or local path)
            access = "open_weights"
        else:
            access = "other"
            why = f" (model class {short} is not an OpenCompass class riskfmt knows)" if short else \
                " (no model config: the class is unknown)"
            self.b.defaulted("model.access", access, hint=why, hint_zh=why)
        self.b.model(run.model, access=access, id=model_id)
        if not cfg:
            self.b.lost("models[].*", f"no config for model {run.model}: only its abbreviation is known")
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
        extra = {k: _scalar(v) for k, v in cfg.items() if k not in known and _scalar(v) is not None}
        if extra:
            self.ext["model_config"] = extra
        dropped = sorted(k for k, v in cfg.items() if k not in known and _scalar(v) is None)
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
                        "not given as evaluations[].started (kept in extensions.opencompass.run_started_local)",
                        "运行目录名记录的是不带时区的本地开始时间；riskfmt 日期必须带时区，"
                        "因此未写入 evaluations[].started（保留在 extensions.opencompass.run_started_local）")
        if run.config_dumps:
            self.ext["config_dumps"] = run.config_dumps
            if len(run.config_dumps) > 1:
                self.b.lost("configs/" + ",".join(run.config_dumps[:-1]),
                            "earlier config dumps of re-runs (-r); the newest one was read")
        for name, why in run.config_lost:
            self.b.lost(name, why)
        if run.summary is not None and run.summary.csv_path is not None:
            self.ext["summary_files"] = sorted(p.name for p in (run.summary.csv_path, run.summary.txt_path) if p)
        if run.logs is not None:
            self.b.lost("logs/infer,logs/eval", "task logs are not carried over (read only to name the error of "
                                                "a failed task)")
        if run.station:
            self.ext["station"] = True

    # -- datasets

    def _dataset(self, task: _Task) -> dict[str, Any]:
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
            per_sample = _per_sample(details, replicas)
            if per_sample is None:
                self.b.lost(f"{self._rel(task)} details", "per-sample details in a shape riskfmt does not read")
        questions, n_how = self._questions(task, per_sample, replicas)
        if questions is not None and n_how:
            self.b.derived(f"{eval_id} results[].n", n_how, n_how)

        if questions is not None:
            self.questions[eval_id] = questions
        entries: list[tuple[str, MetricKey, float]] = []
        for key, raw in (results or {}).items():
            if key in ("details", "error"):
                continue
            parsed = parse_metric_key(key)
            value = finite_number(raw)
            if parsed is None or value is None:
                why = "a BLEU internal the OpenCompass summarizer ignores" if key in _IGNORED_RESULT_KEYS else \
                    f"not a number: {raw!r}"[:200]
                self.b.lost(f"{self._rel(task)} {key}", why)
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
                           "per-question values), on the value's scale; OpenCompass reports none",
                           "由 riskfmt 根据结果 details 中逐样本的正误推算（单次运行按二项分布；"
                           "多次重复与 G-Pass 按逐题取值的均值标准误），量纲与取值一致；OpenCompass 不报告标准误")
        self._samples(evaluation, task, per_sample, replicas)
        return evaluation

    def _rel(self, task: _Task) -> str:
        if self.run.station and task.results_path is not None:
            return f"{task.results_path.parent.name}/{task.results_path.name} results"
        return f"results/{self.run.model}/{task.dataset}.json"

    def _task_object(self, task: _Task, cfg: dict[str, Any], replicas: int) -> tuple[dict[str, Any], dict[str, Any]]:
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
                                                           "(first 6 hex digits, as its summary writes it)",
                           "按 OpenCompass 的 get_prompt_hash 对数据集 infer_cfg 计算"
                           "（取前6位十六进制，与其汇总表一致）")
        elif cfg:
            self.b.lost(f"datasets[{task.dataset}].infer_cfg", "contains expressions riskfmt does not evaluate: no "
                                                               "prompt hash for task.version")
        dataset: dict[str, Any] = {}
        path = cfg.get("path")
        if _is_hub_id(path):
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
            elif _scalar(value) is not None:
                other[key] = _scalar(value)
        if replicas > 1:
            settings["epochs"] = replicas
        if as_int(cfg.get("k")) is not None:
            other["k"] = as_int(cfg.get("k"))
        retriever = as_dict(infer.get("retriever"))
        retriever_type = _short_type(retriever)
        if retriever_type == "ZeroRetriever":
            settings["num_fewshot"] = 0
        elif isinstance(retriever.get("fix_id_list"), list):
            settings["num_fewshot"] = len(retriever["fix_id_list"])
        elif as_int(retriever.get("ice_num")) is not None:
            settings["num_fewshot"] = as_int(retriever.get("ice_num"))
        for name, value in (("retriever", retriever_type), ("inferencer", _short_type(inferencer)),
                            ("dataset_class", _short_type(cfg.get("type")))):
            if value:
                other[name] = value
        eval_cfg = as_dict(cfg.get("eval_cfg"))
        for name in ("evaluator", "pred_postprocessor", "dataset_postprocessor"):
            value = _short_type(eval_cfg.get(name))
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
                self.b.lost(f"datasets[{task.dataset}] settings.{name}", f"{value} is outside the range riskfmt allows")
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

    def _failure(self, task: _Task, results: dict[str, Any] | None, evaluation: dict[str, Any]) -> bool:
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
                name = _exception_name(log) if log is not None and log.is_file() else None
                if name:
                    parts.append(f"{stage} log ends with {name}")
            reason = "; ".join(parts)
        if reason is None:
            return False  # values exist: they are converted
        evaluation["status"] = "error"
        self.b.findings.append(Finding.make("RF603", self.b.source, pointer, status="error"))
        self.b.lost(self._rel(task), f"task failed, no value reported (never a zero): {reason}",
                    f"任务失败，不报告取值（绝不记为零）：{reason}")
        no_values = results is None or not any(finite_number(v) is not None for k, v in results.items() if k != "details")
        if no_values and task.predictions is not None:  # otherwise the values and samples are converted as usual
            self._samples(evaluation, task, None, max(as_int((task.dataset_cfg or {}).get("n")) or 1, 1))
        return no_values

    def _questions(self, task: _Task, per_sample: _PerSample | None, replicas: int) -> tuple[int | None, str]:
        where = self._rel(task).replace(" results", " predictions") if self.run.station else \
            f"predictions/{self.run.model}/{task.dataset}.json"
        if task.predictions is not None and len(task.predictions) and len(task.predictions) % replicas == 0:
            count = len(task.predictions)
            questions = count // replicas
            if per_sample is not None and per_sample.questions != questions:
                self.b.lost(f"{self._rel(task)} details", f"{per_sample.questions} question entries, but the "
                            f"predictions hold {questions}: per-sample correctness not used")
            how = f"counted from {where}: {count} predictions" + (f" / {replicas} replicas" if replicas > 1 else "")
            return questions, how
        if per_sample is not None:
            return per_sample.questions, f"counted from the details entries of {self._rel(task)}"
        return None, ""

    def _metric_result(self, evaluation: dict[str, Any], task: _Task, parsed: MetricKey, key: str, value: float,
                       per_sample: _PerSample | None, questions: int | None, replicas: int,
                       derived: list[str], alias: str | None = None) -> None:
        eval_id = evaluation["id"]
        metric = parsed.metric
        gpass = bool(_GPASS.match(metric))
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
                unit_n = len(rows) * (per_sample.replicas if not gpass else 1)
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
        else:
            why = "no per-sample correctness in the results' details" if not usable else \
                "no per-sample values for this metric"
            self.b.no_uncertainty(mid, why)
        slice_ = {"subgroup": parsed.subdivision} if parsed.subdivision else None
        result = self.b.result(evaluation, metric_obj, value, n=n, uncertainty=uncertainty, slice=slice_,
                               name=f"{eval_id}.{key}")
        if result is None:
            return
        notes_en, notes_zh = [], []
        if parsed.replicas:
            notes_en.append(f"OpenCompass key \"{key}\": the mean over {parsed.replicas} runs of each question "
                            f"(settings.epochs); n counts questions x runs.")
            notes_zh.append(f"OpenCompass 键 \"{key}\"：每题 {parsed.replicas} 次运行的平均（settings.epochs）；"
                            "n 为题数 x 运行次数。")
        if gpass:
            notes_en.append(f"G-Pass family value over questions answered {replicas} times each; n counts questions.")
            notes_zh.append(f"G-Pass 类指标：每题作答 {replicas} 次；n 为题数。")
        if alias and alias != key:
            notes_en.append(f"OpenCompass reports the same value under \"{alias}\" too (the subdivision there is the "
                            "whole dataset); one result is kept.")
            notes_zh.append(f"OpenCompass 还以 \"{alias}\" 报告同一取值（其子集即整个数据集）；只保留一条结果。")
        if parsed.subdivision:
            notes_en.append(f"Subdivision \"{parsed.subdivision}\" (OpenCompass takes it from example_abbr up to its "
                            "first underscore).")
            notes_zh.append(f"子集 \"{parsed.subdivision}\"（OpenCompass 取 example_abbr 第一个下划线之前的部分）。")
        if notes_en:
            result["notes"] = {"en": " ".join(notes_en), "zh": "".join(notes_zh)}

    def _direction(self, task: _Task, metric: str) -> str:
        if _GPASS.match(metric) or _HIGHER_IS_BETTER.search(metric):
            return "higher_is_better"
        self.b.defaulted(f"{task.dataset} {metric} metric.direction", "neither")
        return "neither"

    # -- samples

    def _samples(self, evaluation: dict[str, Any], task: _Task, per_sample: _PerSample | None, replicas: int) -> None:
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
                    prompt = prompt if prompt is not None else _cell(per_sample.prompts, q, r)
                    output = output if output is not None else _cell(per_sample.outputs, q, r)
                    target = target if target is not None else _cell(per_sample.targets, q, r)
                self.b.sample(evaluation, per_sample.question_ids[q] if per_sample is not None else str(q),
                              epoch=r + 1 if replicas > 1 else None,
                              score=None if correct is None else float(correct),
                              verdict=None if correct is None else ("pass" if correct else "fail"),
                              input=prompt, output=output, target=target)

    # -- summary groups

    def _groups(self, evaluations: dict[str, dict[str, Any]]) -> None:
        summary = self.run.summary
        assert summary is not None
        groups: dict[str, list[_SummaryRow]] = {}
        for row in summary.rows:
            if row.version in ("", "-") and row.metric in _GROUP_METRICS and row.dataset not in evaluations:
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
            evaluation["notes"] = {
                "en": f"OpenCompass summary group ({rows[0].metric} of {listed}); its members' own results are in "
                      "this report, so it is not independent evidence.",
                "zh": f"OpenCompass 汇总组（{listed} 的 {rows[0].metric}）；"
                      "成员数据集的结果也在本报告中，并非独立证据。",
            }
            raw_values = raw.get(name, {})
            if isinstance(raw_values.get("error"), str) or any(row.values.get(self.run.model) == "-" for row in rows):
                evaluation["status"] = "error"
                pointer = f"/evaluations/{len(self.b.report['evaluations']) - 1}"
                self.b.findings.append(Finding.make("RF603", self.b.source, pointer, status="error"))
                reason = raw_values.get("error") or "the summary shows '-'"
                self.b.lost(f"summary group {name}", f"not computed, no value reported (never a zero): {reason}",
                            f"OpenCompass 未计算该汇总组，不报告取值（绝不记为零）：{reason}")
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
                                   "(each question once, whatever its number of runs)",
                                   "成员数据集题数之和（每题计一次，不论运行次数）")
                self.b.no_uncertainty(f"{name} {row.metric}", "a summary-group aggregate of other results")
                self.b.result(evaluation, metric_obj, value, n=n, name=f"{evaluation['id']}.{row.metric}")
                if precise:
                    self.ext.setdefault("group_values_from", "summary_*.txt raw format (full precision)")
