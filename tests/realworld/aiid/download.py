"""Download the AI Incident Database test inputs that riskfmt may not redistribute, for the opt-in AIID tests.

    python tests/realworld/aiid/download.py [DIR]        # DIR defaults to $RISKFMT_AIID_DATA
    RISKFMT_AIID_DATA=DIR pytest tests/incident          # runs the AIID tests on them

Why they are not checked in: the four files are test fixtures of the AIID's code repository, which is licensed
AGPL-3.0-or-later; the AIID's data collections (incidents, classifications, taxa) are licensed CC BY-SA 4.0 (the
site's terms of use, "Data License", site/gatsby-site/content/terms-of-use/index.mdx in the same repository). Neither
may be redistributed inside this Apache-2.0 repository, and we found no AIID or CSET records published under MIT,
BSD, Apache-2.0, CC-BY or CC0. They are read here, never copied into the project.

Each file is fetched from raw.githubusercontent.com at a fixed commit and checked against its git blob id, so what
the tests read is byte for byte what that commit holds. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import sys
import urllib.request
from pathlib import Path

REPOSITORY = "responsible-ai-collaborative/aiid"
# (name here, commit, path in the repository, git blob id)
FILES = [
    ("incident-1.json", "13d8cc7c22376864e0d0446eadf900e0a7b5970f",
     "site/gatsby-site/cypress/fixtures/incidents/incident.json", "23660ca0cecbcbde69d74c8f26d43318b0c2bf31"),
    ("classifications-cset-2-3.json", "04d3e00dbe661ac04354b2e879733c9e3eb7b3d1",
     "site/gatsby-site/cypress/fixtures/call/classifications.json", "cdf03ea65a0c543bf3ca4eed8e4d14b5de04a2fa"),
    ("classifications-cset-97.json", "08f639c00e999b1a00d71b0934f9cb31f472b3e9",
     "site/gatsby-site/cypress/fixtures/classifications/incident97Classifications.json",
     "393edb1022cbf0ff5dc83e35cc2fdfebb072cbdf"),
    ("classifications-csetv1-52.json", "046d3ebd592e8fdad0451a0fc7c1cf897a454288",
     "site/gatsby-site/cypress/fixtures/classifications/cssettool.json", "724b770387fecf4d96865c904c2afef996639237"),
]
ENV = "RISKFMT_AIID_DATA"


def blob_id(data: bytes) -> str:
    """``git hash-object``: the id git gives these bytes as a blob."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def missing(folder: Path) -> list[str]:
    """Names of the files not (or not correctly) present in ``folder``."""
    out = []
    for name, _commit, _path, blob in FILES:
        target = folder / name
        if not target.is_file() or blob_id(target.read_bytes()) != blob:
            out.append(name)
    return out


def download(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, commit, path, blob in FILES:
        target = folder / name
        if target.is_file() and blob_id(target.read_bytes()) == blob:
            continue
        url = f"https://raw.githubusercontent.com/{REPOSITORY}/{commit}/{path}"
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read(10_000_000)
        if blob_id(data) != blob:
            raise SystemExit(f"{url}: git blob {blob_id(data)}, expected {blob}; not written")
        target.write_bytes(data)
        print(f"{name}  <-  {REPOSITORY}@{commit[:12]}:{path}")


def main(argv: list[str]) -> int:
    where = argv[1] if len(argv) > 1 else os.environ.get(ENV)
    if not where:
        print(f"usage: {argv[0]} DIR (or set {ENV}=DIR)", file=sys.stderr)
        return 2
    download(Path(where))
    print(f"done; run the AIID tests with {ENV}={where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
