"""The guide's own Python-Markdown extensions and config values, for every engine.

MkDocs, ProperDocs and Zensical all run Python-Markdown extensions, the
macros module and the templates; only MkDocs and ProperDocs run MkDocs
``hooks:``. So what the guide does to its pages lives here, where all three
engines run it:

- :mod:`gib_markdown.extension` (``markdown_extensions: - gib_markdown``):
  front-matter checks, the generated Glossary list, focusable glossary terms,
  the keyboard and screen-reader fixes, safe outgoing links and the FAQPage
  JSON-LD, each a plain function from ``hooks/`` called on the page;
- :mod:`gib_markdown.settings` (``extra:`` values in mkdocs.yml, read with
  ``!!python/object/apply``): the clinic's checked settings, the edition,
  the accent style and the Content-Security-Policy, for the templates.

The logic itself stays in the plain-function modules of ``hooks/``
(frontmatter, glossary, a11y, faq_schema, security, clinic), which the tests
call directly. The package is installed by the requirements files
(``-e .``); ``python -m mkdocs`` run in the project also finds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parent.parent / "hooks"


def hooks():
    """Put ``hooks/`` on ``sys.path`` (its modules import one another by name)."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's name
    from gib_markdown.extension import GuideExtension

    return GuideExtension(**kwargs)
