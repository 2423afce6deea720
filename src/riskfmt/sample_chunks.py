"""A chunk of samples-file lines that is clean, told so with a few passes over the whole chunk.

``riskfmt.semantic`` checks a samples file a chunk of lines at a time (``riskfmt diff`` and ``riskfmt
validate`` alike), and most chunks of most files have nothing to report. ``clean`` answers for such a chunk
with one call per check for the whole chunk, each running in C: parse every line, validate every row against
the schema in one call, count the keys in the raw bytes, check the risk ids as one set. Any doubt, and it
answers None: the caller then takes the chunk line by line, which finds what there is to find.

``SampleKeys`` holds a file's (sample_id, epoch) keys for the duplicate check: while they ascend, as in most
files written in order, no key can repeat and only their hashes are put aside (on disk past a bound); the
first key out of order hands those to the hash-based search (``riskfmt._dedup``) and the rest goes there too.
"""

from __future__ import annotations

import marshal
from collections.abc import Hashable
from itertools import chain, islice, repeat
from operator import itemgetter, lt
from typing import IO, Any

__all__ = ["SampleKeys", "clean", "colons_differ"]

_WHITESPACE = b" \t\r\n"  # JSON's; taken out before the keys are counted, so that a key spaced from its colon counts
_SAMPLE_ID = itemgetter("sample_id")


def clean(lines: list[bytes], blob: bytes, loads: Any, batch: Any, plain: frozenset[str] | None) -> list[Any] | None:
    """The rows of ``lines`` (non-blank lines of a samples file; ``blob`` holds them, joined, and may hold blank
    lines besides) when the line rule has nothing to say about any of them; None when it may.

    Each line must parse (``loads``), every row must pass the schema (``batch``: a validator of a list of rows),
    no row may repeat a key, and with ``plain`` (the risk ids that need no finding) every risk id must be one.

    Repeated keys: a parser keeps one value of a repeated key, silently. A schema-valid row is a flat object
    whose keys are property names (no quote, backslash or colon in them) and whose values hold no object, so in
    its raw text, with JSON's whitespace taken out, each key, repeated or not, ends in ``":``. Any other ``":``
    is inside a string (an escaped quote, or a string that begins with a colon, maybe once spaces between are
    gone) and only adds to the count. So when the count of ``":`` equals the number of keys the rows kept, no
    key was repeated. When it does not, the slower test of ``colons_differ`` decides (text with quotes before
    colons), and failing that the caller takes the lines one by one, which looks for repeats exactly. Text with
    no backslash at all (no escapes: one search for a byte) goes to ``colons_differ`` straight away: there it is
    exact by itself, and cheaper than the copy without whitespace and the count of a two-byte sequence (about
    100 against 115 ms for 300,000 lines)."""
    try:
        samples = list(map(loads, lines))
    except (ValueError, UnicodeDecodeError):
        return None
    if not batch.is_valid(samples):
        return None
    if b"\\" not in blob:  # no escapes: the colons decide alone, without the copy that drops whitespace
        if colons_differ(blob, samples, escapes=False):
            return None
    elif blob.translate(None, _WHITESPACE).count(b'":') != sum(map(len, samples)) and colons_differ(blob, samples):
        return None
    if plain is not None and not plain.issuperset(
            chain.from_iterable(filter(None, map(dict.get, samples, repeat("risks"))))):
        return None
    return samples


def colons_differ(blob: bytes, samples: list[Any], escapes: bool = True) -> bool:
    """The slower test of repeated keys (also the line rule's, in ``riskfmt.semantic``), for text the count of
    ``":`` cannot clear (quotes before colons):
    outside strings, the colons are exactly the key separators, so the raw text and a serialisation of what the
    parser kept hold as many colons unless a key was dropped (or a colon was escaped as \\u003a).

    ``escapes=False`` when the caller knows ``blob`` holds no backslash: then no colon can be escaped, and the
    two searches for one are skipped. Without escapes each string's raw bytes are its UTF-8 text, which orjson
    writes back as they are (it escapes only quotes, backslashes and control characters, none of which such a
    string holds), so the two counts differ exactly by the colons of what the parser dropped: each dropped member
    of an object brings at least its key's separator."""
    import orjson

    if escapes and (b"\\u003a" in blob or b"\\u003A" in blob):
        return True
    try:
        return blob.count(b":") != orjson.dumps(samples).count(b":")
    except (TypeError, ValueError):
        return True


_HELD_MAX = 1 << 16  # keys of an ascending run kept in memory (serialised) before they go to a temporary file
_GIVEN = 256  # hashes handed to the search at a time when the keys stop ascending


