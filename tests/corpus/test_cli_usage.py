"""`riskfmt corpus` refuses, as a usage error (exit 2) that says what to give, a command whose store is missing:
every command that opens a store or an engine checks it the same way (cli/corpus.py, _need_store)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from riskfmt.cli import cli

SPARK = "--engine spark needs --parquet DIR"
DB = "Give --db FILE"


@pytest.mark.parametrize(("args", "says"), [
    (["corpus", "index", "examples/reports/valid", "--engine", "spark"], SPARK),
    (["corpus", "query", "SELECT 1"], DB),
    (["corpus", "query", "--engine", "spark", "SELECT 1"], SPARK),
    (["corpus", "coverage"], DB),
    (["corpus", "coverage", "--format", "html", "--engine", "spark"], SPARK),
])
def test_a_missing_store_is_a_usage_error(args: list[str], says: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert says in result.output
