"""The engines that answer SQL over a corpus: DuckDB (the store file, read-only) and Apache Spark (a
Parquet export, local mode or any cluster through ``master``). Both return a pyarrow Table.

The named questions use the few constructs where the two SQL dialects differ through ``Engine.agg`` and
``Engine.literal``; everything else is the common core (joins, CASE, COALESCE, COUNT DISTINCT).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from riskfmt.corpus.schema import TABLES
from riskfmt.corpus.store import DuckDBStore, StoreError, require
from riskfmt.errors import RiskfmtError
from riskfmt.findings import Finding

__all__ = ["DuckDBEngine", "QueryError", "SparkEngine"]


class QueryError(RiskfmtError):
    """A query that cannot be answered; ``finding`` says why (exit code 2)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__([finding], finding.message())


def arrow_table(con: Any, query: str) -> Any:
    """A query's answer as a pyarrow Table (DuckDB 2 renamed the relation's arrow() to to_arrow_table())."""
    relation = con.sql(query)
    if relation is None:  # a statement without an answer
        import pyarrow as pa

        return pa.table({})
    method = getattr(relation, "to_arrow_table", None) or relation.arrow
    return method()


def arrow_reader(con: Any, query: str, batch_rows: int) -> Any:
    """A query's answer as a pyarrow RecordBatchReader, streamed a batch at a time."""
    relation = con.sql(query)
    method = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
    return method(batch_rows)


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self.store = DuckDBStore(db, read_only=True)

    def sql(self, query: str) -> Any:
        duckdb = require("duckdb", "corpus")
        try:
            return arrow_table(self.store.con, query)
        except duckdb.Error as exc:
            raise QueryError(Finding.make("RF912", self.store.path, detail=str(exc).splitlines()[0])) from None

    @staticmethod
    def agg(column: str) -> str:
        """The distinct values of a column, sorted, as one comma-separated string."""
        return f"string_agg(DISTINCT {column}, ', ' ORDER BY {column})"

    @staticmethod
    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def close(self) -> None:
        self.store.close()


class SparkEngine:
    """Spark SQL over a Parquet export: each table folder becomes a temporary view of the same name."""

    name = "spark"

    def __init__(self, parquet: str | os.PathLike[str], master: str | None = None) -> None:
        require("pyspark", "spark")
        from pyspark.sql import SparkSession

        folder = Path(parquet)
        if not (folder / "results").is_dir():
            raise StoreError(Finding.make("RF915", str(folder), path=str(folder), table="results"))
        builder = (SparkSession.builder.appName("riskfmt-corpus")
                   .master(master or os.environ.get("RISKFMT_SPARK_MASTER") or "local[*]")
                   # folder names are text: a model called "7" must stay the string "7"
                   .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", "8"))
        self.spark = builder.getOrCreate()
        self.spark.sparkContext.setLogLevel("ERROR")
        for table in TABLES:
            path = folder / table
            if path.is_dir():
                self.spark.read.option("basePath", str(path)).parquet(str(path)).createOrReplaceTempView(table)

    def sql(self, query: str) -> Any:
        from pyspark.errors import PySparkException

        try:
            frame = self.spark.sql(query)
            return frame.toArrow() if hasattr(frame, "toArrow") else _from_pandas(frame.toPandas())
        except PySparkException as exc:
            raise QueryError(Finding.make("RF912", "<spark>", detail=str(exc).splitlines()[0])) from None

    @staticmethod
    def agg(column: str) -> str:
        return f"NULLIF(concat_ws(', ', array_sort(collect_set({column}))), '')"

    @staticmethod
    def literal(text: str) -> str:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    def close(self) -> None:
        self.spark.stop()


def _from_pandas(frame: Any) -> Any:
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=False)
