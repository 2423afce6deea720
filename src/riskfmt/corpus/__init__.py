"""Many reports at once: an embedded analytical store (DuckDB), Parquet, and Apache Spark.

``index_paths`` validates reports and loads the valid ones into a store; ``questions`` holds the named
questions as SQL; ``export_parquet`` writes a store as Hive-partitioned Parquet; ``engines`` answers SQL on
DuckDB or Spark. DuckDB and pyarrow come with the ``[corpus]`` extra, PySpark with ``[spark]``; nothing here
imports them until it is used.

.. versionadded:: 0.2
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from riskfmt.corpus.index import IndexResult, index_paths

__all__ = ["IndexResult", "index_paths"]


def __getattr__(name: str) -> Any:
    # on first use: riskfmt.codes imports riskfmt.corpus.codes to list every finding code, and `riskfmt validate`
    # of a file with findings must not pay for the indexer (hashlib, dataclasses: about 4 ms) to do so
    if name in __all__:
        from riskfmt.corpus import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
