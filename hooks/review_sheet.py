"""The clinical review sheet: every statement that carries a fact, with its sources.

A clinic's clinician signs the guide off from this sheet (For clinics >
Clinical review sheet). It is made from the pages themselves at every build,
so it never goes stale:

- :func:`statements` finds, in a page's Markdown (macros already expanded),
  each sentence that cites a source, together with the uncited sentences just
  before it in the same paragraph (the citation covers them), and returns the
  plain text and the reference keys.
- :func:`review_sheet` lays the statements of every patient page out as
  Markdown: one section a page, one numbered row a statement, with its sources
  and a box to tick or correct.

Plain functions; ``hooks/clinic.py`` (the macros module) offers
``review_sheet()`` to the page, and tests call these directly.
"""

from __future__ import annotations

import html
import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CITED = re.compile(r"\]\((?:\.\./)*references\.md#([\w-]+)\)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
_CITATION_GROUP = re.compile(r"\s*\((?:\[[^\]]*\]\((?:\.\./)*references\.md#[\w-]+\)[;,\s]*)+\)")
# Blocks that list sources without stating a fact (figure source lines).
SKIP = ("Sources for this drawing",)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(*])")


def _blocks(markdown: str) -> list[str]:
    """Paragraph-like blocks: list items, table rows and paragraphs, each joined to one line."""
    text = _FRONT_MATTER.sub("", markdown)
    text = re.sub(r"<[^>]+>", " ", text)  # HTML wrappers (figures, spans)
    blocks, current = [], []
    for line in text.splitlines():
        stripped = line.strip()
        starts_item = re.match(r"^([-*+]|\d+\.|\|)\s", stripped) or stripped.startswith(("#", "!!!", "???", ":"))
        if not stripped or starts_item:
            if current:
                blocks.append(" ".join(current))
            current = [] if not stripped else [stripped]
            if stripped.startswith(("#", "!!!", "???")):
                blocks.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    return blocks


def _plain(sentence: str) -> str:
    sentence = _CITATION_GROUP.sub("", sentence)
    sentence = _LINK.sub(r"\1", sentence)
    sentence = re.sub(r"^([-*+]|\d+\.|:)\s+", "", sentence.strip())
    sentence = sentence.replace("**", "").replace("|", " ").replace("`", "")
    sentence = re.sub(r"\s+([.,;:])", r"\1", sentence)
    return " ".join(sentence.split())


def statements(markdown: str) -> list[tuple[str, list[str]]]:
    """Each cited sentence of a page: (plain text, reference keys in order)."""
    found = []
    for block in _blocks(markdown):
        if "references.md#" not in block or _plain(block).startswith(SKIP):
            continue
        pending = []  # uncited sentences: the next citation in the block covers them
        for sentence in _SENTENCE_END.split(block):
            keys = list(dict.fromkeys(_CITED.findall(sentence)))
            text = _plain(sentence)
            if not keys:
                pending.append(text)
            elif len(text) > 3:
                found.append((" ".join(pending + [text]), keys))
                pending = []
            elif found:  # a citation on its own belongs to the sentence before
                found[-1] = (found[-1][0], list(dict.fromkeys(found[-1][1] + keys)))
    return found


def review_sheet(pages: list[tuple[str, str, str]], prefix: str = "../",
                 names: dict[str, str] | None = None) -> str:
    """Markdown for the sheet. ``pages``: (title, path under docs/, Markdown);
    ``names``: the sources' human names (includes/sources.yml), else their keys."""
    names = names or {}
    out = []
    total = 0
    for title, path, markdown in pages:
        rows = statements(markdown)
        total += len(rows)
        out.append(f"## {title}\n")
        out.append(f"Page: [{title}]({prefix}{path}) · {len(rows)} statements\n")
        out.append("| # | Statement | Sources | Check |")
        out.append("| --- | --- | --- | --- |")
        for number, (text, keys) in enumerate(rows, 1):
            sources = "; ".join(f"[{names.get(key, key)}]({prefix}references.md#{key})" for key in keys)
            out.append(
                f"| {number} | {html.escape(text, quote=False)} | {sources} "
                "| ☐ Correct<br>☐ Change: |"
            )
        out.append("")
    summary = f"**{len(pages)} pages, {total} statements.**\n"
    return summary + "\n" + "\n".join(out)


# Pages that are not patient information: no facts to sign off.
NOT_PATIENT_PAGES = ("glossary.md", "references.md", "about.md", "for-clinics/")


def patient_pages(nav) -> list[tuple[str, str]]:
    """(title, path) of every patient page in the nav, in nav order."""
    found = []
    for entry in nav or []:
        if isinstance(entry, str):
            entry = {entry: entry}
        for title, target in entry.items():
            if isinstance(target, list):
                found += patient_pages(target)
            elif not target.startswith(NOT_PATIENT_PAGES):
                found.append((title, target))
    return found
