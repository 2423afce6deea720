"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


class RegistryChoice(click.Choice):  # type: ignore[type-arg]
    """A choice among the names of a registry (renderers, converters, writers, TLP levels), read from the
    registry when Click first needs them (parsing, help, completion), not when the command is built: the
    command line offers exactly what is registered, and a command's module stays cheap to import."""

    def __init__(self, names: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        self._names = names
        self._choices: tuple[str, ...] | None = None
        super().__init__((), case_sensitive)

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._names())
        return self._choices

    @choices.setter
    def choices(self, value: Iterable[str]) -> None:  # click.Choice.__init__ sets it; the registry decides
        pass


def renderer_names() -> list[str]:
    """``--format`` of the commands that print findings: the renderers of ``riskfmt.render``."""
    from riskfmt.render import RENDERERS

    return list(RENDERERS)


def tlp_levels() -> tuple[str, ...]:
    """TLP 2.0 labels, least strict first (their one definition is ``riskfmt.integrity.markings``)."""
    from riskfmt.integrity.markings import TLP_LEVELS

    return TLP_LEVELS


tlp_choice = RegistryChoice(tlp_levels)
