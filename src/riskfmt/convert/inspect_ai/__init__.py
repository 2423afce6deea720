"""UK AISI Inspect (``inspect-ai``) logs: ``.eval`` archives and ``.json`` documents, read without inspect-ai.

An ``.eval`` log is a ZIP archive (``header.json``: the log without its samples; ``samples/<id>_epoch_<n>.json``:
one sample each; ``summaries.json``, ``reductions.json`` and ``_journal/``: not needed here). A ``.json`` log is the
same ``EvalLog`` as one document. Both are read with the standard library only, the archive through
:mod:`riskfmt.convert.archive` (in memory, with size, ratio and member limits; every refusal is an RF606 finding).

Mapping (one report per log, one evaluation per log):

* model: ``eval.model`` (``provider/name``). The developer comes from the provider only when the provider *is* the
  developer (openai, anthropic, google, ...); behind a host or a local engine (together, hf, vllm, ...) it is the
  organization of an ``org/model`` hub id; otherwise (``mockllm``) it is defaulted with an RF609 finding.
* task: ``eval.task``, ``task_version``, ``dataset.{name, location, samples}`` (a local dataset path is never copied).
* settings: the generate config (``eval.model_generate_config`` overridden by ``plan.config``: temperature, top_p,
  max_tokens, seed, others by name), ``eval.config`` (epochs, reducers, limits), task arguments and scorer options.
* results: one per scorer x value metric (x reducer when the log has epochs), with metric id
  ``<scorer>/<metric>[@<reducer>]`` so that ids stay distinct and align across logs. ``stderr``, ``std``, ``var``
  and ``bootstrap_stderr`` are sibling metrics in Inspect, not results: they become the uncertainty of the
  mean-like metric of the same scorer (``accuracy``, ``mean``). n counts the (sample, epoch) records the scorer
  scored, i.e. items x epochs as the report format defines n (12 for 6 samples x 2 epochs), not
  ``results.scores[].scored_samples`` (6, the reduced items); Inspect computes the value and its stderr over
  those reduced items, so with epochs the stderr is not sd / sqrt(n), which ``settings.epochs`` makes visible.
  Without per-sample records, n is ``scored_samples`` (x epochs when the score was reduced).
* samples: one row per (sample, epoch) with the headline scorer's per-epoch score (C=1 pass, I=0 fail, P=0.5
  partial, N=0, booleans, numbers), or verdict ``error`` for a sample that failed without a score.
* status: a log whose status is not ``success`` is flagged (RF603) and its evaluation status set; invalidated
  samples are flagged (RF604) and the evaluation marked ``invalidated`` (Inspect does not recompute the metrics,
  and neither does the converter: the values stay as the log reports them).

Everything else (transcripts, token usage, the error traceback, solver plan, metadata...) is reported with an
RF601 finding naming the field, and never copied: tracebacks and task files hold absolute paths.

The package: ``converter`` (detection, safe reading, the report), ``facts`` (model, task, settings, dates,
judges, losses), ``results`` (scores, uncertainty, samples), ``samples`` (one sample, score values). riskfmt
does not write Inspect's format.
"""

from __future__ import annotations

from riskfmt.convert._coerce import parse_date
from riskfmt.convert.inspect_ai.converter import TOOL, InspectConverter
from riskfmt.convert.inspect_ai.results import metric_id
from riskfmt.convert.inspect_ai.samples import score_to_float

__all__ = ["TOOL", "InspectConverter", "metric_id", "parse_date", "score_to_float"]
