"""Clinic settings (clinic.yml): checked at build time, shown where needed, escaped."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest
from bs4 import BeautifulSoup

from clinic import (NEUTRAL, ClinicError, call_clinic, check_clinic, clinic_says, contrast_ratio,
                    escape_markdown, load_clinic, local_rule, phone_link, read_edition, settings)
from support import PHONE, ROOT, clinic_yaml, copy_project, mkdocs_build, serve, syntax_leaks

TODAY = dt.date.today()
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
    "clinical_reviewer": "Dr Ana Ortega, pain medicine",
    "clinical_review_date": TODAY.isoformat(),
}
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title><rect width="10" height="10"/></svg>'


def words(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def with_clinic(project, settings: dict, text: str | None = None):
    """Write the copy's clinic.yml (from ``settings``, or ``text`` as typed) and the logo."""
    (project / "clinic.yml").write_text(text or clinic_yaml(settings), encoding="utf-8")
    (project / "docs" / SAMPLE["logo"]).write_text(LOGO, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory):
    """The project built with the sample clinic."""
    tmp = tmp_path_factory.mktemp("clinic")
    project = with_clinic(copy_project(tmp / "project"), SAMPLE)
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result.site


def soup(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


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
    assert clinic["clinical_review_date_words"] == words(TODAY)


def test_empty_block_reads_neutrally(tmp_path):
    clinic = check_clinic({"name": None, "fasting": ""}, tmp_path)
    assert clinic["emergency_number"] == "your local emergency number"
    assert clinic["phone_tel"] is None
    for key, words_ in NEUTRAL.items():
        assert local_rule(clinic, key) == words_
        assert "will tell you" in words_


BAD_SVG = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "onload": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    "href": '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
    "foreign": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
}
P = "clinic.yml: clinic."
BAD = [
    ({"phon": "0123"}, P + "phon: got '0123'; expected one of the known settings"),
    ({"name": 42}, P + "name: got 42; expected text"),
    ({"name": "x" * 81}, P + "name: got 'xxxxx"),
    ({"name": "x" * 10_000}, "(10000 characters); expected at most 80 characters"),
    ({"phone": "12ab"}, P + "phone: got '12ab'; expected a phone number"),
    ({"after_hours_phone": "+44 (0) 1234 567890 ext"}, P + "after_hours_phone: got '+44 (0) 1234 567890 ext'; expected a phone number"),
    ({"emergency_number": "1"}, P + "emergency_number: got '1'; expected a phone number"),
    ({"website": "http://clinic.example"}, P + "website: got 'http://clinic.example'; expected a web address starting with https://"),
    ({"website": 'https://x.example/"><script>alert(1)</script>'}, P + "website: got 'https://x.example/\"><script>alert(1)</script>'; expected a web address"),
    ({"website": "javascript:alert(1)"}, P + "website: got 'javascript:alert(1)'; expected a web address"),
    ({"accent_color": "blue"}, P + "accent_color: got 'blue'; expected a hex colour"),
    ({"accent_color": "#7fb3e6"}, P + "accent_color: got '#7fb3e6'; white text on it has a contrast of 2.21:1, expected at least 4.5:1"),
    ({"logo": "assets/images/missing.svg"}, P + "logo: got 'assets/images/missing.svg'; expected an existing file under docs/"),
    ({"logo": "../mkdocs.yml"}, P + "logo: got '../mkdocs.yml'; expected an image file"),
    ({"arrival_minutes_before": "thirty"}, P + "arrival_minutes_before: got 'thirty'; expected a whole number of minutes"),
    ({"arrival_minutes_before": "030"}, P + "arrival_minutes_before: got '030'; expected a whole number of minutes from 1 to 600 without a leading 0"),
    ({"arrival_minutes_before": "0x1E"}, P + "arrival_minutes_before: got '0x1E'; expected a whole number of minutes"),
    ({"arrival_minutes_before": True}, P + "arrival_minutes_before: got True; expected a whole number of minutes"),
    ({"observation_minutes": 0}, P + "observation_minutes: got 0; expected a whole number of minutes"),
    ({"bring": ["glasses", 3]}, P + "bring: got ['glasses', 3]; expected text, or a list of text items"),
    ({"bring": ["x"] * 13}, P + "bring: got ['x'"),
    ({"fasting": "Eat nothing.\n\nDrink water."}, P + "fasting: got 'Eat nothing.\\n\\nDrink water.'; expected one paragraph of plain text, without line breaks"),
    ({"driving": "No.\n# Heading"}, P + "driving: got 'No.\\n# Heading'; expected one paragraph"),
    ({"blood_thinners": "Stop.\n- one\n- two"}, P + "blood_thinners: got 'Stop.\\n- one\\n- two'; expected one paragraph"),
    ({"fasting": "x" * 601}, "expected at most 600 characters"),
    ({"address": "Mill\x07Lane"}, P + "address: got 'Mill\\x07Lane'; expected plain text without control characters"),
    ({"driving": False}, P + "driving: got False; expected text in quotes"),
    ({"clinical_reviewer": "Dr A"}, P + "clinical_review_date: got nothing; expected both clinical_reviewer and clinical_review_date, or neither"),
    ({"clinical_review_date": "2026-11-30"}, P + "clinical_reviewer: got nothing; expected both"),
    ({"clinical_reviewer": "Dr A", "clinical_review_date": "2026-13-45"}, P + "clinical_review_date: got '2026-13-45'; expected a real date written YYYY-MM-DD"),
    ({"clinical_reviewer": "Dr A", "clinical_review_date": "1 Dec 2026"}, P + "clinical_review_date: got '1 Dec 2026'; expected a real date"),
    ({"clinical_reviewer": "Dr A", "clinical_review_date": (TODAY + dt.timedelta(days=1)).isoformat()}, P + "clinical_review_date: got '" + (TODAY + dt.timedelta(days=1)).isoformat() + "'; expected a date that has passed"),
    ({"clinical_reviewer": "Dr A", "clinical_review_date": "2026-01-01"}, P + "clinical_review_date: got '2026-01-01'; expected a date on or after this edition's date (2026-11-25)"),
    ("Riverside", "clinic.yml: clinic: got 'Riverside'; expected a block of settings"),
]


