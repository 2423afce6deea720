"""Paths and loaders shared by the incident-report tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "incidents"
AIID_INPUTS = ROOT / "examples" / "inputs" / "aiid"
GOLDEN = Path(__file__).resolve().parent / "golden"
CODE_IN_NAME = re.compile(r"\.(RF\d{3})")


def valid_examples() -> list[Path]:
    return sorted((EXAMPLES / "valid").glob("*.yaml"))


def invalid_examples() -> list[Path]:
    return sorted((EXAMPLES / "invalid").glob("*.yaml"))


def expected_codes(path: Path) -> set[str]:
    return set(CODE_IN_NAME.findall(path.name))


def load(path: Path) -> dict[str, Any]:
    from riskfmt.loading import load_bytes

    document = load_bytes(path.read_bytes(), str(path))
    assert document.parsed, document.findings
    return document.data  # type: ignore[no-any-return]
