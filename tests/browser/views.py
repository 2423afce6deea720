"""The HTML views the browser tests open and the screenshots show, made through the command line from real
inputs: reports converted from real tool outputs (examples/inputs/), the shipped example reports and incidents,
a diff of two converted HELM runs, and the comparison fixtures of tests/compare/golden.

Also: finding Debian's Chromium and launching it through Playwright (a downloaded browser is never used).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from riskfmt.cli import run

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "examples" / "inputs"
TWO_LABS = ROOT / "tests" / "compare" / "golden" / "two-labs"
MATRIX = ROOT / "tests" / "compare" / "golden" / "matrix"
HELM = INPUTS / "helm" / "benchmark_output" / "runs" / "v1"
LANGS = ("en", "zh", "both")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's chromium (or RISKFMT_CHROMIUM); None when there is none."""
    for candidate in (os.environ.get("RISKFMT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def launch(playwright: Any, executable: str) -> Any:
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


def _riskfmt(*args: str) -> None:
    code = run(list(args))
    assert code in (0, 1), f"riskfmt {' '.join(args)} exited {code}"


def _converted(tmp: Path, name: str, source: Path, *extra: str) -> Path:
    out = tmp / f"{name}.json"
    if not out.exists():
        _riskfmt("convert", str(source), "-o", str(out), "--organization", "Example Lab", *extra)
    return out


def _report(tmp: Path, out: Path, lang: str) -> None:
    report = _converted(tmp, "lm-eval", INPUTS / "lm-eval" / "tiny_suite")
    _riskfmt("render", str(report), "-o", str(out), "--lang", lang)


def _report_lab(tmp: Path, out: Path, lang: str) -> None:
    _riskfmt("render", str(TWO_LABS / "a.json"), "-o", str(out), "--lang", lang)


def _helm(tmp: Path) -> tuple[Path, Path]:
    a = _converted(tmp, "helm-mcqa", HELM / "simple_mcqa:model=simple_model1")
    b = _converted(tmp, "helm-mcqa-robustness", HELM / "simple_mcqa:model=simple_model1,data_augmentation=robustness")
    return a, b


def _diff(tmp: Path, out: Path, lang: str) -> None:
    a, b = _helm(tmp)
    _riskfmt("diff", str(a), str(b), "--format", "html", "--lang", lang, "-o", str(out))


def _diff_lab(tmp: Path, out: Path, lang: str) -> None:
    here = Path.cwd()
    os.chdir(TWO_LABS)  # relative names, as the golden outputs of riskfmt diff use
    try:
        _riskfmt("diff", "a.json", "b.yaml", "--format", "html", "--lang", lang, "-o", str(out))
    finally:
        os.chdir(here)


def _compare(tmp: Path, out: Path, lang: str) -> None:
    here = Path.cwd()
    os.chdir(MATRIX)
    try:
        _riskfmt("compare", "r1.json", "r2.yaml", "r3.json", "--format", "html", "--lang", lang, "-o", str(out))
    finally:
        os.chdir(here)


def _compare_converted(tmp: Path, out: Path, lang: str) -> None:
    a, b = _helm(tmp)
    c = _converted(tmp, "lm-eval", INPUTS / "lm-eval" / "tiny_suite")
    _riskfmt("compare", str(a), str(b), str(c), "--format", "html", "--lang", lang, "-o", str(out))


def _incident(tmp: Path, out: Path, lang: str) -> None:
    _riskfmt("render", str(ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.operator.yaml"), "-o", str(out),
             "--lang", lang)


def _incident_converted(tmp: Path, out: Path, lang: str) -> None:
    folder = tmp / "aiid"
    if not folder.exists():
        _riskfmt("convert", str(INPUTS / "aiid" / "incident-1.json"),
                 str(INPUTS / "aiid" / "classifications-cset-97.json"), "--from", "aiid", "-o", str(folder))
    _riskfmt("render", str(folder / "incident-1.riskfmt.json"), "-o", str(out), "--lang", lang)


def _incident_diff(tmp: Path, out: Path, lang: str) -> None:
    folder = ROOT / "examples" / "incidents" / "valid"
    _riskfmt("diff", str(folder / "grid-dispatch.operator.yaml"), str(folder / "grid-dispatch.cert.yaml"), "--format",
             "html", "--lang", lang, "-o", str(out))


# view name -> how to make it; the first four are the ones the screenshots show
VIEWS: dict[str, Callable[[Path, Path, str], None]] = {
    "report": _report_lab,
    "diff": _diff_lab,
    "compare": _compare,
    "incident": _incident,
    "report-converted": _report,
    "diff-converted": _diff,
    "compare-converted": _compare_converted,
    "incident-converted": _incident_converted,
    "incident-diff": _incident_diff,
}
SCREENSHOT_VIEWS = ("report", "diff", "compare", "incident")


def make_views(tmp: Path, langs: tuple[str, ...] = LANGS,
               names: tuple[str, ...] | None = None) -> dict[tuple[str, str], Path]:
    """Write every view in every language under ``tmp``; returns (view, lang) -> file."""
    pages = {}
    for name in names or tuple(VIEWS):
        for lang in langs:
            out = tmp / f"{name}.{lang}.html"
            VIEWS[name](tmp, out, lang)
            pages[(name, lang)] = out
    return pages
