"""Every failure the fuzzing harness (fuzz/run.py) ever found, replayed: no input may make a command exit 3,
print a traceback, report an internal error (RF900) or hang.

A fixture is one JSON file in tests/fuzz_regressions/: the command line, the files it reads (base64) and the
crash site it hit when it was found. Fixtures whose site lies in code another change is fixing carry
``"open": "<why>"`` and are expected to fail until then (non-strict xfail: the fix lands without a test edit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fuzz_regressions").glob("*.json"))
sys.path.insert(0, str(ROOT / "fuzz"))


def _case(path: Path) -> object:
    body = json.loads(path.read_text(encoding="utf-8"))
    marks = [pytest.mark.xfail(reason=body["open"], strict=False)] if body.get("open") else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("fixture", [_case(p) for p in FIXTURES])
def test_fuzz_regression(fixture: Path) -> None:
    from common import replay

    outcome = replay(fixture)
    assert not outcome.hang, "hangs"
    assert outcome.code in (0, 1, 2), outcome.stderr[-2000:]
    assert "Traceback (most recent call last)" not in outcome.stderr, outcome.stderr[-2000:]
    assert not outcome.internal_finding, (outcome.stdout + outcome.stderr)[-2000:]


def test_fixtures_are_well_formed() -> None:
    for path in FIXTURES:
        body = json.loads(path.read_text(encoding="utf-8"))
        assert {"target", "site", "args", "files"} <= set(body), path
        assert all(isinstance(a, str) for a in body["args"]), path


def test_the_harness_turns_bytes_into_commands(tmp_path: Path) -> None:
    """The atheris targets' plumbing, without atheris: every target builds a command that runs."""
    from common import Recorder
    from targets import TARGETS, build, seeds

    recorder = Recorder("selftest", regressions=tmp_path)
    for target in TARGETS:
        data = seeds(target)[0]
        args, files = build(target, data)
        outcome = recorder.check(args, files)
        assert outcome.code in (0, 1, 2), (target, outcome.stderr[-1000:])
    assert recorder.executions == len(TARGETS) and recorder.failures == 0
