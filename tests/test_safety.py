"""Safety advice and shared numbers: written once, the same on every page.

- Every emergency sign shown anywhere comes with the emergency instruction, in
  the same item or in the heading or box around it.
- The steroid's onset, and every other shared number, reads one way only.
- includes/facts.yml is checked: a bad entry stops the build with one line.
- The text in safety boxes is never smaller than the body text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import citations
import facts as shared

ROOT = Path(__file__).resolve().parent.parent
NAMES = citations.load_sources(ROOT / citations.SOURCES_FILE)
FACTS = shared.load_facts(ROOT / shared.FACTS_FILE, NAMES)

# How the emergency signs are written when a page lists them (issue 11):
# leg weakness or numbness, loss of bladder or bowel control, saddle numbness,
# signs of a serious allergic reaction.
EMERGENCY_SIGNS = {
    "legs": re.compile(r"(weak|numb)\w*( or \w+)? in (your|the) legs", re.I),
    "bladder or bowels": re.compile(
        r"(loss of|lose|losing|trouble with|trouble controlling) (control of )?"
        r"(your |the )?(bladder|bowel)", re.I),
    "saddle": re.compile(r"numb\w*[^.]{0,40}(saddle|between your legs)|saddle[^.]{0,20} area", re.I),
    "allergic reaction": re.compile(
        r"(face, lips or tongue|trouble breathing|hard to breathe|a wheeze)", re.I),
}
INSTRUCTION = re.compile(r"emergency number|\bcall (911|999|112)\b", re.I)
ITEMS = "li, p, td, dd"


def unsafe_mentions(html: str) -> list[str]:
    """Items that name an emergency sign with no emergency instruction around them.

    The instruction counts when it is in the item itself, in the title of the
    box the item sits in, or in the nearest heading above the item.
    """
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    found = []
    for item in article.select(ITEMS):
        if item.select_one(ITEMS):  # judge the innermost item only
            continue
        text = item.get_text(" ", strip=True)
        signs = [name for name, pattern in EMERGENCY_SIGNS.items() if pattern.search(text)]
        if not signs or INSTRUCTION.search(text):
            continue
        box = item.find_parent(class_="admonition")
        title = box.select_one(".admonition-title") if box else None
        if title and INSTRUCTION.search(title.get_text(" ")):
            continue
        heading = item.find_previous(["h1", "h2", "h3", "h4"])
        if heading and INSTRUCTION.search(heading.get_text(" ")):
            continue
        found.append(f"{', '.join(signs)}: {text[:100]}")
    return found


def article_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------
# The check itself can fail
# ----------------------------------------------------------------------------


def test_the_check_flags_an_emergency_sign_without_the_instruction():
    page = """<article><h2>After the injection</h2>
      <ul><li>New weakness or numbness in your legs that does not wear off.</li>
          <li>Loss of bladder or bowel control: call your clinic.</li>
          <li>Swelling of your face, lips or tongue.</li></ul></article>"""
    assert len(unsafe_mentions(page)) == 3


def test_the_check_accepts_the_instruction_in_the_item_the_box_or_the_heading():
    page = """<article>
      <ul><li>Numbness in your legs that does not wear off: call your emergency number now.</li></ul>
      <div class="admonition danger"><p class="admonition-title">Call your emergency number now</p>
        <ul><li>New loss of control of your bladder or bowels.</li></ul></div>
      <h3>Call your emergency number if your face, lips or tongue swell</h3>
      <p>Trouble breathing is a sign of a serious allergic reaction.</p></article>"""
    assert unsafe_mentions(page) == []


# ----------------------------------------------------------------------------
# The built site
# ----------------------------------------------------------------------------


def test_every_emergency_sign_comes_with_the_emergency_instruction(built_site, nav_urls):
    problems = {}
    for url in nav_urls:
        found = unsafe_mentions(article_html(built_site, url))
        if found:
            problems[url or "home"] = found
    assert problems == {}


@pytest.mark.parametrize("url", ["get-help/", "procedure/after/", "print/", "risks/", "faq/"])
def test_pages_that_list_emergency_signs_show_the_whole_tier(built_site, url):
    """The emergency tier appears whole, word for word, from includes/facts.yml."""
    soup = BeautifulSoup(article_html(built_site, url), "html.parser")
    boxes = [box.get_text(" ", strip=True) for box in soup.select("article .admonition.danger")]
    tier = FACTS["tiers"]["emergency"]
    for sign in tier["signs"].values():
        words = re.sub(r"\*\*", "", " ".join(sign["en"].split()))
        assert any(words in " ".join(box.split()) for box in boxes), (url, words[:60])


def test_get_help_shows_all_three_tiers(built_site):
    soup = BeautifulSoup(article_html(built_site, "get-help/"), "html.parser")
    titles = [t.get_text(" ", strip=True) for t in soup.select("article .admonition-title")]
    for tier in shared.TIERS:
        assert FACTS["tiers"][tier]["title"]["en"] in titles, tier


def test_not_passing_urine_is_never_left_until_tomorrow(built_site):
    """Urinary retention: emergency with numbness or weakness, else seen the same day."""
    tiers = FACTS["tiers"]
    assert shared.tier_of(FACTS, "urine_and_numbness") == "emergency"
    assert shared.tier_of(FACTS, "urine") == "clinic"
    text = tiers["clinic"]["signs"]["urine"]["en"]
    assert "same day" in text and "urgent care" in text
    page = BeautifulSoup(article_html(built_site, "get-help/"), "html.parser").get_text(" ")
    assert "You cannot pass urine (pee), and you also have new numbness or weakness" in page


def blocks(site: Path, urls) -> list[tuple[str, str]]:
    """(page, text) for every paragraph, item, cell and term, spaces collapsed."""
    out = []
    for url in urls:
        soup = BeautifulSoup(article_html(site, url), "html.parser")
        for block in soup.select("article " + ITEMS + ", article dt"):
            text = " ".join(block.get_text(" ", strip=True).split())
            out.append((url or "home", re.sub(r" ([.,;:)])", r"\1", text)))
    return out


def sentences(site: Path, urls) -> list[tuple[str, str]]:
    return [(url, sentence) for url, text in blocks(site, urls)
            for sentence in re.split(r"(?<=[.!?])\s+", text)]


def test_the_steroid_onset_is_stated_one_way(built_site, nav_urls):
    """Every "N to M days" said of the steroid is the one sourced phrase."""
    allowed = {"2 to 3 days", "up to 10 days"}
    found = set()
    for url, sentence in sentences(built_site, nav_urls):
        if re.search(r"(start|begin)s? (to )?(work|help)|days? to work|kicks? in|takes up to \d+ days", sentence, re.I):
            for days in re.findall(r"(?:up to )?\d+ (?:to|or|-|–) \d+ days|up to \d+ days", sentence):
                found.add(days)
                assert days in allowed, f"{url}: {sentence}"
    assert found == allowed


RETIRED = ["2 to 5 days", "3 to 5 days", "a day or two", "2 to 4 hours at one hospital"]


def test_retired_wordings_of_shared_numbers_are_gone(built_site, nav_urls):
    for url, sentence in sentences(built_site, nav_urls):
        for phrase in RETIRED:
            assert phrase not in sentence, f"{url}: {sentence}"


@pytest.mark.parametrize("name", sorted(FACTS["numbers"]))
def test_every_shared_number_is_shown_from_its_one_source(built_site, nav_urls, name):
    """Each shared number appears on at least two pages, always in its own words."""
    sentence = shared.fact(FACTS, name, sources=False)
    short = shared.fact(FACTS, name, "short")
    pages = {url for url, text in blocks(built_site, nav_urls)
             if sentence in text or short.lower() in text.lower()}
    assert len(pages) >= 2, (name, pages)


# ----------------------------------------------------------------------------
# includes/facts.yml is checked
# ----------------------------------------------------------------------------


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (ROOT / shared.FACTS_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize("change, key", [
    (("      en: If you had a steroid, it usually", "      es: If you had a steroid, it usually"),
     "numbers.steroid_onset.sentence"),
    (("sources: [harbin, elpaso, uihealth, montanapain]\n\n  steroid_peak",
      "sources: [harbin, nosuchsource]\n\n  steroid_peak"), "numbers.steroid_onset.sources"),
    (("  normal:\n    title:", "  calm:\n    title:"), "tiers"),
    (("      fever:\n", "      legs:\n"), "tiers.clinic.signs.legs"),
])
def test_a_bad_facts_file_stops_with_one_line_naming_the_key(tmp_path, change, key):
    old, new = change
    assert old in GOOD
    with pytest.raises(shared.FactsError) as error:
        shared.load_facts(write(tmp_path, GOOD.replace(old, new, 1)), NAMES)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{shared.FACTS_FILE}: {key}"), message


def test_an_unknown_fact_or_sign_names_the_valid_ones():
    with pytest.raises(shared.FactsError, match="steroid_onset"):
        shared.fact(FACTS, "steroid_onsett")
    with pytest.raises(shared.FactsError, match="legs"):
        shared.warning_sign(FACTS, "leg", subs={})


def test_one_sign_carries_its_tier_instruction():
    subs = {"emergency": "999", "call_clinic": "call us"}
    assert "Call 999 now." in shared.warning_sign(FACTS, "saddle", subs=subs)
    assert "Call your clinic today" in shared.warning_sign(FACTS, "fever", subs=subs)


# ----------------------------------------------------------------------------
# Safety text is not small print
# ----------------------------------------------------------------------------


def test_safety_boxes_are_at_least_body_size(visit, site_server):
    tab = visit(viewport={"width": 360, "height": 740}, is_mobile=True)
    for url in ("get-help/", "procedure/after/", "", "print/"):
        tab.page.goto(site_server.url(url), wait_until="load")
        sizes = tab.page.evaluate("""() => {
            const px = el => parseFloat(getComputedStyle(el).fontSize);
            const body = px(document.querySelector('article > p'));
            const boxes = [...document.querySelectorAll('article .admonition li, article .admonition p')];
            return {body, smallest: Math.min(...boxes.map(px))};
        }""")
        assert sizes["smallest"] >= sizes["body"], (url or "home", sizes)
