"""The import contracts in .importlinter hold (the core depends on nothing above it, only the entry points
import the CLI, no import cycles with function-level imports counted), and each contract can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("importlinter", reason="pip install -e '.[test]' to check the import contracts")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package found first on the path of a fresh interpreter run in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "NO_COLOR": "1", "COLUMNS": "200"}
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--config", str(root / ".importlinter"), "--no-cache"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_import_contracts_hold() -> None:
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


# (module, a function-level import planted at its end, the contract it must break)
PLANTED = [
    ("riskfmt/validation.py", "from riskfmt.integrity import leaks", "The core imports no kind package"),
    ("riskfmt/kinds.py", "from riskfmt.views import render_document", "The core imports no kind package"),
    ("riskfmt/semantic.py", "import click", "The core imports no kind package"),
    ("riskfmt/views/html.py", "from riskfmt.cli import run", "Only the entry points import the command line"),
    ("riskfmt/findings.py", "from riskfmt import validation", "No import cycles"),
    ("riskfmt/integrity/markings.py", "from riskfmt.integrity import redact", "No import cycles"),
    ("riskfmt/integrity/leaks/patterns.py", "from riskfmt.integrity.leaks import document", "No import cycles"),
]


@pytest.mark.parametrize(("module", "statement", "contract"), PLANTED, ids=[p[0] + ":" + p[1] for p in PLANTED])
def test_a_planted_violation_breaks_its_contract(tmp_path: Path, module: str, statement: str, contract: str) -> None:
    """Copy the package, plant one import inside a function (grimp must see those too), and lint the copy."""
    shutil.copytree(ROOT / "src" / "riskfmt", tmp_path / "src" / "riskfmt",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    target = tmp_path / "src" / module
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\ndef _planted_by_test_architecture() -> None:\n    {statement}  # noqa\n")
    run = _lint_imports(tmp_path)
    assert run.returncode != 0, run.stdout
    broken = run.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, run.stdout
    if "cycles" not in contract:
        planted_from = module.removesuffix(".py").replace("/", ".")
        assert planted_from in broken, run.stdout  # the report names the importing module
