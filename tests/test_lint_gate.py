""".ci/lint (run by .ci/run) passes a clean tree and fails on a lint error, a type error and a broken import
contract, each named, with the project's own pyproject.toml: the gate is run on a small planted tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

_BIN = Path(sys.executable).parent
_TOOLS = ("ruff", "mypy", "lint-imports")


def _tree(tmp_path: Path) -> Path:
    for tool in _TOOLS:
        if not (_BIN / tool).exists() and shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (the [dev] extra; .ci/run installs it)")
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "lint", tmp_path / ".ci" / "lint")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    package = tmp_path / "src" / "riskfmt"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""A planted package."""\n\n__all__: list[str] = []\n', encoding="utf-8")
    (package / "core.py").write_text('"""Core."""\n\n\ndef answer() -> int:\n    return 42\n', encoding="utf-8")
    (package / "cli.py").write_text('"""CLI."""\n\nfrom riskfmt.core import answer\n\n\ndef main() -> int:\n'
                                    "    return answer()\n", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_core.py").write_text(
        '"""Tests."""\n\nfrom riskfmt.core import answer\n\n\ndef test_answer() -> None:\n    assert answer() == 42\n',
        encoding="utf-8")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = riskfmt\n\n[importlinter:contract:core]\nname = the core imports no CLI\n"
        "type = forbidden\nsource_modules = riskfmt.core\nforbidden_modules = riskfmt.cli\n", encoding="utf-8")
    return tmp_path


def _run(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(tree / "src"), "MYPY_CACHE_DIR": str(tree / ".mypy_cache")}
    return subprocess.run(["bash", str(tree / ".ci" / "lint")], cwd=tree, capture_output=True, text=True, env=env,
                          timeout=600)


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    proc = _run(_tree(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "+ ruff check src tests" in proc.stdout and "+ mypy src" in proc.stdout and "+ lint-imports" in proc.stdout


def test_each_planted_error_fails_the_gate_and_is_named(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    (tree / "tests" / "test_core.py").write_text(
        '"""Tests."""\n\nimport os\n\nfrom riskfmt.core import answer\n\n\ndef test_answer() -> None:\n'
        "    assert answer() == 42\n", encoding="utf-8")  # F401: os is unused
    (tree / "src" / "riskfmt" / "core.py").write_text(
        '"""Core."""\n\n\ndef answer() -> int:\n    return "42"\n', encoding="utf-8")  # a str where an int is due
    (tree / "src" / "riskfmt" / "core.py").write_text(
        (tree / "src" / "riskfmt" / "core.py").read_text(encoding="utf-8")
        + "\n\ndef run() -> int:\n    from riskfmt.cli import main\n\n    return main()\n", encoding="utf-8")
    proc = _run(tree)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "F401" in proc.stdout and "[return-value]" in proc.stdout and "BROKEN" in proc.stdout
    assert "lint failed: ruff mypy lint-imports" in proc.stderr

