"""Embedding the guide in a clinic's website, in a real Chromium, across origins.

The built guide is served on 127.0.0.1 (``site_server``); a clinic's page is
served on another origin, 127.0.0.2, and a stranger on a third, 127.0.0.3. The
clinic's page uses the snippets exactly as the "Embed the guide" page shows
them, with the guide's published address swapped for the test server's.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError

from embed_heights import (EMBED_PAGE, SPANISH_EMBED_PAGE, TOLERANCE, embeddable,  # scripts/
                           measure, spanish_pages, written_heights)
from support import AXE_OPTIONS, DESKTOP, PHONE, ROOT, describe_violations, serve

HOST_IP = "127.0.0.2"
THIRD_IP = "127.0.0.3"
START_HEIGHT = 600          # embed.js's starting height
FIT_WITHIN_S = 2.0          # the issue: "within 2 s"
TOLERANCE = 10              # ± px between the frame and its document
# Where the picture of the clinic page goes: $SCREENSHOT_DIR if set (to keep it),
# else the test's own temp folder.
SCREENSHOT_DIR = "SCREENSHOT_DIR"

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Riverside Pain Clinic (test host page)</title>
<style>
  body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #f4f1ea; }}
  header {{ padding: 1rem 2rem; background: #0b4f6c; color: #fff; }}
  header h1 {{ margin: 0; font-size: 1.5rem; }}
  main {{ max-width: 1200px; margin: 0 auto; padding: 1rem 2rem 4rem; }}
  .columns {{ display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; align-items: start; }}
  .card {{ background: #fff; padding: 0.5rem; border-radius: 6px; }}
</style>
</head>
<body>
<header><h1>Riverside Pain Clinic</h1><p>A clinic page on another origin: {host_origin}</p></header>
<main>
{body}
</main>
</body>
</html>
"""


# ----------------------------------------------------------------------------
# The snippets, as the "Embed the guide" page shows them
# ----------------------------------------------------------------------------


@dataclass
class Snippets:
    script: str      # <div data-impar-guide="procedure/"></div><script …>
    frame: str       # the plain <iframe> and link
    sandbox: str     # sandbox="…"


@pytest.fixture(scope="module")
def snippets(built_site, mkdocs_config, site_server) -> Snippets:
    """The code blocks of for-clinics/embed/, pointed at the test server."""
    html = (built_site / "for-clinics" / "embed" / "index.html").read_text(encoding="utf-8")
    blocks = [pre.get_text() for pre in BeautifulSoup(html, "html.parser").select("article pre")]
    published = mkdocs_config["site_url"]

    def find(*needles):
        found = [block for block in blocks if all(n in block for n in needles)]
        assert found, f"no code block with {needles} on for-clinics/embed/"
        return found[0]

    script = find('data-impar-guide="procedure/"', "<script")
    frame = find("<iframe")
    sandbox = find("sandbox=")
    # The page shows the guide's own address, filled in by the build.
    assert f'src="{published}assets/javascripts/embed.js"' in script
    assert f'src="{published}procedure/?embed"' in frame
    local = site_server.url()
    return Snippets(
        script.replace(published, local),
        frame.replace(published, local),
        sandbox.strip(),
    )


def with_page(snippet: str, path: str, heights: dict | None = None) -> str:
    """The script snippet showing ``path`` instead of procedure/ (and, given
    the pages' ``heights``, keeping that page's height free)."""
    snippet = snippet.replace('data-impar-guide="procedure/"', f'data-impar-guide="{path}"')
    if heights is not None:
        snippet = re.sub(r"min-height: \d+px", f"min-height: {heights[path]}px", snippet)
    return snippet


