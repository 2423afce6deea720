"""Where an OpenCompass run keeps what: run folders and station files, the summary table, predictions, and the
models and tasks of one run (``ModelRun``), each with the files it came from."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskfmt.convert._coerce import as_dict
from riskfmt.convert.opencompass.config import MAX_CONFIG_VALUES, ConfigTooLarge, parse_config
from riskfmt.convert.opencompass.names import GROUP_METRICS, JUDGED, TS, split_judged
from riskfmt.convert.opencompass.samples import ordered_entries
from riskfmt.findings import Finding
from riskfmt.i18n.text import translate

_MAX_CONFIG_BYTES = 20 * 1024 * 1024
_MAX_SNIFF_ENTRIES = 2000
# why a part of the config is not carried over: templates the reader fills (``ModelRun.config_lost``), so each is
# one catalogue entry (msgctxt "conversion") with its Chinese
CONFIG_LOST = {
    "too_large": "larger than {limit} bytes: not read",
    "unreadable": "not readable as a Python literal config ({error}): model and dataset settings, prompt hashes "
                  "and summary groups are unknown",
    "work_dir": "a path on the evaluator's system",
    "leftover": "config entries with no riskfmt field",
}


def exception_name(log: Path) -> str | None:
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
class SummaryRow:
    dataset: str
    version: str
    metric: str
    mode: str
    values: dict[str, str]  # model abbr -> cell text


@dataclass
class _Summary:
    csv_path: Path | None = None
    txt_path: Path | None = None
    rows: list[SummaryRow] = field(default_factory=list)
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
                    summary.rows.append(SummaryRow(cells[0], cells[1], cells[2], cells[3],
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


# ---- inputs ----------------------------------------------------------------------------------------------------


@dataclass
class Task:
    """One (model, dataset) pair of a run."""

    dataset: str
    results: dict[str, Any] | None = None
    results_path: Path | None = None
    predictions: list[Any] | None = None
    prediction_paths: list[Path] = field(default_factory=list)
    dataset_cfg: dict[str, Any] | None = None
    problem: str | None = None  # unreadable file


@dataclass
class ModelRun:
    """Everything one report is built from."""

    source: str
    model: str
    model_cfg: dict[str, Any] | None
    tasks: list[Task]
    files: list[Path]
    run_folder: Path | None = None
    summary: _Summary | None = None
    summarizer_cfg: dict[str, Any] | None = None
    config_dumps: list[str] = field(default_factory=list)
    # (field, key of CONFIG_LOST, the values of its template)
    config_lost: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)
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
        return bool(TS.match(path.name)) or (_looks_like_config_dump(path / "configs") and _has_model_json(path))
    except OSError:
        return False


def run_folders(path: Path) -> list[Path]:
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


def looks_like_station_file(path: Path) -> bool:
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


def station_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path] if looks_like_station_file(path) else []
    found = []
    try:
        for count, child in enumerate(sorted(path.iterdir())):
            if count > _MAX_SNIFF_ENTRIES:
                break
            if child.is_dir():  # <station>/<dataset>/<model>.json (any file name: judged by content)
                for index, candidate in enumerate(sorted(child.iterdir())):
                    if index >= _MAX_SNIFF_ENTRIES:
                        break
                    if looks_like_station_file(candidate):
                        found.append(candidate)
            elif looks_like_station_file(child):  # one dataset's folder, <dataset>/<model>.json
                found.append(child)
    except OSError:
        return []
    return found


def _load_predictions(folder: Path, dataset: str) -> tuple[list[Any] | None, list[Path]]:
    """``<dataset>.json``, or the split files ``<dataset>_0.json``, ``_1.json`` ... concatenated in order."""
    single = folder / f"{dataset}.json"
    if single.is_file():
        return ordered_entries(_read_json(single)), [single]
    parts, entries = [], []
    index = 0
    while (folder / f"{dataset}_{index}.json").is_file():
        part = folder / f"{dataset}_{index}.json"
        parts.append(part)
        entries.extend(ordered_entries(_read_json(part)) or [])
        index += 1
    return (entries, parts) if parts else (None, [])


_PAIR_WHY = ("a riskfmt report describes one model, and which of the two models each value belongs to is set by "
             "the dataset's postprocessor, which the results file does not record")


def model_runs_of_folder(run: Path) -> list[ModelRun]:
    config: dict[str, Any] = {}
    dumps = sorted((run / "configs").glob("*.py"))
    config_lost: list[tuple[str, str, dict[str, object]]] = []
    refused: list[Finding] = []
    for dump in dumps[-1:]:
        if dump.stat().st_size > _MAX_CONFIG_BYTES:
            config_lost.append((f"configs/{dump.name}", "too_large", {"limit": _MAX_CONFIG_BYTES}))
            continue
        try:
            config = parse_config(dump.read_text(encoding="utf-8", errors="replace"))
        except ConfigTooLarge:
            refused.append(Finding.make("RF642", str(dump), path=f"configs/{dump.name}", limit=MAX_CONFIG_VALUES))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            config_lost.append((f"configs/{dump.name}", "unreadable", {"error": type(exc).__name__}))
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
                if JUDGED.match(child.name):
                    if sub == "results":
                        judged_dirs.append(child)
                else:
                    names.append(child.name)
    names += [m for m in summary.models if not JUDGED.match(m)]
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
            prefix = JUDGED.match(folder.name).group("prefix")  # type: ignore[union-attr]
            orphans.append(Finding.make("RF641", str(folder), folder=rel, prefix=prefix))
        elif len(members) == 1:
            for dataset in judged_sets:
                judged_by_model.setdefault(members[0], {})[dataset] = folder
        else:
            finding = Finding.make("RF640", str(folder), folder=rel, model_a=members[0], model_b=members[1],
                                   judge=judge, why=_PAIR_WHY, why_zh=translate(_PAIR_WHY, "zh", "conversion"))
            for member in members:
                pairwise.setdefault(member, set()).update(judged_sets)
                pair_findings.setdefault(member, []).append(finding)

    leftovers: list[tuple[str, str, dict[str, object]]] = [
        (f"configs/*.py {name}", "work_dir" if name == "work_dir" else "leftover", {})
        for name in _config_leftovers(config)]
    group_names = {row.dataset for row in summary.rows if row.version in ("", "-") and row.metric in GROUP_METRICS}
    out: list[ModelRun] = []
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
            task = Task(abbr, dataset_cfg=dataset_cfgs.get(abbr))
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
        out.append(ModelRun(source=str(run / "results" / model), model=model, model_cfg=model_cfgs.get(model),
                             tasks=tasks, files=files, run_folder=run, summary=summary, summarizer_cfg=summarizer,
                             config_dumps=[p.name for p in dumps], config_lost=config_lost + leftovers,
                             logs=run / "logs" if (run / "logs").is_dir() else None,
                             findings=refused + pair_findings.get(model, []) + (orphans if not out else []),
                             judged=judged))
    if not out and (refused or orphans):
        out.append(ModelRun(source=str(run), model="", model_cfg=None, tasks=[], files=[], run_folder=run,
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


def model_runs_of_station(files: list[Path]) -> list[ModelRun]:
    by_model: dict[str, ModelRun] = {}
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
            run = ModelRun(source=str(path), model=model, model_cfg=model_cfg, tasks=[], files=[], station=True)
            by_model[model] = run
        judge_cfg = as_dict(cfg.get("judge_models"))
        bases = [b for b in (dataset_cfg or {}).get("base_models") or [] if isinstance(b, dict)] \
            if isinstance((dataset_cfg or {}).get("base_models"), list) else []
        if judge_cfg and bases:  # compare mode: values of a pair (the baseline and this model), refused
            base = str(bases[0].get("abbr", "the baseline"))
            run.findings.append(Finding.make(
                "RF640", str(path), folder=f"{path.parent.name}/{path.name}", model_a=base, model_b=model,
                judge=str(judge_cfg.get("abbr", "a judge model")), why=_PAIR_WHY,
                why_zh=translate(_PAIR_WHY, "zh", "conversion")))
            run.files.append(path)
            continue
        results = (as_dict(data.get("results")) or None)
        task = Task(dataset, results=results, results_path=path, predictions=ordered_entries(data.get("predictions")),
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
