"""Where indexed rows go: a DuckDB database (the default store) or a folder of Hive-partitioned Parquet.

Both take columns a batch at a time and write them as Arrow tables, which DuckDB ingests without a copy per
row; a batch is flushed once it holds ``FLUSH_ROWS`` rows, so memory stays bounded by the batch, not by the
corpus.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from riskfmt.corpus.schema import PARTITIONS, REPORT_TABLES, SCHEMA_VERSION, TABLES, arrow_schema, ddl

__all__ = ["StoreError", "DuckDBStore", "ParquetStore", "require", "FLUSH_ROWS"]

FLUSH_ROWS = 250_000


class StoreError(Exception):
    """The store cannot be used; ``finding`` says why (exit code 2)."""

    def __init__(self, finding: Any) -> None:
        self.finding = finding
        super().__init__(finding.message())


def require(module: str, extra: str) -> Any:
    """Import an optional dependency, or raise StoreError naming the extra that provides it (RF914)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        from riskfmt.findings import Finding

        raise StoreError(Finding.make("RF914", "<riskfmt>", package=module, extra=extra)) from None


class _Buffered:
    def __init__(self) -> None:
        self.pending: dict[str, dict[str, list[Any]]] = {}
        self.pending_rows = 0
        self.pending_ids: set[str] = set()

    def append(self, table: str, columns: dict[str, list[Any]], report_id: str | None = None) -> None:
        if not columns:
            return
        target = self.pending.setdefault(table, {c.name: [] for c in TABLES[table]})
        count = len(next(iter(columns.values())))
        for name, values in target.items():
            given = columns.get(name)
            values.extend(given if given is not None else [None] * count)
        self.pending_rows += count
        if report_id is not None:
            self.pending_ids.add(report_id)
        if self.pending_rows >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        pa = require("pyarrow", "corpus")
        for table, columns in self.pending.items():
            schema = arrow_schema(table)
            arrow = pa.table({name: pa.array(values, type=schema.field(name).type) for name, values in columns.items()},
                             schema=schema)
            if arrow.num_rows:
                self._write(table, arrow)
        self.pending, self.pending_rows, self.pending_ids = {}, 0, set()

    def _write(self, table: str, arrow: Any) -> None:
        raise NotImplementedError


