"""Bounded-memory duplicate detection for streamed samples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt._dedup import DuplicateCandidates


@given(st.lists(st.tuples(st.text(max_size=3), st.integers(1, 3)), max_size=300), st.integers(2, 20))
@settings(max_examples=200)
def test_candidates_include_every_repeated_key(keys: list[tuple[str, int]], memory: int) -> None:
    tracker = DuplicateCandidates(memory_items=memory)
    for key in keys:
        tracker.add(key)
    repeated = {hash(k) for k in keys if keys.count(k) > 1}
    found = tracker.candidates()
    assert repeated <= found
    # without a hash collision, nothing else is a candidate
    assert found <= {hash(k) for k in keys}
    assert len(found) == len(repeated)


def test_spills_keep_memory_bounded() -> None:
    tracker = DuplicateCandidates(memory_items=1000)
    for i in range(10_500):
        tracker.add(("s", i))
    tracker.add(("s", 5))
    assert len(tracker._current) < 1000 and len(tracker._runs) == 10
    assert tracker.candidates() == {hash(("s", 5))}
