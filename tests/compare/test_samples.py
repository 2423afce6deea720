"""Paired per-sample comparison: the streaming join of two JSONL files gives exactly what an in-memory
join gives, whatever the order of the rows and however small the memory budget, and stays within it."""

from __future__ import annotations

import json
import random
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.reports import evaluation, report, result, samples_file, write
from riskfmt.compare import DiffOptions, diff_files, samples
from riskfmt.compare.samples import PairedSamples, SampleSource, compare_samples

_SCALE = 1 << 64


def _write_rows(path: Path, rows: list[dict[str, Any]]) -> SampleSource:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return SampleSource(path=path, rows=len(rows))


def reference(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> dict[str, Any]:
    """The tallies of a plain in-memory join by (sample_id, epoch)."""
    index = {(r["sample_id"], r.get("epoch", 1)): r for r in rows_b}
    cells: Counter[str] = Counter()
    matched = 0
    score_n = 0
    sums = [0, 0, 0, 0]
    for ra in rows_a:
        rb = index.pop((ra["sample_id"], ra.get("epoch", 1)), None)
        if rb is None:
            continue
        matched += 1
        va, vb = ra.get("verdict"), rb.get("verdict")
        if va in ("pass", "fail") and vb in ("pass", "fail"):
            cells[f"{va}-{vb}"] += 1
        elif va is not None or vb is not None:
            cells["other"] += 1
        if ra.get("score") is not None and rb.get("score") is not None:
            score_n += 1
            d = rb["score"] - ra["score"]
            ia, ib, idd = int(ra["score"] * 2.0**64), int(rb["score"] * 2.0**64), int(d * 2.0**64)
            sums = [sums[0] + ia, sums[1] + ib, sums[2] + idd, sums[3] + idd * idd]
    return {"matched": matched, "only_a": len(rows_a) - matched, "only_b": len(index),
            "both_pass": cells["pass-pass"], "a_pass_b_fail": cells["pass-fail"], "a_fail_b_pass": cells["fail-pass"],
            "both_fail": cells["fail-fail"], "other": cells["other"], "score_n": score_n,
            "sum_a": sums[0], "sum_b": sums[1], "sum_d": sums[2], "sum_d2": sums[3]}


def tallies(result: PairedSamples) -> dict[str, Any]:
    return {k: getattr(result, k) for k in ("matched", "only_a", "only_b", "both_pass", "a_pass_b_fail",
                                            "a_fail_b_pass", "both_fail", "other", "score_n", "sum_a", "sum_b",
                                            "sum_d", "sum_d2")}


rows_strategy = st.lists(
    st.fixed_dictionaries(
        {"sample_id": st.sampled_from([f"x{i}" for i in range(40)]), "epoch": st.integers(1, 2)},
        optional={"verdict": st.sampled_from(["pass", "fail", "partial", "refused", "error"]),
                  "score": st.floats(-3, 3, allow_nan=False)},
    ),
    max_size=60,
    unique_by=lambda r: (r["sample_id"], r["epoch"]),
)


@given(rows_strategy, rows_strategy, st.integers(1, 8), st.randoms())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_streaming_join_equals_the_in_memory_join(tmp_path: Path, rows_a: list[dict[str, Any]],
                                                  rows_b: list[dict[str, Any]], memory_rows: int, rnd: Any) -> None:
    rnd.shuffle(rows_b)
    a = _write_rows(tmp_path / "a.jsonl", rows_a)
    b = _write_rows(tmp_path / "b.jsonl", rows_b)
    expected = reference(rows_a, rows_b)
    if expected["matched"] == 0 and rows_a and rows_b:
        return  # no shared id: the digest fallback decides (tested separately)
    streamed = compare_samples(a, b, memory_rows=memory_rows)
    assert tallies(streamed) == expected
    inline = compare_samples(SampleSource(inline=rows_a, rows=len(rows_a)), b, memory_rows=memory_rows)
    assert tallies(inline) == expected
    swapped = compare_samples(b, a, memory_rows=memory_rows)
    assert (swapped.a_pass_b_fail, swapped.a_fail_b_pass, swapped.sum_d) == (
        streamed.a_fail_b_pass, streamed.a_pass_b_fail, -streamed.sum_d)


def test_rows_in_different_orders_go_through_partitions_and_still_pair(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # rows pair a chunk at a time: chunks far smaller than the files, so that the budget is crossed between them
    monkeypatch.setattr(samples, "_CHUNK_ROWS", 64)
    rows = [{"sample_id": f"id-{i:05d}", "verdict": "pass" if i % 3 else "fail", "score": i % 7 / 7}
            for i in range(3000)]
    shuffled = list(rows)
    random.Random(4).shuffle(shuffled)
    a = _write_rows(tmp_path / "a.jsonl", rows)
    b = _write_rows(tmp_path / "b.jsonl", shuffled)
    small = compare_samples(a, b, memory_rows=50)
    assert small.spilled_rows > 0
    assert small.matched == 3000 and small.only_a == small.only_b == 0
    assert tallies(small) == reference(rows, shuffled)
    same_order = compare_samples(a, _write_rows(tmp_path / "c.jsonl", rows), memory_rows=50)
    assert same_order.spilled_rows == 0  # files in the same order pair line by line


def test_memory_does_not_grow_with_the_files_whatever_their_order(tmp_path: Path) -> None:
    def peak(count: int, budget: int) -> int:
        rows = [{"sample_id": f"sample-{i:07d}", "epoch": 1, "verdict": "pass" if i % 2 else "fail", "score": i % 5}
                for i in range(count)]
        a = _write_rows(tmp_path / f"a{count}.jsonl", rows)
        b = _write_rows(tmp_path / f"b{count}.jsonl", rows[::-1])  # the worst order: nothing pairs until half way
        tracemalloc.start()
        try:
            result = compare_samples(a, b, memory_rows=budget)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert result.matched == count

    # four times the rows: the same memory within the budget, twice the memory without one
    bounded_small, bounded_large = peak(20_000, 2_000), peak(80_000, 2_000)
    unbounded_small, unbounded_large = peak(20_000, 10**9), peak(80_000, 10**9)
    assert bounded_large < 1.3 * bounded_small, (bounded_small, bounded_large)
    assert unbounded_large > 2 * unbounded_small, (unbounded_small, unbounded_large)


def test_pairs_by_input_digest_when_no_sample_id_is_shared(tmp_path: Path) -> None:
    rows_a = [{"sample_id": f"a{i}", "verdict": "pass", "input_digest": f"sha256:{i:064x}"} for i in range(30)]
    rows_b = [{"sample_id": f"b{i}", "verdict": "fail" if i < 5 else "pass", "input_digest": f"sha256:{i:064x}"}
              for i in range(30)]
    result = compare_samples(_write_rows(tmp_path / "a.jsonl", rows_a), _write_rows(tmp_path / "b.jsonl", rows_b))
    assert result.matched_by == "input_digest"
    assert (result.matched, result.a_pass_b_fail, result.both_pass) == (30, 5, 25)


def test_counts_samples_whose_ids_match_but_prompts_do_not(tmp_path: Path) -> None:
    rows_a = [{"sample_id": f"s{i}", "input_digest": f"sha256:{i:064x}"} for i in range(10)]
    rows_b = [{"sample_id": f"s{i}", "input_digest": f"sha256:{i + (100 if i < 3 else 0):064x}"} for i in range(10)]
    result = compare_samples(SampleSource(inline=rows_a, rows=10), SampleSource(inline=rows_b, rows=10))
    assert result.matched_by == "sample_id" and result.digest_conflicts == 3


def test_repeated_digests_pair_first_with_first(tmp_path: Path) -> None:
    digest = "sha256:" + "ab" * 32
    rows_a = [{"sample_id": f"a{i}", "input_digest": digest, "verdict": v} for i, v in enumerate(["pass", "fail"])]
    rows_b = [{"sample_id": f"b{i}", "input_digest": digest, "verdict": v}
              for i, v in enumerate(["pass", "pass", "fail"])]
    result = compare_samples(_write_rows(tmp_path / "a.jsonl", rows_a), _write_rows(tmp_path / "b.jsonl", rows_b),
                             memory_rows=1)
    assert (result.matched, result.both_pass, result.a_fail_b_pass, result.only_b) == (2, 1, 1, 1)


def test_diff_of_jsonl_samples_agrees_with_inline_samples(tmp_path: Path) -> None:
    rnd = random.Random(9)
    rows_a = [{"sample_id": f"q{i:04d}", "verdict": rnd.choice(["pass", "fail"]), "score": rnd.random()}
              for i in range(400)]
    rows_b = [dict(r, verdict=rnd.choice(["pass", "fail"]), score=rnd.random()) for r in rows_a]
    rnd.shuffle(rows_b)

    def pair_of_reports(folder: Path, inline: bool) -> tuple[Path, Path]:
        folder.mkdir()
        paths = []
        for name, rows in (("a", rows_a), ("b", rows_b)):
            samples = {"inline": rows} if inline else samples_file(folder, f"{name}.jsonl", rows)
            doc = report([evaluation("e", "task", [result("r", ["R0013"], 0.5, n=400)], samples=samples)])
            paths.append(write(folder, f"{name}.json", doc))
        return paths[0], paths[1]

    inline = diff_files(*pair_of_reports(tmp_path / "inline", True)).to_dict()["samples"]
    streamed = diff_files(*pair_of_reports(tmp_path / "jsonl", False), DiffOptions(memory_rows=20)).to_dict()["samples"]
    assert inline == streamed
    assert streamed[0]["matched"] == 400 and "mcnemar" in streamed[0] and "scores" in streamed[0]


def test_a_samples_file_changed_after_validation_is_an_input_error(tmp_path: Path) -> None:
    from riskfmt.compare.samples import SamplesError

    path = tmp_path / "a.jsonl"
    path.write_text('{"sample_id": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(SamplesError) as info:
        compare_samples(SampleSource(path=path, rows=2), SampleSource(inline=[{"sample_id": "a"}], rows=1))
    assert info.value.row == 2


def test_a_samples_file_that_no_longer_reads_refuses_the_diff(tmp_path: Path) -> None:
    from riskfmt.compare import InputError, diff_documents

    rows = [{"sample_id": "a", "verdict": "pass"}, {"sample_id": "b", "verdict": "fail"}]
    doc = report([evaluation("e", "task", [result("r", ["R0013"], 0.5, n=2)],
                             samples=samples_file(tmp_path, "s.jsonl", rows))])
    (tmp_path / "s.jsonl").write_text('{"sample_id": "a"}\n{"sample_id": \n', encoding="utf-8")  # changed since
    with pytest.raises(InputError) as info:
        diff_documents(doc, doc, sources=(str(tmp_path / "a.json"), str(tmp_path / "b.json")))
    assert [(f.code, f.location.line) for f in info.value.findings] == [("RF804", 2)]
