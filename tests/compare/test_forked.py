"""``riskfmt diff`` with side B's samples file read and checked in a second process (``riskfmt.compare.forked``).

Whatever the child does, the outcome must be the one-process outcome: the same documents, notes, refusals and
exit codes in every format, the same when the child fails half way (the comparison starts again in one process),
and no second process at all when ``RISKFMT_JOBS=1`` says so. The files here are tiny: ``MIN_BYTES`` is lowered
to 0 so that the second process is used anyway (``forks`` counts the children started)."""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.reports import GOLDEN, pinned_pair
from compare.test_golden import CASES, check_golden
from compare.test_single_pass import _pair, _rewrite, _rows, reference, single_pass
from riskfmt import _worker
from riskfmt.cli import run
from riskfmt.compare import DiffOptions, forked, samples

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the second process is forked on Linux")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Second processes allowed for any size of file; the list gets the pid of each child started."""
    monkeypatch.delenv("RISKFMT_JOBS", raising=False)
    # whatever else the machine runs meanwhile, and however many processors it has: the child is started
    monkeypatch.setattr(_worker.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(_worker.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(_worker, "idle_processor", lambda processors: True)
    started: list[int] = []

    class Counted(forked.Beside):
        def __init__(self, source: samples.SampleSource, by: str) -> None:
            super().__init__(source, by)
            started.append(self._worker.pid)

    monkeypatch.setattr(forked, "Beside", Counted)
    monkeypatch.setattr(forked, "MIN_BYTES", 0)
    return started


def one_process(path_a: Path, path_b: Path, options: DiffOptions) -> tuple[str, Any]:
    forked_on = forked._ENABLED
    forked._ENABLED = False
    try:
        return single_pass(path_a, path_b, options)
    finally:
        forked._ENABLED = forked_on


def test_a_pair_in_the_same_order_and_in_different_orders(tmp_path: Path, forks: list[int],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(samples, "_CHUNK_ROWS", 64)  # many chunks through the pipe
    rows_b = _rows(700, 2)
    for name, rows, options in (("same", rows_b, DiffOptions()),
                                ("shuffled", random.Random(4).sample(rows_b, len(rows_b)), DiffOptions()),
                                ("spilled", random.Random(5).sample(rows_b, len(rows_b)), DiffOptions(memory_rows=50))):
        folder = tmp_path / name
        folder.mkdir()
        a, b = _pair(folder, _rows(700, 1), rows)
        before = len(forks)
        got = single_pass(a, b, options)
        assert len(forks) == before + 1  # B was read by a child
        assert got == one_process(a, b, options) == reference(a, b, options)
        assert got[0] == "compared" and got[1]["samples"][0]["matched"] == 700
        assert ("RF842" in {n["code"] for n in got[1]["notes"]}) == (name == "spilled")


def test_pairing_by_input_digest_reads_the_files_again_in_this_process(tmp_path: Path, forks: list[int]) -> None:
    rows_a = [{"sample_id": f"a{i}", "input_digest": f"sha256:{i:064x}", "verdict": "pass"} for i in range(40)]
    rows_b = [{"sample_id": f"b{i}", "input_digest": f"sha256:{i:064x}", "verdict": "fail"} for i in range(40)]
    a, b = _pair(tmp_path, rows_a, rows_b)
    got = single_pass(a, b, DiffOptions())
    assert forks and got == reference(a, b, DiffOptions())
    assert got[1]["samples"][0]["matched_by"] == "input_digest" and got[1]["samples"][0]["matched"] == 40


@pytest.mark.parametrize("problem", ["invalid-json", "duplicate-id", "duplicate-key", "digest", "rows", "leak"])
def test_errors_in_b_are_refused_with_the_findings_they_always_had(tmp_path: Path, forks: list[int],
                                                                  problem: str) -> None:
    import base64

    a, b = _pair(tmp_path, _rows(50, 1), _rows(50, 2))
    changes = {
        "invalid-json": lambda lines: [*lines[:10], "{not json\n", *lines[11:]],
        "duplicate-id": lambda lines: [*lines[:10], lines[3], *lines[11:]],
        "duplicate-key": lambda lines: [*lines[:10], '{"sample_id": "q0010", "sample_id": "z"}\n', *lines[11:]],
        "digest": lambda lines: [*lines[:-1], lines[-1].replace("q0049", "q9999")],
        "rows": lambda lines: lines[:-1],
        "leak": lambda lines: [*lines[:10], json.dumps({"sample_id": "q0010", "output": base64.b64encode(
            bytes(range(256)) * 8).decode()}) + "\n", *lines[11:]],
    }
    _rewrite(tmp_path / "b.jsonl", changes[problem])
    got = single_pass(a, b, DiffOptions())
    assert forks  # the child found it
    assert got == one_process(a, b, DiffOptions()) == reference(a, b, DiffOptions())
    expected = {"invalid-json": "RF512", "duplicate-id": "RF514", "digest": "RF510", "rows": "RF511",
                "duplicate-key": "RF105", "leak": "RF702"}
    assert got[0] == "refused" and expected[problem] in {f[0] for f in got[1]}


def test_warnings_found_by_the_child_travel_as_notes(tmp_path: Path, forks: list[int]) -> None:
    a, b = _pair(tmp_path, _rows(40, 1, risks=["R9999"]), _rows(40, 2, risks=["R9998", "R9997"]), vocabulary="1.9")
    got = single_pass(a, b, DiffOptions())
    assert forks and got == one_process(a, b, DiffOptions()) == reference(a, b, DiffOptions())
    assert sum(n["code"] == "RF405" and "b.jsonl" in n["source"] for n in got[1]["notes"]) == 80


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_child_that_fails_half_way_changes_nothing(tmp_path: Path, forks: list[int],
                                                     monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.setattr(samples, "_CHUNK_ROWS", 16)
    rows_b = _rows(400, 2)
    a, b = _pair(tmp_path, _rows(400, 1, risks=["R9999"]), random.Random(6).sample(rows_b, 400), vocabulary="1.9")
    options = DiffOptions(memory_rows=60)
    produce = forked._produce
    sent: list[int] = []

    def failing(source: samples.SampleSource, by: str) -> Iterator[bytes]:  # runs in the child
        for count, item in enumerate(produce(source, by)):
            if count == 5:
                if how == "dies":
                    os._exit(9)
                raise RuntimeError("the child gives up")
            yield item

    monkeypatch.setattr(forked, "_produce", failing)
    real_iter = forked.Beside.__iter__

    def counting(self: forked.Beside) -> Iterator[Any]:
        for batch in real_iter(self):
            sent.append(len(batch))
            yield batch

    monkeypatch.setattr(forked.Beside, "__iter__", counting)
    got = single_pass(a, b, options)
    assert len(forks) == 1 and sent == [16] * 5  # five chunks came, then the failure: one process from the start
    assert got == one_process(a, b, options) == reference(a, b, options)
    assert got[0] == "compared" and got[1]["samples"][0]["matched"] == 400


def test_riskfmt_jobs_1_keeps_one_process(tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _pair(tmp_path, _rows(100, 1), _rows(100, 2)[::-1])
    monkeypatch.setenv("RISKFMT_JOBS", "1")
    got = single_pass(a, b, DiffOptions())
    assert forks == [] and got == reference(a, b, DiffOptions())
    monkeypatch.setenv("RISKFMT_JOBS", "2")
    assert single_pass(a, b, DiffOptions()) == got and len(forks) == 1


def test_where_no_second_process_may_run_one_process_does_it_all(tmp_path: Path, forks: list[int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _pair(tmp_path, _rows(100, 1), _rows(100, 2)[::-1])
    monkeypatch.setattr(_worker.os, "sched_getaffinity", lambda pid: {0})  # one processor to run on
    got = single_pass(a, b, DiffOptions())
    assert forks == [] and got == reference(a, b, DiffOptions())


def test_a_busy_machine_keeps_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows(100, 1)
    a, b = _pair(tmp_path, rows, rows[::-1])
    monkeypatch.setattr(forked, "MIN_BYTES", 0)
    monkeypatch.setattr(_worker.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(_worker.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(_worker, "idle_processor", lambda processors: False)  # the other processor busy now
    monkeypatch.setattr(forked, "Beside", None)  # would fail if called
    assert single_pass(a, b, DiffOptions()) == reference(a, b, DiffOptions())


def test_small_files_stay_in_one_process(tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _pair(tmp_path, _rows(100, 1), _rows(100, 2))
    smaller = min((tmp_path / "a.jsonl").stat().st_size, (tmp_path / "b.jsonl").stat().st_size)
    monkeypatch.setattr(forked, "MIN_BYTES", smaller + 1)  # one of the two files is under the bound
    single_pass(a, b, DiffOptions())
    assert forks == []
    monkeypatch.setattr(forked, "MIN_BYTES", smaller)
    single_pass(a, b, DiffOptions())
    assert len(forks) == 1


_FORMATS = [[], ["--lang", "zh"], ["--format", "json"], ["--format", "markdown", "--lang", "zh"],
            ["--format", "html"], ["--format", "html", "--lang", "zh"]]


@pytest.mark.parametrize(("case", "name", "args", "code"), [c for c in CASES if c[2][0] == "diff"],
                         ids=[f"{c}/{n}" for c, n, a, _ in CASES if a[0] == "diff"])
def test_golden_outputs_with_a_second_process(case: str, name: str, args: list[str], code: int, forks: list[int],
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(GOLDEN / case)
    monkeypatch.delenv("RISKFMT_LANG", raising=False)
    assert run(args) == code
    captured = capsys.readouterr()
    assert captured.err == "" and forks
    check_golden(GOLDEN / case / "expected" / name, captured.out)


@pytest.mark.parametrize("extra", _FORMATS, ids=[" ".join(f) or "text" for f in _FORMATS])
def test_every_format_and_exit_code_as_one_process(tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], extra: list[str]) -> None:
    rows_b = _rows(120, 2)
    a, b = _pair(tmp_path, _rows(120, 1), random.Random(7).sample(rows_b, 120))
    args = ["diff", str(a), str(b), "--fail-on", "difference", *extra]
    outputs = []
    for jobs in ("2", "1"):
        monkeypatch.setenv("RISKFMT_JOBS", jobs)
        outputs.append((run(args), capsys.readouterr()))
    assert len(forks) == 1 and outputs[0] == outputs[1] and outputs[0][0] in (0, 1)


_row = st.fixed_dictionaries(
    {"sample_id": st.sampled_from([f"s{i}" for i in range(30)]), "epoch": st.integers(1, 2)},
    optional={"verdict": st.sampled_from(["pass", "fail", "partial", "maybe"]),  # "maybe" breaks the schema
              "score": st.floats(-2, 2, allow_nan=False), "risks": st.sampled_from([["R0013"], ["R9999"]]),
              "input_digest": st.sampled_from(["sha256:" + "0" * 64, "sha256:" + "1" * 64])},
)
_lines = st.lists(st.one_of(_row.map(lambda r: json.dumps(r) + "\n"), st.just("\n"), st.just("{oops\n"),
                            st.just('{"sample_id": "s1", "sample_id": "s2"}\n')), max_size=40)


@given(_lines, _lines, st.booleans(), st.sampled_from([1, 6, 100]), st.sampled_from(["1.0", "1.9"]),
       st.sampled_from([4096, 8]), st.randoms())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_pair_of_files_gives_what_one_process_gave(tmp_path: Path, forks: list[int],
                                                       monkeypatch: pytest.MonkeyPatch, lines_a: list[str],
                                                       lines_b: list[str], clean: bool, memory_rows: int,
                                                       vocabulary: str, chunk_rows: int, rnd: Any) -> None:
    monkeypatch.setattr(samples, "_CHUNK_ROWS", chunk_rows)
    if clean:  # mostly valid files (sample ids may still repeat), so that most examples get as far as pairing
        lines_a = [line for line in lines_a if "oops" not in line and "maybe" not in line and '"s2"}' not in line]
        lines_b = [line for line in lines_b if "oops" not in line and "maybe" not in line and '"s2"}' not in line]
    rnd.shuffle(lines_b)
    paths = pinned_pair(Path(tempfile.mkdtemp(dir=tmp_path)), lines_a, lines_b, vocabulary)
    options = DiffOptions(memory_rows=memory_rows)
    before = len(forks)
    got = single_pass(paths[0], paths[1], options)
    assert len(forks) == before + 1  # every example went through a child
    assert got == one_process(paths[0], paths[1], options) == reference(paths[0], paths[1], options)
