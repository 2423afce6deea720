"""Where indexed rows go: a DuckDB database (the default store) or a folder of Hive-partitioned Parquet.

Both take rows a batch at a time, as Python columns or as Arrow tables (the samples files, read in C++), and
write them as one Arrow table per table and batch, which DuckDB ingests without a copy per row; a batch is
flushed once it holds ``FLUSH_ROWS`` rows, so memory stays bounded by the batch, not by the corpus.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from riskfmt.corpus.schema import PARTITIONS, REPORT_TABLES, SCHEMA_VERSION, TABLES, arrow_schema, ddl
from riskfmt.errors import RiskfmtError

if TYPE_CHECKING:  # pragma: no cover
    from riskfmt.corpus.writer import Writer

__all__ = ["COMMIT_ROWS", "FLUSH_ROWS", "DuckDBStore", "ParquetStore", "StoreError", "require"]

FLUSH_ROWS = 50_000
# The DuckDB store commits once this many rows have been written since the last commit, not after every batch:
# each commit writes the log and, past DuckDB's threshold, a checkpoint (1M sample rows in 50,000-row batches
# took 10.6 s committed after every batch, 8.2 s committed every ten). The cost is memory: about 60 MB more peak
# RSS at 1,000 reports and 1M sample rows (387 MB against 330 MB)
COMMIT_ROWS = 500_000


class StoreError(RiskfmtError):
    """The store cannot be used; ``finding`` says why (exit code 2)."""

    def __init__(self, finding: Any) -> None:
        super().__init__([finding], finding.message())


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
        self.pending_arrow: dict[str, list[Any]] = {}  # table -> pyarrow Tables of its schema
        self.pending_rows = 0
        self.pending_ids: set[str] = set()

    def _forget_pending(self) -> None:
        self.pending, self.pending_arrow, self.pending_rows, self.pending_ids = {}, {}, 0, set()

    def _drop_pending(self, report_id: str) -> None:
        """Forget the rows of one report that are waiting to be written, and only those: the other reports of
        the batch are still to be written."""
        if report_id not in self.pending_ids:
            return
        import pyarrow as pa
        import pyarrow.compute as pc

        for table in REPORT_TABLES:
            columns = self.pending.get(table)
            if columns:
                keep = [i for i, found in enumerate(columns["report_id"]) if found != report_id]
                self.pending_rows -= len(columns["report_id"]) - len(keep)
                for name, values in columns.items():
                    columns[name] = [values[i] for i in keep]
            parts = self.pending_arrow.get(table)
            if parts:
                kept = [part.filter(pc.not_equal(part.column("report_id"), pa.scalar(report_id))) for part in parts]
                self.pending_rows -= sum(p.num_rows for p in parts) - sum(k.num_rows for k in kept)
                self.pending_arrow[table] = kept
        self.pending_ids.discard(report_id)

    def append(self, table: str, columns: dict[str, list[Any]], report_id: str | None = None) -> None:
        if not columns:
            return
        target = self.pending.setdefault(table, {c.name: [] for c in TABLES[table]})
        count = len(next(iter(columns.values())))
        for name, values in target.items():
            given = columns.get(name)
            values.extend(given if given is not None else [None] * count)
        self._added(count, report_id)

    def append_arrow(self, table: str, arrow: Any, report_id: str | None = None) -> None:
        """Rows already in Arrow form, with exactly the columns and types of ``schema.arrow_schema(table)``."""
        self.pending_arrow.setdefault(table, []).append(arrow)
        self._added(arrow.num_rows, report_id)

    def _added(self, count: int, report_id: str | None) -> None:
        self.pending_rows += count
        if report_id is not None:
            self.pending_ids.add(report_id)
        if self.pending_rows >= FLUSH_ROWS and not isinstance(self, DuckDBStore):
            self.flush()  # the DuckDB store flushes between files (file_done), where it may also commit

    def add_samples_bytes(self, data: bytes, rows: int, constants: dict[str, Any], report_id: str) -> int:
        """Append the rows of a samples file given as the bytes validation read and checked (``rows`` of them,
        all of the schema's shape); ``constants`` fills the other columns. Returns ``rows``."""
        for table in sample_tables(data, rows, constants):
            self.append_arrow("samples", table, report_id)
        return rows

    def add_samples_file(self, target: Path, constants: dict[str, Any], report_id: str) -> int:
        """Append the rows of a (small) JSONL samples file; ``constants`` fills the other columns (the report's
        key, the evaluation, the marking). Returns the number of rows; OSError or ValueError if the file can no
        longer be read as it was validated."""
        from riskfmt.corpus import rows

        pa = require("pyarrow", "corpus")
        read = rows.read_sample_table(target)
        if read is not None:
            schema = arrow_schema("samples")
            rows_read: int = read.num_rows
            arrays = [read.column(f.name) if f.name in rows.SAMPLE_COLUMNS
                      else pa.chunked_array([pa.repeat(pa.scalar(constants[f.name], type=f.type), rows_read)])
                      for f in schema]
            self.append_arrow("samples", pa.Table.from_arrays(arrays, schema=schema), report_id)
            return rows_read
        count = 0
        for columns in rows.iter_sample_file(target):
            size = len(columns["sample_id"])
            columns.update({k: [v] * size for k, v in constants.items()})
            self.append("samples", columns, report_id)
            count += size
        return count

    def flush(self) -> None:
        pa = require("pyarrow", "corpus")
        for table in {**self.pending, **self.pending_arrow}:
            schema = arrow_schema(table)
            parts = list(self.pending_arrow.get(table, ()))
            columns = self.pending.get(table)
            if columns:
                parts.append(pa.Table.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema],
                                                  schema=schema))
            arrow = parts[0] if len(parts) == 1 else pa.concat_tables(parts)
            if arrow.num_rows:
                self._write(table, arrow)
        self._forget_pending()

    def _write(self, table: str, arrow: Any) -> None:
        raise NotImplementedError


