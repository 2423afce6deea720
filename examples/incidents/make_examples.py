"""Write the incident-report examples: valid/ (built entry by entry with riskfmt's own update function, so
every timeline chains correctly) and invalid/ (each a valid example with one thing broken, named
``<what it breaks>.<CODE>[.<CODE>].yaml`` after exactly the codes it produces).

The incidents are invented for illustration; organizations and systems are fictitious.
Run: python examples/incidents/make_examples.py (tests/incident/test_examples.py checks the files are current).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from riskfmt.incident.history import Update, apply_update, dump_document, entry_digest

HERE = Path(__file__).resolve().parent


def _base(report_id: str, **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"kind": "incident-report", "format_version": "1.0", "vocabulary_version": "1.0",
                           "report_id": report_id}
    doc.update(fields)
    return doc


def _first(doc: dict[str, Any], *, date: str, author: dict[str, str], summary: dict[str, str]) -> dict[str, Any]:
    """Start the timeline with the report's initial assessment."""
    entry = {"seq": 1, "date": date, "author": author, "summary": summary,
             "assessment": {k: copy.deepcopy(doc[k]) for k in ("event_type", "status", "severity", "attribution")
                            if k in doc}}
    return {**doc, "timeline": [entry]}


def _ev(en: str | None = None, zh: str | None = None, source: str | None = None) -> dict[str, Any]:
    text = {k: v for k, v in (("en", en), ("zh", zh)) if v}
    return {"description": text, **({"source": source} if source else {})}


# --------------------------------------------------------------------------------------------------
# 1. English only: a chatbot disclosed other customers' orders; concluded, cause settled.
# --------------------------------------------------------------------------------------------------

def chatbot_order_leak() -> dict[str, Any]:
    team = {"en": "Northwind Retail incident response team"}
    h1 = {"id": "malfunction", "cause": "accidental-malfunction", "likelihood": 0.6, "estimate": "likely",
          "confidence": "low",
          "evidence_for": [_ev("Affected sessions share a retrieval cache node restarted minutes before")],
          "evidence_against": [_ev("Not yet reproduced in staging")],
          "assessed_by": team, "assessed": "2025-02-11T09:30:00Z"}
    h2 = {"id": "injection", "cause": "deliberate-attack", "likelihood": 0.3, "confidence": "low",
          "evidence_for": [_ev("Two affected conversations contain unusual instructions to the assistant")],
          "evidence_against": [_ev("Most affected customers asked ordinary questions")],
          "assessed_by": team, "assessed": "2025-02-11T09:30:00Z"}
    doc = _base(
        "rfi-3f2a9c1d7e5b4a6f8c0d2e4f6a8b0c1d",
        title={"en": "Support chatbot showed customers other customers' order details"},
        summary={"en": "For about three hours the support assistant answered order questions with details of other "
                       "customers' orders (names, delivery addresses, items). A cache-key collision in the "
                       "retrieval layer after a failover caused it; no attacker was involved."},
        marking={"tlp": "GREEN"},
        reporter={"organization": {"name": {"en": "Northwind Retail (fictitious)"}, "id": "northwind.example",
                                   "jurisdiction": "GB"}, "role": "deployer", "contact": "security@northwind.example"},
        event_type="incident", status="ongoing",
        severity={"scale": "generic-5", "level": "moderate"},
        attribution={"cause": "undetermined", "assessed_by": team, "assessed": "2025-02-11T09:30:00Z",
                     "rationale": {"en": "Too early to tell a cache fault from prompt injection."},
                     "hypotheses": [h1, h2]},
        dates={"occurred": "2025-02-11T05:40:00Z", "detected": "2025-02-11T08:55:00Z", "reported": "2025-02-11"},
        sectors=["G"], countries=["GB"], jurisdictions=["OTHER"],
        systems=[{"id": "assistant", "name": "Northwind Support Assistant", "developer": "Northwind Retail",
                  "deployer": "Northwind Retail", "version": "2025.02.1", "role": "primary",
                  "digests": [{"digest": "sha256:9c1185a5c5e9fc54612808977ee8f548b2258d31b2e4a8c0f5d3e1a7b6c4d2e0",
                               "subject": "api_snapshot"}]}],
        harms=[{"id": "disclosure", "risks": ["R0007"],
                "description": {"en": "Order details of 212 customers shown to other customers."},
                "affected": {"en": "Customers whose orders were shown"}}],
        links={"sources": [{"url": "https://northwind.example/notices/2025-02-11",
                            "title": {"en": "Notice to affected customers"}, "published": "2025-02-12"}]},
    )
    doc = _first(doc, date="2025-02-11T09:45:00Z", author=team,
                 summary={"en": "Assistant switched off at 08:58 UTC; cause under investigation."})
    doc = apply_update(doc, Update(author=team, date="2025-02-12T16:00:00Z", status="halted",
                                   summary={"en": "Affected customers notified; assistant stays off."}))
    final = copy.deepcopy(doc["attribution"])
    final.update(cause="accidental-malfunction", assessed="2025-02-14T11:00:00Z",
                 rationale={"en": "Reproduced: the failover reused cache keys across sessions."})
    final["hypotheses"][0].update(likelihood=0.95, estimate="almost_certain", confidence="high",
                                  assessed="2025-02-14T11:00:00Z",
                                  evidence_for=[*final["hypotheses"][0]["evidence_for"],
                                                _ev("Collision reproduced in staging with the failover sequence")],
                                  evidence_against=[])
    final["hypotheses"][1].update(likelihood=0.02, confidence="high", assessed="2025-02-14T11:00:00Z",
                                  evidence_against=[*final["hypotheses"][1]["evidence_against"],
                                                    _ev("The unusual instructions were sent after the leak, by "
                                                        "customers testing the assistant")])
    return apply_update(doc, Update(author=team, date="2025-02-14T11:30:00Z", status="concluded",
                                    severity={"scale": "generic-5", "level": "minor"}, attribution=final,
                                    summary={"en": "Root cause found and fixed; severity lowered to minor as no "
                                                   "payment data was shown."}))


