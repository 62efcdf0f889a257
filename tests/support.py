"""The helpers the tests and the scripts share: build, serve, launch Chromium,
read the nav and the site address, fill in a sample clinic, read pages.

Who imports this module: tests/conftest.py, the test modules and the scripts in
scripts/ (which add tests/ to ``sys.path``). It imports nothing from them, so
there is no circle: a test module never imports another test module or
conftest, and a script never imports a test. (A test of a script, such as
test_bench.py, imports the script it tests.)

Everything here is a plain function or constant; the pytest fixtures that use
them live in conftest.py.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent

# What a copy of the project leaves out: version control, environments, builds.
NOT_COPIED = (".git", ".venv", "venv", "site", "__pycache__", ".pytest_cache", "node_modules", ".cache")


# ----------------------------------------------------------------------------
# The configuration: site address, nav
# ----------------------------------------------------------------------------


def load_site_config(project: Path = ROOT, config_file: str = "mkdocs.yml"):
    """``project``'s mkdocs.yml (or ``config_file``, e.g. the Spanish edition's
    mkdocs.es.yml), loaded as MkDocs loads it (``!ENV`` and ``INHERIT`` included).

    The site address is whatever the build would use: the ``SITE_URL``
    environment variable if set, else the default in mkdocs.yml (a custom
    domain goes there). Tests compare against this, never a written-out address.
    """
    from mkdocs.config import load_config

    return load_config(str(project / config_file))


def site_prefix(config) -> str:
    """The path part of ``site_url`` ("/ganglion-impar-guide/", or "/")."""
    return urlsplit(config["site_url"] or "").path or "/"


def nav_files(nav) -> list[str]:
    """Flatten the ``nav`` setting of mkdocs.yml into its Markdown files."""
    files = []
    for item in nav:
        value = item if isinstance(item, str) else next(iter(item.values()))
        if isinstance(value, list):
            files.extend(nav_files(value))
        elif not urlsplit(value).scheme:      # skip external links in the nav
            files.append(value)
    return files


def page_url(src: str) -> str:
    """The URL path of a built page relative to the site root ("" is Home)."""
    path = src[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def nav_urls(config) -> list[str]:
    """URL path of every page in the nav, in nav order ("" is Home)."""
    return [page_url(src) for src in nav_files(config["nav"])]


# ----------------------------------------------------------------------------
# Building
# ----------------------------------------------------------------------------


@dataclass
class Build:
    """The result of one ``mkdocs build --strict``."""

    returncode: int
    output: str
    site: Path


def mkdocs_build(project: Path, site: Path, *, quiet: bool = False,
                 languages: str = "en") -> Build:
    """Run ``mkdocs build --strict`` for ``project`` into ``site``.

    The environment is passed on as it is, so ``SITE_URL`` means the same to
    the build as to :func:`load_site_config`. ``languages`` are the editions
    to build (hooks/languages.py): English alone by default, which is what
    most tests of a changed copy look at; ``"en es"`` for both, as
    ``mkdocs build`` gives.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_LANGUAGES=languages)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    result = subprocess.run(
        command + (["--quiet"] if quiet else []),
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(into: Path, project: Path = ROOT) -> Path:
    """Copy the project (all but .git, environments and builds) into ``into``."""
    shutil.copytree(project, into, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True,
                    dirs_exist_ok=True)
    return into


# ----------------------------------------------------------------------------
# A sample clinic
# ----------------------------------------------------------------------------

# A filled-in clinic, as a clinic would set it.
SAMPLE_CLINIC = {
    "name": "Riverside Pain Clinic",
    "phone": "+44 1234 567890",
    "after_hours_phone": "+44 1234 567000",
    "emergency_number": "999",
    "fasting": "Do not eat for 6 hours before your appointment. You can drink water until 2 hours before.",
    "blood_thinners": "A nurse will call you a week before to go through your blood thinners.",
    "driving": "Do not drive until the morning after your injection.",
    "arrival_minutes_before": 30,
    "observation_minutes": 30,
    "bring": ["your pain diary", "a dressing gown and slippers"],
}


def clinic_yaml(settings: dict, indent: str = "") -> str:
    """``settings`` as a ``clinic:`` block of YAML, every value quoted as it should be."""
    import yaml

    text = yaml.safe_dump({"clinic": settings}, sort_keys=False, allow_unicode=True,
                          default_style=None, width=10_000)
    return "".join(indent + line + "\n" for line in text.splitlines())


def with_clinic(project: Path, settings: dict = SAMPLE_CLINIC) -> Path:
    """Give ``project`` (a copy) the clinic ``settings``; return ``project``.

    Where the clinic's settings live: ``clinic.yml`` at the top level when the
    project has one, else the ``extra.clinic`` block of mkdocs.yml (edited as
    text: mkdocs.yml has an ``!ENV`` tag that plain YAML loaders cannot read).
    """
    own_file = project / "clinic.yml"
    if own_file.exists():
        own_file.write_text(clinic_yaml(settings), encoding="utf-8")
        return project
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^  clinic:[^\n]*\n(?:(?:    [^\n]*)?\n)*",
                         lambda _: clinic_yaml(settings, "  "), text, count=1)
    if count != 1:
        raise ValueError(f"no `  clinic:` block found in {config}")
    config.write_text(new, encoding="utf-8")
    return project


