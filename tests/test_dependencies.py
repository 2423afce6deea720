"""Every third-party package the runtime package imports is declared: a module-level import needs a runtime
dependency, a function-level one at least an extra (and the code then names the extra when it is missing)."""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

SRC = ROOT / "src" / "riskfmt"
# Extras that only developers install: an import in src/ that only these satisfy would break a user's install.
_DEVELOPER_EXTRAS = {"test", "dev", "docs"}
# Generators that run from a checkout with the [build] extra, never from an installed wheel at run time.
_BUILD_ONLY = {"_build.py", "_build_quick.py", "_publish.py"}
# Standard library from a later Python than the oldest we support (imported behind a version check).
_NEWER_STDLIB = {"compression"}  # 3.14: compression.zstd


def _distribution_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], dict[str, set[str]]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_distribution_name(r) for r in project["dependencies"]}
    extras = {extra: {_distribution_name(r) for r in reqs}
              for extra, reqs in project["optional-dependencies"].items()}
    return runtime, extras


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """(top-level module, imported at module level, line) for every absolute import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool, int]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((a.name.split(".")[0], top, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module.split(".")[0], top, child.lineno))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for branch in child.orelse:  # the body is for annotations only, never imported at run time
                    visit(ast.Module(body=[branch], type_ignores=[]), top)
            else:
                inner = top and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                visit(child, inner)

    visit(tree, True)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


@functools.cache
def _installed() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _distributions_of(module: str) -> set[str]:
    known = _installed().get(module)
    # Not installed here (pyspark, say): the import name is then taken as the distribution's name.
    return {d.lower().replace("_", "-") for d in known} if known else {module.lower().replace("_", "-")}


def test_every_third_party_import_is_declared() -> None:
    runtime, extras = _declared()
    user_extras = {d for name, reqs in extras.items() if name not in _DEVELOPER_EXTRAS for d in reqs}
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in _BUILD_ONLY or "_generated" in path.parts:
            continue
        for module, top, line in _imports(path):
            private_stdlib = module.startswith("_") and module != "__future__"  # CPython's _sha2, _sha256
            if module in sys.stdlib_module_names or module in _NEWER_STDLIB | {"riskfmt"} or private_stdlib:
                continue
            dists = _distributions_of(module)
            if dists & runtime:
                continue
            where = f"{path.relative_to(ROOT)}:{line}: {module}"
            if top:
                problems.append(f"{where} is imported at module level but is not a runtime dependency")
            elif not dists & user_extras:
                problems.append(f"{where} is in no extra a user can install")
    assert problems == []


def test_the_import_scan_sees_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import json\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import referencing\n"
                      "else:\n    import yaml\ndef f():\n    import duckdb\n", encoding="utf-8")
    assert _imports(sample) == [("json", True, 1), ("typing", True, 2), ("yaml", True, 6), ("duckdb", False, 8)]


def test_registry_names_its_extra_when_referencing_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from riskfmt.resources import registry

    monkeypatch.setitem(sys.modules, "referencing", None)  # makes `import referencing` fail
    with pytest.raises(ModuleNotFoundError, match=r"riskfmt\[jsonschema\]"):
        registry()
    runtime, extras = _declared()
    assert "referencing" not in runtime and "referencing" in extras["jsonschema"]


def test_msgspec_is_a_lean_runtime_dependency() -> None:
    """Why msgspec is a runtime dependency (riskfmt.loading._load_json_fast): its untyped JSON decoder parses
    large reports about 20% faster than orjson (0.45 s against 0.56 s of CPU for the 128 MB samples-heavy report,
    0.64 s against 0.80 s for the 108 MB results-heavy one), builds the same Python objects, and refuses more
    (NaN, lone surrogates, numbers beyond a double), never less. It is BSD-3-Clause, maintained, has no
    dependency of its own (only optional extras) and ships wheels for CPython 3.10-3.14 on Linux (glibc and
    musl), macOS and Windows, x86-64 and arm64. Where it cannot be imported the loader falls back to orjson
    (tests/test_fast_json_numbers.py runs both routes)."""
    runtime, _ = _declared()
    assert "msgspec" in runtime
    required = importlib.metadata.requires("msgspec") or []
    assert [r for r in required if "extra ==" not in r] == []  # nothing pulled in with it
    assert importlib.metadata.metadata("msgspec").get("License-Expression") == "BSD-3-Clause"
