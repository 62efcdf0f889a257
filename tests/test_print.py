"""Printing: the checklist page and every other page, as Chromium prints them.

Pages are printed to PDF (``page.pdf``, no backgrounds, as a reader's browser
prints by default) and the PDF is read back with pypdf: its text, its number
of sheets and the size of its type. ``scripts/print_preview.py`` saves PNGs
of the same PDFs for a person to look at.
"""

from __future__ import annotations

import math
import re

import pytest

from support import (CHECKLIST, load_site_config, DESKTOP, MAX_SHEETS, PAPERS, ROOT, copy_project, mkdocs_build,
                     pdf_pages, print_pdf, serve, with_clinic)

CLINIC_NAME = "Riverside Pain Clinic"
CLINIC_PHONE = "+44 1234 567890"
MIN_POINTS = 10.0

# The print-only clinic header, as overrides/main.html should include it.
PRINT_HEADER = '{% include "partials/print-header.html" %}'
HERO_BLOCK = "\n{% block hero %}\n  {{ super() }}\n  " + PRINT_HEADER + "\n{% endblock %}\n"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def font_sizes(pdf: bytes) -> dict[float, str]:
    """Size in points of the type on every page of a PDF, with a sample of each.

    The size is the font size scaled by the text and graphics matrices, i.e.
    the height of the type on paper.
    """
    from io import BytesIO

    from pypdf import PdfReader

    sizes: dict[float, str] = {}

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        # Vertical scale of tm x cm.
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        sizes.setdefault(round(size * math.hypot(c, d), 2), text.strip()[:40])

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


