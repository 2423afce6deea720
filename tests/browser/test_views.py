"""Every HTML view opened in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).

For each view (report, diff, compare, incident, made from converted real tool outputs and from the shipped
examples) in English, Chinese and both: no console error, no request beyond the file itself, no script, both
languages present when both were asked for, one chart mark per result, and no sideways scrolling on a 390 px
phone. The tests run whenever a Chromium is present and skip otherwise; RISKFMT_REQUIRE_BROWSER=1 makes its
absence a failure (CI sets it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import required

from browser.views import LANGS, VIEWS, chromium_path, launch, make_views

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
CASES = [(view, lang) for view in VIEWS for lang in LANGS]


def _browser_or_skip() -> str:
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
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, int]]:
    _browser_or_skip()
    return make_views(tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = launch(p, executable)
        try:
            yield instance
        finally:
            instance.close()


def _open(browser: Any, path: Path, width: int) -> tuple[Any, list[str], list[str]]:
    """Open ``path`` at ``width``; returns the page, the console errors and every request the page made."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(r: Any) -> None:
        requests.append(r.request.url)
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


@pytest.mark.parametrize(("view", "lang"), CASES, ids=[f"{v}-{lang}" for v, lang in CASES])
def test_view_in_a_browser(view: str, lang: str, pages: dict[tuple[str, str], tuple[Path, int]],
                           browser: Any) -> None:
    path, marks = pages[(view, lang)]
    page, errors, requests = _open(browser, path, 390)
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
    page, errors, requests = _open(browser, path, 1280)
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
