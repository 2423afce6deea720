"""Positions in bulk: one walk for many pointers gives exactly what a search for each pointer alone gives.

The documents are written here, token by token, with generated whitespace, escapes (any character may be written
as ``\\uXXXX``, characters beyond the BMP as surrogate pairs), duplicate keys and unicode, and the writer notes
where each value starts: that is the reference the walk is held to, independent of the code under test.
"""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt._positions import escape_token, locate
from riskfmt.loading import Document


class _Pairs(list[tuple[str, Any]]):
    """An object as written, keys in order and possibly repeated."""


_WS = st.text(alphabet=" \t\n\r", max_size=3)
# member names and strings: any character but lone surrogates, with the JSON pointer's own "/" and "~" frequent
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("/~01 \"\\\n"), max_size=6)
_SCALARS = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
            | st.floats(allow_nan=False, allow_infinity=False) | _TEXT)
# an object is a list of (key, value) pairs, so a key may repeat (the first occurrence is the one located)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.builds(_Pairs, st.lists(st.tuples(_TEXT, inner), max_size=5)),
    max_leaves=30,
)


def _string(text: str, escape: st.DataObject, escapes: bool = True) -> str:
    """``text`` as a JSON string; with ``escapes``, any character may be written as an escape, else only those
    JSON requires to be."""
    out = ['"']
    for char in text:
        how = escape.draw(st.integers(0, 3)) if escapes else 3
        if char in '"\\' or ord(char) < 0x20 or how == 0:
            if ord(char) > 0xFFFF:  # a surrogate pair
                code = ord(char) - 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04X}")
            else:
                out.append(f"\\u{ord(char):04x}" if how < 2 or char not in '"\\\n' else json.dumps(char)[1:-1])
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _write(value: object, pointer: str, out: list[str], where: dict[str, int], draw: st.DataObject,
           escapes: bool = True) -> None:
    """Append ``value`` to ``out``; note the character index where each pointer's value starts (first one)."""
    where.setdefault(pointer, sum(map(len, out)))
    if isinstance(value, _Pairs):
        out.append("{")
        for n, (key, item) in enumerate(value):
            out.append(("," if n else "") + draw.draw(_WS) + _string(key, draw, escapes) + draw.draw(_WS) + ":"
                       + draw.draw(_WS))
            _write(item, f"{pointer}/{escape_token(key)}", out, where, draw, escapes)
            out.append(draw.draw(_WS))
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for n, item in enumerate(value):
            out.append(("," if n else "") + draw.draw(_WS))
            _write(item, f"{pointer}/{n}", out, where, draw, escapes)
            out.append(draw.draw(_WS))
        out.append("]")
    elif isinstance(value, str):
        out.append(_string(value, draw, escapes))
    else:
        out.append(json.dumps(value))


def _document(value: object, draw: st.DataObject, escapes: bool = True) -> tuple[str, dict[str, int]]:
    out: list[str] = [draw.draw(_WS)]
    where: dict[str, int] = {}
    _write(value, "", out, where, draw, escapes)
    out.append(draw.draw(_WS))
    return "".join(out), where


# pointers no value has: past the end, non-canonical indices, bad escapes, a member of a scalar
_ABSENT = st.sampled_from(["/999", "/01", "/-", "/~2", "/a~", "/0/0/0/0/0/0/0", "/ ", "x"])


@given(_VALUES, st.data())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_bulk_positions_are_the_one_at_a_time_positions(value: object, data: st.DataObject) -> None:
    text, where = _document(value, data)
    json.loads(text)  # the writer writes JSON
    existing = sorted(where)
    chosen = data.draw(st.lists(st.sampled_from(existing), unique=True)) if existing else []
    wanted = chosen + data.draw(st.lists(_ABSENT, max_size=3))
    bulk = locate(text, wanted)
    # exactly the noted start of each existing pointer, nothing for the others
    assert bulk == {p: where[p] for p in wanted if p in where}
    for pointer in wanted:  # and what a walk for that pointer alone finds
        assert locate(text, [pointer]) == ({pointer: bulk[pointer]} if pointer in bulk else {})


