"""The illustrations: safe, small, described, and readable in both schemes.

Every drawing has a Spanish twin in docs/assets/images/es/ (the same drawing,
its words in Spanish), which the pages in docs/es/ show. The checks on one SVG
run over both folders.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from clinic import contrast_ratio as contrast
from support import PHONE, ROOT

SVG_NS = "{http://www.w3.org/2000/svg}"
IMAGES = ROOT / "docs/assets/images"
SPANISH = IMAGES / "es"    # the Spanish twins, same file names
# Every SVG under docs/, both folders included (docs/es/assets is a link to
# docs/assets, which rglob does not follow, so nothing is counted twice).
SVGS = sorted((ROOT / "docs").rglob("*.svg"))
# The drawings on the pages (the favicon is an SVG too, but not a figure).
FIGURES = [path for path in SVGS if path.name != "favicon.svg"]
ENGLISH_FIGURES = [path for path in FIGURES if path.parent == IMAGES]
SPANISH_FIGURES = [path for path in FIGURES if path.parent == SPANISH]
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


def mix(colour: str, under: str, opacity: float) -> str:
    """``colour`` painted at ``opacity`` over ``under``, as one hex colour."""
    top, bottom = (
        [int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in (colour, under)
    )
    return "#" + "".join(
        f"{round(opacity * a + (1 - opacity) * b):02x}" for a, b in zip(top, bottom)
    )


def name_of(path) -> str:
    """A figure's name as a test id: "needle-path.svg", "es/needle-path.svg"."""
    return path.relative_to(IMAGES).as_posix() if IMAGES in path.parents else path.name


def lang_of(path) -> str:
    return "es" if path.parent == SPANISH else "en"


def figure_text(path) -> str:
    """Everything a figure says (title, description, labels), one space between parts.

    The lines of a label (its ``tspan``s) are joined with a space, so a phrase
    broken over two lines reads as one.
    """
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    parts = []
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag in {"title", "desc", "text", "tspan"} and element.text:
            parts.append(element.text)
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def test_there_are_at_least_six_figures():
    assert len(ENGLISH_FIGURES) >= 6
    assert "saddle-area.svg" in {path.name for path in ENGLISH_FIGURES}


def test_every_figure_has_a_spanish_twin():
    assert {path.name for path in SPANISH_FIGURES} == {path.name for path in ENGLISH_FIGURES}


@pytest.mark.parametrize("path", SVGS, ids=name_of)
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


@pytest.mark.parametrize("path", FIGURES, ids=name_of)
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


@pytest.mark.parametrize(
    "path", [p for p in FIGURES if "var(--dye)" in p.read_text(encoding="utf-8")],
    ids=name_of,
)
def test_dye_shading_stands_out_in_dark_mode(path):
    """The shaded areas (contrast dye, the served area, the saddle area, the
    pillow, the relief band) are painted in --dye at --dyeo. In the dark scheme
    that paint reaches 3:1 against the background and against the tissue it
    lies on, not just its dashed outline."""
    style = ET.fromstring(path.read_text(encoding="utf-8")).find(f".//{SVG_NS}style").text
    body = re.search(re.escape("#only-dark:target~.art") + r"\{([^}]*)\}", style)[1]
    opacity = float(re.search(r"--dyeo:([\d.]+)", body)[1])
    colours = palette(style, "#only-dark:target~.art")
    for under in ("bg", "body"):
        if under not in colours:
            continue
        shade = mix(colours["dye"], colours[under], opacity)
        ratio = contrast(shade, colours[under])
        assert ratio >= 3, f"{path.name} dark: dye on --{under} {ratio:.2f}:1"


# The steroid onset in a few words, in each language, as the pages say it.
ONSETS = yaml.safe_load((ROOT / "includes/facts.yml").read_text(encoding="utf-8"))[
    "numbers"]["steroid_onset"]["short"]
