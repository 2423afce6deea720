"""Finding codes of ``riskfmt diff`` and ``riskfmt compare`` (RF800-RF849), merged into riskfmt.codes.

Errors (RF80x) stop a comparison before it starts (exit 2). Everything else is a note attached to the
comparison: it qualifies a result and never changes the exit code.
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

TABLE: list[CodeSpec] = [
    # ---- inputs that cannot be compared (exit 2) -------------------------------------------------------
    CodeSpec("RF801", "comparison", E, "kinds-differ",
             "Cannot compare documents of different kinds ({kind_a} and {kind_b})"),
    CodeSpec("RF802", "comparison", E, "kind-not-comparable",
             "riskfmt cannot compare documents of kind \"{kind}\" (comparable: {known})"),
    CodeSpec("RF803", "comparison", E, "not-an-evaluation-report",
             "riskfmt compare takes evaluation reports; this document is a {kind}"),
    CodeSpec("RF804", "comparison", E, "samples-changed",
             "Samples file line {row} can no longer be read ({detail}); was the file changed during the comparison?"),
    # ---- how results were aligned ------------------------------------------------------------------------
    CodeSpec("RF810", "comparison", INFO, "crosswalk-alignment",
             "{cited} was aligned with {concepts} through the {framework} crosswalk ({predicates}), not an exact "
             "match"),
    CodeSpec("RF811", "comparison", INFO, "replacement-alignment",
             "{cited} is deprecated; it was aligned through its replacement {concept}"),
    CodeSpec("RF812", "comparison", W, "partial-alignment",
             "Aligned on the shared risks {shared} only: {name_a} cites {risks_a}, {name_b} cites {risks_b}"),
    CodeSpec("RF813", "comparison", W, "unmapped-code",
             "{cited} has no riskfmt equivalent; it aligns only with results that cite the same code"),
    CodeSpec("RF814", "comparison", W, "several-candidates",
             "This report has {count} results for {measure}; {chosen} is shown"),
    # ---- what the statistics could and could not say -------------------------------------------------
    CodeSpec("RF820", "comparison", W, "cannot-tell",
             "Cannot tell whether {metric} on {risk} differs: {why}"),
    CodeSpec("RF821", "comparison", W, "units-differ",
             "{metric} on {risk} is recorded in {unit_a} by {name_a} and in {unit_b} by {name_b}; "
             "the values are not compared"),
    CodeSpec("RF822", "comparison", W, "directions-differ",
             "{metric} on {risk}: {name_a} says {direction_a}, {name_b} says {direction_b}; "
             "neither better nor worse is given"),
    CodeSpec("RF823", "comparison", INFO, "standard-error-from-interval",
             "The standard error of {result} was derived from its {level} confidence interval"),
    CodeSpec("RF824", "comparison", W, "scales-differ",
             "Risk levels on different scales ({scale_a}, {scale_b}) cannot be compared"),
    CodeSpec("RF825", "comparison", W, "evaluation-not-completed",
             "Evaluation {id} has status {status}; its results cover only part of the task"),
    CodeSpec("RF826", "comparison", INFO, "units-converted",
             "{metric} on {risk} is in percent on one side and a fraction on the other; both are shown as fractions"),
    # ---- what the reports describe -------------------------------------------------------------------
    CodeSpec("RF830", "comparison", W, "different-model",
             "The reports evaluate different models: {a} and {b}"),
    CodeSpec("RF831", "comparison", W, "different-weights",
             "The model digests ({subject}) differ: the weights or snapshots evaluated are not the same"),
    CodeSpec("RF832", "comparison", INFO, "vocabulary-versions-differ",
             "A cites vocabulary {a} and B cites {b}; risk ids were compared through vocabulary {latest}"),
    # ---- paired samples ------------------------------------------------------------------------------
    CodeSpec("RF840", "comparison", W, "samples-unmatched",
             "The samples of {task} share no sample id and no input digest; no paired comparison was made"),
    CodeSpec("RF841", "comparison", W, "samples-digest-conflict",
             "{count} samples of {task} paired by id have different input digests: "
             "the ids may not name the same prompts"),
    CodeSpec("RF842", "comparison", INFO, "samples-partitioned",
             "The samples of {task} are in different orders; {count} rows went through temporary files "
             "to keep memory bounded"),
    CodeSpec("RF843", "comparison", INFO, "samples-by-digest",
             "The samples of {task} were paired by input digest: the reports share no sample id"),
    CodeSpec("RF844", "comparison", INFO, "samples-partly-matched",
             "{matched} samples of {task} were paired; {only_a} are only in A and {only_b} only in B"),
]
