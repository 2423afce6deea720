"""``riskfmt convert --from aiid``: AI Incident Database records and CSET classifications as incident reports.

Reads JSON as the AIID's GraphQL API returns it (``data.incident``, ``data.incidents``,
``data.classifications``), bare incident or classification objects or lists of them, and the database's own
field spelling ("Alleged deployer of AI system"). A file or a folder of such files; records and
classifications of the same incident are joined into one report.

What maps: the record's title, description, date, alleged developers and deployers and its reports (as
sources); from CSET (v0 and v1) the harm/near-miss/issue distinction (event type), the intent fields
(attribution), severity (v0), the sector of deployment (ISIC sections), the country (v1), the date and the
system description. Everything else present in the source is reported as a finding naming the field.
Neither the AIID nor CSET records who concluded what when, or likelihoods: converted attributions are a
settled cause or ``undetermined``, never hypotheses.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.findings import Finding

__all__ = ["AiidConverter", "report_id_for"]

TOOL = "AIID"
CITE = "https://incidentdatabase.ai/cite/{id}/"
REPORT = "https://incidentdatabase.ai/reports/{n}/"

# AIID bookkeeping with no meaning for the incident itself: dropped without a finding
_INTERNAL = {"_id", "__typename", "embedding", "nlp_similar_incidents", "editor_similar_incidents",
             "editor_dissimilar_incidents", "flagged_dissimilar_incidents", "editors", "editor_notes", "tsne",
             "epoch_date_modified", "created_at", "incidents", "publish", "notes", "namespace", "attributes",
             "classifications"}
_MAPPED_RECORD = {"incident_id", "title", "description", "date", "reports", "alleged_deployer_of_ai_system",
                  "alleged_developer_of_ai_system", "implicated_systems"}

# ---- CSET values --------------------------------------------------------------------------------------
_V0_EVENT = {"harm caused": "incident", "near miss": "near-miss"}
_V1_EVENT = {"ai tangible harm event": "incident", "ai tangible harm near-miss": "near-miss",
             "ai tangible harm issue": "hazard", "tangible harm definitively occurred": "incident",
             "imminent risk of tangible harm (near miss) did occur": "near-miss",
             "non-imminent risk of tangible harm (an issue) occurred": "hazard"}
_V0_SEVERITY = {"negligible": "negligible", "minor": "minor", "moderate": "moderate", "severe": "major",
                "critical": "critical"}
_V0_INTENT = {"accident": "accident", "deliberate or expected": "intentional"}
_V1_INTENT = {"yes. intentionally designed to perform harm and did create intended harm": "intentional",
              "yes. intentionally designed to perform harm but created an unintended harm (a different harm may "
              "have occurred)": "intentional"}
_ISIC = {
    "agriculture, forestry and fishing": "A", "mining and quarrying": "B", "manufacturing": "C",
    "electricity, gas, steam and air conditioning supply": "D", "water supply": "E", "construction": "F",
    "wholesale and retail trade": "G", "transportation and storage": "H",
    "accommodation and food service activities": "I", "information and communication": "J",
    "financial and insurance activities": "K", "real estate activities": "L",
    "professional, scientific and technical activities": "M", "administrative and support service activities": "N",
    "public administration": "O", "public administration and defence": "O", "defense": "O", "defence": "O",
    "law enforcement": "O", "education": "P", "human health and social work activities": "Q",
    "arts, entertainment and recreation": "R", "other service activities": "S",
    "activities of households as employers": "T", "activities of extraterritorial organizations and bodies": "U",
}
# CSET fields this converter reads (normalised names); all others with a value are reported
_CSET_READ = {"nearmiss", "tangibleharm", "aiharmlevel", "severity", "intent", "intentionalharm",
              "sectorofdeployment", "locationcountrytwoletters", "beginningdate", "dateofincidentyear",
              "dateofincidentmonth", "dateofincidentday", "fulldescription", "shortdescription",
              "aisystemdescription", "systemdeveloper", "technologypurveyor", "annotator", "incidentnumber",
              "harmtype", "rightsviolation", "protectedcharacteristic", "detrimentalcontent", "involvingminor"}
# Harms come from the riskfmt CSET crosswalk (schemas/vocab/mappings/cset-aiid-harm.sssom.tsv, vocabulary 1.1): its
# subject labels are the CSET values, so the crosswalk is the one table. CSETv1 yes/no fields name a harm type too.
HARM_PREFIX = "cset_harm"
_V1_YES_FIELDS = {"rightsviolation": "v1.rights-violation", "protectedcharacteristic": "v1.protected-characteristic",
                  "detrimentalcontent": "v1.detrimental-content", "involvingminor": "v1.involving-minor"}
# workflow fields of the annotation tool, not statements about the incident
_CSET_WORKFLOW = {"annotationstatus", "reviewer", "peerreviewer", "qualitycontrol", "publish", "estimateddate"}


def _explained(name: str, english: str) -> dict[str, Any]:
    """A finding's parameter ``name`` and its ``name_zh``, the Chinese from riskfmt/i18n/zh_CN.po (msgctxt
    "conversion")."""
    from riskfmt.i18n.text import translate

    return {name: english, f"{name}_zh": translate(english, "zh", "conversion")}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or value is False


def report_id_for(incident_id: int | str) -> str:
    """The same AIID incident always converts to the same report id, so reports by others can link to it."""
    return "rfi-" + hashlib.sha256(f"aiid:incident:{incident_id}".encode()).hexdigest()[:32]


@dataclass
class _Classification:
    namespace: str
    values: dict[str, Any]  # normalised name -> decoded value
    names: dict[str, str]  # normalised name -> name as the source spells it
    source: str

    @property
    def v1(self) -> bool:
        return self.namespace.casefold().startswith("csetv1")

    @property
    def rank(self) -> tuple[int, str]:
        # the merged CSETv1 record first, then CSET v0, then single annotators' drafts
        ns = self.namespace
        return (0 if ns == "CSETv1" else 1 if ns == "CSET" else 2, ns)


@dataclass
class _Incident:
    incident_id: int
    record: dict[str, Any] | None = None
    record_source: str | None = None
    classifications: list[_Classification] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)


def _classification(node: dict[str, Any], source: str) -> tuple[list[int], _Classification]:
    values: dict[str, Any] = {}
    names: dict[str, str] = {}
    if isinstance(node.get("attributes"), list):
        for attribute in node["attributes"]:
            raw = attribute.get("value_json")
            try:
                value = json.loads(raw) if isinstance(raw, str) else raw
            except ValueError:
                value = raw
            values[_key(attribute.get("short_name", ""))] = value
            names[_key(attribute.get("short_name", ""))] = attribute.get("short_name", "")
    elif isinstance(node.get("classifications"), dict):
        for name, value in node["classifications"].items():
            if name != "__typename":
                values[_key(name)], names[_key(name)] = value, name
    ids: list[object] = []  # as the data has them: numbers, digit strings, or anything else (skipped)
    for item in node.get("incidents") or []:
        ids.append(item["incident_id"] if isinstance(item, dict) else item)
    if "incident_id" in node:
        ids.append(node["incident_id"])
    return [int(i) for i in ids if isinstance(i, (int, str)) and str(i).isdigit()], _Classification(
        str(node.get("namespace", "")), values, names, source)


def _walk(node: Any, source: str, incidents: dict[int, _Incident], others: list[tuple[str, str]]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, source, incidents, others)
        return
    if not isinstance(node, dict):
        return
    if "namespace" in node and ("attributes" in node or "classifications" in node):
        ids, classification = _classification(node, source)
        if not classification.namespace.casefold().startswith("cset"):
            others.append((source, classification.namespace))
            return
        for incident_id in ids:
            incidents.setdefault(incident_id, _Incident(incident_id)).classifications.append(classification)
        return
    if "incident_id" in node and any(k in node for k in ("title", "description", "date")):
        entry = incidents.setdefault(int(node["incident_id"]), _Incident(int(node["incident_id"])))
        entry.record, entry.record_source = node, source
        return
    for value in node.values():
        _walk(value, source, incidents, others)


_SNIFF_BYTES = 65536  # detection reads at most this much of a file
_SNIFF_FILES = 200  # and looks at no more than this many files of a folder
_CSET_NAMESPACE = re.compile(rb'"namespace"\s*:\s*"CSET')
_RECORD_FIELDS = (b"AllegedDeployerOfAISystem", b"Alleged deployer of AI system", b'"alleged_deployer_of_ai_system"',
                  b"AllegedDeveloperOfAISystem", b'"alleged_developer_of_ai_system"')


def _looks_like_aiid(head: bytes) -> bool:
    """AIID content in the first bytes of a file, whatever its name: an incident record (``incident_id`` with the
    database's alleged-deployer/developer fields) or a CSET classification (``"namespace": "CSET..."``)."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):  # JSON, whatever the name says
        return False
    if _CSET_NAMESPACE.search(head):
        return b'"incident_id"' in head or b'"short_name"' in head or b'"classifications"' in head
    return b'"incident_id"' in head and any(field in head for field in _RECORD_FIELDS)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_SNIFF_BYTES)


