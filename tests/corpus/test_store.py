"""The store's own rules: unchanged files are skipped (RF902), other kinds are not indexed (RF904), a samples file
that changes during loading leaves no half report (RF905), a store of another schema version is refused (RF911);
and a property test: whatever valid values a report holds, the store gives them back."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskfmt
from corpus.helpers import ROOT, run, sql

MINIMAL = json.loads((ROOT / "examples/reports/valid/minimal.json").read_text(encoding="utf-8"))


def test_unchanged_and_other_kinds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.duckdb"
    minimal = str(ROOT / "examples/reports/valid/minimal.json")
    other_kind = str(ROOT / "examples/reports/invalid/unknown-kind.RF202.json")  # kind: evaluation-summary
    assert run("corpus", "index", minimal, "--db", str(db), "-q") == 0
    capsys.readouterr()
    assert run("corpus", "index", minimal, other_kind, "--db", str(db)) == 1
    out = capsys.readouterr().out
    assert "RF902" in out and "RF904" in out
    assert sql(db, "SELECT COUNT(*) FROM reports") == [(1,)]


def _helm_report_with_samples_file(tmp_path: Path) -> Path:
    helm = ROOT / "tests/realworld/helm/helm-safety-v4"
    one = next(str(p) for p in sorted(helm.iterdir()) if p.is_dir())
    (tmp_path / "r").mkdir()
    assert run("convert", one, "--samples", "file", "-o", str(tmp_path / "r" / "report.json"), "-q") in (0, 1)
    assert list((tmp_path / "r").glob("*.samples.jsonl"))
    return tmp_path / "r"


def test_samples_file_changing_during_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A samples file too large to hold is read again by the store after validation: if it cannot be read as it
    was validated, the report is not loaded at all (RF905)."""
    import riskfmt.corpus.index as index
    from riskfmt.corpus.store import DuckDBStore

    reports = _helm_report_with_samples_file(tmp_path)

    def vanished(*args: object, **kwargs: object) -> object:
        raise ValueError("gone")  # as if the file were deleted after validation read it

    monkeypatch.setattr(index, "_DIRECT_BYTES", 0)  # every samples file counts as large
    monkeypatch.setattr(DuckDBStore, "load_samples_file", vanished)
    db = tmp_path / "c.duckdb"
    capsys.readouterr()
    assert run("corpus", "index", str(reports), "--db", str(db)) == 1
    assert "RF905" in capsys.readouterr().out
    assert sql(db, "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM samples)") == [(0, 0)]


