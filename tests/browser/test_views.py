"""Every HTML view opened in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).

For each view (report, diff, compare, incident, made from converted real tool outputs and from the shipped
examples) in English, Chinese and both: no console error, no request beyond the file itself, no script, both
languages present when both were asked for, one chart mark per result, and no sideways scrolling on a 390 px
phone. The tests run whenever a Chromium is present and skip otherwise; RISKFMT_REQUIRE_BROWSER=1 makes its
absence a failure (CI sets it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from browser.views import LANGS, VIEWS, executable_or_skip, make_views, open_page

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
CASES = [(view, lang) for view in VIEWS for lang in LANGS]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, int]]:
    executable_or_skip()
    return make_views(tmp_path_factory.mktemp("views"))


@pytest.mark.parametrize(("view", "lang"), CASES, ids=[f"{v}-{lang}" for v, lang in CASES])
def test_view_in_a_browser(view: str, lang: str, pages: dict[tuple[str, str], tuple[Path, int]],
                           browser: Any) -> None:
    path, marks = pages[(view, lang)]
    page, errors, requests = open_page(browser, path, 390)
    try:
        assert errors == []
        assert requests == [path.as_uri()]  # nothing but the file itself: no script, font, image or beacon
        assert page.evaluate("document.scripts.length") == 0
        assert "default-src 'none'" in page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute(
            "content")
        # one mark per result (pair, cell, hypothesis), and each has a title a screen reader reads
        assert page.locator("svg .mark").count() == marks
        titled = page.evaluate("""[...document.querySelectorAll('svg[role=img]')]
            .filter(s => s.querySelector('.mark') && s.querySelector('title') && s.querySelector('title').textContent)
            .length""")
        assert titled == marks
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        # the marking comes first
        assert page.locator("header.tlp .label").first.inner_text().startswith("TLP:")
        headings = [h.strip() for h in page.locator("h1, h2").all_inner_texts() if h.strip()]
        assert headings
        chrome = list(page.locator("h2").all_inner_texts())  # headings are riskfmt's labels, not content
        if lang == "both":
            assert all(CJK.search(h) and LATIN.search(h) for h in chrome), chrome
            pairs = page.evaluate("""[...document.querySelectorAll('.bi')].map(b =>
                [...b.children].map(c => c.getAttribute('lang')).join(','))""")
            assert pairs and set(pairs) == {"en,zh-Hans"}
        elif lang == "zh":
            assert all(CJK.search(h) for h in chrome), chrome
            assert page.locator(".bi").count() == 0
            assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        else:
            assert not any(CJK.search(h) for h in chrome), chrome
            assert page.locator(".bi").count() == 0
    finally:
        page.close()


@pytest.mark.parametrize("view", list(VIEWS))
def test_desktop_and_print(view: str, pages: dict[tuple[str, str], tuple[Path, int]], browser: Any) -> None:
    """On a desktop the page does not scroll sideways either, and the print style sheet applies cleanly."""
    path, _ = pages[(view, "both")]
    page, errors, requests = open_page(browser, path, 1280)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
        page.emulate_media(media="print")
        # printed, tables are not boxed in a scroll area and the TLP banner keeps its colours
        assert page.evaluate("getComputedStyle(document.querySelector('header.tlp')).backgroundColor") == \
            "rgb(0, 0, 0)"
        assert page.evaluate("getComputedStyle(document.querySelector('header.tlp'))"
                             ".getPropertyValue('print-color-adjust')") == "exact"
        if page.locator(".scroll").count():
            assert page.evaluate("getComputedStyle(document.querySelector('.scroll')).overflowX") == "visible"
        if page.locator("details").count():  # collapsed lists are printed open
            assert page.evaluate("document.querySelector('details > :not(summary)').checkVisibility()")
            page.emulate_media(media="screen")
            assert not page.evaluate("document.querySelector('details > :not(summary)').checkVisibility()")
        assert errors == [] and requests == [path.as_uri()]
    finally:
        page.close()
