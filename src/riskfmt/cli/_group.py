"""The Click group behind ``riskfmt``; its subcommands are imported only when run."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

__all__ = ["cli", "run"]

_COMMANDS = {
    "compare": ("riskfmt.cli.compare", "command", "A matrix of several reports against risk concepts."),
    "corpus": ("riskfmt.cli.corpus", "group", "Many reports at once: index into DuckDB, query, export Parquet, Spark."),
    "convert": ("riskfmt.cli.convert", "command", "Convert other tools' evaluation outputs to riskfmt, and back."),
    "diff": ("riskfmt.cli.diff", "command", "Compare two reports: aligned results, significance, coverage."),
    "digest": ("riskfmt.cli.integrity", "digest", "The RFC 8785 canonical SHA-256 digest of a document."),
    "incident": ("riskfmt.cli.incident", "group", "Incident reports: new, update, history."),
    "keygen": ("riskfmt.cli.integrity", "keygen", "Create an Ed25519 key pair for signing."),
    "render": ("riskfmt.cli.render", "command", "Draw a report, incident or diff as one self-contained HTML page."),
    "redact": ("riskfmt.cli.redact", "redact",
               "Share a report with content withheld (salted digests), and prove withheld items later."),
    "sign": ("riskfmt.cli.integrity", "sign", "Sign a document: a detached DSSE envelope with an in-toto statement."),
    "verify": ("riskfmt.cli.integrity", "verify", "Verify a document against a detached signature."),
    "validate": ("riskfmt.cli.validate", "command", "Check reports against the format, the vocabulary and the rules."),
    "vocab": ("riskfmt.cli.vocab", "group", "The bilingual risk vocabulary: list, show, search, map, export, diff."),
}


COMMAND_SUMMARIES = {name: summary for name, (_, _, summary) in _COMMANDS.items()}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        # the table is the list: a command whose module is missing is an error when run, never left out
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _COMMANDS:
            return None
        import importlib

        from riskfmt.cli._boundary import guarded
        from riskfmt.i18n import english

        module, attr, _ = _COMMANDS[name]
        with english():  # Click translates some texts when a command is built: build it in English
            # guarded: a RiskfmtError raised by the command is reported there, once for every command
            command: click.Command = getattr(importlib.import_module(module), attr)
            return guarded(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # list commands without importing them: help stays as fast as the rest
        from riskfmt.i18n import translate

        rows = [(name, translate(_COMMANDS[name][2])) for name in self.list_commands(ctx)]
        with formatter.section(translate("Commands")):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="riskfmt", prog_name="riskfmt", message="%(prog)s %(version)s")
@click.option("--traceback", is_flag=True, help="Show a Python traceback on internal errors (for bug reports).")
def cli(traceback: bool) -> None:
    """riskfmt: one bilingual vocabulary of AI risks and one evaluation-report format.

    riskfmt：统一的中英双语人工智能风险词表与可互操作的评估报告格式。

    
    Exit codes, for every command: 0 done, 1 findings (or a check that does not hold), 2 usage or
    input/output error (including an output refused before any work), 3 internal error, 130 interrupted.
    Outputs (-o) are written all-or-nothing and never over an input; see docs/security.md.
    """


def run(args: list[str], show_traceback: bool = False) -> int:
    from riskfmt.i18n import install_click, set_language, ui_language

    set_language(ui_language(args))
    install_click()
    try:
        return _run(args, show_traceback)
    finally:
        set_language(None)  # an embedding program (or a test) calls run() again with other arguments


def _run(args: list[str], show_traceback: bool = False) -> int:
    from riskfmt.i18n import translate

    try:
        result: Any = cli.main(args=args, prog_name="riskfmt", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # Click turns Ctrl-C into Abort
            return _interrupted()
        click.echo(translate("Aborted."), err=True)
        return 2
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:
        # the reader went away (riskfmt ... | head): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except OSError as exc:
        # the file system said no (disk full, permissions, a path that changed under us): an I/O error of
        # the run, exit 2, and never a traceback; outputs are staged, so nothing half-written remains
        if show_traceback:
            import traceback

            traceback.print_exc()
        from riskfmt.render.safe import printable

        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(printable(f"riskfmt: {where}{exc.strerror or exc}"), err=True)
        return 2
    except Exception as exc:
        if show_traceback:
            import traceback

            traceback.print_exc()
        from riskfmt.render.safe import printable

        click.echo(
            translate("riskfmt: internal error: {error}").format(error=f"{type(exc).__name__}: {printable(str(exc))}")
            + "\n" + translate("This is a bug in riskfmt. Run again with --traceback and report the output."),
            err=True,
        )
        return 3
    return result if isinstance(result, int) else 0


def _interrupted() -> int:
    """Ctrl-C: exit 130 (128 + SIGINT) as shells expect, with one line and no traceback."""
    try:
        click.echo("Interrupted.", err=True)
    except (OSError, KeyboardInterrupt):
        pass
    return 130
