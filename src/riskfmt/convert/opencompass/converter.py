"""``OpenCompassConverter``: recognising an OpenCompass work folder or station file, and reading one report per
model run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from riskfmt.convert.base import Converted, ConvertOptions
from riskfmt.convert.guard import failed, unreadable
from riskfmt.convert.opencompass.layout import (
    looks_like_station_file,
    model_runs_of_folder,
    model_runs_of_station,
    run_folders,
    station_files,
)
from riskfmt.convert.opencompass.read import Report

# ---- the converter ---------------------------------------------------------------------------------------------


class OpenCompassConverter:
    name: ClassVar[str] = "opencompass"
    title: ClassVar[str] = "OpenCompass work directory (results, predictions, summary) or --station-path output"

    def sniff(self, path: Path) -> bool:
        try:
            if path.is_file():
                return looks_like_station_file(path)
            if path.is_dir():
                return bool(run_folders(path)) or bool(station_files(path))
        except Exception:
            return False
        return False

    def read(self, path: Path, options: ConvertOptions) -> Iterator[Converted]:
        try:
            folders = [] if path.is_file() else run_folders(path)
            station = [] if folders else station_files(path)
        except OSError as exc:
            yield unreadable(path, self.name, f"{type(exc).__name__}: {exc}")
            return
        if not folders and not station:
            yield unreadable(path, self.name, "no OpenCompass run folder (YYYYMMDD_HHMMSS with configs/ and "
                                              "results/) or station file found")
            return
        units: list[tuple[Path, Any]] = [(f, f) for f in folders] or [(path, station)]
        for where, unit in units:
            try:
                runs = model_runs_of_folder(unit) if isinstance(unit, Path) else model_runs_of_station(unit)
            except Exception as exc:
                yield failed(where, self.name, exc)
                continue
            if not runs:
                yield unreadable(where, self.name,
                                 "no model found in configs/, results/, predictions/ or the summary")
            for run in runs:
                try:
                    yield Report(run, options).build()
                except Exception as exc:
                    yield failed(Path(run.source), self.name, exc)
