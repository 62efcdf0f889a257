"""One mkdocs.yml, three engines: the same guide from MkDocs, ProperDocs and Zensical.

Material for MkDocs reaches end of life on 2027-05-05, so a clinic must be able
to build the guide, with every safety feature, from ProperDocs (MkDocs 1.x
continued) and from Zensical too (issue 15). This builds the guide once a
session with each engine, exactly as the README says (a sample clinic with a
colour, so clinic values and the style hash are exercised), and checks a
feature inventory on every page:

- a Content-Security-Policy whose hashes match the page's inline code (no
  inline script at all), and no violation in Chromium;
- safe outgoing links (``rel="noopener noreferrer"``);
- focusable glossary terms, and the generated Glossary list;
- the landmarks: ``main`` holds the page only, the help banner is named;
- JSON-LD: MedicalWebPage on every page, FAQPage built from the FAQ page;
- clinic values in pages (``{{ call_clinic() }}``) and in templates (header, footer);
- robots.txt and sitemap.xml;
- front-matter and clinic errors stopping the build with the same one-line message;
- search finding Anatomy for "tailbone"; the embed view; print.

MkDocs runs from the suite's own environment. ProperDocs and Zensical get
their own virtual environments from requirements-properdocs.txt and
requirements-zensical.txt, made once in ``.cache/engines/`` and remade when the
file changes. An engine that cannot be installed is skipped with ONE line
that names it (``pytest -ra`` prints it), never silently.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import (DESKTOP, ROOT, SAMPLE_CLINIC, copy_project, load_site_config, nav_urls,
                     serve, site_prefix, with_clinic)

ENGINES = ("mkdocs", "properdocs", "zensical")
CACHE = ROOT / ".cache" / "engines"
CLINIC = dict(SAMPLE_CLINIC, accent_color="#1a4f8b")
BIN = "Scripts" if os.name == "nt" else "bin"


# ----------------------------------------------------------------------------
# Environments and builds (plain functions)
# ----------------------------------------------------------------------------


NOT_INSTALLED: dict[str, str] = {}  # engine -> why, so a failed install is tried once


def engine_python(engine: str) -> Path:
    """The Python of ``engine``'s environment, made or remade from its requirements file.

    If it cannot be installed, every test of that engine is skipped with the
    same one line (pytest -ra prints it once), naming the engine and why.
    """
    if engine == "mkdocs":
        return Path(sys.executable)
    venv = CACHE / engine
    python = venv / BIN / "python"
    if engine not in NOT_INSTALLED:
        problem = install(engine, venv, python)
        if problem:
            NOT_INSTALLED[engine] = problem
    if engine in NOT_INSTALLED:
        pytest.skip(NOT_INSTALLED[engine])
    return python


def install(engine: str, venv: Path, python: Path) -> str | None:
    """Make ``venv`` from requirements-<engine>.txt unless it is up to date; the problem, or None."""
    requirements = ROOT / f"requirements-{engine}.txt"
    stamp_text = hashlib.sha256(requirements.read_bytes()).hexdigest()
    stamp = venv / "requirements.sha256"
    if python.exists() and stamp.exists() and stamp.read_text() == stamp_text:
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    steps = [[sys.executable, "-m", "venv", "--clear", str(venv)],
             [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              "-r", str(requirements)]]
    for step in steps:
        result = subprocess.run(step, cwd=ROOT, capture_output=True, text=True, timeout=600)
        if result.returncode:
            last = ((result.stderr or result.stdout).strip().splitlines() or ["no output"])[-1]
            return f"{engine}: not installed from {requirements.name}, so not checked: {last[:160]}"
    stamp.write_text(stamp_text)
    return None


def build_commands(engine: str, python: Path, site: Path) -> list[list[str]]:
    """The README's build command for ``engine``, as argument lists."""
    env_bin = python.parent
    if engine == "mkdocs":
        return [[str(python), "-m", "mkdocs", "build", "--strict", "-d", str(site)]]
    if engine == "properdocs":
        return [[str(env_bin / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)]]
    # Zensical builds into site/ in the project (it has no -d), then one step.
    return [[str(env_bin / "zensical"), "build", "--clean", "--strict"],
            [str(env_bin / "zensical"), "build", "-f", "mkdocs.es.yml", "--strict"],
            [str(python), "-m", "gib_markdown.static_templates"]]


