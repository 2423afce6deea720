"""``riskfmt incident new``: an incident report to fill in, in English or Chinese.

What is left to fill in is marked ``<<...>>``, in free-text fields only, so the skeleton passes the schema and
``riskfmt validate`` lists exactly the placeholders (RF650) and nothing else. Enumerated fields get the value a
new report usually has (status ongoing, cause undetermined) with the alternatives in a comment. The current
assessment and the first timeline entry share one YAML anchor each, so each is filled in once.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["new_report_id", "skeleton", "write_skeleton"]


def new_report_id() -> str:
    """A fresh random report id: it names the report for its whole life, whatever its content becomes."""
    return "rfi-" + secrets.token_hex(16)


# the comments of a new report; their Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "incident skeleton")
_TEXT = {
    "en": {
        "header": (
            "# riskfmt incident report, format 1.0.\n"
            "# Fill in every <<...>> placeholder; `riskfmt validate FILE` lists those left (RF650).\n"
            "# Narrative fields take English (en), Chinese (zh) or both side by side.\n"
            "# Revise the report later with `riskfmt incident update FILE`, which appends to the timeline."
        ),
        "report_id": "drawn at random; never change it: other reports link to it",
        "title": "one-line title of the incident",
        "summary": "what is known now: what happened, to whom, what has been done",
        "org": "name of the reporting organization",
        "role": "developer | deployer | affected_party | regulator | researcher | incident_database | other",
        "event": "incident | serious-incident | hazard | near-miss  (riskfmt vocab list --scheme event)",
        "status": "ongoing | halted | mitigated | concluded | near_miss",
        "tlp": "CLEAR | GREEN | AMBER | AMBER+STRICT | RED",
        "level": "negligible | minor | moderate | major | critical",
        "dates": "a date (YYYY-MM-DD) or a date-time with zone; occurred <= detected <= reported",
        "occurred": "occurred: YYYY-MM-DD   # when it happened, if known",
        "system_name": "name of the AI system",
        "developer": "developer of the AI system",
        "system_role": "primary | contributing | target | instrument | detection | other",
        "digests": "identify the model by digest, never by its weights:",
        "risk": "risk id such as R0006; find one with: riskfmt vocab search WORDS",
        "harm": "the harm, and who suffered it",
        "cause": "the settled cause, or undetermined until one is settled  (riskfmt vocab list --scheme attribution)",
        "assessed_by": "who assessed the cause",
        "hypotheses": (
            "each candidate cause with its likelihood; exclusive hypotheses add up to at most 1:\n"
            "#   - id: h1\n"
            "#     cause: accidental-malfunction\n"
            "#     likelihood: 0.6          # and/or estimate: likely\n"
            "#     confidence: moderate\n"
            "#     evidence_for: [{description: {en: ...}}]\n"
            "#     evidence_against: [{description: {en: ...}}]\n"
            "#     assessed_by: {en: ...}\n"
            "#     assessed: 2025-01-01T00:00:00Z"
        ),
        "author": "who wrote this entry",
        "entry": "initial report",
        "timeline": "append-only: never edit or remove an entry; `riskfmt incident update` appends the next",
    },
}


def _q(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(lang: str = "en", *, report_id: str | None = None, now: str | None = None,
             vocabulary_version: str | None = None) -> str:
    """The YAML text of a new incident report to fill in, with comments in ``lang`` ("en" or "zh").

    .. versionadded:: 0.1
    """
    from riskfmt.incident.history import utc_now
    from riskfmt.vocab import latest_version

    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be en or zh, not {lang!r}")
    from riskfmt.i18n.text import translate

    t = {key: translate(text, lang, "incident skeleton") for key, text in _TEXT["en"].items()}
    now = now or utc_now()
    today = now[:10]

    def hole(key: str) -> str:
        return _q(f"<<{t[key]}>>")

    lines = [
        t["header"],
        "kind: incident-report",
        'format_version: "1.0"',
        f'vocabulary_version: "{vocabulary_version or latest_version()}"',
        f"report_id: {report_id or new_report_id()}  # {t['report_id']}",
        "title:",
        f"  {lang}: {hole('title')}",
        "summary:",
        f"  {lang}: {hole('summary')}",
        "marking:",
        f"  tlp: AMBER  # {t['tlp']}",
        "reporter:",
        "  organization:",
        "    name:",
        f"      {lang}: {hole('org')}",
        f"  role: deployer  # {t['role']}",
        f"event_type: &event_type incident  # {t['event']}",
        f"status: &status ongoing  # {t['status']}",
        "severity: &severity",
        "  scale: generic-5",
        f"  level: {hole('level')}",
        f"dates:  # {t['dates']}",
        f"  # {t['occurred']}",
        f'  detected: "{today}"',
        f'  reported: "{today}"',
        "systems:",
        "  - id: system-1",
        f"    name: {hole('system_name')}",
        f"    developer: {hole('developer')}",
        f"    role: primary  # {t['system_role']}",
        f"    # {t['digests']}",
        "    # digests:",
        "    #   - digest: sha256:<64 hex>",
        "    #     subject: weights_manifest",
        "harms:",
        "  - id: harm-1",
        f"    risks: [{hole('risk')}]",
        "    description:",
        f"      {lang}: {hole('harm')}",
        "attribution: &attribution",
        f"  cause: undetermined  # {t['cause']}",
        "  assessed_by:",
        f"    {lang}: {hole('assessed_by')}",
        f'  assessed: "{now}"',
        f"  # hypotheses:  # {t['hypotheses']}",
        f"timeline:  # {t['timeline']}",
        "  - seq: 1",
        f'    date: "{now}"',
        "    author:",
        f"      {lang}: {hole('author')}",
        "    summary:",
        f"      {lang}: {hole('entry')}",
        "    assessment:",
        "      event_type: *event_type",
        "      status: *status",
        "      severity: *severity",
        "      attribution: *attribution",
    ]
    return "\n".join(lines) + "\n"


def write_skeleton(path: str | os.PathLike[str], lang: str = "en", *, report_id: str | None = None,
                   now: str | None = None) -> Path:
    """Write a skeleton atomically; refuses (FileExistsError) to replace an existing file.

    .. versionadded:: 0.1
    """
    from riskfmt.io import atomic_write_text

    target = Path(path)
    if target.exists():
        raise FileExistsError(str(target))
    atomic_write_text(target, skeleton(lang, report_id=report_id, now=now))
    return target
