"""Redaction profiles: data files that say what a shareable copy withholds.

The shipped profiles live in ``schemas/profiles/<name>.yaml``, one per TLP audience; a lab writes its own in
the same shape and passes its path. A profile only chooses among the kinds of content the format knows
(``KINDS``); sample inputs, outputs and targets are withheld by every profile, because a shareable copy
never carries them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskfmt.findings import Finding
from riskfmt.i18n.text import both
from riskfmt.integrity import IntegrityError

__all__ = ["ALWAYS", "KINDS", "Profile", "load_profile", "profile_names", "profiles_dir"]

# What a withheld item can be (the WithheldKind enumeration of the format), in document order.
KINDS: tuple[str, ...] = (
    "sample_input", "sample_output", "sample_target", "sample_digest",
    "finding_title", "finding_description", "rationale", "notes", "extensions",
)
ALWAYS = frozenset({"sample_input", "sample_output", "sample_target"})
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_FIELDS = {"profile", "title", "description", "audience", "reason", "withhold"}


@dataclass(frozen=True)
class Profile:
    name: str
    withhold: frozenset[str]
    reason: str
    audience: str | None = None
    title: dict[str, str] | None = None
    description: dict[str, str] | None = None

    def withholds(self, kind: str) -> bool:
        return kind in self.withhold

    def label(self, lang: str = "en") -> str:
        title = self.title or {}
        return title.get(lang) or title.get("en") or self.name


def profiles_dir() -> Path:
    from riskfmt.resources import schemas_dir

    return schemas_dir() / "profiles"


def profile_names() -> list[str]:
    """Names of the shipped profiles."""
    folder = profiles_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _problem(name: str, detail: str, detail_zh: str) -> IntegrityError:
    return IntegrityError(Finding.make("RF737", name, name=name, detail=detail, detail_zh=detail_zh))


def load_profile(name_or_path: str | os.PathLike[str]) -> Profile:
    """A shipped profile by name (``tlp-green``) or a profile file by path. Raises ``IntegrityError``
    (RF737) naming what is wrong with it.

    .. versionadded:: 0.1
    """
    text = os.fspath(name_or_path)
    path = Path(text)
    if not (path.suffix.lower() in (".yaml", ".yml") or os.sep in text or "/" in text):
        path = profiles_dir() / f"{text}.yaml"
        if not path.is_file():
            shipped = ", ".join(profile_names())
            raise _problem(text, *both("no such profile (shipped: {shipped}; or give a file path)", "integrity",
                                       shipped=shipped))
    from riskfmt.io import InputRefused, read_limited
    from riskfmt.loading import load_bytes

    try:
        raw = read_limited(path, 1 << 20)  # a profile is a page of YAML; never a FIFO or /dev/zero
    except InputRefused as exc:
        reason = exc.finding.message("en")
        raise _problem(text, reason, exc.finding.message("zh")) from None
    document = load_bytes(raw, str(path), "yaml")
    if not document.parsed or any(f.severity.label == "error" for f in document.findings):
        raise _problem(text, *both("not a readable YAML document", "integrity"))
    return parse_profile(document.data, text)


def _listed(english: str, **lists: Sequence[str]) -> tuple[str, str]:
    """(English, Chinese) of a problem naming lists of words, joined as each language writes a list."""
    from riskfmt.i18n.text import translate

    chinese = translate(english, "zh", "integrity")
    return (english.format(**{k: ", ".join(v) for k, v in lists.items()}),
            chinese.format(**{k: "、".join(v) for k, v in lists.items()}))


def parse_profile(data: Any, name: str = "<profile>") -> Profile:
    if not isinstance(data, dict):
        raise _problem(name, *both("a profile is a mapping", "integrity"))
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise _problem(name, *_listed("unknown field(s): {fields}", fields=unknown))
    profile_name = data.get("profile")
    if not isinstance(profile_name, str) or not _NAME.match(profile_name):
        raise _problem(name, *both("field 'profile' must be a short lowercase name", "integrity"))
    withhold = data.get("withhold")
    if not isinstance(withhold, list) or not all(isinstance(k, str) for k in withhold):
        raise _problem(name, *both("field 'withhold' must be a list of kinds", "integrity"))
    bad = sorted(set(withhold) - set(KINDS))
    if bad:
        raise _problem(name, *_listed("unknown kind(s) {bad} (known: {known})", bad=bad, known=KINDS))
    missing = sorted(ALWAYS - set(withhold))
    if missing:
        raise _problem(name, *_listed("a shareable copy never carries sample content; add {missing}",
                                      missing=missing))
    reason = data.get("reason", profile_name)
    if not isinstance(reason, str) or not _NAME.match(reason):
        raise _problem(name, *both("field 'reason' must be a short lowercase code", "integrity"))
    audience = data.get("audience")
    if audience is not None:
        from riskfmt.integrity.markings import TLP_LEVELS

        if audience not in TLP_LEVELS:
            raise _problem(name, *_listed("audience must be a TLP label ({labels})", labels=TLP_LEVELS))
    for field in ("title", "description"):
        value = data.get(field)
        if value is not None and (not isinstance(value, dict) or not set(value) <= {"en", "zh"}
                                  or not all(isinstance(v, str) for v in value.values())):
            raise _problem(name, *both("field '{field}' must have en and/or zh text", "integrity", field=field))
    return Profile(name=profile_name, withhold=frozenset(withhold), reason=reason, audience=audience,
                   title=data.get("title"), description=data.get("description"))
