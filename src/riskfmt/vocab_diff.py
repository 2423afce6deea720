"""What changed between two vocabulary releases: added, deprecated, relabelled per language, moved, mapping
changes, and the one thing that may never happen: a removed id.

A vocabulary file given to ``riskfmt vocab diff`` is read with riskfmt's loader (JSON or YAML, ``-`` for
standard input) and must validate as a vocabulary, with every concept id used once (RF506): a diff of two
files that are not releases would say nothing true. ``diff_vocabularies`` itself takes any two mappings and
never fails on their shape: a concept that is not an object or has no string id is left out, a missing label
or definition counts as absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskfmt.mappings import Crosswalk

__all__ = ["VocabularyDiff", "blocks", "diff_vocabularies", "load_release", "render_markdown", "render_text"]


@dataclass
class VocabularyDiff:
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    deprecated: list[tuple[str, str | None]] = field(default_factory=list)
    relabelled: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, lang, old, new
    redefined: list[tuple[str, str]] = field(default_factory=list)  # id, lang
    moved: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    mappings_added: list[tuple[str, str, str]] = field(default_factory=list)  # subject, predicate, object
    mappings_removed: list[tuple[str, str, str]] = field(default_factory=list)
    new_concepts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def breaking(self) -> bool:
        return bool(self.removed)

    @property
    def empty(self) -> bool:
        return not any((self.added, self.removed, self.deprecated, self.relabelled, self.redefined, self.moved,
                        self.mappings_added, self.mappings_removed))

    def render(self, fmt: str, lang: str = "en", color: bool = False) -> str:
        """Text or Markdown, through the output machinery riskfmt diff uses."""
        return render_markdown(self, lang) if fmt == "markdown" else render_text(self, lang, color)

    def gate(self, fail_on: str | None = None) -> bool:
        """The one change that fails a vocabulary diff is a removed id."""
        return not self.breaking

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_version, "new": self.new_version, "breaking": self.breaking,
            "added": self.added, "removed": self.removed,
            "deprecated": [{"id": i, "replaced_by": r} for i, r in self.deprecated],
            "relabelled": [{"id": i, "lang": lang, "old": o, "new": n} for i, lang, o, n in self.relabelled],
            "redefined": [{"id": i, "lang": lang} for i, lang in self.redefined],
            "moved": [{"id": i, "old_broader": o, "new_broader": n} for i, o, n in self.moved],
            "mappings_added": [{"subject": s, "predicate": p, "object": o} for s, p, o in self.mappings_added],
            "mappings_removed": [{"subject": s, "predicate": p, "object": o} for s, p, o in self.mappings_removed],
        }


def _mapping_rows(crosswalk: Crosswalk | None) -> set[tuple[str, str, str]]:
    if crosswalk is None:
        return set()
    return {(m.subject_id, m.predicate_id, m.object_id) for s in crosswalk.sets for m in s.mappings}


def _concepts(vocabulary: Any) -> dict[str, dict[str, Any]]:
    concepts = vocabulary.get("concepts") if isinstance(vocabulary, dict) else None
    out: dict[str, dict[str, Any]] = {}
    for concept in concepts if isinstance(concepts, list) else []:
        if isinstance(concept, dict) and isinstance(concept.get("id"), str):
            out.setdefault(concept["id"], concept)  # the first of a repeated id (load_release refuses repeats)
    return out


def _text(concept: dict[str, Any], name: str, lang: str) -> str | None:
    value = concept.get(name)
    text = value.get(lang) if isinstance(value, dict) else None
    return text if isinstance(text, str) else None


def _version(vocabulary: Any) -> str:
    version = vocabulary.get("version") if isinstance(vocabulary, dict) else None
    return str(version) if version is not None else "?"


def diff_vocabularies(old: dict[str, Any], new: dict[str, Any], old_crosswalk: Crosswalk | None = None,
                      new_crosswalk: Crosswalk | None = None) -> VocabularyDiff:
    """What changed from ``old`` to ``new`` (parsed vocabulary releases).

    .. versionadded:: 0.1
    .. versionchanged:: 0.2 never fails on the shape of its inputs (see the module's docstring).
    """
    before, after = _concepts(old), _concepts(new)
    result = VocabularyDiff(_version(old), _version(new))
    result.added = sorted(set(after) - set(before))
    result.removed = sorted(set(before) - set(after))
    result.new_concepts = {i: after[i] for i in result.added}
    for cid in sorted(set(before) & set(after)):
        a, b = before[cid], after[cid]
        if b.get("status") == "deprecated" and a.get("status") != "deprecated":
            replaced_by = b.get("replaced_by")
            result.deprecated.append((cid, replaced_by if isinstance(replaced_by, str) else None))
        for lang in ("en", "zh"):
            label_a, label_b = _text(a, "pref_label", lang), _text(b, "pref_label", lang)
            if label_a != label_b:
                result.relabelled.append((cid, lang, label_a or "—", label_b or "—"))
            if _text(a, "definition", lang) != _text(b, "definition", lang):
                result.redefined.append((cid, lang))
        if a.get("broader") != b.get("broader"):
            result.moved.append((cid, _shown(a.get("broader")), _shown(b.get("broader"))))
    old_rows, new_rows = _mapping_rows(old_crosswalk), _mapping_rows(new_crosswalk)
    result.mappings_added = sorted(new_rows - old_rows)
    result.mappings_removed = sorted(old_rows - new_rows)
    return result


def _shown(broader: Any) -> str | None:
    if broader is None or isinstance(broader, str):
        return broader
    if isinstance(broader, list) and all(isinstance(b, str) for b in broader):
        return ", ".join(broader)
    return str(broader)


def load_release(spec: str) -> tuple[dict[str, Any], Crosswalk]:
    """A vocabulary and its crosswalk: a released version (``1.0``) or a vocabulary file (``-`` for standard
    input) with the SSSOM files of a ``mappings`` folder beside it. Raises ``InputError`` (the CLI exits 2)
    with the validator's findings when the file is not a valid vocabulary, and RF506 for a repeated id.

    .. versionadded:: 0.2
    """
    from pathlib import Path

    from riskfmt import resources
    from riskfmt.compare.inputs import InputError, load_document
    from riskfmt.findings import Finding
    from riskfmt.mappings import load_crosswalk, load_mapping_set

    if spec != "-" and not Path(spec).exists() and spec in resources.vocabulary_versions():
        return resources.vocabulary_data(spec), load_crosswalk(spec)
    loaded = load_document(spec, check_samples=False)
    if loaded.kind != "vocabulary":
        raise InputError([Finding.make("RF802", loaded.source, "/kind", kind=loaded.kind, known="vocabulary")])
    first: dict[str, str] = {}
    repeated = []
    for index, concept in enumerate(loaded.data["concepts"]):
        pointer = f"/concepts/{index}/id"
        if concept["id"] in first:
            repeated.append(Finding.make("RF506", loaded.source, pointer, id=concept["id"], first=first[concept["id"]]))
        first.setdefault(concept["id"], pointer)
    if repeated:
        raise InputError(repeated)
    sets = []
    folder = Path(spec).parent / "mappings" if spec != "-" else None
    for path in sorted(folder.glob("*.sssom.tsv")) if folder is not None and folder.is_dir() else []:
        try:
            sets.append(load_mapping_set(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError([Finding.make("RF003", str(path), reason=str(exc))]) from None
        except Exception as exc:  # any malformed mapping file is an input error, not a crash
            reason = f"not an SSSOM mapping file ({exc})"
            raise InputError([Finding.make("RF003", str(path), reason=reason)]) from None
    return loaded.data, Crosswalk(sets)


def blocks(diff: VocabularyDiff, lang: str = "en") -> list[Any]:
    """The rendering as blocks of the output machinery riskfmt diff uses (riskfmt.compare.render)."""
    from riskfmt.compare.blocks import Bullets, Heading, Para
    from riskfmt.i18n.text import translate

    def t(text: str) -> str:  # the Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "vocabulary diff")
        return translate(text, lang, "vocabulary diff")

    zh = lang == "zh"
    versions = f"{diff.old_version} → {diff.new_version}"
    out: list[Any] = [Heading(t("Vocabulary {versions}").format(versions=versions), 1)]
    if diff.removed:
        out.append(Para("**" + t("ERROR: ids were removed (a published id may never be deleted):") + "** "
                        + ", ".join(diff.removed), "bad"))
    sections: list[tuple[str, list[str], str]] = [
        (t("Added"),
         [f"`{i}` {_text(diff.new_concepts[i], 'pref_label', 'zh' if zh else 'en') or '—'}" for i in diff.added],
         "good"),
        (t("Deprecated"), [f"`{i}` → `{r}`" for i, r in diff.deprecated], "warn"),
        (t("Relabelled"), [f"`{i}` [{lang_}] {o} → {n}" for i, lang_, o, n in diff.relabelled], ""),
        (t("Definition revised"), [f"`{i}` [{lang_}]" for i, lang_ in diff.redefined], ""),
        (t("Moved in the hierarchy"), [f"`{i}`: {o or '—'} → {n or '—'}" for i, o, n in diff.moved], ""),
        (t("Mappings added"), [f"{s} {p} {o}" for s, p, o in diff.mappings_added], ""),
        (t("Mappings removed"), [f"{s} {p} {o}" for s, p, o in diff.mappings_removed], ""),
    ]
    for heading, items, style in sections:
        if items:
            out += [Heading(f"{heading} ({len(items)})"), Bullets(list(items), [style] * len(items))]
    if diff.empty:
        out.append(Para(t("No changes.")))
    return out


def render_markdown(diff: VocabularyDiff, lang: str = "en") -> str:
    from riskfmt.compare.blocks import render_markdown as markdown

    return markdown(blocks(diff, lang), lang)


def render_text(diff: VocabularyDiff, lang: str = "en", color: bool = False) -> str:
    from riskfmt.compare.blocks import render_text as text

    return text(blocks(diff, lang), lang, color)
