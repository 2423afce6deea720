"""The corpus view (``riskfmt corpus coverage --format html``): a golden page drawn from a corpus of real inputs,
and its rules checked on the page itself.

The corpus is indexed through the command line from reports converted from real tool outputs (examples/inputs:
lm-evaluation-harness, Inspect, HELM), the shipped bilingual red-team report (TLP:AMBER) and incident reports.
The expected page is rewritten only with RISKFMT_REGEN_GOLDEN=1; otherwise a difference fails. Inputs are
copied into a temporary folder and named relatively, so the page does not depend on the checkout.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from corpus.helpers import make_coverage_page, run, sql

GOLDEN = Path(__file__).resolve().parent / "golden" / "coverage.both.html"
REGEN = os.environ.get("RISKFMT_REGEN_GOLDEN", "") not in ("", "0")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_coverage_page(tmp_path_factory.mktemp("coverage-view"))


def test_golden(page: Path) -> None:
    got = page.read_text(encoding="utf-8")
    if REGEN:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8"), "run with RISKFMT_REGEN_GOLDEN=1 and review the difference"


def test_counts_and_markings_are_the_store_s(page: Path) -> None:
    """Every model of the store that cites a risk is a row header with its strictest TLP label, and each cell's
    number is the count of distinct items the store holds for that model and top concept."""
    html = page.read_text(encoding="utf-8")
    db = page.parent / "corpus.duckdb"
    expected = sql(db, "SELECT model, top_concept, COUNT(DISTINCT item_kind || '/' || report_id || '/' || "
                       "COALESCE(evaluation_id, '') || '/' || COALESCE(item_id, '')), MAX(tlp) FROM risk_links "
                       "WHERE concept_id IS NOT NULL GROUP BY ALL")
    tops = [c for (c,) in sql(db, "SELECT concept_id FROM concepts WHERE scheme = 'risk' AND depth = 0 "
                                  "AND status <> 'deprecated' ORDER BY concept_id")]
    models = sorted({m for m, *_ in expected})
    assert models and len(tops) >= 10
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td class="tlpcell"><strong>(TLP:[A-Z+]+)</strong></td>'
                      r"(.*?)</tr>", html)
    assert [r[0] for r in rows] == models
    for model, label, rest in rows:
        cells = re.findall(r'<td class="h h(\d)">(.*?)</td>', rest)
        assert len(cells) == len(tops)
        want = {t: n for m, t, n, _ in expected if m == model}
        for top, (shade, text) in zip(tops, cells, strict=True):
            if top in want:
                assert text == str(want[top]) and shade != "0"
            else:
                assert shade == "0" and "not tested" in text and "未检验" in text  # said in words, not colour
        assert label == "TLP:" + max((t for m, _, _, t in expected if m == model),
                                     key=["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"].index)
    assert 'TLP:AMBER' in html and '<caption>' in html and 'lang="zh-Hans"' in html


def test_max_tlp_leaves_out_stricter_rows(tmp_path: Path, page: Path) -> None:
    out = tmp_path / "green.html"
    assert run("corpus", "coverage", "--db", str(page.parent / "corpus.duckdb"), "--format", "html",
               "--max-tlp", "GREEN", "-o", str(out)) == 0
    assert "TLP:AMBER" not in out.read_text(encoding="utf-8")


def test_html_is_for_coverage_only(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("corpus", "query", "--db", str(page.parent / "corpus.duckdb"), "--format", "html", "SELECT 1") == 2
    assert "coverage" in capsys.readouterr().err
