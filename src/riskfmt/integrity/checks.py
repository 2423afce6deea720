"""The integrity package's checks of every report, as ``riskfmt.kinds.DOCUMENT_CHECKS`` names them.

Validation calls these through the table and never imports this package, so the core stays below it. What
each does is in ``riskfmt.integrity.leaks`` (the leak scan and the markings) and
``riskfmt.integrity.withholding`` (the records of withheld content).
"""

from __future__ import annotations

from typing import Any

from riskfmt.findings import Finding
from riskfmt.integrity.leaks import SampleFileScan, scan, withheld_kinds

__all__ = ["disclosure_rules", "samples_scan", "scan_document"]


def scan_document(data: dict[str, Any], source: str, raw: bytes | str | None, syntax: str) -> list[Finding]:
    """Leaks and markings, whatever the document's shape (run before the schema, so a leak in a field the
    schema does not know is named as a leak)."""
    return scan(data, source, raw, syntax=syntax)


def disclosure_rules(data: dict[str, Any], source: str) -> list[Finding]:
    """One record per withheld item (RF740), or proofs are ambiguous. Run once the schema passed."""
    if not (data.get("disclosure") or {}).get("withheld"):
        return []  # nothing withheld: the withholding module need not even be imported
    from riskfmt.integrity.withholding import duplicate_records

    return duplicate_records(data, source)


def samples_scan(source: str, data: dict[str, Any]) -> SampleFileScan:
    """The leak checks of the rows of a samples file of the report ``data`` (what it declares withheld must
    not be in the file either)."""
    return SampleFileScan(source, withheld_kinds(data))
