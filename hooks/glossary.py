"""Show the glossary on the Glossary page from the same file as the tooltips.

``includes/glossary.md`` holds one abbreviation a line (``*[term]: meaning``).
``pymdownx.snippets`` appends it to every page, so ``abbr`` gives each use of
a term its definition on hover, tap and keyboard focus. This hook writes the
same terms as a definition list where the Glossary page says
``<!-- glossary -->``, so the two can never drift apart. It also makes each
term reachable by keyboard and by tap (``tabindex="0"``), so the definition
shows on focus too, except inside a link, which is focusable already. Terms
in headings are left plain: a title is not the place for a dotted underline.

The work is done by :func:`parse_glossary` and :func:`render_glossary`, plain
functions that tests and other build tools can call; ``on_page_markdown`` is
the thin MkDocs adapter.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

GLOSSARY_FILE = "includes/glossary.md"
GLOSSARY_PAGE = "glossary.md"
MARKER = "<!-- glossary -->"
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>\S.*)$")
_TAG = re.compile(r"<(?P<end>/?)(?P<name>a|abbr)\b(?P<rest>[^>]*)>", re.IGNORECASE)
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
    for _, (term, meaning) in sorted(entries.items()):
        blocks.append(f"{term[0].upper()}{term[1:]}\n:   {meaning}\n")
    return "\n".join(blocks)


def focusable_abbreviations(html: str) -> str:
    """Add ``tabindex="0"`` to every ``<abbr title>`` that is not in a link,
    and unwrap the ones in headings."""
    html = _HEADING.sub(lambda match: _ABBR_TAG.sub("", match[0]), html)
    depth = 0

    def visit(match: re.Match) -> str:
        nonlocal depth
        name, end, rest = match["name"].lower(), match["end"], match["rest"]
        if name == "a":
            depth = max(0, depth - 1) if end else depth + 1
            return match[0]
        if end or depth or "title=" not in rest or "tabindex" in rest:
            return match[0]
        return f'<abbr tabindex="0"{rest}>'

    return _TAG.sub(visit, html)


# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


def on_page_markdown(markdown, *, page, config, files):
    """Replace the marker on the Glossary page with the list of terms."""
    if page.file.src_uri != GLOSSARY_PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"{GLOSSARY_PAGE}: the marker {MARKER} is missing")
    path = Path(config.config_file_path).parent / GLOSSARY_FILE
    try:
        terms = parse_glossary(path.read_text(encoding="utf-8"))
        listing = render_glossary(terms)
    except ValueError as error:
        raise PluginError(str(error)) from error
    return markdown.replace(MARKER, listing)


def on_page_content(html, *, page, config, files):
    """Let keyboard and touch users reach each term's definition."""
    return focusable_abbreviations(html)
