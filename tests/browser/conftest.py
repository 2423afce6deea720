"""The browser every test of this folder drives: Debian's Chromium through Playwright, one per test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser.views import executable_or_skip, launch


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = executable_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = launch(p, executable)
        try:
            yield instance
        finally:
            instance.close()
