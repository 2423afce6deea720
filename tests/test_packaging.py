"""The wheel carries every schema file, and an installed wheel finds them without the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, required


def test_wheel_contains_every_schema_file(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                              capture_output=True, text=True)
    if proc.returncode != 0:
        if required("RISKFMT_REQUIRE_BUILD"):
            pytest.fail(proc.stderr[-2000:])
        pytest.skip("cannot build a wheel here: " + proc.stderr[-300:])
    [wheel] = tmp_path.glob("riskfmt-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for p in (ROOT / "schemas").rglob("*") if p.is_file() and "next" not in p.relative_to(ROOT / "schemas").parts]
    missing = [p for p in shipped if f"riskfmt/schemas/{p.relative_to(ROOT / 'schemas').as_posix()}" not in names]
    assert not missing, missing
    assert "riskfmt/cli/__init__.py" in names