# ----------------------------------------------------------------------------
# Serving
# ----------------------------------------------------------------------------


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site under ``prefix``; anything else gets the site's 404."""

    prefix = "/"

    def translate_path(self, path):
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep output quiet
        pass


@dataclass
class Server:
    """A running local server: ``url(path)`` gives a full address."""

    origin: str
    prefix: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}{self.prefix}{path}"


def serve(directory: Path, prefix: str, host: str = "127.0.0.1"):
    """Start a threaded HTTP server for ``directory``; return (server, httpd).

    Stop it with ``httpd.shutdown(); httpd.server_close()``.
    """
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(
        (host, 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://{host}:{httpd.server_address[1]}", prefix), httpd


# ----------------------------------------------------------------------------
# Chromium
# ----------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def chromium_path() -> str | None:
    """Debian's Chromium when it is on PATH; None means Playwright's own build."""
    return shutil.which("chromium")


def launch_chromium(playwright):
    """Chromium through Playwright: Debian's when installed, else Playwright's."""
    options = {"args": CHROMIUM_ARGS}
    if chromium_path():
        options["executable_path"] = chromium_path()
    return playwright.chromium.launch(**options)


def foreign_requests(requests, server) -> list[str]:
    """Requests to any origin other than the local server (data:/blob: are local)."""
    return [
        url for url in requests
        if not url.startswith((server.origin + "/", "data:", "blob:"))
    ]


# The search results as one string: Material's count line, then each result
# page's address (one list item a page; its first link is the page itself).
READ_RESULTS = """() => {
    const meta = document.querySelector('.md-search-result__meta').textContent;
    const items = [...document.querySelectorAll(
        '.md-search-result__list > .md-search-result__item')];
    return meta + '|' + items.map(item => item.querySelector('a').href).join(' ');
}"""


def empty_search_box(page) -> None:
    """Empty the search box and wait for Material's "type to start" note."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Backspace")
    page.wait_for_function(
        "() => !/matching/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )


def settled_results(page, prefix: str, query: str, every_ms: int = 150,
                    same_reads: int = 3, tries: int = 100) -> list[str]:
    """The result page paths once the list has stopped changing, best first.

    The list is read every ``every_ms``; it has settled when ``same_reads``
    reads in a row agree and say how many pages match.
    """
    previous, stable, current = None, 0, ""
    for _ in range(tries):
        page.wait_for_timeout(every_ms)
        current = page.evaluate(READ_RESULTS)
        stable = stable + 1 if current == previous and "matching" in current.lower() else 0
        if stable >= same_reads:
            break
        previous = current
    else:
        raise AssertionError(f"search results for {query!r} never settled: {current}")
    hrefs = current.split("|", 1)[1].split()
    return [urlsplit(href).path[len(prefix):] for href in hrefs]


def search(tab, server, query: str) -> list[str]:
    """Type ``query`` into the search box; return result page paths, best first.

    The box is emptied first, the query is typed key by key, and the results
    are read once they have stopped changing, so an earlier query's results
    are never read.
    """
    page = tab.page
    if not page.url.startswith(server.origin):
        page.goto(server.url(), wait_until="load")
    page.locator("input.md-search__input").click()
    empty_search_box(page)
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    return settled_results(page, server.prefix, query)


# axe-core: WCAG 2.2 AA and best practice, violations only.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def describe_violations(url, violations) -> list[str]:
    """One line per element axe faults: page, rule, selector, what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"{url or 'home'} [{violation['id']}] {' '.join(map(str, node['target']))}: "
                f"{node.get('failureSummary', '').splitlines()[-1].strip()}"
            )
    return lines


# ----------------------------------------------------------------------------
# Printing
# ----------------------------------------------------------------------------

CHECKLIST = "print/"          # the printable checklist page
PAPERS = ("A4", "Letter")
MAX_SHEETS = 2                # the checklist fits on this many sheets


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


# ----------------------------------------------------------------------------
# Reading built pages
# ----------------------------------------------------------------------------

# Markdown or template syntax that should never reach a reader.
LEAKS = re.compile(r"\*\*|\{\{|\}\}|\{%|%\}|\[ \]|\]\(|(?:^|\s)- \S.*\s- \S|^#+ ", re.M)


def article(site: Path, url: str):
    """The ``<article>`` of a built page (BeautifulSoup)."""
    from bs4 import BeautifulSoup

    html = (site / url / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("article")


def syntax_leaks(site: Path, urls) -> list[str]:
    """Blocks whose visible text still holds Markdown or template syntax."""
    found = []
    for url in urls:
        for block in article(site, url).find_all(["p", "li", "td", "dd", "h1", "h2", "h3"]):
            if block.find_parent(["pre", "code"]) or block.name == "li" and block.find("pre"):
                continue
            text = " ".join(s for s in block.find_all(string=True) if not s.find_parent("code"))
            if LEAKS.search(text):
                found.append(f"{url or 'home'}: {text.strip()[:120]}")
    return found


# ----------------------------------------------------------------------------
# Search queries typed as patients type them (tests/test_findability*.py)
# ----------------------------------------------------------------------------

# Material's line above the results once a search has run, in English
# ("3 matching documents", "No matching documents") or in Spanish
# ("3 documentos encontrados", "No se encontraron documentos").
COUNTED = "matching|encontr"


@dataclass(frozen=True)
class Query:
    text: str
    want: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    query: Query
    got: tuple[str, ...]          # result pages, best first

    @property
    def hit1(self) -> bool:
        return bool(self.got) and self.got[0] in self.query.want

    @property
    def hit3(self) -> bool:
        return any(page in self.query.want for page in self.got[:3])


def load_queries(path: Path) -> list[Query]:
    """The query set: a list of {q: text, want: [page, ...]}."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for number, entry in enumerate(entries, 1):
        text, want = entry.get("q"), entry.get("want")
        if not isinstance(text, str) or not text.strip() or not want:
            raise ValueError(f"{path.name}: entry {number} needs a q and a want")
        queries.append(Query(text.strip(), tuple(want)))
    return queries


def shares(answers: list[Answer]) -> tuple[float, float]:
    """(hit@1, hit@3) as shares of all answers."""
    total = len(answers) or 1
    return (sum(a.hit1 for a in answers) / total, sum(a.hit3 for a in answers) / total)


def summary(answers: list[Answer]) -> str:
    """One line per miss (at 1 or at 3), then the two shares."""
    lines = []
    for answer in answers:
        if answer.hit1:
            continue
        where = "MISS@3" if not answer.hit3 else "miss@1"
        lines.append(
            f"{where} {answer.query.text!r:<40} want {[p or 'home' for p in answer.query.want]}"
            f" got {[p or 'home' for p in answer.got[:3]]}"
        )
    hit1, hit3 = shares(answers)
    lines.append(f"{len(answers)} queries: hit@1 {hit1:.1%}, hit@3 {hit3:.1%}")
    return "\n".join(lines)


def ask(page, prefix: str, query: str) -> tuple[str, ...]:
    """Type ``query`` into the search box; return the result pages, best first.

    Material searches on each key release, so the box is filled up to the last
    character and the last one is typed as a real key (or, when it is not on
    the keyboard, "End" is pressed): one search per query.
    The box is emptied first and the results are read once they have stopped
    changing, so an earlier query's results are never read.
    """
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Backspace")
    page.wait_for_function(
        "counted => !new RegExp(counted, 'i').test("
        "document.querySelector('.md-search-result__meta').textContent)", arg=COUNTED
    )
    if query[-1].isascii():
        box.fill(query[:-1])
        box.press(query[-1])
    else:       # "popó": no key for "ó"; fill it all, then a key that types nothing
        box.fill(query)
        box.press("End")
    previous, stable, current = None, 0, ""
    for _ in range(200):
        page.wait_for_timeout(50)
        current = page.evaluate(READ_RESULTS)
        counted = re.search(COUNTED, current.split("|", 1)[0], re.I)
        stable = stable + 1 if current == previous and counted else 0
        if stable >= 2:
            break
        previous = current
    else:
        raise AssertionError(f"search results for {query!r} never settled: {current}")
    hrefs = current.split("|", 1)[1].split()
    return tuple(urlsplit(href).path[len(prefix):] for href in hrefs)


def run(page, home_url: str, prefix: str, queries: list[Query]) -> list[Answer]:
    """Open ``home_url`` once, then ask every query on that same page."""
    page.goto(home_url, wait_until="load")
    page.locator("input.md-search__input").click()
    return [Answer(query, ask(page, prefix, query.text)) for query in queries]


def measure_build(site: Path, queries_file: Path, edition: str = "") -> str:
    """Serve the built ``site`` and type every query of ``queries_file`` into
    its search box (``edition`` "es/" for the Spanish pages); the summary."""
    from playwright.sync_api import sync_playwright

    server, httpd = serve(Path(site), site_prefix(load_site_config()))
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_context(**DESKTOP).new_page()
            answers = run(page, server.url(edition), server.prefix + edition, load_queries(queries_file))
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return summary(answers)
