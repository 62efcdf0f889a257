"""``markdown_extensions: - gib_markdown``: the guide's page work, in every engine.

What MkDocs hooks did (``hooks/frontmatter.py``, ``glossary.py``, ``a11y.py``,
``faq_schema.py``, ``security.py``) now runs inside Python-Markdown, which
MkDocs, ProperDocs and Zensical all run on every page:

- a preprocessor (before anything else, macros included) checks the page's
  front matter (:func:`frontmatter.check_front_matter`) and stops the build
  with the same one-line message in every engine; on the Glossary page it
  writes the list of terms where the page says ``<!-- glossary -->``;
- a postprocessor (after everything else) works on the page's finished HTML:
  focusable glossary terms, quiet permalinks, box titles as headings,
  figure hints, ``rel="noopener noreferrer"`` on outgoing links, and, on the
  FAQ page, the FAQPage data, put in the page's meta (``faq_schema``), which
  ``overrides/main.html`` writes as JSON-LD in every engine.

The page being rendered is found from what the engine registers on the
Markdown instance (:func:`page_source`). Options: ``site_url`` (links to it
are the site's own).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from gib_markdown import hooks

hooks()

import a11y  # noqa: E402
import faq_schema  # noqa: E402
import frontmatter  # noqa: E402
import glossary  # noqa: E402
import security  # noqa: E402

try:  # MkDocs, or ProperDocs (which answers for "mkdocs"): a one-line build error.
    from mkdocs.exceptions import PluginError as PageError
except ImportError:  # Zensical: the message ends its error output
    PageError = ValueError


def page_source(md) -> tuple[str | None, Path | None]:
    """(path under docs/ with "/", absolute source file) of the page ``md`` renders.

    MkDocs and ProperDocs register their link fixer (with the page's file)
    as the ``relpath`` treeprocessor; Zensical registers a context
    preprocessor that holds the page and the config. Outside a build: None.
    """
    if "relpath" in md.treeprocessors:
        file = getattr(md.treeprocessors["relpath"], "file", None)
        if file is not None:
            return file.src_uri, Path(file.abs_src_path)
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        config = getattr(processor, "config", None)
        if page is not None and isinstance(config, dict) and hasattr(page, "path"):
            src = str(page.path).replace("\\", "/")
            root = Path(config.get("root_dir") or ".")
            return src, (root / (config.get("docs_dir") or "docs") / src).resolve()
    return None, None


def page_meta(md) -> dict | None:
    """The front-matter dict of the page ``md`` renders, which its template reads
    as ``page.meta`` (MkDocs: the page of the ``relpath`` file; Zensical: the
    context page, whose meta goes back to the template). None outside a build."""
    if "relpath" in md.treeprocessors:
        page = getattr(getattr(md.treeprocessors["relpath"], "file", None), "page", None)
        if page is not None:
            return page.meta
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if page is not None and isinstance(getattr(processor, "config", None), dict):
            return page.meta
    return None


def is_page(src: str, name: str) -> bool:
    """``src`` is the page ``name`` (e.g. "faq.md"), in English or in a language folder ("es/faq.md")."""
    parts = src.split("/")
    return parts[-1] == name and len(parts) <= 2 and (len(parts) == 1 or len(parts[0]) == 2)


def read_front_matter(text: str, src: str) -> dict:
    """The page's front matter, or stop with the one-line message naming its fault."""
    fault = frontmatter.front_matter_fault(text, src)
    if fault:
        raise PageError(fault)
    block = frontmatter._BLOCK.match(text)
    meta = yaml.safe_load(block["yaml"]) if block else None
    return meta if isinstance(meta, dict) else {}


def glossary_file(md, fallback: str = glossary.GLOSSARY_FILE) -> Path:
    """includes/glossary.md, or its translation: the first folder of
    ``pymdownx.snippets``' ``base_path`` that has a ``glossary.md``."""
    for extension in md.registeredExtensions:
        if type(extension).__module__ == "pymdownx.snippets":
            bases = extension.getConfigs().get("base_path") or []
            for base in [bases] if isinstance(bases, str) else bases:
                candidate = Path(base) / Path(fallback).name
                if candidate.is_file():
                    return candidate
    return Path(fallback)


class PagePreprocessor(Preprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        src, path = page_source(self.md)
        self.extension.src = src
        if src is None:
            return lines
        if path is not None and path.is_file():
            text = path.read_text(encoding="utf-8-sig")
            problems = frontmatter.check_front_matter(read_front_matter(text, src), src)
            if problems:
                raise PageError("; ".join(problems))
        if is_page(src, glossary.GLOSSARY_PAGE):
            if not any(line.strip() == glossary.MARKER for line in lines):
                raise PageError(f"{src}: the marker {glossary.MARKER} is missing")
            source = glossary_file(self.md)
            try:
                listing = glossary.render_glossary(glossary.parse_glossary(
                    source.read_text(encoding="utf-8"), str(source)))
            except (OSError, ValueError) as error:
                raise PageError(str(error)) from None
            self.extension.glossary_page = True
            out = []
            for line in lines:
                out += listing.splitlines() if line.strip() == glossary.MARKER else [line]
            return out
        return lines


class TreeDone(Treeprocessor):
    """Last treeprocessor: from here on, postprocessors see the whole page."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        self.extension.tree_done = True


class PagePostprocessor(Postprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, text):
        ext = self.extension
        # toc runs the postprocessors on each heading's text too: act only on
        # the whole page, once the tree is done.
        if ext.src is None or not ext.tree_done:
            return text
        ext.tree_done = False
        html = finish_page(text, site_url=ext.getConfig("site_url"), glossary_page=ext.glossary_page)
        if is_page(ext.src, faq_schema.FAQ_PAGE):
            meta = page_meta(self.md)
            if meta is not None:  # overrides/main.html writes it as JSON-LD
                meta["faq_schema"] = faq_data(html)
        return html


def finish_page(html: str, *, site_url: str = "", glossary_page: bool = False) -> str:
    """Everything the guide does to a page's finished HTML, in order."""
    html = glossary.glossary_terms(html, glossary_page=glossary_page)
    html = a11y.improve(html)
    return security.protect_external_links(html, site_url or "")


def faq_data(html: str) -> dict:
    """The FAQ page's FAQPage data, or stop the build with the one-line reason."""
    try:
        return faq_schema.faq_schema(html)
    except ValueError as error:
        raise PageError(str(error)) from None


class GuideExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"site_url": ["", "The site's address: links to it are its own."]}
        super().__init__(**kwargs)
        self.src = None
        self.glossary_page = False
        self.tree_done = False

    def reset(self):
        self.src = None
        self.glossary_page = False
        self.tree_done = False

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        self.reset()
        md.preprocessors.register(PagePreprocessor(md, self), "gib_page", 100)
        md.treeprocessors.register(TreeDone(md, self), "gib_tree_done", -100)
        md.postprocessors.register(PagePostprocessor(md, self), "gib_page", 1)


def makeExtension(**kwargs):  # noqa: N802
    return GuideExtension(**kwargs)
