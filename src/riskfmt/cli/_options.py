"""Options shared by several commands, defined once."""

from __future__ import annotations

import click

lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default="en",
    envvar="RISKFMT_LANG",
    show_default=True,
    help="Language of messages and headings (zh: Simplified Chinese). Env: RISKFMT_LANG.",
)

fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the command exit 1.",
)

quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, nothing when clean.")

# Text output lists at most this many findings of each code; the rest are counted per code.
FINDINGS_PER_CODE = 50

all_findings_option = click.option(
    "--all-findings", is_flag=True,
    help=f"List every finding in text output (by default at most {FINDINGS_PER_CODE} of each code, the rest counted).",
)

view_lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "zh", "both"]),
    default="en",
    envvar="RISKFMT_LANG",
    show_default=True,
    help="Language of headings and labels (zh: Simplified Chinese; both: each label in both, html only). "
         "Env: RISKFMT_LANG.",
)
