"""The one place where the command line catches :class:`riskfmt.errors.RiskfmtError`.

Library code raises a ``RiskfmtError`` (a store that cannot be opened, an input that cannot be compared, an
output that must not be written, ...) with findings that say why; no command catches it itself. Every command
the group hands out is wrapped once by :func:`guarded`, which prints the findings on standard error, in the
language of the command line, and returns the error's exit code. An error marked ``usage`` (no findings, the
command line's own misuse) becomes a Click usage error, raised inside the command so that Click shows the
command's usage line with it.

The wrap sits inside the command (not around ``cli.main``) so that every way of running it, ``riskfmt`` itself
or Click's ``CliRunner``, reports the same way.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from riskfmt.errors import RiskfmtError

__all__ = ["guarded", "report"]

C = TypeVar("C", bound=click.Command)


def report(error: RiskfmtError, lang: str) -> int:
    """Show ``error`` on standard error the way ``riskfmt validate`` shows findings; returns its exit code."""
    if not error.findings:  # nothing coded to show: its message, on one line
        from riskfmt.render.safe import printable

        click.echo(printable(f"riskfmt: {error}"), err=True)
        return error.exit_code
    from riskfmt.findings import FileResult, ValidationResult
    from riskfmt.render import render

    result = ValidationResult([FileResult(source="", findings=list(error.findings))])
    render("text", result, sys.stderr, lang, color=sys.stderr.isatty(), quiet=True)
    return error.exit_code


def _language(params: dict[str, Any]) -> str:
    # the command's own --lang when it has one (``both`` shows findings in English), else the interface's
    lang = params.get("lang")
    if lang in ("en", "zh"):
        return str(lang)
    from riskfmt.i18n import current

    return current()


def _wrap(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except RiskfmtError as error:
            if error.usage:
                raise click.UsageError(str(error)) from error
            return report(error, _language(kwargs))

    run.__riskfmt_guarded__ = True  # type: ignore[attr-defined]
    return run


def guarded(command: C) -> C:
    """``command`` (and, for a group, every subcommand) with its callback wrapped once; returns ``command``."""
    callback = command.callback
    if callback is not None and not getattr(callback, "__riskfmt_guarded__", False):
        command.callback = _wrap(callback)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            guarded(sub)
    return command