class DuckDBStore(_Buffered):
    """A DuckDB database file; ``read_only`` for queries (several readers may share it)."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        super().__init__()
        duckdb = require("duckdb", "corpus")
        from riskfmt.findings import Finding

        self.path = os.fspath(path)
        if read_only and not os.path.isfile(self.path):
            raise StoreError(Finding.make("RF910", self.path, path=self.path, detail="no such file"))
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(Finding.make("RF910", self.path, path=self.path, detail=str(exc).splitlines()[0])) from None
        try:
            found = next(iter(self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()), None)
        except duckdb.Error:
            found = None
        if found is not None and found[0] != SCHEMA_VERSION:
            self.con.close()
            raise StoreError(Finding.make("RF911", self.path, path=self.path, found=found[0], expected=SCHEMA_VERSION))
        if found is None:
            if read_only:
                self.con.close()
                raise StoreError(Finding.make("RF910", self.path, path=self.path, detail="not a riskfmt corpus"))
            self._create()

    def _create(self) -> None:
        from riskfmt.corpus.vocabulary import vocabulary_rows
        from riskfmt.vocab import latest_version

        self.con.execute("BEGIN")
        self.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for table in TABLES:
            self.con.execute(ddl(table))
        self.con.executemany("INSERT INTO meta VALUES (?, ?)",
                             [("schema_version", SCHEMA_VERSION), ("vocabulary_version", latest_version())])
        for table, columns in vocabulary_rows().items():
            self.append(table, columns)
        self.flush()
        self.con.execute("COMMIT")

    def _write(self, table: str, arrow: Any) -> None:
        self.con.register("_batch", arrow)
        try:
            self.con.execute(f'INSERT INTO "{table}" SELECT * FROM _batch')
        finally:
            self.con.unregister("_batch")

    def known(self, path: str, report_id: str | None) -> list[tuple[str, str, str]]:
        """(report_id, path, digest) of indexed reports with this path or this report id."""
        if report_id in self.pending_ids:
            self.flush()  # the same report twice in one run: the first copy must be visible to be replaced
        return [tuple(row) for row in self.con.execute(  # type: ignore[misc]
            "SELECT report_id, path, digest FROM reports WHERE path = ? OR report_id = ?", [path, report_id]).fetchall()]

    def unchanged(self, path: str, digest: str) -> str | None:
        row = next(iter(self.con.execute("SELECT report_id FROM reports WHERE path = ? AND digest = ?", [path, digest]).fetchall()), None)
        return row[0] if row else None

    def delete(self, report_id: str) -> None:
        for table in REPORT_TABLES:
            self.con.execute(f'DELETE FROM "{table}" WHERE report_id = ?', [report_id])

    def forget_findings(self, path: str) -> None:
        self.con.execute("DELETE FROM index_findings WHERE path = ?", [path])

    def begin(self) -> None:
        self.con.execute("BEGIN")

    def commit(self) -> None:
        self.flush()
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        self.pending, self.pending_rows, self.pending_ids = {}, 0, set()
        self.con.execute("ROLLBACK")

    def close(self) -> None:
        self.con.close()


class ParquetStore(_Buffered):
    """Rows written straight to Hive-partitioned Parquet (``DIR/<table>/producer=.../model=.../*.parquet``),
    for corpora built where no single database file should hold them. A fresh folder each time: re-indexing
    and replacement are the DuckDB store's job."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        super().__init__()
        require("pyarrow", "corpus")
        from riskfmt.findings import Finding

        self.folder = Path(folder)
        if self.folder.exists() and any(self.folder.iterdir()):
            raise StoreError(Finding.make("RF913", str(self.folder), path=str(self.folder)))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.seen: dict[str, str] = {}
        from riskfmt.corpus.vocabulary import vocabulary_rows

        for table, columns in vocabulary_rows().items():
            self.append(table, columns)
        self.flush()

    def _write(self, table: str, arrow: Any) -> None:
        write_table(arrow, self.folder / table, PARTITIONS.get(table, ()))

    def known(self, path: str, report_id: str | None) -> list[tuple[str, str, str]]:
        return []

    def unchanged(self, path: str, digest: str) -> str | None:
        return None

    def delete(self, report_id: str) -> None:  # pragma: no cover - never called: known() finds nothing
        raise NotImplementedError

    def forget_findings(self, path: str) -> None:
        return None

    def begin(self) -> None:
        return None

    def commit(self) -> None:
        self.flush()

    def rollback(self) -> None:
        self.pending, self.pending_rows, self.pending_ids = {}, 0, set()

    def close(self) -> None:
        for table in TABLES:
            if not (self.folder / table).exists():
                write_empty(self.folder / table, table)
        write_meta(self.folder)


def write_table(arrow: Any, folder: Path, partitions: tuple[str, ...]) -> None:
    """Append one Arrow table to a Hive-partitioned folder (a new file per call and partition)."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    # a null partition value would become __HIVE_DEFAULT_PARTITION__, which readers disagree about
    for name in partitions:
        index = arrow.schema.get_field_index(name)
        arrow = arrow.set_column(index, name, pc.fill_null(arrow.column(name), ""))
    ds.write_dataset(arrow, folder, format="parquet", partitioning=list(partitions) or None,
                     partitioning_flavor="hive" if partitions else None,
                     basename_template=f"part-{uuid.uuid4().hex}-{{i}}.parquet",
                     existing_data_behavior="overwrite_or_ignore")


def write_empty(folder: Path, table: str) -> None:
    """An empty table still gets a folder and a file with its columns, so that every reader sees the table."""
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(arrow_schema(table).empty_table(), folder / "part-0.parquet")


def write_meta(folder: Path) -> None:
    import json

    from riskfmt.vocab import latest_version

    (folder / "_corpus.json").write_text(json.dumps({
        "schema_version": SCHEMA_VERSION, "vocabulary_version": latest_version(),
        "tables": sorted(TABLES), "partitions": {t: list(p) for t, p in PARTITIONS.items()},
        "schema": "https://w3id.org/riskfmt/schema/corpus"}, indent=2) + "\n", encoding="utf-8")
