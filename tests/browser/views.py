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


def executable_or_skip() -> str:
    """The Chromium to drive, when Playwright is installed too; otherwise the test is skipped, or fails when
    RISKFMT_REQUIRE_BROWSER is set (CI sets it)."""
    import pytest
    from conftest import required

    executable = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        executable = None
    if executable is None:
        message = "no Chromium with Playwright (apt-get install chromium; pip install playwright)"
        if required("RISKFMT_REQUIRE_BROWSER"):
            pytest.fail(message + " and RISKFMT_REQUIRE_BROWSER is set")
        pytest.skip(message)
    return executable


def open_page(browser: Any, path: Path, width: int) -> tuple[Any, list[str], list[str]]:
    """Open ``path`` at ``width``; returns the page, the console errors and every request the page made (all
    but the file itself are refused)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(r: Any) -> None:
        requests.append(r.request.url)
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def _load(path: Path) -> Any:
    from riskfmt.loading import load_bytes

    return load_bytes(path.read_bytes(), str(path)).data


def _results(path: Path) -> int:
    return sum(len(e.get("results") or []) for e in _load(path)["evaluations"])


def _diff_pairs(a: Path, b: Path) -> int:
    from riskfmt.compare import diff_files

    return len(diff_files(a, b).to_dict()["pairs"])


def _riskfmt(*args: str) -> None:
    code = run(list(args))
    assert code in (0, 1), f"riskfmt {' '.join(args)} exited {code}"


def _converted(tmp: Path, name: str, source: Path, *extra: str) -> Path:
    out = tmp / f"{name}.json"
    if not out.exists():
        _riskfmt("convert", str(source), "-o", str(out), "--organization", "Example Lab", *extra)
    return out


def _report(tmp: Path, out: Path, lang: str) -> int:
    report = _converted(tmp, "lm-eval", INPUTS / "lm-eval" / "tiny_suite")
    _riskfmt("render", str(report), "-o", str(out), "--lang", lang)
    return _results(report)


def _report_lab(tmp: Path, out: Path, lang: str) -> int:
    _riskfmt("render", str(TWO_LABS / "a.json"), "-o", str(out), "--lang", lang)
    return _results(TWO_LABS / "a.json")


def _helm(tmp: Path) -> tuple[Path, Path]:
    a = _converted(tmp, "helm-mcqa", HELM / "simple_mcqa_model=simple_model1")
    b = _converted(tmp, "helm-mcqa-robustness", HELM / "simple_mcqa_model=simple_model1,data_augmentation=robustness")
    return a, b


def _diff(tmp: Path, out: Path, lang: str) -> int:
    a, b = _helm(tmp)
    _riskfmt("diff", str(a), str(b), "--format", "html", "--lang", lang, "-o", str(out))
    return _diff_pairs(a, b)


def _diff_lab(tmp: Path, out: Path, lang: str) -> int:
    here = Path.cwd()
    os.chdir(TWO_LABS)  # relative names, as the golden outputs of riskfmt diff use
    try:
        _riskfmt("diff", "a.json", "b.yaml", "--format", "html", "--lang", lang, "-o", str(out))
    finally:
        os.chdir(here)
    return _diff_pairs(TWO_LABS / "a.json", TWO_LABS / "b.yaml")


def _cells(paths: list[Path]) -> int:
    from riskfmt.compare import compare_files

    return sum(1 for column in compare_files(paths).to_dict()["columns"] for cell in column["cells"] if cell)


def _compare(tmp: Path, out: Path, lang: str) -> int:
    here = Path.cwd()
    os.chdir(MATRIX)
    try:
        _riskfmt("compare", "r1.json", "r2.yaml", "r3.json", "--format", "html", "--lang", lang, "-o", str(out))
    finally:
        os.chdir(here)
    return _cells([MATRIX / "r1.json", MATRIX / "r2.yaml", MATRIX / "r3.json"])


def _compare_converted(tmp: Path, out: Path, lang: str) -> int:
    a, b = _helm(tmp)
    c = _converted(tmp, "lm-eval", INPUTS / "lm-eval" / "tiny_suite")
    _riskfmt("compare", str(a), str(b), str(c), "--format", "html", "--lang", lang, "-o", str(out))
    return _cells([a, b, c])


def _hypotheses(path: Path) -> int:
    return len(_load(path)["attribution"].get("hypotheses") or [])


def _incident(tmp: Path, out: Path, lang: str) -> int:
    source = ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.operator.yaml"
    _riskfmt("render", str(source), "-o", str(out), "--lang", lang)
    return _hypotheses(source)


def _incident_converted(tmp: Path, out: Path, lang: str) -> int:
    folder = tmp / "aiid"
    if not folder.exists():
        data = Path(os.environ["RISKFMT_AIID_DATA"])  # opt-in: AIID data cannot be checked in (licence)
        _riskfmt("convert", str(data / "incident-1.json"),
                 str(data / "classifications-cset-97.json"), "--from", "aiid", "-o", str(folder))
    _riskfmt("render", str(folder / "incident-1.riskfmt.json"), "-o", str(out), "--lang", lang)
    return _hypotheses(folder / "incident-1.riskfmt.json")


def _incident_diff(tmp: Path, out: Path, lang: str) -> int:
    folder = ROOT / "examples" / "incidents" / "valid"
    a, b = folder / "grid-dispatch.operator.yaml", folder / "grid-dispatch.cert.yaml"
    _riskfmt("diff", str(a), str(b), "--format", "html", "--lang", lang, "-o", str(out))
    return _diff_pairs(a, b)


# view name -> how to make it; the first four are the ones the screenshots show
# each writes the view and returns how many chart marks it must hold (results, pairs, cells or hypotheses)
VIEWS: dict[str, Callable[[Path, Path, str], int]] = {
    "report": _report_lab,
    "diff": _diff_lab,
    "compare": _compare,
    "incident": _incident,
    "report-converted": _report,
    "diff-converted": _diff,
    "compare-converted": _compare_converted,
    **({"incident-converted": _incident_converted} if os.environ.get("RISKFMT_AIID_DATA") else {}),
    "incident-diff": _incident_diff,
}
SCREENSHOT_VIEWS = ("report", "diff", "compare", "incident")


def make_views(tmp: Path, langs: tuple[str, ...] = LANGS,
               names: tuple[str, ...] | None = None) -> dict[tuple[str, str], tuple[Path, int]]:
    """Write every view in every language under ``tmp``; returns (view, lang) -> (file, chart marks expected)."""
    pages = {}
    for name in names or tuple(VIEWS):
        for lang in langs:
            out = tmp / f"{name}.{lang}.html"
            marks = VIEWS[name](tmp, out, lang)
            pages[(name, lang)] = (out, marks)
    return pages