# --------------------------------------------------------------------------------------------------
# 2. Chinese only: a credit-scoring model used outside its validated scope.
# --------------------------------------------------------------------------------------------------

def credit_scoring_zh() -> dict[str, Any]:
    team = {"zh": "某城市商业银行模型风险管理部（虚构）"}
    hypotheses = [
        {"id": "h1", "cause": "operator-error", "likelihood": 0.6, "confidence": "moderate",
         "evidence_for": [_ev(zh="模型验证报告仅覆盖城镇申请人，但上线时未限制适用范围")],
         "evidence_against": [_ev(zh="部分城镇申请人也出现异常拒贷")],
         "assessed_by": team, "assessed": "2025-04-03T02:00:00Z"},
        {"id": "h2", "cause": "accidental-malfunction", "likelihood": 0.3, "confidence": "moderate",
         "evidence_for": [_ev(zh="特征工程中“居住年限”字段对农村地址解析失败")],
         "assessed_by": team, "assessed": "2025-04-03T02:00:00Z"},
        {"id": "h3", "cause": "misuse", "estimate": "almost_no_chance", "confidence": "high",
         "evidence_against": [_ev(zh="审计日志未见人为调整阈值")],
         "assessed_by": team, "assessed": "2025-04-03T02:00:00Z"},
    ]
    doc = _base(
        "rfi-8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e",
        title={"zh": "信贷评分模型对农村地区申请人系统性拒贷"},
        summary={"zh": "新版信贷评分模型上线两周内，农村地区申请人的拒贷率由 18% 升至 61%。"
                       "目前已回退至旧版模型，正在复核受影响的申请。"},
        marking={"tlp": "AMBER", "granular": [{"tlp": "RED", "selectors": ["/systems/0/digests"]}]},
        reporter={"organization": {"name": {"zh": "某城市商业银行（虚构）"}, "jurisdiction": "CN"}, "role": "deployer"},
        event_type="incident", status="ongoing",
        severity={"scale": "generic-5", "level": "major",
                  "rationale": {"zh": "影响约 3,400 份贷款申请，涉及公平信贷权益"}},
        attribution={"cause": "undetermined", "assessed_by": team, "assessed": "2025-04-03T02:00:00Z",
                     "hypotheses": hypotheses},
        dates={"occurred": "2025-03-17", "detected": "2025-03-31", "reported": "2025-04-02"},
        sectors=["K"], countries=["CN"], jurisdictions=["CN", "tc260-003"],
        systems=[{"id": "scorer", "name": "零售信贷评分模型", "developer": "某城市商业银行", "version": "v3.2",
                  "role": "primary",
                  "digests": [{"digest": "sha256:5be0c4f1a9d8e7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2",
                               "subject": "weights_manifest"}]}],
        harms=[{"id": "denial", "risks": ["R0004", "R0056"],
                "description": {"zh": "农村地区申请人被系统性拒贷"}, "affected": {"zh": "农村地区贷款申请人"}}],
    )
    doc = _first(doc, date="2025-04-03T02:30:00Z", author=team,
                 summary={"zh": "发现异常后已回退至旧版模型，原因调查中。"})
    return apply_update(doc, Update(author=team, date="2025-04-10T08:00:00Z", status="mitigated",
                                    summary={"zh": "受影响的 3,412 份申请已全部人工复核，其中 1,087 份改判通过。"}))


