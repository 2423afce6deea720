"""``InspectConverter``: recognising Inspect logs (``.eval`` archives and ``.json``), reading them safely, and
building one report per log."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import as_dict, as_list, filled, is_scalar
from riskfmt.convert.archive import ArchiveLimits, SafeZip, UnreadableArchive, UnsafeArchive
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder
from riskfmt.convert.inspect_ai.facts import LogFacts
from riskfmt.convert.inspect_ai.results import ResultReader, sample_order
from riskfmt.convert.inspect_ai.samples import Sample
from riskfmt.findings import Finding
from riskfmt.i18n.text import translate

TOOL = "inspect-ai"

_SAMPLE_NAME = re.compile(r"^samples/[^/]+\.json$")
_JSON_HEAD = re.compile(rb'^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"[a-z]+"\s*,\s*"eval"\s*:\s*\{')


class InspectConverter(LogFacts, ResultReader):
    name: ClassVar[str] = "inspect"
    title: ClassVar[str] = "Inspect (UK AISI inspect-ai) log, .eval or .json"

    def __init__(self, limits: ArchiveLimits | None = None) -> None:
        self.limits = limits or ArchiveLimits()


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

    def _read_eval(self, path: Path) -> tuple[dict[str, Any], list[Sample | None], str]:
        with SafeZip(path, self.limits) as archive:
            if "header.json" in archive:
                log = _json_object(archive.read("header.json"), "header.json")
            elif "_journal/start.json" in archive:
                # a log still being written (or whose writer died): the header comes at the end
                log = _json_object(archive.read("_journal/start.json"), "_journal/start.json")
                log["status"] = "started"
            else:
                raise ValueError("not an Inspect log: the archive has no header.json")
            samples = [Sample.parse(archive.read(name)) for name in archive.names() if _SAMPLE_NAME.match(name)]
            if "reductions.json" in archive and "reductions" not in log:
                log["reductions"] = ["(reductions.json, not read: the per-epoch samples are)"]
        return log, samples, "inspect-eval"

    @staticmethod
    def _read_json(path: Path) -> tuple[dict[str, Any], list[Sample | None], str]:
        log = _json_object(path.read_bytes(), path.name)
        raw = log.pop("samples", None) or []
        if not isinstance(raw, list):
            raise ValueError("samples is not a list")
        scorer = as_dict(as_dict(log.get("results")).get("scorer")).get("name")
        if isinstance(scorer, str) and scorer:
            # before inspect-ai 0.3.18 a sample held one ``score``, of the log's one scorer
            raw = [{**s, "scores": {scorer: s["score"]}} if isinstance(s, dict) and "score" in s and "scores" not in s
                   else s for s in raw]
        return log, [Sample.of(s) for s in raw], "inspect-json"


    def _build(self, path: Path, log: dict[str, Any], samples: list[Sample], fmt: str,
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
        order = sample_order(spec)
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
            return Converted(str(path), None, [*b.findings, Finding.make(
                "RF614", str(path), path=str(path), tool=TOOL, why=why, why_zh=translate(why, "zh", "conversion"))])
        if headline:
            extension["headline"] = headline
        self._samples(b, evaluation, samples, results, spec)
        self._report_losses(b, log, spec, samples, epochs, options)
        if unreadable:
            b.lost("samples[] (unreadable)", "{unreadable} sample record(s) that are not JSON objects",
                   unreadable=unreadable)

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
                                               "extensions.inspect.revision")
        b.report["extensions"] = {"inspect": {k: v for k, v in extension.items() if v is not None}}
        return b.finish()


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
