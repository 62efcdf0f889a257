"""The Spanish edition, built with the English one (MkDocs and ProperDocs).

``mkdocs build`` and ``mkdocs serve`` read ``mkdocs.yml`` (English). After
that build, :func:`on_post_build` builds ``mkdocs.es.yml`` (the pages in
``docs/es/``) into ``<site>/es/``, with the English address plus ``es/``, so
one command gives both languages (and ``serve`` rebuilds both on a change:
``docs/es/`` is inside the watched ``docs/``). Zensical does not run hooks:
its README command builds ``mkdocs.es.yml`` as a second step.

The plain functions say what to build; the hook is the thin adapter.
"""

from __future__ import annotations

import os
from pathlib import Path

EDITIONS = {"es": "mkdocs.es.yml"}
# GUIDE_LANGUAGES=en builds the English edition alone (a quicker check while
# writing; tests that look at one language only). Default: every edition.
ONLY = "GUIDE_LANGUAGES"


def edition_settings(config_file: str | Path, site_dir: str | Path, site_url: str | None) -> list[dict]:
    """One entry per other-language edition next to ``config_file``.

    Each names the config file, the folder it is built into and its address
    (``None`` when the English build has no address).
    """
    folder = Path(config_file).resolve().parent
    wanted = os.environ.get(ONLY, "").split() or list(EDITIONS)
    editions = []
    for lang, name in EDITIONS.items():
        path = folder / name
        if path.is_file() and lang in wanted:
            editions.append({
                "lang": lang,
                "config_file": str(path),
                "site_dir": str(Path(site_dir) / lang),
                "site_url": (site_url.rstrip("/") + f"/{lang}/") if site_url else None,
            })
    return editions


def on_post_build(config, **kwargs):
    if config["theme"]["language"] != "en":
        return  # this is already the other edition's build
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for edition in edition_settings(config.config_file_path, config.site_dir, config.site_url):
        overrides = {"site_dir": edition["site_dir"]}
        if edition["site_url"]:
            overrides["site_url"] = edition["site_url"]
        other = load_config(config_file=edition["config_file"], **overrides)
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()
