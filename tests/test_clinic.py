"""Clinic settings (extra.clinic): checked at build time, shown where needed."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from clinic import ClinicError, check_clinic, contrast_ratio, local_rule, NEUTRAL
from conftest import copy_project, mkdocs_build
from test_browser import PHONE

SAMPLE = {
    "name": "Riverside Pain Clinic",
    "phone": "+44 1234 567890",
    "after_hours_phone": "+44 1234 567000",
    "emergency_number": "999",
    "website": "https://riverside-pain.example",
    "address": "Riverside Hospital, Mill Lane",
    "logo": "assets/images/test-clinic-logo.svg",
    "accent_color": "#1a4f8b",
    "fasting": "Stop eating 2 hours before your appointment.",
    "blood_thinners": "Our nurse will call you about blood thinners.",
    "driving": "Do not drive until the next morning.",
    "arrival_minutes_before": 30,
    "observation_minutes": 45,
    "bring": ["your list of medicines", "your appointment letter"],
}
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title><rect width="10" height="10"/></svg>'


def yaml_value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return str(value) if isinstance(value, int) else f'"{value}"'


def with_clinic(project, settings: dict):
    """Replace the clinic block in the copy's mkdocs.yml with ``settings``."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    block = "".join(f"    {key}: {yaml_value(value)}\n" for key, value in settings.items())
    text, count = re.subn(r"(  clinic:\n)(?:    .*\n)+", lambda m: m[1] + block, text)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    logo = project / "docs" / SAMPLE["logo"]
    logo.write_text(LOGO, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory):
    """The project built with the sample clinic block."""
    tmp = tmp_path_factory.mktemp("clinic")
    project = with_clinic(copy_project(tmp / "project"), SAMPLE)
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result.site