@pytest.mark.parametrize("settings_, message", BAD, ids=[f"{i}-{m.split(';')[0][-40:]}" for i, (_, m) in enumerate(BAD)])
def test_bad_setting_is_refused_with_a_one_line_message(tmp_path, settings_, message):
    with pytest.raises(ClinicError) as caught:
        check_clinic(settings_, tmp_path, edition_date=dt.date(2026, 11, 25), today=TODAY)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400


@pytest.mark.parametrize("kind", sorted(BAD_SVG))
def test_svg_logo_that_can_run_code_is_refused(tmp_path, kind):
    (tmp_path / "logo.svg").write_text(BAD_SVG[kind])
    with pytest.raises(ClinicError, match=r"^clinic.yml: clinic.logo: got 'logo.svg'; expected an image without scripts, found "):
        check_clinic({"logo": "logo.svg"}, tmp_path)


def test_plain_svg_and_png_logos_are_accepted(tmp_path):
    (tmp_path / "logo.svg").write_text(LOGO)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert check_clinic({"logo": "logo.svg"}, tmp_path)["logo"] == "logo.svg"
    assert check_clinic({"logo": "logo.png"}, tmp_path)["logo"] == "logo.png"


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


# ----------------------------------------------------------------------------
# Reading clinic.yml: the YAML traps
# ----------------------------------------------------------------------------

TRAPS = [
    # (as typed in clinic.yml, the one-line error)
    ("clinic:\n  accent_color: #1a4f8b\n",
     'clinic.yml: clinic.accent_color: got nothing, because YAML reads the unquoted #1a4f8b as a comment; expected a hex colour in quotes — quote it: accent_color: "#1a4f8b"'),
    ("clinic:\n  accent_color: #1a4f8b   # our blue\n", "quote it"),
    ("clinic:\n  arrival_minutes_before: 030\n",
     "clinic.yml: clinic.arrival_minutes_before: got '030'; expected a whole number of minutes from 1 to 600 without a leading 0, e.g. 30"),
    ("clinic:\n  observation_minutes: 1:30\n", "clinic.yml: clinic.observation_minutes: got '1:30'; expected a whole number"),
    ("clinic:\n  observation_minutes: 30.0\n", "clinic.yml: clinic.observation_minutes: got '30.0'; expected a whole number"),
    ("clinic:\n  clinical_reviewer: Dr A\n  clinical_review_date: 2026-13-45\n",
     "clinic.yml: clinic.clinical_review_date: got '2026-13-45'; expected a real date written YYYY-MM-DD"),
    ("clinic:\n  name: \"Riverside\n  phone: 999\n", "clinic.yml: line 4: not valid YAML"),
    ("name: Riverside\n", "clinic.yml: expected one block, 'clinic:', with the settings indented under it"),
    ("clinic:\n  fasting: |\n    Eat nothing.\n    # Drink water.\n", "clinic.yml: clinic.fasting: got 'Eat nothing.\\n# Drink water.'; expected one paragraph"),
]


