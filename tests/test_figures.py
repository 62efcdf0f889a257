"""The illustrations: safe, small, described, and readable in both schemes."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from clinic import contrast_ratio as contrast
from conftest import ROOT
from test_browser import PHONE

SVG_NS = "{http://www.w3.org/2000/svg}"
SVGS = sorted((ROOT / "docs").rglob("*.svg"))
# The drawings on the pages (the favicon is an SVG too, but not a figure).
FIGURES = [path for path in SVGS if path.name != "favicon.svg"]
BUDGET = 12 * 1024  # bytes, gzipped
MIN_TEXT_PX = 12    # rendered label size on a 360 px wide phone
# Area colours (background, tissue, bone, bowel, dye). A stroke in one of these
# fills a shape drawn as a thick line (the inside of the C-arm); its edges are
# drawn in a contrasting outline colour, which is checked.
AREA_COLOURS = {"bg", "body", "bone", "gut", "dye"}


def palette(style: str, selector: str) -> dict[str, str]:
    """The ``--name: #colour`` custom properties set by one rule."""
    body = re.search(re.escape(selector) + r"\{([^}]*)\}", style)[1]
    return dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", body))


def test_there_are_at_least_five_figures():
    assert len(FIGURES) >= 5


@pytest.mark.parametrize("path", SVGS, ids=lambda p: p.name)
def test_svg_is_safe_small_and_titled(path):
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # parses as XML
    assert root.tag == f"{SVG_NS}svg"
    title = root.find(f"{SVG_NS}title")
    assert title is not None and title.text and title.text.strip()
    tags = {element.tag.removeprefix(SVG_NS) for element in root.iter()}
    assert not tags & {"script", "image", "foreignObject"}, tags
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert "http" not in value and not value.startswith("//"), (name, value)
    assert "url(http" not in text and "@import" not in text
    assert not re.search(r"\b(?:inkscape|sodipodi|adobe):", text), "editor metadata"
    size = len(gzip.compress(text.encode("utf-8")))
    assert size <= BUDGET, f"{path.name}: {size} bytes gzipped"


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_svg_colours_meet_contrast_in_both_schemes(path):
    """Text 4.5:1 and meaningful lines 3:1 against the drawing's background."""
    text = path.read_text(encoding="utf-8")
    style = ET.fromstring(text).find(f".//{SVG_NS}style").text
    schemes = {
        "light": palette(style, ".art,#only-light:target~.art"),
        "dark": palette(style, "#only-dark:target~.art"),
    }
    assert schemes["dark"] == palette(style, "@media (prefers-color-scheme:dark){.art")
    text_vars = set(re.findall(r"(?:^|\})\s*(?:text|tspan|\.sub|\.key)[^{]*\{[^}]*fill:var\(--([\w-]+)\)", style))
    line_vars = set(re.findall(r"stroke:var\(--([\w-]+)\)", style))
    assert text_vars and line_vars
    for scheme, colours in schemes.items():
        background = colours["bg"]
        for name in text_vars:
            ratio = contrast(colours[name], background)
            assert ratio >= 4.5, f"{path.name} {scheme}: text --{name} {ratio:.2f}:1"
        for name in line_vars - AREA_COLOURS:
            ratio = contrast(colours[name], background)
            assert ratio >= 3, f"{path.name} {scheme}: line --{name} {ratio:.2f}:1"


def test_every_image_has_alt_text(built_site):
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.find_all("img"):
            assert (img.get("alt") or "").strip(), (page, img)


def test_every_figure_has_a_text_description(built_site, nav_urls):
    figures = 0
    for url in nav_urls:
        soup = BeautifulSoup(
            (built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        for figure in soup.select("article figure"):
            figures += 1
            assert figure.find("figcaption"), url
            description = figure.find_next_sibling()
            assert description.name == "details", url
            assert description.summary.get_text(strip=True) == "Describe this picture"
            assert len(description.get_text(" ", strip=True).split()) >= 40, url
            # Tap or click to see it larger: the picture links to the SVG itself.
            for link in figure.find_all("a"):
                assert link["href"].endswith(".svg"), url
    assert figures >= 6


FIGURE_PAGES = ["", "anatomy/", "procedure/during/", "procedure/after/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_on_a_phone_show_the_right_scheme_and_readable_text(
    visit, site_server, scheme
):
    tab = visit(color_scheme=scheme, **PHONE)
    want, hide = ("only-light", "only-dark") if scheme == "light" else ("only-dark", "only-light")
    for url in FIGURE_PAGES:
        tab.page.goto(site_server.url(url), wait_until="networkidle")
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url
        images = tab.page.evaluate(
            """() => [...document.querySelectorAll('article figure img')].map(img => ({
                src: img.getAttribute('src'), shown: img.offsetWidth > 0,
                width: img.getBoundingClientRect().width, loaded: img.naturalWidth > 0}))"""
        )
        assert images, url
        for image in images:
            name = image["src"].split("/")[-1].split("#")[0]
            if image["src"].endswith(hide):
                assert not image["shown"], (url, image)
                continue
            assert image["src"].endswith(want) and image["shown"] and image["loaded"], (url, image)
            svg = (ROOT / "docs/assets/images" / name).read_text(encoding="utf-8")
            view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)[1])
            sizes = [float(s) for s in re.findall(r'font-size(?:="|:)([\d.]+)', svg)]
            smallest = min(sizes) * image["width"] / view_width
            assert smallest >= MIN_TEXT_PX, f"{url} {name}: text {smallest:.1f}px"
    assert tab.console_errors == []
