"""The same SQL on Apache Spark (local mode): opt-in, since it starts a JVM. Run with RISKFMT_SPARK=1."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from corpus.helpers import RealCorpus, run, sql

pytestmark = pytest.mark.skipif(os.environ.get("RISKFMT_SPARK") != "1",
                                reason="Spark tests are opt-in: RISKFMT_SPARK=1")

QUERIES = {
    "results": "SELECT COUNT(*) AS n, SUM(value) AS s, SUM(n) AS samples_n, COUNT(DISTINCT report_id) AS r "
               "FROM results",
    "samples": "SELECT COUNT(*) AS n, SUM(score) AS s, COUNT(DISTINCT report_id) AS r FROM samples",
    "links": "SELECT COUNT(*) AS n, COUNT(DISTINCT concept_id) AS c FROM risk_links",
    "rollup": "SELECT c.ancestor, COUNT(*) AS n FROM risk_links l "
              "JOIN concept_closure c ON c.descendant = l.concept_id "
              "GROUP BY c.ancestor ORDER BY c.ancestor",
    "tables": "SELECT (SELECT COUNT(*) FROM reports) AS a, (SELECT COUNT(*) FROM evaluations) AS b, "
              "(SELECT COUNT(*) FROM findings) AS c, (SELECT COUNT(*) FROM concepts) AS d, "
              "(SELECT COUNT(*) FROM crosswalk) AS e, (SELECT COUNT(*) FROM index_findings) AS f",
}


def _rows(capsys: pytest.CaptureFixture[str], *args: str) -> list[list[str]]:
    capsys.readouterr()
    assert run(*args, "--format", "csv") == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def _same(a: list[list[str]], b: list[list[str]]) -> None:
    assert len(a) == len(b)
    for row_a, row_b in zip(a, b, strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            try:
                assert float(x) == pytest.approx(float(y), rel=1e-9)
            except ValueError:
                assert x == y


@pytest.fixture(scope="module")
def exported(real_corpus: RealCorpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spark") / "parquet"
    assert run("corpus", "export", "--db", str(real_corpus.db), "--parquet", str(folder)) == 0
    return folder


def test_same_answers_on_spark_and_duckdb(real_corpus: RealCorpus, exported: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    for query in QUERIES.values():
        duck = _rows(capsys, "corpus", "query", "--db", str(real_corpus.db), query)
        spark = _rows(capsys, "corpus", "query", "--engine", "spark", "--parquet", str(exported), query)
        _same(spark[1:], duck[1:])
    for question in (["coverage"], ["disagreements"], ["history", "google/gemini-1.5-pro-001"]):
        duck = _rows(capsys, "corpus", *question, "--db", str(real_corpus.db))
        spark = _rows(capsys, "corpus", *question, "--engine", "spark", "--parquet", str(exported))
        assert duck[0] == spark[0]
        _same(spark[1:], duck[1:])


def test_index_straight_to_parquet_for_spark(real_corpus: RealCorpus, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "direct"
    assert run("corpus", "index", str(real_corpus.reports), "--engine", "spark", "--parquet", str(folder), "-q") == 0
    for name in ("results", "samples", "links"):
        duck = _rows(capsys, "corpus", "query", "--db", str(real_corpus.db), QUERIES[name])
        spark = _rows(capsys, "corpus", "query", "--engine", "spark", "--parquet", str(folder), QUERIES[name])
        _same(spark[1:], duck[1:])
    [(reports,)] = sql(real_corpus.db, "SELECT COUNT(*) FROM reports")
    assert _rows(capsys, "corpus", "query", "--engine", "spark", "--parquet", str(folder),
                 "SELECT COUNT(*) AS n FROM reports")[1] == [str(reports)]


def test_heatmap_on_spark_is_the_page_duckdb_draws(real_corpus: RealCorpus, exported: Path, tmp_path: Path) -> None:
    """The coverage heatmap's two queries (top concepts, cells) run on Spark SQL too: the same page, but for the
    source it names."""
    duck, spark = tmp_path / "duck.html", tmp_path / "spark.html"
    assert run("corpus", "coverage", "--db", str(real_corpus.db), "--format", "html", "-o", str(duck)) == 0
    assert run("corpus", "coverage", "--engine", "spark", "--parquet", str(exported), "--format", "html",
               "-o", str(spark)) == 0
    duck_page = duck.read_text(encoding="utf-8")
    spark_page = spark.read_text(encoding="utf-8")
    assert str(real_corpus.db) in duck_page and str(exported) in spark_page
    assert "<td" in duck_page  # a heatmap with cells, not the empty corpus's page
    assert spark_page.replace(str(exported), "SOURCE") == duck_page.replace(str(real_corpus.db), "SOURCE")
