"""Long work shows progress on a terminal, and nowhere else; long finding lists are counted per code."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from riskfmt.progress import Progress, progress_enabled

INVALID = ROOT / "examples" / "reports" / "invalid" / "interval-excludes-value.RF501.json"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_and_closes_with_a_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("RISKFMT_NO_PROGRESS", raising=False)
    out = Terminal()
    with Progress("Validating", 3, stream=out, delay=0) as progress:
        for name in ("a.json", "b.json", "c\nd.json"):
            progress._last = 0  # draw every update in the test
            progress.update(name)
    text = out.getvalue()
    assert "\rValidating: 1/3 files" in text and "3/3 files" in text
    assert "c?d.json" in text and "c\nd" not in text  # a file name cannot break the line
    assert text.endswith("Validating: 3 files " + text.rsplit("files ", 1)[1])
    assert text.rstrip().endswith(" s")


@pytest.mark.parametrize("env", [{"CI": "true"}, {"RISKFMT_NO_PROGRESS": "1"}, {}])
def test_progress_is_silent_off_a_terminal_or_in_ci(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("RISKFMT_NO_PROGRESS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    stream: io.StringIO = Terminal() if env else io.StringIO()
    assert not progress_enabled(stream)
    with Progress("Validating", 2, stream=stream, delay=0) as progress:
        progress.update("a")
    assert stream.getvalue() == ""


def test_quick_work_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    out = Terminal()
    with Progress("Validating", 2, stream=out, delay=60) as progress:
        progress.update("a")
    assert out.getvalue() == ""


def test_text_output_counts_findings_beyond_fifty_per_code(tmp_path: Path) -> None:
    for i in range(57):
        shutil.copy(INVALID, tmp_path / f"r{i:02}.json")

    def validate(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "riskfmt", "validate", *args, str(tmp_path)],
                              capture_output=True, text=True, timeout=300)

    text = validate()
    assert text.returncode == 1
    assert text.stdout.count(": error RF501 ") == 50
    assert "... and 7 more RF501 findings in 7 files not listed" in text.stdout
    assert text.stdout.endswith("57 files checked: 57 errors, 0 warnings\n")
    zh = validate("--lang", "zh")
    assert "另有 7 个 RF501 发现项" in zh.stdout
    assert validate("--all-findings").stdout.count(": error RF501 ") == 57
    assert len(json.loads(validate("--format", "json").stdout)["findings"]) == 57  # machine output: every one
