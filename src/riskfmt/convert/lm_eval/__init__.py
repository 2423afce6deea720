"""EleutherAI lm-evaluation-harness (``lm-eval`` 0.3 and 0.4.x): ``results_<time>.json`` plus its ``samples_*.jsonl``.

Files are recognised by content, whatever their name (lm-eval 0.3 wrote wherever ``--output_path`` said, and
published results are often renamed): a JSON object whose first 64 KiB hold ``"results"`` and ``"versions"``
(both layouts) or a 0.4 marker (``"n-samples"``, ``"lm_eval_version"``, ``"<metric>_stderr,<filter>"``).

One report per results file, one evaluation per task, and one per task group (kept apart: a group's values
pool its subtasks, so they are never independent evidence).

Choices made here (see also the converter's tests):

- lm-eval 0.3 results (``{"results": {task: {"acc": .., "acc_stderr": ..}}, "versions", "config"}``) have no
  filters: a key without a comma is read as the metric under lm-eval's ``none`` filter, so a 0.3 and a 0.4
  result of the same task align. The 0.3 layout records no sample count: its results have no n (RF620 says so).
- A result key ``"<metric>,<filter>"`` is split at its first comma. The filter stays in the metric id
  (``exact_match,strict-match``) unless it is lm-eval's ``none`` (then the id is the bare metric name,
  ``acc``), so results under different filters stay distinct and a round trip can restore the key.
- ``"<metric>_stderr,<filter>"`` is the standard error; the string ``"N/A"`` means lm-eval computed none.
  The method follows lm-eval's own rule (``stderr_for_metric``): ``mean`` aggregation -> analytic (sample
  sd / sqrt(n)); median, f1, matthews_corrcoef, perplexity, bleu, chrf, ter, nanmean -> bootstrap with
  ``config.bootstrap_iters`` resamples (at most 100 for bleu, chrf and ter, as lm-eval does). Group
  standard errors are lm-eval's pooled within-subtask estimate: method ``other``.
- ``task_hashes[task]`` is the sha256 of the concatenated per-sample ``doc_hash + prompt_hash +
  target_hash``: it depends on the prompt template and the sample order as well as on the documents, so it
  is not a dataset digest. It is kept in ``extensions["lm-eval"]``.
- A sample's ``input`` is the prompt lm-eval sent (the first request's context). lm-eval's ``prompt_hash``
  is sha256 of exactly that text, so it equals riskfmt's ``input_digest`` (checked row by row; used as
  the digest when the prompt text itself is missing). ``doc_hash`` (sha256 of the document as indented
  JSON) and ``target_hash`` have no per-sample field and are reported as not carried over.

The package: ``converter`` (detection), ``read`` (the run), ``tasks`` (tasks, groups, samples), ``metrics``
(metric keys and standard errors), ``values`` (times, versions, settings). riskfmt does not write lm-eval's
format.
"""

from __future__ import annotations

from riskfmt.convert.lm_eval.converter import LmEvalConverter, looks_like_results_text
from riskfmt.convert.lm_eval.metrics import metric_id, parse_metric_key, parse_stderr, stderr_method
from riskfmt.convert.lm_eval.values import TOOL, clean_settings, epoch_to_rfc3339, json_safe, positive

__all__ = ["TOOL", "LmEvalConverter", "clean_settings", "epoch_to_rfc3339", "json_safe", "looks_like_results_text",
           "metric_id", "parse_metric_key", "parse_stderr", "positive", "stderr_method"]
