"""What a visitor meets: every page in a real Chromium, over HTTP."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from support import DESKTOP, PHONE, foreign_requests, search


def test_every_nav_page_loads_cleanly(visit, site_server, nav_urls):
    """HTTP 200, no console errors, nothing fetched from another origin."""
    for url in nav_urls:
        tab = visit(**DESKTOP)
        # What is checked is every request the page makes, late ones too: so
        # here, and only here, wait until the network has been quiet for 500 ms.
        response = tab.page.goto(site_server.url(url), wait_until="networkidle")
        assert response.status == 200, url
        assert tab.page.locator("article h1").count() == 1, url
        assert tab.console_errors == [], (url, tab.console_errors)
        assert foreign_requests(tab.requests, site_server) == [], url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_on_a_phone(visit, site_server, nav_urls, scheme):
    tab = visit(color_scheme=scheme, **PHONE)
    for url in nav_urls + ["no-such-page/"]:
        tab.page.goto(site_server.url(url), wait_until="load")
        overflow = tab.page.evaluate(
            "() => document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url or 'home'} scrolls sideways by {overflow}px"


def test_palette_follows_the_system_setting(visit, site_server):
    for scheme, expected in (("light", "default"), ("dark", "slate")):
        tab = visit(color_scheme=scheme, **DESKTOP)
        tab.page.goto(site_server.url(), wait_until="load")
        assert tab.page.evaluate("document.body.dataset.mdColorScheme") == expected


def test_help_link_is_on_every_page(visit, site_server, nav_urls):
    tab = visit(**PHONE)
    for url in nav_urls:
        tab.page.goto(site_server.url(url), wait_until="load")
        link = tab.page.get_by_role("link", name="When to get help").first
        assert link.is_visible(), url
        assert link.evaluate("a => a.href") == site_server.url("get-help/"), url


def test_missing_page_shows_plain_404_with_working_links(visit, site_server):
    tab = visit(**DESKTOP)
    response = tab.page.goto(site_server.url("procedure/no-such-page/"))
    assert response.status == 404
    assert tab.page.locator("h1").inner_text() == "Sorry, we cannot find that page"
    # Styles load even though the page lives at a made-up address.
    assert tab.page.evaluate(
        "[...document.styleSheets].some(s => /main\\.[0-9a-f]+\\.min\\.css/.test(s.href) && s.cssRules.length > 100)"
    )
    tab.page.get_by_role("link", name="Read the questions people ask").click()
    tab.page.wait_for_url(site_server.url("faq/"))
    assert tab.page.locator("article h1").count() == 1
    tab.page.go_back()
    tab.page.get_by_role("link", name="Go to the home page").click()
    tab.page.wait_for_load_state()
    assert urlsplit(tab.page.url).path == site_server.prefix
    # The only errors are the browser's notes on the missing page itself.
    others = [e for e in tab.console_errors if "status of 404" not in e]
    assert others == []


# ----------------------------------------------------------------------------
# Search, through the real search box
# ----------------------------------------------------------------------------


def test_search_tailbone_finds_anatomy(visit, site_server):
    tab = visit(**DESKTOP)
    results = search(tab, site_server, "tailbone")
    assert "anatomy/" in results[:3], results
    assert tab.console_errors == []
    assert foreign_requests(tab.requests, site_server) == []


def test_search_question_finds_the_procedure(visit, site_server):
    tab = visit(**DESKTOP)
    results = search(tab, site_server, "how long does it take")
    assert any(path.startswith("procedure/") for path in results[:3]), results


ACTIVE_TOOLTIP = """() => [...document.querySelectorAll('.md-tooltip2--active')]
    .map(tip => tip.textContent.trim())"""


@pytest.mark.parametrize(
    "layout, url, selector, action",
    [(DESKTOP, "anatomy/", "article p abbr", "focus"),
     (PHONE, "procedure/during/", "article li abbr", "tap")],
    ids=["keyboard-focus", "tap"],
)
def test_glossary_term_shows_its_meaning_on_focus_and_tap(
    visit, site_server, layout, url, selector, action
):
    from glossary import GLOSSARY_FILE, parse_glossary
    from support import ROOT

    terms = parse_glossary((ROOT / GLOSSARY_FILE).read_text(encoding="utf-8"))
    tab = visit(**layout)
    tab.page.goto(site_server.url(url), wait_until="load")
    term = tab.page.locator(selector).first
    word = term.inner_text()
    getattr(term, action)()
    tab.page.wait_for_function(f"() => ({ACTIVE_TOOLTIP})().length === 1")
    assert tab.page.evaluate(ACTIVE_TOOLTIP) == [terms[word]]


def test_search_index_loads_only_when_the_reader_searches(visit, site_server):
    """Pages stay light: the index and worker wait for the search box."""
    tab = visit(**PHONE)
    # A request that must NOT happen has no event to wait for: give the page
    # its load, a quiet network and half a second more to make it.
    tab.page.goto(site_server.url("anatomy/"), wait_until="networkidle")
    tab.page.wait_for_timeout(500)
    held_back = [u for u in tab.requests if "search_index.json" in u or "/workers/search." in u]
    assert held_back == []
    tab.page.set_viewport_size(DESKTOP["viewport"])
    results = search(tab, site_server, "tailbone")
    assert "anatomy/" in results[:3]
    loaded = [u for u in tab.requests if "search_index.json" in u or "/workers/search." in u]
    assert len(loaded) == 2
    assert tab.console_errors == []
