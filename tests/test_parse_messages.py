"""Chinese parser messages (vocabulary 1.1, issue 16): RF101, RF108 and RF111 read as Chinese in Chinese output."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskfmt.loading import load_bytes
from riskfmt.parse_messages import zh_parser_detail

LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


@pytest.mark.parametrize(("data", "name", "code"), [
    (b'{"a": 1,}', "x.json", "RF101"),
    (b'{"a" 1}', "x.json", "RF101"),
    (b"[1, 2", "x.json", "RF101"),
    (b'{"a": 1} trailing', "x.json", "RF101"),
    (b'{"a": "tab\there"}', "x.json", "RF101"),
    (b"a: b: c\n", "x.yaml", "RF108"),
    (b"a:\n\t- x\n", "x.yaml", "RF108"),
    (b"a: *missing\n", "x.yaml", "RF108"),
    (b"a: [1, 2\n", "x.yaml", "RF108"),
    (b"key: !custom 1\n", "x.yaml", "RF111"),
])
def test_common_parser_errors_read_as_chinese(data: bytes, name: str, code: str) -> None:
    findings = load_bytes(data, name).findings
    assert code in [f.code for f in findings]
    finding = next(f for f in findings if f.code == code)
    zh = finding.message("zh")
    assert "解析器原文" not in zh, zh  # a message we know, in our own words
    # the English parser text is not pasted into the Chinese message (tags and key names may stay)
    assert not LATIN_WORD.search(zh.replace("YAML", "").replace("JSON", "").replace("custom", "")), zh
    assert finding.message("en") != zh


def test_unknown_message_is_kept_and_marked() -> None:
    assert zh_parser_detail("some new parser message") == "解析器原文：some new parser message"


@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    assert isinstance(zh_parser_detail(text), str)
