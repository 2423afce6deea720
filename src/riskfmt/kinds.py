"""Document kinds: one entry per kind holds everything riskfmt knows about it, and the checks that run on
whole documents of several kinds.

Read by validation (which kinds and format versions exist, the rules after the schema), the build
(``tools/build.py``: which LinkML source makes which schema), ``riskfmt diff`` (the differ) and the views
(how a kind is drawn). Implementations are named by ``"module:attribute"`` and imported only when first
used (``resolve``), so importing this table costs nothing, and the core of riskfmt (loading, findings,
schema checks, validation, semantic rules) never imports a kind's package: the package plugs in here. A
named module that is missing is an error, never a check quietly skipped.

To add a kind: write its LinkML model, add an entry to ``KINDS``, run ``python tools/build.py``.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

__all__ = ["DOCUMENT_CHECKS", "KINDS", "DocumentCheck", "DocumentKind", "document_checks", "get", "label",
           "resolve", "validated_kinds"]


class DocumentKind:
    """One kind of riskfmt document.

    ``versions``: the format versions with a published schema, oldest first; the schema of each is
    ``schemas/jsonschema/<name>-<version>.json`` (``riskfmt.resources.schema_path``), generated from
    ``linkml`` (a file in ``schemas/linkml/``) whose top class is ``top_class``. ``validated``: whether
    ``riskfmt validate`` accepts the kind as input (a diff result is an output of riskfmt, checked against
    its schema only when drawn). ``checker``: the rules JSON Schema cannot express, run once the schema
    passed, called as ``checker(data, source, base_dir, format_version, check_samples) -> [Finding]``.
    ``differ``: ``fn(a, b, *, sources, options) -> DiffOutcome`` for ``riskfmt diff``. ``view``: the HTML
    view, ``fn(document, page, *, source, findings) -> (title, body)``. ``corpus``: how ``riskfmt corpus index``
    turns a valid document into table rows, ``fn(data, path, digest, resolve) -> (rows, samples files)``; a kind
    without it is not indexed.
    """

    # a plain class, not a NamedTuple or a dataclass: this module is imported by every `riskfmt validate`,
    # also on the quick path, where building a named tuple class costs more than the whole table
    __slots__ = ("checker", "corpus", "differ", "en", "linkml", "name", "top_class", "validated", "versions", "view")

    def __init__(self, name: str, en: str, versions: tuple[str, ...], *, linkml: str, top_class: str,
                 validated: bool = True, checker: str | None = None, differ: str | None = None,
                 view: str | None = None, corpus: str | None = None) -> None:
        self.name, self.en, self.versions = name, en, versions
        self.linkml, self.top_class, self.validated = linkml, top_class, validated
        self.checker, self.differ, self.view, self.corpus = checker, differ, view, corpus

    @property
    def zh(self) -> str:
        """The kind's name in Chinese, from riskfmt/i18n/zh_CN.po (msgctxt "document kind")."""
        from riskfmt.i18n.text import translate

        return translate(self.en, "zh", "document kind")

    def __repr__(self) -> str:
        return f"DocumentKind({self.name!r})"


class DocumentCheck:
    """A check that runs on every document of ``kinds``, whatever its shape. It plugs into validation at up
    to three points: ``document(data, source, raw, syntax) -> [Finding]`` runs before the schema (so a
    problem in a field the schema does not know is still named); ``rules(data, source) -> [Finding]`` runs
    with the checker of an evaluation report once the schema passed (where the disclosure is checked; the
    other kinds have no disclosure section); ``samples(source, data)`` makes the scanner of the rows of a
    samples file the report ``data`` cites (``rows(rows, lines)`` for each chunk, ``finish() -> [Finding]``).
    ``raw(data: bytes)``, a pure function of a JSON input's bytes that ``document`` calls on them (or None where it
    will not): another process may compute it ahead for a large input (``riskfmt._sidecar``), and ``document`` takes
    that result (``riskfmt._ahead.take(name, raw)``) instead of computing it again.
    """

    __slots__ = ("document", "kinds", "name", "raw", "rules", "samples")

    def __init__(self, name: str, kinds: tuple[str, ...], *, document: str, rules: str | None = None,
                 samples: str | None = None, raw: str | None = None) -> None:
        self.name, self.kinds, self.document, self.rules, self.samples = name, kinds, document, rules, samples
        self.raw = raw

    def __repr__(self) -> str:
        return f"DocumentCheck({self.name!r})"


# The order is the order of the "known" list in RF202 (validated kinds) and of the build.
KINDS: dict[str, DocumentKind] = {kind.name: kind for kind in (
    DocumentKind("evaluation-report", "evaluation report", ("1.0",),
                 linkml="evaluation_report.yaml", top_class="EvaluationReport",
                 checker="riskfmt.semantic:check_report",
                 differ="riskfmt.compare.diff:diff_reports",
                 view="riskfmt.views.report:render_report",
                 corpus="riskfmt.corpus.rows:evaluation_rows"),
    DocumentKind("vocabulary", "vocabulary", ("1.0",),
                 linkml="vocabulary.yaml", top_class="Vocabulary"),
    DocumentKind("incident-report", "incident report", ("1.0",),
                 linkml="incident_report.yaml", top_class="IncidentReport",
                 checker="riskfmt.incident.semantic:check_document",
                 differ="riskfmt.incident.diff:diff_incidents",
                 view="riskfmt.views.incident:render_incident",
                 corpus="riskfmt.corpus.rows:incident_rows"),
    DocumentKind("diff-result", "diff result", ("1.0",),
                 linkml="diff_result.yaml", top_class="DiffResult", validated=False,
                 view="riskfmt.views.comparison:render_diff"),
)}

# Material that must not travel (weights, blobs, tokens, withheld content) is looked for in every report,
# with its own codes and always as errors.
DOCUMENT_CHECKS: tuple[DocumentCheck, ...] = (
    DocumentCheck("leaks", ("evaluation-report", "incident-report"),
                  document="riskfmt.integrity.checks:scan_document",
                  rules="riskfmt.integrity.checks:disclosure_rules",
                  samples="riskfmt.integrity.checks:samples_scan",
                  raw="riskfmt.integrity.leaks.document:raw_pass"),
)


def get(name: str) -> DocumentKind | None:
    return KINDS.get(name)


def validated_kinds() -> dict[str, tuple[str, ...]]:
    """Kind -> format versions, for the kinds ``riskfmt validate`` accepts."""
    return {kind.name: kind.versions for kind in KINDS.values() if kind.validated}


def label(name: str, lang: str = "en") -> str:
    """The kind's name in ``lang`` (``en`` or ``zh``); an unknown kind is shown as it is written."""
    kind = KINDS.get(name)
    if kind is None:
        return name
    return kind.zh if lang == "zh" else kind.en


def document_checks(kind: str) -> tuple[DocumentCheck, ...]:
    return tuple(check for check in DOCUMENT_CHECKS if kind in check.kinds)


def resolve(target: str) -> Any:
    """The object a ``"module:attribute"`` entry names, imported on first use. A missing module or
    attribute raises (``ModuleNotFoundError``, ``AttributeError``): an entry is a promise, never probed.

    The attribute is looked up on every call (a dictionary lookup once the module is imported), so a test
    that replaces a checker on its module replaces it here too."""
    module_name, _, attribute = target.partition(":")
    module = sys.modules.get(module_name)
    if module is None:
        module = importlib.import_module(module_name)
    return getattr(module, attribute)
