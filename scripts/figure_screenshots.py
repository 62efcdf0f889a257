"""Screenshots of every figure, as a phone shows it, in light and dark.

Usage (from the project root)::

    python scripts/figure_screenshots.py                    # PNGs into /tmp/figure-screenshots
    python scripts/figure_screenshots.py out/               # PNGs into out/
    python scripts/figure_screenshots.py out/ --cross       # also the "mismatched" cases

Nothing is built. Each SVG in docs/assets/images/ is put in a small local HTML
page, 360 px wide, at the width the site gives it on a phone (328 px), the way
the pages use it:

- ``<name>-light.png``: ``<name>.svg#only-light`` on a white page, system set to light;
- ``<name>-dark.png``: ``<name>.svg#only-dark`` on a dark page, system set to dark.

With ``--cross`` it also saves ``<name>-light-on-dark-system.png`` and
``<name>-dark-on-light-system.png``: a reader whose phone is dark can still pick
the light scheme with the site's toggle, and the figure must follow the page,
not the phone.

The screenshots are for a person to look at; nothing is compared pixel by
pixel. The script fails (exit status 1) if a figure does not load or is wider
than the phone.

Chromium: Debian's ``chromium`` when it is on PATH, Playwright's own otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support import launch_chromium  # noqa: E402  (Chromium is started in one place)

IMAGES = ROOT / "docs" / "assets" / "images"

PHONE_WIDTH = 360    # CSS px
FIGURE_WIDTH = 328   # what the article column leaves on a 360 px phone
BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}


def wrapper(svg: Path, fragment: str, page: str) -> str:
    """A minimal page showing one figure the way the site does."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        f"<style>body{{margin:16px;background:{BACKGROUND[page]}}}"
        "img{display:block;max-width:100%;height:auto}</style></head><body>"
        f"<img src='{svg.as_uri()}#{fragment}' width='{FIGURE_WIDTH}' alt=''>"
        "</body></html>"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="/tmp/figure-screenshots",
                        help="folder for the PNGs (default: %(default)s)")
    parser.add_argument("--images", default=str(IMAGES),
                        help="folder of SVG figures (default: docs/assets/images)")
    parser.add_argument("--cross", action="store_true",
                        help="also render each scheme with the opposite system setting")
    args = parser.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    svgs = sorted(Path(args.images).glob("*.svg"))
    if not svgs:
        print(f"no SVG files in {args.images}", file=sys.stderr)
        return 1

    # (file suffix, fragment and page scheme, system setting)
    cases = [("light", "light", "light"), ("dark", "dark", "dark")]
    if args.cross:
        cases += [("light-on-dark-system", "light", "dark"),
                  ("dark-on-light-system", "dark", "light")]

    problems = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for suffix, scheme, system in cases:
            context = browser.new_context(
                viewport={"width": PHONE_WIDTH, "height": 200},
                device_scale_factor=2, color_scheme=system,
            )
            page = context.new_page()
            for svg in svgs:
                html = Path(tmp) / f"{svg.stem}-{suffix}.html"
                html.write_text(wrapper(svg.resolve(), f"only-{scheme}", scheme))
                page.goto(html.as_uri(), wait_until="load")
                size = page.evaluate(
                    "() => { const i = document.querySelector('img');"
                    " return [i.complete && i.naturalWidth > 0, i.getBoundingClientRect().width,"
                    " document.documentElement.scrollWidth]; }"
                )
                loaded, width, scroll = size
                if not loaded:
                    problems.append(f"{svg.name} ({suffix}): did not load")
                if scroll > PHONE_WIDTH:
                    problems.append(f"{svg.name} ({suffix}): page is {scroll}px wide")
                target = out / f"{svg.stem}-{suffix}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{target}  ({width:.0f}px wide)")
            context.close()
        browser.close()

    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
