"""The documentation site (mkdocs.yml, docs/, docs/gen/): it builds strictly, in both languages, with a search
that finds Chinese and English alike and no broken internal link.

Needs the [docs] extra; skipped without it unless RISKFMT_REQUIRE_DOCS=1 (CI), which makes its absence a failure.
The browser test also needs Playwright and a Chromium (Debian's `chromium`); RISKFMT_REQUIRE_BROWSER=1 makes
their absence a failure.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT, required

DOCS_MODULES = ("mkdocs", "material", "mkdocs_static_i18n", "mkdocstrings_handlers.python", "mkdocs_click", "jieba")
# The separator of mkdocs.yml's search plugin, as the browser's lunr applies it to the index and the query.
SEARCH_SEPARATOR = re.compile(r'[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)')


def _docs_installed() -> None:
    import importlib.util

    missing = [m for m in DOCS_MODULES if importlib.util.find_spec(m.split(".")[0]) is None]
    if missing:
        if required("RISKFMT_REQUIRE_DOCS"):
            pytest.fail(f"the [docs] extra is required (RISKFMT_REQUIRE_DOCS=1) but missing: {missing}")
        pytest.skip(f"the [docs] extra is not installed ({missing}): pip install -e '.[docs]'")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _docs_installed()
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stderr[-4000:]}"
    return out


def _vocabulary() -> dict:
    from riskfmt.resources import vocabulary_data
    from riskfmt.vocab import latest_version

    return vocabulary_data(latest_version())


def _concept_dir(concept_id: str) -> str:
    return "vocab/concepts/" + concept_id.replace(":", "_") + "/"


def test_every_concept_has_a_page_in_both_languages(site: Path) -> None:
    vocab = _vocabulary()
    assert len(vocab["concepts"]) > 300
    for concept in vocab["concepts"]:
        for prefix, lang, html_lang in (("", "en", 'lang="en"'), ("zh/", "zh", 'lang="zh"')):
            path = site / prefix / _concept_dir(concept["id"]) / "index.html"
            assert path.is_file(), f"no {lang} page for {concept['id']}"
            text = path.read_text(encoding="utf-8")
            assert f"<html {html_lang}" in text, path
            # the page's own language first in its heading, the definition in both languages
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
            assert heading and heading.group(1).strip().startswith(_html_text(concept["pref_label"][lang])), path
            for definition in concept["definition"].values():
                assert _html_text(definition) in text, (path, definition)


def _html_text(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def _search_hits(site: Path, query: str) -> set[str]:
    """Pages (without anchors) whose indexed title or text holds the query as a search token."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {"en", "zh"} <= set(index["config"]["lang"])
    assert SEARCH_SEPARATOR.pattern == index["config"]["separator"], "update SEARCH_SEPARATOR to mkdocs.yml's"
    wanted = query.casefold()
    hits = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        if wanted in {token.casefold() for token in SEARCH_SEPARATOR.split(text)}:
            hits.add(doc["location"].split("#", 1)[0])
    return hits


def _concept_with(label_zh: str, label_en: str) -> str:
    for concept in _vocabulary()["concepts"]:
        labels = {concept["pref_label"]["zh"], *concept.get("alt_labels", {}).get("zh", [])}
        labels_en = {concept["pref_label"]["en"].casefold(),
                     *(a.casefold() for a in concept.get("alt_labels", {}).get("en", []))}
        if label_zh in labels and label_en in labels_en:
            return concept["id"]
    raise AssertionError(f"no concept labelled {label_zh} and {label_en}")


def test_search_finds_the_concept_in_chinese_and_english(site: Path) -> None:
    page = _concept_dir(_concept_with("幻觉", "confabulation"))
    chinese, english = _search_hits(site, "幻觉"), _search_hits(site, "confabulation")
    # both words find the English and the Chinese page of the same concept
    for location in (page, "zh/" + page):
        assert location in chinese, sorted(chinese)[:20]
        assert location in english, sorted(english)[:20]
    # the Chinese text was segmented into words: without jieba a whole run of characters is one token, and
    # 幻觉 would be found only where it stands alone between punctuation
    assert not _search_hits(site, "觉")
    assert len(chinese) > 4


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            value = values.get(name)
            if value and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(value)


def _pages(site: Path) -> Iterator[Path]:
    # 404.html is served for any missing path, so its links are absolute (from site_url) by design
    yield from sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_no_broken_internal_links(site: Path) -> None:
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    checked = 0
    for page in _pages(site):
        base = "/" + page.relative_to(site).as_posix()
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            target_url = urlsplit(urljoin(base, link))
            target = site / unquote(target_url.path).lstrip("/")
            if target.is_dir() or target_url.path.endswith("/"):
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{base}: {link}")
            elif (target_url.fragment and target.suffix == ".html"
                  and unquote(target_url.fragment) not in parse(target).ids):
                broken.append(f"{base}: {link} (no such anchor)")
    assert checked > 10000
    assert not broken, f"{len(broken)} broken links, for example {broken[:10]}"


