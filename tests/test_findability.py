"""Findability: queries typed the way patients type them find the page that answers them.

The queries and the pages that answer them are in tests/search_queries.yml.
Each query is typed into the real search box in Chromium, on one page that is
reused, and the result list is read once it has settled. A query is a hit@1
when the first result is a page listed for it, and a hit@3 when one of the
first three is. Every miss is printed with what the search gave instead.

To measure another build (for example the guide before a change), run this
file with the folder of the built site:

    python tests/test_findability.py /tmp/find-before/site
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from support import DESKTOP, Answer, Query, ask, foreign_requests, load_queries, measure_build, run, shares, summary

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
MIN_QUERIES = 80
HIT_AT_1 = 0.80
HIT_AT_3 = 0.95
# ----------------------------------------------------------------------------
# Tests
# ----------------------------------------------------------------------------


def test_query_set_is_large_and_points_at_real_pages(nav_urls):
    queries = load_queries(QUERIES_FILE)
    assert len(queries) >= MIN_QUERIES
    texts = [query.text.casefold() for query in queries]
    assert len(set(texts)) == len(texts), "a query is listed twice"
    unknown = {page for query in queries for page in query.want} - set(nav_urls)
    assert unknown == set()


def test_faq_jump_list_leads_to_every_question_in_order(built_site):
    """The list at the top of the FAQ: every question, by topic, in page order."""
    from support import article

    faq = article(built_site, "faq/")
    jump = faq.find("nav", class_="gib-jump")
    assert jump is not None and jump.find_previous("h1") is not None
    def text(element):
        return " ".join(element.get_text().split()).rstrip("¶").strip()

    listed = [(link["href"], text(link)) for link in jump.find_all("a")]
    questions = [("#" + h3["id"], text(h3)) for h3 in faq.find_all("h3")]
    assert listed == questions
    topics = [text(label) for label in jump.find_all("strong")]
    headings = [text(h2) for h2 in faq.find_all("h2")]
    assert topics == [h for h in headings if h in topics] and len(topics) >= 5
    # The list is left out of the search index, so it never competes with the answers.
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "faq/#jump-to-a-question" not in index


def test_hit_shares_count_only_listed_pages():
    """The measure can fail: a wanted page further down, or missing, is a miss."""
    query = Query("can i drive", ("faq/",))
    answers = [
        Answer(query, ("faq/", "after/")),               # hit@1 and hit@3
        Answer(query, ("after/", "before/", "faq/")),    # hit@3 only
        Answer(query, ("after/", "before/", "risks/", "faq/")),  # neither
        Answer(query, ()),                               # nothing found
    ]
    assert shares(answers) == (0.25, 0.5)
    assert "MISS@3 'can i drive'" in summary(answers)


def test_patients_find_answers_through_the_search_box(visit, site_server, report):
    queries = load_queries(QUERIES_FILE)
    tab = visit(**DESKTOP)
    answers = run(tab.page, site_server.url(), site_server.prefix, queries)
    text = summary(answers)
    report.append("Findability (tests/search_queries.yml)\n" + text)
    print(text)
    hit1, hit3 = shares(answers)
    assert hit3 >= HIT_AT_3, text
    assert hit1 >= HIT_AT_1, text
    assert tab.console_errors == []
    assert foreign_requests(tab.requests, site_server) == []


def test_search_keeps_the_readers_words_and_shows_what_it_found(visit, site_server):
    """search-words.js: the box keeps what was typed; results name the words found."""
    tab = visit(**DESKTOP)
    page = tab.page
    page.goto(site_server.url(), wait_until="load")
    page.locator("input.md-search__input").click()
    # The guide never says "cortisone"; it says "steroid".
    assert ask(page, site_server.prefix, "cortisone")
    assert page.locator("input.md-search__input").input_value() == "cortisone"
    links = page.locator(".md-search-result__item").first.locator("a")
    hrefs = [links.nth(i).get_attribute("href").lower() for i in range(links.count())]
    assert any("h=steroid" in href for href in hrefs), hrefs   # highlighted where it opens
    assert page.locator(".md-search-result__terms").count() == 0   # no "Missing: ..."

    def rewrite(query):
        return page.evaluate("query => window.gibSearchWords.rewrite(query)", query).split()

    # Common words are left out when there are others; short words match whole.
    assert not [c for c in rewrite("shot in tailbone") if re.match(r"in\b|in[*~^]", c)]
    assert "drive^100" in rewrite("can i drive") and "can^100" not in rewrite("can i drive")
    assert rewrite("iv") == ["iv^100"]
    # A query of common words only looks for those whole words.
    assert rewrite("who should not have it") == [
        "who^100", "should^100", "not^100", "have^100", "it^100"]
    # Material's own search syntax is passed on as typed.
    assert rewrite('"blood thinners" -steroid') == ['"blood', 'thinners"', "-steroid"]
    assert tab.console_errors == []


# ----------------------------------------------------------------------------
# Measuring any build from the command line
# ----------------------------------------------------------------------------


def main(site: str) -> int:
    print(measure_build(Path(site), QUERIES_FILE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
