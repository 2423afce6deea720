"""A converter's note on what it lost, derived or defaulted (``ReportBuilder.lost``, ``derived``, ``defaulted``,
``no_uncertainty``) is shown in Chinese only when its English is a catalogue entry (msgctxt "conversion"): the
English must be a literal template, the numbers and names in it passed as ``**values``. An f-string or a
concatenation misses the catalogue and the Chinese output shows English; these tests read the converters'
source and fail on one."""

from __future__ import annotations

import ast
import string
from collections.abc import Callable, Iterable
from pathlib import Path

from conftest import ROOT

from riskfmt.i18n.zh import ZH

CONVERT = ROOT / "src" / "riskfmt" / "convert"
CONTEXT = "conversion"

# method -> (name of the explanation keyword, index of the explanation among the positional arguments)
_METHODS = {"lost": ("why", 1), "derived": ("how", 1), "defaulted": ("hint", 2), "no_uncertainty": ("why", 1)}


def _parse_date_reasons(module: str) -> Callable[[], Iterable[str]]:
    """Every reason a converter's ``parse_date`` gives, got by calling it on each kind of bad date."""
    def reasons() -> list[str]:
        import importlib

        parse_date = importlib.import_module(module).parse_date
        return [parse_date(value)[1] for value in (None, "", "yesterday", "2024-05-01T12:00:00")]
    return reasons


def _table(module: str, name: str) -> Callable[[], Iterable[str]]:
    def texts() -> list[str]:
        import importlib

        table = getattr(importlib.import_module(module), name)
        return list(table.values())
    return texts


# (file under riskfmt/convert, the expression passed as the explanation) -> (why it carries catalogue texts,
# the texts it can carry). Every other explanation must be a string literal.
ALLOWED: dict[tuple[str, str], tuple[str, Callable[[], Iterable[str]]]] = {
    ("inspect_ai/facts.py", "why"): (
        "the reason of _coerce.parse_date, one of its literals", _parse_date_reasons("riskfmt.convert._coerce")),
    ("openai_evals.py", "why"): (
        "the reason of openai_evals.parse_date, one of its literals",
        _parse_date_reasons("riskfmt.convert.openai_evals")),
    ("inspect_ai/facts.py", "_GROUP_WHY['usage']"): (
        "a text of the _GROUP_WHY table (in i18n_coverage.LOOKUP_TABLES)",
        _table("riskfmt.convert.inspect_ai.facts", "_GROUP_WHY")),
    ("inspect_ai/facts.py", "_GROUP_WHY.get(group, 'no riskfmt field')"): (
        "a text of the _GROUP_WHY table (in i18n_coverage.LOOKUP_TABLES), else the literal default",
        lambda: [*_table("riskfmt.convert.inspect_ai.facts", "_GROUP_WHY")(), "no riskfmt field"]),
    ("lm_eval/read.py", "why"): (
        "a text of the _ENVIRONMENT table (in i18n_coverage.LOOKUP_TABLES)",
        _table("riskfmt.convert.lm_eval.read", "_ENVIRONMENT")),
    ("opencompass/read.py", "CONFIG_LOST[key]"): (
        "a template of layout.CONFIG_LOST (in i18n_coverage.LOOKUP_TABLES), its values from layout",
        _table("riskfmt.convert.opencompass.layout", "CONFIG_LOST")),
}


def _explanations(root: Path = CONVERT) -> list[tuple[str, int, str, ast.expr]]:
    """(file, line, method, the explanation's expression) of every call of the four methods under ``root``."""
    out: list[tuple[str, int, str, ast.expr]] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _METHODS):
                continue
            keyword, index = _METHODS[node.func.attr]
            texts = node.args[index:index + 2] + [k.value for k in node.keywords if k.arg in (keyword, keyword + "_zh")]
            out += [(rel, node.lineno, node.func.attr, text) for text in texts]
    return out


def _literal(text: ast.expr) -> str | None:
    return text.value if isinstance(text, ast.Constant) and isinstance(text.value, str) else None


def _fields(template: str) -> list[tuple[str, str | None, str]]:
    """The placeholders of a str.format template: (name, conversion, format spec), sorted."""
    return sorted((name, conversion, spec or "") for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None)


def _texts() -> list[tuple[str, str]]:
    """(where, English) of every explanation: the literals, and the texts each allowed variable carries."""
    out = []
    for rel, line, _method, text in _explanations():
        literal = _literal(text)
        if literal:  # "" (no Chinese given) asks the catalogue
            out.append((f"{rel}:{line}", literal))
        elif (rel, ast.unparse(text)) in ALLOWED:
            out += [(f"{rel}:{line} {ast.unparse(text)}", t) for t in ALLOWED[rel, ast.unparse(text)][1]() if t]
    return out


