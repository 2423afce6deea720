"""Writers for ``riskfmt convert --to``: riskfmt JSON, CSV (one row per result), Markdown; EEE's is eee.write.

Which writer a ``--to`` name runs is read from ``registry.ENTRIES``. Writers hand their files to
``sink.emit``; ``write`` checks the output first (``riskfmt.io.check_output``), stages
every file and commits them together at the end, so a run that fails leaves nothing at ``-o``. Never over an
input. A report that would not validate, or that carries a detected leak, is not written (RF011).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

from riskfmt.convert import registry
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.sink import OutputError, Writer, emit, folder_named, sink
from riskfmt.findings import Finding, Severity
from riskfmt.i18n.text import translate
from riskfmt.io import OutputRefused, check_output, portable_name

__all__ = ["TARGETS", "OutputError", "OutputRefused", "rows", "write", "write_csv", "write_markdown",
           "write_riskfmt"]


def _dump(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _stem(source: str) -> str:
    name = Path(source).name
    for suffix in (".json", ".yaml", ".yml", ".eval", ".jsonl"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return portable_name(name) if name else "report"


def write_riskfmt(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
    from riskfmt.identity import report_id

    reports = [c for c in items if c.report is not None]
    findings: list[Finding] = []
    single = not _folder_output("riskfmt", out, len(reports), folder_named())
    if not single and (out is None or str(out) == "-"):
        raise OutputError("several reports need an output folder: -o FOLDER")
    used: set[str] = set()
    for item in reports:
        assert item.report is not None
        if single:
            target = None if out is None or str(out) == "-" else out
        else:
            stem = _stem(item.source)
            name, counter = f"{stem}.riskfmt.json", 2
            while name in used:
                name, counter = f"{stem}-{counter}.riskfmt.json", counter + 1
            used.add(name)
            target = out / name  # type: ignore[operator]
        if item.samples_files:
            if target is None:
                raise OutputError("--samples file needs an output file or folder, not standard output")
            for eval_id, rows in item.samples_files:
                body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
                stem = target.name.removesuffix(".json")
                samples_path = target.with_name(f"{stem}.{portable_name(eval_id)}.samples.jsonl")
                emit(samples_path, body)
                for evaluation in item.report["evaluations"]:
                    if evaluation["id"] == eval_id:
                        evaluation["samples"] = {"file": {"path": samples_path.name,
                                                          "digest": "sha256:" + hashlib.sha256(body).hexdigest(),
                                                          "rows": len(rows)}}
            item.report["report_id"] = report_id(item.report)
        emit(target, _dump(item.report))
    return findings


_CSV_COLUMNS = [
    "marking", "report_id", "producer", "relationship", "tool", "tool_version", "model", "model_version", "evaluation",
    "task", "task_version", "method", "status", "result", "risks", "risk_labels_en", "risk_labels_zh", "metric",
    "direction",
    "unit", "value", "standard_error", "ci_lower", "ci_upper", "ci_level", "uncertainty_method", "n", "language",
    "locale", "subgroup", "split", "perturbation",
]


def rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    from riskfmt.vocab import load_vocabulary

    try:
        vocab = load_vocabulary(report.get("vocabulary_version"))
    except (FileNotFoundError, KeyError):
        vocab = load_vocabulary()
    out = []
    producer = report["producer"]
    for evaluation in report["evaluations"]:
        for result in evaluation.get("results", []):
            uncertainty = result.get("uncertainty", {})
            ci = uncertainty.get("ci", {})
            sl = result.get("slice", {})
            labels = [vocab.get(r) for r in result["risks"]]
            out.append({
                # every row carries the document's TLP label: a spreadsheet row travels on its own
                "marking": "TLP:" + report["marking"]["tlp"],
                "report_id": report["report_id"],
                "producer": producer["organization"]["name"].get("en") or producer["organization"]["name"].get("zh"),
                "relationship": producer["relationship"], "tool": producer["tool"]["name"],
                "tool_version": producer["tool"]["version"], "model": report["model"]["name"],
                "model_version": report["model"].get("version", ""), "evaluation": evaluation["id"],
                "task": evaluation["task"]["id"], "task_version": evaluation["task"].get("version", ""),
                "method": evaluation["method"], "status": evaluation.get("status", "completed"), "result": result["id"],
                "risks": ";".join(result["risks"]),
                "risk_labels_en": ";".join(c.label("en") if c else "?" for c in labels),
                "risk_labels_zh": ";".join(c.label("zh") if c else "?" for c in labels),
                "metric": result["metric"]["id"], "direction": result["metric"]["direction"],
                "unit": result["metric"].get("unit", ""), "value": result["value"],
                "standard_error": uncertainty.get("standard_error", ""), "ci_lower": ci.get("lower", ""),
                "ci_upper": ci.get("upper", ""), "ci_level": ci.get("level", ""),
                "uncertainty_method": uncertainty.get("method", ""), "n": result.get("n", ""),
                **{k: sl.get(k, "") for k in ("language", "locale", "subgroup", "split", "perturbation")},
            })
    return out


def write_csv(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        if item.report is not None:
            writer.writerows(rows(item.report))
    emit(out, buffer.getvalue().encode("utf-8"))
    return []


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def write_markdown(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
    zh = lang == "zh"
    lines: list[str] = []
    for item in items:
        if item.report is None:
            continue
        report = item.report
        model = report["model"]
        org = report["producer"]["organization"]["name"]
        title = (report.get("title") or {}).get("zh" if zh else "en") or f"{model['name']} ({report['report_id']})"
        lines += [f"# {title}", ""]
        head = [translate(word, "zh" if zh else "en", "markdown table")
                for word in ("Model", "Producer", "Tool", "Marking")]
        producer = org.get("zh" if zh else "en") or org.get("en") or org.get("zh")
        lines += [
            f"- **{head[0]}**: {model['name']} {model.get('version', '')}".rstrip(),
            f"- **{head[1]}**: {producer} ({report['producer']['relationship']})",
            f"- **{head[2]}**: {report['producer']['tool']['name']} {report['producer']['tool']['version']}",
            f"- **{head[3]}**: TLP:{report['marking']['tlp']}",
            "",
        ]
        columns = [translate(word, "zh" if zh else "en", "markdown table")
                   for word in ("Task", "Metric", "Value", "SE", "n", "Risks")]
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in rows(report):
            labels = row["risk_labels_zh" if zh else "risk_labels_en"].replace(";", "; ")
            lines.append(f"| {row['task']} | {row['metric']} | {_fmt(row['value'])} | {_fmt(row['standard_error'])} | "
                         f"{row['n']} | {labels} |")
        lines.append("")
    emit(out, ("\n".join(lines).rstrip() + "\n").encode("utf-8"))
    return []


def _lazy(target: str) -> Writer:
    """A writer imported on its first call (EEE's lives in its converter's package)."""

    def call(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
        found: list[Finding] = registry.load(target)(items, out, options, lang)
        return found

    return call


# --to name -> writer, from the registry; a dict, so a test can put a writer of its own in
TARGETS: dict[str, Writer] = {name: _lazy(str(registry.by_name(name).writer)) for name in registry.writer_names()}


def _folder_output(target: str, out: Path | None, reports: int, named_folder: bool = False) -> bool:
    """Whether ``-o`` is a folder: for riskfmt reports when it is an existing folder, ends in a slash, or
    several reports are written; for EEE records unless it is a ``.json`` file; never for CSV and Markdown
    (one table, one file)."""
    if out is None or str(out) == "-":
        return False
    named_folder = named_folder or out.is_dir() or str(out).endswith(("/", os.sep))
    if target == "riskfmt":
        return named_folder or reports > 1
    if target == "eee":
        return named_folder or out.suffix.lower() != ".json"
    return False


def _gate(items: list[Converted]) -> list[Finding]:
    """Validate every converted report (the leak checks included) before anything is written; a report
    with an error is dropped from the output, its findings kept, and RF011 says it was not written."""
    from riskfmt.validation import validate_data

    out: list[Finding] = []
    for item in items:
        if item.report is None:
            continue
        result = validate_data(item.report, source=item.source, check_samples=False)
        errors = [f for f in result.findings if f.severity == Severity.ERROR]
        if errors:
            known = set(item.findings)
            item.findings.extend(f for f in result.findings if f not in known)
            item.findings.append(Finding.make("RF011", item.source, path=item.source))
            item.report = None
            out.extend(errors)
    return out


def write(target: str, items: list[Converted], out: Path | None, options: ConvertOptions, lang: str = "en", *,
          force: bool = False, inputs: list[str] | None = None, folder: bool = False) -> list[Finding]:
    """Write the converted reports as ``target`` to ``out`` (None or "-": standard output), all or nothing.
    ``folder``: ``out`` was named as a folder (``-o OUT/``) though it does not exist yet.

    Raises ``OutputRefused`` (I/O findings, exit 2) for an output that must not be written and
    ``OutputError`` for one that cannot hold what was converted (a usage error).
    """
    _gate(items)  # first: what would not validate (a "kind" that is a list, say) is not written at all
    if target != "riskfmt":
        kinds = {str(c.report.get("kind")) for c in items if c.report is not None}
        if kinds - {"evaluation-report"}:
            raise OutputError(f"--to {target} writes evaluation reports; got {', '.join(sorted(kinds))} "
                              "(use --to riskfmt)")
    sources = [c.source for c in items] + list(inputs or [])
    count = sum(1 for c in items if c.report is not None)
    folder = _folder_output(target, out, count, folder)
    if out is not None and str(out) != "-":
        check_output(out, kind="folder" if folder else "file", inputs=sources, force=force)
    if count == 0:
        return []  # nothing to write: nothing at -o either
    with sink(out, folder=folder, force=force) as staged:
        findings = TARGETS[target](items, out, options, lang)
    if staged.staged is not None:
        for path in staged.staged.paths:  # files named after the inputs, beside or below -o
            check_output(path, kind="file", inputs=sources, force=True)
    staged.commit()
    return findings
