"""riskfmt report -> EEE aggregate record (``riskfmt convert --to eee``): the record as a whole, and where the
record and its instance rows are written."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.eee.common import (
    ACCESS_OUT,
    EXTENSION,
    PREFIX,
    SCHEMA_VERSION,
    UUID4,
    access_in,
    epoch_string,
    instant,
    iso,
    jdump,
    safe_component,
)
from riskfmt.convert.eee.write_results import ResultWriter
from riskfmt.convert.sink import OutputError, emit
from riskfmt.findings import Finding


@dataclass
class Exported:
    record: dict[str, Any]
    rows: list[dict[str, Any]]
    losses: dict[str, str]  # riskfmt field -> where it went / why
    layout: tuple[str, str, str]  # benchmark, developer, model folders
    uuid: str


def export_record(report: dict[str, Any], item: Converted | None = None) -> Exported:
    """An EEE 0.3.0 aggregate record (and instance rows) for a riskfmt report.

    ``record["detailed_evaluation_results"]`` is left for the writer, which knows where the rows go.
    """
    return _Exporter(report, item).run()


class _Exporter(ResultWriter):
    def __init__(self, report: dict[str, Any], item: Converted | None) -> None:
        self.report = report
        self.item = item
        self.ext = ((report.get("extensions") or {}).get(EXTENSION)) or {}
        self.losses: dict[str, str] = {}

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
        layout = (safe_component(benchmark), safe_component(developer), safe_component(model.replace("/", "_")))
        uid = ext.get("record_uuid") if isinstance(ext.get("record_uuid"), str) and UUID4.match(
            ext["record_uuid"]) else None
        if uid is None:
            uid = deterministic_uuid(report.get("report_id") or jdump(report.get("evaluations")))
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
            details[PREFIX + "marking_granular"] = jdump(marking["granular"])
            self.lose("marking.granular", "source_metadata.additional_details.riskfmt_marking_granular (JSON)")
        if set(org["name"]) != {"en"}:
            details[PREFIX + "organization_name"] = jdump(org["name"])
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
                details[PREFIX + key] = jdump(report[key])
                self.lose(key, f"source_metadata.additional_details.riskfmt_{key} (JSON)")
        extensions = {k: v for k, v in (report.get("extensions") or {}).items() if k != EXTENSION}
        if extensions:
            details[PREFIX + "extensions"] = jdump(extensions)
            self.lose("extensions", "source_metadata.additional_details.riskfmt_extensions (JSON)")
        if without:
            details[PREFIX + "evaluations_without_results"] = jdump(without)
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
                or (access_in(*original) or "other") != access:
            details["deployment_type"], details["model_availability"] = ACCESS_OUT.get(access, ("unknown", "unknown"))
        for key, label in (("version", "model_version"), ("revision", "model_revision")):
            if model.get(key):
                details[PREFIX + label] = str(model[key])
                self.lose(f"model.{key}", f"model_info.additional_details.riskfmt_{label}")
        if model.get("digests"):
            details[PREFIX + "model_digests"] = jdump(model["digests"])
            self.lose("model.digests", "model_info.additional_details.riskfmt_model_digests (JSON)")
        out["additional_details"] = details
        for key, value in (residue.get("other") or {}).items():
            out.setdefault(key, value)
        return out

    def _retrieved(self) -> str:
        ext, report = self.ext, self.report
        if isinstance(ext.get("retrieved_timestamp"), str) and ext["retrieved_timestamp"]:
            return str(ext["retrieved_timestamp"])
        for candidate in ((report.get("provenance") or {}).get("retrieved"), report.get("created")):
            if candidate and epoch_string(candidate):
                return epoch_string(candidate)  # type: ignore[return-value]
        dates = [d for e in report["evaluations"] for d in (e.get("completed"), e.get("started")) if d]
        instants = [(instant(d), d) for d in dates if instant(d) is not None]
        if instants:
            return epoch_string(max(instants)[1]) or "0"
        return epoch_string(iso(datetime.now(tz=UTC))) or "0"

    def _record_timestamp(self) -> Any:
        # a record-level fact riskfmt has no field for: EEE's own value when the report came from EEE,
        # else the earliest start of the evaluations
        if "evaluation_timestamp" in self.ext:
            return self.ext["evaluation_timestamp"]
        starts = [e["started"] for e in self.report["evaluations"] if e.get("started") and e.get("results")]
        instants = sorted((instant(s), s) for s in starts if instant(s) is not None)
        return epoch_string(instants[0][1]) if instants else None

    @staticmethod
    def _benchmark(results: list[dict[str, Any]]) -> str:
        if not results:
            return "unknown"
        source = results[0].get("source_data") or {}
        return str(source.get("dataset_name") or results[0].get("evaluation_name") or "unknown")

    # ---- instance rows ---------------------------------------------------------------------------------


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