def _files(path: Path) -> list[Path]:
    """The file itself, or the files of a folder whose content looks like AIID data (any name or extension)."""
    if not path.is_dir():
        return [path]
    found = []
    for index, candidate in enumerate(sorted(path.iterdir())):
        if index >= _SNIFF_FILES:
            break
        try:
            if candidate.is_file() and _looks_like_aiid(_head(candidate)):
                found.append(candidate)
        except OSError:
            continue
    return found


class AiidConverter:
    """AI Incident Database incident records and CSET classifications (JSON)."""

    name: ClassVar[str] = "aiid"
    title: ClassVar[str] = "AI Incident Database records and CSET classifications"

    def sniff(self, path: Path) -> bool:
        """By content (at most 64 KiB of each of up to 200 files), never by name; never raises."""
        try:
            if path.is_dir():
                return bool(_files(path))
            return path.is_file() and _looks_like_aiid(_head(path))
        except Exception:
            return False

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        from riskfmt.loading import load_bytes

        incidents: dict[int, _Incident] = {}
        others: list[tuple[str, str]] = []
        problems: list[Finding] = []
        for file in _files(path):
            data = file.read_bytes()
            document = load_bytes(data, str(file))
            if not document.parsed:
                problems.extend(document.findings)
                continue
            before = {k: len(v.classifications) + (v.record is not None) for k, v in incidents.items()}
            _walk(document.data, str(file), incidents, others)
            for incident in incidents.values():
                if len(incident.classifications) + (incident.record is not None) != before.get(incident.incident_id, 0):
                    incident.sources.append(file)
        extra = [Finding.make("RF601", source, field=f"classification namespace {ns}", tool=TOOL,
                              **_explained("why", ": only CSET classifications are mapped"))
                 for source, ns in others]
        if not incidents:
            yield Converted(str(path), None, problems + extra + [Finding.make(
                "RF607", str(path), path=str(path), tool=self.name,
                detail="no AIID incident record or CSET classification found")])
            return
        for index, incident_id in enumerate(sorted(incidents)):
            converted = _convert(incidents[incident_id], options)
            if index == 0:
                converted.findings[:0] = problems + extra
            yield converted


