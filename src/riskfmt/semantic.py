"""Rules JSON Schema cannot express, and the vocabulary pass, for evaluation reports.

Runs only on documents that passed the schema, so every field here has the shape the schema promises.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import datetime
from itertools import chain, islice, repeat
from operator import itemgetter, lt
from typing import TYPE_CHECKING, Any

from riskfmt.findings import Finding, made
from riskfmt.kinds import document_checks, resolve
from riskfmt.plain import index_tokens, survey
from riskfmt.vocab_index import Release, has_token, is_release, newer_than_latest, plain_risk_ids, releases

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from riskfmt.vocab import Vocabulary

# Imports here stay light on purpose: a clean report must validate in a few milliseconds of start-up (see
# riskfmt/_quick.py). Whatever only a finding or a samples file needs is imported where it is used.

__all__ = ["SamplesFileCheck", "check_report", "check_samples_file", "check_vocabulary_refs", "unknown_id"]

_PLACEHOLDER = re.compile(r"^[a-z0-9]+:(.)\1*$")


def check_report(
    report: dict[str, Any], source: str, base_dir: Path | None, format_version: str,
    check_samples: bool | Callable[..., list[Finding]] = True,
) -> list[Finding]:
    """Every semantic rule of an evaluation report. ``check_samples`` is True (check every samples file the report
    pins), False (open none), or a function called instead of ``check_samples_file`` with its arguments: ``riskfmt
    diff`` takes the checks that way to run them while it pairs the samples, reading each file once."""
    out: list[Finding] = []
    vocab, cited, vocab_findings = _vocabulary_for(report, source)
    out.extend(vocab_findings)
    identity_at = len(out)  # the report id's findings go here, worked out last (another process may be at it)
    _rules(report, source, base_dir, format_version, check_samples, vocab, cited, out)
    out[identity_at:identity_at] = _identity(report, source)
    return out


def _rules(report: dict[str, Any], source: str, base_dir: Path | None, format_version: str,
           check_samples: bool | Callable[..., list[Finding]], vocab: Release | None, cited: str,
           out: list[Finding]) -> None:
    """Every rule but the report id's, findings added to ``out`` in the order they are reported."""
    evaluations = report["evaluations"]
    odd: list[int] | None = None
    dated: list[int] | None = None
    if _FOLDED_RESULTS:
        # Thousands of evaluations: one cheap pass tells whether any id repeats, which evaluations any
        # per-evaluation rule could fire on, and which have dates; only those go through the rules, in order. No id
        # repeats, so the id rule has nothing to say, and every other rule looks at one evaluation only: the
        # findings are the rules' own, in the same order.
        plain = plain_risk_ids(vocab.version, cited) if vocab is not None else None
        methods = index_tokens(vocab.version, "method") if vocab is not None else None
        odd, dated = survey(evaluations, plain, methods)
    out.extend(_dates(report, source, dated))
    out.extend(_digests(report, source))
    # the checks registered for every evaluation report (riskfmt.kinds.DOCUMENT_CHECKS) bring rules that run
    # here, after the schema (the disclosure: one record per withheld item), and scanners of samples files
    for check in document_checks("evaluation-report"):
        if check.rules is not None:
            out.extend(resolve(check.rules)(report, source))
    seen_ids: dict[str, str] = {}
    if odd is not None:
        for e_index in odd:
            _evaluation(report, evaluations[e_index], e_index, vocab, cited, seen_ids, source, base_dir,
                        format_version, check_samples, out)
        return
    for e_index, evaluation in enumerate(evaluations):
        _evaluation(report, evaluation, e_index, vocab, cited, seen_ids, source, base_dir, format_version,
                    check_samples, out)


_FOLDED_RESULTS = True  # tests switch it off to compare with the rules taken one evaluation at a time


