"""``python -m riskfmt.i18n``: print the English texts of the command line that have no Chinese yet."""

from __future__ import annotations

from riskfmt.cli.i18n_coverage import missing

gaps = missing()
for where, text in gaps:
    print(f"{where}\n    {text!r}")
print(f"{len(gaps)} missing")
