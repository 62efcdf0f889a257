"""Shared fixtures: build the site once, serve it over HTTP, drive Chromium.

- ``build`` / ``built_site``: ``mkdocs build --strict`` into a temp folder, once
  a session.
- ``mkdocs_config``, ``site_url``, ``nav_urls``: the configuration as the build
  reads it (``SITE_URL`` included), so a custom domain needs no test changes.
- ``site_server``: serves the build on 127.0.0.1 at a random free port, under
  the same path as ``site_url`` (as GitHub Pages serves a project site), with
  the site's own 404 page for missing paths; stopped at the end.
- ``browser``: Chromium through Playwright — Debian's ``chromium`` when it is on
  PATH, Playwright's own browser otherwise.
- ``visit``: a fresh page that records console errors and every request.
- ``report``: text printed after the run.

Every test that uses ``browser`` (directly or through ``visit``) gets the
``browser`` marker, and every test of test_engines.py the ``engines`` marker,
so ``python -m pytest -m "not browser and not engines"`` (the fast lane) runs
the rest.
The helpers behind these fixtures are plain functions in ``support.py``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import pytest

from support import (ROOT, launch_chromium, load_site_config, mkdocs_build, serve,
                     site_prefix)
from support import nav_urls as read_nav_urls

# The hook modules and scripts are imported by the tests that test them.
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.hookimpl(tryfirst=True)        # before -m selects by marker
def pytest_collection_modifyitems(config, items):
    """Mark every test that starts Chromium, whoever wrote it, and every test
    of tests/test_engines.py (it builds with ProperDocs and Zensical too)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.path.name == "test_engines.py":
            item.add_marker(pytest.mark.engines)


# ----------------------------------------------------------------------------
# Building and configuration
# ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """The project built once, strictly, into a temp folder: both languages,
    as ``mkdocs build`` gives them (the Spanish pages in ``es/``)."""
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("site"), languages="en es")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def built_site(build):
    return build.site


@pytest.fixture(scope="session")
def mkdocs_config():
    """The project's MkDocs configuration, loaded as MkDocs loads it."""
    return load_site_config()


@pytest.fixture(scope="session")
def site_url(mkdocs_config) -> str:
    """The address the site is built for, from the config (ends with "/")."""
    return mkdocs_config["site_url"]


@pytest.fixture(scope="session")
def nav_urls(mkdocs_config) -> list[str]:
    """URL path of every page in the nav, in nav order ("" is Home)."""
    return read_nav_urls(mkdocs_config)


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


@pytest.fixture(scope="session")
def site_server(built_site, mkdocs_config):
    """The built site on 127.0.0.1, at the path of ``site_url``."""
    server, httpd = serve(built_site, site_prefix(mkdocs_config))
    yield server
    httpd.shutdown()
    httpd.server_close()


# ----------------------------------------------------------------------------
# Browser
# ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Chromium: Debian's when installed, else Playwright's bundled build."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
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