class DuckDBStore(_Buffered):
    """A DuckDB database file; ``read_only`` for queries (several readers may share it)."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        super().__init__()
        duckdb = require("duckdb", "corpus")
        from riskfmt.findings import Finding

        self.path = os.fspath(path)
        self.writer: Writer | None = None  # while indexing (begin .. commit or rollback)
        self.written = 0
        self.staged: list[Any] = []  # samples tables parsed by the writer thread, not inserted yet (its own)
        self.staged_rows = 0
        if read_only and not os.path.isfile(self.path):
            raise StoreError(Finding.make("RF910", self.path, path=self.path, detail="no such file"))
        try:
            # insertion order is not kept: it lets DuckDB write batches with less memory
            self.con = duckdb.connect(self.path, read_only=read_only, config={"preserve_insertion_order": False})
        except (duckdb.Error, OSError) as exc:
            detail = str(exc).splitlines()[0]
            raise StoreError(Finding.make("RF910", self.path, path=self.path, detail=detail)) from None
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
        if not read_only:
            self._load_index()

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
        self.written += arrow.num_rows
        if self.writer is not None:
            self.writer.submit(lambda: self._insert(table, arrow))
        else:
            self._insert(table, arrow)

    def _insert(self, table: str, arrow: Any) -> None:
        self.con.register("_batch", arrow)
        try:
            self.con.execute(f'INSERT INTO "{table}" SELECT * FROM _batch')
        finally:
            self.con.unregister("_batch")

    def _sync(self) -> None:
        """Before the connection is used here: the writer's queued inserts have run (their errors raise)."""
        if self.writer is not None:
            self.writer.submit(self._insert_staged)
            self.writer.wait()

    def add_samples_bytes(self, data: bytes, rows: int, constants: dict[str, Any], report_id: str) -> int:
        # parsed (in C++) and inserted by the writer thread while this one validates the next file
        self.written += rows
        if self.writer is None:
            return super().add_samples_bytes(data, rows, constants, report_id)
        self.writer.submit(lambda: self._stage(data, rows, constants))
        return rows

    def _stage(self, data: bytes, rows: int, constants: dict[str, Any]) -> None:
        """On the writer thread: parse a samples file's bytes, insert once ``FLUSH_ROWS`` rows are staged."""
        tables = sample_tables(data, rows, constants)
        self.staged.extend(tables)
        self.staged_rows += sum(t.num_rows for t in tables)
        if self.staged_rows >= FLUSH_ROWS:
            self._insert_staged()

    def _insert_staged(self) -> None:
        staged, self.staged, self.staged_rows = self.staged, [], 0
        if staged:
            pa = require("pyarrow", "corpus")
            self._insert("samples", staged[0] if len(staged) == 1 else pa.concat_tables(staged))

    def load_samples_file(self, target: Path, constants: dict[str, Any]) -> int:
        """Insert a JSONL samples file's rows straight from DuckDB's JSON reader: streamed in C++, no Python
        object per row (the validator has already read every line). Keys other than the sample columns, sample
        content among them, are not read. Returns the number of rows."""
        duckdb = require("duckdb", "corpus")
        self._sync()
        names = [c.name for c in TABLES["samples"]]
        read = {"sample_id", "epoch", "score", "verdict", "input_digest", "output_digest"}
        types = {c.name: c.type for c in TABLES["samples"]}
        spec = "{" + ", ".join(f"'{n}': '{types[n]}'" for n in names if n in read) + "}"
        select = ", ".join(n if n in read else "?" for n in names)
        try:
            found = self.con.execute(
                f"INSERT INTO samples SELECT {select} "
                f"FROM read_json(?, format = 'newline_delimited', columns = {spec})",
                [constants[n] for n in names if n not in read] + [str(target)]).fetchall()
        except duckdb.Error as exc:
            raise ValueError(str(exc).splitlines()[0]) from None
        count = int(found[0][0]) if found else 0
        self.written += count
        return count

    def _load_index(self) -> None:
        # one query up front: a DuckDB point query costs milliseconds, a dict lookup nothing
        self.by_path: dict[str, tuple[str, str, str]] = {}
        self.by_id: dict[str, list[tuple[str, str, str]]] = {}
        for report_id, path, digest in self.con.execute("SELECT report_id, path, digest FROM reports").fetchall():
            self._remember(report_id, path, digest)
        self.finding_paths = {p for (p,) in self.con.execute("SELECT DISTINCT path FROM index_findings").fetchall()}

    def _remember(self, report_id: str, path: str, digest: str) -> None:
        entry = (report_id, path, digest)
        self.by_path[path] = entry
        self.by_id.setdefault(report_id, []).append(entry)

    def known(self, path: str, report_id: str | None) -> list[tuple[str, str, str]]:
        """(report_id, path, digest) of indexed reports with this path or this report id."""
        found = list(self.by_id.get(report_id, [])) if report_id is not None else []
        if path in self.by_path and self.by_path[path] not in found:
            found.append(self.by_path[path])
        return found

    def unchanged(self, path: str, digest: str) -> str | None:
        entry = self.by_path.get(path)
        return entry[0] if entry is not None and entry[2] == digest else None

    def added(self, report_id: str, path: str, digest: str) -> None:
        self._remember(report_id, path, digest)

    def delete(self, report_id: str) -> None:
        self._drop_pending(report_id)  # the same report twice in one run: its first copy may not be written yet
        self._sync()
        for table in REPORT_TABLES:
            self.con.execute(f'DELETE FROM "{table}" WHERE report_id = ?', [report_id])
        for _, path, _ in self.by_id.pop(report_id, []):
            if self.by_path.get(path, ("",))[0] == report_id:
                del self.by_path[path]

    def forget_findings(self, path: str) -> None:
        if path in self.finding_paths:
            self.flush()
            self._sync()
            self.con.execute("DELETE FROM index_findings WHERE path = ?", [path])
            self.finding_paths.discard(path)

    def noted(self, path: str) -> None:
        self.finding_paths.add(path)

    def begin(self) -> None:
        from riskfmt.corpus.writer import Writer

        # DuckDB's own worker threads would compete with validation for the cores: its work here is a stream of
        # small inserts, which one thread (the writer's) does with about 30% less CPU time (4.2 s against 2.9 s
        # for 5M sample rows, measured with 2 threads and with 1)
        self.con.execute("SET threads = 1")
        self.con.execute("BEGIN")
        self.written = 0
        self.writer = Writer()

    def file_done(self) -> None:
        """Between two files: write the batch once it is full, and commit once ``COMMIT_ROWS`` rows have been
        written, so that DuckDB does not hold a whole corpus of uncommitted rows in memory. Only whole files are
        committed: an interrupted run keeps the files indexed so far, and running it again indexes the rest."""
        if self.pending_rows >= FLUSH_ROWS:
            self.flush()
        if self.written >= COMMIT_ROWS:
            self._queue_or_run(self._commit_and_begin)
            self.written = 0

    def _commit_and_begin(self) -> None:
        self._insert_staged()  # whole files only: a committed report has all its samples
        self.con.execute("COMMIT")
        self.con.execute("BEGIN")

    def _queue_or_run(self, task: Any) -> None:
        if self.writer is not None:
            self.writer.submit(task)
        else:
            task()

    def _stop_writer(self) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.close()

    def commit(self) -> None:
        self.flush()
        self._sync()
        self._stop_writer()
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        self._forget_pending()
        try:
            self._sync()
        except BaseException:
            pass  # the caller's error is the one that travels; a writer error of the same run goes with it
        finally:
            self._stop_writer()
        self.staged, self.staged_rows = [], 0
        self.con.execute("ROLLBACK")

    def close(self) -> None:
        self._stop_writer()
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

    def added(self, report_id: str, path: str, digest: str) -> None:
        return None

    def noted(self, path: str) -> None:
        return None

    def delete(self, report_id: str) -> None:
        # known() finds nothing here, so this is only the rare samples file that changed during loading
        # (RF905): the report's pending rows are dropped, rows already written to Parquet stay
        self._drop_pending(report_id)

    def forget_findings(self, path: str) -> None:
        return None

    def begin(self) -> None:
        return None

    def file_done(self) -> None:
        if self.pending_rows >= FLUSH_ROWS:
            self.flush()

    def commit(self) -> None:
        self.flush()

    def rollback(self) -> None:
        self._forget_pending()

    def close(self) -> None:
        for table in TABLES:
            if not (self.folder / table).exists():
                write_empty(self.folder / table, table)
        write_meta(self.folder)


