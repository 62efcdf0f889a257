"""Values the theme templates read from ``config.extra``, made when the config is read.

Zensical renders the templates from the config as it was read, before any
page: what the macros module (``hooks/clinic.py``) adds to ``config.extra``
later never reaches them. So mkdocs.yml asks for these values with YAML tags
that every engine's loader runs::

    guide: !!python/object/apply:gib_markdown.settings.values []

The templates read ``config.extra.guide.clinic``, ``.edition``, ``.accent_css``
and ``.csp``. :func:`values` reads ``clinic.yml`` and ``CHANGELOG.md`` in the project folder (the
folder the build runs in, as for ``pymdownx.snippets``) through the plain
functions of ``hooks/clinic.py``. None of them stops the build: a bad setting
gives empty values here, and the macros module, which runs on every page in
every engine, stops the build with the one-line message.
"""

from __future__ import annotations

import re
import sys
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
    hashes = [security.style_hash(css)] if css else []
    return {
        "clinic": checked,
        "edition": edition,
        "accent_css": css,
        "csp": security.policy(hashes + theme_style_hashes()),
    }


# Zensical's search puts its own styles in a <style> inside its dialog's
# shadow root: bundle.js has `...appendChild(C("style",{},Tc.toString()))` and
# `Tc='...'`. Its exact text is allowed by hash, as the clinic colour is.
_SHADOW_STYLE = re.compile(r'appendChild\(\w+\("style",\{\},(\w+)\.toString\(\)\)\)')


def shadow_styles(bundle: str) -> list[str]:
    """The static style texts a theme's script bundle adds as ``<style>`` elements."""
    styles = []
    for name in _SHADOW_STYLE.findall(bundle):
        found = re.search(r"\b" + re.escape(name) + r"='((?:[^'\\]|\\.)*)'", bundle)
        if found and "\\" not in found[1]:
            styles.append(found[1])
    return styles


def theme_style_hashes(engine: str | None = None) -> list[str]:
    """CSP hashes for the inline styles the engine's own theme script adds.

    Only Zensical's theme adds one (its search dialog); ``engine`` defaults to
    the engine reading the config (Zensical when its module is loaded).
    """
    engine = engine or ("zensical" if "zensical" in sys.modules else "mkdocs")
    if engine != "zensical":
        return []
    hooks()
    import security

    try:
        import zensical
    except ImportError:
        return []
    folder = Path(zensical.__file__).parent / "templates" / "assets" / "javascripts"
    return [security.style_hash(css)
            for bundle in sorted(folder.glob("bundle.*.min.js"))
            for css in shadow_styles(bundle.read_text(encoding="utf-8"))]


def values(project=None) -> dict:
    """``extra.guide``: ``clinic`` (the checked block, every key, derived
    ``*_tel``), ``edition`` (version and date of the top CHANGELOG.md
    release), ``accent_css`` (the one inline style, "" if unset) and ``csp``
    (the policy for the ``<meta>`` in main.html), for the project in
    ``project`` (default: the current folder)."""
    folder = Path(project or ".").resolve()
    # Read again when a file changes (mkdocs serve reads the config again).
    stamps = tuple(path.stat().st_mtime_ns if path.exists() else 0
                   for path in (folder / "clinic.yml", folder / "CHANGELOG.md"))
    return _read(str(folder), stamps)