def _evaluation(report: dict[str, Any], evaluation: dict[str, Any], e_index: int, vocab: Release | None, cited: str,
                seen_ids: dict[str, str], source: str, base_dir: Path | None, format_version: str,
                check_samples: bool | Callable[..., list[Finding]], out: list[Finding]) -> None:
    """Every per-evaluation rule, for one evaluation, in the order its findings are reported."""
    e_ptr = f"/evaluations/{e_index}"
    out.extend(_unique(evaluation["id"], f"{e_ptr}/id", seen_ids, source))
    if vocab is not None:
        method = evaluation["method"]
        if not has_token(vocab.version, "method", method):
            out.append(unknown_id(vocab, "RF403", method, f"{e_ptr}/method", source, scheme="method"))
    measurements: dict[tuple[Any, ...], str] = {}
    for r_index, result in enumerate(evaluation.get("results", [])):
        r_ptr = f"{e_ptr}/results/{r_index}"
        out.extend(_unique(result["id"], f"{r_ptr}/id", seen_ids, source))
        out.extend(_result(result, r_ptr, source))
        key = (result["metric"]["id"], tuple(sorted((result.get("slice") or {}).items())),
               tuple(sorted(result["risks"])))
        if key in measurements:
            out.append(Finding.make("RF507", source, r_ptr, first=measurements[key]))
        else:
            measurements[key] = r_ptr
        if vocab is not None:
            out.extend(check_vocabulary_refs(vocab, cited, result["risks"], f"{r_ptr}/risks", source))
    sample_ids = _inline_samples(evaluation, e_ptr, vocab, cited, source, out)
    for f_index, finding in enumerate(evaluation.get("findings", [])):
        f_ptr = f"{e_ptr}/findings/{f_index}"
        out.extend(_unique(finding["id"], f"{f_ptr}/id", seen_ids, source))
        if vocab is not None:
            out.extend(check_vocabulary_refs(vocab, cited, finding["risks"], f"{f_ptr}/risks", source))
        if sample_ids is not None:
            for s_index, sample_id in enumerate(finding.get("sample_ids", [])):
                if sample_id not in sample_ids:
                    out.append(Finding.make("RF517", source, f"{f_ptr}/sample_ids/{s_index}", id=sample_id))
    samples_file = (evaluation.get("samples") or {}).get("file")
    if samples_file is not None and check_samples:
        check = check_samples_file if check_samples is True else check_samples
        out.extend(check(samples_file, f"{e_ptr}/samples/file", source, base_dir, format_version, vocab, cited,
                         report))


# --------------------------------------------------------------------------------------------------


def _vocabulary_for(report: dict[str, Any], source: str) -> tuple[Release | None, str, list[Finding]]:
    cited = report["vocabulary_version"]
    if is_release(cited):
        return Release(cited), cited, []
    if newer_than_latest(cited):
        latest = releases()[-1]
        newer = Finding.make("RF206", source, "/vocabulary_version", version=cited, known=latest)
        return Release(latest), cited, [newer]
    unknown = Finding.make("RF207", source, "/vocabulary_version", version=cited, known=", ".join(releases()))
    return None, cited, [unknown]


# the suggestion of an unknown id (unknown_id); its Chinese is in riskfmt/i18n/zh_CN.po (msgctxt "suggestion")
_DID_YOU_MEAN = "; did you mean {suggestions}?"


def unknown_id(vocab: Vocabulary | Release, code: str, value: str, pointer: str, source: str,
             scheme: str = "risk") -> Finding:
    """The finding ``code`` for an id ``value`` the vocabulary does not know, with the closest ids suggested."""
    close = vocab.suggest(value, scheme=scheme)
    suggestion = suggestion_zh = ""
    if close:
        from riskfmt.i18n.text import translate

        suggestion = _DID_YOU_MEAN.format(suggestions=", ".join(f"{c.token} ({c.label('en')})" for c in close))
        suggestion_zh = translate(_DID_YOU_MEAN, "zh", "suggestion").format(
            suggestions="、".join(f"{c.token}（{c.label('zh')}）" for c in close))
    return Finding.make(code, source, pointer, id=value, suggestion=suggestion, suggestion_zh=suggestion_zh)


