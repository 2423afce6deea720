"""``semantic._inline_samples`` spares the set of sample ids when they come in strictly increasing order (they are
then distinct); repeated ids, in order or not, must still be found as the row-by-row rule finds them, and the ids
that findings may cite must be the same set either way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt.findings import Finding
from riskfmt.semantic import _inline_samples


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "a0", "b:1"]), st.sampled_from([None, 1, 2])),
                max_size=14), st.booleans())
def test_ids_in_order_or_not_give_the_row_by_row_findings(rows: list[tuple[str, int | None]], in_order: bool) -> None:
    if in_order:  # sorted, repeats kept: the order check must not take "in order" for "distinct"
        rows = sorted(rows, key=lambda row: row[0])
    samples = [{"sample_id": i, **({} if e is None else {"epoch": e})} for i, e in rows]
    out: list[Finding] = []
    cited = {"samples": {"inline": samples}, "findings": [{"sample_ids": ["a"]}]}
    ids = _inline_samples(cited, "/evaluations/0", None, "1.0", "x", out)
    assert ids == {sample_id for sample_id, _ in rows}
    seen: set[tuple[str, int]] = set()
    expected = []
    for index, (sample_id, epoch) in enumerate(rows):  # the rule, row by row: an (id, epoch) seen before is RF514
        key = (sample_id, 1 if epoch is None else epoch)
        if key in seen:
            expected.append((f"/evaluations/0/samples/inline/{index}", sample_id, str(key[1])))
        seen.add(key)
    assert [(f.location.pointer, f.params["id"], str(f.params["epoch"])) for f in out if f.code == "RF514"] == expected


def test_distinct_ids_in_order_are_not_reported_and_are_all_citable() -> None:
    samples = [{"sample_id": f"item-{i:07d}"} for i in range(1000)]
    out: list[Finding] = []
    ids = _inline_samples({"samples": {"inline": samples}, "findings": [{"sample_ids": ["item-0000001"]}]},
                          "/evaluations/0", None, "1.0", "x", out)
    assert out == [] and ids == {s["sample_id"] for s in samples}
