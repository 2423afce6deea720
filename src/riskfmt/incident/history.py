"""The append-only timeline of an incident report: its hash chain, its checks, and updates.

Every entry after the first pins the SHA-256 of the RFC 8785 canonical JSON of the entry before it
(``previous``), as a revision log does. What the chain proves from one file is internal consistency only: an
entry edited or removed *without* recomputing the chain breaks it, and ``riskfmt validate`` says so. Whoever
rewrites an entry and recomputes every later ``previous`` gets a consistent chain, and nothing in the file
shows it; neither does cutting off the newest entries. Both are caught only against something fixed
outside the file: an earlier copy (``check_history``, run by ``riskfmt incident history`` and by
``riskfmt incident update`` before it writes, compares every entry both versions hold), or a signature over
a version (``riskfmt sign``), or the digest of the latest entry recorded elsewhere.

The report's current assessment (event type, status, severity, attribution) is, field by field, the value the
latest entry stating that field gives; the top-level copy exists so readers need not replay the timeline, and
validation checks that the two agree.
"""

from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding, Severity

__all__ = [
    "ASSESSMENT_FIELDS",
    "Update",
    "UpdateResult",
    "append_entry",
    "apply_update",
    "check_history",
    "check_timeline",
    "current_assessment",
    "dump_document",
    "entry_digest",
    "update_file",
    "utc_now",
]

ASSESSMENT_FIELDS = ("event_type", "status", "severity", "attribution")
# the first entry must state these: a report always says what it describes, where it stands and why
INITIAL_FIELDS = ("event_type", "status", "attribution")


def entry_digest(entry: dict[str, Any]) -> str:
    """``sha256:`` and the hex SHA-256 of the entry's RFC 8785 canonical JSON."""
    import rfc8785

    return "sha256:" + hashlib.sha256(rfc8785.dumps(entry)).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def current_assessment(timeline: list[dict[str, Any]]) -> dict[str, tuple[Any, int]]:
    """Field -> (value, seq of the latest entry stating it), replaying the timeline in order."""
    state: dict[str, tuple[Any, int]] = {}
    for entry in timeline:
        for name, value in (entry.get("assessment") or {}).items():
            if name in ASSESSMENT_FIELDS:
                state[name] = (value, entry.get("seq", 0))
    return state


