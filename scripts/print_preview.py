"""Print the checklist page to PDF, as Chromium prints it, and save a PNG of each sheet.

Usage (from the project root)::

    python scripts/print_preview.py                  # into /tmp/print-preview
    python scripts/print_preview.py out/             # into out/
    python scripts/print_preview.py out/ --page get-help/   # another page

The site is built twice into a temp folder: as it is, and as a copy whose
clinic settings are filled in with a sample clinic
(``SAMPLE_CLINIC`` in tests/support.py). For each build and each paper size (A4 and US
Letter) the page is printed to ``<out>/<name>-<build>-<paper>.pdf`` and each
sheet saved as ``<name>-<build>-<paper>-<n>.png``. It prints one line per PDF
with its number of sheets and the PNG paths. Exit status 1 if the checklist
takes more than :data:`MAX_SHEETS` sheets.

PNGs come from ``pdftoppm`` (Debian's poppler-utils) when it is installed.
Without it, each sheet is approximated by a screenshot of the page in print
media cut into sheet-sized pieces (``...-approx-<n>.png``): good enough to
look at, but only the PDF shows where the sheets really break.

The tests (tests/test_print.py) use the same helpers, from tests/support.py.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The shared helpers (build, serve, Chromium, the sample clinic, PDF reading).
from support import (CHECKLIST, MAX_SHEETS, PAPERS, SAMPLE_CLINIC, copy_project,  # noqa: E402
                     launch_chromium, load_site_config, mkdocs_build, pdf_pages, print_pdf,
                     serve, site_prefix, with_clinic)

# Paper in CSS pixels (96 per inch) and the margins set by @page in the print part of extra.css.
PAPER_PX = {"A4": (793.7, 1122.5), "Letter": (816.0, 1056.0)}
MARGIN_PX = {"top": 10 / 25.4 * 96, "side": 12 / 25.4 * 96}


def save_pngs(pdf_path: Path, page, url: str, paper: str, sheets: int) -> list[Path]:
    """One PNG a sheet: pdftoppm when installed, else an approximation."""
    stem = pdf_path.with_suffix("")
    if shutil.which("pdftoppm"):
        for old in stem.parent.glob(stem.name + "-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", str(pdf_path), str(stem)], check=True
        )
        return sorted(stem.parent.glob(stem.name + "-*.png"))
    # Approximation: the page in print media, one column as wide as the
    # printable area, cut into pieces as tall as the printable area.
    width, height = PAPER_PX[paper]
    inner_w = int(width - 2 * MARGIN_PX["side"])
    inner_h = int(height - 2 * MARGIN_PX["top"])
    page.set_viewport_size({"width": inner_w, "height": inner_h})
    page.emulate_media(media="print")
    page.goto(url, wait_until="load")
    total = page.evaluate("document.documentElement.scrollHeight")
    paths = []
    for n in range(max(1, -(-total // inner_h))):
        path = stem.parent / f"{stem.name}-approx-{n + 1}.png"
        page.screenshot(
            path=str(path), full_page=True,
            clip={"x": 0, "y": n * inner_h, "width": inner_w,
                  "height": min(inner_h, total - n * inner_h)},
        )
        paths.append(path)
    page.emulate_media(media=None)
    return paths


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="/tmp/print-preview", type=Path)
    parser.add_argument("--page", default=CHECKLIST, help="URL path of the page (default: print/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    name = args.page.strip("/").replace("/", "-") or "home"

    too_long = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = copy_project(tmp / "clinic-project")
        with_clinic(project, SAMPLE_CLINIC)
        builds = {"no-clinic": mkdocs_build(ROOT, tmp / "site", languages="en es"),
                  "clinic": mkdocs_build(project, tmp / "clinic-site", languages="en es")}
        prefix = site_prefix(load_site_config())
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for label, build in builds.items():
                if build.returncode:
                    print(build.output, file=sys.stderr)
                    return 2
                server, httpd = serve(build.site, prefix)
                try:
                    page = browser.new_page()
                    for paper in PAPERS:
                        pdf = print_pdf(page, server.url(args.page), paper)
                        pdf_path = args.out / f"{name}-{label}-{paper}.pdf"
                        pdf_path.write_bytes(pdf)
                        sheets = len(pdf_pages(pdf))
                        pngs = save_pngs(pdf_path, page, server.url(args.page), paper, sheets)
                        too_long |= args.page == CHECKLIST and sheets > MAX_SHEETS
                        print(f"{label:<9} {paper:<6} {sheets} sheet(s): {pdf_path}")
                        for png in pngs:
                            print(f"    {png}")
                    page.close()
                finally:
                    httpd.shutdown()
                    httpd.server_close()
            browser.close()
    return int(too_long)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
