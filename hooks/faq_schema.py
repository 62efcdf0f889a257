"""Describe the FAQ page to search engines (schema.org FAQPage), from itself.

:func:`faq_schema` reads the questions (``<h3>`` headings ending in "?") and
their answers (everything up to the next heading) from the page's own HTML,
so the structured data can never drift from what readers see. The
``gib_markdown`` Markdown extension puts the result in the FAQ page's
``page.meta["faq_schema"]`` in every engine; ``overrides/main.html`` writes it
out as JSON-LD. It is a plain function that tests call too.
"""

from __future__ import annotations

import html as html_lib
import re

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

FAQ_PAGE = "faq.md"
_HEADING = re.compile(r"<h(?P<level>[1-6])[^>]*>(?P<title>.*?)</h(?P=level)>", re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|dd|dt|td|th|div|summary)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


def _text(fragment: str) -> str:
    fragment = _BLOCK_END.sub(" ", _PERMALINK.sub("", fragment))
    return re.sub(r"\s+", " ", html_lib.unescape(_TAG.sub("", fragment))).strip()


def faq_schema(html: str) -> dict:
    """FAQPage data for every ``<h3>`` question in ``html`` with its answer."""
    headings = list(_HEADING.finditer(html))
    entities = []
    for number, heading in enumerate(headings):
        question = _text(heading["title"])
        if heading["level"] != "3" or not question.endswith("?"):
            continue
        end = headings[number + 1].start() if number + 1 < len(headings) else len(html)
        answer = _text(html[heading.end():end])
        if not answer:
            raise ValueError(f"{FAQ_PAGE}: the question {question!r} has no answer")
        entities.append({
            "@type": "Question",
            "name": question,
            "acceptedAnswer": {"@type": "Answer", "text": answer},
        })
    if not entities:
        raise ValueError(f"{FAQ_PAGE}: no questions found (### headings ending in '?')")
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}