def _parse(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def check_timeline(doc: dict[str, Any], source: str) -> list[Finding]:
    """Internal consistency of one version: numbering, order, the hash chain, and the current assessment."""
    import rfc8785

    out: list[Finding] = []
    timeline = doc["timeline"]
    previous_date: tuple[datetime, int, str] | None = None
    for index, entry in enumerate(timeline):
        ptr = f"/timeline/{index}"
        if entry["seq"] != index + 1:
            out.append(Finding.make("RF667", source, f"{ptr}/seq", found=entry["seq"], expected=index + 1))
        when = _parse(entry["date"])
        if when is not None and previous_date is not None and when.tzinfo is not None \
                and previous_date[0].tzinfo is not None and when < previous_date[0]:
            out.append(Finding.make("RF668", source, f"{ptr}/date", seq=entry["seq"], date=entry["date"],
                                    prev_seq=previous_date[1], prev_date=previous_date[2]))
        if when is not None:
            previous_date = (when, entry["seq"], entry["date"])
        pinned = entry.get("previous")
        if index == 0:
            if pinned is not None:
                out.append(Finding.make("RF670", source, f"{ptr}/previous", found=pinned))
        else:
            try:
                expected = entry_digest(timeline[index - 1])
            except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
                # an entry with no canonical form (an integer beyond 2**53) cannot be pinned: say so, not crash
                detail = f"timeline entry {index}: {type(exc).__name__}: {exc}"
                out.append(Finding.make("RF726", source, f"/timeline/{index - 1}", detail=detail, detail_zh=detail))
                continue
            if pinned is None:
                out.append(Finding.make("RF669", source, ptr, seq=entry["seq"], expected=expected))
            elif pinned != expected:
                out.append(Finding.make("RF671", source, f"{ptr}/previous", seq=entry["seq"], found=pinned,
                                        expected=expected, prev_seq=timeline[index - 1]["seq"]))
        out.extend(_assessed_in_time(entry, ptr, source))
    first = timeline[0].get("assessment") or {}
    for name in INITIAL_FIELDS:
        if name not in first:
            out.append(Finding.make("RF672", source, "/timeline/0/assessment", field=name))
    state = current_assessment(timeline)
    for name in ASSESSMENT_FIELDS:
        if name in state:
            value, seq = state[name]
            if doc.get(name) != value:
                out.append(Finding.make("RF673", source, f"/{name}", field=name, seq=seq))
        elif name in doc:
            out.append(Finding.make("RF674", source, f"/{name}", field=name))
    return out


def _assessed_in_time(entry: dict[str, Any], ptr: str, source: str) -> list[Finding]:
    """An entry cannot record an assessment made after the entry itself was written."""
    attribution = (entry.get("assessment") or {}).get("attribution")
    when = _parse(entry["date"])
    if attribution is None or when is None or when.tzinfo is None:
        return []
    out = []
    stamps = [(f"{ptr}/assessment/attribution/assessed", attribution["assessed"])]
    stamps += [(f"{ptr}/assessment/attribution/hypotheses/{i}/assessed", h["assessed"])
               for i, h in enumerate(attribution.get("hypotheses", []))]
    for pointer, stamp in stamps:
        assessed = _parse(stamp)
        if assessed is not None and assessed.tzinfo is not None and assessed > when:
            out.append(Finding.make("RF666", source, pointer, assessed=stamp, seq=entry["seq"], date=entry["date"]))
    return out


# Top-level fields a timeline entry revises; a new version may change them only through its new entries,
# which ``check_timeline`` (RF673, RF674) holds each version to.
_REVISED_BY_ENTRIES = frozenset({*ASSESSMENT_FIELDS, "timeline"})


def _entries(doc: Any) -> list[Any]:
    timeline = doc.get("timeline") if isinstance(doc, dict) else None
    return timeline if isinstance(timeline, list) else []


def _changed_keys(old: Any, new: Any) -> list[str]:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["the entry"]
    return sorted(k for k in set(old) | set(new)
                  if k not in old or k not in new or _canonical(old[k]) != _canonical(new[k])) or ["the entry"]


def _canonical(value: Any) -> bytes | None:
    import rfc8785

    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError, RecursionError):
        return None  # not canonicalisable: compared by identity below


def _same(a: Any, b: Any) -> bool:
    ca, cb = _canonical(a), _canonical(b)
    return ca == cb if ca is not None and cb is not None else a == b


def check_history(previous: Any, current: Any, source: str) -> list[Finding]:
    """``current`` must be ``previous`` with entries appended, and nothing else changed.

    Every entry both versions hold is compared in RFC 8785 canonical form (key order and number spelling do
    not matter), so an entry rewritten together with a recomputed hash chain is found here (RF681, naming
    the changed fields), though the chain of ``current`` alone is consistent. A removed entry is RF680, a
    changed report id RF682. Top-level content no entry can revise (title, summary, harms, systems, dates,
    links, ...) must be unchanged (RF845), and markings may only get stricter (RF846).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 content outside the timeline and markings are compared too.
    """
    from riskfmt.integrity.markings import check_not_weakened, where

    out: list[Finding] = []
    old_doc = previous if isinstance(previous, dict) else {}
    new_doc = current if isinstance(current, dict) else {}
    if old_doc.get("report_id") != new_doc.get("report_id"):
        out.append(Finding.make("RF682", source, "/report_id", old=old_doc.get("report_id"),
                                new=new_doc.get("report_id")))
    for doc, which, which_zh in ((old_doc, *_why("previous")), (new_doc, *_why("new"))):
        if "timeline" in doc and not isinstance(doc["timeline"], list):
            out.append(Finding.make("RF847", source, "/timeline", which=which, which_zh=which_zh,
                                    found=type(doc["timeline"]).__name__))
    old, new = _entries(old_doc), _entries(new_doc)
    for index, entry in enumerate(old):
        seq = entry.get("seq", index + 1) if isinstance(entry, dict) else index + 1
        if index >= len(new):
            out.append(Finding.make("RF680", source, "/timeline", seq=seq))
        elif not _same(entry, new[index]):
            out.append(Finding.make("RF681", source, f"/timeline/{index}", seq=seq,
                                    fields=", ".join(_changed_keys(entry, new[index]))))
    from riskfmt._positions import escape_token

    for name in sorted(set(old_doc) | set(new_doc), key=str):
        if name in _REVISED_BY_ENTRIES or name in ("report_id", "marking"):
            continue
        if name not in old_doc or name not in new_doc or not _same(old_doc[name], new_doc[name]):
            out.append(Finding.make("RF845", source, f"/{escape_token(str(name))}", field=name))
    for lowered in check_not_weakened(old_doc, new_doc, source, allow_lower=True):
        pointer = lowered.location.pointer
        out.append(Finding.make("RF846", source, pointer or "/marking", **where(pointer),
                                before=lowered.params["before"], after=lowered.params["after"]))
    return out