ONSET = ONSETS["en"]
DAYS = {
    "en": re.compile(r"\b\d+\s*(?:to|-|\u2013)?\s*\d*\s*days?\b|\bdays?\s+\d+", re.I),
    "es": re.compile(r"\b\d+\s*(?:a|-|\u2013)?\s*\d*\s*d\u00edas?\b|\bd\u00edas?\s+\d+", re.I),
}


def stray_days(text: str, lang: str = "en") -> list[str]:
    """Numbers of days in ``text`` other than those in the one onset phrase."""
    return DAYS[lang].findall(re.sub(re.escape(ONSETS[lang]), " ", text, flags=re.I))


@pytest.mark.parametrize("folder", [IMAGES, SPANISH], ids=["en", "es"])
def test_the_timeline_gives_the_steroid_onset_in_the_one_sourced_phrase(folder):
    path = folder / "relief-timeline.svg"
    onset = ONSETS[lang_of(path)]
    assert onset.lower() in figure_text(path).lower(), f"{name_of(path)} lacks {onset!r}"


@pytest.mark.parametrize("path", FIGURES, ids=name_of)
def test_no_figure_gives_another_number_of_days(path):
    """Outside the one phrase from includes/facts.yml, no figure names a number
    of days ("2 to 5 days", "day 5"), so a figure cannot drift from the pages."""
    assert stray_days(figure_text(path), lang_of(path)) == [], name_of(path)


def test_the_onset_check_catches_a_stray_number():
    """The two checks above fail on the wording issue 11 found (and its Spanish)."""
    stray = "Steroid starts: often a few days. Usually 2 to 5 days after."
    assert ONSET.lower() not in stray.lower()
    assert stray_days(stray) == ["2 to 5 days"]
    assert stray_days(f"Steroid: {ONSET}. Or day 5, or 3 days.") == ["day 5", "3 days"]
    assert stray_days(f"Steroid: {ONSET.capitalize()}.") == []
    onset = ONSETS["es"]
    assert stray_days("Por lo general 2 a 5 d\u00edas.", "es") == ["2 a 5 d\u00edas"]
    assert stray_days(f"Esteroide: {onset}. O el d\u00eda 5, o 3 d\u00edas.", "es") == [
        "d\u00eda 5", "3 d\u00edas"]
    assert stray_days(f"Esteroide: {onset.capitalize()}.", "es") == []


def drawing(path) -> list:
    """Everything in an SVG but its words: each element's tag and attributes
    (the root's ``lang`` left out), and the text of its style sheet."""
    parts = []
    for element in ET.fromstring(path.read_text(encoding="utf-8")).iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag in {"title", "desc", "text", "tspan"}:
            continue
        attributes = {k: v for k, v in element.attrib.items() if k != "lang"}
        parts.append((tag, attributes, element.text.strip() if tag == "style" else None))
    return parts


def labels(path) -> list[str]:
    """The words of each ``text`` element (its lines joined), title and description."""
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    found = []
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag in {"title", "desc", "text"}:
            found.append(re.sub(r"\s+", " ", " ".join(element.itertext())).strip())
    return found


@pytest.mark.parametrize("path", SPANISH_FIGURES, ids=name_of)
def test_spanish_figure_is_the_english_drawing_in_spanish_words(path):
    """Same shapes, colours, classes and dark-mode styles as the English
    drawing; the same numbers; every label, the title and the description
    changed into Spanish, and the SVG says it is Spanish."""
    english = IMAGES / path.name
    assert drawing(path) == drawing(english)
    numbers = [sorted(re.findall(r"\d+", figure_text(p))) for p in (path, english)]
    assert numbers[0] == numbers[1]
    assert ET.fromstring(path.read_text(encoding="utf-8")).get("lang") == "es"
    same = set(labels(path)) & set(labels(english))
    assert not same, f"{name_of(path)} still says {same}"


RECTUM_GAP = 12  # user units between outlines (about 10 CSS px on a phone)


@pytest.mark.parametrize("name", ["where-it-is.svg", "needle-path.svg",
                                  "es/where-it-is.svg", "es/needle-path.svg"])
