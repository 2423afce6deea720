"""Publication artifacts of a vocabulary release (build time only; needs rdflib from the [build] extra).

LinkML's generators drop Chinese labels, deprecation and replacements from enumerations, so SKOS is built
here with rdflib directly from the vocabulary data, and tests check that nothing is lost on the way.
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from typing import Any

from riskfmt.mappings import Crosswalk

__all__ = ["VOCAB_BASE", "concept_iri", "skos_graph", "release_artifacts"]

VOCAB_BASE = "https://w3id.org/riskfmt/vocab/"
SCHEMA_BASE = "https://w3id.org/riskfmt/schema/"
LANG_TAGS = {"en": "en", "zh": "zh-Hans"}
_INVERSE = {"skos:broadMatch": "skos:narrowMatch", "skos:narrowMatch": "skos:broadMatch"}


def concept_iri(concept_id: str) -> str:
    """Versionless, stable IRI of a concept: R0013 -> .../vocab/R0013; method:red-teaming -> .../vocab/method/red-teaming."""
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
            "added_in": c["added_in"], "deprecated_in": c.get("deprecated_in", ""), "replaced_by": c.get("replaced_by", ""),
            "broader": c.get("broader", ""), "pref_label_en": c["pref_label"]["en"], "pref_label_zh": c["pref_label"]["zh"],
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
    return yaml.safe_dump(schema, allow_unicode=True, sort_keys=True, width=120).encode("utf-8")


# ---- static bilingual site ------------------------------------------------------------------------

_CSS = """body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#1b1b1b}
a{color:#0b5cad}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}.zh{font-size:1.02em}.dep{color:#a40000}code{background:#f3f3f3;padding:0 .2rem}
ul.tree{list-style:none;padding-left:1.2rem}h1 small{color:#666;font-weight:normal}"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


def _file(concept_id: str) -> str:
    return concept_id.replace(":", "_") + ".html"


def _site(vocab: dict[str, Any], crosswalk: Crosswalk) -> dict[str, bytes]:
    esc = html.escape
    by_id = {c["id"]: c for c in vocab["concepts"]}
    children: dict[str | None, list[str]] = {}
    for c in vocab["concepts"]:
        children.setdefault(c.get("broader"), []).append(c["id"])

    def label(cid: str) -> str:
        c = by_id[cid]
        dep = ' <span class="dep">(deprecated / 已弃用)</span>' if c["status"] == "deprecated" else ""
        return (f'<a href="concepts/{_file(cid)}"><code>{esc(cid)}</code></a> {esc(c["pref_label"]["en"])} · '
                f'<span class="zh" lang="zh-Hans">{esc(c["pref_label"]["zh"])}</span>{dep}')

    def tree(parent: str | None, scheme: str) -> str:
        items = [cid for cid in children.get(parent, []) if by_id[cid]["scheme"] == scheme]
        if not items:
            return ""
        return '<ul class="tree">' + "".join(f"<li>{label(cid)}{tree(cid, scheme)}</li>" for cid in items) + "</ul>"

    parts = [f"<h1>riskfmt vocabulary {esc(vocab['version'])} <small>· riskfmt 人工智能风险词表</small></h1>",
             f"<p>Released {esc(str(vocab.get('released', '')))}. Concept IRIs: <code>{VOCAB_BASE}&lt;id&gt;</code>. "
             "Downloads: <a href=\"../vocabulary.ttl\">SKOS Turtle</a>, <a href=\"../vocabulary.jsonld\">JSON-LD</a>, "
             "<a href=\"../vocabulary.csv\">CSV</a>, <a href=\"../vocabulary.json\">JSON</a>, "
             "<a href=\"../CHANGES.md\">changes</a>.</p>"]
    for scheme in vocab["schemes"]:
        parts.append(f'<h2 id="{esc(scheme["id"])}">{esc(scheme["title"]["en"])} · '
                     f'<span lang="zh-Hans">{esc(scheme["title"]["zh"])}</span></h2>')
        parts.append(f'<p>{esc(scheme["definition"]["en"])}<br><span lang="zh-Hans">{esc(scheme["definition"]["zh"])}</span></p>')
        parts.append(tree(None, scheme["id"]))
    out = {"site/index.html": _page(f"riskfmt vocabulary {vocab['version']}", "\n".join(parts)).encode("utf-8")}
    for c in vocab["concepts"]:
        cid = c["id"]
        rows = [("Id", f"<code>{esc(cid)}</code> · <code>{esc(concept_iri(cid))}</code>"),
                ("Scheme · 概念体系", esc(c["scheme"])),
                ("Status · 状态", esc(c["status"]) + (f' (since {esc(c.get("deprecated_in", "?"))}; use '
                                                     f'<a href="{_file(c["replaced_by"])}">{esc(c["replaced_by"])}</a>)'
                                                     if c.get("replaced_by") else "")),
                ("Added in · 加入版本", esc(c["added_in"]))]
        for lang, name in (("en", "Definition"), ("zh", "定义")):
            rows.append((name, f'<span lang="{LANG_TAGS[lang]}">{esc(c["definition"][lang])}</span>'))
        for lang, name in (("en", "Alternative labels"), ("zh", "其他名称")):
            alts = (c.get("alt_labels") or {}).get(lang, [])
            if alts:
                rows.append((name, f'<span lang="{LANG_TAGS[lang]}">' + "; ".join(esc(a) for a in alts) + "</span>"))
        for lang, name in (("en", "Scope note"), ("zh", "适用范围说明")):
            note = (c.get("scope_note") or {}).get(lang)
            if note:
                rows.append((name, f'<span lang="{LANG_TAGS[lang]}">{esc(note)}</span>'))
        if c.get("broader"):
            b = by_id[c["broader"]]
            rows.append(("Broader · 上位概念", f'<a href="{_file(b["id"])}">{esc(b["id"])}</a> {esc(b["pref_label"]["en"])} · {esc(b["pref_label"]["zh"])}'))
        narrower = children.get(cid, [])
        if narrower:
            rows.append(("Narrower · 下位概念", "<br>".join(
                f'<a href="{_file(n)}">{esc(n)}</a> {esc(by_id[n]["pref_label"]["en"])} · {esc(by_id[n]["pref_label"]["zh"])}'
                for n in narrower)))
        for source in c.get("label_sources") or []:
            rows.append(("Label source · 名称来源", esc(f"[{source['lang']}] {source['label']}: {source['origin']}"
                                                     + (f" — {source['source']}" if source.get("source") else ""))))
        table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
        mapped = crosswalk.by_concept.get(cid, [])
        mapping_html = ""
        if mapped:
            mapping_html = ("<h2>Mappings · 映射</h2><table><tr><th>framework item · 框架条目</th><th>relation · 关系</th>"
                            "<th>confidence</th><th>comment</th></tr>" + "".join(
                                f"<tr><td><code>{esc(m.subject_id)}</code> {esc(m.subject_label)}</td><td>{esc(m.predicate_id)}</td>"
                                f"<td>{'' if m.confidence is None else m.confidence}</td><td>{esc(m.comment)}</td></tr>"
                                for m in mapped) + "</table>")
        body = (f'<p><a href="../index.html">← riskfmt vocabulary {esc(vocab["version"])}</a></p>'
                f'<h1>{esc(c["pref_label"]["en"])} · <span lang="zh-Hans">{esc(c["pref_label"]["zh"])}</span></h1>'
                f"<table>{table}</table>{mapping_html}")
        out[f"site/concepts/{_file(cid)}"] = _page(f"{cid} {c['pref_label']['en']}", body).encode("utf-8")
    return out


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
    out.update(_site(vocab, crosswalk))
    if previous is not None:
        out["CHANGES.md"] = render_markdown(diff_vocabularies(previous, vocab, previous_crosswalk, crosswalk)).encode("utf-8")
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

