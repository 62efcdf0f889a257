"""Draw the sharing picture (Open Graph / Twitter card) for the guide.

Usage (from the project root)::

    python scripts/social_image.py        # writes docs/assets/images/social.png

The card is 1200 x 630 pixels: the guide's name and a one-line promise on the
left, the "where it is" drawing on the right. It is made from the site's own
SVG and plain HTML in Chromium, so nothing is downloaded. Run it again after
changing the name or the drawing, and commit the PNG.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import launch_chromium  # noqa: E402  (the shared helpers)

FIGURE = ROOT / "docs/assets/images/where-it-is.svg"
OUTPUT = ROOT / "docs/assets/images/social.png"

CARD = """<!doctype html><html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; width: 1200px; height: 630px; }}
body {{ display: flex; align-items: center; gap: 48px; padding: 0 64px; box-sizing: border-box;
  background: #283593; color: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }}
.text {{ flex: 1; }}
h1 {{ font-size: 72px; line-height: 1.05; margin: 0 0 24px; }}
p {{ font-size: 34px; line-height: 1.3; margin: 0; color: #e8eaf6; }}
img {{ height: 560px; border-radius: 24px; background: #ffffff; }}
</style></head><body>
<div class="text"><h1>Ganglion impar block</h1>
<p>A plain-language guide for patients: what it is, what happens, and when to get help.</p></div>
<img src="{figure}#only-light" alt="">
</body></html>"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "card.html"
        page_file.write_text(CARD.format(figure=FIGURE.as_uri()), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1200, "height": 630})
            page.goto(page_file.as_uri(), wait_until="load")
            page.screenshot(path=str(OUTPUT))
            browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