@pytest.mark.parametrize("typed, message", TRAPS, ids=[t.split("\n")[1].strip()[:30] for t, _ in TRAPS])
def test_yaml_traps_in_clinic_yml_are_named(tmp_path, typed, message):
    (tmp_path / "clinic.yml").write_text(typed)
    with pytest.raises(ClinicError) as caught:
        raw, raw_text = load_clinic(tmp_path / "clinic.yml")
        check_clinic(raw, tmp_path, raw_text=raw_text, today=TODAY)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_yaml_reads_what_was_meant(tmp_path):
    """Unquoted numbers and dates are fine when they mean what they say."""
    (tmp_path / "clinic.yml").write_text(
        "clinic:\n  name:        # e.g. \"Riverside\"\n  emergency_number: 999\n"
        "  arrival_minutes_before: 30\n  accent_color: \"#1a4f8b\"\n"
        "  clinical_reviewer: Dr A, nurse\n  clinical_review_date: 2026-11-26\n"
    )
    raw, raw_text = load_clinic(tmp_path / "clinic.yml")
    clinic = check_clinic(raw, tmp_path, raw_text=raw_text, today=TODAY)
    assert clinic["name"] is None and clinic["emergency_number"] == "999"
    assert clinic["arrival_minutes_before"] == 30 and clinic["accent_color"] == "#1a4f8b"
    assert clinic["clinical_review_date_words"] == "26 November 2026"


def test_shipped_clinic_files_are_valid_and_empty(tmp_path):
    """clinic.yml ships empty; clinic.example.yml is a valid, complete example."""
    raw, _ = load_clinic(ROOT / "clinic.yml")
    derived = {"phone_tel", "after_hours_phone_tel", "emergency_number_tel",
               "clinical_review_date_words", "clinical_review_date_iso",
               "translation_review_date_words", "translation_review_date_iso"}
    assert set(raw) == set(check_clinic({}, tmp_path)) - derived
    assert all(value is None for value in raw.values())
    example, example_text = load_clinic(ROOT / "clinic.example.yml")
    assert set(example) == set(raw)
    (tmp_path / "assets/images").mkdir(parents=True)
    (tmp_path / example["logo"]).write_text(LOGO)
    assert check_clinic(example, tmp_path, raw_text=example_text, today=TODAY)["name"]


def test_settings_left_in_mkdocs_yml_are_refused(tmp_path):
    with pytest.raises(ClinicError, match=r"^mkdocs.yml: extra.clinic: the clinic's settings now live in clinic.yml"):
        settings(ROOT, ROOT / "docs", legacy={"name": "Riverside", "phone": None})
    # An empty old block, or the checked block itself (a second run), is fine.
    assert settings(ROOT, ROOT / "docs", legacy={"name": None})[0]["name"] is None
    checked = settings(ROOT, ROOT / "docs")[0]
    assert settings(ROOT, ROOT / "docs", legacy=checked)[0] == checked


# ----------------------------------------------------------------------------
# The edition, from CHANGELOG.md
# ----------------------------------------------------------------------------


def test_edition_is_the_top_release_of_the_changelog():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    edition = read_edition(ROOT / "CHANGELOG.md")
    top = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d\d-\d\d)$", text, re.M)
    assert (edition["version"], edition["iso"]) == (top[1], top[2])
    # Keep a Changelog, with a Medical content part in every release.
    releases = re.split(r"^## ", text, flags=re.M)[1:]
    assert releases[0].startswith("[Unreleased]")
    for release in releases:
        assert "\n### Medical content\n" in release, release.splitlines()[0]


@pytest.mark.parametrize("text, message", [
    ("# Changelog\n\n## [Unreleased]\n", "CHANGELOG.md: no release heading; expected one such as '## [1.0.0] - 2026-11-30'"),
    ("## [1.0.0] - 2026-02-30\n### Medical content\n", "CHANGELOG.md: release 1.0.0: got '2026-02-30'; expected a real date"),
    ("## [1.1.0] - 2026-12-01\n### Added\n- x\n## [1.0.0] - 2026-11-25\n### Medical content\n",
     "CHANGELOG.md: release 1.1.0: expected a '### Medical content' part"),
])
def test_bad_changelog_is_named(tmp_path, text, message):
    (tmp_path / "CHANGELOG.md").write_text(text)
    with pytest.raises(ClinicError) as caught:
        read_edition(tmp_path / "CHANGELOG.md")
    assert str(caught.value).startswith(message)


