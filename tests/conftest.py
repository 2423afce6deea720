from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"
CODE_IN_NAME = re.compile(r"\.(RF\d{3})")


def valid_examples() -> list[Path]:
    return sorted(p for p in (EXAMPLES / "valid").iterdir() if p.suffix in (".json", ".yaml", ".yml"))


def invalid_examples() -> list[Path]:
    return sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.suffix in (".json", ".yaml", ".yml"))


def invalid_incident_examples() -> list[Path]:
    folder = ROOT / "examples" / "incidents" / "invalid"
    return sorted(p for p in folder.iterdir() if p.suffix in (".json", ".yaml", ".yml")) if folder.is_dir() else []


def expected_codes(path: Path) -> set[str]:
    return set(CODE_IN_NAME.findall(path.name))


def required(env: str) -> bool:
    """CI sets these so that a test that would otherwise skip for a missing tool fails instead."""
    return os.environ.get(env, "") not in ("", "0")


@pytest.fixture
def root() -> Path:
    return ROOT