class SampleKeys:
    """The keys of one samples file, for the duplicate check (RF514): ``candidates()`` gives the hashes of the
    keys that may repeat, as ``riskfmt._dedup.DuplicateCandidates`` does; the caller confirms them exactly.

    Keys that ascend strictly cannot repeat. While they do, they are only kept aside, serialised with ``marshal``
    a chunk at a time (``_HELD_MAX`` keys in memory, the rest in a temporary file); the first key that does not
    ascend hands them all, hashed, to ``riskfmt._dedup.DuplicateCandidates``, which takes every later key as
    well. A file in order is never searched, and its keys are never hashed: serialising a chunk's two columns
    costs less than hashing a tuple per key and storing the hashes (about 12 against 39 ms for 300,000 keys).
    """

    def __init__(self) -> None:
        from riskfmt import _dedup

        self._search = _dedup.DuplicateCandidates()  # looked up here: tests lower its bound
        self._ascending = True
        self._last: Any = None
        self._held: list[bytes] = []  # marshal of (ids, epochs), a chunk each
        self._held_keys = 0
        self._disk: IO[bytes] | None = None

    def add(self, key: Hashable) -> None:
        if self._ascending and (self._last is None or _less(self._last, key)):
            self._last = key
            pair: tuple[Any, Any] = key  # type: ignore[assignment]  # (sample_id, epoch), as the line rule makes it
            self._hold([pair[0]], [pair[1]])
        else:
            self._stop_ascending()
            self._search.add(key)

    def add_rows(self, samples: list[dict[str, Any]]) -> None:
        """``add`` for the key of each sample (schema-valid), in order."""
        self.add_columns(list(map(_SAMPLE_ID, samples)), list(map(dict.get, samples, repeat("epoch"), repeat(1))))

    def add_columns(self, ids: list[Any], epochs: list[Any]) -> None:
        """``add`` for the keys ``zip(ids, epochs)``, in order."""
        if not ids:
            return
        if self._ascending:
            try:
                # ids alone ascending is enough; otherwise the (id, epoch) pairs must
                ascending = all(map(lt, ids, islice(ids, 1, None))) or all(
                    map(lt, keys := list(zip(ids, epochs, strict=True)), islice(keys, 1, None)))
            except TypeError:  # keys that do not compare: searched by hash
                ascending = False
            first = (ids[0], epochs[0])
            if ascending and (self._last is None or _less(self._last, first)):
                self._last = (ids[-1], epochs[-1])
                self._hold(ids, epochs)
                return
            self._stop_ascending()
        self._search.add_hashes(list(map(hash, zip(ids, epochs, strict=True))))

    def candidates(self) -> set[int]:
        if self._ascending:
            self._close()
            return set()
        return self._search.candidates()

    def _hold(self, ids: list[Any], epochs: list[Any]) -> None:
        try:
            self._held.append(marshal.dumps((ids, epochs), 2))
        except ValueError:  # a value marshal cannot write (keys are strings and numbers from JSON): hashed now
            self._stop_ascending()
            self._search.add_hashes(list(map(hash, zip(ids, epochs, strict=True))))
            return
        self._held_keys += len(ids)
        if self._held_keys >= _HELD_MAX:
            if self._disk is None:
                import tempfile

                self._disk = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _close()
            for blob in self._held:
                self._disk.write(len(blob).to_bytes(8, "little"))
                self._disk.write(blob)
            self._held, self._held_keys = [], 0

    def _stop_ascending(self) -> None:
        if not self._ascending:
            return
        self._ascending = False
        if self._disk is not None:
            self._disk.seek(0)
            while size := self._disk.read(8):
                self._give(self._disk.read(int.from_bytes(size, "little")))
        for blob in self._held:
            self._give(blob)
        self._close()

    def _give(self, blob: bytes) -> None:
        ids, epochs = marshal.loads(blob)
        hashes = list(map(hash, zip(ids, epochs, strict=True)))
        # a few at a time: the search holds at most its bound plus one handful (a whole run at once would not)
        for start in range(0, len(hashes), _GIVEN):
            self._search.add_hashes(hashes[start:start + _GIVEN])

    def __del__(self) -> None:  # a check abandoned half way (an error elsewhere) closes its file too
        self._close()

    def _close(self) -> None:
        self._held, self._held_keys = [], 0
        if self._disk is not None:
            self._disk.close()
            self._disk = None


def _less(a: Any, b: Any) -> bool:
    """a < b for two keys; False when they do not compare (then the keys are searched by hash)."""
    try:
        return bool(a < b)
    except TypeError:
        return False
