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

The package keeps the two directions apart: ``converter`` and ``read``/``read_results`` read records,
``write``/``write_results`` write them, ``common`` holds what both share.
"""

from __future__ import annotations

from riskfmt.convert.eee.common import EXTENSION, SCHEMA_VERSION, epoch_string, parse_timestamp
from riskfmt.convert.eee.converter import EeeConverter, record_for_samples
from riskfmt.convert.eee.read_results import inspect_identity
from riskfmt.convert.eee.write import Exported, deterministic_uuid, export_record, write_eee

__all__ = ["EXTENSION", "SCHEMA_VERSION", "EeeConverter", "Exported", "deterministic_uuid", "epoch_string",
           "export_record", "inspect_identity", "parse_timestamp", "record_for_samples", "write_eee"]
