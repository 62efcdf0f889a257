"""The clinical review sheet: made from the pages, covering every patient page, printable."""

from __future__ import annotations

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

import review_sheet as sheet
from support import load_site_config

SHEET = "for-clinics/review-sheet/"


def test_statements_are_the_cited_sentences_with_their_sources():
    markdown = """---
title: "A page"
---

# A page

This sentence has no source.

The injection takes about 10 to 30 minutes
([Shivam](references.md#shivam); [MD Pain](references.md#mdpain)).
You go home after a rest. It is done on the same day ([RA Pain](../references.md#rapain)). Nothing cited here.

- **Fever** after the injection ([Global Pain Care](references.md#globalpain)).

Sources for this drawing: [Harbin](references.md#harbin).
"""
    assert sheet.statements(markdown) == [
        ("The injection takes about 10 to 30 minutes.", ["shivam", "mdpain"]),
        ("You go home after a rest. It is done on the same day.", ["rapain"]),
        ("Fever after the injection.", ["globalpain"]),
    ]


def test_patient_pages_leave_out_glossary_references_about_and_clinic_pages():
    nav = [{"Home": "index.md"}, {"Steps": [{"After": "procedure/after.md"}]},
           {"Glossary": "glossary.md"}, {"About": "about.md"},
           {"For clinics": [{"Set up": "for-clinics/index.md"}]}]
    assert sheet.patient_pages(nav) == [("Home", "index.md"), ("After", "procedure/after.md")]


def built_sheet(built_site):
    html = (built_site / SHEET / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def test_the_sheet_covers_every_patient_page(built_site):
    article = built_sheet(built_site)
    titles = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2")]
    nav = load_site_config()["nav"]
    expected = [title for title, _ in sheet.patient_pages(nav)]
    assert titles == expected
    for heading in article.select("h2"):
        rows = heading.find_next("table").select("tbody tr")
        assert rows, heading.get_text()
        for row in rows:
            cells = row.find_all("td")
            assert cells[1].get_text(strip=True), "empty statement"
            assert cells[2].select("a[href*='references/#']"), cells[1].get_text()
            assert "Correct" in cells[3].get_text() and "Change" in cells[3].get_text()


def test_the_sheet_follows_the_pages(built_site):
    """A statement on a page, such as a shared number, appears in the sheet as patients read it."""
    text = " ".join(built_sheet(built_site).get_text("").split())
    assert "If you had a steroid, it usually starts to work in 2 to 3 days." in text


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_sheet_prints_on_a4_and_letter(visit, site_server, built_site, paper):
    tab = visit(viewport={"width": 1280, "height": 900})
    tab.page.goto(site_server.url(SHEET), wait_until="load")
    tab.page.emulate_media(media="print")
    overflow = tab.page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('article table')]"
        ".map(t => t.scrollWidth - t.parentElement.clientWidth))"
    )
    assert overflow <= 1, f"a table is {overflow}px wider than the page"
    pdf = tab.page.pdf(format=paper, print_background=False)
    pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
    assert len(pages) > 1 and all(page.strip() for page in pages)
    text = " ".join(" ".join(pages).split())
    for heading in built_sheet(built_site).select("h2"):
        assert heading.get_text(" ", strip=True).rstrip("¶").strip() in text
