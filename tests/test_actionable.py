"""Patients can act on it (issue 17).

- Every patient page opens with its summary and then a "Main points" box:
  3 to 5 short bullets, and any number in them comes from includes/facts.yml
  or carries its source.
- After and the printed checklist have a 0 to 10 pain scale (text and a
  drawn number line that a screen reader reads as one labelled picture) and
  one filled-in sample row; After links to the printable diary.
- "My phone numbers" on When to get help and on the checklist: the clinic's
  numbers when set; on screen, words ("write it on your printed copy")
  instead of empty form lines, which print as lines to write on.
- The printed checklist stands alone: it names the procedure in its title,
  says what the injection is, explains its words, and prints no source names,
  only the guide's address.

The checks on a page are plain functions (``main_points_problems``,
``scale_problems``, ``sample_rows``), each shown to fail on a bad page first.
"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from support import (CHECKLIST, PAPERS, MAX_SHEETS, ROOT, SAMPLE_CLINIC, article, copy_project,
                     mkdocs_build, pdf_pages, print_pdf, serve, with_clinic)

# The patient pages (issue 17): every one opens with a Main points box.
PATIENT_PAGES = ["", "anatomy/", "why/", "procedure/", "procedure/before/",
                 "procedure/during/", "procedure/after/", "risks/", "get-help/",
                 CHECKLIST, "research/", "faq/"]
MAIN_POINTS = "Main points"
BOX_TYPE = "abstract"        # one admonition type for every Main points box
MAX_BULLET_WORDS = 25        # "short bullets"
TITLE = "Ganglion impar block: your checklist and pain diary"
WRITE_IN = "write it on your printed copy"
SCALE_WORDS = ("no pain", "worst pain you can imagine")


def fact_texts() -> list[str]:
    """Every shared number of includes/facts.yml, as pages show it (en)."""
    data = yaml.safe_load((ROOT / "includes" / "facts.yml").read_text(encoding="utf-8"))
    texts = []
    for number in data["numbers"].values():
        for form in ("sentence", "short"):
            texts.append(" ".join(number[form]["en"].split()))
    return sorted(texts, key=len, reverse=True)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def soup_of(html: str):
    return BeautifulSoup(html, "html.parser").find("article")


# ----------------------------------------------------------------------------
# The checks
# ----------------------------------------------------------------------------


def main_points_problems(page, facts: list[str]) -> list[str]:
    """What is wrong with the Main points box of one page's ``<article>``.

    The box must be the element right after the summary (the paragraph after
    the title), an ``abstract`` admonition titled "Main points", with 3 to 5
    bullets of at most 25 words. A bullet with a digit in it must show a
    shared number from ``facts`` or link to its source.
    """
    h1 = page.find("h1")
    summary = h1.find_next_sibling() if h1 else None
    box = summary.find_next_sibling() if summary is not None else None
    if box is None or "admonition" not in (box.get("class") or []):
        return ["no box right after the summary"]
    title = box.find(class_="admonition-title")
    if title is None or squeeze(title.get_text(" ")) != MAIN_POINTS:
        return [f"the box after the summary is not titled {MAIN_POINTS!r}"]
    problems = []
    if BOX_TYPE not in box["class"]:
        problems.append(f"the box is not an {BOX_TYPE!r} box: {box['class']}")
    bullets = box.select(":scope > ul > li")
    if not 3 <= len(bullets) <= 5:
        problems.append(f"{len(bullets)} bullets, expected 3 to 5")
    for bullet in bullets:
        text = squeeze(bullet.get_text(" "))
        if len(text.split()) > MAX_BULLET_WORDS:
            problems.append(f"a long bullet ({len(text.split())} words): {text[:60]}")
        rest = text
        for known in facts:
            rest = rest.replace(known, "")
        sourced = any("references/#" in a.get("href", "") or a.get("href", "").startswith("#source-")
                      for a in bullet.find_all("a"))
        if re.search(r"\d", rest) and not sourced:
            problems.append(f"a number that is not a shared fact and has no source: {text[:60]}")
    return problems


def scale_problems(page) -> list[str]:
    """What is wrong with the 0 to 10 pain scale on a page (``<article>``)."""
    scale = page.select_one(".gib-scale")
    if scale is None:
        return ["no pain scale"]
    problems = []
    label = scale.get("aria-label", "")
    if scale.get("role") != "img" or not all(w in label for w in ("0", "10", *SCALE_WORDS)):
        problems.append(f"the scale is not one labelled picture with its words: {label!r}")
    numbers = [squeeze(s.get_text()) for s in scale.select(".gib-scale__line > span")]
    if numbers != [str(n) for n in range(11)]:
        problems.append(f"the number line is not 0 to 10: {numbers}")
    ends = squeeze(scale.select_one(".gib-scale__ends").get_text(" ")) if scale.select_one(
        ".gib-scale__ends") else ""
    if not ends.startswith("0") or not all(word in ends for word in SCALE_WORDS):
        problems.append(f"the ends of the line are not labelled: {ends!r}")
    # The same in words, in the text before it, for every reader.
    before = scale.find_previous_sibling("p")
    words = squeeze(before.get_text(" ")) if before else ""
    if not ("0 to 10" in words and all(word in words for word in SCALE_WORDS)):
        problems.append(f"the scale is not explained in words just before it: {words[:80]!r}")
    return problems


def sample_rows(page) -> list[list[str]]:
    """Diary rows filled in as an example: first cell "Example", a score 0 to 10."""
    rows = []
    for row in page.select("table tbody tr"):
        cells = [squeeze(cell.get_text(" ")) for cell in row.find_all("td")]
        if cells and cells[0].startswith("Example") and any(
            re.fullmatch(r"10|[0-9]", cell) for cell in cells[1:]
        ) and all(cells):
            rows.append(cells)
    return rows


def phone_box(page):
    return page.select_one(".gib-phones")


# ----------------------------------------------------------------------------
# The checks can fail
# ----------------------------------------------------------------------------

GOOD_PAGE = """<article><h1>After</h1><p>Summary one. Summary two.</p>
<div class="admonition abstract"><p class="admonition-title">Main points</p><ul>
<li>An adult takes you home.</li><li>Score your pain in your diary.</li>
<li>A steroid takes time to work: about 2 weeks.</li></ul></div></article>"""


def test_the_main_points_check_passes_a_good_page_and_fails_bad_ones():
    facts = ["about 2 weeks"]
    assert main_points_problems(soup_of(GOOD_PAGE), facts) == []
    no_box = GOOD_PAGE.replace('class="admonition abstract"', 'class="note"')
    assert main_points_problems(soup_of(no_box), facts) == ["no box right after the summary"]
    late = GOOD_PAGE.replace("<div class", "<p>Another paragraph.</p><div class")
    assert main_points_problems(soup_of(late), facts) == ["no box right after the summary"]
    other_type = GOOD_PAGE.replace("admonition abstract", "admonition note")
    assert len(main_points_problems(soup_of(other_type), facts)) == 1
    two = re.sub(r"<li>A steroid.*?</li>", "", GOOD_PAGE)
    assert main_points_problems(soup_of(two), facts) == ["2 bullets, expected 3 to 5"]
    six = GOOD_PAGE.replace("</ul>", "<li>More.</li>" * 3 + "</ul>")
    assert main_points_problems(soup_of(six), facts) == ["6 bullets, expected 3 to 5"]
    long = GOOD_PAGE.replace("An adult takes you home.", "word " * 30)
    assert "long bullet" in main_points_problems(soup_of(long), facts)[0]
    # A number of its own, with no source: flagged; with its source: fine.
    unsourced = GOOD_PAGE.replace("about 2 weeks", "about 3 weeks")
    assert "no source" in main_points_problems(soup_of(unsourced), facts)[0]
    sourced = unsourced.replace("3 weeks.", '3 weeks <a href="../references/#harbin">Harbin</a>.')
    assert main_points_problems(soup_of(sourced), facts) == []


GOOD_SCALE = """<article><p>Score your pain from 0 to 10. 0 means no pain, and 10 means
the worst pain you can imagine.</p>
<div class="gib-scale" role="img" aria-label="A number line from 0 to 10. 0 means no pain.
10 means the worst pain you can imagine."><div class="gib-scale__line">%s</div>
<div class="gib-scale__ends"><span>0: no pain</span><span>10: worst pain you can imagine</span></div>
</div><table><tbody><tr><td>Example</td><td>10:30</td><td>3</td><td>Sitting.</td></tr>
<tr><td>Before the injection</td><td></td><td></td><td></td></tr></tbody></table></article>"""
LINE = "".join(f"<span>{n}</span>" for n in range(11))


def test_the_scale_and_sample_checks_pass_a_good_page_and_fail_bad_ones():
    good = soup_of(GOOD_SCALE % LINE)
    assert scale_problems(good) == []
    assert sample_rows(good) == [["Example", "10:30", "3", "Sitting."]]
    assert scale_problems(soup_of("<article><p>No scale.</p></article>")) == ["no pain scale"]
    short_line = soup_of(GOOD_SCALE % LINE.replace("<span>10</span>", ""))
    assert "not 0 to 10" in scale_problems(short_line)[0]
    unlabelled = soup_of((GOOD_SCALE % LINE).replace('role="img"', ""))
    assert "labelled picture" in scale_problems(unlabelled)[0]
    no_words = soup_of((GOOD_SCALE % LINE).replace("the worst pain you can imagine.</p>", "</p>"))
    assert "explained in words" in scale_problems(no_words)[0]
    empty = soup_of((GOOD_SCALE % LINE).replace("<td>3</td>", "<td></td>"))
    assert sample_rows(empty) == []


# ----------------------------------------------------------------------------
# Main points on every patient page
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", PATIENT_PAGES, ids=lambda url: url or "home")
def test_every_patient_page_opens_with_its_main_points(built_site, url):
    assert main_points_problems(article(built_site, url), fact_texts()) == []


def test_the_patient_pages_are_in_the_nav(nav_urls):
    assert sorted(set(PATIENT_PAGES) - set(nav_urls)) == []


# ----------------------------------------------------------------------------
# The pain scale and the sample row, on screen
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["procedure/after/", CHECKLIST])
def test_pain_scale_and_one_sample_row(built_site, url):
    page = article(built_site, url)
    assert scale_problems(page) == []
    assert len(sample_rows(page)) == 1


def test_after_links_its_diary_to_the_printable_one(built_site):
    page = article(built_site, "procedure/after/")
    section = []
    for sibling in page.find(id="your-pain-diary").find_next_siblings():
        if sibling.name == "h2":
            break
        section.append(sibling)
    links = [a["href"] for part in section for a in part.find_all("a", href=True)]
    assert any(href.endswith("print/#pain-diary") for href in links), links
    # ... and the printable diary is where the link says.
    assert article(built_site, CHECKLIST).find(id="pain-diary") is not None


# ----------------------------------------------------------------------------
# My phone numbers
# ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory):
    """The project built with the sample clinic's settings."""
    tmp = tmp_path_factory.mktemp("actionable-clinic")
    project = with_clinic(copy_project(tmp / "project"))
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.parametrize("url", ["get-help/", CHECKLIST])
def test_phone_box_without_clinic_numbers_asks_to_write_them_on_paper(built_site, url):
    box = phone_box(article(built_site, url))
    assert box is not None and "My phone numbers" in box.get_text(), url
    text = squeeze(box.get_text(" "))
    assert box.select("li a[href^='tel:']") == []  # no number given as the clinic's
    # Clinic number, after-hours number and emergency number (and, on the
    # checklist, the clinic's name): each a blank with words, not a form line.
    blanks = box.select(".gib-write-in")
    assert len(blanks) == 4, text
    assert all(squeeze(blank.get_text()) == WRITE_IN for blank in blanks)
    assert box.select(".gib-write-line") == []
    for label in ("Your clinic", "Phone", "After hours", "Emergency"):
        assert label in text, (url, label)


