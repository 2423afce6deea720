"""``riskfmt.convert``: reports from the tools labs already run, and back.

Converters live in one table (``registry.ENTRIES``: name, reader, writer, labels in both languages), read here
and by the CLI; third-party converters register under the ``riskfmt.converters`` entry-point group (read on
first use, never by scanning modules). A new producer is a package with a class that has ``name``, ``title``,
``sniff()`` and ``read()`` (see ``base.Converter``) and, when riskfmt can write its format back, a writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from riskfmt.convert import registry
from riskfmt.convert.base import Converted, Converter, ConvertOptions
from riskfmt.convert.guard import reraise_when_debugging
from riskfmt.findings import Finding

__all__ = ["BUILTIN", "FOLDER_UNITS", "ConvertOptions", "Converted", "Converter", "available", "convert", "detect",
           "get"]

# name -> "module:Class" of every built-in reader; imported only when used
BUILTIN: dict[str, str] = {entry.name: entry.reader for entry in registry.ENTRIES if entry.reader is not None}

_loaded: dict[str, Converter] = {}
_plugins: dict[str, str] | None = None


def _plugin_table() -> dict[str, str]:
    global _plugins
    if _plugins is None:
        from importlib.metadata import entry_points

        _plugins = {ep.name: ep.value for ep in entry_points(group="riskfmt.converters")}
    return _plugins


def available() -> list[str]:
    """Names accepted by ``--from``: the built-ins, then plugins."""
    names = list(BUILTIN)
    return names + sorted(set(_plugin_table()) - set(names))


def get(name: str) -> Converter:
    """The converter called ``name`` (KeyError if there is none). A built-in whose module cannot be imported
    raises: the table is explicit, and a converter missing from the installation is a broken installation."""
    if name not in _loaded:
        target = BUILTIN.get(name) or _plugin_table().get(name)
        if target is None:
            raise KeyError(name)
        _loaded[name] = registry.load(target)()
    return _loaded[name]


# Converters that read a whole folder as one run (a HELM run folder, an OpenCompass work folder): a folder one of
# them claims is converted as a unit; every other folder is walked and its files are detected one by one.
FOLDER_UNITS = tuple(entry.name for entry in registry.ENTRIES if entry.folder_unit)


def _detection_order() -> list[str]:
    first = [entry.name for entry in registry.ENTRIES if entry.detect_first]
    return first + [n for n in available() if n not in first]


def _loads(name: str) -> Converter | None:
    """A built-in converter (its import errors propagate), or a plugin (one that fails to load is passed over,
    as a plugin's sniff is: a broken third-party package must not stop the built-ins)."""
    if name in BUILTIN:
        return get(name)
    try:
        return get(name)
    except Exception:
        return None


def detect(path: Path) -> Converter | None:
    """The converter whose ``sniff`` accepts ``path``, by content whatever the file is called (riskfmt's own
    reports first, then the built-ins in registry order, then plugins). Sniffs read a bounded prefix."""
    for name in _detection_order():
        converter = _loads(name)
        if converter is not None and _sniffs(converter, Path(path)):
            return converter
    return None


def _is_unit(converter: Converter, folder: Path) -> bool:
    """Whether ``folder`` is itself one run of a folder converter, not a folder that holds runs among other files
    (those are walked, so that nothing beside the runs is skipped unseen). A converter says so with an optional
    ``is_unit(folder)`` (HELM's: a run folder); otherwise its sniff decides."""
    own = getattr(converter, "is_unit", None)
    if callable(own):
        return bool(own(folder))
    return bool(converter.sniff(folder))


def _claims_folder(folder: Path, only: str | None = None) -> Converter | None:
    for name in FOLDER_UNITS if only is None else (only,):
        converter = get(name)
        try:
            if converter.sniff(folder) and _is_unit(converter, folder):
                return converter
        except Exception:
            continue
    return None


def _walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """(path, is a folder unit) for every member of ``folder``, depth first in name order; a folder a folder
    converter claims is yielded once, its members not. Symbolic links to folders are not followed (no loops)."""
    if _claims_folder(folder) is not None:
        yield folder, True
        return
    try:
        children = sorted(folder.iterdir())
    except OSError:
        yield folder, False
        return
    for child in children:
        if child.is_dir() and not child.is_symlink():
            yield from _walk(child)
        elif child.is_file():
            yield child, False


def _companion_owner(path: Path) -> Path | None:
    """The file ``path`` is read with (an Every Eval Ever ``<uuid>_samples.jsonl`` beside its record): asked of
    the converter whose companion files end as ``path`` does (``Entry.companions``)."""
    name = path.name.lower()
    for entry in registry.ENTRIES:
        if entry.companions is not None and name.endswith(entry.companions):
            owner = getattr(get(entry.name), "companion_of", None)  # part of Entry.companions' contract
            try:
                found: Path | None = owner(path) if callable(owner) else None
            except Exception:
                found = None
            if found is not None:
                return found
    return None


def _read(converter: Converter, path: Path, options: ConvertOptions) -> list[Converted]:
    try:
        return [_checked(_carriable(item)) for item in converter.read(path, options)]
    except Exception as exc:
        reraise_when_debugging(exc)
        if _surrogate(exc):  # producer JSON with a lone "\ud800": a fact about the input, not a crash
            return [Converted(str(path), None, [Finding.make("RF115", str(path), escape="\\ud800-\\udfff")])]
        return [Converted(str(path), None, [Finding.make(
            "RF607", str(path), path=str(path), tool=converter.name, detail=f"{type(exc).__name__}: {exc}")])]


def _checked(item: Converted) -> Converted:
    """A report that fails validation is never handed on to be written: the findings say why (RF613)."""
    if item.report is None:
        return item
    from riskfmt.findings import Severity
    from riskfmt.validation import validate_data

    # the report as it leaves the converter, whatever happened after the builder's own check
    findings = list(item.findings)
    seen = {(f.code, f.location.pointer) for f in findings}
    source = Path(item.source)
    base_dir = source.parent if source.is_file() else None  # a riskfmt report's samples files lie beside it
    findings.extend(f for f in validate_data(item.report, source=item.source, base_dir=base_dir).findings
                    if (f.code, f.location.pointer) not in seen)
    errors = sorted({f.code for f in findings if f.severity is Severity.ERROR and not f.code.startswith("RF6")})
    if not errors:
        item.findings = findings
        return item
    count = sum(1 for f in findings if f.code in errors)
    return Converted(item.source, None, [*findings, Finding.make(
        "RF613", item.source, path=item.source, count=count, codes=", ".join(errors))])


def _convert_folder(folder: Path, forced: Converter | None, options: ConvertOptions,
                    progress: Callable[[str], None] | None = None) -> list[Converted]:
    if forced is not None and forced.name in FOLDER_UNITS and _sniffs(forced, folder):
        return _read(forced, folder, options)  # --from helm|opencompass: the converter finds its runs itself
    out: list[Converted] = []
    members = list(_walk(folder))
    companions: list[tuple[Path, Path]] = []
    for member, unit in members:
        if progress is not None:
            progress(str(member))
        if unit:
            found = _claims_folder(member)
            if forced is not None and found is not None and found.name != forced.name:
                found = None
            if found is not None:
                out.extend(_read(found, member, options))
                continue
        owner = _companion_owner(member)
        if owner is not None:
            companions.append((member, owner))
            continue
        converter = detect(member) if forced is None else (forced if _sniffs(forced, member) else None)
        if converter is None:
            out.append(Converted(str(member), None, [Finding.make("RF611", str(member), path=str(member))]))
            continue
        out.extend(_read(converter, member, options))
    # a companion is named on the item of the file it was read with (one item per report)
    for member, owner in companions:
        finding = Finding.make("RF612", str(member), path=str(member), owner=str(owner))
        item = next((i for i in out if Path(i.source) == owner), None)
        if item is not None:
            item.findings.append(finding)
        else:
            out.append(Converted(str(member), None, [finding]))
    if not members:
        out.append(Converted(str(folder), None, [Finding.make(
            "RF607", str(folder), path=str(folder), tool=forced.name if forced else "any",
            detail="the folder is empty")]))
    return out


def _sniffs(converter: Converter, path: Path) -> bool:
    try:
        return bool(converter.sniff(path))
    except Exception:
        return False


def convert(sources: Iterable[str | Path], *, from_: str | None = None,
            options: ConvertOptions | None = None, progress: Callable[[str], None] | None = None) -> list[Converted]:
    """Convert every source; problems are findings on the results (never exceptions).

    A file is recognised by its content whatever it is called. A folder is walked recursively: a folder that a
    folder converter claims (a HELM run, an OpenCompass work folder) is read as one unit, every other file is
    detected on its own, and each file that gives no report is named by a finding (RF611 not recognised, RF612
    read with the record it belongs to). A report that fails validation is withheld with RF613.
    ``progress`` is called with each file or folder unit once it is read (a folder may hold hundreds).

    .. versionadded:: 0.1
    """
    options = options or ConvertOptions()
    out: list[Converted] = []
    for raw in sources:
        path = Path(raw)
        if not path.exists():
            out.append(Converted(str(path), None, [Finding.make("RF001", str(path), path=str(path))]))
            continue
        special = _special(path)
        if special:  # a FIFO or device would block or never end the moment a converter opens it
            out.append(Converted(str(path), None, special))
            continue
        forced = get(from_) if from_ is not None else None
        if path.is_dir():
            out.extend(_convert_folder(path, forced, options, progress))
            continue
        converter = forced or detect(path)
        if converter is None:
            out.append(Converted(str(path), None, [
                Finding.make("RF605", str(path), path=str(path), known=", ".join(available()))]))
            continue
        out.extend(_read(converter, path, options))
        if progress is not None:
            progress(str(path))
    return out


def _special(path: Path) -> list[Finding]:
    """RF006 for a source that is, or a folder that holds, a FIFO, device or socket."""
    from riskfmt.io import special_file, special_files_below

    if path.is_dir():
        return special_files_below(path)
    found = special_file(path)
    return [found] if found is not None else []


def _carriable(item: Converted) -> Converted:
    """A report that JSON can carry: producer text with a lone surrogate escape (``"\\ud800"``) parses in
    Python but cannot be written as UTF-8, so it becomes RF115 here rather than a crash at writing."""
    import orjson

    if item.report is None:
        # a converter that caught the failure itself says RF607 with the exception's words: name the cause
        item.findings = [Finding.make("RF115", f.location.source, escape="\\ud800-\\udfff")
                         if f.code == "RF607" and _surrogate(Exception(f.params.get("detail", ""))) else f
                         for f in item.findings]
        return item
    try:
        orjson.dumps([item.report, item.samples_files or []])
    except orjson.JSONEncodeError as exc:
        if "surrogate" not in str(exc):
            return item  # anything else is for validation to name
        item.findings.append(Finding.make("RF115", item.source, escape="\\ud800-\\udfff"))
        item.report = None
    return item


def _surrogate(exc: BaseException) -> bool:
    """Whether a converter failed on text holding a lone surrogate (json.loads accepts the escape; encoding
    it as UTF-8, canonical JSON or a digest then fails)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, UnicodeEncodeError) or "surrogate" in str(seen) or "non-UTF-8 codepoints" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
