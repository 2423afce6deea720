"""The vocabulary release: completeness in both languages, hierarchy, crosswalk coverage, and publication
forms that load in rdflib and sssom-py without losing anything."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

import riskfmt

RELEASE = riskfmt.load_vocabulary().version
FOLDER = ROOT / "schemas" / "vocab" / "releases" / RELEASE
DATA = json.loads((FOLDER / "vocabulary.json").read_text(encoding="utf-8"))
CONCEPTS = {c["id"]: c for c in DATA["concepts"]}
MAPPING_FILES = sorted((FOLDER / "mappings").glob("*.sssom.tsv"))
CJK = re.compile(r"[\u4e00-\u9fff]")

pytestmark = pytest.mark.skipif(RELEASE == "0.1", reason="vocabulary 0.1 is the starter release")


def risk_depth(cid: str) -> int:
    depth = 1
    while CONCEPTS[cid].get("broader"):
        cid = CONCEPTS[cid]["broader"]
        depth += 1
    return depth


def test_every_concept_is_complete_in_both_languages() -> None:
    for concept in DATA["concepts"]:
        for lang in ("en", "zh"):
            assert concept["pref_label"][lang].strip(), (concept["id"], lang)
            assert concept["definition"][lang].strip(), (concept["id"], lang)
        # a Chinese label is Chinese, unless it is a proper name written the same in both (MLCommons AILuminate)
        zh = concept["pref_label"]["zh"]
        assert CJK.search(zh) or zh == concept["pref_label"]["en"], concept["id"]
        assert CJK.search(concept["definition"]["zh"]), f"{concept['id']}: Chinese definition has no Chinese"
        # folded YAML must not leave spaces inside Chinese text
        assert not re.search(r"[\u4e00-\u9fff，。、；：] [\u4e00-\u9fff]", concept["definition"]["zh"]), concept["id"]
    for scheme in DATA["schemes"]:
        assert scheme["title"]["en"] and CJK.search(scheme["title"]["zh"])


def test_labels_are_unique_per_language_within_a_scheme() -> None:
    for lang in ("en", "zh"):
        counts = Counter((c["scheme"], c["pref_label"][lang].casefold()) for c in DATA["concepts"])
        assert [k for k, n in counts.items() if n > 1] == []


def test_risk_hierarchy_is_deep_and_broad_enough() -> None:
    risks = [c for c in DATA["concepts"] if c["scheme"] == "risk"]
    parents = {c.get("broader") for c in risks}
    leaves = [c for c in risks if c["id"] not in parents]
    assert max(risk_depth(c["id"]) for c in risks) >= 3
    assert len(leaves) >= 60
    for concept in DATA["concepts"]:  # soundness: broader exists, same scheme, no cycles
        seen = {concept["id"]}
        node = concept.get("broader")
        while node:
            assert node in CONCEPTS and CONCEPTS[node]["scheme"] == concept["scheme"], concept["id"]
            assert node not in seen, f"cycle through {concept['id']}"
            seen.add(node)
            node = CONCEPTS[node].get("broader")


def test_required_axes_exist() -> None:
    schemes = {s["id"] for s in DATA["schemes"]}
    for axis in ("risk", "method", "causal-entity", "intent", "timing", "lifecycle", "metric-kind", "severity",
                 "attribution", "jurisdiction"):
        assert axis in schemes, axis
    attribution = {c["id"] for c in DATA["concepts"] if c["scheme"] == "attribution"}
    for needed in ("attribution:accidental-malfunction", "attribution:misuse", "attribution:deliberate-attack",
                   "attribution:undetermined"):
        assert needed in attribution


def test_ids_of_earlier_releases_are_never_removed() -> None:
    from riskfmt import resources

    for version in resources.vocabulary_versions():
        old = resources.vocabulary_data(version)
        assert {c["id"] for c in old["concepts"]} <= set(CONCEPTS), f"ids of {version} were removed"


def test_deprecated_concepts_name_a_current_replacement() -> None:
    for concept in DATA["concepts"]:
        if concept["status"] == "deprecated":
            replacement = CONCEPTS[concept["replaced_by"]]
            assert replacement["status"] != "deprecated"


def test_label_provenance_is_recorded_and_well_formed() -> None:
    sources = [s for c in DATA["concepts"] for s in c.get("label_sources", [])]
    assert len(sources) >= 20
    for source in sources:
        assert source["origin"] in ("official", "adapted", "riskfmt")
        if source["origin"] != "riskfmt":
            assert source.get("source"), source


# ---- crosswalks ---------------------------------------------------------------------------------


def _catalogue() -> dict:
    import yaml

    return yaml.safe_load((FOLDER / "mappings" / "frameworks.yaml").read_text(encoding="utf-8"))


def test_every_framework_item_has_a_mapping_row() -> None:
    from riskfmt.mappings import load_mapping_set

    catalogue = _catalogue()
    frameworks = catalogue.get("frameworks", catalogue)
    assert len(frameworks) >= 11
    subjects: set[str] = set()
    for path in MAPPING_FILES:
        subjects |= {m.subject_id for m in load_mapping_set(path).mappings}
    missing = []
    for framework in frameworks:
        for item in framework["codes"]:
            code = f"{framework['prefix']}:{item['code']}"
            if code not in subjects:
                missing.append(code)
    assert missing == [], f"{len(missing)} framework items have no row: {missing[:10]}"


def test_mapping_rows_are_well_formed() -> None:
    from riskfmt.mappings import NO_TERM, PREDICATES, load_mapping_set

    for path in MAPPING_FILES:
        mapping_set = load_mapping_set(path)
        assert mapping_set.metadata.get("mapping_set_id") and mapping_set.metadata.get("license"), path.name
        for m in mapping_set.mappings:
            assert m.predicate_id in PREDICATES, (path.name, m)
            assert m.justification.startswith("semapv:"), (path.name, m)
            if m.object_id != NO_TERM:
                assert m.concept in CONCEPTS, (path.name, m.object_id)
            if m.predicate_id != "skos:exactMatch" or m.object_id == NO_TERM:
                assert m.comment, f"{path.name}: {m.subject_id} -> {m.object_id} needs a comment"
            assert m.confidence is None or 0 <= m.confidence <= 1


def test_sssom_files_load_in_sssom_py() -> None:
    import sssom
    from sssom.parsers import parse_sssom_table

    for path in MAPPING_FILES:
        msdf = parse_sssom_table(path)
        assert len(msdf.df) > 0, path.name
        assert sssom.__name__ == "sssom"


def test_framework_codes_resolve_in_reports() -> None:
    from riskfmt.mappings import load_crosswalk

    crosswalk = load_crosswalk(RELEASE)
    assert crosswalk.concepts_for("ailuminate:iwp")
    # the spelling of a prefix (hyphens) resolves like the canonical one (underscores)
    assert crosswalk.concepts_for("nist-600-1:cbrn") == crosswalk.concepts_for("nist_600_1:cbrn") != []
    doc = json.loads((ROOT / "examples" / "reports" / "valid" / "minimal.json").read_text(encoding="utf-8"))
    doc["vocabulary_version"] = RELEASE
    doc["evaluations"][0]["results"][0]["risks"] = ["ailuminate:iwp"]
    doc["report_id"] = riskfmt.report_id(doc)
    assert riskfmt.validate_data(doc).findings == []
    doc["evaluations"][0]["results"][0]["risks"] = ["ailuminate:nope"]
    assert [f.code for f in riskfmt.validate_data(doc).findings] == ["RF401"]
    no_equivalent = next(m.subject_id for s in crosswalk.sets for m in s.mappings if m.concept is None
                         and not crosswalk.concepts_for(m.subject_id))
    doc["evaluations"][0]["results"][0]["risks"] = [no_equivalent]
    assert [f.code for f in riskfmt.validate_data(doc).findings] == ["RF406"]


# ---- RDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graphs() -> dict:
    import rdflib
    turtle = rdflib.Graph().parse(FOLDER / "vocabulary.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(FOLDER / "vocabulary.jsonld", format="json-ld")
    return {"turtle": turtle, "jsonld": jsonld}


@pytest.mark.parametrize("form", ["turtle", "jsonld"])
def test_skos_keeps_everything(graphs: dict, form: str) -> None:
    from rdflib import OWL, SKOS, Literal, URIRef
    from rdflib.namespace import DCTERMS

    from tools.publish import concept_iri

    graph = graphs[form]
    for concept in DATA["concepts"]:
        node = URIRef(concept_iri(concept["id"]))
        assert (node, SKOS.prefLabel, Literal(concept["pref_label"]["en"], lang="en")) in graph
        assert (node, SKOS.prefLabel, Literal(concept["pref_label"]["zh"], lang="zh-Hans")) in graph
        assert (node, SKOS.definition, Literal(concept["definition"]["zh"], lang="zh-Hans")) in graph
        for alt in concept.get("alt_labels", {}).get("zh", []):
            assert (node, SKOS.altLabel, Literal(alt, lang="zh-Hans")) in graph
        if concept["status"] == "deprecated":
            assert (node, OWL.deprecated, Literal(True)) in graph
            assert (node, DCTERMS.isReplacedBy, URIRef(concept_iri(concept["replaced_by"]))) in graph
    assert len(graphs["turtle"]) == len(graphs["jsonld"])


def test_skos_integrity(graphs: dict) -> None:
    from rdflib import RDF, SKOS

    graph = graphs["turtle"]
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(DATA["concepts"])
    for node in concepts:
        langs = [label.language for label in graph.objects(node, SKOS.prefLabel)]
        assert sorted(langs) == ["en", "zh-Hans"], node  # S14: one preferred label per language
        pref = set(graph.objects(node, SKOS.prefLabel))
        assert not pref & set(graph.objects(node, SKOS.altLabel)), node  # S13: pref and alt labels disjoint
    # no cycles in skos:broader (transitive closure never reaches the start)
    for node in concepts:
        reached = set(graph.transitive_objects(node, SKOS.broader)) - {node}
        assert node not in reached


def test_mappings_are_in_the_skos_graph(graphs: dict) -> None:
    from rdflib import SKOS

    graph = graphs["turtle"]
    matches = sum(1 for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
                  for _ in graph.triples((None, p, None)))
    assert matches > 100


# ---- publication and the command line -------------------------------------------------------------


def test_released_static_site_is_still_shipped() -> None:
    """Release 1.0 carried a static HTML site; the documentation site (tests/test_docs_site.py) replaces it for
    later releases, but released files never change, so 1.0's stays as it was."""
    folder = ROOT / "schemas" / "vocab" / "releases" / "1.0"
    index = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "http://fonts" not in index and "https://fonts" not in index
    released = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    assert len(list((folder / "site" / "concepts").glob("*.html"))) == len(released["concepts"])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "riskfmt", "vocab", *args], capture_output=True, text=True, timeout=60)


