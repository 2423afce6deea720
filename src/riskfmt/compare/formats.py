"""Every output format of a comparison, by name: the ``--format`` choices of ``riskfmt diff`` and ``riskfmt
compare`` are read from ``FORMATS``, and ``emit`` prints through it (``riskfmt vocab diff`` too).

Each entry names a function ``fn(outcome, lang) -> str`` as ``"module:attribute"``, imported only when that
format is asked for: reading the choices costs nothing, and ``html``, drawn by ``riskfmt.views`` (a layer
above this package, which imports it), is reached without ``riskfmt.compare`` importing the views. ``html``
also takes the language ``both``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["FORMATS", "emit", "formatter"]

FORMATS: dict[str, str] = {
    "text": "riskfmt.compare.render:text_output",
    "json": "riskfmt.compare.render:json_output",
    "markdown": "riskfmt.compare.render:markdown_output",
    "html": "riskfmt.views:render_outcome",
}


def formatter(fmt: str) -> Callable[[Any, str], str]:
    """The function of one format; ``ValueError`` for a name not in ``FORMATS``."""
    target = FORMATS.get(fmt)
    if target is None:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    module_name, _, attribute = target.partition(":")
    function: Callable[[Any, str], str] = getattr(importlib.import_module(module_name), attribute)
    return function


def emit(outcome: Any, fmt: str, lang: str = "en") -> str:
    """The whole output of a comparison in one format of ``FORMATS``: ``json`` (the outcome's document),
    ``text``, ``markdown`` or ``html`` (a self-contained page, ``riskfmt.views``).

    .. versionadded:: 0.1
    """
    return formatter(fmt)(outcome, lang)
