"""``python -m riskfmt.i18n``: print the English texts of the command line that have no Chinese yet."""

from __future__ import annotations

from riskfmt.cli._group import COMMAND_SUMMARIES, cli
from riskfmt.i18n import help_texts
from riskfmt.i18n.zh import ZH

missing = [(where, text) for where, text in help_texts(cli) if text not in ZH]
missing += [(f"riskfmt {name} (summary)", text) for name, text in COMMAND_SUMMARIES.items() if text not in ZH]
for where, text in missing:
    print(f"{where}\n    {text!r}")
print(f"{len(missing)} missing")
