"""A report written by an untrusted party cannot inject markup or script into its view.

Every free-text field of real documents is replaced by hostile strings; the page is then parsed with the
standard library's HTML parser, and every element and attribute must be one the views write themselves, no
attribute may be an event handler or a link out of the page, and each hostile string must come back as text.
A hypothesis property does the same for arbitrary text.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskfmt.views import LANGS, render_file

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(2)>",
    "</style><script>alert(3)</script>",
    "</title><script>alert(4)</script>",
    "javascript:alert(5)",
    "<a href=\"https://evil.example/\">click</a>",
    "{lang} {version} {0}",  # format placeholders must stay text, never be filled
    "&amp;lt;&#60;script&#62;",
    "]]><!-- --!><![CDATA[",
    "\u202eRTL override <b>bold</b>",
    "<style>body{background:url(https://evil.example/x)}</style>",
]

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "figure", "figcaption",
    "div", "span", "p", "h1", "h2", "h3", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody",
    "tr", "th", "td", "code", "strong", "a", "br", "details", "summary", "svg", "line", "circle", "text",
}
ALLOWED_ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "role", "tabindex", "scope",
                 "href", "style", "aria-labelledby", "aria-label", "aria-hidden", "x", "y", "x1", "x2", "y1", "y2",
                 "cx", "cy", "r", "text-anchor"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1] in self.raw:
            self.raw[self._stack[-1]].append(data)
        else:
            self.text.append(data)


def check_page(page: str, texts: list[str]) -> str:
    """Assert the page holds only the views' own markup; returns its text."""
    parser = _Collector()
    parser.feed(page)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"unexpected element <{tag}>"
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, f"unexpected attribute {name} on <{tag}>"
            assert not name.startswith("on")
            if name == "href":
                assert value is not None and re.fullmatch(r"#[a-z]+-[0-9]+", value), value
            if name == "style":
                assert value is not None and re.fullmatch(r"width:[0-9.]+%", value), value
            if name == "id":
                assert value is not None and re.fullmatch(r"[a-z]+(-[0-9]+)?", value), value
    assert parser.raw["script"] == []
    assert len([t for t, _ in parser.tags if t == "style"]) == 1  # ours, in the head
    style = "".join(parser.raw["style"])
    assert "url(" not in style and "@import" not in style
    text = "".join(parser.text)
    for value in texts:
        assert value in text, f"{value!r} is not shown as text"
    return text


def _hostile(i: int) -> str:
    return HOSTILE[i % len(HOSTILE)]


