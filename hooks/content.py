"""Macros for the content written once: facts, safety tiers, citations, review sheet.

The thin adapter between the macros engine (MkDocs' macros plugin, or
Zensical's macros extension) and the plain functions in ``facts.py``,
``citations.py`` and ``review_sheet.py``. ``hooks/clinic.py`` calls
:func:`define` from its ``define_env``.

Pages get:

- ``{{ cite("harbin", "elpaso") }}``: a numbered marker for a sentence's sources;
- ``{{ page_sources() }}``: the numbered "Sources for this page" list (last on a page);
- ``{{ fact(...) }}``, ``{{ warning_signs(...) }}``, ``{{ warning_sign(...) }}``;
- ``{{ review_sheet() }}``: the clinical review sheet.
"""

from __future__ import annotations

from pathlib import Path

import citations
import engine
import facts as shared
import review_sheet as sheet
from words import words


def _page_key(env) -> str:
    return engine.page_src(env.page)


def _one_line_errors() -> None:
    """A bad fact, sign or source in a page: one line naming the page, no traceback."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # pragma: no cover - another engine
        return
    for kind in (shared.FactsError, citations.CitationError):
        format_error.register(kind, lambda error, markdown, page: f"{page.file.src_path}: {error}")


def define(env, clinic: dict, lang: str, subs: dict) -> None:
    _one_line_errors()
    say = words(lang)
    root = engine.project_dir(env.conf)
    names = citations.load_sources(root / citations.SOURCES_FILE)
    # "Choudhary and others 2021": the joining words in the page's language.
    names = {key: name.replace(" and others ", say["and_others"]) for key, name in names.items()}
    data = shared.load_facts(root / shared.FACTS_FILE, names, lang=lang)
    registers: dict[str, citations.PageSources] = {}
    plain = {"on": False}  # while the review sheet reads other pages: plain links

    def prefix() -> str:
        return shared.link_prefix(_page_key(env))

    def marker(keys) -> str:
        if plain["on"]:
            return citations.link_group(keys, names, prefix())
        register = registers.setdefault(_page_key(env), citations.PageSources())
        return citations.marker(keys, names, register, label=say["source_label"])

    def cite(*keys) -> str:
        return marker(list(keys))

    def page_sources() -> str:
        if plain["on"]:
            return ""
        # Rendering a page again (mkdocs serve) starts its numbering afresh.
        register = registers.pop(_page_key(env), citations.PageSources())
        url = (env.conf.get("site_url") or "") + engine.page_url(env.page)
        return citations.sources_list(register, names, prefix(), page_url=url,
                                      heading=say["sources_heading"], intro=say["sources_intro"],
                                      on_paper=say["sources_on_paper"], back=say["source_back"])

    def review() -> str:
        docs = engine.docs_dir(env.conf)
        pages = []
        plain["on"] = True
        try:
            for title, path in sheet.patient_pages(engine.plain_nav(env.conf["nav"])):
                markdown = (docs / path).read_text(encoding="utf-8")
                rendered = engine.render_markdown_template(env, markdown)
                pages.append((title, path, rendered))
        finally:
            plain["on"] = False
        return sheet.review_sheet(pages, prefix=prefix(), names=names)

    options = {"subs": subs, "marker": marker, "lang": lang}
    env.macro(cite, "cite")
    env.macro(page_sources, "page_sources")
    env.macro(lambda name, form="sentence", sources=True:
              shared.fact(data, name, form, lang=lang, sources=sources, prefix=prefix(),
                          marker=marker), "fact")
    env.macro(lambda tier, sources=True, compact=False:
              shared.warning_signs(data, tier, sources=sources, compact=compact,
                                   prefix=prefix(), **options), "warning_signs")
    env.macro(lambda sign, sources=True:
              shared.warning_sign(data, sign, sources=sources, prefix=prefix(), **options),
              "warning_sign")
    env.macro(review, "review_sheet")
