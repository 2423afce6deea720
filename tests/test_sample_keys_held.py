"""Keys of an ascending run are kept aside serialised (``riskfmt.sample_chunks.SampleKeys``), in memory and then on
disk, and hashed only when the run breaks: a key that repeats one from far back in the run is still found."""

from __future__ import annotations

import pytest

from riskfmt import sample_chunks
from riskfmt.sample_chunks import SampleKeys


@pytest.mark.parametrize("held", [1, 100, 1 << 16])
@pytest.mark.parametrize("repeat", [0, 499, 999])
def test_a_key_repeated_after_a_long_ascending_run_is_a_candidate(monkeypatch: pytest.MonkeyPatch, held: int,
                                                                  repeat: int) -> None:
    monkeypatch.setattr(sample_chunks, "_HELD_MAX", held)  # the run goes to disk after this many keys
    keys = SampleKeys()
    ids = [f"item-{i:05d}" for i in range(1000)]
    for start in range(0, 1000, 37):
        keys.add_columns(ids[start:start + 37], [1] * len(ids[start:start + 37]))
    keys.add(("item-00000" if repeat == 0 else ids[repeat], 1))  # breaks the order: the run is hashed now
    keys.add(("item-99999", 2))
    assert keys.candidates() == {hash((ids[repeat], 1))}


def test_an_ascending_file_gives_no_candidate_and_leaves_no_file_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sample_chunks, "_HELD_MAX", 10)
    keys = SampleKeys()
    for start in range(0, 100, 7):
        keys.add_columns([f"k{i:03d}" for i in range(start, start + 7)], [1] * 7)
    assert keys._disk is not None  # the run went to disk
    assert keys.candidates() == set()
    assert keys._disk is None


def test_the_line_rule_and_whole_chunks_hold_keys_alike() -> None:
    one, chunked = SampleKeys(), SampleKeys()
    rows = [(f"s{i:02d}", e) for i in range(20) for e in (1, 2)]
    for row in rows:
        one.add(row)
    chunked.add_columns([i for i, _ in rows], [e for _, e in rows])
    one.add(rows[5])
    chunked.add(rows[5])
    assert one.candidates() == chunked.candidates() == {hash(rows[5])}
