"""riskfmt._worker: a generator run in a forked child, its items back in order; failures are never silent."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from riskfmt import _worker
from riskfmt._worker import Worker, WorkerFailed

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")


def _items() -> Iterator[object]:
    yield ("name", [1, 2.5, None, "x"])
    yield {"big": b"\x00" * 300_000}  # more than a pipe holds at once
    yield (True, {1, 2}, -3)


def test_items_come_back_in_order_and_the_child_is_reaped() -> None:
    with Worker(_items) as worker:
        pid = worker.pid
        assert list(worker) == list(_items())
        assert worker.pid == 0  # reaped at the end of its items
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)


def _raises_after_one() -> Iterator[object]:
    yield "first"
    raise ValueError("boom")


def test_an_exception_in_the_child_fails_the_iteration_after_what_was_sent() -> None:
    worker = Worker(_raises_after_one)
    got = []
    with pytest.raises(WorkerFailed):
        for item in worker:
            got.append(item)
    assert got == ["first"]


def _unmarshallable() -> Iterator[object]:
    yield object()


def test_an_item_marshal_cannot_write_fails() -> None:
    with Worker(_unmarshallable) as worker, pytest.raises(WorkerFailed):
        list(worker)


def _killed_between_items() -> Iterator[object]:
    yield 1
    os.kill(os.getpid(), signal.SIGKILL)
    yield 2  # never sent


def test_a_child_killed_between_items_is_a_failure_not_an_end() -> None:
    with Worker(_killed_between_items) as worker, pytest.raises(WorkerFailed):
        assert list(worker) == [1]


def _slow() -> Iterator[object]:
    yield "started"
    time.sleep(60)
    yield "late"


def test_close_stops_a_child_at_work() -> None:
    worker = Worker(_slow)
    pid = worker.pid
    assert next(iter(worker)) == "started"
    began = time.monotonic()
    worker.close()
    assert time.monotonic() - began < 30  # not the minute the child would have slept
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)


def test_the_child_writes_nothing_of_the_parents_buffered_output(capfd: pytest.CaptureFixture[str]) -> None:
    print("once", end="")  # buffered in this process when the child is forked
    with Worker(_items) as worker:
        list(worker)
    assert capfd.readouterr().out == "once"


def test_a_processor_is_idle_when_fewer_tasks_are_ready_than_processors(tmp_path: Path) -> None:
    loadavg = tmp_path / "loadavg"
    for line, free in (("0.52 0.61 0.70 1/123 4567", True), ("2.10 1.90 1.80 2/123 4567", False),
                       ("3.00 2.00 1.00 7/300 1", False), ("", True), ("0.1 0.1 0.1 x/9 1", True)):
        loadavg.write_text(line + "\n", encoding="ascii")
        assert _worker.idle_processor(2, str(loadavg)) is free, line
    assert _worker.idle_processor(2, str(tmp_path / "missing")) is True  # unknown: the other rules decide


def test_available_honours_riskfmt_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKFMT_JOBS", "1")
    assert not _worker.available()
    monkeypatch.delenv("RISKFMT_JOBS")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not _worker.available()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (2.0, 1.0, 1.0))  # both processors busy over the last minute
    assert not _worker.available()
    monkeypatch.setattr(os, "getloadavg", lambda: (1.9, 3.0, 3.0))  # room on one, over the last minute
    monkeypatch.setattr(_worker, "idle_processor", lambda processors: False)  # but not at this instant
    assert not _worker.available()
    monkeypatch.setattr(_worker, "idle_processor", lambda processors: True)
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not _worker.available()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _worker.available()


def test_a_child_ends_with_its_parent() -> None:
    import subprocess
    import textwrap

    # a parent that starts a child which would sleep a minute, prints its pid, and is killed
    code = textwrap.dedent("""
        import sys, time
        from riskfmt._worker import Worker
        def slow():
            yield "started"
            time.sleep(60)
            yield "late"
        worker = Worker(slow)
        assert next(iter(worker)) == "started"
        print(worker.pid, flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{child}/stat") as stat:
                if stat.read().split(") ", 1)[1].startswith("Z"):
                    break  # a zombie: ended, waiting to be reaped by init
        except FileNotFoundError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the child outlived its parent")