def append_entry(doc: dict[str, Any], *, author: dict[str, str], summary: dict[str, str], date: str | None = None,
                 assessment: dict[str, Any] | None = None) -> dict[str, Any]:
    """A new version of ``doc`` with one entry appended and the current assessment brought up to date.

    ``doc`` itself is not changed, and the earlier entries are copied untouched, so they keep their digests.
    """
    new = copy.deepcopy(doc)
    timeline = new["timeline"]
    entry: dict[str, Any] = {
        "seq": len(timeline) + 1,
        "date": date or utc_now(),
        "author": dict(author),
        "summary": dict(summary),
    }
    if timeline:
        entry["previous"] = entry_digest(timeline[-1])
    if assessment:
        entry["assessment"] = copy.deepcopy(assessment)
        for name, value in assessment.items():
            new[name] = copy.deepcopy(value)
    timeline.append(entry)
    return new


@dataclass(frozen=True)
class Update:
    """What one ``riskfmt incident update`` states. Only the given parts of the assessment are revised."""

    author: dict[str, str]
    summary: dict[str, str]
    date: str | None = None
    status: str | None = None
    event_type: str | None = None
    severity: dict[str, str] | None = None
    attribution: dict[str, Any] | None = None  # a complete replacement
    cause: str | None = None  # the settled cause, or "undetermined"
    likelihoods: tuple[tuple[str, float], ...] = ()  # (cause, likelihood) revisions of single hypotheses


def apply_update(doc: dict[str, Any], update: Update) -> dict[str, Any]:
    """The next version of ``doc``: one timeline entry appended, stating what the update revises."""
    date = update.date or utc_now()
    assessment: dict[str, Any] = {}
    if update.event_type is not None:
        assessment["event_type"] = update.event_type
    if update.status is not None:
        assessment["status"] = update.status
    if update.severity is not None:
        assessment["severity"] = dict(update.severity)
    attribution = copy.deepcopy(update.attribution) if update.attribution is not None else None
    if update.cause is not None or update.likelihoods:
        attribution = attribution or copy.deepcopy(doc["attribution"])
        attribution["assessed_by"] = dict(update.author)
        attribution["assessed"] = date
        if update.cause is not None:
            attribution["cause"] = update.cause
        for cause, likelihood in update.likelihoods:
            _revise_likelihood(attribution, cause, likelihood, update.author, date)
    if attribution is not None:
        assessment["attribution"] = attribution
    return append_entry(doc, author=update.author, summary=update.summary, date=date, assessment=assessment)


def _revise_likelihood(attribution: dict[str, Any], cause: str, likelihood: float, author: dict[str, str],
                       date: str) -> None:
    from riskfmt.incident.likelihood import BANDS, band_of

    hypotheses = attribution.setdefault("hypotheses", [])
    hypothesis = next((h for h in hypotheses if h["cause"] == cause), None)
    if hypothesis is None:
        taken = {h["id"] for h in hypotheses}
        hid, n = cause, 2
        while hid in taken:
            hid, n = f"{cause}-{n}", n + 1
        hypothesis = {"id": hid, "cause": cause}
        hypotheses.append(hypothesis)
    hypothesis["likelihood"] = likelihood
    estimate = hypothesis.get("estimate")
    if estimate is not None and not BANDS[estimate][0] <= likelihood <= BANDS[estimate][1]:
        hypothesis["estimate"] = band_of(likelihood)  # keep the words in step with the number
    hypothesis["assessed_by"] = dict(author)
    hypothesis["assessed"] = date


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------


