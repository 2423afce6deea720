"""The indexed kinds are read from the one table of document kinds (``riskfmt.kinds``), not kept apart."""

from __future__ import annotations

import pytest

from riskfmt import kinds
from riskfmt.corpus import index


def test_indexed_kinds_come_from_the_kinds_table() -> None:
    assert index.INDEXED_KINDS == ("evaluation-report", "incident-report")
    for name in index.INDEXED_KINDS:
        entry = kinds.KINDS[name].corpus
        assert entry is not None and callable(kinds.resolve(entry))  # a named builder that is missing fails here
    assert kinds.KINDS["vocabulary"].corpus is None and kinds.KINDS["diff-result"].corpus is None


def test_a_kind_without_rows_is_refused_by_report_rows() -> None:
    from riskfmt.corpus.rows import report_rows
    from riskfmt.corpus.vocabulary import resolver

    with pytest.raises(KeyError):
        report_rows({"kind": "vocabulary", "report_id": "x"}, "v.json", "sha256:0", resolver())