# --------------------------------------------------------------------------------------------------
# 3 and 4. Bilingual, disputed: a grid-dispatch assistant's wrong instruction, reported by the operator
# (leaning towards malfunction) and by a national CERT (leaning towards a deliberate attack).
# --------------------------------------------------------------------------------------------------

OPERATOR_ID = "rfi-1a2b3c4d5e6f708192a3b4c5d6e7f801"
CERT_ID = "rfi-c0ffee00d15ea5e0b0a710ad5ca1ab1e"
GRID_SYSTEM = {"id": "dispatch-assistant", "name": "GridSense Dispatch Assistant", "developer": "Voltaic Systems",
               "deployer": "Eastfield Grid Operator", "version": "4.1.0", "role": "primary",
               "digests": [{"digest": "sha256:0f4b2a9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d2c",
                            "subject": "container_image"}],
               "description": {"en": "Recommends switching actions to control-room operators from telemetry.",
                               "zh": "依据遥测数据向调度员推荐倒闸操作。"}}
GRID_TITLE = {"en": "Dispatch assistant recommended disconnecting a healthy substation",
              "zh": "调度辅助系统建议断开运行正常的变电站"}
GRID_HARM = [{"id": "outage", "risks": ["R0148", "R0101"],
              "description": {"en": "42-minute outage for about 18,000 households after the recommendation was followed.",
                              "zh": "调度员执行该建议后，约 1.8 万户停电 42 分钟。"},
              "affected": {"en": "Households and businesses in the Eastfield north district",
                           "zh": "东野北区的居民和企业"}}]