def test_ganglion_and_dye_stand_clear_of_the_rectum(browser, name):
    """The ganglion sits in front of the tailbone and the rectum in front of
    it, with a clear gap: the outline of the back passage keeps RECTUM_GAP away
    from the ganglion's halo and from the dye, measured in Chromium along
    the drawn paths (stroke widths taken off)."""
    page = browser.new_page()
    try:
        page.set_content((IMAGES / name).read_text(encoding="utf-8"))
        gaps = page.evaluate(
            """() => {
                const svg = document.querySelector('svg');
                const outline = (element) => {
                    const points = [], length = element.getTotalLength();
                    for (let s = 0; s <= length; s += 0.5) {
                        const p = element.getPointAtLength(s);
                        points.push([p.x, p.y]);
                    }
                    return points;
                };
                const stroke = (element) => parseFloat(getComputedStyle(element).strokeWidth) || 0;
                const gut = svg.querySelector('.gut');
                const wall = outline(gut);
                const halo = svg.querySelector('.halo');
                const [cx, cy, r] = ['cx', 'cy', 'r'].map((a) => +halo.getAttribute(a));
                const gaps = {halo: Math.min(...wall.map(([x, y]) => Math.hypot(x - cx, y - cy)))
                                    - r - stroke(gut) / 2,
                              haloInside: gut.isPointInFill(new DOMPoint(cx, cy))};
                const dye = svg.querySelector('path.dye');
                if (dye) {
                    let nearest = Infinity;
                    for (const [a, b] of outline(dye))
                        for (const [x, y] of wall) nearest = Math.min(nearest, Math.hypot(a - x, b - y));
                    gaps.dye = nearest - stroke(gut) / 2 - stroke(dye) / 2;
                }
                return gaps;
            }"""
        )
    finally:
        page.close()
    assert not gaps["haloInside"], name
    assert gaps["halo"] >= RECTUM_GAP, f"{name}: halo {gaps['halo']:.1f}"
    if name.endswith("needle-path.svg"):
        assert gaps["dye"] >= RECTUM_GAP, f"{name}: dye {gaps['dye']:.1f}"


@pytest.mark.parametrize("folder", [IMAGES, SPANISH], ids=["en", "es"])
def test_served_area_holds_the_tailbone_and_keeps_the_urethra_apart(browser, folder):
    """what-it-serves.svg: the tailbone lies wholly inside the shaded (served)
    area, and the end of the urethra is a mark of its own, outside the shape
    for the vulva or scrotum (the male urethra does not end in the scrotum)."""
    page = browser.new_page()
    try:
        page.set_content((folder / "what-it-serves.svg").read_text(encoding="utf-8"))
        found = page.evaluate(
            """() => {
                const svg = document.querySelector('svg');
                const outline = (element) => {
                    const points = [], length = element.getTotalLength();
                    for (let s = 0; s <= length; s += 1) points.push(element.getPointAtLength(s));
                    return points;
                };
                const served = svg.querySelector('path.served');
                const genitals = svg.querySelector('.area');
                const urethra = svg.querySelector('.urethra');
                return {
                    tailbone: outline(svg.querySelector('.tailbone'))
                        .every((p) => served.isPointInFill(new DOMPoint(p.x, p.y))),
                    urethraServed: served.isPointInFill(new DOMPoint(+urethra.getAttribute('cx'),
                                                                     +urethra.getAttribute('cy'))),
                    urethraApart: outline(urethra)
                        .every((p) => !genitals.isPointInFill(new DOMPoint(p.x, p.y))),
                };
            }"""
        )
    finally:
        page.close()
    assert found == {"tailbone": True, "urethraServed": True, "urethraApart": True}


