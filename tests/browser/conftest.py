"""Browser fixtures: the built site served on 127.0.0.1 under its production path, Debian's
chromium driven by Playwright (a fresh profile per test), a log of every request, and axe-core.

The site is served under the path of ``site_url`` (``/news-explained/``), as on GitHub Pages, so
the absolute links of the 404 pages work; a missing address gets the 404 page of its language.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]
SLUG = "deepfake-clubhouse-2021"  # the seed article
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HOST = "127.0.0.1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def configured_url(site: Path) -> str:
    """``site_url`` of the built project's mkdocs.yml (the production address), ending in "/"."""
    config = yaml_load((site.parent / "mkdocs.yml").read_text(encoding="utf-8"))  # as MkDocs reads it (!ENV tags)
    return config["site_url"].rstrip("/") + "/"


def site_path(site: Path) -> str:
    """The path of ``site_url`` (``/news-explained/``): the site is served under it."""
    return urlsplit(configured_url(site)).path


def site_pages(site: Path) -> list[str]:
    """Every page of the site, as paths under the site root (``en/timeline/``), 404 pages last."""
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html") if "pagefind" not in p.parts)
    pages = [("" if page == "./" else page) for page in pages]
    return pages + sorted(p.relative_to(site).as_posix() for p in site.rglob("404.html"))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under ``prefix``; anything missing gets its language's 404 page."""

    prefix = "/"
    languages: tuple[str, ...] = ()

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def translate_path(self, path: str) -> str:
        """The file of a URL path under ``prefix``; "" for any other path."""
        path = urlsplit(path).path
        return super().translate_path("/" + path[len(self.prefix) :]) if path.startswith(self.prefix) else ""

    def send_head(self):
        local = self.translate_path(self.path)
        if local and (Path(local).is_file() or (Path(local) / "index.html").is_file()):
            return super().send_head()
        return self._not_found(urlsplit(self.path).path)

    def _not_found(self, path: str):
        rest = path[len(self.prefix) :] if path.startswith(self.prefix) else ""
        language = next((lang for lang in self.languages if rest.startswith(lang + "/")), "")
        page = Path(self.directory) / language / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What ``send_head`` returns: a readable, closable body."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser leaving a page mid-download closes its connection: not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port), e.g. ``http://127.0.0.1:4711/news-explained/``."""
    prefix = site_path(built_site)
    languages = tuple(sorted(p.parent.name for p in built_site.glob("*/404.html")))
    handler = type("Handler", (_Handler,), {"prefix": prefix, "languages": languages})
    server = _Server((HOST, 0), functools.partial(handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{HOST}:{server.server_port}{prefix}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    """Every page of the built site (paths under the site root), both languages."""
    return site_pages(built_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium (``/usr/bin/chromium``), headless, never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("chromium is missing: run `bash .ci/browser-deps` (installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class RequestLog:
    """Every request of a page; requests to any host but 127.0.0.1 are blocked and remembered."""

    urls: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route) -> None:
        url = route.request.url
        self.urls.append(url)
        if urlsplit(url).hostname != HOST:
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()


@pytest.fixture
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def page(browser, request_log: RequestLog):
    """A desktop page in a fresh browser context; the test fails on a request to another host
    or a JavaScript error."""
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    context.route("**/*", request_log.route)
    page = context.new_page()
    page.on("pageerror", lambda error: request_log.errors.append(str(error)))
    yield page
    context.close()
    assert not request_log.outside, f"requests to other hosts: {request_log.outside}"
    assert not request_log.errors, f"JavaScript errors: {request_log.errors}"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `bash .ci/browser-deps` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[str]:
    """axe-core's violations on the page as it is now, one line per rule and element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')}" for v in violations for node in v["nodes"]]
