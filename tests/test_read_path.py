"""The read path of large inputs (``riskfmt.io.read_limited``): one read of the size ``fstat`` gives, and still
never more than the limit plus one byte, whatever the size claimed and however short the reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskfmt import io as rio


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400),
       st.lists(st.integers(min_value=1, max_value=50), max_size=20))
def test_any_claimed_size_and_any_short_reads_give_the_first_limit_plus_one_bytes(
        content: bytes, max_size: int, claimed: int, cuts: list[int]) -> None:
    """``expected`` (the size stat claimed) may be wrong in both directions (a file that grew or shrank) and reads
    may come back short: the bytes are the file's first ``max_size + 1`` and no more is ever asked for."""
    at = 0
    asked = 0
    pieces = iter(cuts)

    def read(n: int) -> bytes:
        nonlocal at, asked
        asked += n
        step = min(n, next(pieces, n))  # a short read now and then
        chunk = content[at:at + step]
        at += len(chunk)
        return chunk

    data = rio._read_at_most(read, max_size, claimed)
    assert data == content[:max_size + 1]
    assert at <= max_size + 1


def test_a_regular_file_is_read_by_one_call_into_the_bytes_returned(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    content = os.urandom(3 << 20)  # three of the old 1 MiB chunks
    target.write_bytes(content)
    asked: list[int] = []
    real = os.read

    def counting(fd: int, n: int) -> bytes:
        asked.append(n)
        return real(fd, n)

    monkeypatch.setattr(rio.os, "read", counting)
    assert rio.read_limited(target) == content
    assert asked[0] == len(content) + 1  # all of it (and one byte to see the end) in the first call
    assert len(asked) <= 2  # at most one more, which finds the end of the file
    asked.clear()
    with pytest.raises(rio.InputRefused) as refused:  # over the limit: never more than the limit plus one byte
        rio.read_limited(target, max_size=1000)
    assert refused.value.findings[0].code == "RF004" and asked == [1001]
