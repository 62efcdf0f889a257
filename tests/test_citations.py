"""Citations stay out of the way: numbered markers, one list per page, one name per source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import citations
from support import copy_project, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
NAMES = citations.load_sources(ROOT / citations.SOURCES_FILE)


# ----------------------------------------------------------------------------
# The functions
# ----------------------------------------------------------------------------


def test_sources_cited_together_share_one_marker_and_keep_their_number():
    register = citations.PageSources()
    first = citations.marker(["harbin", "elpaso"], NAMES, register)
    other = citations.marker(["uihealth"], NAMES, register)
    again = citations.marker(["harbin", "elpaso"], NAMES, register)
    assert 'href="#source-1"' in first and 'id="cite-1"' in first
    assert 'href="#source-2"' in other
    assert 'href="#source-1"' in again and 'id="cite-1"' not in again  # ids stay unique
    assert 'aria-label="source 1"' in first
    assert 'title="Harbin Clinic; El Paso Pain Center"' in first
    listing = citations.sources_list(register, NAMES, "../", page_url="https://x.example/a/")
    assert listing.count('<span id="source-') == 2
    assert '[Harbin Clinic](../references.md#harbin); [El Paso Pain Center](../references.md#elpaso)' in listing
    assert 'href="#cite-1"' in listing
    assert "https://x.example/a/" in listing
    # A source already linked higher up the list is named, not linked again (one Tab stop).
    citations.marker(["harbin", "lahey"], NAMES, register)
    listing = citations.sources_list(register, NAMES, "../")
    assert listing.count("references.md#harbin") == 1
    assert "Harbin Clinic; [Lahey Clinic](../references.md#lahey)" in listing


def test_a_page_without_citations_gets_no_list():
    assert citations.sources_list(citations.PageSources(), NAMES) == ""


def test_an_unknown_source_is_one_line_naming_the_file():
    with pytest.raises(citations.CitationError) as error:
        citations.marker(["harbinn"], NAMES, citations.PageSources())
    assert "harbinn" in str(error.value) and citations.SOURCES_FILE in str(error.value)
    assert "\n" not in str(error.value)


def test_every_source_has_one_name_and_an_entry_on_the_references_page():
    references = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<span id="([\w-]+)"></span>', references))
    assert set(NAMES) == anchors
    assert len(set(NAMES.values())) == len(NAMES), "two sources share a name"


# ----------------------------------------------------------------------------
# The built site
# ----------------------------------------------------------------------------


def article(site: Path, url: str):
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


# Pages that list sources by design: the references, the clinicians' sheet.
LISTS = ("references/", "for-clinics/review-sheet/")


def test_sources_are_markers_not_names_in_the_text(built_site, nav_urls):
    """No source name inside a sentence: every citation is a numbered marker."""
    found = {}
    for url in nav_urls:
        if url in LISTS:
            continue
        page = article(built_site, url)
        for link in page.select("a[href*='references/#']"):
            if link.find_parent(class_="gib-sources") or link.find_parent("td") and \
                    link.find_parent("td").find_previous_sibling("td") is None:
                continue  # the page's source list, or a study named in a table's first column
            found.setdefault(url or "home", []).append(link.get_text())
    assert found == {}


def test_every_marker_points_at_its_numbered_source(built_site, nav_urls):
    for url in nav_urls:
        page = article(built_site, url)
        markers = page.select("sup.gib-cite a")
        if not markers:
            continue
        listed = {span["id"] for span in page.select(".gib-sources li span[id^='source-']")}
        for link in markers:
            target = link["href"].lstrip("#")
            assert target in listed, (url, target)
            assert link["aria-label"] == f"source {link.get_text()}"
            assert link.get("title"), (url, target)
        for back in page.select(".gib-cite-back"):
            assert page.select_one(back["href"]), (url, back["href"])
            number = back["href"].removeprefix("#cite-")
            assert back["aria-label"] == f"Back to where source {number} is first cited", url


def test_a_screen_reader_hears_source_numbers_not_codes(built_site):
    page = article(built_site, "faq/")
    for link in page.select("sup.gib-cite a"):
        assert re.fullmatch(r"source \d+", link["aria-label"])


def test_markers_open_the_source_on_focus_and_hide_in_print(visit, site_server):
    tab = visit(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab.page.goto(site_server.url("get-help/"), wait_until="load")
    marker = tab.page.locator("sup.gib-cite a").first
    marker.focus()
    tooltip = tab.page.locator(".md-tooltip2--active, .md-tooltip--active, [role='tooltip']")
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert "Advanced Pain Management" in tooltip.first.inner_text()
    marker.click()
    assert tab.page.evaluate("location.hash") == "#source-1"
    assert tab.page.locator("#source-1").is_visible() or tab.page.locator("#source-1 + a").count() == 1
    tab.page.emulate_media(media="print")
    assert not marker.is_visible()
    assert tab.page.locator(".gib-print-only").is_visible()


@pytest.mark.parametrize("old, new, line", [
    ('{{ cite("accessanes") }}', '{{ cite("harbinn") }}',
     "index.md: cite('harbinn'): unknown source; add it to includes/sources.yml"),
    ('{{ fact("steroid_onset") }}', '{{ fact("steroid_onsett") }}',
     "index.md: fact('steroid_onsett'): unknown; expected one of"),
])
def test_a_bad_citation_or_fact_in_a_page_stops_the_build_with_one_line(tmp_path, old, new, line):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert line in build.output
    assert "Traceback" not in build.output