@pytest.fixture(scope="module")
def heights() -> dict[str, int]:
    """Each page's height on a phone, as written in embed.md's front matter."""
    return written_heights(EMBED_PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def spanish_heights() -> dict[str, int]:
    """Each Spanish page's height ("es/..."), from the Spanish embed.md."""
    return written_heights(SPANISH_EMBED_PAGE.read_text(encoding="utf-8"))


def snippet_parts(snippet: str) -> tuple[str, str]:
    """(the element, the script tag) of the script snippet."""
    element, script = snippet.strip().split("\n", 1)
    assert element.startswith("<div") and script.startswith("<script"), snippet
    return element, script


@dataclass
class Hosts:
    directory: Path
    host: object     # Server on HOST_IP
    third: object    # Server on THIRD_IP

    def page(self, name: str, body: str) -> str:
        """Write a clinic page; return its address on the host origin."""
        (self.directory / f"{name}.html").write_text(
            HOST_PAGE.format(body=body, host_origin=self.host.origin), encoding="utf-8"
        )
        return self.host.url(f"{name}.html")


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    """The clinic's origin (127.0.0.2) and a stranger's (127.0.0.3)."""
    directory = tmp_path_factory.mktemp("host")
    (directory / "stranger.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<link rel='icon' href='data:,'><title>Stranger</title></head>"
        "<body><p>A frame from a third origin.</p></body></html>",
        encoding="utf-8",
    )
    host, host_httpd = serve(directory, "/", host=HOST_IP)
    third, third_httpd = serve(directory, "/", host=THIRD_IP)
    yield Hosts(directory, host, third)
    for httpd in (host_httpd, third_httpd):
        httpd.shutdown()
        httpd.server_close()


# ----------------------------------------------------------------------------
# Reading the frames
# ----------------------------------------------------------------------------

FRAME_HEIGHTS = "() => [...document.querySelectorAll('iframe')].map(f => f.getBoundingClientRect().height)"

# Inside a framed page: its document's height, the bottom of its last piece of
# content, and whether it could scroll.
INSIDE = """() => {
    const root = document.documentElement;
    const blocks = [...document.querySelectorAll('article > *')]
        .filter(e => e.getClientRects().length);
    const last = blocks[blocks.length - 1];
    return {
        path: location.pathname,
        search: location.search,
        embed: root.classList.contains('gib-embed'),
        scrollHeight: root.scrollHeight,
        clientHeight: root.clientHeight,
        contentBottom: last ? last.getBoundingClientRect().bottom + scrollY : 0,
    };
}"""


# Every link to another website: does it open in a new tab, without opener
# and referrer?
EXTERNAL_LINKS = """() => [...document.querySelectorAll('article a[href^="http"]')]
    .filter(a => new URL(a.href).origin !== location.origin)
    .map(a => a.target === '_blank' && a.relList.contains('noopener')
              && a.relList.contains('noreferrer'))"""


def frame(page, index: int = 0):
    """The Frame object of the ``index``-th iframe on ``page``."""
    handle = page.locator("iframe").nth(index).element_handle()
    content = handle.content_frame()
    assert content is not None
    return content


def poll(check, timeout: float, what: str):
    """Call ``check`` until it returns a true value; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = check()
            if last and last[0]:
                return last
        except PlaywrightError as error:  # a frame between two pages
            last = (False, str(error))
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s; last state: {last}")
        time.sleep(0.05)


def fitted(page, index: int = 0, path: str | None = None):
    """(True, state) when the index-th frame is as tall as its document."""
    heights = page.evaluate(FRAME_HEIGHTS)
    if len(heights) <= index:
        return False, "the frame is not made yet"
    content = page.locator("iframe").nth(index).element_handle().content_frame()
    if content is None:
        return False, "the frame has no document yet"
    height = heights[index]
    inside = content.evaluate(INSIDE)
    ok = (
        (path is None or inside["path"].endswith(path))
        and abs(height - inside["scrollHeight"]) <= TOLERANCE
        and inside["scrollHeight"] <= inside["clientHeight"] + 1      # no scrollbar
        and 0 <= height - inside["contentBottom"] < 120               # no empty tail
    )
    return ok, {"frame": height, **inside}


def wait_fitted(page, index: int = 0, path: str | None = None, timeout: float = 5.0):
    """Wait until the frame fits. The 2 s of the issue are checked in the first
    test; elsewhere a loaded machine gets more time (no flaky failures)."""
    return poll(lambda: fitted(page, index, path), timeout, f"frame {index} fits {path or ''}")[1]


def foreign(requests, *servers):
    """Requests to any origin other than ``servers`` (data: is local)."""
    allowed = tuple(server.origin + "/" for server in servers) + ("data:", "blob:")
    return [url for url in requests if not url.startswith(allowed)]


# ----------------------------------------------------------------------------
# The script snippet
# ----------------------------------------------------------------------------


def test_snippet_frames_the_page_and_fits_its_height(visit, site_server, hosts, snippets):
    url = hosts.page("one", snippets.script)
    tab = visit(**DESKTOP)
    started = time.monotonic()
    tab.page.goto(url, wait_until="commit")
    # Within 2 s of opening the clinic's page, the frame fits its page.
    left = FIT_WITHIN_S - (time.monotonic() - started)
    state = wait_fitted(tab.page, 0, "/procedure/", timeout=left)

    iframe = tab.page.locator("iframe")
    assert iframe.count() == 1
    attributes = iframe.evaluate(
        "f => ({src: f.src, title: f.title, loading: f.getAttribute('loading'),"
        " referrer: f.getAttribute('referrerpolicy'), border: getComputedStyle(f).borderTopWidth,"
        " parent: f.parentElement.dataset.imparGuide})"
    )
    assert attributes == {
        "src": site_server.url("procedure/?embed"),
        "title": "Patient guide: procedure",
        "loading": "lazy",
        "referrer": "strict-origin-when-cross-origin",
        "border": "0px",
        "parent": "procedure/",
    }
    assert state["embed"]
    assert state["frame"] > START_HEIGHT + 100, state  # it grew to fit
    # The check below is about every request, late ones too: wait for quiet.
    tab.page.wait_for_load_state("networkidle")
    assert tab.console_errors == []
    assert foreign(tab.requests, site_server, hosts.host) == []
    # One name on the clinic's page, and nothing else of ours.
    assert tab.page.evaluate("Object.keys(window.ImparGuideEmbed)") == ["scan", "origin"]
    assert tab.page.evaluate("ImparGuideEmbed.origin") == site_server.origin


def test_frame_follows_navigation_inside_it_up_and_down(visit, site_server, hosts, snippets):
    url = hosts.page("navigate", snippets.script)
    tab = visit(**DESKTOP)
    tab.page.goto(url)
    short = wait_fitted(tab.page, 0, "/procedure/")

    # The last source link at the bottom of the page leads to the long
    # References page, inside the frame, still in embed view.
    citation = frame(tab.page).locator("article a[href*='references/#']").last
    citation.click()
    long = wait_fitted(tab.page, 0, "/references/")
    assert long["frame"] > short["frame"] + 500, (short, long)
    assert long["embed"] and long["search"] == ""
    inside = frame(tab.page)
    assert not inside.locator(".md-header").is_visible()
    assert inside.get_by_role("link", name="Open the full guide").is_visible()
    # Sources on other websites open in a new tab, not in the frame.
    external = inside.evaluate(EXTERNAL_LINKS)
    assert len(external) > 10 and all(external), external
    # The clinic's page brought the top of the new page into view, and the
    # frame's title names the new page.
    assert tab.page.locator("iframe").evaluate("f => f.getBoundingClientRect().top") >= -1
    assert tab.page.locator("iframe").get_attribute("title") == "Patient guide: references"

    # Back to the shorter page: the frame shrinks again.
    inside.evaluate("setTimeout(() => history.back(), 0)")
    back = wait_fitted(tab.page, 0, "/procedure/")
    assert abs(back["frame"] - short["frame"]) <= TOLERANCE, (short, back)

    # A narrower window makes the text wrap more: the frame grows to follow.
    tab.page.set_viewport_size({"width": 700, "height": 900})
    narrow = wait_fitted(tab.page, 0, "/procedure/")
    assert narrow["frame"] > back["frame"] + 100, (back, narrow)

    # Larger text (the reader's font-size setting) makes it grow too.
    frame(tab.page).evaluate("document.documentElement.style.fontSize = '200%'")
    larger = wait_fitted(tab.page, 0, "/procedure/")
    assert larger["frame"] > narrow["frame"] + 300, (narrow, larger)

    assert tab.console_errors == []
    assert foreign(tab.requests, site_server, hosts.host) == []


def test_two_embeds_size_independently(visit, site_server, hosts, snippets, tmp_path):
    element, script = snippet_parts(snippets.script)
    body = (
        "<h2>Your injection: what to expect</h2>\n<div class='columns'>\n"
        f"<div class='card'>{element}</div>\n"
        f"<div class='card'>{with_page(element, 'get-help/')}</div>\n</div>\n{script}"
    )
    url = hosts.page("two", body)
    tab = visit(**DESKTOP)
    tab.page.goto(url)
    first = wait_fitted(tab.page, 0, "/procedure/")
    second = wait_fitted(tab.page, 1, "/get-help/")
    assert abs(first["frame"] - second["frame"]) > 200, (first, second)
    for index in (0, 1):             # both frames' pictures and styles are in
        frame(tab.page, index).wait_for_load_state("load")
    # A picture of the whole clinic page (kept out of the repository). The
    # window is made as tall as the page, because Chromium leaves the parts
    # of a cross-origin frame outside the window blank in full-page shots.
    tall = tab.page.evaluate("document.documentElement.scrollHeight")
    tab.page.set_viewport_size({"width": DESKTOP["viewport"]["width"], "height": tall})
    tab.page.wait_for_timeout(300)
    shots = Path(os.environ.get(SCREENSHOT_DIR) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(shots / "embed-host.png"))
    tab.page.set_viewport_size(DESKTOP["viewport"])

    # A page change in one frame leaves the other alone.
    frame(tab.page, 0).locator("article a[href*='references/#']").last.click()
    wait_fitted(tab.page, 0, "/references/")
    assert tab.page.evaluate(FRAME_HEIGHTS)[1] == second["frame"]
    wait_fitted(tab.page, 1, "/get-help/")

    assert tab.console_errors == []
    assert foreign(tab.requests, site_server, hosts.host) == []


# ----------------------------------------------------------------------------
# Messages the script must not trust
# ----------------------------------------------------------------------------

FAKE = 4321


def test_heights_from_anyone_but_the_frame_are_ignored(visit, site_server, hosts, snippets):
    element, script = snippet_parts(snippets.script)
    body = "\n".join([
        element,
        # The plain frame (no script): the guide's origin, but not a frame
        # that embed.js made.
        snippets.frame,
        # A stranger's frame on a third origin.
        f"<iframe src='{hosts.third.url('stranger.html')}' title='Stranger'></iframe>",
        # Paths outside the guide make no frame at all.
        "<div data-impar-guide='https://example.com/'></div>",
        "<div data-impar-guide='//example.com/x/'></div>",
        "<div data-impar-guide='javascript:alert(1)'></div>",
        # Above the guide's folder (a guide at the top of its domain has none).
        *(["<div data-impar-guide='../../../outside/'></div>"]
          if site_server.prefix != "/" else []),
        # The script twice: still one frame per element.
        script,
        script,
    ])
    url = hosts.page("fakes", body)
    tab = visit(**DESKTOP)
    tab.page.goto(url)
    made = tab.page.locator("[data-impar-guide] > iframe")
    assert made.count() == 1
    made_frame = made.element_handle().content_frame()

    def height():
        return made.evaluate("f => f.getBoundingClientRect().height")

    def fits():
        inside = made_frame.evaluate(INSIDE)
        return abs(height() - inside["scrollHeight"]) <= TOLERANCE, inside

    poll(fits, 5, "the embed fits")
    before = height()

    message = f"{{type: 'gib:height', height: {FAKE}, path: '/procedure/'}}"
    # From the clinic's page itself.
    tab.page.evaluate(f"window.postMessage({message}, '*')")
    # From a third origin.
    stranger = next(f for f in tab.page.frames if f.url.startswith(hosts.third.origin))
    stranger.evaluate(f"parent.postMessage({message}, '*')")
    # From the guide's origin, but from another frame than the one it sizes.
    plain = next(f for f in tab.page.frames
                 if f.url.startswith(site_server.origin) and f != made_frame)
    plain.evaluate(f"parent.postMessage({message}, '*')")
    # From the right frame, but not a height message, or not a finite number.
    for bad in ("null", "'4321'", f"{{type: 'other', height: {FAKE}}}",
                "{type: 'gib:height', height: '4321'}", "{type: 'gib:height', height: NaN}",
                "{type: 'gib:height', height: Infinity}", "{type: 'gib:height'}"):
        made_frame.evaluate(f"parent.postMessage({bad}, '*')")
    tab.page.wait_for_timeout(400)
    assert height() == before

    # The checks are what stopped them: the same message from the right
    # frame is used, and wild values are clamped.
    made_frame.evaluate(f"parent.postMessage({message}, '*')")
    poll(lambda: (height() == FAKE, height()), 2, "a real message is used")
    made_frame.evaluate("parent.postMessage({type: 'gib:height', height: 1e9}, '*')")
    poll(lambda: (height() == 50000, height()), 2, "clamped to 50000")
    made_frame.evaluate("parent.postMessage({type: 'gib:height', height: -5}, '*')")
    poll(lambda: (height() == 100, height()), 2, "clamped to 100")

    # A message from the frame's window, but after it has left the guide for
    # another origin.
    made_frame.evaluate(f"setTimeout(() => location.href = '{hosts.third.url('stranger.html')}')")
    made_frame.wait_for_url(hosts.third.url("stranger.html"), timeout=5000)
    made_frame.evaluate(f"parent.postMessage({message}, '*')")
    tab.page.wait_for_timeout(300)
    assert height() == 100

    # Elements added later get their frame from ImparGuideEmbed.scan().
    tab.page.evaluate("""() => {
        const element = document.createElement('div');
        element.dataset.imparGuide = 'faq/';
        document.querySelector('main').append(element);
        ImparGuideEmbed.scan();
        ImparGuideEmbed.scan();
    }""")
    assert tab.page.locator("[data-impar-guide='faq/'] > iframe").count() == 1
    assert made.count() == 2

    assert not [url for url in tab.requests if "example.com" in url or "outside" in url]
    assert tab.console_errors == []


def test_plain_frame_snippet_works_sandboxed(visit, site_server, hosts, snippets, heights):
    """The no-JS snippet: the page is in embed view, with the documented
    sandbox too; its fixed height stays, so the page scrolls inside."""
    sandboxed = snippets.frame.replace("<iframe ", f"<iframe {snippets.sandbox} ", 1)
    url = hosts.page("plain", f"{snippets.frame}\n{sandboxed}")
    tab = visit(**DESKTOP)
    tab.page.goto(url, wait_until="load")   # the page's load waits for its frames
    for index in (0, 1):
        # The frames load lazily: bring each into view, and wait for its page.
        tab.page.locator("iframe").nth(index).scroll_into_view_if_needed()
        inside = frame(tab.page, index)
        inside.wait_for_url("**/procedure/?embed")
        inside.wait_for_load_state("load")
        assert inside.evaluate(INSIDE)["embed"], index
        assert not inside.locator(".md-header").is_visible()
        assert inside.get_by_role("link", name="When to get help").first.is_visible()
        assert tab.page.evaluate(FRAME_HEIGHTS)[index] == heights["procedure/"]
        # A block, in line with the clinic's text (an inline frame is not).
        assert tab.page.locator("iframe").nth(index).evaluate(
            "f => getComputedStyle(f).display") == "block"
    link = tab.page.get_by_role("link", name="Read the patient guide: the procedure").first
    assert link.get_attribute("href") == site_server.url("procedure/")
    assert tab.console_errors == []
    assert foreign(tab.requests, site_server, hosts.host) == []


# ----------------------------------------------------------------------------
# The embed view itself
# ----------------------------------------------------------------------------

HIDDEN_IN_EMBED = {"header": ".md-header", "nav": ".md-sidebar--primary", "footer": ".md-footer"}


def test_embed_view_hides_header_nav_and_footer(visit, site_server):
    tab = visit(**DESKTOP)
    page = tab.page
    for query, embedded in (("", False), ("?embed", True), ("?embed=1", True), ("?embed=0", False)):
        page.goto(site_server.url("procedure/" + query), wait_until="load")
        for name, selector in HIDDEN_IN_EMBED.items():
            assert page.locator(selector).is_visible() is not embedded, (query, name)
        assert page.locator("[data-md-component=palette]").is_visible() is not embedded, query
        bar = page.get_by_role("link", name="Open the full guide")
        assert bar.count() == (1 if embedded else 0), query
        # Content, and "When to get help", are always there.
        assert page.locator("article h1").is_visible(), query
        assert page.get_by_role("link", name="When to get help").first.is_visible(), query
    assert tab.console_errors == []


def test_open_the_full_guide_link(visit, site_server, hosts, snippets):
    url = hosts.page("full", snippets.script)
    tab = visit(**DESKTOP)
    tab.page.goto(url)
    wait_fitted(tab.page)
    link = frame(tab.page).get_by_role("link", name="Open the full guide")
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel").split()
    assert link.evaluate("a => a.href") == site_server.url("procedure/")
    with tab.page.context.expect_page() as opened:
        link.click()
    full = opened.value
    full.wait_for_load_state()
    assert full.url == site_server.url("procedure/")
    assert full.locator(".md-header").is_visible()
    assert full.locator(".md-footer").is_visible()
    assert full.get_by_role("link", name="Open the full guide").count() == 0
    assert tab.console_errors == []


def test_links_keep_the_embed_view_and_others_open_a_new_tab(visit, site_server):
    """With ?embed in a normal tab (a clinic app, a preview) links carry it on."""
    tab = visit(**DESKTOP)
    page = tab.page
    page.goto(site_server.url("procedure/?embed#your-day-at-a-glance"), wait_until="load")
    links = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .map(a => ({href: a.href, raw: a.getAttribute('href'), target: a.target, rel: a.rel}))""")
    inside = [link for link in links if link["href"].startswith(site_server.url())]
    outside = [link for link in links if link["href"].startswith("http")
               and not link["href"].startswith(site_server.origin)]
    assert inside
    for link in inside:
        if link["raw"].startswith("#"):  # same page: left alone, only scrolls
            assert link["href"] == site_server.url("procedure/?embed") + link["raw"], link
        else:
            assert "?embed" in link["href"], link
    assert outside == []  # this page cites only the References page
    page.locator("article a[href*='procedure/before/']").first.click()
    page.wait_for_url(site_server.url("procedure/before/?embed"))
    assert page.evaluate("document.documentElement.classList.contains('gib-embed')")
    assert not page.locator(".md-header").is_visible()
    # The full-guide link never carries ?embed.
    assert page.get_by_role("link", name="Open the full guide").evaluate("a => a.href") \
        == site_server.url("procedure/before/")
    # Sources on other websites open in a new tab.
    page.goto(site_server.url("references/?embed"), wait_until="load")
    external = page.evaluate(EXTERNAL_LINKS)
    assert len(external) > 10 and all(external), external
    assert tab.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embed_view_is_accessible_in_light_and_dark(visit, site_server, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = visit(color_scheme=scheme, **PHONE)
    page = tab.page
    page.goto(site_server.url("get-help/?embed"), wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == (
        "slate" if scheme == "dark" else "default")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert describe_violations("get-help/?embed", violations) == []
    # Keyboard: after "When to get help", the next stop is the way out, with a
    # visible outline.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const a = document.activeElement, style = getComputedStyle(a);
        return {name: a.textContent.trim(), outline: style.outlineStyle,
                width: parseFloat(style.outlineWidth)};
    }""")
    assert focused["name"].startswith("Open the full guide"), focused
    assert focused["outline"] != "none" and focused["width"] >= 1, focused
    # Nothing in the view is fixed to the window or as tall as it (the
    # height the frame reports is the content's).
    assert page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getClientRects().length && getComputedStyle(e).position === 'fixed')
        .map(e => e.className)""") == []
    assert tab.console_errors == []


