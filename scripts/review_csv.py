"""Write the clinical review sheet as a CSV file, for a spreadsheet.

    python scripts/review_csv.py review.csv

It builds the site into a temporary folder, reads the sheet that the build
made (For clinics > Clinical review sheet) and writes one row per statement:
page, number, statement, sources, and empty "correct" and "change" columns.
The printable page and this file always hold the same rows.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SHEET = "for-clinics/review-sheet/index.html"


def rows(html: str):
    """(page, number, statement, sources) for every row of the built sheet."""
    soup = BeautifulSoup(html, "html.parser")
    for heading in soup.select("article h2"):
        table = heading.find_next("table")
        page = heading.get_text(" ", strip=True).rstrip("¶").strip()
        for row in table.select("tbody tr"):
            cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            yield page, cells[0], " ".join(cells[1].split()), " ".join(cells[2].replace(" ;", ";").split())


def main(out: str) -> int:
    with tempfile.TemporaryDirectory() as site:
        build = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site],
            cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            capture_output=True, text=True,
        )
        if build.returncode:
            print(build.stderr.strip().splitlines()[-1], file=sys.stderr)
            return 1
        html = (Path(site) / SHEET).read_text(encoding="utf-8")
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["page", "number", "statement", "sources", "correct", "change"])
        count = 0
        for row in rows(html):
            writer.writerow([*row, "", ""])
            count += 1
    print(f"{out}: {count} statements")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/review_csv.py OUT.csv")
    sys.exit(main(sys.argv[1]))
