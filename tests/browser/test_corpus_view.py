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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import required

from browser.views import chromium_path, launch

CJK = re.compile(r"[\u4e00-\u9fff]")


def _executable() -> str:
    executable = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        executable = None
    if executable is None:
        message = "no Chromium with Playwright (apt-get install chromium; pip install playwright)"
        if required("RISKFMT_REQUIRE_BROWSER"):
            pytest.fail(message + " and RISKFMT_REQUIRE_BROWSER is set")
        pytest.skip(message)
    return executable


@pytest.fixture(scope="module")
def coverage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _executable()
    pytest.importorskip("duckdb")
    from corpus.helpers import make_coverage_page

    return make_coverage_page(tmp_path_factory.mktemp("coverage-browser"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = launch(p, executable)
        try:
            yield instance
        finally:
            instance.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_coverage_page_in_a_browser(coverage: Path, browser: Any, width: int) -> None:
    from corpus.helpers import sql

    models = [m for (m,) in sql(coverage.parent / "corpus.duckdb",
                                "SELECT DISTINCT model FROM risk_links WHERE concept_id IS NOT NULL ORDER BY model")]
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(r: Any) -> None:
        requests.append(r.request.url)
        r.continue_() if r.request.url == coverage.as_uri() else r.abort()

    page.route("**/*", route)
    try:
        page.goto(coverage.as_uri())
        page.wait_for_load_state("load")
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
