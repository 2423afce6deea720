"""Rules JSON Schema cannot express, and the vocabulary pass, for incident reports.

Runs only on documents that passed the schema (``riskfmt.validation`` calls ``check_document``, the checker
``riskfmt.kinds`` names for incident reports), so every field here has the shape the schema promises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from riskfmt.findings import Finding
from riskfmt.incident import likelihood as lk
from riskfmt.vocab import Vocabulary

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["PLACEHOLDER", "check_document", "check_incident", "placeholders"]

# Skeletons mark what is left to fill in as <<...>>: a form no real value takes, in any language.
PLACEHOLDER = re.compile(r"^<<.*>>$", re.DOTALL)
_DIGEST_PLACEHOLDER = re.compile(r"^[a-z0-9]+:(.)\1*$")

# the English of RF651's texts; their Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "incident check", and
# "suggestion" for the suggestion, which riskfmt.semantic words the same)
_DID_YOU_MEAN = "; did you mean {suggestions}?"


def placeholders(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(pointer, text) of every unfilled placeholder string in a document."""
    from riskfmt._positions import escape_token

    if isinstance(node, str):
        if PLACEHOLDER.match(node):
            yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from placeholders(value, f"{pointer}/{escape_token(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from placeholders(value, f"{pointer}/{index}")


def check_document(data: dict[str, Any], source: str, base_dir: Path | None, format_version: str,
                   check_samples: bool = True) -> list[Finding]:
    """``check_incident`` as ``riskfmt.kinds`` calls a kind's checker (an incident report cites no files)."""
    return check_incident(data, source, format_version)


def check_incident(data: dict[str, Any], source: str, format_version: str) -> list[Finding]:
    """Every semantic finding of one incident report (the schema already passed).

    .. versionadded:: 0.1
    """
    from riskfmt.incident.history import check_timeline, current_assessment

    out: list[Finding] = []
    holes = dict(placeholders(data))
    out.extend(Finding.make("RF650", source, pointer, value=text) for pointer, text in holes.items())
    vocab, cited, vocab_findings = _vocabulary(data, source)
    out.extend(vocab_findings)
    check = _Checker(vocab, cited, source, set(holes), out)
    check.assessment(data, "")
    # An entry's assessment is history: once a later entry restates a field it can never be corrected, so
    # what is wrong with it is only a warning (the correction is the later entry). The latest statement of a
    # field is the current one, checked above at the top level, unless the two differ (RF673).
    latest = current_assessment(data["timeline"])
    for index, entry in enumerate(data["timeline"]):
        stated = entry.get("assessment") or {}
        superseded = {k: v for k, v in stated.items() if latest.get(k, (None, 0))[1] != entry["seq"]}
        current = {k: v for k, v in stated.items() if k not in superseded and data.get(k) != v}
        check.assessment(current, f"/timeline/{index}/assessment")
        check.assessment(superseded, f"/timeline/{index}/assessment", historic=True)
    check.historic = False
    for index, token in enumerate(data.get("jurisdictions", [])):
        check.token("jurisdiction", token, f"/jurisdictions/{index}")
    seen: dict[str, str] = {}
    for index, system in enumerate(data.get("systems", [])):
        check.unique(system["id"], f"/systems/{index}/id", seen)
        for d_index, digest in enumerate(system.get("digests", [])):
            if _DIGEST_PLACEHOLDER.match(digest["digest"]):
                out.append(Finding.make("RF513", source, f"/systems/{index}/digests/{d_index}/digest",
                                        digest=digest["digest"]))
    for index, harm in enumerate(data.get("harms", [])):
        check.unique(harm["id"], f"/harms/{index}/id", seen)
        check.risks(harm["risks"], f"/harms/{index}/risks")
    out.extend(_event_and_status(data, source))
    out.extend(_dates(data, source))
    out.extend(check_timeline(data, source))
    for index, link in enumerate((data.get("links") or {}).get("incident_reports", [])):
        if link["report_id"] == data["report_id"]:
            out.append(Finding.make("RF675", source, f"/links/incident_reports/{index}/report_id",
                                    report_id=link["report_id"]))
    return out


def _vocabulary(data: dict[str, Any], source: str) -> tuple[Vocabulary | None, str, list[Finding]]:
    """The vocabulary release the report cites (the newest, with a warning, when it cites a newer one)."""
    from riskfmt import resources
    from riskfmt.vocab import known_version, load_vocabulary, newer_than_latest

    cited = data["vocabulary_version"]
    if known_version(cited):
        return load_vocabulary(cited), cited, []
    if newer_than_latest(cited):
        latest = load_vocabulary()
        return latest, cited, [Finding.make("RF206", source, "/vocabulary_version", version=cited,
                                            known=latest.version)]
    known = ", ".join(resources.vocabulary_versions())
    return None, cited, [Finding.make("RF207", source, "/vocabulary_version", version=cited, known=known)]


class _Checker:
    """Vocabulary and attribution rules, applied alike to the current assessment and to every entry's."""

    def __init__(self, vocab: Vocabulary | None, cited: str, source: str, holes: set[str], out: list[Finding]):
        self.vocab, self.cited, self.source, self.holes, self.out = vocab, cited, source, holes, out
        self.historic = False

    def add(self, code: str, pointer: str, **params: Any) -> None:
        severity = None
        if self.historic:
            if code == "RF660":
                return  # evidence cannot be added to a superseded assessment
            from riskfmt.codes import CODES
            from riskfmt.findings import Severity

            severity = min(CODES[code].severity, Severity.WARNING)
        self.out.append(Finding.make(code, self.source, pointer, severity=severity, **params))

    def unique(self, value: str, pointer: str, seen: dict[str, str]) -> None:
        if value in seen:
            self.add("RF506", pointer, id=value, first=seen[value])
        else:
            seen[value] = pointer

    def token(self, scheme: str, token: str, pointer: str) -> bool:
        """True when the token names a concept of the scheme (placeholders are reported once, elsewhere)."""
        if self.vocab is None or pointer in self.holes:
            return False
        vocab_scheme = {"event type": "event", "cause": "attribution"}.get(scheme, scheme)
        if self.vocab.by_token(vocab_scheme, token) is not None:
            return True
        close = self.vocab.suggest(token, scheme=vocab_scheme)
        from riskfmt.i18n.text import translate

        self.add("RF651", pointer, scheme=scheme, scheme_zh=translate(scheme, "zh", "incident check"), id=token,
            version=self.vocab.version,
            suggestion=_DID_YOU_MEAN.format(suggestions=", ".join(f"{c.token} ({c.label('en')})" for c in close))
            if close else "",
            suggestion_zh=translate(_DID_YOU_MEAN, "zh", "suggestion").format(
                suggestions="、".join(f"{c.token}（{c.label('zh')}）" for c in close)) if close else "",
        )
        return False

    def risks(self, ids: list[str], pointer: str) -> None:
        from riskfmt.findings import Location
        from riskfmt.semantic import check_vocabulary_refs

        if self.vocab is None:
            return
        if not any(f"{pointer}/{n}" in self.holes for n in range(len(ids))):
            self.out.extend(check_vocabulary_refs(self.vocab, self.cited, ids, pointer, self.source))
            return
        for n, risk in enumerate(ids):  # one by one, skipping placeholders, keeping each finding's index
            if f"{pointer}/{n}" not in self.holes:
                self.out.extend(Finding(f.code, f.severity, Location(self.source, f"{pointer}/{n}"), f.params)
                                for f in check_vocabulary_refs(self.vocab, self.cited, [risk], pointer, self.source))

    def assessment(self, node: dict[str, Any], base: str, historic: bool = False) -> None:
        self.historic = historic
        if "event_type" in node:
            self.token("event type", node["event_type"], f"{base}/event_type")
        if "severity" in node:
            self.severity(node["severity"], f"{base}/severity")
        if "attribution" in node:
            self.attribution(node["attribution"], f"{base}/attribution")

    def severity(self, severity: dict[str, Any], pointer: str) -> None:
        if self.vocab is None:
            return
        scales = {c.token: c for c in self.vocab.in_scheme("severity") if c.broader is None}
        scale = scales.get(severity["scale"])
        if scale is None:
            if f"{pointer}/scale" not in self.holes:
                self.add("RF652", f"{pointer}/scale", scale=severity["scale"],
                                             known=", ".join(sorted(scales)))
            return
        if f"{pointer}/level" in self.holes:
            return
        levels = self.vocab.children(scale.id)
        wanted = severity["level"].casefold()
        if not any(wanted in (c.token.casefold(), c.id.split(":", 1)[1].casefold(), c.label("en").casefold(),
                              c.label("zh")) for c in levels):
            shown = ", ".join(f"{c.token} ({c.id.split(':', 1)[1]})" for c in levels)
            self.add("RF653", f"{pointer}/level", level=severity["level"],
                                         scale=scale.token, levels=shown)

    def attribution(self, attribution: dict[str, Any], pointer: str) -> None:
        cause = attribution["cause"]
        cause_known = self.token("cause", cause, f"{pointer}/cause")
        hypotheses = attribution.get("hypotheses", [])
        first: dict[str, str] = {}
        ids: dict[str, str] = {}
        known: list[tuple[int, dict[str, Any]]] = []
        for index, hypothesis in enumerate(hypotheses):
            h_ptr = f"{pointer}/hypotheses/{index}"
            self.unique(hypothesis["id"], f"{h_ptr}/id", ids)
            if hypothesis["cause"] in first:
                self.add("RF657", f"{h_ptr}/cause", cause=hypothesis["cause"],
                                             first=first[hypothesis["cause"]])
                continue
            first[hypothesis["cause"]] = h_ptr
            if self.token("cause", hypothesis["cause"], f"{h_ptr}/cause"):
                known.append((index, hypothesis))
            estimate, value = hypothesis.get("estimate"), hypothesis.get("likelihood")
            if estimate is not None and value is not None:
                low, high = lk.BANDS[estimate]
                if not low - lk.EPSILON <= value <= high + lk.EPSILON:
                    self.add("RF656", f"{h_ptr}/likelihood", likelihood=value,
                                                 estimate=estimate, estimate_zh=lk.band_label(estimate)[1],
                                                 low=low, high=high)
            if not hypothesis.get("evidence_for") and not hypothesis.get("evidence_against"):
                self.add("RF660", h_ptr, cause=hypothesis["cause"])
        if self.vocab is None:
            return
        self._coherence(known, hypotheses, pointer)
        if cause_known and cause != "undetermined" and known:
            self._settled(cause, known, pointer)

    def _coherence(self, known: list[tuple[int, dict[str, Any]]], hypotheses: list[dict[str, Any]], pointer: str
                   ) -> None:
        assert self.vocab is not None
        roots = lk.hierarchy(self.vocab, known)
        stack = list(roots)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if node.children:
                total, nodes = node.children_total()
                if total > node.low + lk.EPSILON:
                    self.add("RF655", f"{pointer}/hypotheses/{node.index}", total=f"{total:g}",
                        narrower=", ".join(n.cause for n in nodes), broader=node.cause,
                        likelihood=lk.show(hypotheses[node.index]))
        total, chosen = lk.exclusive_total(roots)
        if total > 1 + lk.EPSILON:
            ordered = sorted(chosen, key=lambda n: n.index)
            listed = ", ".join(f"{n.cause} {lk.show(hypotheses[n.index])}" for n in ordered)
            self.add("RF654", f"{pointer}/hypotheses", total=f"{total:g}",
                                         hypotheses=listed)

    def _settled(self, cause: str, known: list[tuple[int, dict[str, Any]]], pointer: str) -> None:
        assert self.vocab is not None
        matching = [h for _, h in known if lk.related(self.vocab, cause, h["cause"])]
        if not matching:
            self.add("RF658", f"{pointer}/cause", cause=cause)
            return
        own = next((h for h in matching if h["cause"] == cause), None)
        if own is None:
            return
        for _, other in known:
            exclusive = not lk.related(self.vocab, cause, other["cause"])
            if exclusive and lk.bounds(other)[0] > lk.bounds(own)[1] + lk.EPSILON:
                self.add("RF659", f"{pointer}/cause", cause=cause,
                                             likelihood=lk.show(own), other=other["cause"],
                                             other_likelihood=lk.show(other))


def _event_and_status(data: dict[str, Any], source: str) -> list[Finding]:
    out = []
    event, status = data["event_type"], data["status"]
    if status == "near_miss" and event in ("incident", "serious-incident"):
        out.append(Finding.make("RF662", source, "/status", event=event))
    if event == "evaluation-finding":
        out.append(Finding.make("RF663", source, "/event_type"))
    attribution = data["attribution"]
    if status == "concluded" and attribution["cause"] == "undetermined" and not attribution.get("rationale"):
        out.append(Finding.make("RF661", source, "/attribution"))
    return out


def _moment(text: str) -> tuple[date, datetime | None] | None:
    """A date or date-time as (its date, the date-time when it has a zone); None when not a real moment."""
    try:
        if "T" in text:
            moment = datetime.fromisoformat(text)
            return moment.date(), moment if moment.tzinfo is not None else None
        return date.fromisoformat(text), None
    except ValueError:
        return None


def _before(later: tuple[date, datetime | None], earlier: tuple[date, datetime | None]) -> bool:
    # two zoned date-times compare exactly; anything known only to the day compares by day
    if later[1] is not None and earlier[1] is not None:
        return later[1] < earlier[1]
    return later[0] < earlier[0]


def _dates(data: dict[str, Any], source: str) -> list[Finding]:
    out = []
    dates = data["dates"]
    moments: dict[str, tuple[date, datetime | None]] = {}
    for name in ("occurred", "detected", "reported"):
        if name in dates:
            moment = _moment(dates[name])
            if moment is None:
                out.append(Finding.make("RF664", source, f"/dates/{name}", value=dates[name]))
            else:
                moments[name] = moment
    first_entry = _moment(data["timeline"][0]["date"])
    if first_entry is not None:
        moments["timeline/0/date"] = first_entry
    order = [("occurred", "detected"), ("occurred", "reported"), ("detected", "reported"),
             ("detected", "timeline/0/date"), ("occurred", "timeline/0/date")]
    reported_pairs = set()
    for earlier, later in order:
        if earlier in moments and later in moments and _before(moments[later], moments[earlier]):
            if later in reported_pairs:
                continue  # one finding per field that is too early is enough
            reported_pairs.add(later)
            later_ptr = f"/{later}" if later.startswith("timeline") else f"/dates/{later}"
            later_value = data["timeline"][0]["date"] if later.startswith("timeline") else dates[later]
            later_field = later.replace("timeline/0/date", "timeline[1].date")
            out.append(Finding.make("RF505", source, later_ptr, later_field=later_field,
                                    later=later_value, earlier_field=earlier, earlier=dates[earlier]))
    return out