# ----------------------------------------------------------------------------
# Escaping: a clinic's text is shown as written, never run as markup
# ----------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> # not a heading - *b* [x](javascript:alert(3)) & \\ `c` |t| --8<-- "x"'


def render(text: str) -> str:
    """Markdown as the site renders it (the same extensions that matter)."""
    return markdown.markdown(text, extensions=["abbr", "attr_list", "def_list", "md_in_html", "tables"])


@pytest.mark.parametrize("prefix", ["", "- ", "1. ", "# ", "> "])
def test_escaped_text_renders_exactly_as_written(prefix):
    html = render(prefix + escape_markdown(HOSTILE))
    page = BeautifulSoup(html, "html.parser")
    assert page.get_text().strip() == HOSTILE
    assert not page.find(["script", "img", "a", "code", "em", "strong"])


def test_macros_escape_every_clinic_value(tmp_path):
    clinic = check_clinic({"name": "Smith & Jones <East>", "phone": "999", "fasting": HOSTILE,
                           "bring": [HOSTILE, "- a dash"]}, tmp_path)
    for key in ("fasting", "bring"):
        page = BeautifulSoup(render(local_rule(clinic, key)), "html.parser")
        assert HOSTILE in page.get_text() and not page.find(["script", "img", "a", "h1"])
    said = BeautifulSoup(render(clinic_says(clinic, "fasting")), "html.parser")
    assert said.find("strong").get_text() == "Smith & Jones <East> says:"
    call = BeautifulSoup(render(call_clinic(clinic)), "html.parser")
    assert call.get_text() == "call Smith & Jones <East> on 999" and call.find("a")["href"] == "tel:999"


@pytest.mark.parametrize("macro", [local_rule, clinic_says, phone_link])
def test_unknown_key_in_a_macro_is_a_one_line_error_listing_valid_names(tmp_path, macro):
    clinic = check_clinic({}, tmp_path)
    bad = "fax" if macro is phone_link else "fastng"
    with pytest.raises(ClinicError) as caught:
        macro(clinic, bad)
    assert str(caught.value).startswith(f"{macro.__name__}('{bad}'): no such setting; expected one of: ")
    assert ("phone, after_hours_phone" if macro is phone_link else "fasting, blood_thinners, driving") in str(caught.value)


def test_unset_phone_gives_no_link_and_no_none(tmp_path):
    assert phone_link(check_clinic({}, tmp_path), "phone") == ""


# ----------------------------------------------------------------------------
# Builds: errors stop it with one line
# ----------------------------------------------------------------------------

BUILD_ERRORS = [
    # (clinic.yml as typed, or None; a line appended to docs/risks.md, or None; expected line)
    ("clinic:\n  phone: 12ab\n", None, "clinic.yml: clinic.phone: got '12ab'; expected a phone number"),
    ("clinic:\n  accent_color: #1a4f8b\n", None, "clinic.yml: clinic.accent_color: got nothing, because YAML reads the unquoted #1a4f8b as a comment"),
    ("clinic:\n  arrival_minutes_before: 030\n", None, "clinic.yml: clinic.arrival_minutes_before: got '030'"),
    (f"clinic:\n  name: \"{'x' * 10_000}\"\n", None, "(10000 characters); expected at most 80 characters"),
    ("clinic:\n  clinical_reviewer: Dr A\n  clinical_review_date: 2099-01-01\n", None, "clinic.yml: clinic.clinical_review_date: got '2099-01-01'; expected a date that has passed"),
    (None, '{{ local_rule("fastng") }}', "risks.md: local_rule('fastng'): no such setting; expected one of: fasting,"),
    (None, '{{ clinic_says("fastng") }}', "risks.md: clinic_says('fastng'): no such setting; expected one of: fasting,"),
    (None, '{{ phone_link("fax") }}', "risks.md: phone_link('fax'): no such setting; expected one of: phone,"),
]