def check_vocabulary_refs(
    vocab: Vocabulary | Release, cited: str, ids: list[str], pointer: str, source: str
) -> Iterator[Finding]:
    """Unknown, deprecated and too-new risk ids in one list of ids."""
    plain = plain_risk_ids(vocab.version, cited)
    if plain.issuperset(ids):  # the common case, and the hot path for per-sample risks
        return
    newer = newer_than_latest(cited)
    for index, risk_id in enumerate(ids):
        if risk_id in plain:
            continue
        here = f"{pointer}/{index}"
        concept = vocab.get(risk_id)
        if concept is None and ":" in risk_id:
            # a framework's own code (ailuminate:iwp) resolves through the release's crosswalks
            from riskfmt.mappings import load_crosswalk

            crosswalk = load_crosswalk(vocab.version)
            if crosswalk.is_code(risk_id):
                if not crosswalk.concepts_for(risk_id):
                    yield Finding.make("RF406", source, here, id=risk_id, version=vocab.version)
                continue
        if concept is None or concept.scheme != "risk":
            from riskfmt.vocab import load_vocabulary

            later = load_vocabulary().get(risk_id)  # a report may cite a release older than its ids
            if later is not None and later.scheme == "risk" and not newer:
                yield Finding.make("RF404", source, here, id=risk_id, added=later.added_in, cited=cited)
            elif newer:
                yield Finding.make("RF405", source, here, id=risk_id, cited=cited)
            else:
                yield unknown_id(vocab, "RF401", risk_id, here, source)
            continue
        from riskfmt.versions import version_key

        if version_key(concept.added_in) > version_key(cited):
            yield Finding.make("RF404", source, here, id=risk_id, added=concept.added_in, cited=cited)
        if concept.deprecated:
            replacement = vocab.get(concept.replaced_by or "")
            yield Finding.make(
                "RF402", source, here, id=risk_id, label=concept.label("en"), label_zh=concept.label("zh"),
                since=concept.deprecated_in or "?", replacement=concept.replaced_by or "?",
                replacement_label=replacement.label("en") if replacement else "?",
                replacement_label_zh=replacement.label("zh") if replacement else "?",
            )


def _unique(value: str, pointer: str, seen: dict[str, str], source: str) -> list[Finding]:
    if value in seen:
        return [Finding.make("RF506", source, pointer, id=value, first=seen[value])]
    seen[value] = pointer
    return []


def _identity(report: dict[str, Any], source: str) -> list[Finding]:
    from riskfmt._ahead import MISSING, take

    expected = take("report_id", report)  # what a process beside this one computed (riskfmt._sidecar)
    if expected is MISSING:
        from riskfmt.identity import report_id

        expected = report_id(report)
    if report["report_id"] != expected:
        return [Finding.make("RF508", source, "/report_id", found=report["report_id"], expected=expected)]
    return []


def _parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _dates(report: dict[str, Any], source: str, dated: list[int] | None = None) -> list[Finding]:
    """RF505: an evaluation completed before it started, or after the report was created. ``dated``: the indices
    of the only evaluations with ``started`` or ``completed`` (``riskfmt.plain.survey``), None to look at all."""
    out = []
    created = report.get("created")
    evaluations = report["evaluations"]
    for index in range(len(evaluations)) if dated is None else dated:
        evaluation = evaluations[index]
        if not created and ("started" not in evaluation or "completed" not in evaluation):
            continue  # nothing to compare (most evaluations of a results-heavy report)
        ptr = f"/evaluations/{index}"
        pairs = [("started", evaluation.get("started"), "completed", evaluation.get("completed"))]
        if created:
            pairs.append(("completed", evaluation.get("completed") or evaluation.get("started"), "created", created))
        for earlier_field, earlier, later_field, later in pairs:
            if not earlier or not later:
                continue
            a, b = _parse_time(earlier), _parse_time(later)
            if a is None or b is None or (a.tzinfo is None) != (b.tzinfo is None):
                continue
            if b < a:
                later_ptr = "/created" if later_field == "created" else f"{ptr}/{later_field}"
                out.append(Finding.make("RF505", source, later_ptr, later_field=later_field, later=later,
                                        earlier_field=earlier_field, earlier=earlier))
    return out


