"""Writers for ``riskfmt convert --to``: riskfmt JSON, CSV (one row per result), Markdown; EEE lives in eee.py.

Outputs are written atomically and never over an input.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Callable

from riskfmt.convert.base import ConvertOptions, Converted
from riskfmt.findings import Finding
from riskfmt.io import atomic_write_bytes, portable_name

__all__ = ["TARGETS", "write", "OutputError"]


class OutputError(Exception):
    """The output cannot be written as asked (a usage error: exit 2)."""


Writer = Callable[[list[Converted], "Path | None", ConvertOptions, str], list[Finding]]


def _dump(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _stem(source: str) -> str:
    name = Path(source).name
    for suffix in (".json", ".yaml", ".yml", ".eval", ".jsonl"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return portable_name(name) if name else "report"


def _emit(out: Path | None, data: bytes) -> None:
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out, data)


def write_riskfmt(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
    from riskfmt.identity import report_id
    from riskfmt.validation import validate_data

    reports = [c for c in items if c.report is not None]
    findings: list[Finding] = []
    single = len(reports) == 1 and (out is None or str(out) == "-" or out.suffix.lower() == ".json")
    if not single and (out is None or str(out) == "-"):
        raise OutputError("several reports need an output folder: -o FOLDER")
    if out is not None and str(out) != "-" and not single:
        out.mkdir(parents=True, exist_ok=True)
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
                samples_path = target.with_name(
                    f"{target.name.removesuffix('.json')}.{portable_name(eval_id)}.samples.jsonl")
                atomic_write_bytes(samples_path, body)
                import hashlib

                for evaluation in item.report["evaluations"]:
                    if evaluation["id"] == eval_id:
                        evaluation["samples"] = {"file": {"path": samples_path.name,
                                                          "digest": "sha256:" + hashlib.sha256(body).hexdigest(),
                                                          "rows": len(rows)}}
            item.report["report_id"] = report_id(item.report)
            findings.extend(validate_data(item.report, source=str(target), base_dir=target.parent).findings)
        _emit(target, _dump(item.report))
    return findings


_CSV_COLUMNS = [
    "marking", "report_id", "producer", "relationship", "tool", "tool_version", "model", "model_version", "evaluation", "task",
    "task_version", "method", "status", "result", "risks", "risk_labels_en", "risk_labels_zh", "metric", "direction",
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
    _emit(out, buffer.getvalue().encode("utf-8"))
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
        head = (("模型", "评估方", "工具", "标记") if zh else ("Model", "Producer", "Tool", "Marking"))
        lines += [
            f"- **{head[0]}**: {model['name']} {model.get('version', '')}".rstrip(),
            f"- **{head[1]}**: {org.get('zh' if zh else 'en') or org.get('en') or org.get('zh')} ({report['producer']['relationship']})",
            f"- **{head[2]}**: {report['producer']['tool']['name']} {report['producer']['tool']['version']}",
            f"- **{head[3]}**: TLP:{report['marking']['tlp']}",
            "",
        ]
        columns = ("任务", "指标", "取值", "标准误", "n", "风险") if zh else ("Task", "Metric", "Value", "SE", "n", "Risks")
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in rows(report):
            labels = row["risk_labels_zh" if zh else "risk_labels_en"].replace(";", "; ")
            lines.append(f"| {row['task']} | {row['metric']} | {_fmt(row['value'])} | {_fmt(row['standard_error'])} | "
                         f"{row['n']} | {labels} |")
        lines.append("")
    _emit(out, ("\n".join(lines).rstrip() + "\n").encode("utf-8"))
    return []


def _eee(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
    from riskfmt.convert.eee import write_eee

    return write_eee(items, out, options, lang)


TARGETS: dict[str, Writer] = {"riskfmt": write_riskfmt, "eee": _eee, "csv": write_csv, "markdown": write_markdown}


def write(target: str, items: list[Converted], out: Path | None, options: ConvertOptions, lang: str = "en") -> list[Finding]:
    if target != "riskfmt":
        kinds = {c.report.get("kind") for c in items if c.report is not None}
        if kinds - {"evaluation-report"}:
            raise OutputError(f"--to {target} writes evaluation reports; got {', '.join(sorted(map(str, kinds)))} "
                              "(use --to riskfmt)")
    sources = {Path(c.source).resolve() for c in items}
    if out is not None and str(out) != "-" and out.resolve() in sources:
        raise OutputError(f"refusing to write over the input {out}")
    return TARGETS[target](items, out, options, lang)