def dump_document(doc: dict[str, Any], syntax: str) -> bytes:
    """JSON (2-space indent) or YAML, field order kept, never with anchors: each entry stands on its own."""
    if syntax == "json":
        import json

        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    import yaml

    from riskfmt.yaml12 import yaml12_safe_dumper

    # strings YAML 1.2 would read as numbers ("0E0") are quoted: what is read back is what was written
    text: str = yaml.dump(doc, Dumper=yaml12_safe_dumper(), allow_unicode=True, sort_keys=False, width=110)
    return text.encode("utf-8")


@dataclass
class UpdateResult:
    """The outcome of updating a file: findings (on the input, the new version, or why nothing was written)."""

    findings: list[Finding] = field(default_factory=list)
    written: Path | None = None
    document: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.written is not None


def _load(path: Path, source: str) -> tuple[dict[str, Any] | None, bytes | None, list[Finding]]:
    from riskfmt.loading import load_bytes, read_source

    data, problem = read_source(str(path))
    if problem is not None or data is None:
        return None, None, [problem] if problem else []
    document = load_bytes(data, source)
    return (document.data if document.parsed else None), data, list(document.findings)


def _why(english: str, **values: object) -> tuple[str, str]:
    """(English, Chinese) of a reason; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "incident update")."""
    from riskfmt.i18n.text import translate

    return english.format(**values), translate(english, "zh", "incident update").format(**values)


def _refused(source: str, en: str, zh: str) -> Finding:
    return Finding.make("RF683", source, reason=en, reason_zh=zh)


def update_file(path: str | os.PathLike[str], update: Update, output: str | os.PathLike[str] | None = None
                ) -> UpdateResult:
    """Append one entry to the incident report in ``path`` and write the new version atomically to
    ``output`` (default: ``path`` itself).

    Refuses, writing nothing, when the input is not a valid incident report (an edited history must not be
    blessed by appending to it), when the new version would not validate, or when the target has meanwhile
    gained entries this version lacks (another update won the race: writing would erase its entry).

    .. versionadded:: 0.1
    """
    from riskfmt.io import atomic_write_bytes
    from riskfmt.validation import validate_bytes, validate_data

    source = os.fspath(path)
    target = Path(output if output is not None else path)
    doc, raw, problems = _load(Path(source), source)
    if doc is None or raw is None:
        return UpdateResult(problems)
    checked = validate_bytes(raw, source, base_dir=Path(source).parent)
    errors = [f for f in checked.findings if f.severity >= Severity.ERROR]
    if checked.kind != "incident-report":
        return UpdateResult([*errors, _refused(source, *_why("not an incident report"))])
    if errors:
        return UpdateResult([*errors, _refused(source, *_why("the input has errors; fix them first (an edited history "
                                                             "must not be blessed by appending to it)"))])
    new = apply_update(doc, update)
    shown = os.fspath(target)
    findings = list(validate_data(new, shown).findings) + check_history(doc, new, shown)
    if any(f.severity >= Severity.ERROR for f in findings):
        return UpdateResult([*findings, _refused(shown, *_why("the updated report would not validate"))], document=new)
    # Whatever is at the target now (another update may have landed since we read it) must be history we
    # extend, never history we erase.
    if target.exists():
        present, _, _ = _load(target, shown)
        if not (isinstance(present, dict) and present.get("kind") == "incident-report"):
            # what is there cannot be read as an incident report (a value the loader refuses, another kind):
            # its history cannot be compared, so it is never written over
            return UpdateResult([*findings, _refused(
                shown, *_why("{shown} exists and cannot be read as an incident report this version extends",
                             shown=shown))], document=new)
        lost = check_history(present, new, shown)
        if lost:
            return UpdateResult([*findings, *lost, _refused(
                shown, *_why("{shown} holds history this version lacks; it changed after it was read, or is another "
                             "report", shown=shown))], document=new)
    syntax = "json" if target.suffix.lower() == ".json" else "yaml"
    atomic_write_bytes(target, dump_document(new, syntax))
    return UpdateResult(findings, written=target, document=new)