def grid_operator() -> dict[str, Any]:
    who = {"en": "Eastfield Grid Operator, operations safety", "zh": "东野电网运营公司运行安全部"}
    t0 = "2025-05-06T18:00:00Z"
    hyps = [
        {"id": "sensor-drift", "cause": "accidental-malfunction", "likelihood": 0.5, "confidence": "low",
         "evidence_for": [_ev("Two feeder sensors had drifted since the April firmware update",
                              "4 月固件升级后两个馈线传感器出现漂移")],
         "evidence_against": [_ev("Drift alone does not explain the size of the reading", "仅凭漂移无法解释读数的幅度")],
         "assessed_by": who, "assessed": t0},
        {"id": "telemetry-injection", "cause": "deliberate-attack", "likelihood": 0.3, "confidence": "low",
         "evidence_for": [_ev("Telemetry gateway logged an unexpected configuration change on 2 May",
                              "遥测网关在 5 月 2 日记录到一次非预期的配置变更")],
         "assessed_by": who, "assessed": t0},
        {"id": "operator", "cause": "operator-error", "likelihood": 0.1, "confidence": "moderate",
         "evidence_against": [_ev("The operator followed the procedure for assistant recommendations",
                                  "调度员按辅助系统建议的操作规程执行")],
         "assessed_by": who, "assessed": t0},
    ]
    doc = _base(
        OPERATOR_ID, title=GRID_TITLE,
        summary={"en": "On 6 May the dispatch assistant reported an overload on the north feeder and recommended "
                       "opening the Eastfield North substation breaker. The reading was false; the outage lasted 42 "
                       "minutes. We consider a sensor fault most likely, and cannot rule out manipulated telemetry.",
                 "zh": "5 月 6 日，调度辅助系统报告北部馈线过载，并建议断开东野北变电站断路器。该读数有误，"
                       "停电持续 42 分钟。我方认为传感器故障的可能性最大，但不能排除遥测数据被篡改。"},
        marking={"tlp": "AMBER"},
        reporter={"organization": {"name": {"en": "Eastfield Grid Operator (fictitious)", "zh": "东野电网运营公司（虚构）"}},
                  "role": "deployer"},
        event_type="serious-incident", status="ongoing",
        severity={"scale": "generic-5", "level": "moderate"},
        attribution={"cause": "undetermined", "assessed_by": who, "assessed": t0, "hypotheses": hyps},
        dates={"occurred": "2025-05-06T14:12:00Z", "detected": "2025-05-06T14:31:00Z", "reported": "2025-05-06T16:00:00Z"},
        sectors=["D"],
        systems=[copy.deepcopy(GRID_SYSTEM)], harms=copy.deepcopy(GRID_HARM),
        links={"incident_reports": [{"report_id": CERT_ID, "relation": "same_incident",
                                     "reporter": {"en": "National CERT", "zh": "国家计算机应急响应中心"}}]},
    )
    doc = _first(doc, date="2025-05-06T18:30:00Z", author=who,
                 summary={"en": "Initial report; assistant recommendations now need a second operator's approval.",
                          "zh": "首次报告；辅助系统的建议现须经第二名调度员批准方可执行。"})
    doc = apply_update(doc, Update(author=who, date="2025-05-09T10:00:00Z", status="mitigated",
                                   likelihoods=(("accidental-malfunction", 0.7), ("deliberate-attack", 0.15)),
                                   summary={"en": "The configuration change of 2 May was a scheduled vendor update. "
                                                  "We now hold a malfunction more likely.",
                                            "zh": "5 月 2 日的配置变更系供应商的计划内更新。我方现认为系统故障的可能性更大。"}))
    return doc


def grid_cert() -> dict[str, Any]:
    who = {"en": "National CERT, industrial control systems desk", "zh": "国家计算机应急响应中心工控安全处"}
    t0 = "2025-05-07T09:00:00Z"
    hyps = [
        {"id": "attack", "cause": "deliberate-attack", "likelihood": 0.5, "confidence": "low",
         "evidence_for": [_ev("Similar false overload readings at two other operators in the same week",
                              "同一周内另有两家运营单位出现类似的虚假过载读数"),
                          _ev("The telemetry gateway firmware has a published authentication bypass",
                              "该遥测网关固件存在已公开的身份验证绕过漏洞")],
         "evidence_against": [_ev("No exfiltration or lateral movement found yet", "尚未发现数据外泄或横向移动")],
         "assessed_by": who, "assessed": t0},
        {"id": "malfunction", "cause": "accidental-malfunction", "likelihood": 0.4, "confidence": "low",
         "evidence_for": [_ev("Sensor drift documented by the operator", "运营方记录的传感器漂移")],
         "assessed_by": who, "assessed": t0},
    ]
    doc = _base(
        CERT_ID, title=GRID_TITLE,
        summary={"en": "False overload telemetry led the Eastfield dispatch assistant to recommend disconnecting a "
                       "substation. Because similar readings occurred elsewhere, we are investigating deliberate "
                       "manipulation of telemetry as the leading hypothesis.",
                 "zh": "虚假的过载遥测数据导致东野电网的调度辅助系统建议断开一座变电站。鉴于其他地方也出现类似读数，"
                       "我方将遥测数据遭蓄意篡改作为首要假设进行调查。"},
        marking={"tlp": "AMBER+STRICT"},
        reporter={"organization": {"name": {"en": "National CERT (fictitious)", "zh": "国家计算机应急响应中心（虚构）"}},
                  "role": "regulator"},
        event_type="serious-incident", status="ongoing",
        severity={"scale": "generic-5", "level": "major"},
        attribution={"cause": "undetermined", "assessed_by": who, "assessed": t0, "hypotheses": hyps},
        dates={"occurred": "2025-05-06T14:12:00Z", "detected": "2025-05-06T14:31:00Z", "reported": "2025-05-06T16:00:00Z"},
        sectors=["D"],
        systems=[copy.deepcopy(GRID_SYSTEM)], harms=copy.deepcopy(GRID_HARM),
        links={"incident_reports": [{"report_id": OPERATOR_ID, "relation": "same_incident",
                                     "reporter": {"en": "Eastfield Grid Operator", "zh": "东野电网运营公司"}}]},
    )
    doc = _first(doc, date="2025-05-07T09:30:00Z", author=who,
                 summary={"en": "Advisory sent to operators using the same telemetry gateway.",
                          "zh": "已向使用同型遥测网关的运营单位发布预警。"})
    revised = copy.deepcopy(doc["attribution"])
    revised.update(assessed="2025-05-12T15:00:00Z")
    revised["hypotheses"][0].update(likelihood=0.6, assessed="2025-05-12T15:00:00Z",
                                    evidence_for=[*revised["hypotheses"][0]["evidence_for"],
                                                  _ev("Gateway logs show logins from an unregistered address",
                                                      "网关日志显示有来自未登记地址的登录")])
    revised["hypotheses"][1].update(likelihood=0.3, assessed="2025-05-12T15:00:00Z")
    return apply_update(doc, Update(author=who, date="2025-05-12T15:30:00Z", attribution=revised,
                                    summary={"en": "Forensic images of the gateway analysed; attack now judged more likely.",
                                             "zh": "已完成网关取证镜像分析，现认为遭受攻击的可能性更大。"}))


