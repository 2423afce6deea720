"""EEE aggregate record -> riskfmt report: the record as a whole (producer, model, report-level facts), the
evaluations its results are grouped into, and its instance rows."""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from riskfmt.convert._coerce import as_dict, is_number
from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.builder import ReportBuilder, local_id
from riskfmt.convert.eee.common import (
    EXTENSION,
    PREFIX,
    RELATIONSHIPS,
    SCHEMA_VERSION,
    TLP_ORDER,
    TOOL,
    TOOL_ALIASES,
    UUID4,
    access_in,
    canon_int,
    is_int,
    jdump,
    jload,
    str_dict,
)
from riskfmt.convert.eee.read_results import Parsed, ResultReader
from riskfmt.findings import Finding, Severity


class Importer(ResultReader):
    def __init__(self, path: Path, options: ConvertOptions) -> None:
        self.path = path
        self.options = options
        self.source = str(path)
        self.record_source: dict[str, Any] | None = None
        self.inspect_origin = False
        self._n_noted = False

    # ---- entry ------------------------------------------------------------------------------------

    def run(self) -> Converted:
        from riskfmt.loading import load_bytes

        doc = load_bytes(self.path.read_bytes(), self.source, "json")
        if not doc.parsed:
            return Converted(self.source, None, [*doc.findings, Finding.make(
                "RF607", self.source, path=self.source, tool=TOOL, detail="the file is not valid JSON")])
        rec = doc.data
        if not isinstance(rec, dict) or not isinstance(rec.get("evaluation_results"), list):
            return Converted(self.source, None, [*doc.findings, Finding.make(
                "RF607", self.source, path=self.source, tool=TOOL,
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
        sm = as_dict(rec.get("source_metadata"))
        lib = as_dict(rec.get("eval_library"))
        mi = as_dict(rec.get("model_info"))
        sm_details = str_dict(sm.get("additional_details"))  # dropped values are reported by _producer
        rf = {k[len(PREFIX):]: v for k, v in sm_details.items() if k.startswith(PREFIX)}

        org = sm.get("source_organization_name")
        org_known = isinstance(org, str) and org.strip() != "" and org.strip().lower() != "unknown"
        relationship = sm.get("evaluator_relationship")
        options = replace(self.options, organization=org.strip() if isinstance(org, str) and org_known
                          else self.options.organization,
                          relationship=relationship if relationship in RELATIONSHIPS else self.options.relationship)

        samples_path = self._samples_path(rec)
        named = lib.get("name")
        tool_name = named if isinstance(named, str) and named else "unknown"
        version = lib.get("version") if isinstance(lib.get("version"), str) else None
        if version in ("", "unknown"):
            version = None
        sources = [self.path] + ([samples_path] if samples_path is not None and samples_path.is_file() else [])
        b = ReportBuilder(self.source, tool_name, version, options, source_format=TOOL, source_files=sources)
        b.tool = TOOL
        b.findings[:0] = parse_findings
        self.b = b
        report = b.report
        report["provenance"]["source_tool"] = TOOL
        report["provenance"]["source_version"] = str(rec.get("schema_version") or "unknown")
        if tool_name == "unknown":
            b.lost("eval_library.name", "the record names no evaluation library")
        if relationship not in RELATIONSHIPS:
            b.defaulted("producer.relationship", options.relationship)

        ext: dict[str, Any] = {"schema_version": rec.get("schema_version"), "evaluation_id": rec.get("evaluation_id"),
                               "retrieved_timestamp": rec.get("retrieved_timestamp")}
        ext["evaluation_timestamp"] = rec.get("evaluation_timestamp")  # None: the record has none
        if UUID4.match(self.path.stem):
            ext["record_uuid"] = self.path.stem
        if rec.get("schema_version") != SCHEMA_VERSION:
            b.lost("schema_version", "the record says {found!r}; it was read as {version}",
                   found=rec.get("schema_version"), version=SCHEMA_VERSION)

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
        name = jload(rf.get("organization_name"))
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
        access = access_in(kept.get("deployment_type"), kept.get("model_availability"))
        if access is None:
            access = "other"
            b.defaulted("model.access", access,
                        hint=" (EEE deployment_type {deployment_type!r}, model_availability {availability!r})",
                        deployment_type=kept.get("deployment_type"), availability=kept.get("model_availability"))
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
        digests = jload(mrf.get("model_digests"))
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
        if recorded in TLP_ORDER and self.options.tlp in TLP_ORDER:
            # never weaken a marking: the stricter of the recorded label and the one asked for
            report["marking"]["tlp"] = max(recorded, self.options.tlp, key=TLP_ORDER.index)
        granular = jload(rf.get("marking_granular"))
        if isinstance(granular, list) and granular:
            report["marking"]["granular"] = granular
        for key in ("title", "notes"):
            text = jload(rf.get(key))
            if isinstance(text, dict) and text:
                report[key] = text
        if rf.get("created"):
            report["created"] = rf["created"]
        extensions = jload(rf.get("extensions"))
        if isinstance(extensions, dict):
            report.setdefault("extensions", {}).update({k: v for k, v in extensions.items() if k != EXTENSION})

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
            b.lost("detailed_evaluation_results.checksum", "unknown hash algorithm {algorithm!r}; not verified",
                   algorithm=algorithm)
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
        if is_int(total) and total != len(lines):
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

    def _evaluations(self, parsed: list[Parsed], rows: list[dict[str, Any]], rf: dict[str, str],
                     ext: dict[str, Any]) -> None:
        b = self.b
        groups: dict[str, list[Parsed]] = {}
        for p in parsed:
            key = "rf:" + p.eval_id if p.eval_id else jdump([p.task, p.started, p.settings, p.judges])
            groups.setdefault(key, []).append(p)
        # a riskfmt evaluation holds one value per measurement (metric, slice): results that repeat a
        # measurement (EEE keeps Inspect scorers' reducers apart only by position) go to a sibling evaluation
        plans: list[tuple[str | None, list[Parsed]]] = []
        for members in groups.values():
            buckets: list[tuple[set[str], list[Parsed]]] = []
            for p in members:
                key = jdump([p.metric["id"], p.slice])
                for seen, bucket in buckets:
                    if key not in seen:
                        seen.add(key)
                        bucket.append(p)
                        break
                else:
                    buckets.append(({key}, [p]))
            if len(buckets) > 1:
                b.lost(f"evaluation_results ({members[0].task['id']})",
                       "{count} results repeat a metric and slice with nothing in the record telling them "
                       "apart (for example Inspect reducers); each repeat went to its own evaluation",
                       count=len(buckets))
            for _seen, bucket in buckets:
                plans.append((members[0].eval_id, bucket))

        row_index: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
        for row in rows:
            row_index.setdefault((str(row.get("evaluation_name")), row.get("evaluation_result_id")), []).append(row)
        used_rows: set[tuple[str, str | None]] = set()

        created: list[tuple[dict[str, Any], list[Parsed]]] = []
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
        without = jload(rf.get("evaluations_without_results"))
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
                if p.no_se and p.metric["id"] not in no_se:
                    no_se.add(p.metric["id"])
                    b.no_uncertainty(p.metric["id"], "the EEE record has no standard error")
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
        alias = TOOL_ALIASES.get(self.b.report["producer"]["tool"]["name"])
        if alias:
            risks, matched = self.b.task_map.risks_for(task_id, alias)
            if matched:
                return risks
        return self.b.risks_for(task_id)

    def _samples(self, evaluation: dict[str, Any], members: list[Parsed],
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
            meta = as_dict(row.get("metadata"))
            epoch = canon_int(meta.get("epoch"))
            sample_id = str(row["sample_id"])
            skey = (sample_id, epoch or 1)
            canon = jdump(row)
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
        ev = as_dict(row.get("evaluation"))
        score = ev.get("score") if is_number(ev.get("score")) else None
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
        inp = as_dict(row.get("input"))
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


def _public_source(sd: dict[str, Any]) -> dict[str, Any]:
    """A record-level source_data as kept in extensions: sample ids as strings (see _source_data)."""
    out = dict(sd)
    if isinstance(out.get("sample_ids"), list):
        out["sample_ids"] = [str(x) for x in out["sample_ids"]]
    return out


_RESIDUE_NAMES = {  # residue key -> (part of an EEE result, field named in the finding)
    "evaluation_result_id": ("", "evaluation_result_id"), "source_type": ("source_data", "source_type"),
    "url_extra": ("source_data", "url[1:]"), "sample_ids": ("source_data", "sample_ids"),
    "source_data_details": ("source_data", "additional_details"), "details": ("score_details", "details"),
    "generation_args": ("generation_config", "generation_args (all but scalars)"),
    "uncertainty_other": ("score_details", "uncertainty (other fields)"), "other": ("", "fields outside EEE 0.3.0"),
}
