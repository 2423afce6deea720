"""Paths and loaders shared by the incident-report tests."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "incidents"
# AIID data may not be redistributed here (AGPL-3.0 fixtures, CC BY-SA 4.0 data): the tests that read it are opt-in.
# tests/realworld/aiid/README.md says why; tests/realworld/aiid/download.py fetches it.
AIID_INPUTS = Path(os.environ.get("RISKFMT_AIID_DATA") or ROOT / "tests" / "realworld" / "aiid" / "downloaded")
needs_aiid = pytest.mark.skipif(
    not os.environ.get("RISKFMT_AIID_DATA"),
    reason="AIID data is not checked in (licence); run tests/realworld/aiid/download.py DIR and set RISKFMT_AIID_DATA")
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
