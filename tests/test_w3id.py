"""The w3id.org redirect rules prepared in w3id/.htaccess cover every IRI riskfmt publishes, with content
negotiation for the vocabulary (HTML for people, Turtle and JSON-LD for machines)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

BASE = "https://w3id.org/riskfmt/"
SITE = "https://riskfmt.github.io/riskfmt/"


def _rules() -> list[tuple[list[str], re.Pattern[str], str, str]]:
    """(accept conditions, pattern, target, flags) for the mod_rewrite subset the file uses."""
    rules, conditions = [], []
    for raw in (ROOT / "w3id" / ".htaccess").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.split()[0] in ("Options", "RewriteEngine"):
            continue
        parts = line.split()
        if parts[0] == "RewriteCond":
            assert parts[1] == "%{HTTP_ACCEPT}", line
            conditions.append(parts[2])
        elif parts[0] == "RewriteRule":
            rules.append((conditions, re.compile(parts[1]), parts[2], parts[3]))
            conditions = []
        else:
            pytest.fail(f"directive this test cannot evaluate: {line}")
    return rules


def redirect(iri: str, accept: str = "text/html") -> tuple[int, str] | None:
    assert iri.startswith(BASE)
    path = iri[len(BASE):]
    for conditions, pattern, target, flags in _rules():
        if not all(re.search(c, accept) for c in conditions):
            continue
        match = pattern.match(path)
        if match:
            status = int(re.search(r"R=(\d+)", flags).group(1))  # type: ignore[union-attr]
            return status, re.sub(r"\$(\d)", lambda m, found=match: found.group(int(m.group(1))) or "", target)
    return None


def _published_iris() -> list[str]:
    iris = [BASE, BASE + "docs/findings/"]
    for schema in (ROOT / "schemas" / "jsonschema").glob("*.json"):
        iris.append(json.loads(schema.read_text(encoding="utf-8"))["$id"])
    for release in sorted((ROOT / "schemas" / "vocab" / "releases").iterdir()):
        ttl = release / "vocabulary.ttl"
        if ttl.exists():
            text = ttl.read_text(encoding="utf-8")
            iris += sorted(set(re.findall(r"<(https://w3id\.org/riskfmt/(?:vocab|ext)/[^>]*)>", text)))
            iris += [f"{BASE}vocab/{local}" for local in sorted(set(re.findall(r"\brfv:([A-Za-z0-9/._-]+)", text)))]
    return sorted(set(iris))


def test_every_published_iri_redirects() -> None:
    iris = _published_iris()
    assert len(iris) > 300
    missing = [iri for iri in iris if redirect(iri) is None]
    assert not missing, missing[:20]
    for iri in iris:
        _, target = redirect(iri)  # type: ignore[misc]
        assert target.startswith(SITE), (iri, target)
        assert "$" not in target


@pytest.mark.parametrize(("accept", "suffix"), [("text/turtle", "vocabulary.ttl"),
                                                ("application/ld+json", "vocabulary.jsonld")])
def test_concepts_negotiate_machine_forms(accept: str, suffix: str) -> None:
    for iri in (BASE + "vocab/R0013", BASE + "vocab/method/red-teaming", BASE + "vocab/scheme/risk"):
        status, target = redirect(iri, accept)  # type: ignore[misc]
        assert status == 303 and target.endswith(suffix), (iri, target)
    status, target = redirect(BASE + "vocab/1.0", accept)  # type: ignore[misc]
    assert target == f"{SITE}vocab/1.0/{suffix}"


def test_people_get_the_concept_page() -> None:
    assert redirect(BASE + "vocab/R0013") == (303, f"{SITE}vocab/concepts/R0013/")
    assert redirect(BASE + "vocab/method/red-teaming", "text/html,application/xhtml+xml") == (
        303, f"{SITE}vocab/concepts/method-red-teaming/")
    assert redirect(BASE + "schema/evaluation-report-1.0.json") == (302, f"{SITE}schema/evaluation-report-1.0.json")
