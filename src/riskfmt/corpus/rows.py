"""A valid report as table rows (``schema.TABLES``): plain Python columns, no database needed.

Sample content (input, output, target) is never loaded, only digests: a corpus is queried and exported in bulk
and must not become a way to move prompts around. A pinned samples file is read by pyarrow's JSON reader in C++
(``read_sample_table``) when every line fits the column types exactly (text ids, whole-number epochs, numeric
scores); otherwise it is streamed a chunk of lines at a time with the Python rules (``iter_sample_file``). Either
way only one file's sample columns (at most 4 MiB of JSONL) are held at once.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from riskfmt.corpus.vocabulary import Resolver
from riskfmt.integrity.markings import document_label, label_at, rank

__all__ = ["SAMPLE_CHUNK_BYTES", "SAMPLE_COLUMNS", "Rows", "iter_sample_file", "iter_sample_lines", "marks_at",
           "read_sample_table", "sample_table_from_bytes",
           "evaluation_rows", "incident_rows", "report_rows", "utc"]

SAMPLE_CHUNK_BYTES = 4 << 20
# the columns of the samples table read from a sample itself (the others are the report's key and its marking)
SAMPLE_COLUMNS = ("sample_id", "epoch", "score", "verdict", "input_digest", "output_digest")

Rows = dict[str, dict[str, list[Any]]]  # table -> column -> values


def utc(value: Any) -> _dt.datetime | None:
    """An ISO 8601 date or time as a naive UTC datetime (the TIMESTAMP columns), None if absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(_dt.UTC).replace(tzinfo=None)
    return parsed


def _text(value: Any, lang: str) -> str | None:
    if isinstance(value, dict):
        found = value.get(lang)
        return found if isinstance(found, str) else None
    return value if isinstance(value, str) and lang == "en" else None


def _name(value: Any) -> str | None:
    return _text(value, "en") or _text(value, "zh")


