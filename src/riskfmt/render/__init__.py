"""Renderers: the only code that turns findings into text. Chosen by name from ``RENDERERS``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from riskfmt.findings import ValidationResult

Renderer = Callable[[ValidationResult, TextIO, str, bool, bool], None]

__all__ = ["RENDERERS", "render"]


def _text(result: ValidationResult, out: TextIO, lang: str, color: bool, quiet: bool) -> None:
    from riskfmt.render.text import render

    render(result, out, lang, color, summary=not quiet)


def _json(result: ValidationResult, out: TextIO, lang: str, color: bool, quiet: bool) -> None:
    from riskfmt.render.machine import render_json

    render_json(result, out, lang)


def _github(result: ValidationResult, out: TextIO, lang: str, color: bool, quiet: bool) -> None:
    from riskfmt.render.machine import render_github

    render_github(result, out, lang)


def _sarif(result: ValidationResult, out: TextIO, lang: str, color: bool, quiet: bool) -> None:
    from riskfmt.render.machine import render_sarif

    render_sarif(result, out, lang)


RENDERERS: dict[str, Renderer] = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}


def render(
    name: str, result: ValidationResult, out: TextIO, lang: str = "en", color: bool = False, quiet: bool = False,
    limit: int | None = None,
) -> None:
    """Write ``result`` in the named format; ``quiet`` drops the text summary (machine formats ignore it).

    ``limit`` caps the findings of each code that the text format lists (the rest are counted); machine
    formats ignore it. Every command's findings pass here, so here they are bounded too, in every format: at
    most the per-code limit of ``riskfmt.caps`` for each file and code, then one RF520 counting the rest
    (docs/integrations.md, "A flood of findings", says why that is the default for JSON as well).
    """
    from riskfmt.caps import cap
    from riskfmt.caps import limit as per_file_limit
    from riskfmt.findings import FileResult
    from riskfmt.loading import paused_gc

    # Findings and what is written of them (strings, dicts, lists) hold no cycles: the cyclic collector is paused
    # while they are written, as while documents are parsed and checked. Rendering 847,000 findings allocates
    # millions of containers, and every full collection meanwhile walked the findings and whatever else the
    # process holds (a parsed report): it doubled the time of SARIF from the command line.
    with paused_gc():
        bound = per_file_limit()
        if bound > 0 and any(len(r.findings) > bound for r in result.files):
            result = ValidationResult([FileResult(r.source, r.kind, r.format_version, cap(r.findings, bound))
                                       for r in result.files])
        if name == "text" and limit is not None:
            from riskfmt.render.text import render as render_text

            render_text(result, out, lang, color, summary=not quiet, limit=limit)
            return
        RENDERERS[name](result, out, lang, color, quiet)
