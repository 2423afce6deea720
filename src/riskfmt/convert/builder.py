"""Assemble a riskfmt report from a producer's facts, recording every loss as a finding.

Converters call the builder instead of writing report dictionaries by hand, so ids, digests, content
withholding, task-to-risk mapping, provenance and the report id work the same way for every tool.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.tasks import load_task_map
from riskfmt.findings import Finding

__all__ = ["ReportBuilder", "bilingual", "binomial_se", "local_id", "mean_se", "sha256_file", "sha256_text",
           "wilson_interval"]

_ID_BAD = re.compile(r"[^A-Za-z0-9._:-]+")


def local_id(text: str) -> str:
    """A LocalId from any producer name: disallowed characters become '-', at most 128 characters."""
    cleaned = _ID_BAD.sub("-", text).strip("-._:") or "x"
    if not cleaned[0].isalnum():
        cleaned = "x" + cleaned
    return cleaned[:128]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def sha256_text(text: Any) -> str:
    """Digest of a sample's content; non-strings are digested as their canonical JSON."""
    if not isinstance(text, str):
        import json

        text = json.dumps(text, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def binomial_se(p: float, n: int) -> float:
    """Standard error of a proportion."""
    return math.sqrt(max(p * (1 - p), 0.0) / n) if n > 0 else float("nan")


def mean_se(values: list[float]) -> float:
    """Standard error of a mean: sample standard deviation over sqrt(n)."""
    n = len(values)
    if n < 2:
        return float("nan")
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return math.sqrt(variance / n)


def wilson_interval(p: float, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval of a proportion (95% by default)."""
    if n <= 0:
        return (0.0, 1.0)
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


class ReportBuilder:
    def __init__(self, source: Path | str, tool: str, tool_version: str | None, options: ConvertOptions,
                 source_format: str | None = None, source_files: Iterable[Path] = ()) -> None:
        from riskfmt import __version__
        from riskfmt.vocab import latest_version

        self.source = str(source)
        self.tool = tool
        self.options = options
        self.findings: list[Finding] = []
        self.task_map = load_task_map(options.task_map)
        self._unmapped: set[str] = set()
        self._ids: set[str] = set()
        self._evaluation_ids = self._ids  # kept for converters that restore ids; one namespace with results
        self._samples_rows: list[dict[str, Any]] = []
        version = tool_version
        if not version:
            version = "unknown"
            self.defaulted("producer.tool.version", version)
        self.report: dict[str, Any] = {
            "kind": "evaluation-report",
            "format_version": "1.0",
            "vocabulary_version": options.vocabulary_version or latest_version(),
            "report_id": "",
            "marking": {"tlp": options.tlp},
            "producer": {
                "organization": {"name": {"en": options.organization or "unknown"}},
                "relationship": options.relationship,
                "tool": {"name": tool, "version": str(version)},
            },
            "model": {},
            "evaluations": [],
            "provenance": {
                "source_format": source_format or tool,
                "source_tool": tool,
                "source_version": str(version),
                "source_digests": sorted({sha256_file(p) for p in source_files}),
                "converter": f"riskfmt {__version__}",
            },
        }
        if not options.organization:
            self.defaulted("producer.organization", "unknown", hint=" (use --organization)")

    # ---- findings ---------------------------------------------------------------------------------

    def _add(self, code: str, pointer: str = "", **params: Any) -> None:
        self.findings.append(Finding.make(code, self.source, pointer, **params))

    # The explanation of a loss, derivation or default is given in English; its Chinese comes from the
    # catalogue riskfmt/i18n/zh_CN.po (msgctxt "conversion") unless a converter passes its own. ``values`` fill
    # the {names} of both, so a text with numbers or names in it is still one catalogue entry.

    def lost(self, field: str, why: str = "", why_zh: str = "", **values: object) -> None:
        why, why_zh = _explained(why, why_zh, values)
        self._add("RF601", field=field, tool=self.tool, why=f": {why}" if why else "",
                  why_zh=f"：{why_zh}" if why else "")

    def derived(self, field: str, how: str, how_zh: str = "", **values: object) -> None:
        how, how_zh = _explained(how, how_zh, values)
        self._add("RF608", field=field, how=how, how_zh=how_zh)

    def defaulted(self, field: str, value: object, hint: str = "", hint_zh: str = "", **values: object) -> None:
        hint, hint_zh = _explained(hint, hint_zh, values)
        self._add("RF609", field=field, tool=self.tool, value=value, hint=hint, hint_zh=hint_zh)

    def no_uncertainty(self, metric: str, why: str = "", why_zh: str = "", **values: object) -> None:
        why, why_zh = _explained(why, why_zh, values)
        self._add("RF610", tool=self.tool, metric=metric, why=f" ({why})" if why else "",
                  why_zh=f"（{why_zh}）" if why else "")

    def status(self, status: str) -> None:
        self._add("RF603", status=status)

    def invalidated(self, count: int) -> None:
        self._add("RF604", count=count)

    # ---- content ----------------------------------------------------------------------------------

    def model(self, name: str, *, developer: str | None = None, access: str = "api", **fields: Any) -> dict[str, Any]:
        dev = self.options.developer or developer
        if not dev:
            dev = name.split("/", 1)[0] if "/" in name else "unknown"
            if dev == "unknown":
                self.defaulted("model.developer", dev, hint=" (use --developer)")
        model = {"name": name, "developer": dev, "access": access}
        model.update({k: v for k, v in fields.items() if v not in (None, "", [], {})})
        self.report["model"] = model
        return model

    def evaluation(self, name: str, task: dict[str, Any], *, method: str = "benchmark",
                   **fields: Any) -> dict[str, Any]:
        # evaluation and result ids share one namespace: the validator requires them unique across both
        eval_id = self._unique(local_id(name), self._ids)
        evaluation: dict[str, Any] = {"id": eval_id,
                                      "task": {k: v for k, v in task.items() if v not in (None, "", [], {})},
                                      "method": method}
        evaluation.update({k: v for k, v in fields.items() if v not in (None, "", [], {})})
        evaluation["results"] = []
        self.report["evaluations"].append(evaluation)
        return evaluation

    def risks_for(self, task_id: str) -> list[str]:
        risks, matched = self.task_map.risks_for(task_id, self.tool)
        if not matched and task_id not in self._unmapped:
            self._unmapped.add(task_id)
            self._add("RF602", task=task_id)
        return risks

    def result(self, evaluation: dict[str, Any], metric: dict[str, Any], value: float | None, *,
               risks: list[str] | None = None, n: int | None = None, uncertainty: dict[str, Any] | None = None,
               slice: dict[str, Any] | None = None,
               name: str | None = None) -> dict[str, Any] | None:
        if value is None or not math.isfinite(value):
            self.lost(f"{evaluation['id']} {metric['id']}", "the value is not a finite number")
            return None
        result_id = self._unique(local_id(name or f"{evaluation['id']}.{metric['id']}"), self._ids)
        result: dict[str, Any] = {
            "id": result_id,
            "risks": risks or self.risks_for(evaluation["task"]["id"]),
            "metric": {k: v for k, v in metric.items() if v is not None},
            "value": float(value),
        }
        if n is not None:
            result["n"] = int(n)
        if uncertainty:
            clean = {k: v for k, v in uncertainty.items()
                     if v is not None and not (isinstance(v, float) and not math.isfinite(v))}
            if set(clean) - {"method"}:
                result["uncertainty"] = clean
        if slice:
            result["slice"] = {k: v for k, v in slice.items() if v not in (None, "")}
        evaluation["results"].append(result)
        return result

    def sample(self, evaluation: dict[str, Any], sample_id: Any, *, epoch: int | None = None,
               score: float | None = None, verdict: str | None = None, input: Any = None, output: Any = None,
               target: Any = None,
               risks: list[str] | None = None, input_digest: str | None = None) -> None:
        if self.options.samples == "none":
            return
        row: dict[str, Any] = {"sample_id": str(sample_id)}
        if epoch is not None:
            row["epoch"] = int(epoch)
        if score is not None and math.isfinite(score):
            row["score"] = float(score)
        if verdict is not None:
            row["verdict"] = verdict
        if risks:
            row["risks"] = risks
        if input is not None:
            row["input_digest"] = sha256_text(input)
        elif input_digest is not None:  # the producer recorded only a digest of the prompt
            row["input_digest"] = input_digest
        if output is not None:
            row["output_digest"] = sha256_text(output)
        if self.options.include_content:
            for key, value in (("input", input), ("output", output), ("target", target)):
                if value is not None:
                    row[key] = _as_text(value)
        samples = evaluation.setdefault("samples", {"inline": []})
        samples["inline"].append(row)

    def _unique(self, base: str, used: set[str]) -> str:
        candidate, counter = base, 2
        while candidate in used:
            suffix = f"-{counter}"
            candidate, counter = base[: 128 - len(suffix)] + suffix, counter + 1
        used.add(candidate)
        return candidate

    # ---- finishing --------------------------------------------------------------------------------

    def finish(self) -> Converted:
        from riskfmt.identity import report_id
        from riskfmt.validation import validate_data

        report = self.report
        for evaluation in report["evaluations"]:
            if not evaluation["results"]:
                del evaluation["results"]
        report["report_id"] = report_id(report)
        rows: list[tuple[str, list[Any]]] | None = None
        if self.options.samples == "file":
            rows = []
            for evaluation in report["evaluations"]:
                inline = evaluation.pop("samples", {}).get("inline", [])
                if inline:
                    rows.append((evaluation["id"], inline))
        converted = Converted(source=self.source, report=report, findings=list(self.findings))
        converted.samples_files = rows
        if rows is None:
            converted.findings.extend(validate_data(report, source=self.source).findings)
        return converted


def bilingual(english: str, **values: object) -> dict[str, str]:
    """``{"en": ..., "zh": ...}`` of a converter's note, the Chinese from the catalogue (msgctxt "conversion");
    ``values`` fill the ``{names}`` of both."""
    from riskfmt.i18n.text import translate

    return {"en": english.format(**values), "zh": translate(english, "zh", "conversion").format(**values)}


def _explained(english: str, chinese: str, values: dict[str, object]) -> tuple[str, str]:
    """(English, Chinese) of a converter's explanation, the Chinese from the catalogue unless given."""
    if not english:
        return "", ""
    if not chinese:
        from riskfmt.i18n.text import translate

        chinese = translate(english, "zh", "conversion")
    if values:
        return english.format(**values), chinese.format(**values)
    return english, chinese


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    import json

    return json.dumps(value, ensure_ascii=False)
