"""How every command treats ``-o``: checked before any work, written all-or-nothing, refused with findings.

A command states in its ``--help`` whether ``-o`` names a file or a folder, and :func:`checked` refuses,
with I/O findings and exit code 2, an output that would replace an input, a key or salts file without
``--force``, a folder where a file is meant (and the other way round), or a place that cannot be written.
The writing itself goes through ``riskfmt.io`` (temporary names, renamed at the end).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import click

__all__ = ["checked", "force_option"]

force_option = click.option("--force", is_flag=True,
                            help="Replace an existing output that is otherwise kept (never an input).")


def checked(path: Path | str | None, lang: str, *, kind: str = "file",
            inputs: Iterable[str | os.PathLike[str] | None] = (), force: bool = False,
            protected: bool = False) -> None:
    """``riskfmt.io.check_output`` for a command line: nothing for standard output (None or "-"), else
    ``OutputRefused`` with the findings (exit 2, reported by ``riskfmt.cli._boundary``). ``lang`` is kept for
    callers; the boundary shows the findings in the command's language."""
    from riskfmt.io import check_output

    if path is None or str(path) == "-":
        return
    check_output(path, kind=kind, inputs=[i for i in inputs if i is not None], force=force, protected=protected)