def test_cli_search_in_both_languages_forgiving_case_and_punctuation() -> None:
    assert "R0011" in run("search", "Prompt-INJECTION").stdout
    assert "R0011" in run("search", "提示词注入").stdout
    assert run("search", "no such thing at all").returncode == 1


def test_cli_show_list_map_export() -> None:
    shown = run("show", "R0013")
    assert shown.returncode == 0 and CONCEPTS["R0013"]["pref_label"]["zh"] in shown.stdout
    assert "R0013" in run("list").stdout
    mapped = run("map", "ailuminate:iwp", "--format", "json")
    assert mapped.returncode == 0 and json.loads(mapped.stdout)[0]["concept"]
    back = run("map", json.loads(mapped.stdout)[0]["concept"], "--format", "json")
    assert any(row["framework_code"] == "ailuminate:iwp" for row in json.loads(back.stdout))
    for fmt in ("skos-turtle", "skos-jsonld", "csv", "sssom"):
        exported = run("export", "--format", fmt)
        assert exported.returncode == 0 and len(exported.stdout) > 1000, fmt


def test_cli_diff_reports_additions_and_refuses_removals(tmp_path: Path) -> None:
    from riskfmt import resources

    oldest = resources.vocabulary_versions()[0]
    proc = run("diff", oldest, RELEASE, "--format", "json")
    assert proc.returncode == 0
    diff = json.loads(proc.stdout)
    assert len(diff["added"]) == len(CONCEPTS) - len(resources.vocabulary_data(oldest)["concepts"])
    broken = dict(DATA, concepts=[c for c in DATA["concepts"] if c["id"] != "R0013"], version="9.9")
    (tmp_path / "vocabulary.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    proc = run("diff", RELEASE, str(tmp_path / "vocabulary.json"))
    assert proc.returncode == 1 and "R0013" in proc.stdout


def test_glossary_of_contested_terms() -> None:
    import yaml

    glossary = yaml.safe_load((FOLDER / "glossary.yaml").read_text(encoding="utf-8"))
    entries = glossary["terms"] if isinstance(glossary, dict) else glossary
    assert len(entries) >= 12
    zh_terms = {e["term"]["zh"] for e in entries}
    assert any(t == "安全" or t.startswith("安全") for t in zh_terms)
    for entry in entries:
        assert entry["guidance"]["en"] and entry["guidance"]["zh"]
        for sense in entry["senses"]:
            for cid in sense.get("concepts", []):
                assert cid in CONCEPTS, (entry["term"], cid)
