"""Each semantic rule of incident reports, asserted against the invalid example that shows it."""

from __future__ import annotations

import pytest

import riskfmt
from incident._data import invalid_examples

# Each semantic rule and the example that shows it (the catalogue test in tests/test_examples.py looks for
# codes named in tests; here each is asserted against its example).
RULE_EXAMPLES = {
    "RF650": "placeholder-left", "RF651": "unknown-cause", "RF652": "unknown-severity-scale",
    "RF653": "severity-not-on-scale", "RF654": "likelihoods-exceed-one", "RF655": "narrower-more-likely-than-broader",
    "RF656": "likelihood-outside-its-words", "RF657": "two-hypotheses-same-cause",
    "RF658": "settled-cause-without-hypothesis", "RF659": "settled-cause-less-likely",
    "RF660": "hypothesis-without-evidence", "RF661": "concluded-undetermined-without-rationale",
    "RF662": "near-miss-status-for-an-incident", "RF663": "evaluation-finding", "RF664": "impossible-date",
    "RF666": "assessed-after-its-entry", "RF667": "removed-middle-entry", "RF668": "entry-dated-before-the-previous",
    "RF669": "unchained-entry", "RF670": "removed-first-entry", "RF671": "edited-history",
    "RF672": "removed-first-entry", "RF673": "current-status-not-from-timeline", "RF674": "current-field-in-no-entry",
    "RF675": "links-to-itself",
}


@pytest.mark.parametrize(("code", "stem"), sorted(RULE_EXAMPLES.items()))
def test_each_rule_has_its_example(code: str, stem: str) -> None:
    [path] = [p for p in invalid_examples() if p.name.split(".")[0] == stem]
    assert code in {f.code for f in riskfmt.validate([path]).findings}
