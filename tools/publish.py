"""Publication artifacts of a vocabulary release (build time only; needs rdflib from the [build] extra).

LinkML's generators drop Chinese labels, deprecation and replacements from enumerations, so SKOS is built
here with rdflib directly from the vocabulary data, and tests check that nothing is lost on the way.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from riskfmt.mappings import Crosswalk

__all__ = ["VOCAB_BASE", "concept_iri", "release_artifacts", "skos_graph"]

VOCAB_BASE = "https://w3id.org/riskfmt/vocab/"
SCHEMA_BASE = "https://w3id.org/riskfmt/schema/"
LANG_TAGS = {"en": "en", "zh": "zh-Hans"}
_INVERSE = {"skos:broadMatch": "skos:narrowMatch", "skos:narrowMatch": "skos:broadMatch"}


def concept_iri(concept_id: str) -> str:
    """Versionless, stable IRI of a concept: R0013 -> .../vocab/R0013; method:red-teaming ->
    .../vocab/method/red-teaming."""
    return VOCAB_BASE + concept_id.replace(":", "/", 1)


def scheme_iri(scheme: str) -> str:
    return f"{VOCAB_BASE}scheme/{scheme}"


def _curie_map(crosswalk: Crosswalk) -> dict[str, str]:
    prefixes: dict[str, str] = {}
    for mapping_set in crosswalk.sets:
        prefixes.update({k: str(v) for k, v in (mapping_set.metadata.get("curie_map") or {}).items()})
    return prefixes


def skos_graph(vocab: dict[str, Any], crosswalk: Crosswalk) -> Any:
    from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, XSD

    rf = Namespace(SCHEMA_BASE)
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("owl", OWL)
    graph.bind("rfv", Namespace(VOCAB_BASE))
    graph.bind("rf", rf)
    doc = URIRef(VOCAB_BASE)
    version = vocab["version"]
    graph.add((doc, RDF.type, OWL.Ontology))
    graph.add((doc, OWL.versionIRI, URIRef(f"{VOCAB_BASE}{version}/")))
    graph.add((doc, OWL.versionInfo, Literal(version)))
    graph.add((doc, DCTERMS.title, Literal("riskfmt vocabulary of AI risks", lang="en")))
    graph.add((doc, DCTERMS.title, Literal("riskfmt 人工智能风险词表", lang="zh-Hans")))
    graph.add((doc, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    if vocab.get("released"):
        graph.add((doc, DCTERMS.issued, Literal(vocab["released"], datatype=XSD.date)))
    for prop, label in ((rf.addedIn, "added in vocabulary version"), (rf.status, "status"),
                        (rf.deprecatedIn, "deprecated in vocabulary version"), (rf.labelOrigin, "label origin")):
        graph.add((prop, RDF.type, OWL.AnnotationProperty))
        graph.add((prop, RDFS.label, Literal(label, lang="en")))
    for scheme in vocab["schemes"]:
        node = URIRef(scheme_iri(scheme["id"]))
        graph.add((node, RDF.type, SKOS.ConceptScheme))
        graph.add((node, RDFS.isDefinedBy, doc))
        for lang, tag in LANG_TAGS.items():
            graph.add((node, SKOS.prefLabel, Literal(scheme["title"][lang], lang=tag)))
            graph.add((node, SKOS.definition, Literal(scheme["definition"][lang], lang=tag)))
    prefixes = _curie_map(crosswalk)
    for concept in vocab["concepts"]:
        node = URIRef(concept_iri(concept["id"]))
        scheme = URIRef(scheme_iri(concept["scheme"]))
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(concept.get("notation") or concept["id"])))
        for lang, tag in LANG_TAGS.items():
            graph.add((node, SKOS.prefLabel, Literal(concept["pref_label"][lang], lang=tag)))
            graph.add((node, SKOS.definition, Literal(concept["definition"][lang], lang=tag)))
            for alt in (concept.get("alt_labels") or {}).get(lang, []):
                graph.add((node, SKOS.altLabel, Literal(alt, lang=tag)))
            note = (concept.get("scope_note") or {}).get(lang)
            if note:
                graph.add((node, SKOS.scopeNote, Literal(note, lang=tag)))
        if concept.get("broader"):
            parent = URIRef(concept_iri(concept["broader"]))
            graph.add((node, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, node))
        else:
            graph.add((node, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, node))
        graph.add((node, rf.addedIn, Literal(concept["added_in"])))
        graph.add((node, rf.status, Literal(concept["status"])))
        if concept["status"] == "deprecated":
            graph.add((node, OWL.deprecated, Literal(True)))
            if concept.get("deprecated_in"):
                graph.add((node, rf.deprecatedIn, Literal(concept["deprecated_in"])))
            if concept.get("replaced_by"):
                graph.add((node, DCTERMS.isReplacedBy, URIRef(concept_iri(concept["replaced_by"]))))
        for source in concept.get("label_sources") or []:
            text = f"{source['role']} label [{source['lang']}] \"{source['label']}\": {source['origin']}"
            if source.get("source"):
                text += f" ({source['source']})"
            graph.add((node, rf.labelOrigin, Literal(text)))
    for mapping_set in crosswalk.sets:
        for mapping in mapping_set.mappings:
            if not mapping.concept or mapping.predicate_modifier == "Not":
                continue
            prefix, _, local = mapping.subject_id.partition(":")
            if prefix not in prefixes:
                continue
            predicate = _INVERSE.get(mapping.predicate_id, mapping.predicate_id).split(":", 1)[1]
            graph.add((URIRef(concept_iri(mapping.concept)), SKOS[predicate], URIRef(prefixes[prefix] + local)))
    return graph


def _csv(vocab: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    columns = ["id", "scheme", "notation", "status", "added_in", "deprecated_in", "replaced_by", "broader",
               "pref_label_en", "pref_label_zh", "definition_en", "definition_zh", "alt_labels_en", "alt_labels_zh",
               "scope_note_en", "scope_note_zh"]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for c in vocab["concepts"]:
        alts = c.get("alt_labels") or {}
        notes = c.get("scope_note") or {}
        writer.writerow({
            "id": c["id"], "scheme": c["scheme"], "notation": c.get("notation", ""), "status": c["status"],
            "added_in": c["added_in"], "deprecated_in": c.get("deprecated_in", ""),
            "replaced_by": c.get("replaced_by", ""), "broader": c.get("broader", ""),
            "pref_label_en": c["pref_label"]["en"], "pref_label_zh": c["pref_label"]["zh"],
            "definition_en": c["definition"]["en"], "definition_zh": c["definition"]["zh"],
            "alt_labels_en": " | ".join(alts.get("en", [])), "alt_labels_zh": " | ".join(alts.get("zh", [])),
            "scope_note_en": notes.get("en", ""), "scope_note_zh": notes.get("zh", ""),
        })
    # a byte-order mark so that spreadsheet programs open the Chinese text as UTF-8
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _linkml(vocab: dict[str, Any]) -> bytes:
    """The vocabulary as LinkML enumerations (one per scheme), for LinkML-based pipelines."""
    import yaml

    enums: dict[str, Any] = {}
    for scheme in vocab["schemes"]:
        values: dict[str, Any] = {}
        for c in vocab["concepts"]:
            if c["scheme"] != scheme["id"]:
                continue
            token = c["id"] if scheme["id"] == "risk" else (c.get("notation") or c["id"].split(":", 1)[1])
            pv: dict[str, Any] = {
                "meaning": "rfv:" + c["id"].replace(":", "/", 1),
                "title": c["pref_label"]["en"],
                "description": c["definition"]["en"],
                "annotations": {"label_zh": c["pref_label"]["zh"], "definition_zh": c["definition"]["zh"],
                                "added_in": c["added_in"]},
                "structured_aliases": [{"literal_form": c["pref_label"]["zh"], "in_language": "zh-Hans",
                                        "predicate": "EXACT_SYNONYM"}]
                + [{"literal_form": a, "in_language": lang_tag, "predicate": "RELATED_SYNONYM"}
                   for lang, lang_tag in LANG_TAGS.items() for a in (c.get("alt_labels") or {}).get(lang, [])],
            }
            if c.get("broader"):
                pv["is_a"] = c["broader"] if scheme["id"] == "risk" else c["broader"].split(":", 1)[1]
            if c["status"] == "deprecated":
                pv["deprecated"] = f"deprecated in {c.get('deprecated_in', '?')}"
                if c.get("replaced_by"):
                    pv["deprecated_element_has_exact_replacement"] = c["replaced_by"]
            values[token] = pv
        name = "".join(part.capitalize() for part in scheme["id"].split("-"))
        enums[name] = {"description": scheme["definition"]["en"], "permissible_values": values}
    schema = {
        "id": f"{VOCAB_BASE}{vocab['version']}/linkml", "name": "riskfmt_vocabulary_enums", "version": vocab["version"],
        "prefixes": {"linkml": "https://w3id.org/linkml/", "rfv": VOCAB_BASE}, "default_prefix": "rfv",
        "imports": ["linkml:types"], "enums": enums,
    }
    text: str = yaml.safe_dump(schema, allow_unicode=True, sort_keys=True, width=120)
    return text.encode("utf-8")


# The static HTML site that releases up to 1.0 carried (site/ in the release folder) is replaced by the
# documentation site (mkdocs.yml, docs/gen/vocab_pages.py): one page per concept in each language, search, a table of
# contents, the glossary and the crosswalks with their SSSOM files. Released sites stay shipped as they were frozen.


def release_artifacts(vocab: dict[str, Any], mapping_files: dict[str, bytes], previous: dict[str, Any] | None,
                      previous_crosswalk: Crosswalk | None, extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """Every file of a vocabulary release folder, relative to it."""
    from riskfmt.mappings import parse_sssom
    from riskfmt.vocab_diff import diff_vocabularies, render_markdown

    crosswalk = Crosswalk(parse_sssom(data.decode("utf-8"), Path(name)) for name, data in sorted(mapping_files.items()))
    graph = skos_graph(vocab, crosswalk)
    out: dict[str, bytes] = {
        "vocabulary.ttl": graph.serialize(format="turtle").encode("utf-8"),
        "vocabulary.jsonld": _stable_jsonld(graph),
        "vocabulary.csv": _csv(vocab),
        "vocabulary.linkml.yaml": _linkml(vocab),
    }
    out.update({f"mappings/{name}": data for name, data in mapping_files.items()})
    out.update(extra or {})
    if previous is not None:
        changes = diff_vocabularies(previous, vocab, previous_crosswalk, crosswalk)
        out["CHANGES.md"] = render_markdown(changes).encode("utf-8")
    return out


_MATCH_PREDICATES = {"exact": "skos:exactMatch", "close": "skos:closeMatch", "broad": "skos:broadMatch",
                     "narrow": "skos:narrowMatch", "related": "skos:relatedMatch", "none": "skos:exactMatch"}


def benchmark_slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name.lower()).strip("_")


def benchmark_sssom(table: dict[str, Any], vocab: dict[str, Any]) -> tuple[str, bytes]:
    """A benchmark's category table as an SSSOM mapping set (subject: the benchmark's category code)."""
    import yaml

    prefix = benchmark_slug(table["benchmark"])
    labels = {c["id"]: c["pref_label"]["en"] for c in vocab["concepts"]}
    meta = {
        "curie_map": {prefix: f"https://w3id.org/riskfmt/ext/{prefix}/", "rfv": VOCAB_BASE,
                      "skos": "http://www.w3.org/2004/02/skos/core#", "semapv": "https://w3id.org/semapv/vocab/",
                      "sssom": "https://w3id.org/sssom/"},
        "mapping_set_id": f"{VOCAB_BASE}mappings/benchmark-{prefix}",
        "mapping_set_version": vocab["version"],
        "license": "https://creativecommons.org/licenses/by/4.0/",
        # SSSOM wants URIs here: the benchmark's own source (a repository, a paper, press reports) goes in the comment
        "subject_source": f"https://w3id.org/riskfmt/ext/{prefix}/",
        "object_source": VOCAB_BASE,
        "object_source_version": vocab["version"],
        "mapping_provider": "https://w3id.org/riskfmt",
        "comment": f"Categories of {table['benchmark']} (source: {table.get('source', 'unknown')}) mapped to riskfmt "
                   f"concepts; generated from schemas/vocab/benchmarks/ by the riskfmt build.",
    }
    header = "".join(f"#{line}\n" for line in yaml.safe_dump(meta, sort_keys=True, allow_unicode=True).splitlines())
    columns = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
               "confidence", "comment"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(columns)
    for category in table.get("categories", []):
        # a CURIE's local part may not hold another colon (sssom-py drops such rows): jade type:crime -> type.crime
        subject = f"{prefix}:{str(category['code']).replace(':', '.')}"
        label = ((category.get("labels") or {}).get("zh") or (category.get("labels") or {}).get("en") or [""])[0]
        predicate = _MATCH_PREDICATES[category.get("match", "none")]
        targets = category.get("risks") or []
        if category.get("match") == "none" or not targets:
            writer.writerow([subject, label, "skos:exactMatch", "sssom:NoTermFound", "",
                             "semapv:ManualMappingCuration", "", category.get("comment", "no riskfmt equivalent")])
            continue
        for cid in targets:
            writer.writerow([subject, label, predicate, f"rfv:{cid}", labels.get(cid, ""),
                             "semapv:ManualMappingCuration", "0.9" if category.get("match") == "exact" else "0.7",
                             category.get("comment", "")])
    return f"benchmark-{prefix}.sssom.tsv", (header + buffer.getvalue()).encode("utf-8")


def _stable_jsonld(graph: Any) -> bytes:
    """JSON-LD with its nodes in a fixed order, so regenerating gives the same bytes."""
    data = json.loads(graph.serialize(format="json-ld"))
    nodes = data if isinstance(data, list) else data.get("@graph", [data])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    nodes = sorted(nodes, key=lambda n: n.get("@id", ""))
    return (json.dumps(nodes, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")

