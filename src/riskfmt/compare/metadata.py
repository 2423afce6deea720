"""The metadata differences that may explain the rest: model, producer, tool, dates, and per aligned
evaluation its task, dataset, method and settings."""

from __future__ import annotations

from typing import Any

from riskfmt.compare.align import Aligned
from riskfmt.compare.outcome import lang_text
from riskfmt.compare.pairs import PairBuilder

__all__ = ["metadata_differences"]


def _show(value: Any) -> str | None:
    """A metadata value as text: strings as they are, bilingual text as "en / zh", everything else as
    compact sorted JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and set(value) <= {"en", "zh"}:
        return " / ".join(value[k] for k in ("en", "zh") if k in value)
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_MODEL_FIELDS = ("name", "developer", "id", "version", "revision", "access", "inference_platform")
_SETTINGS = ("temperature", "top_p", "max_tokens", "seed", "num_fewshot", "epochs", "system_prompt_digest",
             "chat_template_digest")


def _meta(out: list[dict[str, Any]], category: str, field_name: str, va: Any, vb: Any,
          task: str | None = None) -> None:
    if va == vb:
        return
    entry: dict[str, Any] = {"category": category, "field": field_name}
    if task is not None:
        entry["task"] = task
    shown_a, shown_b = _show(va), _show(vb)
    if shown_a is not None:
        entry["a"] = shown_a
    if shown_b is not None:
        entry["b"] = shown_b
    out.append(entry)


def metadata_differences(build: PairBuilder, a: dict[str, Any], b: dict[str, Any],
                         e_pairs: list[Aligned]) -> list[dict[str, Any]]:
    """The fields that differ, in a fixed order; notes for a different model (RF830) or weights (RF831)."""
    out: list[dict[str, Any]] = []
    ma, mb = a["model"], b["model"]
    for name in _MODEL_FIELDS:
        _meta(out, "model", f"model.{name}", ma.get(name), mb.get(name))
    engine_a, engine_b = ma.get("inference_engine") or {}, mb.get("inference_engine") or {}
    _meta(out, "model", "model.inference_engine", engine_a or None, engine_b or None)
    digests_a = {d["subject"]: d["digest"] for d in ma.get("digests", [])}
    digests_b = {d["subject"]: d["digest"] for d in mb.get("digests", [])}
    for subject in sorted(set(digests_a) | set(digests_b)):
        _meta(out, "model", f"model.digests.{subject}", digests_a.get(subject), digests_b.get(subject))
        if subject in digests_a and subject in digests_b and digests_a[subject] != digests_b[subject]:
            build.note("RF831", None, "", subject=subject)
    if (ma["name"], ma["developer"]) != (mb["name"], mb["developer"]):
        build.note("RF830", None, "", a=f"{ma['developer']} {ma['name']}", b=f"{mb['developer']} {mb['name']}")
    pa, pb = a["producer"], b["producer"]
    _meta(out, "producer", "producer.organization", lang_text(pa["organization"]["name"]),
          lang_text(pb["organization"]["name"]))
    _meta(out, "producer", "producer.relationship", pa["relationship"], pb["relationship"])
    _meta(out, "tool", "producer.tool.name", pa["tool"]["name"], pb["tool"]["name"])
    _meta(out, "tool", "producer.tool.version", pa["tool"]["version"], pb["tool"]["version"])
    _meta(out, "format", "vocabulary_version", a["vocabulary_version"], b["vocabulary_version"])
    _meta(out, "dates", "created", a.get("created"), b.get("created"))
    for pair in e_pairs:
        ea, eb = pair.a.data, pair.b.data
        task = pair.a.bucket[0]
        ta, tb = ea["task"], eb["task"]
        _meta(out, "task", "task.version", ta.get("version"), tb.get("version"), task)
        _meta(out, "task", "task.languages", sorted(ta.get("languages", [])) or None,
              sorted(tb.get("languages", [])) or None, task)
        _meta(out, "task", "task.interaction", ta.get("interaction"), tb.get("interaction"), task)
        da, db = ta.get("dataset") or {}, tb.get("dataset") or {}
        for name in ("name", "location", "version", "split", "digest", "size"):
            _meta(out, "dataset", f"task.dataset.{name}", da.get(name), db.get(name), task)
        _meta(out, "method", "method", ea["method"], eb["method"], task)
        _meta(out, "method", "status", ea.get("status", "completed"), eb.get("status", "completed"), task)
        _meta(out, "method", "judges", sorted(ea.get("judges", [])) or None, sorted(eb.get("judges", [])) or None,
              task)
        sa, sb = ea.get("settings") or {}, eb.get("settings") or {}
        for name in _SETTINGS:
            _meta(out, "settings", f"settings.{name}", sa.get(name), sb.get(name), task)
        other_a, other_b = sa.get("other") or {}, sb.get("other") or {}
        for name in sorted(set(other_a) | set(other_b)):
            _meta(out, "settings", f"settings.other.{name}", other_a.get(name), other_b.get(name), task)
        _meta(out, "dates", "started", ea.get("started"), eb.get("started"), task)
        _meta(out, "dates", "completed", ea.get("completed"), eb.get("completed"), task)
    return out
