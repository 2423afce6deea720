"""OpenCompass dataset abbreviations of safety benchmarks map to risk concepts, not R0000 (issue 13 C).

The abbreviations are those of OpenCompass' own dataset configs (open-compass/opencompass @a5acc4bb,
opencompass/configs/datasets/...): crowspairs_cn, real-toxicity-prompts, civil_comments (from path='civil_comments'),
jigsaw_multilingual_<lang>, CValues-Responsibility, and the Flames subsets.
"""

from __future__ import annotations

import pytest

from riskfmt.convert.tasks import UNMAPPED, load_task_map


@pytest.mark.parametrize(("abbr", "risk"), [
    ("crowspairs_cn", "R0005"),
    ("real-toxicity-prompts", "R0002"),
    ("civil_comments", "R0002"),
    ("jigsaw_multilingual_es", "R0002"),
    ("CValues-Responsibility", "R0004"),
    ("flames", "R0004"),
])
def test_safety_abbreviations_map_to_a_risk(abbr: str, risk: str) -> None:
    risks, matched = load_task_map().risks_for(abbr, "opencompass")
    assert matched and risk in risks and UNMAPPED not in risks
