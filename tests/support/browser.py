"""The browser set-up shared by the e2e tests and ``make screenshots``: the system Chromium (Debian's
``chromium`` package) driven by the Python ``playwright`` package, headless, with no network but loopback.

Playwright's own browser download does not work on our machines; we always pass ``executable_path``.
"""
from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

from werkzeug.serving import make_server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
VIEWPORT = {"width": 1280, "height": 800}


def chromium_path() -> Optional[str]:
    """The system Chromium, or None (``XXGK_TEST_CHROMIUM`` may name another binary)."""
    return os.environ.get("XXGK_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def unavailable_reason() -> Optional[str]:
    """Why no browser test can run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "no system Chromium (apt-get install chromium)"
    return None


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[object]:
    """A headless system Chromium (playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, base_url: str):
    """A fresh browser context (own cookies) at 1280×800 that refuses every request leaving ``base_url``."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT, locale="zh-CN")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    return context
