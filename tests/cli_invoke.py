"""Run the ``riskfmt`` command line in-process through Click's ``CliRunner``, with the exit codes of
``riskfmt.cli._group.run`` (the code a command returns; 2 for usage errors), but with an internal error left
as the exception it is, so a test that feeds hostile input sees the crash itself, not only "exit 3"."""

from __future__ import annotations

from dataclasses import dataclass

import click
from click.testing import CliRunner


@dataclass
class Outcome:
    code: int
    output: str
    crash: BaseException | None = None


def invoke(*args: str, stdin: str | bytes | None = None) -> Outcome:
    """The exit code and the combined output of ``riskfmt ARGS``; ``crash`` is set when the command would
    have exited 3 (an internal error)."""
    from riskfmt.cli import cli

    result = CliRunner().invoke(cli, list(args), input=stdin, standalone_mode=False, catch_exceptions=True)
    output = result.output
    exc = result.exception
    if exc is None:
        value = result.return_value
        return Outcome(value if isinstance(value, int) else 0, output)
    if isinstance(exc, click.exceptions.Exit):
        return Outcome(exc.exit_code, output)
    if isinstance(exc, click.ClickException):
        return Outcome(2, output + exc.format_message())
    if isinstance(exc, SystemExit):
        return Outcome(exc.code if isinstance(exc.code, int) else 1, output)
    return Outcome(3, output, exc)
