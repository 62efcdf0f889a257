"""Citations that stay out of the way: numbered markers and a list per page.

Pages cite sources with ``{{ cite("harbin", "elpaso") }}``. The reader sees a
small numbered marker; hovering, focusing or tapping it shows the sources, and
the marker links to the numbered "Sources for this page" list at the end of
the page (``{{ page_sources() }}``), which links on to the full entries on the
References page and back to the text. Sources cited together share one
marker, and the same set of sources keeps its number on a page. Every source
has one human name (``includes/sources.yml``).

Plain functions and a small per-page register; ``hooks/clinic.py`` (the macros
module) offers them to pages.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

SOURCES_FILE = "includes/sources.yml"


class CitationError(ValueError):
    """An unknown source key or a bad sources file; the message is one line."""


def load_sources(path: str | Path) -> dict[str, str]:
    """The human name of each source, by its references.md anchor."""
    try:
        names = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CitationError(f"{SOURCES_FILE}: cannot be read ({str(error).splitlines()[0]})") from None
    if not isinstance(names, dict) or not names:
        raise CitationError(f"{SOURCES_FILE}: expected one line per source: key: Human name")
    for key, name in names.items():
        if not isinstance(name, str) or not name.strip():
            raise CitationError(f"{SOURCES_FILE}: {key}: expected a human name")
    return names


class PageSources:
    """The numbered source groups of one page, in the order they are cited."""

    def __init__(self):
        self.groups: list[tuple[str, ...]] = []

    def number(self, keys: tuple[str, ...]) -> tuple[int, bool]:
        """The group's number, and whether this is its first use on the page."""
        first = keys not in self.groups
        if first:
            self.groups.append(keys)
        return self.groups.index(keys) + 1, first


def check_keys(keys, names: dict[str, str], where: str = "cite") -> tuple[str, ...]:
    if not keys:
        raise CitationError(f"{where}(): expected at least one source key")
    for key in keys:
        if key not in names:
            raise CitationError(
                f"{where}({key!r}): unknown source; add it to {SOURCES_FILE} "
                "and to docs/references.md"
            )
    return tuple(dict.fromkeys(keys))


def link_group(keys, names: dict[str, str], prefix: str = "") -> str:
    """The sources as plain links: ``([Name](references.md#key); ...)``.

    Used where markers cannot work: the review sheet and text read out of
    context.
    """
    keys = check_keys(keys, names)
    return "(" + "; ".join(f"[{names[k]}]({prefix}references.md#{k})" for k in keys) + ")"


def marker(keys, names: dict[str, str], register: PageSources,
           label: str = "source {number}") -> str:
    """A small numbered marker for a sentence's sources (inline HTML)."""
    keys = check_keys(keys, names)
    number, first = register.number(keys)
    names_ = html.escape("; ".join(names[key] for key in keys))
    spoken = html.escape(label.format(number=number))
    anchor = f' id="cite-{number}"' if first else ""
    return (
        f'<sup class="gib-cite"{anchor}>'
        f'<a href="#source-{number}" title="{names_}" aria-label="{spoken}">'
        f'{number}</a></sup>'
    )


def sources_list(register: PageSources, names: dict[str, str], prefix: str = "",
                 page_url: str = "",
                 heading: str = "Sources for this page",
                 intro: str = "The numbers in the text point to these sources. "
                              "Each links to its full entry on the References page.",
                 on_paper: str = "The sources for this page are listed online at",
                 back: str = "Back to where source {number} is first cited") -> str:
    """The numbered "Sources for this page" section (Markdown with inline HTML).

    On paper the list is hidden and one line gives the page's web address.
    """
    if not register.groups:
        return ""
    lines = ['<div class="gib-sources" markdown>', "",
             f"## {heading} {{ #sources-for-this-page }}", "", intro, ""]
    linked = set()  # each source links to References once a list; after that, its name
    for number, keys in enumerate(register.groups, 1):
        parts = []
        for key in keys:
            parts.append(names[key] if key in linked else f"[{names[key]}]({prefix}references.md#{key})")
            linked.add(key)
        links = "; ".join(parts)
        # Out of the Tab order (the browser's Back does the same), so a page's
        # sources cost one stop per marker and one per source, not three.
        link_back = (f'<a class="gib-cite-back" href="#cite-{number}" tabindex="-1" '
                     f'aria-label="{html.escape(back.format(number=number))}">↩</a>')
        lines.append(f'{number}. <span id="source-{number}"></span>{links} {link_back}')
    lines += ["", "</div>"]
    if page_url:
        lines += ["", f'<p class="gib-print-only">{on_paper} {html.escape(page_url)}</p>']
    return "\n".join(lines) + "\n"
