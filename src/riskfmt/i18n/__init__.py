"""The user interface in both languages: one catalogue of Chinese texts, ``zh_CN.po``.

The catalogue is a gettext PO file keyed by the English text, so a translator works in one file, with any PO
editor: the help of every command and option, Click's own words (usage lines, headings, usage errors), the
command line's own messages, the labels of the HTML views and the message of every finding code (these with a
``msgctxt``; for a finding, its code). riskfmt reads the table ``riskfmt/i18n/zh.py`` that
``tools/i18n_catalogue.py`` compiles from it (a test fails when the two differ), so nothing is parsed at
start-up, and reads it only when something is shown in Chinese.

The language is ``--lang`` when given on the command line, else ``RISKFMT_LANG``, else English.

The lookups themselves are in :mod:`riskfmt.i18n.text`, which any module may import (the core included: it
reaches neither Click nor the command line); this package adds Click's side. A module keeps the English of its
texts and looks each up under a ``msgctxt`` naming where it stands; ``riskfmt.cli.i18n_coverage.LOOKUP_TABLES``
lists its tables, and ``tests/test_i18n_catalogue.py`` fails on a text without an entry, an entry no module
uses, and Chinese anywhere else in ``src/riskfmt`` but the data modules it names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from riskfmt.i18n.text import current, english, pair, set_language, translate, ui_language

__all__ = ["current", "english", "install_click", "pair", "set_language", "translate", "ui_language"]


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


_installed = False


def install_click() -> None:
    """Route Click's own words and the help of every command and option through :func:`translate`.

    Click marks its texts with ``gettext``; the module-level ``_`` and ``ngettext`` of each Click module are
    replaced here, and help texts are swapped in while Click formats them. English passes through unchanged,
    so installing is harmless in any language. A test fails if a Click upgrade moves these names.
    """
    global _installed
    if _installed:
        return
    import click
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types,
                   click.termui):
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]

    def swapping(method: Callable[..., Any], attr: str) -> Callable[..., Any]:
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            original = getattr(self, attr, None)
            if not original or current() != "zh":
                return method(self, *args, **kwargs)
            setattr(self, attr, translate(original))
            try:
                return method(self, *args, **kwargs)
            finally:
                setattr(self, attr, original)

        return wrapper

    click.Option.get_help_record = swapping(click.Option.get_help_record, "help")  # type: ignore[method-assign]
    click.Command.format_help_text = swapping(click.Command.format_help_text, "help")  # type: ignore[method-assign]
    short = swapping(swapping(click.Command.get_short_help_str, "short_help"), "help")
    click.Command.get_short_help_str = short  # type: ignore[method-assign]
    click.Command.format_epilog = swapping(click.Command.format_epilog, "epilog")  # type: ignore[method-assign]

    # Click builds the --help option once per command and caches it, with its help text already passed
    # through gettext: build it in English, so that the cached option is translated when shown, not when made.
    make_help_option = click.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        with english():
            return make_help_option(self, ctx)

    click.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    _installed = True


def help_texts(command: Any, path: str = "riskfmt") -> list[tuple[str, str]]:
    """Every (where, English text) a user can read in ``--help`` below ``command``; used by the tests and by
    ``python -m riskfmt.i18n`` to list what the catalogue lacks."""
    import inspect

    import click

    out: list[tuple[str, str]] = []
    for attr in ("help", "short_help", "epilog"):
        text = getattr(command, attr, None)
        if text:
            out.append((f"{path} ({attr})", inspect.cleandoc(text)))
    for param in command.params:
        if isinstance(param, click.Option) and param.help and not param.hidden:
            out.append((f"{path} {param.opts[-1]}", param.help))
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                out.extend(help_texts(sub, f"{path} {name}"))
    return out