@dataclass
class EngineBuild:
    engine: str
    returncode: int
    output: str
    site: Path
    seconds: float


def run_build(engine: str, python: Path, project: Path, site: Path) -> EngineBuild:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.pop("PYTHONPATH", None)
    start, output, code = time.monotonic(), "", 0
    for command in build_commands(engine, python, site):
        result = subprocess.run(command, cwd=project, env=env, capture_output=True,
                                text=True, timeout=300)
        output += result.stdout + result.stderr
        code = result.returncode
        if code:
            break
    built = project / "site" if engine == "zensical" else site
    return EngineBuild(engine, code, output, built, time.monotonic() - start)


# ----------------------------------------------------------------------------
# Fixtures: each engine built once a session
# ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def engine_build(tmp_path_factory, report):
    """engine -> its build of the guide with a sample clinic (made on first use)."""
    builds: dict[str, EngineBuild] = {}

    def get(engine: str) -> EngineBuild:
        if engine not in builds:
            python = engine_python(engine)
            project = with_clinic(copy_project(tmp_path_factory.mktemp(f"{engine}-project")), CLINIC)
            builds[engine] = run_build(engine, python, project, project.parent / "site")
            report.append(f"Engine build: {engine} {builds[engine].seconds:.1f} s "
                          f"(exit {builds[engine].returncode})")
        result = builds[engine]
        assert result.returncode == 0, f"{engine} build failed:\n{result.output[-3000:]}"
        return result

    return get


@pytest.fixture(scope="session")
def config():
    return load_site_config()


@pytest.fixture(scope="session")
def pages(config):
    """Every page of both editions: the English nav, then the Spanish one under es/."""
    from mkdocs.config import load_config

    spanish = load_config(str(ROOT / "mkdocs.es.yml"))
    return nav_urls(config) + ["es/" + url for url in nav_urls(spanish)]


@pytest.fixture(params=ENGINES)
def built(request, engine_build):
    return engine_build(request.param)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def head(text: str) -> str:
    return text.split("</head>", 1)[0]


def attrs(tag: str) -> dict[str, str]:
    return {name.lower(): html_lib.unescape(value) for name, value in
            re.findall(r'([\w:-]+)="([^"]*)"', tag)}


# ----------------------------------------------------------------------------
# The inventory: every page's HTML, parsed (cheap)
# ----------------------------------------------------------------------------


def test_csp_matches_each_pages_inline_code(built, pages):
    sys.path.insert(0, str(ROOT / "hooks"))
    from security import inline_code, style_hash

    from gib_markdown.settings import shadow_styles

    # The styles the shipped theme script adds itself (Zensical's search dialog).
    theme = {style_hash(css) for bundle in (built.site / "assets/javascripts").glob("bundle.*.js")
             for css in shadow_styles(bundle.read_text(encoding="utf-8"))}
    assert bool(theme) == (built.engine == "zensical"), built.engine
    for url in pages + ["404.html"]:
        text = (built.site / url).read_text() if url.endswith(".html") else read(built.site, url)
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy"[^>]*>', text)
        assert len(metas) == 1, (built.engine, url, "one CSP meta")
        assert text.index(metas[0]) < text.index("<title"), (built.engine, url, "CSP before anything loads")
        policy = attrs(metas[0])["content"]
        rules = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
        scripts, styles = inline_code(text)
        assert scripts == [], (built.engine, url, "inline script")
        assert rules["script-src"] == ["'self'"], (built.engine, url)
        assert set(rules["style-src"]) == {"'self'"} | {style_hash(css) for css in styles} | theme, \
            (built.engine, url)
        assert styles, (built.engine, url, "the clinic colour is an inline style")


