"""What changed between two vocabulary releases: added, deprecated, relabelled per language, moved, mapping
changes, and the one thing that may never happen: a removed id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from riskfmt.mappings import Crosswalk

__all__ = ["VocabularyDiff", "blocks", "diff_vocabularies", "render_markdown", "render_text"]


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


def diff_vocabularies(old: dict[str, Any], new: dict[str, Any], old_crosswalk: Crosswalk | None = None,
                      new_crosswalk: Crosswalk | None = None) -> VocabularyDiff:
    before = {c["id"]: c for c in old["concepts"]}
    after = {c["id"]: c for c in new["concepts"]}
    result = VocabularyDiff(old["version"], new["version"])
    result.added = sorted(set(after) - set(before))
    result.removed = sorted(set(before) - set(after))
    result.new_concepts = {i: after[i] for i in result.added}
    for cid in sorted(set(before) & set(after)):
        a, b = before[cid], after[cid]
        if b["status"] == "deprecated" and a["status"] != "deprecated":
            result.deprecated.append((cid, b.get("replaced_by")))
        for lang in ("en", "zh"):
            if a["pref_label"][lang] != b["pref_label"][lang]:
                result.relabelled.append((cid, lang, a["pref_label"][lang], b["pref_label"][lang]))
            if a["definition"][lang] != b["definition"][lang]:
                result.redefined.append((cid, lang))
        if a.get("broader") != b.get("broader"):
            result.moved.append((cid, a.get("broader"), b.get("broader")))
    old_rows, new_rows = _mapping_rows(old_crosswalk), _mapping_rows(new_crosswalk)
    result.mappings_added = sorted(new_rows - old_rows)
    result.mappings_removed = sorted(old_rows - new_rows)
    return result


def blocks(diff: VocabularyDiff, lang: str = "en") -> list[Any]:
    """The rendering as blocks of the output machinery riskfmt diff uses (riskfmt.compare.render)."""
    from riskfmt.compare.render import Bullets, Heading, Para

    zh = lang == "zh"
    title = f"词表 {diff.old_version} → {diff.new_version} 的变更" if zh else f"Vocabulary {diff.old_version} → {diff.new_version}"
    out: list[Any] = [Heading(title, 1)]
    if diff.removed:
        out.append(Para("**" + ("错误：以下标识被删除（标识一经发布不得删除）：" if zh else
                                "ERROR: ids were removed (a published id may never be deleted):") + "** "
                        + ", ".join(diff.removed), "bad"))
    sections: list[tuple[str, list[str], str]] = [
        ("新增" if zh else "Added",
         [f"`{i}` {diff.new_concepts[i]['pref_label']['zh' if zh else 'en']}" for i in diff.added], "good"),
        ("弃用" if zh else "Deprecated", [f"`{i}` → `{r}`" for i, r in diff.deprecated], "warn"),
        ("标签变更" if zh else "Relabelled", [f"`{i}` [{lang_}] {o} → {n}" for i, lang_, o, n in diff.relabelled], ""),
        ("定义修订" if zh else "Definition revised", [f"`{i}` [{lang_}]" for i, lang_ in diff.redefined], ""),
        ("层级移动" if zh else "Moved in the hierarchy", [f"`{i}`: {o or '—'} → {n or '—'}" for i, o, n in diff.moved], ""),
        ("新增映射" if zh else "Mappings added", [f"{s} {p} {o}" for s, p, o in diff.mappings_added], ""),
        ("删除映射" if zh else "Mappings removed", [f"{s} {p} {o}" for s, p, o in diff.mappings_removed], ""),
    ]
    for heading, items, style in sections:
        if items:
            out += [Heading(f"{heading} ({len(items)})"), Bullets(list(items), [style] * len(items))]
    if diff.empty:
        out.append(Para("无变更。" if zh else "No changes."))
    return out


def render_markdown(diff: VocabularyDiff, lang: str = "en") -> str:
    from riskfmt.compare.render import render_markdown as markdown

    return markdown(blocks(diff, lang), lang)


def render_text(diff: VocabularyDiff, lang: str = "en", color: bool = False) -> str:
    from riskfmt.compare.render import render_text as text

    return text(blocks(diff, lang), lang, color)
