"""TLP 2.0 markings: one label for the document, stricter labels for parts chosen by JSON pointers.

The model is STIX 2.1's: a document label, and granular markings whose selectors (RFC 6901 pointers here)
pick the parts that carry a stricter label. The label in force at any point of a document is the strictest
of the document's label and every granular marking whose selector is that point or one of its ancestors.

Every command that writes a document derived from another calls ``carry`` (keep the source's markings) and
may call ``check_not_weakened``; changing a label goes through ``relabel``, which refuses to lower one unless
the caller says so explicitly, and then reports it. Nothing lowers a marking silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from riskfmt.errors import RiskfmtError
from riskfmt.findings import Finding, Severity

__all__ = [
    "TLP_LEVELS",
    "MarkingError",
    "carry",
    "check_markings",
    "check_not_weakened",
    "combine",
    "document_label",
    "label_at",
    "normalise",
    "rank",
    "relabel",
    "resolve",
    "strictest",
    "strictest_in",
    "where",
]

# from the least to the most restrictive (FIRST TLP 2.0)
TLP_LEVELS: tuple[str, ...] = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
_RANK = {label: index for index, label in enumerate(TLP_LEVELS)}
# a document without a marking is treated as the converters' default: unknown content is AMBER, never CLEAR
DEFAULT_LABEL = "AMBER"


class MarkingError(RiskfmtError):
    """A command was about to weaken a marking without being told to (exit code 2)."""

    def __init__(self, *findings: Finding) -> None:
        super().__init__(findings)


def where(pointer: str) -> dict[str, Any]:
    """The ``where``/``where_zh`` parameters of a finding about a place in a document."""
    if pointer:
        return {"where": pointer, "where_zh": pointer}
    from riskfmt.i18n.text import params

    return params("where", "the document", "marking")


def rank(label: str) -> int:
    """Position of a label in ``TLP_LEVELS``; an unknown label counts as the strictest (RED)."""
    return _RANK.get(label, len(TLP_LEVELS) - 1)


def strictest(*labels: str | None) -> str:
    known = [label for label in labels if label is not None]
    return max(known, key=rank) if known else DEFAULT_LABEL


def document_label(doc: Any) -> str:
    marking = doc.get("marking") if isinstance(doc, dict) else None
    label = marking.get("tlp") if isinstance(marking, dict) else None
    return label if isinstance(label, str) else DEFAULT_LABEL


def _granular(doc: Any) -> list[tuple[str, list[str]]]:
    marking = doc.get("marking") if isinstance(doc, dict) else None
    out = []
    granular = marking.get("granular") if isinstance(marking, dict) else None
    for entry in granular if isinstance(granular, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("tlp"), str):
            selectors = entry.get("selectors")
            out.append((entry["tlp"], [s for s in selectors if isinstance(s, str)] if isinstance(selectors, list)
                        else []))
    return out


def _covers(selector: str, pointer: str) -> bool:
    return selector == "" or pointer == selector or pointer.startswith(selector + "/")


def label_at(doc: Any, pointer: str = "") -> str:
    """The label in force at ``pointer``: the strictest of the document's and of every granular marking that
    selects the pointer or one of its ancestors.

    .. versionadded:: 0.1
    """
    label = document_label(doc)
    for tlp, selectors in _granular(doc):
        if any(_covers(s, pointer) for s in selectors):
            label = strictest(label, tlp)
    return label


def strictest_in(doc: Any) -> str:
    """The strictest label anywhere in a document: what a summary of the whole document must carry."""
    return strictest(document_label(doc), *(tlp for tlp, _ in _granular(doc)))


def combine(*docs: Any) -> dict[str, str]:
    """The marking for a document built from parts of several (a diff, a comparison matrix): the strictest
    label anywhere in any of them. Pointers of the inputs mean nothing in the new document, so granular
    labels cannot be carried part by part; taking the strictest never weakens one."""
    return {"tlp": strictest(*(strictest_in(d) for d in docs))}


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def resolve(doc: Any, pointer: str) -> tuple[bool, Any]:
    """(found, value) for an RFC 6901 pointer."""
    node = doc
    if pointer == "":
        return True, node
    if not pointer.startswith("/"):
        return False, None
    for raw in pointer[1:].split("/"):
        token = _unescape(raw)
        if isinstance(node, dict):
            if token not in node:
                return False, None
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit() or (len(token) > 1 and token[0] == "0") or int(token) >= len(node):
                return False, None
            node = node[int(token)]
        else:
            return False, None
    return True, node


def _withheld_pointers(doc: Any) -> list[str]:
    disclosure = doc.get("disclosure") if isinstance(doc, dict) else None
    items = disclosure.get("withheld") if isinstance(disclosure, dict) else None
    return [i["pointer"] for i in items if isinstance(i, dict) and isinstance(i.get("pointer"), str)] \
        if isinstance(items, list) else []


def _withheld_covers(withheld: list[str], selector: str) -> bool:
    # a selector naming a withheld item (or something inside it) still marks that item's record
    return any(_covers(w, selector) or _covers(selector, w) for w in withheld)


def check_markings(doc: Any, source: str) -> list[Finding]:
    """Markings that contradict themselves: a granular label weaker than the document's (error RF710), and
    selectors that select nothing (warning RF711; selectors of withheld items still count).

    .. versionadded:: 0.1
    """
    out: list[Finding] = []
    document = document_label(doc)
    withheld: list[str] | None = None
    for index, (tlp, selectors) in enumerate(_granular(doc)):
        pointer = f"/marking/granular/{index}"
        if rank(tlp) < rank(document):
            out.append(Finding.make("RF710", source, pointer, label=tlp, document=document))
        for number, selector in enumerate(selectors):
            if resolve(doc, selector)[0]:
                continue
            if withheld is None:
                withheld = _withheld_pointers(doc)
            if not _withheld_covers(withheld, selector):
                out.append(Finding.make("RF711", source, f"{pointer}/selectors/{number}", selector=selector))
    return out


def check_not_weakened(before: Any, after: Any, source: str = "<output>", *,
                       pointer_map: Callable[[str], str | None] | None = None,
                       allow_lower: bool = False) -> list[Finding]:
    """Findings for every place where ``after`` (a document derived from ``before``) carries a weaker label
    than ``before`` did: RF713 (error), or RF712 (warning) where lowering was explicitly allowed.

    Checking the root and each of ``before``'s selectors is enough: the label of any point is the strictest
    of the labels of its ancestors, so if no selected part got weaker, nothing below one did either.
    ``pointer_map`` translates a pointer of ``before`` into ``after`` (None: the part is gone) for commands
    that move parts around; by default pointers are the same in both.

    .. versionadded:: 0.1
    """
    out: list[Finding] = []
    code = "RF712" if allow_lower else "RF713"
    points = [""] + [s for _, selectors in _granular(before) for s in selectors]
    withheld = _withheld_pointers(after)
    seen: set[str] = set()
    for pointer in points:
        if pointer in seen:
            continue
        seen.add(pointer)
        target = pointer if pointer_map is None else pointer_map(pointer)
        if target is None:
            continue
        if pointer and not resolve(after, target)[0] and not _withheld_covers(withheld, target):
            continue  # the part is not in the derived document at all
        was, now = label_at(before, pointer), label_at(after, target)
        if rank(now) < rank(was):
            out.append(Finding.make(code, source, target, **where(target), before=was, after=now))
    return out


def normalise(marking: dict[str, Any]) -> dict[str, Any]:
    """One granular entry per label, selectors sorted and unique, and no entry that is not stricter than the
    document's label (it would say nothing, and a weaker one is invalid)."""
    document = marking.get("tlp", DEFAULT_LABEL)
    by_label: dict[str, set[str]] = {}
    for label, selectors in _granular({"marking": marking}):  # entries of any other shape say nothing
        if rank(label) > rank(document):
            by_label.setdefault(label, set()).update(selectors)
    out: dict[str, Any] = {k: v for k, v in marking.items() if k != "granular"}
    granular = [{"tlp": label, "selectors": sorted(selectors)}
                for label, selectors in sorted(by_label.items(), key=lambda kv: rank(kv[0])) if selectors]
    if granular:
        out["granular"] = granular
    return out


