"""Every Eval Ever (EEE) aggregate records, in both directions.

EEE (``every-eval-ever``, schema 0.3.0) stores one aggregate record per evaluation run as
``data/<benchmark>/<developer>/<model>/<uuid>.json``, optionally with ``<uuid>_samples.jsonl`` instance rows
pinned by a checksum. Reading a record gives one riskfmt report; ``write_eee`` (``--to eee``) writes reports
back as records that validate against EEE's published JSON Schemas.

The two formats share most facts (producer, model, tool, task, metric, value, uncertainty, n, dates,
settings, judges, per-sample scores). What only one side has travels in the other side's extension point:

* EEE -> riskfmt: everything without a riskfmt field (``evaluation_id``, ``retrieved_timestamp``, all
  ``additional_details``, ``score_type``, ``sample_ids``, ``eval_plan``, ...) is kept, per record and per
  result, in ``report["extensions"]["every-eval-ever"]``. That residue never repeats a shared value as the
  truth: on export the shared fields always come from the riskfmt report, and the residue only fills in
  EEE-only fields or picks EEE's original spelling of a value that still means the same (an epoch string
  written as ``"1795431558.0"``, ``"proportion"`` for unit ``"1"``, a standard error without a method).
  ``evaluation_id`` embeds the retrieval time (EEE issue #270), so it is kept there and never becomes the
  riskfmt report id.
* riskfmt -> EEE: facts EEE has no field for (risk ids and their labels, the TLP marking, the report id,
  qualitative findings, thresholds, settings EEE lacks, ...) go into EEE's string-only ``additional_details``
  under ``riskfmt_`` keys, each loss reported as an RF601 finding; reading such a record restores them.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
import math
import re
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert._coerce import finite_number
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.guard import failed
from riskfmt.convert.sink import OutputError, emit
from riskfmt.convert.builder import ReportBuilder, local_id, sha256_text
from riskfmt.findings import Finding, Severity

__all__ = ["EXTENSION", "SCHEMA_VERSION", "EeeConverter", "export_record", "write_eee"]

EXTENSION = "every-eval-ever"
SCHEMA_VERSION = "0.3.0"
PREFIX = "riskfmt_"
_TOOL = "every-eval-ever"

_UUID4 = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$")
_EPOCH = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")
_LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
_INT = re.compile(r"^-?\d+$")
_UNC_METHODS = ("analytic", "binomial", "bootstrap", "clustered", "reported", "derived", "other")
_RELATIONSHIPS = ("first_party", "third_party", "collaborative", "other")
_TLP_ORDER = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
_SLICE_KEYS = ("split", "perturbation", "subgroup", "language", "locale")
# generation_args slots that hold a plain scalar, with the Python types EEE's schema accepts there
_GA_SCALARS: dict[str, tuple[type, ...]] = {
    "top_k": (int, float), "reasoning": (bool,), "execution_command": (str,), "prompt_template": (str,),
    "max_attempts": (int,), "incorrect_attempt_feedback": (str,),
}
_GA_MAPPED = ("temperature", "top_p", "max_tokens")
_INT_SETTINGS = ("num_fewshot", "seed", "epochs")
# EEE eval_library names -> riskfmt converter names, so a user task map scoped to a tool still applies
_TOOL_ALIASES = {"lm_eval": "lm-eval", "lm-evaluation-harness": "lm-eval", "inspect": "inspect",
                 "inspect_ai": "inspect", "helm": "helm", "crfm-helm": "helm"}
_SNIFF_ID = re.compile(rb'"(schema_version|evaluation_id|retrieved_timestamp)"\s*:\s*"')
_SNIFF_RISKFMT = re.compile(rb'"kind"\s*:\s*"evaluation-report"')
_SNIFF_SHAPE = re.compile(rb'"(evaluation_results"\s*:\s*\[|source_metadata"\s*:\s*\{|model_info"\s*:\s*\{|'
                          rb'eval_library"\s*:\s*\{)')


# ---------------------------------------------------------------------------------------------------
# small helpers shared by both directions
# ---------------------------------------------------------------------------------------------------


def _canon_int(value: Any) -> int | None:
    """The integer an EEE string spells canonically ("12", not "012" or "+12"), so writing it back gives the
    same string."""
    if isinstance(value, str) and _INT.match(value) and str(int(value)) == value:
        return int(value)
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_dict(value: Any) -> dict[str, str]:
    return {str(k): v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else {}


def _jdump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _jload(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _iso(dt: datetime) -> str:
    text = dt.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_timestamp(value: Any) -> str | None:
    """An EEE timestamp (epoch seconds as a number or string, or ISO 8601) as an RFC 3339 string in UTC.

    None when it cannot be read or names no time zone (a zone is never invented).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and _EPOCH.match(value)):
        try:
            seconds = float(value)
            if not math.isfinite(seconds):
                return None
            return _iso(datetime.fromtimestamp(seconds, tz=UTC))
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None or "T" not in value.upper():
        return None
    return _iso(dt.astimezone(UTC))


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else None


def epoch_string(rfc3339: str) -> str | None:
    """An RFC 3339 date-time as EEE writes timestamps: epoch seconds, as an integer when whole."""
    dt = _instant(rfc3339)
    if dt is None:
        return None
    seconds = dt.timestamp()
    return str(int(seconds)) if seconds == int(seconds) else repr(seconds)


def _unit_in(unit: Any) -> str | None:
    if not isinstance(unit, str) or not unit:
        return None
    low = unit.strip().lower()
    if low in ("proportion", "fraction", "ratio"):
        return "1"
    if low in ("percent", "percentage", "%"):
        return "%"
    return unit


def _unit_out(unit: str) -> str:
    return {"1": "proportion", "%": "percent"}.get(unit, unit)


def _unc_method_in(method: Any) -> str:
    if method is None or method == "":
        return "reported"
    return method if method in _UNC_METHODS else "other"


def _access_in(deployment: Any, availability: Any) -> str | None:
    """EEE deployment_type + model_availability -> riskfmt access (how the evaluator reached the model)."""
    if deployment == "externally_managed":
        return "api"
    if deployment == "self_deployed" and availability == "open_weights":
        return "open_weights"
    if deployment == "self_deployed" and availability == "closed_weights":
        return "internal"
    return None


_ACCESS_OUT = {"open_weights": ("self_deployed", "open_weights"), "api": ("externally_managed", "unknown"),
               "internal": ("self_deployed", "closed_weights"), "other": ("unknown", "unknown")}


