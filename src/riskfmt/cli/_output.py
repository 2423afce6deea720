"""How every command treats ``-o``: checked before any work, written all-or-nothing, refused with findings.

A command states in its ``--help`` whether ``-o`` names a file or a folder, and :func:`checked` refuses,
with I/O findings and exit code 2, an output that would replace an input, a key or salts file without
``--force``, a folder where a file is meant (and the other way round), or a place that cannot be written.
The writing itself goes through ``riskfmt.io`` (temporary names, renamed at the end).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import click

__all__ = ["checked", "force_option", "refused"]

force_option = click.option("--force", is_flag=True,
                            help="Replace an existing output that is otherwise kept (never an input).")


def refused(findings: list, lang: str) -> NoReturn:  # type: ignore[type-arg]
    """Print the findings that refuse an output on standard error and exit 2."""
    from riskfmt.findings import FileResult, ValidationResult
    from riskfmt.render import render

    files: dict[str, FileResult] = {}
    for finding in findings:
        files.setdefault(finding.location.source, FileResult(source=finding.location.source)).add(finding)
    render("text", ValidationResult(list(files.values())), sys.stderr, lang, color=sys.stderr.isatty(), quiet=True)
    raise click.exceptions.Exit(2)


def checked(path: Path | str | None, lang: str, *, kind: str = "file",
            inputs: Iterable[str | os.PathLike[str] | None] = (), force: bool = False,
            protected: bool = False) -> None:
    """``riskfmt.io.check_output`` for a command line: nothing for standard output (None or "-"), else the
    refusal as findings and exit 2."""
    from riskfmt.io import OutputRefused, check_output

    if path is None or str(path) == "-":
        return
    try:
        check_output(path, kind=kind, inputs=[i for i in inputs if i is not None], force=force,
                     protected=protected)
    except OutputRefused as exc:
        refused(exc.findings, lang)