@pytest.mark.parametrize("url", ["get-help/", CHECKLIST])
def test_phone_box_shows_the_clinic_numbers_when_set(clinic_site, url):
    box = phone_box(article(clinic_site, url))
    links = {a["href"] for a in box.select("a[href^='tel:']")}
    assert links == {"tel:+441234567890", "tel:+441234567000", "tel:999"}, url
    text = squeeze(box.get_text(" "))
    assert SAMPLE_CLINIC["name"] in text
    assert WRITE_IN not in text and box.select(".gib-write-in") == []


def test_blanks_are_words_on_screen_and_lines_on_paper(visit, site_server):
    tab = visit()
    tab.page.goto(site_server.url("get-help/"), wait_until="load")
    blank = tab.page.locator(".gib-phones .gib-write-in").first
    assert blank.inner_text().strip() == WRITE_IN and blank.is_visible()
    tab.page.emulate_media(media="print")
    line = blank.evaluate("""b => ({border: getComputedStyle(b).borderBottomStyle,
        width: b.getBoundingClientRect().width,
        words: b.firstElementChild.getClientRects().length})""")
    assert line["border"] == "solid" and line["width"] > 50 and line["words"] == 0, line


def test_get_help_shows_the_saddle_area(built_site):
    page = article(built_site, "get-help/")
    figure = next(f for f in page.select("figure") if f.find("img", src=re.compile("saddle-area")))
    images = figure.find_all("img")
    assert images and all(img.get("alt", "").strip() for img in images)
    assert figure.find_next_sibling().name == "details"
    # Near the emergency box: in the section whose heading says to call now.
    assert "emergency" in figure.find_previous("h2").get_text().lower()


