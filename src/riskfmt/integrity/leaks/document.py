"""The whole-document scan (``scan``): the raw pass over the document's bytes finds candidates, each is
located in the tree and judged by its place; ``extensions`` and ``settings.other`` are walked exactly, inline
samples checked column by column, YAML comments read as metadata, withheld content looked for, and the totals
judged at the end.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from itertools import compress, repeat
from operator import methodcaller
from typing import Any, NamedTuple

from riskfmt._ahead import MISSING, take
from riskfmt.findings import Finding
from riskfmt.integrity.leaks.candidates import SCREEN_MIN, candidates
from riskfmt.integrity.leaks.collect import Collector, Totals
from riskfmt.integrity.leaks.detectors import named_secret, split_credential
from riskfmt.integrity.leaks.patterns import NUMBER, NUMERIC_MIN, Pattern
from riskfmt.integrity.leaks.samples import check_samples
from riskfmt.integrity.leaks.text import check_size, check_text
from riskfmt.integrity.leaks.tree import locate, resolve, seq
from riskfmt.integrity.leaks.withheld import copied_content, declared_content, declared_withheld

# --------------------------------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------------------------------


_DIGEST_NAME = Pattern(r"/model/digests/\d+/name")
_IDENTIFIER = Pattern(r"(?:^/report_id|/id|/sample_id|/sample_ids/\d+)$")
_CONTENT = Pattern(r"^/evaluations/\d+/samples/inline/\d+/(?:input|output|target)$")
_OTHER_KEY = Pattern(rb'other"')


def _numbers(node: list[Any], limit: int) -> int:
    """How many numbers a numeric (nested) array holds, counting stops at ``limit``; 0 as soon as it holds
    anything but numbers and arrays."""
    count, stack = 0, [node]
    while stack:
        for item in stack.pop():
            kind = type(item)
            if kind is int or kind is float:
                count += 1
                if count >= limit:
                    return count
            elif kind is list:
                stack.append(item)
            else:
                return 0
    return count


def _judge(data: Any, places: dict[str, str], out: Collector, totals: Totals) -> None:
    """Judge each located candidate by what and where it is."""
    arrays: set[str] = set()
    for pointer, what in places.items():
        if pointer.startswith("/extensions/") or pointer == "/extensions":
            continue  # walked exactly, keys and numbers included (``_walk_free``)
        parent, value, token = resolve(data, pointer)
        if type(value) in (int, float) and type(parent) is list:  # a number found inside its array
            pointer, value = pointer.rsplit("/", 1)[0], parent
        if type(value) is list:
            if pointer in arrays:
                continue
            arrays.add(pointer)
        if what == "key":
            check_text(token, pointer, out, totals)
        elif type(value) is str:
            if _CONTENT.match(pointer):
                check_size(value, pointer, out, content=True)
            else:
                check_text(value, pointer, out, totals, weights=not _DIGEST_NAME.fullmatch(pointer),
                           identifier=bool(_IDENTIFIER.search(pointer)))
        elif type(value) is list and pointer in arrays:
            count = _numbers(value, 1 << 62)
            if count >= NUMERIC_MIN:
                out.add("RF701", pointer, count=count)
            totals.count(count, pointer)


def _walk_free(node: Any, pointer: str, out: Collector, totals: Totals) -> None:
    """Exact checks of a free-form subtree (``extensions``): every string and key, every number, numbers
    written as strings, secrets named as such, and tokens split over the values of one object."""
    stack: list[tuple[Any, str]] = [(node, pointer)]
    while stack:
        value, here = stack.pop()
        kind = type(value)
        if kind is str:
            check_text(value, here, out, totals)
            if NUMBER.fullmatch(value.strip()) and "." in value:
                totals.count(1, here)
        elif kind is int or kind is float:
            totals.count(1, here)
        elif kind is dict:
            strings = []
            for key, child in value.items():
                key = str(key)
                child_ptr = f"{here}/{key.replace('~', '~0').replace('/', '~1')}"
                check_text(key, child_ptr, out, totals)
                if type(child) is str:
                    strings.append(child)
                    named_secret(key, child, child_ptr, out)
                stack.append((child, child_ptr))
            split_credential(strings, here, out)
        elif kind is list:
            if value and type(value[0]) in (int, float, list):
                count = _numbers(value, 1 << 62)
                if count >= NUMERIC_MIN:
                    out.add("RF701", here, count=count)
                if count:
                    totals.count(count, here)
                    continue
            stack.extend((child, f"{here}/{index}") for index, child in enumerate(value))


def _settings(data: dict[str, Any], out: Collector, totals: Totals) -> None:
    """``settings.other`` maps: free names and values. Numbers count once per distinct (name, value), since
    a results-heavy report repeats one configuration thousands of times; secrets and split tokens."""
    distinct: set[tuple[str, Any]] = set()
    first: dict[tuple[str, Any], str] = {}
    texts: set[str] = set()
    for e_index, evaluation in enumerate(seq(data.get("evaluations"))):
        settings = evaluation.get("settings") if type(evaluation) is dict else None
        other = settings.get("other") if type(settings) is dict else None
        if type(other) is not dict:
            continue
        here = f"/evaluations/{e_index}/settings/other"
        strings = []
        for key, value in other.items():
            kind = type(value)
            if kind is int or kind is float:
                pair = (str(key), value)
                if pair not in distinct:
                    distinct.add(pair)
                    first[pair] = here
            elif kind is str:
                strings.append(value)
                pointer = f"{here}/{str(key).replace('~', '~0').replace('/', '~1')}"
                named_secret(str(key), value, pointer, out)
                if value not in texts:  # each distinct value once: configurations repeat across evaluations
                    texts.add(value)
                    check_text(value, pointer, out, totals)
        split_credential(strings, here, out)
    places: dict[str, int] = {}
    for where in first.values():
        places[where] = places.get(where, 0) + 1
    for where, count in places.items():
        totals.count(count, where)


def _has_other(data: dict[str, Any]) -> bool:
    evaluations = data.get("evaluations")
    if type(evaluations) is not list:
        return False
    try:  # C-level iteration over 262,000 evaluations; a Python loop only when the shape is unusual
        if not any(map(dict.__contains__, evaluations, repeat("settings"))):
            return False
        # evaluations without settings give None (and an empty map cannot hold "other"): filtered out at C
        # speed, so only a settings value of another type falls to the loop below
        settings = filter(None, map(methodcaller("get", "settings"), evaluations))
        return any(map(dict.__contains__, settings, repeat("other")))
    except (TypeError, AttributeError):
        return any(type(e) is dict and type(e.get("settings")) is dict and "other" in e["settings"]
                   for e in evaluations)


def _yaml_comments(text: str, out: Collector, totals: Totals, serialised: bytes) -> None:
    """YAML comments travel with the file but are not in the document: scan their text as metadata, unless it
    is also data (a '#' inside a quoted value), which the rest of the scan judges by its place."""
    for number, line in enumerate(text.splitlines(), start=1):
        at = line.find("#")
        while at != -1 and at > 0 and not line[at - 1].isspace():
            at = line.find("#", at + 1)
        if at == -1:
            continue
        comment = line[at + 1:].strip()
        if len(comment) < 8:
            continue
        probe = comment[:64].encode("utf-8", "replace")
        if probe in serialised:
            continue
        found = Collector(out.source)
        check_text(comment, "", found, totals)  # pieces count towards the totals at the document's root
        for finding in found.findings:
            out.add(finding.code, "", line=number, column=at + 1, **finding.params)


# --------------------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------------------


def _dumps(data: Any) -> bytes:
    try:
        import orjson

        return orjson.dumps(data)
    except (ImportError, TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError; ints past 64 bits
        import json

        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8", "surrogatepass")


def _sampled(evaluations: list[Any]) -> Iterable[int]:
    """The indices of the evaluations that may hold samples: every object (or dict subclass) with the key
    ``samples``, found by C iterators (all but one of 131,000 in a mixed report have none); every index when an
    evaluation is no object."""
    try:
        return list(compress(itertools.count(), map(dict.__contains__, evaluations, repeat("samples"))))
    except TypeError:
        return range(len(evaluations))


def _with_rows(evaluations: list[Any], sampled: Iterable[int] | None = None) -> list[int]:
    """The indices of the evaluations with inline samples (an object ``samples`` whose ``inline`` is not empty),
    looked for among ``sampled`` (``_sampled``: 55 to 37 ms on a mixed report)."""
    maybe = _sampled(evaluations) if sampled is None else sampled
    return [i for i in maybe if type(e := evaluations[i]) is dict and type(e.get("samples")) is dict
            and e["samples"].get("inline")]


def _literal(raw: bytes) -> bool:
    """Whether JSON text has no escape that would hide characters from byte patterns (``\\u``, ``\\/``)."""
    return raw.find(b"\\") == -1 or not re.search(rb"\\[u/]", raw)


class _Text(NamedTuple):
    """What the raw pass reads (``_metadata_bytes``)."""

    text: bytes  # the JSON text
    tree: Any  # the tree it stands for
    other: bool | None  # whether the text holds the key "other", when that was found on the way
    sampled: Iterable[int]  # the evaluations that may hold samples (``_sampled``), or more


def _metadata_bytes(data: dict[str, Any], raw: bytes | None) -> _Text:
    """The JSON text the raw pass reads and the tree it stands for: the raw input when it can be read as is
    (no escapes that would hide characters from byte patterns), else one serialisation. Inline samples are
    taken out (they are checked column by column), keeping every other pointer as it is."""
    listed = data.get("evaluations")
    evaluations: list[Any] = listed if type(listed) is list else []
    held: set[str] = set()
    if raw is not None and len(raw) >= SCREEN_MIN:
        from riskfmt.integrity.leaks.screen import holding

        held = holding(raw, ('"samples"', 'other"'), stop='"samples"')  # with samples, "other" is looked for later
    sampled: Iterable[int]
    if raw is not None and len(raw) >= SCREEN_MIN and '"samples"' not in held and _literal(raw):
        # raw JSON without \u escapes spells every key as it is: without the text "samples" (quoted) no evaluation
        # has samples, found by one search of the bytes instead of a look into each of 262,000 cold objects
        sampled, other, literal = [], 'other"' in held, True
    else:  # the search stopped at "samples" (or did not run): whether "other" is in the text is not known
        sampled, other, literal = _sampled(evaluations), None, False
    with_rows = _with_rows(evaluations, sampled)
    if not with_rows:
        if raw is not None and (literal or _literal(raw)):
            return _Text(raw, data, other, sampled)
        return _Text(_dumps(data), data, None, sampled)
    copy = dict(data)
    copy["evaluations"] = list(evaluations)
    for index in with_rows:
        evaluation = dict(evaluations[index])
        evaluation["samples"] = {**evaluation["samples"], "inline": []}
        copy["evaluations"][index] = evaluation
    return _Text(_dumps(copy), copy, None, sampled)


def raw_pass(raw: bytes) -> list[int] | None:
    """``candidates(raw)`` where ``scan`` reads the JSON text ``raw`` as is (no escape that hides characters, no
    inline samples, which are taken out of a serialisation first); None where it will read a serialisation: what a
    second process works out ahead (``riskfmt.kinds.DocumentCheck.raw``, ``riskfmt._sidecar``), never in vain."""
    if (b'"samples"' in raw and b'"inline"' in raw) or not _literal(raw):
        return None
    return candidates(raw)


def scan(data: object, source: str, raw: bytes | str | None = None, *, syntax: str = "json",
         check_markings: bool = True) -> list[Finding]:
    """Every leak in a parsed document (evaluation or incident report), as findings.

    ``raw`` is the text the document was parsed from, when the caller has it: JSON is then read as is
    instead of serialised again, and the comments of YAML are scanned (they are not in the parsed data).

    Also checks the document's markings (``markings.check_markings``): the validator's one hook into this
    package runs both.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 judges the document as a whole; ``raw`` and ``syntax``.
    """
    if not isinstance(data, dict):
        return []
    out = Collector(source)
    totals = Totals()
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    declared = declared_withheld(data, out)
    text, tree, other, sampled = _metadata_bytes(data, raw if syntax == "json" else None)
    offsets = take("leaks", text)  # the raw pass, when another process ran it on these very bytes
    if offsets is MISSING:
        offsets = candidates(text)
    if offsets:
        places = locate(text.decode("latin-1"), tree, offsets)
        _judge(tree, places, out, totals)
    if data.get("extensions"):
        _walk_free(data["extensions"], "/extensions", out, totals)
    # ``text`` spells every key of the tree literally (raw JSON is used as is only without \u escapes), so a
    # document whose text lacks the key "other" has no settings.other: one search instead of a walk (for the
    # key's end, which starts with a rarer byte than a quote: the engine skips ahead faster than bytes.find)
    if other is None and len(text) >= SCREEN_MIN:
        from riskfmt.integrity.leaks.screen import holding

        other = bool(holding(text, ('other"',)))
    elif other is None:
        other = _OTHER_KEY.search(text) is not None
    if other and _has_other(data):
        _settings(data, out, totals)
    evaluations = data.get("evaluations")
    if tree is not data and isinstance(evaluations, list):  # the samples were taken out of the text
        for e_index in sampled:  # the other evaluations have no samples
            evaluation = evaluations[e_index]
            samples = evaluation.get("samples") if isinstance(evaluation, dict) else None
            rows = samples.get("inline") if isinstance(samples, dict) else None
            if isinstance(rows, list):
                check_samples(rows, f"/evaluations/{e_index}/samples/inline", declared, out, totals)
    if syntax == "yaml" and raw is not None and b"#" in raw:
        _yaml_comments(raw.decode("utf-8", "replace"), out, totals, _dumps(data))
    if declared:
        declared_content(data, declared, out)
        copied_content(data, declared, out)
    totals.judge(out)
    findings = out.finish()
    if check_markings:
        from riskfmt.integrity.markings import check_markings as markings

        findings += markings(data, source)
    return findings
