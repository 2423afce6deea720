"""``riskfmt corpus export``: every table of a DuckDB store as Hive-partitioned Parquet.

The layout is ``DIR/<table>/producer=<p>/model=<m>[/top_concept=<c>]/part-*.parquet`` (``schema.PARTITIONS``),
the vocabulary tables unpartitioned, and ``DIR/_corpus.json`` naming the table schema version. Partition values
are URI-encoded in folder names (pyarrow's Hive flavour), which pyarrow, DuckDB
(``read_parquet(..., hive_partitioning = true)``), Polars and Spark all decode. Tables are streamed from DuckDB
in record batches: the export never holds a table in memory.
"""

from __future__ import annotations

import os
from pathlib import Path

from riskfmt.corpus.schema import PARTITIONS, TABLES
from riskfmt.corpus.store import DuckDBStore, StoreError, require, write_empty, write_meta

__all__ = ["export_parquet"]

_BATCH_ROWS = 500_000


def export_parquet(db: str | os.PathLike[str], folder: str | os.PathLike[str]) -> dict[str, int]:
    """Write the store's tables under ``folder`` (which must be empty or new); the row count of each table."""
    require("pyarrow", "corpus")
    import pyarrow.dataset as ds

    from riskfmt.corpus.engines import arrow_reader
    from riskfmt.findings import Finding

    out = Path(folder)
    if out.exists() and any(out.iterdir()):
        raise StoreError(Finding.make("RF913", str(out), path=str(out)))
    store = DuckDBStore(db, read_only=True)
    counts: dict[str, int] = {}
    try:
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            partitions = PARTITIONS.get(table, ())
            counts[table] = store.con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchall()[0][0]
            if not counts[table]:
                write_empty(out / table, table)
                continue
            columns = ", ".join(f'COALESCE("{c.name}", \'\') AS "{c.name}"' if c.name in partitions else f'"{c.name}"'
                                for c in TABLES[table])
            reader = arrow_reader(store.con, f'SELECT {columns} FROM "{table}"', _BATCH_ROWS)
            try:
                ds.write_dataset(reader, out / table, format="parquet", partitioning=list(partitions) or None,
                                 partitioning_flavor="hive" if partitions else None,
                                 basename_template="part-{i}.parquet", existing_data_behavior="overwrite_or_ignore",
                                 max_rows_per_file=5_000_000, max_partitions=100_000)
            finally:
                reader.close()
        write_meta(out)
    finally:
        store.close()
    return counts