def carry(source: Any, derived: dict[str, Any], *,
          pointer_map: Callable[[str], str | None] | None = None) -> dict[str, Any]:
    """Give ``derived`` (a document made from ``source``) at least ``source``'s markings: the stricter of the
    two document labels, and every granular marking of ``source`` whose part still exists (or was withheld).
    Returns ``derived``, changed in place.

    .. versionadded:: 0.1
    """
    existing = derived.get("marking")
    import copy

    marking: dict[str, Any] = copy.deepcopy(existing) if isinstance(existing, dict) else {}
    marking["tlp"] = strictest(document_label(source), marking.get("tlp"))
    granular = [{"tlp": label, "selectors": selectors} for label, selectors in _granular({"marking": marking})]
    withheld = _withheld_pointers(derived)
    for tlp, selectors in _granular(source):
        kept = []
        for selector in selectors:
            target = selector if pointer_map is None else pointer_map(selector)
            if target is not None and (resolve(derived, target)[0] or _withheld_covers(withheld, target)):
                kept.append(target)
        if kept:
            granular.append({"tlp": tlp, "selectors": kept})
    marking["granular"] = granular
    derived["marking"] = normalise(marking)
    return derived


def relabel(doc: dict[str, Any], tlp: str, *, allow_lower: bool = False, source: str = "<document>") -> list[Finding]:
    """Set the document label to ``tlp``. Raising it is reported as RF739 (info). Lowering it raises
    ``MarkingError`` (RF713) unless ``allow_lower``, and is then reported as RF712 (a warning that stays
    in the command's output). Granular labels are never lowered: a part stricter than the new label keeps
    its own.

    .. versionadded:: 0.1
    """
    if tlp not in _RANK:
        raise ValueError(f"unknown TLP label {tlp!r} (use one of {', '.join(TLP_LEVELS)})")
    before = document_label(doc)
    findings: list[Finding] = []
    if rank(tlp) < rank(before):
        finding = Finding.make("RF712" if allow_lower else "RF713", source, "/marking/tlp", **where(""),
                               before=before, after=tlp)
        if not allow_lower:
            raise MarkingError(finding)
        findings.append(finding)
    elif rank(tlp) > rank(before):
        findings.append(Finding.make("RF739", source, "/marking/tlp", **where(""), before=before, after=tlp))
    marking = dict(doc.get("marking") or {})
    marking["tlp"] = tlp
    doc["marking"] = normalise(marking)
    return findings


def errors(findings: Iterable[Finding]) -> Iterator[Finding]:
    return (f for f in findings if f.severity == Severity.ERROR)
