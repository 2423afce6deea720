"""OpenCompass (Shanghai AI Laboratory) work directories and ``--station-path`` output.

Accepted inputs (``sniff`` recognises these and nothing else):

- a run folder ``<work_dir>/<YYYYMMDD_HHMMSS>/`` holding ``configs/`` and ``predictions/`` or ``results/``;
- its parent ``work_dir``: every run folder in it is converted, oldest first. Each run folder is a separate run
  with its own config dump, and converting only the newest would drop the others without a trace; to convert one
  run, pass its folder;
- a station folder (``--station-path DIR``: ``DIR/<dataset_abbr>/<model_abbr>.json``) or one station JSON file.

One report per model (a riskfmt report describes one model); one evaluation per dataset abbreviation, plus one per
summary group of the summarizer.

Choices made here (see also the converter's tests):

- Values come from ``results/<model>/<dataset>.json`` at full precision, never from the summary CSV (rounded to
  two decimals). Summary groups exist only in the summary: their values come from the raw-format block of
  ``summary_*.txt`` (full precision), else from the CSV (reported as rounded).
- The dataset's prompt hash (the summary CSV ``version`` column, OpenCompass' ``get_prompt_hash(dataset)[:6]``)
  is ``task.version``; without a summary it is recomputed from the dataset's ``infer_cfg`` the same way (derived).
- Metric keys: ``"accuracy (2 runs average)"`` becomes metric ``accuracy`` with ``settings.epochs = 2``;
  ``"<subdivision>/G-Pass@2_0.5"`` becomes metric ``G-Pass@2_0.5`` on ``slice.subgroup = <subdivision>``; every
  G-Pass@k_t and mG-Pass@k value is its own result. OpenCompass writes each G-Pass value twice, plain and under
  ``"<dataset>/..."`` (the subdivision taken from ``example_abbr`` is the dataset itself): one result is kept and
  its notes name the twin key. Two keys that would give one metric id keep the raw key as the id.
- Scale: ``accuracy`` and the G-Pass family are percentages in OpenCompass (4/8 -> 50.0): unit ``"%"``, bounds
  0..100. Where per-sample correctness exists the scale is checked against it (a value equal to the fraction is
  recorded as unit ``"1"``). Nothing is rescaled. Metrics of unknown scale get no unit and no bounds.
- n: OpenCompass records none. It is counted from the predictions (or the details) and divided by the number of
  replicas ``n`` where a value is per question (G-Pass); a "(N runs average)" value averages questions x N
  predictions, so its n is questions x N (riskfmt's n is items x epochs). A summary group's n is the sum of its
  members' question counts (derived).
- Standard errors: OpenCompass records none. From per-sample correctness (details) riskfmt derives a binomial
  standard error on the fraction, converted to the value's scale; for replicated tasks the standard error of the
  per-question means (clustered by question); for G-Pass the standard error of the per-question G-Pass values.
  Method ``derived`` with an RF608 finding; the derived value is used only if the per-sample data reproduce the
  reported value. Otherwise RF610.
- Dates: the run folder name is local time without a zone; it is kept in ``extensions`` and reported lost, never
  given a zone. OpenCompass records no version of itself: ``producer.tool.version`` is "unknown" (RF609).
- A failed task (no results file, an ``error`` entry, or ``-`` in the summary) gives an evaluation with status
  ``error``, no value, an RF603 finding and an RF601 finding saying what is missing. Never a zero.
- The config dump (``configs/*.py``) is read with ``ast`` only: literals, ``dict(...)`` calls and names bound
  earlier in the file. It is never executed or imported. Resolving names copies values, so the number of values
  built is bounded (``MAX_CONFIG_VALUES``); a config past it is not read (RF642) and the run converts without it.
- Subjective runs: a judge's results folder ``<model>_judged-by--<judge>`` (score mode) joins that model's report,
  the judge named in ``extensions.opencompass.judged_by``. A compare-mode folder ``<a>_<b>_judged-by--<judge>``
  (two run models, or a dataset's ``base_models`` baseline and a run model) is refused with RF640: a report
  describes one model and the results do not say whose each value is. Neither model is marked failed for it. A
  judged folder whose name splits into no known model, or more than one way, is RF641. Station files with
  ``cfg.judge_models`` are read the same way.
- Detection reads content, not names: a station file under any name (4 KiB head, 64 KiB tail).
- Model access from the model class: HuggingFace/vLLM/LMDeploy classes (hub id or local path) -> ``open_weights``; API
  classes -> ``api``; anything else (a custom or fake class) -> ``other`` with an RF609 finding. The model path
  is ``model.id`` only when it looks like a hub id; the developer is never guessed from it.

The package: ``converter`` (detection), ``layout`` (what a run folder or station file holds), ``config`` (the
config dump), ``names`` (result keys and folder names), ``samples`` (per-sample details), ``read`` (one report
per model run). riskfmt does not write OpenCompass's format.
"""

from __future__ import annotations

from riskfmt.convert.opencompass.config import MAX_CONFIG_VALUES, ConfigTooLarge, Opaque, parse_config, prompt_hash
from riskfmt.convert.opencompass.converter import OpenCompassConverter
from riskfmt.convert.opencompass.names import (
    TOOL,
    MetricKey,
    parse_metric_key,
    parse_run_folder_name,
    percent_scale,
    split_judged,
)

__all__ = ["MAX_CONFIG_VALUES", "TOOL", "ConfigTooLarge", "MetricKey", "Opaque", "OpenCompassConverter",
           "parse_config", "parse_metric_key", "parse_run_folder_name", "percent_scale", "prompt_hash", "split_judged"]