def sample_tables(data: bytes, rows: int, constants: dict[str, Any]) -> list[Any]:
    """The samples rows of a JSONL samples file's bytes as Arrow tables of the samples schema, ``constants``
    filling the columns that do not come from a sample. Read in C++ when every line fits the column types,
    else with the Python rules (``rows.read_sample_table``). ``rows`` is the count validation found: a
    reader that disagrees is a bug, not a finding."""
    import io

    from riskfmt.corpus import rows as row_rules

    pa = require("pyarrow", "corpus")
    schema = arrow_schema("samples")
    read = row_rules.sample_table_from_bytes(data)
    if read is not None:
        parts = [{name: read.column(name) for name in row_rules.SAMPLE_COLUMNS}]
    else:
        parts = [{name: pa.array(values, type=schema.field(name).type) for name, values in columns.items()}
                 for columns in row_rules.iter_sample_lines(io.BytesIO(data))]
    tables = []
    for part in parts:
        count = len(part["sample_id"])
        arrays = [part[f.name] if f.name in part else pa.repeat(pa.scalar(constants[f.name], type=f.type), count)
                  for f in schema]
        tables.append(pa.Table.from_arrays(arrays, schema=schema))
    found = sum(t.num_rows for t in tables)
    if found != rows:
        raise RuntimeError(f"samples file read as {found} rows, validated as {rows}")
    return tables


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