def _digests(report: dict[str, Any], source: str) -> list[Finding]:
    from itertools import compress, count

    from riskfmt.caps import Tally

    values = list(map(itemgetter("digest"), report["model"].get("digests", [])))
    # one value repeated (a flood of one placeholder) is told by one count in C, without hashing every value into a
    # set; else each distinct value is matched once: one placeholder copied 847,000 times is one match
    repeated = bool(values) and values[-1] == values[0] and values.count(values[0]) == len(values)
    placeholders = {value for value in (values[:1] if repeated else set(values)) if _PLACEHOLDER.match(value)}
    if not placeholders:
        return []
    tally = Tally()  # the first ones listed, the rest only counted (RF520)
    # counted in C (a few placeholders: one comparison a value each), and only the listed ones are looked for
    found = len(values) if repeated else (sum(map(values.count, placeholders)) if len(placeholders) <= 4
                                          else sum(map(placeholders.__contains__, values)))
    listed = tally.admit_many(source, "RF513", found)
    indices = (range(listed) if repeated  # every digest the placeholder: the listed ones are the first ones
               else list(islice(compress(count(), map(placeholders.__contains__, values)), listed)))
    by_value = {value: {"digest": value} for value in placeholders}  # one parameters mapping per placeholder
    tally.kept = made("RF513", source, [f"/model/digests/{index}/digest" for index in indices],
                      [by_value[values[index]] for index in indices])
    return tally.finish()


def _result(result: dict[str, Any], ptr: str, source: str) -> list[Finding]:
    out = []
    value = result["value"]
    if not math.isfinite(value):
        return [Finding.make("RF519", source, f"{ptr}/value")]
    metric = result["metric"]
    low, high = metric.get("min"), metric.get("max")
    if low is not None and high is not None and low > high:
        out.append(Finding.make("RF504", source, f"{ptr}/metric", min=low, max=high))
    elif (low is not None and value < low) or (high is not None and value > high):
        out.append(Finding.make("RF503", source, f"{ptr}/value", value=value,
                                min="-∞" if low is None else low, max="∞" if high is None else high))
    uncertainty = result.get("uncertainty")
    if uncertainty:
        ci = uncertainty.get("ci")
        if ci:
            if ci["lower"] > ci["upper"]:
                out.append(Finding.make("RF502", source, f"{ptr}/uncertainty/ci", lower=ci["lower"], upper=ci["upper"]))
            elif not ci["lower"] <= value <= ci["upper"]:
                out.append(Finding.make("RF501", source, f"{ptr}/uncertainty/ci", lower=ci["lower"],
                                        upper=ci["upper"], value=value))
        if "n" not in result:
            out.append(Finding.make("RF515", source, f"{ptr}/uncertainty"))
        se = uncertainty.get("standard_error")
        if se is not None and se > 0.5 and low == 0 and high == 1:
            out.append(Finding.make("RF516", source, f"{ptr}/uncertainty/standard_error", se=se))
    return out


