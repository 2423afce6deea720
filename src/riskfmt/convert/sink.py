"""Where the ``--to`` writers put their files: staged for one ``write``, committed together or not at all.

Every writer (riskfmt, CSV, Markdown in ``targets``; EEE in ``eee.write``) hands each file to ``emit``;
``targets.write`` opens a sink around the writer and commits it at the end, so a run that fails leaves nothing
at ``-o``. A writer called on its own (tests, the API) gets a sink of its own per file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.errors import RiskfmtError
from riskfmt.findings import Finding
from riskfmt.io import Staged

__all__ = ["OutputError", "Sink", "Writer", "emit", "folder_named", "sink"]

# a writer: (converted items, -o or None for standard output, options, language) -> findings on the output
Writer = Callable[[list[Converted], "Path | None", ConvertOptions, str], list[Finding]]


class OutputError(RiskfmtError):
    """The output cannot be written as asked (a usage error: exit 2)."""

    usage = True

    def __init__(self, message: str) -> None:
        super().__init__((), message)


class Sink:
    """Where the writers' files go during one ``write``: staged files, or standard output at the end."""

    def __init__(self, out: Path | None, folder: bool, force: bool) -> None:
        self.to_stdout = out is None or str(out) == "-"
        self.staged = None if out is None or self.to_stdout else Staged(out, folder=folder, force=force)
        self.stdout: list[bytes] = []

    def put(self, target: Path | None, data: bytes) -> None:
        if target is None or str(target) == "-":
            self.stdout.append(data)
        elif self.staged is None:
            raise OutputError("files beside the output need -o, not standard output")
        else:
            self.staged.put(target, data)

    def commit(self) -> None:
        if self.staged is not None:
            self.staged.commit()
        for data in self.stdout:
            sys.stdout.buffer.write(data)
        sys.stdout.flush()


_SINK: ContextVar[Sink | None] = ContextVar("riskfmt_convert_sink", default=None)
_FOLDER: ContextVar[bool] = ContextVar("riskfmt_convert_folder", default=False)  # -o named a folder


@contextmanager
def sink(out: Path | None, *, folder: bool, force: bool) -> Iterator[Sink]:
    """The sink every ``emit`` inside the block hands its file to; the caller commits it."""
    opened = Sink(out, folder=folder, force=force)
    token, named = _SINK.set(opened), _FOLDER.set(folder)
    try:
        yield opened
    finally:
        _SINK.reset(token)
        _FOLDER.reset(named)


def folder_named() -> bool:
    """Whether the ``write`` in progress was asked for a folder (``-o OUT/``, or one that exists)."""
    return _FOLDER.get()


def emit(out: Path | None, data: bytes) -> None:
    """Hand one output file (None or "-": standard output) to the ``write`` in progress."""
    current = _SINK.get()
    if current is None:  # a writer called on its own (tests, the API): a sink of its own, committed at once
        current = Sink(out, folder=False, force=True)
        current.put(out, data)
        current.commit()
        return
    current.put(out, data)
