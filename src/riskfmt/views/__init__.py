"""HTML views of riskfmt documents for the people who decide from them: ``riskfmt render`` and the ``html``
format of ``riskfmt diff`` and ``riskfmt compare``.

A view is one self-contained HTML file: an inline style sheet and inline SVG, no script, no font, image or
any other request (a Content-Security-Policy of ``default-src 'none'`` says so to the browser too), a print
style sheet, and a layout that fits a 390 px phone. Every text from a document is escaped
(``riskfmt.views.html``). Labels are in English, Chinese or both (``lang="both"``: each label in both).

``VIEWS`` maps a document kind to the function that draws it, imported on first use::

    from riskfmt.views import render_file
    html, findings = render_file("report.json", lang="both")

``render_outcome`` draws the result of ``riskfmt.compare.diff_files`` / ``compare_files`` directly.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import Any

from riskfmt.kinds import KINDS as _KINDS
from riskfmt.views.html import LANGS

__all__ = ["LANGS", "RENDERABLE", "VIEWS", "render_document", "render_file", "render_outcome"]

# document kind -> "module:function"; the function takes (document, page, source=..., findings=...) and returns
# (page title, body HTML). A missing entry is an error, never a guess. The views of document kinds are in the
# table of kinds (riskfmt.kinds); a comparison matrix and an incident diff are drawn from a comparison only.
VIEWS: dict[str, str] = {
    **{kind.name: kind.view for kind in _KINDS.values() if kind.view is not None},
    "comparison": "riskfmt.views.comparison:render_matrix",
    "incident-diff": "riskfmt.views.incident:render_incident_diff",
}

# what ``riskfmt render FILE`` accepts: kinds it can validate before drawing (a comparison matrix and an incident
# diff have no published schema, so they are drawn only from a comparison riskfmt has just made)
RENDERABLE = tuple(kind.name for kind in _KINDS.values() if kind.view is not None)


def _view(kind: str) -> Any:
    module, _, attribute = VIEWS[kind].partition(":")
    return getattr(importlib.import_module(module), attribute)


def render_document(document: dict[str, Any], lang: str = "en", *, kind: str | None = None, source: str = "",
                    findings: Sequence[Any] = ()) -> str:
    """The HTML page of a document (already validated) of ``kind`` (default: its ``kind`` field).

    .. versionadded:: 0.1
    """
    from riskfmt.views.html import Page
    from riskfmt.views.html import document as page_document
    from riskfmt.views.parts import tlp_of

    page = Page(lang)
    title, body = _view(kind or str(document.get("kind")))(document, page, source=source, findings=findings)
    return page_document(page, title=title, body=body, tlp=tlp_of(document))


def render_outcome(outcome: Any, lang: str = "en") -> str:
    """The HTML page of a comparison made by ``riskfmt.compare`` (a diff of either kind, or a matrix).

    .. versionadded:: 0.1
    """
    document = outcome.to_dict()
    kind = str(document.get("kind"))
    if kind == "incident-report":  # the incident differ's document reuses the kind of what it compares
        kind = "incident-diff"
    sources = [str(s) for s in (document.get("a", {}).get("source"), document.get("b", {}).get("source")) if s]
    if kind == "comparison":
        sources = [str(r.get("source")) for r in document.get("reports", [])]
    return render_document(document, lang, kind=kind, source=", ".join(sources))


def render_file(path: str | os.PathLike[str], lang: str = "en") -> tuple[str, list[Any]]:
    """Read, validate and draw one document (``"-"``: standard input). Returns the page and the validator's
    findings (shown on the page too). Raises ``riskfmt.compare.InputError`` with the findings when the
    document cannot be read, is not of a kind in ``RENDERABLE``, or does not match its schema (a view needs
    the shape the schema guarantees; other errors, such as an interval that excludes its value, are drawn).

    .. versionadded:: 0.1
    """
    from riskfmt.compare.inputs import InputError
    from riskfmt.findings import Finding, Severity
    from riskfmt.loading import DEFAULT_MAX_SIZE, load_bytes, read_source

    name = os.fspath(path)
    raw, problem = read_source(name, max_size=DEFAULT_MAX_SIZE)
    source = "<stdin>" if name == "-" else name
    if problem is not None or raw is None:
        raise InputError([problem] if problem else [])
    loaded = load_bytes(raw, source)
    if not loaded.parsed:
        raise InputError(list(loaded.findings))
    data = loaded.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in RENDERABLE:
        raise InputError([Finding.make("RF202", source, "/kind", kind=str(kind), known=", ".join(RENDERABLE))])
    findings = _validate(loaded, kind, source, None if name == "-" else os.path.dirname(name) or ".")
    blocking = [f for f in findings if f.severity >= Severity.ERROR and _structural(f.code)]
    if blocking:
        raise InputError(findings)
    return render_document(data, lang, source=source, findings=findings), findings


def _structural(code: str) -> bool:
    # reading, parsing, document kind and version, the JSON Schema: after any of these the shape is unknown
    return code[:3] in ("RF0", "RF1", "RF2", "RF3")


def _validate(loaded: Any, kind: str, source: str, base_dir: str | None) -> list[Any]:
    from pathlib import Path

    from riskfmt.findings import Finding

    if kind == "diff-result":
        from riskfmt import schema_check

        version = str(loaded.data.get("format_version"))
        if version != "1.0":
            return [Finding.make("RF203", source, "/format_version", version=version, supported="1.0", known="1.0")]
        return sorted(schema_check.check("diff-result", "1.0", loaded.data, source), key=Finding.sort_key)
    from riskfmt.validation import validate_document

    result = validate_document(loaded, base_dir=Path(base_dir) if base_dir else None)
    return sorted(result.findings, key=Finding.sort_key)
