"""Vocabulary 1.1 (issue 16): Chinese labels a native reader accepts, old labels still searchable, the CSET harm
crosswalk, and 1.0 still shipped, frozen and loadable."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

import riskfmt
from riskfmt.vocab import latest_version, load_vocabulary

RELEASES = ROOT / "schemas" / "vocab" / "releases"


def vocab(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "riskfmt", "vocab", *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def _concepts(version: str) -> dict[str, dict]:
    data = json.loads((RELEASES / version / "vocabulary.json").read_text(encoding="utf-8"))
    return {c["id"]: c for c in data["concepts"]}


def test_1_1_is_the_default_and_1_0_still_loads() -> None:
    assert latest_version() == "1.1"
    assert load_vocabulary().version == "1.1"
    old = load_vocabulary("1.0")
    assert old.version == "1.0"
    assert (RELEASES / "1.0" / "vocabulary.json").is_file() and (RELEASES / "1.1" / "CHANGES.md").is_file()


def test_no_id_removed_and_nothing_relabelled_in_english() -> None:
    old, new = _concepts("1.0"), _concepts("1.1")
    assert set(old) <= set(new)
    assert [cid for cid in old if old[cid]["pref_label"]["en"] != new[cid]["pref_label"]["en"]] == []


def test_the_labels_the_issue_names_are_fixed() -> None:
    new = _concepts("1.1")
    zh = {cid: new[cid]["pref_label"]["zh"] for cid in new}
    assert "游说" not in zh["R0115"] and "说服" in zh["R0115"]  # the concept is persuasion, not lobbying
    assert zh["R0180"] == "侵犯他人合法权益"  # TC260-003 Appendix A A.4
    assert "法律风险" not in zh["R0180"]
    assert "谋划" not in zh["R0144"] and "谋划" not in new["R0144"]["alt_labels"]["zh"]
    assert zh["R0147"] != "自主开展人工智能研发" and "自主研发" not in zh["R0147"]  # 自主研发 = home-grown R&D
    assert zh["R0079"] != "模型复用的缺陷传导"
    # the label source moved with the official string
    pref_sources = [s for s in new["R0180"]["label_sources"] if s["role"] == "pref" and s["lang"] == "zh"]
    assert [s["label"] for s in pref_sources] == ["侵犯他人合法权益"]


def test_old_chinese_labels_stay_searchable() -> None:
    old, new = _concepts("1.0"), _concepts("1.1")
    for cid in old:
        before, after = old[cid]["pref_label"]["zh"], new[cid]["pref_label"]["zh"]
        if before != after:
            assert before in new[cid]["alt_labels"]["zh"], cid
    assert "R0115" in vocab("search", "政治游说与宣传", "--lang", "zh").stdout
    assert "R0180" in vocab("search", "侵犯合法权益与法律风险", "--lang", "zh").stdout
    assert "R0144" not in vocab("search", "谋划", "--lang", "zh").stdout


def test_vocab_diff_shows_the_relabels() -> None:
    result = vocab("diff", "1.0", "1.1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "R0115" in result.stdout and "政治说服与宣传" in result.stdout and "政治游说与宣传" in result.stdout
    assert "R0180" in result.stdout and "cset_harm:v0.psychological" in result.stdout
    data = json.loads(vocab("diff", "1.0", "1.1", "--format", "json").stdout)
    relabelled = {(r["id"], r["lang"]) for r in data["relabelled"]}
    assert {("R0115", "zh"), ("R0180", "zh"), ("R0147", "zh"), ("R0079", "zh")} <= relabelled
    assert data["removed"] == []


def test_cset_crosswalk_covers_every_cset_harm_value() -> None:
    from riskfmt.mappings import load_crosswalk

    # the value lists of the AIID taxonomies (CSET v0 Harm Type; CSETv1 Harm Type Experienced), as defined in
    # responsible-ai-collaborative/aiid @638678f2 (editors' guide and the CSETv1 taxonomy migration)
    v0 = ["Harm to physical health/safety", "Psychological harm", "Financial harm", "Harm to physical property",
          "Harm to intangible property", "Harm to social or political systems", "Harm to civil liberties", "Other"]
    v1 = ["physical health/safety", "financial loss", "physical property", "intangible property", "infrastructure",
          "natural environment", "social or political systems",
          "violation of human rights, civil liberties, civil rights, or democratic norms", "detrimental content",
          "disproportionate treatment based upon a protected characteristic", "other tangible harm",
          "other intangible harm"]
    crosswalk = load_crosswalk("1.1")
    labels = {(s.split(":", 1)[1][:3], m[0].subject_label) for s, m in crosswalk.by_subject.items()
              if s.startswith("cset_harm:")}
    assert {("v0.", v) for v in v0} <= labels
    assert {("v1.", v) for v in v1} <= labels
    assert crosswalk.concepts_for("cset_harm:v0.psychological") == ["R0040"]
    assert crosswalk.concepts_for("cset_harm:v0.financial") == []  # no riskfmt concept for financial loss
    assert not load_crosswalk("1.0").is_code("cset_harm:v0.psychological")  # added in 1.1, not backported


def test_reports_citing_1_0_still_validate() -> None:
    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    doc["vocabulary_version"] = "1.0"
    doc["report_id"] = riskfmt.report_id(doc)
    assert riskfmt.validate_data(doc).findings == []