# ----------------------------------------------------------------------------
# The printed checklist stands alone
# ----------------------------------------------------------------------------


def test_checklist_title_names_the_procedure(built_site, mkdocs_config):
    html = (built_site / CHECKLIST / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert squeeze(soup.find("h1").get_text(" ")).startswith(TITLE)
    assert soup.title.get_text().startswith(TITLE)
    # The nav keeps its short label.
    assert {"Print your checklist": "print.md"} in mkdocs_config["nav"]


def source_names(site) -> set[str]:
    """The names the checklist cites on screen (links to References, markers)."""
    page = article(site, CHECKLIST)
    names = {squeeze(a.get_text(" ")) for a in page.select("a[href*='references/#']")}
    for marker in page.select("sup.gib-cite a[title]"):
        names.update(squeeze(name) for name in marker["title"].split(";"))
    return {name for name in names if len(name) > 2}


@pytest.mark.parametrize("paper", PAPERS)
def test_printed_checklist_stands_alone(visit, site_server, built_site, site_url, paper):
    tab = visit()
    pages = pdf_pages(print_pdf(tab.page, site_server.url(CHECKLIST), paper))
    text = " ".join(pages)
    assert 1 <= len(pages) <= MAX_SHEETS, f"{paper}: {len(pages)} sheets"
    assert pages[0].startswith(TITLE), pages[0][:80]
    # What the injection is, and its words explained on the paper itself.
    assert "A ganglion impar block is an injection near your tailbone" in pages[0]
    assert "a small bundle of nerves" in pages[0]
    assert "A test block is an injection, usually of numbing medicine only" in text
    assert "After a test block (diagnostic block)" in text
    # The scale, its words and the sample row, on the diary's sheet.
    diary = next(page for page in pages if "Pain diary" in page)
    assert "0 1 2 3 4 5 6 7 8 9 10" in diary
    assert "0: no pain" in diary and "10: worst pain you can imagine" in diary
    assert "Example 10:30 3" in diary
    # No source codes on paper; one line gives the guide's address.
    names = source_names(built_site)
    assert len(names) >= 5, names
    assert sorted(name for name in names if name in text) == []
    assert site_url in re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", text).count(site_url) == 1
    # On paper the blanks are lines, not the words shown on screen.
    assert WRITE_IN not in text
    assert "My phone numbers" in pages[0] and "Emergency:" in pages[0]


def test_printed_checklist_with_a_clinic_has_its_numbers(visit, site_server, clinic_site):
    server, httpd = serve(clinic_site, site_server.prefix)
    try:
        tab = visit()
        for paper in PAPERS:
            pages = pdf_pages(print_pdf(tab.page, server.url(CHECKLIST), paper))
            assert len(pages) <= MAX_SHEETS, f"{paper}: {len(pages)} sheets"
            first = pages[0]
            assert f"Your clinic: {SAMPLE_CLINIC['name']}" in first
            assert f"Phone: {SAMPLE_CLINIC['phone']}" in first
            assert f"After hours: {SAMPLE_CLINIC['after_hours_phone']}" in first
            assert f"Emergency: {SAMPLE_CLINIC['emergency_number']}" in first
    finally:
        httpd.shutdown()
        httpd.server_close()
