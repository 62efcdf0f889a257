"""The Spanish edition (issue 16): the same guide at /es/, from the same sources.

Checked on the site as ``mkdocs build`` makes it (both languages), and, for
the clinic's per-language settings, on one copy with a clinic filled in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

import readability
from facts import FACTS_FILE, TIERS
from support import (AXE_OPTIONS, CHECKLIST, MAX_SHEETS, PAPERS, PHONE, ROOT, SAMPLE_CLINIC,
                     copy_project, describe_violations, load_site_config, mkdocs_build,
                     nav_urls as read_nav_urls, pdf_pages, print_pdf, with_clinic)
from words import WORDS

ES_DOCS = ROOT / "docs" / "es"


@pytest.fixture(scope="session")
def es_config():
    return load_site_config(config_file="mkdocs.es.yml")


@pytest.fixture(scope="session")
def es_urls(es_config) -> list[str]:
    """URL path of every Spanish page in its nav ("" is the home page)."""
    return read_nav_urls(es_config)


@pytest.fixture(scope="session")
def es_site(built_site) -> Path:
    return built_site / "es"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def english_only(config) -> list[str]:
    return config["extra"]["english_only"]


# ----------------------------------------------------------------------------
# Same pages, same paths, same anchors
# ----------------------------------------------------------------------------


def test_every_english_page_has_a_spanish_page_at_the_same_path(nav_urls, es_urls, mkdocs_config):
    """Except the pages for clinicians and web admins listed as English only."""
    missing = [url for url in nav_urls if url not in es_urls]
    assert missing == english_only(mkdocs_config)
    assert set(es_urls) <= set(nav_urls)


def test_spanish_pages_say_they_are_spanish(es_site, es_urls):
    for url in es_urls + ["404.html"]:
        html = (es_site / (url if url.endswith(".html") else url + "index.html")).read_text(encoding="utf-8")
        assert re.search(r'<html lang="es"', html), url


def test_sections_keep_their_english_addresses(built_site, es_site, es_urls):
    """A link to a section works in both languages (the ids are the English ones).
    The Spanish embed page is a short page of its own."""
    for url in es_urls:
        if url == "for-clinics/embed/":
            continue
        english = {tag["id"] for tag in page(built_site, url).select("article [id]")
                   if tag.name in ("h1", "h2", "h3", "h4")}
        spanish = {tag["id"] for tag in page(es_site, url).select("article [id]")
                   if tag.name in ("h1", "h2", "h3", "h4")}
        assert english - spanish == set(), url


def calls(text: str) -> list[str]:
    """The macro calls of a page that bring in shared text, in order."""
    return re.findall(r"\{\{\s*((?:fact|warning_signs?|local_rule|clinic_says|call_clinic|emergency|"
                      r"phone_box|phone_link|cite)\([^)]*\))", text)


# The Spanish embed page is a short page of its own (for web admins).
TRANSLATED = sorted(p.relative_to(ES_DOCS).as_posix() for p in ES_DOCS.rglob("*.md")
                    if p.relative_to(ES_DOCS).as_posix() != "for-clinics/embed.md")


@pytest.mark.parametrize("source", TRANSLATED)
def test_spanish_page_shows_the_same_shared_facts_as_english(source):
    """One fact, one place: a page shows the same facts, signs, rules and
    sources in both languages, from the same macros (a fix is made once)."""
    english = (ROOT / "docs" / source).read_text(encoding="utf-8")
    spanish = (ES_DOCS / source).read_text(encoding="utf-8")
    assert sorted(calls(spanish)) == sorted(calls(english))


def test_a_dropped_fact_is_caught():
    assert calls("a {{ fact('rest_time') }} b {{ cite('harbin') }}") == ["fact('rest_time')", "cite('harbin')"]
    assert sorted(calls("{{ cite('harbin') }}")) != sorted(calls("{{ fact('x') }} {{ cite('harbin') }}"))


# ----------------------------------------------------------------------------
# Medical text: Spanish beside English, the same numbers
# ----------------------------------------------------------------------------


def texts(node, path=""):
    """Every {en: ..., es: ...} text in facts.yml, with where it is."""
    if isinstance(node, dict):
        if "en" in node and isinstance(node["en"], str):
            yield path, node
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}" if path else key)


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?", text)


def test_every_medical_text_has_spanish_with_the_same_numbers_and_placeholders():
    data = yaml.safe_load((ROOT / FACTS_FILE).read_text(encoding="utf-8"))
    found = list(texts(data))
    assert len(found) > 30
    for where, entry in found:
        assert entry.get("es", "").strip(), f"{where}: no Spanish"
        assert numbers(entry["es"]) == numbers(entry["en"]), where
        placeholders = re.compile(r"\{[a-z_:]+\}")
        assert placeholders.findall(entry["es"]) == placeholders.findall(entry["en"]), where
        assert entry["es"].count("**") == entry["en"].count("**"), where


def test_spanish_warning_signs_are_shown_word_for_word(es_site):
    """Every emergency sign, in its Spanish words, in the danger box of When to get help."""
    data = yaml.safe_load((ROOT / FACTS_FILE).read_text(encoding="utf-8"))
    box = page(es_site, "get-help/").select_one(".admonition.danger.gib-tier")
    shown = re.sub(r"\s+", " ", box.get_text(" "))
    for sign, entry in data["tiers"]["emergency"]["signs"].items():
        head = re.match(r"\*\*(.+?)\*\*", entry["es"])[1]
        assert head in shown, sign
    assert "emergencias" in shown
    assert set(TIERS) == set(data["tiers"])


# ----------------------------------------------------------------------------
# Words: every table in both languages, no English left on Spanish pages
# ----------------------------------------------------------------------------


def test_the_build_words_exist_in_both_languages():
    assert set(WORDS["en"]) == set(WORDS["es"])
    assert set(WORDS["en"]["neutral"]) == set(WORDS["es"]["neutral"])


def theme_words(lang: str) -> dict:
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))
    module = env.get_template("partials/words.html").make_module(
        {"config": {"theme": {"language": lang}}, "base_url": "."})
    return module.WORDS[lang]


def test_the_theme_words_exist_in_both_languages():
    english, spanish = theme_words("en"), theme_words("es")
    assert set(english) == set(spanish)
    assert all(spanish[key] != english[key] for key in ("worried", "when_help", "last_reviewed", "edition"))


ENGLISH_LEFT = ["Last reviewed", "Next review due", "Worried after your injection", "When to get help",
                "Sources for this page", "Edition ", "Main points", "Key facts", "Get help",
                "How this guide is written", "write it on your printed copy", "Call your emergency number",
                "Tap or click", "your local emergency number", "Your clinic will tell you"]


def test_no_english_words_on_spanish_pages(es_site, es_urls):
    leaks = []
    for url in es_urls:
        soup = page(es_site, url)
        for hidden in soup.select("script, style, [lang=en], .gib-sources, svg"):
            hidden.decompose()
        text = re.sub(r"\s+", " ", soup.get_text(" "))
        leaks += [f"{url or 'home'}: {word!r}" for word in ENGLISH_LEFT if word in text]
    assert leaks == []


# ----------------------------------------------------------------------------
# Readability: INFLESZ >= 65 on every Spanish patient page
# ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def inflesz(es_site, es_urls, report):
    rows = [row for row in readability.measure(es_site, "es") if row[0] in es_urls]
    report.append("Spanish pages, INFLESZ (Szigriszt-Pazos, textstat 0.7.4, set_lang('es')):\n"
                  + readability.table(rows, "es"))
    return rows


def test_spanish_patient_pages_score_65_or_more(inflesz, es_urls):
    held = [row for row in inflesz if not row[3]]
    assert len(held) >= 12
    low = [f"{url or 'home'}: {score:.1f}" for url, _, score, exempt in inflesz
           if not exempt and score < readability.INFLESZ_LIMIT]
    assert low == []


def test_inflesz_counts_hard_spanish_as_hard():
    easy = readability.article_text("<article><p>Puede irse a casa. Descanse hoy.</p></article>")
    hard = readability.article_text(
        "<article><p>La administración percutánea fluoroscópicamente guiada de corticoesteroides "
        "particulados en la unión sacrococcígea requiere consideraciones farmacológicas "
        "individualizadas.</p></article>")
    assert readability.inflesz(hard) < 40 < 80 < readability.inflesz(easy)
    assert readability.grade("You can go home. Rest today.") < 4  # English scoring is back


# ----------------------------------------------------------------------------
# Between the languages: switcher, sitemaps, robots.txt, "not found"
# ----------------------------------------------------------------------------


def switch_link(site: Path, url: str) -> str:
    link = page(site, url).select_one(".gib-language__link")
    return link["href"]


def resolve(url: str, href: str) -> str:
    parts = [p for p in url.split("/") if p]
    for part in href.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts) + "/" if parts else ""


def test_the_switcher_leads_to_the_same_page_in_the_other_language(built_site, nav_urls, mkdocs_config):
    skip = english_only(mkdocs_config)
    for url in nav_urls:
        target = resolve(url, switch_link(built_site, url))
        assert target == ("es/" if url in skip else "es/" + url), url
        assert (built_site / target / "index.html").is_file()
        if url not in skip:
            back = resolve(target, switch_link(built_site, target))
            assert back == url, target


def test_sitemaps_pair_each_page_with_its_other_language(built_site, site_url, es_urls):
    english = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    spanish = (built_site / "es" / "sitemap.xml").read_text(encoding="utf-8")
    for url in es_urls:
        pair = (f'hreflang="en" href="{site_url}{url}"', f'hreflang="es" href="{site_url}es/{url}"')
        for sitemap in (english, spanish):
            assert all(link in sitemap for link in pair), url
    assert f"<loc>{site_url}es/risks/</loc>" in spanish
    assert f"<loc>{site_url}es/" not in english
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url}sitemap.xml" in robots and f"Sitemap: {site_url}es/sitemap.xml" in robots


def test_not_found_speaks_spanish_too(built_site):
    """GitHub Pages shows the site's one 404 page for any address, /es/ ones too."""
    root = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    section = root.select_one("article section[lang=es]")
    assert "no encontramos esa página" in section.get_text()
    assert section.select_one("a[hreflang=es]")["href"].endswith("/es/")
    spanish = BeautifulSoup((built_site / "es" / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert spanish.select_one("article h1").get_text().startswith("Lo sentimos")


# ----------------------------------------------------------------------------
# Honest status, and the clinic's settings in both languages
# ----------------------------------------------------------------------------


def test_every_spanish_page_says_the_translation_check_is_pending(es_site, es_urls, built_site, nav_urls):
    for url in es_urls:
        status = page(es_site, url).select_one(".gib-review .gib-translation")
        assert status and "sin revisar" in status.get_text(), url
    assert all(page(built_site, url).select_one(".gib-translation") is None for url in nav_urls)


@pytest.fixture(scope="module")
def clinic_build(tmp_path_factory):
    """Both languages, with a clinic whose driving rule is written per language
    and whose translation has been checked."""
    tmp = tmp_path_factory.mktemp("es-clinic")
    settings = dict(SAMPLE_CLINIC,
                    driving={"en": "Do not drive until tomorrow morning.",
                             "es": "No maneje hasta mañana por la mañana."},
                    translation_reviewer="Lic. Marta Ruiz <interpreter>",
                    translation_review_date="2026-11-30")
    project = with_clinic(copy_project(tmp / "project"), settings)
    result = mkdocs_build(project, tmp / "site", languages="en es")
    assert result.returncode == 0, result.output
    return result.site


def test_a_rule_written_per_language_shows_in_each(clinic_build):
    english = page(clinic_build, "procedure/before/").get_text()
    spanish = page(clinic_build / "es", "procedure/before/").get_text()
    assert "Do not drive until tomorrow morning." in english and "No maneje hasta mañana" not in english
    assert "No maneje hasta mañana por la mañana." in spanish and "tomorrow morning" not in spanish
    # A rule written once shows as written in both; the phone is shared.
    assert SAMPLE_CLINIC["fasting"] in english and SAMPLE_CLINIC["fasting"] in spanish
    assert "tel:+441234567890" in str(page(clinic_build / "es", "get-help/"))


def test_the_translation_check_names_who_and_when(clinic_build):
    status = page(clinic_build / "es", "risks/").select_one(".gib-translation").get_text(" ")
    status = re.sub(r"\s+", " ", status)
    assert "Lic. Marta Ruiz <interpreter>" in status and "30 de noviembre de 2026" in status


def test_a_rule_missing_one_language_stops_the_build_in_one_line(tmp_path):
    project = with_clinic(copy_project(tmp_path / "project"),
                          dict(SAMPLE_CLINIC, driving={"en": "Do not drive today."}))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    lines = [line for line in result.output.splitlines() if "clinic.driving" in line]
    assert len(lines) == 1 and "en, es" in lines[0] and "Traceback" not in result.output


# ----------------------------------------------------------------------------
# In the browser: axe, print
# ----------------------------------------------------------------------------


def test_axe_finds_no_violations_on_spanish_pages(visit, site_server, es_urls):
    axe = Axe()
    problems = []
    for scheme in ("light", "dark"):
        tab = visit(color_scheme=scheme, **PHONE)
        # Every page in light; in dark, the pages with the most colour (boxes, tables, figures).
        urls = es_urls if scheme == "light" else ["", "get-help/", "risks/", "print/"]
        for url in urls:
            tab.page.goto(site_server.url("es/" + url), wait_until="load")
            problems += describe_violations(f"es/{url} ({scheme})",
                                            axe.run(tab.page, options=AXE_OPTIONS).response["violations"])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("paper", PAPERS)
def test_spanish_checklist_prints_on_two_sheets(visit, site_server, paper):
    tab = visit()
    sheets = pdf_pages(print_pdf(tab.page, site_server.url("es/" + CHECKLIST), paper))
    assert 1 <= len(sheets) <= MAX_SHEETS, f"{paper}: {len(sheets)} sheets"
    assert "Bloqueo del ganglio impar" in sheets[0]


def test_source_markers_are_spoken_in_spanish(es_site):
    faq = page(es_site, "faq/")
    markers = faq.select("sup.gib-cite a")
    assert len(markers) > 20
    assert all(re.fullmatch(r"fuente \d+", link["aria-label"]) for link in markers)
    backs = faq.select(".gib-cite-back")
    assert backs and all(back["aria-label"] == "Volver a donde se cita por primera vez la fuente "
                         + back["href"].removeprefix("#cite-") for back in backs)
    assert faq.select_one("#sources-for-this-page").get_text().startswith("Fuentes de esta página")
