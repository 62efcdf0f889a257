"""WCAG 2.2 AA: axe-core on every page, light and dark, desktop and phone;
keyboard use; and reading with JavaScript turned off."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import AXE_OPTIONS, DESKTOP, PHONE, describe_violations as describe

LAYOUTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_axe_finds_no_violations(visit, site_server, nav_urls, scheme, layout):
    axe = Axe()
    tab = visit(color_scheme=scheme, **LAYOUTS[layout])
    problems = []
    for url in nav_urls:
        tab.page.goto(site_server.url(url), wait_until="load")
        results = axe.run(tab.page, options=AXE_OPTIONS)
        problems += describe(url, results.response["violations"])
    print("\n".join(problems))
    assert problems == [], f"{len(problems)} violations:\n" + "\n".join(problems)


def focus_ring(page) -> dict:
    """What the focused element is and how its focus is shown."""
    return page.evaluate(
        """() => {
            let el = document.activeElement;
            const name = (el.getAttribute('aria-label') || el.title || el.textContent || '').trim();
            // Material's palette toggle is a visually hidden radio; its label shows the focus.
            if (el.classList.contains('md-option')) el = el.nextElementSibling;
            const style = getComputedStyle(el);
            return {tag: el.tagName, name: name.slice(0, 50),
                    outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )


def test_skip_link_is_first_and_works(visit, site_server):
    tab = visit(**DESKTOP)
    tab.page.goto(site_server.url("procedure/during/"), wait_until="load")
    tab.page.keyboard.press("Tab")
    first = focus_ring(tab.page)
    assert first["tag"] == "A" and first["name"] == "Skip to content"
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => location.hash.length > 1")
    target = tab.page.evaluate("location.hash.slice(1)")
    assert tab.page.locator(f"article [id='{target}']").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_always_visible(visit, site_server, scheme):
    tab = visit(color_scheme=scheme, **DESKTOP)
    tab.page.goto(site_server.url("faq/"), wait_until="load")
    seen = []
    for _ in range(25):
        tab.page.keyboard.press("Tab")
        ring = focus_ring(tab.page)
        seen.append(ring["name"])
        assert ring["outline"] != "none" and ring["width"] >= 2, ring
    assert "Skip to content" in seen and "When to get help" in seen


def test_search_opens_and_closes_from_the_keyboard(visit, site_server):
    tab = visit(**DESKTOP)
    tab.page.goto(site_server.url("risks/"), wait_until="load")
    is_open = "() => document.getElementById('__search').checked"
    tab.page.keyboard.press("/")
    tab.page.wait_for_function(is_open)
    assert tab.page.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.page.keyboard.type("fever")
    tab.page.wait_for_selector(".md-search-result__item")
    tab.page.keyboard.press("Escape")
    tab.page.wait_for_function(f"() => !({is_open})()")
    assert tab.console_errors == []


def test_palette_toggle_has_a_name_and_works_by_keyboard(visit, site_server):
    tab = visit(color_scheme="light", **DESKTOP)
    tab.page.goto(site_server.url(), wait_until="load")
    toggle = tab.page.get_by_role("radio", name="Switch to dark mode")
    toggle.focus()
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    assert tab.page.get_by_role("radio", name="Switch to light mode").count() == 1


def test_pages_work_with_javascript_off(visit, site_server, nav_urls):
    tab = visit(java_script_enabled=False, **DESKTOP)
    for url in nav_urls:
        tab.page.goto(site_server.url(url))
        assert tab.page.locator("article h1").is_visible(), url
        assert len(tab.page.locator("article").inner_text()) > 300, url
    # The menu is plain links: follow one.
    tab.page.goto(site_server.url())
    tab.page.locator("nav.md-nav--primary a.md-nav__link", has_text="Risks and side effects").first.click()
    tab.page.wait_for_url(site_server.url("risks/"))
    assert tab.page.locator("article h1").inner_text().startswith("Risks")
    # Figures show, and their descriptions open without JavaScript.
    tab.page.goto(site_server.url("anatomy/"))
    assert tab.page.locator("article figure img[src$='#only-light']").first.is_visible()
    summary = tab.page.locator("article details summary").first
    summary.click()
    assert tab.page.locator("article details[open]").count() == 1
