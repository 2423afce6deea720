"""riskfmt: a shared bilingual vocabulary of AI risks and an interoperable evaluation-report format.

The command line is a thin layer over these functions; programs can call them directly::

    import riskfmt
    result = riskfmt.validate(["report.json"])
    for finding in result.findings:
        print(finding.code, finding.location.pointer, finding.message("zh"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
    "__version__",
    "FileResult",
    "Finding",
    "Location",
    "Severity",
    "ValidationResult",
    "Vocabulary",
    "compare_files",
    "diff_files",
    "load_vocabulary",
    "report_id",
    "validate",
    "validate_bytes",
    "validate_data",
]

if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.compare import compare_files, diff_files
    from riskfmt.findings import FileResult, Finding, Location, Severity, ValidationResult
    from riskfmt.identity import report_id
    from riskfmt.validation import validate, validate_bytes, validate_data
    from riskfmt.vocab import Vocabulary, load_vocabulary

# Imported on first use, so that `import riskfmt` (and the CLI's start-up) stays cheap.
_LAZY = {
    "FileResult": "riskfmt.findings",
    "Finding": "riskfmt.findings",
    "Location": "riskfmt.findings",
    "Severity": "riskfmt.findings",
    "ValidationResult": "riskfmt.findings",
    "Vocabulary": "riskfmt.vocab",
    "load_vocabulary": "riskfmt.vocab",
    "report_id": "riskfmt.identity",
    "diff_files": "riskfmt.compare",
    "compare_files": "riskfmt.compare",
    "validate": "riskfmt.validation",
    "validate_bytes": "riskfmt.validation",
    "validate_data": "riskfmt.validation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'riskfmt' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
