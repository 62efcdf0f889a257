"""The one step after ``zensical build``: render the theme's static templates.

MkDocs and ProperDocs render the files listed in ``theme.static_templates``
(the guide's ``overrides/robots.txt``, whose ``Sitemap:`` line needs the
site's address). Zensical 0.0.73 copies them as they are, so the site would
publish ``Sitemap: {{ config.site_url }}sitemap.xml``. This renders them in
the built site, from the same config::

    zensical build --clean --strict && zensical build -f mkdocs.es.yml --strict && python -m gib_markdown.static_templates

By default it renders them for ``mkdocs.yml`` and each edition's config beside
it (``mkdocs.es.yml``), each into its own ``site_dir``. It changes nothing that is already rendered, so running it after MkDocs or
ProperDocs is harmless. :func:`render_static_templates` is the plain function.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import jinja2
import yaml


def _env_tag(loader, node):
    """``!ENV [NAME, default]`` or ``!ENV NAME``, as MkDocs and Zensical read it."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


def read_config(path: Path) -> dict:
    """mkdocs.yml with ``!ENV`` and ``INHERIT`` resolved (other tags run as written)."""

    class Loader(yaml.Loader):
        pass

    Loader.add_constructor("!ENV", _env_tag)
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        base = read_config(path.parent / parent)
        for key, value in config.items():
            if isinstance(value, dict) and isinstance(base.get(key), dict):
                base[key] = {**base[key], **value}
            else:
                base[key] = value
        config = base
    return config


def render_static_templates(config: dict, project: Path, site: Path) -> list[Path]:
    """Render each of ``theme.static_templates`` found in ``theme.custom_dir``
    into ``site``, with ``config``; return the files written."""
    theme = config.get("theme") or {}
    custom = project / (theme.get("custom_dir") or "overrides")
    written = []
    for name in theme.get("static_templates") or []:
        source = custom / name
        if not source.is_file():
            continue
        text = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
            source.read_text(encoding="utf-8")).render(config=config)
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def config_files(folder: Path) -> list[Path]:
    """mkdocs.yml and each edition's config beside it (mkdocs.es.yml ...)."""
    return [folder / "mkdocs.yml", *sorted(folder.glob("mkdocs.*.yml"))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config_files", nargs="*", type=Path,
                        help="default: mkdocs.yml and every mkdocs.<lang>.yml beside it")
    args = parser.parse_args(argv)
    for path in [path.resolve() for path in args.config_files] or config_files(Path.cwd()):
        config = read_config(path)
        site = path.parent / (config.get("site_dir") or "site")
        for target in render_static_templates(config, path.parent, site):
            print(f"Rendered {target.relative_to(path.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