# --------------------------------------------------------------------------------------------------


def _names(value: Any) -> list[str]:
    """Entity lists come as [{entity_id, name}], as names, or as entity ids."""
    out = []
    for item in value or []:
        name = item.get("name") or item.get("entity_id") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    return out


def _date(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


@dataclass
class _Mapped:
    """What one classification says, in riskfmt terms, with the findings of mapping it."""

    event_type: str | None = None
    cause: str | None = None
    cause_source: str = ""
    severity: str | None = None
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    occurred: str | None = None
    description: str | None = None
    short: str | None = None
    system: str | None = None
    developers: list[str] = field(default_factory=list)
    deployers: list[str] = field(default_factory=list)
    harm_types: list[tuple[str, str, str]] = field(default_factory=list)  # (field as spelled, value, code or "")
    findings: list[Finding] = field(default_factory=list)


def _map_classification(c: _Classification, iid: int) -> _Mapped:
    v, src, out = c.values, c.source, _Mapped()
    label = f"incident {iid} {c.namespace}"

    def unmapped(name: str, value: Any) -> None:
        out.findings.append(Finding.make("RF690", src, field=f"{label} {c.names.get(name, name)}",
                                         value=value, origin=TOOL))

    def text(name: str) -> str:
        value = v.get(name)
        return value.strip() if isinstance(value, str) else ""

    if c.v1:
        level = text("aiharmlevel") or text("tangibleharm")
        name = "aiharmlevel" if text("aiharmlevel") else "tangibleharm"
        if level:
            out.event_type = _V1_EVENT.get(level.casefold())
            if out.event_type is None:
                unmapped(name, level)
        intent = text("intentionalharm")
        if intent:
            out.cause = _V1_INTENT.get(intent.casefold())
            out.cause_source = f"{c.names.get('intentionalharm')}: {intent}"
            if out.cause is None:
                out.findings.append(Finding.make("RF692", src, origin=label, field=c.names.get("intentionalharm"),
                                                 value=intent))
        country = text("locationcountrytwoletters").upper()
        if re.fullmatch(r"[A-Z]{2}", country):
            out.countries = [country]
        elif country:
            unmapped("locationcountrytwoletters", country)
        y, m, d = text("dateofincidentyear"), text("dateofincidentmonth"), text("dateofincidentday")
        if y and m and d and re.fullmatch(r"\d{4}", y):
            out.occurred = f"{y}-{m.zfill(2)}-{d.zfill(2)}"
    else:
        near = text("nearmiss")
        if near:
            out.event_type = _V0_EVENT.get(near.casefold())
            if out.event_type is None:
                unmapped("nearmiss", near)
        intent = text("intent")
        if intent:
            out.cause = _V0_INTENT.get(intent.casefold())
            out.cause_source = f"{c.names.get('intent')}: {intent}"
            if out.cause is None:
                out.findings.append(Finding.make("RF692", src, origin=label, field=c.names.get("intent"), value=intent))
        severity = text("severity")
        if severity:
            out.severity = _V0_SEVERITY.get(severity.casefold())
            if out.severity is None:
                unmapped("severity", severity)
        out.occurred = _date(v.get("beginningdate"))
        out.short, out.description = text("shortdescription") or None, text("fulldescription") or None
        out.developers = _names(v.get("systemdeveloper"))
        out.deployers = _names(v.get("technologypurveyor"))
    for name, harm_code in _V1_YES_FIELDS.items():
        if c.v1 and text(name).casefold() == "yes":
            out.harm_types.append((c.names.get(name, name), "yes", harm_code))
    if c.v1:  # each harmed entity has its own Harm Type Experienced
        for entity in v.get("entities") or [] if isinstance(v.get("entities"), list) else []:
            for attribute in (entity.get("attributes") or []) if isinstance(entity, dict) else []:
                name = _key(str(attribute.get("short_name", ""))) if isinstance(attribute, dict) else ""
                if name != "harmtypeexperienced":
                    continue
                raw = attribute.get("value_json")
                try:
                    value = json.loads(raw) if isinstance(raw, str) else raw
                except ValueError:
                    value = raw
                if isinstance(value, str) and value.strip() and value.strip().casefold() != "not applicable":
                    out.harm_types.append(("Harm Type Experienced", value.strip(), ""))
    else:
        harm_types = v.get("harmtype") or []
        for value in harm_types if isinstance(harm_types, list) else [harm_types]:
            if isinstance(value, str) and value.strip():
                out.harm_types.append((c.names.get("harmtype", "Harm Type"), value.strip(), ""))
    sectors = v.get("sectorofdeployment") or []
    for sector in sectors if isinstance(sectors, list) else [sectors]:
        code = _ISIC.get(str(sector).strip().casefold())
        if code is None:
            unmapped("sectorofdeployment", sector)
        elif code not in out.sectors:
            out.sectors.append(code)
    out.system = text("aisystemdescription") or None
    for name in sorted(c.names.get(k, k) for k, value in v.items()
                       if k not in _CSET_READ and k not in _CSET_WORKFLOW and not _empty(value)):
        out.findings.append(Finding.make("RF601", src, field=f"{label} {name}", tool=TOOL, why="", why_zh=""))
    return out


def _harm_code(crosswalk: Any, field_key: str, value: str) -> str | None:
    """The crosswalk code of a CSET harm value: by subject label (the CSET value) within v0 or v1."""
    group = "v1." if field_key != "harmtype" else "v0."
    for subject, mappings in crosswalk.by_subject.items():
        prefix, _, local = subject.partition(":")
        if prefix == HARM_PREFIX and local.startswith(group) and mappings \
                and mappings[0].subject_label.casefold() == value.casefold():
            return str(local)
    return None


def _harms(mapped: _Mapped, iid: int, version: str, source: str, findings: list[Finding]) -> list[dict[str, Any]]:
    """Harms of the incident from its CSET harm types, through the crosswalk of the cited vocabulary."""
    from riskfmt.mappings import load_crosswalk

    if not mapped.harm_types:
        return []
    crosswalk = load_crosswalk(version)
    if not any(s.split(":", 1)[0] == HARM_PREFIX for s in crosswalk.by_subject):
        findings.append(Finding.make("RF645", source, incident=iid, version=version,
                                     values=", ".join(sorted({value for _, value, _ in mapped.harm_types}))))
        return []
    harms: list[dict[str, Any]] = []
    seen: set[str] = set()
    for field_name, value, given in mapped.harm_types:
        code = given or _harm_code(crosswalk, _key(field_name), value) or ""
        if not code or code in seen:
            if not code:
                findings.append(Finding.make("RF690", source, field=f"incident {iid} CSET {field_name}", value=value,
                                             origin=TOOL))
            continue
        seen.add(code)
        rows = crosswalk.resolve(f"{HARM_PREFIX}:{code}")
        strong = [m for m in rows if m.concept and m.predicate_id != "skos:relatedMatch"]
        chosen = strong or [m for m in rows if m.concept]
        if not chosen:  # sssom:NoTermFound: riskfmt has no risk concept for this consequence
            findings.append(Finding.make("RF690", source, field=f"incident {iid} CSET {field_name}", value=value,
                                         origin=TOOL))
            continue
        risks = list(dict.fromkeys(m.concept for m in chosen if m.concept))
        predicate = ", ".join(sorted({m.predicate_id for m in chosen}))
        findings.append(Finding.make("RF646", source, incident=iid, field=f"CSET {field_name}", value=value,
                                     risks=", ".join(risks), predicate=predicate))
        shown = field_name if value == "yes" else f"{field_name}: {value}"
        harms.append({"id": f"harm-{len(harms) + 1}", "risks": risks,
                      "description": {"en": f"CSET {shown} (riskfmt crosswalk {HARM_PREFIX}:{code}, {predicate})"}})
    return harms


def _convert(incident: _Incident, options: ConvertOptions) -> Converted:
    from riskfmt import __version__
    from riskfmt.vocab import latest_version

    iid = incident.incident_id
    source = incident.record_source or incident.classifications[0].source
    findings: list[Finding] = []
    record = incident.record or {}
    spelled = {_key(k).replace("allegeddeployerofaisystem", "alleged_deployer_of_ai_system")
               .replace("allegeddeveloperofaisystem", "alleged_developer_of_ai_system")
               .replace("allegedharmedornearlyharmedparties", "alleged_harmed_or_nearly_harmed_parties")
               .replace("implicatedsystems", "implicated_systems").replace("incidentid", "incident_id"): v
               for k, v in record.items()}
    if incident.record is None:
        findings.append(Finding.make("RF691", source, incident=iid))
    ranked = sorted(incident.classifications, key=lambda c: c.rank)
    mapped = [(c, _map_classification(c, iid)) for c in ranked]
    for _, m in mapped:
        findings.extend(m.findings)
    primary = mapped[0][1] if mapped else _Mapped()
    primary_ns = mapped[0][0].namespace if mapped else ""
    for name in ("event_type", "cause", "severity"):
        seen = {c.namespace: getattr(m, name) for c, m in mapped if getattr(m, name) is not None}
        if len(set(seen.values())) > 1:
            findings.append(Finding.make("RF693", source, incident=iid, field=name, kept=primary_ns,
                                         values=", ".join(f"{ns}: {value}" for ns, value in seen.items())))

    occurred = _date(record.get("date")) or primary.occurred
    if occurred is None:
        # An incident report needs dates (reported, the timeline, the assessment); none is known, and a placeholder
        # such as 1970-01-01 would be read as a fact. Refuse this incident and say why.
        findings.append(Finding.make("RF643", source, incident=iid))
        return Converted(source, None, findings)
    findings.append(Finding.make("RF609", source, field="when the incident was reported and assessed", tool=TOOL,
                                 value=occurred, **_explained("hint", " (the incident date)")))
    stamp = f"{occurred}T00:00:00Z"

    event_type = primary.event_type or "incident"
    if primary.event_type is None:
        findings.append(Finding.make("RF609", source, field="event type (harm or near miss)", tool=TOOL,
                                     value="incident", **_explained("hint", ": the AIID lists incidents")))
    status = "near_miss" if event_type in ("near-miss", "hazard") else "concluded"
    findings.append(Finding.make(
        "RF609", source, field="status", tool=TOOL, value=status,
        **_explained("hint", ": the source classifies it as no harm done" if status == "near_miss" else
                     ": a database record describes a past incident")))
    assessor = {"en": f"CSET annotators ({primary_ns}) via the AI Incident Database" if mapped
                else "AI Incident Database editors"}
    attribution: dict[str, Any] = {"cause": primary.cause or "undetermined", "assessed_by": assessor,
                                   "assessed": stamp}
    attribution["rationale"] = {"en": f"{primary_ns} classification, {primary.cause_source}" if primary.cause else
                                "The source records no settled cause."}
    if primary.cause is None and not mapped:
        findings.append(Finding.make("RF692", source, origin=TOOL, field="incident", value=iid))

    title = record.get("title") or primary.short or f"AIID incident {iid}"
    summary = record.get("description") or primary.short or primary.description or title
    report: dict[str, Any] = {
        "kind": "incident-report", "format_version": "1.0",
        "vocabulary_version": options.vocabulary_version or latest_version(),
        "report_id": report_id_for(iid),
        "title": {"en": title}, "summary": {"en": summary},
        "marking": {"tlp": options.tlp},
        "reporter": {"organization": {"name": {"en": "AI Incident Database (Responsible AI Collaborative)"},
                                      "id": "incidentdatabase.ai"}, "role": "incident_database"},
        "event_type": event_type, "status": status,
    }
    if primary.severity:
        report["severity"] = {"scale": "generic-5", "level": primary.severity}
    report["attribution"] = attribution
    report["dates"] = {"occurred": occurred, "reported": occurred}
    if primary.sectors:
        report["sectors"] = primary.sectors
    if primary.countries:
        report["countries"] = primary.countries
    developers = _names(spelled.get("alleged_developer_of_ai_system")) or primary.developers
    deployers = _names(spelled.get("alleged_deployer_of_ai_system")) or primary.deployers
    systems = _names(spelled.get("implicated_systems"))
    system: dict[str, Any] = {"id": "system-1", "role": "primary"}
    if systems:
        system["name"] = ", ".join(systems)
    if developers:
        system["developer"] = ", ".join(developers)
    if deployers:
        system["deployer"] = ", ".join(deployers)
    if primary.system:
        system["description"] = {"en": primary.system}
    if len(system) > 2 and any(k in system for k in ("name", "developer", "deployer")):
        report["systems"] = [system]
    sources = [{"url": CITE.format(id=iid), "title": {"en": f"AIID incident {iid}"}}]
    for item in record.get("reports") or []:
        number = item.get("report_number") if isinstance(item, dict) else item
        if isinstance(number, int):
            sources.append({"url": REPORT.format(n=number)})
    report["links"] = {"sources": sources}
    if primary.description and primary.description != summary:
        report["notes"] = {"en": primary.description}
    harmed = _names(spelled.get("alleged_harmed_or_nearly_harmed_parties"))
    version = report["vocabulary_version"]
    harms = _harms(primary, iid, version, source, findings)
    if harms:
        if harmed:
            for harm in harms:
                harm["affected"] = {"en": ", ".join(harmed)}
        report["harms"] = harms
    elif harmed:
        findings.append(Finding.make("RF601", source, field=f"incident {iid} Alleged harmed or nearly harmed parties",
                                     tool=TOOL,
                                     **_explained("why", ": harms need risk concepts, and no CSET harm type of "
                                                         "this incident maps to one")))
    known = {_key(x) for x in _INTERNAL | _MAPPED_RECORD} | {"allegedharmedornearlyharmedparties"}
    for name in sorted(k for k, v in record.items() if _key(k) not in known and not _empty(v)):
        findings.append(Finding.make("RF601", source, field=f"incident {iid} {name}", tool=TOOL, why="", why_zh=""))
    report["timeline"] = [{
        "seq": 1, "date": stamp, "author": assessor,
        "summary": {"en": f"Converted from AI Incident Database incident {iid}"
                          + (f" and CSET classification {', '.join(c.namespace for c in ranked)}" if ranked else "")},
        "assessment": {k: report[k] for k in ("event_type", "status", "severity", "attribution") if k in report},
    }]
    report["provenance"] = {
        "source_format": "aiid", "source_id": f"aiid:incident:{iid}",
        "source_digests": sorted({"sha256:" + hashlib.sha256(p.read_bytes()).hexdigest() for p in incident.sources}),
        "converter": f"riskfmt {__version__}",
    }
    from riskfmt.validation import validate_data

    findings.extend(validate_data(report, source).findings)  # a converter bug must show, not hide
    return Converted(source, report, findings)
