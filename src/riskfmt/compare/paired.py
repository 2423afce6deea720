"""The paired per-sample section of a diff: for each aligned evaluation pair with samples on both sides,
the verdicts' McNemar test and the scores' paired t-test (the pairing itself is ``riskfmt.compare.samples``)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from riskfmt.compare import stats
from riskfmt.compare.align import Aligned
from riskfmt.compare.measure import change_of
from riskfmt.compare.pairs import PairBuilder
from riskfmt.findings import Finding

__all__ = ["samples_section"]


def _base_dirs(build: PairBuilder) -> tuple[Path | None, Path | None]:
    if build.options.base_dirs is not None:
        return build.options.base_dirs
    out: list[Path | None] = []
    for source in build.sources:
        out.append(None if source in ("-", "<stdin>") else Path(source).parent)
    return out[0], out[1]


def samples_section(build: PairBuilder,
             e_pairs: list[Aligned]) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], float]]]:
    from riskfmt.compare.samples import SamplesError, compare_samples, sample_source

    base_a, base_b = _base_dirs(build)
    docs: list[dict[str, Any]] = []
    tests: list[tuple[dict[str, Any], float]] = []
    level = build.options.level
    for pair in e_pairs:
        source_a = sample_source(pair.a.data, base_a)
        source_b = sample_source(pair.b.data, base_b)
        if source_a is None or source_b is None:
            continue
        task = pair.a.bucket[0]
        try:
            tally = compare_samples(source_a, source_b, build.options.memory_rows)
        except SamplesError as exc:  # validated a moment ago, unreadable now: an input error, not a bug
            from riskfmt.compare.inputs import InputError

            raise InputError([Finding.make("RF804", exc.path, line=exc.row, column=1, row=exc.row,
                                           detail=exc.detail)]) from None
        entry: dict[str, Any] = {"task": task, "evaluation_a": pair.a.id, "evaluation_b": pair.b.id,
                                 "matched_by": tally.matched_by, "matched": tally.matched,
                                 "only_a": tally.only_a, "only_b": tally.only_b}
        if tally.matched == 0:
            build.note("RF840", None, "", task=task)
            docs.append(entry)
            continue
        if tally.matched_by == "input_digest":
            build.note("RF843", None, "", task=task)
        if tally.only_a or tally.only_b:
            build.note("RF844", None, "", task=task, matched=tally.matched, only_a=tally.only_a, only_b=tally.only_b)
        if tally.digest_conflicts:
            build.note("RF841", None, "", task=task, count=tally.digest_conflicts)
        if tally.spilled_rows:
            build.note("RF842", None, "", task=task, count=tally.spilled_rows)
        if tally.verdict_pairs or tally.other:
            entry["verdicts"] = {"both_pass": tally.both_pass, "a_pass_b_fail": tally.a_pass_b_fail,
                                 "a_fail_b_pass": tally.a_fail_b_pass, "both_fail": tally.both_fail,
                                 "other": tally.other}
        if tally.verdict_pairs:
            test = stats.mcnemar(tally.a_pass_b_fail, tally.a_fail_b_pass)
            mc: dict[str, Any] = {"method": test.method, "discordant": tally.a_pass_b_fail + tally.a_fail_b_pass}
            if test.statistic is not None:
                mc["statistic"] = test.statistic
            n = tally.verdict_pairs
            mc["pass_rate_a"] = (tally.both_pass + tally.a_pass_b_fail) / n
            mc["pass_rate_b"] = (tally.both_pass + tally.a_fail_b_pass) / n
            mc["difference"] = (tally.a_fail_b_pass - tally.a_pass_b_fail) / n
            mc["change"] = change_of(mc["difference"], "higher_is_better")
            mc["p_value"] = test.p_value
            mc["significant"] = None
            entry["mcnemar"] = mc
            tests.append((mc, test.p_value))
        means = tally.score_means()
        if means is not None:
            scores: dict[str, Any] = {"n": tally.score_n, "mean_a": means[0], "mean_b": means[1],
                                      "mean_difference": means[2]}
            variance = tally.difference_variance()
            paired = stats.paired_t(tally.score_n, means[2], variance, level) if variance is not None else None
            paired = stats.finite(paired) if paired is not None else None
            if paired is not None:
                scores["method"] = paired.method
                if variance is not None:
                    scores["standard_error"] = math.sqrt(variance / tally.score_n)
                if paired.lower is not None and paired.upper is not None:
                    scores["interval"] = {"lower": paired.lower, "upper": paired.upper, "level": level}
                scores["p_value"] = paired.p_value
                scores["significant"] = None
                tests.append((scores, paired.p_value))
            else:
                scores["significant"] = None
            entry["scores"] = scores
        docs.append(entry)
    return docs, tests
