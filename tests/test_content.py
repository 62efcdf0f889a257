"""Content rules, checked on the built pages as a reader gets them."""

from __future__ import annotations

import re

import pytest
import textstat

import readability
from glossary import GLOSSARY_FILE, parse_glossary
from support import ROOT, article, syntax_leaks

# A percentage, or a natural frequency such as "1 in 78" or "3 of 104".
NUMBER = re.compile(r"\d\s?%|\b\d+ (?:in|out of|of) (?:every )?\d[\d,]*\b")
BLOCKS = ["p", "li", "td", "th", "dd", "dt", "figcaption", "summary"]


@pytest.fixture(scope="session")
def grades(built_site, nav_urls, report):
    """Reading grade of every nav page; the table is printed after the run."""
    rows = [row for row in readability.measure(built_site) if row[0] in nav_urls]
    report.append(readability.table(rows))
    return rows


def test_patient_pages_read_at_grade_8_or_below(grades):
    over = [
        f"{url or 'home'}: grade {level:.1f}"
        for url, _, level, exempt in grades
        if not exempt and level > readability.GRADE_LIMIT
    ]
    assert over == [], over


def test_reading_grade_counts_hard_text_as_hard():
    """The measure itself can fail: long words and sentences score high."""
    easy = readability.article_text(
        "<article><h1>After</h1><p>You can go home. Rest today.</p></article>"
    )
    hard = readability.article_text(
        "<article><p>Postprocedural neuromodulatory consequences necessitate "
        "individualized multidisciplinary pharmacotherapeutic reconsideration "
        "considering contraindications.</p></article>"
    )
    assert readability.grade(easy) < 4 < 12 < readability.grade(hard)


def test_every_page_opens_with_a_short_summary(built_site, nav_urls):
    """After the title, a summary of two or three sentences."""
    for url in nav_urls:
        h1 = article(built_site, url).find("h1")
        summary = h1.find_next_sibling()
        assert summary is not None and summary.name == "p", url
        text = summary.get_text(" ", strip=True)
        count = len(re.findall(r"[.!?](?:\s|$)", text))
        assert 2 <= count <= 3, f"{url or 'home'}: summary has {count} sentences"


def test_every_number_links_to_its_source(built_site, nav_urls):
    """A percentage or "1 in N" figure has its source beside it: a numbered
    marker (which leads to the page's list and on to References) or a link."""
    missing = []
    for url in nav_urls:
        if url == "references/":
            continue
        for block in article(built_site, url).find_all(BLOCKS):
            if block.find(BLOCKS):  # judge the innermost block only
                continue
            text = block.get_text(" ", strip=True)
            if not NUMBER.search(text):
                continue
            scope = block.find_parent("tr") if block.name in ("td", "th") else block
            links = [a.get("href", "") for a in scope.find_all("a")]
            markers = scope.select("sup.gib-cite a[href^='#source-']")  # tests/test_citations.py
            if not markers and not any("references/#" in href for href in links):
                missing.append(f"{url or 'home'}: {text[:90]}")
    assert missing == [], "\n".join(missing)


def test_every_reference_has_a_pmid_doi_or_url(built_site):
    entries = article(built_site, "references/").select("ol > li")
    assert len(entries) >= 20
    for entry in entries:
        assert entry.find("span", id=True), entry.get_text()[:80]
        links = [a.get("href", "") for a in entry.find_all("a")]
        assert any(href.startswith(("https://", "http://")) for href in links), entry.get_text()[:80]


def test_every_citation_points_at_a_reference(built_site, nav_urls):
    anchors = {
        span["id"] for span in article(built_site, "references/").select("ol > li span[id]")
    }
    for url in nav_urls:
        for link in article(built_site, url).find_all("a", href=True):
            match = re.search(r"references/#([\w-]+)$", link["href"])
            if match:
                assert match[1] in anchors, (url, link["href"])


def test_every_reference_is_cited_and_has_no_editor_notes(built_site, nav_urls):
    """An entry nobody cites is dropped, and notes for editors stay out of the public list."""
    references = article(built_site, "references/")
    anchors = {span["id"] for span in references.select("ol > li span[id]")}
    cited = set()
    for url in nav_urls:
        if url == "references/":
            continue
        for link in article(built_site, url).find_all("a", href=True):
            match = re.search(r"references/#([\w-]+)$", link["href"])
            if match:
                cited.add(match[1])
    assert sorted(anchors - cited) == []
    text = references.get_text(" ", strip=True).lower()
    for note in ("to be checked", "not recorded:", "title not recorded", "authors not recorded", "verify"):
        assert note not in text, note


def test_faq_has_30_questions_answered_briefly(built_site):
    faq = article(built_site, "faq/")
    questions = faq.find_all("h3")
    assert len(questions) >= 30
    for question in questions:
        title = question.get_text(" ", strip=True).rstrip("¶").strip()
        assert title.endswith("?"), title
        answer = []
        for sibling in question.find_next_siblings():
            classes = sibling.get("class", [])
            if sibling.name in ("h2", "h3") or "gib-review" in classes or "gib-sources" in classes:
                break  # the next question, or the page's review line or source list
            if "gib-tier" in sibling.get("class", []):
                continue  # a shared safety box (includes/facts.yml), not the answer's own words
            answer.append(sibling.get_text(" ", strip=True))
        words = textstat.lexicon_count(" ".join(answer))
        assert 0 < words <= 120, f"{title}: {words} words"


def test_glossary_has_25_terms_on_its_page(built_site):
    terms = parse_glossary((ROOT / GLOSSARY_FILE).read_text(encoding="utf-8"))
    distinct = {term.casefold() for term in terms}
    assert len(distinct) >= 25
    listed = article(built_site, "glossary/").find_all("dt")
    assert len(listed) == len(distinct)


def test_glossary_terms_carry_their_meaning_on_every_page(built_site, nav_urls):
    terms = parse_glossary((ROOT / GLOSSARY_FILE).read_text(encoding="utf-8"))
    for url in nav_urls:
        for abbr in article(built_site, url).find_all("abbr"):
            assert abbr.get("title") == terms[abbr.get_text()], (url, abbr)
    anatomy = article(built_site, "anatomy/").find_all("abbr")
    assert {abbr.get_text().casefold() for abbr in anatomy} >= {"coccyx", "sacrum"}


def test_no_markdown_or_template_syntax_leaks_into_pages(built_site, nav_urls):
    """A broken list, an unclosed emphasis or an unrendered macro shows up as
    raw syntax in the text a reader sees."""
    assert syntax_leaks(built_site, nav_urls) == []
