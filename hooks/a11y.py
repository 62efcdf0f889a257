"""Keyboard and screen-reader fixes for the built HTML of a page.

Plain functions on the HTML text, so tests can call them. Every engine
(MkDocs, ProperDocs, Zensical) runs :func:`improve` on each page's content
through the ``gib_markdown`` Markdown extension (``gib_markdown/extension.py``).

- :func:`quiet_permalinks`: the section link "¶" after each heading leaves
  the tab order (``tabindex="-1"``) and the heading's spoken name
  (``aria-hidden="true"``). It still shows on hover and when its section is
  the target of the address (extra.css), and every section is linked from
  the "On this page" menu, so the address of a section stays one step away.
- :func:`admonition_headings`: the title of each box ("Key facts", "Call your
  emergency number now if ...") becomes a heading one level below the
  heading before it (``role="heading"`` and ``aria-level``), so heading
  navigation finds it. The element and its ``admonition-title`` class stay.
- :func:`figure_hints`: the caption sentence "Tap or click the picture to see
  it larger." says what really happens: on a wide screen (60em and up) the
  picture opens larger; on a narrower one, where the picture in the page is
  about as wide already, it opens on its own. extra.css shows the one that fits the screen; docs/assets/javascripts/
  figure-view.js opens it in a view inside the site, with a Close button.
"""

from __future__ import annotations

import re

_PERMALINK = re.compile(r'<a class="headerlink"(?P<rest>[^>]*)>')
_HEADING_OR_TITLE = re.compile(
    r'<h(?P<level>[1-6])\b|<p class="admonition-title"(?P<rest>[^>]*)>', re.IGNORECASE
)


def quiet_permalinks(html: str) -> str:
    """Take each permalink "¶" out of the tab order and the heading's name."""

    def quiet(match: re.Match) -> str:
        rest = match["rest"]
        if "tabindex" in rest or "aria-hidden" in rest:
            return match[0]
        return f'<a class="headerlink"{rest} tabindex="-1" aria-hidden="true">'

    return _PERMALINK.sub(quiet, html)


def admonition_headings(html: str, start: int = 1) -> str:
    """Make each box title a heading one level below the heading before it.

    ``start`` is the level of the heading before the content (the page
    title is the content's own ``<h1>``, so 1). Levels stop at 6.
    """
    level = start

    def visit(match: re.Match) -> str:
        nonlocal level
        if match["level"]:
            level = int(match["level"])
            return match[0]
        rest = match["rest"]
        if "role=" in rest:
            return match[0]
        return (f'<p class="admonition-title" role="heading" '
                f'aria-level="{min(level + 1, 6)}"{rest}>')

    return _HEADING_OR_TITLE.sub(visit, html)


FIGURE_HINT = "Tap or click the picture to see it larger."
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>.*?</figcaption>", re.IGNORECASE | re.DOTALL)
# The caption sentence as written in each language: (wide screen, narrow screen).
FIGURE_HINTS = {
    FIGURE_HINT: (FIGURE_HINT, "Tap the picture to see it on its own."),
    "Toque o haga clic en la imagen para verla más grande.": (
        "Toque o haga clic en la imagen para verla más grande.",
        "Toque la imagen para verla sola.",
    ),
}


def _hints(wide: str, narrow: str) -> str:
    return (f'<span class="gib-hint gib-hint--wide">{wide}</span>'
            f'<span class="gib-hint gib-hint--narrow">{narrow}</span>')


HINTS = _hints(*FIGURE_HINTS[FIGURE_HINT])


def figure_hints(html: str) -> str:
    """Replace the caption sentence with one for wide and one for narrow screens."""

    def replace(match: re.Match) -> str:
        caption = match[0]
        for sentence, pair in FIGURE_HINTS.items():
            caption = caption.replace(sentence, _hints(*pair))
        return caption

    return _FIGCAPTION.sub(replace, html)


def improve(html: str) -> str:
    """All of the above, in order."""
    return figure_hints(admonition_headings(quiet_permalinks(html)))