# --------------------------------------------------------------------------------------------------
# 5. Bilingual near miss: a cloned voice almost passed a bank's voice authentication.
# --------------------------------------------------------------------------------------------------

def voice_clone_near_miss() -> dict[str, Any]:
    who = {"en": "Harbour Savings fraud prevention", "zh": "港湾储蓄银行反欺诈中心"}
    t0 = "2025-06-20T07:00:00Z"
    doc = _base(
        "rfi-77e1d2c3b4a5968778695a4b3c2d1e0f",
        title={"en": "Cloned customer voice nearly passed phone-banking voice authentication",
               "zh": "克隆的客户声音险些通过电话银行声纹认证"},
        summary={"en": "A caller used a synthetic copy of a customer's voice to request a transfer. The voice "
                       "authentication scored it as a match; the liveness check then rejected it and the call was "
                       "ended before any transfer.",
                 "zh": "来电者使用合成的客户声音申请转账。声纹认证判定为匹配，随后活体检测将其拒绝，通话在转账前被终止。"},
        marking={"tlp": "GREEN"},
        reporter={"organization": {"name": {"en": "Harbour Savings (fictitious)", "zh": "港湾储蓄银行（虚构）"}},
                  "role": "deployer"},
        event_type="near-miss", status="near_miss",
        severity={"scale": "generic-5", "level": "minor"},
        attribution={"cause": "deliberate-attack", "assessed_by": who, "assessed": t0,
                     "rationale": {"en": "Someone deliberately defeated a safeguard with a synthetic voice.",
                                   "zh": "有人蓄意使用合成声音突破安全防护。"},
                     "hypotheses": [
                         {"id": "spoofing", "cause": "deliberate-attack", "estimate": "almost_certain",
                          "confidence": "high",
                          "evidence_for": [_ev("Audio forensics found vocoder artefacts", "音频取证发现声码器痕迹"),
                                           _ev("The customer confirmed they did not call", "客户确认本人未致电")],
                          "assessed_by": who, "assessed": t0}]},
        dates={"occurred": "2025-06-19T15:04:00Z", "detected": "2025-06-19T15:05:00Z", "reported": "2025-06-20"},
        sectors=["K"],
        systems=[
            {"id": "voice-auth", "name": "VoicePrint Verify", "developer": "Acoustic ID Ltd", "version": "7.3",
             "deployer": "Harbour Savings", "role": "target"},
            {"id": "liveness", "name": "VoicePrint Liveness", "developer": "Acoustic ID Ltd", "version": "2.0",
             "role": "detection"},
            {"id": "cloning-tool", "description": {"en": "An unidentified voice-cloning service",
                                                    "zh": "身份不明的声音克隆服务"},
             "deployer": "the caller", "role": "instrument"}],
        harms=[{"id": "fraud", "risks": ["R0103", "R0014"],
                "description": {"en": "Attempted fraudulent transfer of 9,800 EUR", "zh": "企图以欺诈方式转账 9,800 欧元"}}],
    )
    return _first(doc, date="2025-06-20T07:30:00Z", author=who,
                  summary={"en": "Reported to the national fraud centre; voice-match threshold raised.",
                           "zh": "已报告国家反诈中心；已提高声纹匹配阈值。"})


