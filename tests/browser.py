"""Headless Chromium (Debian's, at /usr/bin/chromium; never a Playwright download) for
the network view tests, the benchmark and the README screenshot.

open_page() opens a page from disk with every other request blocked and records what
the page tried: requests, console errors, uncaught errors, dialogs. The page's
Content-Security-Policy forbids eval, so waits and evaluations pass functions
("() => ..."), never bare expressions.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("GOVKG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-default-apps", "--disable-sync",
        "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check"]


@dataclass
class Trouble:
    """What a page did that it must not do."""
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requests or self.console_errors or self.page_errors or self.dialogs)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, path: Path, *, viewport=(1400, 900), wait: bool = True, timeout_ms: int = 60_000):
    """(page, trouble): the page at `path`, opened with all requests except the page
    itself blocked and recorded, and (by default) waited for until it has settled."""
    url = path.resolve().as_uri()
    trouble = Trouble()
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            trouble.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: req.url == url or req.url in trouble.requests or trouble.requests.append(req.url))
    page.on("console", lambda msg: msg.type == "error" and trouble.console_errors.append(msg.text))
    page.on("pageerror", lambda err: trouble.page_errors.append(str(err)))

    def dialog(d):
        trouble.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url)
    if wait:
        page.wait_for_function("() => window.govkgReady === true", timeout=timeout_ms)
    return page, trouble
