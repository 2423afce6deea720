"""What the catalogue lacks: every English text of the command line or finding message without Chinese in
``zh_CN.po``.

Apart from ``riskfmt.i18n`` because it builds the whole command line (``riskfmt.cli``), which itself uses
``riskfmt.i18n``; ``python -m riskfmt.i18n`` prints the list and the tests fail on any entry.
"""

from __future__ import annotations

import importlib

from riskfmt.cli._group import COMMAND_SUMMARIES, cli
from riskfmt.codes import CODES
from riskfmt.i18n import help_texts
from riskfmt.i18n.zh import ZH

__all__ = ["MESSAGE_MODULES", "missing"]

# the command modules whose own lines (a ``MESSAGES`` table of English texts) go through the catalogue
MESSAGE_MODULES = ("riskfmt.cli.corpus", "riskfmt.cli.incident", "riskfmt.cli.integrity")


def missing() -> list[tuple[str, str]]:
    """(where, English text) of every text of the command line without Chinese in the catalogue: the help of
    every command and option, the group's summaries, the commands' own lines, the message of every finding
    code (``riskfmt.codes.CODES``, the packages' tables included). The labels of the HTML views
    cannot be missing: ``riskfmt.views.labels`` refuses to import without them."""
    texts = help_texts(cli)
    texts += [(f"riskfmt {name} (summary)", text) for name, text in COMMAND_SUMMARIES.items()]
    for module in MESSAGE_MODULES:
        table: dict[str, str] = importlib.import_module(module).MESSAGES
        texts += [(f"{module} MESSAGES[{key!r}]", text) for key, text in table.items()]
    gaps = [(where, text) for where, text in texts if text not in ZH]
    # every finding message, of the core table and of every package's, under its code as msgctxt
    gaps += [(f"finding {code}", spec.en) for code, spec in sorted(CODES.items())
             if f"{code}\x04{spec.en}" not in ZH]
    return gaps
