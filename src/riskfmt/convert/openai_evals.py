"""OpenAI evals (``oaieval --record_path``) JSONL record logs, recognised by content whatever their extension.

A record log holds, one JSON object per line: the run's ``spec`` (completion fns, eval name, split, run config,
run id, ``created_at``), its events (``sampling``, ``match``, ``metrics``, ``error``, ... each with ``run_id``,
``sample_id``, ``type``, ``data``, ``created_at``) and ``final_report`` (the aggregate metrics). ``final_report`` is
*not* necessarily the last line (evals' ``LocalRecorder`` writes it before flushing the buffered events), so every
line is classified by its keys, never by its position. A log holding several runs gives one report per run.

Mapping:

* model: ``spec.completion_fns[0]`` (a registry name); its version is the ``data.model`` that the sampling events
  name, when they all name the same one. The developer is never guessed from the name (RF609, ``--developer``).
* task: ``spec.base_eval``, version from ``spec.eval_name`` (``<base_eval>.<split>.<version>``), dataset
  ``run_config.eval_spec.args.samples_jsonl`` (a registry-relative name) and ``spec.split``.
* settings: ``run_config.seed``; the eval class, its arguments and ``max_samples`` by name.
* results: ``final_report`` keys (``accuracy`` as a proportion in [0, 1]; ``counts/*`` as counts); n is the
  number of ``match`` events, or ``final_report.n_samples`` (the eval's own count) in a log stripped of its
  events; per-sample verdicts from ``match`` events (``correct`` -> pass / fail).
* dates: ``spec.created_at`` has no time zone, so it is reported lost, never given one; the start and end are
  derived from the events' ``created_at``, which carry one.
* a log without ``final_report`` (an aborted run) gives a report without results, status ``incomplete`` and an
  RF603 finding.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import as_dict, as_list, filled, finite_number, is_scalar
from riskfmt.convert._coerce import parse_date as coerce_date
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder, binomial_se
from riskfmt.findings import Finding

__all__ = ["OpenAIEvalsConverter", "eval_version", "parse_date"]

TOOL = "openai-evals"
_HEAD = re.compile(rb'^\s*\{\s*"spec"\s*:\s*\{')
_LOCAL_PATH = re.compile(r"^(/|~|\.{1,2}[/\\]|[A-Za-z]:[\\/]|\\\\|file:)")
_STD_KEYS = ("boostrap_std", "bootstrap_std")  # evals spells it "boostrap_std"; accept the fixed spelling too
_NO_ZONE = "the date has no time zone (evals writes local time) and none is invented"


def parse_date(value: Any) -> tuple[str | None, str]:
    """(an RFC 3339 date-time with its zone, "") or (None, why not). evals writes ``created_at`` as
    ``YYYY-MM-DD HH:MM:SS.ffffff`` in local time in the spec (no zone) and with ``+00:00`` in events."""
    return coerce_date(value, no_zone=_NO_ZONE)


def eval_version(eval_name: str, base_eval: str, split: str | None) -> str | None:
    """The version part of ``<base_eval>.<split>.<version>`` (``tiny-match.dev.v0`` -> ``v0``)."""
    prefix = f"{base_eval}.{split}." if split else f"{base_eval}."
    if base_eval and eval_name.startswith(prefix) and len(eval_name) > len(prefix):
        return eval_name[len(prefix):]
    return None








@dataclass
class _Match:
    sample_id: str
    correct: Any
    expected: Any
    sampled: Any


@dataclass
class _Run:
    """What the converter keeps of one run (the events' bulky data is dropped as soon as it is read)."""

    run_id: str | None
    spec: dict[str, Any] | None = None
    final_report: dict[str, Any] | None = None
    matches: list[_Match] = field(default_factory=list)
    prompts: dict[str, Any] = field(default_factory=dict)  # first sampling prompt per sample id
    sampled: dict[str, Any] = field(default_factory=dict)
    models: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    event_keys: set[str] = field(default_factory=set)
    data_keys: dict[str, set[str]] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None
    undated: int = 0

    def add_event(self, event: dict[str, Any]) -> None:
        kind = str(event.get("type"))
        self.types[kind] += 1
        self.event_keys.update(k for k, v in event.items() if filled(v))
        data = as_dict(event.get("data"))
        self.data_keys.setdefault(kind, set()).update(k for k, v in data.items() if filled(v))
        sample_id = str(event.get("sample_id")) if event.get("sample_id") is not None else ""
        if kind == "match":
            self.matches.append(_Match(sample_id, data.get("correct"), data.get("expected"), data.get("sampled")))
        elif kind == "sampling":
            if sample_id not in self.prompts:
                self.prompts[sample_id] = data.get("prompt")
                sampled = data.get("sampled")
                self.sampled[sample_id] = sampled[0] if isinstance(sampled, list) and sampled else sampled
            if isinstance(data.get("model"), str) and data["model"]:
                self.models.add(data["model"])
        elif kind == "error":
            self.errors.append(sample_id)
        created = event.get("created_at")
        when = None
        if isinstance(created, str):
            try:
                when = datetime.fromisoformat(created.strip())
            except ValueError:
                when = None
        if when is None or when.tzinfo is None or when.utcoffset() is None:
            self.undated += 1
            return
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when


class OpenAIEvalsConverter:
    name: ClassVar[str] = "openai-evals"
    title: ClassVar[str] = "OpenAI evals (oaieval) record log, JSONL"

    def sniff(self, path: Path) -> bool:
        try:
            path = Path(path)
            if not path.is_file():  # any name: logs are shared as .jsonl, .log, .txt or with no extension
                return False
            with path.open("rb") as handle:
                head = handle.read(65536)
            return bool(_HEAD.match(head)) and b'"eval_name"' in head and b'"completion_fns"' in head
        except Exception:
            return False

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        path = Path(path)
        source = str(path)
        try:
            runs, bad_lines, stray = self._parse(path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            yield Converted(source, None, [Finding.make("RF607", source, path=source, tool=TOOL, detail=str(exc))])
            return
        specs = [run for run in runs.values() if run.spec is not None]
        if not specs:
            yield Converted(source, None, [Finding.make(
                "RF607", source, path=source, tool=TOOL, detail="no spec line: not an OpenAI evals record log")])
            return
        orphans = [run for run in runs.values() if run.spec is None]
        for index, run in enumerate(specs):
            try:
                yield self._build(path, run, bad_lines if index == 0 else [], stray if index == 0 else 0,
                                  orphans if index == 0 else [], options)
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                yield Converted(source, None, [Finding.make(
                    "RF607", source, path=source, tool=TOOL, detail=f"{type(exc).__name__}: {exc}")])

    # ---- parsing ------------------------------------------------------------------------------------

    @staticmethod
    def _parse(path: Path) -> tuple[dict[str | None, _Run], list[int], int]:
        runs: dict[str | None, _Run] = {}
        bad_lines: list[int] = []
        stray = 0
        pending_reports: list[tuple[str | None, dict[str, Any]]] = []
        pending_events: list[dict[str, Any]] = []
        with path.open("r", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    bad_lines.append(number)
                    continue
                if not isinstance(obj, dict):
                    bad_lines.append(number)
                    continue
                if isinstance(obj.get("spec"), dict):
                    spec = obj["spec"]
                    run_id = spec.get("run_id") if isinstance(spec.get("run_id"), str) else None
                    run = runs.setdefault(run_id, _Run(run_id))
                    if run.spec is not None:
                        bad_lines.append(number)  # a second spec for the same run
                    else:
                        run.spec = spec
                elif "final_report" in obj:
                    report = obj["final_report"]
                    if not isinstance(report, dict):
                        bad_lines.append(number)
                        continue
                    run_id = obj.get("run_id") if isinstance(obj.get("run_id"), str) else None
                    pending_reports.append((run_id, report))
                elif "type" in obj:
                    pending_events.append(obj) if obj.get("run_id") is None else (
                        runs.setdefault(str(obj["run_id"]), _Run(str(obj["run_id"]))).add_event(obj))
                else:
                    stray += 1
        only = next(iter(runs.values())) if len(runs) == 1 else None
        for run_id, report in pending_reports:
            target = runs.get(run_id) if run_id is not None else only
            if target is None:
                target = runs.setdefault(run_id, _Run(run_id))
            target.final_report = report
        for event in pending_events:  # events without a run id belong to the log's only run, if it has one
            if only is not None:
                only.add_event(event)
            else:
                stray += 1
        return runs, bad_lines, stray

    # ---- the report ---------------------------------------------------------------------------------

    def _build(self, path: Path, run: _Run, bad_lines: list[int], stray: int, orphans: list[_Run],
               options: ConvertOptions) -> Converted:
        spec = run.spec or {}
        b = ReportBuilder(path, TOOL, None, options, source_format="openai-evals-jsonl", source_files=[path])
        extension: dict[str, Any] = {}
        self._model(b, spec, run)

        base_eval = spec.get("base_eval") if isinstance(spec.get("base_eval"), str) else None
        eval_name = spec.get("eval_name") if isinstance(spec.get("eval_name"), str) else None
        split = spec.get("split") if isinstance(spec.get("split"), str) else None
        task_id = base_eval or eval_name
        if not task_id:
            raise ValueError("the spec names no eval (base_eval, eval_name)")
        run_config = as_dict(spec.get("run_config"))
        eval_spec = as_dict(run_config.get("eval_spec"))
        task: dict[str, Any] = {"id": task_id}
        version = eval_version(eval_name, base_eval, split) if eval_name and base_eval else None
        if version:
            task["version"] = version
        dataset: dict[str, Any] = {}
        args = as_dict(eval_spec.get("args"))
        samples_jsonl = args.get("samples_jsonl")
        if isinstance(samples_jsonl, str) and samples_jsonl:
            if _LOCAL_PATH.match(samples_jsonl):
                b.lost("spec.run_config.eval_spec.args.samples_jsonl", "a local path is never copied")
            elif "://" in samples_jsonl:
                dataset["location"] = samples_jsonl
            else:  # relative to the evals registry's data folder: a name, not a path on the machine
                dataset["name"] = samples_jsonl
        if split:
            dataset["split"] = split
        if dataset:
            task["dataset"] = dataset

        settings = self._settings(b, run_config, eval_spec, args)
        started, completed = self._dates(b, spec, run)
        status = None
        if run.final_report is None:
            status = "incomplete"
            b.status("incomplete (no final_report)")
        evaluation = b.evaluation(eval_name or task_id, task, status=status, settings=settings or None,
                                  started=started, completed=completed)

        if run.final_report is not None:
            extension.update(self._results(b, evaluation, run))
        self._samples(b, evaluation, run)
        self._losses(b, spec, run_config, eval_spec, run, bad_lines, stray, orphans)
        for key in ("run_id", "eval_name", "base_eval", "split"):
            if isinstance(spec.get(key), str) and spec[key]:
                extension[key] = spec[key]
        if isinstance(eval_spec.get("group"), str) and eval_spec["group"]:
            extension["group"] = eval_spec["group"]
        b.report["extensions"] = {"openai-evals": extension}
        return b.finish()

    @staticmethod
    def _model(b: ReportBuilder, spec: dict[str, Any], run: _Run) -> None:
        fns = [f for f in as_list(spec.get("completion_fns")) if isinstance(f, str) and f]
        fields: dict[str, Any] = {}
        if fns:
            name = fns[0]
        else:
            name = "unknown"
            b.defaulted("model.name", name)
        if len(run.models) == 1:
            (model,) = run.models
            if model != name:
                fields["version"] = model
        elif len(run.models) > 1:
            shown = ", ".join(sorted(run.models))
            b.lost("sampling events' data.model", "several models answered ({shown}), so no version is recorded",
                   shown=shown)
        if len(fns) > 1:
            b.lost("spec.completion_fns[1:]", "further completion functions ({functions})",
                   functions=', '.join(fns[1:]))
        if b.options.developer:
            b.model(name, developer=b.options.developer, access="other", **fields)
            return
        b.model(name, developer="unknown", access="other", **fields)
        b.defaulted("model.developer", "unknown", hint=" (evals names a completion function, not its developer; "
                                                       "use --developer)")

    @staticmethod
    def _settings(b: ReportBuilder, run_config: dict[str, Any], eval_spec: dict[str, Any],
                  args: dict[str, Any]) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        other: dict[str, Any] = {}
        seed = run_config.get("seed")
        if isinstance(seed, int) and not isinstance(seed, bool):
            settings["seed"] = seed
        if isinstance(eval_spec.get("cls"), str) and eval_spec["cls"]:
            other["eval_class"] = eval_spec["cls"]
        for key, value in args.items():
            if key == "samples_jsonl" or value is None:
                continue
            if is_scalar(value):
                other[f"args.{key}"] = value
            else:
                b.lost(f"spec.run_config.eval_spec.args.{key}", "not a plain value")
        if is_scalar(run_config.get("max_samples")):
            other["max_samples"] = run_config["max_samples"]
        if other:
            settings["other"] = dict(sorted(other.items()))
        return settings

    @staticmethod
    def _dates(b: ReportBuilder, spec: dict[str, Any], run: _Run) -> tuple[str | None, str | None]:
        started: str | None = None
        completed: str | None = None
        if spec.get("created_at"):
            started, why = parse_date(spec["created_at"])
            if started is None:
                b.lost("spec.created_at", why)
        if started is None and run.first is not None:
            started = run.first.isoformat()
            b.derived("evaluations[0].started", "the earliest created_at of the run's events (the spec's own date "
                                                "has no time zone)")
        start_time = datetime.fromisoformat(started) if started else None
        if run.final_report is not None and run.last is not None and (start_time is None or run.last >= start_time):
            completed = run.last.isoformat()
            b.derived("evaluations[0].completed", "the latest created_at of the run's events")
        return started, completed

    @staticmethod
    def _results(b: ReportBuilder, evaluation: dict[str, Any], run: _Run) -> dict[str, Any]:
        final = run.final_report or {}
        n = len(run.matches)
        extension: dict[str, Any] = {}
        counted = final.get("n_samples")
        if isinstance(counted, int) and not isinstance(counted, bool) and counted > 0:
            extension["final_report.n_samples"] = counted
            if not n:  # a log stripped of its events: the eval's own count of samples is n
                n = counted
                b.derived("accuracy n", "final_report.n_samples (the eval's own count; the log holds no match events)")
        usage: list[str] = []
        spread_key = next((k for k in _STD_KEYS if k in final), None)
        spread = finite_number(final.get(spread_key)) if spread_key else None
        if spread_key and spread is not None:
            extension[f"final_report.{spread_key}"] = spread
        defaulted = False
        for key, value in final.items():
            if key in _STD_KEYS:
                continue
            if key.startswith("usage_"):
                usage.append(key)
                continue
            if key == "n_samples" and "final_report.n_samples" in extension:
                continue  # a count of samples, used as n, not a result
            number = finite_number(value)
            if number is None:
                b.lost(f"final_report.{key}", "not a finite number")
                continue
            metric: dict[str, Any] = {"id": key}
            uncertainty: dict[str, Any] | None = None
            result_n: int | None = None
            if key == "accuracy":
                metric.update(kind="proportion", unit="1", direction="higher_is_better")
                if 0 <= number <= 1:  # evals' accuracy is a mean of booleans; a log saying otherwise is not trusted
                    metric.update(min=0, max=1)
                defaulted = True
                result_n = n or None
                if n and 0 <= number <= 1:
                    # evals' "boostrap_std" is np.std of 1000 means of random half-samples drawn without
                    # replacement (random.sample(vals, n // 2)) with the unseeded global random, so it differs on
                    # every run of the same log (0.2136 / 0.2076 / 0.2062 for the same 4 of 6). In expectation its
                    # square is p(1-p)/(n-1), close to but not the variance of the full-sample accuracy, and it is a
                    # Monte Carlo estimate, not a bootstrap of the accuracy. Rather than pass it off as a standard
                    # error (or as a standard deviation of the scores, which it is not either), the standard error
                    # is derived from what the log states exactly: the accuracy p and n match events, as the
                    # binomial sqrt(p(1-p)/n). The producer's number is kept under extensions, uninterpreted.
                    se = binomial_se(number, n)
                    uncertainty = {"standard_error": se, "method": "derived"}
                    if spread is not None:
                        b.derived("accuracy uncertainty.standard_error",
                                  "binomial sqrt(p(1-p)/n) from the accuracy and n = {n} match events; {spread_key} "
                                  "({spread:.4g}) is not a standard error and is kept under extensions",
                                  n=n, spread_key=spread_key, spread=spread)
                    else:
                        b.derived("accuracy uncertainty.standard_error",
                                  "binomial sqrt(p(1-p)/n) from the accuracy and n = {n} match events", n=n)
                else:
                    b.no_uncertainty("accuracy", "the log has no match events to count n from")
            elif key.startswith("counts/"):
                metric.update(kind="count", unit="count", direction="neither")
                if number >= 0:
                    metric["min"] = 0
            else:
                metric.update(kind="score", direction="higher_is_better")
                defaulted = True
                b.no_uncertainty(key)
            b.result(evaluation, metric, number, n=result_n, uncertainty=uncertainty)
        if defaulted:
            b.defaulted("results[].metric.direction", "higher_is_better",
                        hint=" (evals records no direction)")
        if usage or run.data_keys.get("sampling", set()) & {"usage"}:
            fields = [f"final_report.{k}" for k in usage]
            if "usage" in run.data_keys.get("sampling", set()):
                fields.append("sampling events' data.usage")
            b.lost(", ".join(fields), "token counts have no place in a riskfmt report")
        return extension

    @staticmethod
    def _samples(b: ReportBuilder, evaluation: dict[str, Any], run: _Run) -> None:
        seen: set[str] = set()
        repeated = 0
        for match in run.matches:
            if match.sample_id in seen:
                repeated += 1
                continue
            seen.add(match.sample_id)
            if isinstance(match.correct, bool):
                score, verdict = (1.0, "pass") if match.correct else (0.0, "fail")
            else:
                score, verdict = None, None
            output = match.sampled if match.sampled is not None else run.sampled.get(match.sample_id)
            b.sample(evaluation, match.sample_id, score=score, verdict=verdict,
                     input=run.prompts.get(match.sample_id), output=output, target=match.expected)
        for sample_id in dict.fromkeys(run.errors):
            if sample_id and sample_id not in seen:
                seen.add(sample_id)
                b.sample(evaluation, sample_id, verdict="error", input=run.prompts.get(sample_id))
        if repeated:
            b.lost("match events after the first of a sample",
                   "{repeated} further match event(s) count in n but a sample has one row", repeated=repeated)

    @staticmethod
    def _losses(b: ReportBuilder, spec: dict[str, Any], run_config: dict[str, Any], eval_spec: dict[str, Any],
                run: _Run, bad_lines: list[int], stray: int, orphans: list[_Run]) -> None:
        if filled(run_config.get("command")):
            b.lost("spec.run_config.command", "the command line holds paths of the machine that ran the evaluation")
        if filled(eval_spec.get("registry_path")):
            b.lost("spec.run_config.eval_spec.registry_path", "a local path is never copied")
        if filled(run_config.get("initial_settings")):
            b.lost("spec.run_config.initial_settings", "display settings")
        creators = [spec.get("created_by")] + (["events' created_by"] if "created_by" in run.event_keys else [])
        if any(filled(c) for c in creators):
            b.lost("spec.created_by, events' created_by", "who ran the evaluation (use --organization)")
        handled = {"completion_fns", "eval_name", "base_eval", "split", "run_config", "created_by", "run_id",
                   "created_at"}
        rest = sorted(k for k, v in spec.items() if k not in handled and filled(v))
        if rest:
            b.lost(", ".join(f"spec.{k}" for k in rest), "no riskfmt field")
        handled_rc = {"completion_fns", "eval_spec", "seed", "max_samples", "command", "initial_settings"}
        rest = sorted(k for k, v in run_config.items() if k not in handled_rc and filled(v))
        if rest:
            b.lost(", ".join(f"spec.run_config.{k}" for k in rest), "no riskfmt field")
        match_rest = sorted(run.data_keys.get("match", set()) - {"correct", "expected", "sampled"})
        if match_rest:
            b.lost("match events' data." + ", ".join(match_rest), "what the matcher picked among the options")
        if run.types.get("sampling"):
            b.lost("sampling events' data.prompt, sampled", "prompts and completions are kept only as digests in the "
                                                            "per-sample rows")
        if run.types.get("metrics"):
            count = run.types["metrics"]
            b.lost("metrics events", "{count} per-sample metric record(s); the final_report's aggregates are kept",
                   count=count)
        if run.errors:
            b.lost("error events", "{errors} error record(s); their messages are not copied, and samples without a "
                                   "match get verdict error", errors=len(run.errors))
        others = sorted(t for t in run.types if t not in ("sampling", "match", "metrics", "error"))
        if others:
            b.lost("events of type " + ", ".join(others), "no riskfmt field")
        if run.undated:
            b.lost("events' created_at", "{undated} event date(s) without a time zone were not used",
                   undated=run.undated)
        if bad_lines:
            shown = ", ".join(str(n) for n in bad_lines[:10]) + (" ..." if len(bad_lines) > 10 else "")
            b.lost(f"line(s) {shown}", "not a JSON object of the record log (truncated or repeated)")
        if stray:
            b.lost("lines without spec, final_report or type", "{stray} line(s) of unknown kind", stray=stray)
        for orphan in orphans:
            b.lost(f"run {orphan.run_id}", "events or a final_report of a run whose spec line is missing")
