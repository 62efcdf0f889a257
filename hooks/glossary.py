"""Show the glossary on the Glossary page from the same file as the tooltips.

``includes/glossary.md`` holds one abbreviation a line (``*[term]: meaning``).
``pymdownx.snippets`` appends it to every page, so ``abbr`` gives each use of
a term its definition on hover, tap and keyboard focus. This hook writes the
same terms as a definition list where the Glossary page says
``<!-- glossary -->``, so the two can never drift apart.

In the built page (:func:`glossary_terms`):

- every term is announced as the word, with its meaning as the description
  (``role="term"`` and ``aria-label`` = the word; the ``title`` stays for the
  tooltip and becomes the description);
- only a term's FIRST use on a page is a keyboard stop (``tabindex="0"``),
  so the definition shows on focus without a stop at every repeat; the first
  use outside a collapsed "Describe this picture" block is preferred. Every
  use still shows its meaning on hover and tap. Terms inside a link are left
  alone: the link is the stop;
- terms in headings are left plain: a title is not the place for a dotted
  underline;
- on the Glossary page itself no term is marked at all: the meaning is
  printed beside each word already.

The work is done by plain functions that tests call directly; every engine
runs them through the ``gib_markdown`` Markdown extension
(``gib_markdown/extension.py``), which also runs the page-wide keyboard and
screen-reader fixes of ``hooks/a11y.py`` (permalinks, box titles).
"""

from __future__ import annotations

import re
import unicodedata

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

GLOSSARY_FILE = "includes/glossary.md"
GLOSSARY_PAGE = "glossary.md"
MARKER = "<!-- glossary -->"
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>\S.*)$")
_TAG = re.compile(r"<(?P<end>/?)(?P<name>a|abbr|details)\b(?P<rest>[^>]*)>", re.IGNORECASE)
_ABBR = re.compile(r"<abbr\b(?P<rest>[^>]*)>(?P<word>.*?)</abbr>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')
_HEADING = re.compile(r"<(h[1-6])\b[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)
_ABBR_TAG = re.compile(r"</?abbr\b[^>]*>", re.IGNORECASE)

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


def parse_glossary(text: str, src: str = GLOSSARY_FILE) -> dict[str, str]:
    """Return ``{term: meaning}`` from the abbreviation lines in ``text``.

    Blank lines and HTML comments are allowed; any other line, or a term
    given twice, is an error naming the file and line.
    """
    terms: dict[str, str] = {}
    in_comment = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped:
            continue
        match = _LINE.match(stripped)
        if not match:
            raise ValueError(
                f"{src}:{number}: expected '*[term]: meaning', got {stripped!r}"
            )
        term = match["term"]
        if term in terms:
            raise ValueError(f"{src}:{number}: term {term!r} is defined twice")
        terms[term] = match["meaning"]
    return terms


def _plain(word: str) -> str:
    """The word without accents, for A to Z order ("cánula" before "coxis")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def glossary_file(language: str) -> str:
    """The glossary of a language: includes/glossary.md, or includes/<lang>/glossary.md."""
    return GLOSSARY_FILE if language == "en" else f"includes/{language}/glossary.md"


def render_glossary(terms: dict[str, str]) -> str:
    """Return a Markdown definition list, one entry per term.

    Spellings that differ only in capital letters ("Coccyx", "coccyx") exist
    so the tooltip also works at the start of a sentence; they must share one
    meaning and are listed once, in the first spelling given.
    """
    entries: dict[str, tuple[str, str]] = {}
    for term, meaning in terms.items():
        key = term.casefold()
        if key in entries and entries[key][1] != meaning:
            raise ValueError(
                f"{GLOSSARY_FILE}: {entries[key][0]!r} and {term!r} must have "
                "the same meaning"
            )
        entries.setdefault(key, (term, meaning))
    blocks = []
    for _, (term, meaning) in sorted(entries.items(), key=lambda item: (_plain(item[0]), item[0])):
        blocks.append(f"{term[0].upper()}{term[1:]}\n:   {meaning}\n")
    return "\n".join(blocks)


def glossary_terms(html: str, *, glossary_page: bool = False) -> str:
    """Mark the glossary terms (``<abbr title>``) in a built page.

    Each term outside a link gets ``role="term"`` and ``aria-label`` (the
    word), so it is announced as the word with its meaning as description.
    The first use of each meaning becomes focusable (``tabindex="0"``),
    preferring a use outside ``<details>``. Terms in headings are unwrapped;
    on the Glossary page (``glossary_page=True``) every term is.
    """
    if glossary_page:
        return _ABBR_TAG.sub("", html)
    html = _HEADING.sub(lambda match: _ABBR_TAG.sub("", match[0]), html)

    # Pass 1: where each term is used, outside links, and whether in <details>.
    links = details = 0
    uses: list[tuple[int, str, bool]] = []       # (offset, meaning, in details)
    for match in _TAG.finditer(html):
        name, end, rest = match["name"].lower(), match["end"], match["rest"]
        if name in ("a", "details"):
            step = -1 if end else 1
            if name == "a":
                links = max(0, links + step)
            else:
                details = max(0, details + step)
        elif not end and not links and "tabindex" not in rest:
            title = _TITLE.search(rest)
            if title:
                uses.append((match.start(), title["title"], details > 0))
    first: dict[str, tuple[int, bool]] = {}
    for offset, meaning, hidden in uses:
        if meaning not in first or (first[meaning][1] and not hidden):
            first[meaning] = (offset, hidden)
    marked = {offset for offset, _, _ in uses}
    stops = {offset for offset, _ in first.values()}

    # Pass 2: rewrite those <abbr> tags.
    def mark(match: re.Match) -> str:
        if match.start() not in marked:
            return match[0]
        word = re.sub(r"<[^>]+>", "", match["word"]).replace('"', "&quot;")
        tabindex = ' tabindex="0"' if match.start() in stops else ""
        return (f'<abbr{tabindex} role="term" aria-label="{word}"{match["rest"]}>'
                f'{match["word"]}</abbr>')

    return _ABBR.sub(mark, html)
