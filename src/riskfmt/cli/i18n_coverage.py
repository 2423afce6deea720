"""What the catalogue lacks: every English text of the command line or finding message without Chinese in
``zh_CN.po``.

Apart from ``riskfmt.i18n`` because it builds the whole command line (``riskfmt.cli``), which itself uses
``riskfmt.i18n``; ``python -m riskfmt.i18n`` prints the list and the tests fail on any entry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

from riskfmt.cli._group import COMMAND_SUMMARIES, cli
from riskfmt.codes import CODES
from riskfmt.i18n import help_texts
from riskfmt.i18n.zh import ZH

__all__ = ["LOOKUP_TABLES", "MESSAGE_MODULES", "missing"]

# the command modules whose own lines (a ``MESSAGES`` table of English texts) go through the catalogue
MESSAGE_MODULES = ("riskfmt.cli.corpus", "riskfmt.cli.incident", "riskfmt.cli.integrity")


def _values(table: Any) -> Iterable[str]:
    return table.values() if isinstance(table, dict) else table


# The tables of English texts the modules look up by key, each under one msgctxt: (module, the texts of the
# table, msgctxt). A text a module looks up by its literal English (translate("...", lang, "context")) is
# checked by tests/test_i18n_catalogue.py, which reads every such call in the source.
LOOKUP_TABLES: tuple[tuple[str, Callable[[Any], Iterable[str]], str], ...] = (
    ("riskfmt.codes", lambda m: _values(m.CATEGORY_TITLES), "finding category"),
    ("riskfmt.severity", lambda m: [s.label for s in m.Severity], "finding severity"),
    ("riskfmt.parse_messages", lambda m: [english for _, english in m._RULES] + [m._VERBATIM], "parser message"),
    ("riskfmt.compare.render", lambda m: _values(m._LABELS), "comparison"),
    ("riskfmt.compare.render", lambda m: m._CATEGORIES, "comparison category"),
    ("riskfmt.convert.registry", lambda m: [e.label_en for e in m.ENTRIES], "converter"),
    ("riskfmt.convert.inspect_ai.facts", lambda m: _values(m._GROUP_WHY), "conversion"),
    ("riskfmt.convert.lm_eval.read", lambda m: _values(m._ENVIRONMENT), "conversion"),
    ("riskfmt.convert.opencompass.layout", lambda m: _values(m.CONFIG_LOST), "conversion"),
    ("riskfmt.incident.skeleton", lambda m: _values(m._TEXT["en"]), "incident skeleton"),
    ("riskfmt.incident.diff", lambda m: _values(m._LABELS), "incident comparison"),
    ("riskfmt.incident.likelihood", lambda m: _values(m.BAND_WORDS), "likelihood"),
    ("riskfmt.integrity.leaks.detectors", lambda m: [what for _, what in m._CREDENTIALS], "integrity"),
    ("riskfmt.integrity.leaks.withheld", lambda m: _values(m.KIND_NAMES), "integrity"),
    ("riskfmt.io", lambda m: [english for _, english in m._KINDS], "file kind"),
    ("riskfmt.kinds", lambda m: [kind.en for kind in m.KINDS.values()], "document kind"),
    ("riskfmt.schema_check", lambda m: [*_values(m._PATTERN_WORDS), *_values(m._RELATIONS)], "schema check"),
    ("riskfmt.render.sarif_rules", lambda m: _values(m._CATEGORY_HELP), "sarif help"),
    ("riskfmt.corpus.questions", lambda m: m.HEADINGS, "corpus heading"),
)


def missing() -> list[tuple[str, str]]:
    """(where, English text) of every text of the command line without Chinese in the catalogue: the help of
    every command and option, the group's summaries, the commands' own lines, the message of every finding
    code (``riskfmt.codes.CODES``, the packages' tables included), every table of ``LOOKUP_TABLES``. The labels
    of the HTML views cannot be missing: ``riskfmt.views.labels`` refuses to import without them."""
    texts = help_texts(cli)
    texts += [(f"riskfmt {name} (summary)", text) for name, text in COMMAND_SUMMARIES.items()]
    for module in MESSAGE_MODULES:
        table: dict[str, str] = importlib.import_module(module).MESSAGES
        texts += [(f"{module} MESSAGES[{key!r}]", text) for key, text in table.items()]
    gaps = [(where, text) for where, text in texts if text not in ZH]
    for module_name, texts_of, context in LOOKUP_TABLES:
        gaps += [(f"{module_name} (msgctxt {context})", text) for text in texts_of(importlib.import_module(module_name))
                 if f"{context}\x04{text}" not in ZH]
    # every finding message, of the core table and of every package's, under its code as msgctxt
    gaps += [(f"finding {code}", spec.en) for code, spec in sorted(CODES.items())
             if f"{code}\x04{spec.en}" not in ZH]
    return gaps
