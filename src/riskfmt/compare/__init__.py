"""Comparing riskfmt documents: ``riskfmt diff`` (two documents of one kind) and ``riskfmt compare``
(a matrix of several evaluation reports against risk concepts).

``riskfmt diff A B`` dispatches on the documents' ``kind`` through ``DIFFERS``: each entry names a
function ``fn(a, b, *, sources, options) -> DiffOutcome``, imported only when used::

    from riskfmt.compare import DiffOptions, diff_files
    outcome = diff_files("lab-a.json", "lab-b.json", DiffOptions(fail_on="regression"))
    print(outcome.render("markdown", "zh"))
    for pair in outcome.to_dict()["pairs"]:
        print(pair["risk"], pair["metric"], pair["difference"], pair["significant"])
    exit_code = 0 if outcome.gate() else 1
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.compare.matrix import Comparison
    from riskfmt.compare.options import DiffOptions

__all__ = [
    "DIFFERS",
    "DiffOptions",
    "DiffOutcome",
    "InputError",
    "compare",
    "compare_files",
    "diff_documents",
    "diff_files",
    "get_differ",
]

from riskfmt.kinds import KINDS as _KINDS  # the one table of document kinds (light to import)
from riskfmt.kinds import label as kind_label

DIFFERS: dict[str, str] = {kind.name: kind.differ for kind in _KINDS.values() if kind.differ is not None}



class DiffOutcome(Protocol):
    """What every differ returns."""

    def to_dict(self) -> dict[str, Any]: ...  # the --format json document

    def render(self, fmt: str, lang: str) -> str: ...  # fmt: "text" | "markdown"; lang: "en" | "zh"

    def gate(self, fail_on: str | None) -> bool: ...  # True when the gate passes (None: always True)


def __getattr__(name: str) -> Any:
    # light at import time: the code table (riskfmt.compare.codes) is imported by riskfmt.codes itself
    if name == "DiffOptions":
        from riskfmt.compare.options import DiffOptions

        return DiffOptions
    if name == "InputError":
        from riskfmt.compare.inputs import InputError

        return InputError
    raise AttributeError(f"module 'riskfmt.compare' has no attribute {name!r}")


def get_differ(kind: str) -> Callable[..., DiffOutcome] | None:
    """The differ registered for a document kind, or None when there is none (or it is not installed)."""
    target = DIFFERS.get(kind)
    if target is None:
        return None
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module_name.startswith(exc.name):
            return None  # the feature that provides it is not part of this installation
        raise
    return getattr(module, attribute)  # type: ignore[no-any-return]


def _kind_error(code: str, source: str, **params: Any) -> Exception:
    from riskfmt.compare.inputs import InputError
    from riskfmt.findings import Finding

    return InputError([Finding.make(code, source, "/kind", **params)])


def diff_documents(a: dict[str, Any], b: dict[str, Any], *, sources: tuple[str, str] = ("A", "B"),
                   options: DiffOptions | None = None) -> DiffOutcome:
    """Compare two validated documents of one kind. Raises ``InputError`` (RF801, RF802) when they are of
    different kinds or of a kind no differ handles. (Not called ``diff``: that name is the submodule
    ``riskfmt.compare.diff``, which holds the differ of evaluation reports.)

    .. versionadded:: 0.1
    """
    from riskfmt.compare.options import DiffOptions

    kind_a, kind_b = str(a.get("kind")), str(b.get("kind"))
    if kind_a != kind_b:
        raise _kind_error("RF801", sources[1], kind_a=kind_a, kind_b=kind_b, kind_a_zh=kind_label(kind_a, "zh"),
                          kind_b_zh=kind_label(kind_b, "zh"))
    differ = get_differ(kind_a)
    if differ is None:
        known = ", ".join(k for k in DIFFERS if get_differ(k) is not None)
        raise _kind_error("RF802", sources[0], kind=kind_a, known=known)
    return differ(a, b, sources=sources, options=options or DiffOptions())


def diff_files(path_a: str | os.PathLike[str], path_b: str | os.PathLike[str],
               options: DiffOptions | None = None) -> DiffOutcome:
    """Load, validate and compare two files (``"-"`` for standard input, once). Raises ``InputError``
    with the validator's findings when either cannot be read or is invalid.

    .. versionadded:: 0.1
    """
    from riskfmt.loading import paused_gc

    # Two large reports are hundreds of thousands of acyclic containers: with the collector on, aligning
    # and pairing them triggers full collections that only re-scan the trees (about 20% of a large diff).
    with paused_gc():
        return _diff_files(path_a, path_b, options)


def _diff_files(path_a: str | os.PathLike[str], path_b: str | os.PathLike[str],
                options: DiffOptions | None) -> DiffOutcome:
    from riskfmt.compare.files import diff_paths
    from riskfmt.compare.options import DiffOptions

    # each samples file is read once: validated while its samples are paired (riskfmt.compare.files)
    outcome: DiffOutcome = diff_paths(path_a, path_b, options or DiffOptions(), diff_documents)
    return outcome


def compare(documents: Sequence[dict[str, Any]], *, sources: Sequence[str] | None = None,
            options: DiffOptions | None = None) -> Comparison:
    """A matrix of evaluation reports against risk concepts, with the pairs of reports that disagree
    beyond their uncertainty flagged.

    .. versionadded:: 0.1
    """
    from riskfmt.compare.matrix import compare_reports
    from riskfmt.compare.options import DiffOptions

    names = list(sources) if sources is not None else [f"R{i + 1}" for i in range(len(documents))]
    for document, source in zip(documents, names, strict=True):
        if document.get("kind") != "evaluation-report":
            raise _kind_error("RF803", source, kind=str(document.get("kind")))
    return compare_reports(list(documents), names, options or DiffOptions())


def compare_files(paths: Sequence[str | os.PathLike[str]], options: DiffOptions | None = None) -> Comparison:
    """Load, validate and compare several evaluation reports.

    .. versionadded:: 0.1
    """
    from riskfmt.compare.inputs import InputError, load_document
    from riskfmt.loading import paused_gc

    with paused_gc():  # as in diff_files
        docs, problems = [], []
        for path in paths:
            try:
                docs.append(load_document(path, check_samples=False))
            except InputError as exc:
                problems.extend(exc.findings)
        if problems:
            raise InputError(problems)
        return compare([d.data for d in docs], sources=[d.source for d in docs], options=options)
