"""Weight benchmark: what a reader's phone downloads for each page of the guide.

Usage (from the project root)::

    python scripts/bench.py                   # build strictly into a temp folder, then measure
    python scripts/bench.py --site site/      # measure an existing build instead
    python scripts/bench.py --json bench.json # also write the raw numbers

What it does:

1. Builds the site with ``mkdocs build --strict`` into a temp folder and times the
   build (wall-clock seconds). ``--site DIR`` skips this.
2. Serves the build on 127.0.0.1 (a free port, in a thread) under the path of
   ``site_url``, as GitHub Pages serves a project site, with gzip as GitHub Pages
   does it: html, css, js, json, svg, xml and txt responses are gzip-compressed
   (zlib level 6; Pages does not document its level) when the request says
   ``Accept-Encoding: gzip``; images such as png are sent as they are. Missing
   paths get the site's own 404 page.
3. Loads every page of the ``nav`` in mkdocs.yml, and of mkdocs.es.yml (the
   Spanish pages under es/), cold in Chromium (Debian's
   ``chromium`` when installed, else Playwright's own): a fresh browser context per
   page (empty cache, no cookies), a phone profile (360 x 740 CSS px, as our readers
   use), and waits for the ``load`` event and then network idle (500 ms without
   requests), so the search index and search worker that Material fetches after
   load are counted too.

What is measured, per page:

- requests: every http(s) request the page made, as Chromium reports them
  (Playwright's ``request`` event, which also sees the search worker's fetches).
  ``data:`` and ``blob:`` URLs are not requests: their bytes are already inside the
  file that holds them.
- transferred: bytes on the wire, counted by the local server itself as it writes
  each response to the socket: the status line and headers plus the body as sent
  (gzip-compressed where the rule above says so). This is DevTools' "transferred"
  figure (Chromium's ``Network.loadingFinished`` ``encodedDataLength``, which gives
  the same number for each response), but counted at the server because the page's
  DevTools session does not see the search worker's own script download. TCP/IP
  and TLS overhead are not included. GitHub Pages' CDN sends a few hundred bytes
  more headers per response than this server, so the real figure is a little
  higher; ``--json`` keeps header and body bytes apart.
- largest asset: the single response with the most bytes transferred.
- foreign requests: requests to any origin other than the local server.

Budgets (exit status 1 if one fails, 0 otherwise): 0 foreign requests; median page
at most 80 KiB transferred; no page above 150 KiB. (A page that does not answer
HTTP 200 also fails: its numbers would mean nothing.) Exit status 2 if the build
fails or the arguments are wrong. 1 KiB = 1024 bytes.

Lighthouse: if ``lighthouse`` is on PATH, or ``npx --no-install lighthouse`` finds
an installed copy (checked offline: this script never downloads it), each page is
also run through Lighthouse in its default mobile mode against the local server,
with the same Chromium (``CHROME_PATH``), and its accessibility, best-practices,
SEO and performance scores are printed. Otherwise one line says it was skipped.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The shared helpers: the config and nav, the build, Chromium.
from support import (CHROMIUM_ARGS, PHONE, chromium_path, launch_chromium,  # noqa: E402
                     load_site_config, mkdocs_build, nav_urls, site_prefix)

KIB = 1024
MEDIAN_BUDGET_KIB = 80
PAGE_BUDGET_KIB = 150

# Files GitHub Pages sends gzip-compressed; everything else (png, woff2 ...) as is.
COMPRESSED_SUFFIXES = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}

LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo", "performance")


# ----------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------


@dataclass
class Response:
    """One response as the local server wrote it to the socket."""

    path: str
    status: int
    header_bytes: int
    body_bytes: int
    encoding: str = ""          # "gzip" or ""

    @property
    def bytes(self) -> int:
        return self.header_bytes + self.body_bytes


@dataclass
class PageResult:
    """What loading one page cold cost."""

    page: str                   # "" is Home, else e.g. "faq/"
    status: int = 200
    requests: int = 0
    transferred: int = 0        # bytes
    largest_url: str = ""
    largest_bytes: int = 0
    foreign: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def kib(n: int | float) -> float:
    return n / KIB


# ----------------------------------------------------------------------------
# The site: nav pages and the build
# ----------------------------------------------------------------------------


def build_site(into: Path) -> tuple[float, str, int]:
    """Run ``mkdocs build --strict`` into ``into``: (wall seconds, output, returncode)."""
    start = time.perf_counter()
    result = mkdocs_build(ROOT, into, quiet=True, languages="en es")
    return time.perf_counter() - start, result.output, result.returncode


# ----------------------------------------------------------------------------
# Serving, with gzip as GitHub Pages does it, counting every byte sent
# ----------------------------------------------------------------------------


def accepts_gzip(header: str | None) -> bool:
    """True if an Accept-Encoding header allows gzip (and does not set q=0)."""
    for part in (header or "").split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        q = params.strip().lower()
        if q.startswith("q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def is_compressed_type(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in COMPRESSED_SUFFIXES


class _CountingWriter:
    """Wrap the socket writer and count the bytes written through it."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data) -> int:
        self.raw.write(data)
        self.count += len(data)
        return len(data)

    def __getattr__(self, name):          # flush, close, closed ...
        return getattr(self.raw, name)


class GzipSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site under ``prefix``, gzip text like GitHub Pages, log each response.

    ``log`` receives a :class:`Response` per answered request (under ``lock``).
    """

    protocol_version = "HTTP/1.1"     # keep-alive, as a browser meets on Pages
    prefix = "/"
    log: list = []
    lock = threading.Lock()

    # -- bookkeeping ---------------------------------------------------------

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def handle_one_request(self):
        start = self.wfile.count
        self._status, self._encoding, self._body_start = 0, "", None
        super().handle_one_request()
        end = self.wfile.count
        if end > start:
            body_start = self._body_start if self._body_start is not None else end
            record = Response(urlsplit(getattr(self, "path", "")).path, self._status,
                              body_start - start, end - body_start, self._encoding)
            with self.lock:
                self.log.append(record)

    def send_response(self, code, message=None):
        self._status = int(code)
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-encoding":
            self._encoding = value
        super().send_header(keyword, value)

    def end_headers(self):
        super().end_headers()
        self._body_start = self.wfile.count

    def log_message(self, format, *args):  # quiet
        pass

    # -- serving -------------------------------------------------------------

    def translate_path(self, path):
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if path.is_file() and is_compressed_type(path.name) and self._gzip_ok():
            return self._send_bytes(200, self.guess_type(str(path)), path.read_bytes())
        return super().send_head()      # redirects, images, 404s

    def list_directory(self, path):     # Pages never lists folders
        self.send_error(404)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = self._send_bytes(404, "text/html", page.read_bytes())
        if self.command != "HEAD":
            self.wfile.write(body.read())

    def _gzip_ok(self) -> bool:
        return accepts_gzip(self.headers.get("Accept-Encoding"))

    def _send_bytes(self, status: int, content_type: str, data: bytes) -> io.BytesIO:
        """Send headers for ``data`` (gzip-compressed if allowed); return the body."""
        compress = self._gzip_ok() and status in (200, 404)
        if compress:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


class Server:
    """A running local server for one site folder; ``url(path)`` gives a full address."""

    def __init__(self, directory: Path, prefix: str, host: str = "127.0.0.1"):
        self.prefix = prefix
        self.log: list[Response] = []
        handler = type("Handler", (GzipSiteHandler,), {
            "prefix": prefix, "log": self.log, "lock": threading.Lock(),
        })
        self.httpd = http.server.ThreadingHTTPServer(
            (host, 0), functools.partial(handler, directory=str(directory)))
        self.origin = f"http://{host}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str = "") -> str:
        return f"{self.origin}{self.prefix}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ----------------------------------------------------------------------------
# Measuring in Chromium
# ----------------------------------------------------------------------------


def is_foreign(url: str, origin: str) -> bool:
    """True for a request to any origin other than ``origin`` (data:/blob: are local)."""
    return not url.startswith((origin + "/", "data:", "blob:"))


def summarize_page(page: str, status: int, requested: list[str],
                   responses: list[Response], origin: str) -> PageResult:
    """Turn what the browser asked for and what the server sent into a PageResult."""
    network = [u for u in requested if not u.startswith(("data:", "blob:"))]
    foreign = [u for u in network if is_foreign(u, origin)]
    result = PageResult(page, status, len(network), sum(r.bytes for r in responses),
                        foreign=foreign, responses=responses)
    if responses:
        top = max(responses, key=lambda r: r.bytes)
        result.largest_url, result.largest_bytes = top.path, top.bytes
    local = len(network) - len(foreign)
    if local != len(responses):
        result.warnings.append(
            f"{page or '(home)'}: browser made {local} local requests, server answered {len(responses)}")
    return result


def measure_page(browser, server: Server, page: str) -> PageResult:
    """Load one page cold (own context) and collect its requests and bytes."""
    mark = len(server.log)
    context = browser.new_context(**PHONE)
    requested: list[str] = []
    tab = context.new_page()
    tab.on("request", lambda request: requested.append(request.url))
    response = tab.goto(server.url(page), wait_until="load")
    tab.wait_for_load_state("networkidle")
    context.close()
    return summarize_page(page, response.status if response else 0, requested,
                          list(server.log[mark:]), server.origin)


def measure_pages(server: Server, pages: list[str]) -> list[PageResult]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            return [measure_page(browser, server, page) for page in pages]
        finally:
            browser.close()


# ----------------------------------------------------------------------------
# Budgets and the report
# ----------------------------------------------------------------------------


def median_bytes(results: list[PageResult]) -> float:
    return statistics.median(r.transferred for r in results) if results else 0.0


def check_budgets(results: list[PageResult]) -> list[str]:
    """Every failed budget as a short sentence; [] when all hold."""
    failures = []
    foreign = sum(len(r.foreign) for r in results)
    if foreign:
        pages = ", ".join(r.page or "(home)" for r in results if r.foreign)
        failures.append(f"{foreign} foreign requests ({pages})")
    median = kib(median_bytes(results))
    if median > MEDIAN_BUDGET_KIB:
        failures.append(f"median {median:.1f} KiB > {MEDIAN_BUDGET_KIB} KiB")
    for r in results:
        if kib(r.transferred) > PAGE_BUDGET_KIB:
            failures.append(f"{r.page or '(home)'} {kib(r.transferred):.1f} KiB > {PAGE_BUDGET_KIB} KiB")
    for r in results:
        if r.status != 200:
            failures.append(f"{r.page or '(home)'} answered HTTP {r.status}")
    return failures


def asset_name(path: str, prefix: str) -> str:
    """A short name for a served path: its file name, or the page path for pages."""
    rel = path[len(prefix):] if path.startswith(prefix) else path
    if not rel or rel.endswith("/"):
        return rel or "(home)"
    return PurePosixPath(rel).name


def table(results: list[PageResult], prefix: str) -> str:
    lines = [f"{'page':<24} {'requests':>8} {'KiB':>8}  {'largest asset':<36} {'foreign':>7}",
             "-" * 87]
    for r in results:
        largest = f"{asset_name(r.largest_url, prefix)} ({kib(r.largest_bytes):.1f} KiB)"
        lines.append(f"{r.page or '(home)':<24} {r.requests:>8} {kib(r.transferred):>8.1f}"
                     f"  {largest:<36} {len(r.foreign):>7}")
    for r in results:
        lines.extend(f"  foreign request on {r.page or '(home)'}: {url}" for url in r.foreign)
    return "\n".join(lines)


def summary_line(results: list[PageResult], build_seconds: float | None,
                 failures: list[str]) -> str:
    worst = max(results, key=lambda r: r.transferred)
    build = f"build {build_seconds:.1f} s" if build_seconds is not None else "build skipped (--site)"
    verdict = "OK" if not failures else f"FAILED ({'; '.join(failures)})"
    return (f"SUMMARY: {len(results)} pages, median {kib(median_bytes(results)):.1f} KiB, "
            f"max {kib(worst.transferred):.1f} KiB ({worst.page or '(home)'}), "
            f"{sum(len(r.foreign) for r in results)} foreign requests, {build} — budgets: {verdict}")


# ----------------------------------------------------------------------------
# Lighthouse (only if already installed)
# ----------------------------------------------------------------------------


def _npx_env() -> dict:
    # Offline: npx may only use what is installed or cached, never fetch.
    return dict(os.environ, npm_config_offline="true", npm_config_yes="false")


def lighthouse_command() -> list[str] | None:
    """How to run an installed Lighthouse, or None. Never downloads anything."""
    exe = shutil.which("lighthouse")
    if exe:
        return [exe]
    npx = shutil.which("npx")
    if not npx:
        return None
    command = [npx, "--no-install", "lighthouse"]
    try:
        check = subprocess.run(command + ["--version"], cwd=ROOT, env=_npx_env(),
                               capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return command if check.returncode == 0 else None


def lighthouse_scores(report_json: str) -> dict[str, int | None]:
    """Category scores (0-100, None if not scored) from a Lighthouse JSON report."""
    categories = json.loads(report_json).get("categories", {})
    scores = {}
    for name in LIGHTHOUSE_CATEGORIES:
        score = (categories.get(name) or {}).get("score")
        scores[name] = None if score is None else round(score * 100)
    return scores


def run_lighthouse(command: list[str], url: str, chrome: str | None) -> dict[str, int | None]:
    """Lighthouse's default (mobile) run of one URL; raises on failure."""
    env = _npx_env()
    if chrome:
        env["CHROME_PATH"] = chrome
    flags = " ".join(["--headless=new", "--disable-gpu", *CHROMIUM_ARGS])
    result = subprocess.run(
        command + [url, "--form-factor=mobile", "--output=json", "--output-path=stdout",
                   "--quiet", f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                   f"--chrome-flags={flags}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise RuntimeError(f"exit {result.returncode}: {last}")
    return lighthouse_scores(result.stdout)


def lighthouse_report(server: Server, pages: list[str]) -> tuple[str, dict | None]:
    """Scores per page as printable lines (or the 'skipped' line), and raw scores."""
    command = lighthouse_command()
    if command is None:
        return ("Lighthouse: skipped — not installed (no `lighthouse` on PATH and "
                "`npx --no-install lighthouse` finds none).", None)
    chrome = chromium_path()
    if chrome is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chrome = playwright.chromium.executable_path
    names = {"accessibility": "a11y", "best-practices": "best-pr.", "seo": "SEO",
             "performance": "perf."}
    lines = ["Lighthouse, mobile (its default emulation and throttling), scores 0-100:",
             f"{'page':<24} " + " ".join(f"{n:>9}" for n in names.values())]
    raw = {}
    for page in pages:
        try:
            scores = run_lighthouse(command, server.url(page), chrome)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
            raw[page] = {"error": str(error)}
            lines.append(f"{page or '(home)':<24} failed: {error}")
            continue
        raw[page] = scores
        cells = ["—" if scores[c] is None else str(scores[c]) for c in LIGHTHOUSE_CATEGORIES]
        lines.append(f"{page or '(home)':<24} " + " ".join(f"{c:>9}" for c in cells))
    return "\n".join(lines), raw


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------


def run(site: Path, build_seconds: float | None, json_file: Path | None) -> int:
    config = load_site_config()
    prefix = site_prefix(config)
    pages = nav_urls(config)
    # The Spanish edition (mkdocs.es.yml, built into es/) is held to the same budgets.
    if (site / "es" / "index.html").is_file():
        pages += ["es/" + url for url in nav_urls(load_site_config(config_file="mkdocs.es.yml"))]
    with Server(site, prefix) as server:
        results = measure_pages(server, pages)
        failures = check_budgets(results)
        print(table(results, prefix))
        for warning in (w for r in results for w in r.warnings):
            print("warning:", warning)
        print(f"build: {build_seconds:.2f} s wall (mkdocs build --strict)"
              if build_seconds is not None else f"build: skipped, measured {site}")
        lighthouse_text, lighthouse_raw = lighthouse_report(server, pages)
        print(lighthouse_text)
    summary = summary_line(results, build_seconds, failures)
    if json_file:
        data = {
            "site_url": config["site_url"], "build_seconds": build_seconds,
            "budgets": {"foreign_requests": 0, "median_kib": MEDIAN_BUDGET_KIB,
                        "page_kib": PAGE_BUDGET_KIB},
            "failures": failures, "summary": summary, "lighthouse": lighthouse_raw,
            "pages": [dict(asdict(r), responses=[dict(asdict(x), bytes=x.bytes) for x in r.responses])
                      for r in results],
        }
        json_file.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(summary)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="measure this existing build instead of building")
    parser.add_argument("--json", type=Path, help="write the raw numbers to this file")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.site:
        if not (args.site / "index.html").is_file():
            parser.error(f"{args.site} has no index.html: is it a built site?")
        return run(args.site, None, args.json)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        seconds, output, code = build_site(Path(tmp))
        if code != 0:
            print(output, file=sys.stderr)
            print(f"SUMMARY: build failed (mkdocs build --strict, exit {code})")
            return 2
        return run(Path(tmp), seconds, args.json)


if __name__ == "__main__":
    sys.exit(main())