VALID: dict[str, Callable[[], dict[str, Any]]] = {
    "chatbot-order-leak.en.yaml": chatbot_order_leak,
    "credit-scoring.zh.yaml": credit_scoring_zh,
    "grid-dispatch.operator.yaml": grid_operator,
    "grid-dispatch.cert.yaml": grid_cert,
    "voice-clone-near-miss.yaml": voice_clone_near_miss,
}


# --------------------------------------------------------------------------------------------------
# Invalid examples: a valid one with one thing broken.
# --------------------------------------------------------------------------------------------------

def _current(doc: dict[str, Any], name: str, change: Callable[[Any], None]) -> None:
    """Change the current value of an assessment field and the latest entry stating it, alike, so that only
    the rule under test fails (the latest entry pins nothing after it)."""
    change(doc[name])
    latest = next(e for e in reversed(doc["timeline"]) if name in (e.get("assessment") or {}))
    assert latest is doc["timeline"][-1], "only the last entry can change without breaking the chain"
    change(latest["assessment"][name])


def _set(**values: Any) -> Callable[[Any], None]:
    return lambda node: node.update(copy.deepcopy(values))


def _hyp(index: int, **values: Any) -> Callable[[Any], None]:
    return lambda node: node["hypotheses"][index].update(copy.deepcopy(values))


def _rechain(doc: dict[str, Any]) -> None:
    for index in range(1, len(doc["timeline"])):
        doc["timeline"][index]["previous"] = entry_digest(doc["timeline"][index - 1])


