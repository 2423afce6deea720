"""``riskfmt diff`` for incident reports: where two parties' attributions disagree, and by how much.

Neither report is the reference; everything is symmetric except the history check, which asks whether B is a
later version of A. Attributions are compared three ways:

- per cause: each party's likelihood (a number, or the middle of its words' band) and the difference;
- as distributions over the broadest causes of the vocabulary (accident, intentional, misaligned-behaviour,
  undetermined) plus the mass a party left unassigned, by total variation distance: half the sum of absolute
  differences, 0 when the parties agree, 1 when they put all weight on different causes. Comparing at the
  broadest level keeps reports of different granularity comparable (one party's accident 0.7 against the
  other's accidental-malfunction 0.5 and operator-error 0.2);
- by the most likely cause at the finest level each party states, and by the settled causes: the same,
  compatible (one broader than the other), or different.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskfmt.incident import likelihood as lk
from riskfmt.vocab import Vocabulary, load_vocabulary

__all__ = ["IncidentDiff", "diff_incidents"]

_FIELDS = ("event_type", "status", "severity", "dates.occurred", "dates.detected", "dates.reported", "sectors",
           "jurisdictions", "countries")

# English; the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "incident comparison")
_LABELS = {
    "title": "Incident reports compared",
    "same_report": "Two versions of one report ({id})",
    "two_reports": "Two reports: A {a} by {ra}; B {b} by {rb}",
    "linked": "The reports link each other as the same incident",
    "linked_one": "One report links the other as the same incident",
    "not_linked": "Neither report links the other",
    "attribution": "Attribution",
    "tvd": "Total variation distance over the broadest causes: {tvd}",
    "tvd_none": "Total variation distance: cannot tell ({why} gives no likelihoods)",
    "cause": "cause",
    "difference": "B - A",
    "unassigned": "(unassigned)",
    "most_likely": "Most likely cause: A {a}, B {b}: {agreement}",
    "settled": "Settled cause: A {a}, B {b}: {agreement}",
    "same": "agree",
    "compatible": "compatible (one is broader)",
    "different": "disagree",
    "unknown": "cannot tell",
    "fields": "Other differences",
    "field": "field",
    "harms": "Harms (risk concepts): shared {shared}; only A {a}; only B {b}",
    "systems": "Systems: shared digests {shared}; only A {a}; only B {b}",
    "history": "History",
    "history_ok": "B keeps all {kept} entries of A and appends {added}",
    "history_bad": "B does not keep A's history: {problems}",
    "none": "none",
    "no_differences": "No differences.",
}


def _t(key: str, lang: str, **params: Any) -> str:
    from riskfmt.i18n.text import translate

    return translate(_LABELS[key], lang, "incident comparison").format(**params)


@dataclass
class CauseRow:
    cause: str
    a: float | None
    b: float | None
    a_shown: str | None
    b_shown: str | None

    @property
    def difference(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a


@dataclass
class IncidentDiff:
    """The comparison of two incident reports; follows the ``DiffOutcome`` protocol of ``riskfmt.compare``."""

    sources: tuple[str, str]
    report_ids: tuple[str, str]
    reporters: tuple[dict[str, str], dict[str, str]]
    linked: int  # how many of the two reports link the other as the same incident
    causes: list[CauseRow]
    roots: list[tuple[str, float | None, float | None]]
    tvd: float | None
    tvd_missing: str | None
    most_likely: tuple[list[str], list[str], str]
    settled: tuple[str, str, str]
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    harms: tuple[list[str], list[str], list[str]] = ([], [], [])
    systems: tuple[list[str], list[str], list[str]] = ([], [], [])
    history: dict[str, Any] | None = None
    marking: dict[str, str] | None = None  # the strictest label of either report: a diff quotes both

    @property
    def same_report(self) -> bool:
        return self.report_ids[0] == self.report_ids[1]

    @property
    def attribution_differs(self) -> bool:
        return bool(self.tvd) or self.most_likely[2] == "different" or self.settled[2] != "same" or any(
            row.a != row.b for row in self.causes)

    @property
    def differs(self) -> bool:
        return self.attribution_differs or bool(self.fields) or bool(self.harms[1] or self.harms[2]) or bool(
            self.systems[1] or self.systems[2])

    def gate(self, fail_on: str | None) -> bool:
        """True when the gate passes. ``difference``: any difference in the assessment, harms or systems;
        ``regression``: B, a version of the same report, does not keep A's history."""
        if fail_on is None:
            return True
        if fail_on == "difference":
            return not self.differs
        if fail_on == "regression":
            return self.history is None or not self.history["problems"]
        raise ValueError(f"unknown gate {fail_on!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "incident-report",
            "marking": self.marking,
            "a": {"source": self.sources[0], "report_id": self.report_ids[0], "reporter": self.reporters[0]},
            "b": {"source": self.sources[1], "report_id": self.report_ids[1], "reporter": self.reporters[1]},
            "same_report": self.same_report,
            "linked": self.linked,
            "attribution": {
                "total_variation_distance": self.tvd,
                "broadest_causes": [{"cause": c, "a": a, "b": b} for c, a, b in self.roots],
                "most_likely": {"a": self.most_likely[0], "b": self.most_likely[1], "agreement": self.most_likely[2]},
                "settled": {"a": self.settled[0], "b": self.settled[1], "agreement": self.settled[2]},
            },
            # one item per cause, in the shape of evaluation-report diff pairs
            "pairs": [{"risk": None, "metric": "likelihood", "cause": r.cause, "a": r.a, "b": r.b,
                       "difference": None if r.difference is None else round(r.difference, 12), "significant": None}
                      for r in self.causes],
            "fields": [{"field": f, "a": a, "b": b} for f, a, b in self.fields],
            "harms": {"shared": self.harms[0], "only_a": self.harms[1], "only_b": self.harms[2]},
            "systems": {"shared": self.systems[0], "only_a": self.systems[1], "only_b": self.systems[2]},
            "history": self.history,
        }

    def render(self, fmt: str, lang: str) -> str:
        """``text`` (terminal) or ``markdown``, headings and words in ``lang``."""
        md = fmt == "markdown"
        lines: list[str] = []

        def heading(text: str, level: int = 2) -> None:
            lines.extend([("#" * level + " " + text) if md else text, ""])

        def table(header: list[str], rows: list[list[str]]) -> None:
            if md:
                lines.append("| " + " | ".join(header) + " |")
                lines.append("|" + "---|" * len(header))
                lines.extend("| " + " | ".join(r) + " |" for r in rows)
            else:
                widths = [max(_width(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
                for row in [header, *rows]:
                    lines.append("  " + "  ".join(str(x) + " " * (w - _width(str(x)))
                                                  for x, w in zip(row, widths, strict=True)).rstrip())
            lines.append("")

        heading(_t("title", lang), 1)
        if self.marking is not None:
            lines += [f"TLP:{self.marking['tlp']}", ""]
        if self.same_report:
            lines += [_t("same_report", lang, id=self.report_ids[0]), ""]
        else:
            lines += [_t("two_reports", lang, a=self.report_ids[0], b=self.report_ids[1],
                         ra=_pick(self.reporters[0], lang), rb=_pick(self.reporters[1], lang)),
                      _t("linked" if self.linked == 2 else "linked_one" if self.linked else "not_linked", lang), ""]
        heading(_t("attribution", lang))
        if self.tvd is None:
            lines += [_t("tvd_none", lang, why=self.tvd_missing), ""]
        else:
            lines += [_t("tvd", lang, tvd=f"{self.tvd:.3f}"), ""]
            table([_t("cause", lang), "A", "B", _t("difference", lang)],
                  [[_cause_label(c, lang), _num(a), _num(b), _num(None if a is None or b is None else b - a, True)]
                   for c, a, b in self.roots])
        if self.causes:
            table([_t("cause", lang), "A", "B", _t("difference", lang)],
                  [[_cause_label(r.cause, lang), r.a_shown or "—", r.b_shown or "—", _num(r.difference, True)]
                   for r in self.causes])
        a_ml, b_ml, agreement = self.most_likely
        lines.append(_t("most_likely", lang, a=", ".join(a_ml) or "—", b=", ".join(b_ml) or "—",
                        agreement=_t(agreement, lang)))
        lines.append(_t("settled", lang, a=self.settled[0], b=self.settled[1], agreement=_t(self.settled[2], lang)))
        lines.append("")
        if self.fields:
            heading(_t("fields", lang))
            table([_t("field", lang), "A", "B"], [[f, _value(a), _value(b)] for f, a, b in self.fields])
        none = _t("none", lang)
        lines.append(_t("harms", lang, shared=", ".join(self.harms[0]) or none, a=", ".join(self.harms[1]) or none,
                        b=", ".join(self.harms[2]) or none))
        lines.append(_t("systems", lang, shared=len(self.systems[0]), a=len(self.systems[1]), b=len(self.systems[2])))
        lines.append("")
        if self.history is not None:
            heading(_t("history", lang))
            if self.history["problems"]:
                lines.append(_t("history_bad", lang, problems="; ".join(
                    p["message_zh" if lang == "zh" else "message"] for p in self.history["problems"])))
            else:
                lines.append(_t("history_ok", lang, kept=self.history["kept"], added=self.history["appended"]))
            lines.append("")
        if not self.differs and (self.history is None or not self.history["problems"]):
            lines.append(_t("no_differences", lang))
        return "\n".join(lines).rstrip() + "\n"


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two, so tables stay aligned in both languages."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cause_label(cause: str, lang: str) -> str:
    if cause == "(unassigned)":
        return _t("unassigned", lang)
    concept = load_vocabulary().by_token("attribution", cause)
    return f"{cause} ({concept.label(lang)})" if concept is not None else cause


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "/".join(str(v) for v in value.values() if not isinstance(v, dict))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


# --------------------------------------------------------------------------------------------------


def _vocab(doc: dict[str, Any]) -> Vocabulary:
    from riskfmt.vocab import known_version

    version = doc.get("vocabulary_version")
    return load_vocabulary(version if isinstance(version, str) and known_version(version) else None)


def _hypotheses(doc: dict[str, Any], vocab: Vocabulary) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for hypothesis in (doc.get("attribution") or {}).get("hypotheses", []):
        if vocab.by_token("attribution", hypothesis["cause"]) is not None:
            out.setdefault(hypothesis["cause"], hypothesis)
    return out


def _broadest(vocab: Vocabulary, hypotheses: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Probability of each broadest cause: its own likelihood, else what its narrower hypotheses add up to."""
    roots = lk.hierarchy(vocab, enumerate(hypotheses.values()), value=lk.point)
    out: dict[str, float] = {}
    for node in roots:
        out[lk.top(vocab, node.cause)] = out.get(lk.top(vocab, node.cause), 0.0) + node.best()[0]
    total = sum(out.values())
    if total > 1:  # an invalid report (RF654); compare its proportions rather than refuse
        out = {k: v / total for k, v in out.items()}
    return out


def _finest(vocab: Vocabulary, hypotheses: dict[str, dict[str, Any]]) -> list[str]:
    """The most likely causes among those no other stated hypothesis refines."""
    leaves = {c: h for c, h in hypotheses.items()
              if not any(c in lk.ancestors(vocab, other) for other in hypotheses if other != c)}
    if not leaves:
        return []
    best = max(lk.point(h) for h in leaves.values())
    return sorted(c for c, h in leaves.items() if abs(lk.point(h) - best) <= lk.EPSILON)


def _agreement(vocab: Vocabulary, a: list[str], b: list[str]) -> str:
    if not a or not b:
        return "unknown"
    if set(a) == set(b):
        return "same"
    if any(lk.related(vocab, x, y) for x in a for y in b):
        return "compatible"
    return "different"


def _order(vocab: Vocabulary, cause: str) -> tuple[str, int, str]:
    above = lk.ancestors(vocab, cause)
    return (above[-1] if above else cause, len(above), cause)


def _get(doc: dict[str, Any], path: str) -> Any:
    node: Any = doc
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, list):
        return sorted(node)
    return node


def _reporter(doc: dict[str, Any]) -> dict[str, str]:
    return dict(((doc.get("reporter") or {}).get("organization") or {}).get("name") or {})


def _pick(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text.get("en") or text.get("zh") or "?"


def _links(doc: dict[str, Any], other_id: str) -> bool:
    return any(link.get("report_id") == other_id and link.get("relation") == "same_incident"
               for link in (doc.get("links") or {}).get("incident_reports", []))


def _digests(doc: dict[str, Any]) -> set[str]:
    return {d["digest"] for s in doc.get("systems", []) for d in s.get("digests", [])}


def diff_incidents(a: dict[str, Any], b: dict[str, Any], *, sources: tuple[str, str], options: Any = None
                   ) -> IncidentDiff:
    """Compare two incident reports (parsed, ideally validated). ``options`` is accepted for the shared
    differ interface; incident comparisons use none of the statistical options.

    .. versionadded:: 0.1
    """
    vocab = _vocab(a)
    ha, hb = _hypotheses(a, vocab), _hypotheses(b, vocab)
    rows = [CauseRow(c, lk.point(ha[c]) if c in ha else None, lk.point(hb[c]) if c in hb else None,
                     lk.show(ha[c]) if c in ha else None, lk.show(hb[c]) if c in hb else None)
            for c in sorted(set(ha) | set(hb), key=lambda c: _order(vocab, c))]
    tvd: float | None = None
    missing = " and ".join(x for x, h in (("A", ha), ("B", hb)) if not h) or None
    roots: list[tuple[str, float | None, float | None]] = []
    if missing is None:
        pa, pb = _broadest(vocab, ha), _broadest(vocab, hb)
        tops = [c.token for c in vocab.in_scheme("attribution") if c.broader is None]
        for cause in sorted(tops):
            if cause in pa or cause in pb:
                roots.append((cause, round(pa.get(cause, 0.0), 12), round(pb.get(cause, 0.0), 12)))
        rest_a, rest_b = max(0.0, 1 - sum(pa.values())), max(0.0, 1 - sum(pb.values()))
        if rest_a > lk.EPSILON or rest_b > lk.EPSILON:
            roots.append(("(unassigned)", round(rest_a, 12), round(rest_b, 12)))
        tvd = round(0.5 * sum(abs((x or 0.0) - (y or 0.0)) for _, x, y in roots), 12)
    settled_a, settled_b = a["attribution"]["cause"], b["attribution"]["cause"]
    settled = (settled_a, settled_b, "same" if settled_a == settled_b else
               "compatible" if lk.related(vocab, settled_a, settled_b) else "different")
    most_a, most_b = _finest(vocab, ha), _finest(vocab, hb)
    fields = [(f, _get(a, f), _get(b, f)) for f in _FIELDS if _get(a, f) != _get(b, f)]
    risks_a = {r for h in a.get("harms", []) for r in h["risks"]}
    risks_b = {r for h in b.get("harms", []) for r in h["risks"]}
    digests_a, digests_b = _digests(a), _digests(b)
    history = None
    if a.get("report_id") == b.get("report_id"):
        from riskfmt.incident.history import check_history

        problems = check_history(a, b, sources[1])
        history = {"kept": min(len(a["timeline"]), len(b["timeline"])),
                   "appended": max(0, len(b["timeline"]) - len(a["timeline"])),
                   "problems": [{"code": f.code, "pointer": f.location.pointer, "message": f.message("en"),
                                 "message_zh": f.message("zh")} for f in problems]}
    return IncidentDiff(
        sources=sources, report_ids=(a["report_id"], b["report_id"]), reporters=(_reporter(a), _reporter(b)),
        linked=int(_links(a, b["report_id"])) + int(_links(b, a["report_id"])),
        causes=rows, roots=roots, tvd=tvd, tvd_missing=missing,
        most_likely=(most_a, most_b, _agreement(vocab, most_a, most_b)), settled=settled, fields=fields,
        harms=(sorted(risks_a & risks_b), sorted(risks_a - risks_b), sorted(risks_b - risks_a)),
        systems=(sorted(digests_a & digests_b), sorted(digests_a - digests_b), sorted(digests_b - digests_a)),
        history=history, marking=_marking(a, b),
    )


def _marking(a: dict[str, Any], b: dict[str, Any]) -> dict[str, str] | None:
    from riskfmt.integrity.markings import combine

    return combine(a, b)