def test_storage_guard_partial_matches_materials_own():
    """docs/assets/javascripts/storage.js is Material's inline storage script
    (partials/javascripts/base.html) as a file, so the CSP needs no inline
    script: only the scope (the site root, from the file's own address) and
    __md_get/__md_set made safe differ; after a Material upgrade this says to
    re-copy."""
    import re

    import material

    code = (ROOT / "docs/assets/javascripts/storage.js").read_text(encoding="utf-8")
    code = re.sub(r"(?s)\A/\*.*?\*/\s*", "", code).strip().rstrip(";")
    code = code.replace('__md_scope=new URL("../../",document.currentScript.src)',
                        '__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)')
    ours = f"<script>{code}</script>"
    theirs = (Path(material.__file__).parent
              / "templates/partials/javascripts/base.html").read_text(encoding="utf-8")
    script = re.compile(r"<script>.*</script>")
    original = {
        "get": '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e))',
        "set": '__md_set=(e,_,t=localStorage,a=__md_scope)=>'
               '{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    }
    safe = {
        "get": '__md_get=(e,_,t=__md_scope)=>'
               '{try{return JSON.parse((_||localStorage).getItem(t.pathname+"."+e))}catch(e){return null}}',
        "set": '__md_set=(e,_,t,a=__md_scope)=>'
               '{try{(t||localStorage).setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    }
    expected = script.search(theirs)[0]
    for key in original:
        assert original[key] in expected, (
            f"Material's partials/javascripts/base.html changed (__md_{key}): "
            "copy it again into overrides/ and make __md_get/__md_set safe"
        )
        expected = expected.replace(original[key], safe[key])
    assert script.search(ours)[0] == expected


# ----------------------------------------------------------------------------
# The clinic's page does not jump (issue 13, item 9)
# ----------------------------------------------------------------------------

MAX_CLS = 0.02              # host-page Cumulative Layout Shift, at 360 and at 1280 px
SCRIPT_DELAY_S = 0.4        # embed.js arrives this long after the page was asked for

# The host page's layout shifts, as Chromium reports them to the page itself
# (the frame's own document is not counted: it is another page).
WATCH_SHIFTS = """if (window.top === window) {
    window.__shifts = [];
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.__shifts.push(entry.value);
        }
    }).observe({type: 'layout-shift', buffered: true});
}"""

# A clinic page with the frame in its first screen and its own text under it.
CLS_PAGE = """<p>Your appointment is on the day in your letter. Read the guide below first.</p>
{snippet}
<h2>Where to find us</h2>
<p>Riverside Pain Clinic, Mill Lane. Parking is free for patients.</p>
<p>Call us on the number in your letter if you have a question.</p>"""


def host_cls(visit, hosts, name: str, snippet: str, window: dict, path: str) -> tuple[float, list]:
    """(CLS, shifts) of a clinic page showing ``snippet``, once the frame fits."""
    url = hosts.page(name, CLS_PAGE.format(snippet=snippet))
    tab = visit(**window)
    tab.page.add_init_script(WATCH_SHIFTS)
    # Over a real network the script comes after the clinic's page has been
    # painted; on the loopback it could come first and hide every shift.
    tab.page.route("**/embed.js", lambda route: (time.sleep(SCRIPT_DELAY_S), route.continue_()))
    tab.page.goto(url, wait_until="load")
    top = tab.page.locator("[data-impar-guide]").first.evaluate(
        "e => e.getBoundingClientRect().top")
    assert top < window["viewport"]["height"] / 2, top      # in the first screen
    wait_fitted(tab.page, 0, "/" + path)
    tab.page.wait_for_timeout(500)      # a late shift would be reported by now
    shifts = tab.page.evaluate("window.__shifts")
    assert tab.console_errors == []
    return sum(shifts), shifts


# The phone: 360 px wide, as the issue measured it (360 x 780). Not
# ``is_mobile``: with mobile emulation Chromium reports no layout shifts at all.
PHONE_CLS = {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2, "has_touch": True}


@pytest.mark.parametrize("window", [PHONE_CLS, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("path", ["procedure/", "get-help/"])
def test_the_clinics_page_does_not_jump(visit, hosts, snippets, heights, window, path):
    snippet = with_page(snippets.script, path, heights)
    assert f'style="min-height: {heights[path]}px"' in snippet
    cls, shifts = host_cls(visit, hosts, "steady", snippet, window, path)
    assert cls <= MAX_CLS, shifts
    # The measurement does see shifts: without the kept place, the same page jumps.
    bare = re.sub(r' style="min-height: \d+px"', "", snippet)
    cls, shifts = host_cls(visit, hosts, "jumpy", bare, window, path)
    assert cls > MAX_CLS, shifts


def test_the_heights_on_the_embed_page_are_up_to_date(browser, site_server, nav_urls, heights,
                                                       spanish_heights):
    """embed.md's heights (and the Spanish embed.md's, "es/...") are each
    page's height at 360 px, within 15 %; else run
    ``python scripts/embed_heights.py --write``."""
    pages = embeddable(nav_urls)
    assert sorted(heights) == sorted(pages)
    spanish = spanish_pages()
    assert spanish and all(page.startswith("es/") for page in spanish)
    assert sorted(spanish_heights) == sorted(spanish)
    written = {**heights, **spanish_heights}
    measured = measure(browser, site_server, pages + spanish)
    stale = {url: (written[url], now) for url, now in measured.items()
             if abs(written[url] - now) > TOLERANCE * now}
    assert stale == {}, "run python scripts/embed_heights.py --write"


# ----------------------------------------------------------------------------
# The Spanish edition: its snippet, its bar, the language switcher, the words
# the site's scripts write into Spanish pages
# ----------------------------------------------------------------------------

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"


@pytest.fixture(scope="module")
def spanish_snippet(built_site, mkdocs_config, site_server) -> str:
    """The script snippet of es/for-clinics/embed/, pointed at the test server."""
    html = (built_site / "es" / "for-clinics" / "embed" / "index.html").read_text(encoding="utf-8")
    blocks = [pre.get_text() for pre in BeautifulSoup(html, "html.parser").select("article pre")]
    found = [block for block in blocks if 'data-impar-guide="es/procedure/"' in block
             and "<script" in block]
    assert found, "no script snippet with es/procedure/ on es/for-clinics/embed/"
    published = mkdocs_config["site_url"]
    # The same script, at the guide's (English) address.
    assert f'src="{published}assets/javascripts/embed.js"' in found[0]
    return found[0].replace(published, site_server.url())


def test_the_spanish_snippet_frames_a_spanish_page_with_a_spanish_bar(
        visit, site_server, hosts, spanish_snippet, spanish_heights):
    element, script = spanish_snippet.strip().split("<script", 1)
    assert f'style="min-height: {spanish_heights["es/procedure/"]}px"' in element
    # The clinic's snippet, and beside it an element without a title of its own.
    url = hosts.page("spanish", f"<div class='columns'><div class='card'>{element}</div>\n"
                                "<div class='card'><div data-impar-guide=\"es/get-help/\"></div>"
                                f"</div></div>\n<script{script}")
    tab = visit(**DESKTOP)
    tab.page.goto(url)
    prefix = site_server.prefix
    first = wait_fitted(tab.page, 0, prefix + "es/procedure/")
    wait_fitted(tab.page, 1, prefix + "es/get-help/")
    assert first["embed"] and first["frame"] > START_HEIGHT
    frames = tab.page.locator("iframe")
    assert frames.nth(0).get_attribute("src") == site_server.url("es/procedure/?embed")
    assert frames.nth(0).get_attribute("title") == "Guía para pacientes: el procedimiento"
    # Without data-impar-guide-title, embed.js names the page in Spanish.
    assert frames.nth(1).get_attribute("title") == "Guía para pacientes: cuándo pedir ayuda"

    inside = frame(tab.page)
    assert inside.evaluate("document.documentElement.lang") == "es"
    bar = inside.get_by_role("complementary", name="Guía completa")
    full = bar.get_by_role("link", name="Abrir la guía completa (se abre en una pestaña nueva)")
    assert full.is_visible()
    assert full.evaluate("a => a.href") == site_server.url("es/procedure/")
    assert full.get_attribute("target") == "_blank"
    assert "Open the full guide" not in bar.inner_text()

    # The language switcher is in the bar and stays in the frame, in embed
    # view; the frame takes the English page's height and name, and back.
    other = frame(tab.page, 1)
    english = other.locator(".gib-embed-bar").get_by_role("link", name="English", exact=True)
    assert english.get_attribute("target") is None
    english.click()
    state = wait_fitted(tab.page, 1, prefix + "get-help/")
    assert state["path"] == prefix + "get-help/" and state["embed"], state
    assert frames.nth(1).get_attribute("title") == "Patient guide: get help"
    other = frame(tab.page, 1)
    assert other.evaluate("document.documentElement.lang") == "en"
    assert other.get_by_role("link", name="Open the full guide").evaluate("a => a.href") \
        == site_server.url("get-help/")
    other.locator(".gib-embed-bar").get_by_role("link", name="Español", exact=True).click()
    wait_fitted(tab.page, 1, prefix + "es/get-help/")
    assert frames.nth(1).get_attribute("title") == "Guía para pacientes: cuándo pedir ayuda"
    assert len(tab.page.context.pages) == 1          # nothing left the frame
    assert tab.console_errors == []
    assert foreign(tab.requests, site_server, hosts.host) == []


def test_the_language_link_keeps_embed_in_a_normal_tab(visit, site_server):
    """With ?embed in a tab (no frame), the switcher in the bar carries it on."""
    tab = visit(**PHONE)
    page = tab.page
    page.goto(site_server.url("es/procedure/?embed"), wait_until="load")
    bar = page.locator(".gib-embed-bar")
    assert bar.get_by_role("link", name="Abrir la guía completa").evaluate("a => a.href") \
        == site_server.url("es/procedure/")
    english = bar.get_by_role("link", name="English", exact=True)
    assert english.evaluate("a => a.href") == site_server.url("procedure/?embed")
    english.click()
    page.wait_for_url(site_server.url("procedure/?embed"))
    assert page.evaluate("document.documentElement.classList.contains('gib-embed')")
    assert page.get_by_role("link", name="Open the full guide").is_visible()
    assert tab.console_errors == []


# Every string on the page in its own language (not inside an element marked
# with another lang, such as the "English" link): text, and the attributes
# a reader sees or hears.
PAGE_WORDS = """() => {
    const lang = document.documentElement.lang.toLowerCase();
    const out = new Set();
    const tidy = (text) => text.replace(/\\s+/g, ' ').trim();
    for (const el of document.body.querySelectorAll('*')) {
        if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
        const owner = el.closest('[lang]');
        if (owner && !owner.lang.toLowerCase().startsWith(lang)) continue;
        for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
            const value = el.getAttribute(name);
            if (value && tidy(value)) out.add(tidy(value));
        }
        for (const node of el.childNodes) {
            if (node.nodeType === 3 && tidy(node.nodeValue)) out.add(tidy(node.nodeValue));
        }
    }
    return [...out];
}"""


def word_tables() -> dict[str, dict[str, dict[str, str]]]:
    """Each script's table of words: {file: {"en": {key: text}, "es": {...}}}."""
    tables = {}
    for path in sorted(SCRIPTS.glob("*.js")):
        code = path.read_text(encoding="utf-8")
        table = {}
        for lang in ("en", "es"):
            found = re.search(rf"(?m)^\s*{lang}: \{{(.*?)\n?\s*\}}", code, re.S)
            if found:
                table[lang] = dict(re.findall(r'(\w+): "([^"]*)"', found[1]))
        if "en" in table:
            tables[path.name] = table
    return tables


# English words no Spanish UI text has; the scripts' English words are added.
ENGLISH = {"the", "this", "that", "your", "you", "and", "of", "to", "is", "are", "on", "in",
           "open", "close", "page", "guide", "search", "menu", "full", "tab", "new"}


def english_words(tables) -> set[str]:
    words = set(ENGLISH)
    for table in tables.values():
        for text in table["en"].values():
            words.update(re.findall(r"[a-z]{2,}", text.lower()))
    return words - {"no"}


def test_every_script_that_writes_english_has_its_spanish():
    tables = word_tables()
    expected = {"a11y.js", "checklist.js", "embed-view.js", "embed.js", "figure-view.js",
                "listen.js"}
    assert expected <= set(tables), sorted(tables)
    for name, table in tables.items():
        assert set(table) == {"en", "es"}, name
        assert set(table["en"]) <= set(table["es"]), (name, set(table["en"]) - set(table["es"]))
        for key, text in table["es"].items():
            assert text and text != table["en"].get(key), (name, key)


@pytest.mark.parametrize("path, expected", [
    ("es/procedure/after/", ["Menú", "Buscar en esta guía", "Borrar todas las marcas de esta página",
                             "Cerrar", "Se borraron todas las marcas de esta página."]),
    ("es/procedure/?embed", ["Guía completa", "Abrir la guía completa",
                             "(se abre en una pestaña nueva)"]),
])
def test_spanish_pages_get_spanish_words_from_the_scripts(visit, site_server, path, expected):
    """What the scripts add to a Spanish page (JS on, minus JS off), with the
    figure view open and the ticks cleared, is Spanish: no English word."""
    plain = visit(java_script_enabled=False, **DESKTOP)
    plain.page.goto(site_server.url(path))
    before = set(plain.page.evaluate(PAGE_WORDS))
    tab = visit(**DESKTOP)
    page = tab.page
    page.goto(site_server.url(path), wait_until="load")
    if page.locator(".gib-tick-clear").count():
        page.locator(".gib-tick-clear").click()
    if page.locator("figure.gib-figure a[href$='.svg']").count():
        page.locator("figure.gib-figure a[href$='.svg']").first.click()
        page.locator("dialog.gib-figure-view[open]").wait_for()
    added = set(page.evaluate(PAGE_WORDS)) - before
    for text in expected:
        assert text in added, (text, sorted(added))
    english = english_words(word_tables())
    found = {text: sorted(set(re.findall(r"[a-z]+", text.lower())) & english) for text in added}
    assert {text: words for text, words in found.items() if words} == {}
    assert tab.console_errors == []
