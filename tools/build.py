"""Regenerate every generated artifact from the hand-edited sources.

Sources: ``schemas/linkml/*.yaml`` (the data model) and ``schemas/vocab/`` (the vocabulary as data).
Outputs: the JSON Schemas under ``schemas/jsonschema/``, the vocabulary release JSON, the frozen release
bundles under ``schemas/releases/``, and the generated reference pages under ``docs/``.

Run ``python tools/build.py`` (or ``python -m tools.build``) from a checkout with the ``[build]`` extra
installed (LinkML is needed here only, never at run time; this folder is not part of the wheel).
``--release`` records the hashes of the current bundles in ``schemas/SHA256SUMS``; a file listed there may
never change again.
"""

from __future__ import annotations

import argparse
import copy
import functools
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from riskfmt.kinds import KINDS as DOCUMENT_KINDS

ROOT = Path(__file__).resolve().parents[1]  # the checkout: this file is tools/build.py
if __package__ in (None, ""):  # run as `python tools/build.py`: let `import tools.…` find this folder's siblings
    sys.path.insert(0, str(ROOT))

from tools.build_docs import (  # noqa: E402 - found through the path set just above
    BILINGUAL_SEPARATOR,
    REBUILD_COMMAND,
    cli_reference,
    format_reference,
    man_pages,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://w3id.org/riskfmt/schema/"

# (document kind, LinkML source file, top class, format version), from the table of kinds (riskfmt.kinds): the
# build writes the schema of each kind's newest format version
KINDS: list[tuple[str, str, str, str]] = [
    (kind.name, kind.linkml, kind.top_class, kind.versions[-1]) for kind in DOCUMENT_KINDS.values()
]

# LinkML enumerations whose values are a vocabulary scheme's concepts (filled by the build from the data)
VOCABULARY_ENUMS = {"RiskId": "risk", "MethodId": "method", "AttributionId": "attribution", "EventId": "event",
                    "JurisdictionId": "jurisdiction"}

# Keys LinkML emits that are not JSON Schema keywords; strict validators (ajv) reject them.
_NON_KEYWORDS = ("metamodel_version", "version")


def dump_json(data: Any) -> bytes:
    """The one serialisation of every generated JSON file: sorted keys, 2-space indent, trailing newline."""
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _load_yaml(path: Path) -> Any:
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------


def load_vocabulary_sources(root: Path = ROOT) -> dict[str, Any]:
    """Merge ``schemas/vocab/release.yaml`` and ``terms/*.yaml`` into one vocabulary document."""
    vocab_dir = root / "schemas" / "vocab"
    release = _load_yaml(vocab_dir / "release.yaml")
    schemes: list[dict[str, Any]] = []
    concepts: list[dict[str, Any]] = []
    for path in sorted((vocab_dir / "terms").glob("*.yaml")):
        data = _load_yaml(path) or {}
        schemes.extend(data.get("schemes", []))
        concepts.extend(data.get("concepts", []))
    _inject_benchmark_labels(concepts, load_benchmark_tables(root))
    doc = {
        "kind": "vocabulary",
        "format_version": "1.0",
        "version": str(release["version"]),
        "released": str(release["released"]),
        "schemes": sorted(schemes, key=lambda s: s["id"]),
        "concepts": sorted(concepts, key=lambda c: c["id"]),
    }
    # YAML reads some scalars (versions, dates) as non-strings; the model says strings.
    tidied: dict[str, Any] = _tidy_chinese(json.loads(json.dumps(doc, default=str)))
    return tidied


def load_benchmark_tables(root: Path = ROOT) -> list[dict[str, Any]]:
    """``schemas/vocab/benchmarks/*.yaml``: benchmark categories mapped to riskfmt concepts."""
    folder = root / "schemas" / "vocab" / "benchmarks"
    return [_load_yaml(p) for p in sorted(folder.glob("*.yaml"))] if folder.is_dir() else []


def _inject_benchmark_labels(concepts: list[dict[str, Any]], tables: list[dict[str, Any]]) -> None:
    """The names Chinese (and other) reports actually use for a risk become alternative labels of the
    concepts they match exactly or closely, with their provenance, so `riskfmt vocab search` finds them."""
    by_id = {c["id"]: c for c in concepts}
    for table in tables:
        for category in table.get("categories", []):
            if category.get("match") not in ("exact", "close"):
                continue
            for cid in category.get("risks", []):
                concept = by_id.get(cid)
                if concept is None:
                    continue
                for lang, labels in (category.get("labels") or {}).items():
                    alts = concept.setdefault("alt_labels", {}).setdefault(lang, [])
                    for label in labels:
                        if label and label != concept["pref_label"].get(lang) and label not in alts:
                            alts.append(label)
                            concept.setdefault("label_sources", []).append({
                                "lang": lang, "role": "alt", "label": label, "origin": "official",
                                "source": f"{table['benchmark']} category {category['code']}",
                            })


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \t\n]+(?=[{_CJK}])")


