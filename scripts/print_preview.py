"""Print the checklist page to PDF, as Chromium prints it, and save a PNG of each sheet.

Usage (from the project root)::

    python scripts/print_preview.py                  # into /tmp/print-preview
    python scripts/print_preview.py out/             # into out/
    python scripts/print_preview.py out/ --page get-help/   # another page

The site is built twice into a temp folder: as it is, and as a copy whose
``extra.clinic`` block is filled in with a sample clinic
(:data:`SAMPLE_CLINIC`). For each build and each paper size (A4 and US
Letter) the page is printed to ``<out>/<name>-<build>-<paper>.pdf`` and each
sheet saved as ``<name>-<build>-<paper>-<n>.png``. It prints one line per PDF
with its number of sheets and the PNG paths. Exit status 1 if the checklist
takes more than :data:`MAX_SHEETS` sheets.

PNGs come from ``pdftoppm`` (Debian's poppler-utils) when it is installed.
Without it, each sheet is approximated by a screenshot of the page in print
media cut into sheet-sized pieces (``...-approx-<n>.png``): good enough to
look at, but only the PDF shows where the sheets really break.

The tests (tests/test_print.py) use the same helpers.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CHECKLIST = "print/"
PAPERS = ("A4", "Letter")
MAX_SHEETS = 2

# Paper in CSS pixels (96 per inch) and the margins set by @page in the print part of extra.css.
PAPER_PX = {"A4": (793.7, 1122.5), "Letter": (816.0, 1056.0)}
MARGIN_PX = {"top": 10 / 25.4 * 96, "side": 12 / 25.4 * 96}

# A filled-in clinic block, as a clinic would write it in mkdocs.yml.
SAMPLE_CLINIC = """\
  clinic:
    name: "Riverside Pain Clinic"
    phone: "+44 1234 567890"
    after_hours_phone: "+44 1234 567000"
    emergency_number: "999"
    fasting: "Do not eat for 6 hours before your appointment. You can drink water until 2 hours before."
    blood_thinners: "A nurse will call you a week before to go through your blood thinners."
    driving: "Do not drive until the morning after your injection."
    arrival_minutes_before: 30
    observation_minutes: 30
    bring:
      - "your pain diary"
      - "a dressing gown and slippers"
"""


def with_sample_clinic(project: Path, block: str = SAMPLE_CLINIC) -> None:
    """Replace the ``clinic:`` block of ``project``'s mkdocs.yml with ``block``.

    The file is edited as text: it has an ``!ENV`` tag that plain YAML
    loaders cannot read back.
    """
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^  clinic:[^\n]*\n(?:(?:    [^\n]*)?\n)*", block, text, count=1)
    if count != 1:
        raise ValueError(f"no `  clinic:` block found in {config}")
    config.write_text(new, encoding="utf-8")


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF (pypdf), whitespace squeezed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "").strip() for page in reader.pages]


def print_pdf(page, url: str, paper: str) -> bytes:
    """Open ``url`` and print it to PDF on ``paper``, as a reader would.

    No backgrounds (browsers leave them out by default) and the margins from
    the page's own @page rule.
    """
    page.goto(url, wait_until="load")
    return page.pdf(format=paper, print_background=False)


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


def launch(playwright):
    """Chromium: Debian's when installed, else Playwright's own."""
    from conftest import CHROMIUM_ARGS

    options = {"args": CHROMIUM_ARGS}
    system = shutil.which("chromium")
    if system:
        options["executable_path"] = system
    return playwright.chromium.launch(**options)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright
    from urllib.parse import urlsplit

    from conftest import copy_project, mkdocs_build, serve

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
        with_sample_clinic(project)
        builds = {"no-clinic": mkdocs_build(ROOT, tmp / "site"),
                  "clinic": mkdocs_build(project, tmp / "clinic-site")}
        from mkdocs.config import load_config

        prefix = urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).path or "/"
        with sync_playwright() as playwright:
            browser = launch(playwright)
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