def _inline_samples(
    evaluation: dict[str, Any], e_ptr: str, vocab: Release | None, cited: str, source: str, out: list[Finding]
) -> set[str] | None:
    samples = (evaluation.get("samples") or {}).get("inline")
    if samples is None:
        return None
    streamed = getattr(samples, "check_rules", None)
    if streamed is not None:  # riskfmt.stream: the rows were checked as they were read, and not kept
        return streamed(evaluation, e_ptr, out)  # type: ignore[no-any-return]
    # Hundreds of thousands of samples: check with comprehensions, and walk one by one only to locate
    # what the bulk checks found.
    # map, zip and chain run in C: no Python frame per sample unless something is found
    ids = list(map(itemgetter("sample_id"), samples))
    # distinct ids make distinct (id, epoch) keys: the pairs are built only when an id repeats (several epochs).
    # Ids in strictly increasing order are distinct: one pass of comparisons (19 ms for 500,000 ids, where the
    # set took 44 ms and 16 MB), which stops at the first pair out of order, and then the set decides
    distinct: set[str] | None = None
    if not all(map(lt, ids, islice(ids, 1, None))):
        distinct = set(ids)
    # dict.get through map with repeated arguments: half the time of a methodcaller (schema-valid: dicts only)
    keys = [] if distinct is None or len(distinct) == len(ids) else list(
        zip(ids, map(dict.get, samples, repeat("epoch"), repeat(1)), strict=True))
    if len(set(keys)) != len(keys):
        from riskfmt.caps import Tally

        seen: set[tuple[str, int]] = set()
        tally = Tally()  # one finding per duplicate row, but never millions of them
        for index, key in enumerate(keys):
            if key in seen:
                tally.add(Finding.make("RF514", source, f"{e_ptr}/samples/inline/{index}", id=key[0], epoch=key[1]))
            seen.add(key)
        out.extend(tally.finish())
    if vocab is not None:
        plain = plain_risk_ids(vocab.version, cited)
        every = chain.from_iterable(filter(None, map(dict.get, samples, repeat("risks"))))
        odd = [] if plain.issuperset(every) else [
            i for i, sample in enumerate(samples) if (r := sample.get("risks")) and not plain.issuperset(r)]
        for index in odd:
            out.extend(check_vocabulary_refs(vocab, cited, samples[index]["risks"],
                                             f"{e_ptr}/samples/inline/{index}/risks", source))
    if not any(f.get("sample_ids") for f in evaluation.get("findings", [])):
        return set()  # nobody cites samples
    return set(ids) if distinct is None else distinct


def check_samples_file(
    spec: dict[str, Any],
    pointer: str,
    source: str,
    base_dir: Path | None,
    format_version: str,
    vocab: Release | None,
    cited: str,
    report: dict[str, Any] | None = None,
) -> list[Finding]:
    """Stream a referenced JSONL samples file: digest, row count, each line's schema, duplicates, and the
    row scanners of the whole-document checks (``riskfmt.kinds``; the leak checks of inline samples), which
    read what ``report``, the report that cites the file, declares (such as the kinds of content withheld).

    Memory stays flat whatever the file's size: about a megabyte of lines at a time, and the bounded set of
    (id, epoch) key hashes in ``riskfmt._dedup``.
    """
    check = SamplesFileCheck.open(spec, pointer, source, base_dir, format_version, vocab, cited, report)
    if isinstance(check, list):
        return check
    with check.target.open("rb") as handle:
        while True:
            lines = handle.readlines(_CHUNK_BYTES)  # whole lines, about this many bytes: memory stays bounded
            if not lines:
                break
            check.feed(lines)
    return check.finish()


