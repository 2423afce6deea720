"""Query answers out: an aligned text table, CSV, JSON (one array of objects) or a Parquet file."""

from __future__ import annotations

import datetime as _dt
import json
import unicodedata
from collections.abc import Callable
from typing import Any, TextIO

__all__ = ["FORMATS", "write_answer"]

# html: the coverage heatmap only (riskfmt.views.corpus), written by the coverage command itself
FORMATS = ("table", "csv", "json", "parquet", "html")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _json_value(value: Any) -> Any:
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return value


def write_answer(table: Any, fmt: str, stream: TextIO, *, heading: Callable[[str], str] = str,
                 parquet_path: str | None = None) -> None:
    """Write a pyarrow Table. Headings are translated for table and csv only: JSON and Parquet keep the column
    names, which programs rely on."""
    names = list(table.column_names)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert parquet_path is not None
        pq.write_table(table, parquet_path)
        return
    rows = table.to_pylist()
    if fmt == "json":
        json.dump([{k: _json_value(v) for k, v in row.items()} for row in rows], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([heading(n) for n in names])
        for row in rows:
            writer.writerow([_cell(row[n]) for n in names])
    else:
        cells = [[heading(n) for n in names]] + [[_cell(row[n]) for n in names] for row in rows]
        widths = [max(_width(r[i]) for r in cells) for i in range(len(names))]
        for index, row in enumerate(cells):
            stream.write("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
            if index == 0:
                stream.write("  ".join("-" * w for w in widths) + "\n")
