"""Fail the build when a page's front matter is missing or malformed.

Every page must say what it is (``title``, ``description``) and when and by
whom it was last checked (``reviewed``, ``reviewer``, ``next_review``), so a
patient and a clinical reviewer can see how current it is.

The rules live in :func:`check_front_matter`, a plain function that tests (or
any other build tool, such as Zensical, which does not run MkDocs hooks) can
call on its own. ``on_page_markdown`` is only the MkDocs adapter.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.exceptions import PluginError

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

REQUIRED = ("title", "description", "reviewed", "reviewer", "next_review")
DESCRIPTION_MAX = 160

# ----------------------------------------------------------------------------
# Helper functions
# ----------------------------------------------------------------------------


def check_front_matter(meta: dict, src: str) -> list[str]:
    """Return one message per problem in ``meta`` (the page at ``src``).

    An empty list means the front matter is valid. Each message names the
    file and the field, the bad value and what is expected.
    """
    problems = []
    for key in REQUIRED:
        if key not in meta or meta[key] in (None, ""):
            problems.append(f"{src}: front matter field '{key}' is missing")
    for key in ("title", "description", "reviewer"):
        value = meta.get(key)
        if value not in (None, "") and not isinstance(value, str):
            problems.append(
                f"{src}: front matter field '{key}' must be text, got {value!r}"
            )
    description = meta.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX:
        problems.append(
            f"{src}: front matter field 'description' has {len(description)} "
            f"characters; at most {DESCRIPTION_MAX} are allowed"
        )
    dates = {}
    for key in ("reviewed", "next_review"):
        value = meta.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            dates[key] = value
        else:
            problems.append(
                f"{src}: front matter field '{key}' must be a date written "
                f"YYYY-MM-DD, got {value!r}"
            )
    if len(dates) == 2 and dates["next_review"] <= dates["reviewed"]:
        problems.append(
            f"{src}: front matter field 'next_review' ({dates['next_review']}) "
            f"must come after 'reviewed' ({dates['reviewed']})"
        )
    return problems


# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


def on_page_markdown(markdown, *, page, config, files):
    """Stop the build on the first page whose front matter is not valid."""
    problems = check_front_matter(page.meta, page.file.src_uri)
    if problems:
        raise PluginError("; ".join(problems))
    return markdown
