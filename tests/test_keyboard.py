"""Keyboard cost, focus that never disappears, and help in reach (issue 13,
items 2, 3 and 5), measured in Chromium on the built site."""

from __future__ import annotations

import statistics

import pytest

from support import DESKTOP, PHONE, load_site_config, nav_urls as read_nav_urls

# Tab stops as the issue counts them: links, controls, summary, tabindex >= 0,
# visible (display, visibility, closed <details>), not inert; a radio group
# is one stop. Checked against a real Tab walk: the same count on every page.
TAB_STOPS = """() => {
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea,'
    + ' summary, iframe, [tabindex], [contenteditable]';
  const radios = new Set();
  const stops = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) continue;
    if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (el.type === 'radio' && el.name) {
      if (radios.has(el.name)) continue;
      radios.add(el.name);
    }
    stops.push(el);
  }
  return stops.map(el => ({tag: el.tagName, cls: String(el.className), text: (el.textContent || '').trim().slice(0, 40)}));
}"""

# Issue 13 asked for no page above 150 stops and a median of 60 or less. The
# same issue asks for a numbered marker, reachable by keyboard, on every cited
# sentence, each glossary term focusable at its first use, a sources list that
# links to References, and (issue 14) a "Jump to a question" list on the FAQ.
# Those stops alone come to a median of about 75 (the page frame adds about 24),
# and to about 305 on the FAQ (112 markers, 68 jump links, 40 sources): the
# target cannot be met without dropping one of them (closing note of issue 13).
# These limits guard what was reached against growth, in both languages:
# every patient page but the FAQ at most 150, the FAQ at most 340, median 100
# (Spanish 105: its glossary marks a few more words, such as plural forms).
# The clinicians' review sheet (a worksheet of ~350 sourced rows) is not counted.
MAX_STOPS = 150
FAQ_MAX_STOPS = 340
MEDIAN_STOPS = {"en": 100, "es": 105}
NOT_COUNTED = {"for-clinics/review-sheet/"}


@pytest.mark.parametrize("edition", ["en", "es"])
def test_tab_stops_per_page(visit, site_server, nav_urls, report, edition):
    """Tab stops per page stay within the limits above (1280 px wide)."""
    tab = visit(**DESKTOP)
    prefix = "" if edition == "en" else "es/"
    urls = nav_urls if edition == "en" else read_nav_urls(load_site_config(config_file="mkdocs.es.yml"))
    counts = {}
    for url in urls:
        if url in NOT_COUNTED:
            continue
        tab.page.goto(site_server.url(prefix + url), wait_until="load")
        counts[url or "(home)"] = len(tab.page.evaluate(TAB_STOPS))
    median = statistics.median(counts.values())
    lines = [f"Tab stops per page ({edition}, Chromium, 1280 px):"]
    lines += [f"  {url:30} {count:4}" for url, count in counts.items()]
    lines.append(f"  {'median':30} {median:4}")
    report.append("\n".join(lines))
    print("\n".join(lines))
    over = {url: count for url, count in counts.items()
            if count > (FAQ_MAX_STOPS if url == "faq/" else MAX_STOPS)}
    assert over == {}, f"pages above {MAX_STOPS} tab stops: {over}"
    assert median <= MEDIAN_STOPS[edition], f"median {median} > {MEDIAN_STOPS[edition]}"


def test_terms_and_section_links_cost_one_stop_per_term(visit, site_server, nav_urls):
    """A term is a stop once a page; never on the Glossary page; "¶" never."""
    tab = visit(**DESKTOP)
    for url in nav_urls:
        tab.page.goto(site_server.url(url), wait_until="load")
        stops = tab.page.evaluate(TAB_STOPS)
        assert [s for s in stops if "headerlink" in s["cls"]] == [], url
        # Every meaning has exactly one focusable use (some sit in a closed
        # "Describe this picture" block, so they are not counted as stops).
        uses = tab.page.evaluate(
            "() => [...document.querySelectorAll('article abbr[title]')]"
            ".filter(a => !a.closest('a')).map(a => [a.title, a.tabIndex === 0])")
        focusable = [meaning for meaning, stop in uses if stop]
        assert sorted(focusable) == sorted({meaning for meaning, _ in uses}), url
        terms = [s for s in stops if s["tag"] == "ABBR"]
        assert len(terms) <= len(focusable), url
        if url == "glossary/":
            assert uses == []
    # The "¶" is still there for the mouse: it shows on hover.
    tab.page.goto(site_server.url("procedure/during/"), wait_until="load")
    heading = tab.page.locator("article h2").first
    heading.hover()
    link = heading.locator(".headerlink")
    tab.page.wait_for_function(
        "el => getComputedStyle(el).opacity === '1'", arg=link.element_handle())
    assert link.get_attribute("href") == "#" + heading.get_attribute("id")


