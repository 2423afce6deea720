"""The ``riskfmt`` command.

Exit codes, for every command: 0 success, 1 findings at or above ``--fail-on``, 2 usage or input/output
error, 3 internal error. No Python traceback is printed unless ``--traceback`` is given.

``main`` does not import Click: a plain ``riskfmt validate FILE...`` is first offered to the quick path
(``riskfmt._quick``), which answers only when every file is clean and otherwise hands the whole command to
the Click group in ``riskfmt.cli._group``. ``RISKFMT_NO_QUICK=1`` turns the quick path off.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click

__all__ = ["cli", "main", "run"]


def main(argv: list[str] | None = None) -> None:
    try:
        _main(argv)
    except KeyboardInterrupt:  # Ctrl-C outside the Click command (the quick path, imports): exit 130
        try:
            sys.stderr.write("Interrupted.\n")
        except (OSError, KeyboardInterrupt):
            pass
        sys.exit(130)


def _main(argv: list[str] | None) -> None:
    args = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Chinese must not crash us
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    if args[:1] == ["validate"] and not os.environ.get("RISKFMT_NO_QUICK"):
        from riskfmt._quick import attempt

        code = attempt(args[1:])
        if code is not None:
            sys.exit(code)
    show_traceback = "--traceback" in args or bool(os.environ.get("RISKFMT_TRACEBACK"))
    if argv is None and args[:1] == ["validate"]:  # a process of its own, which ends once its output is written:
        from riskfmt.loading import keep_trees_until_exit  # its last tree is left to the OS, not freed one by one

        keep_trees_until_exit()
    sys.exit(run(args, show_traceback))


def run(args: list[str], show_traceback: bool = False) -> int:
    """Run the Click command line on ``args``; returns the exit code (the quick path is not tried)."""
    from riskfmt.cli._group import run as run_group

    return run_group(args, show_traceback)


def __getattr__(name: str) -> Any:
    if name == "cli":  # the Click group, for documentation tools and CliRunner
        from riskfmt.cli._group import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    cli: click.Group
