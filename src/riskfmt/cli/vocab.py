"""``riskfmt vocab``: browse, search, map and export the vocabulary, and compare releases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import lang_option


def _vocab(version: str | None) -> Any:
    from riskfmt import resources
    from riskfmt.vocab import load_vocabulary

    if version is not None and version not in resources.vocabulary_versions():
        raise click.BadParameter(f"unknown vocabulary version {version} (released: "
                                 f"{', '.join(resources.vocabulary_versions())})", param_hint="--version")
    return load_vocabulary(version)


version_option = click.option("--version", "version", default=None, metavar="X.Y",
                              help="Vocabulary release (default: the newest shipped).")


@click.group("vocab")
def group() -> None:
    """The bilingual risk vocabulary: list, show, search, map, export, diff."""


@group.command("list")
@version_option
@click.option("--scheme", default="risk", show_default=True, help="Concept scheme (risk, method, ...; 'all' for every one).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def list_command(version: str | None, scheme: str, fmt: str, lang: str) -> None:
    """List concepts as a tree."""
    vocab = _vocab(version)
    concepts = [c for c in vocab if scheme == "all" or c.scheme == scheme]
    if fmt == "json":
        click.echo(json.dumps([{"id": c.id, "scheme": c.scheme, "broader": c.broader, "status": c.status,
                                "label": c.pref_label} for c in concepts], ensure_ascii=False, indent=2))
        return
    ids = {c.id for c in concepts}

    def walk(parent: str | None, depth: int) -> None:
        for c in concepts:
            if c.broader == parent or (parent is None and c.broader not in ids and c.broader is not None and depth == 0):
                mark = " (deprecated)" if c.deprecated else ""
                click.echo(f"{'  ' * depth}{c.token}  {c.label(lang)}{mark}")
                walk(c.id, depth + 1)

    walk(None, 0)


@group.command("show")
@click.argument("concept_id")
@version_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_command(concept_id: str, version: str | None, fmt: str) -> None:
    """Everything about one concept, in both languages, with its mappings."""
    from riskfmt.mappings import load_crosswalk

    vocab = _vocab(version)
    concept = vocab.get(concept_id) or next((c for c in vocab if c.token == concept_id), None)
    if concept is None:
        close = vocab.suggest(concept_id)
        hint = f" Did you mean {', '.join(c.token for c in close)}?" if close else ""
        raise click.BadParameter(f"no concept {concept_id!r} in vocabulary {vocab.version}.{hint}", param_hint="CONCEPT_ID")
    mappings = load_crosswalk(vocab.version).by_concept.get(concept.id, [])
    if fmt == "json":
        data = {k: getattr(concept, k) for k in concept.__slots__}  # type: ignore[attr-defined]
        data["mappings"] = [{"subject": m.subject_id, "label": m.subject_label, "predicate": m.predicate_id,
                             "confidence": m.confidence, "comment": m.comment} for m in mappings]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [f"{concept.id}  {concept.pref_label['en']} · {concept.pref_label['zh']}",
             f"  scheme: {concept.scheme}   status: {concept.status}   added in: {concept.added_in}"]
    if concept.deprecated:
        lines.append(f"  deprecated in {concept.deprecated_in}; use {concept.replaced_by}")
    if concept.broader:
        parent = vocab[concept.broader]
        lines.append(f"  broader: {parent.id} {parent.pref_label['en']} · {parent.pref_label['zh']}")
    for lang, name in (("en", "definition"), ("zh", "定义")):
        lines.append(f"  {name}: {concept.definition[lang]}")
    for lang in ("en", "zh"):
        if concept.alt_labels.get(lang):
            lines.append(f"  alt [{lang}]: {'; '.join(concept.alt_labels[lang])}")
        if concept.scope_note.get(lang):
            lines.append(f"  scope [{lang}]: {concept.scope_note[lang]}")
    for child in vocab.children(concept.id):
        lines.append(f"  narrower: {child.id} {child.pref_label['en']} · {child.pref_label['zh']}")
    for m in mappings:
        lines.append(f"  {m.predicate_id:18s} {m.subject_id} {m.subject_label}")
    click.echo("\n".join(lines))


@group.command("search")
@click.argument("text")
@version_option
@click.option("--all-schemes", is_flag=True, help="Search every scheme, not only risks.")
@lang_option
def search_command(text: str, version: str | None, all_schemes: bool, lang: str) -> int:
    """Find concepts by English or Chinese label or alternative label (case and punctuation do not matter)."""
    from riskfmt.vocab import normalize_label

    vocab = _vocab(version)
    wanted = normalize_label(text)
    if not wanted:
        raise click.BadParameter("nothing to search for", param_hint="TEXT")
    scored = []
    for c in vocab:
        if not all_schemes and c.scheme != "risk":
            continue
        labels = [*c.pref_label.values(), *(a for alts in c.alt_labels.values() for a in alts)]
        normal = [normalize_label(label) for label in labels]
        if wanted in normal:
            scored.append((0, c))
        elif any(wanted in n for n in normal):
            scored.append((1, c))
        elif wanted in normalize_label(c.definition["en"]) or wanted in normalize_label(c.definition["zh"]):
            scored.append((2, c))
    for _, c in sorted(scored, key=lambda s: (s[0], s[1].id)):
        click.echo(f"{c.token}  {c.pref_label['en']} · {c.pref_label['zh']}")
    return 0 if scored else 1


@group.command("map")
@click.argument("code")
@version_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def map_command(code: str, version: str | None, fmt: str) -> int:
    """A framework's code to riskfmt concepts (ailuminate:iwp), or a concept to the frameworks (R0013)."""
    from riskfmt.mappings import load_crosswalk

    vocab = _vocab(version)
    crosswalk = load_crosswalk(vocab.version)
    if vocab.get(code) is not None:
        rows = crosswalk.by_concept.get(code, [])
        out = [{"framework_code": m.subject_id, "framework_label": m.subject_label, "predicate": m.predicate_id,
                "confidence": m.confidence, "comment": m.comment} for m in rows]
    else:
        rows = crosswalk.resolve(code)
        if not rows:
            prefixes = ", ".join(sorted(crosswalk.prefixes)) or "none shipped"
            raise click.BadParameter(f"no mapping for {code!r} (framework prefixes: {prefixes})", param_hint="CODE")
        out = []
        for m in rows:
            concept = vocab.get(m.concept) if m.concept else None
            out.append({"concept": m.concept, "label_en": concept.pref_label["en"] if concept else None,
                        "label_zh": concept.pref_label["zh"] if concept else None, "predicate": m.predicate_id,
                        "confidence": m.confidence, "comment": m.comment, "framework_label": m.subject_label})
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for row in out:
            if "concept" in row:
                target = f"{row['concept']} {row['label_en']} · {row['label_zh']}" if row["concept"] else "(no equivalent)"
                click.echo(f"{row['predicate']:18s} {target}" + (f"  — {row['comment']}" if row["comment"] else ""))
            else:
                click.echo(f"{row['predicate']:18s} {row['framework_code']} {row['framework_label']}")
    return 0


