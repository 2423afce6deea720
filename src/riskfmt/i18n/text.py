"""Looking texts up in the catalogue: the part of ``riskfmt.i18n`` that needs nothing but the table.

Every module may import this one, the core included (it reaches neither Click nor the command line): the
Chinese of a text is read from ``riskfmt/i18n/zh.py`` only when a text is shown in Chinese, so English never
loads the table. A module keeps the English of its texts (the msgid) and asks :func:`translate` for the
language wanted; ``tests/test_i18n_catalogue.py`` fails when a text looked up has no entry, or an entry is
used nowhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["both", "current", "english", "pair", "params", "set_language", "translate", "ui_language"]

_language: str | None = None


def ui_language(args: Sequence[str]) -> str:
    """The interface language for one command line: ``--lang``, then ``RISKFMT_LANG``, then English."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return "zh" if args[i + 1] == "zh" else "en"
        if arg.startswith("--lang="):
            return "zh" if arg.split("=", 1)[1] == "zh" else "en"
    return "zh" if os.environ.get("RISKFMT_LANG", "").lower().startswith("zh") else "en"


def set_language(lang: str | None) -> None:
    """Fix the interface language (``None``: back to ``RISKFMT_LANG``)."""
    global _language
    _language = lang


@contextmanager
def english() -> Iterator[None]:
    """English while Click objects are made: texts Click translates when it builds an object (a Path type's
    name, the --help option) must stay the English msgid, or the first Chinese run would fix them in Chinese
    for the whole process. They are translated when shown."""
    global _language
    saved, _language = _language, "en"
    try:
        yield
    finally:
        _language = saved


def current() -> str:
    """The interface language now: the one set, else ``RISKFMT_LANG``, else English."""
    return _language if _language is not None else ui_language([])


def translate(text: str, lang: str | None = None, context: str | None = None) -> str:
    """``text`` in ``lang`` (default: the interface language), from the entry with that ``context``
    (``msgctxt``) if given; unchanged when English or when the catalogue has no entry."""
    if not text or (lang or current()) != "zh":
        return text
    from riskfmt.i18n.zh import ZH

    if context is not None:
        return ZH.get(f"{context}\x04{text}", text)
    found = ZH.get(text)
    if found is None and "\n" in text:  # docstrings arrive indented: the catalogue holds them dedented
        import inspect

        found = ZH.get(inspect.cleandoc(text))
    return found if found is not None else text


def pair(english: str, *contexts: str) -> tuple[str, str]:
    """(English, Chinese) of a text the catalogue holds under a context (``msgctxt``): the first of
    ``contexts`` that has an entry. A missing entry is a ``KeyError`` when the module that asks is imported,
    so no page is ever drawn with a hole in it."""
    from riskfmt.i18n.zh import ZH

    for context in contexts:
        found = ZH.get(f"{context}\x04{english}")
        if found is not None:
            return english, found
    raise KeyError(f"no Chinese for {english!r} (msgctxt {' or '.join(contexts)}) in riskfmt/i18n/zh_CN.po")


def both(english: str, context: str, **values: object) -> tuple[str, str]:
    """(English, Chinese) of a text the catalogue holds under ``context``, ``values`` filling the ``{names}`` of
    both: for the pairs a module passes on (a finding's ``why`` and ``why_zh``). Reads the table."""
    return english.format(**values), translate(english, "zh", context).format(**values)


def params(name: str, english: str, context: str, **values: object) -> dict[str, Any]:
    """A finding's parameter ``name`` and its Chinese ``name_zh``, as :func:`both` gives them (typed ``Any`` to
    be spread into ``Finding.make``, whose other keywords are not strings)."""
    en, zh = both(english, context, **values)
    return {name: en, f"{name}_zh": zh}
