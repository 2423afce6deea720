"""Human-readable output: one line per finding, then a summary, in English or Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from riskfmt.findings import Finding, Severity, ValidationResult, message_texts
from riskfmt.render.safe import all_printable, printable

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET = "\033[0m"
# the English of the two lines with counts; the Chinese (which has no plural) is in riskfmt/i18n/zh_CN.po
_MORE = "... and {count} more {code} findings in {files} files not listed (--all-findings lists every one)"
_SUMMARY = "{files} files checked: {errors} errors, {warnings} warnings"


def _zh(text: str, context: str | None = None) -> str:
    from riskfmt.i18n.text import translate  # only for Chinese output: English never imports the catalogue

    return translate(text, "zh", context)


def _where(source: str, line: int | None, column: int | None) -> str:
    if line is None:
        return source
    return f"{source}:{line}:{column}" if column is not None else f"{source}:{line}"


def render(result: ValidationResult, out: TextIO, lang: str = "en", color: bool = False, summary: bool = True,
           limit: int | None = None) -> None:
    """One line per finding, then the summary. With ``limit``, at most that many findings of each code are
    printed and the rest are counted on one line per code (the summary still counts every finding)."""
    findings = result.findings
    hidden: dict[str, list[int]] = {}
    if limit is not None:
        findings, hidden = _condense(findings, limit)
    labels = {s: _zh(s.label, "finding severity") if lang == "zh" else s.label for s in Severity}
    if color:
        labels = {s: f"{_COLOURS[s]}{label}{_RESET}" for s, label in labels.items()}
    out.writelines(_lines(findings, lang, labels))
    for code, (count, files) in sorted(hidden.items()):
        if lang == "zh":
            out.write(_zh(_MORE).format(count=f"{count:,}", code=code, files=f"{files:,}") + "\n")
        else:
            out.write(f"... and {count:,} more {code} finding{'s' if count != 1 else ''} in {files:,} "
                      f"file{'s' if files != 1 else ''} not listed (--all-findings lists every one)\n")
    if not summary:
        return
    out.write(summary_line(len(result.files), result.count(Severity.ERROR), result.count(Severity.WARNING), lang))


def _lines(findings: list[Finding], lang: str, labels: dict[Severity, str]) -> Iterator[str]:
    # file names, pointers and message parameters come from documents: one finding is one line. Messages and
    # pointers are escaped one by one only when one of them needs it (riskfmt.render.safe.all_printable).
    texts = message_texts(findings, lang)
    if not all_printable(texts):
        texts = list(map(printable, texts))
    pointers = [f.location.pointer for f in findings]
    if not all_printable(pointers):
        pointers = list(map(printable, pointers))
    sources: dict[str, str] = {}  # each file name made printable once, not once per finding
    for finding, text, pointer in zip(findings, texts, pointers, strict=True):
        loc = finding.location
        source = sources.get(loc.source)
        if source is None:
            source = sources[loc.source] = printable(loc.source)
        line = loc.line
        where = source if line is None else f"{source}:{line}:{loc.column}" if loc.column is not None \
            else f"{source}:{line}"
        yield (f"{where}: {labels[finding.severity]} {finding.code} {text} [{pointer}]\n" if pointer
               else f"{where}: {labels[finding.severity]} {finding.code} {text}\n")


def _condense(findings: list[Finding], limit: int) -> tuple[list[Finding], dict[str, list[int]]]:
    shown: list[Finding] = []
    seen: dict[str, int] = {}
    hidden: dict[str, list[int]] = {}
    hidden_files: dict[str, set[str]] = {}
    for finding in findings:
        count = seen.get(finding.code, 0)
        seen[finding.code] = count + 1
        if count < limit:
            shown.append(finding)
        else:
            hidden.setdefault(finding.code, [0, 0])[0] += 1
            hidden_files.setdefault(finding.code, set()).add(finding.location.source)
    for code, files in hidden_files.items():
        hidden[code][1] = len(files)
    return shown, hidden


def summary_line(files: int, errors: int, warnings: int, lang: str = "en") -> str:
    """The closing line of every text report (also written by the quick path, riskfmt/_quick.py)."""
    if lang == "zh":
        return _zh(_SUMMARY).format(files=files, errors=errors, warnings=warnings) + "\n"
    return (f"{files} file{'s' if files != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}\n")
