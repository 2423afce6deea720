"""The share of results from safety benchmarks that map to a risk concept other than R0000, per tool and overall.

Every manifest entry with ``safety: true`` counts all its results; ``safety: [task, ...]`` counts the results of
those evaluations only (a leaderboard record mixing safety and capability columns, such as RewardBench's
``Safety``). Run ``python tests/realworld/risk_share.py``; ``risk_shares()`` is what the test calls.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
UNMAPPED = "R0000"


@dataclass
class Share:
    mapped: int = 0
    total: int = 0
    files: int = 0

    @property
    def share(self) -> float:
        return self.mapped / self.total if self.total else 0.0


def _counted(report: dict[str, Any], safety: Any) -> list[list[str]]:
    wanted = None if safety is True else {str(t) for t in safety}
    out = []
    for evaluation in report.get("evaluations", []):
        if wanted is not None and evaluation["task"]["id"] not in wanted:
            continue
        out.extend(result["risks"] for result in evaluation.get("results", []))
    return out


def risk_shares(root: Path = HERE) -> dict[str, Share]:
    """Per tool (and ``"all"``): how many results of safety benchmarks map to a concept other than R0000."""
    from riskfmt.convert import convert

    shares: dict[str, Share] = {}
    overall = Share()
    for manifest_path in sorted(root.glob("*/MANIFEST.yaml")):
        manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
        share = shares.setdefault(manifest["tool"], Share())
        for entry in manifest.get("files") or []:
            if not entry.get("safety") or entry.get("expect", "convert") != "convert":
                continue
            share.files += 1
            overall.files += 1
            for item in convert([manifest_path.parent / entry["path"]]):
                if item.report is None:
                    continue
                for risks in _counted(item.report, entry["safety"]):
                    hit = any(r != UNMAPPED for r in risks)
                    for s in (share, overall):
                        s.total += 1
                        s.mapped += hit
    shares["all"] = overall
    return {k: v for k, v in shares.items() if v.files or k == "all"}


def main() -> int:
    for tool, share in risk_shares().items():
        print(f"{tool:14} {share.mapped:5d} / {share.total:5d} results of {share.files:3d} safety files map to a "
              f"risk other than {UNMAPPED}: {share.share:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
