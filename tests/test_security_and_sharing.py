"""Security (CSP, outgoing links), privacy, and what search engines and
link previews see (descriptions, canonical links, cards, JSON-LD, sitemap)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import (DESKTOP, PHONE, ROOT, copy_project, load_site_config, mkdocs_build,
                     nav_files, search, serve)
from faq_schema import faq_schema
from security import inline_code, policy, protect_external_links, style_hash

# The address the site is built for (SITE_URL or the default in mkdocs.yml).
SITE_URL = load_site_config()["site_url"]


def html_pages(site):
    return [p for p in site.rglob("*.html") if "assets" not in p.parts]


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


# ----------------------------------------------------------------------------
# Content-Security-Policy
# ----------------------------------------------------------------------------


def test_every_page_carries_a_strict_csp(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 18  # every page and the 404 page
    for path in pages:
        page = soup(path)
        metas = page.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, path
        # It must come before anything it governs.
        assert page.head.find_all(["meta", "script", "link", "style"])[1] is metas[0], path
        rules = directives(metas[0]["content"])
        assert rules["default-src"] == ["'self'"]
        assert rules["object-src"] == ["'none'"]
        assert rules["base-uri"] == ["'self'"]
        assert rules["form-action"] == ["'none'"]
        assert rules["img-src"] == ["'self'", "data:"]
        # Scripts: the site's own files only. No hash, no inline script at all.
        assert rules["script-src"] == ["'self'"], path
        assert rules["script-src-attr"] == ["'none'"], path
        scripts, styles = inline_code(path.read_text(encoding="utf-8"))
        assert scripts == [], path
        # Styles: each inline style by its exact hash, and nothing else.
        assert "'unsafe-inline'" not in rules["style-src"]
        assert set(rules["style-src"]) == {"'self'"} | {style_hash(css) for css in styles}, path


def test_policy_comes_from_the_build_not_the_page():
    """The policy is a fixed function of the clinic colour; page text cannot change it."""
    css = ":root>*{--md-primary-fg-color:#1a4f8b}"
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
    assert style_hash(css) == expected
    rules = directives(policy([style_hash(css)]))
    assert rules["script-src"] == ["'self'"] and rules["style-src"] == ["'self'", expected]
    assert directives(policy())["style-src"] == ["'self'"]
    html = '<script>a()</script><script src="x.js"></script><script type="application/ld+json">{}</script><style>b{}</style>'
    assert inline_code(html) == (["a()"], ["b{}"])


def test_material_inline_scripts_ship_as_files_unchanged():
    """Material's inline scripts that the guide needs are files (no inline
    script, so no hash): the palette script is Material's own, byte for byte;
    after a Material upgrade this says to copy it again."""
    import material

    templates = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    [theirs] = re.findall(r"<script>(.*?)</script>", (templates / "palette.html").read_text(), re.S)
    ours = (ROOT / "docs/assets/javascripts/palette.js").read_text(encoding="utf-8")
    assert re.sub(r"(?s)\A/\*.*?\*/\s*", "", ours).strip() == theirs.strip()
    for partial in ("base.html", "palette.html", "content.html"):
        text = (ROOT / "overrides/partials/javascripts" / partial).read_text(encoding="utf-8")
        assert "<script>" not in text, partial


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    """A copy whose page holds raw-HTML scripts, an inline handler and the CSP's name."""
    tmp = tmp_path_factory.mktemp("injected")
    project = copy_project(tmp / "project")
    page = project / "docs" / "risks.md"
    page.write_text(page.read_text(encoding="utf-8") + INJECTED, encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output  # the words "Content-Security-Policy" are fine
    return result.site


INJECTED = """

A page may mention the Content-Security-Policy, even as `<meta http-equiv="Content-Security-Policy" content="x">`.

<script>window.__injected = "inline";</script>
<img src="data:," alt="" onload="window.__handler = 'ran'">
"""


def test_a_page_that_mentions_the_policy_builds_with_one_policy(injected_site):
    page = soup(injected_site / "risks" / "index.html")
    assert len(page.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})) == 1
    assert "Content-Security-Policy" in page.find("article").get_text()
    # The injected script reached the HTML, and the policy still allows no inline script.
    assert page.find("script", string=re.compile("__injected"))
    policy_ = directives(page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"])
    assert policy_["script-src"] == ["'self'"]


@pytest.mark.browser
def test_an_injected_script_is_blocked_and_reported(visit, site_server, injected_site):
    server, httpd = serve(injected_site, site_server.prefix)
    try:
        tab = visit(**PHONE)
        tab.page.add_init_script(VIOLATIONS)
        tab.page.goto(server.url("risks/"), wait_until="load")
        tab.page.wait_for_function("() => window.__csp.length >= 2")
        assert tab.page.evaluate("typeof window.__injected") == "undefined"
        assert tab.page.evaluate("typeof window.__handler") == "undefined"
        found = tab.page.evaluate("window.__csp")
        assert any(v.startswith("script-src-elem inline") for v in found), found
        assert any(v.startswith("script-src-attr inline") for v in found), found
        assert any("Content Security Policy" in e for e in tab.console_errors)
        # The site's own scripts still ran: the page is styled and interactive.
        assert tab.page.evaluate("typeof __md_get") == "function"
        assert tab.page.evaluate("document.documentElement.classList.contains('js')")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_outgoing_link_helper_leaves_own_and_phone_links_alone():
    html = (
        '<a href="https://doi.org/x">a</a><a href="https://doi.org/y" rel="nofollow">b</a>'
        f'<a href="{SITE_URL}faq/">c</a><a href="tel:+441234">d</a><a href="../faq/">e</a>'
    )
    assert protect_external_links(html, SITE_URL) == (
        '<a href="https://doi.org/x" rel="noopener noreferrer">a</a>'
        '<a href="https://doi.org/y" rel="nofollow noopener noreferrer">b</a>'
        f'<a href="{SITE_URL}faq/">c</a><a href="tel:+441234">d</a><a href="../faq/">e</a>'
    )


@pytest.mark.parametrize("link, expected", [
    ("<a href='https://doi.org/x'>", "<a href='https://doi.org/x' rel=\"noopener noreferrer\">"),
    ("<a href=https://doi.org/x>", '<a href=https://doi.org/x rel="noopener noreferrer">'),
    ("<a href=https://doi.org/x/>", '<a href=https://doi.org/x/ rel="noopener noreferrer">'),
    ("<a rel=nofollow href=https://doi.org/x>", '<a rel="nofollow noopener noreferrer" href=https://doi.org/x>'),
    ("<a rel='nofollow' href=\"https://doi.org/x\">", '<a rel="nofollow noopener noreferrer" href="https://doi.org/x">'),
    ("<a HREF = 'HTTPS://doi.org/x'>", "<a HREF = 'HTTPS://doi.org/x' rel=\"noopener noreferrer\">"),
])
def test_outgoing_links_are_protected_whatever_the_quotes(link, expected):
    assert protect_external_links(link + "x</a>", SITE_URL) == expected + "x</a>"


def test_links_to_other_sites_are_safe_and_https(built_site):
    for path in html_pages(built_site):
        for link in soup(path).find_all("a", href=True):
            href = link["href"]
            assert not href.startswith("http:"), (path, href)
            if href.startswith("https:") and not href.startswith(SITE_URL):
                assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (path, href)


VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_no_csp_violation_while_using_the_site(visit, site_server, nav_urls):
    """Every page, plus search, the palette toggle and the menu in use."""
    tab = visit(color_scheme="light", **DESKTOP)
    tab.page.add_init_script(VIOLATIONS)
    for url in nav_urls + ["no-such-page/"]:
        tab.page.goto(site_server.url(url), wait_until="load")
        assert tab.page.evaluate("window.__csp") == [], url
    search(tab, site_server, "steroid")
    tab.page.keyboard.press("Escape")
    tab.page.get_by_role("radio", name="Switch to dark mode").focus()
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    tab.page.locator("nav.md-nav--primary a.md-nav__link", has_text="Anatomy").first.click()
    tab.page.wait_for_url(site_server.url("anatomy/"))
    tab.page.locator("article abbr").first.hover()  # a glossary tooltip
    assert tab.page.evaluate("window.__csp") == []
    errors = [e for e in tab.console_errors if "status of 404" not in e]
    assert errors == []


# ----------------------------------------------------------------------------
# Privacy
# ----------------------------------------------------------------------------


def test_no_cookies_and_only_the_palette_choice_is_stored(visit, site_server, nav_urls):
    tab = visit(**PHONE)
    for url in nav_urls:
        tab.page.goto(site_server.url(url), wait_until="load")
    tab.page.goto(site_server.url("faq/"), wait_until="load")
    tab.page.get_by_role("radio", name="Switch to dark mode").focus()
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    tab.page.set_viewport_size(DESKTOP["viewport"])
    search(tab, site_server, "blood thinners")
    assert tab.page.context.cookies() == []
    assert tab.page.evaluate("document.cookie") == ""
    local = tab.page.evaluate("Object.keys(localStorage)")
    assert local == [site_server.prefix + ".__palette"]
    assert tab.page.evaluate("Object.keys(sessionStorage)") == []
    foreign = [u for u in tab.requests if not u.startswith((site_server.origin, "data:", "blob:"))]
    assert foreign == []


# ----------------------------------------------------------------------------
# Sharing and search engines
# ----------------------------------------------------------------------------


def front_matter(src: str) -> dict:
    import yaml

    text = (ROOT / "docs" / src).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def meta(page, **attrs):
    tag = page.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_every_page_has_description_canonical_and_cards(built_site, nav_urls, mkdocs_config):
    for src, url in zip(nav_files(mkdocs_config["nav"]), nav_urls):
        page = soup(built_site / url / "index.html")
        fm = front_matter(src)
        assert page.html["lang"] == "en"
        assert meta(page, name="description") == fm["description"], url
        assert page.find("link", rel="canonical")["href"] == SITE_URL + url
        assert meta(page, property="og:title") == fm["title"]
        assert meta(page, property="og:description") == fm["description"]
        assert meta(page, property="og:url") == SITE_URL + url
        assert meta(page, property="og:image") == SITE_URL + "assets/images/social.png"
        assert meta(page, name="twitter:card") == "summary_large_image"
        assert meta(page, name="twitter:title") == fm["title"]
        assert meta(page, name="twitter:image") == SITE_URL + "assets/images/social.png"


def test_social_image_is_a_self_hosted_1200_by_630_png(built_site):
    data = (built_site / "assets/images/social.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def json_ld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def test_every_page_describes_itself_as_a_medical_web_page(built_site, nav_urls, mkdocs_config):
    for src, url in zip(nav_files(mkdocs_config["nav"]), nav_urls):
        page = soup(built_site / url / "index.html")
        [data] = [d for d in json_ld(page) if d["@type"] == "MedicalWebPage"]
        fm = front_matter(src)
        assert data["@context"] == "https://schema.org"
        assert data["name"] == fm["title"] and data["description"] == fm["description"]
        assert data["url"] == SITE_URL + url
        assert data["lastReviewed"] == fm["reviewed"].isoformat()
        assert data["reviewedBy"]["name"] == fm["reviewer"]
        assert data["audience"]["audienceType"] == "https://schema.org/Patient"
        about = data["about"]
        assert about["@type"] == "MedicalProcedure" and about["name"] == "Ganglion impar block"
        assert about["alternateName"] and about["bodyLocation"] and about["procedureType"]


def test_faq_structured_data_matches_the_page(built_site):
    page = soup(built_site / "faq/index.html")
    [faq] = [d for d in json_ld(page) if d["@type"] == "FAQPage"]
    questions = [
        re.sub(r"\s+", " ", h3.get_text("")).replace("¶", "").strip()
        for h3 in page.find("article").find_all("h3")
    ]
    assert [q["name"] for q in faq["mainEntity"]] == questions
    for entity, h3 in zip(faq["mainEntity"], page.find("article").find_all("h3")):
        answer = []
        for sibling in h3.find_next_siblings():
            if sibling.name in ("h2", "h3") or {"gib-review", "gib-sources"} & set(sibling.get("class", [])):
                break
            answer.append(sibling.get_text(" ", strip=True))
        words = re.findall(r"\w+", " ".join(answer))
        assert re.findall(r"\w+", entity["acceptedAnswer"]["text"]) == words, entity["name"]


def test_faq_schema_refuses_a_question_without_an_answer():
    with pytest.raises(ValueError, match="has no answer"):
        faq_schema("<h3>Will it hurt?</h3><h3>Why?</h3><p>Because.</p>")


def test_sitemap_lists_every_page_and_robots_points_to_it(built_site, nav_urls):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert {SITE_URL + url for url in nav_urls} <= listed
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