@given(_VALUES, st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_document_positions_in_bulk_equal_one_at_a_time(value: object, data: st.DataObject) -> None:
    """Line and column, with a missing member shown at its parent, for many pointers at once or one by one."""
    text, where = _document(value, data)
    # pointers to members that are not there (shown at the parent) as well as to values that are
    wanted = sorted(where) + [f"{p}/missing" for p in sorted(where)][:5] + data.draw(st.lists(_ABSENT, max_size=2))
    document = Document(source="x.json", parsed=True, text=text)
    bulk = document.positions(wanted)
    for pointer in wanted:
        alone = Document(source="x.json", parsed=True, text=text).positions([pointer])
        assert alone == ({pointer: bulk[pointer]} if pointer in bulk else {})
    for pointer in where:  # and the line and column are those of the noted index
        line = text.count("\n", 0, where[pointer]) + 1
        column = where[pointer] - (text.rfind("\n", 0, where[pointer]) + 1) + 1
        assert bulk[pointer] == (line, column)


def test_many_pointers_into_one_long_array() -> None:
    """The flood's shape: one wanted member in each of thousands of array items, and a cap's first few only."""
    items = [{"subject": "weights_file", "digest": "sha256:" + "0" * 64}] * 5000
    text = json.dumps({"model": {"digests": items}, "after": [1, 2]}, indent=1)
    pointers = [f"/model/digests/{i}/digest" for i in range(5000)] + ["/after/1"]
    bulk = locate(text, pointers)
    assert len(bulk) == 5001
    for pointer in [*pointers[::97], "/after/1"]:
        assert locate(text, [pointer]) == {pointer: bulk[pointer]}
        assert json.JSONDecoder().raw_decode(text, bulk[pointer])[0] in ("sha256:" + "0" * 64, 2)
    assert locate(text, pointers[:10]) == {p: bulk[p] for p in pointers[:10]}


def test_a_repeated_key_is_located_at_its_first_occurrence() -> None:
    text = '{"a": {"b": 1}, "a": {"b": 2}, "c": [0, {"d": 3}]}'
    assert locate(text, ["/a", "/a/b", "/c/1/d"]) == {"/a": 6, "/a/b": 12, "/c/1/d": 46}
    assert locate(text, ["/a/b"]) == {"/a/b": 12}


# ---- runs: ARRAY/N/KEY for many N, found by one pass over the array's items ------------------------------------

# member names that JSON writes without escapes (the runs' fast match) and some it cannot (quotes, backslashes)
_KEYS = st.sampled_from(["digest", "subject", "", "a b", "ü评测", "x:y", "{", "[", "}", "0", "k\"q", "b\\s", "~0"])
_ITEM_VALUES = st.recursive(_SCALARS | _KEYS, lambda inner: st.lists(inner, max_size=3)
                            | st.builds(_Pairs, st.lists(st.tuples(_KEYS, inner), max_size=3)), max_leaves=6)
_ITEMS = st.lists(st.builds(_Pairs, st.lists(st.tuples(_KEYS, _ITEM_VALUES), max_size=4)) | _ITEM_VALUES,
                  max_size=12)


@given(_ITEMS, st.data())
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_runs_of_item_members_are_found_as_one_at_a_time(items: list[object], data: st.DataObject) -> None:
    """Pointers ARRAY/N/KEY, one KEY for many items (flat objects, nested ones, escaped names, repeated names,
    items that are not objects, indices past the end), with the run's pass forced on for every size: what each
    pointer alone finds, and nothing where there is nothing. Arrays may repeat (a repeated member name), so the
    array's first occurrence may lack an item the walk then finds in a later one."""
    import riskfmt._positions as positions

    value = _Pairs([("a", items), ("b", _Pairs([("c", items[::-1])])), ("a", [*items, _Pairs([("digest", 1)])])])
    text, where = _document(value, data, escapes=data.draw(st.booleans()))  # most often none: the fast match
    json.loads(text)
    keys = data.draw(st.lists(_KEYS, min_size=1, max_size=3, unique=True))
    arrays = data.draw(st.lists(st.sampled_from(["/a", "/b/c", "/x"]), min_size=1, max_size=3, unique=True))
    chosen = data.draw(st.sets(st.integers(0, len(items) + 1)))  # the other items are skipped
    wanted = [f"{array}/{n}/{escape_token(key)}" for array in arrays for key in keys for n in sorted(chosen)]
    wanted += [*data.draw(st.lists(st.sampled_from(sorted(where)), max_size=4)), "/a", "/a/01/digest"]
    old = positions.RUN_MIN
    try:
        positions.RUN_MIN = 1
        bulk = locate(text, wanted)
    finally:
        positions.RUN_MIN = old
    assert bulk == {p: where[p] for p in wanted if p in where}
    for pointer in wanted:
        assert locate(text, [pointer]) == ({pointer: bulk[pointer]} if pointer in bulk else {})


@given(_ITEMS, st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_an_object_skipped_with_string_methods_ends_where_the_decoder_ends_it(items: list[object],
                                                                              data: st.DataObject) -> None:
    """``_skip_object`` and ``_flat_member`` (an object with no object inside it and no escape):
    where they answer, the end of the object is the C decoder's and the member's value starts where the
    writer put it; they may decline (-1, None), never be wrong."""
    from riskfmt._positions import _flat_member, _skip_object

    text, where = _document(items, data, escapes=data.draw(st.booleans()))
    for n in range(len(items)):
        start = where[f"/{n}"]
        if text[start] != "{":
            continue
        end = json.JSONDecoder().raw_decode(text, start)[1]
        skipped = _skip_object(text, start)
        assert skipped in (-1, end)
        for key in ("digest", "subject", "", "a b", "ü评测"):
            spans = _flat_member(text, start, json.dumps(key, ensure_ascii=False))
            pointer = f"/{n}/{escape_token(key)}"
            assert spans is None or spans == (where[pointer], end)


def test_a_run_item_walked_without_finding_its_member_is_looked_for_in_later_occurrences() -> None:
    """Found by the property test above: an item of the array's first occurrence that is walked (not flat) and
    lacks the member counted as found, so the walk never looked at the repeated array that has it."""
    import riskfmt._positions as positions

    text = '{"a": [null, {"k": [1]}], "a": [[0, 1], {"k": 2}]}'
    old = positions.RUN_MIN
    try:
        positions.RUN_MIN = 1
        bulk = locate(text, ["/a/0/1", "/a/1/k"])
    finally:
        positions.RUN_MIN = old
    assert bulk == {"/a/0/1": text.index("1], {"), "/a/1/k": text.index("[1]")}
    assert bulk == locate(text, ["/a/0/1", "/a/1/k"])


# ---- copies: items that repeat the text of the item before them (a flood is most often one value copied) ---------

_FLAT_ITEMS = st.lists(st.tuples(st.sampled_from(["digest", "subject", "d", "digest "]),
                                 st.sampled_from(["sha256:0", "", "x}y", "a\\\"b", 1, None, [1, {"digest": 2}]])),
                       max_size=3)


@given(st.lists(st.tuples(_FLAT_ITEMS, st.sampled_from([", ", ",", ",\n  ", " , "]), st.integers(1, 40)),
                min_size=1, max_size=6),
       st.sampled_from(["", " ", "\n"]), st.integers(1, 300), st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_items_repeating_the_one_before_are_found_as_by_the_walk(groups: list[tuple[list[tuple[str, object]], str,
                                                                                    int]],
                                                                 pad: str, block: int, data: st.DataObject) -> None:
    """An array of objects, each repeated many times with one separator (some nested, escaped, without the
    member, with the member's name as a value), then wanted ``/a/N/digest`` for some N: the run's pass, which
    counts the copies of an item by comparing blocks of text (``_BLOCK`` as small as one character here), finds
    exactly what the general walk finds."""
    import riskfmt._positions as positions

    items: list[str] = []
    separators: list[str] = []
    for members, separator, times in groups:
        text = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in members) + "}"
        items += [text] * times
        separators += [separator] * times
    body = "".join(item + separator for item, separator in zip(items[:-1], separators, strict=False)) + items[-1]
    text = '{"a": [' + pad + body + pad + '], "b": 1}'
    json.loads(text)
    chosen = data.draw(st.sets(st.integers(0, len(items) + 1)) | st.just(set(range(len(items)))))
    wanted = [f"/a/{n}/digest" for n in sorted(chosen)]
    old = positions.RUN_MIN, positions._BLOCK
    try:
        positions.RUN_MIN, positions._BLOCK = 1, block
        bulk = locate(text, wanted)
    finally:
        positions.RUN_MIN, positions._BLOCK = old
    assert bulk == positions._locate(text, set(wanted))


def _runs_one_at_a_time(wanted: list[str], least: int) -> tuple[dict[tuple[str, str], dict[int, str]], list[str]]:
    """The runs as their docstring defines them, each pointer split on its own."""
    import re

    runs: dict[tuple[str, str], dict[int, str]] = {}
    rest = []
    for pointer in wanted:
        head, _, token = pointer.rpartition("/")
        array, _, index = head.rpartition("/")
        if re.fullmatch(r"0|[1-9][0-9]*", index, re.ASCII) and "~" not in token:
            runs.setdefault((array, token), {})[int(index)] = pointer
        else:
            rest.append(pointer)
    for where, run in list(runs.items()):
        if len(run) < least or re.fullmatch(r'[^"\\\x00-\x1f]*', where[1]) is None:
            rest.extend(run.values())
            del runs[where]
    return runs, rest


_SEGMENTS = st.sampled_from(["a", "digests", "digest", "0", "1", "01", "12", "", "~0", "~1x", "٣", "a b", "\"", "/"])


@given(st.lists(st.lists(_SEGMENTS, max_size=4).map(lambda tokens: "".join("/" + t for t in tokens)), max_size=60),
       st.integers(1, 4))
@settings(max_examples=500, deadline=None)
def test_runs_are_those_of_each_pointer_split_on_its_own(pointers: list[str], least: int) -> None:
    """``_runs`` reads a pointer that follows one of its run without splitting it: the same runs (and the same
    order within them) and the same other pointers as splitting each one."""
    import riskfmt._positions as positions

    wanted = list(dict.fromkeys(pointers))
    old = positions.RUN_MIN
    try:
        positions.RUN_MIN = least
        runs, rest = positions._runs(dict.fromkeys(wanted))
    finally:
        positions.RUN_MIN = old
    expected_runs, expected_rest = _runs_one_at_a_time(wanted, least)
    assert [(k, list(v.items())) for k, v in runs.items()] == [(k, list(v.items())) for k, v in expected_runs.items()]
    assert rest == expected_rest


# ---- a run as lists: a flood's pointers in order, placed without a dict by pointer ------------------------------

def _run_one_at_a_time(pointers: list[str], least: int) -> tuple[str, str, list[int]] | None:
    """What ``run_of`` answers, each pointer split on its own: one (ARRAY, KEY) for all, canonical indices in
    increasing order, a key written without escapes, at least ``least`` pointers."""
    import re

    split = []
    for pointer in pointers:
        head, slash, token = pointer.rpartition("/")
        array, slash2, index = head.rpartition("/")
        if not (slash and slash2 and re.fullmatch(r"0|[1-9][0-9]*", index, re.ASCII)) or "~" in token \
                or re.fullmatch(r'[^"\\\x00-\x1f]*', token) is None:
            return None
        split.append((array, token, int(index)))
    if len(split) < least or len({(a, t) for a, t, _ in split}) != 1:
        return None
    numbers = [n for _, _, n in split]
    if any(b <= a for a, b in pairwise(numbers)):
        return None
    return split[0][0], split[0][1], numbers


_RUN_POINTERS = st.one_of(
    st.lists(st.lists(_SEGMENTS, min_size=1, max_size=4).map(lambda tokens: "".join("/" + t for t in tokens)),
             max_size=12),
    # consecutive or increasing items of one array, sometimes with one pointer changed
    st.builds(lambda array, key, first, steps: [f"{array}/{n}/{key}" for n in
                                                 [first + sum(steps[:k]) for k in range(len(steps) + 1)]],
              st.sampled_from(["/model/digests", "", "/a/0/b", "/a\nb", "/~1"]),
              st.sampled_from(["digest", "", "a b", "~0", "x\ny", "\"", "1"]), st.integers(0, 12),
              st.lists(st.sampled_from([1, 1, 1, 2, 0]), max_size=15)),
).flatmap(lambda pointers: st.tuples(st.just(pointers), st.one_of(
    st.just(pointers),
    st.builds(lambda k, odd: [*pointers[:k], odd, *pointers[k + 1:]], st.integers(0, max(len(pointers) - 1, 0)),
              _SEGMENTS.map(lambda t: "/a/" + t + "/b")))))


@given(_RUN_POINTERS, st.integers(1, 4))
@settings(max_examples=600, deadline=None)
def test_a_run_is_told_as_each_pointer_split_on_its_own(drawn: tuple[list[str], list[str]], least: int) -> None:
    """``run_of`` (the pointers joined and compared in C, else parsed with C loops) answers what splitting each
    pointer answers: the same array, key and indices, or None."""
    import riskfmt._positions as positions

    pointers = drawn[1]
    old = positions.RUN_MIN
    try:
        positions.RUN_MIN = least
        run = positions.run_of(pointers)
    finally:
        positions.RUN_MIN = old
    expected = _run_one_at_a_time(pointers, least)
    assert (None if run is None else (run[0], run[1], list(run[2]))) == expected


@given(st.lists(st.tuples(_FLAT_ITEMS, st.sampled_from([", ", ",", ",\n  ", " , "]), st.integers(1, 40)),
                min_size=1, max_size=6),
       st.sampled_from(["", " ", "\n"]), st.integers(1, 300), st.booleans(), st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_run_placed_as_lists_is_placed_as_each_pointer_alone(groups: list[tuple[list[tuple[str, object]], str,
                                                                                    int]],
                                                               pad: str, block: int, twice: bool,
                                                               data: st.DataObject) -> None:
    """``locate_run`` and ``Document.run_positions`` (the places of ``/a/N/digest`` in a list, copies counted,
    consecutive ones as a range): for each pointer, what ``locate`` and ``Document.positions`` give for it alone
    (a member that is not there at its parent; the array written twice, the first one shorter)."""
    import riskfmt._positions as positions

    items: list[str] = []
    separators: list[str] = []
    for members, separator, times in groups:
        items += ["{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in members) + "}"] * times
        separators += [separator] * times
    body = "".join(item + separator for item, separator in zip(items[:-1], separators, strict=False)) + items[-1]
    first = '"a": [' + pad + ", ".join(items[: len(items) // 2]) + '], ' if twice else ""
    text = "{" + first + '"a": [' + pad + body + pad + '], "b": 1}'
    json.loads(text)
    numbers = sorted(data.draw(st.sets(st.integers(0, len(items) + 1), min_size=1)
                               | st.just(set(range(len(items))))))
    pointers = [f"/a/{n}/digest" for n in numbers]
    old = positions._BLOCK
    try:
        positions._BLOCK = block
        places = positions.locate_run(text, "/a", "digest", numbers)
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            assert positions.locate_run(text, "/a", "digest", range(numbers[0], numbers[-1] + 1)) == places
        old_min, positions.RUN_MIN = positions.RUN_MIN, 1
        try:
            lines_columns = Document(source="x.json", parsed=True, text=text).run_positions(pointers)
        finally:
            positions.RUN_MIN = old_min
    finally:
        positions._BLOCK = old
    assert places == [locate(text, [pointer]).get(pointer) for pointer in pointers]
    assert lines_columns is not None
    alone = [Document(source="x.json", parsed=True, text=text).positions([p]).get(p) for p in pointers]
    assert list(zip(*lines_columns, strict=True)) == [(None, None) if at is None else at for at in alone]


@given(st.lists(st.sampled_from(["", "\n", "\r\n", "\n\n"]), min_size=1, max_size=30), st.data())
@settings(max_examples=200, deadline=None)
def test_lines_and_columns_of_many_indices_are_each_ones_position(breaks: list[str], data: st.DataObject) -> None:
    from riskfmt._positions import LineIndex

    text = "".join(f"[{n}]{b}" for n, b in enumerate(breaks))
    indices = data.draw(st.lists(st.none() | st.integers(0, len(text) - 1), max_size=20))
    lines, columns = LineIndex(text).lines_columns(indices)
    expected = [None if i is None else LineIndex(text).position(i) for i in indices]
    assert list(zip(lines, columns, strict=True)) == [(None, None) if at is None else at for at in expected]


# ---- long arrays: the items' places read by msgspec (ASCII text), not by the C scanner making every item -------

_ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=127) | st.sampled_from("/~01 \"\\\n"), max_size=6)
_ASCII_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | _ASCII_TEXT,
    lambda inner: st.lists(inner, max_size=6) | st.builds(_Pairs, st.lists(st.tuples(_ASCII_TEXT, inner),
                                                                            max_size=5)),
    max_leaves=40,
)


@given(_ASCII_VALUES | _VALUES, st.booleans(), st.data())
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arrays_read_by_msgspec_are_walked_as_item_by_item(value: object, escapes: bool, data: st.DataObject) -> None:
    """Every array walked through its items' places from msgspec (``SPARSE_MIN`` below any length: arrays
    in arrays, repeated keys with other values, any spaces, escapes, non-ASCII text where it is not used):
    the place of each pointer, as one at a time, and nothing where there is nothing."""
    import riskfmt._positions as positions
    import riskfmt._text_scan as text_scan

    text, where = _document(value, data, escapes=escapes)
    json.loads(text)
    existing = sorted(where)
    chosen = data.draw(st.lists(st.sampled_from(existing), unique=True)) if existing else []
    wanted = chosen + data.draw(st.lists(_ABSENT, max_size=3))
    old = positions.SPARSE_MIN, text_scan.JOINED
    try:
        positions.SPARSE_MIN, text_scan.JOINED = -1, data.draw(st.integers(1, 4))  # items compared a few at a time
        bulk = locate(text, wanted)
    finally:
        positions.SPARSE_MIN, text_scan.JOINED = old
    assert bulk == {p: where[p] for p in wanted if p in where}


def test_a_long_array_of_evaluations_is_read_by_msgspec() -> None:
    """The invalid results-heavy shape, small: every 7th of 3,000 items wanted, written with ", " and with an
    indent (one separator: places summed; another: read one by one), and a repeated key whose last value differs
    (msgspec's value is not the text the walk is at: the walk as before)."""
    import riskfmt._positions as positions

    items = [{"id": f"e-{n}", "results": [{"value": n / 7, "metric": {"min": 0}}]} for n in range(3000)]
    wanted = [f"/evaluations/{n}/results/0/value" for n in range(0, 3000, 7)] + ["/evaluations/2999/id", "/after"]
    texts = (json.dumps({"evaluations": items, "after": 1}), json.dumps({"evaluations": items, "after": 1}, indent=1),
             json.dumps({"evaluations": items})[:-1] + ', "evaluations": [], "after": 1}')
    real = positions.item_starts
    for text in texts:
        calls: list[object] = []

        def spy(*args: object, calls: list[object] = calls) -> object:
            calls.append(real(*args))  # type: ignore[arg-type]
            return calls[-1]

        positions.item_starts = spy  # type: ignore[assignment]
        try:
            bulk = locate(text, wanted)
        finally:
            positions.item_starts = real
        old = positions.SPARSE_MIN
        try:
            positions.SPARSE_MIN = 10**9
            assert bulk == locate(text, wanted)
        finally:
            positions.SPARSE_MIN = old
        assert len(bulk) == len(wanted)
        assert calls and (calls[0] is None) == ("[]" in text)


@given(_ASCII_VALUES | _VALUES, st.booleans(), st.booleans(), st.data())
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_pointers_found_in_the_head_of_the_text_are_found_as_in_the_whole(value: object, escapes: bool,
                                                                          sparse: bool, data: st.DataObject) -> None:
    """``locate_in_head`` (the text's first bytes decoded, cut anywhere, even inside a character or a value):
    an answer only when every pointer is found, and then the whole text's places; ``Document.positions`` gives
    the same lines and columns whether it is given the bytes (the head tried first) or the text."""
    import riskfmt._positions as positions

    text, where = _document(value, data, escapes=escapes)
    raw = text.encode("utf-8")
    existing = sorted(where)
    wanted = dict.fromkeys(data.draw(st.lists(st.sampled_from(existing), unique=True)) if existing else [])
    if data.draw(st.booleans()):
        wanted.update(dict.fromkeys(data.draw(st.lists(_ABSENT, max_size=2))))
    cut = data.draw(st.integers(0, max(len(raw) // 2 - 1, 0)))
    old = positions.HEAD, positions.SPARSE_MIN
    try:
        positions.HEAD, positions.SPARSE_MIN = cut, (-1 if sparse else old[1])
        head = positions.locate_in_head(raw, wanted) if len(raw) > 1 else None
        by_bytes = Document(source="x.json", parsed=True, _raw=raw).positions(wanted)
    finally:
        positions.HEAD, positions.SPARSE_MIN = old
    if head is not None:
        assert head[0] == {p: where[p] for p in wanted}
        assert text.startswith(head[1])
    assert by_bytes == Document(source="x.json", parsed=True, text=text).positions(wanted)


def test_a_string_that_is_no_pointer_is_found_nowhere() -> None:
    # found by the test above in CI: "x" (no leading "/") was taken for the top-level member "x"
    text = '{"":{"":null},"x":null,"y":[1,{"x":2}]}'
    assert locate(text, ["x"]) == {}
    assert locate(text, ["x", "/x", "y/1/x"]) == {"/x": text.index('null,"y"')}