def test_outgoing_links_are_safe(built, pages, config):
    own = urlsplit(config["site_url"]).netloc
    outgoing = 0
    for url in pages:
        for tag in re.findall(r"<a\s[^>]*>", read(built.site, url)):
            href = attrs(tag).get("href", "")
            if href.startswith(("http://", "https://")) and urlsplit(href).netloc != own:
                outgoing += 1
                assert {"noopener", "noreferrer"} <= set(attrs(tag).get("rel", "").split()), \
                    (built.engine, url, tag)
    assert outgoing > 50, (built.engine, outgoing)


def test_glossary_terms_are_focusable_and_listed(built, pages):
    sys.path.insert(0, str(ROOT / "hooks"))
    from glossary import parse_glossary

    def count(path):
        return len({term.casefold() for term in parse_glossary((ROOT / path).read_text(encoding="utf-8"))})

    listed_terms = {"glossary/": count("includes/glossary.md"), "es/glossary/": count("includes/es/glossary.md")}
    focusable = 0
    for url in pages:
        text = read(built.site, url)
        article = text.split("<article", 1)[1].split("</article>", 1)[0]
        abbrs = re.findall(r"<abbr\b[^>]*>", article)
        if url in listed_terms:
            assert abbrs == [], built.engine
            assert len(re.findall(r"<dt>", article)) == listed_terms[url], (built.engine, url)
            continue
        for tag in abbrs:
            assert 'role="term"' in tag or "<a" in tag, (built.engine, url, tag)
        stops = [tag for tag in abbrs if 'tabindex="0"' in tag]
        assert len(stops) == len({attrs(tag)["title"] for tag in stops}), (built.engine, url)
        focusable += len(stops)
    assert focusable > 200, (built.engine, focusable)


def json_ld(text: str) -> list[dict]:
    return [json.loads(body) for body in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)]


def test_json_ld_medical_page_everywhere_and_faq_from_the_page(built, pages):
    for url in pages:
        data = json_ld(read(built.site, url))
        [page] = [item for item in data if item["@type"] == "MedicalWebPage"]
        assert page["name"] and page["lastReviewed"][:2] == "20", (built.engine, url)
    for url in ("faq/", "es/faq/"):
        text = read(built.site, url)
        [faq] = [item for item in json_ld(text) if item["@type"] == "FAQPage"]
        questions = [re.sub(r"<[^>]+>|¶", "", html_lib.unescape(h3)).strip()
                     for h3 in re.findall(r"<h3[^>]*>(.*?)</h3>", text, re.S)]
        assert [entity["name"] for entity in faq["mainEntity"]] == \
            [q for q in questions if q.endswith("?")], (built.engine, url)
        assert len(faq["mainEntity"]) > 20 and all(e["acceptedAnswer"]["text"] for e in faq["mainEntity"])


def test_clinic_values_reach_pages_and_templates(built, pages):
    name, tel = CLINIC["name"], "tel:+441234567890"
    get_help = read(built.site, "get-help/")
    article = get_help.split("<article", 1)[1].split("</article>", 1)[0]
    assert f'href="{tel}"' in article, (built.engine, "call_clinic() in the page")
    for url in pages:
        text = read(built.site, url)
        outside = text.replace(text.split("<article", 1)[1].split("</article>", 1)[0], "")
        assert name in outside, (built.engine, url, "clinic name in the header")
        assert f'href="{tel}"' in outside, (built.engine, url, "tel: link in the footer")
        assert ("Edición " if url.startswith("es/") else "Edition ") in outside, (built.engine, url)
        assert "gib-review" in text and "{{" not in text, (built.engine, url)