@pytest.mark.parametrize("typed, line, message", BUILD_ERRORS, ids=[m[:45] for *_, m in BUILD_ERRORS])
def test_bad_setting_or_macro_call_stops_the_build_with_one_line(tmp_path, typed, line, message):
    project = copy_project(tmp_path / "project")
    if typed:
        (project / "clinic.yml").write_text(typed, encoding="utf-8")
    if line:
        page = project / "docs" / "risks.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.output and "```" not in result.output
    [found] = [row for row in result.output.splitlines() if message in row]
    assert len(found) < 400 + len(message)


def test_old_settings_in_mkdocs_yml_stop_the_build_with_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra:\n", "extra:\n  clinic:\n    name: \"Riverside\"\n", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "mkdocs.yml: extra.clinic: the clinic's settings now live in clinic.yml" in result.output


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


def test_footer_and_header_carry_the_clinic_and_the_edition(clinic_site, nav_urls):
    edition = read_edition(ROOT / "CHANGELOG.md")
    for url in nav_urls:
        page = soup(clinic_site, url)
        footer = page.find("footer")
        assert {"tel:+441234567890", "tel:+441234567000"} <= tel_links(footer), url
        assert f"Edition {edition['version']}, {edition['words']}." in text_of(footer), url
        bar = page.select_one(".gib-help-bar")
        assert "Riverside Pain Clinic" in bar.get_text(), url
        logo = bar.find("img")
        assert logo["alt"] == "Riverside Pain Clinic" and logo["src"].endswith("test-clinic-logo.svg")


def test_every_patient_page_shows_the_clinical_sign_off(clinic_site, nav_urls):
    line = f"Checked for Riverside Pain Clinic by Dr Ana Ortega, pain medicine on {words(TODAY)}."
    for url in nav_urls:
        review = text_of(soup(clinic_site, url).select_one(".gib-review"))
        if url.startswith("for-clinics/"):
            assert "Checked for" not in review, url
        else:
            assert line in review, url
            assert "pending" not in review, url


def test_without_a_sign_off_pages_say_review_is_pending(built_site, nav_urls):
    for url in nav_urls:
        review = text_of(soup(built_site, url).select_one(".gib-review"))
        assert "Checked for" not in review
        assert "clinical review pending" in review, url


def test_website_and_address_show_without_a_name(tmp_path):
    project = with_clinic(copy_project(tmp_path / "project"),
                          {"website": "https://clinic.example", "address": "Mill Lane"})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    footer = soup(result.site, "").find("footer")
    assert "Mill Lane" in footer.get_text()
    assert footer.find("a", href="https://clinic.example")


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
    assert syntax_leaks(clinic_site, nav_urls) == []


def test_without_a_clinic_block_pages_read_neutrally(built_site):
    before = soup(built_site, "procedure/before/").find("article").get_text(" ")
    assert NEUTRAL["fasting"] in before and NEUTRAL["arrival_minutes_before"] in before
    helps = soup(built_site, "get-help/").find("article")
    # No clinic number is invented; at most the page's example emergency numbers.
    assert tel_links(helps) <= {"tel:911", "tel:999", "tel:112"}
    assert "your local emergency number" in helps.get_text()
    for url in ("procedure/after/", "get-help/"):
        text = soup(built_site, url).get_text(" ")
        assert "says:" not in text  # no clinic rule invented
        assert "None" not in text


@pytest.mark.browser
def test_accent_colour_reaches_the_page(visit, site_server, clinic_site):
    server, httpd = serve(clinic_site, site_server.prefix)
    try:
        tab = visit(**PHONE)
        tab.page.goto(server.url("get-help/"), wait_until="load")
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


@pytest.mark.browser
@pytest.mark.parametrize("view", ["page", "embed", "print"])
def test_sign_off_is_visible_on_screen_in_the_embed_and_on_paper(visit, site_server, clinic_site, view):
    server, httpd = serve(clinic_site, site_server.prefix)
    try:
        tab = visit(**PHONE)
        if view == "print":
            tab.page.emulate_media(media="print")
        tab.page.goto(server.url("procedure/after/" + ("?embed" if view == "embed" else "")), wait_until="load")
        if view == "embed":
            assert tab.page.evaluate("document.documentElement.classList.contains('gib-embed')")
        check = tab.page.locator(".gib-clinical-check")
        assert check.is_visible()
        assert check.inner_text().startswith("Checked for Riverside Pain Clinic by Dr Ana Ortega")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_pages_can_show_the_edition(tmp_path):
    """``{{ edition.version }}`` and ``{{ edition.words }}`` work in any page (e.g. About)."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nThis is edition {{ edition.version }} of {{ edition.words }}.\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    edition = read_edition(ROOT / "CHANGELOG.md")
    text = text_of(soup(result.site, "about/").find("article"))
    assert f"This is edition {edition['version']} of {edition['words']}." in text
