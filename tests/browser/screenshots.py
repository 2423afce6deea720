"""Screenshots of every HTML view for docs/views.md: desktop and phone, English and Chinese.

    python tests/browser/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

The views are made the way the golden tests make them (tests/browser/views.py), opened in Debian's Chromium
through Playwright (never a downloaded browser), and saved as PNG. Each image is kept under 300 KB: a page
taller than the limit allows is cut (the top of a view is what the documentation shows).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from views import SCREENSHOT_VIEWS, chromium_path, launch, make_views  # noqa: E402

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
MAX_BYTES = 300 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE.parents[1] / "docs" / "screenshots")
    parser.add_argument("--chromium", default=None)
    args = parser.parse_args(argv)
    executable = args.chromium or chromium_path()
    if executable is None:
        print("no Chromium found (install Debian's chromium package)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        pages = make_views(Path(tmp), langs=("en", "zh"), names=SCREENSHOT_VIEWS)
        browser = launch(p, executable)
        try:
            for (view, lang), (path, _) in sorted(pages.items()):
                for size, (width, height) in SIZES.items():
                    page = browser.new_page(viewport={"width": width, "height": height},
                                            device_scale_factor=1)
                    page.goto(path.as_uri())
                    target = args.out / f"{view}-{lang}-{size}.png"
                    full = page.evaluate("document.scrollingElement.scrollHeight")
                    clip_height = min(full, height * (2 if size == "desktop" else 3))
                    while True:
                        page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": width,
                                                                "height": clip_height})
                        if target.stat().st_size <= MAX_BYTES or clip_height <= height // 2:
                            break
                        clip_height = int(clip_height * 0.8)
                    page.close()
                    print(f"{target} {target.stat().st_size // 1024} KB")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
