"""The session's corpus of real converted reports (see helpers.py for where they come from)."""

from __future__ import annotations

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from corpus.helpers import HELM_V3, HELM_V4, RealCorpus, _sources, run


@pytest.fixture(scope="session")
def real_corpus(tmp_path_factory: pytest.TempPathFactory) -> RealCorpus:
    base = tmp_path_factory.mktemp("corpus")
    reports = base / "reports"
    organization = {"helm-v3": ["--organization", HELM_V3], "helm-v4": ["--organization", HELM_V4]}
    for group, sources in _sources().items():
        assert sources, group
        code = run("convert", *sources, "-o", str(reports / group), *organization.get(group, []), "-q")
        assert code in (0, 1), (group, code)  # 1: warnings about what could not be carried over
    converted = len(list(reports.rglob("*.riskfmt.json")))
    db = base / "corpus.duckdb"
    assert run("corpus", "index", str(reports), "--db", str(db), "-q") == 0
    return RealCorpus(reports, db, converted)
