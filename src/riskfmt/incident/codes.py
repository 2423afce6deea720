"""Finding codes of incident reports (RF650-RF699; RF845-RF849 for comparing versions), merged into
``riskfmt.codes.CODES``.

Where a rule means the same as an evaluation-report rule, the shared code is used instead (RF505 dates out of
order, RF506 duplicate id, RF513 placeholder digest, RF601/RF609 conversion losses).
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

__all__ = ["TABLE"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_C = "incident"

TABLE: list[CodeSpec] = [
    # ---- filling in a skeleton --------------------------------------------------------------------
    CodeSpec("RF650", _C, E, "placeholder",
             "Placeholder not filled in: {value}"),
    # ---- vocabulary ---------------------------------------------------------------------------------
    CodeSpec("RF651", _C, E, "unknown-concept",
             "Unknown {scheme} \"{id}\" in vocabulary {version}{suggestion}"),
    CodeSpec("RF652", _C, E, "unknown-severity-scale",
             "Unknown severity scale \"{scale}\" (scales: {known})"),
    CodeSpec("RF653", _C, E, "severity-not-on-scale",
             "\"{level}\" is not a level of severity scale {scale} (levels: {levels})"),
    # ---- attribution --------------------------------------------------------------------------------
    CodeSpec("RF654", _C, E, "exclusive-likelihoods-exceed-one",
             "Likelihoods of mutually exclusive hypotheses add up to {total}, more than 1: {hypotheses}"),
    CodeSpec("RF655", _C, E, "narrower-more-likely-than-broader",
             "Narrower hypotheses ({narrower}) add up to {total}, "
             "more than their broader hypothesis {broader} ({likelihood})"),
    CodeSpec("RF656", _C, E, "likelihood-outside-estimate",
             "Likelihood {likelihood} lies outside the range of \"{estimate}\" ({low}-{high})"),
    CodeSpec("RF657", _C, E, "duplicate-hypothesis",
             "Cause {cause} has more than one hypothesis (first at {first})"),
    CodeSpec("RF658", _C, E, "settled-cause-without-hypothesis",
             "Settled cause {cause} matches none of the hypotheses; "
             "add its hypothesis with the evidence, or set the cause to undetermined"),
    CodeSpec("RF659", _C, E, "settled-cause-less-likely",
             "Settled cause {cause} ({likelihood}) is less likely "
             "than the exclusive hypothesis {other} ({other_likelihood})"),
    CodeSpec("RF660", _C, W, "hypothesis-without-evidence",
             "Hypothesis {cause} gives no evidence for or against it"),
    CodeSpec("RF661", _C, W, "concluded-undetermined-without-rationale",
             "The incident is concluded with the cause undetermined, but no rationale says why it could not be "
             "settled"),
    CodeSpec("RF662", _C, E, "status-contradicts-event-type",
             "Status near_miss contradicts event type {event}: in an incident harm occurred"),
    CodeSpec("RF663", _C, W, "evaluation-finding-in-incident-report",
             "Event type evaluation-finding describes a failure under test; it belongs in an evaluation report"),
    CodeSpec("RF664", _C, E, "invalid-date",
             "{value} is not a valid calendar date or time"),
    # ---- timeline (append-only history) --------------------------------------------------------------
    CodeSpec("RF666", _C, E, "assessed-after-entry",
             "Assessment dated {assessed} is later than the timeline entry {seq} that records it ({date})"),
    CodeSpec("RF667", _C, E, "timeline-sequence",
             "Timeline entry has seq {found}, expected {expected}: entries are numbered 1, 2, 3, ... without gaps"),
    CodeSpec("RF668", _C, E, "timeline-date-order",
             "Timeline entry {seq} is dated {date}, before entry {prev_seq} ({prev_date}); entries are only appended"),
    CodeSpec("RF669", _C, E, "timeline-chain-missing",
             "Timeline entry {seq} does not pin the entry before it; expected previous: {expected}"),
    CodeSpec("RF670", _C, E, "timeline-first-entry-has-previous",
             "The first timeline entry pins a previous entry ({found}): earlier history was removed"),
    CodeSpec("RF671", _C, E, "timeline-chain-broken",
             "History was rewritten: entry {seq} pins {found}, but the entry before it now hashes to {expected}; "
             "entry {prev_seq} was edited or an entry was removed"),
    CodeSpec("RF672", _C, E, "initial-assessment-incomplete",
             "The first timeline entry does not state the initial {field}"),
    CodeSpec("RF673", _C, E, "current-differs-from-timeline",
             "Current {field} differs from the one the latest timeline entry stating it gives (entry {seq}); "
             "revise it with riskfmt incident update"),
    CodeSpec("RF674", _C, E, "current-not-in-timeline",
             "Current {field} is stated by no timeline entry"),
    CodeSpec("RF675", _C, E, "self-link",
             "The report links to itself ({report_id})"),
    # ---- one version against the previous one -------------------------------------------------------
    CodeSpec("RF680", _C, E, "history-entry-removed",
             "Timeline entry {seq} of the previous version is missing: an update never removes history"),
    CodeSpec("RF681", _C, E, "history-entry-edited",
             "Timeline entry {seq} differs from the previous version ({fields} changed): an update never edits "
             "history"),
    CodeSpec("RF682", _C, E, "report-id-changed",
             "report_id changed from {old} to {new}: an update keeps the report's id"),
    CodeSpec("RF683", _C, E, "update-refused",
             "Not written: {reason}"),
    CodeSpec("RF845", _C, E, "changed-outside-timeline",
             "{field} differs from the previous version, and no timeline entry can record that: an update only "
             "appends entries (and revises the assessment through them)"),
    CodeSpec("RF846", _C, E, "history-marking-lowered",
             "The marking of {where} is TLP:{after}, lower than TLP:{before} in the previous version: a later "
             "version of a report never carries a weaker label"),
    CodeSpec("RF847", _C, E, "history-timeline-unreadable",
             "The {which} version's timeline is not a list of entries (found {found}): the two histories cannot "
             "be compared entry by entry"),
    # ---- AI Incident Database and CSET classifications ----------------------------------------------
    CodeSpec("RF690", _C, W, "source-value-not-mapped",
             "{field} \"{value}\" ({origin}) has no riskfmt equivalent and was not carried over"),
    CodeSpec("RF691", _C, W, "classification-without-record",
             "No AIID incident record for incident {incident} among the inputs; "
             "converted from its classification alone"),
    CodeSpec("RF692", _C, INFO, "source-does-not-settle-cause",
             "{origin} {field} \"{value}\" does not settle the cause; the attribution says undetermined"),
    CodeSpec("RF693", _C, W, "classifications-disagree",
             "Classifications of incident {incident} disagree on {field}: {values}; the report follows {kept}"),
]