@pytest.mark.parametrize("path", FIGURES, ids=name_of)
def test_figure_labels_are_readable_at_phone_width(path):
    """Labels stay at least MIN_TEXT_PX when the figure is 328 px wide (the
    article column on a 360 px phone), whether or not a page shows it yet."""
    svg = path.read_text(encoding="utf-8")
    view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)[1])
    sizes = [float(s) for s in re.findall(r'font-size(?:="|:)([\d.]+)', svg)]
    assert sizes
    assert min(sizes) * 328 / view_width >= MIN_TEXT_PX, name_of(path)


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


def figure_targets(site, page):
    """The SVGs from assets/images that a built page shows in its article
    (pictures, and the links to see them larger), as paths in the built site."""
    url = "http://site/" + page.relative_to(site).as_posix()
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    if article is None:
        return []
    targets = [img.get("src", "") for img in article.find_all("img")]
    targets += [a["href"] for a in article.find_all("a", href=True)]
    paths = [urlsplit(urljoin(url, target)).path.lstrip("/") for target in targets]
    return [path for path in paths if "assets/images/" in path and path.endswith(".svg")]


def test_spanish_pages_show_the_spanish_figures(built_site):
    """Every figure on a Spanish page, and its "see it larger" link, is the
    Spanish twin from assets/images/es/ (never the English drawing, and never
    a drawing that has no Spanish version); English pages show English ones.
    Every Spanish figure is placed somewhere."""
    spanish = built_site / "es"
    assert (spanish / "index.html").is_file(), "no Spanish edition in the build"
    shown = set()
    for page in sorted(built_site.rglob("*.html")):
        for path in figure_targets(built_site, page):
            where = page.relative_to(built_site).as_posix()
            if spanish in page.parents:
                assert path.startswith("es/assets/images/es/"), (where, path)
                shown.add(path.rsplit("/", 1)[1])
            else:
                assert "/images/es/" not in path, (where, path)
            assert (built_site / path).is_file(), (where, path)
    assert shown == {path.name for path in SPANISH_FIGURES}


def test_the_spanish_figure_check_sees_an_english_figure(tmp_path):
    """figure_targets resolves a Spanish page's relative paths as a browser
    does, so an English drawing on it is seen for what it is."""
    page = tmp_path / "es/procedure/during/index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<article><a href="../../assets/images/needle-path.svg">'
                    '<img src="../../assets/images/es/needle-path.svg#only-dark"></a></article>')
    assert sorted(figure_targets(tmp_path, page)) == [
        "es/assets/images/es/needle-path.svg", "es/assets/images/needle-path.svg"]


@pytest.fixture(scope="module")
def figure_pages(built_site, nav_urls) -> dict[str, list[str]]:
    """Every page in the nav that shows a figure (a new figure is covered as
    soon as a page places it), in English and in Spanish (es/ + the same path)."""
    pages = {}
    for lang, prefix in (("en", ""), ("es", "es/")):
        pages[lang] = [
            prefix + url for url in nav_urls
            if (built_site / prefix / url / "index.html").is_file()
            and BeautifulSoup((built_site / prefix / url / "index.html").read_text(encoding="utf-8"),
                              "html.parser").select("article figure img")
        ]
        assert {prefix + url for url in ("", "anatomy/", "procedure/during/",
                                         "procedure/after/")} <= set(pages[lang])
    return pages


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_on_a_phone_show_the_right_scheme_and_readable_text(
    visit, site_server, figure_pages, scheme, lang
):
    tab = visit(color_scheme=scheme, **PHONE)
    want, hide = ("only-light", "only-dark") if scheme == "light" else ("only-dark", "only-light")
    for url in figure_pages[lang]:
        tab.page.goto(site_server.url(url), wait_until="load")
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
            folder = SPANISH if "/images/es/" in image["src"] else IMAGES
            svg = (folder / name).read_text(encoding="utf-8")
            view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)[1])
            sizes = [float(s) for s in re.findall(r'font-size(?:="|:)([\d.]+)', svg)]
            smallest = min(sizes) * image["width"] / view_width
            assert smallest >= MIN_TEXT_PX, f"{url} {name}: text {smallest:.1f}px"
    assert tab.console_errors == []
