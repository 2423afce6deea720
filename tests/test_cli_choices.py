"""Choices on the command line come from the registries they name, and the TLP levels have one definition."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from riskfmt.cli import cli
from riskfmt.integrity.markings import TLP_LEVELS

ROOT = Path(__file__).resolve().parents[1]


def _choices(*path: str) -> dict[str, tuple[str, ...]]:
    command: click.Command = cli
    ctx = click.Context(cli)
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(ctx, name)
        assert found is not None, name
        command = found
    return {p.opts[-1]: tuple(p.type.choices) for p in command.params if isinstance(p.type, click.Choice)}


def test_tlp_levels_are_the_schemas_enumeration_in_order() -> None:
    schema = yaml.safe_load((ROOT / "schemas/linkml/common.yaml").read_text(encoding="utf-8"))
    enums = {name: enum for name, enum in schema["enums"].items()
             if "AMBER+STRICT" in (enum.get("permissible_values") or {})}
    assert len(enums) == 1
    assert tuple(next(iter(enums.values()))["permissible_values"]) == TLP_LEVELS


def test_tlp_options_and_labels_use_the_one_definition() -> None:
    from riskfmt.views.labels import TLP_MEANING

    assert _choices("convert")["--tlp"] == TLP_LEVELS
    assert _choices("redact", "copy")["--tlp"] == TLP_LEVELS
    assert _choices("corpus", "coverage")["--max-tlp"] == TLP_LEVELS
    assert tuple(TLP_MEANING) == TLP_LEVELS


def test_format_choices_are_the_renderers() -> None:
    from riskfmt.render import RENDERERS

    assert _choices("validate")["--format"] == tuple(RENDERERS)
    assert _choices("vocab", "check")["--format"] == tuple(RENDERERS)


def test_convert_choices_are_the_converter_and_writer_registries() -> None:
    from riskfmt.convert import BUILTIN
    from riskfmt.convert.targets import TARGETS

    options = _choices("convert")
    assert options["--from"] == tuple(BUILTIN)
    assert options["--to"] == tuple(TARGETS)


def test_corpus_formats_are_the_answer_writers() -> None:
    from riskfmt.corpus.output import FORMATS

    assert _choices("corpus", "query")["--format"] == FORMATS


def test_no_command_spells_a_registry_out() -> None:
    # the lists the registries hold must not be typed again in a command
    for path in (ROOT / "src/riskfmt/cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for spelled in ('"AMBER+STRICT", "RED"', '"github", "sarif"', '"lm-eval", "helm"', '"csv", "markdown"]'):
            assert spelled not in text, (path.name, spelled)
