"""The distributions: every schema file, the licence and notice, typing marker and metadata, and `twine check`.

The wheel and sdist are built once per session with ``python -m build`` (what a release runs) and checked with
``twine check --strict`` (what the package index runs on upload).
"""

from __future__ import annotations

import email.parser
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, required


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation uses the hatchling of the test environment: no download, and the same build backend
    proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        if required("RISKFMT_REQUIRE_BUILD"):
            pytest.fail(proc.stdout[-2000:] + proc.stderr[-2000:])
        pytest.skip("cannot build the distributions here: " + proc.stderr[-300:])
    [wheel] = out.glob("riskfmt-*.whl")
    [sdist] = out.glob("riskfmt-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_wheel_contains_every_schema_file(dists: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    shipped = [p for p in (ROOT / "schemas").rglob("*")
               if p.is_file() and "next" not in p.relative_to(ROOT / "schemas").parts]
    missing = [p for p in shipped if f"riskfmt/schemas/{p.relative_to(ROOT / 'schemas').as_posix()}" not in names]
    assert not missing, missing
    assert "riskfmt/cli/__init__.py" in names


def test_the_wheel_holds_only_what_runs_and_the_sdist_the_build_tooling(dists: dict[str, Path]) -> None:
    """The generators (tools/) need LinkML and a checkout: never in the wheel, always in the sdist."""
    names = zipfile.ZipFile(dists["wheel"]).namelist()
    tooling = [n for n in names if n.startswith("tools/") or n.rsplit("/", 1)[-1] in
               ("build.py", "build_quick.py", "publish.py", "import_graph.py", "_build.py", "_build_quick.py",
                "_publish.py")]
    assert not tooling, tooling
    with tarfile.open(dists["sdist"]) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    assert {"tools/build.py", "tools/build_quick.py", "tools/publish.py", "tools/import_graph.py"} <= members


def test_wheel_and_sdist_carry_licence_notice_and_typing_marker(dists: dict[str, Path]) -> None:
    names = zipfile.ZipFile(dists["wheel"]).namelist()
    assert "riskfmt/py.typed" in names
    for required_file in ("LICENSE", "NOTICE"):
        assert any(n.endswith(f".dist-info/licenses/{required_file}") for n in names), required_file
    with tarfile.open(dists["sdist"]) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    assert {"LICENSE", "NOTICE", "README.md", "CHANGELOG.md", "pyproject.toml"} <= members
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License")


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as z:
        [name] = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(z.read(name).decode("utf-8"))


def test_metadata_is_release_ready(dists: dict[str, Path]) -> None:
    import riskfmt

    meta = _metadata(dists["wheel"])
    assert meta["Version"] == riskfmt.__version__  # one place: src/riskfmt/__init__.py
    assert meta["License-Expression"] == "Apache-2.0"
    classifiers = set(meta.get_all("Classifier"))
    assert {"Typing :: Typed", "Programming Language :: Python :: 3.11", "Natural Language :: Chinese (Simplified)",
            "Natural Language :: English"} <= classifiers
    urls = {u.split(",", 1)[0] for u in meta.get_all("Project-URL")}
    assert {"Documentation", "Source", "Changelog", "Issues"} <= urls
    # A plain install reads Inspect's Zstandard-compressed .eval logs: zstandard is not behind an extra.
    requires = meta.get_all("Requires-Dist")
    assert any(r.startswith("zstandard") and "extra ==" not in r for r in requires), requires


def test_twine_check_passes(dists: dict[str, Path]) -> None:
    proc = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(dists["wheel"]),
                           str(dists["sdist"])], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2, proc.stdout
