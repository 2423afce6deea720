"""The two readers of a samples file give the same rows: pyarrow's JSON reader in C++ (``read_sample_table``, the
fast path) and the Python rules (``iter_sample_file``, used whenever the fast reader declines a file).

Property tests over JSONL lines of every JSON type in every sample column, with sample content and other keys
beside them: whenever the fast reader answers, its rows equal the Python rules' rows after the same conversion to
the table's column types; lines whose values have exactly the column types are always answered by it (so the
first property is never vacuous). An end-to-end check indexes real converted samples files both ways.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.helpers import ROOT, run, sql

pa = pytest.importorskip("pyarrow")

from riskfmt.corpus.rows import SAMPLE_COLUMNS, iter_sample_file, read_sample_table  # noqa: E402
from riskfmt.corpus.schema import arrow_schema  # noqa: E402

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_text = st.text(max_size=12)
_scalar = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.integers(-(2**70), 2**70),
                    st.floats(allow_nan=False, allow_infinity=False), _text)
_any = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
                    max_leaves=6)
# every JSON type in every column, and keys that are not columns (sample content among them)
_loose_line = st.dictionaries(st.sampled_from([*SAMPLE_COLUMNS, "input", "output", "target", "metadata"]), _any,
                              max_size=8)
_typed_line = st.fixed_dictionaries({}, optional={
    "sample_id": st.one_of(st.none(), _text),
    "epoch": st.one_of(st.none(), st.integers(-(2**31), 2**31 - 1)),
    "score": st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    "verdict": st.one_of(st.none(), st.sampled_from(["pass", "fail", "refused", "error"])),
    "input_digest": st.one_of(st.none(), _text),
    "output_digest": st.one_of(st.none(), _text),
    "input": _any,
    "output": _text,
})


def _write(tmp_path: Path, lines: list[dict[str, Any]], blank: bool) -> Path:
    path = tmp_path / "samples.jsonl"
    text = "".join(json.dumps(line, ensure_ascii=False) + ("\n\n" if blank and i % 2 else "\n")
                   for i, line in enumerate(lines))
    path.write_text(text, encoding="utf-8")
    return path


def _python_rows(path: Path) -> dict[str, list[Any]] | None:
    """The Python rules' rows as the table would hold them (None if they do not fit the column types either)."""
    schema = arrow_schema("samples")
    columns: dict[str, list[Any]] = {name: [] for name in SAMPLE_COLUMNS}
    for chunk in iter_sample_file(path):
        for name in SAMPLE_COLUMNS:
            columns[name].extend(chunk[name])
    try:
        return {n: pa.array(v, type=schema.field(n).type).to_pylist() for n, v in columns.items()}
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return None


@_SETTINGS
@given(st.lists(_loose_line, min_size=1, max_size=6), st.booleans())
def test_fast_reader_agrees_or_declines(tmp_path: Path, lines: list[dict[str, Any]], blank: bool) -> None:
    path = _write(tmp_path, lines, blank)
    fast = read_sample_table(path)
    if fast is not None:
        assert fast.column_names == list(SAMPLE_COLUMNS)
        assert fast.to_pydict() == _python_rows(path)


@_SETTINGS
@given(st.lists(_typed_line, min_size=1, max_size=6), st.booleans())
def test_fast_reader_answers_typed_lines(tmp_path: Path, lines: list[dict[str, Any]], blank: bool) -> None:
    path = _write(tmp_path, lines, blank)
    fast = read_sample_table(path)
    assert fast is not None
    assert fast.to_pydict() == _python_rows(path)


def test_declined_files(tmp_path: Path) -> None:
    """Values the Python rules convert (a number as sample_id becomes its JSON text) or drop (a boolean score)."""
    for line in ({"sample_id": 7}, {"epoch": 1.0}, {"score": True}, {"score": "0.5"}, {"verdict": 1}):
        path = _write(tmp_path, [{"sample_id": "a", "score": 1}, line], blank=False)
        assert read_sample_table(path) is None, line
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    assert read_sample_table(tmp_path / "empty.jsonl") is None
    assert sum(len(chunk["sample_id"]) for chunk in iter_sample_file(tmp_path / "empty.jsonl")) == 0


def test_same_rows_through_either_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real converted samples files (HELM Safety v4, published runs) indexed with the fast reader and with the
    Python rules alone give the same rows."""
    import riskfmt.corpus.rows as rows

    helm = ROOT / "tests/realworld/helm/helm-safety-v4"
    runs = sorted(str(p) for p in helm.iterdir() if p.is_dir())
    assert run("convert", *runs, "--samples", "file", "-o", str(tmp_path / "file"), "-q") in (0, 1)
    query = "SELECT report_id, producer, model, evaluation_id, sample_id, epoch, score, verdict, input_digest, " \
            "output_digest, tlp, tlp_rank FROM samples ORDER BY ALL"
    assert run("corpus", "index", str(tmp_path / "file"), "--db", str(tmp_path / "fast.duckdb"), "-q") == 0
    used: list[bytes] = []
    fast_reader = rows.sample_table_from_bytes  # the indexer reads the bytes validation checked

    def declined(data: bytes) -> None:
        assert fast_reader(data) is not None  # the fast reader would have answered: this file tests something
        used.append(data)

    monkeypatch.setattr(rows, "sample_table_from_bytes", declined)
    assert run("corpus", "index", str(tmp_path / "file"), "--db", str(tmp_path / "python.duckdb"), "-q") == 0
    assert used
    fast, python = sql(tmp_path / "fast.duckdb", query), sql(tmp_path / "python.duckdb", query)
    assert fast and fast == python
    assert sql(tmp_path / "fast.duckdb", "SELECT SUM(samples) FROM reports") == [(len(fast),)]
