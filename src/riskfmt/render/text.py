"""Human-readable output: one line per finding, then a summary, in English or Chinese."""

from __future__ import annotations

from typing import TextIO

from riskfmt.findings import Severity, ValidationResult
from riskfmt.render.safe import printable

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _where(source: str, line: int | None, column: int | None) -> str:
    if line is None:
        return source
    return f"{source}:{line}:{column}" if column is not None else f"{source}:{line}"


def render(result: ValidationResult, out: TextIO, lang: str = "en", color: bool = False, summary: bool = True) -> None:
    for finding in result.findings:
        loc = finding.location
        severity = _SEVERITY_ZH[finding.severity] if lang == "zh" else finding.severity.label
        if color:
            severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
        pointer = f" [{printable(loc.pointer)}]" if loc.pointer else ""
        # file names, pointers and message parameters come from documents: one finding is one line
        out.write(f"{_where(printable(loc.source), loc.line, loc.column)}: {severity} {finding.code} "
                  f"{printable(finding.message(lang))}{pointer}\n")
    if not summary:
        return
    out.write(summary_line(len(result.files), result.count(Severity.ERROR), result.count(Severity.WARNING), lang))


def summary_line(files: int, errors: int, warnings: int, lang: str = "en") -> str:
    """The closing line of every text report (also written by the quick path, riskfmt/_quick.py)."""
    if lang == "zh":
        return f"已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告\n"
    return (f"{files} file{'s' if files != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}\n")