def test_every_explanation_is_a_literal_or_an_allowed_table() -> None:
    found = _explanations()
    assert len(found) > 200  # the scan sees the calls (a renamed method would make it see none)
    bad = [f"{rel}:{line}: {method} {ast.unparse(text)}" for rel, line, method, text in found
           if _literal(text) is None and (rel, ast.unparse(text)) not in ALLOWED]
    assert bad == [], "pass a literal template and its values as **values, not an f-string or a concatenation"


def test_the_allowlist_holds_only_what_the_source_uses() -> None:
    used = {(rel, ast.unparse(text)) for rel, _, _, text in _explanations()}
    assert set(ALLOWED) <= used


def test_an_f_string_explanation_is_caught(tmp_path: Path) -> None:
    (tmp_path / "conv.py").write_text('b.lost("date", f"not a Unix time: {raw!r}")\n'
                                      'b.derived("n", "counted " + where)\n'
                                      'b.defaulted("x", 1, hint="literal")\n', encoding="utf-8")
    found = [(line, _literal(text)) for _, line, _, text in _explanations(tmp_path)]
    assert found == [(1, None), (2, None), (3, "literal")]


def test_every_explanation_has_chinese_with_the_same_placeholders() -> None:
    texts = _texts()
    assert len(texts) > 200
    lacking = sorted({(where, text) for where, text in texts if f"{CONTEXT}\x04{text}" not in ZH})
    assert lacking == [], "add these to src/riskfmt/i18n/zh_CN.po under msgctxt \"conversion\""
    differ = sorted({(where, text) for where, text in texts
                     if _fields(text) != _fields(ZH[f"{CONTEXT}\x04{text}"])})
    assert differ == [], "the Chinese must keep the English placeholders, with the same !r and format spec"


def test_the_placeholder_check_sees_a_difference() -> None:
    assert _fields("not a Unix time: {raw!r}") == [("raw", "r", "")]
    assert _fields("not a Unix time: {raw!r}") != _fields("不是 Unix 时间：{raw}")
    assert _fields("{raw!r:.186}") != _fields("{raw!r}")


# the parameters of each method: a value named like one of them cannot be passed as **values
_PARAMETERS = {"lost": {"field", "why", "why_zh"}, "derived": {"field", "how", "how_zh"},
               "defaulted": {"field", "value", "hint", "hint_zh"}, "no_uncertainty": {"metric", "why", "why_zh"}}


def test_every_literal_template_gets_exactly_its_values() -> None:
    """A placeholder without its value would raise KeyError when the note is made, a value named like the
    method's own parameters (``field``) a TypeError: both only on the input that reaches the call."""
    wrong = []
    for path in sorted(CONVERT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _METHODS) or any(k.arg is None for k in node.keywords):
                continue  # **values from a table: its templates are checked against the table above
            keyword, index = _METHODS[node.func.attr]
            texts = [_literal(t) for t in node.args[index:index + 1] + [k.value for k in node.keywords
                                                                        if k.arg == keyword]]
            parameters = _PARAMETERS[node.func.attr]
            names = {k.arg for k in node.keywords if k.arg not in parameters}
            for text in texts:
                if text is not None and {name for name, _, _ in _fields(text)} != names:
                    wrong.append(f"{path.relative_to(CONVERT)}:{node.lineno} {text!r} {sorted(names)}")
            if {name for name, _, _ in _fields(" ".join(t for t in texts if t))} & parameters:
                wrong.append(f"{path.relative_to(CONVERT)}:{node.lineno} a placeholder named like a parameter")
    assert wrong == []


def test_a_chat_template_note_is_chinese(tmp_path: Path) -> None:
    """A real lm-eval 0.4 results file given the chat template and system instruction texts that its keys are
    for (the logged run had none): the notes on them come from the catalogue, in both languages."""
    import json

    from riskfmt.convert import convert

    source = ROOT / "tests" / "realworld" / "lm-eval" / "v0.4" / "Qwen2.5-1.5B" / \
        "results_2025-03-03T00-05-12.300060.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    data["chat_template"] = "{% for message in messages %}{{ message['content'] }}{% endfor %}"
    data["system_instruction"] = "Answer briefly."
    path = tmp_path / "results_2025-03-03T00-05-12.300060.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (converted,) = convert([path])
    notes = {(f.code, f.params["field"]): (f.message("en"), f.message("zh")) for f in converted.findings
             if f.code in ("RF601", "RF608") and "chat_template" in f.params["field"]}
    en, zh = notes["RF601", "chat_template"]
    assert en.endswith("the text itself is not kept; its sha256 is settings.chat_template_digest")
    assert zh.endswith("不保留文本本身；其 sha256 记于 settings.chat_template_digest")
    en, zh = notes["RF608", "settings.chat_template_digest"]
    assert en.endswith("sha256 of chat_template") and zh.endswith("chat_template 的 sha256")
