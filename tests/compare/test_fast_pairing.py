"""The pairing of two samples files a column at a time (issue 19) against the straightforward one: read both
files whole, join by key with a dict, tally pair by pair. Files in the same order, reversed, shuffled or
partly shuffled, with rows missing on either side, blank lines, repeated input digests (when pairs are made by
digest) and broken lines; pieces, chunks and the memory budget made tiny so that every boundary is crossed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt.compare import partitions, samples
from riskfmt.compare.samples import SamplesError, SampleSource, compare_samples

_SCALE = 2.0**64


def _key(row: dict[str, Any], by: str) -> tuple[Any, Any]:
    return row[by], row.get("epoch", 1)


def reference(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> dict[str, Any]:
    """Every tally of ``PairedSamples``, the plain way: by sample id, or by input digest when no id is shared
    and every row has a digest (repeated digests pair first with first)."""
    by = "sample_id"
    ids_b = {_key(r, by) for r in rows_b}
    if (rows_a and rows_b and not any(_key(r, by) in ids_b for r in rows_a)
            and all("input_digest" in r for r in rows_a + rows_b)):
        by = "input_digest"
    waiting: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for row in rows_b:
        if by in row:
            waiting.setdefault(_key(row, by), []).append(row)
    out: Counter[str] = Counter()
    for ra in rows_a:
        queue = waiting.get(_key(ra, by)) if by in ra else None
        if not queue:
            continue
        rb = queue.pop(0)
        out["matched"] += 1
        va, vb = ra.get("verdict"), rb.get("verdict")
        if va in ("pass", "fail") and vb in ("pass", "fail"):
            out[{"pass": "a_pass", "fail": "a_fail"}[va] + {"pass": "_b_pass", "fail": "_b_fail"}[vb]] += 1
        elif va is not None or vb is not None:
            out["other"] += 1
        if ra.get("score") is not None and rb.get("score") is not None:
            d = int((rb["score"] - ra["score"]) * _SCALE)
            out["score_n"] += 1
            out["sum_a"] += int(ra["score"] * _SCALE)
            out["sum_b"] += int(rb["score"] * _SCALE)
            out["sum_d"] += d
            out["sum_d2"] += d * d
        if ra.get("input_digest") is not None and rb.get("input_digest") is not None:
            out["digest_conflicts"] += ra["input_digest"] != rb["input_digest"]
    with_digest = [sum("input_digest" in r for r in rows) for rows in (rows_a, rows_b)]
    return {"matched_by": by, "matched": out["matched"], "only_a": len(rows_a) - out["matched"],
            "only_b": len(rows_b) - out["matched"], "both_pass": out["a_pass_b_pass"],
            "a_pass_b_fail": out["a_pass_b_fail"], "a_fail_b_pass": out["a_fail_b_pass"],
            "both_fail": out["a_fail_b_fail"], "other": out["other"], "score_n": out["score_n"],
            "sum_a": out["sum_a"], "sum_b": out["sum_b"], "sum_d": out["sum_d"], "sum_d2": out["sum_d2"],
            "digest_conflicts": out["digest_conflicts"], "rows_a": len(rows_a), "rows_b": len(rows_b),
            "digests_a": with_digest[0], "digests_b": with_digest[1]}


def tallies(result: Any) -> dict[str, Any]:
    return {k: getattr(result, k) for k in reference([], [])}


_digests = [f"sha256:{i:064x}" for i in range(6)]
_row = st.fixed_dictionaries(
    {"sample_id": st.integers(0, 80), "epoch": st.integers(1, 2)},
    optional={"verdict": st.sampled_from(["pass", "fail", "partial", "refused", "error"]),
              "score": st.floats(-3, 3, allow_nan=False) | st.integers(-2, 2),
              "input_digest": st.sampled_from(_digests)},
)
_rows = st.lists(_row, max_size=70, unique_by=lambda r: (r["sample_id"], r["epoch"])).map(
    lambda rows: [{**r, "sample_id": f"s{r['sample_id']:03d}"} for r in sorted(rows, key=lambda r: (r["sample_id"],
                                                                                                     r["epoch"]))])


def _order(rows: list[dict[str, Any]], how: str, rnd: Any) -> list[dict[str, Any]]:
    if how == "reversed":
        return rows[::-1]
    if how == "shuffled":
        rows = list(rows)
        rnd.shuffle(rows)
    elif how == "partly shuffled" and len(rows) > 4:
        rows = list(rows)
        i, j = sorted(rnd.sample(range(len(rows)), 2))
        rows[i], rows[j] = rows[j], rows[i]
    return rows


def _write(path: Path, rows: list[dict[str, Any]], blanks: list[int]) -> None:
    lines = [json.dumps(r) + "\n" for r in rows]
    for at in blanks:
        lines.insert(min(at, len(lines)), "\n" if at % 2 else "  \n")
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(samples, "PIECE_ROWS", 3)  # pieces of 3 lines, chunks of 7: every boundary is crossed
    monkeypatch.setattr(samples, "_CHUNK_ROWS", 7)
    # score pairs counted by value are added up once more than 4 distinct ones wait, and when those were mostly
    # distinct the sums go pair by pair from then on: both ways, and the switch between them, are crossed
    monkeypatch.setattr(samples, "_PENDING_MAX", 4)
    # a partition's share of a chunk is written as it comes from 2 rows on, and single rows wait in its buffer:
    # both ways of writing, and a buffer flushed between direct writes, are crossed
    monkeypatch.setattr(partitions, "_PIECE_ROWS", 2)


@given(_rows, st.data(), st.sampled_from(["same", "reversed", "shuffled", "partly shuffled"]),
       st.integers(1, 9), st.booleans(), st.lists(st.integers(0, 80), max_size=4), st.randoms())
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_fast_pairing_equals_the_straightforward_one(tmp_path: Path, tiny: None, rows_a: list[dict[str, Any]],
                                                        data: st.DataObject, order: str, memory_rows: int,
                                                        by_digest: bool, blanks: list[int], rnd: Any) -> None:
    # B: A's rows, some changed, and (unless it has the very same rows) some missing and some of its own
    same_rows = data.draw(st.booleans())
    if data.draw(st.booleans()):  # every row with a digest: the columns take no detour around missing ones
        rows_a = [{**r, "input_digest": r.get("input_digest", _digests[2])} for r in rows_a]
    rows_b = [{**r, **data.draw(st.fixed_dictionaries({}, optional={"verdict": st.sampled_from(["pass", "fail"]),
                                                                       "score": st.floats(0, 1),
                                                                       "input_digest": st.sampled_from(_digests)}))}
              for r in rows_a if same_rows or data.draw(st.integers(0, 5))]
    if not same_rows:
        rows_b += [r for r in data.draw(_rows) if r["sample_id"] not in {x["sample_id"] for x in rows_b}]
    if by_digest:  # no id in common, every row with a digest: pairs are made by input digest
        rows_a = [{**r, "input_digest": r.get("input_digest", _digests[0])} for r in rows_a]
        rows_b = [{**r, "sample_id": "b-" + r["sample_id"], "input_digest": r.get("input_digest", _digests[1])}
                  for r in rows_b]
    rows_b = _order(rows_b, order, rnd)
    _write(tmp_path / "a.jsonl", rows_a, blanks)
    _write(tmp_path / "b.jsonl", rows_b, blanks[::-1])
    a = SampleSource(path=tmp_path / "a.jsonl", rows=len(rows_a))
    b = SampleSource(path=tmp_path / "b.jsonl", rows=len(rows_b))
    expected = reference(rows_a, rows_b)
    assert tallies(compare_samples(a, b, memory_rows=memory_rows)) == expected
    # inline samples pair the same way, and so does any mix
    inline_a, inline_b = SampleSource(inline=rows_a, rows=len(rows_a)), SampleSource(inline=rows_b, rows=len(rows_b))
    assert tallies(compare_samples(inline_a, inline_b, memory_rows=memory_rows)) == expected
    assert tallies(compare_samples(inline_a, b, memory_rows=memory_rows)) == expected


@given(_rows, st.integers(0, 69), st.sampled_from(["{", "[1, 2]", "not json", '"just a string"']),
       st.sampled_from(["same", "shuffled"]), st.randoms())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_broken_line_names_its_row(tmp_path: Path, tiny: None, rows: list[dict[str, Any]], at: int, broken: str,
                                    order: str, rnd: Any) -> None:
    lines = [json.dumps(r) for r in rows]
    at = min(at, len(lines))
    lines.insert(at, broken)
    (tmp_path / "a.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    b_rows = _order(rows, order, rnd)
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in b_rows), encoding="utf-8")
    a = SampleSource(path=tmp_path / "a.jsonl", rows=len(lines))
    b = SampleSource(path=tmp_path / "b.jsonl", rows=len(b_rows))
    with pytest.raises(SamplesError) as caught:
        compare_samples(a, b, memory_rows=4)
    assert (Path(caught.value.path).name, caught.value.row) == ("a.jsonl", at + 1)


@given(_rows, _rows, st.sampled_from(["same", "reversed", "shuffled", "partly shuffled"]), st.integers(1, 40),
       st.randoms())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_pairing_a_chunk_at_a_time_spills_at_the_row_the_row_by_row_pairing_does(
        tmp_path: Path, tiny: None, monkeypatch: pytest.MonkeyPatch, rows_a: list[dict[str, Any]],
        more: list[dict[str, Any]], order: str, memory_rows: int, rnd: Any) -> None:
    # B: some of A's rows and some of its own, in another order; every tally, and the number of rows that went
    # through temporary files (the diff prints it), as when every chunk is paired row by row
    keys_a = {(r["sample_id"], r["epoch"]) for r in rows_a}  # each key once a side, as validation requires
    rows_b = _order([r for r in rows_a if rnd.random() < 0.8]
                    + [r for r in more if (r["sample_id"], r["epoch"]) not in keys_a], order, rnd)
    _write(tmp_path / "a.jsonl", rows_a, [])
    _write(tmp_path / "b.jsonl", rows_b, [])
    a = SampleSource(path=tmp_path / "a.jsonl", rows=len(rows_a))
    b = SampleSource(path=tmp_path / "b.jsonl", rows=len(rows_b))
    with monkeypatch.context() as patch:  # undone before hypothesis's next example
        patch.setattr(samples, "_MEET_BY_CHUNK", False)
        row_by_row = compare_samples(a, b, memory_rows=memory_rows)
    assert compare_samples(a, b, memory_rows=memory_rows) == row_by_row


@given(st.lists(_row, max_size=40), st.lists(_row, max_size=40), st.integers(1, 6), st.integers(1, 12),
       st.sampled_from(["same", "shuffled"]), st.randoms())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_keys_repeated_within_a_side_pair_without_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]],
                                                           chunk_rows: int, memory_rows: int, order: str,
                                                           rnd: Any) -> None:
    # validation refuses such files (RF514) and the single-pass diff then drops what the pairing found, but the
    # pairing must get to the end: rows queued row by row and then met a chunk at a time, spilled or not
    monkeypatch.setattr(samples, "_CHUNK_ROWS", chunk_rows)
    rows_a = [{**r, "sample_id": f"s{r['sample_id'] % 6}", "epoch": 1} for r in rows_a]
    rows_b = _order([{**r, "sample_id": f"s{r['sample_id'] % 6}", "epoch": 1} for r in rows_b], order, rnd)
    _write(tmp_path / "a.jsonl", rows_a, [])
    _write(tmp_path / "b.jsonl", rows_b, [])
    result = compare_samples(SampleSource(path=tmp_path / "a.jsonl", rows=len(rows_a)),
                             SampleSource(path=tmp_path / "b.jsonl", rows=len(rows_b)), memory_rows=memory_rows)
    assert result.rows_a == len(rows_a) and result.rows_b == len(rows_b)


def test_a_key_queued_row_by_row_and_then_met_a_chunk_at_a_time(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # A's "s0" three times: the first chunks go row by row (they may cross the budget) and queue it; the last
    # one fits the budget and would meet the queue a chunk at a time (a list where a row was expected)
    monkeypatch.setattr(samples, "_CHUNK_ROWS", 3)
    _write(tmp_path / "a.jsonl", [{"sample_id": "s0"}] * 3, [])
    _write(tmp_path / "b.jsonl", [{"sample_id": s} for s in ("s0", "s2", "s1", "s0")], [])
    result = compare_samples(SampleSource(path=tmp_path / "a.jsonl", rows=3),
                             SampleSource(path=tmp_path / "b.jsonl", rows=4), memory_rows=5)
    assert (result.rows_a, result.rows_b) == (3, 4)
