"""Module sizes and the import graph of ``riskfmt``, for the structure notes of issue 15.

    python tools/import_graph.py            # sizes, cycles, what the core imports, layer violations
    python tools/import_graph.py --top 20   # only the 20 largest modules in the size table

The graph comes from grimp, which reads every ``import`` statement, function-level ones included (those
are the imports that hide cycles); imports under ``if TYPE_CHECKING:`` are left out, as they never run.
The core and the packages it must not reach are the ones the import-linter contracts in ``pyproject.toml``
name; this script prints the same facts in a form to paste into an issue note, the contracts enforce them.
Exit status: 0 always (a report, not a gate; ``lint-imports`` is the gate).
"""

from __future__ import annotations

import argparse
import configparser
import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "riskfmt"
GENERATED = "riskfmt._generated"  # written by tools/build.py, not by hand: left out of the size table
# written by tools/i18n_catalogue.py from zh_CN.po (the translators' file): generated too
GENERATED_MODULES = frozenset({"riskfmt.i18n.zh"})



def _contract(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(source modules, forbidden modules) of a forbidden contract in .importlinter: one definition of the
    core and of what lies above it, shared with the gate."""
    parser = configparser.ConfigParser(inline_comment_prefixes=(";",))
    parser.read(ROOT / ".importlinter", encoding="utf-8")
    section = parser[f"importlinter:contract:{name}"]
    return tuple(section["source_modules"].split()), tuple(section["forbidden_modules"].split())


# The core (loading, findings, codes, schema checks, validation, semantic rules, versions, document kinds) and
# the riskfmt packages it must never import, directly or through a chain.
CORE, _FORBIDDEN = _contract("core")
ABOVE_CORE = tuple(m for m in _FORBIDDEN if m.startswith(PACKAGE + "."))


def module_path(module: str) -> Path | None:
    relative = Path(*module.split("."))
    for candidate in (ROOT / "src" / relative / "__init__.py", ROOT / "src" / relative.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def sizes(graph: grimp.ImportGraph) -> list[tuple[int, str]]:
    """(lines, module) of every hand-written module, largest first."""
    rows = []
    for module in graph.modules:
        if module == GENERATED or module.startswith(GENERATED + ".") or module in GENERATED_MODULES:
            continue
        path = module_path(module)
        if path is not None:
            rows.append((len(path.read_text(encoding="utf-8").splitlines()), module))
    return sorted(rows, key=lambda row: (-row[0], row[1]))


def edges(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def strongly_connected(adjacency: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the graph is small, but recursion depth is not worth a thought)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(adjacency):
        if start in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(adjacency[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(adjacency.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in adjacency.get(node, ()):
                    found.append(sorted(component))
    return sorted(found, key=lambda c: (-len(c), c))


def _details(graph: grimp.ImportGraph, importer: str, imported: str) -> str:
    lines = sorted({d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported)})
    return ",".join(str(n) for n in lines) or "?"


def _within(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def report(top: int | None) -> str:
    graph = grimp.build_graph(PACKAGE, exclude_type_checking_imports=True, cache_dir=None)
    adjacency = edges(graph)
    out: list[str] = []

    rows = sizes(graph)
    total = sum(n for n, _ in rows)
    over = [f"{m} ({n})" for n, m in rows if n > 600]
    out += [f"== Module sizes: {len(rows)} hand-written modules, {total} lines "
            f"(riskfmt._generated and riskfmt.i18n.zh left out) ==",
            f"over 600 lines: {', '.join(over) if over else 'none'}"]
    out += [f"{n:6d}  {m}" for n, m in (rows[:top] if top else rows)]

    count = sum(len(targets) for targets in adjacency.values())
    out += ["", f"== Import graph: {len(adjacency)} modules, {count} internal imports "
            "(function-level included, TYPE_CHECKING left out) =="]

    components = strongly_connected(adjacency)
    out += ["", f"== Cycles: {len(components)} strongly connected component(s) =="]
    for number, component in enumerate(components, 1):
        out.append(f"[{number}] {len(component)} modules: {', '.join(component)}")
        members = set(component)
        for importer in component:
            for imported in sorted(adjacency[importer] & members):
                out.append(f"      {importer} -> {imported}  (line {_details(graph, importer, imported)})")

    packages = sorted(m for m in adjacency if getattr(module_path(m), "name", "") == "__init__.py")
    breakers = {p: sorted(graph.nominate_cycle_breakers(p)) for p in packages}
    breakers = {p: found for p, found in breakers.items() if found}
    out += ["", "== Cycles between sibling packages and modules (each package's children taken whole, as the "
            "acyclic contract in .importlinter sees them): imports that would break them =="]
    for package, found in breakers.items():
        out.append(f"in {package}: " + "; ".join(f"{a} -> {b}" for a, b in found))
    if not breakers:
        out.append("none")

    core = [m for m in CORE if m in adjacency]
    out += ["", f"== What the core imports ({', '.join(m.removeprefix('riskfmt.') for m in core)}) =="]
    for module in core:
        outside = sorted(t for t in adjacency[module] if t not in core)
        out.append(f"{module} -> {', '.join(outside) if outside else '(nothing outside the core)'}")

    out += ["", "== Layer violations: the core reaching " + ", ".join(ABOVE_CORE) + " =="]
    violations = 0
    for module in core:
        for imported in sorted(adjacency[module]):
            if _within(imported, ABOVE_CORE):
                violations += 1
                out.append(f"direct   {module} -> {imported}  (line {_details(graph, module, imported)})")
    above = [m for m in adjacency if _within(m, ABOVE_CORE)]
    for module in core:
        for target in sorted(above):
            if target in adjacency[module]:
                continue
            chain = graph.find_shortest_chain(importer=module, imported=target)
            if chain:
                violations += 1
                out.append("indirect " + " -> ".join(chain))
    if not violations:
        out.append("none")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/import_graph.py", description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=None, help="show only the N largest modules")
    args = parser.parse_args(argv)
    sys.stdout.write(report(args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