def test_landmarks_main_holds_only_the_page(built, pages):
    for url in pages:
        text = read(built.site, url)
        mains = re.findall(r"<main\b[^>]*>", text)
        assert len(mains) == 1 and 'class="md-content"' in mains[0], (built.engine, url, mains)
        inside = text.split(mains[0], 1)[1].split("</main>", 1)[0]
        assert "<article" in inside and "md-sidebar" not in inside, (built.engine, url)
        assert '<aside class="md-banner" aria-label="Help">' in text, (built.engine, url)


def test_robots_and_sitemap(built, pages, config):
    robots = (built.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {config['site_url']}sitemap.xml" in robots, (built.engine, robots)
    assert f"Sitemap: {config['site_url']}es/sitemap.xml" in robots, (built.engine, robots)
    assert (built.site / "es/robots.txt").read_text(encoding="utf-8") == robots, built.engine
    listed = set()
    for sitemap in ("sitemap.xml", "es/sitemap.xml"):  # one for each edition
        text = (built.site / sitemap).read_text(encoding="utf-8")
        listed |= {html_lib.unescape(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", text)}
    assert {config["site_url"] + url for url in pages} <= listed, built.engine


ERRORS = {
    "front matter": ("docs/risks.md", lambda text: re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S),
                     "risks.md: front matter field 'title' is missing"),
    "clinic": ("clinic.yml", lambda text: text.replace("phone: +44 1234 567890", "phone: call us", 1),
               "clinic.yml: clinic.phone: got 'call us'; expected a phone number"),
}


SEEN_ERRORS: dict[str, str] = {}  # kind -> the one line, from the first engine


@pytest.mark.parametrize("engine", ENGINES)
def test_errors_stop_the_build_with_one_line(engine, tmp_path, engine_build):
    """The same one-line message in every engine (after its own prefix, such as
    "ERROR -" or Zensical's "RuntimeError: Python error: ValueError:")."""
    engine_build(engine)  # installed and builds when nothing is wrong
    python = engine_python(engine)
    for kind, (path, spoil, message) in ERRORS.items():
        project = with_clinic(copy_project(tmp_path / kind.replace(" ", "-")), CLINIC)
        file = project / path
        file.write_text(spoil(file.read_text(encoding="utf-8")), encoding="utf-8")
        result = run_build(engine, python, project, tmp_path / f"{kind}-site")
        assert result.returncode != 0, (engine, kind, "built anyway")
        assert message in result.output, (engine, kind, result.output[-1500:])
        [line] = [line for line in result.output.splitlines() if message in line][:1]
        one_line = message + line.split(message, 1)[1]
        assert SEEN_ERRORS.setdefault(kind, one_line) == one_line, (engine, kind)


# ----------------------------------------------------------------------------
# In Chromium: a few pages per engine, one browser for the session
# ----------------------------------------------------------------------------

WATCH_CSP = """() => { window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


@pytest.fixture
def served(built, config):
    server, httpd = serve(built.site, site_prefix(config))
    yield built, server
    httpd.shutdown()
    httpd.server_close()


def test_in_chromium_no_csp_violation_search_embed_print(served, browser):
    built, server = served
    context = browser.new_context(**DESKTOP)
    try:
        page = context.new_page()
        page.add_init_script(f"({WATCH_CSP})()")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))

        # Home: search finds Anatomy for "tailbone" among the first five results.
        page.goto(server.url(), wait_until="load")
        if page.locator("input.md-search__input").count():  # Material's search
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").press_sequentially("tailbone", delay=20)
            results = ".md-search-result__list > .md-search-result__item > a"
        else:  # Zensical's: a button opens a dialog (in a shadow root)
            page.locator(".md-search__button").click()
            page.locator("dialog input").press_sequentially("tailbone", delay=20)
            results = "dialog [role=listbox] a"
        page.locator(results).first.wait_for(state="attached", timeout=10_000)
        page.wait_for_timeout(300)
        top = page.locator(results).evaluate_all("links => links.slice(0, 5).map(a => a.href)")
        assert any(urlsplit(href).path.endswith("/anatomy/") for href in top), (built.engine, top)
        assert page.evaluate("window.__violations") == [], built.engine

        # Embed view: no site header, the page itself only.
        page.goto(server.url("get-help/?embed"), wait_until="load")
        assert page.evaluate("document.documentElement.classList.contains('gib-embed')"), built.engine
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
        assert page.evaluate("window.__violations") == [], built.engine

        # Print: a page shows the clinic's print header and no navigation.
        page.emulate_media(media="print")
        page.goto(server.url("procedure/after/"), wait_until="load")
        shown = page.evaluate("""() => [...document.querySelectorAll(
            '.gib-print-header, .md-header, .md-sidebar--primary')].map(
            el => el.className.split(' ')[0] + '=' + (getComputedStyle(el).display !== 'none'))""")
        assert "gib-print-header=true" in shown and "md-header=false" in shown, (built.engine, shown)
        assert page.evaluate("window.__violations") == [], built.engine
        assert errors == [], (built.engine, errors)
    finally:
        context.close()


# ----------------------------------------------------------------------------
# The plain functions behind it (no build)
# ----------------------------------------------------------------------------


def test_engine_adapters_read_either_engines_config():
    sys.path.insert(0, str(ROOT / "hooks"))
    import engine

    written = ["index.md", {"The procedure": [{"Overview": "procedure/index.md"}, "procedure/before.md"]}]
    zensical = [{"title": None, "url": "index.md", "children": []},
                {"title": "The procedure", "url": None, "children": [
                    {"title": "Overview", "url": "procedure/index.md", "children": []},
                    {"title": None, "url": "procedure/before.md", "children": []}]}]
    assert engine.plain_nav(zensical) == written and engine.plain_nav(written) == written
    assert [(page.url, page.title) for page in engine.nav_pages(zensical)] == [
        ("", ""), ("procedure/", "Overview"), ("procedure/before/", "The procedure")]
    assert engine.project_dir({"root_dir": "/a/b"}) == Path("/a/b")
    assert engine.docs_dir({"config_file_path": "/a/b/mkdocs.yml", "docs_dir": "/a/b/docs"}) == Path("/a/b/docs")

    class Page:  # Zensical's page: path and url, no file
        path, url = "procedure/before.md", "procedure/before/"

    assert engine.page_src(Page()) == "procedure/before.md"


def test_extension_helpers():
    from gib_markdown.extension import finish_page, is_page

    assert is_page("faq.md", "faq.md") and is_page("es/faq.md", "faq.md")
    assert not is_page("for-clinics/faq.md", "faq.md") and not is_page("xfaq.md", "faq.md")
    html = finish_page('<p><a href="https://other.example/">x</a> <abbr title="m">t</abbr></p>',
                       site_url="https://guide.example/")
    assert 'rel="noopener noreferrer"' in html and 'tabindex="0" role="term"' in html


def test_static_templates_and_settings_never_stop_the_config(tmp_path):
    from gib_markdown import settings
    from gib_markdown.static_templates import render_static_templates

    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/robots.txt").write_text("Sitemap: {{ config.site_url }}sitemap.xml")
    config = {"site_url": "https://guide.example/", "theme": {"custom_dir": "overrides",
                                                              "static_templates": ["robots.txt", "none.txt"]}}
    [written] = render_static_templates(config, tmp_path, tmp_path / "site")
    assert written.read_text() == "Sitemap: https://guide.example/sitemap.xml"

    project = copy_project(tmp_path / "project")
    (project / "clinic.yml").write_text("clinic:\n  phone: call us\n")
    values = settings.values(project)  # the macros module reports it, in one line
    assert values["clinic"]["_invalid"] and values["csp"].startswith("default-src 'self'")