def soup(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


# ----------------------------------------------------------------------------
# Checking the block (plain functions)
# ----------------------------------------------------------------------------


def test_sample_block_is_accepted_and_completed(tmp_path):
    (tmp_path / "assets/images").mkdir(parents=True)
    (tmp_path / SAMPLE["logo"]).write_text(LOGO)
    clinic = check_clinic(SAMPLE, tmp_path)
    assert clinic["phone_tel"] == "tel:+441234567890"
    assert clinic["emergency_number_tel"] == "tel:999"
    assert clinic["bring"] == SAMPLE["bring"]


def test_empty_block_reads_neutrally(tmp_path):
    clinic = check_clinic({"name": None, "fasting": ""}, tmp_path)
    assert clinic["emergency_number"] == "your local emergency number"
    assert clinic["phone_tel"] is None
    for key, words in NEUTRAL.items():
        assert local_rule(clinic, key) == words
        assert "will tell you" in words


BAD = [
    ({"phon": "0123"}, "extra.clinic.phon: got '0123'; expected one of the known settings"),
    ({"name": 42}, "extra.clinic.name: got 42; expected text"),
    ({"phone": "12ab"}, "extra.clinic.phone: got '12ab'; expected a phone number"),
    ({"after_hours_phone": "+44 (0) 1234 567890 ext"}, "extra.clinic.after_hours_phone: got '+44 (0) 1234 567890 ext'; expected a phone number"),
    ({"emergency_number": "1"}, "extra.clinic.emergency_number: got '1'; expected a phone number"),
    ({"website": "http://clinic.example"}, "extra.clinic.website: got 'http://clinic.example'; expected a web address starting with https://"),
    ({"accent_color": "blue"}, "extra.clinic.accent_color: got 'blue'; expected a hex colour"),
    ({"accent_color": "#7fb3e6"}, "extra.clinic.accent_color: got '#7fb3e6'; white text on it has a contrast of 2.21:1, expected at least 4.5:1"),
    ({"logo": "assets/images/missing.svg"}, "extra.clinic.logo: got 'assets/images/missing.svg'; expected an existing file under docs/"),
    ({"logo": "../mkdocs.yml"}, "extra.clinic.logo: got '../mkdocs.yml'; expected an image file"),
    ({"arrival_minutes_before": "thirty"}, "extra.clinic.arrival_minutes_before: got 'thirty'; expected a whole number of minutes"),
    ({"observation_minutes": 0}, "extra.clinic.observation_minutes: got 0; expected a whole number of minutes"),
    ({"bring": ["glasses", 3]}, "extra.clinic.bring: got ['glasses', 3]; expected text, or a list of text items"),
    ("Riverside", "extra.clinic: got 'Riverside'; expected a block of settings"),
]


@pytest.mark.parametrize("settings, message", BAD, ids=[m.split(":")[0] + str(i) for i, (_, m) in enumerate(BAD)])
def test_bad_setting_is_refused_with_a_one_line_message(tmp_path, settings, message):
    with pytest.raises(ClinicError) as caught:
        check_clinic(settings, tmp_path)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_bad_block_stops_the_build_with_its_message(tmp_path):
    project = with_clinic(copy_project(tmp_path / "project"), {"phone": "12ab"})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.clinic.phone: got '12ab'; expected a phone number" in result.output
    assert "Traceback" not in result.output


# ----------------------------------------------------------------------------
# Where the values appear
# ----------------------------------------------------------------------------


def tel_links(page) -> set[str]:
    return {a["href"] for a in page.select("a[href^='tel:']")}


@pytest.mark.parametrize("url", ["get-help/", "procedure/after/"])
def test_clinic_numbers_are_tap_to_call_links(clinic_site, url):
    article = soup(clinic_site, url).find("article")
    assert {"tel:+441234567890", "tel:999"} <= tel_links(article), url
    assert "Riverside Pain Clinic" in article.get_text()


def test_footer_and_header_carry_the_clinic(clinic_site, nav_urls):
    for url in nav_urls:
        page = soup(clinic_site, url)
        footer = page.find("footer")
        assert {"tel:+441234567890", "tel:+441234567000"} <= tel_links(footer), url
        bar = page.select_one(".gib-help-bar")
        assert "Riverside Pain Clinic" in bar.get_text(), url
        logo = bar.find("img")
        assert logo["alt"] == "Riverside Pain Clinic" and logo["src"].endswith("test-clinic-logo.svg")


def test_local_rules_appear_on_before_and_after(clinic_site):
    before = soup(clinic_site, "procedure/before/").find("article").get_text(" ")
    assert SAMPLE["fasting"] in before
    assert SAMPLE["blood_thinners"] in before
    assert "arrive 30 minutes before" in before
    assert "your appointment letter" in before
    after = soup(clinic_site, "procedure/after/").find("article").get_text(" ")
    assert SAMPLE["driving"] in after
    assert "about 45 minutes" in after
    faq = re.sub(r"\s+", " ", soup(clinic_site, "faq/").find("article").get_text(" "))
    for key in ("fasting", "blood_thinners", "driving"):
        assert f"Riverside Pain Clinic says: {SAMPLE[key]}" in faq


def test_clinic_values_leave_no_raw_syntax(clinic_site, nav_urls):
    from test_content import syntax_leaks

    assert syntax_leaks(clinic_site, nav_urls) == []


def test_without_a_clinic_block_pages_read_neutrally(built_site):
    before = soup(built_site, "procedure/before/").find("article").get_text(" ")
    assert NEUTRAL["fasting"] in before and NEUTRAL["arrival_minutes_before"] in before
    helps = soup(built_site, "get-help/").find("article")
    assert tel_links(helps) == set()
    assert "your local emergency number" in helps.get_text()
    for url in ("procedure/after/", "get-help/"):
        text = soup(built_site, url).get_text(" ")
        assert "says:" not in text  # no clinic rule invented


def test_accent_colour_reaches_the_page(visit, site_server, clinic_site):
    from conftest import serve

    server, httpd = serve(clinic_site, site_server.prefix)
    try:
        tab = visit(**PHONE)
        tab.page.goto(server.url("get-help/"), wait_until="networkidle")
        colour = tab.page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        assert colour == "rgb(26, 79, 139)"
        link = tab.page.locator("article a[href='tel:+441234567890']").first
        assert link.is_visible()
        assert tab.console_errors == []
    finally:
        httpd.shutdown()
        httpd.server_close()
