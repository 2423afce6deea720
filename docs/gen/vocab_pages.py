"""The vocabulary browse pages of the documentation site, in English and Chinese, from the newest release.

Build tooling, not part of the runtime package: `docs/gen/hooks.py` calls `vocabulary_pages()` while MkDocs
builds, so the pages are never checked in and cannot drift from the release they describe. Everything comes
from the release folder (`schemas/vocab/releases/<newest>/`): `vocabulary.json`, `glossary.yaml` and the SSSOM
mapping sets, which are also copied into the site so that the links to them work offline.

Paths are relative to the docs folder; an English page is `name.md` and its Chinese page `name.zh.md` (the
suffix layout of mkdocs-static-i18n). Output is sorted and carries no dates, so two builds give the same pages.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGS = ("en", "zh")
OTHER = {"en": "zh", "zh": "en"}
LANG_TAG = {"en": "en", "zh": "zh-Hans"}
VOCAB_BASE = "https://w3id.org/riskfmt/vocab/"

# The words of the page chrome, per language (the data itself is bilingual).
T: dict[str, dict[str, str]] = {
    "en": {
        "vocab_title": "Vocabulary", "concept_id": "Id", "iri": "IRI", "scheme": "Scheme", "status": "Status",
        "added_in": "Added in", "deprecated_in": "deprecated in", "replaced_by": "replaced by",
        "definition": "Definition", "other_definition": "Definition (Chinese)", "alt": "Alternative labels",
        "other_alt": "Alternative labels (Chinese)", "scope": "Scope note", "other_scope": "Scope note (Chinese)",
        "broader": "Broader concept", "narrower": "Narrower concepts", "top": "top concept of its scheme",
        "sources": "Label sources", "mappings": "Mappings to the frameworks", "no_mapping": "No mapping in",
        "glossary_ref": "In the glossary", "sssom": "SSSOM file", "item": "Framework item", "relation": "Relation",
        "confidence": "Confidence", "comment": "Comment", "concept": "riskfmt concept", "no_equivalent":
        "no equivalent concept", "glossary": "Glossary of contested terms", "crosswalks": "Crosswalks",
        "other_label": "Chinese label", "concepts_n": "concepts", "downloads": "Downloads", "changes": "Changes",
        "guidance": "Guidance", "senses": "Senses", "benchmarks": "Benchmark category tables",
        "frameworks": "Frameworks", "publisher": "Publisher", "version": "Version", "licence": "Licence",
        "items": "mapping rows", "not": "not",
    },
    "zh": {
        "vocab_title": "词表", "concept_id": "编号", "iri": "IRI", "scheme": "概念体系", "status": "状态",
        "added_in": "加入版本", "deprecated_in": "弃用于", "replaced_by": "由以下概念取代",
        "definition": "定义", "other_definition": "英文定义", "alt": "其他名称", "other_alt": "英文其他名称",
        "scope": "适用范围说明", "other_scope": "英文适用范围说明", "broader": "上位概念", "narrower": "下位概念",
        "top": "所属概念体系的顶层概念", "sources": "名称来源", "mappings": "与各框架的映射",
        "no_mapping": "以下框架中无映射", "glossary_ref": "术语表相关条目", "sssom": "SSSOM 文件",
        "item": "框架条目", "relation": "对应关系", "confidence": "置信度", "comment": "说明",
        "concept": "riskfmt 概念", "no_equivalent": "无对应概念", "glossary": "争议术语表",
        "crosswalks": "框架映射", "other_label": "英文名称", "concepts_n": "个概念", "downloads": "下载",
        "changes": "版本变更", "guidance": "使用建议", "senses": "含义", "benchmarks": "基准测试类别映射表",
        "frameworks": "框架", "publisher": "发布方", "version": "版本", "licence": "许可",
        "items": "条映射", "not": "非",
    },
}
STATUS = {"en": {"stable": "stable", "provisional": "provisional", "deprecated": "deprecated"},
          "zh": {"stable": "稳定", "provisional": "暂定", "deprecated": "已弃用"}}
# SSSOM rows read framework item (subject) -> riskfmt concept (object); a concept page reads them from the concept.
RELATION = {
    "en": {"skos:exactMatch": "exact match", "skos:closeMatch": "close match",
           "skos:broadMatch": "the item is narrower than the concept", "skos:narrowMatch":
           "the item is broader than the concept", "skos:relatedMatch": "related"},
    "zh": {"skos:exactMatch": "完全对应", "skos:closeMatch": "近似对应", "skos:broadMatch": "该条目窄于本概念",
           "skos:narrowMatch": "该条目宽于本概念", "skos:relatedMatch": "相关"},
}
LABEL_ORIGIN = {"en": {"official": "official", "translation": "translation", "coined": "coined"},
                "zh": {"official": "正式名称", "translation": "译名", "coined": "riskfmt 自拟"}}


@dataclass
class Site:
    """What the vocabulary part of the site consists of."""

    pages: dict[str, str] = field(default_factory=dict)     # docs-relative path -> Markdown
    files: dict[str, Path] = field(default_factory=dict)    # docs-relative path -> file to copy as is
    version: str = ""
    concepts: list[str] = field(default_factory=list)


def concept_file(concept_id: str) -> str:
    """A concept's page name in `vocab/concepts/`: R0013 -> R0013; method:red-teaming -> method_red-teaming."""
    return concept_id.replace(":", "_")