class SamplesFileCheck:
    """``check_samples_file`` taken apart, for a reader that owns the file: ``open`` (the path rules), ``feed``
    every line in order, in chunks of any size, each returning the samples of its lines that have the schema's
    shape, then ``finish`` for the findings. The findings are those of ``check_samples_file`` whatever the
    chunking. ``riskfmt diff`` pairs the samples ``feed`` returns, so a samples file is read once."""

    def __init__(self, target: Path, spec: dict[str, Any], pointer: str, source: str, scan: _SampleScan) -> None:
        import hashlib

        self.target, self.spec, self.pointer, self.source = target, spec, pointer, source
        self._scan = scan
        self._digest = hashlib.new(spec["digest"].split(":", 1)[0])

    @classmethod
    def open(cls, spec: dict[str, Any], pointer: str, source: str, base_dir: Path | None, format_version: str,
             vocab: Release | None, cited: str,
             report: dict[str, Any] | None = None) -> SamplesFileCheck | list[Finding]:
        """The check of one samples file, or the findings that stop it before a line is read (the path is
        unsafe or names no file)."""
        from pathlib import Path

        from riskfmt.schema_check import sample_validator, samples_validator

        base = (base_dir or Path.cwd()).resolve()
        target = (base / spec["path"]).resolve()
        if not target.is_relative_to(base):
            return [Finding.make("RF518", source, f"{pointer}/path", path=spec["path"])]
        if not target.is_file():
            return [Finding.make("RF509", source, f"{pointer}/path", path=spec["path"])]
        shown = Path(source).parent / spec["path"] if base_dir is not None else Path(spec["path"])
        return cls(target, spec, pointer, source,
                   _SampleScan(shown.as_posix(), sample_validator(format_version), vocab, cited, report or {},
                               samples_validator(format_version)))

    def feed(self, lines: list[bytes]) -> list[Any]:
        """Check the next lines of the file (blank ones included, as read); returns their samples that have
        the schema's shape, in order."""
        blob = b"".join(lines)
        self._digest.update(blob)
        return self._scan.chunk([line for line in lines if not line.isspace()] if any(map(bytes.isspace, lines))
                                else lines, blob)

    def finish(self) -> list[Finding]:
        """The findings, once every line has been fed."""
        scan, spec, pointer, source = self._scan, self.spec, self.pointer, self.source
        out, rows, keys, line_source, loads = scan.tally.finish(), scan.rows, scan.keys, scan.source, scan.loads
        for scanner in scan.scanners:
            out.extend(scanner.finish())
        candidates = keys.candidates()
        if candidates:
            out.extend(_confirm_duplicates(self.target, line_source, candidates, loads))
        digest = self._digest
        found = f"{digest.name}:{digest.hexdigest()}"
        if found != spec["digest"]:
            out.append(Finding.make("RF510", source, f"{pointer}/digest", path=spec["path"], found=found,
                                    expected=spec["digest"]))
        if rows != spec["rows"]:
            out.append(Finding.make("RF511", source, f"{pointer}/rows", path=spec["path"], found=rows,
                                    expected=spec["rows"]))
        return out


_CHUNK_BYTES = 1 << 20