def _tidy_chinese(node: Any, key: str = "") -> Any:
    """YAML folds line breaks into spaces, which Chinese text does not have: drop whitespace between two
    CJK characters in every Chinese string (keys named zh), and nowhere else."""
    if isinstance(node, dict):
        return {k: _tidy_chinese(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_tidy_chinese(v, key) for v in node]
    if isinstance(node, str) and key == "zh":
        return _CJK_GAP.sub("", node)
    return node


def check_vocabulary(doc: dict[str, Any]) -> list[str]:
    """Soundness rules JSON Schema cannot express. Returns human-readable problems (empty when sound)."""
    problems: list[str] = []
    by_id: dict[str, dict[str, Any]] = {}
    scheme_ids = {s["id"] for s in doc["schemes"]}
    for concept in doc["concepts"]:
        cid = concept["id"]
        if cid in by_id:
            problems.append(f"duplicate concept id {cid}")
        by_id[cid] = concept
        if concept["scheme"] not in scheme_ids:
            problems.append(f"{cid}: unknown scheme {concept['scheme']}")
    labels: dict[tuple[str, str, str], str] = {}
    for cid, concept in by_id.items():
        broader = concept.get("broader")
        if broader is not None:
            parent = by_id.get(broader)
            if parent is None:
                problems.append(f"{cid}: broader {broader} does not exist")
            elif parent["scheme"] != concept["scheme"]:
                problems.append(f"{cid}: broader {broader} is in another scheme")
        if concept["status"] == "deprecated":
            replacement = concept.get("replaced_by")
            if replacement is None or replacement not in by_id:
                problems.append(f"{cid}: deprecated without an existing replaced_by")
            elif by_id[replacement]["status"] == "deprecated":
                problems.append(f"{cid}: replaced_by {replacement} is itself deprecated")
        for lang in ("en", "zh"):
            key = (concept["scheme"], lang, concept["pref_label"][lang].casefold())
            if key in labels:
                problems.append(f"{cid}: {lang} label {concept['pref_label'][lang]!r} also used by {labels[key]}")
            labels[key] = cid
    for cid in by_id:  # no cycles in broader
        seen = {cid}
        node = by_id[cid].get("broader")
        while node is not None and node in by_id:
            if node in seen:
                problems.append(f"{cid}: cycle in broader")
                break
            seen.add(node)
            node = by_id[node].get("broader")
    return problems


def enum_values(doc: dict[str, Any], scheme: str, framework_codes: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """Values a report may use for a scheme: risk ids as they are (plus the frameworks' own codes, which the
    crosswalks resolve), other schemes by notation."""
    values = list(framework_codes) if scheme == "risk" else []
    for concept in doc["concepts"]:
        if concept["scheme"] != scheme:
            continue
        values.append(concept["id"] if scheme == "risk" else concept.get("notation") or concept["id"].split(":", 1)[1])
    return sorted(values)


# --------------------------------------------------------------------------------------------------
# JSON Schema generation
# --------------------------------------------------------------------------------------------------


def _strip(node: Any) -> Any:
    """Remove LinkML-only keys and empty descriptions, recursively."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "description" and value == "":
                continue
            out[key] = _strip(value)
        return out
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def generate_structure(root: Path, source: str, top_class: str) -> dict[str, Any]:
    """Run LinkML's JSON Schema generator on one source (the only place LinkML is imported)."""
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    generator = JsonSchemaGenerator(
        str(root / "schemas" / "linkml" / source),
        top_class=top_class,
        include_null=False,
        not_closed=False,
        mergeimports=True,
    )
    generated: dict[str, Any] = json.loads(generator.serialize())
    return generated


def chinese_descriptions(root: Path, source: str, top_class: str) -> dict[tuple[str, ...], tuple[str, str]]:
    """The Chinese text (LinkML ``alt_descriptions`` with source ``zh``) of every element whose description
    LinkML's JSON Schema generator emits, keyed by where that description lands in the generated schema:
    ``()`` for the root (the top class), ``("$defs", name)`` for a class or enum, ``("$defs", class,
    "properties", slot)`` for an induced slot. The value pairs the English description of that same element
    with its Chinese one, so the build can check it labels the node it meant to."""
    view = _schema_view(root / "schemas" / "linkml" / source)
    found: dict[tuple[str, ...], tuple[str, str]] = {}

    def pair(element: Any) -> tuple[str, str] | None:
        zh = _alt_description(element, "zh")
        return (element.description, zh) if element.description and zh else None

    for name, enum in view.all_enums().items():
        if (text := pair(enum)) is not None:
            found[("$defs", str(name))] = text
    for name, cls in view.all_classes().items():
        if (text := pair(cls)) is not None:
            found[("$defs", str(name))] = text
            if name == top_class:
                found[()] = text
        for slot in view.class_induced_slots(name):
            if (text := pair(slot)) is not None:
                prop = str(slot.alias or slot.name)
                found[("$defs", str(name), "properties", prop)] = text
                if name == top_class:
                    found[("properties", prop)] = text
    return found


def value_descriptions(root: Path, source: str) -> dict[str, list[tuple[str, str, str]]]:
    """Enumeration name -> (value, English, Chinese) for every described permissible value. JSON Schema has
    no place for them (LinkML emits a bare ``enum``), so they appear in the format reference only."""
    view = _schema_view(root / "schemas" / "linkml" / source)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for name, enum in view.all_enums().items():
        rows = [(str(value), pv.description, _alt_description(pv, "zh") or "")
                for value, pv in (enum.permissible_values or {}).items() if pv.description]
        if rows:
            found[str(name)] = rows
    return found


def schema_description(root: Path, source: str) -> str:
    """The LinkML schema's own description, English then Chinese. LinkML's generator gives the JSON Schema
    root the top class's description instead, so the schema's shows in the format reference's opening."""
    schema = _schema_view(root / "schemas" / "linkml" / source).schema
    zh = _alt_description(schema, "zh")
    return f"{schema.description}{BILINGUAL_SEPARATOR}{zh}" if zh else str(schema.description or "")


@functools.cache
def _schema_view(path: Path) -> Any:
    from linkml_runtime.utils.schemaview import SchemaView

    return SchemaView(str(path), merge_imports=True)


def _alt_description(element: Any, source: str) -> str | None:
    """An element's ``alt_descriptions[source]`` text. SchemaView gives a dict on a declared element but a
    JsonObj on an induced slot (and a list is also valid LinkML), so read all three."""
    alts = element.alt_descriptions
    if isinstance(alts, list):
        alt = next((a for a in alts if (a.get("source") if isinstance(a, dict) else a.source) == source), None)
    elif isinstance(alts, dict):
        alt = alts.get(source)
    else:
        alt = getattr(alts, source, None)
    if alt is None or isinstance(alt, str):
        return alt
    return str(alt["description"] if isinstance(alt, dict) else alt.description)


def add_chinese(schema: dict[str, Any], chinese: dict[tuple[str, ...], tuple[str, str]]) -> None:
    """Every description becomes the English text, a blank line, then the Chinese text: plain
    ``description`` strings, so every validator and IDE shows both and strict validators (ajv) see no
    unknown keyword. A description without Chinese, or Chinese that finds no node carrying the same English
    text, stops the build rather than publishing a schema half in one language."""
    for path, (english, zh) in chinese.items():
        node: Any = schema
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict) or node.get("description") != english:
            raise SystemExit(f"Chinese description of {'/'.join(path) or 'the root'} matches no generated "
                             f"description {english[:60]!r}")
        node["description"] = f"{english}{BILINGUAL_SEPARATOR}{zh}"
    missing = [p for p, text in _descriptions(schema) if not _HAN.search(text)]
    if missing:
        raise SystemExit("descriptions without a Chinese alt_description (source zh) in the LinkML source: "
                         + ", ".join("/".join(p) or "(root)" for p in missing))


_HAN = re.compile("[\u4e00-\u9fff]")


def _descriptions(node: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every ``description`` keyword of a schema (not properties that happen to be named description)."""
    found: list[tuple[tuple[str, ...], str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                found.append((path, value))
            else:
                found += _descriptions(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _descriptions(value, (*path, str(index)))
    return found


def framework_codes(root: Path) -> list[str]:
    from riskfmt.mappings import load_mapping_set

    codes: set[str] = set()
    for path in sorted((root / "schemas" / "vocab" / "mappings").glob("*.sssom.tsv")):
        codes.update(m.subject_id for m in load_mapping_set(path).mappings)
    return sorted(codes)


def finish_schema(raw: dict[str, Any], schema_id: str, vocab: dict[str, Any] | None,
                  codes: list[str] = (),  # type: ignore[assignment]
                  chinese: dict[tuple[str, ...], tuple[str, str]] | None = None) -> dict[str, Any]:
    """The published schema. With ``chinese`` (from :func:`chinese_descriptions`) every description is
    bilingual; without it, English only, as the frozen release bundles of format 1.0 were published."""
    schema: dict[str, Any] = _strip(copy.deepcopy(raw))
    for key in _NON_KEYWORDS:
        schema.pop(key, None)
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["$id"] = schema_id
    if chinese is not None:
        add_chinese(schema, chinese)
    defs = schema.get("$defs", {})
    if vocab is not None:
        for name, scheme in VOCABULARY_ENUMS.items():
            if name in defs:
                defs[name]["enum"] = enum_values(vocab, scheme, codes)
                english, separator, zh = defs[name]["description"].partition(BILINGUAL_SEPARATOR)
                english += f" Values from riskfmt vocabulary {vocab['version']}."
                if separator:
                    zh += f"取值来自 riskfmt 词表 {vocab['version']} 版。"
                defs[name]["description"] = english + separator + zh
    return schema


def sample_line_schema(report_schema: dict[str, Any], schema_id: str) -> dict[str, Any]:
    """A self-contained schema for one line of a samples JSONL file."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": schema_id,
        "title": "riskfmt sample result (one JSONL line)",
        "$ref": "#/$defs/SampleResult",
        "$defs": report_schema["$defs"],
    }


# --------------------------------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------------------------------


def build_artifacts(root: Path = ROOT) -> dict[str, bytes]:
    """Every generated file, as {path relative to the repository: exact bytes}."""
    vocab = load_vocabulary_sources(root)
    problems = check_vocabulary(vocab)
    if problems:
        raise SystemExit("vocabulary is unsound:\n  " + "\n  ".join(problems))
    out: dict[str, bytes] = {}
    schemas: dict[str, dict[str, Any]] = {}
    codes = framework_codes(root)
    for kind, source, top_class, version in KINDS:
        if not (root / "schemas" / "linkml" / source).exists():
            continue  # a document kind whose model is not written yet
        raw = generate_structure(root, source, top_class)
        chinese = chinese_descriptions(root, source, top_class)
        schema = finish_schema(raw, f"{ID_BASE}{kind}-{version}.json", vocab, codes, chinese)
        schemas[kind] = schema
        out[f"schemas/jsonschema/{kind}-{version}.json"] = dump_json(schema)
        out[f"docs/format/{kind}-{version}.md"] = format_reference(
            schema, f"Format reference: {kind} {version}", value_descriptions(root, source),
            schema_description(root, source),
        ).encode("utf-8")
        if kind == "evaluation-report":
            bundle_id = f"{ID_BASE}releases/{kind}-{version}+vocab-{vocab['version']}.json"
            bundle_rel = f"releases/{kind}-{version}+vocab-{vocab['version']}.json"
            bundle = dump_json(finish_schema(raw, bundle_id, vocab, codes, chinese))
            released = frozen_hashes(root).get(bundle_rel)
            if released is not None and hashlib.sha256(bundle).hexdigest() != released:
                # Frozen before descriptions became bilingual: reproduce it byte for byte as released
                # (English only); a bundle frozen later is bilingual. Anything else fails in _write.
                english_only = dump_json(finish_schema(raw, bundle_id, vocab, codes))
                if hashlib.sha256(english_only).hexdigest() == released:
                    bundle = english_only
            out[f"schemas/{bundle_rel}"] = bundle
            line_id = f"{ID_BASE}sample-result-{version}.json"
            out[f"schemas/jsonschema/sample-result-{version}.json"] = dump_json(sample_line_schema(schema, line_id))

    # The vocabulary document itself must follow its own schema.
    import jsonschema

    jsonschema.Draft202012Validator(schemas["vocabulary"]).validate(vocab)
    release_dir = f"schemas/vocab/releases/{vocab['version']}"
    out[f"{release_dir}/vocabulary.json"] = dump_json(vocab)
    out.update({f"{release_dir}/{name}": data for name, data in publication(root, vocab).items()})

    # the quick path of `riskfmt validate` (riskfmt/_quick.py)
    from riskfmt.schema_check import runtime_schema
    from tools.build_quick import quick_validator_source, released_vocabularies, vocab_index_source

    for kind, _, _, version in KINDS:
        if kind == "evaluation-report":
            module = f"src/riskfmt/_generated/report_{version.replace('.', '_')}.py"
            out[module] = quick_validator_source(runtime_schema(schemas[kind]), kind, version).encode("utf-8")
    index = vocab_index_source(released_vocabularies(root, vocab))
    out["src/riskfmt/_generated/vocab_index.py"] = index.encode("utf-8")

    from riskfmt.codes import catalogue_markdown

    out["docs/findings.md"] = catalogue_markdown().encode("utf-8")
    out["docs/cli.md"] = cli_reference().encode("utf-8")
    out.update(man_pages())
    return out


def publication(root: Path, vocab: dict[str, Any]) -> dict[str, bytes]:
    """SKOS, CSV, LinkML, SSSOM and changes of the current vocabulary release (its browse pages: docs/gen/)."""
    from riskfmt.mappings import Crosswalk, load_mapping_set
    from riskfmt.versions import version_key
    from tools.publish import release_artifacts

    mapping_dir = root / "schemas" / "vocab" / "mappings"
    mapping_files = {p.name: p.read_bytes() for p in sorted(mapping_dir.glob("*.sssom.tsv"))}
    releases = root / "schemas" / "vocab" / "releases"
    older = sorted((p for p in releases.iterdir() if (p / "vocabulary.json").is_file()
                    and version_key(p.name) < version_key(vocab["version"])), key=lambda p: version_key(p.name))
    previous = previous_crosswalk = None
    if older:
        previous = json.loads((older[-1] / "vocabulary.json").read_text(encoding="utf-8"))
        previous_crosswalk = Crosswalk(load_mapping_set(p)
                                       for p in sorted((older[-1] / "mappings").glob("*.sssom.tsv")))
    extra = {}
    catalogue = root / "schemas" / "vocab" / "frameworks.yaml"  # the framework codes coverage is measured against
    if catalogue.exists():
        extra["mappings/frameworks.yaml"] = catalogue.read_bytes()
    from tools.publish import benchmark_sssom

    for table in load_benchmark_tables(root):
        name, data = benchmark_sssom(table, vocab)
        mapping_files[name] = data
    glossary = root / "schemas" / "vocab" / "glossary.yaml"
    if glossary.exists():
        extra["glossary.yaml"] = glossary.read_bytes()
    out = release_artifacts(vocab, mapping_files, previous, previous_crosswalk, extra)
    # What the computed diff cannot see (alternative labels dropped, mapping comments) is written by hand in
    # release.yaml under `notes` and closes the changes file.
    notes = (_load_yaml(root / "schemas" / "vocab" / "release.yaml") or {}).get("notes") or []
    if "CHANGES.md" in out and notes:
        out["CHANGES.md"] += ("\n## Notes\n\n" + "".join(f"- {note}\n" for note in notes)).encode("utf-8")
    return out


def frozen_hashes(root: Path = ROOT) -> dict[str, str]:
    """Released files and their recorded SHA-256, from ``schemas/SHA256SUMS``."""
    sums = root / "schemas" / "SHA256SUMS"
    result: dict[str, str] = {}
    if sums.exists():
        for line in sums.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                digest, name = line.split(maxsplit=1)
                result[name.strip()] = digest
    return result


def _write(root: Path, artifacts: dict[str, bytes]) -> list[str]:
    from riskfmt.io import atomic_write_bytes

    frozen = frozen_hashes(root)
    changed = []
    for rel, content in sorted(artifacts.items()):
        target = root / rel
        in_sums = rel.removeprefix("schemas/")
        if in_sums in frozen and hashlib.sha256(content).hexdigest() != frozen[in_sums]:
            raise SystemExit(
                f"{rel} is a released file and may not change; bump the vocabulary or format version instead"
            )
        if not target.exists() or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(target, content)
            changed.append(rel)
    return changed


def release(root: Path = ROOT) -> list[str]:
    """Record hashes of the release bundles and vocabulary releases not yet in SHA256SUMS."""
    frozen = frozen_hashes(root)
    schemas_dir = root / "schemas"
    candidates = sorted(
        [*schemas_dir.glob("releases/*.json"), *(p for p in schemas_dir.glob("vocab/releases/**/*") if p.is_file())]
    )
    added = []
    for path in candidates:
        rel = path.relative_to(schemas_dir).as_posix()
        if rel not in frozen:
            frozen[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            added.append(rel)
    lines = ["# Released files: they never change. Checked by tests/test_generated.py."]
    lines += [f"{digest}  {name}" for name, digest in sorted(frozen.items())]
    (schemas_dir / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=REBUILD_COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="freeze the current release bundles")
    args = parser.parse_args(argv)
    changed = _write(ROOT, build_artifacts(ROOT))
    for rel in changed:
        print(f"wrote {rel}")
    if args.release:
        for rel in release(ROOT):
            print(f"released {rel}")
    if not changed and not args.release:
        print("everything up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
