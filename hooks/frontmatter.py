"""Fail the build when a page's front matter is missing or malformed.

Every page must say what it is (``title``, ``description``) and when and by
whom it was last checked (``reviewed``, ``reviewer``, ``next_review``), so a
patient and a clinical reviewer can see how current it is.

The rules live in :func:`check_front_matter`, a plain function that tests call
on their own. Every engine runs it through the ``gib_markdown`` Markdown
extension (``gib_markdown/extension.py``), which stops the build with the
message.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------

REQUIRED = ("title", "description", "reviewed", "reviewer", "next_review")
# A front-matter block MkDocs could not read is left at the top of the page.
_BLOCK = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?)\n(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)
_DATE_LIKE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")
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


def front_matter_fault(markdown: str, src: str) -> str | None:
    """The real fault of a front-matter block that could not be read, or None.

    When the YAML is broken, or holds an impossible date such as
    ``2026-13-45``, MkDocs silently drops the whole block; every field then
    looks missing. This reads the block again and names what is wrong.
    """
    block = _BLOCK.match(markdown)
    if not block:
        return None
    try:
        yaml.safe_load(block["yaml"])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 2} of the file)" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return f"{src}: front matter is not valid YAML{line}: {problem}; check quotes and colons"
    except ValueError as error:  # a date-shaped value that is not a date
        for key, value in (yaml.load(block["yaml"], Loader=yaml.BaseLoader) or {}).items():
            if isinstance(value, str) and _DATE_LIKE.match(value.strip()):
                try:
                    dt.date(*map(int, value.strip().split("-")))
                except ValueError as fault:
                    return (
                        f"{src}: front matter field '{key}' must be a real date written "
                        f"YYYY-MM-DD, got {value!r} ({fault})"
                    )
        return f"{src}: front matter cannot be read: {error}"
    return None
