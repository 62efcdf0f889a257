"""Clinic values and front matter are shown as written, never run as markup.

A copy of the project is built with a clinic whose settings hold the
injection strings a careless or hostile edit could bring, and with front
matter that uses quotes and ampersands as real pages do. Then:

- every page is valid HTML (the W3C Nu checker, ``vnu.jar``; ``.ci/run``
  installs it with npm; without Java or the jar, the test says so and skips);
- the name and the rules read exactly as written wherever they appear;
- in Chromium no dialog opens, no script of theirs runs, and the policy
  reports nothing (there is nothing inline left to block);
- a name of the longest allowed length wraps at 360 px.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import PHONE, ROOT, clinic_yaml, copy_project, mkdocs_build, serve

NAME = 'Smith & Jones <East> "Pain" Clinic'
ATTACKS = {
    "address": "<script>alert('address')</script> Mill Lane",
    "fasting": '"><img src=x onerror=alert(\'fasting\')> Eat nothing after 8 am.',
    "driving": "# Not a heading - *not bold* [not a link](javascript:alert('driving')) & <b>not bold</b>",
    "blood_thinners": "<script>alert('thinners')</script>",
    "bring": ["<script>alert('bring')</script>", "- not a list item"],
}
DESCRIPTION = 'What the word "impar" means & why'
TITLE = 'Anatomy: "impar" & <you>'

# A page the checker must fault: shows that the run read the files and reports errors.
CONTROL = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Control</title>"
           "</head><body><input type='checkbox' autocomplete='off' aria-label='x'></body></html>")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "project")
    (project / "clinic.yml").write_text(
        clinic_yaml({"name": NAME, "phone": "+44 1234 567890", "logo": "assets/images/x.svg",
                     "website": "https://clinic.example/a?b=1&c=2", **ATTACKS}),
        encoding="utf-8")
    (project / "docs/assets/images/x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>')
    page = project / "docs" / "anatomy.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^description: .*$", lambda _: "description: " + json.dumps(DESCRIPTION), text, count=1)
    text = re.sub(r"(?m)^title: .*$", lambda _: "title: " + json.dumps(TITLE), text, count=1)
    page.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result.site


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def vnu_command() -> list[str] | None:
    """How to run the W3C Nu checker here, or None."""
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if jar.is_file() and shutil.which("java"):
        return ["java", "-jar", str(jar)]
    if shutil.which("vnu"):
        return ["vnu"]
    return None


def test_every_page_is_valid_html(hostile_site, tmp_path):
    command = vnu_command()
    if not command:
        pytest.skip("W3C Nu checker not installed (needs Java and `npm install vnu-jar`; .ci/run does both)")
    (tmp_path / "control.html").write_text(CONTROL, encoding="utf-8")
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 18
    result = subprocess.run(
        command + ["--errors-only", "--format", "json", *map(str, pages), str(tmp_path / "control.html")],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f'{m["url"].split("/site/")[-1]}:{m.get("lastLine")}: {m["message"]}'
              for m in messages if not m["url"].endswith("/control.html")]
    assert errors == []
    # The checker did read the files: it faults the control page.
    assert any(m["url"].endswith("/control.html") for m in messages)


def test_the_name_reads_as_written_everywhere(hostile_site):
    page = soup(hostile_site, "get-help/")
    assert page.select_one(".gib-clinic__name").get_text() == NAME
    assert page.select_one(".gib-clinic__logo")["alt"] == NAME
    assert page.select_one(".gib-footer-clinic strong").get_text() == NAME
    assert page.select_one(".gib-print-header strong").get_text() == NAME
    assert NAME in squeeze(page.find("article").get_text(" "))
    assert page.select_one(".gib-footer-clinic a[target]")["href"] == "https://clinic.example/a?b=1&c=2"


def test_rules_read_as_written_and_add_no_markup(hostile_site):
    before = soup(hostile_site, "procedure/before/").find("article")
    text = squeeze(before.get_text(" "))
    for key in ("fasting", "blood_thinners"):
        assert squeeze(ATTACKS[key]) in text, key
    for item in ATTACKS["bring"]:
        assert item in text
    after = squeeze(soup(hostile_site, "procedure/after/").find("article").get_text(" "))
    assert squeeze(ATTACKS["driving"]) in after
    footer = soup(hostile_site, "procedure/before/").find("footer")
    assert ATTACKS["address"] in footer.get_text()
    for url in ("procedure/before/", "procedure/after/", "faq/", "print/"):
        article = soup(hostile_site, url).find("article")
        assert not article.find("script"), url
        assert not article.find("img", src="x"), url
        assert not article.find("a", href=re.compile("^javascript:", re.I)), url
        assert not article.find(["h1", "b"], string=re.compile("Not a heading|not bold")), url


def test_front_matter_with_quotes_and_ampersands_stays_intact(hostile_site):
    page = soup(hostile_site, "anatomy/")
    for attrs in ({"name": "description"}, {"property": "og:description"}, {"name": "twitter:description"}):
        assert page.find("meta", attrs=attrs)["content"] == DESCRIPTION, attrs
    for attrs in ({"property": "og:title"}, {"name": "twitter:title"}):
        assert page.find("meta", attrs=attrs)["content"] == TITLE, attrs
    assert page.title.get_text().startswith(TITLE + " - ")
    assert squeeze(page.select_one("[data-md-component=header-topic]").get_text()) == TITLE
    [data] = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert data["name"] == TITLE and data["description"] == DESCRIPTION


@pytest.mark.browser
def test_no_dialog_and_no_script_of_theirs_runs(visit, site_server, hostile_site, nav_urls):
    server, httpd = serve(hostile_site, site_server.prefix)
    dialogs = []
    try:
        tab = visit(**PHONE)
        tab.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective));")
        for url in nav_urls:
            tab.page.goto(server.url(url), wait_until="load")
            assert tab.page.evaluate("window.__csp") == [], url
        tab.page.goto(server.url("procedure/before/"), wait_until="load")
        tab.page.wait_for_timeout(300)  # an onerror on a broken image would fire by now
        assert dialogs == []
        assert tab.page.locator(".gib-clinic__name").inner_text() == NAME
        assert tab.console_errors == []
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.browser
def test_the_longest_name_wraps_on_a_phone(visit, site_server, tmp_path):
    project = copy_project(tmp_path / "project")
    name = "Wolverhampton" * 6 + "Pain" * 3  # 90 letters, no space to break at: too long
    (project / "clinic.yml").write_text(clinic_yaml({"name": name}), encoding="utf-8")
    refused = mkdocs_build(project, tmp_path / "refused")
    assert refused.returncode != 0 and "expected at most 80 characters" in refused.output
    name = name[:80]
    (project / "clinic.yml").write_text(clinic_yaml({"name": name}), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    server, httpd = serve(result.site, site_server.prefix)
    try:
        tab = visit(**PHONE)
        tab.page.goto(server.url("get-help/"), wait_until="load")
        assert tab.page.locator(".gib-clinic__name").inner_text() == name
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["viewport"]["width"]
    finally:
        httpd.shutdown()
        httpd.server_close()
