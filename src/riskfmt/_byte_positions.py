"""Places of pointers in a large UTF-8 JSON text that is not ASCII, found without decoding it to characters.

Decoding 128 MB of UTF-8 that holds Chinese model outputs into a Python string took 0.63 s, most of the placing of
an invalid samples-heavy report's thousand findings. The text is read as Latin-1 instead (a copy: one character per
byte, 0.05 s): JSON's structure is ASCII, so the walk of ``riskfmt._positions.locate`` reads it as it reads the
decoded text, and a key reads as the Latin-1 spelling of its UTF-8 bytes, which is one-to-one: the pointers are
spelled the same way before they are looked for. An escape ``\\u`` would be read as the character it stands for
in one reading and not in the other, so a text holding one keeps the decoded way. The places found are byte
offsets; a column counts characters, which are the bytes that do not continue a character (``0x80``-``0xBF``), so
each column is its byte column less the continuation bytes before it on its line, counted once over the text up to
the last place (``tests/property/test_byte_positions.py`` compares both ways).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["MIN_BYTES", "byte_positions"]

MIN_BYTES = 4 << 20  # below this the decoded text costs little (and the walk reads either the same way)
_CONTINUATION = bytes(range(0x80, 0xC0))


def byte_positions(data: bytes, pointers: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    """(line, column) of each pointer found in ``data`` (UTF-8 JSON), as ``riskfmt.loading.Document.positions``
    gives them from the decoded text, a pointer to a missing member placed at its parent; None where this way does
    not apply (a text with ``\\u``: the caller decodes)."""
    if b"\\u" in data:
        return None
    from riskfmt._positions import LineIndex, locate

    text = data.decode("latin-1")
    spelled = {pointer: pointer.encode("utf-8", "surrogatepass").decode("latin-1") for pointer in pointers}
    found = locate(text, dict.fromkeys(spelled.values()))
    indices = {pointer: found[as_bytes] for pointer, as_bytes in spelled.items() if as_bytes in found}
    if len(indices) < len(spelled):
        # a pointer to a missing member (e.g. a required field) is shown at its parent object
        parents = {p: as_bytes.rsplit("/", 1)[0] if as_bytes else "" for p, as_bytes in spelled.items()
                   if p not in indices}
        at_parent = locate(text, set(parents.values()))
        indices.update((p, at_parent[parent]) for p, parent in parents.items() if parent in at_parent)
    return _places(data, LineIndex(text).position, indices)


def _places(data: bytes, position: Callable[[int], tuple[int, int]], indices: dict[str, int]
            ) -> dict[str, tuple[int, int]]:
    """Byte offsets to (line, column in characters), both 1-based: ``position`` gives the line and the byte column
    (``riskfmt._positions.LineIndex`` of the Latin-1 text), from which the continuation bytes before the offset on
    its line are taken off, counted once over the text in offset order."""
    out: dict[str, tuple[int, int]] = {}
    line_start, counted_to, continuing = -1, 0, 0  # continuation bytes from line_start to counted_to
    for pointer, index in sorted(indices.items(), key=lambda item: item[1]):
        line, column = position(index)
        start = index - column + 1
        if start != line_start:
            line_start, counted_to, continuing = start, start, 0
        piece = data[counted_to:index]
        continuing += len(piece) - len(piece.translate(None, _CONTINUATION))
        counted_to = index
        out[pointer] = (line, column - continuing)
    return {pointer: out[pointer] for pointer in indices}
