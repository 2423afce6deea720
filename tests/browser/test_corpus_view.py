"""The corpus view (``riskfmt corpus coverage --format html``) opened in a real browser: Debian's Chromium driven
by Playwright, as for the other views (tests/browser/test_views.py). The page is drawn from a corpus indexed from
real converted tool outputs (tests/corpus/helpers.py, make_coverage_page).

Checked in the browser: no console error and no request beyond the file itself; the heatmap is a table the
browser exposes as one (column headers, a row header per model, a caption); each model row says its TLP label
in text; an untested cell says so in words to assistive technology, not by colour alone; both languages are on
the page; on a 390 px phone the page does not scroll sideways (the table scrolls in its own box); printed, the
TLP banner keeps its colours.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from browser.views import executable_or_skip, open_page

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def coverage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    executable_or_skip()
    pytest.importorskip("duckdb")
    from corpus.helpers import make_coverage_page

    return make_coverage_page(tmp_path_factory.mktemp("coverage-browser"))


@pytest.mark.parametrize("width", [390, 1280])
def test_coverage_page_in_a_browser(coverage: Path, browser: Any, width: int) -> None:
    from corpus.helpers import sql

    models = [m for (m,) in sql(coverage.parent / "corpus.duckdb",
                                "SELECT DISTINCT model FROM risk_links WHERE concept_id IS NOT NULL ORDER BY model")]
    page, errors, requests = open_page(browser, coverage, width)
    try:
        assert errors == [] and requests == [coverage.as_uri()]
        assert page.evaluate("document.scripts.length") == 0
        table = page.get_by_role("table")
        assert table.count() == 1
        assert CJK.search(table.locator("caption").inner_text())
        # the browser's accessibility roles: a row header per model, in order, and a column per top concept
        assert page.get_by_role("rowheader").all_inner_texts() == models
        assert page.get_by_role("columnheader").count() >= 2 + 10 + 1
        for model in models:
            row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=model, exact=True))
            assert re.fullmatch(r"TLP:[A-Z+]+", row.locator("td.tlpcell").inner_text().strip())
        empty = page.locator("td.h0").first
        assert "not tested" in empty.text_content() and "未检验" in empty.text_content()
        assert page.locator("header.tlp .label").first.inner_text().startswith("TLP:")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('header.tlp')).backgroundColor") == \
            "rgb(0, 0, 0)"
    finally:
        page.close()