class _SampleScan:
    """The per-line checks of a samples file, taken a chunk of lines at a time.

    ``line`` is the rule for one line. ``chunk`` gets the same answer for a run of lines by doing each step
    for the whole run at once (parse, schema, keys, risk ids), which keeps the per-line Python work small;
    on the first sign of trouble in a run it gives the run to ``line``, one line at a time, so findings and
    their order are exactly those of the line rule (tests/test_samples_file.py checks this)."""

    def __init__(self, source: str, validator: Any, vocab: Release | None, cited: str,
                 report: dict[str, Any], batch: Any) -> None:
        from riskfmt.sample_chunks import SampleKeys

        self.source, self.validator, self.vocab, self.cited, self.batch = source, validator, vocab, cited, batch
        self.plain = plain_risk_ids(vocab.version, cited) if vocab is not None else frozenset()
        self.loads = _line_parser()
        self.keys = SampleKeys()
        self.rows = 0
        from riskfmt.caps import Tally

        self.tally = Tally()  # past the per-code limit: keep counting (RF520 says how many), stop listing
        self.scanners = [resolve(check.samples)(source, report) for check in document_checks("evaluation-report")
                         if check.samples is not None]

    def chunk(self, lines: list[bytes], blob: bytes | None = None) -> list[Any]:
        """Check non-blank lines, in order (``blob``: the lines as read, joined, blank ones included); returns
        the samples that have the schema's shape."""
        from riskfmt.sample_chunks import clean

        first = self.rows + 1
        if _FAST_CHUNKS and lines:
            samples = clean(lines, b"".join(lines) if blob is None else blob, self.loads, self.batch,
                            None if self.vocab is None else self.plain)
            if samples is not None:
                self.keys.add_rows(samples)
                self.rows += len(lines)
                for scanner in self.scanners:
                    scanner.rows(samples, range(first, first + len(samples)))
                return samples
        shaped, rows = [], []
        for raw in lines:
            sample = self.line(raw)
            if sample is not None:
                shaped.append(sample)
                rows.append(self.rows)
        for scanner in self.scanners:
            scanner.rows(shaped, rows)
        return shaped

    def line(self, raw: bytes) -> Any:
        """The line rule; returns the sample when it has the schema's shape (for the leak checks)."""
        from riskfmt.sample_chunks import colons_differ
        from riskfmt.schema_check import translate

        schema_problems = True
        self.rows += 1
        rows, source = self.rows, self.source
        problems: list[Finding] = []
        try:
            sample = self.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            from riskfmt.i18n.text import params

            problems.append(Finding.make("RF512", source, line=rows, column=1, row=rows,
                                        **params("detail", "invalid JSON ({error})", "validation",
                                                 error=str(exc).split(":")[0])))
            sample = None
        if sample is not None and colons_differ(raw, [sample]):
            key = _duplicate_key(raw)
            if key is not None:  # as in a main document: parsers disagree on which value wins
                problems.append(Finding.make("RF105", source, line=rows, column=1, key=key))
                sample = None
        if sample is not None:
            schema_problems = not self.validator.is_valid(sample)
            if schema_problems:
                for error in self.validator.iter_errors(sample):
                    for f in translate(error, source):
                        problems.append(Finding.make("RF512", source, f.location.pointer, line=rows,
                                                     column=1, row=rows, detail=f.message("en"),
                                                     detail_zh=f.message("zh")))
            else:
                self.keys.add((sample["sample_id"], sample.get("epoch", 1)))
                risks = sample.get("risks")
                if risks and self.vocab is not None and not self.plain.issuperset(risks):
                    problems.extend(
                        Finding(f.code, f.severity, f.location.with_position(rows, 1), f.params)
                        for f in check_vocabulary_refs(self.vocab, self.cited, risks, "/risks", source)
                    )
        for problem in problems:
            self.tally.add(problem)
        return sample if sample is not None and not schema_problems else None


_FAST_CHUNKS = True  # tests switch it off to compare with the line rule


def _duplicate_key(raw: bytes) -> str | None:
    """The first key repeated within one object of a samples line, if any."""
    import json

    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in items:
            if key in seen and not found:
                found.append(key)
            seen.add(key)
        return dict(items)

    try:
        json.loads(raw, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    return found[0] if found else None


def _confirm_duplicates(target: Path, line_source: str, candidates: set[int], loads: Any) -> list[Finding]:
    """Second pass, only when hashes repeated: compare the actual keys of the candidate rows."""
    from riskfmt.caps import Tally

    first_line: dict[tuple[str, int], int] = {}
    tally = Tally()  # 3 million duplicate rows must not become 3 million findings in memory
    rows = 0
    with target.open("rb") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            rows += 1
            try:
                sample = loads(raw)
                key = (sample["sample_id"], sample.get("epoch", 1))
            except (ValueError, UnicodeDecodeError, KeyError, TypeError):
                continue
            if hash(key) not in candidates:
                continue
            if key in first_line:
                tally.add(Finding.make("RF514", line_source, line=rows, column=1, id=key[0], epoch=key[1]))
            else:
                first_line[key] = rows
    return tally.finish()


def _line_parser() -> Any:
    try:
        import orjson

        return orjson.loads
    except ImportError:  # pragma: no cover - orjson is a dependency, this is only for odd platforms
        import json

        return json.loads

