"""The loader's resource handling: the collector pause around one document."""

from __future__ import annotations

import gc

import pytest

from riskfmt.loading import paused_gc
from riskfmt.validation import validate_bytes


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_pause_restores_the_collector(collector_on):
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pause_leaves_it_off_until_the_outermost_ends(collector_on):
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_pause_never_turns_on_a_collector_the_caller_turned_off(collector_on):
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_pause_ends_when_the_body_raises(collector_on):
    with pytest.raises(ZeroDivisionError), paused_gc():
        1 / 0  # noqa: B018 - the division is the point: it raises inside the block
    assert gc.isenabled()


def test_validation_gives_the_collector_back(collector_on):
    result = validate_bytes(b'{"kind": "evaluation-report", "format_version": "1.0"}', "x.json")
    assert result.findings  # an incomplete report: the pause must end on the error path too
    assert gc.isenabled()


def test_diff_and_compare_run_with_the_collector_paused_and_give_it_back(collector_on, monkeypatch, tmp_path):
    from pathlib import Path

    import riskfmt.compare as compare_api
    from riskfmt.compare import compare_files, diff_files
    from riskfmt.compare.inputs import InputError

    example = Path(__file__).parents[1] / "examples" / "reports" / "valid" / "minimal.json"
    seen = []
    real_diff, real_compare = compare_api.diff_documents, compare_api.compare
    monkeypatch.setattr(compare_api, "diff_documents",
                        lambda *a, **k: seen.append(gc.isenabled()) or real_diff(*a, **k))
    monkeypatch.setattr(compare_api, "compare", lambda *a, **k: seen.append(gc.isenabled()) or real_compare(*a, **k))
    diff_files(example, example)
    compare_files([example, example])
    assert seen == [False, False] and gc.isenabled()
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(InputError):
        diff_files(example, tmp_path / "bad.json")
    assert gc.isenabled()


def test_every_known_format_ships_its_schema() -> None:
    from riskfmt.kinds import KINDS
    from riskfmt.resources import schema_path

    for kind in KINDS.values():
        for version in kind.versions:
            assert schema_path(kind.name, version).is_file(), (kind.name, version)
