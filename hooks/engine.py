"""What differs between the build tools, for the macros module, in one place.

The guide builds with MkDocs, ProperDocs (a continuation of MkDocs 1.x) and
Zensical from the same ``mkdocs.yml``. The macros module (``hooks/clinic.py``,
``hooks/content.py``) runs in all three, but each hands it a slightly
different ``env``:

- MkDocs and ProperDocs (the macros plugin) call ``define_env`` once a build,
  with ``env.conf`` the MkDocs config (``config_file_path``, absolute
  ``docs_dir``, the ``nav`` as written) and ``env.page`` an MkDocs page
  while a page renders.
- Zensical (its macros extension) calls ``define_env`` once **per page**,
  before that page renders, with ``env.conf`` its own config (``root_dir``,
  ``docs_dir`` as written, the ``nav`` converted to dicts) and ``env.page`` a
  small page (``path``, ``url``, ``meta``). It has no ``env.env``.

These plain functions smooth that over; each is tested in
``tests/test_engines.py``.
"""

from __future__ import annotations

from pathlib import Path


def project_dir(conf) -> Path:
    """The folder of the config file (the project)."""
    path = conf.get("config_file_path")
    if path:
        return Path(path).resolve().parent
    return Path(conf.get("root_dir") or ".").resolve()


def docs_dir(conf) -> Path:
    """The docs folder, absolute."""
    docs = Path(conf.get("docs_dir") or "docs")
    return docs if docs.is_absolute() else project_dir(conf) / docs


def page_src(page) -> str:
    """The page's source path under docs/, with "/" (e.g. "procedure/before.md")."""
    file = getattr(page, "file", None)
    if file is not None:
        return file.src_uri
    return str(getattr(page, "path", "") or "").replace("\\", "/")


def page_url(page) -> str:
    """The page's address relative to the site ("" for the home page)."""
    url = str(getattr(page, "url", "") or "")
    return url.lstrip("/") if not getattr(page, "file", None) else url


def plain_nav(nav) -> list:
    """The ``nav`` as written in mkdocs.yml, from either engine's form of it."""
    plain = []
    for entry in nav or []:
        if isinstance(entry, dict) and "children" in entry and "url" in entry:
            if entry["children"]:
                plain.append({entry["title"]: plain_nav(entry["children"])})
            elif entry["title"]:
                plain.append({entry["title"]: entry["url"]})
            else:
                plain.append(entry["url"])
        else:
            plain.append(entry)
    return plain


def render_markdown_template(env, text: str) -> str:
    """Render ``text`` with the macros and variables of ``env`` (both engines)."""
    jinja = getattr(env, "env", None)
    if jinja is not None:
        return jinja.from_string(text).render(**env.variables)
    import jinja2

    template = jinja2.Environment(undefined=jinja2.StrictUndefined)
    template.globals.update(env.macros)
    return template.from_string(text).render(**{**env.variables, **env.macros})


class NavPage(dict):
    """One page of the nav: ``url`` (as built, "" for Home) and ``title``."""

    __getattr__ = dict.get


def nav_pages(nav, parent: str | None = None) -> list[NavPage]:
    """Every page in the nav, in order, with its address and nav title.

    The same in every engine (MkDocs' ``navigation.pages`` is empty in
    Zensical). A page without a title of its own takes its section's.
    """
    pages = []
    for entry in plain_nav(nav):
        title, target = (None, entry) if isinstance(entry, str) else next(iter(entry.items()))
        if isinstance(target, list):
            pages += nav_pages(target, parent=title)
        elif "://" not in target:
            path = target[: -len(".md")]
            url = path[: -len("index")] if path == "index" or path.endswith("/index") else path + "/"
            pages.append(NavPage(url=url, title=title or parent or url))
    return pages