# ----------------------------------------------------------------------------
# A copy of the project with a clinic block
# ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clinic_server(tmp_path_factory, site_server):
    """The project built with a sample ``extra.clinic`` block, served.

    If overrides/main.html does not include the print header yet, the copy
    gets it (see test_print_header_is_in_the_main_template) so that the
    partial itself is still tested.
    """
    tmp = tmp_path_factory.mktemp("print-clinic")
    project = copy_project(tmp / "project")
    with_clinic(project)
    main = project / "overrides" / "main.html"
    template = main.read_text(encoding="utf-8")
    if "partials/print-header.html" not in template:
        assert "block hero" not in template, "main.html has a hero block: add the include there"
        main.write_text(template + HERO_BLOCK, encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    server, httpd = serve(result.site, site_server.prefix)
    yield server
    httpd.shutdown()
    httpd.server_close()


def test_print_header_is_in_the_main_template():
    """The clinic's name and phone top every printed page only if included."""
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert PRINT_HEADER in template, (
        "overrides/main.html must include the print-only clinic header, e.g.:" + HERO_BLOCK
    )


# ----------------------------------------------------------------------------
# The checklist
# ----------------------------------------------------------------------------

DIARY = ["Before the injection", "15 min after", "30 min after", "1 hour after",
         "2 hours after", "4 hours after", "6 hours after", "Pain (0–10)",
         *(f"Day {n}" for n in range(1, 15))]
# The safety tiers as includes/facts.yml words them (tests/test_safety.py checks the source).
WARNINGS = ["Signs of a serious allergic reaction",
            "New loss of control of your bladder or bowels",
            "Call your emergency number now if you have any of these",
            "Call your clinic today (or the after-hours number) if you have any of these",
            "Fever or chills after the injection", "Bleeding from the needle site that will not stop"]


@pytest.mark.parametrize("paper", PAPERS)
def test_checklist_prints_on_two_sheets(visit, site_server, paper):
    tab = visit()
    pdf = print_pdf(tab.page, site_server.url(CHECKLIST), paper)
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    assert 1 <= len(pages) <= MAX_SHEETS, f"{paper}: {len(pages)} sheets"
    assert all(pages), f"{paper}: a blank sheet"
    assert [item for item in DIARY + WARNINGS if item not in text] == []
    # The diary stays on one sheet, heading and all.
    diary = [page for page in pages if "Pain diary" in page]
    assert len(diary) == 1 and "Before the injection" in diary[0] and "Day 14" in diary[0]
    assert "Call your emergency number now if you have any of these" in text
    # The diary explains why it matters for a test block.
    assert "After a test block (diagnostic block), your scores show your doctor" in text
    # Screen-only parts stay off paper.
    assert "Print this page" not in text
    assert "Or use your browser" not in text
    small = {size: sample for size, sample in font_sizes(pdf).items() if size < MIN_POINTS - 0.05}
    assert small == {}, f"{paper}: type smaller than {MIN_POINTS} pt: {small}"


@pytest.mark.parametrize("paper", PAPERS)
def test_checklist_with_a_clinic_prints_its_phone_on_two_sheets(visit, clinic_server, paper):
    tab = visit()
    pages = pdf_pages(print_pdf(tab.page, clinic_server.url(CHECKLIST), paper))
    text = " ".join(pages)
    assert 1 <= len(pages) <= MAX_SHEETS, f"{paper}: {len(pages)} sheets"
    assert f"Your clinic: {CLINIC_NAME}" in pages[0]
    assert f"Phone: {CLINIC_PHONE}" in pages[0]
    assert f"call {CLINIC_NAME} on {CLINIC_PHONE}" in text
    assert "Call 999 now." in text
    assert "Please arrive 30 minutes before your appointment time." in text
    # The page shows its own clinic box; the site-wide print header would repeat it.
    assert text.count(f"{CLINIC_NAME} · Phone") == 0


# A clinic with long rules and a long name: the checklist still fits.
LONG_CLINIC = {
    "name": "St Bartholomew's Regional Pain Management Centre",
    "phone": "+44 1234 567890",
    "after_hours_phone": "+44 1234 567000",
    "emergency_number": "999",
    "fasting": "Do not eat anything for 6 hours before your appointment time. You may drink clear fluids such as water, black tea or squash until 2 hours before, then stop. If you have diabetes, call us for advice.",
    "blood_thinners": "Our pre-assessment nurse will phone you 7 to 10 days before to go through your blood thinners, and will tell you exactly what to do with each one.",
    "driving": "Do not drive, cycle or operate machinery until the morning after your injection. Check with your insurer if you are unsure.",
    "arrival_minutes_before": 45,
    "observation_minutes": 60,
    "bring": ["your pain diary", "a dressing gown and slippers",
              "a list of your medicines with doses", "any scans or letters from other hospitals"],
}


def test_checklist_with_long_clinic_rules_still_fits(visit, site_server, tmp_path):
    project = copy_project(tmp_path / "project")
    with_clinic(project, LONG_CLINIC)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    server, httpd = serve(result.site, site_server.prefix)
    try:
        tab = visit()
        for paper in PAPERS:
            pages = pdf_pages(print_pdf(tab.page, server.url(CHECKLIST), paper))
            assert len(pages) <= MAX_SHEETS, f"{paper}: {len(pages)} sheets"
            assert "call St Bartholomew's Regional Pain Management Centre on +44 1234 567890" in " ".join(pages)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_print_button_prints_and_is_hidden_without_javascript(visit, site_server):
    tab = visit(**DESKTOP)
    tab.page.goto(site_server.url(CHECKLIST), wait_until="load")
    tab.page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    button = tab.page.get_by_role("button", name="Print this page")
    assert button.is_visible()
    assert button.evaluate("b => b.type") == "button"
    printed = []
    for press in (button.click, lambda: tab.page.keyboard.press("Enter"),
                  lambda: tab.page.keyboard.press("Space")):
        button.focus()
        press()
        printed.append(tab.page.evaluate("window.__printed"))
    assert printed == [1, 2, 3]

    off = visit(java_script_enabled=False, **DESKTOP)
    off.page.goto(site_server.url(CHECKLIST), wait_until="load")
    assert off.page.locator("#gib-print-button").count() == 1
    assert not off.page.locator("#gib-print-button").is_visible()
    assert off.page.get_by_text("Or use your browser's Print command.").is_visible()


# ----------------------------------------------------------------------------
# Every other page
# ----------------------------------------------------------------------------

# Text of the screen chrome, read from the page itself: the navigation, the
# table of contents, the search box, "Skip to content", the "When to get
# help" bar, the header and the footer.
CHROME = """() => {
  const text = e => (e.textContent || '').replace(/\\s+/g, ' ').trim();
  const all = s => [...document.querySelectorAll(s)].map(text);
  const input = document.querySelector('.md-search__input');
  return [
    ...all('.md-sidebar--primary .md-nav__link'),
    ...all('.md-sidebar--secondary .md-nav__title'),
    ...all('.md-skip'),
    ...all('.gib-help-bar__link, .gib-help-bar'),
    ...all('.md-search-result__meta'),
    ...all('.md-header__topic'),
    ...all('.md-footer__direction'),
    input ? input.placeholder : '',
  ].filter(Boolean);
}"""
OWN_TEXT = """() => {
  const article = document.querySelector('article');
  const hrefs = [...article.querySelectorAll('a[href]')].map(a => a.href);
  return [article.textContent, ...hrefs].join(' ').replace(/\\s+/g, ' ');
}"""


def chrome_labels(page) -> tuple[set[str], str]:
    """The chrome's labels that the page's own text does not also contain."""
    labels = set(page.evaluate(CHROME))
    own = page.evaluate(OWN_TEXT)
    return {label for label in labels if label not in own}, own


# Text in the article (figures aside: drawings scale) smaller than 10 pt on paper.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || element.closest('figure, svg')) continue;
    if (!element.getClientRects().length) continue;
    const points = parseFloat(getComputedStyle(element).fontSize) * 0.75;
    if (points < %s) small.push(`${element.tagName} ${points}pt: ${walker.currentNode.textContent.trim().slice(0, 30)}`);
  }
  return small;
}""" % (MIN_POINTS - 0.05)


def test_other_pages_print_without_navigation_or_search(visit, site_server, nav_urls):
    """No screen chrome on paper, no blank sheet, and text of at least 10 pt."""
    tab = visit(**DESKTOP)
    tab.page.emulate_media(media="print")
    checked = 0
    for url in nav_urls:
        if url == CHECKLIST:
            continue
        tab.page.goto(site_server.url(url), wait_until="load")
        labels, _ = chrome_labels(tab.page)
        # Nav-only labels that must be found if the chrome were printed.
        assert {"Skip to content", "Search",
                "Worried after your injection? When to get help"} <= labels, (url, labels)
        pages = pdf_pages(tab.page.pdf(format="A4", print_background=False))
        text = " ".join(pages)
        assert all(pages), f"{url or 'home'}: a blank sheet"
        assert sorted(label for label in labels if label in text) == [], url or "home"
        checked += len(labels)
        assert tab.page.evaluate(SMALL_TEXT) == [], url or "home"
    assert checked > 10 * len(nav_urls)


def test_the_label_check_sees_chrome_when_it_is_printed(visit, site_server):
    """Control: printed as the screen shows it, the labels are in the PDF text."""
    tab = visit(**DESKTOP)
    tab.page.goto(site_server.url("get-help/"), wait_until="load")
    labels, _ = chrome_labels(tab.page)
    tab.page.emulate_media(media="screen")
    # A sheet as wide as a desktop window, so the sidebars are laid out.
    text = squeeze(pdf_text(tab.page.pdf(width="1280px", height="2400px")))
    found = {label for label in labels if label in text}
    assert {"Worried after your injection? When to get help", "Table of contents",
            "Anatomy", "Print your checklist"} <= found, sorted(labels - found)


def test_every_page_prints_the_clinic_name_and_phone_first(visit, clinic_server, nav_urls):
    tab = visit()
    for url in nav_urls:
        tab.page.goto(clinic_server.url(url), wait_until="load")
        first = pdf_pages(tab.page.pdf(format="A4", print_background=False, page_ranges="1"))[0]
        assert CLINIC_NAME in first and CLINIC_PHONE in first, url or "home"
        if url != CHECKLIST:
            assert first.startswith(f"{CLINIC_NAME} · Phone: {CLINIC_PHONE}"), url or "home"


def test_links_print_their_address_only_for_other_sites(visit, clinic_server):
    tab = visit()
    references = pdf_text(print_pdf(tab.page, clinic_server.url("references/"), "A4"))
    assert re.search(r"\(https://doi\.org/10\.\S+\)", references)
    # A link whose text is its address prints it once, not twice (print.js).
    assert re.sub(r"\s+", "", references).count("acarindex.com/turkish") == 1
    help_page = pdf_text(print_pdf(tab.page, clinic_server.url("get-help/"), "A4"))
    assert CLINIC_PHONE in help_page
    assert "tel:" not in help_page
    # Citation markers and the sources list do not print; one line gives the
    # page's own address instead, and page links inside the guide print as words.
    assert "UI Health" not in help_page and "source 1" not in help_page
    assert "references/" not in help_page and "(../" not in help_page
    assert (load_site_config()["site_url"] + "get-help/") in re.sub(r"\s+", "", help_page)
    assert help_page.count("http") == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_paper_is_black_on_white_with_the_light_figures(visit, site_server, scheme):
    tab = visit(color_scheme=scheme, **DESKTOP)
    tab.page.goto(site_server.url("procedure/after/"), wait_until="load")
    tab.page.emulate_media(media="print")
    colours = tab.page.evaluate("""() => {
        const colour = s => getComputedStyle(document.querySelector(s)).color;
        return [colour('article p'), colour('article h1'), colour('article h2'),
                colour('article a[href*="references/"]'),
                getComputedStyle(document.body).backgroundColor];
    }""")
    assert colours == ["rgb(0, 0, 0)"] * 4 + ["rgb(255, 255, 255)"], colours
    shown = tab.page.evaluate("""() => [...document.querySelectorAll('figure img')]
        .filter(img => img.getBoundingClientRect().width > 0)
        .map(img => img.getAttribute('src').split('#')[1])""")
    assert shown == ["only-light"]


@pytest.mark.parametrize("javascript", [True, False])
def test_picture_descriptions_print_open(visit, site_server, javascript):
    """Closed <details> print open: with JavaScript (print.js, and Material for
    its own) and without (the print part of extra.css)."""
    tab = visit(java_script_enabled=javascript)
    tab.page.goto(site_server.url("procedure/after/"), wait_until="load")
    details = tab.page.locator("article details")
    assert details.count() >= 1 and not details.first.evaluate("d => d.open")
    if javascript:
        # A block added after the page loaded: only print.js, which looks for
        # closed blocks when printing starts, can open it. The listener runs
        # after print.js's own, so it sees its work.
        tab.page.evaluate("""() => {
            const extra = document.createElement('details');
            extra.innerHTML = '<summary>More</summary><p>Added words to print.</p>';
            document.querySelector('article').append(extra);
            addEventListener('beforeprint', () => {
                window.__open = [...document.querySelectorAll('article details')].map(d => d.open);
            });
        }""")
    count = details.count()
    text = pdf_text(tab.page.pdf(format="A4", print_background=False))
    assert "Describe this picture" in text
    assert "This timeline runs from top to bottom" in text
    if javascript:
        assert "Added words to print." in text
        assert tab.page.evaluate("window.__open") == [True] * count
        # ... and closes them again afterwards.
        assert details.evaluate_all("ds => ds.map(d => d.open)") == [False] * count


def test_about_page_says_any_page_can_be_printed(built_site):
    from bs4 import BeautifulSoup

    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article").get_text(" ")
    assert "you can print any page" in squeeze(article).lower()
