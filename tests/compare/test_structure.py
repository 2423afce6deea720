"""The shape of the comparison package (issue 15): modules named after what they hold share public names only,
no import cycle runs through them (function-level imports included), the package depends on nothing drawn
above it (views, CLI), and the command line reads its choices from the package's own tables."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import riskfmt.compare

PACKAGE = Path(riskfmt.compare.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _imports(path: Path) -> list[tuple[str, str, int]]:
    """(module, name, line) for every ``from riskfmt... import name`` in a file, at any depth."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("riskfmt"):
            out.extend((node.module, alias.name, node.lineno) for alias in node.names)
    return out


def test_no_private_name_crosses_a_module() -> None:
    crossing = [f"{path.name}:{line} imports {name} from {module}"
                for path in MODULES for module, name, line in _imports(path)
                if name.startswith("_") and not name.startswith("__")]
    assert crossing == []


def test_no_hand_written_module_is_long() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in MODULES}
    assert {name: lines for name, lines in sizes.items() if lines > 600} == {}


def test_the_import_graph_has_no_cycle_through_the_package() -> None:
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("riskfmt", exclude_type_checking_imports=True)  # function-level imports count
    modules = sorted(m for m in graph.modules if m == "riskfmt.compare" or m.startswith("riskfmt.compare."))
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported in modules:  # a cycle needs a way back from what this module imports
                back = graph.find_shortest_chain(importer=imported, imported=module)
                assert back is None, f"{module} -> {imported} -> ... -> {module}: {back}"
    # nothing above the package: the views and the CLI draw comparisons, not the other way round
    above = [(m, i) for m in modules for i in graph.find_modules_directly_imported_by(m)
             if i.startswith(("riskfmt.views", "riskfmt.cli"))]
    assert above == []


def test_the_package_and_a_module_of_it_do_not_import_each_other() -> None:
    # ``from riskfmt.compare import X`` in a submodule runs the package's __init__, which imports submodules
    for path in MODULES:
        if path.name != "__init__.py":
            names = [(module, name) for module, name, _ in _imports(path) if module == "riskfmt.compare"]
            assert all((PACKAGE / f"{name}.py").exists() for _, name in names), (path.name, names)


def test_command_line_choices_come_from_the_tables() -> None:
    from riskfmt.cli import cli
    from riskfmt.compare.diff import ReportDiff
    from riskfmt.compare.formats import FORMATS
    from riskfmt.compare.matrix import Comparison
    from riskfmt.compare.options import CORRECTIONS

    for name, outcome in (("diff", ReportDiff), ("compare", Comparison)):
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        choices = {p.name: list(getattr(p.type, "choices", [])) for p in command.params}
        assert choices["output_format"] == list(FORMATS)
        assert choices["fail_on"] == list(outcome.GATES)
        assert choices["correction"] == list(CORRECTIONS)


@pytest.mark.parametrize("outcome_name", ["ReportDiff", "Comparison"])
def test_an_outcome_knows_exactly_its_gates(outcome_name: str) -> None:
    from riskfmt.compare.diff import ReportDiff
    from riskfmt.compare.matrix import Comparison

    outcome = {"ReportDiff": ReportDiff, "Comparison": Comparison}[outcome_name]
    document = {"summary": {"differences": False, "regressions": False}, "columns": []}
    for gate in outcome.GATES:
        assert outcome(document).gate(gate) is True
    assert outcome(document).gate(None) is True
    with pytest.raises(ValueError):
        outcome(document).gate("anything-else")
    assert "regression" in ReportDiff.GATES and "regression" not in Comparison.GATES


def test_every_format_resolves() -> None:
    from riskfmt.compare.formats import FORMATS, formatter

    for name in FORMATS:
        assert callable(formatter(name))
    with pytest.raises(ValueError, match="unknown format"):
        formatter("pdf")
