"""``riskfmt vocab``: browse, search, map and export the vocabulary, and compare releases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from riskfmt.cli._options import RegistryChoice, lang_option, renderer_names


def complete_concept(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of concept ids (R0013 and scheme:name), with the English label as help."""
    from click.shell_completion import CompletionItem

    from riskfmt.vocab import load_vocabulary

    needle = incomplete.casefold()
    return [CompletionItem(c.token, help=c.label("en")) for c in load_vocabulary()
            if c.token.casefold().startswith(needle) or c.id.casefold().startswith(needle)][:200]


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
@click.option("--scheme", default="risk", show_default=True,
              help="Concept scheme (risk, method, ...; 'all' for every one).")
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
            orphan = parent is None and c.broader not in ids and c.broader is not None and depth == 0
            if c.broader == parent or orphan:
                mark = " (deprecated)" if c.deprecated else ""
                click.echo(f"{'  ' * depth}{c.token}  {c.label(lang)}{mark}")
                walk(c.id, depth + 1)

    walk(None, 0)


# Headings of `vocab show`; their Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "vocab show"), as are the
# concept statuses (msgctxt "concept status") and the mapping predicates (msgctxt "mapping predicate").
SHOW_HEADINGS = {"scheme": "scheme", "status": "status", "added": "added in",
                 "deprecated": "deprecated in {since}; use {id}", "broader": "broader", "narrower": "narrower",
                 "alt": "alternative labels", "scope": "scope note", "definition": "definition"}


@group.command("show")
@click.argument("concept_id", shell_complete=complete_concept)
@version_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def show_command(concept_id: str, version: str | None, fmt: str, lang: str) -> None:
    """Everything about one concept, in both languages, with its mappings."""
    from riskfmt.i18n import translate
    from riskfmt.mappings import load_crosswalk

    vocab = _vocab(version)
    concept = vocab.get(concept_id) or next((c for c in vocab if c.token == concept_id), None)
    if concept is None:
        close = vocab.suggest(concept_id)
        hint = f" Did you mean {', '.join(c.token for c in close)}?" if close else ""
        raise click.BadParameter(f"no concept {concept_id!r} in vocabulary {vocab.version}.{hint}",
                                 param_hint="CONCEPT_ID")
    mappings = load_crosswalk(vocab.version).by_concept.get(concept.id, [])
    if fmt == "json":
        data = {k: getattr(concept, k) for k in concept.__slots__}
        data["mappings"] = [{"subject": m.subject_id, "label": m.subject_label, "predicate": m.predicate_id,
                             "confidence": m.confidence, "comment": m.comment} for m in mappings]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    # Both languages' labels and definitions are always shown (neither is the translation of the other);
    # --lang chooses the headings, which language comes first, and the predicate names.
    h = {key: translate(text, lang, "vocab show") for key, text in SHOW_HEADINGS.items()}
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")

    def both(c: Any) -> str:
        return f"{c.pref_label[first]} · {c.pref_label[second]}"

    status = translate(concept.status, lang, "concept status")
    sep = "：" if lang == "zh" else ": "
    lines = [f"{concept.id}  {both(concept)}",
             f"  {h['scheme']}{sep}{concept.scheme}   {h['status']}{sep}{status}   {h['added']}{sep}{concept.added_in}"]
    if concept.deprecated:
        lines.append("  " + h["deprecated"].format(since=concept.deprecated_in, id=concept.replaced_by))
    if concept.broader:
        parent = vocab[concept.broader]
        lines.append(f"  {h['broader']}{sep}{parent.id} {both(parent)}")
    for code in (first, second):
        lines.append(f"  {h['definition']} [{code}]{sep}{concept.definition[code]}")
    for code in (first, second):
        if concept.alt_labels.get(code):
            lines.append(f"  {h['alt']} [{code}]{sep}{'; '.join(concept.alt_labels[code])}")
        if concept.scope_note.get(code):
            lines.append(f"  {h['scope']} [{code}]{sep}{concept.scope_note[code]}")
    for child in vocab.children(concept.id):
        lines.append(f"  {h['narrower']}{sep}{child.id} {both(child)}")
    for m in mappings:
        predicate = translate(m.predicate_id, lang, "mapping predicate")
        lines.append(f"  {predicate:18s} {m.subject_id} {m.subject_label}")
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
@click.argument("code", shell_complete=complete_concept)
@version_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def map_command(code: str, version: str | None, fmt: str, lang: str) -> int:
    """A framework's code to riskfmt concepts (ailuminate:iwp), or a concept to the frameworks (R0013)."""
    from riskfmt.i18n import translate
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
        none = translate("(no equivalent)", lang)
        for row in out:
            predicate = translate(str(row["predicate"]), lang, "mapping predicate")
            if "concept" in row:
                labels = (f"{row['label_zh']} · {row['label_en']}" if lang == "zh"
                          else f"{row['label_en']} · {row['label_zh']}")
                target = f"{row['concept']} {labels}" if row["concept"] else none
                # the mapping comments are written in English in the SSSOM sets; shown as they are
                click.echo(f"{predicate:18s} {target}" + (f"  — {row['comment']}" if row["comment"] else ""))
            else:
                click.echo(f"{predicate:18s} {row['framework_code']} {row['framework_label']}")
    return 0


@group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@version_option
@click.option("--format", "fmt", type=RegistryChoice(renderer_names), default="text",
              show_default=True, help="Output format of the findings.")
@lang_option
def check_command(files: tuple[Path, ...], version: str | None, fmt: str, lang: str) -> int:
    """Check that every risk id (R0013, ...) written in text files exists and is not deprecated."""
    from riskfmt.render import render
    from riskfmt.vocab_check import check_files

    _vocab(version)
    result = check_files(files, version)
    render(fmt, result, sys.stdout, lang, color=sys.stdout.isatty(), quiet=True)
    return result.exit_code()


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
    """Compare two vocabulary releases (versions, or vocabulary files: JSON or YAML, - for standard input).

    A removed id exits 1; a file that is not a valid vocabulary (or repeats an id) exits 2 with the
    validator's findings.
    """
    from riskfmt.compare.formats import emit
    from riskfmt.compare.inputs import InputError
    from riskfmt.vocab_diff import diff_vocabularies, load_release

    if old == "-" and new == "-":
        raise click.UsageError("standard input (-) can stand for only one of the two vocabularies")
    problems = []
    releases = []
    for spec in (old, new):  # both are read, so that one run names the problems of both
        try:
            releases.append(load_release(spec))
        except InputError as exc:
            problems.extend(exc.findings)
    if problems:
        raise InputError(problems)
    (a, ma), (b, mb) = releases
    result = diff_vocabularies(a, b, ma, mb)
    click.echo(emit(result, fmt, lang), nl=False)
    return 0 if result.gate() else 1
