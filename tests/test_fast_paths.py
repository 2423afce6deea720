"""Every fast path of validation gives the findings its reference gives, on every file shipped in the repository.

The fast paths (riskfmt.jcs for the report id, the folded per-result pass of riskfmt.semantic) are swapped for
their references (the rfc8785 package, the rule written one result at a time) and each example and
real-world file is validated both ways: codes, pointers, positions and parameters must be identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rfc8785

from riskfmt import jcs, semantic
from riskfmt.validation import validate

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p for base in (ROOT / "examples", ROOT / "tests" / "realworld") for p in base.rglob("*")
    if p.suffix in (".json", ".yaml", ".yml") and p.is_file()
)


def _findings(path: Path) -> list[tuple]:
    result = validate([path])
    return [(f.code, f.severity, f.location.pointer, f.location.line, f.location.column, sorted(map(str, f.params.items())))
            for file in result.files for f in file.findings]


def test_there_are_files_to_compare() -> None:
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_paths_find_what_the_references_find(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _findings(path)
    monkeypatch.setattr(jcs, "dumps", rfc8785.dumps)
    monkeypatch.setattr(semantic, "_FOLDED_RESULTS", False)
    assert _findings(path) == fast