def test_small_samples_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A samples file small enough to hold is loaded from the bytes validation read and checked: the store's
    file readers are never called, so nothing can change in between."""
    import riskfmt.corpus.rows as rows

    reports = _helm_report_with_samples_file(tmp_path)
    lines = sum(1 for p in reports.rglob("*.jsonl") for line in p.read_bytes().splitlines() if line.strip())

    def second_read(*args: object, **kwargs: object) -> object:
        raise AssertionError("the samples file was read a second time")

    monkeypatch.setattr(rows, "read_sample_table", second_read)
    monkeypatch.setattr(rows, "iter_sample_file", second_read)
    db = tmp_path / "c.duckdb"
    assert run("corpus", "index", str(reports), "--db", str(db), "-q") == 0
    assert sql(db, "SELECT COUNT(*), (SELECT SUM(samples) FROM reports) FROM samples") == [(lines, lines)]


def test_other_schema_version_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    db = tmp_path / "c.duckdb"
    assert run("corpus", "index", str(ROOT / "examples/reports/valid/minimal.json"), "--db", str(db), "-q") == 0
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    capsys.readouterr()
    assert run("corpus", "query", "--db", str(db), "SELECT 1") == 2
    assert "RF911" in capsys.readouterr().err


_values = st.tuples(st.floats(0, 1, allow_nan=False), st.integers(1, 10_000), st.floats(0, 0.5, allow_nan=False))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_values, min_size=1, max_size=8), st.sampled_from(["CLEAR", "GREEN", "AMBER", "RED"]),
       st.text(min_size=1, max_size=20).filter(lambda s: s.strip() == s and "\x00" not in s))
def test_values_round_trip(tmp_path_factory: pytest.TempPathFactory, values: list[tuple[float, int, float]],
                           tlp: str, model: str) -> None:
    doc = copy.deepcopy(MINIMAL)
    doc["marking"] = {"tlp": tlp}
    doc["model"]["name"] = model
    template = doc["evaluations"][0]["results"][0]
    doc["evaluations"][0]["results"] = []
    for index, (value, n, se) in enumerate(values):
        result = copy.deepcopy(template)
        result.update(id=f"r{index}", value=value, n=n, uncertainty={"standard_error": se, "method": "analytic"})
        result["slice"] = {"subgroup": f"g{index}"}  # distinct results, never a duplicate measurement
        doc["evaluations"][0]["results"].append(result)
    doc["report_id"] = riskfmt.report_id(doc)
    folder = tmp_path_factory.mktemp("prop")
    (folder / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    assert run("corpus", "index", str(folder / "r.json"), "--db", str(folder / "c.duckdb"), "-q") == 0
    got = sql(folder / "c.duckdb", "SELECT value, n, standard_error, model, tlp FROM results ORDER BY result_id")
    assert got == [(v, n, se, model, tlp) for v, n, se in values]  # result ids r0..r7 sort in order


def test_parquet_store_delete_keeps_other_reports_pending_rows(tmp_path: Path) -> None:
    """Deleting a report (a samples file that changed during loading, RF905) drops only that report's rows that
    are waiting to be written: the reports indexed before it in the same batch stay."""
    import pyarrow.dataset as ds

    from riskfmt.corpus.store import ParquetStore

    store = ParquetStore(tmp_path / "p")
    store.begin()
    for report_id, model in (("rfr-kept", "m-kept"), ("rfr-dropped", "m-dropped")):
        key = {"report_id": [report_id], "producer": ["Lab"], "model": [model]}
        store.append("reports", {**key, "kind": ["evaluation-report"], "samples": [2]}, report_id)
        store.append("samples", {"report_id": [report_id] * 2, "producer": ["Lab"] * 2, "model": [model] * 2,
                                 "sample_id": ["s1", "s2"]}, report_id)
    store.delete("rfr-dropped")
    store.commit()
    store.close()

    def ids(table: str) -> list[str]:
        found = ds.dataset(tmp_path / "p" / table, format="parquet", partitioning="hive").to_table()
        return sorted(found.column("report_id").to_pylist())

    assert ids("reports") == ["rfr-kept"]
    assert ids("samples") == ["rfr-kept", "rfr-kept"]


def test_a_failing_write_stops_the_run_and_leaves_the_store_as_it_was(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's inserts run on the writer thread: an error there reaches the indexing run, which rolls the
    store back (nothing half-written) and raises."""
    from riskfmt.corpus.index import index_paths
    from riskfmt.corpus.store import DuckDBStore

    reports = _helm_report_with_samples_file(tmp_path)
    store = DuckDBStore(tmp_path / "c.duckdb")

    def broken(self: DuckDBStore, table: str, arrow: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(DuckDBStore, "_insert", broken)
    with pytest.raises(OSError, match="disk full"):
        index_paths([reports, ROOT / "examples/reports/valid/minimal.json"], store)
    store.close()
    assert store.writer is None  # the thread was stopped
    assert sql(tmp_path / "c.duckdb", "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM samples)") == \
        [(0, 0)]


def test_same_report_twice_in_one_run_keeps_one_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The second copy of a report (same report id, other bytes) replaces the first within one run, while the
    first's rows, its samples among them, are still waiting to be written (in the batch or on the writer thread)."""
    reports = _helm_report_with_samples_file(tmp_path)
    lines = sum(1 for p in reports.glob("*.samples.jsonl") for line in p.read_bytes().splitlines() if line.strip())
    second = tmp_path / "r2"
    shutil.copytree(reports, second)
    doc = json.loads((second / "report.json").read_text(encoding="utf-8"))
    doc["title"] = {"en": "corrected", "zh": "更正版"}  # not defining content: the report id stays
    (second / "report.json").write_text(json.dumps(doc), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    capsys.readouterr()
    assert run("corpus", "index", str(reports), str(second), "--db", str(db)) == 0
    assert "RF903" in capsys.readouterr().out
    assert sql(db, "SELECT COUNT(*), MIN(title_zh) FROM reports") == [(1, "更正版")]
    assert sql(db, "SELECT COUNT(*) FROM samples") == [(lines,)]
