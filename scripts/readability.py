"""Reading level of every patient page, measured on the built site.

Usage (from the project root)::

    python scripts/readability.py                  # builds the site into a temp folder
    python scripts/readability.py site/            # measures an existing build
    python scripts/readability.py --lang es site/  # the Spanish pages (site/es/)

English: one line per page with its words, Flesch-Kincaid grade (textstat
0.7.4, ``set_lang("en_US")``) and whether the page is held to the grade limit
(8). Spanish: the INFLESZ score (Szigriszt-Pazos, ``set_lang("es")``), held to
at least 65 ("bastante fácil"). Exit status 1 if a patient page misses its
limit.

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
INFLESZ_LIMIT = 65.0
LANGUAGES = ("en", "es")
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
    """Flesch-Kincaid grade of ``text`` (textstat 0.7.4, US English syllables)."""
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade(text)


def inflesz(text: str) -> float:
    """INFLESZ (Szigriszt-Pazos) score of Spanish ``text``; higher is easier."""
    textstat.set_lang("es")
    try:
        return textstat.szigriszt_pazos(text)
    finally:
        textstat.set_lang("en_US")


def score(text: str, lang: str = "en") -> float:
    """The language's score: the grade (English) or INFLESZ (Spanish)."""
    return inflesz(text) if lang == "es" else grade(text)


def passes(value: float, lang: str = "en") -> bool:
    """True when the score is within the language's limit."""
    return value >= INFLESZ_LIMIT if lang == "es" else value <= GRADE_LIMIT


def is_exempt(url: str) -> bool:
    """True for pages not held to the reading-level limit."""
    return url.startswith(EXEMPT)


def pages(site: Path) -> dict[str, Path]:
    """Map each page URL ("", "anatomy/", ...) to its built HTML file
    (the pages of this build: another edition's folder, es/, is left out)."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        if url.startswith(("assets/", "search/") + tuple(f"{lang}/" for lang in LANGUAGES)):
            continue
        found[url] = path
    return found


def measure(site: Path, lang: str = "en") -> list[tuple[str, int, float, bool]]:
    """Return ``(url, words, score, exempt)`` for every page of ``site``
    (for ``lang="es"``, ``site`` is the Spanish build, e.g. ``site/es``)."""
    rows = []
    for url, path in pages(site).items():
        text = article_text(path.read_text(encoding="utf-8"))
        rows.append((url, textstat.lexicon_count(text), score(text, lang), is_exempt(url)))
    return rows


def build(into: Path) -> None:
    """Build the site strictly into ``into``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(into)],
        cwd=ROOT, env=env, check=True,
    )


def table(rows, lang: str = "en") -> str:
    """Format the rows as a plain-text table with a mean for patient pages."""
    name = "INFLESZ" if lang == "es" else "grade"
    limit = f">= {INFLESZ_LIMIT:.0f}" if lang == "es" else f"<= {GRADE_LIMIT:.0f}"
    lines = [f"{'page':<28} {'words':>6} {name:>7}  limit {limit}"]
    for url, words, level, exempt in rows:
        mark = "exempt" if exempt else ("ok" if passes(level, lang) else "MISSES")
        lines.append(f"{url or '(home)':<28} {words:>6} {level:>7.1f}  {mark}")
    held = [level for _, _, level, exempt in rows if not exempt]
    if held:
        lines.append(f"mean {name} of {len(held)} patient pages: {sum(held) / len(held):.1f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    lang = "en"
    if argv[:1] == ["--lang"] and len(argv) > 1:
        lang, argv = argv[1], argv[2:]
    if lang not in LANGUAGES:
        print(f"readability.py: --lang: got {lang!r}; expected one of {', '.join(LANGUAGES)}")
        return 2
    if argv:
        site = Path(argv[0])
        rows = measure(site / lang if lang != "en" and (site / lang).is_dir() else site, lang)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            rows = measure(Path(tmp) / lang if lang != "en" else Path(tmp), lang)
    print(table(rows, lang))
    return int(any(not passes(level, lang) and not exempt for _, _, level, exempt in rows))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
