"""``riskfmt corpus``: index many reports into DuckDB (or Parquet), ask SQL and named questions of them, on DuckDB
or Apache Spark, and export Hive-partitioned Parquet. Options in, one library call, rendering out.

Exit codes: 0 done, 1 some files were not indexed (their findings say why), 2 usage, store or query error
(including a missing optional extra: the message names it), 3 internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from riskfmt.cli._options import (
    FINDINGS_PER_CODE,
    RegistryChoice,
    all_findings_option,
    lang_option,
    quiet_option,
    tlp_choice,
)

# the command's own lines; their Chinese is in riskfmt/i18n/zh_CN.po
MESSAGES: dict[str, str] = {
    "indexed": ("Indexed {indexed} report(s) ({samples} sample rows), replaced {replaced}, unchanged {unchanged}, not "
                "indexed {not_indexed}: {store}"),
    "exported": "Exported {tables} tables ({rows} rows) to {folder}",
    "parquet-needs-output": "--format parquet needs -o FILE",
    "spark-needs-parquet": "--engine spark needs --parquet DIR (a corpus export, or the folder to index into)",
    "needs-db": "Give --db FILE (or --engine spark with --parquet DIR)",
    "html-coverage-only": "--format html is the coverage heatmap: only riskfmt corpus coverage draws it",
}


def _say(key: str, lang: str, err: bool = False, **params: Any) -> None:
    from riskfmt.i18n import translate

    click.echo(translate(MESSAGES[key], lang).format(**params), err=err)


def _usage(key: str, lang: str) -> NoReturn:
    _say(key, lang, err=True)
    raise click.exceptions.Exit(2)


@click.group("corpus")
def group() -> None:
    """Many reports at once: index them into DuckDB, ask SQL and named questions, export Parquet, or run the
    same SQL on Apache Spark.

    \b
    Needs the optional packages: pip install 'riskfmt[corpus]' (DuckDB, pyarrow); 'riskfmt[spark]' for Spark.
    """


def _answer_formats() -> tuple[str, ...]:
    from riskfmt.corpus.output import FORMATS

    return FORMATS


_db_option = click.option("--db", "db", metavar="FILE", help="The DuckDB corpus file.")
_engine_option = click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
                              help="duckdb reads --db; spark reads a Parquet export (--parquet).")
_parquet_option = click.option("--parquet", "parquet", metavar="DIR",
                               help="A corpus Parquet folder (for --engine spark).")
_master_option = click.option("--master", metavar="URL",
                              help="Spark master (default local[*]; env RISKFMT_SPARK_MASTER).")
_format_option = click.option("--format", "output_format", type=RegistryChoice(_answer_formats),
                              default="table", show_default=True, help="Output format.")
_output_option = click.option("-o", "--output", "output", metavar="FILE",
                              help="Write to this file (needed for parquet) instead of standard output.")
_max_tlp_option = click.option("--max-tlp", type=tlp_choice,
                               default="RED", show_default=True,
                               help="Leave out rows marked stricter than this TLP label.")


@group.command("index")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_option
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb", show_default=True,
              help="duckdb loads into --db; spark writes Parquet for Spark straight to --parquet.")
@_parquet_option
@lang_option
@quiet_option
@all_findings_option
def index(paths: tuple[str, ...], db: str | None, engine: str, parquet: str | None, lang: str, quiet: bool,
          all_findings: bool) -> int:
    """Validate reports and incident reports and load the valid ones (PATH may be a directory).

    \b
    One row per report, evaluation, result, risk link, finding and sample (inline or from a pinned samples
    file, streamed), with the vocabulary, its hierarchy and crosswalks as tables. Indexing the same report
    again changes nothing; a changed report replaces the old one; an invalid one is reported and not loaded.
    Exit codes: 0 all indexed, 1 some files not indexed, 2 usage or store error, 3 internal error.
    """
    from riskfmt.corpus.index import index_paths
    from riskfmt.corpus.store import DuckDBStore, ParquetStore
    from riskfmt.findings import FileResult, Severity, ValidationResult
    from riskfmt.i18n import translate
    from riskfmt.progress import Progress, progress_enabled
    from riskfmt.render import render
    from riskfmt.validation import expand_paths

    _need_store(engine, db, parquet, lang)
    # a store that cannot be opened raises StoreError: its finding is reported by riskfmt.cli._boundary
    store: Any = ParquetStore(parquet) if engine == "spark" else DuckDBStore(db)  # type: ignore[arg-type]
    total = sum(1 for _ in expand_paths(paths)) if progress_enabled(sys.stderr) else None
    try:
        with Progress(translate("Indexing"), total, unit=translate("files")) as shown:
            result = index_paths(paths, store, progress=shown.update)
    finally:
        store.close()
    by_file: dict[str, list[Any]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.location.source, []).append(finding)
    render("text", ValidationResult([FileResult(source=s, findings=f) for s, f in by_file.items()]), sys.stdout,
           lang, color=sys.stdout.isatty(), quiet=True, limit=None if all_findings else FINDINGS_PER_CODE)
    if not quiet:
        _say("indexed", lang, indexed=result.indexed, samples=result.samples, replaced=result.replaced,
             unchanged=result.unchanged, not_indexed=result.not_indexed, store=parquet if engine == "spark" else db)
    return 1 if result.not_indexed or any(f.severity is Severity.ERROR for f in result.findings) else 0


def _need_store(engine: str, db: str | None, parquet: str | None, lang: str) -> None:
    """A usage error (exit 2) unless the store the engine works on is given."""
    if engine == "spark" and not parquet:
        _usage("spark-needs-parquet", lang)
    if engine == "duckdb" and not db:
        _usage("needs-db", lang)


def _engine(db: str | None, engine: str, parquet: str | None, master: str | None, lang: str) -> Any:
    """The query engine the options name, open on its store (the caller closes it)."""
    from riskfmt.corpus.engines import DuckDBEngine, SparkEngine

    _need_store(engine, db, parquet, lang)
    return SparkEngine(parquet, master) if engine == "spark" else DuckDBEngine(db)  # type: ignore[arg-type]

def _answer(make_sql: Callable[[Any], str], db: str | None, engine: str, parquet: str | None, master: str | None,
            output_format: str, output: str | None, lang: str) -> int:
    from riskfmt.corpus.output import write_answer
    from riskfmt.corpus.questions import heading

    if output_format == "parquet" and not output:
        _usage("parquet-needs-output", lang)
    if output_format == "html":
        _usage("html-coverage-only", lang)
    # StoreError and QueryError carry their finding to riskfmt.cli._boundary
    runner = _engine(db, engine, parquet, master, lang)
    try:
        table = runner.sql(make_sql(runner))
    finally:
        runner.close()
    if output_format == "parquet":
        write_answer(table, "parquet", sys.stdout, parquet_path=output)
    elif output:
        import io

        from riskfmt.io import atomic_write_text

        buffer = io.StringIO()
        write_answer(table, output_format, buffer, heading=lambda c: heading(c, lang))
        atomic_write_text(output, buffer.getvalue())
    else:
        write_answer(table, output_format, sys.stdout, heading=lambda c: heading(c, lang))
    return 0


def _query_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([_db_option, _engine_option, _parquet_option, _master_option, _format_option,
                            _output_option, lang_option]):
        function = option(function)
    return function


@group.command("query")
@click.argument("sql", metavar="SQL")
@_query_options
def query(sql: str, db: str | None, engine: str, parquet: str | None, master: str | None, output_format: str,
          output: str | None, lang: str) -> int:
    """Run one SQL query on the corpus (read-only) and print the answer.

    \b
    Tables: reports, evaluations, results, risk_links, findings, samples, incidents, index_findings,
    concepts, concept_closure, crosswalk (docs/corpus.md). Every report row has tlp and tlp_rank.
    """
    return _answer(lambda _: sql, db, engine, parquet, master, output_format, output, lang)


@group.command("coverage")
@_query_options
@_max_tlp_option
@click.option("--untested", is_flag=True, help="Only the risk concepts nothing in the corpus tests.")
def coverage(db: str | None, engine: str, parquet: str | None, master: str | None, output_format: str,
             output: str | None, lang: str, max_tlp: str, untested: bool) -> int:
    """Which risk concepts are tested, how often, by whom and on which models (rolled up the hierarchy).

    \b
    --format html draws a heatmap of models x top risk concepts instead: one self-contained page in English
    and Chinese, each model row with its TLP label.
    """
    from riskfmt.corpus.questions import coverage_sql

    if output_format == "html":
        return _coverage_page(db, engine, parquet, master, output, lang, max_tlp)
    return _answer(lambda e: coverage_sql(e, lang=lang, max_tlp=max_tlp, untested=untested), db, engine, parquet,
                   master, output_format, output, lang)


def _coverage_page(db: str | None, engine: str, parquet: str | None, master: str | None, output: str | None,
                   lang: str, max_tlp: str) -> int:
    from riskfmt.views.corpus import coverage_html

    runner = _engine(db, engine, parquet, master, lang)
    try:
        page = coverage_html(runner, source=str(parquet if engine == "spark" else db), max_tlp=max_tlp)
    finally:
        runner.close()
    if output:
        from riskfmt.io import atomic_write_text

        atomic_write_text(output, page)
    else:
        click.echo(page, nl=False)
    return 0


@group.command("disagreements")
@_query_options
@_max_tlp_option
@click.option("--z", "z", type=click.FloatRange(min=0), default=3.0, show_default=True,
              help="Also flag pairs whose difference exceeds this many standard errors.")
def disagreements(db: str | None, engine: str, parquet: str | None, master: str | None, output_format: str,
                  output: str | None, lang: str, max_tlp: str, z: float) -> int:
    """Results of the same task, metric, model and slice from different producers that disagree: 95%
    intervals that do not overlap, or a difference beyond --z standard errors."""
    from riskfmt.corpus.questions import disagreements_sql

    return _answer(lambda e: disagreements_sql(e, z=z, max_tlp=max_tlp), db, engine, parquet, master, output_format,
                   output, lang)


@group.command("history")
@click.argument("model", metavar="MODEL")
@_query_options
@_max_tlp_option
def history(model: str, db: str | None, engine: str, parquet: str | None, master: str | None, output_format: str,
            output: str | None, lang: str, max_tlp: str) -> int:
    """One model's results over time, oldest first (MODEL as the reports name it)."""
    from riskfmt.corpus.questions import history_sql

    return _answer(lambda e: history_sql(e, model, max_tlp=max_tlp), db, engine, parquet, master, output_format,
                   output, lang)


@group.command("export")
@_db_option
@click.option("--parquet", "parquet", required=True, metavar="DIR", help="An empty or new folder.")
@lang_option
def export(db: str | None, parquet: str, lang: str) -> int:
    """Write every table as Hive-partitioned Parquet (by producer, model and, for results and risk links, the
    risk's top concept), readable by pyarrow, DuckDB, Polars and Spark."""
    from riskfmt.corpus.export import export_parquet

    if not db:
        _usage("needs-db", lang)
    counts = export_parquet(db, parquet)
    _say("exported", lang, tables=len(counts), rows=sum(counts.values()), folder=parquet)
    return 0
