"""Where the leak scan's findings and totals gather: at most ``MAX_PER_CODE`` findings per code, then one
RF708; and what the document carries in many small places (numbers, encoded pieces), judged once at the end as
a whole (RF714, RF715).
"""

from __future__ import annotations

from typing import Any

from riskfmt.findings import Finding
from riskfmt.integrity.leaks.patterns import ENCODED_TOTAL, MAX_PER_CODE, NUMERIC_TOTAL


class Collector:
    """Findings with a cap per code, so a report with 500,000 leaking samples gives a readable answer."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}
        self.seen: set[tuple[str, str, Any]] = set()

    def add(self, code: str, pointer: str, **params: Any) -> None:
        key = (code, pointer, params.get("line"))
        if key in self.seen:  # the raw pass and a walk may meet the same place
            return
        self.seen.add(key)
        seen = self.counts.get(code, 0)
        self.counts[code] = seen + 1
        if seen < MAX_PER_CODE:
            self.findings.append(Finding.make(code, self.source, pointer, **params))

    def full(self, code: str) -> bool:
        return self.counts.get(code, 0) >= MAX_PER_CODE

    def has(self, code: str) -> bool:
        return code in self.counts

    def finish(self) -> list[Finding]:
        for code, count in sorted(self.counts.items()):
            if count > MAX_PER_CODE:
                self.findings.append(Finding.make("RF708", self.source, count=count - MAX_PER_CODE, other=code))
        return self.findings


class Totals:
    """What the document carries in many small places: judged once, at the end, as a whole."""

    def __init__(self) -> None:
        self.pieces: dict[str, str] = {}  # encoded piece -> first pointer
        self.piece_places: dict[str, int] = {}  # pointer -> characters of the pieces first seen there
        self.numbers = 0
        self.number_places: dict[str, int] = {}

    def piece(self, text: str, pointer: str) -> None:
        if text not in self.pieces:
            self.pieces[text] = pointer
            self.piece_places[pointer] = self.piece_places.get(pointer, 0) + len(text)

    def count(self, numbers: int, pointer: str) -> None:
        if numbers:
            self.numbers += numbers
            self.number_places[pointer] = self.number_places.get(pointer, 0) + numbers

    def judge(self, out: Collector) -> None:
        if self.numbers >= NUMERIC_TOTAL and not out.has("RF701"):
            where = max(self.number_places, key=self.number_places.__getitem__)
            out.add("RF714", where, count=self.numbers, places=len(self.number_places))
        length = sum(self.piece_places.values())
        if length >= ENCODED_TOTAL and not out.has("RF702"):
            where = max(self.piece_places, key=self.piece_places.__getitem__)
            out.add("RF715", where, length=length, places=len(self.piece_places))