class _Marks:
    """TLP label and rank at a pointer; the common case (no granular marking) costs one lookup."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        marking = doc.get("marking") or {}
        self.granular = bool(marking.get("granular"))
        self.label = document_label(doc)

    def at(self, pointer: str) -> tuple[str, int]:
        label = label_at(self.doc, pointer) if self.granular else self.label
        return label, rank(label)


def marks_at(doc: dict[str, Any], pointer: str) -> tuple[str, int]:
    """The TLP label and rank in force at a pointer of a document."""
    return _Marks(doc).at(pointer)


def _add(rows: Rows, table: str, **values: Any) -> None:
    columns = rows.setdefault(table, {})
    for key, value in values.items():
        columns.setdefault(key, []).append(value)


def report_rows(doc: dict[str, Any], path: str, digest: str,
                resolve: Resolver) -> tuple[Rows, list[tuple[str, str, str]]]:
    """The rows of one valid document of an indexed kind (``riskfmt.kinds``: its ``corpus`` entry), and the
    samples files to read: (evaluation id, file path, TLP pointer). KeyError for a kind that is not indexed."""
    from riskfmt.kinds import KINDS
    from riskfmt.kinds import resolve as resolve_entry

    entry = KINDS[doc["kind"]].corpus
    if entry is None:
        raise KeyError(doc["kind"])
    made: tuple[Rows, list[tuple[str, str, str]]] = resolve_entry(entry)(doc, path, digest, resolve)
    return made


def evaluation_rows(doc: dict[str, Any], path: str, digest: str,
                    resolve: Resolver) -> tuple[Rows, list[tuple[str, str, str]]]:
    """The rows of a valid evaluation report, and its samples files (``report_rows``)."""
    marks = _Marks(doc)
    rows: Rows = {}
    report_id = doc["report_id"]
    kind = doc.get("kind")
    producer_org = ((doc.get("producer") or {}).get("organization") or {})
    producer = _name(producer_org.get("name")) or producer_org.get("id") or ""
    model_doc = doc.get("model") or {}
    model = model_doc.get("name") or ""
    key = {"report_id": report_id, "producer": producer, "model": model}
    created = utc(doc.get("created"))
    tlp, tlp_rank = marks.at("")
    files: list[tuple[str, str, str]] = []
    inline_samples = 0
    for e_index, evaluation in enumerate(doc.get("evaluations") or []):
        e_ptr = f"/evaluations/{e_index}"
        e_id = evaluation.get("id")
        task = evaluation.get("task") or {}
        started, completed = utc(evaluation.get("started")), utc(evaluation.get("completed"))
        e_tlp, e_rank = marks.at(e_ptr)
        _add(rows, "evaluations", **key, evaluation_id=e_id, task_id=task.get("id"),
             task_name_en=_text(task.get("name"), "en"), task_name_zh=_text(task.get("name"), "zh"),
             task_version=task.get("version"), method=evaluation.get("method"), started=started,
             completed=completed, tlp=e_tlp, tlp_rank=e_rank)
        observed = completed or started or created
        for r_index, result in enumerate(evaluation.get("results") or []):
            r_ptr = f"{e_ptr}/results/{r_index}"
            r_tlp, r_rank = marks.at(r_ptr)
            metric = result.get("metric") or {}
            uncertainty = result.get("uncertainty") or {}
            ci = uncertainty.get("ci") or {}
            cited = list(result.get("risks") or [])
            top = "none"
            for risk in cited:
                concepts = resolve.concepts(risk)
                if not concepts:
                    _add(rows, "risk_links", **key, evaluation_id=e_id, item_kind="result", item_id=result.get("id"),
                         cited=risk, concept_id=None, top_concept="none", tlp=r_tlp, tlp_rank=r_rank)
                for concept in concepts:
                    if top == "none":
                        top = resolve.top[concept]
                    _add(rows, "risk_links", **key, evaluation_id=e_id, item_kind="result", item_id=result.get("id"),
                         cited=risk, concept_id=concept, top_concept=resolve.top[concept], tlp=r_tlp, tlp_rank=r_rank)
            slice_ = result.get("slice")
            _add(rows, "results", **key, evaluation_id=e_id, result_id=result.get("id"), task_id=task.get("id"),
                 model_version=model_doc.get("version"), metric_id=metric.get("id"), metric_kind=metric.get("kind"),
                 direction=metric.get("direction"), value=_float(result.get("value")), n=_int(result.get("n")),
                 standard_error=_float(uncertainty.get("standard_error")), ci_lower=_float(ci.get("lower")),
                 ci_upper=_float(ci.get("upper")), ci_level=_float(ci.get("level")),
                 slice=_compact(slice_) if slice_ else None,
                 threshold=_float((result.get("threshold") or {}).get("value")),
                 risk_level=(result.get("risk_level") or {}).get("level"), risks=",".join(cited) or None,
                 top_concept=top, observed=observed, tlp=r_tlp, tlp_rank=r_rank)
        for f_index, finding in enumerate(evaluation.get("findings") or []):
            f_tlp, f_rank = marks.at(f"{e_ptr}/findings/{f_index}")
            cited = list(finding.get("risks") or [])
            for risk in cited:
                for found in resolve.concepts(risk) or (None,):
                    _add(rows, "risk_links", **key, evaluation_id=e_id, item_kind="finding",
                         item_id=finding.get("id"), cited=risk, concept_id=found,
                         top_concept=resolve.top[found] if found else "none", tlp=f_tlp, tlp_rank=f_rank)
            _add(rows, "findings", **key, evaluation_id=e_id, finding_id=finding.get("id"),
                 title_en=_text(finding.get("title"), "en"), title_zh=_text(finding.get("title"), "zh"),
                 risks=",".join(cited) or None, tlp=f_tlp, tlp_rank=f_rank)
        samples = evaluation.get("samples") or {}
        s_ptr = f"{e_ptr}/samples"
        if samples.get("file"):
            files.append((e_id, samples["file"]["path"], s_ptr))
        for s_index, sample in enumerate(samples.get("inline") or []):
            s_tlp, s_rank = marks.at(f"{s_ptr}/inline/{s_index}")
            _add(rows, "samples", **key, evaluation_id=e_id, **_sample(sample), tlp=s_tlp, tlp_rank=s_rank)
            inline_samples += 1
    provenance = doc.get("provenance") or {}
    _add(rows, "reports", **key, kind=kind, path=path, digest=digest, format_version=doc.get("format_version"),
         vocabulary_version=doc.get("vocabulary_version"), title_en=_text(doc.get("title"), "en"),
         title_zh=_text(doc.get("title"), "zh"), created=created,
         producer_relationship=(doc.get("producer") or {}).get("relationship"),
         producer_tool=((doc.get("producer") or {}).get("tool") or {}).get("name"),
         model_version=model_doc.get("version"), model_developer=model_doc.get("developer"),
         source_format=provenance.get("source_format"), samples=inline_samples, tlp=tlp, tlp_rank=tlp_rank)
    return rows, files


def incident_rows(doc: dict[str, Any], path: str, digest: str,
                  resolve: Resolver) -> tuple[Rows, list[tuple[str, str, str]]]:
    """The rows of a valid incident report (``report_rows``); it cites no samples files."""
    marks = _Marks(doc)
    rows: Rows = {}
    reporter = (doc.get("reporter") or {}).get("organization") or {}
    systems = doc.get("systems") or []
    key = {"report_id": doc["report_id"], "producer": _name(reporter.get("name")) or reporter.get("id") or "",
           "model": (systems[0].get("name") if systems and isinstance(systems[0], dict) else None) or ""}
    tlp, tlp_rank = marks.at("")
    for h_index, harm in enumerate(doc.get("harms") or []):
        h_tlp, h_rank = marks.at(f"/harms/{h_index}")
        for risk in harm.get("risks") or []:
            for concept in resolve.concepts(risk) or (None,):
                _add(rows, "risk_links", **key, evaluation_id=None, item_kind="incident", item_id=harm.get("id"),
                     cited=risk, concept_id=concept, top_concept=resolve.top[concept] if concept else "none",
                     tlp=h_tlp, tlp_rank=h_rank)
    _add(rows, "incidents", **key, title_en=_text(doc.get("title"), "en"), title_zh=_text(doc.get("title"), "zh"),
         event_type=doc.get("event_type"), status=doc.get("status"),
         severity=(doc.get("severity") or {}).get("level"), tlp=tlp, tlp_rank=tlp_rank)
    _add(rows, "reports", **key, kind=doc.get("kind"), path=path, digest=digest,
         format_version=doc.get("format_version"), vocabulary_version=doc.get("vocabulary_version"),
         title_en=_text(doc.get("title"), "en"), title_zh=_text(doc.get("title"), "zh"),
         created=utc((doc.get("dates") or {}).get("reported")), producer_relationship=None, producer_tool=None,
         model_version=None, model_developer=None, source_format=None, samples=0, tlp=tlp, tlp_rank=tlp_rank)
    return rows, []


def _sample(sample: dict[str, Any]) -> dict[str, Any]:
    sample_id = sample.get("sample_id")
    return {"sample_id": sample_id if isinstance(sample_id, str) or sample_id is None else _compact(sample_id),
            "epoch": _int(sample.get("epoch")), "score": _float(sample.get("score")), "verdict": sample.get("verdict"),
            "input_digest": sample.get("input_digest"), "output_digest": sample.get("output_digest")}


def iter_sample_file(target: Path, chunk_bytes: int = SAMPLE_CHUNK_BYTES) -> Iterator[dict[str, list[Any]]]:
    """The sample columns of a JSONL samples file, a chunk of lines at a time (bounded memory)."""
    with target.open("rb") as handle:
        yield from iter_sample_lines(handle, chunk_bytes)


def iter_sample_lines(handle: BinaryIO, chunk_bytes: int = SAMPLE_CHUNK_BYTES) -> Iterator[dict[str, list[Any]]]:
    """``iter_sample_file`` of an open binary file (or the bytes of one, in ``io.BytesIO``)."""
    import orjson

    while True:
        lines = handle.readlines(chunk_bytes)
        if not lines:
            return
        parsed = [orjson.loads(line) for line in lines if not line.isspace()]
        if parsed:
            ids = [p.get("sample_id") for p in parsed]
            yield {
                "sample_id": [i if isinstance(i, str) or i is None else _compact(i) for i in ids],
                "epoch": [_int(p.get("epoch")) for p in parsed],
                "score": [_float(p.get("score")) for p in parsed],
                "verdict": [p.get("verdict") for p in parsed],
                "input_digest": [p.get("input_digest") for p in parsed],
                "output_digest": [p.get("output_digest") for p in parsed],
            }


def read_sample_table(target: Path) -> Any | None:
    """The sample columns of a JSONL samples file as one pyarrow Table, parsed in C++ without a Python object per
    row; None when some line does not fit the column types exactly (a number as sample_id, 1.0 as epoch, a
    boolean score, a repeated key, ...), for ``iter_sample_file`` to read with the Python rules. The reader is
    strict, never coercing, so whenever it answers, its values are the ones the Python rules give (checked by
    tests/corpus/test_samples_reader.py). For files small enough to hold whole (the indexer's are at most
    ``index._DIRECT_BYTES``); OSError when the file cannot be read."""
    with target.open("rb") as handle:
        return sample_table_from_bytes(handle.read())


def sample_table_from_bytes(data: bytes) -> Any | None:
    """``read_sample_table`` of a samples file's bytes."""
    import pyarrow as pa
    import pyarrow.json as pj

    from riskfmt.corpus.schema import arrow_schema

    schema = arrow_schema("samples")
    if not data.strip():
        return None  # the reader refuses an empty file; the Python rules give no rows
    options = pj.ParseOptions(explicit_schema=pa.schema([schema.field(n) for n in SAMPLE_COLUMNS]),
                              unexpected_field_behavior="ignore")  # sample content is skipped, never converted
    try:
        # one block for the whole file: a line may not straddle two blocks, and one thread is enough for one file
        # pyarrow-stubs type the source as a path or a Python file; pyarrow takes any NativeFile (BufferReader)
        return pj.read_json(pa.BufferReader(data), parse_options=options,  # type: ignore[arg-type]
                            read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1))
    except pa.ArrowInvalid:
        return None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _compact(value: Any) -> str:
    import orjson

    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