# ----------------------------------------------------------------------------
# Focus never disappears
# ----------------------------------------------------------------------------

# The focused element after Tab: what it is, and whether it can be seen.
FOCUSED = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.dataset.walked) return {again: true};
  el.dataset.walked = '1';
  const what = el.tagName + ' ' + String(el.className).split(' ')[0] + ' '
    + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30);
  // Material's palette toggle is a visually hidden radio; its label shows.
  if (el.classList.contains('md-option')) el = el.nextElementSibling;
  el.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const box = el.getBoundingClientRect();
  const width = document.documentElement.clientWidth, height = window.innerHeight;
  let problem = '';
  if (box.width < 1 || box.height < 1) problem = 'no size';
  else if (box.right <= 0 || box.bottom <= 0 || box.left >= width || box.top >= height
           || box.left < -1 || box.right > width + 1) problem = 'off screen';
  else if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
    problem = 'hidden';
  return {what, problem, box: [box.x, box.y, box.width, box.height].map(Math.round)};
}"""

WALK_PAGES = ["", "procedure/during/", "procedure/before/", "get-help/"]


def tab_walk(page, limit: int = 700) -> tuple[int, list]:
    """Press Tab until focus comes round again; return (stops, problems)."""
    problems, stops = [], 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen = page.evaluate(FOCUSED)
        if seen and seen.get("again") and page.evaluate(
                "document.activeElement.matches('.md-search__input')"):
            # Once its index is ready, Material's search keeps Tab between the
            # box and its results; Escape leaves it (Material's own keyboard rule).
            page.keyboard.press("Escape")
            page.keyboard.press("Tab")
            seen = page.evaluate(FOCUSED)
        if seen is None or seen.get("again"):
            break
        stops += 1
        if seen["problem"] in ("hidden", "off screen"):
            # The skip link fades in, the menu slides in: give them their 0.25 s.
            page.wait_for_timeout(400)
            page.evaluate("document.activeElement.dataset.walked = ''")
            seen = page.evaluate(FOCUSED)
        if seen["problem"]:
            problems.append(seen)
    return stops, problems


@pytest.mark.parametrize("width", [360, 640, 1280])
def test_every_focused_element_is_on_screen(visit, site_server, width):
    tab = visit(viewport={"width": width, "height": 740})
    for url in WALK_PAGES:
        tab.page.goto(site_server.url(url), wait_until="load")
        stops, problems = tab_walk(tab.page)
        assert stops > 20, (url, stops)
        assert problems == [], (url, width, problems)


def test_without_javascript_focus_stays_on_screen_too(visit, site_server):
    """The menu slides in while a link in it has focus; controls that need
    JavaScript are not stops."""
    tab = visit(java_script_enabled=False, viewport={"width": 360, "height": 740})
    tab.page.goto(site_server.url("procedure/during/"), wait_until="load")
    stops, problems = tab_walk(tab.page)
    assert stops > 20
    assert problems == [], problems


def test_closed_menu_and_search_are_out_of_the_tab_order(visit, site_server):
    tab = visit(**PHONE)
    page = tab.page
    page.goto(site_server.url("risks/"), wait_until="load")
    stops = page.evaluate(TAB_STOPS)
    assert not [s for s in stops if s["cls"].startswith("md-nav__link")], "closed menu"
    assert not [s for s in stops if "md-search" in s["cls"]], "collapsed search"

    # The menu icon is a button: Enter opens the drawer, focus goes in and is seen.
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)  # the slide-in
    stops, problems = 0, []
    for _ in range(5):
        page.keyboard.press("Tab")
        seen = page.evaluate(FOCUSED)
        if seen and seen.get("problem"):
            problems.append(seen)
    assert problems == []
    # Escape closes it and gives focus back to the menu button.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"

    # The search icon is a button too: search opens with focus in the box.
    search = page.get_by_role("button", name="Search")
    search.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.wait_for_function("() => document.activeElement.matches('label[for=__search] > button')")
    assert tab.console_errors == []


# ----------------------------------------------------------------------------
# Help in reach
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("layout", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_help_stays_in_reach_while_scrolling(visit, site_server, layout):
    tab = visit(**layout)
    page = tab.page
    page.goto(site_server.url("procedure/after/"), wait_until="load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_timeout(300)
    help_link = page.locator(".md-header a", has_text="Get help")
    assert help_link.is_visible()
    assert help_link.evaluate("a => a.href") == site_server.url("get-help/")
    box = help_link.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]


# Everything "Back to top" can cover: headings and the header's controls.
BACK_TO_TOP_OVERLAPS = """() => {
  const top = document.querySelector('.md-top');
  if (!top || top.hidden) return null;
  const b = top.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const hit = r => r.width && r.height && r.left < b.right && r.right > b.left
    && r.top < b.bottom && r.bottom > b.top;
  const found = [];
  for (const h of document.querySelectorAll('article :is(h1,h2,h3,h4,h5,h6,[role=heading])')) {
    // Only the part of a heading below the sticky header can be seen at all.
    const r = h.getBoundingClientRect();
    const seen = {left: r.left, right: r.right, width: r.width,
                  top: Math.max(r.top, header.bottom), bottom: r.bottom};
    seen.height = seen.bottom - seen.top;
    if (seen.height > 0 && hit(seen)) found.push('heading: ' + h.textContent.trim().slice(0, 40));
  }
  for (const c of document.querySelectorAll('.md-header a, .md-header label, .md-header input, .md-header form')) {
    if (hit(c.getBoundingClientRect()) && c.checkVisibility({visibilityProperty: true, opacityProperty: true})) found.push('header: ' + c.className);
  }
  if (b.bottom > header.bottom + 1) found.push('below the header');
  return found;
}"""


@pytest.mark.parametrize("layout", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_back_to_top_never_covers_a_heading(visit, site_server, layout):
    tab = visit(**layout)
    page = tab.page
    page.goto(site_server.url("faq/"), wait_until="load")
    height = page.evaluate("document.documentElement.scrollHeight")
    shown = 0
    for y in range(1500, height - 800, 700):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
        page.evaluate(f"window.scrollTo(0, {y - 120})")     # scrolling up shows it
        page.wait_for_timeout(200)
        overlaps = page.evaluate(BACK_TO_TOP_OVERLAPS)
        if overlaps is None:
            continue
        shown += 1
        assert overlaps == [], (y, overlaps)
    assert shown >= 3


def test_focus_stays_put_when_search_opens_late(visit, site_server):
    """Search loads its index when the reader reaches the box, and Material
    opens search once it has (the __search toggle's change). A reader who has
    already tabbed on keeps their place; one who opens search from its button
    lands in the box."""
    tab = visit(viewport={"width": 1280, "height": 740})
    page = tab.page
    page.goto(site_server.url("get-help/"), wait_until="load")
    page.locator(".md-search__input").focus()
    page.keyboard.press("Tab")
    after = page.evaluate("document.activeElement.className")
    assert "md-search__input" not in after and after
    open_search = """() => { const t = document.getElementById('__search');
        t.checked = true; t.dispatchEvent(new Event('change', {bubbles: true})); }"""
    frames = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    page.evaluate(open_search)
    page.evaluate(frames)
    assert page.evaluate("document.activeElement.className") == after
    # From the button (on a phone the box is hidden until then): into the box.
    tab = visit(**PHONE)
    page = tab.page
    page.goto(site_server.url("get-help/"), wait_until="load")
    page.get_by_role("button", name="Search").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