def _safe_component(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._") or "unknown"
    return cleaned[:120]


# ---------------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------------


def _looks_like_record(head: bytes) -> bool:
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False  # a JSON object, not a text that merely quotes EEE's field names
    if b'"$schema"' in head or _SNIFF_RISKFMT.search(head):
        return False  # EEE's own schema, or a riskfmt report (which may carry an EEE residue in its extensions)
    return bool(_SNIFF_ID.search(head)) and bool(_SNIFF_SHAPE.search(head))


def _head(path: Path, size: int = 16384) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _is_record_file(path: Path) -> bool:
    try:
        # by content whatever the name: records are published without an extension or under other names too
        return path.is_file() and _looks_like_record(_head(path))
    except OSError:
        return False


def record_for_samples(path: Path) -> Path | None:
    name = path.name
    if not name.lower().endswith("_samples.jsonl"):
        return None
    sibling = path.with_name(name[: -len("_samples.jsonl")] + ".json")
    return sibling if _is_record_file(sibling) else None


class EeeConverter:
    name: ClassVar[str] = "eee"
    title: ClassVar[str] = "Every Eval Ever (EEE) aggregate record"

    _FOLDER_PATTERNS = ("*.json", "*/*.json", "*/*/*.json", "*/*/*/*.json", "data/*/*/*/*.json")

    def sniff(self, path: Path) -> bool:
        try:
            if path.is_dir():
                # a record, a model folder, a developer or benchmark folder, data/ itself, or the datastore root;
                # a few candidates per level keep this cheap on big trees
                return any(_is_record_file(candidate) for pattern in self._FOLDER_PATTERNS
                           for candidate in itertools.islice(path.glob(pattern), 20))
            if path.name.lower().endswith("_samples.jsonl"):
                return record_for_samples(path) is not None
            return _is_record_file(path)
        except Exception:
            return False

    def companion_of(self, path: Path) -> Path | None:
        """The record a ``<uuid>_samples.jsonl`` file is read with (None: not one, or no record beside it)."""
        return record_for_samples(path)

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*")) if _is_record_file(p)]
            if not files:
                yield Converted(str(path), None, [Finding.make("RF607", str(path), path=str(path), tool=_TOOL,
                                                               detail="no EEE aggregate record in this folder")])
            for file in files:
                yield self._read_one(file, options)
            return
        record = record_for_samples(path) if path.name.lower().endswith("_samples.jsonl") else path
        yield self._read_one(record or path, options)

    def _read_one(self, path: Path, options: ConvertOptions) -> Converted:
        try:
            return _Importer(path, options).run()
        except Exception as exc:
            return failed(path, _TOOL, exc)


@dataclass
class _Parsed:
    """One EEE result, read into riskfmt terms plus the residue that has no riskfmt field."""

    position: int
    task: dict[str, Any]
    started: str | None
    settings: dict[str, Any]
    judges: list[str]
    metric: dict[str, Any]
    value: Any
    n: int | None
    uncertainty: dict[str, Any] | None
    slice: dict[str, Any]
    risks: list[str] | None
    result_extra: dict[str, Any]  # riskfmt result fields restored from riskfmt_ keys
    eval_facts: dict[str, Any]  # riskfmt evaluation fields restored from riskfmt_ keys
    eval_id: str | None  # riskfmt_evaluation
    eee_result_id: str | None
    residue: dict[str, Any] = field(default_factory=dict)
    no_se_reason: str | None = None


class _Importer:
    def __init__(self, path: Path, options: ConvertOptions) -> None:
        self.path = path
        self.options = options
        self.source = str(path)
        self.record_source: dict[str, Any] | None = None
        self.inspect_origin = False
        self._n_noted = False

    def _strings(self, value: Any, where: str) -> dict[str, str]:
        """An EEE string map; values that are not strings (EEE forbids them) are reported, not kept."""
        if value is not None and not isinstance(value, dict):
            self.b.lost(where, "not a key-value map")
        elif isinstance(value, dict) and any(not isinstance(v, str) for v in value.values()):
            bad = sorted(str(k) for k, v in value.items() if not isinstance(v, str))
            self.b.lost(f"{where}." + ",".join(bad), "EEE allows only string values here")
        return _str_dict(value)

    # ---- entry ------------------------------------------------------------------------------------

    def run(self) -> Converted:
        from riskfmt.loading import load_bytes

        doc = load_bytes(self.path.read_bytes(), self.source, "json")
        if not doc.parsed:
            return Converted(self.source, None, [*doc.findings, Finding.make(
                "RF607", self.source, path=self.source, tool=_TOOL, detail="the file is not valid JSON")])
        rec = doc.data
        if not isinstance(rec, dict) or not isinstance(rec.get("evaluation_results"), list):
            return Converted(self.source, None, [*doc.findings, Finding.make(
                "RF607", self.source, path=self.source, tool=_TOOL,
                detail="not an EEE aggregate record (no evaluation_results list)")])
        self.rec = rec
        # EEE 0.1.0 kept one source_data for the whole record; later versions keep one per result
        self.record_source = rec.get("source_data") if isinstance(rec.get("source_data"), dict) else None
        sm_raw, lib_raw = rec.get("source_metadata"), rec.get("eval_library")
        sm: dict[str, Any] = sm_raw if isinstance(sm_raw, dict) else {}
        lib: dict[str, Any] = lib_raw if isinstance(lib_raw, dict) else {}
        self.inspect_origin = lib.get("name") in ("inspect_ai", "inspect", "inspect-ai") or \
            sm.get("source_name") in ("inspect_ai", "inspect")
        return self._convert(doc.findings)

    def _convert(self, parse_findings: list[Finding]) -> Converted:
        rec = self.rec
        sm = rec.get("source_metadata") if isinstance(rec.get("source_metadata"), dict) else {}
        lib = rec.get("eval_library") if isinstance(rec.get("eval_library"), dict) else {}
        mi = rec.get("model_info") if isinstance(rec.get("model_info"), dict) else {}
        sm_details = _str_dict(sm.get("additional_details"))  # dropped values are reported by _producer
        rf = {k[len(PREFIX):]: v for k, v in sm_details.items() if k.startswith(PREFIX)}

        org = sm.get("source_organization_name")
        org_known = isinstance(org, str) and org.strip() != "" and org.strip().lower() != "unknown"
        relationship = sm.get("evaluator_relationship")
        options = replace(self.options, organization=org.strip() if org_known else self.options.organization,
                          relationship=relationship if relationship in _RELATIONSHIPS else self.options.relationship)

        samples_path = self._samples_path(rec)
        tool_name = lib.get("name") if isinstance(lib.get("name"), str) and lib.get("name") else "unknown"
        version = lib.get("version") if isinstance(lib.get("version"), str) else None
        if version in ("", "unknown"):
            version = None
        sources = [self.path] + ([samples_path] if samples_path is not None and samples_path.is_file() else [])
        b = ReportBuilder(self.source, tool_name, version, options, source_format=_TOOL, source_files=sources)
        b.tool = _TOOL
        b.findings[:0] = parse_findings
        self.b = b
        report = b.report
        report["provenance"]["source_tool"] = _TOOL
        report["provenance"]["source_version"] = str(rec.get("schema_version") or "unknown")
        if tool_name == "unknown":
            b.lost("eval_library.name", "the record names no evaluation library")
        if relationship not in _RELATIONSHIPS:
            b.defaulted("producer.relationship", options.relationship)

        ext: dict[str, Any] = {"schema_version": rec.get("schema_version"), "evaluation_id": rec.get("evaluation_id"),
                               "retrieved_timestamp": rec.get("retrieved_timestamp")}
        ext["evaluation_timestamp"] = rec.get("evaluation_timestamp")  # None: the record has none
        if _UUID4.match(self.path.stem):
            ext["record_uuid"] = self.path.stem
        if rec.get("schema_version") != SCHEMA_VERSION:
            b.lost("schema_version", f"the record says {rec.get('schema_version')!r}; it was read as {SCHEMA_VERSION}")

        self._producer(report, sm, org_known, rf, ext)
        ext["eval_library"] = {k: v for k, v in lib.items() if k not in ("name", "version")}
        if ext["eval_library"].get("additional_details"):
            b.lost("eval_library.additional_details", "kept in extensions.every-eval-ever")
        self._model(mi, rf, ext)
        self._report_level(report, rf)
        kept_ids = "evaluation_id, retrieved_timestamp" + (", evaluation_timestamp" if "evaluation_timestamp" in rec
                                                             else "")
        b.lost(kept_ids,
               "kept in extensions.every-eval-ever; the evaluation_id embeds the retrieval time (EEE issue #270), so "
               "it is not the report id")
        if rec.get("detailed_evaluation_results_per_samples"):
            # EEE 0.1.0 inlined per-sample rows (inputs, responses, references, no scores): content is never
            # copied, and without scores the rows add nothing the aggregate does not say
            b.lost("detailed_evaluation_results_per_samples",
                   "inline per-sample inputs and responses of EEE 0.1.0 records, without scores, are not carried over")
        if self.record_source is not None:
            ext["source_data"] = _public_source(self.record_source)
        unknown_top = sorted(set(rec) - {"schema_version", "evaluation_id", "evaluation_timestamp",
                                         "retrieved_timestamp", "source_metadata", "eval_library", "model_info",
                                         "evaluation_results", "detailed_evaluation_results", "source_data",
                                         "detailed_evaluation_results_per_samples"})
        if unknown_top:
            ext["other"] = {k: rec[k] for k in unknown_top}
            b.lost(", ".join(unknown_top), "not part of EEE schema 0.3.0; kept in extensions.every-eval-ever")

        parsed = [self._result(i, r) for i, r in enumerate(rec["evaluation_results"])]
        rows = self._rows(rec, samples_path, ext)
        self._evaluations([p for p in parsed if p is not None], rows, rf, ext)
        report.setdefault("extensions", {})[EXTENSION] = ext
        return b.finish()

    # ---- producer, model, report-level facts ----------------------------------------------------------

    def _producer(self, report: dict[str, Any], sm: dict[str, Any], org_known: bool, rf: dict[str, str],
                  ext: dict[str, Any]) -> None:
        b = self.b
        residue = {k: v for k, v in sm.items()
                   if k not in ("source_organization_name", "evaluator_relationship", "additional_details")}
        details = {k: v for k, v in self._strings(sm.get("additional_details"), "source_metadata.additional_details")
                   .items() if not k.startswith(PREFIX)}
        if details:
            residue["additional_details"] = details
            b.lost("source_metadata.additional_details", "kept in extensions.every-eval-ever")
        if not org_known:
            residue["source_organization_name"] = sm.get("source_organization_name")
        kept = [k for k in ("source_name", "source_type", "source_organization_url", "source_organization_logo_url")
                if k in sm]
        if kept:
            b.lost("source_metadata." + ", ".join(kept), "kept in extensions.every-eval-ever")
        ext["source_metadata"] = residue
        org = report["producer"]["organization"]
        name = _jload(rf.get("organization_name"))
        if isinstance(name, dict) and name and all(isinstance(v, str) for v in name.values()):
            org["name"] = {k: v for k, v in name.items() if k in ("en", "zh")}
        if rf.get("organization_id"):
            org["id"] = rf["organization_id"]
        if rf.get("organization_jurisdiction"):
            org["jurisdiction"] = rf["organization_jurisdiction"]
        if rf.get("producer_contact"):
            report["producer"]["contact"] = rf["producer_contact"]

    def _model(self, mi: dict[str, Any], rf: dict[str, str], ext: dict[str, Any]) -> None:
        b = self.b
        details = self._strings(mi.get("additional_details"), "model_info.additional_details")
        mrf = {k[len(PREFIX):]: v for k, v in details.items() if k.startswith(PREFIX)}
        kept = {k: v for k, v in details.items() if not k.startswith(PREFIX)}
        residue: dict[str, Any] = {"additional_details": kept}
        name = mi.get("name") if isinstance(mi.get("name"), str) and mi.get("name") else None
        model_id = mi.get("id") if isinstance(mi.get("id"), str) and mi.get("id") else None
        if name is None:
            name = model_id or "unknown"
            residue["name_absent"] = True
            b.defaulted("model.name", name)
        developer = mi.get("developer") if isinstance(mi.get("developer"), str) and mi.get("developer") else None
        if developer is None:
            residue["developer_absent"] = True
        access = _access_in(kept.get("deployment_type"), kept.get("model_availability"))
        if access is None:
            access = "other"
            b.defaulted("model.access", access, hint=" (EEE deployment_type "
                        f"{kept.get('deployment_type')!r}, model_availability {kept.get('model_availability')!r})")
        engine = None
        raw_engine = mi.get("inference_engine")
        if isinstance(raw_engine, dict) and isinstance(raw_engine.get("name"), str) and raw_engine["name"]:
            engine_version = raw_engine.get("version")
            if not isinstance(engine_version, str) or not engine_version:
                residue["inference_engine_version_absent"] = True
                engine_version = "unknown"
                b.defaulted("model.inference_engine.version", engine_version)
            engine = {"name": raw_engine["name"], "version": engine_version}
        elif raw_engine is not None:
            residue["inference_engine"] = raw_engine
            b.lost("model_info.inference_engine", "it names no engine; kept in extensions.every-eval-ever")
        digests = _jload(mrf.get("model_digests"))
        b.model(name, developer=developer, access=access, id=model_id,
                inference_platform=mi.get("inference_platform") if isinstance(mi.get("inference_platform"), str)
                else None,
                inference_engine=engine, version=mrf.get("model_version"), revision=mrf.get("model_revision"),
                digests=digests if isinstance(digests, list) else None)
        others = sorted(set(kept) - {"deployment_type", "model_availability"})
        if others:
            b.lost("model_info.additional_details." + ",".join(others), "kept in extensions.every-eval-ever")
        extra = sorted(set(mi) - {"name", "id", "developer", "inference_platform", "inference_engine",
                                  "additional_details"})
        if extra:
            residue["other"] = {k: mi[k] for k in extra}
        ext["model_info"] = residue

    def _report_level(self, report: dict[str, Any], rf: dict[str, str]) -> None:
        if rf.get("vocabulary_version") and not self.options.vocabulary_version:
            report["vocabulary_version"] = rf["vocabulary_version"]
        recorded = rf.get("tlp")
        if recorded in _TLP_ORDER and self.options.tlp in _TLP_ORDER:
            # never weaken a marking: the stricter of the recorded label and the one asked for
            report["marking"]["tlp"] = max(recorded, self.options.tlp, key=_TLP_ORDER.index)
        granular = _jload(rf.get("marking_granular"))
        if isinstance(granular, list) and granular:
            report["marking"]["granular"] = granular
        for key in ("title", "notes"):
            text = _jload(rf.get(key))
            if isinstance(text, dict) and text:
                report[key] = text
        if rf.get("created"):
            report["created"] = rf["created"]
        extensions = _jload(rf.get("extensions"))
        if isinstance(extensions, dict):
            report.setdefault("extensions", {}).update({k: v for k, v in extensions.items() if k != EXTENSION})

    # ---- results --------------------------------------------------------------------------------------

    def _result(self, index: int, r: Any) -> _Parsed | None:
        b = self.b
        if not isinstance(r, dict):
            b.lost(f"evaluation_results[{index}]", "not an object")
            return None
        residue: dict[str, Any] = {"position": index}
        name = r.get("evaluation_name")
        if not isinstance(name, str) or not name:
            b.lost(f"evaluation_results[{index}]", "it has no evaluation_name")
            return None
        if "evaluation_result_id" in r:
            residue["evaluation_result_id"] = r.get("evaluation_result_id")
        eee_result_id = r.get("evaluation_result_id") if isinstance(r.get("evaluation_result_id"), str) else None

        sd = r.get("source_data")
        if sd is None and self.record_source is not None:
            sd = self.record_source
            residue["source_data_from_record"] = True
        sc_value = r.get("score_details")
        sc_raw: dict[str, Any] = sc_value if isinstance(sc_value, dict) else {}
        raw_details = sc_raw.get("details")
        if isinstance(raw_details, dict) and raw_details.get("description") == "No matching runs":
            # HELM leaderboards mark a cell they have no run for with the score -1 and this text
            b.lost(f"evaluation_results[{index}] ({name})",
                   f"the score {sc_raw.get('score')!r} is the leaderboard's placeholder for \"No matching runs\", "
                   "not a measurement")
            return None
        task, eval_facts = self._source_data(sd, name, residue)
        started = None
        if "evaluation_timestamp" in r:
            raw_ts = r.get("evaluation_timestamp")
            residue["evaluation_timestamp"] = raw_ts
            started = parse_timestamp(raw_ts)
            if started is None:
                b.lost(f"evaluation_results[{index}].evaluation_timestamp",
                       f"{raw_ts!r} is not epoch seconds or a date-time with a time zone")
        settings = self._generation(r.get("generation_config"), residue)
        mc = r.get("metric_config") if isinstance(r.get("metric_config"), dict) else {}
        metric, judges, result_extra, risks = self._metric(mc, index, residue)
        sc = r.get("score_details") if isinstance(r.get("score_details"), dict) else {}
        details = self._strings(sc.get("details"), f"evaluation_results[{index}].score_details.details")
        slice_, rf_details = {}, {}
        kept_details: dict[str, str] = {}
        for key, value in details.items():
            if key.startswith(PREFIX):
                rf_details[key[len(PREFIX):]] = value
            elif key in _SLICE_KEYS and value != "" and (key != "language" or _LANG.match(value)):
                slice_[key] = value
            else:
                kept_details[key] = value
        if kept_details or "details" in sc:
            residue["details"] = kept_details
        eval_id = rf_details.get("evaluation")
        eval_facts.update(self._eval_facts(rf_details))
        if rf_details.get("started") and started and _instant(rf_details["started"]) == _instant(started):
            started = rf_details["started"]  # the producer's own spelling of the same instant (its zone offset)
        for key in ("result_notes",):
            text = _jload(rf_details.get(key))
            if isinstance(text, dict) and text:
                result_extra["notes"] = text
        value, n, unc, why = self._score(sc, index, residue, rf_details)
        if n is None and isinstance(sd, dict):
            n = self._n_from_source(sd, index)
        if self.inspect_origin and not isinstance(mc.get("metric_id"), str):
            before = metric["id"]
            task, metric = _inspect_identity(name, task, metric, mc)
            if metric["id"] == before and residue.get("metric", {}).get("metric_id_absent"):
                b.defaulted(f"evaluation_results[{index}].metric_config.metric_id", before)
            elif metric["id"] != before:
                b.derived(f"evaluation_results[{index}] task and metric",
                          f"named as the Inspect log names them ({task['id']}, {metric['id']}) from the result's "
                          "name and evaluation_description, as EEE's Inspect adapter writes them",
                          f"按 Inspect 日志的命名方式（{task['id']}，{metric['id']}）"
                          "由结果名称和 evaluation_description 推得")
        lo, hi = metric.get("min"), metric.get("max")
        if (finite_number(value) is not None) and (((finite_number(lo) is not None) and value < lo) or ((finite_number(hi) is not None) and value > hi)):
            metric.pop("min", None)
            metric.pop("max", None)
            kept_bounds = residue.setdefault("metric", {})
            for key, bound in (("min_score", lo), ("max_score", hi)):
                if bound is not None:
                    kept_bounds[key] = bound  # written back on export
            b.lost(f"evaluation_results[{index}].metric_config.min_score, max_score",
                   f"the score {value} lies outside the declared bounds [{lo}, {hi}]; the bounds were dropped, the "
                   "score kept")
        extra = sorted(set(r) - {"evaluation_result_id", "evaluation_name", "source_data", "evaluation_timestamp",
                                 "metric_config", "score_details", "generation_config"})
        if extra:
            residue["other"] = {k: r[k] for k in extra}
        return _Parsed(position=index, task=task, started=started, settings=settings, judges=judges, metric=metric,
                       value=value, n=n, uncertainty=unc, slice=slice_, risks=risks, result_extra=result_extra,
                       eval_facts=eval_facts, eval_id=eval_id, eee_result_id=eee_result_id, residue=residue,
                       no_se_reason=why)

    def _n_from_source(self, sd: dict[str, Any], index: int) -> int | None:
        """n when the score has no num_samples: the ids of the samples evaluated, else ``samples_number``."""
        ids = sd.get("sample_ids")
        if isinstance(ids, list) and ids:
            if index == 0 or not self._n_noted:
                self._n_noted = True
                self.b.derived("results[].n", "the number of source_data.sample_ids (the samples evaluated)",
                               "取 source_data.sample_ids 的个数（参与评估的样本）")
            return len(ids)
        number = sd.get("samples_number")
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            if not self._n_noted:
                self._n_noted = True
                self.b.derived("results[].n", "source_data.samples_number (EEE: the number of samples in the "
                                              "dataset; the record names no subset)",
                               "取 source_data.samples_number（EEE 定义为数据集的样本数；"
                               "记录未说明只评估了其中一部分）")
            return number
        return None

    def _eval_facts(self, rf: dict[str, str]) -> dict[str, Any]:
        facts: dict[str, Any] = {}
        if rf.get("method"):
            facts["method"] = rf["method"]
        if rf.get("status"):
            facts["status"] = rf["status"]
        if rf.get("completed"):
            facts["completed"] = rf["completed"]
        notes = _jload(rf.get("evaluation_notes"))
        if isinstance(notes, dict) and notes:
            facts["notes"] = notes
        findings = _jload(rf.get("findings"))
        if isinstance(findings, list) and findings:
            facts["findings"] = findings
        return facts

    def _source_data(self, sd: Any, name: str, residue: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        task: dict[str, Any] = {"id": name}
        dataset: dict[str, Any] = {}
        facts: dict[str, Any] = {}
        if not isinstance(sd, dict):
            residue["source_data_absent"] = True
            return task, facts
        source_type = sd.get("source_type")
        residue["source_type"] = source_type
        ds_name = sd.get("dataset_name")
        if isinstance(ds_name, str) and ds_name and ds_name != name:
            dataset["name"] = ds_name
        elif not isinstance(ds_name, str):
            residue["dataset_name_absent"] = True
        if source_type == "url":
            urls = sd.get("url") if isinstance(sd.get("url"), list) else []
            if urls and isinstance(urls[0], str):
                dataset["location"] = urls[0]
            if urls[1:]:
                residue["url_extra"] = urls[1:]
        elif source_type == "hf_dataset" or (source_type is None and "hf_repo" in sd):
            if isinstance(sd.get("hf_repo"), str) and sd["hf_repo"]:
                dataset["location"] = sd["hf_repo"]
            if isinstance(sd.get("hf_split"), str) and sd["hf_split"]:
                dataset["split"] = sd["hf_split"]
            if _is_int(sd.get("samples_number")) and sd["samples_number"] >= 0:
                dataset["size"] = sd["samples_number"]
            if "sample_ids" in sd:
                # EEE's schema makes sample ids strings; early records wrote integers, and an array of numbers in
                # extensions is what the validator's leak check refuses (it looks like an embedding)
                ids = sd["sample_ids"]
                residue["sample_ids"] = [str(x) for x in ids] if isinstance(ids, list) else ids
        details = self._strings(sd.get("additional_details"), "evaluation_results[].source_data.additional_details")
        kept = {k: v for k, v in details.items() if not k.startswith(PREFIX)}
        rf = {k[len(PREFIX):]: v for k, v in details.items() if k.startswith(PREFIX)}
        if kept or "additional_details" in sd:
            residue["source_data_details"] = kept
        if rf.get("dataset_digest"):
            dataset["digest"] = rf["dataset_digest"]
        if rf.get("dataset_version"):
            dataset["version"] = rf["dataset_version"]
        if rf.get("dataset_location"):
            dataset["location"] = rf["dataset_location"]
        if rf.get("dataset_split"):
            dataset["split"] = rf["dataset_split"]
        if rf.get("task_version"):
            task["version"] = rf["task_version"]
        task_name = _jload(rf.get("task_name"))
        if isinstance(task_name, dict) and task_name:
            task["name"] = task_name
        if rf.get("task_languages"):
            task["languages"] = [x for x in rf["task_languages"].split(",") if x]
        if "task_interaction" in rf:
            facts["interaction"] = rf["task_interaction"]
        if dataset:
            task["dataset"] = dataset
        extra = sorted(set(sd) - {"dataset_name", "source_type", "url", "hf_repo", "hf_split", "samples_number",
                                  "sample_ids", "additional_details"})
        if extra:
            residue["source_data_other"] = {k: sd[k] for k in extra}
        return task, facts

    def _generation(self, gc: Any, residue: dict[str, Any]) -> dict[str, Any]:
        settings: dict[str, Any] = {}
        if gc is None:
            return settings
        if not isinstance(gc, dict):
            residue["generation_config"] = gc
            return settings
        other: dict[str, Any] = {}
        ga = gc.get("generation_args")
        ga_extra: dict[str, Any] = {}
        if isinstance(ga, dict):
            for key, value in ga.items():
                if (key in ("temperature", "top_p") and (finite_number(value) is not None)) or (key == "max_tokens" and _is_int(value)):
                    settings[key] = value
                elif _ga_scalar(key, value):
                    other[key] = value
                else:
                    ga_extra[key] = value
            plan = ga_extra.get("eval_plan")
            if isinstance(plan, dict) and isinstance(plan.get("config"), dict):
                seed = _canon_int(plan["config"].get("seed"))
                if seed is not None:
                    settings["seed"] = seed
                    plan = copy.deepcopy(plan)
                    del plan["config"]["seed"]
                    ga_extra["eval_plan"] = plan
                    residue["seed_in_eval_plan"] = True
            residue["generation_args"] = ga_extra
        elif "generation_args" in gc:
            residue["generation_args_raw"] = ga
        gd = self._strings(gc.get("additional_details"), "evaluation_results[].generation_config.additional_details")
        json_keys = set((gd.get(PREFIX + "json_keys") or "").split(",")) - {""}
        for key, value in gd.items():
            if key == PREFIX + "json_keys":
                continue
            if key in (PREFIX + "chat_template_digest", PREFIX + "system_prompt_digest"):
                settings[key[len(PREFIX):]] = value
            elif key in _INT_SETTINGS and _canon_int(value) is not None and key not in settings:
                settings[key] = _canon_int(value)
            elif key in json_keys:
                decoded = _jload(value)
                other[key] = decoded if decoded is None or isinstance(decoded, (str, int, float, bool)) else value
            elif key in other:
                residue.setdefault("generation_details_extra", {})[key] = value
            else:
                other[key] = value
        if "additional_details" in gc:
            residue["generation_details_present"] = True
        extra = sorted(set(gc) - {"generation_args", "additional_details"})
        if extra:
            residue["generation_config_other"] = {k: gc[k] for k in extra}
        residue["generation_config_present"] = True
        if other:
            settings["other"] = other
        return settings

    def _metric(self, mc: dict[str, Any], index: int, residue: dict[str, Any]
                ) -> tuple[dict[str, Any], list[str], dict[str, Any], list[str] | None]:
        b = self.b
        extra: dict[str, Any] = {}
        metric_id = mc.get("metric_id")
        if not isinstance(metric_id, str) or not metric_id:
            metric_id = mc.get("metric_name") if isinstance(mc.get("metric_name"), str) and mc.get("metric_name") \
                else "score"
            extra["metric_id_absent"] = True
            if not self.inspect_origin:  # an Inspect record's metric is named by _inspect_identity, or defaulted there
                b.defaulted(f"evaluation_results[{index}].metric_config.metric_id", metric_id)
        details = self._strings(mc.get("additional_details"), f"evaluation_results[{index}].metric_config."
                                                              "additional_details")
        rf = {k[len(PREFIX):]: v for k, v in details.items() if k.startswith(PREFIX)}
        kept = {k: v for k, v in details.items() if not k.startswith(PREFIX)}
        lower = mc.get("lower_is_better")
        direction = "lower_is_better" if lower is True else "higher_is_better"
        if rf.get("direction") in ("higher_is_better", "lower_is_better", "neither"):
            direction = rf["direction"]
        elif kept.get("polarity") == "unknown" or not isinstance(lower, bool):
            b.defaulted(f"evaluation_results[{index}] ({metric_id}) direction", direction,
                        hint=" (EEE marks the metric's polarity unknown)")
        metric: dict[str, Any] = {"id": metric_id, "direction": direction}
        if isinstance(mc.get("metric_name"), str) and mc["metric_name"]:
            metric["name"] = mc["metric_name"]
        if isinstance(mc.get("metric_kind"), str) and mc["metric_kind"]:
            metric["kind"] = mc["metric_kind"]
        unit = _unit_in(mc.get("metric_unit"))
        if unit:
            metric["unit"] = unit
            if mc.get("metric_unit") != _unit_out(unit):
                extra["metric_unit"] = mc.get("metric_unit")
        for key, target in (("min_score", "min"), ("max_score", "max")):
            if key in mc:
                if (finite_number(mc[key]) is not None):
                    metric[target] = mc[key]
                else:
                    extra[key] = mc[key]  # "Infinity", "-Infinity" or null: no riskfmt bound
        for key in ("evaluation_description", "metric_parameters", "score_type", "level_names", "level_metadata",
                    "has_unknown_level"):
            if key in mc:
                extra[key] = mc[key]
        if kept or "additional_details" in mc:
            extra["additional_details"] = kept
        judges: list[str] = []
        scoring = mc.get("llm_scoring")
        if isinstance(scoring, dict):
            extra["llm_scoring"] = scoring
            for judge in scoring.get("judges") or []:
                info = judge.get("model_info") if isinstance(judge, dict) else None
                if isinstance(info, dict):
                    label = info.get("id") or info.get("name")
                    if isinstance(label, str) and label:
                        judges.append(label)
        elif scoring is not None:
            extra["llm_scoring"] = scoring
        other = sorted(set(mc) - {"metric_id", "metric_name", "metric_kind", "metric_unit", "lower_is_better",
                                  "min_score", "max_score", "evaluation_description", "metric_parameters",
                                  "score_type", "level_names", "level_metadata", "has_unknown_level",
                                  "llm_scoring", "additional_details"})
        if other:
            extra["other"] = {k: mc[k] for k in other}
        residue["metric"] = extra
        result_extra: dict[str, Any] = {}
        for key in ("threshold", "risk_level"):
            value = _jload(rf.get(key))
            if isinstance(value, dict):
                result_extra[key] = value
        risks = [x.strip() for x in rf["risks"].split(",") if x.strip()] if rf.get("risks") else None
        return metric, judges, result_extra, risks

    def _score(self, sc: dict[str, Any], index: int, residue: dict[str, Any], rf: dict[str, str]
               ) -> tuple[Any, int | None, dict[str, Any] | None, str | None]:
        b = self.b
        value = sc.get("score")
        if not (finite_number(value) is not None):
            value = float("nan") if not (finite_number(value) is not None) else value
        u = sc.get("uncertainty") if isinstance(sc.get("uncertainty"), dict) else {}
        n = u.get("num_samples") if _is_int(u.get("num_samples")) and u["num_samples"] >= 0 else None
        unc: dict[str, Any] = {}
        se = u.get("standard_error")
        method = None
        if isinstance(se, dict) and (finite_number(se.get("value")) is not None):
            unc["standard_error"] = se["value"]
            residue["se_method"] = se.get("method")
            method = _unc_method_in(se.get("method"))
            if se.get("method") not in (None, "", *_UNC_METHODS):
                b.lost(f"evaluation_results[{index}].score_details.uncertainty.standard_error.method",
                       f"{se.get('method')!r} is not a riskfmt method; recorded as 'other', the name kept in "
                       "extensions.every-eval-ever")
        elif se is not None:
            residue["standard_error"] = se
        ci = u.get("confidence_interval")
        if isinstance(ci, dict) and (finite_number(ci.get("lower")) is not None) and (finite_number(ci.get("upper")) is not None) \
                and (finite_number(ci.get("confidence_level")) is not None):
            unc["ci"] = {"lower": ci["lower"], "upper": ci["upper"], "level": ci["confidence_level"]}
            if isinstance(ci.get("method"), str) and ci["method"]:
                unc["ci"]["method"] = ci["method"]
        elif ci is not None:
            residue["confidence_interval"] = ci
            b.lost(f"evaluation_results[{index}].score_details.uncertainty.confidence_interval",
                   "it has no confidence_level, which riskfmt requires; kept in extensions.every-eval-ever")
        if (finite_number(u.get("standard_deviation")) is not None):
            unc["standard_deviation"] = u["standard_deviation"]
        if _is_int(u.get("num_bootstrap_samples")) and u["num_bootstrap_samples"] >= 0:
            unc["num_bootstrap"] = u["num_bootstrap_samples"]
        if unc:
            if rf.get("uncertainty_method") in _UNC_METHODS:
                method = rf["uncertainty_method"]
            unc["method"] = method or _infer_method(unc)
        extra = sorted(set(u) - {"standard_error", "confidence_interval", "standard_deviation", "num_samples",
                                 "num_bootstrap_samples"})
        if extra:
            residue["uncertainty_other"] = {k: u[k] for k in extra}
        legacy = sc.get("confidence_interval")
        if legacy is not None and "ci" not in unc:
            # EEE 0.0.1 put the interval beside the score: a number (a half-width) or bounds, with no level
            lower, upper, level = _legacy_interval(value, legacy)
            if lower is not None and level is not None:
                unc["ci"] = {"lower": lower, "upper": upper, "level": level}
                unc.setdefault("method", "reported")
            else:
                b.findings.append(Finding.make(
                    "RF615", self.source, f"/evaluation_results/{index}/score_details/confidence_interval",
                    field=f"evaluation_results[{index}].score_details.confidence_interval", ext=EXTENSION))
        other = sorted(set(sc) - {"score", "details", "uncertainty"})
        if other:
            residue["score_other"] = {k: sc[k] for k in other}
        why = None if "standard_error" in unc else "the EEE record has no standard error"
        return value, n, unc or None, why

    # ---- instance rows --------------------------------------------------------------------------------

    def _samples_path(self, rec: dict[str, Any]) -> Path | None:
        der = rec.get("detailed_evaluation_results")
        if not isinstance(der, dict) or not isinstance(der.get("file_path"), str):
            return None
        # EEE's file_path is relative to the datastore root; the file is this record's sibling
        name = Path(der["file_path"]).name
        return self.path.with_name(name) if name else None

    def _rows(self, rec: dict[str, Any], samples_path: Path | None, ext: dict[str, Any]) -> list[dict[str, Any]]:
        b = self.b
        der = rec.get("detailed_evaluation_results")
        if der is None:
            return []
        ext["detailed_evaluation_results"] = der
        if samples_path is None:
            b.lost("detailed_evaluation_results", "it names no samples file")
            return []
        if not samples_path.is_file():
            b.findings.append(Finding.make("RF509", self.source, "/detailed_evaluation_results/file_path",
                                           severity=Severity.WARNING, path=samples_path.name))
            return []
        data = samples_path.read_bytes()
        algorithm = der.get("hash_algorithm") or "sha256"
        expected = der.get("checksum")
        if algorithm in ("sha256", "md5") and isinstance(expected, str):
            found = hashlib.new(algorithm, data).hexdigest()
            if found.lower() != expected.strip().lower():
                b.findings.append(Finding.make("RF510", self.source, "/detailed_evaluation_results/checksum",
                                               path=samples_path.name, found=f"{algorithm}:{found}",
                                               expected=f"{algorithm}:{expected}"))
        elif expected is not None:
            b.lost("detailed_evaluation_results.checksum", f"unknown hash algorithm {algorithm!r}; not verified")
        rows: list[dict[str, Any]] = []
        bad = 0
        lines = [line for line in data.decode("utf-8", errors="replace").splitlines() if line.strip()]
        for line in lines:
            try:
                row = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(row, dict) and isinstance(row.get("sample_id"), (str, int)):
                rows.append(row)
            else:
                bad += 1
        total = der.get("total_rows")
        if _is_int(total) and total != len(lines):
            b.findings.append(Finding.make("RF511", self.source, "/detailed_evaluation_results/total_rows",
                                           path=samples_path.name, found=len(lines), expected=total))
        if bad:
            b.lost(f"{samples_path.name}: {bad} row(s)", "not JSON objects with a sample_id")
        if rows:
            b.lost("instance rows: answer_attribution, token_usage, performance, choices, sample_hash, "
                   "metadata", "riskfmt keeps the sample id, epoch, score, verdict and digests (and the "
                                   "content only with --include-content)")
        return rows

    # ---- evaluations ------------------------------------------------------------------------------------

    def _evaluations(self, parsed: list[_Parsed], rows: list[dict[str, Any]], rf: dict[str, str],
                     ext: dict[str, Any]) -> None:
        b = self.b
        groups: dict[str, list[_Parsed]] = {}
        for p in parsed:
            key = "rf:" + p.eval_id if p.eval_id else _jdump([p.task, p.started, p.settings, p.judges])
            groups.setdefault(key, []).append(p)
        # a riskfmt evaluation holds one value per measurement (metric, slice): results that repeat a
        # measurement (EEE keeps Inspect scorers' reducers apart only by position) go to a sibling evaluation
        plans: list[tuple[str | None, list[_Parsed]]] = []
        for members in groups.values():
            buckets: list[tuple[set[str], list[_Parsed]]] = []
            for p in members:
                key = _jdump([p.metric["id"], p.slice])
                for seen, bucket in buckets:
                    if key not in seen:
                        seen.add(key)
                        bucket.append(p)
                        break
                else:
                    buckets.append(({key}, [p]))
            if len(buckets) > 1:
                b.lost(f"evaluation_results ({members[0].task['id']})",
                       f"{len(buckets)} results repeat a metric and slice with nothing in the record telling them "
                       "apart (for example Inspect reducers); each repeat went to its own evaluation")
            for _seen, bucket in buckets:
                plans.append((members[0].eval_id, bucket))

        row_index: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
        for row in rows:
            row_index.setdefault((str(row.get("evaluation_name")), row.get("evaluation_result_id")), []).append(row)
        used_rows: set[tuple[str, str | None]] = set()

        created: list[tuple[dict[str, Any], list[_Parsed]]] = []
        fixed_interaction: set[str] = set()
        for eval_id, members in plans:
            first = members[0]
            facts: dict[str, Any] = {}
            for p in members:
                for k, v in p.eval_facts.items():
                    facts.setdefault(k, v)
            task = copy.deepcopy(first.task)
            kwargs: dict[str, Any] = {}
            if first.settings:
                kwargs["settings"] = first.settings
            if first.started:
                kwargs["started"] = first.started
            if facts.get("completed"):
                kwargs["completed"] = facts["completed"]
            if first.judges:
                kwargs["judges"] = first.judges
            for key in ("status", "notes", "findings"):
                if key in facts:
                    kwargs[key] = facts[key]
            evaluation = b.evaluation(eval_id or task["id"], task, method=facts.get("method", "benchmark"), **kwargs)
            if "interaction" in facts:
                fixed_interaction.add(evaluation["id"])
                if facts["interaction"]:
                    evaluation["task"]["interaction"] = facts["interaction"]
            if facts.get("status") and facts["status"] != "completed":
                b.status(facts["status"])
            created.append((evaluation, members))

        # riskfmt evaluations that had no results (qualitative findings only) travel as JSON
        without = _jload(rf.get("evaluations_without_results"))
        if isinstance(without, list):
            evaluations = b.report["evaluations"]
            for entry in sorted((e for e in without if isinstance(e, dict) and isinstance(e.get("evaluation"), dict)),
                                key=lambda e: e.get("index", 1 << 30)):
                evaluation = entry["evaluation"]
                evaluation.setdefault("results", [])  # finish() drops an empty list again
                evaluations.insert(min(int(entry.get("index", len(evaluations))), len(evaluations)), evaluation)
                b._evaluation_ids.add(str(evaluation.get("id")))

        eval_ids = {e["id"] for e in b.report["evaluations"]}
        residues: list[dict[str, Any]] = []
        no_se: set[str] = set()
        for evaluation, members in created:
            for p in members:
                name = p.eee_result_id if p.eee_result_id else None
                if name is not None and local_id(name) in eval_ids:
                    name = f"{evaluation['id']}.{name}"
                risks = p.risks
                if not risks:
                    risks = self._risks(evaluation["task"]["id"])
                result = b.result(evaluation, p.metric, p.value, risks=risks, n=p.n, uncertainty=p.uncertainty,
                                  slice=p.slice or None, name=name)
                residue = dict(p.residue)
                residue["evaluation"] = evaluation["id"]
                residue["result"] = result["id"] if result is not None else None
                residues.append(residue)
                if result is None:
                    continue
                result.update(p.result_extra)
                if p.no_se_reason and p.metric["id"] not in no_se:
                    no_se.add(p.metric["id"])
                    b.no_uncertainty(p.metric["id"], p.no_se_reason)
            self._samples(evaluation, members, row_index, used_rows, evaluation["id"] in fixed_interaction)
        residues.sort(key=lambda r: r["position"])
        ext["results"] = residues
        kept: dict[str, set[str]] = {}
        for r in residues:
            for key, value in r.items():
                if key in _RESIDUE_NAMES and value not in (None, {}, []):
                    part, name = _RESIDUE_NAMES[key]
                    kept.setdefault(part, set()).add(name)
            for key, value in (r.get("metric") or {}).items():
                if key not in ("metric_id_absent", "metric_unit", "other") and value not in (None, {}, []):
                    kept.setdefault("metric_config", set()).add(key)
        for part, names in sorted(kept.items()):
            b.lost(f"evaluation_results[]{'.' + part if part else ''}: " + ", ".join(sorted(names)),
                   "no riskfmt field; kept per result in extensions.every-eval-ever")
        leftover = sum(len(v) for k, v in row_index.items() if k not in used_rows)
        if leftover:
            b.lost(f"detailed_evaluation_results: {leftover} row(s) of other results",
                   "riskfmt keeps per-sample scores for one metric per evaluation (the evaluation's first result)")

    def _risks(self, task_id: str) -> list[str]:
        alias = _TOOL_ALIASES.get(self.b.report["producer"]["tool"]["name"])
        if alias:
            risks, matched = self.b.task_map.risks_for(task_id, alias)
            if matched:
                return risks
        return self.b.risks_for(task_id)

    def _samples(self, evaluation: dict[str, Any], members: list[_Parsed],
                 row_index: dict[tuple[str, str | None], list[dict[str, Any]]],
                 used: set[tuple[str, str | None]], fixed_interaction: bool) -> None:
        b = self.b
        task_id = evaluation["task"]["id"]
        primary = members[0].eee_result_id
        key = (task_id, primary)
        chosen = row_index.get(key)
        if chosen is None and primary is not None and (task_id, None) in row_index:
            key = (task_id, None)
            chosen = row_index[key]
        if not chosen:
            return
        used.add(key)
        # the other results' rows of this evaluation are covered by the leftover count
        interactions = {r.get("interaction_type") for r in chosen}
        if not fixed_interaction and "interaction" not in evaluation["task"] and len(interactions) == 1:
            (interaction,) = interactions
            if interaction in ("single_turn", "multi_turn", "agentic"):
                evaluation["task"]["interaction"] = interaction
        seen: dict[tuple[str, int], str] = {}
        duplicates = ambiguous = 0
        for row in chosen:
            meta = row.get("metadata") if isinstance(row.get("metadata"), dict) else {}
            epoch = _canon_int(meta.get("epoch"))
            sample_id = str(row["sample_id"])
            skey = (sample_id, epoch or 1)
            canon = _jdump(row)
            if skey in seen:
                if seen[skey] == canon:
                    duplicates += 1
                else:
                    ambiguous += 1
                continue
            seen[skey] = canon
            self._sample(evaluation, row, sample_id, epoch, meta)
        if duplicates:
            b.lost(f"{evaluation['id']}: {duplicates} instance row(s)", "exact duplicates of earlier rows; kept once")
        if ambiguous:
            b.lost(f"{evaluation['id']}: {ambiguous} instance row(s)",
                   "they repeat the sample id and epoch of an earlier row with nothing telling them apart (EEE keeps "
                   "no train-trial or perturbation marker); only the first is kept")

    def _sample(self, evaluation: dict[str, Any], row: dict[str, Any], sample_id: str, epoch: int | None,
                meta: dict[str, Any]) -> None:
        ev = row.get("evaluation") if isinstance(row.get("evaluation"), dict) else {}
        score = ev.get("score") if (finite_number(ev.get("score")) is not None) else None
        if meta.get(PREFIX + "score") == "absent":
            score = None
        if PREFIX + "verdict" in meta:
            verdict = meta[PREFIX + "verdict"] or None
        elif row.get("error"):
            verdict = "error"
        elif ev.get("is_correct") is True:
            verdict = "pass"
        elif ev.get("is_correct") is False:
            verdict = "fail"
        else:
            verdict = None
        inp = row.get("input") if isinstance(row.get("input"), dict) else {}
        raw_input = inp.get("raw") if isinstance(inp.get("raw"), str) and inp.get("raw") != "" else None
        reference = inp.get("reference")
        target: Any = None
        if isinstance(reference, list) and reference:
            target = reference[0] if len(reference) == 1 else reference
        output: Any = None
        out = row.get("output")
        if isinstance(out, dict) and isinstance(out.get("raw"), list) and out["raw"]:
            output = out["raw"][0] if len(out["raw"]) == 1 else out["raw"]
        elif isinstance(row.get("messages"), list) and row["messages"]:
            output = row["messages"]
        risks = [x for x in (meta.get(PREFIX + "risks") or "").split(",") if x]
        self.b.sample(evaluation, sample_id, epoch=epoch, score=score, verdict=verdict, input=raw_input,
                      output=output, target=target, risks=risks or None)
        inline = (evaluation.get("samples") or {}).get("inline")
        if inline and inline[-1]["sample_id"] == sample_id:
            for key in ("input_digest", "output_digest"):
                if isinstance(meta.get(PREFIX + key), str):
                    inline[-1][key] = meta[PREFIX + key]


def _legacy_interval(value: Any, ci: Any) -> tuple[float | None, float | None, float | None]:
    """(lower, upper, level) of an EEE 0.0.1 ``score_details.confidence_interval``; None where it says nothing.
    A bare number is read as a half-width around the score; its level is never assumed."""
    if (finite_number(ci) is not None) and (finite_number(value) is not None) and float(ci) >= 0:
        return float(value) - float(ci), float(value) + float(ci), None
    if isinstance(ci, dict):
        lower, upper = ci.get("lower"), ci.get("upper")
        level = ci.get("confidence_level", ci.get("level"))
        if (finite_number(lower) is not None) and (finite_number(upper) is not None) and float(lower) <= float(upper):
            known = float(level) if (finite_number(level) is not None) and 0 < float(level) < 1 else None
            return float(lower), float(upper), known
    return None, None, None


_INSPECT_NAME = re.compile(r"^(?P<metric>\S+) on (?P<task>\S+) for scorer (?P<scorer>\S+)$")
_IDENT = re.compile(r"^[A-Za-z0-9_.:@-]+$")


def _inspect_identity(name: str, task: dict[str, Any], metric: dict[str, Any], mc: dict[str, Any]
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Task and metric of an EEE result converted from an Inspect log, named as riskfmt's Inspect converter names
    them (``<scorer>/<metric>``), so that the record and the log align in ``riskfmt diff``.

    EEE's Inspect adapter names a result ``"<metric> on <task> for scorer <scorer>"``; its first version (EEE
    0.1.0) named it after the scorer alone, with the metric in ``evaluation_description`` and the dataset as the
    only trace of the task."""
    description = mc.get("evaluation_description")
    found = _INSPECT_NAME.match(name)
    if found:
        task = {**task, "id": found["task"]}
        metric = {**metric, "id": f"{found['scorer']}/{found['metric']}"}
    elif _IDENT.match(name) and isinstance(description, str) and _IDENT.match(description):
        dataset = task.get("dataset") or {}
        label = dataset.get("name") or str(dataset.get("location") or "").rsplit("/", 1)[-1] or name
        task = {**task, "id": label}
        metric = {**metric, "id": f"{name}/{description}"}
        if task.get("dataset", {}).get("name") == label:
            task["dataset"] = {k: v for k, v in task["dataset"].items() if k != "name"}
            if not task["dataset"]:
                del task["dataset"]
    return task, metric


def _public_source(sd: dict[str, Any]) -> dict[str, Any]:
    """A record-level source_data as kept in extensions: sample ids as strings (see _source_data)."""
    out = dict(sd)
    if isinstance(out.get("sample_ids"), list):
        out["sample_ids"] = [str(x) for x in out["sample_ids"]]
    return out


def _ga_scalar(key: str, value: Any) -> bool:
    """Whether ``value`` fits the generation_args slot ``key`` that riskfmt keeps in settings.other."""
    types = _GA_SCALARS.get(key)
    if types is None or not isinstance(value, types):
        return False
    if isinstance(value, bool) and key != "reasoning":
        return False
    return not isinstance(value, float) or math.isfinite(value)


_RESIDUE_NAMES = {  # residue key -> (part of an EEE result, field named in the finding)
    "evaluation_result_id": ("", "evaluation_result_id"), "source_type": ("source_data", "source_type"),
    "url_extra": ("source_data", "url[1:]"), "sample_ids": ("source_data", "sample_ids"),
    "source_data_details": ("source_data", "additional_details"), "details": ("score_details", "details"),
    "generation_args": ("generation_config", "generation_args (all but scalars)"),
    "uncertainty_other": ("score_details", "uncertainty (other fields)"), "other": ("", "fields outside EEE 0.3.0"),
}


def _infer_method(unc: dict[str, Any]) -> str:
    """The riskfmt uncertainty method a reader infers when EEE has no standard-error method to say it."""
    ci = unc.get("ci") or {}
    if ci.get("method") in _UNC_METHODS:
        return ci["method"]
    if "num_bootstrap" in unc:
        return "bootstrap"
    return "reported"


# ---------------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------------


@dataclass
class Exported:
    record: dict[str, Any]
    rows: list[dict[str, Any]]
    losses: dict[str, str]  # riskfmt field -> where it went / why
    layout: tuple[str, str, str]  # benchmark, developer, model folders
    uuid: str


def _risk_labels(report: dict[str, Any], risks: list[str]) -> str:
    try:
        from riskfmt.vocab import load_vocabulary

        vocab = load_vocabulary(report.get("vocabulary_version"))
    except Exception:
        return ""
    labels = []
    for risk in risks:
        concept = vocab.get(risk)
        labels.append(f"{risk}: {concept.label('en')}" if concept else risk)
    return "; ".join(labels)


def _load_rows(item: Converted | None, evaluation: dict[str, Any]) -> list[dict[str, Any]]:
    samples = evaluation.get("samples") or {}
    if samples.get("inline"):
        return list(samples["inline"])
    if item is not None and item.samples_files:
        for eval_id, rows in item.samples_files:
            if eval_id == evaluation.get("id"):
                return list(rows)
    spec = samples.get("file")
    if spec and item is not None:
        path = Path(item.source).parent / str(spec.get("path", ""))
        try:
            return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, ValueError):
            return []
    return []


def export_record(report: dict[str, Any], item: Converted | None = None) -> Exported:
    """An EEE 0.3.0 aggregate record (and instance rows) for a riskfmt report.

    ``record["detailed_evaluation_results"]`` is left for the writer, which knows where the rows go.
    """
    return _Exporter(report, item).run()


class _Exporter:
    def __init__(self, report: dict[str, Any], item: Converted | None) -> None:
        self.report = report
        self.item = item
        self.ext = ((report.get("extensions") or {}).get(EXTENSION)) or {}
        self.losses: dict[str, str] = {}

    def lose(self, field_: str, where: str, *, why: str | None = None) -> None:
        """Record that ``field_`` has no EEE field: it went to ``where`` (or, with ``why``, what happened)."""
        self.losses.setdefault(field_, why or f"EEE has no field for it; written to {where}")

    def run(self) -> Exported:
        report, ext = self.report, self.ext
        record: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        model_info = self._model_info()
        results, rows, without = self._results(model_info)
        source_metadata = self._source_metadata(without, bool(rows))
        benchmark = self._benchmark(results)
        model_id = model_info["id"]
        retrieved = self._retrieved()
        evaluation_id = ext.get("evaluation_id") if isinstance(ext.get("evaluation_id"), str) else None
        if evaluation_id is None:
            evaluation_id = f"{benchmark}/{model_id}/{retrieved}"
        record["evaluation_id"] = evaluation_id
        record_ts = self._record_timestamp()
        if record_ts is not None:
            record["evaluation_timestamp"] = record_ts
        record["retrieved_timestamp"] = retrieved
        record["source_metadata"] = source_metadata
        tool = report["producer"]["tool"]
        library: dict[str, Any] = {"name": tool["name"], "version": tool["version"]}
        library.update(copy.deepcopy(ext.get("eval_library") or {}))
        record["eval_library"] = library
        record["model_info"] = model_info
        record["evaluation_results"] = results
        for key, value in (ext.get("other") or {}).items():
            record.setdefault(key, value)
        for row in rows:
            row["evaluation_id"] = evaluation_id
        if "/" in model_id:
            developer, model = model_id.split("/", 1)
        else:
            developer, model = model_info.get("developer") or "unknown", model_id
        layout = (_safe_component(benchmark), _safe_component(developer), _safe_component(model.replace("/", "_")))
        uid = ext.get("record_uuid") if isinstance(ext.get("record_uuid"), str) and _UUID4.match(
            ext["record_uuid"]) else None
        if uid is None:
            uid = deterministic_uuid(report.get("report_id") or _jdump(report.get("evaluations")))
        return Exported(record, rows, self.losses, layout, uid)

    # ---- record level ---------------------------------------------------------------------------------

    def _source_metadata(self, without: list[dict[str, Any]], has_rows: bool) -> dict[str, Any]:
        report, ext = self.report, self.ext
        residue = copy.deepcopy(ext.get("source_metadata") or {})
        producer = report["producer"]
        org = producer["organization"]
        name = org["name"].get("en") or org["name"].get("zh") or "unknown"
        out: dict[str, Any] = {}
        if "source_name" in residue:
            out["source_name"] = residue["source_name"]
        source_type = residue.get("source_type")
        if source_type not in ("documentation", "evaluation_run"):
            source_type = "evaluation_run" if has_rows else "documentation"
        out["source_type"] = source_type
        out["source_organization_name"] = name
        if name == "unknown" and isinstance(residue.get("source_organization_name"), str):
            out["source_organization_name"] = residue["source_organization_name"]
        for key in ("source_organization_url", "source_organization_logo_url"):
            if key in residue:
                out[key] = residue[key]
        out["evaluator_relationship"] = producer["relationship"]
        details: dict[str, str] = dict(residue.get("additional_details") or {})
        details[PREFIX + "report_id"] = report["report_id"]
        self.lose("report_id", "source_metadata.additional_details.riskfmt_report_id")
        details[PREFIX + "vocabulary_version"] = str(report.get("vocabulary_version"))
        marking = report.get("marking") or {}
        details[PREFIX + "tlp"] = str(marking.get("tlp"))
        self.lose("marking.tlp", "source_metadata.additional_details.riskfmt_tlp (EEE has no marking)")
        if marking.get("granular"):
            details[PREFIX + "marking_granular"] = _jdump(marking["granular"])
            self.lose("marking.granular", "source_metadata.additional_details.riskfmt_marking_granular (JSON)")
        if set(org["name"]) != {"en"}:
            details[PREFIX + "organization_name"] = _jdump(org["name"])
            self.lose("producer.organization.name.zh", "source_metadata.additional_details.riskfmt_organization_name")
        for key, value, label in (("organization_id", org.get("id"), "producer.organization.id"),
                                  ("organization_jurisdiction", org.get("jurisdiction"),
                                   "producer.organization.jurisdiction"),
                                  ("producer_contact", producer.get("contact"), "producer.contact"),
                                  ("created", report.get("created"), "created")):
            if value:
                details[PREFIX + key] = str(value)
                self.lose(label, f"source_metadata.additional_details.riskfmt_{key}")
        for key in ("title", "notes"):
            if report.get(key):
                details[PREFIX + key] = _jdump(report[key])
                self.lose(key, f"source_metadata.additional_details.riskfmt_{key} (JSON)")
        extensions = {k: v for k, v in (report.get("extensions") or {}).items() if k != EXTENSION}
        if extensions:
            details[PREFIX + "extensions"] = _jdump(extensions)
            self.lose("extensions", "source_metadata.additional_details.riskfmt_extensions (JSON)")
        if without:
            details[PREFIX + "evaluations_without_results"] = _jdump(without)
            self.lose("evaluations without results (qualitative findings)",
                      "source_metadata.additional_details.riskfmt_evaluations_without_results (JSON): EEE records "
                      "only scored results")
        out["additional_details"] = details
        return out

    def _model_info(self) -> dict[str, Any]:
        model = self.report["model"]
        residue = copy.deepcopy(self.ext.get("model_info") or {})
        out: dict[str, Any] = {"name": model["name"]}
        out["id"] = model.get("id") or model["name"]
        if not model.get("id"):
            self.lose("model.id (absent)", "", why="EEE requires model_info.id; the model name was written there")
        derived = model["name"].split("/", 1)[0] if "/" in model["name"] else "unknown"
        if not (residue.get("developer_absent") and model["developer"] == derived):
            out["developer"] = model["developer"]
        if model.get("inference_platform"):
            out["inference_platform"] = model["inference_platform"]
        engine = model.get("inference_engine")
        if engine:
            out["inference_engine"] = {"name": engine["name"]}
            if not (residue.get("inference_engine_version_absent") and engine.get("version") == "unknown"):
                out["inference_engine"]["version"] = engine["version"]
        elif residue.get("inference_engine") is not None:
            out["inference_engine"] = residue["inference_engine"]
        details: dict[str, str] = dict(residue.get("additional_details") or {})
        access = model.get("access", "other")
        original = (details.get("deployment_type"), details.get("model_availability"))
        # keep EEE's own pair when it still reads as the same access; otherwise write the pair for it
        if None in original or original[0] not in ("self_deployed", "externally_managed", "unknown") \
                or original[1] not in ("open_weights", "closed_weights", "unknown") \
                or (_access_in(*original) or "other") != access:
            details["deployment_type"], details["model_availability"] = _ACCESS_OUT.get(access, ("unknown", "unknown"))
        for key, label in (("version", "model_version"), ("revision", "model_revision")):
            if model.get(key):
                details[PREFIX + label] = str(model[key])
                self.lose(f"model.{key}", f"model_info.additional_details.riskfmt_{label}")
        if model.get("digests"):
            details[PREFIX + "model_digests"] = _jdump(model["digests"])
            self.lose("model.digests", "model_info.additional_details.riskfmt_model_digests (JSON)")
        out["additional_details"] = details
        for key, value in (residue.get("other") or {}).items():
            out.setdefault(key, value)
        return out

    def _retrieved(self) -> str:
        ext, report = self.ext, self.report
        if isinstance(ext.get("retrieved_timestamp"), str) and ext["retrieved_timestamp"]:
            return ext["retrieved_timestamp"]
        for candidate in ((report.get("provenance") or {}).get("retrieved"), report.get("created")):
            if candidate and epoch_string(candidate):
                return epoch_string(candidate)  # type: ignore[return-value]
        dates = [d for e in report["evaluations"] for d in (e.get("completed"), e.get("started")) if d]
        instants = [(_instant(d), d) for d in dates if _instant(d) is not None]
        if instants:
            return epoch_string(max(instants)[1]) or "0"
        return epoch_string(_iso(datetime.now(tz=UTC))) or "0"

    def _record_timestamp(self) -> Any:
        # a record-level fact riskfmt has no field for: EEE's own value when the report came from EEE,
        # else the earliest start of the evaluations
        if "evaluation_timestamp" in self.ext:
            return self.ext["evaluation_timestamp"]
        starts = [e["started"] for e in self.report["evaluations"] if e.get("started") and e.get("results")]
        instants = sorted((_instant(s), s) for s in starts if _instant(s) is not None)
        return epoch_string(instants[0][1]) if instants else None

    @staticmethod
    def _benchmark(results: list[dict[str, Any]]) -> str:
        if not results:
            return "unknown"
        source = results[0].get("source_data") or {}
        return str(source.get("dataset_name") or results[0].get("evaluation_name") or "unknown")

    # ---- results ----------------------------------------------------------------------------------------

    def _results(self, model_info: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                             list[dict[str, Any]]]:
        report = self.report
        residues = {(r.get("evaluation"), r.get("result")): r for r in self.ext.get("results") or []
                    if isinstance(r, dict) and r.get("result")}
        keyed: list[tuple[float, int, dict[str, Any]]] = []
        rows: list[dict[str, Any]] = []
        without: list[dict[str, Any]] = []
        counter = 0
        for e_index, evaluation in enumerate(report["evaluations"]):
            results = evaluation.get("results") or []
            if not results:
                without.append({"index": e_index, "evaluation": evaluation})
                continue
            primary_eee_id = None
            for r_index, result in enumerate(results):
                residue = residues.get((evaluation["id"], result["id"])) or {}
                out = self._result(evaluation, result, residue, first=r_index == 0)
                if r_index == 0:
                    primary_eee_id = out.get("evaluation_result_id")
                position = residue.get("position")
                keyed.append((position if isinstance(position, int) else float("inf"), counter, out))
                counter += 1
            rows.extend(self._rows(evaluation, primary_eee_id, model_info))
        keyed.sort(key=lambda k: (k[0], k[1]))
        return [k[2] for k in keyed], rows, without

    def _result(self, evaluation: dict[str, Any], result: dict[str, Any], residue: dict[str, Any],
                first: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "evaluation_result_id" in residue:
            if residue["evaluation_result_id"] is not None:
                out["evaluation_result_id"] = residue["evaluation_result_id"]
        else:
            out["evaluation_result_id"] = result["id"]
        task = evaluation["task"]
        out["evaluation_name"] = task["id"]
        out["source_data"] = self._source_data(evaluation, residue, first)
        started = evaluation.get("started")
        if started:
            original = residue.get("evaluation_timestamp")
            parsed = parse_timestamp(original) if original is not None else None
            if parsed is not None and _instant(parsed) == _instant(started):
                out["evaluation_timestamp"] = original
            else:
                out["evaluation_timestamp"] = epoch_string(started) or started
        elif "evaluation_timestamp" in residue and parse_timestamp(residue["evaluation_timestamp"]) is None:
            out["evaluation_timestamp"] = residue["evaluation_timestamp"]
        out["metric_config"] = self._metric_config(evaluation, result, residue)
        out["score_details"] = self._score_details(evaluation, result, residue, first)
        generation = self._generation(evaluation.get("settings") or {}, residue)
        if generation is not None:
            out["generation_config"] = generation
        for key, value in (residue.get("other") or {}).items():
            out.setdefault(key, value)
        return out

    def _source_data(self, evaluation: dict[str, Any], residue: dict[str, Any], first: bool) -> dict[str, Any]:
        task = evaluation["task"]
        dataset = task.get("dataset") or {}
        name = dataset.get("name") or task["id"]
        location = dataset.get("location")
        hint = residue.get("source_type")
        is_url = isinstance(location, str) and re.match(r"^[a-z][a-z0-9+.-]*://", location, re.I) is not None
        hf_only = bool(dataset.get("split")) or "size" in dataset  # fields only EEE's hf_dataset variant has
        # EEE's own variant when it still holds the riskfmt facts; else the variant they fit
        if hint == "hf_dataset":
            source_type = "hf_dataset"
        elif hint == "url" and is_url and not hf_only:
            source_type = "url"
        elif hint == "other" and not location and not hf_only:
            source_type = "other"
        elif is_url and not hf_only:
            source_type = "url"
        elif location or hf_only:
            source_type = "hf_dataset"
        else:
            source_type = "other"
        out: dict[str, Any] = {"dataset_name": name, "source_type": source_type}
        details: dict[str, str] = dict(residue.get("source_data_details") or {})
        if source_type == "url":
            out["url"] = [location] + [u for u in residue.get("url_extra") or [] if isinstance(u, str)]
        elif source_type == "hf_dataset":
            if location:
                out["hf_repo"] = location
            if dataset.get("split"):
                out["hf_split"] = dataset["split"]
            if "size" in dataset:
                out["samples_number"] = dataset["size"]
            if "sample_ids" in residue:
                out["sample_ids"] = residue["sample_ids"]
        if location and source_type == "other":
            details[PREFIX + "dataset_location"] = location
            self.lose("task.dataset.location", "source_data.additional_details.riskfmt_dataset_location")
        if dataset.get("split") and source_type != "hf_dataset":
            details[PREFIX + "dataset_split"] = dataset["split"]
            self.lose("task.dataset.split", "source_data.additional_details.riskfmt_dataset_split")
        if "size" in dataset and source_type != "hf_dataset":
            self.lose("task.dataset.size", "", why="EEE keeps a sample count only for Hugging Face datasets")
        if first:
            for key, value, label in (("dataset_digest", dataset.get("digest"), "task.dataset.digest"),
                                      ("dataset_version", dataset.get("version"), "task.dataset.version"),
                                      ("task_version", task.get("version"), "task.version")):
                if value:
                    details[PREFIX + key] = str(value)
                    self.lose(label, f"source_data.additional_details.riskfmt_{key}")
            if task.get("name"):
                details[PREFIX + "task_name"] = _jdump(task["name"])
                self.lose("task.name", "source_data.additional_details.riskfmt_task_name (JSON)")
            if task.get("languages"):
                details[PREFIX + "task_languages"] = ",".join(task["languages"])
                self.lose("task.languages", "source_data.additional_details.riskfmt_task_languages")
            has_samples = bool((evaluation.get("samples") or {}).get("inline") or (evaluation.get("samples") or {}
                                                                                    ).get("file"))
            if task.get("interaction") and not has_samples:
                details[PREFIX + "task_interaction"] = task["interaction"]
                self.lose("task.interaction", "source_data.additional_details.riskfmt_task_interaction "
                                              "(EEE records it per instance row)")
            elif not task.get("interaction") and has_samples:
                details[PREFIX + "task_interaction"] = ""
        if details or "source_data_details" in residue:
            out["additional_details"] = details
        for key, value in (residue.get("source_data_other") or {}).items():
            out.setdefault(key, value)
        return out

    def _metric_config(self, evaluation: dict[str, Any], result: dict[str, Any], residue: dict[str, Any]
                       ) -> dict[str, Any]:
        metric = result["metric"]
        extra = residue.get("metric") or {}
        out: dict[str, Any] = {}
        if "evaluation_description" in extra:
            out["evaluation_description"] = extra["evaluation_description"]
        if not extra.get("metric_id_absent"):
            out["metric_id"] = metric["id"]
        if metric.get("name"):
            out["metric_name"] = metric["name"]
        if metric.get("kind"):
            out["metric_kind"] = metric["kind"]
        if metric.get("unit"):
            original = extra.get("metric_unit")
            out["metric_unit"] = original if isinstance(original, str) and _unit_in(original) == metric["unit"] \
                else _unit_out(metric["unit"])
        if "metric_parameters" in extra:
            out["metric_parameters"] = extra["metric_parameters"]
        out["lower_is_better"] = metric["direction"] == "lower_is_better"
        details: dict[str, str] = dict(extra.get("additional_details") or {})
        if metric["direction"] == "neither":
            details[PREFIX + "direction"] = "neither"
            self.lose("metric.direction: neither", "EEE's lower_is_better is a boolean; false, with "
                                                   "metric_config.additional_details.riskfmt_direction")
        score_type = extra.get("score_type")
        if score_type is None and "min" in metric and "max" in metric and "score_type" not in extra:
            score_type = "continuous"
        if score_type is not None:
            out["score_type"] = score_type
        for key in ("level_names", "level_metadata", "has_unknown_level"):
            if key in extra:
                out[key] = extra[key]
        for key, source in (("min_score", "min"), ("max_score", "max")):
            if source in metric:
                out[key] = metric[source]
            elif key in extra:
                out[key] = extra[key]
            elif score_type == "continuous":
                out[key] = None
        judges = evaluation.get("judges") or []
        scoring = extra.get("llm_scoring")
        if isinstance(scoring, dict):
            names = [(j.get("model_info") or {}).get("id") or (j.get("model_info") or {}).get("name")
                     for j in scoring.get("judges") or [] if isinstance(j, dict)]
            if names != judges:
                scoring = None
        if scoring is not None:
            out["llm_scoring"] = scoring
        elif judges:
            out["llm_scoring"] = {
                "judges": [{"model_info": {"name": j, "id": j, "additional_details": {
                    "deployment_type": "unknown", "model_availability": "unknown"}}} for j in judges],
                "input_prompt": "",
            }
            self.lose("judges", "metric_config.llm_scoring.judges (EEE also requires the judge prompt, which riskfmt "
                                "does not record: input_prompt is empty)")
        details[PREFIX + "risks"] = ",".join(result["risks"])
        labels = _risk_labels(self.report, result["risks"])
        if labels:
            details[PREFIX + "risk_labels"] = labels
        self.lose("results[].risks", "metric_config.additional_details.riskfmt_risks and riskfmt_risk_labels")
        for key in ("threshold", "risk_level"):
            if result.get(key):
                details[PREFIX + key] = _jdump(result[key])
                self.lose(f"results[].{key}", f"metric_config.additional_details.riskfmt_{key} (JSON)")
        if details:
            out["additional_details"] = details
        for key, value in (extra.get("other") or {}).items():
            out.setdefault(key, value)
        return out

    def _score_details(self, evaluation: dict[str, Any], result: dict[str, Any], residue: dict[str, Any],
                       first: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"score": result["value"]}
        details: dict[str, str] = dict(residue.get("details") or {})
        for key, value in (result.get("slice") or {}).items():
            details[key] = str(value)
            if not residue:
                self.lose(f"results[].slice.{key}", f"score_details.details.{key}")
        details[PREFIX + "evaluation"] = evaluation["id"]
        if result.get("notes"):
            details[PREFIX + "result_notes"] = _jdump(result["notes"])
            self.lose("results[].notes", "score_details.details.riskfmt_result_notes (JSON)")
        if first:
            if evaluation.get("method", "benchmark") != "benchmark":
                details[PREFIX + "method"] = evaluation["method"]
                self.lose("evaluations[].method", "score_details.details.riskfmt_method")
            for key in ("status", "completed"):
                if evaluation.get(key):
                    details[PREFIX + key] = str(evaluation[key])
                    self.lose(f"evaluations[].{key}", f"score_details.details.riskfmt_{key}")
            started = evaluation.get("started")
            if started and _instant(started) is not None and parse_timestamp(epoch_string(started)) != started:
                details[PREFIX + "started"] = started  # keeps the producer's zone offset
            for key, label in (("notes", "evaluation_notes"), ("findings", "findings")):
                if evaluation.get(key):
                    details[PREFIX + label] = _jdump(evaluation[key])
                    self.lose(f"evaluations[].{key}", f"score_details.details.riskfmt_{label} (JSON)")
        out["details"] = details
        unc_out: dict[str, Any] = {}
        unc = result.get("uncertainty") or {}
        if "standard_error" in unc:
            se: dict[str, Any] = {"value": unc["standard_error"]}
            if "se_method" in residue and _unc_method_in(residue["se_method"]) == unc["method"]:
                if residue["se_method"] is not None:
                    se["method"] = residue["se_method"]
            else:
                se["method"] = unc["method"]
            unc_out["standard_error"] = se
        elif unc and unc.get("method") != _infer_method(unc):
            details[PREFIX + "uncertainty_method"] = unc["method"]
            self.lose("results[].uncertainty.method", "score_details.details.riskfmt_uncertainty_method (EEE keeps a "
                                                      "method only with a standard error)")
        elif "standard_error" in residue:
            unc_out["standard_error"] = residue["standard_error"]
        if "ci" in unc:
            ci = unc["ci"]
            unc_out["confidence_interval"] = {"lower": ci["lower"], "upper": ci["upper"],
                                              "confidence_level": ci["level"]}
            if ci.get("method"):
                unc_out["confidence_interval"]["method"] = ci["method"]
        elif "confidence_interval" in residue:
            unc_out["confidence_interval"] = residue["confidence_interval"]
        if "standard_deviation" in unc:
            unc_out["standard_deviation"] = unc["standard_deviation"]
        if "n" in result:
            unc_out["num_samples"] = result["n"]
        if "num_bootstrap" in unc:
            unc_out["num_bootstrap_samples"] = unc["num_bootstrap"]
        for key, value in (residue.get("uncertainty_other") or {}).items():
            unc_out.setdefault(key, value)
        if unc_out:
            out["uncertainty"] = unc_out
        for key, value in (residue.get("score_other") or {}).items():
            out.setdefault(key, value)
        return out

    def _generation(self, settings: dict[str, Any], residue: dict[str, Any]) -> dict[str, Any] | None:
        if "generation_config" in residue:
            return residue["generation_config"]
        ga: dict[str, Any] = copy.deepcopy(residue.get("generation_args") or {})
        gd: dict[str, str] = dict(residue.get("generation_details_extra") or {})
        for key in ("temperature", "top_p"):
            if key in settings:
                ga[key] = settings[key]
        if "max_tokens" in settings:
            if settings["max_tokens"] >= 1:
                ga["max_tokens"] = settings["max_tokens"]
            else:
                gd["max_tokens"] = str(settings["max_tokens"])
        if "seed" in settings:
            plan = ga.get("eval_plan")
            if residue.get("seed_in_eval_plan") and isinstance(plan, dict) and isinstance(plan.get("config"), dict):
                plan["config"]["seed"] = str(settings["seed"])
            else:
                gd["seed"] = str(settings["seed"])
                self.lose("settings.seed", "generation_config.additional_details.seed")
        for key in ("num_fewshot", "epochs"):
            if key in settings:
                gd[key] = str(settings[key])
                self.lose(f"settings.{key}", f"generation_config.additional_details.{key}")
        for key in ("chat_template_digest", "system_prompt_digest"):
            if key in settings:
                gd[PREFIX + key] = settings[key]
                self.lose(f"settings.{key}", f"generation_config.additional_details.riskfmt_{key}")
        json_keys = []
        for key, value in (settings.get("other") or {}).items():
            if _ga_scalar(key, value):
                ga[key] = value
            elif isinstance(value, str) and key not in gd:
                gd[key] = value
                self.lose(f"settings.other.{key}", f"generation_config.additional_details.{key}")
            else:
                gd[key] = json.dumps(value)
                json_keys.append(key)
                self.lose(f"settings.other.{key}", f"generation_config.additional_details.{key} (as JSON text)")
        if json_keys:
            gd[PREFIX + "json_keys"] = ",".join(json_keys)
        if "generation_args_raw" in residue:
            ga_out: Any = residue["generation_args_raw"]
        else:
            ga_out = ga
        out: dict[str, Any] = {}
        if ga or "generation_args" in residue or "generation_args_raw" in residue:
            out["generation_args"] = ga_out
        if gd or residue.get("generation_details_present"):
            out["additional_details"] = gd
        for key, value in (residue.get("generation_config_other") or {}).items():
            out.setdefault(key, value)
        if not out and not residue.get("generation_config_present"):
            return None
        return out

    # ---- instance rows ---------------------------------------------------------------------------------

    def _rows(self, evaluation: dict[str, Any], primary: str | None, model_info: dict[str, Any]
              ) -> list[dict[str, Any]]:
        samples = _load_rows(self.item, evaluation)
        if not samples:
            if (evaluation.get("samples") or {}).get("file"):
                self.lose(f"evaluations[{evaluation['id']}].samples.file", "", why="the samples file could not be read")
            return []
        task = evaluation["task"]
        interaction = task.get("interaction") or "single_turn"
        results = evaluation.get("results") or []
        direction = results[0]["metric"]["direction"] if results else "higher_is_better"
        out = []
        derived = skipped = 0
        for sample in samples:
            verdict = sample.get("verdict")
            score = sample.get("score")
            meta: dict[str, str] = {}
            if sample.get("epoch") is not None:
                meta["epoch"] = str(sample["epoch"])
            if score is None:
                if verdict is None:
                    skipped += 1
                    continue
                score = 1.0 if verdict in ("pass", "partial") else 0.0
                meta[PREFIX + "score"] = "absent"
            if verdict is not None:
                correct = verdict in ("pass", "partial")
            else:
                correct = score > 0 if direction != "lower_is_better" else score <= 0
                derived += 1
            if verdict not in ("pass", "fail"):
                meta[PREFIX + "verdict"] = verdict or ""
            if sample.get("risks"):
                meta[PREFIX + "risks"] = ",".join(sample["risks"])
            raw_input = sample.get("input")
            output = sample.get("output")
            # the digests travel when the text does not reproduce them (content withheld, or a digest the
            # producer took over structured content that riskfmt renders as JSON text)
            for key, text in (("input_digest", raw_input), ("output_digest", output)):
                if sample.get(key) and (text is None or sha256_text(text) != sample[key]):
                    meta[PREFIX + key] = sample[key]
            row: dict[str, Any] = {
                "schema_version": SCHEMA_VERSION,
                "evaluation_id": "",
                "model_id": model_info["id"],
                "evaluation_name": task["id"],
            }
            if primary is not None:
                row["evaluation_result_id"] = primary
            row.update({
                "sample_id": str(sample["sample_id"]),
                "interaction_type": interaction,
                "input": {"raw": raw_input or "",
                          "reference": [sample["target"]] if sample.get("target") is not None else []},
            })
            if interaction == "single_turn":
                row["output"] = {"raw": [output] if output is not None else []}
                row["messages"] = None
            else:
                row["output"] = None
                row["messages"] = []
            row["answer_attribution"] = []
            row["evaluation"] = {"score": float(score), "is_correct": bool(correct)}
            row["metadata"] = meta or None
            out.append(row)
        if derived:
            self.lose("samples[].verdict (absent)", "", why="EEE requires is_correct; derived from the score (> 0 "
                      "counts as correct, or <= 0 for a lower-is-better metric); metadata.riskfmt_verdict is empty")
        if skipped:
            self.lose(f"{skipped} sample(s) with neither a score nor a verdict", "",
                      why="EEE requires a score; left out")
        if any(s.get("input") is None for s in samples):
            self.lose("samples[].input/output", "", why="withheld by riskfmt: EEE's input.raw is left empty and the "
                      "digests are written to metadata.riskfmt_input_digest/riskfmt_output_digest")
        return out


def deterministic_uuid(text: str) -> str:
    """A UUID with version-4 bits (EEE's file-name pattern wants them), derived from ``text`` so re-exports
    of the same report land in the same file."""
    base = uuidlib.uuid5(uuidlib.NAMESPACE_URL, "https://w3id.org/riskfmt/eee/" + text)
    return str(uuidlib.UUID(bytes=base.bytes, version=4))


def write_eee(items: list[Converted], out: Path | None, options: ConvertOptions, lang: str) -> list[Finding]:
    """``riskfmt convert --to eee``: one EEE aggregate record per report, plus its instance JSONL.

    ``out`` a folder: EEE's datastore layout ``data/<benchmark>/<developer>/<model>/<uuid>.json`` under it.
    ``out`` a ``.json`` file (one report): that file, with ``<uuid>_samples.jsonl`` beside it. No ``out``:
    the record on standard output (instance rows need a file). Every riskfmt fact that EEE has no field for
    is written to an ``additional_details`` string and reported as an RF601 finding.
    """
    reports = [c for c in items if c.report is not None]
    to_stdout = out is None or str(out) == "-"
    as_file = not to_stdout and out is not None and out.suffix.lower() == ".json" and not out.is_dir()
    if len(reports) > 1 and (to_stdout or as_file):
        raise OutputError("several reports need an output folder for EEE records: -o FOLDER")
    inputs = {Path(c.source).resolve() for c in items}
    findings: list[Finding] = []
    used: set[Path] = set()
    for item in reports:
        assert item.report is not None
        exported = export_record(item.report, item)
        record, rows = exported.record, exported.rows
        uid = exported.uuid
        target: Path | None
        for attempt in range(100):
            if to_stdout:
                target = None
            elif as_file:
                target = out
            else:
                target = out / "data" / Path(*exported.layout) / f"{uid}.json"  # type: ignore[operator]
            if target is None or target.resolve() not in used:
                break
            uid = deterministic_uuid(f"{exported.uuid}/{attempt}")
        where = str(target) if target is not None else "-"
        if rows:
            if target is None:
                findings.append(Finding.make("RF601", where, field="instance rows (samples)", tool="riskfmt -> EEE",
                                             why=": standard output holds only the aggregate record; use -o"))
            else:
                samples_target = target.with_name(f"{uid}_samples.jsonl")
                body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
                record["detailed_evaluation_results"] = {
                    "format": "jsonl",
                    "file_path": "data/" + "/".join(exported.layout) + f"/{uid}_samples.jsonl",
                    "hash_algorithm": "sha256",
                    "checksum": hashlib.sha256(body).hexdigest(),
                    "total_rows": len(rows),
                }
                if samples_target.resolve() in inputs:
                    raise OutputError(f"refusing to write over the input {samples_target}")
                emit(samples_target, body)  # staged with the record: written together or not at all
        if target is not None:
            if target.resolve() in inputs:
                raise OutputError(f"refusing to write over the input {target}")
            used.add(target.resolve())
        for field_, why in exported.losses.items():
            findings.append(Finding.make("RF601", where, field=field_, tool="riskfmt -> EEE", why=f": {why}"))
        emit(target, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return findings
