"""RFC 8785 (JSON Canonicalization Scheme) bytes at the speed of orjson, equal to the ``rfc8785`` package.

The ``rfc8785`` package is the reference riskfmt trusts, but it is pure Python: canonicalising the defining
content of a report with 262,000 evaluations took longer than parsing the whole 107 MB file. orjson with
sorted keys and compact separators already writes RFC 8785 for most JSON values: the same string escapes
(two-character forms for ``\\b \\t \\n \\f \\r " \\\\``, lower-case ``\\u00xx`` for the other controls,
everything else as UTF-8), the same integers, and the same shortest round-trip digits for floats. It differs
in three places, and each one is either detected on the output or handled before it:

- floats: orjson writes ``0.0``, ``-0.0``, ``1e+16``, ``1e-6`` where ECMAScript writes ``0``, ``0``,
  ``10000000000000000``, ``0.000001``. Every such token ends in ``.0`` or has an exponent, so one regular
  expression over the output finds them (and sometimes a string that only looks like one). Then every float
  is replaced, in one walk, by its ECMAScript spelling as an ``orjson.Fragment`` and the value is written again.
- key order: RFC 8785 sorts keys by UTF-16 code units, orjson by code points. The two orders differ only
  between a character above U+FFFF and one in U+E000-U+FFFF; when the output holds a character above U+FFFF
  at all, the ``rfc8785`` package writes the value.
- what RFC 8785 refuses (integers beyond +-(2**53 - 1), NaN, infinities, lone surrogates, non-string keys,
  types JSON does not have): orjson refuses the same or, for NaN and infinity, writes ``null``; a ``null``
  sends the value through the walk, which checks every float. Anything orjson refuses goes to ``rfc8785``, so
  the error raised is the package's own.

``tests/test_jcs.py`` proves the equality with hypothesis over arbitrary JSON values. One difference is
known and left: orjson writes ``uuid.UUID`` and ``enum.Enum`` members, which ``rfc8785`` refuses. Neither
comes out of a JSON parser.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import and_
from typing import Any

__all__ = ["dumps"]

# An exponent in a number (orjson writes 1e+16 and 1e-6 where ECMAScript writes 10000000000000000 and
# 0.000001): the pattern starts with a literal so that it runs at memchr speed; a match counts when a digit
# precedes it, which words such as "claude-3" never satisfy.
_EXPONENT = re.compile(rb"e[-+0-9]")
_DIGITS = frozenset(b"0123456789")
# integral floats (``5.0``; orjson writes them in fixed notation below 1e16): ECMAScript writes ``5``
_INTEGRAL = [(b".0" + end, end) for end in (b",", b"]", b"}")]
# and -0.0, now -0, as 0 (a minus sign outside a string only starts a number, so "-0," is that number whole)
_NEGATIVE_ZERO = [(b"-0" + end, b"0" + end) for end in (b",", b"]", b"}")]
# the lead byte of a character above U+FFFF in UTF-8: only such a character can make the key orders differ
_ASTRAL = re.compile(rb"[\xf0-\xf4]")


def dumps(value: Any) -> bytes:
    """The RFC 8785 UTF-8 bytes of ``value``, as ``rfc8785.dumps(value)`` returns them (and raising what it
    raises for values it refuses)."""
    import orjson

    try:
        out = orjson.dumps(value, option=_OPTIONS, default=_refuse)
        # the common case first, each test one pass over the bytes: no escape, no null, no exponent, not a
        # number at the top level; then only integral floats can differ, and they are rewritten on the bytes
        # (removing ".0" before a delimiter cannot make an exponent). Anything else: the careful way below.
        plain = (out[:1] not in b"-0123456789" and b"\\" not in out and b"null" not in out
                 and not _has_exponent(out))
        fixed = _integral_outside_strings(out) if plain else None
        if fixed is not None:
            out = fixed
        elif _suspect(out):
            out = _respelled(out, value)
    except (TypeError, ValueError, orjson.JSONEncodeError):
        return _reference(value)
    if not out.isascii() and _ASTRAL.search(out) is not None:
        return _reference(value)
    return out


def _suspect(out: bytes) -> bool:
    """Whether orjson may have written something RFC 8785 writes otherwise: an integral float, an exponent,
    ``null`` (orjson's spelling of NaN and infinity, and of None), a number at the top level. A string
    holding the same characters is a false alarm that costs a check."""
    return (out[:1] in b"-0123456789" or b"null" in out or any(a in out for a, _ in _INTEGRAL)
            or _has_exponent(out))


def _has_exponent(out: bytes) -> bool:
    return any(out[m.start() - 1] in _DIGITS for m in _EXPONENT.finditer(out, 1))


def _respelled(out: bytes, value: Any) -> bytes:
    """``out`` with its floats in ECMAScript's spelling.

    The common case, integral floats such as ``0.0``, is rewritten on the bytes, where ``.0`` ends a number:
    without a backslash in the output every ``"`` opens or closes a string, so a place is inside a string when
    an odd number of quotes precedes it. When a string holds such characters, or the output has escapes, the
    rewritten bytes are parsed back and compared with ``value`` (equal, as ``0 == 0.0``, unless a string was
    touched). What neither settles (an exponent, NaN written as null, a tuple) goes through the walk, which
    writes every float by ``_float``."""
    import orjson

    fixed = _integral_outside_strings(out) if b"\\" not in out and b"null" not in out else None
    if fixed is not None and not _has_exponent(fixed):
        return fixed
    fixed = out
    for old, new in _INTEGRAL:
        fixed = fixed.replace(old, new)
    for old, new in _NEGATIVE_ZERO:
        fixed = fixed.replace(old, new)
    if fixed[:1] not in b"-0123456789" and not _has_exponent(fixed) and orjson.loads(fixed) == value:
        return fixed
    return orjson.dumps(_spelled(value), option=_OPTIONS, default=_refuse)


_ENDS_INTEGRAL = re.compile(rb"\.0[,\]}]")
_INTEGRAL_END = re.compile(rb"\.0(?=[,\]}])")


def _integral_outside_strings(out: bytes) -> bytes | None:
    """``out`` (which has no backslash) with ``5.0`` as ``5`` and ``-0.0`` as ``0``; None when a string holds
    the same characters, or for a number at the top level.

    In C: split at every ``.0`` that ends a number, and the quotes of each piece must be even (then each place
    is outside every string; no full stop at all, nothing to split); then join. With ``-0.0`` in sight (a
    piece that ends with ``-0``), one step per place (``_integral_places``), which also rewrites negative
    zero."""
    if out[:1] in b"-0123456789":
        return None
    if b"." not in out:  # one memchr: every number orjson writes with ".0" has a full stop (1e16 has none)
        return out
    pieces = _INTEGRAL_END.split(out)
    if len(pieces) == 1:
        return out
    last = pieces.pop()
    if any(map(bytes.endswith, pieces, repeat(b"-0"))):
        return _integral_places(out)
    if any(map(and_, map(bytes.count, pieces, repeat(b'"')), repeat(1))):
        return None
    pieces.append(last)
    return b"".join(pieces)


def _integral_places(out: bytes) -> bytes | None:
    """``_integral_outside_strings`` one place at a time."""
    if out[:1] in b"-0123456789":
        return None
    pieces = []
    last = counted = quotes = 0
    for match in _ENDS_INTEGRAL.finditer(out):
        at = match.start()
        quotes += out.count(b'"', counted, at)
        counted = at
        if quotes & 1:
            return None
        if out[at - 2:at] == b"-0" and out[at - 3] in b":,[":
            pieces.append(out[last:at - 2])
            pieces.append(b"0")
        else:
            pieces.append(out[last:at])
        last = at + 2
    pieces.append(out[last:])
    return b"".join(pieces)


def _options() -> int:
    import orjson

    # strict integers: beyond 53 bits is an error in both; passthrough: subclasses, dates and dataclasses reach
    # ``default``, which refuses them, so the reference decides what they mean
    return (orjson.OPT_SORT_KEYS | orjson.OPT_STRICT_INTEGER | orjson.OPT_PASSTHROUGH_SUBCLASS
            | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS)


class _Unsupported(TypeError):
    pass


def _refuse(value: Any) -> Any:
    raise _Unsupported(type(value).__name__)


def _reference(value: Any) -> bytes:
    import rfc8785

    return rfc8785.dumps(value)


def _spelled(value: Any) -> Any:
    """``value`` with every float replaced by its ECMAScript spelling; refuses anything not exactly a JSON type."""
    kind = type(value)
    if kind is dict:
        return {k: _spelled(v) for k, v in value.items()}
    if kind is list:
        return [_spelled(v) for v in value]
    if kind is float:
        return _float(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    raise _Unsupported(kind.__name__)


def _float(number: float) -> Any:
    import orjson

    text = repr(number)
    if "e" not in text and "n" not in text:  # fixed notation (repr uses it from 1e-4 to 1e16): ECMAScript's too
        if text.endswith(".0"):
            text = text[:-2]
            if text == "-0":
                text = "0"
        return orjson.Fragment(text)
    from io import BytesIO

    from rfc8785._impl import _serialize_float  # the reference's own rule for exponents; raises for nan/inf

    sink = BytesIO()
    _serialize_float(number, sink)
    return orjson.Fragment(sink.getvalue())


_OPTIONS = _options()