def page(path: str, lang: str) -> str:
    return path if lang == "en" else path.removesuffix(".md") + ".zh.md"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _esc(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")


def _front(title: str) -> str:
    return "---\ntitle: " + json.dumps(title, ensure_ascii=False) + "\n---\n\n"


def _load_yaml(path: Path) -> Any:
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def vocabulary_pages(schemas: Path, benchmarks: Path | None = None) -> Site:
    """Every page and copied file of the vocabulary browse section, for the newest release under `schemas`."""
    from riskfmt.mappings import Crosswalk, load_mapping_set
    from riskfmt.versions import version_key

    releases = schemas / "vocab" / "releases"
    versions = sorted((p.name for p in releases.iterdir() if (p / "vocabulary.json").is_file()), key=version_key)
    version = versions[-1]
    folder = releases / version
    vocab = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    mapping_paths = sorted((folder / "mappings").glob("*.sssom.tsv"))
    crosswalk = Crosswalk(load_mapping_set(p) for p in mapping_paths)
    glossary = _load_yaml(folder / "glossary.yaml") if (folder / "glossary.yaml").is_file() else []
    catalogue_path = folder / "mappings" / "frameworks.yaml"
    catalogue = _load_yaml(catalogue_path) if catalogue_path.is_file() else {}
    frameworks = {f["mapping_file"]: f for f in (catalogue or {}).get("frameworks", [])}
    bench_names = {}
    if benchmarks is not None and benchmarks.is_dir():
        for table_path in sorted(benchmarks.glob("*.yaml")):
            table = _load_yaml(table_path)
            name = "".join(ch if ch.isalnum() else "_" for ch in table["benchmark"].lower()).strip("_")
            bench_names[f"benchmark-{name}.sssom.tsv"] = table
    previous = None
    if len(versions) > 1:
        prev_folder = releases / versions[-2]
        previous = (json.loads((prev_folder / "vocabulary.json").read_text(encoding="utf-8")),
                    Crosswalk(load_mapping_set(p) for p in sorted((prev_folder / "mappings").glob("*.sssom.tsv"))))

    site = Site(version=version, concepts=[c["id"] for c in vocab["concepts"]])
    by_id = {c["id"]: c for c in vocab["concepts"]}
    children: dict[str | None, list[str]] = {}
    for c in vocab["concepts"]:
        children.setdefault(c.get("broader"), []).append(c["id"])
    for ids in children.values():
        ids.sort()
    schemes = {s["id"]: s for s in vocab["schemes"]}
    # glossary anchors: the English term's slug, the same in both languages
    glossary_refs: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for entry in glossary:
        anchor = slug(entry["term"]["en"])
        for sense in entry.get("senses", []):
            for cid in sense.get("concepts", []):
                refs = glossary_refs.setdefault(cid, [])
                if (anchor, entry["term"]) not in refs:
                    refs.append((anchor, entry["term"]))
    set_names = {p.name: _set_title(p.name, frameworks, bench_names) for p in mapping_paths}
    mapped_sets: dict[str, dict[str, list[Any]]] = {}
    for path, mapping_set in zip(mapping_paths, crosswalk.sets, strict=True):
        for m in mapping_set.mappings:
            if m.concept:
                mapped_sets.setdefault(m.concept, {}).setdefault(path.name, []).append(m)

    # files copied as they are: the SSSOM sets and the release's downloads
    for p in sorted((folder / "mappings").iterdir()):
        if p.is_file():
            site.files[f"vocab/mappings/{p.name}"] = p
    for name in ("vocabulary.json", "vocabulary.ttl", "vocabulary.jsonld", "vocabulary.csv", "vocabulary.linkml.yaml",
                 "glossary.yaml"):
        if (folder / name).is_file():
            site.files[f"vocab/downloads/{name}"] = folder / name

    def link(cid: str, lang: str, base: str) -> str:
        c = by_id[cid]
        dep = f" ({STATUS[lang]['deprecated']})" if c["status"] == "deprecated" else ""
        return (f"[`{cid}` {_esc(c['pref_label'][lang])} · {_esc(c['pref_label'][OTHER[lang]])}]"
                f"({base}{concept_file(cid)}.md){dep}")

    for lang in LANGS:
        t = T[lang]
        other = OTHER[lang]
        # ---- one page per concept
        for c in vocab["concepts"]:
            cid = c["id"]
            scheme = schemes[c["scheme"]]
            lines = [_front(f"{cid} {c['pref_label'][lang]} · {c['pref_label'][other]}"),
                     f"# {_esc(c['pref_label'][lang])} · {_esc(c['pref_label'][other])}", ""]
            if c["status"] == "deprecated":
                repl = f" {t['replaced_by']} {link(c['replaced_by'], lang, '')}" if c.get("replaced_by") else ""
                lines += [f'!!! warning "{STATUS[lang]["deprecated"]}"', "",
                          f"    {t['deprecated_in']} {c.get('deprecated_in', '?')}{repl}", ""]
            status = STATUS[lang][c["status"]]
            # the definitions first, in the page's language and then in the other one
            lines += [_esc(c["definition"][lang]), "",
                      f'<p lang="{LANG_TAG[other]}" class="rf-other">{html.escape(c["definition"][other], quote=False)}</p>', ""]
            facts = [(t["concept_id"], f"`{cid}`"), (t["iri"], f"`{VOCAB_BASE}{cid.replace(':', '/', 1)}`"),
                     (t["other_label"], f'<span lang="{LANG_TAG[other]}">{_esc(c["pref_label"][other])}</span>'),
                     (t["scheme"], f"[{_esc(scheme['title'][lang])}](../{scheme['id']}.md)"),
                     (t["status"], status), (t["added_in"], c["added_in"])]
            alts = c.get("alt_labels") or {}
            if alts.get(lang):
                facts.append((t["alt"], "; ".join(_esc(a) for a in alts[lang])))
            if alts.get(other):
                facts.append((t["other_alt"], f'<span lang="{LANG_TAG[other]}">'
                              + "; ".join(_esc(a) for a in alts[other]) + "</span>"))
            notes = c.get("scope_note") or {}
            if notes.get(lang):
                facts.append((t["scope"], _esc(notes[lang])))
            if notes.get(other):
                facts.append((t["other_scope"], f'<span lang="{LANG_TAG[other]}">{_esc(notes[other])}</span>'))
            facts.append((t["broader"], link(c["broader"], lang, "") if c.get("broader") else t["top"]))
            if children.get(cid):
                facts.append((t["narrower"], "<br>".join(link(n, lang, "") for n in children[cid])))
            if cid in glossary_refs:
                facts.append((t["glossary_ref"], "; ".join(
                    f"[{_esc(term[lang])}](../glossary.md#{anchor})" for anchor, term in glossary_refs[cid])))
            sources = c.get("label_sources") or []
            if sources:
                facts.append((t["sources"], "<br>".join(
                    f"[{s['lang']}] {_esc(s['label'])}: {LABEL_ORIGIN[lang].get(s['origin'], s['origin'])}"
                    + (f" ({_esc(s['source'])})" if s.get("source") else "") for s in sources)))
            # a definition list, not a wide table: it stays inside a 390 px phone screen
            for key, value in facts:
                lines += [f"{key}", f":   {value}", ""]
            if c["scheme"] == "risk":
                lines += [f"## {t['mappings']}", ""]
                sets = mapped_sets.get(cid, {})
                for name in sorted(sets):
                    stem = name.removesuffix(".sssom.tsv")
                    lines += [f"### {_esc(set_names[name][lang])}", "",
                              f"[{t['sssom']}](../mappings/{name}) · [{t['crosswalks']}](../crosswalks/{stem}.md)", ""]
                    for m in sets[name]:
                        rel = RELATION[lang].get(m.predicate_id, m.predicate_id)
                        if m.predicate_modifier == "Not":
                            rel = f"{t['not']} {rel}"
                        conf = f" ({t['confidence']} {m.confidence:g})" if m.confidence is not None else ""
                        comment = f": {_esc(m.comment)}" if m.comment else ""
                        lines.append(f"- `{m.subject_id}` {_esc(m.subject_label)}: {rel}{conf}{comment}")
                    lines.append("")
                missing = [set_names[p.name][lang] for p in mapping_paths
                           if p.name in frameworks and p.name not in sets]
                if missing:
                    lines += [f"{t['no_mapping']}: " + "; ".join(_esc(n) for n in missing) + ".", ""]
            site.pages[page(f"vocab/concepts/{concept_file(cid)}.md", lang)] = "\n".join(lines).rstrip() + "\n"

        # ---- one page per scheme: its hierarchy
        for sid, scheme in sorted(schemes.items()):
            def tree(parent: str | None, depth: int, sid: str = sid, lang: str = lang) -> list[str]:
                out = []
                for cid in children.get(parent, []):
                    if by_id[cid]["scheme"] != sid:
                        continue
                    out.append("    " * depth + "- " + link(cid, lang, "concepts/"))
                    out += tree(cid, depth + 1)
                return out

            count = sum(1 for c in vocab["concepts"] if c["scheme"] == sid)
            lines = [_front(f"{scheme['title'][lang]} · {scheme['title'][other]}"),
                     f"# {_esc(scheme['title'][lang])} · {_esc(scheme['title'][other])}", "",
                     _esc(scheme["definition"][lang]), "",
                     f'<span lang="{LANG_TAG[other]}">{_esc(scheme["definition"][other])}</span>', "",
                     f"{count} {t['concepts_n']}." if lang == "en" else f"共 {count} {t['concepts_n']}。", ""]
            lines += tree(None, 0)
            site.pages[page(f"vocab/{sid}.md", lang)] = "\n".join(lines).rstrip() + "\n"

        # ---- the glossary of contested terms
        intro = {
            "en": ("Words that mean different things to different readers, or whose Chinese and English senses do "
                   "not line up. Each entry lists the senses with the riskfmt concepts that correspond to each, and "
                   "how to write about them in a report."),
            "zh": ("以下术语在不同读者眼中含义不一，或中英文含义并不完全对应。每个条目列出该词的各种含义及其对应的 riskfmt "
                   "概念，并说明撰写报告时应如何使用。"),
        }[lang]
        lines = [_front(t["glossary"]), f"# {t['glossary']}", "", intro, ""]
        for entry in glossary:
            term = entry["term"]
            lines += [f"## {_esc(term[lang])} · {_esc(term[other])} {{ #{slug(term['en'])} }}", "",
                      f"**{t['senses']}**", ""]
            for i, sense in enumerate(entry.get("senses", []), start=1):
                refs = ", ".join(link(cid, lang, "concepts/") for cid in sense.get("concepts", []) if cid in by_id)
                lines += [f"{i}. {_esc(sense['sense'][lang])}" + (f"<br>{refs}" if refs else "")]
            lines += ["", f"**{t['guidance']}**", "", _esc(entry["guidance"][lang]), ""]
        site.pages[page("vocab/glossary.md", lang)] = "\n".join(lines).rstrip() + "\n"

        # ---- the crosswalks: an overview and one page per mapping set
        lines = [_front(t["crosswalks"]), f"# {t['crosswalks']}", "", {
            "en": ("Each public framework and benchmark is mapped to riskfmt concepts by an SSSOM mapping set that "
                   "covers every item of the framework, with explicit rows for items that have no equivalent. The "
                   "SSSOM files are part of the vocabulary release and are served with this site."),
            "zh": ("每个公开框架和基准测试都通过一个 SSSOM 映射集对应到 riskfmt 概念。映射集覆盖框架的全部条目，"
                   "没有对应概念的条目也以显式的行列出。SSSOM 文件随词表版本一同发布，本站点附带一份副本，可离线下载。"),
        }[lang], ""]
        for heading, names in ((t["frameworks"], [p.name for p in mapping_paths if p.name in frameworks]),
                               (t["benchmarks"], [p.name for p in mapping_paths if p.name not in frameworks])):
            if not names:
                continue
            lines += [f"## {heading}", ""]
            for name in names:
                n = sum(1 for m in crosswalk.sets[[p.name for p in mapping_paths].index(name)].mappings)
                lines.append(f"- [{_esc(set_names[name][lang])}](crosswalks/{name.removesuffix('.sssom.tsv')}.md): "
                             f"{n} {t['items']} · [{t['sssom']}](mappings/{name})")
            lines.append("")
        if "frameworks.yaml" in {p.name for p in (folder / "mappings").iterdir()}:
            lines += [{"en": "The list of every framework item that the mapping sets must cover: ",
                       "zh": "各映射集应覆盖的框架条目清单："}[lang] + "[frameworks.yaml](mappings/frameworks.yaml)", ""]
        site.pages[page("vocab/crosswalks.md", lang)] = "\n".join(lines).rstrip() + "\n"
        for path, mapping_set in zip(mapping_paths, crosswalk.sets, strict=True):
            name = path.name
            meta = frameworks.get(name) or {}
            lines = [_front(set_names[name][lang]), f"# {_esc(set_names[name][lang])}", ""]
            if meta:
                lines += [f"{t['publisher']}", f":   {_esc(meta.get('publisher', ''))}", "",
                          f"{t['version']}", f":   {_esc(str(meta.get('version', '')))}", "",
                          f"{t['licence']}", f":   {_esc(str(meta.get('licence', '')))}", ""]
                if meta.get("url"):
                    lines += ["URL", f":   <{meta['url']}>", ""]
            lines += [f"{t['sssom']}", f":   [{name}](../mappings/{name})", "",
                      f"| {t['item']} | {t['relation']} | {t['concept']} |", "|---|---|---|"]
            for m in mapping_set.mappings:
                rel = RELATION[lang].get(m.predicate_id, m.predicate_id)
                if m.predicate_modifier == "Not":
                    rel = f"{t['not']} {rel}"
                target = link(m.concept, lang, "../concepts/") if m.concept in by_id else t["no_equivalent"]
                if not m.concept:
                    rel = ""
                lines.append(f"| `{m.subject_id}` {_esc(m.subject_label)} | {rel} | {target} |")
            stem = name.removesuffix(".sssom.tsv")
            site.pages[page(f"vocab/crosswalks/{stem}.md", lang)] = "\n".join(lines).rstrip() + "\n"

        # ---- the changes since the previous release
        if previous is not None:
            from riskfmt.vocab_diff import diff_vocabularies, render_markdown

            text = render_markdown(diff_vocabularies(previous[0], vocab, previous[1], crosswalk), lang)
            # a concept id at the start of a list item becomes a link to its page
            text = re.sub(r"^- `([^`]+)`", lambda m: f"- [`{m.group(1)}`](concepts/{concept_file(m.group(1))}.md)"
                          if m.group(1) in by_id else m.group(0), text, flags=re.M)
            title = {"en": f"Changes in vocabulary {version}", "zh": f"词表 {version} 版的变更"}[lang]
            body = re.sub(r"\A# .*\n", "", text)
            site.pages[page("vocab/changes.md", lang)] = _front(title) + f"# {title}\n\n" + body.lstrip()

        # ---- the section's front page
        lines = [_front(f"{t['vocab_title']} {version}"), f"# {t['vocab_title']} {version}", "", {
            "en": (f"riskfmt vocabulary {version}: {len(vocab['concepts'])} concepts in {len(schemes)} schemes, each "
                   "with an English and a Chinese label and definition written for riskfmt (neither is a translation "
                   "of the other). Concept IRIs are `https://w3id.org/riskfmt/vocab/<id>`; ids are never reused "
                   "or deleted, only deprecated with a replacement."),
            "zh": (f"riskfmt 词表 {version} 版共收录 {len(vocab['concepts'])} 个概念，分属 {len(schemes)} 个概念体系。"
                   "每个概念都有为 riskfmt 专门撰写的中英文名称和定义，两种语言互不为译文。概念 IRI 的形式为 "
                   "`https://w3id.org/riskfmt/vocab/<编号>`；编号一经发布永不删除、永不复用，只会标记为弃用并指明替代概念。"),
        }[lang], "", f"## {t['scheme']}", ""]
        for sid, scheme in sorted(schemes.items(), key=lambda kv: (kv[0] != "risk", kv[0])):
            count = sum(1 for c in vocab["concepts"] if c["scheme"] == sid)
            lines.append(f"- [{_esc(scheme['title'][lang])} · {_esc(scheme['title'][other])}]({sid}.md): {count}")
        lines += ["", f"## {t['glossary']}", "", {
            "en": "[Contested terms](glossary.md) such as 安全 (safety or security), 幻觉 and confabulation, 深度合成 and deepfake.",
            "zh": "[争议术语](glossary.md)，如“安全”（safety 还是 security）、“幻觉”与 confabulation、“深度合成”与 deepfake。",
        }[lang], "", f"## {t['crosswalks']}", "", {
            "en": "[Mappings to the public frameworks and benchmarks](crosswalks.md), with the SSSOM files.",
            "zh": "[与公开框架和基准测试的映射](crosswalks.md)，附 SSSOM 文件。",
        }[lang], "", f"## {t['downloads']}", ""]
        labels = {"vocabulary.json": "JSON", "vocabulary.ttl": "SKOS Turtle", "vocabulary.jsonld": "SKOS JSON-LD",
                  "vocabulary.csv": "CSV", "vocabulary.linkml.yaml": "LinkML", "glossary.yaml": "glossary YAML"}
        lines += [f"- [{labels[Path(rel).name]}](downloads/{Path(rel).name})" for rel in sorted(site.files)
                  if rel.startswith("vocab/downloads/")]
        if previous is not None:
            lines += [f"- [{t['changes']}](changes.md)"]
        site.pages[page("vocab/index.md", lang)] = "\n".join(lines).rstrip() + "\n"
    return site


def _set_title(name: str, frameworks: dict[str, Any], benchmarks: dict[str, Any]) -> dict[str, str]:
    if name in frameworks:
        return dict(frameworks[name]["name"])
    table = benchmarks.get(name)
    bench = table["benchmark"] if table else name.removeprefix("benchmark-").removesuffix(".sssom.tsv")
    return {"en": f"{bench} categories", "zh": f"{bench} 测试类别"}