_EXPORTS = {"skos-turtle": "vocabulary.ttl", "skos-jsonld": "vocabulary.jsonld", "csv": "vocabulary.csv",
            "json": "vocabulary.json", "linkml": "vocabulary.linkml.yaml"}


@group.command("export")
@click.option("--format", "fmt", type=click.Choice([*_EXPORTS, "sssom"]), required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="A file (a folder for sssom: one .sssom.tsv per mapping set); default stdout. Written "
                   "all-or-nothing; an existing non-empty folder only with --force.")
@click.option("--force", is_flag=True, help="Write the sssom files into an existing non-empty folder.")
@lang_option
@version_option
def export_command(fmt: str, output: Path | None, force: bool, lang: str, version: str | None) -> None:
    """Write a release in a published form (SKOS Turtle or JSON-LD, CSV, JSON, LinkML, SSSOM)."""
    from riskfmt import resources
    from riskfmt.cli._output import checked
    from riskfmt.io import Staged, atomic_write_bytes

    checked(output, lang, kind="folder" if fmt == "sssom" else "file", force=force)
    vocab = _vocab(version)
    folder = resources.schemas_dir() / "vocab" / "releases" / vocab.version
    if fmt == "sssom":
        files = sorted((folder / "mappings").glob("*.sssom.tsv"))
        if not files:
            raise click.ClickException(f"vocabulary {vocab.version} ships no mapping sets")
        if output is None:
            for f in files:
                sys.stdout.buffer.write(f.read_bytes())
            return
        staged = Staged(output, folder=True, force=force)  # the folder appears whole or not at all
        for f in files:
            staged.put(f.name, f.read_bytes())
        staged.commit()
        return
    source = folder / _EXPORTS[fmt]
    if not source.exists():
        raise click.ClickException(f"vocabulary {vocab.version} was released without a {fmt} form")
    data = source.read_bytes()
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        atomic_write_bytes(output, data)


@group.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@lang_option
def diff_command(old: str, new: str, fmt: str, lang: str) -> int:
    """Compare two vocabulary releases (versions or vocabulary.json files). A removed id exits 1."""
    from riskfmt.compare.render import emit
    from riskfmt.mappings import Crosswalk, load_crosswalk, load_mapping_set
    from riskfmt.vocab_diff import diff_vocabularies

    def load(spec: str) -> tuple[dict[str, Any], Crosswalk]:
        from riskfmt import resources

        path = Path(spec)
        if path.is_file():
            from riskfmt.io import InputRefused, read_limited
            from riskfmt.loading import load_bytes

            try:
                document = load_bytes(read_limited(path), spec, "json")
            except InputRefused as exc:
                raise click.BadParameter(exc.finding.message(lang), param_hint=spec) from None
            errors = [f for f in document.findings if f.severity.label == "error"]
            if errors or not isinstance(document.data, dict):
                detail = errors[0].message(lang) if errors else "not a JSON object"
                raise click.BadParameter(f"{spec}: {detail}", param_hint="OLD/NEW")
            data = document.data
            maps = path.parent / "mappings"
            return data, Crosswalk(load_mapping_set(p) for p in sorted(maps.glob("*.sssom.tsv"))) if maps.is_dir() else Crosswalk([])
        if spec in resources.vocabulary_versions():
            return resources.vocabulary_data(spec), load_crosswalk(spec)
        raise click.BadParameter(f"{spec!r} is neither a vocabulary.json file nor a released version")

    (a, ma), (b, mb) = load(old), load(new)
    result = diff_vocabularies(a, b, ma, mb)
    click.echo(emit(result, fmt, lang), nl=False)
    return 0 if result.gate() else 1
