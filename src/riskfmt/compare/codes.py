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
             "Cannot compare documents of different kinds ({kind_a} and {kind_b})",
             "无法比较不同类型的文档（{kind_a_zh}与{kind_b_zh}）"),
    CodeSpec("RF802", "comparison", E, "kind-not-comparable",
             "riskfmt cannot compare documents of kind \"{kind}\" (comparable: {known})",
             "riskfmt 无法比较类型为 \"{kind}\" 的文档（可比较的类型：{known}）"),
    CodeSpec("RF803", "comparison", E, "not-an-evaluation-report",
             "riskfmt compare takes evaluation reports; this document is a {kind}",
             "riskfmt compare 只接受评估报告；此文档的类型为 {kind}"),
    CodeSpec("RF804", "comparison", E, "samples-changed",
             "Samples file line {row} can no longer be read ({detail}); was the file changed during the comparison?",
             "样本文件第 {row} 行已无法读取（{detail}）；文件是否在比较过程中被修改？"),
    # ---- how results were aligned ------------------------------------------------------------------------
    CodeSpec("RF810", "comparison", INFO, "crosswalk-alignment",
             "{cited} was aligned with {concepts} through the {framework} crosswalk ({predicates}), not an exact match",
             "{cited} 经 {framework} 映射表对应到 {concepts}（{predicates}），并非精确匹配"),
    CodeSpec("RF811", "comparison", INFO, "replacement-alignment",
             "{cited} is deprecated; it was aligned through its replacement {concept}",
             "{cited} 已弃用，已通过其替代概念 {concept} 进行对应"),
    CodeSpec("RF812", "comparison", W, "partial-alignment",
             "Aligned on the shared risks {shared} only: {name_a} cites {risks_a}, {name_b} cites {risks_b}",
             "仅依据共同的风险 {shared} 进行对应：{name_a} 引用 {risks_a}，{name_b} 引用 {risks_b}"),
    CodeSpec("RF813", "comparison", W, "unmapped-code",
             "{cited} has no riskfmt equivalent; it aligns only with results that cite the same code",
             "{cited} 没有对应的 riskfmt 概念，只能与引用同一编码的结果对应"),
    CodeSpec("RF814", "comparison", W, "several-candidates",
             "This report has {count} results for {measure}; {chosen} is shown",
             "此报告中 {measure} 有 {count} 个结果，显示的是 {chosen}"),
    # ---- what the statistics could and could not say -------------------------------------------------
    CodeSpec("RF820", "comparison", W, "cannot-tell",
             "Cannot tell whether {metric} on {risk} differs: {why}",
             "无法判断 {risk} 上的 {metric} 是否存在差异：{why_zh}"),
    CodeSpec("RF821", "comparison", W, "units-differ",
             "{metric} on {risk} is recorded in {unit_a} by {name_a} and in {unit_b} by {name_b}; "
             "the values are not compared",
             "{risk} 上的 {metric}，{name_a} 的单位为 {unit_a}，{name_b} 的单位为 {unit_b}，因此不比较其取值"),
    CodeSpec("RF822", "comparison", W, "directions-differ",
             "{metric} on {risk}: {name_a} says {direction_a}, {name_b} says {direction_b}; "
             "neither better nor worse is given",
             "{risk} 上的 {metric}：{name_a} 标注为 {direction_a}，{name_b} 标注为 {direction_b}，因此不判断孰优孰劣"),
    CodeSpec("RF823", "comparison", INFO, "standard-error-from-interval",
             "The standard error of {result} was derived from its {level} confidence interval",
             "{result} 的标准误由其 {level} 置信区间推算得出"),
    CodeSpec("RF824", "comparison", W, "scales-differ",
             "Risk levels on different scales ({scale_a}, {scale_b}) cannot be compared",
             "不同等级体系（{scale_a}、{scale_b}）下的风险等级无法比较"),
    CodeSpec("RF825", "comparison", W, "evaluation-not-completed",
             "Evaluation {id} has status {status}; its results cover only part of the task",
             "评估 {id} 的状态为 {status}，其结果仅覆盖部分任务"),
    CodeSpec("RF826", "comparison", INFO, "units-converted",
             "{metric} on {risk} is in percent on one side and a fraction on the other; both are shown as fractions",
             "{risk} 上的 {metric} 一方以百分数、另一方以小数记录，均已换算为小数"),
    # ---- what the reports describe -------------------------------------------------------------------
    CodeSpec("RF830", "comparison", W, "different-model",
             "The reports evaluate different models: {a} and {b}",
             "两份报告评估的是不同的模型：{a} 与 {b}"),
    CodeSpec("RF831", "comparison", W, "different-weights",
             "The model digests ({subject}) differ: the weights or snapshots evaluated are not the same",
             "模型摘要（{subject}）不一致：所评估的权重或快照并不相同"),
    CodeSpec("RF832", "comparison", INFO, "vocabulary-versions-differ",
             "A cites vocabulary {a} and B cites {b}; risk ids were compared through vocabulary {latest}",
             "A 引用词表 {a}，B 引用词表 {b}；风险编号已按词表 {latest} 进行比较"),
    # ---- paired samples ------------------------------------------------------------------------------
    CodeSpec("RF840", "comparison", W, "samples-unmatched",
             "The samples of {task} share no sample id and no input digest; no paired comparison was made",
             "{task} 的样本既无相同的样本标识，也无相同的输入摘要，未进行配对比较"),
    CodeSpec("RF841", "comparison", W, "samples-digest-conflict",
             "{count} samples of {task} paired by id have different input digests: "
             "the ids may not name the same prompts",
             "{task} 中有 {count} 个按标识配对的样本输入摘要不同：相同的标识可能并不对应相同的提示词"),
    CodeSpec("RF842", "comparison", INFO, "samples-partitioned",
             "The samples of {task} are in different orders; {count} rows went through temporary files "
             "to keep memory bounded",
             "{task} 的样本顺序不一致；为控制内存占用，有 {count} 行经由临时文件处理"),
    CodeSpec("RF843", "comparison", INFO, "samples-by-digest",
             "The samples of {task} were paired by input digest: the reports share no sample id",
             "{task} 的样本按输入摘要配对：两份报告没有相同的样本标识"),
    CodeSpec("RF844", "comparison", INFO, "samples-partly-matched",
             "{matched} samples of {task} were paired; {only_a} are only in A and {only_b} only in B",
             "{task} 有 {matched} 个样本完成配对；{only_a} 个仅见于 A，{only_b} 个仅见于 B"),
]
