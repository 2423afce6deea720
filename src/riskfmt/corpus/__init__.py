"""Many reports at once: an embedded analytical store (DuckDB), Parquet, and Apache Spark.

``index_paths`` validates reports and loads the valid ones into a store; ``questions`` holds the named
questions as SQL; ``export_parquet`` writes a store as Hive-partitioned Parquet; ``engines`` answers SQL on
DuckDB or Spark. DuckDB and pyarrow come with the ``[corpus]`` extra, PySpark with ``[spark]``; nothing here
imports them until it is used.

.. versionadded:: 0.2
"""

from __future__ import annotations

from riskfmt.corpus.index import IndexResult, index_paths

__all__ = ["IndexResult", "index_paths"]
