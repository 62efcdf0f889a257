"""Two more HTML engines than axe, 0 errors on every page (issue 13, item 8).

- **The W3C Nu HTML checker** (``vnu.jar``) reads the HTML as served. It runs
  once, in one Java process, over every built page (a JVM takes seconds to
  start). The light or dark scheme is chosen in the browser (CSS
  ``prefers-color-scheme`` and Material's palette script); the served HTML is
  the same for both, so this one run covers light and dark.
- **HTML_CodeSniffer, WCAG2AA** (the engine behind pa11y's ``htmlcs`` runner)
  reads the page as Chromium renders it, in light and in dark.

Both are installed by ``.ci/run`` from package.json (``npm ci``); Java and
Chromium come from Debian. Without them these tests say so and skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from support import DESKTOP, ROOT

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMLCS_JS = NODE_MODULES / "@pa11y" / "html_codesniffer" / "build" / "HTMLCS.js"


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, relative to it ("index.html", "404.html", …)."""
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))


def page_address(relative: str) -> str:
    """The address of a built page below the site root ("faq/", "404.html", "")."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


# ----------------------------------------------------------------------------
# The W3C Nu HTML checker
# ----------------------------------------------------------------------------

# A page the checker must fault: it shows that the run reads the files and
# reports errors (a run that checked nothing would also report none).
BROKEN_PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
               "<title>Control</title></head><body>"
               "<input type='checkbox' autocomplete='off' aria-label='x'></body></html>")


def vnu_errors(files: list[Path]) -> list[dict]:
    """The checker's error messages for ``files``, in one Java run."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


def test_every_page_passes_the_w3c_nu_checker(built_site, tmp_path):
    if not (VNU_JAR.is_file() and shutil.which("java")):
        pytest.skip("W3C Nu checker not installed (needs Java and `npm ci`; .ci/run does both)")
    pages = built_pages(built_site)
    assert len(pages) >= 18, pages
    control = tmp_path / "control.html"
    control.write_text(BROKEN_PAGE, encoding="utf-8")

    messages = vnu_errors([built_site / page for page in pages] + [control])

    def on_site(message):
        return Path(message["url"].removeprefix("file:")).name != "control.html"

    errors = [f'{page_address(str(Path(m["url"].removeprefix("file:")).relative_to(built_site)))}'
              f':{m.get("lastLine")}: {m["message"]}'
              for m in messages if on_site(m)]
    assert errors == []
    assert any("autocomplete" in m["message"] for m in messages if not on_site(m)), messages


# ----------------------------------------------------------------------------
# HTML_CodeSniffer, WCAG2AA
# ----------------------------------------------------------------------------

# Why HTML_CodeSniffer directly and not the pa11y command: pa11y can set the
# window size but not the colour scheme (no action or option for
# prefers-color-scheme), so it cannot check the dark pages. Its htmlcs runner
# does no more than this: inject HTMLCS.js into the loaded page, run
# HTMLCS.process("WCAG2AA", document) and read HTMLCS.getMessages(). Done here
# in Playwright with a light and a dark context, it is the same engine and the
# same rules, on both schemes, in one browser instead of a Chromium per page.
# The contexts bypass the site's Content-Security-Policy only so that the
# checker itself can be injected; the site's own scripts run as usual.
RUN_HTMLCS = """() => new Promise(resolve => {
    HTMLCS.process('WCAG2AA', document, () => {
        const describe = element => {
            if (!element || !element.tagName) return String(element);
            const id = element.id ? '#' + element.id : '';
            const cls = typeof element.className === 'string' && element.className.trim()
                ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
            return element.tagName.toLowerCase() + id + cls;
        };
        resolve(HTMLCS.getMessages()
            .filter(m => m.type === HTMLCS.ERROR)
            .map(m => m.code + ' ' + describe(m.element) + ': ' + m.msg));
    });
})"""


# The one rule left out, for one element, and why: H32.2 ("this form does not
# contain a submit button") on Material's search box. The check is a
# heuristic for WCAG 3.2.2 (On Input): a form must not change the context
# when a field changes, only when the user submits. The search box changes
# no context as you type: results appear under it, and you go to a page only
# by choosing a result (Enter, a tap or a click). Its <form> is there for the
# clear button (type="reset"); Material handles Enter itself, and a submit
# button would reload the page with "?query=…" and no results. Every other
# form (the light/dark switch was one) must pass.
NOT_A_FAILURE = ("WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2 form.md-search__form:",)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_html_codesniffer_wcag2aa(browser, site_server, built_site, scheme):
    if not HTMLCS_JS.is_file():
        pytest.skip("HTML_CodeSniffer not installed (`npm ci`; .ci/run does it)")
    pages = [page_address(page) for page in built_pages(built_site)]
    context = browser.new_context(color_scheme=scheme, bypass_csp=True, **DESKTOP)
    try:
        tab = context.new_page()
        errors, checked = [], 0
        for address in pages:
            tab.goto(site_server.url(address), wait_until="load")
            assert tab.evaluate("document.body.dataset.mdColorScheme") == (
                "slate" if scheme == "dark" else "default"), address
            tab.add_script_tag(path=str(HTMLCS_JS))
            found = tab.evaluate(RUN_HTMLCS)
            errors += [f"{address or 'home'} ({scheme}): {line}" for line in found
                       if not line.startswith(NOT_A_FAILURE)]
            checked += 1
        assert errors == []
        assert checked == len(pages) >= 18
        # The engine does report errors: a field without a label is one.
        tab.evaluate("""() => { const f = document.createElement('input');
                               document.querySelector('article').append(f); }""")
        assert any("input" in line for line in tab.evaluate(RUN_HTMLCS))
    finally:
        context.close()
