"""Measure how tall each page of the guide is in embed view, 360 px wide.

Usage (from the project root)::

    python scripts/embed_heights.py            # print the heights
    python scripts/embed_heights.py --write    # and write them into embed.md

The heights go into the front matter of docs/for-clinics/embed.md
(``embed_heights``), and those of the Spanish pages (paths "es/...") into
docs/es/for-clinics/embed.md. Each page puts the height into the snippet it shows
(``style="min-height: …px"`` on the element), so the clinic's page keeps the
frame's place free before the frame has loaded, and into its list of pages
("How tall on a phone"). Run it with ``--write`` after a page has changed
much; tests/test_embed.py says when a height is more than
:data:`TOLERANCE` out.

The height is the one the page reports to embed.js (embed-view.js:
``<html>``'s height, whole pixels up) in a window 360 px wide: a phone.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import (launch_chromium, load_site_config, mkdocs_build, nav_urls,  # noqa: E402
                     serve, site_prefix)

EMBED_PAGE = ROOT / "docs" / "for-clinics" / "embed.md"
# The Spanish edition (mkdocs.es.yml, built into es/): its own embed page, and
# its pages' paths start with this.
SPANISH_CONFIG = ROOT / "mkdocs.es.yml"
SPANISH_EMBED_PAGE = ROOT / "docs" / "es" / "for-clinics" / "embed.md"
SPANISH = "es/"
WIDTH = 360                 # a phone
TOLERANCE = 0.15            # a written height may be this far out (15 %)
KEY = "embed_heights"

# What embed-view.js reports as the content height.
CONTENT_HEIGHT = "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"


def embeddable(urls: list[str]) -> list[str]:
    """The pages a clinic can show: all but the For clinics pages."""
    return [url for url in urls if not url.startswith("for-clinics/")]


def spanish_pages() -> list[str]:
    """The Spanish pages a clinic can show, as paths from the guide's root ("es/...")."""
    from mkdocs.config import load_config

    return [SPANISH + url for url in embeddable(nav_urls(load_config(str(SPANISH_CONFIG))))]


def measure(browser, server, urls: list[str], width: int = WIDTH) -> dict[str, int]:
    """Each page's height in embed view in a window ``width`` px wide."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        heights = {}
        for url in urls:
            page.goto(server.url(url + "?embed"), wait_until="load")
            page.evaluate("document.fonts.ready")
            heights[url] = page.evaluate(CONTENT_HEIGHT)
        return heights
    finally:
        context.close()


def written_heights(text: str) -> dict[str, int]:
    """The ``embed_heights`` block of embed.md's front matter."""
    import yaml

    front = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    return dict((yaml.safe_load(front[1]) or {}).get(KEY) or {}) if front else {}


def with_heights(text: str, heights: dict[str, int], pages: str = "each page") -> str:
    """``text`` (embed.md) with its ``embed_heights`` block replaced by ``heights``."""
    block = (f"{KEY}:  # px, {pages} in embed view 360 px wide: "
             "python scripts/embed_heights.py --write\n"
             + "".join(f'  "{url}": {height}\n' for url, height in heights.items()))
    front = re.match(r"\A---\n(.*?\n)---\n", text, re.S)
    if not front:
        raise ValueError(f"{EMBED_PAGE}: no front matter")
    body = re.sub(rf"(?m)^{KEY}:.*\n(?:[ \t]+.*\n)*", "", front[1])
    return "---\n" + body + block + "---\n" + text[front.end():]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the heights into embed.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    config = load_site_config()
    with tempfile.TemporaryDirectory() as tmp:
        build = mkdocs_build(ROOT, Path(tmp) / "site", quiet=True, languages="en es")
        if build.returncode:
            print(build.output, file=sys.stderr)
            return 1
        server, httpd = serve(build.site, site_prefix(config))
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                heights = measure(browser, server, embeddable(nav_urls(config)))
                spanish = (measure(browser, server, spanish_pages())
                           if (build.site / SPANISH).is_dir() else {})
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
    for url, height in {**heights, **spanish}.items():
        print(f"{height:6d}  {url or '(home)'}")
    if not spanish:
        print("no Spanish pages were built (GUIDE_LANGUAGES?): Spanish heights left as they are")
    if args.write:
        for page, found, pages in ((EMBED_PAGE, heights, "each page"),
                                   (SPANISH_EMBED_PAGE, spanish, 'each Spanish page ("es/...")')):
            if not found:
                continue
            page.write_text(with_heights(page.read_text(encoding="utf-8"), found, pages),
                            encoding="utf-8")
            print(f"written into {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