def _poison_report(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Put hostile strings into every free-text field of an evaluation report; returns the strings used, by the
    languages whose pages show them ("all", "en", "zh")."""
    used: dict[str, list[str]] = {"all": [], "en": [], "zh": []}
    counter = iter(range(10_000))

    def put(holder: dict[str, Any], key: str, shown: str = "all") -> None:
        value = _hostile(next(counter))
        holder[key] = value
        used[shown].append(value)

    def langtext(holder: dict[str, Any], key: str) -> None:
        holder[key] = {}
        put(holder[key], "en", "en")
        put(holder[key], "zh", "zh")

    langtext(doc, "title")
    langtext(doc, "notes")
    langtext(doc["producer"]["organization"], "name")
    put(doc["producer"]["tool"], "name")
    put(doc["producer"]["tool"], "version")
    put(doc["producer"], "contact")
    for key in ("name", "developer", "version", "id"):
        put(doc["model"], key)
    for evaluation in doc["evaluations"]:
        put(evaluation["task"], "id")
        langtext(evaluation["task"], "name")
        langtext(evaluation, "notes")
        for result in evaluation.get("results") or []:
            put(result["metric"], "id")
            langtext(result, "notes")
            if result.get("risk_level"):
                langtext(result["risk_level"], "rationale")
            if result.get("threshold"):
                put(result["threshold"], "source")
        for finding in evaluation.get("findings") or []:
            langtext(finding, "title")
            langtext(finding, "description")
    return used


def _load(path: Path) -> Any:
    from riskfmt.loading import load_bytes

    return load_bytes(path.read_bytes(), path.name).data


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_report(tmp_path: Path, lang: str) -> None:
    doc = _load(ROOT / "tests" / "compare" / "golden" / "two-labs" / "a.json")
    doc["evaluations"] = [e for e in doc["evaluations"] if "samples" not in e]  # no samples files to copy along
    used = _poison_report(doc)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    page, findings = render_file(path, lang)
    assert any(f.code == "RF508" for f in findings)  # the report id no longer matches: drawn, not refused
    # every hostile string the page's language shows comes back as text
    shown = used["all"] + (used["en"] if lang != "zh" else []) + (used["zh"] if lang != "en" else [])
    check_page(page, sorted(set(shown)))


def test_hostile_file_name(tmp_path: Path) -> None:
    name = '<img src=x onerror=alert(1)>".json'
    path = tmp_path / name
    path.write_bytes((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_bytes())
    page, _ = render_file(path, "both")
    check_page(page, [str(path)])


def test_hostile_incident(tmp_path: Path) -> None:
    doc = _load(ROOT / "examples" / "incidents" / "valid" / "grid-dispatch.operator.yaml")
    used = []
    for i, key in enumerate(("title", "summary", "notes")):
        doc[key] = {"en": _hostile(i), "zh": _hostile(i + 3)}
        used += [_hostile(i), _hostile(i + 3)]
    for j, hypothesis in enumerate(doc["attribution"]["hypotheses"]):
        for evidence in hypothesis.get("evidence_for") or []:
            evidence["description"] = {"en": _hostile(6 + j)}
            evidence["source"] = _hostile(9 + j)
            used += [_hostile(6 + j), _hostile(9 + j)]
    doc["systems"][0]["name"] = _hostile(11)
    used.append(_hostile(11))
    path = tmp_path / "incident.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for lang in LANGS:
        page, _ = render_file(path, lang)
        check_page(page, [_hostile(11)])  # safe in every language; the system's name shows in each
    page, _ = render_file(path, "both")
    check_page(page, used)


def test_hostile_diff_and_compare(tmp_path: Path) -> None:
    from riskfmt.compare import compare, diff_documents
    from riskfmt.views import render_outcome

    a = _load(ROOT / "tests" / "compare" / "golden" / "two-labs" / "a.json")
    b = _load(ROOT / "tests" / "compare" / "golden" / "two-labs" / "b.yaml")
    for doc in (a, b):
        doc["evaluations"] = [e for e in doc["evaluations"] if "samples" not in e]
    used_a, used_b = _poison_report(a), _poison_report(b)
    sources = ('<script>alert("a")</script>.json', "b\"><svg onload=x>.yaml")
    outcome = diff_documents(a, b, sources=sources)
    for lang in LANGS:
        check_page(render_outcome(outcome, lang), [sources[0], sources[1]])
    page = render_outcome(outcome, "both")
    check_page(page, [a["title"]["en"], b["producer"]["organization"]["name"]["zh"], a["producer"]["tool"]["name"],
                      b["model"]["name"]])
    # the JSON document of that diff, drawn by riskfmt render
    path = tmp_path / "diff.json"
    path.write_text(json.dumps(outcome.to_dict(), ensure_ascii=False), encoding="utf-8")
    drawn, findings = render_file(path, "both")
    assert [f.code for f in findings] == []
    check_page(drawn, [sources[0]])
    matrix = compare([a, b, a], sources=[sources[0], sources[1], "c.json"])
    check_page(render_outcome(matrix, "both"), [sources[1]])
    assert used_a and used_b


def _shown(text: str) -> bool:
    # characters a parser or browser may rewrite (controls, CR, NUL) are checked for safety only
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=60).filter(str.strip),
       org=st.text(min_size=1, max_size=40).filter(str.strip),
       finding=st.text(min_size=1, max_size=80).filter(str.strip),
       lang=st.sampled_from(LANGS))
def test_any_text_stays_text(tmp_path: Path, title: str, org: str, finding: str, lang: str) -> None:
    doc = copy.deepcopy(_load(ROOT / "examples" / "reports" / "valid" / "bilingual-red-team.yaml"))
    doc["title"] = {"en": title, "zh": title}
    doc["producer"]["organization"]["name"] = {"en": org, "zh": org}
    doc["evaluations"][1]["findings"][0]["description"] = {"en": finding, "zh": finding}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    page, _ = render_file(path, lang)
    check_page(page, [t for t in (title, org, finding) if _shown(t)])