def _invalid() -> dict[str, Callable[[], dict[str, Any]]]:
    cases: dict[str, Callable[[], dict[str, Any]]] = {}

    def case(name: str) -> Callable[[Callable[[dict[str, Any]], None]], None]:
        def register(mutate: Callable[[dict[str, Any]], None], base: Callable[[], dict[str, Any]] = grid_cert) -> None:
            def build() -> dict[str, Any]:
                doc = base()
                mutate(doc)
                return doc
            cases[name] = build
        return register

    case("likelihoods-exceed-one.RF654.yaml")(
        lambda d: _current(d, "attribution", _hyp(1, likelihood=0.5)))
    case("narrower-more-likely-than-broader.RF655.yaml")(lambda d: _current(d, "attribution", lambda a: a[
        "hypotheses"].append({"id": "intent", "cause": "intentional", "likelihood": 0.5, "assessed_by": a["assessed_by"],
                              "assessed": a["assessed"], "evidence_for": [_ev("as for the attack", "同攻击假设")]})))
    case("likelihood-outside-its-words.RF656.yaml")(
        lambda d: _current(d, "attribution", _hyp(0, estimate="very_likely")))
    case("two-hypotheses-same-cause.RF657.yaml")(lambda d: _current(d, "attribution", lambda a: a["hypotheses"].append(
        {**copy.deepcopy(a["hypotheses"][1]), "id": "malfunction-2", "likelihood": 0.05})))
    case("settled-cause-without-hypothesis.RF658.yaml")(
        lambda d: _current(d, "attribution", _set(cause="misuse")))
    case("settled-cause-less-likely.RF659.yaml")(
        lambda d: _current(d, "attribution", _set(cause="accidental-malfunction")))
    case("hypothesis-without-evidence.RF660.yaml")(
        lambda d: _current(d, "attribution", lambda a: a["hypotheses"][1].pop("evidence_for")))
    case("unknown-cause.RF651.yaml")(
        lambda d: _current(d, "attribution", _hyp(0, cause="cyber-attack")))
    case("severity-not-on-scale.RF653.yaml")(lambda d: (
        d.update(severity={"scale": "generic-5", "level": "catastrophic"}),
        d["timeline"][0]["assessment"].update(severity={"scale": "generic-5", "level": "catastrophic"}), _rechain(d)))
    case("unknown-severity-scale.RF652.yaml")(lambda d: (
        d.update(severity={"scale": "five-point", "level": "4"}),
        d["timeline"][0]["assessment"].update(severity={"scale": "five-point", "level": "4"}), _rechain(d)))
    case("dates-out-of-order.RF505.yaml")(lambda d: d["dates"].update(detected="2025-05-06T13:00:00Z"))
    case("impossible-date.RF664.yaml")(lambda d: d["dates"].update(occurred="2025-02-30"))
    case("edited-history.RF671.yaml")(lambda d: d["timeline"][0]["summary"].update(en="Nothing to report."))
    case("removed-first-entry.RF667.RF670.RF672.RF674.yaml")(lambda d: d["timeline"].pop(0))
    case("removed-middle-entry.RF667.RF671.yaml")(lambda d: d["timeline"].pop(1), base=chatbot_order_leak)
    case("entry-dated-before-the-previous.RF668.yaml")(
        lambda d: d["timeline"][-1].update(date="2025-04-01T00:00:00Z"), base=credit_scoring_zh)
    case("current-status-not-from-timeline.RF673.yaml")(lambda d: d.update(status="halted"))
    case("current-field-in-no-entry.RF674.yaml")(
        lambda d: d["timeline"][0]["assessment"].pop("severity"), base=voice_clone_near_miss)
    case("unchained-entry.RF669.yaml")(lambda d: d["timeline"][-1].pop("previous"))
    case("assessed-after-its-entry.RF666.yaml")(
        lambda d: _current(d, "attribution", _set(assessed="2025-05-13T00:00:00Z")))
    case("links-to-itself.RF675.yaml")(
        lambda d: d["links"]["incident_reports"][0].update(report_id=d["report_id"]))
    case("placeholder-left.RF650.yaml")(lambda d: d["title"].update(en="<<one-line title of the incident>>"))
    case("duplicate-system-and-harm-id.RF506.yaml")(lambda d: d["harms"][0].update(id=d["systems"][0]["id"]))
    case("unknown-risk.RF401.yaml")(lambda d: d["harms"][0].update(risks=["R9999"]))
    case("placeholder-digest.RF513.yaml")(lambda d: d["systems"][0]["digests"][0].update(digest="sha256:" + "0" * 64))
    case("near-miss-status-for-an-incident.RF662.yaml")(lambda d: (
        d.update(status="near_miss"), d["timeline"][-1]["assessment"].update(status="near_miss")))
    case("evaluation-finding.RF663.yaml")(lambda d: (
        d.update(event_type="evaluation-finding"),
        d["timeline"][0]["assessment"].update(event_type="evaluation-finding"), _rechain(d)))
    case("concluded-without-cause.RF301.yaml")(lambda d: _current(d, "attribution", lambda a: a.pop("cause")) or (
        d.update(status="concluded"), d["timeline"][-1]["assessment"].update(status="concluded")))
    case("concluded-undetermined-without-rationale.RF661.yaml")(lambda d: (
        d.update(status="concluded"), d["timeline"][-1]["assessment"].update(status="concluded")))
    case("bad-report-id.RF305.yaml")(lambda d: d.update(report_id="rfr-" + d["report_id"][4:]))
    case("no-likelihood.RF309.yaml")(lambda d: _current(d, "attribution", lambda a: a["hypotheses"][1].pop("likelihood")))
    return cases


def main() -> None:
    for folder in ("valid", "invalid"):
        (HERE / folder).mkdir(exist_ok=True)
        for old in (HERE / folder).glob("*.yaml"):
            old.unlink()
    for name, build in VALID.items():
        (HERE / "valid" / name).write_bytes(dump_document(build(), "yaml"))
    for name, build in _invalid().items():
        (HERE / "invalid" / name).write_bytes(dump_document(build(), "yaml"))


if __name__ == "__main__":
    main()
