"""Findability in Spanish: patients' queries find their page in the Spanish edition.

The queries, typed as Spanish-speaking patients type them ("me duele la
rabadilla", "cortisona", "popó", accents left out), and the pages that answer
them are in tests/search_queries_es.yml. Each is typed into the real search box
of the Spanish site (site/es/, search with lang es and the Spanish tables of
search-words.js) in Chromium, on one page that is reused, exactly as
tests/test_findability.py does for English. Every miss is printed.

To measure another build (for example before a change):

    python tests/test_findability_es.py /tmp/find-before/site
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support import DESKTOP, ROOT, ask, foreign_requests, load_queries, measure_build, nav_urls, run, shares, summary

QUERIES_FILE = Path(__file__).with_name("search_queries_es.yml")
MIN_QUERIES = 40
HIT_AT_1 = 0.75
HIT_AT_3 = 0.95
# Pages for clinics and the reference list are not patient pages.
NOT_PATIENT_PAGES = {"references/"}
# Queries the translators asked for, with the page each must list.
FROM_TRANSLATORS = {
    "me duele la rabadilla": "anatomy/",
    "puedo manejar después de la inyección": "procedure/after/",
    "tomo aspirina antes del bloqueo": "procedure/before/",
    "me van a dormir para la inyección": "procedure/during/",
    "efectos secundarios de la inyección en el coxis": "risks/",
    "no puedo orinar después de la inyección": "get-help/",
    "diario del dolor para imprimir": "print/",
    "qué significa neurólisis": "glossary/",
    "poner la guía en la página de mi clínica": "for-clinics/embed/",
    "quién revisó esta guía": "about/",
}


@pytest.fixture(scope="module")
def spanish_nav():
    """URL path (inside es/) of every page in the Spanish nav."""
    from mkdocs.config import load_config

    return nav_urls(load_config(str(ROOT / "mkdocs.es.yml")))


def test_spanish_query_set_covers_every_patient_page(spanish_nav):
    queries = load_queries(QUERIES_FILE)
    assert len(queries) >= MIN_QUERIES
    texts = [query.text.casefold() for query in queries]
    assert len(set(texts)) == len(texts), "a query is listed twice"
    wanted = {page for query in queries for page in query.want}
    assert wanted - set(spanish_nav) == set(), "a query points at a page that is not in es/"
    patient_pages = [p for p in spanish_nav
                     if p not in NOT_PATIENT_PAGES and not p.startswith("for-clinics/")]
    assert [p for p in patient_pages if p not in wanted] == [], "a patient page no query finds"
    listed = {query.text: query.want for query in queries}
    assert {q: p for q, p in FROM_TRANSLATORS.items() if p not in listed.get(q, ())} == {}


def test_spanish_patients_find_answers_through_the_search_box(visit, site_server, report):
    queries = load_queries(QUERIES_FILE)
    tab = visit(**DESKTOP)
    answers = run(tab.page, site_server.url("es/"), site_server.prefix + "es/", queries)
    text = summary(answers)
    report.append("Findability in Spanish (tests/search_queries_es.yml)\n" + text)
    print(text)
    hit1, hit3 = shares(answers)
    assert hit3 >= HIT_AT_3, text
    assert hit1 >= HIT_AT_1, text

    # The same page: the Spanish tables, chosen by <html lang="es">.
    page = tab.page

    def rewrite(query):
        return page.evaluate("query => window.gibSearchWords.rewrite(query)", query).split()

    assert page.evaluate("window.gibSearchWords.LANG") == "es"
    assert "esteroide^80" in rewrite("cortisona")             # the guide's word
    assert "puedo^100" not in rewrite("puedo manejar")        # a question's small word
    assert "manejar^100" in rewrite("puedo manejar")
    assert rewrite("despues")[0] == "después^100"             # the accent left out
    assert rewrite("informacion")[0] == "información^100"
    assert rewrite("después") == ["después^100", "despues*^10", "despues~2^1"]
    # Typed with or without accents, a query finds the same pages.
    prefix = site_server.prefix + "es/"
    assert ask(page, prefix, "despues de la inyeccion") == ask(
        page, prefix, "después de la inyección")
    assert ask(page, prefix, "cirugia")[:1] == ask(page, prefix, "cirugía")[:1] != ()
    assert tab.console_errors == []
    assert foreign_requests(tab.requests, site_server) == []


# ----------------------------------------------------------------------------
# Measuring any build from the command line
# ----------------------------------------------------------------------------


def main(site: str) -> int:
    print(measure_build(Path(site), QUERIES_FILE, "es/"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
