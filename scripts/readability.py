"""Reading level of every patient page, measured on the built site.

Usage (from the project root)::

    python scripts/readability.py            # builds the site into a temp folder
    python scripts/readability.py site/      # measures an existing build

It prints one line per page: words, Flesch-Kincaid grade (textstat 0.7.4) and
whether the page is held to the grade limit. Exit status 1 if a patient page
is above the limit.

What is measured: the text of the page's article as a reader sees it, without
the "¶" section links, scripts, styles and figures' inner SVG text. Each
heading, list item, table cell and other block counts as its own sentence
(a full stop is added where the writer left none), as a reader takes them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent
GRADE_LIMIT = 8.0
# Reference and maintainer pages are not held to the reading-level limit.
EXEMPT = ("glossary/", "references/", "about/", "for-clinics/")

_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd",
    "figcaption", "summary", "blockquote", "div", "caption",
}
_SKIP = {"script", "style", "svg", "template", "noscript"}


class _ArticleText(HTMLParser):
    """Collect the visible text of the first <article> in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # nesting depth inside <article>, 0 = outside
        self.skip = 0           # nesting depth inside skipped elements
        self.done = False
        self.blocks: list[list[str]] = [[]]

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "article" and self.depth == 0:
            self.depth = 1
            return
        if self.depth == 0:
            return
        if tag in ("br", "hr", "img", "input", "meta", "link", "source", "wbr"):
            return
        self.depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if self.skip or tag in _SKIP or "headerlink" in classes:
            self.skip += 1
        if tag in _BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag):
        if self.done or self.depth == 0:
            return
        if tag in ("br", "hr", "img", "input", "meta", "link", "source", "wbr"):
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
        if tag in _BLOCKS:
            self.blocks.append([])
        if self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.blocks[-1].append(data)


def article_text(html: str) -> str:
    """Return the article's text, one block a line, each ending a sentence."""
    parser = _ArticleText()
    parser.feed(html)
    lines = []
    for block in parser.blocks:
        text = re.sub(r"\s+", " ", "".join(block)).strip()
        if not text:
            continue
        if not re.search(r"[.!?:;]$", text):
            text += "."
        lines.append(text)
    return "\n".join(lines)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of ``text`` (textstat 0.7.4)."""
    return textstat.flesch_kincaid_grade(text)


def is_exempt(url: str) -> bool:
    """True for pages not held to the reading-level limit."""
    return url.startswith(EXEMPT)


def pages(site: Path) -> dict[str, Path]:
    """Map each page URL ("", "anatomy/", ...) to its built HTML file."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        if url.startswith(("assets/", "search/")):
            continue
        found[url] = path
    return found


def measure(site: Path) -> list[tuple[str, int, float, bool]]:
    """Return ``(url, words, grade, exempt)`` for every page of ``site``."""
    rows = []
    for url, path in pages(site).items():
        text = article_text(path.read_text(encoding="utf-8"))
        rows.append((url, textstat.lexicon_count(text), grade(text), is_exempt(url)))
    return rows


def build(into: Path) -> None:
    """Build the site strictly into ``into``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(into)],
        cwd=ROOT, env=env, check=True,
    )


def table(rows) -> str:
    """Format the rows as a plain-text table with a mean for patient pages."""
    lines = [f"{'page':<28} {'words':>6} {'grade':>6}  limit"]
    for url, words, level, exempt in rows:
        mark = "exempt" if exempt else ("OVER" if level > GRADE_LIMIT else "ok")
        lines.append(f"{url or '(home)':<28} {words:>6} {level:>6.1f}  {mark}")
    held = [level for _, _, level, exempt in rows if not exempt]
    if held:
        lines.append(f"mean grade of {len(held)} patient pages: {sum(held) / len(held):.1f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv:
        rows = measure(Path(argv[0]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            rows = measure(Path(tmp))
    print(table(rows))
    return int(any(level > GRADE_LIMIT and not exempt for _, _, level, exempt in rows))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
