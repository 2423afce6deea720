"""Golden outputs of riskfmt diff and riskfmt compare in every format and both languages.

The inputs under golden/<case>/ are written by make_fixtures.py; the expected outputs under
golden/<case>/expected/ are rewritten only with RISKFMT_REGEN_GOLDEN=1 (otherwise a difference fails)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare.reports import GOLDEN
from riskfmt.cli import run

REGEN = os.environ.get("RISKFMT_REGEN_GOLDEN", "") not in ("", "0")

# (case folder, expected file, arguments, exit code)
CASES = [
    ("two-labs", "diff.en.txt", ["diff", "a.json", "b.yaml"], 0),
    ("two-labs", "diff.zh.txt", ["diff", "a.json", "b.yaml", "--lang", "zh"], 0),
    ("two-labs", "diff.en.md", ["diff", "a.json", "b.yaml", "--format", "markdown"], 0),
    ("two-labs", "diff.zh.md", ["diff", "a.json", "b.yaml", "--format", "markdown", "--lang", "zh"], 0),
    ("two-labs", "diff.json", ["diff", "a.json", "b.yaml", "--format", "json"], 0),
    ("two-labs", "diff.regression.en.md", ["diff", "a.json", "b.yaml", "--format", "markdown", "--fail-on",
                                           "regression"], 1),
    ("two-labs", "diff.reversed.json", ["diff", "b.yaml", "a.json", "--format", "json", "--correction",
                                        "bonferroni"], 0),
    ("two-labs", "same.en.txt", ["diff", "a.json", "a.json", "--fail-on", "difference"], 0),
    ("matrix", "compare.en.txt", ["compare", "r1.json", "r2.yaml", "r3.json"], 0),
    ("matrix", "compare.zh.md", ["compare", "r1.json", "r2.yaml", "r3.json", "--format", "markdown", "--lang",
                                 "zh"], 0),
    ("matrix", "compare.json", ["compare", "r1.json", "r2.yaml", "r3.json", "--format", "json", "--fail-on",
                                "difference"], 1),
]


def check_golden(path: Path, actual: str) -> None:
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; run with RISKFMT_REGEN_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs; if the change is intended, rerun with RISKFMT_REGEN_GOLDEN=1"


@pytest.mark.parametrize(("case", "name", "args", "code"), CASES, ids=[f"{c}/{n}" for c, n, _, _ in CASES])
def test_golden_output(case: str, name: str, args: list[str], code: int, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(GOLDEN / case)  # relative names keep the outputs independent of the checkout
    monkeypatch.delenv("RISKFMT_LANG", raising=False)
    assert run(args) == code
    captured = capsys.readouterr()
    assert captured.err == ""
    check_golden(GOLDEN / case / "expected" / name, captured.out)


def test_golden_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt.compare import DiffOptions, diff_files

    monkeypatch.chdir(GOLDEN / "two-labs")
    text = diff_files("a.json", "b.yaml", DiffOptions(color=True)).render("text", "en")
    assert "\033[31m" in text and "\033[33m" in text  # worse in red, cannot tell in yellow
    check_golden(GOLDEN / "two-labs" / "expected" / "diff.color.txt", text)


def test_text_without_a_terminal_has_no_colour(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN / "two-labs")
    run(["diff", "a.json", "b.yaml"])
    assert "\033[" not in capsys.readouterr().out


def test_fixtures_are_what_make_fixtures_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compare.make_fixtures as make

    monkeypatch.setattr(make, "GOLDEN", tmp_path)
    make.main()
    for written in sorted(tmp_path.rglob("*")):
        if written.is_file():
            checked_in = GOLDEN / written.relative_to(tmp_path)
            assert checked_in.read_bytes() == written.read_bytes(), \
                f"{checked_in}: rerun tests/compare/make_fixtures.py"
