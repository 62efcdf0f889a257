"""Lay-language queries typed into the real search box find the right page."""

from __future__ import annotations

from support import DESKTOP, foreign_requests, search

# (what a patient might type, the page that should be among the first three)
QUERIES = [
    ("tailbone shot", ""),
    ("what is a ganglion impar block", ""),
    ("where is the ganglion impar", "anatomy/"),
    ("coccyx", "anatomy/"),
    ("nerves in the pelvis", "anatomy/"),
    ("coccydynia", "why/"),
    ("rectal pain", "why/"),
    ("cancer pain", "why/"),
    ("can I eat before", "procedure/before/"),
    ("blood thinners", "procedure/before/"),
    ("diabetes blood sugar", "procedure/before/"),
    ("can I have it if I am pregnant", "faq/"),
    ("what to bring", "procedure/before/"),
    ("questions to ask my doctor", "procedure/before/"),
    ("will it hurt", "procedure/during/"),
    ("lie face down", "procedure/during/"),
    ("awake or asleep", "procedure/during/"),
    ("how long does relief last", "procedure/after/"),
    ("pain diary", "procedure/after/"),
    ("can I drive home", "faq/"),
    ("driving after the injection", "procedure/after/"),
    ("shower or bath", "procedure/after/"),
    ("steroid side effects", "risks/"),
    ("is it safe", "risks/"),
    ("bruising", "risks/"),
    ("numb legs", "get-help/"),
    ("fever after injection", "get-help/"),
    ("loss of bladder control", "get-help/"),
    ("how well does it work", "faq/"),
    ("research evidence", "research/"),
    ("success rate", "research/"),
    ("same as an epidural", "faq/"),
    ("insurance", "faq/"),
    ("what does fluoroscopy mean", "glossary/"),
    ("who wrote this guide", "about/"),
]
REQUIRED_SHARE = 0.9


def test_lay_queries_find_their_page(visit, site_server, report):
    tab = visit(**DESKTOP)
    rows, hits = [], 0
    for query, expected in QUERIES:
        top = search(tab, site_server, query)[:3]
        hit = expected in top
        hits += hit
        rows.append(
            f"{'ok  ' if hit else 'MISS'} {query!r:<36} want {expected or 'home'!r:<22}"
            f" got {[url or 'home' for url in top]}"
        )
    share = hits / len(QUERIES)
    rows.append(f"{hits} of {len(QUERIES)} queries ({share:.0%}) found their page in the top 3")
    report.append("\n".join(rows))
    assert len(QUERIES) >= 25
    assert share >= REQUIRED_SHARE, "\n".join(rows)
    assert tab.console_errors == []
    assert foreign_requests(tab.requests, site_server) == []
