"""Shared fixtures: build the site once, serve it over HTTP, drive Chromium.

- ``built_site``: ``mkdocs build --strict`` into a temp folder, once a session.
- ``site_server``: serves that folder on 127.0.0.1 at a random free port, under
  the same path as ``site_url`` (as GitHub Pages serves a project site), with
  the site's own 404 page for missing paths; stopped at the end.
- ``browser``: Chromium through Playwright — Debian's ``chromium`` when it is on
  PATH, Playwright's own browser otherwise (GitHub Actions).
- ``visit``: a fresh page that records console errors and every request.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

# Reading the nav is shared with the benchmark script.
from bench import nav_files, page_url  # noqa: E402

# Everything the build reads; copied when a test needs to break something.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "includes")


# ----------------------------------------------------------------------------
# Building
# ----------------------------------------------------------------------------


@dataclass
class Build:
    """The result of one ``mkdocs build --strict``."""

    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path) -> Build:
    """Run ``mkdocs build --strict`` for ``project`` into ``site``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(into: Path) -> Path:
    """Copy the parts of the project the build reads into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, into / part)
        else:
            shutil.copy2(source, into / part)
    return into


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """The project built once, strictly, into a temp folder."""
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def built_site(build) -> Path:
    return build.site


@pytest.fixture(scope="session")
def mkdocs_config():
    """The project's MkDocs configuration, loaded as MkDocs loads it."""
    from mkdocs.config import load_config

    os.environ.pop("SITE_URL", None)
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def nav_urls(mkdocs_config) -> list[str]:
    """URL path of every page in the nav, in nav order ("" is Home)."""
    return [page_url(src) for src in nav_files(mkdocs_config["nav"])]


@pytest.fixture(scope="session")
def report(request):
    """Text appended here (tables of grades, search hits) is printed at the end."""
    tables = []
    request.config._reports = tables
    return tables


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    tables = getattr(config, "_reports", [])
    if tables:
        terminalreporter.section("Content report")
    for table in tables:
        terminalreporter.write_line(table + "\n")


# ----------------------------------------------------------------------------
# Serving
# ----------------------------------------------------------------------------


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site under ``prefix``; anything else gets the site's 404."""

    prefix = "/"

    def translate_path(self, path):
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep test output quiet
        pass


@dataclass
class Server:
    """A running local server: ``url(path)`` gives a full address."""

    origin: str
    prefix: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}{self.prefix}{path}"


def serve(directory: Path, prefix: str, host: str = "127.0.0.1"):
    """Start a threaded HTTP server for ``directory``; return (server, httpd)."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(
        (host, 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://{host}:{httpd.server_address[1]}", prefix), httpd


@pytest.fixture(scope="session")
def site_server(built_site, mkdocs_config):
    """The built site on 127.0.0.1, at the path of ``site_url``."""
    prefix = urlsplit(mkdocs_config["site_url"]).path or "/"
    server, httpd = serve(built_site, prefix)
    yield server
    httpd.shutdown()
    httpd.server_close()


# ----------------------------------------------------------------------------
# Browser
# ----------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Chromium: Debian's when installed, else Playwright's bundled build."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        system = shutil.which("chromium")
        options = {"args": CHROMIUM_ARGS}
        if system:
            options["executable_path"] = system
        browser = playwright.chromium.launch(**options)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A browser page plus what it logged and requested."""

    page: object
    console_errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)


@pytest.fixture
def visit(browser):
    """Open a fresh page (own context) and record console errors and requests."""
    contexts = []

    def open_page(**context_options) -> Visit:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        record = Visit(page)
        page.on(
            "console",
            lambda message: message.type == "error"
            and record.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: record.console_errors.append(str(error)))
        page.on("request", lambda request: record.requests.append(request.url))
        return record

    yield open_page
    for context in contexts:
        context.close()