def test_sssom_files_are_served_with_the_site(site: Path) -> None:
    from riskfmt import resources
    from riskfmt.vocab import latest_version

    release = resources.schemas_dir() / "vocab" / "releases" / latest_version() / "mappings"
    files = sorted(release.glob("*.sssom.tsv"))
    assert files
    for path in files:
        assert (site / "vocab" / "mappings" / path.name).read_bytes() == path.read_bytes()
    overview = (site / "zh" / "vocab" / "crosswalks" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../../vocab/mappings/{files[0].name}"' in overview


def test_every_page_of_the_nav_has_a_chinese_page(site: Path) -> None:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)

    def walk(items: list) -> Iterator[str]:
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from (walk(value) if isinstance(value, list) else [value])

    for source in walk(config["nav"]):
        built = site / "zh" / source.removesuffix(".md").removesuffix("index") / "index.html"
        built = built if built.is_file() else site / "zh" / source.removesuffix(".md") / "index.html"
        text = built.read_text(encoding="utf-8")
        assert '<html lang="zh"' in text, source
        # no stray space where a source line break fell between two Chinese characters ("细节。 词表")
        article = re.sub(r"<pre.*?</pre>", "", text.split("<article", 1)[1].split("</article>", 1)[0], flags=re.S)
        for segment in re.split(r"<[^>]+>", article):
            gap = re.search(r"[\u4e00-\u9fff，。、；：）][ \n]+[\u4e00-\u9fff（]", segment)
            assert gap is None, (source, gap.group(0) if gap else "")
        zh_source = ROOT / "docs" / source.replace(".md", ".zh.md")
        assert zh_source.is_file(), f"{source} has no Chinese page ({zh_source.name})"


def test_generated_pages_are_reproducible() -> None:
    _docs_installed()
    sys.path.insert(0, str(ROOT / "docs" / "gen"))
    try:
        import hooks
    finally:
        sys.path.remove(str(ROOT / "docs" / "gen"))
    first = hooks.generated_files(ROOT / "docs")
    assert first == hooks.generated_files(ROOT / "docs")
    dated = [p for p, data in first.items() if p.endswith(".md") and re.search(rb"20\d\d-\d\d-\d\d", data)
             and not p.startswith("vocab/")]
    assert not dated, dated


# ---- in a real browser ------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


def _browser() -> object:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required("RISKFMT_REQUIRE_BROWSER"):
            raise
        pytest.skip("Playwright is not installed")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        if required("RISKFMT_REQUIRE_BROWSER"):
            pytest.fail("RISKFMT_REQUIRE_BROWSER=1 but there is no Chromium (apt-get install chromium)")
        pytest.skip("no Chromium")
    return sync_playwright


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The built site on a loopback port: material's search fetches its index, which file:// does not allow."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(served: str) -> Iterator[object]:
    sync_playwright = _browser()
    with sync_playwright() as p:  # type: ignore[operator]
        chromium = p.chromium.launch(executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
                                     args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def _open(browser: object, url: str, served: str) -> tuple[object, list[str]]:
    """A 390 px wide page at url, and the list its console errors, failed and outside requests go to."""
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"outside: {r.url}") if not r.url.startswith(served) else None)
    page.goto(url)
    return page, problems


@pytest.mark.parametrize("language", ["", "zh/"])
@pytest.mark.parametrize("query", ["幻觉", "confabulation"])
def test_search_box_finds_the_concept(browser: object, served: str, language: str, query: str) -> None:
    concept = _concept_with("幻觉", "confabulation")
    page, problems = _open(browser, served + language, served)
    try:
        page.locator("label.md-search__icon, label[for='__search']").first.click()
        page.locator("input.md-search__input").fill(query)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=20000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        assert any(_concept_dir(concept) in href for href in hrefs), hrefs
        assert not problems, problems
    finally:
        page.close()


def test_language_selector_keeps_the_page(browser: object, served: str) -> None:
    page, problems = _open(browser, served + "vocab/concepts/R0013/", served)
    try:
        page.locator("a.md-select__link[hreflang='zh']").first.dispatch_event("click")
        page.wait_for_url("**/zh/vocab/concepts/R0013/")
        assert page.locator("html").get_attribute("lang") == "zh"
        assert not problems, problems
    finally:
        page.close()


PHONE_PAGES = ["", "zh/", "vocab/concepts/R0013/", "zh/vocab/concepts/R0013/", "vocab/risk/",
               "vocab/crosswalks/nist-ai-600-1/", "zh/vocab/glossary/", "zh/commands/redact/", "api/"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_pages_fit_a_phone(browser: object, served: str, path: str) -> None:
    page, problems = _open(browser, served + path, served)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px screen"
        assert not problems, problems
    finally:
        page.close()


SCREENSHOTS = {"site-home-en.png": ("", 1280), "site-home-zh.png": ("zh/", 1280),
               "site-concept-en.png": ("vocab/concepts/R0013/", 1280),
               "site-concept-zh.png": ("zh/vocab/concepts/R0013/", 390)}


def test_screenshots(browser: object, served: str) -> None:
    """Writes docs/screenshots/site-*.png only when RISKFMT_SCREENSHOTS=1 (they are checked in)."""
    if not required("RISKFMT_SCREENSHOTS"):
        pytest.skip("set RISKFMT_SCREENSHOTS=1 to refresh docs/screenshots/site-*.png")
    folder = ROOT / "docs" / "screenshots"
    folder.mkdir(exist_ok=True)
    for name, (path, width) in SCREENSHOTS.items():
        page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        page.goto(served + path)
        page.screenshot(path=str(folder / name))
        page.close()
        assert (folder / name).stat().st_size > 10000
