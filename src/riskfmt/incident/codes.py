"""Finding codes of incident reports (RF650-RF699; RF845-RF849 for comparing versions), merged into
``riskfmt.codes.CODES``.

Where a rule means the same as an evaluation-report rule, the shared code is used instead (RF505 dates out of
order, RF506 duplicate id, RF513 placeholder digest, RF601/RF609 conversion losses).
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

__all__ = ["TABLE"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_C = "incident"

TABLE: list[CodeSpec] = [
    # ---- filling in a skeleton --------------------------------------------------------------------
    CodeSpec("RF650", _C, E, "placeholder",
             "Placeholder not filled in: {value}",
             "占位内容尚未填写：{value}"),
    # ---- vocabulary ---------------------------------------------------------------------------------
    CodeSpec("RF651", _C, E, "unknown-concept",
             "Unknown {scheme} \"{id}\" in vocabulary {version}{suggestion}",
             "词表 {version} 中没有{scheme_zh} \"{id}\"{suggestion_zh}"),
    CodeSpec("RF652", _C, E, "unknown-severity-scale",
             "Unknown severity scale \"{scale}\" (scales: {known})",
             "未知的严重程度等级体系 \"{scale}\"（可用：{known}）"),
    CodeSpec("RF653", _C, E, "severity-not-on-scale",
             "\"{level}\" is not a level of severity scale {scale} (levels: {levels})",
             "\"{level}\" 不是严重程度等级体系 {scale} 中的等级（可用等级：{levels}）"),
    # ---- attribution --------------------------------------------------------------------------------
    CodeSpec("RF654", _C, E, "exclusive-likelihoods-exceed-one",
             "Likelihoods of mutually exclusive hypotheses add up to {total}, more than 1: {hypotheses}",
             "互斥假设的可能性之和为 {total}，超过 1：{hypotheses}"),
    CodeSpec("RF655", _C, E, "narrower-more-likely-than-broader",
             "Narrower hypotheses ({narrower}) add up to {total}, "
             "more than their broader hypothesis {broader} ({likelihood})",
             "下位假设（{narrower}）的可能性之和为 {total}，大于其上位假设 {broader}（{likelihood}）"),
    CodeSpec("RF656", _C, E, "likelihood-outside-estimate",
             "Likelihood {likelihood} lies outside the range of \"{estimate}\" ({low}-{high})",
             "可能性 {likelihood} 不在“{estimate_zh}”的范围（{low}-{high}）之内"),
    CodeSpec("RF657", _C, E, "duplicate-hypothesis",
             "Cause {cause} has more than one hypothesis (first at {first})",
             "原因 {cause} 有多个假设（首次出现于 {first}）"),
    CodeSpec("RF658", _C, E, "settled-cause-without-hypothesis",
             "Settled cause {cause} matches none of the hypotheses; "
             "add its hypothesis with the evidence, or set the cause to undetermined",
             "已认定的原因 {cause} 与任何假设都不对应；"
             "请补充该原因的假设及证据，或将原因设为 undetermined（原因不明）"),
    CodeSpec("RF659", _C, E, "settled-cause-less-likely",
             "Settled cause {cause} ({likelihood}) is less likely "
             "than the exclusive hypothesis {other} ({other_likelihood})",
             "已认定的原因 {cause}（{likelihood}）的可能性低于与之互斥的假设 {other}（{other_likelihood}）"),
    CodeSpec("RF660", _C, W, "hypothesis-without-evidence",
             "Hypothesis {cause} gives no evidence for or against it",
             "假设 {cause} 未给出任何支持或反对的证据"),
    CodeSpec("RF661", _C, W, "concluded-undetermined-without-rationale",
             "The incident is concluded with the cause undetermined, but no rationale says why it could not be settled",
             "事件已结案且原因不明，但未说明无法认定原因的理由"),
    CodeSpec("RF662", _C, E, "status-contradicts-event-type",
             "Status near_miss contradicts event type {event}: in an incident harm occurred",
             "状态 near_miss（未遂）与事件类型 {event} 矛盾：事件意味着已发生实际损害"),
    CodeSpec("RF663", _C, W, "evaluation-finding-in-incident-report",
             "Event type evaluation-finding describes a failure under test; it belongs in an evaluation report",
             "事件类型 evaluation-finding（评估发现）指测试中发现的失效，应写入评估报告而非事件报告"),
    CodeSpec("RF664", _C, E, "invalid-date",
             "{value} is not a valid calendar date or time",
             "{value} 不是有效的日期或时间"),
    # ---- timeline (append-only history) --------------------------------------------------------------
    CodeSpec("RF666", _C, E, "assessed-after-entry",
             "Assessment dated {assessed} is later than the timeline entry {seq} that records it ({date})",
             "评估时间 {assessed} 晚于记录它的时间线条目 {seq}（{date}）"),
    CodeSpec("RF667", _C, E, "timeline-sequence",
             "Timeline entry has seq {found}, expected {expected}: entries are numbered 1, 2, 3, ... without gaps",
             "时间线条目的序号为 {found}，应为 {expected}：条目须按 1、2、3……连续编号"),
    CodeSpec("RF668", _C, E, "timeline-date-order",
             "Timeline entry {seq} is dated {date}, before entry {prev_seq} ({prev_date}); entries are only appended",
             "时间线条目 {seq} 的日期 {date} 早于条目 {prev_seq}（{prev_date}）；条目只能按时间顺序追加"),
    CodeSpec("RF669", _C, E, "timeline-chain-missing",
             "Timeline entry {seq} does not pin the entry before it; expected previous: {expected}",
             "时间线条目 {seq} 未固定前一条目的摘要；previous 应为 {expected}"),
    CodeSpec("RF670", _C, E, "timeline-first-entry-has-previous",
             "The first timeline entry pins a previous entry ({found}): earlier history was removed",
             "第一个时间线条目固定了前一条目的摘要（{found}）：更早的历史已被删除"),
    CodeSpec("RF671", _C, E, "timeline-chain-broken",
             "History was rewritten: entry {seq} pins {found}, but the entry before it now hashes to {expected}; "
             "entry {prev_seq} was edited or an entry was removed",
             "历史被改写：条目 {seq} 固定的摘要为 {found}，而其前一条目现在的摘要为 {expected}；"
             "条目 {prev_seq} 被修改，或有条目被删除"),
    CodeSpec("RF672", _C, E, "initial-assessment-incomplete",
             "The first timeline entry does not state the initial {field}",
             "第一个时间线条目未给出初始的 {field}"),
    CodeSpec("RF673", _C, E, "current-differs-from-timeline",
             "Current {field} differs from the one the latest timeline entry stating it gives (entry {seq}); "
             "revise it with riskfmt incident update",
             "当前的 {field} 与最近给出该项的时间线条目（条目 {seq}）不一致；请用 riskfmt incident update 修订"),
    CodeSpec("RF674", _C, E, "current-not-in-timeline",
             "Current {field} is stated by no timeline entry",
             "当前的 {field} 未在任何时间线条目中给出"),
    CodeSpec("RF675", _C, E, "self-link",
             "The report links to itself ({report_id})",
             "报告链接到了自身（{report_id}）"),
    # ---- one version against the previous one -------------------------------------------------------
    CodeSpec("RF680", _C, E, "history-entry-removed",
             "Timeline entry {seq} of the previous version is missing: an update never removes history",
             "上一版本的时间线条目 {seq} 缺失：更新不得删除历史"),
    CodeSpec("RF681", _C, E, "history-entry-edited",
             "Timeline entry {seq} differs from the previous version ({fields} changed): an update never edits "
             "history",
             "时间线条目 {seq} 与上一版本不同（{fields} 有改动）：更新不得修改历史"),
    CodeSpec("RF682", _C, E, "report-id-changed",
             "report_id changed from {old} to {new}: an update keeps the report's id",
             "report_id 由 {old} 变为 {new}：更新须保留报告标识"),
    CodeSpec("RF683", _C, E, "update-refused",
             "Not written: {reason}",
             "未写入：{reason_zh}"),
    CodeSpec("RF845", _C, E, "changed-outside-timeline",
             "{field} differs from the previous version, and no timeline entry can record that: an update only "
             "appends entries (and revises the assessment through them)",
             "{field} 与上一版本不同，而时间线条目无法记录此类改动：更新只能追加条目（并通过条目修订评估）"),
    CodeSpec("RF846", _C, E, "history-marking-lowered",
             "The marking of {where} is TLP:{after}, lower than TLP:{before} in the previous version: a later "
             "version of a report never carries a weaker label",
             "{where_zh} 的标记为 TLP:{after}，低于上一版本的 TLP:{before}：报告的后续版本不得使用更弱的标记"),
    CodeSpec("RF847", _C, E, "history-timeline-unreadable",
             "The {which} version's timeline is not a list of entries (found {found}): the two histories cannot "
             "be compared entry by entry",
             "{which_zh}版本的时间线不是条目列表（实际为 {found}）：无法逐条比较两个版本的历史"),
    # ---- AI Incident Database and CSET classifications ----------------------------------------------
    CodeSpec("RF690", _C, W, "source-value-not-mapped",
             "{field} \"{value}\" ({origin}) has no riskfmt equivalent and was not carried over",
             "{field} \"{value}\"（{origin}）在 riskfmt 中没有对应项，未予保留"),
    CodeSpec("RF691", _C, W, "classification-without-record",
             "No AIID incident record for incident {incident} among the inputs; "
             "converted from its classification alone",
             "输入中没有事件 {incident} 的 AIID 事件记录，仅依据其分类结果转换"),
    CodeSpec("RF692", _C, INFO, "source-does-not-settle-cause",
             "{origin} {field} \"{value}\" does not settle the cause; the attribution says undetermined",
             "{origin} 的 {field} \"{value}\" 不足以认定原因，归因记为 undetermined（原因不明）"),
    CodeSpec("RF693", _C, W, "classifications-disagree",
             "Classifications of incident {incident} disagree on {field}: {values}; the report follows {kept}",
             "事件 {incident} 的多个分类在 {field} 上不一致：{values}；报告采用 {kept} 的结果"),
]
