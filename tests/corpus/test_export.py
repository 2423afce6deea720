"""Parquet export: Hive-partitioned folders that pyarrow, DuckDB and Polars read back with the store's counts and
sums; pinned samples files are loaded row for row; the CLI's refusals."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from corpus.helpers import ROOT, RealCorpus, run, sql
from riskfmt.corpus.schema import PARTITIONS, TABLES

# what is compared: row counts of every table, and sums that would change if a value moved between rows
CHECKS = {
    "results": "COUNT(*), SUM(value), SUM(n), COUNT(DISTINCT report_id)",
    "samples": "COUNT(*), SUM(score), COUNT(DISTINCT report_id)",
    "risk_links": "COUNT(*), COUNT(DISTINCT concept_id)",
}


@pytest.fixture(scope="module")
def exported(real_corpus: RealCorpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "parquet"
    assert run("corpus", "export", "--db", str(real_corpus.db), "--parquet", str(folder)) == 0
    return folder


def test_layout_is_hive_partitioned(exported: Path) -> None:
    meta = json.loads((exported / "_corpus.json").read_text(encoding="utf-8"))
    assert meta["schema_version"] == "1" and set(meta["tables"]) == set(TABLES)
    producers = {p.name for p in (exported / "results").iterdir()}
    assert "producer=Stanford%20CRFM%2C%20HELM%20Safety%20run%20v4" in producers
    leaf = next((exported / "results").rglob("*.parquet")).relative_to(exported / "results")
    assert [part.split("=")[0] for part in leaf.parts[:-1]] == list(PARTITIONS["results"])


def test_duckdb_reads_it_back(real_corpus: RealCorpus, exported: Path) -> None:
    import duckdb

    con = duckdb.connect()
    for table in TABLES:
        glob = f"{exported}/{table}/**/*.parquet"
        [(count,)] = con.execute(f"SELECT COUNT(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchall()
        assert [(count,)] == sql(real_corpus.db, f"SELECT COUNT(*) FROM {table}"), table
    for table, expression in CHECKS.items():
        glob = f"{exported}/{table}/**/*.parquet"
        got = con.execute(f"SELECT {expression} FROM read_parquet('{glob}', hive_partitioning = true)").fetchall()
        # floating-point sums depend on the order DuckDB's threads add in: equal to 12 digits, counts exactly
        want = sql(real_corpus.db, f"SELECT {expression} FROM {table}")
        assert len(got) == len(want) == 1 and len(got[0]) == len(want[0]), table
        for a, b in zip(got[0], want[0], strict=True):
            assert (a == pytest.approx(b, rel=1e-12)) if isinstance(b, float) else a == b, (table, a, b)


def test_pyarrow_reads_it_back(real_corpus: RealCorpus, exported: Path) -> None:
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    for table in TABLES:
        data = ds.dataset(exported / table, format="parquet", partitioning="hive").to_table()
        assert [(data.num_rows,)] == sql(real_corpus.db, f"SELECT COUNT(*) FROM {table}")
    results = ds.dataset(exported / "results", format="parquet", partitioning="hive").to_table()
    [(total, gemini)] = sql(real_corpus.db, "SELECT SUM(value), COUNT(*) FILTER (WHERE model = "
                                            "'google/gemini-1.5-pro-001') FROM results")
    assert pc.sum(results["value"]).as_py() == pytest.approx(total, rel=1e-12)
    # the partition column comes back decoded from the folder name
    assert pc.sum(pc.equal(results["model"], "google/gemini-1.5-pro-001")).as_py() == gemini


def test_polars_reads_it_back(real_corpus: RealCorpus, exported: Path) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.scan_parquet(f"{exported}/results/**/*.parquet", hive_partitioning=True).select(
        pl.len(), pl.col("value").sum(), pl.col("producer").n_unique()).collect()
    assert frame.row(0) == pytest.approx(sql(real_corpus.db, "SELECT COUNT(*), SUM(value), COUNT(DISTINCT producer) "
                                                            "FROM results")[0], rel=1e-12)


def test_query_answers_as_parquet(real_corpus: RealCorpus, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "coverage.parquet"
    assert run("corpus", "coverage", "--db", str(real_corpus.db), "--format", "parquet", "-o", str(out)) == 0
    table = pq.read_table(out)
    assert table.num_rows == sql(real_corpus.db, "SELECT COUNT(*) FROM concepts WHERE scheme = 'risk' AND "
                                                "status <> 'deprecated'")[0][0]


def test_pinned_samples_files_are_streamed_in(tmp_path: Path) -> None:
    helm = ROOT / "tests/realworld/helm/helm-safety-v4"
    runs = sorted(str(p) for p in helm.iterdir() if p.is_dir())
    for mode in ("inline", "file"):
        assert run("convert", *runs, "--samples", mode, "-o", str(tmp_path / mode), "-q") in (0, 1)
        assert run("corpus", "index", str(tmp_path / mode), "--db", str(tmp_path / f"{mode}.duckdb"), "-q") == 0
    pinned = [e["samples"]["file"]["rows"] for p in (tmp_path / "file").glob("*.riskfmt.json")
              for e in json.loads(p.read_text(encoding="utf-8"))["evaluations"] if "file" in (e.get("samples") or {})]
    assert pinned, "the converter wrote no samples file"
    query = "SELECT COUNT(*), SUM(score), COUNT(DISTINCT sample_id) FROM samples"
    inline, from_file = sql(tmp_path / "inline.duckdb", query), sql(tmp_path / "file.duckdb", query)
    assert from_file == inline and from_file[0][0] == sum(pinned)


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "none.duckdb"
    capsys.readouterr()
    assert run("corpus", "query", "--db", str(db), "SELECT 1") == 2
    assert "RF910" in capsys.readouterr().err
    good = tmp_path / "c.duckdb"
    assert run("corpus", "index", str(ROOT / "examples/reports/valid/minimal.json"), "--db", str(good), "-q") == 0
    assert run("corpus", "query", "--db", str(good), "SELECT * FROM nowhere") == 2
    assert "RF912" in capsys.readouterr().err
    # read-only: a query cannot change the store
    assert run("corpus", "query", "--db", str(good), "DELETE FROM reports") == 2
    assert "RF912" in capsys.readouterr().err
    assert sql(good, "SELECT COUNT(*) FROM reports") == [(1,)]
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert run("corpus", "export", "--db", str(good), "--parquet", str(tmp_path / "full")) == 2
    assert "RF913" in capsys.readouterr().err
    assert run("corpus", "coverage", "--engine", "spark", "--parquet", str(tmp_path / "full")) == 2
    err = capsys.readouterr().err
    assert "RF915" in err or "RF914" in err
    # without the [corpus] extra: the message names it, exit 2, no traceback
    monkeypatch.setitem(sys.modules, "duckdb", None)
    assert run("corpus", "query", "--db", str(good), "SELECT 1") == 2
    err = capsys.readouterr().err
    assert "RF914" in err and "riskfmt[corpus]" in err and "Traceback" not in err
    assert run("corpus", "query", "--db", str(good), "SELECT 1", "--lang", "zh") == 2
    assert "可选依赖" in capsys.readouterr().err


def test_json_and_table_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    assert run("corpus", "index", str(ROOT / "examples/reports/valid"), "--db", str(db), "-q") == 0
    capsys.readouterr()
    assert run("corpus", "query", "--db", str(db), "SELECT report_id, created FROM reports ORDER BY report_id",
               "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    # examples/reports/valid/bilingual-red-team.yaml: created 2026-11-02T09:00:00+08:00, stored in UTC
    assert {"report_id": "rfr-383c994de78a932d5ee3439a7cecfd39", "created": "2026-11-02T01:00:00"} in rows
    out = tmp_path / "answer.csv"
    assert run("corpus", "query", "--db", str(db), "SELECT COUNT(*) AS n FROM samples", "--format", "csv",
               "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8") == "n\n3\n"  # bilingual-red-team.yaml: 3 inline samples


def test_big_samples_files_go_through_duckdbs_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Samples files above riskfmt.corpus.index._DIRECT_BYTES are read by DuckDB's JSON reader, not Python: the
    rows must be the same either way."""
    import riskfmt.corpus.index as index_module

    helm = ROOT / "tests/realworld/helm/helm-safety-v4"
    runs = sorted(str(p) for p in helm.iterdir() if p.is_dir())
    assert run("convert", *runs, "--samples", "file", "-o", str(tmp_path / "file"), "-q") in (0, 1)
    query = "SELECT evaluation_id, sample_id, epoch, score, verdict, input_digest, output_digest, tlp FROM samples " \
            "ORDER BY ALL"
    assert run("corpus", "index", str(tmp_path / "file"), "--db", str(tmp_path / "python.duckdb"), "-q") == 0
    monkeypatch.setattr(index_module, "_DIRECT_BYTES", 0)
    assert run("corpus", "index", str(tmp_path / "file"), "--db", str(tmp_path / "direct.duckdb"), "-q") == 0
    python, direct = sql(tmp_path / "python.duckdb", query), sql(tmp_path / "direct.duckdb", query)
    assert python and python == direct
