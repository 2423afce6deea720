"""Finding codes of the report corpus (RF901-RF919), merged into ``riskfmt.codes.CODES``.

A file that is not a valid report is reported with its own validation findings plus RF901 and is not loaded;
the other codes say what the indexer did with a file that is valid (kept, replaced) or why a store or a
question cannot be used.
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

__all__ = ["TABLE"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_C = "corpus"

TABLE: list[CodeSpec] = [
    # ---- what happened to each file ------------------------------------------------------------------
    CodeSpec("RF901", _C, E, "not-indexed-invalid",
             "Not indexed: the document has {errors} error(s); fix them and index it again"),
    CodeSpec("RF902", _C, INFO, "already-indexed",
             "Already indexed with the same digest as report {report_id}; nothing changed"),
    CodeSpec("RF903", _C, INFO, "replaced",
             "Replaced report {old_id} (indexed from {old_path}, digest {old_digest}) with this version"),
    CodeSpec("RF904", _C, W, "kind-not-indexed",
             "Documents of kind \"{kind}\" are not indexed (indexed: evaluation-report, incident-report)"),
    CodeSpec("RF905", _C, E, "samples-file-unreadable",
             "Samples file {path} can no longer be read ({detail}); the report was not indexed"),
    # ---- the store ---------------------------------------------------------------------------------------
    CodeSpec("RF910", _C, E, "store-unusable",
             "Cannot use the corpus store {path}: {detail}"),
    CodeSpec("RF911", _C, E, "store-schema-version",
             "The corpus store {path} has table schema {found}; this riskfmt reads schema {expected}. Index "
             "the reports again into a new store"),
    CodeSpec("RF912", _C, E, "query-failed",
             "The query failed: {detail}"),
    CodeSpec("RF913", _C, E, "parquet-folder-not-empty",
             "The Parquet folder {path} is not empty; give an empty or new folder"),
    CodeSpec("RF914", _C, E, "missing-extra",
             "This needs the optional package {package}: pip install 'riskfmt[{extra}]'"),
    CodeSpec("RF915", _C, E, "not-a-corpus-export",
             "{path} is not a corpus Parquet export (no {table}/ folder)"),
]
