"""Values the theme templates read from ``config.extra``, made when the config is read.

Zensical renders the templates from the config as it was read, before any
page: what the macros module (``hooks/clinic.py``) adds to ``config.extra``
later never reaches them. So mkdocs.yml asks for these values with YAML tags
that every engine's loader runs::

    clinic: !!python/object/apply:gib_markdown.settings.clinic []

Each reads ``clinic.yml`` and ``CHANGELOG.md`` in the project folder (the
folder the build runs in, as for ``pymdownx.snippets``) through the plain
functions of ``hooks/clinic.py``. None of them stops the build: a bad setting
gives empty values here, and the macros module, which runs on every page in
every engine, stops the build with the one-line message.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from gib_markdown import hooks


@lru_cache(maxsize=8)
def _read(project: str, stamps: tuple) -> dict:
    hooks()
    import clinic as settings
    import security

    try:
        checked, edition = settings.settings(project, Path(project) / "docs")
    except ValueError:  # ClinicError: reported by the macros module, one line
        checked = {key: None for key in settings.KEYS}
        checked.update(_checked=True, _invalid=True)
        edition = {"version": "", "iso": "", "words": ""}
    css = settings.accent_css(checked)
    return {
        "clinic": checked,
        "edition": edition,
        "accent_css": css,
        "csp": security.policy([security.style_hash(css)] if css else []),
    }


def values(project=None) -> dict:
    """All four values for the project in ``project`` (default: the current folder)."""
    folder = Path(project or ".").resolve()
    # Read again when a file changes (mkdocs serve reads the config again).
    stamps = tuple(path.stat().st_mtime_ns if path.exists() else 0
                   for path in (folder / "clinic.yml", folder / "CHANGELOG.md"))
    return _read(str(folder), stamps)


def clinic() -> dict:
    """``extra.clinic``: the checked clinic block (every key, derived ``*_tel``)."""
    return values()["clinic"]


def edition() -> dict:
    """``extra.edition``: version and date of the top CHANGELOG.md release."""
    return values()["edition"]


def accent_css() -> str:
    """``extra.accent_css``: the one inline style, the clinic's colour ("" if unset)."""
    return values()["accent_css"]


def csp() -> str:
    """``extra.csp``: the Content-Security-Policy for the ``<meta>`` in main.html."""
    return values()["csp"]
